//! Requests the API itself sends (callbacks, webhooks) over cleartext, or
//! that receivers cannot authenticate.

use std::collections::HashSet;

use super::prelude::*;
use super::shared::url::mentions_plain_http;
use crate::model::{Security, item_operations};

pub static RULE: Rule = Rule {
    id: "callback-insecure",
    severity: Severity::Warning,
    owasp: Owasp::API10,
    cwe: 319,
    versions: V3_ONLY,
    summary: "A callback or webhook is sent over plain HTTP, or a webhook declares no security",
    help: "use https:// callback URLs, and declare how receivers authenticate webhooks (`security` or a signature header)",
    doc: include_str!("../../rules/callback-insecure.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    let spec = cx.spec;
    // Maps of callback objects: per operation, and reusable ones. An
    // operation's callback may be a `$ref` to a reusable one: judge it once.
    let maps = spec
        .operations
        .iter()
        .filter_map(|op| spec.get(op.node, "callbacks"))
        .chain(spec.components("callbacks", ""));
    let mut seen = HashSet::new();
    for map in maps {
        for (_, callback) in map.entries() {
            let callback = spec.resolve(callback);
            if !seen.insert(callback.key()) {
                continue;
            }
            for (expression, item) in callback.entries() {
                if expression.name.starts_with("x-") {
                    continue;
                }
                if mentions_plain_http(expression.name) {
                    cx.report_key(
                        item,
                        format!("callback URL '{}' is plain HTTP", expression.name),
                    );
                }
                plain_http_servers(cx, spec.resolve(item), "callback");
            }
        }
    }
    if spec.version.is_31_or_later() {
        webhooks(cx);
    }
}

/// 3.1/3.2 webhooks: the API sends these requests to a receiver's URL. Root
/// `security` says how clients authenticate to the API, not how the API
/// authenticates to receivers, so only the webhook's own `security` or a
/// signature header parameter counts.
fn webhooks(cx: &mut Context<'_, '_>) {
    let spec = cx.spec;
    let Some(hooks) = spec.get(spec.root, "webhooks") else {
        return;
    };
    for (name, item) in hooks.entries() {
        if name.name.starts_with("x-") {
            continue;
        }
        if mentions_plain_http(name.name) {
            cx.report_key(item, format!("webhook '{}' is plain HTTP", name.name));
        }
        let item = spec.resolve(item);
        plain_http_servers(cx, item, "webhook");
        for op in item_operations(spec, item) {
            let (method, op) = (op.method, op.node);
            let secured = op
                .get("security")
                .is_some_and(|s| Security::parse(s).is_protected());
            if !secured && !has_signature_header(cx, item, op) {
                cx.report(
                    op,
                    format!(
                        "webhook '{}' ({}) declares no security nor signature header: receivers cannot tell it comes from this API",
                        name.name,
                        // `get` reads GET; an additional operation's key is
                        // the method as sent (`NOTIFY`).
                        method.name.to_ascii_uppercase()
                    ),
                );
            }
        }
    }
}

/// `servers` of a path item or of its operations with an `http://` URL.
fn plain_http_servers<'a>(cx: &mut Context<'_, 'a>, item: Node<'a>, what: &str) {
    let spec = cx.spec;
    let lists = std::iter::once(item.get("servers")).chain(
        item_operations(spec, item)
            .into_iter()
            .map(|op| op.node.get("servers")),
    );
    for list in lists.flatten() {
        for server in list.items() {
            let Some(url) = spec.resolve(server).get("url") else {
                continue;
            };
            if let Some(text) = url.as_str().filter(|u| mentions_plain_http(u)) {
                cx.report(url, format!("{what} server '{text}' is plain HTTP"));
            }
        }
    }
}

/// A header parameter carrying a payload signature (`X-Hub-Signature-256`,
/// `Stripe-Signature`, `webhook-signature`), on the operation or path item.
fn has_signature_header(cx: &Context<'_, '_>, item: Node<'_>, op: Node<'_>) -> bool {
    let spec = cx.spec;
    [item.get("parameters"), op.get("parameters")]
        .into_iter()
        .flatten()
        .flat_map(|list| list.items())
        .map(|p| spec.resolve(p))
        .any(|p| {
            p.get_str("in")
                .is_some_and(|i| i.eq_ignore_ascii_case("header"))
                && p.get_str("name")
                    .is_some_and(|n| n.to_ascii_lowercase().contains("signature"))
        })
}
