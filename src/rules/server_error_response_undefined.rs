//! Operations that do not say what an unexpected failure looks like.

use super::prelude::*;
use super::shared::responses::report_missing;

pub static RULE: Rule = Rule {
    id: "server-error-response-undefined",
    severity: Severity::Info,
    owasp: Owasp::API8,
    cwe: 209,
    versions: ALL_VERSIONS,
    summary: "An operation declares no server-error response",
    help: "declare a `500` (or `5XX`, `default`) response with a generic error schema",
    doc: include_str!("../../rules/server-error-response-undefined.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    report_missing(
        cx,
        &["500", "5XX", "default"],
        "server-error (500, 5XX or default)",
        |_| true,
    );
}
