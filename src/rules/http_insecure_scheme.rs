//! `http` security schemes that are weak or that nobody can implement.

use super::prelude::*;
use crate::model::SchemeKind;

pub static RULE: Rule = Rule {
    id: "http-insecure-scheme",
    severity: Severity::Warning,
    owasp: Owasp::API2,
    cwe: 1390,
    versions: V3_ONLY,
    summary: "An HTTP security scheme is weak (Digest, Negotiate, OAuth 1.0) or not a registered scheme",
    help: "use `scheme: bearer` (with OAuth2/OpenID Connect tokens) or another registered, modern scheme",
    doc: include_str!("../../rules/http-insecure-scheme.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

/// The IANA HTTP Authentication Scheme Registry, lowercased, minus the ones
/// this rule calls weak. `basic` is http-basic-auth's concern.
const ACCEPTED: [&str; 10] = [
    "basic",
    "bearer",
    "hoba",
    "mutual",
    "scram-sha-1",
    "scram-sha-256",
    "vapid",
    "concealed",
    "dpop",
    "privatetoken",
];

fn check(cx: &mut Context<'_, '_>) {
    for scheme in &cx.spec.security_schemes {
        // A missing `scheme` is a schema error, not a choice of scheme.
        let Some(http) = scheme.http_scheme().filter(|h| !h.is_empty()) else {
            continue;
        };
        let why = match http.as_str() {
            name if ACCEPTED.contains(&name) => continue,
            "digest" => {
                "Digest is mostly MD5-based, makes the server keep password equivalents, and can be downgraded"
            }
            "negotiate" => {
                "Negotiate (SPNEGO) can fall back to NTLM, which is relayable and crackable"
            }
            "oauth" => "OAuth 1.0 signatures are obsolete; OAuth 2.0 replaced them",
            _ => {
                "it is not in the IANA HTTP Authentication Scheme Registry, so clients and gateways cannot be expected to enforce it"
            }
        };
        // At what makes it weak: the `scheme` value's key.
        let value = match &scheme.kind {
            SchemeKind::Http {
                scheme: Some(value),
            } => *value,
            _ => scheme.node,
        };
        cx.report_key(
            value,
            format!(
                "security scheme '{}' uses HTTP '{http}': {why}",
                scheme.name
            ),
        );
    }
}
