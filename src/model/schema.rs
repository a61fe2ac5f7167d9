//! Every schema reached from an operation, once, with its direction.
//!
//! A schema is *input* when reached from a parameter or a request body (or
//! declared among reusable parameters/request bodies), *output* when reached
//! from a response. `$ref`s are followed, so a shared schema appears once, at
//! its definition, however many operations use it. A `readOnly` schema and
//! everything reached through it are output: clients never send them.

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
    // Operations of a path item that several paths `$ref` share their
    // lists: each list is read once.
    let mut seen = std::collections::HashSet::new();
    for op in &spec.operations {
        if seen.insert(op.parameters.id()) {
            roots_in.extend(op.parameters.iter().filter_map(|p| p.schema));
        }
        if let Some(body) = &op.request_body
            && seen.insert(std::rc::Rc::as_ptr(body).cast::<()>() as usize)
        {
            roots_in.extend(body.media.iter().filter_map(|m| m.schema));
        }
        if !seen.insert(op.responses.id()) {
            continue;
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

/// Never accepted in requests: `readOnly: true`, or Azure's
/// `x-ms-mutability` without `create` or `update`.
fn is_read_only(schema: Node<'_>) -> bool {
    if schema.get("readOnly").is_some_and(|r| r.is_true()) {
        return true;
    }
    schema.get("x-ms-mutability").is_some_and(|m| {
        let mut modes = m.items().filter_map(|i| i.as_str()).peekable();
        modes.peek().is_some() && !modes.any(|w| matches!(w, "create" | "update"))
    })
}

struct Walk<'s, 'a> {
    spec: &'s Spec<'a>,
    /// By file and span: a YAML alias copies its anchor's nodes, spans
    /// included, and the copy is the same schema.
    index: HashMap<(FileId, u32, u32), usize>,
    schemas: Vec<Schema<'a>>,
}

impl<'a> Walk<'_, 'a> {
    /// Walks everything `roots` reach. Below a `readOnly` schema (on the
    /// `$ref` itself or on its target) an input walk goes on as output: a
    /// client never sends it, whatever request body reuses the enclosing
    /// schema. A schema also reached from a plain input place stays input.
    /// Each schema is visited at most once per direction.
    fn visit_all(&mut self, roots: Vec<Node<'a>>, direction: Direction) {
        let mut stack: Vec<_> = roots.into_iter().map(|n| (n, direction)).collect();
        while let Some((written, mut direction)) = stack.pop() {
            let node = self.spec.resolve(written);
            if !node.is_map() {
                continue;
            }
            if matches!(direction, Direction::Input)
                && (is_read_only(written) || is_read_only(node))
            {
                direction = Direction::Output;
            }
            if !self.mark(node, direction) {
                continue;
            }
            stack.extend(subschemas(node).into_iter().map(|n| (n, direction)));
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
