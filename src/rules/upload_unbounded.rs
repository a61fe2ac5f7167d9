//! File uploads without a size limit: the sender chooses how much disk and
//! memory the server spends.

use std::collections::HashSet;

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "upload-unbounded",
    severity: Severity::Warning,
    owasp: Owasp::API4,
    cwe: 770,
    versions: ALL_VERSIONS,
    summary: "A file upload has no maxLength",
    help: "add `maxLength` (in bytes) to the upload, and enforce the same limit in the gateway",
    doc: include_str!("../../rules/upload-unbounded.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    // Uploads are request content: a binary response is a download, even
    // when output schemas are judged.
    let mut uploads: Vec<Node<'_>> = cx
        .schemas()
        .filter(|s| s.input && is_upload(s.node))
        .map(|s| s.node)
        .collect();
    for media in cx.spec.request_media() {
        if !is_octet_stream(media.name) {
            continue;
        }
        match media.schema {
            // 2.0 `consumes` is shared: a JSON object body is no byte stream.
            Some(schema) if is_string_or_untyped(schema) => uploads.push(schema),
            Some(_) => {}
            // 2.0 form fields carry their own schema; a 3.x body without one
            // takes any number of bytes.
            None if cx.spec.is_v2() => {}
            None => cx.report(
                media.node,
                format!(
                    "'{}' request body has no schema, so no maxLength limits the upload",
                    media.name
                ),
            ),
        }
    }
    let mut seen = HashSet::new();
    for node in uploads {
        if seen.insert(node.key()) && !node.has("maxLength") {
            cx.report(
                node,
                format!("file upload {} has no maxLength", describe(node)),
            );
        }
    }
}

/// A 2.0 `type: file`, binary or base64 content, or 3.1 encoded content.
fn is_upload(schema: Node<'_>) -> bool {
    if SchemaType::of(schema).is("file") {
        return true;
    }
    let binary_format = schema
        .get_str("format")
        .is_some_and(|f| matches!(f, "binary" | "base64"));
    is_string_or_untyped(schema)
        && (binary_format || schema.has("contentMediaType") || schema.has("contentEncoding"))
}

fn is_string_or_untyped(schema: Node<'_>) -> bool {
    !schema.has("type") || SchemaType::of(schema).is("string")
}

fn is_octet_stream(media_type: &str) -> bool {
    media_type
        .split(';')
        .next()
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/octet-stream"))
}
