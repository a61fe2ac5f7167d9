//! Responses that let scripts on any website read them.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::prelude::*;
use crate::model::{Header, Spec};

pub static RULE: Rule = Rule {
    id: "cors-wildcard-origin",
    severity: Severity::Warning,
    owasp: Owasp::API8,
    cwe: 942,
    versions: ALL_VERSIONS,
    summary: "A response declares `Access-Control-Allow-Origin: *`",
    help: "allow specific origins from a fixed allow-list instead of `*`",
    doc: include_str!("../../rules/cors-wildcard-origin.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    let spec = cx.spec;
    // Header node → (its name, whether some response pairs it with
    // credentials): a header shared through `$ref` is reported once.
    let mut found: Vec<(Node<'_>, &str, bool)> = Vec::new();
    let mut index: HashMap<_, usize> = HashMap::new();
    for response in spec.operations.iter().flat_map(|op| &op.responses) {
        let Some(header) = response
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case("Access-Control-Allow-Origin"))
        else {
            continue;
        };
        if !allows_any(spec, header) {
            continue;
        }
        let credentials = response
            .header("Access-Control-Allow-Credentials")
            .is_some();
        match index.entry(header.node.key()) {
            Entry::Occupied(at) => found[*at.get()].2 |= credentials,
            Entry::Vacant(at) => {
                at.insert(found.len());
                found.push((header.node, header.name, credentials));
            }
        }
    }
    for (node, name, credentials) in found {
        let also = if credentials {
            ", together with Access-Control-Allow-Credentials"
        } else {
            ""
        };
        cx.report(
            node,
            format!("response header '{name}' allows any origin ('*'){also}"),
        );
    }
}

/// `*` among the documented values of the header, its schema, or (3.x
/// `content`) its media types and their schemas.
fn allows_any<'a>(spec: &Spec<'a>, header: &Header<'a>) -> bool {
    let mut holders = vec![header.node];
    holders.extend(header.schema);
    for (_, media) in header
        .node
        .get("content")
        .into_iter()
        .flat_map(|c| c.entries())
    {
        let media = spec.resolve(media);
        holders.push(media);
        holders.extend(spec.get(media, "schema"));
    }
    holders
        .into_iter()
        .any(|holder| documents_wildcard(spec, holder))
}

fn documents_wildcard<'a>(spec: &Spec<'a>, holder: Node<'a>) -> bool {
    let is_star = |n: Node<'_>| n.as_str().is_some_and(|s| s.trim() == "*");
    let single = ["const", "default", "example"]
        .iter()
        .filter_map(|k| holder.get(k))
        .any(is_star);
    let listed = holder
        .get("enum")
        .into_iter()
        .flat_map(|e| e.items())
        .any(is_star);
    // 3.1 schema `examples` is a list; header/media `examples` map names to
    // Example Objects holding a `value`.
    let examples = holder.get("examples").into_iter().any(|examples| {
        examples.items().any(is_star)
            || examples
                .entries()
                .filter_map(|(_, example)| spec.get(example, "value"))
                .any(is_star)
    });
    single || listed || examples
}
