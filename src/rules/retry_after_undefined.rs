//! Throttling and outage responses that do not say when to come back.

use std::collections::HashSet;

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "retry-after-undefined",
    severity: Severity::Info,
    owasp: Owasp::API4,
    cwe: 770,
    versions: ALL_VERSIONS,
    summary: "A 429 or 503 response declares no Retry-After header",
    help: "declare a `Retry-After` header (seconds or an HTTP date) on the response",
    doc: include_str!("../../rules/retry-after-undefined.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    let spec = cx.spec;
    // A response shared through `$ref` is reported once, at its definition.
    let mut seen = HashSet::new();
    for op in &spec.operations {
        let own = op.node.get("responses").map(|r| spec.resolve(r));
        for response in &op.responses {
            if !matches!(response.status, "429" | "503")
                || response.header("Retry-After").is_some()
                || !seen.insert(response.node.key())
            {
                continue;
            }
            let inline = response.node.parent().is_some_and(|p| Some(p) == own);
            match response.node.parent_key() {
                Some(key) if !inline => cx.report(
                    response.node,
                    format!(
                        "response '{}' ({}) declares no Retry-After header",
                        key.name, response.status
                    ),
                ),
                _ => cx.report_span(
                    response.node,
                    response.key.span,
                    RULE.severity,
                    format!(
                        "{} response of {} declares no Retry-After header",
                        response.status,
                        op.label()
                    ),
                ),
            }
        }
    }
}
