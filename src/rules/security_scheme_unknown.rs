//! Security requirements naming a scheme nobody defined.

use super::prelude::*;
use super::shared::requirements::requirement_entries;
use crate::workspace::{RefTarget, parse_ref};

pub static RULE: Rule = Rule {
    id: "security-scheme-unknown",
    severity: Severity::Error,
    owasp: Owasp::API2,
    cwe: 287,
    versions: ALL_VERSIONS,
    summary: "A security requirement names a security scheme that is not defined",
    help: "define the scheme under `components.securitySchemes` (2.0: `securityDefinitions`) or fix the name",
    doc: include_str!("../../rules/security-scheme-unknown.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    let spec = cx.spec;
    let defined = spec.components("securitySchemes", "securityDefinitions");
    for (key, scopes) in requirement_entries(spec) {
        let name = key.name;
        let known = if is_uri(name) {
            // 3.2 lets a requirement name a scheme by URI. Only a local
            // pointer can be checked here; other files are never fetched.
            match parse_ref(name) {
                RefTarget::Local { pointer } => spec.root.at_pointer(&pointer).is_some(),
                _ => true,
            }
        } else {
            defined.is_some_and(|d| d.has(name))
        };
        if known {
            continue;
        }
        let hint = spec
            .security_schemes
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
            .map(|s| format!(" (did you mean '{}'?)", s.name))
            .unwrap_or_default();
        cx.report_key(
            scopes,
            format!(
                "security requirement names '{name}', which is not a defined security scheme{hint}"
            ),
        );
    }
}

/// Scheme names are `[A-Za-z0-9._-]+`; anything with URI punctuation is a
/// URI reference (OpenAPI 3.2).
fn is_uri(name: &str) -> bool {
    name.contains(['#', '/', ':'])
}
