//! How messages name a schema: by what owns it, never by a JSON pointer.
//!
//! `property 'name' of schema 'User'`, `item of property 'tags' of the
//! 'application/json' request body of POST /pets`, `query parameter 'limit'
//! of GET /pets`, `header 'X-Rate-Limit' of response 200 of GET /pets`.
//!
//! A key alone cannot say what a node is (`properties` may be a keyword or a
//! property of that name, `schema` a parameter's schema or a property), so the
//! node's ancestors are read from the file's root down, with the grammar of
//! an OpenAPI document: one pass over the path, no recursion, whatever the
//! depth. A chain of more than `2 × SHOWN` nested steps keeps its outermost
//! and innermost ones, so a message stays short on a hostile spec.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::fmt::Write;

use super::METHOD_FIELDS;
use crate::source::Node;

/// Steps kept at each end of a long chain.
const SHOWN: usize = 3;

/// Keywords that make a mapping look like a schema where the grammar does not
/// say (the root of a file reached by `$ref`, an entry of such a file).
const SCHEMA_KEYWORDS: [&str; 16] = [
    "type",
    "properties",
    "items",
    "allOf",
    "anyOf",
    "oneOf",
    "enum",
    "const",
    "format",
    "pattern",
    "additionalProperties",
    "required",
    "maxLength",
    "minimum",
    "maximum",
    "$ref",
];

/// Names `node` by its owner: see the module documentation.
pub fn describe(node: Node<'_>) -> String {
    // A node a YAML alias copied is reported at its original: name that.
    let node = node.origin().unwrap_or(node);
    let mut path = Vec::with_capacity(32);
    let mut top = node;
    while let Some(parent) = top.parent() {
        path.push(top);
        top = parent;
    }
    let mut place = Place::root(top);
    for &child in path.iter().rev() {
        place.enter(child);
    }
    place.finish()
}

#[derive(Clone, Copy)]
enum Section {
    Schemas,
    Parameters,
    RequestBodies,
    Responses,
    Headers,
    PathItems,
    Callbacks,
    MediaTypes,
}

/// A schema keyword whose value holds several schemas.
#[derive(Clone, Copy)]
enum Holder {
    Properties,
    PatternProperties,
    DependentSchemas,
    Definitions,
    Items,
    Branches(&'static str),
}

enum State {
    /// The root of a spec (2.0 when `v2`).
    Root {
        v2: bool,
    },
    /// The root of a file reached by `$ref` that is neither a spec nor a
    /// schema: a map of named schemas, parameters or path items.
    Foreign,
    Paths,
    Webhooks,
    Components,
    Section(Section),
    /// `path` is the key in `paths` (or a callback expression); `label`
    /// names the path item otherwise (`webhook 'newPet'`).
    PathItem {
        path: String,
    },
    AdditionalOperations {
        path: String,
    },
    Operation,
    Parameters,
    Parameter,
    /// `word` names a media type's role: `request body`, `body`, `content`.
    RequestBody {
        word: &'static str,
    },
    Content {
        word: &'static str,
    },
    Media,
    Responses,
    Response,
    Headers,
    Header,
    Callbacks,
    Callback,
    Schema,
    Keyword(Holder),
    /// Outside the grammar (an extension, an example): `label` is the
    /// nearest named ancestor.
    Unknown,
}

struct Place {
    state: State,
    /// What the current node is (or, for a schema, its owner).
    label: String,
    /// The label reads "the …" after "of" (a body, a media type).
    article: bool,
    /// Inside a schema: the steps from the owner down, outermost first.
    outer: Vec<String>,
    inner: VecDeque<String>,
    hidden: usize,
}

impl Place {
    fn root(root: Node<'_>) -> Place {
        let mut place = Place::at(State::Unknown, String::new());
        if ["openapi", "swagger", "paths", "components", "definitions"]
            .iter()
            .any(|k| root.has(k))
        {
            place.state = State::Root {
                v2: root.has("swagger") || root.has("definitions"),
            };
        } else {
            let file = root
                .file
                .path
                .file_name()
                .map_or_else(String::new, |f| escape(&f.to_string_lossy()).into_owned());
            if looks_like_schema(root) {
                place.state = State::Schema;
                place.label = format!("schema in '{file}'");
                place.article = true;
            } else {
                place.state = State::Foreign;
                place.label = format!("'{file}'");
            }
        }
        place
    }

    fn at(state: State, label: String) -> Place {
        Place {
            state,
            label,
            article: false,
            outer: Vec::new(),
            inner: VecDeque::new(),
            hidden: 0,
        }
    }

    fn go(&mut self, state: State, label: String) {
        self.state = state;
        self.label = label;
        self.article = false;
    }

    /// Inside a schema: one more step down.
    fn step(&mut self, step: String) {
        self.state = State::Schema;
        if self.outer.len() < SHOWN {
            self.outer.push(step);
        } else {
            if self.inner.len() == SHOWN {
                self.inner.pop_front();
                self.hidden += 1;
            }
            self.inner.push_back(step);
        }
    }

    /// Outside the grammar: remember the nearest named ancestor.
    fn lost(&mut self) {
        let label = match self.state {
            State::Unknown => return,
            State::Schema | State::Keyword(_) => self.schema(),
            _ if self.article => format!("the {}", self.label),
            _ => std::mem::take(&mut self.label),
        };
        self.go(State::Unknown, label);
        self.outer.clear();
        self.inner.clear();
        self.hidden = 0;
    }

    /// Moves to `child`, a child of the current node.
    fn enter(&mut self, child: Node<'_>) {
        let key = child.parent_key().map(|k| k.name);
        let index = child.index();
        let name = shown(key.unwrap_or_default(), MAX_SHOWN_NAME);
        match (&self.state, key) {
            (State::Root { v2 }, Some(key)) => {
                let v2 = *v2;
                match key {
                    "paths" | "x-ms-paths" => self.go(State::Paths, String::new()),
                    "webhooks" if !v2 => self.go(State::Webhooks, String::new()),
                    "components" if !v2 => self.go(State::Components, String::new()),
                    "definitions" => self.go(State::Section(Section::Schemas), String::new()),
                    "parameters" if v2 => {
                        self.go(State::Section(Section::Parameters), String::new())
                    }
                    "responses" if v2 => self.go(State::Section(Section::Responses), String::new()),
                    _ => self.go(State::Unknown, format!("'{name}'")),
                }
            }
            (State::Foreign, Some(key)) => {
                if looks_like_schema(child) {
                    self.go(State::Schema, format!("schema '{name}'"));
                } else if child.has("in") {
                    self.go(State::Parameter, parameter(child, key, None));
                } else if METHOD_FIELDS.iter().any(|m| child.has(m)) {
                    self.go(
                        State::PathItem {
                            path: String::new(),
                        },
                        format!("path item '{name}'"),
                    );
                } else {
                    self.go(State::Unknown, format!("'{name}'"));
                }
            }
            (State::Paths, Some(_)) => self.go(State::PathItem { path: name }, String::new()),
            (State::Webhooks, Some(_)) => self.go(
                State::PathItem {
                    path: String::new(),
                },
                format!("webhook '{name}'"),
            ),
            (State::Components, Some(key)) => {
                let section = match key {
                    "schemas" => Section::Schemas,
                    "parameters" => Section::Parameters,
                    "requestBodies" => Section::RequestBodies,
                    "responses" => Section::Responses,
                    "headers" => Section::Headers,
                    "pathItems" => Section::PathItems,
                    "callbacks" => Section::Callbacks,
                    "mediaTypes" => Section::MediaTypes,
                    _ => return self.go(State::Unknown, format!("'{name}'")),
                };
                self.go(State::Section(section), String::new());
            }
            (State::Section(section), Some(key)) => match section {
                Section::Schemas => self.go(State::Schema, format!("schema '{name}'")),
                Section::Parameters => self.go(State::Parameter, parameter(child, key, None)),
                Section::RequestBodies => self.go(
                    State::RequestBody { word: "body" },
                    format!("request body '{name}'"),
                ),
                Section::Responses => self.go(State::Response, format!("response '{name}'")),
                Section::Headers => self.go(State::Header, format!("reusable header '{name}'")),
                Section::PathItems => self.go(
                    State::PathItem {
                        path: String::new(),
                    },
                    format!("path item '{name}'"),
                ),
                Section::Callbacks => self.go(State::Callback, format!("callback '{name}'")),
                Section::MediaTypes => {
                    self.go(State::Media, format!("reusable media type '{name}'"))
                }
            },
            (State::PathItem { path }, Some(key)) => {
                let path = path.clone();
                if METHOD_FIELDS.contains(&key) {
                    let label = operation(&key.to_ascii_uppercase(), &path, &self.label);
                    self.go(State::Operation, label);
                } else if key == "additionalOperations" {
                    let label = std::mem::take(&mut self.label);
                    self.go(State::AdditionalOperations { path }, label);
                } else if key == "parameters" {
                    let label = item(&path, &self.label);
                    self.go(State::Parameters, label);
                } else {
                    let label = item(&path, &self.label);
                    self.go(State::Unknown, label);
                }
            }
            (State::AdditionalOperations { path }, Some(_)) => {
                let label = operation(&name, path, &self.label);
                self.go(State::Operation, label);
            }
            (State::Operation, Some(key)) => {
                let op = std::mem::take(&mut self.label);
                match key {
                    "parameters" => self.go(State::Parameters, op),
                    "requestBody" => self.go(
                        State::RequestBody {
                            word: "request body",
                        },
                        op,
                    ),
                    "responses" => self.go(State::Responses, op),
                    "callbacks" => self.go(State::Callbacks, op),
                    _ => self.go(State::Unknown, op),
                }
            }
            (State::Parameters, None) => {
                let owner = std::mem::take(&mut self.label);
                let label = parameter(child, "", Some((&owner, index.unwrap_or_default())));
                self.go(State::Parameter, label);
            }
            (State::Parameter | State::Header, Some("schema")) => self.state = State::Schema,
            (State::Parameter | State::Header, Some("content")) => {
                self.state = State::Content { word: "content" }
            }
            // 2.0: a non-body parameter or a header is its own schema.
            (State::Parameter | State::Header, Some("items")) => self.step("item".into()),
            (State::RequestBody { word }, Some("content")) => {
                self.state = State::Content { word };
            }
            (State::Content { word }, Some(_)) => {
                let label = format!("'{name}' {word} of {}", self.label);
                self.go(State::Media, label);
                self.article = true;
            }
            (State::Media, Some("schema")) => self.state = State::Schema,
            (State::Media, Some("itemSchema")) => self.step("item".into()),
            (State::Responses, Some(_)) => {
                let label = format!("response {name} of {}", self.label);
                self.go(State::Response, label);
            }
            (State::Response, Some("content")) => self.state = State::Content { word: "body" },
            // 2.0: the response body's schema.
            (State::Response, Some("schema")) => {
                let label = format!("body of {}", self.label);
                self.go(State::Schema, label);
                self.article = true;
            }
            (State::Response, Some("headers")) => self.state = State::Headers,
            (State::Headers, Some(_)) => {
                let label = format!("header '{name}' of {}", self.label);
                self.go(State::Header, label);
            }
            (State::Callbacks, Some(_)) => {
                let label = format!("callback '{name}' of {}", self.label);
                self.go(State::Callback, label);
            }
            (State::Callback, Some(_)) => self.state = State::PathItem { path: name },
            (State::Schema, Some(key)) => match key {
                "properties" => self.state = State::Keyword(Holder::Properties),
                "patternProperties" => self.state = State::Keyword(Holder::PatternProperties),
                "dependentSchemas" => self.state = State::Keyword(Holder::DependentSchemas),
                "$defs" | "definitions" => self.state = State::Keyword(Holder::Definitions),
                "items" | "prefixItems" if child.is_seq() => {
                    self.state = State::Keyword(Holder::Items)
                }
                "items" => self.step("item".into()),
                "allOf" => self.state = State::Keyword(Holder::Branches("allOf")),
                "anyOf" => self.state = State::Keyword(Holder::Branches("anyOf")),
                "oneOf" => self.state = State::Keyword(Holder::Branches("oneOf")),
                "additionalProperties" => self.step("map value".into()),
                "unevaluatedProperties" => self.step("unevaluated property".into()),
                "additionalItems" | "unevaluatedItems" => self.step("additional item".into()),
                "not" | "if" | "then" | "else" | "contains" | "propertyNames" => {
                    self.step(format!("'{key}' schema"))
                }
                _ => self.lost(),
            },
            (State::Keyword(holder), Some(_)) => {
                let step = match holder {
                    Holder::Properties => format!("property '{name}'"),
                    Holder::PatternProperties => format!("properties matching '{name}'"),
                    Holder::DependentSchemas => format!("dependent schema '{name}'"),
                    Holder::Definitions => format!("definition '{name}'"),
                    Holder::Items | Holder::Branches(_) => return self.lost(),
                };
                self.step(step);
            }
            (State::Keyword(holder), None) => {
                let index = index.unwrap_or_default();
                let step = match holder {
                    Holder::Items => format!("item {index}"),
                    Holder::Branches(list) => format!("{list} branch {index}"),
                    _ => return self.lost(),
                };
                self.step(step);
            }
            (State::Unknown, _) => {}
            _ => self.lost(),
        }
    }

    /// What the node reached is: a schema by its steps and owner, anything
    /// else by its label.
    fn finish(&self) -> String {
        match self.state {
            State::Schema => self.schema(),
            State::Root { .. } => "the document".into(),
            State::Parameter | State::Header | State::Media | State::Response
                if !self.label.is_empty() =>
            {
                self.label.clone()
            }
            _ if self.label.is_empty() => "schema".into(),
            _ => format!("schema in {}", self.label),
        }
    }

    /// The steps, innermost first, then the owner.
    fn schema(&self) -> String {
        if self.outer.is_empty() {
            return self.label.clone();
        }
        let mut out = String::new();
        for step in self.inner.iter().rev() {
            out.push_str(step);
            out.push_str(" of ");
        }
        if self.hidden > 0 {
            out.push_str("… of ");
        }
        for step in self.outer.iter().rev() {
            out.push_str(step);
            out.push_str(" of ");
        }
        if self.article {
            out.push_str("the ");
        }
        out.push_str(&self.label);
        out
    }
}

/// A path item: `path '/pets'`, or its owner's name (`webhook 'newPet'`).
fn item(path: &str, owner: &str) -> String {
    match (path.is_empty(), owner.is_empty()) {
        (true, _) => owner.to_owned(),
        (false, true) => format!("path '{path}'"),
        (false, false) => format!("path '{path}' of {owner}"),
    }
}

/// `POST /pets`, `POST webhook 'newPet'`, `POST {$request.body#/url} of
/// callback 'onEvent' of POST /subscribe`.
fn operation(method: &str, path: &str, owner: &str) -> String {
    let mut out = String::with_capacity(method.len() + path.len() + owner.len() + 8);
    out.push_str(method);
    for (part, before) in [
        (path, " "),
        (owner, if path.is_empty() { " " } else { " of " }),
    ] {
        if !part.is_empty() {
            out.push_str(before);
            out.push_str(part);
        }
    }
    out
}

/// `query parameter 'limit' of GET /pets` (`owner` and the position in its
/// list), or, declared for reuse under `key`, `reusable query parameter
/// 'limit'`.
fn parameter(node: Node<'_>, key: &str, owner: Option<(&str, usize)>) -> String {
    let location = node.get_str("in").map(escape);
    let name = node.get_str("name").map(escape);
    let mut out = String::with_capacity(64);
    if owner.is_none() {
        out.push_str("reusable ");
    }
    if let Some(location) = &location {
        out.push_str(location);
        out.push(' ');
    }
    out.push_str("parameter");
    if let Some(name) = &name {
        out.push_str(" '");
        out.push_str(name);
        out.push('\'');
    }
    match owner {
        Some((owner, index)) => {
            if name.is_none() && location.as_deref() != Some("querystring") {
                let _ = write!(out, " {index}");
            }
            if !owner.is_empty() {
                out.push_str(" of ");
                out.push_str(owner);
            }
        }
        None => {
            let key = escape(key);
            if !key.is_empty() && name.as_deref() != Some(&*key) {
                out.push_str(" ('");
                out.push_str(&key);
                out.push_str("')");
            }
        }
    }
    out
}

fn looks_like_schema(node: Node<'_>) -> bool {
    node.is_map() && SCHEMA_KEYWORDS.iter().any(|k| node.has(k))
}

/// Spec text as a message shows it: control characters and invisible
/// formatting characters (bidirectional overrides, zero-width spaces,
/// noncharacters) escaped, `\n` rather than a line break.
pub(crate) fn escape(text: &str) -> Cow<'_, str> {
    // Printable ASCII, the common case, is checked byte by byte.
    let plain = |b: &u8| (0x20..0x7f).contains(b);
    if text.as_bytes().iter().all(plain) || !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_debug());
        } else if needs_escape(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Characters of a key or path a message shows: real paths reach 380
/// (Azure's, the longest in the APIs.guru corpus), a hostile key the whole
/// file, and every finding below a key repeats it.
pub(crate) const MAX_SHOWN_NAME: usize = 500;

/// Spec text as a message shows it, [escaped](escape) and cut after `max`
/// characters with "…": a name can be as long as the file.
pub(crate) fn shown(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", escape(&text[..cut])),
        None => escape(text).into_owned(),
    }
}

/// Whether `c` may not be shown as itself: control characters, line and
/// paragraph separators, bidi and zero-width formatting, noncharacters.
pub(crate) fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2069}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{fffe}'
                | '\u{ffff}'
        )
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::{describe, escape};
    use crate::source::{FileId, Node, SourceFile};

    /// `describe` of the node at each pointer of `text` (a file `name`).
    fn names(name: &str, text: &str, pointers: &[&str]) -> Vec<String> {
        let (file, error) = SourceFile::parse(FileId(0), PathBuf::from(name), text.into());
        assert!(error.is_none(), "{error:?}");
        let root = Node::new(&file, file.root.unwrap());
        pointers
            .iter()
            .map(|p| describe(root.at_pointer(p).unwrap_or_else(|| panic!("{p}"))))
            .collect()
    }

    const V3: &str = r#"
openapi: 3.1.0
paths:
  /pets/{id}:
    parameters:
      - {name: id, in: path, schema: {type: string}}
    post:
      parameters:
        - {name: tags, in: query, schema: {type: array, items: {type: string}}}
        - {in: querystring, content: {application/x-www-form-urlencoded: {schema: {type: object}}}}
        - {name: filter, in: query, content: {application/json: {schema: {type: object}}}}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                schema: {type: string}
                properties:
                  type: object
                  properties:
                    items: {type: array, items: {type: string}}
                labels:
                  oneOf:
                    - {type: string}
                    - {type: array, prefixItems: [{type: string}]}
                meta: {additionalProperties: {type: string}}
      responses:
        "200":
          description: ok
          headers:
            X-Rate-Limit: {schema: {type: integer}}
          content:
            application/json:
              schema: {type: object, properties: {name: {type: string}}}
      callbacks:
        onEvent:
          "{$request.body#/url}":
            post:
              requestBody:
                content:
                  application/json: {schema: {type: string}}
    x-extension:
      schema: {type: string}
webhooks:
  newPet:
    post:
      requestBody:
        content:
          application/json: {schema: {type: string}}
components:
  schemas:
    Pet:
      type: object
      properties:
        tags: {type: array, items: {type: string}}
      $defs:
        Id: {type: string}
  parameters:
    limit: {name: limit, in: query, schema: {type: integer}}
    LimitParam: {name: limit, in: query, schema: {type: integer}}
  requestBodies:
    NewPet:
      content:
        application/json: {schema: {type: string}}
  responses:
    NotFound:
      content:
        application/json: {schema: {type: string}}
  headers:
    X-Trace: {schema: {type: string}}
  pathItems:
    Pets:
      get:
        parameters: [{name: q, in: query, schema: {type: string}}]
"#;

    #[test]
    fn names_a_schema_by_its_owner() {
        let body = "/paths/~1pets~1{id}/post/requestBody/content/application~1json/schema";
        let pointers = [
            "/paths/~1pets~1{id}/parameters/0/schema",
            "/paths/~1pets~1{id}/post/parameters/0/schema",
            "/paths/~1pets~1{id}/post/parameters/0/schema/items",
            "/paths/~1pets~1{id}/post/parameters/1/content/application~1x-www-form-urlencoded/schema",
            "/paths/~1pets~1{id}/post/parameters/2/content/application~1json/schema",
            body,
            &format!("{body}/properties/schema"),
            &format!("{body}/properties/properties/properties/items"),
            &format!("{body}/properties/properties/properties/items/items"),
            &format!("{body}/properties/labels/oneOf/1/prefixItems/0"),
            &format!("{body}/properties/meta/additionalProperties"),
            "/paths/~1pets~1{id}/post/responses/200/headers/X-Rate-Limit/schema",
            "/paths/~1pets~1{id}/post/responses/200/content/application~1json/schema/properties/name",
            "/paths/~1pets~1{id}/post/callbacks/onEvent/{$request.body#~1url}/post/requestBody/content/application~1json/schema",
            "/paths/~1pets~1{id}/x-extension/schema",
            "/webhooks/newPet/post/requestBody/content/application~1json/schema",
            "/components/schemas/Pet/properties/tags/items",
            "/components/schemas/Pet/$defs/Id",
            "/components/parameters/limit/schema",
            "/components/parameters/LimitParam/schema",
            "/components/requestBodies/NewPet/content/application~1json/schema",
            "/components/responses/NotFound/content/application~1json/schema",
            "/components/headers/X-Trace/schema",
            "/components/pathItems/Pets/get/parameters/0/schema",
        ];
        let expected = [
            "path parameter 'id' of path '/pets/{id}'",
            "query parameter 'tags' of POST /pets/{id}",
            "item of query parameter 'tags' of POST /pets/{id}",
            "'application/x-www-form-urlencoded' content of querystring parameter of POST /pets/{id}",
            "'application/json' content of query parameter 'filter' of POST /pets/{id}",
            "'application/json' request body of POST /pets/{id}",
            "property 'schema' of the 'application/json' request body of POST /pets/{id}",
            "property 'items' of property 'properties' of the 'application/json' request body of POST /pets/{id}",
            "item of property 'items' of property 'properties' of the 'application/json' request body of POST /pets/{id}",
            "item 0 of oneOf branch 1 of property 'labels' of the 'application/json' request body of POST /pets/{id}",
            "map value of property 'meta' of the 'application/json' request body of POST /pets/{id}",
            "header 'X-Rate-Limit' of response 200 of POST /pets/{id}",
            "property 'name' of the 'application/json' body of response 200 of POST /pets/{id}",
            "'application/json' request body of POST {$request.body#/url} of callback 'onEvent' of POST /pets/{id}",
            "schema in path '/pets/{id}'",
            "'application/json' request body of POST webhook 'newPet'",
            "item of property 'tags' of schema 'Pet'",
            "definition 'Id' of schema 'Pet'",
            "reusable query parameter 'limit'",
            "reusable query parameter 'limit' ('LimitParam')",
            "'application/json' body of request body 'NewPet'",
            "'application/json' body of response 'NotFound'",
            "reusable header 'X-Trace'",
            "query parameter 'q' of GET path item 'Pets'",
        ];
        assert_eq!(names("openapi.yaml", V3, &pointers), expected);
    }

    #[test]
    fn names_swagger_2_parameters_and_responses() {
        let text = r#"
swagger: "2.0"
paths:
  /items:
    post:
      parameters:
        - {name: body, in: body, schema: {type: object, properties: {tags: {type: array}}}}
        - {name: ids, in: formData, type: array, items: {type: integer}}
      responses:
        "200": {description: ok, schema: {type: string}, headers: {X-Id: {type: string}}}
parameters:
  limit: {name: limit, in: query, type: integer}
responses:
  Gone: {description: gone, schema: {type: object, properties: {why: {type: string}}}}
definitions:
  Item: {type: object, properties: {name: {type: string}}}
"#;
        let pointers = [
            "/paths/~1items/post/parameters/0/schema/properties/tags",
            "/paths/~1items/post/parameters/1",
            "/paths/~1items/post/parameters/1/items",
            "/paths/~1items/post/responses/200/schema",
            "/paths/~1items/post/responses/200/headers/X-Id",
            "/parameters/limit",
            "/responses/Gone/schema/properties/why",
            "/definitions/Item/properties/name",
        ];
        let expected = [
            "property 'tags' of body parameter 'body' of POST /items",
            "formData parameter 'ids' of POST /items",
            "item of formData parameter 'ids' of POST /items",
            "body of response 200 of POST /items",
            "header 'X-Id' of response 200 of POST /items",
            "reusable query parameter 'limit'",
            "property 'why' of the body of response 'Gone'",
            "property 'name' of schema 'Item'",
        ];
        assert_eq!(names("swagger.yaml", text, &pointers), expected);
    }

    #[test]
    fn names_schemas_of_a_referenced_file() {
        let map = "Pet:\n  type: object\n  properties:\n    name: {type: string}\n";
        assert_eq!(
            names("pet.yaml", map, &["/Pet/properties/name"]),
            ["property 'name' of schema 'Pet'"]
        );
        let schema = "type: object\nproperties:\n  name: {type: string}\n";
        assert_eq!(
            names("pet.yaml", schema, &["", "/properties/name"]),
            [
                "schema in 'pet.yaml'",
                "property 'name' of the schema in 'pet.yaml'"
            ]
        );
    }

    #[test]
    fn a_long_chain_keeps_both_ends() {
        let depth = 200;
        let mut text = String::from(r#"{"definitions": {"Deep": "#);
        text.push_str(&r#"{"items": "#.repeat(depth));
        text.push_str(r#"{"type": "string"}"#);
        text.push_str(&"}".repeat(depth + 2));
        let pointer = format!("/definitions/Deep{}", "/items".repeat(depth));
        assert_eq!(
            names("deep.json", &text, &[&pointer]),
            ["item of item of item of … of item of item of item of schema 'Deep'"]
        );
    }

    #[test]
    fn a_chain_deeper_than_any_stack_is_named_in_a_loop() {
        // YAML aliases nest deeper than the reader's depth bound: each
        // anchor wraps 200 levels of `items` around the previous alias.
        let mut text = String::from("definitions:\n");
        let mut previous = String::from("{type: string}");
        for i in 0..30 {
            let nested = format!("{}{previous}{}", "{items: ".repeat(200), "}".repeat(200));
            text.push_str(&format!("  A{i}: &a{i} {nested}\n"));
            previous = format!("*a{i}");
        }
        text.push_str(&format!("  Deep: {{items: {previous}}}\n"));
        // The loader's alias copy may recurse: give it room (the check is on
        // `describe`).
        let (file, _) = std::thread::Builder::new()
            .stack_size(1 << 30)
            .spawn(|| SourceFile::parse(FileId(0), PathBuf::from("deep.yaml"), text))
            .unwrap()
            .join()
            .unwrap();
        let Some(root) = file.root else {
            return; // the loader refused it: nothing this deep reaches a rule
        };
        let mut node = Node::new(&file, root).get("definitions").unwrap();
        node = node.get("Deep").unwrap();
        let mut depth = 0;
        while let Some(next) = node.get("items") {
            node = next;
            depth += 1;
        }
        assert!(depth > 6_000, "{depth}");
        // A small stack: a recursive walk over 6,000 levels would overflow it.
        let name = std::thread::scope(|s| {
            std::thread::Builder::new()
                .stack_size(64 * 1024)
                .spawn_scoped(s, || describe(node))
                .unwrap()
                .join()
                .unwrap()
        });
        assert!(name.starts_with("item of item of item of … of "), "{name}");
        assert!(name.len() < 200, "{name}");
    }

    #[test]
    fn spec_text_is_escaped() {
        let text = "definitions:\n  \"A\\nB\\u001b[2J\":\n    properties:\n      \"x\\ry\": {type: string}\n";
        assert_eq!(
            names(
                "s.yaml",
                text,
                &["/definitions/A\nB\u{1b}[2J/properties/x\ry"]
            ),
            ["property 'x\\ry' of schema 'A\\nB\\u{1b}[2J'"]
        );
    }

    #[test]
    fn escapes_control_and_invisible_characters() {
        assert_eq!(escape("name"), "name");
        assert_eq!(escape("a\nb\rc\td"), "a\\nb\\rc\\td");
        assert_eq!(escape("\u{1b}[2J"), "\\u{1b}[2J");
        assert_eq!(escape("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(escape("it's \"quoted\" \\"), "it's \"quoted\" \\");
        assert_eq!(escape("héllo ☃"), "héllo ☃");
    }
}
