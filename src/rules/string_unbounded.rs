//! Input strings with no length limit.

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "string-unbounded",
    severity: Severity::Warning,
    owasp: Owasp::API4,
    cwe: 770,
    versions: ALL_VERSIONS,
    summary: "An input string has no maxLength",
    help: "add `maxLength` (or an `enum`, or a bounded `format` such as `uuid` or `date-time`)",
    doc: include_str!("../../rules/string-unbounded.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

/// Formats whose values have an inherent maximum length.
const BOUNDED_FORMATS: [&str; 10] = [
    "date",
    "date-time",
    "time",
    "uuid",
    "email",
    "ipv4",
    "ipv6",
    "hostname",
    "int32",
    "int64",
];

fn check(cx: &mut Context<'_, '_>) {
    for schema in cx.schemas() {
        let node = schema.node;
        if !SchemaType::of(node).is("string")
            || ["maxLength", "enum", "const"].iter().any(|k| node.has(k))
        {
            continue;
        }
        if node
            .get_str("format")
            .is_some_and(|f| BOUNDED_FORMATS.contains(&f))
            || node.get_str("pattern").is_some_and(bounds_length)
        {
            continue;
        }
        cx.report(node, format!("string {} has no maxLength", describe(node)));
    }
}

/// Whether a pattern caps the length of what it matches: anchored at both
/// ends (`^…$`) with no unbounded repetition (`*`, `+`, `{n,}`) outside
/// character classes, as `^[A-Z]{2}[0-9]{4}$` or `^(GET|POST)$`.
fn bounds_length(pattern: &str) -> bool {
    let Some(body) = pattern
        .strip_prefix('^')
        .and_then(|p| p.strip_suffix('$'))
        .filter(|p| !p.ends_with('\\') || p.ends_with("\\\\"))
    else {
        return false;
    };
    let mut chars = body.chars();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '[' if !in_class => in_class = true,
            ']' if in_class => in_class = false,
            '*' | '+' if !in_class => return false,
            '{' if !in_class => {
                let quantifier: String = chars.by_ref().take_while(|&c| c != '}').collect();
                if quantifier.ends_with(',') {
                    return false;
                }
            }
            _ => {}
        }
    }
    !in_class
}

#[cfg(test)]
mod tests {
    use super::bounds_length;

    #[test]
    fn anchored_patterns_without_open_repetition_bound_length() {
        for pattern in [
            "^[A-Z]{2}[0-9]{4}$",
            "^(GET|POST)$",
            "^[a-z+*]{1,20}$",
            "^\\d{3}-\\d{4}$",
            "^x\\+$",
        ] {
            assert!(bounds_length(pattern), "{pattern}");
        }
        for pattern in [
            "[A-Z]{2}",
            "^[a-z]+$",
            "^.*$",
            "^[a-z]{2,}$",
            "^[a-z]{1,20}",
            "[a-z]{1,20}$",
            "^(?=.*[0-9])[a-z0-9]{8}$",
            "^abc\\$",
            "^[a-z$",
        ] {
            assert!(!bounds_length(pattern), "{pattern}");
        }
    }
}
