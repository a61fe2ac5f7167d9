//! Input objects that accept any extra property (mass assignment surface).

use super::prelude::*;
use crate::model::Spec;

pub static RULE: Rule = Rule {
    id: "additional-properties-open",
    severity: Severity::Warning,
    owasp: Owasp::API3,
    cwe: 915,
    versions: ALL_VERSIONS,
    summary: "An input object accepts arbitrary additional properties",
    help: "set `additionalProperties: false`, or give it a typed schema with `maxProperties`",
    doc: include_str!("../../rules/additional-properties-open.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    let keywords: &[&str] = if cx.spec.version.is_31_or_later() {
        &["additionalProperties", "unevaluatedProperties"]
    } else {
        &["additionalProperties"]
    };
    for schema in cx.schemas() {
        if !is_object(cx.spec, schema.node, 0) || narrows_its_parent(cx.spec, schema.node) {
            continue;
        }
        for keyword in keywords {
            let Some(value) = schema.node.get(keyword) else {
                continue;
            };
            // `true` and `{}` accept anything; a typed schema is the
            // business of additional-properties-unbounded.
            if value.is_true() || (value.is_map() && value.is_empty()) {
                cx.report(
                    value,
                    format!(
                        "{} accepts any additional property (`{keyword}` is open)",
                        describe(schema.node)
                    ),
                );
            }
        }
    }
}

/// Keywords that only apply to objects: a schema without `type` that uses
/// one of them describes an object. (`additionalProperties` and
/// `unevaluatedProperties` themselves are what is judged, so they do not
/// count.)
const OBJECT_KEYWORDS: [&str; 9] = [
    "properties",
    "patternProperties",
    "required",
    "minProperties",
    "maxProperties",
    "propertyNames",
    "dependentRequired",
    "dependentSchemas",
    "dependencies",
];

/// How deep `allOf`/`anyOf`/`oneOf` are followed to find an object branch.
const MAX_DEPTH: usize = 8;

/// Whether `additionalProperties` means anything on `schema`: its `type` is
/// (or includes) `object`, or it has no `type` and uses an object keyword or
/// composes a branch that is an object (`allOf: [{$ref: Base}]`). On a
/// string, an integer or a boolean the keyword constrains nothing.
fn is_object<'a>(spec: &Spec<'a>, schema: Node<'a>, depth: usize) -> bool {
    if schema.has("type") {
        return SchemaType::of(schema).is("object");
    }
    if OBJECT_KEYWORDS.iter().any(|k| schema.has(k)) {
        return true;
    }
    depth < MAX_DEPTH
        && ["allOf", "anyOf", "oneOf"].iter().any(|list| {
            schema
                .get(list)
                .into_iter()
                .flat_map(|l| l.items())
                .map(|branch| spec.resolve(branch))
                .any(|branch| branch.is_map() && is_object(spec, branch, depth + 1))
        })
}

/// A branch of the `allOf`/`anyOf`/`oneOf` of a schema that declares its own
/// `properties`, where the branch only adds conditions on those same
/// properties (`anyOf: [{properties: {status: {enum: [completed]}},
/// required: [conclusion]}, ...]`). Its `additionalProperties: true` is the
/// default spelled out: `false` there would reject the parent's other
/// properties, and whether the object is open is decided by the parent.
fn narrows_its_parent<'a>(spec: &Spec<'a>, branch: Node<'a>) -> bool {
    let Some(list) = branch.parent() else {
        return false;
    };
    if branch.parent_key().is_some()
        || !list
            .parent_key()
            .is_some_and(|k| matches!(k.name, "allOf" | "anyOf" | "oneOf"))
    {
        return false;
    }
    let Some(own) = list
        .parent()
        .and_then(|parent| parent.get("properties"))
        .map(|p| spec.resolve(p))
    else {
        return false;
    };
    branch
        .get("properties")
        .map(|p| spec.resolve(p))
        .is_none_or(|props| props.entries().all(|(key, _)| own.get(key.name).is_some()))
}
