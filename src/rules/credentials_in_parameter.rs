//! Credentials passed as query or path parameters (or as fields of a 3.2
//! querystring parameter).

use std::collections::HashSet;

use super::names::normalize;
use super::prelude::*;
use super::querystring;
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
        if place == "path" && names_collection_item(spec, &param) {
            continue;
        }
        cx.report(
            param.node,
            format!(
                "{place} parameter '{}' looks like a credential: URLs end up in server and proxy logs, browser history and Referer headers",
                param.name
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
                "query string field '{}' looks like a credential: URLs end up in server and proxy logs, browser history and Referer headers",
                field.key.name
            ),
        );
    }
}

/// `/tokens/{token}`, `/checkout/sessions/{session}`: the parameter is the id
/// of an item in a collection of tokens or sessions (a resource, as in
/// Stripe's API), not a credential the caller proves itself with. True when
/// every path using the parameter reads that way.
fn names_collection_item(
    spec: &crate::model::Spec<'_>,
    param: &crate::model::Parameter<'_>,
) -> bool {
    let placeholder = format!("{{{}}}", param.name);
    let collection = format!("{}s", normalize(param.name));
    let mut paths = spec
        .operations
        .iter()
        .filter(|op| op.parameters.iter().any(|p| p.node == param.node))
        .map(|op| op.path)
        .peekable();
    paths.peek().is_some()
        && paths.all(|path| {
            let segments: Vec<&str> = path.split('/').collect();
            segments.windows(2).any(
            |w| matches!(w, [prev, seg] if *seg == placeholder && normalize(prev) == collection),
        )
        })
}
