//! HTTP Basic: a reusable password on every request.

use super::prelude::*;
use crate::model::SchemeKind;

pub static RULE: Rule = Rule {
    id: "http-basic-auth",
    severity: Severity::Error,
    owasp: Owasp::API2,
    cwe: 522,
    versions: ALL_VERSIONS,
    summary: "A security scheme uses HTTP Basic authentication",
    help: "use a token-based scheme (OAuth2, OpenID Connect, or `bearer` tokens) instead of sending passwords",
    doc: include_str!("../../rules/http-basic-auth.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    for scheme in &cx.spec.security_schemes {
        if scheme.http_scheme().as_deref() == Some("basic") {
            // At what makes it Basic: `scheme: basic` (3.x), `type: basic` (2.0).
            let value = match &scheme.kind {
                SchemeKind::Http {
                    scheme: Some(value),
                } => Some(*value),
                _ => scheme.node.get("type"),
            };
            cx.report_key(
                value.unwrap_or(scheme.node),
                format!(
                    "security scheme '{}' is HTTP Basic: the user's password is sent, base64-encoded, with every request",
                    scheme.name
                ),
            );
        }
    }
}
