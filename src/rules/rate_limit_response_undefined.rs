//! Operations that do not tell clients they can be throttled.

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "rate-limit-response-undefined",
    severity: Severity::Warning,
    owasp: Owasp::API4,
    cwe: 770,
    versions: ALL_VERSIONS,
    summary: "An operation declares no 429 Too Many Requests response",
    help: "declare a `429` response (with `Retry-After`) so rate limiting is part of the contract",
    doc: include_str!("../../rules/rate-limit-response-undefined.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    for op in &cx.spec.operations {
        if !op.has_response("429") {
            cx.report(op.node, format!("{} declares no 429 response", op.label()));
        }
    }
}
