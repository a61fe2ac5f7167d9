//! OpenAPI 3.0 (3.0.0-3.0.4), from the specification text.
//!
//! Field groups that later versions keep are `pub(super)` constants, so that
//! `v3_1.rs` and `v3_2.rs` name them instead of repeating them.

use super::*;

pub static GRAMMAR: Grammar = Grammar {
    version: "3.0",
    root: "OpenAPI",
    types: &[
        OPENAPI,
        INFO,
        CONTACT,
        LICENSE,
        SERVER,
        SERVER_VARIABLE,
        COMPONENTS,
        PATHS,
        PATH_ITEM,
        OPERATION,
        EXTERNAL_DOCUMENTATION,
        PARAMETER,
        PARAMETER_PATH,
        PARAMETER_QUERY,
        PARAMETER_HEADER,
        PARAMETER_COOKIE,
        REQUEST_BODY,
        MEDIA_TYPE,
        ENCODING,
        RESPONSES,
        RESPONSE,
        CALLBACK,
        EXAMPLE,
        LINK,
        HEADER,
        TAG,
        SCHEMA,
        DISCRIMINATOR,
        XML,
        SECURITY_SCHEME,
        SECURITY_SCHEME_API_KEY,
        SECURITY_SCHEME_HTTP,
        SECURITY_SCHEME_OAUTH2,
        SECURITY_SCHEME_OPEN_ID_CONNECT,
        OAUTH_FLOWS,
        OAUTH_FLOW_IMPLICIT,
        OAUTH_FLOW_PASSWORD,
        OAUTH_FLOW_CLIENT_CREDENTIALS,
        OAUTH_FLOW_AUTHORIZATION_CODE,
        SECURITY_REQUIREMENT,
    ],
    base: None,
};

// What the rules lose, said once for the fields that share it.
pub(super) const SERVERS_LOST: &str = "the servers are not checked for plain HTTP";
pub(super) const CONTENT_LOST: &str = "the content's schemas are not checked by any rule";
pub(super) const URL_LOST: &str = "the URL is not checked for plain HTTP";
pub(super) const OPERATION_LOST: &str = "the operation is not checked by any rule";
const PARAMETERS_LOST: &str = "the parameters are ignored by every rule";

pub(super) const OPENAPI_FIELDS: &[Field] = &[
    read_by_rules(
        "openapi",
        Kind::String,
        "the version decides how the document is read",
    ),
    field("info", Kind::Object("Info")),
    read_by_rules(
        "servers",
        Kind::ListOf(&Kind::Object("Server")),
        SERVERS_LOST,
    ),
    read_by_rules(
        "paths",
        Kind::Object("Paths"),
        "no operation is checked by any rule",
    ),
    read_by_rules(
        "components",
        Kind::Object("Components"),
        "the security schemes are unknown to every rule",
    ),
    read_by_rules(
        "security",
        Kind::ListOf(&Kind::Object("SecurityRequirement")),
        "no operation is protected by the document's security",
    ),
    field("tags", Kind::ListOf(&Kind::Object("Tag"))),
    field("externalDocs", Kind::Object("ExternalDocumentation")),
];

const OPENAPI: ObjectType = ObjectType {
    fields: &[OPENAPI_FIELDS],
    required: &["openapi", "info", "paths"],
    ..object("OpenAPI", "document")
};

pub(super) const INFO_FIELDS: &[Field] = &[
    field("title", Kind::String),
    field("description", Kind::String),
    field("termsOfService", Kind::String),
    field("contact", Kind::Object("Contact")),
    field("license", Kind::Object("License")),
    field("version", Kind::String),
];

const INFO: ObjectType = ObjectType {
    fields: &[INFO_FIELDS],
    required: &["title", "version"],
    ..object("Info", "info")
};

const CONTACT: ObjectType = ObjectType {
    fields: &[&[
        field("name", Kind::String),
        field("url", Kind::String),
        field("email", Kind::String),
    ]],
    ..object("Contact", "contact")
};

pub(super) const LICENSE_FIELDS: &[Field] =
    &[field("name", Kind::String), field("url", Kind::String)];

const LICENSE: ObjectType = ObjectType {
    fields: &[LICENSE_FIELDS],
    required: &["name"],
    ..object("License", "license")
};

pub(super) const SERVER_FIELDS: &[Field] = &[
    read_by_rules(
        "url",
        Kind::String,
        "the server is not checked for plain HTTP",
    ),
    field("description", Kind::String),
    field(
        "variables",
        Kind::MapOf {
            keys: Keys::Any,
            values: &Kind::Object("ServerVariable"),
        },
    ),
];

const SERVER: ObjectType = ObjectType {
    fields: &[SERVER_FIELDS],
    required: &["url"],
    ..object("Server", "server")
};

const SERVER_VARIABLE: ObjectType = ObjectType {
    fields: &[&[
        field("enum", Kind::ListOf(&Kind::String)),
        field("default", Kind::String),
        field("description", Kind::String),
    ]],
    required: &["default"],
    ..object("ServerVariable", "server variable")
};

// Components Object: every map is keyed by `^[a-zA-Z0-9\.\-_]+$`.
pub(super) const COMPONENTS_FIELDS: &[Field] = &[
    field(
        "schemas",
        Kind::MapOf {
            keys: Keys::ComponentName,
            values: &Kind::RefOr("Schema"),
        },
    ),
    field(
        "responses",
        Kind::MapOf {
            keys: Keys::ComponentName,
            values: &Kind::RefOr("Response"),
        },
    ),
    field(
        "parameters",
        Kind::MapOf {
            keys: Keys::ComponentName,
            values: &Kind::RefOr("Parameter"),
        },
    ),
    field(
        "examples",
        Kind::MapOf {
            keys: Keys::ComponentName,
            values: &Kind::RefOr("Example"),
        },
    ),
    field(
        "requestBodies",
        Kind::MapOf {
            keys: Keys::ComponentName,
            values: &Kind::RefOr("RequestBody"),
        },
    ),
    field(
        "headers",
        Kind::MapOf {
            keys: Keys::ComponentName,
            values: &Kind::RefOr("Header"),
        },
    ),
    read_by_rules(
        "securitySchemes",
        Kind::MapOf {
            keys: Keys::ComponentName,
            values: &Kind::RefOr("SecurityScheme"),
        },
        "the schemes are unknown to every rule",
    ),
    field(
        "links",
        Kind::MapOf {
            keys: Keys::ComponentName,
            values: &Kind::RefOr("Link"),
        },
    ),
    field(
        "callbacks",
        Kind::MapOf {
            keys: Keys::ComponentName,
            values: &Kind::RefOr("Callback"),
        },
    ),
];

const COMPONENTS: ObjectType = ObjectType {
    fields: &[COMPONENTS_FIELDS],
    ..object("Components", "components")
};

// Paths Object. A Path Item's own `$ref` is followed like a Reference
// Object's, and its siblings are judged too (PathItem lists `$ref`).
const PATHS: ObjectType = ObjectType {
    others: Others::Patterned {
        keys: Keys::Path,
        values: &Kind::RefOr("PathItem"),
    },
    ..object("Paths", "paths")
};

pub(super) const PATH_ITEM_FIELDS: &[Field] = &[
    field("$ref", Kind::String),
    field("summary", Kind::String),
    field("description", Kind::String),
    read_by_rules("get", Kind::Object("Operation"), OPERATION_LOST),
    read_by_rules("put", Kind::Object("Operation"), OPERATION_LOST),
    read_by_rules("post", Kind::Object("Operation"), OPERATION_LOST),
    read_by_rules("delete", Kind::Object("Operation"), OPERATION_LOST),
    read_by_rules("options", Kind::Object("Operation"), OPERATION_LOST),
    read_by_rules("head", Kind::Object("Operation"), OPERATION_LOST),
    read_by_rules("patch", Kind::Object("Operation"), OPERATION_LOST),
    read_by_rules("trace", Kind::Object("Operation"), OPERATION_LOST),
    read_by_rules(
        "servers",
        Kind::ListOf(&Kind::Object("Server")),
        SERVERS_LOST,
    ),
    read_by_rules(
        "parameters",
        Kind::ListOf(&Kind::RefOr("Parameter")),
        PARAMETERS_LOST,
    ),
];

const PATH_ITEM: ObjectType = ObjectType {
    fields: &[PATH_ITEM_FIELDS],
    ..object("PathItem", "path item")
};

pub(super) const OPERATION_FIELDS: &[Field] = &[
    field("tags", Kind::ListOf(&Kind::String)),
    field("summary", Kind::String),
    field("description", Kind::String),
    field("externalDocs", Kind::Object("ExternalDocumentation")),
    field("operationId", Kind::String),
    read_by_rules(
        "parameters",
        Kind::ListOf(&Kind::RefOr("Parameter")),
        PARAMETERS_LOST,
    ),
    read_by_rules(
        "requestBody",
        Kind::RefOr("RequestBody"),
        "the request body is not checked by any rule",
    ),
    read_by_rules(
        "responses",
        Kind::Object("Responses"),
        "the responses are not checked by any rule",
    ),
    field(
        "callbacks",
        Kind::MapOf {
            keys: Keys::Any,
            values: &Kind::RefOr("Callback"),
        },
    ),
    field("deprecated", Kind::Boolean),
    read_by_rules(
        "security",
        Kind::ListOf(&Kind::Object("SecurityRequirement")),
        "the operation falls back to the document's security",
    ),
    read_by_rules(
        "servers",
        Kind::ListOf(&Kind::Object("Server")),
        SERVERS_LOST,
    ),
];

const OPERATION: ObjectType = ObjectType {
    fields: &[OPERATION_FIELDS],
    required: &["responses"],
    ..object("Operation", "operation")
};

const EXTERNAL_DOCUMENTATION: ObjectType = ObjectType {
    fields: &[&[
        field("description", Kind::String),
        field("url", Kind::String),
    ]],
    required: &["url"],
    ..object("ExternalDocumentation", "external documentation")
};

// Parameter Object: the fields and `style` values allowed depend on `in`.
// Each location's own group starts with its `in` value.
pub(super) const PARAMETER_LOCATION_LOST: &str = "the parameter is ignored by every rule";

pub(super) const PATH_PARAMETER: &[Field] = &[
    field("in", Kind::Enum(&["path"])),
    field("required", Kind::True),
    field("style", Kind::Enum(&["matrix", "label", "simple"])),
];

pub(super) const QUERY_PARAMETER: &[Field] = &[
    field("in", Kind::Enum(&["query"])),
    field("required", Kind::Boolean),
    field("allowEmptyValue", Kind::Boolean),
    field(
        "style",
        Kind::Enum(&["form", "spaceDelimited", "pipeDelimited", "deepObject"]),
    ),
];

pub(super) const HEADER_PARAMETER: &[Field] = &[
    field("in", Kind::Enum(&["header"])),
    field("required", Kind::Boolean),
    field("style", Kind::Enum(&["simple"])),
];

const COOKIE_PARAMETER: &[Field] = &[
    field("in", Kind::Enum(&["cookie"])),
    field("required", Kind::Boolean),
    field("style", Kind::Enum(&["form"])),
];

/// `allowEmptyValue` and `allowReserved` "apply only to query parameters"
/// in 3.0 and 3.1: elsewhere they are ignored, not wrong. No rule reads
/// them, the official 3.0 schema accepts them on every parameter, and
/// generators put them everywhere (328 and 656 path parameters in one corpus
/// spec), so only query parameters' values are judged strictly. 3.2 keeps
/// them to where they apply.
const IGNORED_OUTSIDE_QUERY: &[Field] = &[
    field("allowEmptyValue", Kind::Boolean),
    field("allowReserved", Kind::Boolean),
];

/// 3.0 and 3.1: "only applies to parameters with an `in` value of `query`".
pub(super) const ALLOW_RESERVED: &[Field] = &[field("allowReserved", Kind::Boolean)];

/// Fields of every location.
pub(super) const PARAMETER_FIELDS: &[Field] = &[
    read_by_rules("name", Kind::String, PARAMETER_LOCATION_LOST),
    field("description", Kind::String),
    field("deprecated", Kind::Boolean),
];

/// Serialization with `schema` (besides `style`, which depends on `in`).
pub(super) const PARAMETER_SCHEMA_FIELDS: &[Field] = &[
    field("explode", Kind::Boolean),
    read_by_rules(
        "schema",
        Kind::RefOr("Schema"),
        "the parameter's value is not checked by any rule",
    ),
    field("example", Kind::Any),
    field(
        "examples",
        Kind::MapOf {
            keys: Keys::Any,
            values: &Kind::RefOr("Example"),
        },
    ),
];

/// The `content` of a Request Body or a Response.
const CONTENT: &[Field] = &[read_by_rules(
    "content",
    Kind::MapOf {
        keys: Keys::Any,
        values: &Kind::Object("MediaType"),
    },
    CONTENT_LOST,
)];

/// The `content` of a Parameter or a Header: "The map MUST only contain one
/// entry".
const ONE_CONTENT: &[Field] = &[read_by_rules(
    "content",
    Kind::OneEntry(&Kind::Object("MediaType")),
    CONTENT_LOST,
)];

/// "Parameter Objects MUST include either a `content` field or a `schema`
/// field, but not both" (and the Header Object follows them).
pub(super) const SCHEMA_OR_CONTENT: &[&str] = &["schema", "content"];

pub(super) const PARAMETER_EXCLUSIVE: &[(&str, &str)] =
    &[("example", "examples"), ("schema", "content")];

/// The Parameter Object of one location: `schema` or `content`, never
/// both, and never `example` with `examples`.
pub(super) const fn parameter(
    name: &'static str,
    fields: &'static [&'static [Field]],
    required: &'static [&'static str],
) -> ObjectType {
    ObjectType {
        fields,
        required,
        required_one_of: SCHEMA_OR_CONTENT,
        exclusive: PARAMETER_EXCLUSIVE,
        ..object(name, "parameter")
    }
}

const PARAMETER: ObjectType = ObjectType {
    variants: Some(Variants {
        by: "in",
        types: &[
            ("path", "Parameter.path"),
            ("query", "Parameter.query"),
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
        IGNORED_OUTSIDE_QUERY,
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

const PARAMETER_HEADER: ObjectType = parameter(
    "Parameter.header",
    &[
        PARAMETER_FIELDS,
        HEADER_PARAMETER,
        IGNORED_OUTSIDE_QUERY,
        PARAMETER_SCHEMA_FIELDS,
        ONE_CONTENT,
    ],
    &["name", "in"],
);

const PARAMETER_COOKIE: ObjectType = parameter(
    "Parameter.cookie",
    &[
        PARAMETER_FIELDS,
        COOKIE_PARAMETER,
        IGNORED_OUTSIDE_QUERY,
        PARAMETER_SCHEMA_FIELDS,
        ONE_CONTENT,
    ],
    &["name", "in"],
);

pub(super) const REQUEST_BODY_FIELDS: &[Field] = &[
    field("description", Kind::String),
    field("required", Kind::Boolean),
];

const REQUEST_BODY: ObjectType = ObjectType {
    fields: &[REQUEST_BODY_FIELDS, CONTENT],
    required: &["content"],
    ..object("RequestBody", "request body")
};

pub(super) const MEDIA_TYPE_FIELDS: &[Field] = &[
    read_by_rules(
        "schema",
        Kind::RefOr("Schema"),
        "the content is not checked by any rule",
    ),
    field("example", Kind::Any),
    field(
        "examples",
        Kind::MapOf {
            keys: Keys::Any,
            values: &Kind::RefOr("Example"),
        },
    ),
    field(
        "encoding",
        Kind::MapOf {
            keys: Keys::Any,
            values: &Kind::Object("Encoding"),
        },
    ),
];

const MEDIA_TYPE: ObjectType = ObjectType {
    fields: &[MEDIA_TYPE_FIELDS],
    exclusive: &[("example", "examples")],
    ..object("MediaType", "media type")
};

// Encoding Object: `style` takes the values of a query parameter's.
pub(super) const ENCODING_FIELDS: &[Field] = &[
    field("contentType", Kind::String),
    field(
        "headers",
        Kind::MapOf {
            keys: Keys::Any,
            values: &Kind::RefOr("Header"),
        },
    ),
    field(
        "style",
        Kind::Enum(&["form", "spaceDelimited", "pipeDelimited", "deepObject"]),
    ),
    field("explode", Kind::Boolean),
    field("allowReserved", Kind::Boolean),
];

const ENCODING: ObjectType = ObjectType {
    fields: &[ENCODING_FIELDS],
    ..object("Encoding", "encoding")
};

// Responses Object: `default` is fixed, status codes are patterned; it
// "MUST contain at least one response code".
const RESPONSES: ObjectType = ObjectType {
    fields: &[&[field("default", Kind::RefOr("Response"))]],
    non_empty: true,
    others: Others::Patterned {
        keys: Keys::ResponseCode,
        values: &Kind::RefOr("Response"),
    },
    ..object("Responses", "responses")
};

// Response Object: link names follow the components' naming constraints.
pub(super) const RESPONSE_FIELDS: &[Field] = &[
    field("description", Kind::String),
    field(
        "headers",
        Kind::MapOf {
            keys: Keys::Any,
            values: &Kind::RefOr("Header"),
        },
    ),
    field(
        "links",
        Kind::MapOf {
            keys: Keys::ComponentName,
            values: &Kind::RefOr("Link"),
        },
    ),
];

const RESPONSE: ObjectType = ObjectType {
    fields: &[RESPONSE_FIELDS, CONTENT],
    required: &["description"],
    ..object("Response", "response")
};

// Callback Object: keys are runtime expressions.
const CALLBACK: ObjectType = ObjectType {
    others: Others::Patterned {
        keys: Keys::Any,
        values: &Kind::RefOr("PathItem"),
    },
    ..object("Callback", "callback")
};

pub(super) const EXAMPLE_FIELDS: &[Field] = &[
    field("summary", Kind::String),
    field("description", Kind::String),
    field("value", Kind::Any),
    field("externalValue", Kind::String),
];

const EXAMPLE: ObjectType = ObjectType {
    fields: &[EXAMPLE_FIELDS],
    exclusive: &[("value", "externalValue")],
    ..object("Example", "example")
};

const LINK: ObjectType = ObjectType {
    fields: &[&[
        field("operationRef", Kind::String),
        field("operationId", Kind::String),
        field(
            "parameters",
            Kind::MapOf {
                keys: Keys::Any,
                values: &Kind::Any,
            },
        ),
        field("requestBody", Kind::Any),
        field("description", Kind::String),
        field("server", Kind::Object("Server")),
    ]],
    // "A linked operation MUST be identified using either an `operationRef`
    // or `operationId`", not both.
    required_one_of: &["operationRef", "operationId"],
    exclusive: &[("operationRef", "operationId")],
    ..object("Link", "link")
};

// Header Object: a Parameter without `name` and `in`, located in a header
// (so no `allowEmptyValue` nor `allowReserved`, and only `simple`).
pub(super) const HEADER_FIELDS: &[Field] = &[
    field("description", Kind::String),
    field("required", Kind::Boolean),
    field("deprecated", Kind::Boolean),
    field("style", Kind::Enum(&["simple"])),
    field("explode", Kind::Boolean),
    field("schema", Kind::RefOr("Schema")),
    field("example", Kind::Any),
    field(
        "examples",
        Kind::MapOf {
            keys: Keys::Any,
            values: &Kind::RefOr("Example"),
        },
    ),
];

const HEADER: ObjectType = ObjectType {
    fields: &[HEADER_FIELDS, ONE_CONTENT],
    required_one_of: SCHEMA_OR_CONTENT,
    exclusive: PARAMETER_EXCLUSIVE,
    ..object("Header", "header")
};

pub(super) const TAG_FIELDS: &[Field] = &[
    field("name", Kind::String),
    field("description", Kind::String),
    field("externalDocs", Kind::Object("ExternalDocumentation")),
];

const TAG: ObjectType = ObjectType {
    fields: &[TAG_FIELDS],
    required: &["name"],
    ..object("Tag", "tag")
};

// Schema Object: the JSON Schema keywords 3.0 takes (its list is exhaustive:
// "additional keywords ... are strictly unsupported"), grouped by what 3.1's
// JSON Schema 2020-12 keeps unchanged.

/// Validation keywords with the same meaning in 3.0 and 2020-12.
pub(super) const SCHEMA_VALIDATION: &[Field] = &[
    field("multipleOf", Kind::Number),
    read_by_rules("maximum", Kind::Number, "the value has no upper bound"),
    read_by_rules("minimum", Kind::Number, "the value has no lower bound"),
    read_by_rules(
        "maxLength",
        Kind::Integer,
        "the value's length is unbounded",
    ),
    field("minLength", Kind::Integer),
    read_by_rules("pattern", Kind::String, "the value matches any text"),
    read_by_rules("maxItems", Kind::Integer, "the array's size is unbounded"),
    field("minItems", Kind::Integer),
    field("uniqueItems", Kind::Boolean),
    read_by_rules(
        "maxProperties",
        Kind::Integer,
        "the object's size is unbounded",
    ),
    field("minProperties", Kind::Integer),
    field("required", Kind::ListOf(&Kind::String)),
    read_by_rules(
        "enum",
        Kind::ListOf(&Kind::Any),
        "the value is not restricted to a set",
    ),
];

/// Sub-schemas (3.0 narrows them to Schema Objects; `items` is one schema).
pub(super) const SCHEMA_APPLICATORS: &[Field] = &[
    field("allOf", Kind::ListOf(&Kind::RefOr("Schema"))),
    field("oneOf", Kind::ListOf(&Kind::RefOr("Schema"))),
    field("anyOf", Kind::ListOf(&Kind::RefOr("Schema"))),
    field("not", Kind::RefOr("Schema")),
    read_by_rules(
        "items",
        Kind::RefOr("Schema"),
        "the array's items are not checked by any rule",
    ),
    read_by_rules(
        "properties",
        Kind::MapOf {
            keys: Keys::Any,
            values: &Kind::RefOr("Schema"),
        },
        "the properties are not checked by any rule",
    ),
    read_by_rules(
        "additionalProperties",
        Kind::OneOf(&[Kind::Boolean, Kind::RefOr("Schema")]),
        "the object accepts any additional property",
    ),
];

/// Annotations, and the OpenAPI additions kept by 3.1.
pub(super) const SCHEMA_ANNOTATIONS: &[Field] = &[
    field("title", Kind::String),
    field("description", Kind::String),
    read_by_rules(
        "format",
        Kind::String,
        "the value's format is unknown to every rule",
    ),
    field("default", Kind::Any),
    read_by_rules(
        "readOnly",
        Kind::Boolean,
        "the property is accepted in requests",
    ),
    read_by_rules(
        "writeOnly",
        Kind::Boolean,
        "the property may appear in responses",
    ),
    field("deprecated", Kind::Boolean),
    field("discriminator", Kind::Object("Discriminator")),
    field("xml", Kind::Object("XML")),
    field("externalDocs", Kind::Object("ExternalDocumentation")),
    field("example", Kind::Any),
];

pub(super) const SCHEMA_TYPE_LOST: &str = "the value's type is unknown to every rule";

const SCHEMA: ObjectType = ObjectType {
    fields: &[
        SCHEMA_VALIDATION,
        SCHEMA_APPLICATORS,
        SCHEMA_ANNOTATIONS,
        &[
            // One type name: 3.0 has no list of types, and `nullable`
            // instead of "null".
            read_by_rules(
                "type",
                Kind::Enum(&["array", "boolean", "integer", "number", "object", "string"]),
                SCHEMA_TYPE_LOST,
            ),
            field("nullable", Kind::Boolean),
            field("exclusiveMaximum", Kind::Boolean),
            field("exclusiveMinimum", Kind::Boolean),
        ],
    ],
    ..object("Schema", "schema")
};

pub(super) const DISCRIMINATOR_FIELDS: &[Field] = &[
    field("propertyName", Kind::String),
    field(
        "mapping",
        Kind::MapOf {
            keys: Keys::Any,
            values: &Kind::String,
        },
    ),
];

const DISCRIMINATOR: ObjectType = ObjectType {
    fields: &[DISCRIMINATOR_FIELDS],
    required: &["propertyName"],
    ..object("Discriminator", "discriminator")
};

pub(super) const XML_FIELDS: &[Field] = &[
    field("name", Kind::String),
    field("namespace", Kind::String),
    field("prefix", Kind::String),
    field("attribute", Kind::Boolean),
    field("wrapped", Kind::Boolean),
];

const XML: ObjectType = ObjectType {
    fields: &[XML_FIELDS],
    ..object("XML", "XML object")
};

// Security Scheme Object: `type` says which fields apply ("Applies To").
pub(super) const SECURITY_SCHEME_LOST: &str = "the scheme is not checked by any security rule";

pub(super) const API_KEY_FIELDS: &[Field] = &[
    field("type", Kind::Enum(&["apiKey"])),
    field("description", Kind::String),
    field("name", Kind::String),
    read_by_rules(
        "in",
        Kind::Enum(&["query", "header", "cookie"]),
        "the key is not checked for exposure in URLs",
    ),
];

pub(super) const HTTP_FIELDS: &[Field] = &[
    field("type", Kind::Enum(&["http"])),
    field("description", Kind::String),
    read_by_rules(
        "scheme",
        Kind::String,
        "the scheme is not checked for weak authentication",
    ),
    field("bearerFormat", Kind::String),
];

pub(super) const OAUTH2_FIELDS: &[Field] = &[
    field("type", Kind::Enum(&["oauth2"])),
    field("description", Kind::String),
    read_by_rules(
        "flows",
        Kind::Object("OAuthFlows"),
        "the flows are not checked by any security rule",
    ),
];

pub(super) const OPEN_ID_CONNECT_FIELDS: &[Field] = &[
    field("type", Kind::Enum(&["openIdConnect"])),
    field("description", Kind::String),
    read_by_rules("openIdConnectUrl", Kind::String, URL_LOST),
];

const SECURITY_SCHEME: ObjectType = ObjectType {
    variants: Some(Variants {
        by: "type",
        types: &[
            ("apiKey", "SecurityScheme.apiKey"),
            ("http", "SecurityScheme.http"),
            ("oauth2", "SecurityScheme.oauth2"),
            ("openIdConnect", "SecurityScheme.openIdConnect"),
        ],
        consequence: Some(SECURITY_SCHEME_LOST),
    }),
    ..object("SecurityScheme", "security scheme")
};

const SECURITY_SCHEME_API_KEY: ObjectType = ObjectType {
    fields: &[API_KEY_FIELDS],
    required: &["type", "name", "in"],
    ..object("SecurityScheme.apiKey", "security scheme")
};

const SECURITY_SCHEME_HTTP: ObjectType = ObjectType {
    fields: &[HTTP_FIELDS],
    required: &["type", "scheme"],
    ..object("SecurityScheme.http", "security scheme")
};

const SECURITY_SCHEME_OAUTH2: ObjectType = ObjectType {
    fields: &[OAUTH2_FIELDS],
    required: &["type", "flows"],
    ..object("SecurityScheme.oauth2", "security scheme")
};

const SECURITY_SCHEME_OPEN_ID_CONNECT: ObjectType = ObjectType {
    fields: &[OPEN_ID_CONNECT_FIELDS],
    required: &["type", "openIdConnectUrl"],
    ..object("SecurityScheme.openIdConnect", "security scheme")
};

// OAuth Flows Object: one type per flow, since each flow requires its own
// URLs ("Applies To" of the OAuth Flow Object).
pub(super) const FLOW_LOST: &str = "the flow is not checked by any security rule";

pub(super) const OAUTH_FLOWS_FIELDS: &[Field] = &[
    read_by_rules("implicit", Kind::Object("OAuthFlow.implicit"), FLOW_LOST),
    read_by_rules("password", Kind::Object("OAuthFlow.password"), FLOW_LOST),
    read_by_rules(
        "clientCredentials",
        Kind::Object("OAuthFlow.clientCredentials"),
        FLOW_LOST,
    ),
    read_by_rules(
        "authorizationCode",
        Kind::Object("OAuthFlow.authorizationCode"),
        FLOW_LOST,
    ),
];

const OAUTH_FLOWS: ObjectType = ObjectType {
    fields: &[OAUTH_FLOWS_FIELDS],
    ..object("OAuthFlows", "OAuth flows")
};

const AUTHORIZATION_URL: &[Field] = &[read_by_rules("authorizationUrl", Kind::String, URL_LOST)];

pub(super) const TOKEN_URL: &[Field] = &[read_by_rules("tokenUrl", Kind::String, URL_LOST)];

/// Fields of every flow.
pub(super) const OAUTH_FLOW_FIELDS: &[Field] = &[
    read_by_rules("refreshUrl", Kind::String, URL_LOST),
    read_by_rules(
        "scopes",
        Kind::MapOf {
            keys: Keys::Any,
            values: &Kind::String,
        },
        "the scopes are unknown to every rule",
    ),
];

const OAUTH_FLOW_IMPLICIT: ObjectType = ObjectType {
    fields: &[AUTHORIZATION_URL, OAUTH_FLOW_FIELDS],
    required: &["authorizationUrl", "scopes"],
    ..object("OAuthFlow.implicit", "OAuth flow")
};

const OAUTH_FLOW_PASSWORD: ObjectType = ObjectType {
    fields: &[TOKEN_URL, OAUTH_FLOW_FIELDS],
    required: &["tokenUrl", "scopes"],
    ..object("OAuthFlow.password", "OAuth flow")
};

const OAUTH_FLOW_CLIENT_CREDENTIALS: ObjectType = ObjectType {
    fields: &[TOKEN_URL, OAUTH_FLOW_FIELDS],
    required: &["tokenUrl", "scopes"],
    ..object("OAuthFlow.clientCredentials", "OAuth flow")
};

const OAUTH_FLOW_AUTHORIZATION_CODE: ObjectType = ObjectType {
    fields: &[AUTHORIZATION_URL, TOKEN_URL, OAUTH_FLOW_FIELDS],
    required: &["authorizationUrl", "tokenUrl", "scopes"],
    ..object("OAuthFlow.authorizationCode", "OAuth flow")
};

// Security Requirement Object: scheme names to lists of scopes.
const SECURITY_REQUIREMENT: ObjectType = ObjectType {
    others: Others::Patterned {
        keys: Keys::Any,
        values: &Kind::ListOf(&Kind::String),
    },
    ..object("SecurityRequirement", "security requirement")
};
