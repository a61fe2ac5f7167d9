//! Interactive OAuth2 flows with no declared way to renew tokens.

use super::prelude::*;
use super::shared::oauth::flow_location;
use crate::model::FlowKind;

pub static RULE: Rule = Rule {
    id: "oauth2-no-refresh-url",
    severity: Severity::Info,
    owasp: Owasp::API2,
    cwe: 613,
    versions: V3_ONLY,
    summary: "An authorizationCode, password or deviceAuthorization flow declares no refreshUrl",
    help: "declare `refreshUrl` (it may equal `tokenUrl`) so clients can keep access tokens short-lived",
    doc: include_str!("../../rules/oauth2-no-refresh-url.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    let spec = cx.spec;
    for scheme in &spec.security_schemes {
        for flow in scheme.flows() {
            // Flows that act for a user, who would otherwise have to log in
            // again: the device flow (3.2) most of all, since its login
            // happens on a second device.
            let name = match flow.kind {
                FlowKind::AuthorizationCode
                | FlowKind::Password
                | FlowKind::DeviceAuthorization => flow.kind.name(),
                FlowKind::Implicit | FlowKind::ClientCredentials => continue,
            };
            if flow
                .node
                .get_str("refreshUrl")
                .is_some_and(|u| !u.trim().is_empty())
            {
                continue;
            }
            cx.report(
                flow_location(scheme, flow),
                format!(
                    "the {name} flow of OAuth2 scheme '{}' has no refreshUrl",
                    scheme.name
                ),
            );
        }
    }
}
