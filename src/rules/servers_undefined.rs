//! A document that does not say where the API is deployed.

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "servers-undefined",
    severity: Severity::Info,
    owasp: Owasp::API9,
    cwe: 1059,
    versions: ALL_VERSIONS,
    summary: "The document declares no servers (2.0: no host)",
    help: "list the production server URLs under `servers` (2.0: set `host`)",
    doc: include_str!("../../rules/servers-undefined.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    let spec = cx.spec;
    // A document without operations (a shared components file) is not
    // deployed anywhere; servers declared on any path or operation count.
    if spec.operations.is_empty() || !spec.servers.is_empty() {
        return;
    }
    let (key, what) = if spec.is_v2() {
        ("host", "no `host`")
    } else {
        ("servers", "no `servers`")
    };
    match spec.root.get(key) {
        Some(node) => cx.report_key(
            node,
            format!("`{key}` is empty: the deployment inventory is unknown"),
        ),
        None => cx.report_key(
            spec.version_node,
            format!("the document declares {what}: the deployment inventory is unknown"),
        ),
    }
}
