//! Input maps with no limit on how many entries they take.

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "additional-properties-unbounded",
    severity: Severity::Info,
    owasp: Owasp::API3,
    cwe: 915,
    versions: ALL_VERSIONS,
    summary: "An input object takes typed additional properties without maxProperties",
    help: "add `maxProperties` with the largest number of entries the operation should accept",
    doc: include_str!("../../rules/additional-properties-unbounded.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    let keywords: &[&str] = if cx.spec.version.is_31_or_later() {
        &["additionalProperties", "unevaluatedProperties"]
    } else {
        &["additionalProperties"]
    };
    for schema in cx.schemas() {
        let node = schema.node;
        if node.has("maxProperties") {
            continue;
        }
        // `true` and `{}` are additional-properties-open's business.
        let Some(keyword) = keywords
            .iter()
            .find(|k| node.get(k).is_some_and(|v| v.is_map() && !v.is_empty()))
        else {
            continue;
        };
        cx.report(
            node,
            format!(
                "{} takes any number of entries through `{keyword}` (no maxProperties)",
                describe(node)
            ),
        );
    }
}
