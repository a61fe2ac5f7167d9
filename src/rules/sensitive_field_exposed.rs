//! Secrets in responses: whoever can read the resource reads the secret.
//!
//! Only a scalar value can be a secret: a property named `pin` whose schema
//! is an object (`{pinned_at, pinned_by}`), an array (`secret: [read,
//! write]`, a list of validation messages) or an enum (values the document
//! itself lists) holds none, whatever its name.

use super::prelude::*;
use super::shared::names::is_one_of;
use super::shared::properties::properties;
use crate::model::Spec;

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
            let postal_code = is_address && is_one_of(prop.key.name, &["pin"]);
            if !is_one_of(prop.key.name, &SECRETS)
                || prop.is_write_only()
                || postal_code
                || !holds_a_scalar(spec, prop.schema, 0)
                || [prop.node, prop.schema].into_iter().any(names_a_secret)
                || [prop.node, prop.schema]
                    .into_iter()
                    .any(documented_write_only)
            {
                continue;
            }
            cx.report_key(
                prop.node,
                format!(
                    "{} is returned in responses and looks like a secret",
                    describe(prop.node)
                ),
            );
        }
    }
}

/// A description that says the value is never returned (`Input only.`,
/// `This is write-only.`, `not returned in the get or list operations`), as
/// Google's and Azure's converted documents do instead of `writeOnly: true`.
/// A value "only returned at creation" is returned: it is still reported.
fn documented_write_only(schema: Node<'_>) -> bool {
    let Some(description) = schema.get_str("description") else {
        return false;
    };
    let description = description.to_ascii_lowercase();
    [
        "input only",
        "input-only",
        "write-only",
        "write only",
        "never returned",
        "not returned",
        "never be returned",
        "never populated",
        "never be populated",
        "not be set in any response",
    ]
    .iter()
    .any(|phrase| description.contains(phrase))
}

/// A property documented as the name, identifier or path of a secret kept
/// elsewhere (`secret: "Name of the secret in Secret Manager"`): a
/// reference, as `secret_name` would be.
fn names_a_secret(schema: Node<'_>) -> bool {
    let Some(description) = schema.get_str("description") else {
        return false;
    };
    let description = description.trim_start().to_ascii_lowercase();
    let mut text = description.as_str();
    for prefix in ["required.", "optional.", "output only.", "immutable."] {
        text = text.strip_prefix(prefix).unwrap_or(text).trim_start();
    }
    let text = text.strip_prefix("the ").unwrap_or(text);
    [
        "name of",
        "id of",
        "identifier of",
        "arn of",
        "reference to",
        "path to",
    ]
    .iter()
    .any(|start| text.starts_with(start))
}

/// Whether a value of this schema can be a secret: a string or a number,
/// or a schema that does not say. Not a flag (`secret: true` on a gist,
/// `pin: false`), an object, an array, or one of the values an `enum` or
/// `const` lists. `allOf` members add to the schema (AWS wraps every
/// property as `allOf: [{$ref: SensitiveString}, {description}]`); a
/// `oneOf`/`anyOf` can be a secret when one of its branches can.
fn holds_a_scalar(spec: &Spec<'_>, schema: Node<'_>, depth: usize) -> bool {
    let schema = spec.resolve(schema);
    if depth > 8 || !schema.is_map() {
        return true;
    }
    let ty = SchemaType::of(schema);
    let scalar_type = ["string", "integer", "number"].iter().any(|t| ty.is(t));
    let container = ty.is("object") || ty.is("array") || ty.is("boolean");
    if (container && !scalar_type)
        || schema.has("properties")
        || schema.has("items")
        || schema.has("enum")
        || schema.has("const")
    {
        return false;
    }
    if let Some(members) = schema.get("allOf")
        && members
            .items()
            .any(|member| !holds_a_scalar(spec, member, depth + 1))
    {
        return false;
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(branches) = schema.get(key)
            && !branches.is_empty()
            && !branches
                .items()
                .any(|branch| holds_a_scalar(spec, branch, depth + 1))
        {
            return false;
        }
    }
    true
}
