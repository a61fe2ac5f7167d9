//! Servers reached over cleartext HTTP.

use super::prelude::*;
use super::shared::url::{authority, is_loopback};
use crate::model::Server;

pub static RULE: Rule = Rule {
    id: "server-plain-http",
    severity: Severity::Error,
    owasp: Owasp::API8,
    cwe: 319,
    versions: V3_ONLY,
    summary: "A server URL uses plain HTTP",
    help: "serve the API over TLS: use an `https://` (or `wss://`) URL",
    doc: include_str!("../../rules/server-plain-http.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    for server in &cx.spec.servers {
        if let Some(url) = plain_url(server) {
            let message = if url == server.url {
                format!("server '{url}' is plain HTTP")
            } else {
                format!(
                    "server '{}' can be plain HTTP ('{url}' with its variables)",
                    server.url
                )
            };
            cx.report(server.node, message);
        }
    }
}

/// The first expansion of the server URL that is cleartext and not loopback
/// (loopback is `server-non-production`'s concern).
fn plain_url(server: &Server<'_>) -> Option<String> {
    server.expanded_urls().into_iter().find(|url| {
        let lower = url.to_ascii_lowercase();
        (lower.starts_with("http://") || lower.starts_with("ws://"))
            && !authority(&lower, false).is_some_and(|a| is_loopback(a.host))
    })
}
