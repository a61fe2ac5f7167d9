//! Operations that take input but do not say how bad input is rejected.

use super::prelude::*;
use super::shared::responses::report_missing;

pub static RULE: Rule = Rule {
    id: "error-responses-undefined",
    severity: Severity::Warning,
    owasp: Owasp::API8,
    cwe: 755,
    versions: ALL_VERSIONS,
    summary: "An operation that takes input declares no client-error response",
    help: "declare a `400` (or `422`, `4XX`, `default`) response with an error schema",
    doc: include_str!("../../rules/error-responses-undefined.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    report_missing(
        cx,
        &["400", "422", "4XX", "default"],
        "client-error (400, 422, 4XX or default)",
        |op| op.takes_input(),
    );
}
