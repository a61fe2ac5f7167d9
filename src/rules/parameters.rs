//! Every parameter a document declares, each once.

use std::collections::HashSet;

use crate::model::Spec;
use crate::source::Node;

pub struct DeclaredParameter<'a> {
    pub node: Node<'a>,
    pub name: &'a str,
    /// `query`, `header`, `path`, `cookie`; 2.0 also `body`, `formData`.
    pub location: &'a str,
}

/// The parameters of every operation (path-level ones included) and the
/// reusable ones (`components.parameters`, 2.0 `parameters`) even when
/// nothing references them yet. A parameter shared by several operations is
/// reported where it is defined, so it is listed once.
pub fn declared_parameters<'a>(spec: &Spec<'a>) -> Vec<DeclaredParameter<'a>> {
    let mut seen = HashSet::new();
    let mut declared = Vec::new();
    let used = spec.operations.iter().flat_map(|op| &op.parameters);
    let reusable = spec
        .components("parameters", "parameters")
        .into_iter()
        .flat_map(|c| c.entries())
        .map(|(_, node)| spec.resolve(node));
    let nodes = used.map(|p| p.node).chain(reusable);
    for node in nodes {
        if !seen.insert(node.key()) {
            continue;
        }
        let (Some(name), Some(location)) = (node.get_str("name"), node.get_str("in")) else {
            continue;
        };
        declared.push(DeclaredParameter {
            node,
            name,
            location,
        });
    }
    declared
}
