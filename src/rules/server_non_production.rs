//! Development, test and internal hosts published in the API's inventory.

use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::prelude::*;
use super::shared::url::authority;
use crate::model::{METHOD_FIELDS, Server};

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
    let title = cx
        .spec
        .get(cx.spec.root, "info")
        .and_then(|info| info.get_str("title"))
        .unwrap_or_default()
        .to_ascii_lowercase();
    let own_name: HashSet<&str> = words(&title).collect();
    // Per distinct URL, in document order (root servers first): the first
    // occurrence, its message, and where else it is declared.
    let mut findings: Vec<(Node<'_>, String, Elsewhere)> = Vec::new();
    let mut by_url: HashMap<&str, usize> = HashMap::new();
    for server in &cx.spec.servers {
        if marked_internal(server) {
            continue;
        }
        if let Some(&index) = by_url.get(same_server(&server.url)) {
            // The same URL again: reported at its first occurrence. The
            // decision rests on the URL, or on a description that may
            // differ here, so only a non-production one counts.
            if non_production(server, bare_host, &own_name).is_some() {
                findings[index].2.add(cx.spec.root, server);
            }
            continue;
        }
        let Some(message) = non_production(server, bare_host, &own_name) else {
            continue;
        };
        by_url.insert(same_server(&server.url), findings.len());
        findings.push((server.node, message, Elsewhere::default()));
    }
    for (node, message, elsewhere) in findings {
        cx.report(node, format!("{message}{}", elsewhere.describe()));
    }
}

/// The part of a server URL that tells servers apart: the URL without its
/// scheme or a trailing `/`, so the root's scheme-relative
/// `//kubernetes.local` and an operation's `https://kubernetes.local/` are
/// one server, declared twice.
fn same_server(url: &str) -> &str {
    let relative = match url.split_once("://") {
        Some((scheme, _))
            if !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) =>
        {
            &url[scheme.len() + 1..]
        }
        _ => url,
    };
    relative.trim_end_matches('/')
}

/// Why `server` is not a production one, as a message, if it is not.
fn non_production(
    server: &Server<'_>,
    bare_host: bool,
    own_name: &HashSet<&str>,
) -> Option<String> {
    let from_host = server.expanded_urls().into_iter().find_map(|url| {
        let why = authority(&url, bare_host).and_then(|a| host_reason(a.host, own_name))?;
        Some((url, why))
    });
    match from_host {
        Some((url, why)) if url == server.url => Some(format!("server '{url}' {why}")),
        Some((url, why)) => Some(format!(
            "server '{}' can point at '{url}', which {why}",
            server.url
        )),
        None => server
            .description()
            .and_then(|d| described_environment(d, own_name))
            .map(|word| {
                format!(
                    "server '{}' is described as a non-production environment ('{word}')",
                    server.url
                )
            }),
    }
}

/// The other places that declare a reported server URL, by kind.
#[derive(Default)]
struct Elsewhere {
    root: usize,
    path_items: usize,
    operations: usize,
}

impl Elsewhere {
    fn add(&mut self, root: Node<'_>, server: &Server<'_>) {
        // url -> server object -> `servers` list -> its owner.
        let owner = server
            .object
            .and_then(|o| o.parent())
            .and_then(|l| l.parent());
        match owner {
            Some(owner) if owner == root => self.root += 1,
            Some(owner) if is_operation(owner) => self.operations += 1,
            _ => self.path_items += 1,
        }
    }

    /// " (also declared by 2 path items and 845 operations)", or nothing.
    fn describe(&self) -> String {
        let counts = [
            (self.root, "other root server", "other root servers"),
            (self.path_items, "path item", "path items"),
            (self.operations, "operation", "operations"),
        ];
        let parts: Vec<String> = counts
            .iter()
            .filter(|(n, ..)| *n > 0)
            .map(|&(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
            .collect();
        match parts.as_slice() {
            [] => String::new(),
            [one] => format!(" (also declared by {one})"),
            [init @ .., last] => format!(" (also declared by {} and {last})", init.join(", ")),
        }
    }
}

/// An operation object: the value of an HTTP method key, or one of 3.2's
/// `additionalOperations`.
fn is_operation(node: Node<'_>) -> bool {
    let under_additional = node
        .parent()
        .and_then(|p| p.parent_key())
        .is_some_and(|k| k.name == "additionalOperations");
    under_additional
        || node
            .parent_key()
            .is_some_and(|k| METHOD_FIELDS.contains(&k.name))
}

/// The lowercase words of `text`.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
}

fn marked_internal(server: &Server<'_>) -> bool {
    server
        .object
        .and_then(|o| o.get("x-internal"))
        .is_some_and(|x| x.is_true())
}

/// Why a host is not a production one, as the end of a sentence. A word in
/// `own_name` (the words of `info.title`) names the service, not an
/// environment: `testing.googleapis.com` is the Cloud Testing API.
fn host_reason(host: &str, own_name: &HashSet<&str>) -> Option<String> {
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
        environment_in(label.split(['-', '_']), own_name)
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
/// followed by `prod`/`production` is `preprod`), except one that is part of
/// the service's own name (`own_name`).
fn environment_in<'w>(
    words: impl Iterator<Item = &'w str>,
    own_name: &HashSet<&str>,
) -> Option<String> {
    let words: Vec<&str> = words.filter(|w| !w.is_empty()).collect();
    words.iter().enumerate().find_map(|(i, word)| {
        let stem = word.trim_end_matches(|c: char| c.is_ascii_digit());
        let next = words.get(i + 1).copied();
        if stem == "pre" && matches!(next, Some("prod" | "production")) {
            return Some(format!("pre-{}", next.unwrap_or_default()));
        }
        let named = own_name.contains(stem) || own_name.contains(*word);
        (ENVIRONMENTS.contains(&stem) && !named).then(|| (*word).to_owned())
    })
}

/// An environment named by a server description ("Staging server"), unless
/// it also says production ("Production (not for testing)"). Only the first
/// sentence, the label: later ones tend to point elsewhere ("see the sandbox
/// docs").
fn described_environment(description: &str, own_name: &HashSet<&str>) -> Option<String> {
    let label = description
        .split(['.', ';', '\n'])
        .next()
        .unwrap_or_default();
    let lower = label.to_ascii_lowercase();
    let words = || lower.split(|c: char| !c.is_ascii_alphanumeric());
    if let found @ Some(_) = environment_in(words(), own_name).filter(|w| w.starts_with("pre-")) {
        return found;
    }
    if words().any(|w| matches!(w, "production" | "prod" | "live")) {
        return None;
    }
    environment_in(words(), own_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn judges_hosts() {
        let none = HashSet::new();
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
            assert!(host_reason(host, &none).is_some(), "{host}");
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
            assert_eq!(host_reason(host, &none), None, "{host}");
        }
    }

    #[test]
    fn reads_descriptions() {
        let none = HashSet::new();
        assert!(described_environment("Staging server", &none).is_some());
        assert!(described_environment("Pre-production", &none).is_some());
        assert!(described_environment("Sandbox (test data only)", &none).is_some());
        assert_eq!(described_environment("Production server", &none), None);
        assert_eq!(
            described_environment("Live API, not for testing", &none),
            None
        );
        assert_eq!(described_environment("Main API server", &none), None);
        assert_eq!(described_environment("Developer portal API", &none), None);
        assert_eq!(
            described_environment("EU region. See the sandbox docs", &none),
            None
        );
    }

    #[test]
    fn the_service_name_is_not_an_environment() {
        let title = "cloud testing api";
        let own_name: HashSet<&str> = words(title).collect();
        assert_eq!(host_reason("testing.googleapis.com", &own_name), None);
        assert!(host_reason("staging.googleapis.com", &own_name).is_some());
        assert!(host_reason("localhost", &own_name).is_some());
        assert_eq!(described_environment("Testing API", &own_name), None);
    }

    #[test]
    fn tells_servers_apart_without_the_scheme() {
        assert_eq!(same_server("//kubernetes.local"), "//kubernetes.local");
        assert_eq!(
            same_server("https://kubernetes.local/"),
            "//kubernetes.local"
        );
        assert_eq!(
            same_server("http://localhost:8080/v1"),
            "//localhost:8080/v1"
        );
        assert_ne!(
            same_server("http://localhost:8080/v1"),
            same_server("http://localhost:8080/v2")
        );
    }
}
