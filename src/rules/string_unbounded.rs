//! Input strings with no length limit.

use super::prelude::*;
use super::shared::regex;

pub static RULE: Rule = Rule {
    id: "string-unbounded",
    severity: Severity::Warning,
    owasp: Owasp::API4,
    cwe: 770,
    versions: ALL_VERSIONS,
    summary: "An input string has no maxLength",
    help: "add `maxLength` (or an `enum`, or a bounded `format` such as `uuid` or `date-time`)",
    doc: include_str!("../../rules/string-unbounded.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

/// Formats whose values have an inherent maximum length.
const BOUNDED_FORMATS: [&str; 10] = [
    "date",
    "date-time",
    "time",
    "uuid",
    "email",
    "ipv4",
    "ipv6",
    "hostname",
    "int32",
    "int64",
];

fn check(cx: &mut Context<'_, '_>) {
    for schema in cx.schemas() {
        let node = schema.node;
        if !SchemaType::of(node).is("string")
            || ["maxLength", "enum", "const"].iter().any(|k| node.has(k))
        {
            continue;
        }
        if node
            .get_str("format")
            .is_some_and(|f| BOUNDED_FORMATS.contains(&f))
            || node.get_str("pattern").is_some_and(regex::bounds_length)
        {
            continue;
        }
        cx.report(node, format!("string {} has no maxLength", describe(node)));
    }
}
