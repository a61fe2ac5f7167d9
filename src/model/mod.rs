//! The version-neutral model: what rules read instead of raw 2.0/3.x paths.
//!
//! Built once per spec over the spanned trees; every item keeps the [`Node`]
//! it came from, so a finding about it has an exact location — in the file
//! where the node really lives when it was reached through `$ref`.

mod describe;
mod operation;
mod schema;
mod security;
mod server;

use crate::source::Node;
use crate::workspace::Workspace;

pub use describe::describe;
pub(crate) use describe::{MAX_SHOWN_NAME, escape, needs_escape, shown};
pub use operation::{
    Header, ItemOperation, METHOD_FIELDS, Media, Operation, Parameter, RequestBody, Response,
    is_method, is_write_method, item_operations,
};
pub use schema::{Schema, SchemaType, subschemas};
pub use security::{Flow, FlowKind, Requirement, SchemeKind, Security, SecurityScheme};
pub use server::Server;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SpecVersion {
    Swagger2,
    OpenApi30,
    OpenApi31,
    OpenApi32,
}

impl SpecVersion {
    pub fn label(self) -> &'static str {
        match self {
            SpecVersion::Swagger2 => "2.0",
            SpecVersion::OpenApi30 => "3.0",
            SpecVersion::OpenApi31 => "3.1",
            SpecVersion::OpenApi32 => "3.2",
        }
    }

    pub fn is_v2(self) -> bool {
        self == SpecVersion::Swagger2
    }

    /// 3.1 and later: schemas are JSON Schema 2020-12 (type lists,
    /// numeric `exclusiveMinimum`, `const`), and `webhooks` exist.
    pub fn is_31_or_later(self) -> bool {
        self >= SpecVersion::OpenApi31
    }

    /// 3.2 and later: the `query` method, `additionalOperations`,
    /// `in: querystring`, the `deviceAuthorization` flow, a scheme's
    /// `oauth2MetadataUrl` and `deprecated`.
    pub fn is_32_or_later(self) -> bool {
        self >= SpecVersion::OpenApi32
    }
}

/// What the `openapi`/`swagger` key says.
pub enum VersionCheck<'a> {
    Supported {
        version: SpecVersion,
        /// The value node, e.g. `3.0.3`.
        node: Node<'a>,
    },
    /// The key is there, with a value oasguard does not read.
    Unsupported { node: Node<'a>, value: String },
    /// Neither key: not an OpenAPI document.
    Missing,
}

pub fn detect_version(root: Node<'_>) -> VersionCheck<'_> {
    let (key, node) = match (root.get("openapi"), root.get("swagger")) {
        (Some(node), _) => ("openapi", node),
        (None, Some(node)) => ("swagger", node),
        (None, None) => return VersionCheck::Missing,
    };
    // `swagger: 2.0` unquoted in YAML is a number.
    let value = node
        .as_str()
        .map(str::to_owned)
        .or_else(|| node.as_f64().map(|n| format!("{n:?}")))
        .unwrap_or_default();
    let version = match key {
        "swagger" if value == "2.0" => Some(SpecVersion::Swagger2),
        "openapi" if value.starts_with("3.0.") || value == "3.0" => Some(SpecVersion::OpenApi30),
        "openapi" if value.starts_with("3.1.") || value == "3.1" => Some(SpecVersion::OpenApi31),
        "openapi" if value.starts_with("3.2.") || value == "3.2" => Some(SpecVersion::OpenApi32),
        _ => None,
    };
    match version {
        Some(version) => VersionCheck::Supported { version, node },
        None => VersionCheck::Unsupported { node, value },
    }
}

pub struct Spec<'a> {
    pub ws: &'a Workspace,
    pub root: Node<'a>,
    pub version: SpecVersion,
    /// The value of `openapi`/`swagger`; document-level findings with nothing
    /// better to point at point at its key.
    pub version_node: Node<'a>,
    pub operations: Vec<Operation<'a>>,
    pub security_schemes: Vec<SecurityScheme<'a>>,
    /// The mapping that holds the schemes, when present.
    pub security_schemes_node: Option<Node<'a>>,
    pub servers: Vec<Server<'a>>,
    pub schemas: Vec<Schema<'a>>,
}

impl<'a> Spec<'a> {
    pub fn build(
        ws: &'a Workspace,
        root: Node<'a>,
        version: SpecVersion,
        version_node: Node<'a>,
    ) -> Spec<'a> {
        let mut spec = Spec {
            ws,
            root,
            version,
            version_node,
            operations: Vec::new(),
            security_schemes: Vec::new(),
            security_schemes_node: None,
            servers: Vec::new(),
            schemas: Vec::new(),
        };
        spec.operations = operation::collect(&spec);
        let (schemes_node, schemes) = security::collect(&spec);
        spec.security_schemes_node = schemes_node;
        spec.security_schemes = schemes;
        spec.servers = server::collect(&spec);
        spec.schemas = schema::collect(&spec);
        spec
    }

    /// Follows `$ref`s to the node they point at.
    pub fn resolve(&self, node: Node<'a>) -> Node<'a> {
        self.ws.resolve(node)
    }

    /// `node.get(key)` with `$ref`s followed on both sides.
    pub fn get(&self, node: Node<'a>, key: &str) -> Option<Node<'a>> {
        self.resolve(node).get(key).map(|n| self.resolve(n))
    }

    pub fn is_v2(&self) -> bool {
        self.version.is_v2()
    }

    /// The section holding reusable items: `components.<name>` in 3.x, the
    /// root-level `definitions`/`parameters`/... in 2.0.
    pub fn components(&self, name_v3: &str, name_v2: &str) -> Option<Node<'a>> {
        if self.is_v2() {
            self.get(self.root, name_v2)
        } else {
            self.get(self.root, "components")
                .and_then(|c| self.get(c, name_v3))
        }
    }

    pub fn scheme(&self, name: &str) -> Option<&SecurityScheme<'a>> {
        self.security_schemes.iter().find(|s| s.name == name)
    }

    /// Every parameter the document declares, once: the operations' (path
    /// and operation level) and the reusable ones, used or not.
    pub fn parameters(&self) -> Vec<Parameter<'a>> {
        let mut seen = std::collections::HashSet::new();
        // Each shared list once (see `operation::Shared`).
        let mut lists = std::collections::HashSet::new();
        let used = self
            .operations
            .iter()
            .filter(|op| lists.insert(op.parameters.id()))
            .flat_map(|op| &op.parameters)
            .copied();
        let reusable = self
            .components("parameters", "parameters")
            .into_iter()
            .flat_map(|p| p.entries())
            .filter_map(|(_, p)| operation::parameter(self, p));
        used.chain(reusable)
            .filter(|p| seen.insert(p.node.key()))
            .collect()
    }

    /// The media types of every request body, once: the operations' and the
    /// reusable 3.x `components.requestBodies`, used or not. (2.0 reusable
    /// bodies are parameters.)
    pub fn request_media(&self) -> Vec<Media<'a>> {
        let mut seen = std::collections::HashSet::new();
        let used = self
            .operations
            .iter()
            .flat_map(|op| &op.request_body)
            .flat_map(|body| &body.media)
            .copied();
        let reusable = self
            .components("requestBodies", "")
            .filter(|_| !self.is_v2())
            .into_iter()
            .flat_map(|bodies| bodies.entries())
            .flat_map(|(_, body)| operation::media(self, self.resolve(body).get("content")));
        // 2.0 media stand on the shared `consumes` item: the schema tells
        // bodies apart.
        used.chain(reusable)
            .filter(|m| seen.insert((m.node.key(), m.schema.map(|s| s.key()))))
            .collect()
    }
}
