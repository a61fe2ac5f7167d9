//! Operations that check permissions (scopes, or access to one object) but do
//! not say how a refusal is answered.

use super::prelude::*;
use super::shared::responses::{is_authenticated, report_missing};
use crate::model::Operation;

pub static RULE: Rule = Rule {
    id: "forbidden-response-undefined",
    severity: Severity::Info,
    owasp: Owasp::API5,
    cwe: 285,
    versions: ALL_VERSIONS,
    summary: "An operation that checks permissions declares no 403 Forbidden response",
    help: "declare a `403` response (or a `4XX`/`default` one) for callers without the right scope or access",
    doc: include_str!("../../rules/forbidden-response-undefined.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    report_missing(cx, &["403", "4XX", "default"], "403", checks_permissions);
}

/// Authenticated, and either scoped or addressing one object by a path
/// parameter: a caller can be authenticated and still not allowed.
fn checks_permissions(op: &Operation<'_>) -> bool {
    let scoped = op
        .security
        .alternatives()
        .iter()
        .any(|a| a.schemes.iter().any(|(_, scopes)| !scopes.is_empty()));
    let by_path = op.parameters.iter().any(|p| p.location == "path");
    is_authenticated(op) && (scoped || by_path)
}
