//! Admin functions guarded exactly like ordinary ones: any caller who can use
//! the API can reach them, unless the backend checks roles on its own.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::prelude::*;
use super::responses::is_authenticated;
use crate::model::Operation;

pub static RULE: Rule = Rule {
    id: "admin-security-shared",
    severity: Severity::Warning,
    owasp: Owasp::API5,
    cwe: 285,
    versions: ALL_VERSIONS,
    summary: "An admin operation has the same security requirements as a non-admin one",
    help: "protect admin operations with a distinct scheme or an admin-only scope",
    doc: include_str!("../../rules/admin-security-shared.md"),
    enabled_by_default: true,
    precision: Precision::Medium,
    check: Check::Spec(check),
};

/// One alternative: scheme names with their sorted scopes, sorted by name.
type Alternative<'a> = Vec<(&'a str, Vec<&'a str>)>;

fn check(cx: &mut Context<'_, '_>) {
    // Operations without their own `security` share the root's list:
    // normalize each list once, however many operations hold it.
    let mut normalized: HashMap<_, Rc<[Alternative<'_>]>> = HashMap::new();
    let ops: Vec<(&Operation<'_>, bool, Rc<[Alternative<'_>]>)> = cx
        .spec
        .operations
        .iter()
        .map(|op| {
            let key = op.security.node().map(|n| n.key());
            let security = normalized
                .entry(key)
                .or_insert_with(|| requirements(op).into())
                .clone();
            (op, is_admin_path(op.path), security)
        })
        .collect();
    // The first non-admin operation of each distinct requirement set: one
    // lookup per admin operation, however many operations a spec has.
    let mut ordinary: HashMap<&[Alternative<'_>], &Operation<'_>> = HashMap::new();
    let mut hashed = HashSet::new();
    for (op, is_admin, security) in &ops {
        // Hash each distinct list once, not once per operation sharing it.
        if !is_admin && hashed.insert(Rc::as_ptr(security)) {
            ordinary.entry(&**security).or_insert(op);
        }
    }
    let mut twins = HashMap::new();
    for (admin, _, security) in ops
        .iter()
        .filter(|(op, is_admin, _)| *is_admin && is_authenticated(op))
    {
        let twin = *twins
            .entry(Rc::as_ptr(security))
            .or_insert_with(|| ordinary.get(&**security).copied());
        if let Some(other) = twin {
            cx.report(
                admin.node,
                format!(
                    "{} has the same security requirements as {}: an ordinary caller's credentials reach it",
                    admin.label(),
                    other.label()
                ),
            );
        }
    }
}

/// The effective requirements in a comparable form: alternatives sorted and
/// deduplicated, order of schemes and scopes ignored.
fn requirements<'a>(op: &Operation<'a>) -> Vec<Alternative<'a>> {
    let mut alternatives: Vec<Alternative<'a>> = op
        .security
        .alternatives()
        .iter()
        .map(|a| {
            let mut schemes: Alternative<'a> = a
                .schemes
                .iter()
                .map(|(key, scopes)| {
                    let mut scopes = scopes.clone();
                    scopes.sort_unstable();
                    scopes.dedup();
                    (key.name, scopes)
                })
                .collect();
            schemes.sort();
            schemes
        })
        .collect();
    alternatives.sort();
    alternatives.dedup();
    alternatives
}

/// A literal path segment names admin: `/admin`, `/admins/{id}`,
/// `/v1/admin-panel`, `/adminSettings` (not `{adminId}`, not `/badminton`).
fn is_admin_path(path: &str) -> bool {
    path.split('/')
        .filter(|segment| !segment.starts_with('{'))
        .flat_map(words)
        .any(|word| {
            matches!(
                word.to_ascii_lowercase().as_str(),
                "admin" | "admins" | "administrator" | "administrators" | "administration"
            )
        })
}

/// The words of a segment: split at non-alphanumerics and camelCase humps.
fn words(segment: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for part in segment.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut start = 0;
        let bytes = part.as_bytes();
        for i in 1..bytes.len() {
            if bytes[i].is_ascii_uppercase() && bytes[i - 1].is_ascii_lowercase() {
                out.push(&part[start..i]);
                start = i;
            }
        }
        if start < part.len() {
            out.push(&part[start..]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::is_admin_path;

    #[test]
    fn recognises_admin_paths() {
        for path in [
            "/admin",
            "/admins/{id}",
            "/v1/admin-panel",
            "/adminSettings",
            "/api/super_admin/x",
        ] {
            assert!(is_admin_path(path), "{path}");
        }
        for path in [
            "/users/{adminId}",
            "/badminton",
            "/administrative",
            "/users",
        ] {
            assert!(!is_admin_path(path), "{path}");
        }
    }
}
