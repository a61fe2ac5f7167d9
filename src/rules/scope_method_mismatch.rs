//! Write operations that a read-only token can call.

use std::collections::HashSet;

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "scope-method-mismatch",
    severity: Severity::Warning,
    owasp: Owasp::API5,
    cwe: 863,
    versions: ALL_VERSIONS,
    summary: "A write operation only requires read-only scopes",
    help: "require a write (or admin) scope on post/put/patch/delete operations",
    doc: include_str!("../../rules/scope-method-mismatch.md"),
    enabled_by_default: true,
    precision: Precision::Medium,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    for op in cx.spec.operations.iter().filter(|op| op.is_write()) {
        // Any one alternative grants access: one with only read scopes is
        // enough for a read-only token to write.
        let read_only = op.security.alternatives().iter().find_map(|a| {
            let mut scopes = a.schemes.iter().flat_map(|(_, s)| s.iter().copied());
            if scopes.clone().next().is_none() || !scopes.all(is_read_only) {
                return None;
            }
            // Two schemes of one alternative (Google's `Oauth2` and
            // `Oauth2c`) often list the same scope: name it once.
            let mut seen = HashSet::new();
            let unique: Vec<&str> = a
                .schemes
                .iter()
                .flat_map(|(_, s)| s.iter().copied())
                .filter(|scope| seen.insert(*scope))
                .collect();
            Some(unique)
        });
        if let Some(scopes) = read_only {
            cx.report(
                op.node,
                format!(
                    "{} can be called with only read-only scopes ({})",
                    op.label(),
                    list_some(&scopes)
                ),
            );
        }
    }
}

/// The first few names, and how many more: a message stays one line.
fn list_some(names: &[&str]) -> String {
    const SHOWN: usize = 5;
    let mut list = names[..names.len().min(SHOWN)].join(", ");
    if names.len() > SHOWN {
        list.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    list
}

/// `read`, `read:org`, `pets:read`, `User.Read`, `User.Read.All`,
/// `drive.readonly`, `read_products`: a read word and no write-ish word
/// (`Mail.ReadWrite`, `read-write`, `thread:write` are not read-only). URL
/// scopes are judged by their last path segment.
fn is_read_only(scope: &str) -> bool {
    let last = scope
        .rsplit('/')
        .next()
        .unwrap_or(scope)
        .to_ascii_lowercase();
    let words: Vec<&str> = last
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().any(|w| matches!(*w, "read" | "readonly"))
        && !words.iter().any(|w| {
            matches!(
                *w,
                "write"
                    | "readwrite"
                    | "admin"
                    | "manage"
                    | "create"
                    | "update"
                    | "delete"
                    | "edit"
                    | "modify"
                    | "full"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::is_read_only;

    #[test]
    fn recognises_read_only_scopes() {
        for scope in [
            "read",
            "read:org",
            "pets:read",
            "User.Read",
            "User.Read.All",
            "https://www.googleapis.com/auth/drive.readonly",
            "read_products",
        ] {
            assert!(is_read_only(scope), "{scope}");
        }
        for scope in [
            "write",
            "Mail.ReadWrite",
            "read-write",
            "thread:write",
            "spread",
            "thread",
            "openid",
            "read:admin",
        ] {
            assert!(!is_read_only(scope), "{scope}");
        }
    }
}
