//! OAuth2 / OpenID Connect endpoints reached without TLS.

use super::prelude::*;
use crate::model::{SchemeKind, Spec};

pub static RULE: Rule = Rule {
    id: "oauth2-insecure-url",
    severity: Severity::Error,
    owasp: Owasp::API2,
    cwe: 319,
    versions: ALL_VERSIONS,
    summary: "An OAuth2 or OpenID Connect URL is not an https:// URL",
    help: "use absolute `https://` URLs for authorization, token, refresh and discovery endpoints",
    doc: include_str!("../../rules/oauth2-insecure-url.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

/// Endpoint fields of a scheme or a flow (the last two are OpenAPI 3.2's).
const URL_KEYS: [&str; 6] = [
    "authorizationUrl",
    "tokenUrl",
    "refreshUrl",
    "openIdConnectUrl",
    "deviceAuthorizationUrl",
    "oauth2MetadataUrl",
];

fn check(cx: &mut Context<'_, '_>) {
    let spec = cx.spec;
    let relative_ok = relative_urls_are_https(spec);
    for scheme in &spec.security_schemes {
        if !matches!(
            scheme.kind,
            SchemeKind::OAuth2 { .. } | SchemeKind::OpenIdConnect
        ) {
            continue;
        }
        // 2.0 keeps the URLs on the scheme; 3.x on each flow object (all of
        // them, 3.2's deviceAuthorization included).
        let flows = scheme
            .node
            .get("flows")
            .into_iter()
            .flat_map(|f| f.entries());
        let holders = std::iter::once(scheme.node).chain(flows.map(|(_, flow)| flow));
        for holder in holders {
            for key in URL_KEYS {
                let Some(node) = holder.get(key) else {
                    continue;
                };
                let Some(url) = node.as_str() else { continue };
                let why = match url_scheme(url) {
                    Some(s) if s.eq_ignore_ascii_case("https") => continue,
                    Some(_) => {
                        "is not HTTPS: codes, tokens or endpoint metadata can be read and altered in transit"
                    }
                    None if spec.is_v2() => {
                        "is not an absolute https:// URL (Swagger 2.0 defines no base to resolve it against)"
                    }
                    None => match relative_ok {
                        Some(true) => continue,
                        Some(false) => {
                            "is relative, and not every server it resolves against is https://"
                        }
                        None => {
                            "is relative, and no absolute https:// server is declared to resolve it against"
                        }
                    },
                };
                cx.report(
                    node,
                    format!("{key} '{url}' of security scheme '{}' {why}", scheme.name),
                );
            }
        }
    }
}

/// Whether a relative URL resolves to HTTPS in 3.x: `Some(true)` when every
/// absolute server URL (with every variable value) is `https://`, `None` when
/// there is no absolute server (the base would be wherever the document was
/// fetched from, which the document cannot vouch for). Relative server URLs
/// inherit that same unknown base and do not count either way.
fn relative_urls_are_https(spec: &Spec<'_>) -> Option<bool> {
    let absolute: Vec<String> = spec
        .servers
        .iter()
        .flat_map(|s| s.expanded_urls())
        .filter(|u| url_scheme(u).is_some())
        .collect();
    (!absolute.is_empty()).then(|| {
        absolute
            .iter()
            .all(|u| url_scheme(u).is_some_and(|s| s.eq_ignore_ascii_case("https")))
    })
}

/// The RFC 3986 scheme of `url`, `None` for a relative reference.
fn url_scheme(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(scheme)
}
