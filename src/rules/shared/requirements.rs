//! The security requirements a document writes, each once.

use std::collections::HashSet;

use crate::model::Spec;
use crate::source::{Key, Node};

/// Every `(scheme name, scopes)` entry of every security requirement the
/// document writes: the root `security`, then each operation's own. A root
/// requirement inherited by many operations (or an operation reused through
/// a path item `$ref`) is one node, visited once.
pub fn requirement_entries<'a>(spec: &Spec<'a>) -> Vec<(Key<'a>, Node<'a>)> {
    let mut seen = HashSet::new();
    std::iter::once(spec.root.get("security"))
        .chain(spec.operations.iter().map(|op| op.node.get("security")))
        .flatten()
        .filter(|list| seen.insert(list.key()) && list.is_seq())
        .flat_map(|list| list.items())
        .filter(|requirement| requirement.is_map())
        .flat_map(|requirement| requirement.entries())
        .collect()
}
