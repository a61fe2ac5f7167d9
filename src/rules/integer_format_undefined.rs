//! Input integers of undeclared width: each layer picks its own range.

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "integer-format-undefined",
    severity: Severity::Info,
    owasp: Owasp::API4,
    cwe: 681,
    versions: ALL_VERSIONS,
    summary: "An input integer has no format (int32 or int64)",
    help: "add `format: int32` or `format: int64`",
    doc: include_str!("../../rules/integer-format-undefined.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    for schema in cx.schemas() {
        let node = schema.node;
        if SchemaType::of(node).is("integer") && !node.has("format") {
            cx.report(
                node,
                format!("integer {} has no format (int32 or int64)", describe(node)),
            );
        }
    }
}
