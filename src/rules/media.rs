//! Request body media types, as the content-type rules judge them: each
//! declared once (a shared request body or a 2.0 root `consumes` is walked
//! once), with a name for messages.

use std::collections::HashSet;

use crate::model::{Media, Operation, Spec};
use crate::source::Node;

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

/// Every media type some operation's request body accepts, once each.
pub fn request_media<'a>(spec: &Spec<'a>) -> Vec<BodyMedia<'a>> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for op in &spec.operations {
        let Some(body) = &op.request_body else {
            continue;
        };
        for media in &body.media {
            // A 2.0 body without `consumes` has no media type to judge.
            if media.name.is_empty() || !seen.insert(media.node.key()) {
                continue;
            }
            out.push(BodyMedia {
                node: media.node,
                name: media.name,
                schema: media.schema,
                owner: owner(spec, op, body.node, media),
            });
        }
    }
    out
}

fn owner(spec: &Spec<'_>, op: &Operation<'_>, body: Node<'_>, media: &Media<'_>) -> String {
    if spec.is_v2() {
        let root = spec.root.get("consumes");
        return if media.node.parent().is_some_and(|p| Some(p) == root) {
            "root 'consumes'".into()
        } else {
            format!("'consumes' of {}", op.label())
        };
    }
    match body.parent_key() {
        Some(key) if body.parent() != Some(op.node) => format!("request body '{}'", key.name),
        _ => format!("request body of {}", op.label()),
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
