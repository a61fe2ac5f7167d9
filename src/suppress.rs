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
/// No graph node (above a node, or as a `$ref` target).
const NONE: u32 = u32::MAX;
/// Not looked up yet (`Graph::nearest`).
const UNKNOWN: u32 = u32::MAX - 1;

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
    /// Every node a suppression sits on, YAML alias copies included (a
    /// copy's entries are its original's, under the original in `by_node`).
    owners: Vec<Node<'a>>,
    /// Every rule id a suppression lists.
    listed: HashSet<&'a str>,
    /// The nodes that decide what is covered, built at the first check.
    graph: Option<Graph>,
    /// What is covered for a rule, computed at its first check: by rule id
    /// for the ids some suppression lists, under `"*"` for all other rules
    /// (which only a `"*"` can silence).
    coverage: HashMap<&'a str, Coverage>,
}

impl<'a> Suppressions<'a> {
    pub fn collect(ws: &'a Workspace) -> Suppressions<'a> {
        let mut by_node = HashMap::new();
        let mut owners = Vec::new();
        for file in &ws.files {
            for entry in file.tree.entries.iter() {
                let key = file.tree.str_at(entry.key_offset, entry.key_len);
                if !KEYS.contains(&key) {
                    continue;
                }
                let value = file.node(entry.value);
                owners.extend(value.parent());
                // A YAML alias's copy of a suppression is the original one:
                // it is looked up there (see `Coverage::compute`), used or
                // unused once.
                if let Some(owner) = value.parent().filter(|o| o.origin().is_none()) {
                    by_node.insert(owner.key(), entries(value));
                }
            }
        }
        let listed = by_node.values().flatten().map(|e| e.rule).collect();
        Suppressions {
            ws,
            by_node,
            owners,
            listed,
            graph: None,
            coverage: HashMap::new(),
        }
    }

    /// The suppression covering `node` for `rule`; every suppression of
    /// `rule` on a way into `node` is marked used (see `mark_used`).
    pub fn check(&mut self, node: Node<'a>, rule: &str) -> Option<Suppression> {
        if self.by_node.is_empty() {
            return None;
        }
        let Suppressions {
            ws,
            by_node,
            owners,
            listed,
            graph,
            coverage,
        } = self;
        let graph = graph.get_or_insert_with(|| Graph::build(ws, owners));
        let at = graph.nearest(node);
        if at == NONE {
            return None;
        }
        let key = listed.get(rule).copied().unwrap_or("*");
        let coverage = coverage
            .entry(key)
            .or_insert_with(|| Coverage::compute(graph, by_node, key));
        coverage.mark_used(graph, at, by_node);
        let (owner, entry) = coverage.source[at as usize]?;
        Some(Suppression {
            kind: SuppressionKind::InSource,
            justification: by_node[&owner][entry].reason.map(str::to_owned),
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
                    "'{}' is not an oasguard rule, so suppressing it has no effect{}",
                    entry.rule,
                    crate::config::did_you_mean(
                        entry.rule,
                        crate::rules::REGISTRY.iter().map(|r| r.id)
                    )
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

/// The nodes that can decide whether a node is covered: those a suppression
/// sits on, `$ref` mappings and `$ref` targets, each linked to the nearest
/// such node above it in its file.
///
/// A tree node between two graph nodes shares the answer of the nearest
/// graph node above it, so coverage is computed on this graph, once per
/// rule, by propagation (see [`Coverage`]), in time linear in its nodes and
/// references. (A walk over every path through the references is
/// exponential in shared `$ref`s: schemas that each `$ref` the previous one
/// twice.)
struct Graph {
    nodes: Vec<GraphNode>,
    index: HashMap<(FileId, NodeId), u32>,
    /// Per file, per tree node: the nearest graph node at or above it
    /// (`UNKNOWN` until asked, `NONE` when there is none); filled on demand,
    /// so every tree node is walked over once.
    nearest: Vec<Vec<u32>>,
}

struct GraphNode {
    key: (FileId, NodeId),
    /// The nearest graph node above this one, or `NONE`.
    parent: u32,
    children: Vec<u32>,
    /// For a `$ref` mapping: the node it points at, or `NONE`.
    target: u32,
    /// For a `$ref` target: the `$ref` mappings pointing at it, in document
    /// order (file, then node).
    referrers: Vec<u32>,
    /// For a node a suppression sits on: where its entries are in `by_node`.
    owner: Option<(FileId, NodeId)>,
}

impl Graph {
    fn build(ws: &Workspace, owners: &[Node<'_>]) -> Graph {
        let mut graph = Graph {
            nodes: Vec::new(),
            index: HashMap::new(),
            nearest: vec![Vec::new(); ws.files.len()],
        };
        for owner in owners {
            let at = graph.add(owner.key());
            graph.nodes[at as usize].owner = Some(owner.origin().unwrap_or(*owner).key());
        }
        let mut targets: Vec<_> = ws.referrers().into_iter().collect();
        targets.sort_unstable_by_key(|(target, _)| *target);
        for (target, mut sites) in targets {
            sites.sort_unstable();
            let target = graph.add(target);
            for site in sites {
                let site = graph.add(site);
                graph.nodes[site as usize].target = target;
                graph.nodes[target as usize].referrers.push(site);
            }
        }
        for at in 0..graph.nodes.len() {
            let (file, id) = graph.nodes[at].key;
            let parent = match ws.file(file).node(id).parent() {
                Some(parent) => graph.nearest(parent),
                None => NONE,
            };
            graph.nodes[at].parent = parent;
            if parent != NONE {
                graph.nodes[parent as usize].children.push(at as u32);
            }
        }
        graph
    }

    fn add(&mut self, key: (FileId, NodeId)) -> u32 {
        let nodes = &mut self.nodes;
        *self.index.entry(key).or_insert_with(|| {
            nodes.push(GraphNode {
                key,
                parent: NONE,
                children: Vec::new(),
                target: NONE,
                referrers: Vec::new(),
                owner: None,
            });
            (nodes.len() - 1) as u32
        })
    }

    /// The nearest graph node at or above `node`, or `NONE`.
    fn nearest(&mut self, node: Node<'_>) -> u32 {
        let memo = &mut self.nearest[node.file.id.0 as usize];
        if memo.is_empty() {
            *memo = vec![UNKNOWN; node.file.tree.len()];
        }
        let mut walked = Vec::new();
        let mut current = Some(node);
        let found = loop {
            let Some(n) = current else { break NONE };
            let known = memo[n.id.0 as usize];
            if known != UNKNOWN {
                break known;
            }
            walked.push(n.id.0 as usize);
            if let Some(&at) = self.index.get(&n.key()) {
                break at;
            }
            current = n.parent();
        };
        for id in walked {
            memo[id] = found;
        }
        found
    }
}

/// What one rule's suppressions cover, on the graph.
///
/// A node is covered when every way into it from the document passes
/// through a suppression: the node carrying it, or one above it, or — for a
/// `$ref` target — every `$ref` to it. Ways in are computed rather than
/// covered nodes (`compute`): the document's roots are entered, and a node
/// is entered when no suppression of the rule sits on it and the node above
/// it is entered (or there is none) and, for a `$ref` target, one of its
/// `$ref`s is entered. What is never entered and is reached from a
/// suppression is covered. So a recursive schema under a suppression is
/// covered (its `$ref` to itself is no way in from outside), and a schema
/// also used where nothing suppresses it is not.
struct Coverage {
    /// Per graph node: a way in reaches it without passing a suppression.
    entered: Vec<bool>,
    /// Per graph node, when covered: which suppression's reason a finding
    /// there reports (by `by_node` key and entry index), the nearest one a
    /// propagation from the suppressions met.
    source: Vec<Option<((FileId, NodeId), usize)>>,
    /// Per graph node: a suppression of the rule sits on it.
    seed: Vec<bool>,
    /// Per graph node: already walked by `mark_used`.
    marked: Vec<bool>,
}

impl Coverage {
    /// Two passes of propagation over the graph, each node and each `$ref`
    /// taken once: the ways in, from the roots; then coverage, from the
    /// suppressions that list `rule` (or `"*"`) down to children and along
    /// `$ref`s, through nodes never entered.
    fn compute(
        graph: &Graph,
        by_node: &HashMap<(FileId, NodeId), Vec<Entry<'_>>>,
        rule: &str,
    ) -> Coverage {
        let len = graph.nodes.len();
        let mut coverage = Coverage {
            entered: vec![false; len],
            source: vec![None; len],
            seed: vec![false; len],
            marked: vec![false; len],
        };
        let mut seeds = Vec::new();
        for (at, node) in graph.nodes.iter().enumerate() {
            let Some(owner) = node.owner else { continue };
            let Some(entries) = by_node.get(&owner) else {
                continue;
            };
            if let Some(entry) = entries.iter().position(|e| e.rule == rule || e.rule == "*") {
                coverage.seed[at] = true;
                seeds.push((at as u32, (owner, entry)));
            }
        }

        // Ways in: a node is entered once its side above (a node above it
        // entered, or none) and its `$ref` side (one `$ref` entered, or it
        // is no target) both are.
        let mut above = vec![false; len];
        let mut by_ref: Vec<bool> = graph.nodes.iter().map(|n| n.referrers.is_empty()).collect();
        let mut queue = Vec::new();
        let enter =
            |at: usize, above: &[bool], by_ref: &[bool], c: &mut Coverage, q: &mut Vec<u32>| {
                if above[at] && by_ref[at] && !c.seed[at] && !c.entered[at] {
                    c.entered[at] = true;
                    q.push(at as u32);
                }
            };
        for (at, node) in graph.nodes.iter().enumerate() {
            if node.parent == NONE {
                above[at] = true;
                enter(at, &above, &by_ref, &mut coverage, &mut queue);
            }
        }
        while let Some(at) = queue.pop() {
            let node = &graph.nodes[at as usize];
            for &child in &node.children {
                above[child as usize] = true;
                enter(child as usize, &above, &by_ref, &mut coverage, &mut queue);
            }
            if node.target != NONE {
                by_ref[node.target as usize] = true;
                enter(
                    node.target as usize,
                    &above,
                    &by_ref,
                    &mut coverage,
                    &mut queue,
                );
            }
        }

        // Coverage: from each suppression, through what is not entered.
        for (at, source) in seeds {
            coverage.source[at as usize] = Some(source);
            queue.push(at);
        }
        while let Some(at) = queue.pop() {
            let node = &graph.nodes[at as usize];
            let source = coverage.source[at as usize];
            let reached = node
                .children
                .iter()
                .copied()
                .chain(Some(node.target).filter(|&t| t != NONE));
            for next in reached {
                let next = next as usize;
                if !coverage.entered[next] && coverage.source[next].is_none() {
                    coverage.source[next] = source;
                    queue.push(next as u32);
                }
            }
        }
        coverage
    }

    fn covered(&self, at: u32) -> bool {
        self.source[at as usize].is_some()
    }

    /// Marks used every suppression of the rule on a way into `at`, as a
    /// walk up from it would meet them: its own, else those on the ways
    /// into each of its `$ref`s, then — unless those covered it — those
    /// above it. A suppression over a finding counts as used even where
    /// another way in keeps the finding (it is not stale: the rule reports
    /// below it). Each graph node is visited once per rule, however many
    /// findings ask.
    fn mark_used(
        &mut self,
        graph: &Graph,
        at: u32,
        by_node: &mut HashMap<(FileId, NodeId), Vec<Entry<'_>>>,
    ) {
        let mut stack = vec![at];
        while let Some(at) = stack.pop() {
            let at = at as usize;
            if std::mem::replace(&mut self.marked[at], true) {
                continue;
            }
            let node = &graph.nodes[at];
            if self.seed[at] {
                if let (Some(owner), Some((_, entry))) = (node.owner, self.source[at])
                    && let Some(entries) = by_node.get_mut(&owner)
                {
                    entries[entry].used = true;
                }
                continue;
            }
            stack.extend(&node.referrers);
            let covered_by_refs = !node.referrers.is_empty()
                && self.covered(at as u32)
                && node.referrers.iter().all(|&r| !self.entered[r as usize]);
            if !covered_by_refs && node.parent != NONE {
                stack.push(node.parent);
            }
        }
    }
}
