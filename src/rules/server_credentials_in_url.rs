//! Credentials written into a server URL are published with the document.

use super::prelude::*;
use super::shared::url::authority;

pub static RULE: Rule = Rule {
    id: "server-credentials-in-url",
    severity: Severity::Error,
    owasp: Owasp::API8,
    cwe: 522,
    versions: ALL_VERSIONS,
    summary: "A server URL embeds credentials (user:password@)",
    help: "remove the userinfo from the URL, rotate the credential, and declare a security scheme instead",
    doc: include_str!("../../rules/server-credentials-in-url.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    let bare_host = cx.spec.is_v2();
    for server in &cx.spec.servers {
        // Variables may carry the credentials (`{user}:{password}@…`).
        let leaks = server.expanded_urls().iter().any(|url| {
            authority(url, bare_host)
                .and_then(|a| a.userinfo)
                .is_some_and(|userinfo| !userinfo.is_empty())
        });
        if leaks {
            cx.report(
                server.node,
                format!(
                    "server '{}' embeds credentials before '@'",
                    redacted(&server.url, bare_host)
                ),
            );
        }
    }
}

/// The URL with its userinfo masked, so the message does not spread the
/// secret into reports and CI logs.
fn redacted(url: &str, bare_host: bool) -> String {
    match authority(url, bare_host).and_then(|a| a.userinfo) {
        Some(userinfo) => url.replacen(&format!("{userinfo}@"), "***@", 1),
        None => url.to_owned(),
    }
}
