//! OpenAPI 3.2: what changes from 3.1, from the specification text.

use super::*;

pub static GRAMMAR: Grammar = Grammar {
    version: "3.2",
    root: "OpenAPI",
    types: &[],
    base: Some(&super::v3_1::GRAMMAR),
};
