//! Input arrays with no item limit.

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "array-unbounded",
    severity: Severity::Warning,
    owasp: Owasp::API4,
    cwe: 770,
    versions: ALL_VERSIONS,
    summary: "An input array has no maxItems",
    help: "add `maxItems` with the largest batch the operation should accept",
    doc: include_str!("../../rules/array-unbounded.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    for schema in cx.schemas() {
        let node = schema.node;
        if SchemaType::of(node).is("array") && !node.has("maxItems") {
            cx.report(node, format!("array {} has no maxItems", describe(node)));
        }
    }
}
