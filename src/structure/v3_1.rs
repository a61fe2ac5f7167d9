//! OpenAPI 3.1: what changes from 3.0, from the specification text.

use super::*;

pub static GRAMMAR: Grammar = Grammar {
    version: "3.1",
    root: "OpenAPI",
    types: &[],
    base: Some(&super::v3_0::GRAMMAR),
};
