//! `Authorization` declared as a plain header parameter.

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "authorization-header-parameter",
    severity: Severity::Warning,
    owasp: Owasp::API2,
    cwe: 287,
    versions: ALL_VERSIONS,
    summary: "A header parameter named Authorization declares authentication outside the security model",
    help: "remove the parameter and declare a security scheme (`http` bearer/basic, `apiKey`, `oauth2`) with a `security` requirement",
    doc: include_str!("../../rules/authorization-header-parameter.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    for param in cx.spec.parameters() {
        if param.location.eq_ignore_ascii_case("header")
            && param.name.eq_ignore_ascii_case("authorization")
        {
            // At `name: Authorization`, what makes the parameter one.
            cx.report_key(
                param.node.get("name").unwrap_or(param.node),
                format!(
                    "header parameter '{}' declares authentication as a plain parameter: tools and gateways do not treat it as security (OpenAPI 3.x even says it is ignored)",
                    param.name
                ),
            );
        }
    }
}
