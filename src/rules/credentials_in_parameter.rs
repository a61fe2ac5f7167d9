//! Credentials passed as query or path parameters (or as fields of a 3.2
//! querystring parameter).

use std::collections::HashSet;

use super::prelude::*;
use super::shared::names::normalize;
use super::shared::querystring;
use crate::source::{FileId, NodeId};

pub static RULE: Rule = Rule {
    id: "credentials-in-parameter",
    severity: Severity::Error,
    owasp: Owasp::API2,
    cwe: 598,
    versions: ALL_VERSIONS,
    summary: "A query or path parameter carries a credential",
    help: "send credentials in a header or the request body, and declare them as a security scheme",
    doc: include_str!("../../rules/credentials-in-parameter.md"),
    enabled_by_default: true,
    precision: Precision::Medium,
    check: Check::Spec(check),
};

/// The catalog's credential names, normalized (see [`normalize`]). Exact
/// matches only: `page_token`, `next_token` and `token_type` are not secrets.
const CREDENTIALS: [&str; 11] = [
    "password",
    "passwd",
    "secret",
    "clientsecret",
    "token",
    "accesstoken",
    "refreshtoken",
    "idtoken",
    "apikey",
    "session",
    "jwt",
];

fn check(cx: &mut Context<'_, '_>) {
    let spec = cx.spec;
    // A querystring field reused by several parameters is reported once.
    let mut seen = HashSet::new();
    for param in spec.parameters() {
        let place = match param.location {
            "query" => "query",
            "path" => "path",
            "querystring" => {
                querystring_fields(cx, &param, &mut seen);
                continue;
            }
            _ => continue,
        };
        if !CREDENTIALS.contains(&normalize(param.name).as_str()) {
            continue;
        }
        if place == "path" && identifies_session_object(spec, &param) {
            continue;
        }
        cx.report(
            param.node,
            format!(
                "{} looks like a credential: URLs end up in server and proxy logs, browser history and Referer headers",
                describe(param.node)
            ),
        );
    }
}

/// The fields of a 3.2 `in: querystring` parameter: each is a query
/// parameter of its own (`?access_token=...`), reported at its property key.
fn querystring_fields<'a>(
    cx: &mut Context<'_, 'a>,
    param: &crate::model::Parameter<'a>,
    seen: &mut HashSet<(FileId, NodeId)>,
) {
    let spec = cx.spec;
    for field in querystring::fields(spec, param) {
        if !CREDENTIALS.contains(&normalize(field.key.name).as_str())
            || !seen.insert(field.node.key())
        {
            continue;
        }
        cx.report(
            field.node,
            format!(
                "{} is a query string field that looks like a credential: URLs end up in server and proxy logs, browser history and Referer headers",
                describe(field.node)
            ),
        );
    }
}

/// `/checkout/sessions/{session}`, `/v1/identity/verification_sessions/{session}`:
/// a `session` path parameter that identifies an object of a collection of
/// sessions (a resource with its own id, as in Stripe's API), not the session
/// secret of a caller. The collection is named by the path segment before the
/// placeholder, whose last word is `sessions` (`sessions`,
/// `verification_sessions`, `checkoutSessions`), or, where the parameter holds
/// a whole resource name (`/v1/{session}:commit`, Google's resource-oriented
/// APIs), by the operationId (`spanner.projects.instances.databases.sessions.commit`).
/// True when every operation using the parameter reads that way.
///
/// Only `session`: a `{token}` under a `tokens` collection is the token
/// itself, and an API key or a password is a secret wherever it stands.
fn identifies_session_object(
    spec: &crate::model::Spec<'_>,
    param: &crate::model::Parameter<'_>,
) -> bool {
    if normalize(param.name) != "session" {
        return false;
    }
    let placeholder = format!("{{{}}}", param.name);
    let mut uses = spec
        .operations
        .iter()
        .filter(|op| op.parameters.iter().any(|p| p.node == param.node))
        .peekable();
    uses.peek().is_some()
        && uses.all(|op| {
            let after_collection = op.path.split('/').collect::<Vec<_>>().windows(2).any(
                |w| matches!(w, [prev, seg] if seg.starts_with(&placeholder) && is_sessions(prev)),
            );
            let named_by_id = op.node.get_str("operationId").is_some_and(|id| {
                let words: Vec<&str> = id.split('.').collect();
                words.len() >= 2 && is_sessions(words[words.len() - 2])
            });
            after_collection || named_by_id
        })
}

/// A collection name whose last word is `sessions`: `sessions`,
/// `verification_sessions`, `link-account-sessions`, `checkoutSessions`
/// (not `possessions`).
fn is_sessions(segment: &str) -> bool {
    let Some(head) = segment
        .strip_suffix("sessions")
        .or_else(|| segment.strip_suffix("Sessions"))
        .or_else(|| segment.strip_suffix("SESSIONS"))
    else {
        return false;
    };
    head.is_empty()
        || head.ends_with(['_', '-', '.'])
        || (segment.ends_with("Sessions") && head.ends_with(|c: char| c.is_ascii_lowercase()))
}
