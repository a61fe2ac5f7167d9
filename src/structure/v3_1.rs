//! OpenAPI 3.1: what changes from 3.0, from the specification text.
//!
//! Reference Objects gain `summary` and `description`; the walker never
//! judges the siblings of a Reference Object's `$ref`, so that needs no entry.

use super::v3_0::{
    COMPONENTS_FIELDS, INFO_FIELDS, LICENSE_FIELDS, OPENAPI_FIELDS, OPERATION_FIELDS,
    SCHEMA_ANNOTATIONS, SCHEMA_APPLICATORS, SCHEMA_TYPE_LOST, SCHEMA_VALIDATION,
    SECURITY_SCHEME_LOST,
};
use super::*;

pub static GRAMMAR: Grammar = Grammar {
    version: "3.1",
    root: "OpenAPI",
    types: &[
        OPENAPI,
        INFO,
        LICENSE,
        COMPONENTS,
        OPERATION,
        SCHEMA,
        SECURITY_SCHEME,
        SECURITY_SCHEME_MUTUAL_TLS,
    ],
    base: Some(&super::v3_0::GRAMMAR),
};

// OpenAPI Object: `paths` is no longer required, but a description "MUST
// contain at least one" of `paths`, `components` and `webhooks`.
pub(super) const OPENAPI_FIELDS_3_1: &[Field] = &[
    field("jsonSchemaDialect", Kind::String),
    field(
        "webhooks",
        Kind::MapOf {
            keys: Keys::Any,
            values: &Kind::RefOr("PathItem"),
        },
    ),
];

pub(super) const ROOT_CONTENTS: &[&str] = &["paths", "components", "webhooks"];

const OPENAPI: ObjectType = ObjectType {
    fields: &[OPENAPI_FIELDS, OPENAPI_FIELDS_3_1],
    required: &["openapi", "info"],
    required_one_of: ROOT_CONTENTS,
    ..object("OpenAPI", "document")
};

const INFO: ObjectType = ObjectType {
    fields: &[INFO_FIELDS, &[field("summary", Kind::String)]],
    required: &["title", "version"],
    ..object("Info", "info")
};

// License Object: an SPDX `identifier` or a `url`, not both.
const LICENSE: ObjectType = ObjectType {
    fields: &[LICENSE_FIELDS, &[field("identifier", Kind::String)]],
    required: &["name"],
    exclusive: &[("identifier", "url")],
    ..object("License", "license")
};

pub(super) const COMPONENTS_FIELDS_3_1: &[Field] = &[field(
    "pathItems",
    Kind::MapOf {
        keys: Keys::ComponentName,
        values: &Kind::RefOr("PathItem"),
    },
)];

const COMPONENTS: ObjectType = ObjectType {
    fields: &[COMPONENTS_FIELDS, COMPONENTS_FIELDS_3_1],
    ..object("Components", "components")
};

// Operation Object: `responses` is no longer required.
const OPERATION: ObjectType = ObjectType {
    fields: &[OPERATION_FIELDS],
    ..object("Operation", "operation")
};

// Schema Object: JSON Schema 2020-12 (core, applicator, unevaluated,
// validation, meta-data, format-annotation and content vocabularies) plus
// the OAS base vocabulary. Any other keyword is a legal annotation. `$ref` is
// listed, so its siblings are judged too.
const JSON_SCHEMA_TYPES: &[&str] = &[
    "array", "boolean", "integer", "null", "number", "object", "string",
];

const SCHEMA: ObjectType = ObjectType {
    fields: &[
        // Core.
        &[
            field("$schema", Kind::String),
            field("$id", Kind::String),
            field("$ref", Kind::String),
            field("$anchor", Kind::String),
            field("$dynamicRef", Kind::String),
            field("$dynamicAnchor", Kind::String),
            field(
                "$vocabulary",
                Kind::MapOf {
                    keys: Keys::Any,
                    values: &Kind::Boolean,
                },
            ),
            field("$comment", Kind::String),
            field(
                "$defs",
                Kind::MapOf {
                    keys: Keys::Any,
                    values: &Kind::RefOr("Schema"),
                },
            ),
        ],
        SCHEMA_APPLICATORS,
        // Applicators 3.0 did not have, and the unevaluated vocabulary.
        &[
            field("if", Kind::RefOr("Schema")),
            field("then", Kind::RefOr("Schema")),
            field("else", Kind::RefOr("Schema")),
            field(
                "dependentSchemas",
                Kind::MapOf {
                    keys: Keys::Any,
                    values: &Kind::RefOr("Schema"),
                },
            ),
            field("prefixItems", Kind::ListOf(&Kind::RefOr("Schema"))),
            field("contains", Kind::RefOr("Schema")),
            field(
                "patternProperties",
                Kind::MapOf {
                    keys: Keys::Any,
                    values: &Kind::RefOr("Schema"),
                },
            ),
            field("propertyNames", Kind::RefOr("Schema")),
            field("unevaluatedItems", Kind::RefOr("Schema")),
            read_by_rules(
                "unevaluatedProperties",
                Kind::RefOr("Schema"),
                "the object accepts any unevaluated property",
            ),
        ],
        SCHEMA_VALIDATION,
        // Validation keywords new or changed in 2020-12.
        &[
            read_by_rules(
                "type",
                Kind::OneOf(&[
                    Kind::Enum(JSON_SCHEMA_TYPES),
                    Kind::ListOf(&Kind::Enum(JSON_SCHEMA_TYPES)),
                ]),
                SCHEMA_TYPE_LOST,
            ),
            read_by_rules(
                "const",
                Kind::Any,
                "the value is not restricted to one value",
            ),
            field("exclusiveMaximum", Kind::Number),
            field("exclusiveMinimum", Kind::Number),
            field("maxContains", Kind::Integer),
            field("minContains", Kind::Integer),
            field(
                "dependentRequired",
                Kind::MapOf {
                    keys: Keys::Any,
                    values: &Kind::ListOf(&Kind::String),
                },
            ),
        ],
        SCHEMA_ANNOTATIONS,
        // Meta-data and content vocabularies.
        &[
            field("examples", Kind::ListOf(&Kind::Any)),
            field("contentEncoding", Kind::String),
            field("contentMediaType", Kind::String),
            field("contentSchema", Kind::RefOr("Schema")),
        ],
    ],
    others: Others::Annotations,
    boolean_form: true,
    ..object("Schema", "schema")
};

// Security Scheme Object: `mutualTLS` joins the types; the others keep
// their 3.0 fields.
const SECURITY_SCHEME: ObjectType = ObjectType {
    variants: Some(Variants {
        by: "type",
        types: &[
            ("apiKey", "SecurityScheme.apiKey"),
            ("http", "SecurityScheme.http"),
            ("mutualTLS", "SecurityScheme.mutualTLS"),
            ("oauth2", "SecurityScheme.oauth2"),
            ("openIdConnect", "SecurityScheme.openIdConnect"),
        ],
        consequence: Some(SECURITY_SCHEME_LOST),
    }),
    ..object("SecurityScheme", "security scheme")
};

pub(super) const MUTUAL_TLS_FIELDS: &[Field] = &[
    field("type", Kind::Enum(&["mutualTLS"])),
    field("description", Kind::String),
];

const SECURITY_SCHEME_MUTUAL_TLS: ObjectType = ObjectType {
    fields: &[MUTUAL_TLS_FIELDS],
    required: &["type"],
    ..object("SecurityScheme.mutualTLS", "security scheme")
};
