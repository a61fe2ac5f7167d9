//! What the response-coverage rules share: which statuses an operation
//! declares, and whether it asks for credentials at all.

use crate::model::Operation;
use crate::rules::prelude::*;

/// The operation declares at least one of `statuses` (compared
/// case-insensitively, so `4xx` counts as `4XX`).
pub fn declares_any(op: &Operation<'_>, statuses: &[&str]) -> bool {
    statuses.iter().any(|s| op.has_response(s))
}

/// Some alternative of the effective security names a scheme (`{}` alone,
/// `[]`, absent or malformed security authenticate nobody).
pub fn is_authenticated(op: &Operation<'_>) -> bool {
    op.security
        .alternatives()
        .iter()
        .any(|a| !a.schemes.is_empty())
}

/// Reports every operation that `applies` to and declares none of
/// `statuses`: `GET /users declares no <what> response`.
pub fn report_missing(
    cx: &mut Context<'_, '_>,
    statuses: &[&str],
    what: &str,
    applies: impl Fn(&Operation<'_>) -> bool,
) {
    for op in &cx.spec.operations {
        if applies(op) && !declares_any(op, statuses) {
            cx.report(
                op.node,
                format!("{} declares no {what} response", op.label()),
            );
        }
    }
}
