//! URLs taken from clients with no allow-list: the server may be made to
//! fetch internal addresses (SSRF).

use super::names::is_one_of;
use super::prelude::*;
use super::properties::properties;
use crate::model::Spec;

pub static RULE: Rule = Rule {
    id: "url-input-ssrf",
    severity: Severity::Info,
    owasp: Owasp::API7,
    cwe: 918,
    versions: ALL_VERSIONS,
    summary: "An input URL has no pattern or enum restricting where it may point",
    help: "restrict the URL with an `enum` or an anchored `pattern` allow-listing hosts, and validate it server-side",
    doc: include_str!("../../rules/url-input-ssrf.md"),
    enabled_by_default: true,
    precision: Precision::Medium,
    check: Check::Spec(check),
};

/// Names of URL-shaped inputs (case and separators aside).
const NAMES: [&str; 11] = [
    "url",
    "uri",
    "callback",
    "callback_url",
    "webhook",
    "webhook_url",
    "redirect",
    "redirect_uri",
    "return_to",
    "next",
    "target",
];
const URL_FORMATS: [&str; 3] = ["uri", "url", "uri-reference"];

fn check(cx: &mut Context<'_, '_>) {
    let spec = cx.spec;
    for param in spec.parameters() {
        if param.location == "body" {
            continue;
        }
        if let Some(schema) = param.schema
            && is_unrestricted_url(spec, param.name, schema)
        {
            cx.report(
                param.node,
                format!(
                    "{} parameter '{}' takes a URL with no pattern or enum",
                    param.location, param.name
                ),
            );
        }
    }
    for schema in cx.schemas() {
        for prop in properties(spec, schema.node) {
            if prop.is_read_only() || !is_unrestricted_url(spec, prop.key.name, prop.schema) {
                continue;
            }
            cx.report_key(
                prop.node,
                format!(
                    "property '{}' of {} takes a URL with no pattern or enum",
                    prop.key.name,
                    describe(schema.node)
                ),
            );
        }
    }
}

/// URL-shaped by format, or by name when nothing says it is something else;
/// an array is judged by its items.
fn is_unrestricted_url<'a>(spec: &Spec<'a>, name: &str, schema: Node<'a>) -> bool {
    let value = match schema.get("items") {
        Some(items) if SchemaType::of(schema).is("array") => spec.resolve(items),
        _ => schema,
    };
    if ["pattern", "enum", "const"].iter().any(|k| value.has(k)) {
        return false;
    }
    match value.get_str("format") {
        Some(format) => URL_FORMATS.contains(&format),
        // A flag (`redirect: false`) or a count (`next: 2`) is no URL.
        None => (!value.has("type") || SchemaType::of(value).is("string")) && is_url_name(name),
    }
}

/// `callback_url`, `avatarUrl`, `logo-url`, `imageURL`, or one of [`NAMES`].
fn is_url_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let camel = name
        .strip_suffix("Url")
        .or_else(|| name.strip_suffix("URL"))
        .and_then(|head| head.chars().last())
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    is_one_of(name, &NAMES) || lower.ends_with("_url") || lower.ends_with("-url") || camel
}
