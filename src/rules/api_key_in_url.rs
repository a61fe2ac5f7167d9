//! API keys sent in the URL, where logs, proxies and browsers keep them.

use super::prelude::*;
use crate::model::SchemeKind;

pub static RULE: Rule = Rule {
    id: "api-key-in-url",
    severity: Severity::Error,
    owasp: Owasp::API2,
    cwe: 598,
    versions: ALL_VERSIONS,
    summary: "An API key is sent in the URL (query or path)",
    help: "send the key in a header (`in: header`), or move to OAuth2 tokens",
    doc: include_str!("../../rules/api-key-in-url.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    for scheme in &cx.spec.security_schemes {
        let SchemeKind::ApiKey {
            location: Some(location),
        } = &scheme.kind
        else {
            continue;
        };
        let place = match location.as_str().map(str::to_ascii_lowercase).as_deref() {
            Some("query") => "the query string",
            Some("path") => "the URL path",
            _ => continue,
        };
        let param = scheme
            .node
            .get_str("name")
            .map(|n| format!(" as '{n}'"))
            .unwrap_or_default();
        cx.report(
            scheme.node,
            format!(
                "API key scheme '{}' is sent in {place}{param}: URLs end up in server and proxy logs, browser history and Referer headers",
                scheme.name
            ),
        );
    }
}
