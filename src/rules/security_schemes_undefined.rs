//! A document with operations and no way to authenticate at all.

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "security-schemes-undefined",
    severity: Severity::Error,
    owasp: Owasp::API2,
    cwe: 306,
    versions: ALL_VERSIONS,
    summary: "The document defines no security schemes",
    help: "declare how clients authenticate under `components.securitySchemes` (2.0: `securityDefinitions`)",
    doc: include_str!("../../rules/security-schemes-undefined.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    let spec = cx.spec;
    if spec.operations.is_empty() || !spec.security_schemes.is_empty() {
        return;
    }
    let section = if spec.is_v2() {
        "securityDefinitions"
    } else {
        "components.securitySchemes"
    };
    match spec.security_schemes_node {
        Some(node) => cx.report_key(
            node,
            format!("`{section}` is empty: no operation can require authentication"),
        ),
        None => cx.report_key(
            spec.version_node,
            match spec.operations.len() {
                1 => format!("the document has 1 operation but no `{section}`"),
                n => format!("the document has {n} operations but no `{section}`"),
            },
        ),
    }
}
