//! Request bodies that accept any media type, so the caller picks the parser.

use super::prelude::*;
use super::shared::media::{essence, request_media};

pub static RULE: Rule = Rule {
    id: "request-content-type-wildcard",
    severity: Severity::Warning,
    owasp: Owasp::API8,
    cwe: 1287,
    versions: ALL_VERSIONS,
    summary: "A request body accepts any media type (`*/*` or `application/*`)",
    help: "list the concrete media types the operation parses (`application/json`, ...)",
    doc: include_str!("../../rules/request-content-type-wildcard.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    for media in request_media(cx.spec) {
        let essence = essence(media.name);
        if !matches!(essence.as_str(), "*/*" | "application/*" | "*")
            || media.schema.is_some_and(is_raw_bytes)
        {
            continue;
        }
        cx.report(
            media.node,
            format!("{} accepts any media type ('{}')", media.owner, media.name),
        );
    }
}

/// An opaque upload (`format: binary`, or a 3.1 `contentMediaType`/
/// `contentEncoding`) is stored, not parsed: any type is its point.
fn is_raw_bytes(schema: Node<'_>) -> bool {
    schema.get_str("format") == Some("binary")
        || schema.has("contentMediaType")
        || schema.has("contentEncoding")
}
