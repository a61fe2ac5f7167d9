//! The OAuth2 resource owner password credentials flow, banned by RFC 9700.

use super::prelude::*;
use super::shared::oauth::report_flows;
use crate::model::FlowKind;

pub static RULE: Rule = Rule {
    id: "oauth2-password-flow",
    severity: Severity::Error,
    owasp: Owasp::API2,
    cwe: 522,
    versions: ALL_VERSIONS,
    summary: "An OAuth2 scheme offers the resource owner password flow",
    help: "use the authorization code flow with PKCE (or client credentials for machine clients)",
    doc: include_str!("../../rules/oauth2-password-flow.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    report_flows(
        cx,
        FlowKind::Password,
        "resource owner password",
        "clients handle the user's password directly, and MFA or phishing-resistant login cannot be used (RFC 9700 says it must not be used)",
    );
}
