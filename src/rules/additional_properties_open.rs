//! Input objects that accept any extra property (mass assignment surface).

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "additional-properties-open",
    severity: Severity::Warning,
    owasp: Owasp::API3,
    cwe: 915,
    versions: ALL_VERSIONS,
    summary: "An input object accepts arbitrary additional properties",
    help: "set `additionalProperties: false`, or give it a typed schema with `maxProperties`",
    doc: include_str!("../../rules/additional-properties-open.md"),
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
        for keyword in keywords {
            let Some(value) = schema.node.get(keyword) else {
                continue;
            };
            // `true` and `{}` accept anything; a typed schema is the
            // business of additional-properties-unbounded.
            if value.is_true() || (value.is_map() && value.is_empty()) {
                cx.report(
                    value,
                    format!(
                        "{} accepts any additional property (`{keyword}` is open)",
                        describe(schema.node)
                    ),
                );
            }
        }
    }
}
