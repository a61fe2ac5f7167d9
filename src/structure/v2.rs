//! Swagger 2.0, from the specification text.

use super::*;

pub static GRAMMAR: Grammar = Grammar {
    version: "2.0",
    root: "Swagger",
    types: &[ObjectType {
        required: &["swagger", "info", "paths"],
        ..object("Swagger", "document")
    }],
    base: None,
};
