//! Request bodies parsed as XML, where external entities are a risk.

use super::prelude::*;
use super::shared::media::{essence, request_media};

pub static RULE: Rule = Rule {
    id: "xml-request-body",
    severity: Severity::Info,
    owasp: Owasp::API8,
    cwe: 611,
    versions: ALL_VERSIONS,
    summary: "A request body accepts XML (XXE-prone parsers need hardening)",
    help: "accept JSON instead, or disable DTDs and external entities in the XML parser",
    doc: include_str!("../../rules/xml-request-body.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    for media in request_media(cx.spec) {
        let essence = essence(media.name);
        if matches!(essence.as_str(), "application/xml" | "text/xml") || essence.ends_with("+xml") {
            cx.report(
                media.node,
                format!("{} accepts XML ('{}')", media.owner, media.name),
            );
        }
    }
}
