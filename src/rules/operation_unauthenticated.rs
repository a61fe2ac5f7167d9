//! An operation anyone can call.

use super::prelude::*;
use crate::model::{Operation, Security};

pub static RULE: Rule = Rule {
    id: "operation-unauthenticated",
    severity: Severity::Error,
    owasp: Owasp::API2,
    cwe: 306,
    versions: ALL_VERSIONS,
    summary: "An operation requires no authentication",
    help: "add a `security` requirement to the operation, or a root `security` that covers it",
    doc: include_str!("../../rules/operation-unauthenticated.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

/// How the rule's findings split (`oasguard rules`, the README's table).
pub(super) const SEVERITIES: &str = "error (writes), warning (reads)";

fn check(cx: &mut Context<'_, '_>) {
    let spec = cx.spec;
    let open: Vec<&Operation<'_>> = spec
        .operations
        .iter()
        .filter(|op| !matches!(op.security, Security::Requirements { .. }))
        .collect();
    if open.is_empty() {
        return;
    }
    let root = spec
        .root
        .get("security")
        .map_or(Security::Absent, Security::parse);
    // One root cause: nothing in the document asks for credentials, so the
    // fix is one root `security`, not one per operation.
    if !root.is_protected() && !spec.operations.iter().any(|op| op.security.is_protected()) {
        return whole_document(cx, &root, &open);
    }
    for op in open {
        let why = match &op.security {
            Security::Requirements { .. } => continue,
            Security::Absent => "has no security requirement",
            Security::Empty(_) => "sets `security: []`, which turns authentication off",
            Security::Malformed(_) => {
                "has a `security` field that is not a list of requirements, so nothing is enforced"
            }
        };
        cx.report_with(
            op.node,
            severity(op.is_write()),
            format!("{} {why}", op.label()),
        );
    }
}

/// Reads leak data; writes change it: writes are the graver hole.
fn severity(write: bool) -> Severity {
    if write {
        Severity::Error
    } else {
        Severity::Warning
    }
}

/// The single finding for a document that protects nothing: at the root
/// `security` that turns authentication off, else at the version key.
fn whole_document<'a>(cx: &mut Context<'_, 'a>, root: &Security<'a>, open: &[&Operation<'a>]) {
    let total = cx.spec.operations.len();
    let writes = match open.iter().filter(|op| op.is_write()).count() {
        0 => String::new(),
        1 => " (1 of them writes)".to_owned(),
        n => format!(" ({} of them write)", thousands(n)),
    };
    let what = match open {
        [op] if total == 1 => format!(
            "the document's only operation, {}, requires no authentication",
            op.label()
        ),
        [op] => format!(
            "{}, 1 of the {} operations, requires no authentication, and {} anonymous callers in",
            op.label(),
            thousands(total),
            others(total - 1)
        ),
        _ if open.len() == total => format!(
            "none of the {} operations requires authentication{writes}",
            thousands(total)
        ),
        // The others only offer `{}`, anonymous access (security-optional).
        _ => format!(
            "{} of the {} operations require no authentication{writes}, and {} anonymous callers in",
            thousands(open.len()),
            thousands(total),
            others(total - open.len())
        ),
    };
    let (node, why) = match root {
        Security::Absent => (
            cx.spec.version_node,
            "there is no root `security` and no operation asks for credentials of its own",
        ),
        Security::Empty(node) => (
            *node,
            "the root `security: []` turns authentication off and no operation asks for credentials of its own",
        ),
        Security::Malformed(node) => (
            *node,
            "the root `security` is not a list of requirements and no operation asks for credentials of its own",
        ),
        Security::Requirements { node, .. } => (
            *node,
            "the root `security` lets anonymous callers in (`{}`) and no operation asks for credentials of its own",
        ),
    };
    let span = node
        .parent_key()
        .map_or_else(|| node.report_span(), |key| key.span);
    cx.report_root_cause(
        node,
        span,
        severity(open.iter().any(|op| op.is_write())),
        open.len(),
        format!("{what}: {why}"),
    );
}

fn others(count: usize) -> &'static str {
    if count == 1 {
        "the other lets"
    } else {
        "the others let"
    }
}

/// `1,223`: counts as the catalog writes them.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_groups_digits() {
        assert_eq!(super::thousands(7), "7");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(1223), "1,223");
        assert_eq!(super::thousands(1_000_000), "1,000,000");
    }
}
