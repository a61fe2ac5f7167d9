//! URLs taken from clients with no allow-list: the server may be made to
//! fetch internal addresses (SSRF).

use super::prelude::*;
use super::shared::names::is_one_of;
use super::shared::properties::properties;
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

/// Names that say URL by themselves (case and separators aside).
const NAMES: [&str; 6] = [
    "url",
    "uri",
    "callback_url",
    "webhook_url",
    "redirect_uri",
    "return_to",
];
/// Names that are URLs in some APIs and ordinary words in others: a JSONP
/// function (`callback`), a pagination cursor or the next step (`next`), a
/// currency or an error's subject (`target`), a hostname (`redirect`), a
/// webhook's id (`webhook`). They count when the input's description or an
/// example shows a URL.
const WORDS: [&str; 5] = ["callback", "next", "target", "redirect", "webhook"];
const URL_FORMATS: [&str; 3] = ["uri", "url", "uri-reference"];

fn check(cx: &mut Context<'_, '_>) {
    let spec = cx.spec;
    for param in spec.parameters() {
        if param.location == "body" {
            continue;
        }
        if let Some(schema) = param.schema
            && is_unrestricted_url(spec, param.name, schema, [param.node, schema])
        {
            cx.report(
                param.node,
                format!(
                    "{} takes a URL with no pattern or enum",
                    describe(param.node)
                ),
            );
        }
    }
    for schema in cx.schemas() {
        for prop in properties(spec, schema.node) {
            if prop.is_read_only()
                || !is_unrestricted_url(spec, prop.key.name, prop.schema, [prop.node, prop.schema])
            {
                continue;
            }
            cx.report_key(
                prop.node,
                format!(
                    "{} takes a URL with no pattern or enum",
                    describe(prop.node)
                ),
            );
        }
    }
}

/// URL-shaped by format, or by name when nothing says it is something else;
/// an array is judged by its items. `described` are the nodes whose
/// `description` documents the input (the parameter or property as written,
/// and its schema).
fn is_unrestricted_url<'a>(
    spec: &Spec<'a>,
    name: &str,
    schema: Node<'a>,
    described: [Node<'a>; 2],
) -> bool {
    let mut budget = MAX_VISITS;
    match shape(spec, schema, &mut budget) {
        Shape::UrlFormat => true,
        Shape::Text => {
            is_url_name(name)
                || (is_one_of(name, &WORDS)
                    && shows_url(spec, schema, described)
                    && !is_jsonp_callback(name, described))
        }
        Shape::Restricted | Shape::NotUrl => false,
    }
}

/// What a schema says about a value that might be a URL, from the least to
/// the most telling.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Shape {
    /// A string (or an untyped value) with no format: the name decides.
    Text,
    /// `format: uri`, `url` or `uri-reference`, nothing restricting it.
    UrlFormat,
    /// Something else: another type (`redirect: boolean`, an object) or
    /// another format (`target: {format: uuid}`).
    NotUrl,
    /// A `pattern`, `enum` or `const` allow-list.
    Restricted,
}

/// How many schemas one judgement visits through `items`, `allOf`, `anyOf`
/// and `oneOf` (`$ref` cycles and hostile fan-outs stop there; what is left
/// unvisited says nothing).
const MAX_VISITS: usize = 64;

/// The shape of a schema, its composition included: every `allOf` branch
/// holds, so one restricting branch restricts and one object branch makes
/// an object; a `oneOf`/`anyOf` is restricted only when every branch is
/// restricted or no string at all (an enum, or an array of enums).
fn shape<'a>(spec: &Spec<'a>, schema: Node<'a>, budget: &mut usize) -> Shape {
    let schema = spec.resolve(schema);
    *budget = budget.saturating_sub(1);
    let ty = SchemaType::of(schema);
    if ty.is("array") {
        return match schema.get("items") {
            Some(items) if *budget > 0 => shape(spec, items, budget),
            _ => Shape::NotUrl,
        };
    }
    if ["pattern", "enum", "const"].iter().any(|k| schema.has(k)) {
        return Shape::Restricted;
    }
    if schema.has("type") && !ty.is("string") {
        return Shape::NotUrl;
    }
    let mut all = match schema.get_str("format") {
        Some(format) if URL_FORMATS.contains(&format) => Shape::UrlFormat,
        Some(_) => Shape::NotUrl,
        None => Shape::Text,
    };
    let mut branches = |list: &str| {
        let mut shapes = Vec::new();
        for branch in schema.get(list).into_iter().flat_map(|l| l.items()) {
            if *budget == 0 {
                break;
            }
            if spec.resolve(branch).is_map() {
                shapes.push(shape(spec, branch, budget));
            }
        }
        shapes
    };
    // Every allOf branch holds: the most telling one wins.
    all = branches("allOf").into_iter().fold(all, Ord::max);
    // One oneOf/anyOf branch is enough: the least restricted one counts,
    // an unrestricted URL format before plain text.
    for list in ["oneOf", "anyOf"] {
        let any = branches(list);
        let weakest = if any.contains(&Shape::UrlFormat) {
            Some(Shape::UrlFormat)
        } else {
            any.into_iter().min()
        };
        if let Some(weakest) = weakest {
            all = all.max(weakest);
        }
    }
    all
}

/// `?callback=handleData`: JSONP names a JavaScript function to wrap the
/// response in, not a URL. Said so by the description (`JSONP`, `JSON-P`).
fn is_jsonp_callback(name: &str, described: [Node<'_>; 2]) -> bool {
    name.eq_ignore_ascii_case("callback")
        && described
            .iter()
            .filter_map(|n| n.get_str("description"))
            .any(|d| {
                let d = d.to_ascii_lowercase();
                d.contains("jsonp") || d.contains("json-p")
            })
}

/// Whether the documentation of an input shows a URL: a description (of
/// the parameter or property, of its schema or of one of the schema's
/// `allOf` branches) that speaks of a URL or URI or holds an `http(s)://`
/// address, or an example or default that is one.
fn shows_url<'a>(spec: &Spec<'a>, schema: Node<'a>, described: [Node<'a>; 2]) -> bool {
    let schema = spec.resolve(schema);
    let branches = schema
        .get("allOf")
        .into_iter()
        .flat_map(|l| l.items())
        .map(|b| spec.resolve(b));
    let nodes: Vec<Node<'a>> = described
        .into_iter()
        .chain([schema])
        .chain(branches)
        .collect();
    let speaks_of_url = nodes
        .iter()
        .filter_map(|n| n.get_str("description"))
        .any(|d| {
            shows_address(d)
                || d.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| {
                    ["url", "urls", "uri", "uris"]
                        .iter()
                        .any(|u| w.eq_ignore_ascii_case(u))
                })
        });
    let is_address = |v: Node<'a>| {
        v.as_str()
            .is_some_and(|s| s.starts_with("http://") || s.starts_with("https://"))
    };
    let example_is_url = nodes.iter().any(|n| {
        ["example", "x-example", "default"]
            .iter()
            .filter_map(|k| n.get(k))
            .chain(n.get("examples").into_iter().flat_map(|e| {
                // 3.1 schema `examples` is a list; a 3.x parameter's is a
                // map of Example objects.
                e.items().chain(
                    e.entries()
                        .filter_map(|(_, x)| spec.resolve(x).get("value")),
                )
            }))
            .any(is_address)
    });
    speaks_of_url || example_is_url
}

/// Prose holding an `http(s)://` address as text (`e.g.
/// https://hooks.example.com/...`), not as the target of a link
/// (`[glossary](https://...)`, `<a href="https://...">`), which documents
/// the word rather than the value.
fn shows_address(description: &str) -> bool {
    ["http://", "https://"].iter().any(|scheme| {
        description
            .match_indices(scheme)
            .any(|(at, _)| !description[..at].ends_with(['(', '"', '\'', '<']))
    })
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
