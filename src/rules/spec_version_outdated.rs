//! Documents still in the retired Swagger 2.0 format.

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "spec-version-outdated",
    severity: Severity::Info,
    owasp: Owasp::API9,
    cwe: 477,
    versions: V2_V30,
    summary: "The document uses the retired Swagger 2.0 format",
    help: "migrate to OpenAPI 3.1 (servers, security schemes and request bodies are modelled better)",
    doc: include_str!("../../rules/spec-version-outdated.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    if cx.spec.is_v2() {
        let version = cx.spec.version_node;
        cx.report_key(
            version,
            "the document is Swagger 2.0, a retired format; migrate to OpenAPI 3.1",
        );
    }
}
