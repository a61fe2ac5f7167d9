//! OpenAPI 3.2 `in: querystring` parameters: the whole query string as one
//! value, described by a schema under `content`.

use std::collections::HashSet;

use super::properties::{Property, properties};
use crate::model::{Parameter, Spec};
use crate::source::Node;

/// Nested `allOf` levels followed, at most.
const MAX_DEPTH: usize = 8;

/// The query parameters a querystring parameter spells out: the top-level
/// properties of its schema, its `allOf` branches' included. In a
/// form-encoded query string (`application/x-www-form-urlencoded`, the usual
/// media type) each is sent as `name=value`; in any other, the name and
/// value still travel in the URL. Empty for other parameters.
pub fn fields<'a>(spec: &Spec<'a>, param: &Parameter<'a>) -> Vec<Property<'a>> {
    let Some(schema) = param.schema.filter(|_| param.location == "querystring") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut stack: Vec<(Node<'a>, usize)> = vec![(schema, 0)];
    while let Some((schema, depth)) = stack.pop() {
        let schema = spec.resolve(schema);
        if !schema.is_map() || !seen.insert(schema.key()) {
            continue;
        }
        out.extend(properties(spec, schema));
        if depth < MAX_DEPTH {
            let branches = schema.get("allOf").into_iter().flat_map(|l| l.items());
            stack.extend(branches.map(|b| (b, depth + 1)));
        }
    }
    out
}
