//! Swagger 2.0 `schemes` that allow cleartext.

use super::prelude::*;
use super::shared::url::{authority, is_loopback};

pub static RULE: Rule = Rule {
    id: "scheme-plain-http",
    severity: Severity::Error,
    owasp: Owasp::API8,
    cwe: 319,
    versions: V2_ONLY,
    summary: "`schemes` allows plain HTTP",
    help: "list only `https` (and `wss`) in `schemes`",
    doc: include_str!("../../rules/scheme-plain-http.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    let spec = cx.spec;
    let host = spec.root.get_str("host").unwrap_or_default();
    if authority(host, true).is_some_and(|a| is_loopback(a.host)) {
        return;
    }
    let lists = std::iter::once(spec.root.get("schemes"))
        .chain(spec.operations.iter().map(|op| op.node.get("schemes")))
        .flatten();
    for list in lists {
        for scheme in list.items() {
            if let Some(name @ ("http" | "ws")) =
                scheme.as_str().map(str::to_ascii_lowercase).as_deref()
            {
                cx.report(scheme, format!("`schemes` allows plain '{name}'"));
            }
        }
    }
}
