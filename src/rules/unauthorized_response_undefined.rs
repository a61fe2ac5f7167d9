//! Authenticated operations that do not say how a missing or bad credential
//! is answered.

use super::prelude::*;
use super::shared::responses::{is_authenticated, report_missing};

pub static RULE: Rule = Rule {
    id: "unauthorized-response-undefined",
    severity: Severity::Warning,
    owasp: Owasp::API2,
    cwe: 287,
    versions: ALL_VERSIONS,
    summary: "An authenticated operation declares no 401 Unauthorized response",
    help: "declare a `401` response (or a `4XX`/`default` one) for requests without valid credentials",
    doc: include_str!("../../rules/unauthorized-response-undefined.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    report_missing(cx, &["401", "4XX", "default"], "401", is_authenticated);
}
