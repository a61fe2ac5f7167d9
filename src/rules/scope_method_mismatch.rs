//! Write operations that a read-only token can call.

use std::collections::HashSet;

use super::prelude::*;
use super::shared::names::words;
use crate::model::Operation;

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
    for op in cx
        .spec
        .operations
        .iter()
        .filter(|op| op.is_write() && !says_it_reads(op))
    {
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

/// The method is transport, not meaning: a POST that says it reads (its
/// custom method or operationId's verb, or its summary or description) is a
/// read, and a read-only scope on it is deliberate.
fn says_it_reads(op: &Operation<'_>) -> bool {
    let id = op.node.get_str("operationId").unwrap_or("");
    // `/v1/{+resource}:getIamPolicy`: the custom method after the last `:`.
    let custom = op
        .path
        .rsplit('/')
        .next()
        .and_then(|seg| seg.rsplit_once(':'))
        .map_or("", |(_, verb)| verb);
    [id, custom].iter().any(|name| verb_reads(name))
        || ["summary", "description"]
            .iter()
            .filter_map(|k| op.node.get_str(k))
            .any(text_reads)
}

/// Read verbs, as the first word of an action name or of a summary
/// (`Gets`, `Lists` are folded to `get`, `list`).
const READ_VERBS: &[&str] = &[
    "get",
    "list",
    "search",
    "query",
    "test",
    "check",
    "preview",
    "wait",
    "parse",
    "validate",
    "evaluate",
    "report",
    "export",
    "count",
    "lookup",
    "find",
    "fetch",
    "describe",
    "read",
    "retrieve",
    "return",
    "view",
    "show",
    "estimate",
    "simulate",
    "analyze",
    "aggregate",
    "calculate",
    "compute",
    "summarize",
    "download",
    "hash",
    "paginated",
];

/// `compute.regionOperations.wait`, `getIamPolicy`, `parse_jql`,
/// `batchGet`, `reports.run`, `mediationReport:generate`: the words of the
/// last segment, with the one before it as the object of `run`/`generate`.
fn verb_reads(name: &str) -> bool {
    let mut segments = name.rsplit(['.', ':', '/']);
    let action = words(segments.next().unwrap_or(""));
    let object = words(segments.next().unwrap_or(""));
    // `postExport`: a method name is transport, the next word the verb.
    let skip = usize::from(
        action
            .first()
            .is_some_and(|w| matches!(w.as_str(), "post" | "put" | "patch")),
    );
    let action = &action[skip.min(action.len())..];
    let Some(first) = action.first() else {
        return false;
    };
    if READ_VERBS.contains(&first.as_str()) {
        return true;
    }
    // `batchGet`, `runAccessReport`, `reports.run`, `mediationReport:generate`.
    matches!(first.as_str(), "batch" | "run" | "generate")
        && action[1..]
            .iter()
            .chain(&object)
            .any(|w| READ_VERBS.contains(&w.trim_end_matches('s')))
}

/// A summary or description that starts with a read verb (`Gets`, `Lists`,
/// `Returns`, `Retrieves`, `Searches`, `Queries`) or says it changes nothing.
fn text_reads(text: &str) -> bool {
    let lower = text.trim_start().to_ascii_lowercase();
    let first = lower
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    let stem = if let Some(s) = first.strip_suffix("ies") {
        format!("{s}y")
    } else if first.ends_with("ches") || first.ends_with("shes") {
        first[..first.len() - 2].to_string()
    } else {
        first.strip_suffix('s').unwrap_or(first).to_string()
    };
    READ_VERBS.contains(&stem.as_str()) && stem != "test" && stem != "check"
        || [
            "does not create or update",
            "does not create, update",
            "does not modify",
            "does not change",
            "read-only operation",
            "read only operation",
            "without modifying",
            "no side effects",
        ]
        .iter()
        .any(|p| lower.contains(p))
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

#[cfg(test)]
mod read_tests {
    use super::{text_reads, verb_reads};

    #[test]
    fn recognises_reads_by_what_they_say() {
        for id in [
            "cloudresourcemanager.projects.getIamPolicy",
            "testIamPermissions",
            "compute.regionOperations.wait",
            "compute.targetPools.getHealth",
            "analyticsreporting.reports.run",
            "mediationReport:generate",
            "runAccessReport",
            "parse_jql_queries",
            "sheets.spreadsheets.values.batchGet",
            "postExport",
        ] {
            assert!(verb_reads(id), "{id}");
        }
        for id in [
            "notificationConfigs.create",
            "jobs.run",
            "batchCreate",
            "updateUiModification",
            "postUser",
        ] {
            assert!(!verb_reads(id), "{id}");
        }
        assert!(text_reads("Gets the access control policy"));
        assert!(text_reads("Queries data"));
        assert!(text_reads("Paginated report of usage"));
        assert!(text_reads(
            "Preview. This method does NOT create or update the router."
        ));
        assert!(!text_reads("Creates a job and returns it."));
    }
}
