//! Path template variables against the path parameters declared for them.

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "path-parameter-mismatch",
    severity: Severity::Warning,
    owasp: Owasp::API8,
    cwe: 20,
    versions: ALL_VERSIONS,
    summary: "A path template variable and the path parameters disagree",
    help: "declare one `in: path` parameter for each `{name}` of the path, and no other",
    doc: include_str!("../../rules/path-parameter-mismatch.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(_cx: &mut Context<'_, '_>) {}
