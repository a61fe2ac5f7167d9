//! Input patterns that do not constrain the whole value: JSON Schema
//! patterns match anywhere unless anchored.

use super::prelude::*;
use super::shared::regex::{ends_with_anchor, has_top_level_alternation};

pub static RULE: Rule = Rule {
    id: "pattern-unanchored",
    severity: Severity::Info,
    owasp: Owasp::API4,
    cwe: 625,
    versions: ALL_VERSIONS,
    summary: "An input pattern is not anchored with ^ and $, or accepts anything",
    help: "anchor the pattern at both ends (`^...$`, alternatives grouped as `^(?:a|b)$`) and make it specific",
    doc: include_str!("../../rules/pattern-unanchored.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

/// Cores (anchors stripped) that match any value.
const CATCH_ALL: [&str; 10] = [
    ".*",
    ".+",
    ".*?",
    ".+?",
    "(.*)",
    "(.+)",
    "[\\s\\S]*",
    "[\\s\\S]+",
    "[\\S\\s]*",
    "[\\S\\s]+",
];

fn check(cx: &mut Context<'_, '_>) {
    for schema in cx.schemas() {
        let node = schema.node;
        let Some(pattern) = node.get_str("pattern") else {
            continue;
        };
        if let Some(problem) = problem(pattern) {
            cx.report(
                node,
                format!("pattern '{pattern}' of {} {problem}", describe(node)),
            );
        }
    }
}

fn problem(pattern: &str) -> Option<&'static str> {
    let start = pattern.starts_with('^');
    let end = ends_with_anchor(pattern);
    let core = &pattern[usize::from(start)..pattern.len() - usize::from(end)];
    if CATCH_ALL.contains(&core) {
        return Some("accepts any value");
    }
    match (start, end) {
        (true, true) if has_top_level_alternation(pattern) => {
            Some("anchors only its first and last alternative (group them: `^(?:a|b)$`)")
        }
        (true, true) => None,
        (true, false) => Some("has no `$` at the end, so it matches a prefix only"),
        (false, true) => Some("has no `^` at the start, so it matches a suffix only"),
        (false, false) => Some("is not anchored, so it matches anywhere in the value"),
    }
}
