//! Swagger 2.0, from the specification text.
//!
//! One entry per object of the text's "Schema" section, in its order. The
//! text's pure maps (Definitions, Parameters Definitions, Responses
//! Definitions, Security Definitions, Headers, Example, Security
//! Requirement) are [`Kind::MapOf`] fields rather than types: none of them
//! allows `x-` extensions, so an `x-` key there is an entry to check like
//! any other.

use super::*;

/// What a security scheme loses when its `type` or `flow` is wrong.
const SCHEME_UNCHECKED: &str = "the scheme is not checked by any security rule";

// Value sets.

const SCHEMES: &[&str] = &["http", "https", "ws", "wss"];
/// A non-body parameter's, an Items Object's or a Header Object's `type`.
const PRIMITIVE_TYPES: &[&str] = &["string", "number", "integer", "boolean", "array"];
/// A `formData` parameter's `type`: the only place a file can be sent.
const FORM_TYPES: &[&str] = &["string", "number", "integer", "boolean", "array", "file"];
const COLLECTION_FORMATS: &[&str] = &["csv", "ssv", "tsv", "pipes"];
/// `multi` is valid only for parameters in `query` or `formData`.
const COLLECTION_FORMATS_MULTI: &[&str] = &["csv", "ssv", "tsv", "pipes", "multi"];
/// JSON Schema draft 4's simple types, which the Schema Object's `type`
/// takes "directly from the JSON Schema definition".
const SCHEMA_TYPES: &[&str] = &[
    "array", "boolean", "integer", "null", "number", "object", "string",
];
/// A Response Object's `schema` "root `type` value may also be `file`".
const RESPONSE_SCHEMA_TYPES: &[&str] = &[
    "array", "boolean", "integer", "null", "number", "object", "string", "file",
];

// Kinds used by several fields.

/// `security` (root and operation): a list of Security Requirement
/// Objects, each mapping a scheme name to the list of its scopes.
const SECURITY: Kind = Kind::ListOf(&Kind::MapOf {
    keys: Keys::Any,
    values: &Kind::ListOf(&Kind::String),
});
const PARAMETERS: Kind = Kind::ListOf(&Kind::RefOr("Parameter"));
const PARAMETERS_UNSEEN: &str = "these parameters are not checked by any rule";
const MIME_TYPES: Kind = Kind::ListOf(&Kind::String);
const SCHEMA: Kind = Kind::RefOr("Schema");

// Field groups shared by several objects.

/// `schemes` of the Swagger and Operation Objects.
const TRANSPORT: Field = read_by_rules(
    "schemes",
    Kind::ListOf(&Kind::Enum(SCHEMES)),
    "the transport is not checked for plain HTTP",
);

/// The JSON Schema validation keywords (draft-fge-json-schema-validation-00)
/// that the Schema, Parameter, Items and Header Objects all take.
const VALIDATIONS: &[Field] = &[
    field("multipleOf", Kind::Number),
    read_by_rules("maximum", Kind::Number, "the value has no upper bound"),
    field("exclusiveMaximum", Kind::Boolean),
    read_by_rules("minimum", Kind::Number, "the value has no lower bound"),
    field("exclusiveMinimum", Kind::Boolean),
    read_by_rules("maxLength", Kind::Integer, "the length has no limit"),
    field("minLength", Kind::Integer),
    read_by_rules(
        "pattern",
        Kind::String,
        "the value is not restricted by a pattern",
    ),
    read_by_rules(
        "maxItems",
        Kind::Integer,
        "the number of items has no limit",
    ),
    field("minItems", Kind::Integer),
    field("uniqueItems", Kind::Boolean),
    read_by_rules(
        "enum",
        Kind::ListOf(&Kind::Any),
        "the value is not restricted to a list",
    ),
];

/// What a non-body parameter, an Items Object and a Header Object share
/// besides `type` and `collectionFormat`, whose values differ.
const SIMPLE_VALUE: &[Field] = &[
    field("format", Kind::String),
    field("items", Kind::Object("Items")),
    field("default", Kind::Any),
];

/// `type` and `collectionFormat` of path and header parameters, Items and
/// Header Objects.
const PRIMITIVE: &[Field] = &[
    field("type", Kind::Enum(PRIMITIVE_TYPES)),
    field("collectionFormat", Kind::Enum(COLLECTION_FORMATS)),
];

/// Every parameter's own fields but `in` and `required`.
const PARAMETER: &[Field] = &[
    field("name", Kind::String),
    field("description", Kind::String),
];
const OPTIONAL: &[Field] = &[field("required", Kind::Boolean)];
/// Only parameters in `query` or `formData` may be empty or `multi`.
const QUERY_OR_FORM: &[Field] = &[
    field("allowEmptyValue", Kind::Boolean),
    field("collectionFormat", Kind::Enum(COLLECTION_FORMATS_MULTI)),
];
const NON_BODY_REQUIRED: &[&str] = &["name", "in", "type"];

/// The Schema Object's keywords "taken directly from the JSON Schema
/// definition", but for `type`, whose values differ for a response's root
/// schema, and the validation keywords ([`VALIDATIONS`]).
const JSON_SCHEMA: &[Field] = &[
    field("$ref", Kind::String),
    field("format", Kind::String),
    field("title", Kind::String),
    field("description", Kind::String),
    field("default", Kind::Any),
    read_by_rules(
        "maxProperties",
        Kind::Integer,
        "the number of properties has no limit",
    ),
    field("minProperties", Kind::Integer),
    field("required", Kind::ListOf(&Kind::String)),
];
/// Keywords whose definitions the text adjusts to the Schema Object, and
/// the fields it adds.
const SWAGGER_SCHEMA: &[Field] = &[
    field("items", Kind::OneOf(&[SCHEMA, Kind::ListOf(&SCHEMA)])),
    field("allOf", Kind::ListOf(&SCHEMA)),
    read_by_rules(
        "properties",
        Kind::MapOf {
            keys: Keys::Any,
            values: &SCHEMA,
        },
        "the object counts as having no properties",
    ),
    read_by_rules(
        "additionalProperties",
        Kind::OneOf(&[Kind::Boolean, SCHEMA]),
        "the object accepts any extra property",
    ),
    field("discriminator", Kind::String),
    read_by_rules("readOnly", Kind::Boolean, "clients may set the property"),
    field("xml", Kind::Object("XML")),
    field("externalDocs", Kind::Object("ExternalDocumentation")),
    field("example", Kind::Any),
];
const SCHEMA_TYPE_CONSEQUENCE: &str = "no rule knows what type the value is";

/// Every security scheme's own field but `type`.
const SCHEME: &[Field] = &[field("description", Kind::String)];
/// Every OAuth2 flow's fields but `flow` and its URLs.
const OAUTH2: &[Field] = &[
    field("type", Kind::Enum(&["oauth2"])),
    read_by_rules(
        "scopes",
        Kind::Object("Scopes"),
        "every scope an operation requires counts as undeclared",
    ),
];
const AUTHORIZATION_URL: &[Field] = &[read_by_rules(
    "authorizationUrl",
    Kind::String,
    "the authorization URL is not checked for plain HTTP",
)];
const TOKEN_URL: &[Field] = &[read_by_rules(
    "tokenUrl",
    Kind::String,
    "the token URL is not checked for plain HTTP",
)];

pub static GRAMMAR: Grammar = Grammar {
    version: "2.0",
    root: "Swagger",
    types: &[
        ObjectType {
            fields: &[&[
                field("swagger", Kind::String),
                field("info", Kind::Object("Info")),
                read_by_rules(
                    "host",
                    Kind::String,
                    "the API's address is not checked by any server rule",
                ),
                field("basePath", Kind::String),
                TRANSPORT,
                field("consumes", MIME_TYPES),
                field("produces", MIME_TYPES),
                field("paths", Kind::Object("Paths")),
                field(
                    "definitions",
                    Kind::MapOf {
                        keys: Keys::Any,
                        values: &SCHEMA,
                    },
                ),
                field(
                    "parameters",
                    Kind::MapOf {
                        keys: Keys::Any,
                        values: &Kind::Object("Parameter"),
                    },
                ),
                field(
                    "responses",
                    Kind::MapOf {
                        keys: Keys::Any,
                        values: &Kind::Object("Response"),
                    },
                ),
                read_by_rules(
                    "securityDefinitions",
                    Kind::MapOf {
                        keys: Keys::Any,
                        values: &Kind::Object("SecurityScheme"),
                    },
                    "no operation can refer to a security scheme",
                ),
                read_by_rules(
                    "security",
                    SECURITY,
                    "no operation is protected by the document's security",
                ),
                field("tags", Kind::ListOf(&Kind::Object("Tag"))),
                field("externalDocs", Kind::Object("ExternalDocumentation")),
            ]],
            required: &["swagger", "info", "paths"],
            ..object("Swagger", "document")
        },
        ObjectType {
            fields: &[&[
                field("title", Kind::String),
                field("description", Kind::String),
                field("termsOfService", Kind::String),
                field("contact", Kind::Object("Contact")),
                field("license", Kind::Object("License")),
                field("version", Kind::String),
            ]],
            required: &["title", "version"],
            ..object("Info", "info")
        },
        ObjectType {
            fields: &[&[
                field("name", Kind::String),
                field("url", Kind::String),
                field("email", Kind::String),
            ]],
            ..object("Contact", "contact")
        },
        ObjectType {
            fields: &[&[field("name", Kind::String), field("url", Kind::String)]],
            required: &["name"],
            ..object("License", "license")
        },
        ObjectType {
            others: Others::Patterned {
                keys: Keys::Path,
                values: &Kind::RefOr("PathItem"),
            },
            ..object("Paths", "paths")
        },
        ObjectType {
            fields: &[&[
                field("$ref", Kind::String),
                field("get", Kind::Object("Operation")),
                field("put", Kind::Object("Operation")),
                field("post", Kind::Object("Operation")),
                field("delete", Kind::Object("Operation")),
                field("options", Kind::Object("Operation")),
                field("head", Kind::Object("Operation")),
                field("patch", Kind::Object("Operation")),
                read_by_rules("parameters", PARAMETERS, PARAMETERS_UNSEEN),
            ]],
            ..object("PathItem", "path item")
        },
        ObjectType {
            fields: &[&[
                field("tags", Kind::ListOf(&Kind::String)),
                field("summary", Kind::String),
                field("description", Kind::String),
                field("externalDocs", Kind::Object("ExternalDocumentation")),
                field("operationId", Kind::String),
                field("consumes", MIME_TYPES),
                field("produces", MIME_TYPES),
                read_by_rules("parameters", PARAMETERS, PARAMETERS_UNSEEN),
                read_by_rules(
                    "responses",
                    Kind::Object("Responses"),
                    "the operation counts as having no responses",
                ),
                TRANSPORT,
                read_by_rules(
                    "deprecated",
                    Kind::Boolean,
                    "the operation does not count as deprecated",
                ),
                read_by_rules(
                    "security",
                    SECURITY,
                    "the operation falls back to the document's security",
                ),
            ]],
            required: &["responses"],
            ..object("Operation", "operation")
        },
        ObjectType {
            fields: &[&[
                field("description", Kind::String),
                field("url", Kind::String),
            ]],
            required: &["url"],
            ..object("ExternalDocumentation", "external documentation")
        },
        // Parameter Object: its fields depend on `in`.
        ObjectType {
            variants: Some(Variants {
                by: "in",
                types: &[
                    ("query", "Parameter.query"),
                    ("header", "Parameter.header"),
                    ("path", "Parameter.path"),
                    ("formData", "Parameter.formData"),
                    ("body", "Parameter.body"),
                ],
                consequence: Some("the parameter is ignored by every rule"),
            }),
            ..object("Parameter", "parameter")
        },
        ObjectType {
            fields: &[
                PARAMETER,
                &[field("in", Kind::Enum(&["query"]))],
                OPTIONAL,
                &[field("type", Kind::Enum(PRIMITIVE_TYPES))],
                QUERY_OR_FORM,
                SIMPLE_VALUE,
                VALIDATIONS,
            ],
            required: NON_BODY_REQUIRED,
            ..object("Parameter.query", "query parameter")
        },
        ObjectType {
            fields: &[
                PARAMETER,
                &[field("in", Kind::Enum(&["header"]))],
                OPTIONAL,
                PRIMITIVE,
                SIMPLE_VALUE,
                VALIDATIONS,
            ],
            required: NON_BODY_REQUIRED,
            ..object("Parameter.header", "header parameter")
        },
        ObjectType {
            fields: &[
                PARAMETER,
                &[
                    field("in", Kind::Enum(&["path"])),
                    field("required", Kind::True),
                ],
                PRIMITIVE,
                SIMPLE_VALUE,
                VALIDATIONS,
            ],
            required: &["name", "in", "required", "type"],
            ..object("Parameter.path", "path parameter")
        },
        ObjectType {
            fields: &[
                PARAMETER,
                &[field("in", Kind::Enum(&["formData"]))],
                OPTIONAL,
                &[field("type", Kind::Enum(FORM_TYPES))],
                QUERY_OR_FORM,
                SIMPLE_VALUE,
                VALIDATIONS,
            ],
            required: NON_BODY_REQUIRED,
            ..object("Parameter.formData", "form parameter")
        },
        ObjectType {
            fields: &[
                PARAMETER,
                &[field("in", Kind::Enum(&["body"]))],
                OPTIONAL,
                &[read_by_rules(
                    "schema",
                    SCHEMA,
                    "the request body is not checked by any rule",
                )],
            ],
            required: &["name", "in", "schema"],
            ..object("Parameter.body", "body parameter")
        },
        ObjectType {
            fields: &[PRIMITIVE, SIMPLE_VALUE, VALIDATIONS],
            required: &["type"],
            ..object("Items", "items")
        },
        ObjectType {
            fields: &[&[field("default", Kind::RefOr("Response"))]],
            others: Others::Patterned {
                keys: Keys::StatusCode,
                values: &Kind::RefOr("Response"),
            },
            // "MUST contain at least one response code".
            non_empty: true,
            ..object("Responses", "responses")
        },
        ObjectType {
            fields: &[&[
                field("description", Kind::String),
                read_by_rules(
                    "schema",
                    Kind::RefOr("Schema.response"),
                    "the response counts as having no body",
                ),
                read_by_rules(
                    "headers",
                    Kind::MapOf {
                        keys: Keys::Any,
                        values: &Kind::Object("Header"),
                    },
                    "the response counts as having no headers",
                ),
                field(
                    "examples",
                    Kind::MapOf {
                        keys: Keys::Any,
                        values: &Kind::Any,
                    },
                ),
            ]],
            required: &["description"],
            ..object("Response", "response")
        },
        ObjectType {
            fields: &[
                &[field("description", Kind::String)],
                PRIMITIVE,
                SIMPLE_VALUE,
                VALIDATIONS,
            ],
            required: &["type"],
            ..object("Header", "header")
        },
        ObjectType {
            fields: &[&[
                field("name", Kind::String),
                field("description", Kind::String),
                field("externalDocs", Kind::Object("ExternalDocumentation")),
            ]],
            required: &["name"],
            ..object("Tag", "tag")
        },
        ObjectType {
            fields: &[
                JSON_SCHEMA,
                VALIDATIONS,
                &[read_by_rules(
                    "type",
                    Kind::OneOf(&[
                        Kind::Enum(SCHEMA_TYPES),
                        Kind::ListOf(&Kind::Enum(SCHEMA_TYPES)),
                    ]),
                    SCHEMA_TYPE_CONSEQUENCE,
                )],
                SWAGGER_SCHEMA,
            ],
            ..object("Schema", "schema")
        },
        // The root schema of a response, which may also be a `file`.
        ObjectType {
            fields: &[
                JSON_SCHEMA,
                VALIDATIONS,
                &[read_by_rules(
                    "type",
                    Kind::OneOf(&[
                        Kind::Enum(RESPONSE_SCHEMA_TYPES),
                        Kind::ListOf(&Kind::Enum(SCHEMA_TYPES)),
                    ]),
                    SCHEMA_TYPE_CONSEQUENCE,
                )],
                SWAGGER_SCHEMA,
            ],
            ..object("Schema.response", "schema")
        },
        ObjectType {
            fields: &[&[
                field("name", Kind::String),
                field("namespace", Kind::String),
                field("prefix", Kind::String),
                field("attribute", Kind::Boolean),
                field("wrapped", Kind::Boolean),
            ]],
            ..object("XML", "xml")
        },
        // Security Scheme Object: its fields depend on `type`, and for
        // `oauth2` on `flow`.
        ObjectType {
            variants: Some(Variants {
                by: "type",
                types: &[
                    ("basic", "SecurityScheme.basic"),
                    ("apiKey", "SecurityScheme.apiKey"),
                    ("oauth2", "SecurityScheme.oauth2"),
                ],
                consequence: Some(SCHEME_UNCHECKED),
            }),
            ..object("SecurityScheme", "security scheme")
        },
        ObjectType {
            fields: &[&[field("type", Kind::Enum(&["basic"]))], SCHEME],
            required: &["type"],
            ..object("SecurityScheme.basic", "security scheme")
        },
        ObjectType {
            fields: &[
                &[
                    field("type", Kind::Enum(&["apiKey"])),
                    field("name", Kind::String),
                    read_by_rules(
                        "in",
                        Kind::Enum(&["query", "header"]),
                        "the key is not checked for being sent in the URL",
                    ),
                ],
                SCHEME,
            ],
            required: &["type", "name", "in"],
            ..object("SecurityScheme.apiKey", "security scheme")
        },
        ObjectType {
            variants: Some(Variants {
                by: "flow",
                types: &[
                    ("implicit", "SecurityScheme.oauth2.implicit"),
                    ("password", "SecurityScheme.oauth2.password"),
                    ("application", "SecurityScheme.oauth2.application"),
                    ("accessCode", "SecurityScheme.oauth2.accessCode"),
                ],
                consequence: Some(SCHEME_UNCHECKED),
            }),
            ..object("SecurityScheme.oauth2", "oauth2 security scheme")
        },
        ObjectType {
            fields: &[
                OAUTH2,
                &[field("flow", Kind::Enum(&["implicit"]))],
                AUTHORIZATION_URL,
                SCHEME,
            ],
            required: &["type", "flow", "authorizationUrl", "scopes"],
            ..object("SecurityScheme.oauth2.implicit", "oauth2 security scheme")
        },
        ObjectType {
            fields: &[
                OAUTH2,
                &[field("flow", Kind::Enum(&["password"]))],
                TOKEN_URL,
                SCHEME,
            ],
            required: &["type", "flow", "tokenUrl", "scopes"],
            ..object("SecurityScheme.oauth2.password", "oauth2 security scheme")
        },
        ObjectType {
            fields: &[
                OAUTH2,
                &[field("flow", Kind::Enum(&["application"]))],
                TOKEN_URL,
                SCHEME,
            ],
            required: &["type", "flow", "tokenUrl", "scopes"],
            ..object(
                "SecurityScheme.oauth2.application",
                "oauth2 security scheme",
            )
        },
        ObjectType {
            fields: &[
                OAUTH2,
                &[field("flow", Kind::Enum(&["accessCode"]))],
                AUTHORIZATION_URL,
                TOKEN_URL,
                SCHEME,
            ],
            required: &["type", "flow", "authorizationUrl", "tokenUrl", "scopes"],
            ..object("SecurityScheme.oauth2.accessCode", "oauth2 security scheme")
        },
        // Scope name -> short description; `x-` extensions allowed.
        ObjectType {
            others: Others::Patterned {
                keys: Keys::Any,
                values: &Kind::String,
            },
            ..object("Scopes", "scopes")
        },
    ],
    base: None,
};
