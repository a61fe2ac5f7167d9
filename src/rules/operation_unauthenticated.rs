//! An operation anyone can call.

use super::prelude::*;
use crate::model::Security;

pub static RULE: Rule = Rule {
    id: "operation-unauthenticated",
    severity: Severity::Error,
    owasp: Owasp::API2,
    cwe: 306,
    versions: ALL_VERSIONS,
    summary: "An operation requires no authentication",
    help: "add a `security` requirement to the operation, or a root `security` that covers it",
    doc: include_str!("../../rules/operation-unauthenticated.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    for op in &cx.spec.operations {
        let why = match &op.security {
            Security::Requirements { .. } => continue,
            Security::Absent => "has no security requirement",
            Security::Empty(_) => "sets `security: []`, which turns authentication off",
            Security::Malformed(_) => {
                "has a `security` field that is not a list of requirements, so nothing is enforced"
            }
        };
        // Reads leak data; writes change it: writes are the graver hole.
        let severity = if op.is_write() {
            Severity::Error
        } else {
            Severity::Warning
        };
        cx.report_with(op.node, severity, format!("{} {why}", op.label()));
    }
}
