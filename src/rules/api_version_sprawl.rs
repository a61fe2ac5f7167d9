//! The same resource served under several major API versions.

use std::collections::HashMap;

use super::prelude::*;
use crate::model::METHOD_FIELDS;

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

/// [`METHOD_FIELDS`] as methods are written in messages.
const METHOD_LABELS: [&str; 9] = [
    "GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE", "QUERY",
];

/// One path serving a resource: its major, its key, its methods.
type Serving<'p> = (u64, &'p str, &'p [&'static str]);

fn check(cx: &mut Context<'_, '_>) {
    let spec = cx.spec;
    let mut served = false;
    // Versioned path keys served by the document's servers: the path item,
    // its key, its major, and its resource key (the version segment
    // removed, template names ignored).
    let mut versioned = Vec::new();
    let paths = spec.get(spec.root, "paths");
    for (key, item) in paths.into_iter().flat_map(|p| p.entries()) {
        let resolved = spec.resolve(item);
        if own_servers(cx, resolved) {
            continue;
        }
        let methods = methods(resolved);
        if methods.is_empty() {
            continue;
        }
        served = true;
        if let Some((major, resource)) = versioned_resource(key.name) {
            versioned.push((item, key.name, methods, major, resource));
        }
    }
    // Resource key → every (major, path, methods) serving it. An older path
    // is sprawl only where a newer one serves one of its methods: a method
    // the newer major does not offer is still the current one.
    let mut by_resource: HashMap<&str, Vec<Serving<'_>>> = HashMap::new();
    for (_, name, methods, major, resource) in &versioned {
        by_resource
            .entry(resource)
            .or_default()
            .push((*major, name, methods.as_slice()));
    }
    for (item, name, methods, major, resource) in &versioned {
        let newer = by_resource[resource.as_str()]
            .iter()
            .filter(|(m, _, theirs)| *m > *major && methods.iter().any(|x| theirs.contains(x)))
            .max_by_key(|(m, _, _)| *m);
        if let Some((_, counterpart, theirs)) = newer {
            let shared: Vec<&str> = methods
                .iter()
                .filter(|x| theirs.contains(x))
                .copied()
                .collect();
            cx.report(
                *item,
                format!(
                    "{} {name} is still served beside {counterpart}",
                    shared.join(", ")
                ),
            );
        }
    }
    if served {
        check_servers(cx);
    }
}

/// Document-level servers whose paths differ only in their major version
/// serve every path under both: the older one is reported, once.
fn check_servers(cx: &mut Context<'_, '_>) {
    let spec = cx.spec;
    let mut servers: Vec<(Node<'_>, &str, u64)> = Vec::new();
    if spec.is_v2() {
        // One host and basePath: a single version.
        return;
    }
    let list = spec.get(spec.root, "servers");
    for object in list.into_iter().flat_map(|l| l.items()) {
        let object = spec.resolve(object);
        let Some(url) = object.get("url") else {
            continue;
        };
        let Some(text) = url.as_str() else { continue };
        if let Some((major, _)) = versioned_resource(url_path(text)) {
            servers.push((url, text, major));
        }
    }
    let Some(&(_, newest_url, newest)) = servers.iter().max_by_key(|(_, _, m)| *m) else {
        return;
    };
    let mut reported = std::collections::HashSet::new();
    for &(node, url, major) in &servers {
        if major < newest && reported.insert(url) {
            cx.report(
                node,
                format!("server '{url}' still serves every path as v{major} beside '{newest_url}' (v{newest})"),
            );
        }
    }
}

/// The path item (or one of its operations) names its own `servers`: a
/// different API, not a version of the document's one.
fn own_servers(cx: &Context<'_, '_>, item: Node<'_>) -> bool {
    item.get("servers").is_some()
        || item.entries().any(|(key, op)| {
            METHOD_FIELDS.contains(&key.name) && cx.spec.resolve(op).get("servers").is_some()
        })
}

/// `[GET, POST]`: the methods of a path item.
fn methods(item: Node<'_>) -> Vec<&'static str> {
    METHOD_LABELS
        .iter()
        .zip(METHOD_FIELDS)
        .filter(|(_, method)| item.has(method))
        .map(|(label, _)| *label)
        .collect()
}

/// The major number of the first `v<N>` (or `v<N>.<M>`) segment of `path`,
/// and the path without that segment, `{names}` emptied: `/v1/users/{id}`
/// and `/users/v2/{userId}` both read as `/users/{}`.
fn versioned_resource(path: &str) -> Option<(u64, String)> {
    let mut major = None;
    let mut resource = String::new();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        if major.is_none()
            && let Some(m) = segment_major(segment)
        {
            major = Some(m);
            continue;
        }
        resource.push('/');
        let mut in_name = false;
        for c in segment.chars() {
            match c {
                '{' => {
                    in_name = true;
                    resource.push('{');
                }
                '}' => {
                    in_name = false;
                    resource.push('}');
                }
                _ if in_name => {}
                _ => resource.push(c),
            }
        }
    }
    Some((major?, resource))
}

/// `v2` or `v2.1` → 2; anything else (`v1beta`, `version2`, `{v1}`) → none.
fn segment_major(segment: &str) -> Option<u64> {
    let digits = segment
        .strip_prefix('v')
        .or_else(|| segment.strip_prefix('V'))?;
    let numeric = digits
        .split('.')
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if numeric {
        digits.split('.').next()?.parse().ok()
    } else {
        None
    }
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
    fn reads_versioned_resources() {
        assert_eq!(versioned_resource("/v1/users"), Some((1, "/users".into())));
        assert_eq!(
            versioned_resource("/api/v2.1/users/{userId}"),
            Some((2, "/api/users/{}".into()))
        );
        assert_eq!(
            versioned_resource("/products/v2"),
            Some((2, "/products".into()))
        );
        assert_eq!(versioned_resource("/videos/{v1}"), None);
        assert_eq!(versioned_resource("/v1beta/x"), None);
        assert_eq!(url_path("https://api.example.com/v3"), "/v3");
    }
}
