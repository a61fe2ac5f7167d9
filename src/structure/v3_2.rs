//! OpenAPI 3.2: what changes from 3.1, from the specification text.

use super::v3_0::{
    ALLOW_RESERVED, API_KEY_FIELDS, COMPONENTS_FIELDS, CONTENT_LOST, DISCRIMINATOR_FIELDS,
    ENCODING_FIELDS, EXAMPLE_FIELDS, FLOW_LOST, HEADER_FIELDS, HEADER_PARAMETER, HTTP_FIELDS,
    MEDIA_TYPE_FIELDS, OAUTH_FLOW_FIELDS, OAUTH_FLOWS_FIELDS, OAUTH2_FIELDS,
    OPEN_ID_CONNECT_FIELDS, OPENAPI_FIELDS, OPERATION_LOST, PARAMETER_EXCLUSIVE, PARAMETER_FIELDS,
    PARAMETER_LOCATION_LOST, PARAMETER_SCHEMA_FIELDS, PATH_ITEM_FIELDS, PATH_PARAMETER,
    QUERY_PARAMETER, REQUEST_BODY_FIELDS, RESPONSE_FIELDS, SCHEMA_OR_CONTENT, SERVER_FIELDS,
    TAG_FIELDS, TOKEN_URL, URL_LOST, XML_FIELDS, parameter,
};
use super::v3_1::{COMPONENTS_FIELDS_3_1, MUTUAL_TLS_FIELDS, OPENAPI_FIELDS_3_1, ROOT_CONTENTS};
use super::*;

pub static GRAMMAR: Grammar = Grammar {
    version: "3.2",
    root: "OpenAPI",
    types: &[
        OPENAPI,
        SERVER,
        COMPONENTS,
        PATH_ITEM,
        PARAMETER,
        PARAMETER_PATH,
        PARAMETER_QUERY,
        PARAMETER_QUERYSTRING,
        PARAMETER_HEADER,
        PARAMETER_COOKIE,
        REQUEST_BODY,
        MEDIA_TYPE,
        ENCODING,
        RESPONSE,
        EXAMPLE,
        HEADER,
        TAG,
        DISCRIMINATOR,
        XML,
        SECURITY_SCHEME_API_KEY,
        SECURITY_SCHEME_HTTP,
        SECURITY_SCHEME_MUTUAL_TLS,
        SECURITY_SCHEME_OAUTH2,
        SECURITY_SCHEME_OPEN_ID_CONNECT,
        OAUTH_FLOWS,
        OAUTH_FLOW_DEVICE_AUTHORIZATION,
    ],
    base: Some(&super::v3_1::GRAMMAR),
};

const OPENAPI: ObjectType = ObjectType {
    fields: &[
        OPENAPI_FIELDS,
        OPENAPI_FIELDS_3_1,
        &[field("$self", Kind::String)],
    ],
    required: &["openapi", "info"],
    required_one_of: ROOT_CONTENTS,
    ..object("OpenAPI", "document")
};

const SERVER: ObjectType = ObjectType {
    fields: &[SERVER_FIELDS, &[field("name", Kind::String)]],
    required: &["url"],
    ..object("Server", "server")
};

const COMPONENTS: ObjectType = ObjectType {
    fields: &[
        COMPONENTS_FIELDS,
        COMPONENTS_FIELDS_3_1,
        &[field(
            "mediaTypes",
            Kind::MapOf {
                keys: Keys::ComponentName,
                values: &Kind::RefOr("MediaType"),
            },
        )],
    ],
    ..object("Components", "components")
};

// Path Item Object: the QUERY method, and any other method by its name.
const PATH_ITEM: ObjectType = ObjectType {
    fields: &[
        PATH_ITEM_FIELDS,
        &[
            read_by_rules("query", Kind::Object("Operation"), OPERATION_LOST),
            field(
                "additionalOperations",
                Kind::MapOf {
                    keys: Keys::Any,
                    values: &Kind::Object("Operation"),
                },
            ),
        ],
    ],
    ..object("PathItem", "path item")
};

/// The `content` of a Request Body or a Response: 3.2 lets a Media Type
/// Object be referenced.
const CONTENT: &[Field] = &[read_by_rules(
    "content",
    Kind::MapOf {
        keys: Keys::Any,
        values: &Kind::RefOr("MediaType"),
    },
    CONTENT_LOST,
)];

/// The `content` of a Parameter or a Header, of one entry.
const ONE_CONTENT: &[Field] = &[read_by_rules(
    "content",
    Kind::OneEntry(&Kind::RefOr("MediaType")),
    CONTENT_LOST,
)];

// Parameter Object: `in: querystring`, which takes the whole query string
// through `content` and none of the `schema` fields; cookies gain the
// `cookie` style; `allowReserved` now applies wherever values are
// percent-encoded (path, query and cookie, but not header).
const PARAMETER: ObjectType = ObjectType {
    variants: Some(Variants {
        by: "in",
        types: &[
            ("path", "Parameter.path"),
            ("query", "Parameter.query"),
            ("querystring", "Parameter.querystring"),
            ("header", "Parameter.header"),
            ("cookie", "Parameter.cookie"),
        ],
        consequence: Some(PARAMETER_LOCATION_LOST),
    }),
    ..object("Parameter", "parameter")
};

const PARAMETER_PATH: ObjectType = parameter(
    "Parameter.path",
    &[
        PARAMETER_FIELDS,
        PATH_PARAMETER,
        ALLOW_RESERVED,
        PARAMETER_SCHEMA_FIELDS,
        ONE_CONTENT,
    ],
    &["name", "in", "required"],
);

const PARAMETER_QUERY: ObjectType = parameter(
    "Parameter.query",
    &[
        PARAMETER_FIELDS,
        QUERY_PARAMETER,
        ALLOW_RESERVED,
        PARAMETER_SCHEMA_FIELDS,
        ONE_CONTENT,
    ],
    &["name", "in"],
);

const PARAMETER_QUERYSTRING: ObjectType = ObjectType {
    fields: &[
        PARAMETER_FIELDS,
        &[
            field("in", Kind::Enum(&["querystring"])),
            field("required", Kind::Boolean),
            field("example", Kind::Any),
            field(
                "examples",
                Kind::MapOf {
                    keys: Keys::Any,
                    values: &Kind::RefOr("Example"),
                },
            ),
        ],
        ONE_CONTENT,
    ],
    required: &["name", "in", "content"],
    exclusive: &[("example", "examples")],
    ..object("Parameter.querystring", "parameter")
};

const PARAMETER_HEADER: ObjectType = parameter(
    "Parameter.header",
    &[
        PARAMETER_FIELDS,
        HEADER_PARAMETER,
        PARAMETER_SCHEMA_FIELDS,
        ONE_CONTENT,
    ],
    &["name", "in"],
);

const PARAMETER_COOKIE: ObjectType = parameter(
    "Parameter.cookie",
    &[
        PARAMETER_FIELDS,
        &[
            field("in", Kind::Enum(&["cookie"])),
            field("required", Kind::Boolean),
            field("style", Kind::Enum(&["form", "cookie"])),
        ],
        ALLOW_RESERVED,
        PARAMETER_SCHEMA_FIELDS,
        ONE_CONTENT,
    ],
    &["name", "in"],
);

const REQUEST_BODY: ObjectType = ObjectType {
    fields: &[REQUEST_BODY_FIELDS, CONTENT],
    required: &["content"],
    ..object("RequestBody", "request body")
};

// Media Type Object and Encoding Object: positional encoding
// (`prefixEncoding`, `itemEncoding`) excludes encoding by name (`encoding`).
const POSITIONAL_ENCODING: &[Field] = &[
    field("prefixEncoding", Kind::ListOf(&Kind::Object("Encoding"))),
    field("itemEncoding", Kind::Object("Encoding")),
];

// `description` is not in 3.2.0's table, but the 3.2 schema and the 3.2
// test suite have it, so 3.2.x documents use it.
const MEDIA_TYPE: ObjectType = ObjectType {
    fields: &[
        &[field("description", Kind::String)],
        MEDIA_TYPE_FIELDS,
        &[field("itemSchema", Kind::RefOr("Schema"))],
        POSITIONAL_ENCODING,
    ],
    exclusive: &[
        ("example", "examples"),
        ("encoding", "prefixEncoding"),
        ("encoding", "itemEncoding"),
    ],
    ..object("MediaType", "media type")
};

// Encoding Object: nested encodings, as in the Media Type Object.
const ENCODING: ObjectType = ObjectType {
    fields: &[
        ENCODING_FIELDS,
        &[field(
            "encoding",
            Kind::MapOf {
                keys: Keys::Any,
                values: &Kind::Object("Encoding"),
            },
        )],
        POSITIONAL_ENCODING,
    ],
    exclusive: &[("encoding", "prefixEncoding"), ("encoding", "itemEncoding")],
    ..object("Encoding", "encoding")
};

// Response Object: `description` is no longer required.
const RESPONSE: ObjectType = ObjectType {
    fields: &[&[field("summary", Kind::String)], RESPONSE_FIELDS, CONTENT],
    ..object("Response", "response")
};

// Example Object: `dataValue` excludes `value`; `serializedValue` excludes
// `value` and `externalValue`; `externalValue` excludes `value`.
const EXAMPLE: ObjectType = ObjectType {
    fields: &[
        EXAMPLE_FIELDS,
        &[
            field("dataValue", Kind::Any),
            field("serializedValue", Kind::String),
        ],
    ],
    exclusive: &[
        ("value", "externalValue"),
        ("dataValue", "value"),
        ("serializedValue", "value"),
        ("serializedValue", "externalValue"),
    ],
    ..object("Example", "example")
};

const HEADER: ObjectType = ObjectType {
    fields: &[HEADER_FIELDS, ONE_CONTENT],
    required_one_of: SCHEMA_OR_CONTENT,
    exclusive: PARAMETER_EXCLUSIVE,
    ..object("Header", "header")
};

const TAG: ObjectType = ObjectType {
    fields: &[
        TAG_FIELDS,
        &[
            field("summary", Kind::String),
            field("parent", Kind::String),
            field("kind", Kind::String),
        ],
    ],
    required: &["name"],
    ..object("Tag", "tag")
};

const DISCRIMINATOR: ObjectType = ObjectType {
    fields: &[
        DISCRIMINATOR_FIELDS,
        &[field("defaultMapping", Kind::String)],
    ],
    required: &["propertyName"],
    ..object("Discriminator", "discriminator")
};

// XML Object: `nodeType` replaces the deprecated `attribute` and `wrapped`.
const XML: ObjectType = ObjectType {
    fields: &[
        &[field(
            "nodeType",
            Kind::Enum(&["element", "attribute", "text", "cdata", "none"]),
        )],
        XML_FIELDS,
    ],
    exclusive: &[("nodeType", "attribute"), ("nodeType", "wrapped")],
    ..object("XML", "XML object")
};

// Security Scheme Object: every type may be `deprecated`; OAuth2 gains the
// authorization server's metadata URL and the device authorization flow.
// The dispatch on `type` is 3.1's.
const DEPRECATED: &[Field] = &[field("deprecated", Kind::Boolean)];

const SECURITY_SCHEME_API_KEY: ObjectType = ObjectType {
    fields: &[API_KEY_FIELDS, DEPRECATED],
    required: &["type", "name", "in"],
    ..object("SecurityScheme.apiKey", "security scheme")
};

const SECURITY_SCHEME_HTTP: ObjectType = ObjectType {
    fields: &[HTTP_FIELDS, DEPRECATED],
    required: &["type", "scheme"],
    ..object("SecurityScheme.http", "security scheme")
};

const SECURITY_SCHEME_MUTUAL_TLS: ObjectType = ObjectType {
    fields: &[MUTUAL_TLS_FIELDS, DEPRECATED],
    required: &["type"],
    ..object("SecurityScheme.mutualTLS", "security scheme")
};

const SECURITY_SCHEME_OAUTH2: ObjectType = ObjectType {
    fields: &[
        OAUTH2_FIELDS,
        &[read_by_rules("oauth2MetadataUrl", Kind::String, URL_LOST)],
        DEPRECATED,
    ],
    required: &["type", "flows"],
    ..object("SecurityScheme.oauth2", "security scheme")
};

const SECURITY_SCHEME_OPEN_ID_CONNECT: ObjectType = ObjectType {
    fields: &[OPEN_ID_CONNECT_FIELDS, DEPRECATED],
    required: &["type", "openIdConnectUrl"],
    ..object("SecurityScheme.openIdConnect", "security scheme")
};

const OAUTH_FLOWS: ObjectType = ObjectType {
    fields: &[
        OAUTH_FLOWS_FIELDS,
        &[read_by_rules(
            "deviceAuthorization",
            Kind::Object("OAuthFlow.deviceAuthorization"),
            FLOW_LOST,
        )],
    ],
    ..object("OAuthFlows", "OAuth flows")
};

const OAUTH_FLOW_DEVICE_AUTHORIZATION: ObjectType = ObjectType {
    fields: &[
        &[read_by_rules(
            "deviceAuthorizationUrl",
            Kind::String,
            URL_LOST,
        )],
        TOKEN_URL,
        OAUTH_FLOW_FIELDS,
    ],
    required: &["deviceAuthorizationUrl", "tokenUrl", "scopes"],
    ..object("OAuthFlow.deviceAuthorization", "OAuth flow")
};
