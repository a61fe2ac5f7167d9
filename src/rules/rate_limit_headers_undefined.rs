//! Operations whose successful responses hide the client's quota.

use super::prelude::*;
use super::shared::names::normalize;
use crate::model::Response;

pub static RULE: Rule = Rule {
    id: "rate-limit-headers-undefined",
    severity: Severity::Info,
    owasp: Owasp::API4,
    cwe: 770,
    versions: ALL_VERSIONS,
    summary: "No successful response of an operation declares rate-limit headers",
    help: "declare `RateLimit`/`RateLimit-Policy` (or `X-RateLimit-Limit`) headers on the 2xx responses",
    doc: include_str!("../../rules/rate-limit-headers-undefined.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    for op in &cx.spec.operations {
        // `default` can be the success response too; `429` alone is too late.
        let shows_quota = op
            .responses
            .iter()
            .filter(|r| r.is_success() || r.status == "default")
            .any(declares_quota);
        if !shows_quota {
            cx.report(
                op.node,
                format!(
                    "{} declares no rate-limit headers on its 2xx responses",
                    op.label()
                ),
            );
        }
    }
}

/// `RateLimit`, `RateLimit-Policy`, `RateLimit-Limit`, `X-RateLimit-Limit`,
/// `X-Rate-Limit-Limit`, and the `-Remaining` variants, whatever the case
/// and separators (`X_RateLimit_Limit`).
fn declares_quota(response: &Response<'_>) -> bool {
    response.headers.iter().any(|h| {
        let name = normalize(h.name);
        let name = name.strip_prefix('x').unwrap_or(&name);
        matches!(
            name,
            "ratelimit" | "ratelimitpolicy" | "ratelimitlimit" | "ratelimitremaining"
        )
    })
}
