//! Request bodies and parameters whose schema accepts anything: no
//! validation can happen before the handler.

use std::collections::HashSet;

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "schema-unconstrained",
    severity: Severity::Warning,
    owasp: Owasp::API3,
    cwe: 915,
    versions: ALL_VERSIONS,
    summary: "An input body or parameter schema is empty, or an object without properties",
    help: "declare the accepted `properties` (with `additionalProperties: false`), or a type and constraints",
    doc: include_str!("../../rules/schema-unconstrained.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

/// Keywords that describe a value without constraining it (and 2.0
/// parameter fields, the parameter being its own schema there).
const ANNOTATIONS: [&str; 21] = [
    "title",
    "description",
    "summary",
    "example",
    "examples",
    "default",
    "deprecated",
    "nullable",
    "readOnly",
    "writeOnly",
    "externalDocs",
    "xml",
    "$comment",
    "$schema",
    "$id",
    "$anchor",
    "name",
    "in",
    "required",
    "allowEmptyValue",
    "collectionFormat",
];

/// Keywords that give an object schema a shape.
const SHAPE: [&str; 10] = [
    "properties",
    "patternProperties",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "if",
    "enum",
    "const",
    "propertyNames",
];

fn check(cx: &mut Context<'_, '_>) {
    let spec = cx.spec;
    let mut roots: Vec<(Node<'_>, String)> = spec
        .parameters()
        .iter()
        .filter_map(|p| Some((p.schema?, format!("parameter '{}'", p.name))))
        .collect();
    for media in spec.request_media() {
        let what = if media.name.is_empty() {
            "the request body".to_owned()
        } else {
            format!("the '{}' request body", media.name)
        };
        roots.extend(media.schema.map(|s| (s, what)));
    }
    if cx.options.output_schemas {
        for op in &spec.operations {
            for response in &op.responses {
                roots.extend(response.media.iter().filter_map(|m| {
                    let what = format!("the {} response of {}", response.status, op.label());
                    Some((m.schema?, what))
                }));
            }
        }
    }
    let mut seen = HashSet::new();
    for (schema, what) in roots {
        if !seen.insert(schema.key()) {
            continue;
        }
        let problem = if is_empty(schema) {
            "is empty: it allows any value"
        } else if is_shapeless_object(schema) {
            "is an object with no properties: it allows any member"
        } else {
            continue;
        };
        cx.report(schema, format!("the schema of {what} {problem}"));
    }
}

/// No keyword that constrains the value.
fn is_empty(schema: Node<'_>) -> bool {
    schema
        .entries()
        .all(|(key, _)| key.name.starts_with("x-") || ANNOTATIONS.contains(&key.name))
}

/// An object that says nothing of its members. A typed map
/// (`additionalProperties: {type: string}`) says what they are.
fn is_shapeless_object(schema: Node<'_>) -> bool {
    if !SchemaType::of(schema).is("object") {
        return false;
    }
    let closed_or_typed = |keyword: &str| {
        schema
            .get(keyword)
            .is_some_and(|v| v.as_bool() == Some(false) || (v.is_map() && !v.is_empty()))
    };
    let has_shape = SHAPE.iter().any(|k| {
        schema
            .get(k)
            .is_some_and(|v| !v.is_empty() || !(v.is_map() || v.is_seq()))
    });
    !(has_shape
        || closed_or_typed("additionalProperties")
        || closed_or_typed("unevaluatedProperties"))
}
