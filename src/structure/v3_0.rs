//! OpenAPI 3.0 (3.0.0-3.0.4), from the specification text.

use super::*;

pub static GRAMMAR: Grammar = Grammar {
    version: "3.0",
    root: "OpenAPI",
    types: &[
        ObjectType {
            fields: &[&[
                read_by_rules(
                    "openapi",
                    Kind::String,
                    "the version decides how the document is read",
                ),
                field("info", Kind::Object("Info")),
            ]],
            required: &["openapi", "info", "paths"],
            ..object("OpenAPI", "document")
        },
        ObjectType {
            fields: &[&[field("title", Kind::String), field("version", Kind::String)]],
            required: &["title", "version"],
            ..object("Info", "info")
        },
    ],
    base: None,
};
