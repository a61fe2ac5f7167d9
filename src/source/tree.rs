//! The spanned document tree: every node of a parsed file, in one arena.
//!
//! Nodes live in flat vectors and refer to each other by index, which keeps a
//! 13 MB spec at a few allocations and lets any node find its parent (and so
//! its JSON pointer) without the rules having to carry paths around.

use std::collections::{HashMap, HashSet};

/// Index of a node inside its file's [`Tree`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub(crate) u32);

/// A byte range in the file's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    /// Range into [`Tree::strings`].
    String {
        offset: u32,
        len: u32,
    },
    /// Range into [`Tree::items`].
    Seq {
        start: u32,
        len: u32,
    },
    /// Range into [`Tree::entries`].
    Map {
        start: u32,
        len: u32,
    },
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct NodeData {
    pub value: Value,
    pub span: Span,
    /// `u32::MAX` for the root.
    pub parent: u32,
    /// Position of this node among its parent's items or entries.
    pub slot: u32,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Entry {
    pub key_offset: u32,
    pub key_len: u32,
    pub key_span: Span,
    pub value: NodeId,
}

pub(crate) const NO_PARENT: u32 = u32::MAX;

#[derive(Default, Debug)]
pub struct Tree {
    pub(crate) nodes: Vec<NodeData>,
    pub(crate) entries: Vec<Entry>,
    pub(crate) items: Vec<NodeId>,
    pub(crate) strings: String,
    /// For each mapping longer than `INDEXED_MAP_LEN`, its entry positions
    /// sorted by key: `components.schemas` of a large spec holds thousands
    /// of entries and every `$ref` into it looks one up.
    pub(crate) key_order: HashMap<u32, Box<[u32]>>,
    /// `(copy, original)` for every node a YAML alias copied, sorted by
    /// copy: a finding on a copy is reported at the original (the anchored
    /// node, or the node inside it), once. Empty without aliases.
    pub(crate) origins: Vec<(u32, u32)>,
}

/// Mappings up to this many entries are scanned; longer ones are indexed.
pub const INDEXED_MAP_LEN: usize = 32;

impl Tree {
    pub fn root(&self) -> Option<NodeId> {
        // Children are pushed before their container, so the root is last.
        self.nodes.len().checked_sub(1).map(|i| NodeId(i as u32))
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub(crate) fn data(&self, id: NodeId) -> &NodeData {
        &self.nodes[id.0 as usize]
    }

    pub(crate) fn str_at(&self, offset: u32, len: u32) -> &str {
        &self.strings[offset as usize..(offset + len) as usize]
    }

    pub(crate) fn entries_of(&self, id: NodeId) -> &[Entry] {
        match self.data(id).value {
            Value::Map { start, len } => &self.entries[start as usize..(start + len) as usize],
            _ => &[],
        }
    }

    /// The node `id` was copied from by a YAML alias, when it is a copy
    /// (of an original that is part of the document).
    pub fn origin(&self, id: NodeId) -> Option<NodeId> {
        if self.origins.is_empty() {
            return None;
        }
        self.origins
            .binary_search_by_key(&id.0, |&(copy, _)| copy)
            .ok()
            .map(|at| NodeId(self.origins[at].1))
    }

    /// Whether a YAML alias copied anything in this file.
    pub fn has_copies(&self) -> bool {
        !self.origins.is_empty()
    }

    pub(crate) fn items_of(&self, id: NodeId) -> &[NodeId] {
        match self.data(id).value {
            Value::Seq { start, len } => &self.items[start as usize..(start + len) as usize],
            _ => &[],
        }
    }
}

/// Builds a [`Tree`] bottom-up: scalars are pushed as they are read, and a
/// container collects the children pushed since it was opened.
#[derive(Default)]
pub(crate) struct TreeBuilder {
    tree: Tree,
    /// Children of the containers still open, innermost last.
    pending_items: Vec<NodeId>,
    pending_entries: Vec<Entry>,
    pub duplicate_keys: Vec<DuplicateKey>,
}

/// A mapping key that repeats an earlier one; the later value wins.
#[derive(Debug, Clone)]
pub struct DuplicateKey {
    pub key: String,
    pub span: Span,
    pub first: Span,
}

/// Where a container started collecting children.
#[derive(Clone, Copy)]
pub(crate) struct Mark {
    items: usize,
    entries: usize,
}

impl TreeBuilder {
    pub fn intern(&mut self, s: &str) -> (u32, u32) {
        let offset = self.tree.strings.len() as u32;
        self.tree.strings.push_str(s);
        (offset, s.len() as u32)
    }

    pub fn node_count(&self) -> usize {
        self.tree.nodes.len()
    }

    pub fn scalar(&mut self, value: Value, span: Span) -> NodeId {
        self.push(value, span)
    }

    pub fn string(&mut self, s: &str, span: Span) -> NodeId {
        let (offset, len) = self.intern(s);
        self.push(Value::String { offset, len }, span)
    }

    fn push(&mut self, value: Value, span: Span) -> NodeId {
        let id = NodeId(self.tree.nodes.len() as u32);
        self.tree.nodes.push(NodeData {
            value,
            span,
            parent: NO_PARENT,
            slot: 0,
        });
        id
    }

    pub fn mark(&self) -> Mark {
        Mark {
            items: self.pending_items.len(),
            entries: self.pending_entries.len(),
        }
    }

    pub fn item(&mut self, child: NodeId) {
        self.pending_items.push(child);
    }

    pub fn entry(&mut self, key: &str, key_span: Span, value: NodeId) {
        let (key_offset, key_len) = self.intern(key);
        self.pending_entries.push(Entry {
            key_offset,
            key_len,
            key_span,
            value,
        });
    }

    pub fn finish_seq(&mut self, mark: Mark, span: Span) -> NodeId {
        let start = self.tree.items.len() as u32;
        let children = self.pending_items.drain(mark.items..);
        self.tree.items.extend(children);
        let len = self.tree.items.len() as u32 - start;
        let id = self.push(Value::Seq { start, len }, span);
        for (slot, child) in self.tree.items[start as usize..].iter().enumerate() {
            let data = &mut self.tree.nodes[child.0 as usize];
            data.parent = id.0;
            data.slot = slot as u32;
        }
        id
    }

    pub fn finish_map(&mut self, mark: Mark, span: Span) -> NodeId {
        self.drop_duplicates(mark.entries);
        let start = self.tree.entries.len() as u32;
        let children = self.pending_entries.drain(mark.entries..);
        self.tree.entries.extend(children);
        let len = self.tree.entries.len() as u32 - start;
        let id = self.push(Value::Map { start, len }, span);
        let entries = &self.tree.entries[start as usize..];
        for (slot, entry) in entries.iter().enumerate() {
            let data = &mut self.tree.nodes[entry.value.0 as usize];
            data.parent = id.0;
            data.slot = slot as u32;
        }
        if entries.len() > INDEXED_MAP_LEN {
            let key = |i: &u32| {
                let e = &entries[*i as usize];
                self.tree.str_at(e.key_offset, e.key_len)
            };
            let mut order: Vec<u32> = (0..len).collect();
            order.sort_unstable_by(|a, b| key(a).cmp(key(b)));
            self.tree.key_order.insert(id.0, order.into());
        }
        id
    }

    /// Keeps the last of repeated keys (what most JSON and YAML readers do)
    /// and records each repetition so it is reported rather than merged.
    fn drop_duplicates(&mut self, from: usize) {
        let entries = &self.pending_entries[from..];
        let key = |e: &Entry| self.tree.str_at(e.key_offset, e.key_len);
        let mut duplicates = Vec::new();
        if entries.len() <= 16 {
            for (i, later) in entries.iter().enumerate().skip(1) {
                if let Some(first) = entries[..i].iter().rev().find(|e| key(e) == key(later)) {
                    duplicates.push((from + i, first.key_span));
                }
            }
        } else {
            let mut seen = std::collections::HashMap::with_capacity(entries.len());
            for (i, e) in entries.iter().enumerate() {
                if let Some(first) = seen.insert(key(e), e.key_span) {
                    duplicates.push((from + i, first));
                }
            }
        }
        if duplicates.is_empty() {
            return;
        }
        let mut overridden = Vec::new();
        for &(index, first) in &duplicates {
            let later = self.pending_entries[index];
            let name = self.tree.str_at(later.key_offset, later.key_len).to_owned();
            self.duplicate_keys.push(DuplicateKey {
                key: name,
                span: later.key_span,
                first,
            });
            overridden.push(first);
        }
        let mut i = 0;
        self.pending_entries.retain(|e| {
            let keep = i < from || !overridden.contains(&e.key_span);
            i += 1;
            keep
        });
    }

    /// Copies the subtree at `id` (an alias), creating at most `budget` nodes.
    /// Each copy records its original (an alias inside the anchored subtree
    /// records the node it copied in turn: origins never chain).
    pub fn copy_subtree(&mut self, id: NodeId, budget: usize) -> Option<NodeId> {
        let mut remaining = budget;
        self.copy_node(id, &mut remaining)
    }

    fn copy_node(&mut self, id: NodeId, remaining: &mut usize) -> Option<NodeId> {
        *remaining = remaining.checked_sub(1)?;
        let data = *self.tree.data(id);
        let original = self.tree.origin(id).unwrap_or(id);
        let copy = self.copy_value(data, remaining)?;
        // Copies are pushed in id order: `origins` stays sorted.
        self.tree.origins.push((copy.0, original.0));
        Some(copy)
    }

    fn copy_value(&mut self, data: NodeData, remaining: &mut usize) -> Option<NodeId> {
        match data.value {
            Value::Seq { start, len } => {
                let mark = self.mark();
                for i in start..start + len {
                    let child = self.tree.items[i as usize];
                    let copy = self.copy_node(child, remaining)?;
                    self.item(copy);
                }
                Some(self.finish_seq(mark, data.span))
            }
            Value::Map { start, len } => {
                let mark = self.mark();
                for i in start..start + len {
                    let entry = self.tree.entries[i as usize];
                    let value = self.copy_node(entry.value, remaining)?;
                    self.pending_entries.push(Entry { value, ..entry });
                }
                Some(self.finish_map(mark, data.span))
            }
            scalar => Some(self.push(scalar, data.span)),
        }
    }

    /// The mappings a `<<` merge key takes entries from: a mapping or a
    /// sequence of mappings; anything else is not a merge.
    pub fn merge_sources(&self, id: NodeId) -> Vec<NodeId> {
        match self.tree.data(id).value {
            Value::Map { .. } => vec![id],
            Value::Seq { .. } => self
                .tree
                .items_of(id)
                .iter()
                .copied()
                .filter(|&item| matches!(self.tree.data(item).value, Value::Map { .. }))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Adds the entries of `source` whose keys the open mapping lacks:
    /// explicit keys win over merged ones.
    pub fn merge_missing_entries(&mut self, mark: Mark, source: NodeId) {
        let key = |e: &Entry| self.tree.str_at(e.key_offset, e.key_len);
        let mut present: HashSet<&str> = self.pending_entries[mark.entries..]
            .iter()
            .map(key)
            .collect();
        let missing: Vec<Entry> = self
            .tree
            .entries_of(source)
            .iter()
            .filter(|e| present.insert(key(e)))
            .copied()
            .collect();
        self.pending_entries.extend(missing);
    }

    pub fn finish(mut self) -> (Tree, Vec<DuplicateKey>) {
        self.drop_detached_origins();
        (self.tree, self.duplicate_keys)
    }

    /// An anchored mapping used as a `<<` merge source is not part of the
    /// document (its entries are): a copy of it has no original to be
    /// reported at, and stays where it is.
    fn drop_detached_origins(&mut self) {
        let Some(root) = self.tree.root().filter(|_| self.tree.has_copies()) else {
            return;
        };
        // A container is pushed after its children: parents have higher ids.
        let nodes = &self.tree.nodes;
        let mut attached = vec![false; nodes.len()];
        attached[root.0 as usize] = true;
        for id in (0..root.0 as usize).rev() {
            let parent = nodes[id].parent;
            attached[id] = parent != NO_PARENT && attached[parent as usize];
        }
        self.tree
            .origins
            .retain(|&(_, original)| attached[original as usize]);
    }
}
