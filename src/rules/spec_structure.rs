//! The document against its version's specification, object by object.

use std::collections::HashMap;

use super::prelude::*;
use crate::structure;

pub static RULE: Rule = Rule {
    id: "spec-structure",
    severity: Severity::Error,
    owasp: Owasp::API8,
    cwe: 1286,
    versions: ALL_VERSIONS,
    summary: "The document breaks the structure its OpenAPI version defines",
    help: "fix the field, value or key as the message says; the rules judge only what the specification defines",
    doc: include_str!("../../rules/spec-structure.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    for problem in structure::validate(cx.spec) {
        cx.report_span(problem.node, problem.span, RULE.severity, problem.message);
    }
    unique_operation_ids(cx);
}

/// `operationId` names one operation: code generators and links rely on it.
/// An operation shared by several paths through `$ref` is one operation.
fn unique_operation_ids(cx: &mut Context<'_, '_>) {
    let mut first: HashMap<&str, String> = HashMap::new();
    let mut seen = std::collections::HashSet::new();
    let mut repeated = Vec::new();
    for op in &cx.spec.operations {
        if !seen.insert(op.node.key()) {
            continue;
        }
        let Some(id) = op.node.get("operationId") else {
            continue;
        };
        let Some(name) = id.as_str() else {
            continue;
        };
        match first.get(name) {
            Some(label) => repeated.push((id, format!(
                "operationId `{name}` of {} is already used by {label}; operation ids must be unique",
                op.label()
            ))),
            None => {
                first.insert(name, op.label());
            }
        }
    }
    for (node, message) in repeated {
        cx.report(node, message);
    }
}
