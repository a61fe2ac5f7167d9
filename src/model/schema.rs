//! Every schema reached from an operation, once, with its direction.
//!
//! A schema is *input* when reached from a parameter or a request body (or
//! declared among reusable parameters/request bodies), *output* when reached
//! from a response. `$ref`s are followed, so a shared schema appears once, at
//! its definition, however many operations use it.

use std::collections::HashMap;

use crate::source::{FileId, Node};

use super::Spec;

pub struct Schema<'a> {
    pub node: Node<'a>,
    pub input: bool,
    pub output: bool,
}

/// The `type` keyword, 3.0 (one name) and 3.1 (a list) alike.
pub struct SchemaType<'a>(Vec<&'a str>);

impl<'a> SchemaType<'a> {
    pub fn of(schema: Node<'a>) -> SchemaType<'a> {
        let Some(ty) = schema.get("type") else {
            return SchemaType(Vec::new());
        };
        match ty.as_str() {
            Some(name) => SchemaType(vec![name]),
            None => SchemaType(ty.items().filter_map(|t| t.as_str()).collect()),
        }
    }

    pub fn is(&self, name: &str) -> bool {
        self.0.contains(&name)
    }

    pub fn is_numeric(&self) -> bool {
        self.is("integer") || self.is("number")
    }
}

/// How messages name a schema: `property 'email'`, `schema 'User'`,
/// `parameter 'limit'`, or its pointer when it has no name.
pub fn describe(schema: Node<'_>) -> String {
    // A 2.0 parameter is its own schema; a 3.x one holds it under `schema`
    // (or under `content`, see `body`).
    if let Some(described) = parameter(schema) {
        return described;
    }
    let container = schema.parent().and_then(|p| p.parent_key()).map(|k| k.name);
    let owner = || schema.parent().map_or_else(String::new, describe);
    match (schema.parent_key(), container) {
        (Some(key), _) if key.name == "schema" => schema
            .parent()
            .and_then(|holder| parameter(holder).or_else(|| body(holder)))
            .unwrap_or_else(|| format!("schema at '{}'", schema.pointer())),
        (None, Some(list @ ("allOf" | "anyOf" | "oneOf"))) => {
            let index = schema.index().unwrap_or_default();
            let composed = schema.parent().and_then(|l| l.parent());
            format!(
                "{list} branch {index} of {}",
                composed.map_or_else(String::new, describe)
            )
        }
        (Some(key), Some("properties")) => format!("property '{}'", key.name),
        (Some(key), Some("schemas" | "definitions")) => format!("schema '{}'", key.name),
        (Some(key), _) if key.name == "items" => format!("item of {}", owner()),
        (Some(key), _) if key.name == "additionalProperties" => {
            format!("map value of {}", owner())
        }
        _ => format!("schema at '{}'", schema.pointer()),
    }
}

/// `query parameter 'limit'`; a 3.2 querystring parameter may have no name.
fn parameter(node: Node<'_>) -> Option<String> {
    let location = node.get_str("in")?;
    match node.get_str("name") {
        Some(name) => Some(format!("{location} parameter '{name}'")),
        None if location == "querystring" => Some("querystring parameter".into()),
        None => None,
    }
}

/// The body a 3.x media type object belongs to: `'application/json'
/// request body`, `'application/json' body of response 200`, and the content
/// of a parameter: `'application/x-www-form-urlencoded' content of
/// querystring parameter 'filter'`.
fn body(media: Node<'_>) -> Option<String> {
    let media_type = media.parent_key().filter(|k| k.name.contains('/'))?.name;
    let content = media.parent()?;
    if content.parent_key()?.name != "content" {
        return None;
    }
    let holder = content.parent()?;
    if let Some(param) = parameter(holder) {
        return Some(format!("'{media_type}' content of {param}"));
    }
    let name = holder.parent_key()?.name;
    let list = holder.parent().and_then(|l| l.parent_key()).map(|k| k.name);
    Some(match (name, list) {
        ("requestBody", _) => format!("'{media_type}' request body"),
        (status, Some("responses")) => format!("'{media_type}' body of response {status}"),
        (name, _) => format!("'{media_type}' body of '{name}'"),
    })
}

/// Keywords whose value is one schema.
const SINGLE: [&str; 10] = [
    "additionalProperties",
    "unevaluatedProperties",
    "additionalItems",
    "unevaluatedItems",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
];
/// Keywords whose value is a list of schemas.
const LISTS: [&str; 4] = ["allOf", "anyOf", "oneOf", "prefixItems"];
/// Keywords whose value maps names to schemas.
const MAPS: [&str; 3] = ["properties", "patternProperties", "dependentSchemas"];

/// The direct subschemas of a schema (not yet `$ref`-resolved).
pub fn subschemas<'a>(schema: Node<'a>) -> Vec<Node<'a>> {
    let mut out = Vec::new();
    for key in SINGLE {
        out.extend(schema.get(key).filter(Node::is_map));
    }
    for key in LISTS {
        out.extend(schema.get(key).into_iter().flat_map(|l| l.items()));
    }
    for key in MAPS {
        out.extend(
            schema
                .get(key)
                .into_iter()
                .flat_map(|m| m.entries().map(|(_, s)| s)),
        );
    }
    match schema.get("items") {
        Some(items) if items.is_seq() => out.extend(items.items()),
        Some(items) => out.push(items),
        None => {}
    }
    out.retain(Node::is_map);
    out
}

#[derive(Clone, Copy)]
enum Direction {
    Input,
    Output,
}

pub(super) fn collect<'a>(spec: &Spec<'a>) -> Vec<Schema<'a>> {
    let mut roots_in = Vec::new();
    let mut roots_out = Vec::new();
    for op in &spec.operations {
        roots_in.extend(op.parameters.iter().filter_map(|p| p.schema));
        if let Some(body) = &op.request_body {
            roots_in.extend(body.media.iter().filter_map(|m| m.schema));
        }
        for response in &op.responses {
            roots_out.extend(response.media.iter().filter_map(|m| m.schema));
            roots_out.extend(response.headers.iter().filter_map(|h| h.schema));
        }
    }
    // Declared for reuse but not (yet) referenced: still input.
    if let Some(params) = spec.components("parameters", "parameters") {
        roots_in.extend(
            params
                .entries()
                .filter_map(|(_, p)| super::operation::parameter(spec, p))
                .filter_map(|p| p.schema),
        );
    }
    if let Some(bodies) = spec.components("requestBodies", "") {
        for (_, body) in bodies.entries() {
            let body = spec.resolve(body);
            let media = super::operation::media(spec, body.get("content"));
            roots_in.extend(media.into_iter().filter_map(|m| m.schema));
        }
    }

    let mut walk = Walk {
        spec,
        index: HashMap::new(),
        schemas: Vec::new(),
    };
    walk.visit_all(roots_in, Direction::Input);
    walk.visit_all(roots_out, Direction::Output);
    walk.schemas
}

struct Walk<'s, 'a> {
    spec: &'s Spec<'a>,
    /// By file and span: a YAML alias copies its anchor's nodes, spans
    /// included, and the copy is the same schema.
    index: HashMap<(FileId, u32, u32), usize>,
    schemas: Vec<Schema<'a>>,
}

impl<'a> Walk<'_, 'a> {
    fn visit_all(&mut self, roots: Vec<Node<'a>>, direction: Direction) {
        let mut stack = roots;
        while let Some(node) = stack.pop() {
            let node = self.spec.resolve(node);
            if !node.is_map() || !self.mark(node, direction) {
                continue;
            }
            stack.extend(subschemas(node));
        }
    }

    /// Records `node` in `direction`; false when it already was.
    fn mark(&mut self, node: Node<'a>, direction: Direction) -> bool {
        let span = node.span();
        let index = *self
            .index
            .entry((node.file.id, span.start, span.end))
            .or_insert_with(|| {
                self.schemas.push(Schema {
                    node,
                    input: false,
                    output: false,
                });
                self.schemas.len() - 1
            });
        let schema = &mut self.schemas[index];
        // Anchors come before their aliases: the lowest id is the anchor
        // itself (or the first copy), where the schema is fixed.
        if node.id < schema.node.id {
            schema.node = node;
        }
        let flag = match direction {
            Direction::Input => &mut schema.input,
            Direction::Output => &mut schema.output,
        };
        !std::mem::replace(flag, true)
    }
}
