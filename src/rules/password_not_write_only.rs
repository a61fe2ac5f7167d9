//! Password properties that responses may echo back.

use std::collections::HashSet;

use super::prelude::*;
use super::shared::properties::properties;

pub static RULE: Rule = Rule {
    id: "password-not-write-only",
    severity: Severity::Warning,
    owasp: Owasp::API3,
    cwe: 522,
    versions: V3_ONLY,
    summary: "A property with format: password is not writeOnly",
    help: "add `writeOnly: true` so the password is accepted in requests and never returned",
    doc: include_str!("../../rules/password-not-write-only.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    let spec = cx.spec;
    let mut seen = HashSet::new();
    for schema in &spec.schemas {
        for prop in properties(spec, schema.node) {
            if prop.schema.get_str("format") != Some("password") || prop.is_write_only() {
                continue;
            }
            // Reported where the password schema is defined: a shared one
            // is fixed once.
            if seen.insert(prop.schema.key()) {
                cx.report(
                    prop.schema,
                    format!(
                        "password {} is not writeOnly, so responses may return it",
                        describe(prop.schema)
                    ),
                );
            }
        }
    }
}
