//! Deprecated operations with no announced end.

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "deprecated-operation",
    severity: Severity::Warning,
    owasp: Owasp::API9,
    cwe: 1059,
    versions: ALL_VERSIONS,
    summary: "A deprecated operation declares no retirement date",
    help: "declare when it goes away: `x-sunset: 2026-12-31`, or a `Sunset`/`Deprecation` response header",
    doc: include_str!("../../rules/deprecated-operation.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

const SUNSET_EXTENSIONS: [&str; 3] = ["x-sunset", "x-deprecated-at", "x-removal-date"];

fn check(cx: &mut Context<'_, '_>) {
    for op in &cx.spec.operations {
        if !op.is_deprecated() || SUNSET_EXTENSIONS.iter().any(|k| op.node.has(k)) {
            continue;
        }
        let announced = op
            .responses
            .iter()
            .any(|r| r.header("Sunset").is_some() || r.header("Deprecation").is_some());
        if !announced {
            cx.report(
                op.node,
                format!("{} is deprecated but declares no sunset date", op.label()),
            );
        }
    }
}
