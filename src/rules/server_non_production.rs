//! Development, test and internal hosts published in the API's inventory.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::prelude::*;
use super::url::authority;
use crate::model::Server;

pub static RULE: Rule = Rule {
    id: "server-non-production",
    severity: Severity::Warning,
    owasp: Owasp::API9,
    cwe: 497,
    versions: ALL_VERSIONS,
    summary: "A server points at a local, private or non-production host",
    help: "publish production servers only (document test environments elsewhere), or mark the server `x-internal: true`",
    doc: include_str!("../../rules/server-non-production.md"),
    enabled_by_default: true,
    precision: Precision::Medium,
    check: Check::Spec(check),
};

/// Names of non-production environments, as host labels or description words.
const ENVIRONMENTS: [&str; 12] = [
    "dev",
    "development",
    "test",
    "testing",
    "staging",
    "stage",
    "stg",
    "sandbox",
    "qa",
    "uat",
    "preprod",
    "local",
];

fn check(cx: &mut Context<'_, '_>) {
    let bare_host = cx.spec.is_v2();
    for server in &cx.spec.servers {
        if marked_internal(server) {
            continue;
        }
        let from_host = server.expanded_urls().into_iter().find_map(|url| {
            let why = authority(&url, bare_host).and_then(|a| host_reason(a.host))?;
            Some((url, why))
        });
        let message = match from_host {
            Some((url, why)) if url == server.url => format!("server '{url}' {why}"),
            Some((url, why)) => {
                format!("server '{}' can point at '{url}', which {why}", server.url)
            }
            None => match server.description().and_then(described_environment) {
                Some(word) => format!(
                    "server '{}' is described as a non-production environment ('{word}')",
                    server.url
                ),
                None => continue,
            },
        };
        cx.report(server.node, message);
    }
}

fn marked_internal(server: &Server<'_>) -> bool {
    server
        .object
        .and_then(|o| o.get("x-internal"))
        .is_some_and(|x| x.is_true())
}

/// Why a host is not a production one, as the end of a sentence.
fn host_reason(host: &str) -> Option<String> {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if let Ok(ip) = host.parse::<IpAddr>() {
        return ip_reason(ip).map(|kind| format!("is {kind} address"));
    }
    if host == "localhost" || host.ends_with(".localhost") {
        return Some("is localhost".into());
    }
    for suffix in ["local", "internal", "test"] {
        if host.ends_with(&format!(".{suffix}")) {
            return Some(format!(
                "is a '.{suffix}' name, not reachable on the internet"
            ));
        }
    }
    // Environment words only in subdomain labels: the registrable domain
    // itself (`dev.to`, `test.com`) is somebody's production site.
    let labels: Vec<&str> = host.split('.').collect();
    let subdomains = labels
        .get(..labels.len().saturating_sub(2))
        .unwrap_or_default();
    subdomains.iter().find_map(|label| {
        environment_in(label.split(['-', '_']))
            .map(|word| format!("names a non-production environment ('{word}')"))
    })
}

fn ip_reason(ip: IpAddr) -> Option<&'static str> {
    let v4 = |ip: Ipv4Addr| {
        if ip.is_loopback() {
            Some("a loopback")
        } else if ip.is_private() {
            Some("a private")
        } else if ip.is_link_local() {
            Some("a link-local")
        } else if ip.is_unspecified() {
            Some("an unspecified")
        } else {
            None
        }
    };
    let v6 = |ip: Ipv6Addr| {
        if ip.is_loopback() {
            Some("a loopback")
        } else if ip.is_unique_local() {
            Some("a private")
        } else if ip.is_unicast_link_local() {
            Some("a link-local")
        } else if ip.is_unspecified() {
            Some("an unspecified")
        } else {
            ip.to_ipv4_mapped().and_then(v4)
        }
    };
    match ip {
        IpAddr::V4(ip) => v4(ip),
        IpAddr::V6(ip) => v6(ip),
    }
}

/// The first environment name among `words` (`dev2` is `dev`; `pre`
/// followed by `prod`/`production` is `preprod`).
fn environment_in<'w>(words: impl Iterator<Item = &'w str>) -> Option<String> {
    let words: Vec<&str> = words.filter(|w| !w.is_empty()).collect();
    words.iter().enumerate().find_map(|(i, word)| {
        let stem = word.trim_end_matches(|c: char| c.is_ascii_digit());
        let next = words.get(i + 1).copied();
        if stem == "pre" && matches!(next, Some("prod" | "production")) {
            return Some(format!("pre-{}", next.unwrap_or_default()));
        }
        ENVIRONMENTS.contains(&stem).then(|| (*word).to_owned())
    })
}

/// An environment named by a server description ("Staging server"), unless
/// it also says production ("Production (not for testing)"). Only the first
/// sentence, the label: later ones tend to point elsewhere ("see the sandbox
/// docs").
fn described_environment(description: &str) -> Option<String> {
    let label = description
        .split(['.', ';', '\n'])
        .next()
        .unwrap_or_default();
    let lower = label.to_ascii_lowercase();
    let words = || lower.split(|c: char| !c.is_ascii_alphanumeric());
    if let found @ Some(_) = environment_in(words()).filter(|w| w.starts_with("pre-")) {
        return found;
    }
    if words().any(|w| matches!(w, "production" | "prod" | "live")) {
        return None;
    }
    environment_in(words())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn judges_hosts() {
        for host in [
            "localhost",
            "127.0.0.1",
            "::1",
            "10.1.2.3",
            "192.168.0.10",
            "172.20.0.1",
            "169.254.169.254",
            "fe80::1",
            "fd00::5",
            "0.0.0.0",
            "api.internal",
            "printer.local",
            "dev.api.example.com",
            "api-staging.example.com",
            "qa2.example.com",
            "api.pre-prod.example.com",
            "sandbox.api.example.co.uk",
        ] {
            assert!(host_reason(host).is_some(), "{host}");
        }
        for host in [
            "api.example.com",
            "dev.to",
            "developer.example.com",
            "devices.example.com",
            "api.contest.example.com",
            "latest.example.com",
            "8.8.8.8",
            "2001:db8::1",
            "{env}.example.com",
        ] {
            assert_eq!(host_reason(host), None, "{host}");
        }
    }

    #[test]
    fn reads_descriptions() {
        assert!(described_environment("Staging server").is_some());
        assert!(described_environment("Pre-production").is_some());
        assert!(described_environment("Sandbox (test data only)").is_some());
        assert_eq!(described_environment("Production server"), None);
        assert_eq!(described_environment("Live API, not for testing"), None);
        assert_eq!(described_environment("Main API server"), None);
        assert_eq!(described_environment("Developer portal API"), None);
        assert_eq!(
            described_environment("EU region. See the sandbox docs"),
            None
        );
    }
}
