//! Secrets in responses: whoever can read the resource reads the secret.

use super::names::is_one_of;
use super::prelude::*;
use super::properties::properties;

pub static RULE: Rule = Rule {
    id: "sensitive-field-exposed",
    severity: Severity::Error,
    owasp: Owasp::API3,
    cwe: 213,
    versions: ALL_VERSIONS,
    summary: "A response schema has a property that looks like a secret",
    help: "remove the property from the response schema, or mark it `writeOnly: true` if it is only ever sent",
    doc: include_str!("../../rules/sensitive-field-exposed.md"),
    enabled_by_default: true,
    precision: Precision::Medium,
    check: Check::Spec(check),
};

/// Names of secrets, matched exactly (case and separators aside).
const SECRETS: [&str; 13] = [
    "password",
    "passwd",
    "secret",
    "client_secret",
    "private_key",
    "api_key",
    "ssn",
    "social_security_number",
    "credit_card",
    "card_number",
    "cvv",
    "cvc",
    "pin",
];

/// Fields of a postal address: next to them, `pin` is India's postal index
/// number, not a personal identification number.
const ADDRESS_FIELDS: [&str; 8] = [
    "city", "street", "state", "district", "country", "address", "locality", "line1",
];

fn check(cx: &mut Context<'_, '_>) {
    let spec = cx.spec;
    for schema in spec.schemas.iter().filter(|s| s.output) {
        let props = properties(spec, schema.node);
        let is_address = props.iter().any(|p| is_one_of(p.key.name, &ADDRESS_FIELDS));
        for prop in &props {
            // A flag (`secret: true` on a gist, `pin: false`) holds no secret.
            let flag = SchemaType::of(prop.schema).is("boolean");
            let postal_code = is_address && is_one_of(prop.key.name, &["pin"]);
            if !is_one_of(prop.key.name, &SECRETS) || prop.is_write_only() || flag || postal_code {
                continue;
            }
            cx.report_key(
                prop.node,
                format!(
                    "property '{}' of {} is returned in responses and looks like a secret",
                    prop.key.name,
                    describe(schema.node)
                ),
            );
        }
    }
}
