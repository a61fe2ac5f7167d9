//! Input strings whose content nothing restricts: free text reaches the backend.

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "string-unrestricted",
    severity: Severity::Info,
    owasp: Owasp::API4,
    cwe: 20,
    versions: ALL_VERSIONS,
    summary: "An input string has no pattern, format, enum or const",
    help: "restrict the content with an `enum`, a `pattern` anchored with `^...$`, or a `format`",
    doc: include_str!("../../rules/string-unrestricted.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    for schema in cx.schemas() {
        let node = schema.node;
        if !SchemaType::of(node).is("string")
            || ["pattern", "format", "enum", "const"]
                .iter()
                .any(|k| node.has(k))
        {
            continue;
        }
        cx.report(
            node,
            format!(
                "string {} accepts any text (no pattern, format or enum)",
                describe(node)
            ),
        );
    }
}
