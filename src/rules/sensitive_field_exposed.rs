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

/// Fields only a postal address has: next to them, and with no other postal
/// code field, `pin` is India's postal index number, not a personal
/// identification number. (`state` or `country` alone prove nothing: a gift
/// card has a state, and a PIN.)
const ADDRESS_FIELDS: [&str; 7] = [
    "city",
    "town",
    "street",
    "district",
    "locality",
    "line1",
    "address_line1",
];

const POSTAL_CODE_FIELDS: [&str; 5] = ["zip", "zipcode", "postcode", "postal_code", "postalcode"];

fn check(cx: &mut Context<'_, '_>) {
    let spec = cx.spec;
    for schema in spec.schemas.iter().filter(|s| s.output) {
        let props = properties(spec, schema.node);
        let has = |names: &[&str]| props.iter().any(|p| is_one_of(p.key.name, names));
        let is_address = has(&ADDRESS_FIELDS) && !has(&POSTAL_CODE_FIELDS);
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
