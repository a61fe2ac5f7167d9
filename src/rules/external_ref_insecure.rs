//! `$ref`s that other tools fetch over cleartext: the spec can be swapped
//! in transit.

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "external-ref-insecure",
    severity: Severity::Error,
    owasp: Owasp::API8,
    cwe: 494,
    versions: ALL_VERSIONS,
    summary: "A $ref points at an http:// URL",
    help: "vendor the referenced file next to the spec, or at least reference it over https://",
    doc: include_str!("../../rules/external-ref-insecure.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    for value in cx.spec.ws.ref_values() {
        let Some(reference) = value.as_str() else {
            continue;
        };
        let is_http = reference
            .get(..7)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("http://"));
        if is_http {
            cx.report(
                value,
                format!(
                    "$ref '{reference}' is fetched over plain HTTP by the tools that resolve it"
                ),
            );
        }
    }
}
