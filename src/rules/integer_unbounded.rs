//! Input numbers without both bounds.

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "integer-unbounded",
    severity: Severity::Warning,
    owasp: Owasp::API4,
    cwe: 770,
    versions: ALL_VERSIONS,
    summary: "An input integer or number lacks a minimum or maximum",
    help: "add `minimum` and `maximum` (or an `enum`)",
    doc: include_str!("../../rules/integer-unbounded.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    // 3.1 (JSON Schema 2020-12) makes the exclusive bounds numbers of their
    // own; before, they are booleans that modify minimum/maximum.
    let numeric_exclusive = cx.spec.version.is_31_or_later();
    for schema in cx.schemas() {
        let node = schema.node;
        let ty = SchemaType::of(node);
        if !ty.is_numeric() || node.has("enum") || node.has("const") {
            continue;
        }
        let bounded = |inclusive: &str, exclusive: &str| {
            node.get(inclusive).is_some_and(|n| n.as_f64().is_some())
                || (numeric_exclusive && node.get(exclusive).is_some_and(|n| n.as_f64().is_some()))
        };
        let missing = match (
            bounded("minimum", "exclusiveMinimum"),
            bounded("maximum", "exclusiveMaximum"),
        ) {
            (true, true) => continue,
            (true, false) => "no maximum",
            (false, true) => "no minimum",
            (false, false) => "neither minimum nor maximum",
        };
        let kind = if ty.is("integer") {
            "integer"
        } else {
            "number"
        };
        cx.report(node, format!("{kind} {} has {missing}", describe(node)));
    }
}
