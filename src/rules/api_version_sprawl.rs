//! Several major API versions served side by side.

use std::collections::BTreeMap;

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "api-version-sprawl",
    severity: Severity::Warning,
    owasp: Owasp::API9,
    cwe: 1059,
    versions: ALL_VERSIONS,
    summary: "Paths or servers expose more than one major API version",
    help: "retire the older version, or document it in its own spec with a sunset date",
    doc: include_str!("../../rules/api-version-sprawl.md"),
    enabled_by_default: true,
    precision: Precision::Medium,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    let spec = cx.spec;
    // Major version → the first place that exposes it.
    let mut majors: BTreeMap<u64, (Node<'_>, String)> = BTreeMap::new();
    let paths = spec.get(spec.root, "paths");
    for (key, item) in paths.into_iter().flat_map(|p| p.entries()) {
        if let Some(major) = major_version(key.name) {
            majors.entry(major).or_insert((item, key.name.to_owned()));
        }
    }
    for server in &spec.servers {
        if let Some(major) = major_version(url_path(&server.url)) {
            majors
                .entry(major)
                .or_insert((server.node, server.url.clone()));
        }
    }
    if majors.len() < 2 {
        return;
    }
    let versions: Vec<String> = majors.keys().map(|m| format!("v{m}")).collect();
    let (&oldest, (node, place)) = majors.iter().next().expect("two versions");
    cx.report(
        *node,
        format!(
            "the API exposes versions {}: v{oldest} is still served (first at '{place}')",
            versions.join(", ")
        ),
    );
}

/// The major number of the first `v<N>` (or `v<N>.<M>`) path segment.
fn major_version(path: &str) -> Option<u64> {
    path.split('/').find_map(|segment| {
        let digits = segment
            .strip_prefix('v')
            .or_else(|| segment.strip_prefix('V'))?;
        let major = digits.split('.').next()?;
        let rest_is_numeric = digits
            .split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        if rest_is_numeric {
            major.parse().ok()
        } else {
            None
        }
    })
}

/// The path part of a server URL (`https://h/api/v2` → `/api/v2`).
fn url_path(url: &str) -> &str {
    match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |i| &rest[i..]),
        None => url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_major_versions() {
        assert_eq!(major_version("/v1/users"), Some(1));
        assert_eq!(major_version("/api/v2.1/users"), Some(2));
        assert_eq!(major_version("/videos/{id}"), None);
        assert_eq!(major_version("/v1beta/x"), None);
        assert_eq!(url_path("https://api.example.com/v3"), "/v3");
    }
}
