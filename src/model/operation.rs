//! Operations with everything a rule asks of them, 2.0 and 3.x alike.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ops::Deref;
use std::rc::Rc;

use crate::source::{FileId, Key, Node, NodeId};

use super::security::Security;
use super::{Spec, SpecVersion};

/// The path item fields that hold an operation: every version's, then
/// 3.2's `query` (naming it in an older document does no harm where only
/// the shape matters; [`is_method`] asks the version).
pub const METHOD_FIELDS: [&str; 9] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace", "query",
];

/// Methods whose requests change nothing (RFC 9110 §9.2.1, QUERY, and
/// WebDAV's reads): an `additionalOperations` method not among them is a
/// write.
const SAFE_METHODS: [&str; 8] = [
    "GET", "HEAD", "OPTIONS", "TRACE", "QUERY", "PROPFIND", "REPORT", "SEARCH",
];

/// A method field that writes: `post`, `put`, `patch`, `delete`.
pub fn is_write_method(method: &str) -> bool {
    matches!(method, "post" | "put" | "patch" | "delete")
}

pub struct Operation<'a> {
    pub path: &'a str,
    /// The method as written: a path item field (`get`, lowercase by the
    /// specification), or a 3.2 `additionalOperations` key (`COPY`, in the
    /// capitalization sent on the wire).
    pub method: &'a str,
    /// From 3.2 `additionalOperations` rather than a method field.
    pub additional: bool,
    /// The operation object; findings point at its method key.
    pub node: Node<'a>,
    /// Path-level parameters merged with the operation's own (which win).
    pub parameters: Shared<Parameter<'a>>,
    pub request_body: Option<Rc<RequestBody<'a>>>,
    pub responses: Shared<Response<'a>>,
    /// Operation `security`, else the root's.
    pub security: Security<'a>,
}

impl Operation<'_> {
    /// Changes state: `post`, `put`, `patch`, `delete`, and any additional
    /// operation whose method is not a known safe one (`COPY`, `LOCK`,
    /// `PURGE`; not `PROPFIND`).
    pub fn is_write(&self) -> bool {
        if self.additional {
            !SAFE_METHODS
                .iter()
                .any(|m| m.eq_ignore_ascii_case(self.method))
        } else {
            is_write_method(self.method)
        }
    }

    /// `POST /users`, as messages name an operation; an additional
    /// operation keeps its method as written (`COPY /files`). A path longer
    /// than [`MAX_SHOWN_NAME`](super::MAX_SHOWN_NAME) is cut: every finding
    /// on the operation repeats it.
    pub fn label(&self) -> String {
        let path = super::shown(self.path, super::MAX_SHOWN_NAME);
        if self.additional {
            format!("{} {path}", super::shown(self.method, 60))
        } else {
            format!("{} {path}", self.method.to_ascii_uppercase())
        }
    }

    pub fn is_deprecated(&self) -> bool {
        self.node.get("deprecated").is_some_and(|d| d.is_true())
    }

    pub fn response(&self, status: &str) -> Option<&Response<'_>> {
        self.responses
            .iter()
            .find(|r| r.status.eq_ignore_ascii_case(status))
    }

    pub fn has_response(&self, status: &str) -> bool {
        self.response(status).is_some()
    }

    /// Takes input: parameters or a request body.
    pub fn takes_input(&self) -> bool {
        !self.parameters.is_empty() || self.request_body.is_some()
    }
}

/// A list read from the document once and shared by every operation it
/// belongs to: a path item that 1,000 paths `$ref` is one set of operation
/// objects, whose parameters (path-level ones merged in), request bodies and
/// responses are built once, not once per path. Reads as a slice.
pub struct Shared<T>(Rc<[T]>);

impl<T> Shared<T> {
    /// The same for the operations that share this list (and different for
    /// any other list alive), so a pass over every operation's list can
    /// read each shared one once: `seen.insert(op.parameters.id())`.
    pub fn id(&self) -> usize {
        Rc::as_ptr(&self.0).cast::<()>() as usize
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> Deref for Shared<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<'s, T> IntoIterator for &'s Shared<T> {
    type Item = &'s T;
    type IntoIter = std::slice::Iter<'s, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[derive(Clone, Copy)]
pub struct Parameter<'a> {
    pub node: Node<'a>,
    /// `""` for a 3.2 `querystring` parameter without one (its name is not
    /// serialized).
    pub name: &'a str,
    /// `query`, `header`, `path`, `cookie`; 3.2 also `querystring` (the
    /// whole query string); 2.0 also `body`, `formData`.
    pub location: &'a str,
    /// The schema: under `schema`, else (3.x content-based parameters, 3.2
    /// `querystring` ones) under the media type of `content`; for a 2.0
    /// non-body parameter, the parameter itself.
    pub schema: Option<Node<'a>>,
}

#[derive(Clone, Copy)]
pub struct Media<'a> {
    /// The media type, `""` when a 2.0 document declares none.
    pub name: &'a str,
    /// The media type object (3.x), or what stands for it in 2.0.
    pub node: Node<'a>,
    pub schema: Option<Node<'a>>,
}

pub struct RequestBody<'a> {
    /// 3.x `requestBody`; 2.0 the `body` parameter (or first `formData` one).
    pub node: Node<'a>,
    pub media: Vec<Media<'a>>,
}

pub struct Header<'a> {
    pub name: &'a str,
    pub node: Node<'a>,
    /// The header's schema; in 2.0 the header object itself.
    pub schema: Option<Node<'a>>,
}

pub struct Response<'a> {
    pub status: &'a str,
    pub key: Key<'a>,
    pub node: Node<'a>,
    pub headers: Vec<Header<'a>>,
    pub media: Vec<Media<'a>>,
}

impl Response<'_> {
    pub fn is_success(&self) -> bool {
        self.status.starts_with('2')
    }

    pub fn header(&self, name: &str) -> Option<&Header<'_>> {
        self.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
    }
}

type NodeKey = (FileId, NodeId);

/// What operations reached through the same nodes share.
#[derive(Default)]
struct Built<'a> {
    /// By (path item, operation object).
    parameters: HashMap<(NodeKey, NodeKey), Shared<Parameter<'a>>>,
    /// By operation object.
    bodies: HashMap<NodeKey, Option<Rc<RequestBody<'a>>>>,
    responses: HashMap<NodeKey, Shared<Response<'a>>>,
}

/// Every path × method is an operation of its own (rules judge each path),
/// but what it reads from the document is built once per node it comes
/// from and shared (see [`Shared`]): memory and time are linear in the
/// document, not in paths × methods × parameters.
pub(super) fn collect<'a>(spec: &Spec<'a>) -> Vec<Operation<'a>> {
    let Some(paths) = spec.get(spec.root, "paths") else {
        return Vec::new();
    };
    let root_security = spec
        .root
        .get("security")
        .map_or(Security::Absent, Security::parse);
    let mut built = Built::default();
    let mut operations = Vec::new();
    for (path_key, item) in paths.entries() {
        if path_key.name.starts_with("x-") {
            continue;
        }
        let item = spec.resolve(item);
        let shared = item.get("parameters");
        for ItemOperation {
            method,
            node: op,
            additional,
        } in item_operations(spec, item)
        {
            let parameters = built
                .parameters
                .entry((item.key(), op.key()))
                .or_insert_with(|| Shared(parameters(spec, shared, op.get("parameters")).into()))
                .clone();
            let request_body = built
                .bodies
                .entry(op.key())
                .or_insert_with(|| request_body(spec, op).map(Rc::new))
                .clone();
            let responses = built
                .responses
                .entry(op.key())
                .or_insert_with(|| Shared(responses(spec, op).into()))
                .clone();
            operations.push(Operation {
                path: path_key.name,
                method: method.name,
                additional,
                node: op,
                parameters,
                request_body,
                responses,
                security: Security::effective(op, &root_security),
            });
        }
    }
    operations
}

fn parameters<'a>(
    spec: &Spec<'a>,
    shared: Option<Node<'a>>,
    own: Option<Node<'a>>,
) -> Vec<Parameter<'a>> {
    let mut merged: Vec<Parameter<'a>> = Vec::new();
    // (name, location) -> index: an operation's own parameter overrides the
    // path-level one of the same name and place.
    let mut index = HashMap::new();
    for list in [shared, own].into_iter().flatten() {
        for node in list.items() {
            let Some(param) = parameter(spec, node) else {
                continue;
            };
            match index.entry((param.name, param.location)) {
                Entry::Occupied(slot) => merged[*slot.get()] = param,
                Entry::Vacant(slot) => {
                    slot.insert(merged.len());
                    merged.push(param);
                }
            }
        }
    }
    merged
}

pub(super) fn parameter<'a>(spec: &Spec<'a>, node: Node<'a>) -> Option<Parameter<'a>> {
    let node = spec.resolve(node);
    let location = node.get_str("in")?;
    // A 3.2 querystring parameter stands for the whole query string; the
    // specification's own examples leave out its (unused) name.
    let name = match node.get_str("name") {
        Some(name) => name,
        None if location == "querystring" && spec.version.is_32_or_later() => "",
        None => return None,
    };
    let schema = if spec.is_v2() && location != "body" {
        Some(node)
    } else {
        node.get("schema")
            .or_else(|| first_media_schema(spec, node.get("content")))
            .map(|s| spec.resolve(s))
    };
    Some(Parameter {
        node,
        name,
        location,
        schema,
    })
}

fn first_media_schema<'a>(spec: &Spec<'a>, content: Option<Node<'a>>) -> Option<Node<'a>> {
    media(spec, content).into_iter().find_map(|m| m.schema)
}

/// The media types of a 3.x `content` map.
pub(super) fn media<'a>(spec: &Spec<'a>, content: Option<Node<'a>>) -> Vec<Media<'a>> {
    let Some(content) = content.map(|c| spec.resolve(c)) else {
        return Vec::new();
    };
    // A key that is no media type (`results`, from a botched conversion)
    // describes nothing that goes over the wire.
    content
        .entries()
        .filter(|(key, _)| key.name.contains('/'))
        .map(|(key, node)| {
            let node = spec.resolve(node);
            Media {
                name: key.name,
                node,
                schema: node.get("schema").map(|s| spec.resolve(s)),
            }
        })
        .collect()
}

fn request_body<'a>(spec: &Spec<'a>, op: Node<'a>) -> Option<RequestBody<'a>> {
    if !spec.is_v2() {
        let node = spec.resolve(op.get("requestBody")?);
        return Some(RequestBody {
            node,
            media: media(spec, node.get("content")),
        });
    }
    // 2.0: the body parameter carries the schema; formData parameters are
    // checked as parameters, and the body is their form as a whole.
    let params: Vec<Node<'a>> = op
        .get("parameters")
        .into_iter()
        .flat_map(|p| p.items())
        .map(|p| spec.resolve(p))
        .collect();
    let body = params
        .iter()
        .find(|p| p.get_str("in") == Some("body"))
        .or_else(|| params.iter().find(|p| p.get_str("in") == Some("formData")))
        .copied()?;
    let schema = body.get("schema").map(|s| spec.resolve(s));
    let consumes = op.get("consumes").or_else(|| spec.root.get("consumes"));
    let mut media: Vec<Media<'a>> = consumes
        .into_iter()
        .flat_map(|c| c.items())
        .filter_map(|item| {
            Some(Media {
                name: item.as_str()?,
                node: item,
                schema,
            })
        })
        .collect();
    if media.is_empty() {
        media.push(Media {
            name: "",
            node: body,
            schema,
        });
    }
    Some(RequestBody { node: body, media })
}

fn responses<'a>(spec: &Spec<'a>, op: Node<'a>) -> Vec<Response<'a>> {
    let Some(responses) = op.get("responses").map(|r| spec.resolve(r)) else {
        return Vec::new();
    };
    responses
        .entries()
        .filter(|(key, _)| !key.name.starts_with("x-"))
        .map(|(key, node)| {
            let node = spec.resolve(node);
            let headers = node
                .get("headers")
                .map(|h| spec.resolve(h))
                .into_iter()
                .flat_map(|h| h.entries())
                .map(|(name, header)| {
                    let header = spec.resolve(header);
                    let schema = if spec.is_v2() {
                        Some(header)
                    } else {
                        header.get("schema").map(|s| spec.resolve(s))
                    };
                    Header {
                        name: name.name,
                        node: header,
                        schema,
                    }
                })
                .collect();
            let media = if spec.is_v2() {
                node.get("schema")
                    .map(|schema| Media {
                        name: "",
                        node,
                        schema: Some(spec.resolve(schema)),
                    })
                    .into_iter()
                    .collect()
            } else {
                media(spec, node.get("content"))
            };
            Response {
                status: key.name,
                key,
                node,
                headers,
                media,
            }
        })
        .collect()
}

/// `get`, `post`, …: whether a path item key holds an operation in
/// `version`. `query` does from 3.2 on; in a 3.0/3.1 path item it is a field
/// the version does not define (which `spec-structure` reports), not an
/// operation. 3.2's `additionalOperations` holds operations one level down:
/// see [`item_operations`].
pub fn is_method(key: &str, version: SpecVersion) -> bool {
    METHOD_FIELDS.contains(&key) && (key != "query" || version.is_32_or_later())
}

/// One operation of a path item.
pub struct ItemOperation<'a> {
    /// The key naming the method: the path item field (`get`), or the key
    /// under 3.2 `additionalOperations` (`COPY`).
    pub method: Key<'a>,
    /// The operation object, `$ref` followed.
    pub node: Node<'a>,
    /// Listed under `additionalOperations`.
    pub additional: bool,
}

/// The operations of a path item (in `paths`, `webhooks` or a callback), in
/// document order: its method fields, and in 3.2 the entries of
/// `additionalOperations`. Values that are not mappings hold no operation.
pub fn item_operations<'a>(spec: &Spec<'a>, item: Node<'a>) -> Vec<ItemOperation<'a>> {
    let item = spec.resolve(item);
    let mut out = Vec::new();
    for (key, value) in item.entries() {
        if is_method(key.name, spec.version) {
            if value.is_map() {
                out.push(ItemOperation {
                    method: key,
                    node: spec.resolve(value),
                    additional: false,
                });
            }
        } else if key.name == "additionalOperations" && spec.version.is_32_or_later() {
            let ops = spec.resolve(value);
            out.extend(
                ops.entries()
                    .filter(|(method, op)| !method.name.starts_with("x-") && op.is_map())
                    .map(|(method, op)| ItemOperation {
                        method,
                        node: spec.resolve(op),
                        additional: true,
                    }),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_is_a_method_from_3_2_on() {
        assert!(is_method("get", SpecVersion::Swagger2));
        assert!(is_method("trace", SpecVersion::OpenApi31));
        assert!(!is_method("query", SpecVersion::OpenApi30));
        assert!(!is_method("query", SpecVersion::OpenApi31));
        assert!(is_method("query", SpecVersion::OpenApi32));
        // Methods beyond the fixed fields live in `additionalOperations`.
        assert!(!is_method("additionalOperations", SpecVersion::OpenApi32));
        assert!(!is_method("COPY", SpecVersion::OpenApi32));
    }
}
