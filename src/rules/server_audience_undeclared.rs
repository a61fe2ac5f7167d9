//! Servers whose audience (public or internal) nobody declared.

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "server-audience-undeclared",
    severity: Severity::Info,
    owasp: Owasp::API9,
    cwe: 1059,
    versions: V3_ONLY,
    summary: "A server does not declare its audience with `x-internal`",
    help: "add `x-internal: true` (internal only) or `x-internal: false` (public) to the server",
    doc: include_str!("../../rules/server-audience-undeclared.md"),
    enabled_by_default: false,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    for server in &cx.spec.servers {
        // Either value declares the audience: the marker is the inventory.
        if server.object.is_some_and(|o| !o.has("x-internal")) {
            cx.report(
                server.node,
                format!(
                    "server '{}' does not declare whether it is internal (`x-internal`)",
                    server.url
                ),
            );
        }
    }
}
