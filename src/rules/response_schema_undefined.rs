//! Success responses whose body has no schema: what data leaves is unknown.

use std::collections::HashSet;

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "response-schema-undefined",
    severity: Severity::Warning,
    owasp: Owasp::API3,
    cwe: 213,
    versions: ALL_VERSIONS,
    summary: "A success response body has no schema",
    help: "describe the response body with a `schema` listing exactly the properties returned",
    doc: include_str!("../../rules/response-schema-undefined.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

/// Media types whose content is opaque bytes: a schema would not tell what
/// data they expose.
const OPAQUE: [&str; 7] = [
    "application/octet-stream",
    "application/pdf",
    "application/zip",
    "image/",
    "audio/",
    "video/",
    "font/",
];

fn check(cx: &mut Context<'_, '_>) {
    let mut seen = HashSet::new();
    for op in &cx.spec.operations {
        if op.method == "head" {
            continue;
        }
        // 2.0: a download whose every `produces` type is opaque bytes.
        let opaque_v2 = cx.spec.is_v2() && produces_only_opaque(cx.spec, op);
        // 204 and 205 have no body by definition.
        for response in op
            .responses
            .iter()
            .filter(|r| r.is_success() && !matches!(r.status, "204" | "205"))
        {
            if cx.spec.is_v2() {
                // 2.0 declares a body only through `schema`.
                if response.media.is_empty() && !opaque_v2 && seen.insert(response.node.key()) {
                    cx.report(
                        response.node,
                        format!(
                            "{} response of {} has no schema",
                            response.status,
                            op.label()
                        ),
                    );
                }
                continue;
            }
            for media in &response.media {
                if media.schema.is_some() || is_opaque(media.name) || !seen.insert(media.node.key())
                {
                    continue;
                }
                cx.report(
                    media.node,
                    format!(
                        "'{}' body of the {} response of {} has no schema",
                        media.name,
                        response.status,
                        op.label()
                    ),
                );
            }
        }
    }
}

/// 2.0: the operation's `produces` (else the root's) lists media types and
/// every one is opaque (`application/octet-stream`, `image/png`): the body is
/// a file, whatever the client asks for. An empty or absent list says
/// nothing.
fn produces_only_opaque(spec: &crate::model::Spec<'_>, op: &crate::model::Operation<'_>) -> bool {
    let Some(produces) = op
        .node
        .get("produces")
        .or_else(|| spec.root.get("produces"))
    else {
        return false;
    };
    let mut types = produces.items().peekable();
    types.peek().is_some() && types.all(|t| t.as_str().is_some_and(is_opaque))
}

fn is_opaque(media_type: &str) -> bool {
    let media_type = media_type.to_ascii_lowercase();
    OPAQUE.iter().any(|o| {
        if o.ends_with('/') {
            media_type.starts_with(o)
        } else {
            media_type.split(';').next().map(str::trim) == Some(o)
        }
    })
}
