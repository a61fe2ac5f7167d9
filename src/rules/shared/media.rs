//! Request body media types, as the content-type rules judge them: each
//! declared once (a shared request body or a 2.0 root `consumes` is judged
//! once), with a name for messages.

use std::collections::{HashMap, HashSet};

use crate::model::{Operation, Spec};
use crate::source::{FileId, Node, NodeId};

pub struct BodyMedia<'a> {
    /// 3.x: the media type object (reported at its key); 2.0: the `consumes`
    /// item.
    pub node: Node<'a>,
    /// The media type as written.
    pub name: &'a str,
    /// Its schema, when declared.
    pub schema: Option<Node<'a>>,
    /// Whose media type it is: `request body of POST /pets`, `request body
    /// 'Pet'`, `'consumes' of POST /pets`, `root 'consumes'`.
    pub owner: String,
}

/// Every media type a request body accepts (reusable 3.x request bodies
/// included, see [`Spec::request_media`]), once each.
pub fn request_media<'a>(spec: &Spec<'a>) -> Vec<BodyMedia<'a>> {
    let operations: HashMap<_, &Operation<'a>> = spec
        .operations
        .iter()
        .map(|op| (op.node.key(), op))
        .collect();
    let mut seen = HashSet::new();
    spec.request_media()
        .into_iter()
        // A 2.0 body without `consumes` has no media type to judge; a 2.0
        // `consumes` item serves many bodies and is judged once.
        .filter(|media| !media.name.is_empty() && seen.insert(media.node.key()))
        .map(|media| BodyMedia {
            node: media.node,
            name: media.name,
            schema: media.schema,
            owner: owner(spec, &operations, media.node),
        })
        .collect()
}

/// Whose media type it is, read off where the node sits: an operation's
/// `requestBody` or `consumes`, a named reusable body, the root `consumes`.
fn owner<'a>(
    spec: &Spec<'a>,
    operations: &HashMap<(FileId, NodeId), &Operation<'a>>,
    media: Node<'a>,
) -> String {
    let label = |node: Option<Node<'a>>| {
        node.and_then(|n| operations.get(&n.key()))
            .map(|op| op.label())
    };
    if spec.is_v2() {
        let consumes = media.parent();
        if consumes.is_some() && consumes == spec.root.get("consumes") {
            return "root 'consumes'".into();
        }
        return match label(consumes.and_then(|c| c.parent())) {
            Some(op) => format!("'consumes' of {op}"),
            None => "'consumes'".into(),
        };
    }
    let body = media.parent().and_then(|content| content.parent());
    match (
        body.and_then(|b| b.parent_key()),
        label(body.and_then(|b| b.parent())),
    ) {
        (Some(key), Some(op)) if key.name == "requestBody" => format!("request body of {op}"),
        (Some(key), _) => format!("request body '{}'", key.name),
        (None, _) => "request body".into(),
    }
}

/// The media type without parameters, lowercased: `Application/XML;
/// charset=utf-8` → `application/xml`.
pub fn essence(name: &str) -> String {
    name.split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::essence;

    #[test]
    fn strips_parameters_and_case() {
        assert_eq!(essence("Application/XML; charset=utf-8"), "application/xml");
        assert_eq!(essence(" */* "), "*/*");
        assert_eq!(essence(""), "");
    }
}
