//! Page-size parameters without a maximum: one request can ask for every row.

use super::prelude::*;
use super::querystring;

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
    let spec = cx.spec;
    let numeric_exclusive = spec.version.is_31_or_later();
    let mut seen = std::collections::HashSet::new();
    for param in spec.parameters() {
        // A 3.2 querystring parameter's fields are query parameters too.
        for field in querystring::fields(spec, &param) {
            if NAMES.contains(&field.key.name)
                && seen.insert(field.node.key())
                && is_unbounded(field.schema, numeric_exclusive)
            {
                cx.report(
                    field.node,
                    format!(
                        "page-size query string field '{}' has no maximum, so one request can ask for every row",
                        field.key.name
                    ),
                );
            }
        }
        if param.location != "query" || !NAMES.contains(&param.name) {
            continue;
        }
        // 2.0 keeps the keywords on the parameter; a 3.x one without a
        // schema takes any value.
        if !is_unbounded(param.schema.unwrap_or(param.node), numeric_exclusive) {
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

/// A numeric (or untyped) value with no `maximum`, `enum` or `const`.
fn is_unbounded(schema: Node<'_>, numeric_exclusive: bool) -> bool {
    // A flag (`$count=true`) or a named size (`size=large`) is no page size.
    if schema.has("type") && !SchemaType::of(schema).is_numeric() {
        return false;
    }
    let number = |key: &str| schema.get(key).is_some_and(|n| n.as_f64().is_some());
    !(schema.has("enum")
        || schema.has("const")
        || number("maximum")
        || (numeric_exclusive && number("exclusiveMaximum")))
}
