//! The `properties` of a schema, with their `$ref`s followed.

use crate::model::Spec;
use crate::source::{Key, Node};

pub struct Property<'a> {
    /// The key in `properties`: where property findings point.
    pub key: Key<'a>,
    /// The value as written (a `$ref` in 3.1 may carry sibling keywords).
    pub node: Node<'a>,
    /// The property's schema, `$ref`s followed.
    pub schema: Node<'a>,
}

impl Property<'_> {
    /// A boolean keyword set on the property or on the schema it refers to.
    fn is(&self, keyword: &str) -> bool {
        [self.node, self.schema]
            .iter()
            .any(|n| n.get(keyword).is_some_and(|v| v.is_true()))
    }

    /// Azure's `x-ms-mutability`, when declared: the property's lifecycle.
    fn mutability(&self) -> Option<Vec<&str>> {
        let list = [self.node, self.schema]
            .into_iter()
            .find_map(|n| n.get("x-ms-mutability"))?;
        let list: Vec<&str> = list.items().filter_map(|i| i.as_str()).collect();
        (!list.is_empty()).then_some(list)
    }

    /// Never in responses: `writeOnly`, or Azure's `x-ms-secret: true` or a
    /// mutability without `read`.
    pub fn is_write_only(&self) -> bool {
        self.is("writeOnly")
            || self.is("x-ms-secret")
            || self.mutability().is_some_and(|m| !m.contains(&"read"))
    }

    /// Never accepted in requests: `readOnly`, or Azure's mutability `[read]`.
    pub fn is_read_only(&self) -> bool {
        self.is("readOnly")
            || self
                .mutability()
                .is_some_and(|m| !m.iter().any(|w| matches!(*w, "create" | "update")))
    }
}

pub fn properties<'a>(spec: &Spec<'a>, schema: Node<'a>) -> Vec<Property<'a>> {
    let Some(props) = schema.get("properties") else {
        return Vec::new();
    };
    spec.resolve(props)
        .entries()
        .filter(|(_, node)| node.is_map())
        .map(|(key, node)| Property {
            key,
            node,
            schema: spec.resolve(node),
        })
        .collect()
}
