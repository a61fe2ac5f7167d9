//! The OAuth2 implicit flow, deprecated by RFC 9700.

use super::prelude::*;
use super::shared::oauth::report_flows;
use crate::model::FlowKind;

pub static RULE: Rule = Rule {
    id: "oauth2-implicit-flow",
    severity: Severity::Error,
    owasp: Owasp::API2,
    cwe: 522,
    versions: ALL_VERSIONS,
    summary: "An OAuth2 scheme offers the implicit flow",
    help: "use the authorization code flow with PKCE instead of the implicit flow",
    doc: include_str!("../../rules/oauth2-implicit-flow.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    report_flows(
        cx,
        FlowKind::Implicit,
        "implicit",
        "access tokens are returned in the redirect URL, where they leak and can be injected (RFC 9700 deprecates it)",
    );
}
