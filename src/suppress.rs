//! Inline suppressions: `x-oasguard-ignore` (and `x-lint-ignore`, the name
//! another popular linter uses) on any node silences the listed rules for
//! that node and everything below it — also for nodes in other files that
//! are reached only through `$ref`s from below it.
//!
//! Accepted forms:
//!
//! ```yaml
//! x-oasguard-ignore: "*"                                  # every rule
//! x-oasguard-ignore: [string-unbounded, array-unbounded]
//! x-oasguard-ignore: {rules: [string-unbounded], reason: "validated by gateway"}
//! x-lint-ignore: {string-unbounded: "validated by gateway"}
//! ```

use std::collections::{HashMap, HashSet};

use crate::finding::{Suppression, SuppressionKind};
use crate::source::{FileId, Node, NodeId, Span};
use crate::workspace::Workspace;

const KEYS: [&str; 2] = ["x-oasguard-ignore", "x-lint-ignore"];
/// How many `$ref` hops a suppression is followed through.
const MAX_REF_DEPTH: usize = 32;

/// One rule id (or `*`) listed in a suppression.
struct Entry<'a> {
    rule: &'a str,
    /// Where the id is written, for `unused-suppression`.
    node: Node<'a>,
    span: Span,
    reason: Option<&'a str>,
    used: bool,
}

pub struct Suppressions<'a> {
    ws: &'a Workspace,
    /// Suppressions by the node they sit on.
    by_node: HashMap<(FileId, NodeId), Vec<Entry<'a>>>,
    /// `$ref` target → the `$ref` mappings pointing at it.
    referrers: HashMap<(FileId, NodeId), Vec<(FileId, NodeId)>>,
}

impl<'a> Suppressions<'a> {
    pub fn collect(ws: &'a Workspace) -> Suppressions<'a> {
        let mut by_node = HashMap::new();
        for file in &ws.files {
            for entry in file.tree.entries.iter() {
                let key = file.tree.str_at(entry.key_offset, entry.key_len);
                if !KEYS.contains(&key) {
                    continue;
                }
                let value = file.node(entry.value);
                if let Some(owner) = value.parent() {
                    by_node.insert(owner.key(), entries(value));
                }
            }
        }
        let referrers = if by_node.is_empty() {
            HashMap::new()
        } else {
            ws.referrers()
        };
        Suppressions {
            ws,
            by_node,
            referrers,
        }
    }

    /// The suppression covering `node` for `rule`, marking it used.
    pub fn check(&mut self, node: Node<'a>, rule: &str) -> Option<Suppression> {
        if self.by_node.is_empty() {
            return None;
        }
        self.covering(node, rule, 0, &mut HashSet::new())
    }

    fn covering(
        &mut self,
        node: Node<'a>,
        rule: &str,
        depth: usize,
        seen: &mut HashSet<(FileId, NodeId)>,
    ) -> Option<Suppression> {
        let mut current = Some(node);
        while let Some(n) = current {
            if !seen.insert(n.key()) {
                return None;
            }
            if let Some(found) = self.on_node(n, rule) {
                return Some(found);
            }
            // Reached through `$ref`s: suppressed when every way in is.
            if depth < MAX_REF_DEPTH
                && let Some(sites) = self.referrers.get(&n.key()).cloned()
            {
                let mut found = Vec::new();
                for (file, id) in sites {
                    let site = self.ws.file(file).node(id);
                    found.push(self.covering(site, rule, depth + 1, &mut seen.clone()));
                }
                if let Some(Some(first)) = found.first()
                    && found.iter().all(Option::is_some)
                {
                    return Some(first.clone());
                }
            }
            current = n.parent();
        }
        None
    }

    fn on_node(&mut self, node: Node<'a>, rule: &str) -> Option<Suppression> {
        let entries = self.by_node.get_mut(&node.key())?;
        let entry = entries
            .iter_mut()
            .find(|e| e.rule == rule || e.rule == "*")?;
        entry.used = true;
        Some(Suppression {
            kind: SuppressionKind::InSource,
            justification: entry.reason.map(str::to_owned),
        })
    }

    /// Listed ids that silenced nothing: `(where, message)`. Ids of rules
    /// that did not run (`enabled` false) cannot be judged and are skipped.
    pub fn unused(&self, enabled: impl Fn(&str) -> bool) -> Vec<(Node<'a>, Span, String)> {
        // With part of the catalog switched off, a `"*"` may be there for the
        // rules that did not run; only a full run can call it stale.
        let full_run = crate::rules::REGISTRY
            .iter()
            .filter(|r| r.enabled_by_default)
            .all(|r| enabled(r.id));
        let mut out = Vec::new();
        for entry in self.by_node.values().flatten().filter(|e| !e.used) {
            let message = if entry.rule == "*" {
                if !full_run {
                    continue;
                }
                "`x-oasguard-ignore: \"*\"` suppresses nothing here".to_owned()
            } else if crate::rules::find(entry.rule).is_none() {
                format!(
                    "'{}' is not an oasguard rule, so suppressing it has no effect",
                    entry.rule
                )
            } else if enabled(entry.rule) {
                format!(
                    "'{}' is suppressed here but reports nothing here",
                    entry.rule
                )
            } else {
                continue;
            };
            out.push((entry.node, entry.span, message));
        }
        out
    }
}

/// The rule ids a suppression value lists, in any accepted form.
fn entries(value: Node<'_>) -> Vec<Entry<'_>> {
    fn entry<'a>(node: Node<'a>, reason: Option<&'a str>) -> Option<Entry<'a>> {
        node.as_str().map(|rule| Entry {
            rule,
            node,
            span: node.span(),
            reason,
            used: false,
        })
    }
    if value.as_str().is_some() {
        return entry(value, None).into_iter().collect();
    }
    if value.is_seq() {
        return value.items().filter_map(|item| entry(item, None)).collect();
    }
    if let Some(rules) = value.get("rules") {
        let reason = value.get_str("reason");
        let list: Vec<Node<'_>> = if rules.is_seq() {
            rules.items().collect()
        } else {
            vec![rules]
        };
        return list
            .into_iter()
            .filter_map(|item| entry(item, reason))
            .collect();
    }
    // `{rule-id: reason}`
    value
        .entries()
        .map(|(key, reason)| Entry {
            rule: key.name,
            node: reason,
            span: key.span,
            reason: reason.as_str(),
            used: false,
        })
        .collect()
}
