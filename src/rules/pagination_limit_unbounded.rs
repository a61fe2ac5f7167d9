//! Page-size parameters without a maximum: one request can ask for every row.
//! A cap stated only in the description is reported apart: declare it.

use super::prelude::*;
use super::shared::querystring;

pub static RULE: Rule = Rule {
    id: "pagination-limit-unbounded",
    severity: Severity::Warning,
    owasp: Owasp::API4,
    cwe: 770,
    versions: ALL_VERSIONS,
    summary: "A page-size query parameter has no maximum",
    help: "add `maximum` with the largest page the operation serves (and cap it in the implementation)",
    doc: include_str!("../../rules/pagination-limit-unbounded.md"),
    enabled_by_default: true,
    precision: Precision::Medium,
    check: Check::Spec(check),
};

/// Page-size parameter names, exactly as APIs spell them.
const NAMES: [&str; 10] = [
    "limit",
    "per_page",
    "perPage",
    "page_size",
    "pageSize",
    "size",
    "count",
    "top",
    "$top",
    "max_results",
];

fn check(cx: &mut Context<'_, '_>) {
    let spec = cx.spec;
    let numeric_exclusive = spec.version.is_31_or_later();
    let mut seen = std::collections::HashSet::new();
    for param in spec.parameters() {
        // A 3.2 querystring parameter's fields are query parameters too.
        for field in querystring::fields(spec, &param) {
            if NAMES.contains(&field.key.name)
                && seen.insert(field.node.key())
                && is_unbounded(field.schema, numeric_exclusive)
            {
                let cap = prose_cap(&[field.schema]);
                cx.report(
                    field.node,
                    message("query string field", field.key.name, cap),
                );
            }
        }
        if param.location != "query" || !NAMES.contains(&param.name) {
            continue;
        }
        // 2.0 keeps the keywords on the parameter; a 3.x one without a
        // schema takes any value.
        let schema = param.schema.unwrap_or(param.node);
        if !is_unbounded(schema, numeric_exclusive) {
            continue;
        }
        let cap = prose_cap(&[param.node, schema]);
        cx.report(param.node, message("query parameter", param.name, cap));
    }
}

/// The finding's message: unbounded, or capped in prose only.
fn message(what: &str, name: &str, cap: Option<Cap>) -> String {
    match cap {
        None => format!(
            "page-size {what} '{name}' has no maximum, so one request can ask for every row"
        ),
        Some(Cap::Number(n)) => format!(
            "page-size {what} '{name}' states a maximum of {n} in prose; declare `maximum: {n}`"
        ),
        Some(Cap::Unnamed) => {
            format!("page-size {what} '{name}' states a maximum in prose; declare it as `maximum`")
        }
    }
}

/// A cap stated in a description rather than as `maximum`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cap {
    /// "at most 1000", "values above 1000 will be set to 1000".
    Number(u64),
    /// "limited to max page size": capped, at a size the text does not name.
    Unnamed,
}

/// The first cap stated by the `description` of one of `nodes` (the
/// parameter, then its schema).
fn prose_cap(nodes: &[Node<'_>]) -> Option<Cap> {
    nodes
        .iter()
        .filter_map(|n| n.get("description").and_then(|d| d.as_str()))
        .find_map(stated_cap)
}

/// Words after which a number is the server's cap ("max 1000", "up to 50",
/// "no more than 100", "limit of 200", "capped at 500", "coerced to 1000",
/// "values above 1000"). Single words match any word; pairs match two
/// consecutive words.
const CAP_WORDS: [&str; 8] = [
    "max",
    "maximum",
    "capped",
    "coerced",
    "clamped",
    "above",
    "exceeding",
    "maxes",
];
const CAP_PAIRS: [(&str, &str); 4] = [
    ("at", "most"),
    ("up", "to"),
    ("limit", "of"),
    ("limited", "to"),
];

/// Scans a description once, word by word (lowercase ASCII letters and
/// digits), for a cap: a number within two words after a cap word ("max
/// 1000", "maximum value is 1000", "1000 max" counts too, the number just
/// before), or "limited to max/maximum page size" without a number.
fn stated_cap(text: &str) -> Option<Cap> {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if c == ',' && !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit()) {
            // "1,000": a thousands separator stays inside the number.
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    // Digits only; "a limit of 0 means no limit" states no cap.
    let number = |w: &str| -> Option<u64> {
        if !w.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        w.parse().ok().filter(|&n| n > 0)
    };
    // Every number stated as a cap; the largest is the cap ("if unspecified,
    // at most 50 ... the maximum value is 1000" caps at 1000).
    let mut cap: Option<u64> = None;
    let mut unnamed = false;
    for (i, w) in words.iter().enumerate() {
        let next = |k: usize| words.get(i + k).map(String::as_str);
        let cue = if CAP_WORDS.contains(&w.as_str()) {
            Some(1)
        } else if next(1).is_some_and(|n| CAP_PAIRS.contains(&(w.as_str(), n))) {
            Some(2)
        } else if w == "no" && next(1) == Some("more") && next(2) == Some("than") {
            // "no more than 100", not "if more than 100 rows match".
            Some(3)
        } else {
            None
        };
        if let Some(skip) = cue {
            // The number follows within three words ("maximum value is 1000").
            if let Some(n) = (skip..skip + 3).filter_map(next).find_map(number) {
                cap = cap.max(Some(n));
            }
            // "limited to max page size", "limited to the maximum allowed".
            if (skip..skip + 3)
                .filter_map(next)
                .any(|n| n == "max" || n == "maximum" || n == "allowed")
                && w == "limited"
            {
                unnamed = true;
            }
        }
        // "1000 max", "(200 by default, 1000 max)".
        if (w == "max" || w == "maximum")
            && let Some(n) = i.checked_sub(1).and_then(|j| number(&words[j]))
        {
            cap = cap.max(Some(n));
        }
        // "the default is the max": the default caps the value.
        if w == "default"
            && next(1) == Some("is")
            && next(2) == Some("the")
            && matches!(next(3), Some("max" | "maximum"))
        {
            unnamed = true;
        }
    }
    cap.map(Cap::Number)
        .or_else(|| unnamed.then_some(Cap::Unnamed))
}

/// A numeric (or untyped) value with no `maximum`, `enum` or `const`.
fn is_unbounded(schema: Node<'_>, numeric_exclusive: bool) -> bool {
    // A flag (`$count=true`) or a named size (`size=large`) is no page size.
    if schema.has("type") && !SchemaType::of(schema).is_numeric() {
        return false;
    }
    let number = |key: &str| schema.get(key).is_some_and(|n| n.as_f64().is_some());
    !(schema.has("enum")
        || schema.has("const")
        || number("maximum")
        || (numeric_exclusive && number("exclusiveMaximum")))
}

#[cfg(test)]
mod tests {
    use super::{Cap, stated_cap};

    #[test]
    fn caps_stated_in_prose() {
        let cases = [
            (
                "The maximum value is 1000; values above 1000 will be set to 1000",
                Some(Cap::Number(1000)),
            ),
            (
                "values above 1000 will be coerced to 1000",
                Some(Cap::Number(1000)),
            ),
            (
                "Number of results (200 by default, 1000 max)",
                Some(Cap::Number(1000)),
            ),
            ("Page size, up to 1,000.", Some(Cap::Number(1000))),
            ("no more than 50 items", Some(Cap::Number(50))),
            (
                "If unspecified, at most 50 pipelines will be returned. The maximum value is 1000",
                Some(Cap::Number(1000)),
            ),
            (
                "Limit can range between 1 and total number of supported payout currencies, and the default is the max.",
                Some(Cap::Unnamed),
            ),
            (
                "If requested page size is greater than allowed max page size, request will be limited to max page size",
                Some(Cap::Unnamed),
            ),
            ("The maximum number of items to return.", None),
            ("If more than 100 rows match, page through them.", None),
            ("Must be greater than 0.", None),
            ("A limit of 0 means no limit.", None),
            ("", None),
        ];
        for (text, cap) in cases {
            assert_eq!(stated_cap(text), cap, "{text}");
        }
    }
}
