//! Security requirements and schemes, 2.0 `securityDefinitions` and 3.x
//! `components.securitySchemes` alike.

use std::rc::Rc;

use crate::source::{Key, Node};

use super::{Spec, SpecVersion};

/// An operation's effective security.
#[derive(Clone)]
pub enum Security<'a> {
    /// Neither the operation nor the root says anything.
    Absent,
    /// `security: []`: explicitly open.
    Empty(Node<'a>),
    /// Not a list of requirement objects; counts as no security.
    Malformed(Node<'a>),
    /// Alternatives: any one of them grants access.
    /// Shared: every operation without its own `security` holds the root's.
    Requirements {
        node: Node<'a>,
        alternatives: Rc<[Requirement<'a>]>,
    },
}

/// One alternative: all its schemes are required together.
#[derive(Clone)]
pub struct Requirement<'a> {
    pub node: Node<'a>,
    /// Scheme name (as a key, for locations) and the scopes it asks for.
    pub schemes: Vec<(Key<'a>, Vec<&'a str>)>,
}

impl<'a> Security<'a> {
    /// Operation `security`, else `root` (the root's, parsed once).
    pub(super) fn effective(op: Node<'a>, root: &Security<'a>) -> Security<'a> {
        match op.get("security") {
            Some(node) => Security::parse(node),
            None => root.clone(),
        }
    }

    /// Reads a `security` list (any node: a wrong shape is `Malformed`).
    pub fn parse(node: Node<'a>) -> Security<'a> {
        if !node.is_seq() {
            return Security::Malformed(node);
        }
        if node.is_empty() {
            return Security::Empty(node);
        }
        let mut alternatives = Vec::new();
        for item in node.items() {
            if !item.is_map() {
                return Security::Malformed(node);
            }
            let schemes = item
                .entries()
                .map(|(key, scopes)| (key, scopes.items().filter_map(|s| s.as_str()).collect()))
                .collect();
            alternatives.push(Requirement {
                node: item,
                schemes,
            });
        }
        Security::Requirements {
            node,
            alternatives: alternatives.into(),
        }
    }

    /// Some authentication is required (and `{}` is not an alternative).
    pub fn is_protected(&self) -> bool {
        matches!(self, Security::Requirements { alternatives, .. } if alternatives.iter().all(|a| !a.schemes.is_empty()))
    }

    pub fn alternatives(&self) -> &[Requirement<'a>] {
        match self {
            Security::Requirements { alternatives, .. } => alternatives,
            _ => &[],
        }
    }

    /// The `security` list node, when there is one.
    pub fn node(&self) -> Option<Node<'a>> {
        match self {
            Security::Absent => None,
            Security::Empty(node)
            | Security::Malformed(node)
            | Security::Requirements { node, .. } => Some(*node),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlowKind {
    Implicit,
    Password,
    ClientCredentials,
    AuthorizationCode,
    /// OpenAPI 3.2's OAuth 2.0 Device Authorization Grant (RFC 8628):
    /// `deviceAuthorizationUrl` and `tokenUrl`.
    DeviceAuthorization,
}

impl FlowKind {
    /// From a 3.x `flows` key or a 2.0 `flow` value. `deviceAuthorization`
    /// is a flow from 3.2 on; under an earlier version's `flows` it is a
    /// field the version does not define (`spec-structure` reports it).
    fn parse(name: &str, version: SpecVersion) -> Option<FlowKind> {
        match name {
            "implicit" => Some(FlowKind::Implicit),
            "password" => Some(FlowKind::Password),
            "clientCredentials" | "application" => Some(FlowKind::ClientCredentials),
            "authorizationCode" | "accessCode" => Some(FlowKind::AuthorizationCode),
            "deviceAuthorization" if version.is_32_or_later() => {
                Some(FlowKind::DeviceAuthorization)
            }
            _ => None,
        }
    }

    /// The name a 3.x document gives the flow under `flows`.
    pub fn name(self) -> &'static str {
        match self {
            FlowKind::Implicit => "implicit",
            FlowKind::Password => "password",
            FlowKind::ClientCredentials => "clientCredentials",
            FlowKind::AuthorizationCode => "authorizationCode",
            FlowKind::DeviceAuthorization => "deviceAuthorization",
        }
    }
}

pub struct Flow<'a> {
    pub kind: FlowKind,
    /// The 3.x flow object, or the 2.0 scheme (which holds the flow's URLs).
    pub node: Node<'a>,
    /// The `scopes` mapping: scope name to description.
    pub scopes: Option<Node<'a>>,
}

impl<'a> Flow<'a> {
    pub fn declares(&self, scope: &str) -> bool {
        self.scopes.is_some_and(|s| s.get(scope).is_some())
    }

    /// The flow's endpoint URLs that are present, with their field names:
    /// `authorizationUrl`, `deviceAuthorizationUrl` (3.2), `tokenUrl`,
    /// `refreshUrl`.
    pub fn urls(&self) -> impl Iterator<Item = (&'static str, Node<'a>)> + '_ {
        FLOW_URLS
            .into_iter()
            .filter_map(|key| Some((key, self.node.get(key)?)))
    }
}

/// The endpoint fields of an OAuth Flow Object (or of a 2.0 oauth2 scheme).
const FLOW_URLS: [&str; 4] = [
    "authorizationUrl",
    "deviceAuthorizationUrl",
    "tokenUrl",
    "refreshUrl",
];

pub enum SchemeKind<'a> {
    ApiKey {
        location: Option<Node<'a>>,
    },
    /// 3.x `type: http` with its `scheme`; 2.0 `type: basic` reads as `basic`.
    Http {
        scheme: Option<Node<'a>>,
    },
    OAuth2 {
        flows: Vec<Flow<'a>>,
        /// 3.2 `oauth2MetadataUrl`: the authorization server's RFC 8414
        /// metadata document.
        metadata_url: Option<Node<'a>>,
    },
    OpenIdConnect,
    MutualTls,
    Unknown,
}

pub struct SecurityScheme<'a> {
    pub name: &'a str,
    pub key: Key<'a>,
    pub node: Node<'a>,
    pub kind: SchemeKind<'a>,
    /// 3.2 `deprecated: true`: consumers should move off the scheme. It
    /// still protects what requires it — the credentials are still asked
    /// for — so no rule treats a deprecated scheme as missing security.
    pub deprecated: bool,
}

impl<'a> SecurityScheme<'a> {
    /// The HTTP auth scheme name, lowercased (`basic`, `bearer`, ...).
    pub fn http_scheme(&self) -> Option<String> {
        match &self.kind {
            SchemeKind::Http { scheme: Some(s) } => s.as_str().map(str::to_ascii_lowercase),
            SchemeKind::Http { scheme: None } if self.node.get_str("type") == Some("basic") => {
                Some("basic".into())
            }
            _ => None,
        }
    }

    pub fn flows(&self) -> &[Flow<'a>] {
        match &self.kind {
            SchemeKind::OAuth2 { flows, .. } => flows,
            _ => &[],
        }
    }
}

pub(super) fn collect<'a>(spec: &Spec<'a>) -> (Option<Node<'a>>, Vec<SecurityScheme<'a>>) {
    let Some(schemes) = spec.components("securitySchemes", "securityDefinitions") else {
        return (None, Vec::new());
    };
    let list = schemes
        .entries()
        .filter(|(key, _)| !key.name.starts_with("x-"))
        .map(|(key, node)| {
            let node = spec.resolve(node);
            SecurityScheme {
                name: key.name,
                key,
                node,
                kind: scheme_kind(spec, node),
                deprecated: spec.version.is_32_or_later()
                    && node.get("deprecated").is_some_and(|d| d.is_true()),
            }
        })
        .collect();
    (Some(schemes), list)
}

fn scheme_kind<'a>(spec: &Spec<'a>, node: Node<'a>) -> SchemeKind<'a> {
    match node.get_str("type").unwrap_or_default() {
        "apiKey" => SchemeKind::ApiKey {
            location: node.get("in"),
        },
        "http" => SchemeKind::Http {
            scheme: node.get("scheme"),
        },
        "basic" => SchemeKind::Http { scheme: None },
        "oauth2" if spec.is_v2() => SchemeKind::OAuth2 {
            flows: node
                .get_str("flow")
                .and_then(|name| FlowKind::parse(name, spec.version))
                .map(|kind| Flow {
                    kind,
                    node,
                    scopes: node.get("scopes"),
                })
                .into_iter()
                .collect(),
            metadata_url: None,
        },
        "oauth2" => SchemeKind::OAuth2 {
            flows: node
                .get("flows")
                .into_iter()
                .flat_map(|f| f.entries())
                .filter_map(|(key, flow)| {
                    Some(Flow {
                        kind: FlowKind::parse(key.name, spec.version)?,
                        node: flow,
                        scopes: flow.get("scopes"),
                    })
                })
                .collect(),
            metadata_url: node
                .get("oauth2MetadataUrl")
                .filter(|_| spec.version.is_32_or_later()),
        },
        "openIdConnect" => SchemeKind::OpenIdConnect,
        "mutualTLS" => SchemeKind::MutualTls,
        _ => SchemeKind::Unknown,
    }
}
