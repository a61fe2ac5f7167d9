//! Quick fixes and suppressions: the edit that makes a finding go away.
//!
//! Quick fixes are a table, not code per rule: a rule is listed when one
//! edit is clearly right whatever the spec says around it. Rules whose help
//! offers a choice (a bound to pick, a scheme to design, a response to
//! write) get only the suppression.

use super::edits::{Edit, Value, add_entry, add_item};
use crate::source::{Node, SourceFile};
use crate::workspace::NAME_MAPS;

/// The suppression key fixes write (`x-lint-ignore` is only read).
const IGNORE_KEY: &str = "x-oasguard-ignore";

/// The one edit that fixes a rule's finding, applied to the reported node.
pub enum FixKind {
    /// The node's URL (itself, or its `url` entry) from `http://` to
    /// `https://`; offered only when the text starts with `http://`
    /// literally (not through a server variable).
    UpgradeToHttps,
    /// Add `key: value` to the reported mapping.
    AddEntry {
        key: &'static str,
        value: Value<'static>,
    },
}

pub struct QuickFix {
    pub rule: &'static str,
    pub title: &'static str,
    pub kind: FixKind,
}

pub static QUICK_FIXES: &[QuickFix] = &[
    QuickFix {
        rule: "server-plain-http",
        title: "Use https:// for this server",
        kind: FixKind::UpgradeToHttps,
    },
    QuickFix {
        rule: "oauth2-insecure-url",
        title: "Use https:// for this OAuth2 URL",
        kind: FixKind::UpgradeToHttps,
    },
    QuickFix {
        rule: "callback-insecure",
        title: "Use https:// for this callback server",
        kind: FixKind::UpgradeToHttps,
    },
    QuickFix {
        rule: "external-ref-insecure",
        title: "Fetch this $ref over https://",
        kind: FixKind::UpgradeToHttps,
    },
    QuickFix {
        rule: "password-not-write-only",
        title: "Mark the password `writeOnly: true`",
        kind: FixKind::AddEntry {
            key: "writeOnly",
            value: Value::Bool(true),
        },
    },
];

/// The quick fix for a finding of `rule` on the node at `pointer`, if the
/// table has one and it applies to the text as written.
pub fn quick_fix(file: &SourceFile, rule: &str, pointer: &str) -> Option<(&'static str, Edit)> {
    let fix = QUICK_FIXES.iter().find(|f| f.rule == rule)?;
    let node = file.root()?.at_pointer(pointer)?;
    let edit = match &fix.kind {
        FixKind::UpgradeToHttps => upgrade_to_https(file, node)?,
        FixKind::AddEntry { key, value } => {
            if !node.is_map() || node.has(key) {
                return None;
            }
            add_entry(file, node, key, *value)
        }
    };
    Some((fix.title, edit))
}

fn upgrade_to_https(file: &SourceFile, node: Node<'_>) -> Option<Edit> {
    let url = if node.is_map() {
        node.get("url")?
    } else {
        node
    };
    url.as_str()?;
    let span = url.span();
    let text = &file.text[span.start as usize..span.end as usize];
    let quote = usize::from(text.starts_with(['"', '\'']));
    let scheme = text.get(quote..quote + "http://".len())?;
    scheme.eq_ignore_ascii_case("http://").then(|| Edit {
        span: crate::source::Span {
            start: span.start + quote as u32,
            end: span.start + (quote + "http:".len()) as u32,
        },
        text: "https:".to_owned(),
    })
}

/// Findings a suppression cannot silence: an unused suppression is fixed by
/// deleting it, and a document that is not OpenAPI has no place the engine
/// reads suppressions from.
const UNSUPPRESSIBLE: [&str; 2] = ["unused-suppression", "not-openapi"];

/// `x-oasguard-ignore: [rule]` on the nearest mapping around the finding's
/// node that takes extensions (the node itself, or an ancestor), or `rule`
/// added to the list already there. `None` when the place already has a
/// form this cannot extend (`"*"`, `x-lint-ignore`'s mapping). Also
/// returns the pointer of that mapping: everything below it is covered
/// (more than the finding when it sits in a name map, such as a security
/// requirement, whose nearest holder of extensions is the operation).
pub fn suppression(file: &SourceFile, rule: &str, pointer: &str) -> Option<(Edit, String)> {
    if UNSUPPRESSIBLE.contains(&rule) {
        return None;
    }
    let node = file.root()?.at_pointer(pointer)?;
    let chain: Vec<Node<'_>> = std::iter::successors(Some(node), Node::parent).collect();
    // From the root down, whether each ancestor is a name map (a key in a
    // name map is a name, whatever it spells).
    let mut names = vec![false; chain.len()];
    for at in (0..chain.len()).rev() {
        let holder_is_names = names.get(at + 1).copied().unwrap_or(false);
        names[at] = !holder_is_names && is_name_map(chain[at]);
    }
    // An empty mapping (`additionalProperties: {}`) says "anything": a key
    // in it would change what it says, so the suppression goes above.
    let takes_key = |at: usize| chain[at].is_map() && !names[at] && !chain[at].is_empty();
    let at = (0..chain.len()).find(|&at| takes_key(at) || chain[at].parent().is_none())?;
    let map = chain[at];
    let edit = match map.get(IGNORE_KEY) {
        None => add_entry(file, map, IGNORE_KEY, Value::List(rule)),
        Some(list) if list.is_seq() => add_item(file, list, rule),
        Some(form) => add_item(file, form.get("rules").filter(Node::is_seq)?, rule),
    };
    Some((edit, map.pointer()))
}

/// Whether `map` is named by a keyword whose value maps names (the caller
/// knows its holder is not a name map itself), where an `x-` key would be
/// read as one more name. An operation's `responses` takes extensions: only
/// those under `components` or at a 2.0 root do not; security requirements
/// (items of `security`) map names too.
fn is_name_map(map: Node<'_>) -> bool {
    let Some(key) = map.parent_key() else {
        // A security requirement maps scheme names to scopes.
        let list_key = map.parent().and_then(|list| list.parent_key());
        return map.is_map() && list_key.is_some_and(|k| k.name == "security");
    };
    match key.name {
        "responses" => map.parent().is_some_and(|holder| {
            holder.parent().is_none() || holder.parent_key().is_some_and(|k| k.name == "components")
        }),
        name => NAME_MAPS.contains(&name),
    }
}
