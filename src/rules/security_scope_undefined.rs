//! Requirements asking for scopes no flow grants, or scopes on schemes that
//! take none.

use super::prelude::*;
use super::shared::requirements::requirement_entries;
use crate::model::SchemeKind;

pub static RULE: Rule = Rule {
    id: "security-scope-undefined",
    severity: Severity::Warning,
    owasp: Owasp::API5,
    cwe: 285,
    versions: ALL_VERSIONS,
    summary: "A security requirement lists a scope the scheme does not declare",
    help: "declare the scope in the scheme's flows (`scopes`), or fix its name; non-OAuth2 schemes take `[]` in 2.0/3.0",
    doc: include_str!("../../rules/security-scope-undefined.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    let spec = cx.spec;
    for (key, scopes) in requirement_entries(spec) {
        // Unknown names are security-scheme-unknown's finding.
        let Some(scheme) = spec.scheme(key.name) else {
            continue;
        };
        match &scheme.kind {
            // An empty flow list is a malformed scheme, not a scope problem.
            SchemeKind::OAuth2 { flows, .. } if !flows.is_empty() => {
                for scope in scopes.items() {
                    let Some(name) = scope.as_str() else { continue };
                    if !flows.iter().any(|f| f.declares(name)) {
                        cx.report(
                            scope,
                            format!(
                                "scope '{name}' is not declared by any flow of OAuth2 scheme '{}'",
                                scheme.name
                            ),
                        );
                    }
                }
            }
            // OpenID Connect scopes live in the discovery document.
            SchemeKind::OAuth2 { .. } | SchemeKind::OpenIdConnect => {}
            // 3.1 and 3.2 allow roles here; 2.0 and 3.0 require an empty list.
            _ if !spec.version.is_31_or_later() && scopes.is_seq() && !scopes.is_empty() => {
                let kind = scheme.node.get_str("type").unwrap_or("non-OAuth2");
                cx.report_key(
                    scopes,
                    format!(
                        "the requirement lists scopes for {kind} scheme '{}', which takes none in {} (the list must be empty)",
                        scheme.name,
                        spec.version.label()
                    ),
                );
            }
            _ => {}
        }
    }
}
