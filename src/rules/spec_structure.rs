//! The document against its version's specification, object by object.

use std::collections::{HashMap, HashSet};

use super::prelude::*;
use crate::model::SpecVersion;
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
    if cx.spec.version >= SpecVersion::OpenApi32 {
        one_querystring(cx);
    }
}

/// 3.2: the `querystring` parameter is the whole query string, so it stands
/// alone: once per operation, and never beside `query` parameters.
fn one_querystring(cx: &mut Context<'_, '_>) {
    let mut reported = HashSet::new();
    let mut found = Vec::new();
    for op in &cx.spec.operations {
        let mut querystring = op.parameters.iter().filter(|p| p.location == "querystring");
        let Some(first) = querystring.next() else {
            continue;
        };
        let conflicts = querystring
            .map(|p| (p, "a second `querystring` parameter"))
            .chain(
                op.parameters
                    .iter()
                    .filter(|p| p.location == "query")
                    .map(|p| (p, "a `query` parameter beside the `querystring` one")),
            );
        for (parameter, what) in conflicts {
            let at = parameter.node.get("in").unwrap_or(parameter.node);
            if reported.insert(at.key()) {
                found.push((
                    at,
                    format!(
                        "{what} in {}: the `querystring` parameter{} already takes the whole query string; keep one",
                        op.label(),
                        Some(first.name)
                            .filter(|n| !n.is_empty())
                            .map(|n| format!(" `{n}`"))
                            .unwrap_or_default()
                    ),
                ));
            }
        }
    }
    for (node, message) in found {
        cx.report(node, message);
    }
}

/// `operationId` names one operation: code generators and links rely on it.
/// An operation shared by several paths through `$ref` is one operation.
fn unique_operation_ids(cx: &mut Context<'_, '_>) {
    let mut first: HashMap<&str, String> = HashMap::new();
    let mut seen = HashSet::new();
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
