//! Page-size parameters without a maximum: one request can ask for every row.

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "pagination-limit-unbounded",
    severity: Severity::Warning,
    owasp: Owasp::API4,
    cwe: 770,
    versions: ALL_VERSIONS,
    summary: "A page-size query parameter has no maximum",
    help: "add `maximum` with the largest page the operation serves (and cap it in the implementation)",
    doc: include_str!("../../rules/pagination-limit-unbounded.md"),
    enabled_by_default: true,
    precision: Precision::Medium,
    check: Check::Spec(check),
};

/// Page-size parameter names, exactly as APIs spell them.
const NAMES: [&str; 10] = [
    "limit",
    "per_page",
    "perPage",
    "page_size",
    "pageSize",
    "size",
    "count",
    "top",
    "$top",
    "max_results",
];

fn check(cx: &mut Context<'_, '_>) {
    let numeric_exclusive = cx.spec.version.is_31_or_later();
    for param in cx.spec.parameters() {
        if param.location != "query" || !NAMES.contains(&param.name) {
            continue;
        }
        // 2.0 keeps the keywords on the parameter; a 3.x one without a
        // schema takes any value.
        let schema = param.schema.unwrap_or(param.node);
        // A flag (`$count=true`) or a named size (`size=large`) is no page size.
        if schema.has("type") && !SchemaType::of(schema).is_numeric() {
            continue;
        }
        let number = |key: &str| schema.get(key).is_some_and(|n| n.as_f64().is_some());
        if schema.has("enum")
            || schema.has("const")
            || number("maximum")
            || (numeric_exclusive && number("exclusiveMaximum"))
        {
            continue;
        }
        cx.report(
            param.node,
            format!(
                "page-size query parameter '{}' has no maximum, so one request can ask for every row",
                param.name
            ),
        );
    }
}
