//! Security that lists `{}`: anonymous access is one of the alternatives.

use std::collections::HashSet;

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "security-optional",
    severity: Severity::Warning,
    owasp: Owasp::API2,
    cwe: 306,
    versions: ALL_VERSIONS,
    summary: "A security requirement list allows anonymous access with `{}`",
    help: "remove the empty requirement `{}` unless anonymous access is intended (then suppress with a reason)",
    doc: include_str!("../../rules/security-optional.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    let spec = cx.spec;
    let root = spec.root.get("security");
    let mut seen = HashSet::new();
    for op in &spec.operations {
        let alternatives = op.security.alternatives();
        let only = alternatives.iter().all(|a| a.schemes.is_empty());
        for empty in alternatives.iter().filter(|a| a.schemes.is_empty()) {
            // The root requirement is reported once, not per inheriting operation.
            if !seen.insert(empty.node.key()) {
                continue;
            }
            let how = if only {
                "`{}` is its only requirement"
            } else {
                "`{}` is one of its alternatives"
            };
            let message = if op.security.node() == root {
                let inheriting = spec
                    .operations
                    .iter()
                    .filter(|o| o.security.node() == root)
                    .count();
                format!(
                    "the root `security` allows anonymous access ({how}), inherited by {inheriting} operation(s)"
                )
            } else {
                format!("{} allows anonymous access: {how}", op.label())
            };
            cx.report(empty.node, message);
        }
    }
}
