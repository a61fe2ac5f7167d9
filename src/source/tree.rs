//! The spanned document tree: every node of a parsed file, in one arena.
//!
//! Nodes live in flat vectors and refer to each other by index, which keeps a
//! 13 MB spec at a few allocations and lets any node find its parent (and so
//! its JSON pointer) without the rules having to carry paths around.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::node::{MAX_POINTER_KEY, abbreviated_key};

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
    /// Pointer segments of the keys longer than `MAX_POINTER_KEY`, by key
    /// offset: made on first use for all of them at once, so a long key is
    /// hashed once however many findings lie below it.
    long_keys: OnceLock<HashMap<u32, String>>,
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

    /// The pointer segment of the long key interned at `offset`.
    pub(crate) fn long_key_segment(&self, offset: u32) -> &str {
        let segments = self.long_keys.get_or_init(|| {
            let mut segments = HashMap::new();
            for e in &self.entries {
                if e.key_len as usize > MAX_POINTER_KEY {
                    // Alias copies share the key's text: one hash each.
                    segments
                        .entry(e.key_offset)
                        .or_insert_with(|| abbreviated_key(self.str_at(e.key_offset, e.key_len)));
                }
            }
            segments
        });
        segments.get(&offset).map_or("", String::as_str)
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

/// What alias expansion may still add to a file: YAML aliases copy trees,
/// and a few bytes of aliases can name gigabytes of copies.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CopyBudget {
    pub nodes: usize,
    /// Bytes of strings and keys: copies share the interned text, but every
    /// rule reading text reads each copy.
    pub bytes: usize,
}

impl CopyBudget {
    fn spend_bytes(&mut self, len: u32) -> Result<(), CopyLimit> {
        self.bytes = self
            .bytes
            .checked_sub(len as usize)
            .ok_or(CopyLimit::Bytes)?;
        Ok(())
    }
}

/// Which part of the [`CopyBudget`] an alias exhausted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CopyLimit {
    Nodes,
    Bytes,
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
    /// Linear: each entry is looked up once and overridden ones are dropped
    /// by position.
    fn drop_duplicates(&mut self, from: usize) {
        let entries = &self.pending_entries[from..];
        let key = |e: &Entry| self.tree.str_at(e.key_offset, e.key_len);
        // (later entry, the entry it overrides), positions in `entries`.
        let mut repeats = Vec::new();
        if entries.len() <= 16 {
            for (i, later) in entries.iter().enumerate().skip(1) {
                if let Some(first) = entries[..i].iter().rposition(|e| key(e) == key(later)) {
                    repeats.push((i, first));
                }
            }
        } else {
            let mut seen = HashMap::with_capacity(entries.len());
            for (i, e) in entries.iter().enumerate() {
                if let Some(first) = seen.insert(key(e), i) {
                    repeats.push((i, first));
                }
            }
        }
        if repeats.is_empty() {
            return;
        }
        let mut overridden = vec![false; entries.len()];
        for &(later, first) in &repeats {
            let (later, first) = (&entries[later], &entries[first]);
            self.duplicate_keys.push(DuplicateKey {
                key: key(later).to_owned(),
                span: later.key_span,
                first: first.key_span,
            });
        }
        for &(_, first) in &repeats {
            overridden[first] = true;
        }
        let mut position = 0;
        self.pending_entries.retain(|_| {
            let keep = position < from || !overridden[position - from];
            position += 1;
            keep
        });
    }

    /// Copies the subtree at `id` (an alias) within `budget`, which it
    /// spends. Iterative, so the copy's depth costs no stack. Each copy
    /// records its original (an alias inside the anchored subtree records
    /// the node it copied in turn: origins never chain).
    pub fn copy_subtree(
        &mut self,
        id: NodeId,
        budget: &mut CopyBudget,
    ) -> Result<NodeId, CopyLimit> {
        // Containers being copied: original, next child to copy, where
        // their copied children start.
        let mut open: Vec<(NodeId, u32, Mark)> = Vec::new();
        let mut next = id;
        loop {
            budget.nodes = budget.nodes.checked_sub(1).ok_or(CopyLimit::Nodes)?;
            let data = *self.tree.data(next);
            let mut copy = match data.value {
                Value::Seq { .. } | Value::Map { .. } => {
                    open.push((next, 0, self.mark()));
                    None
                }
                Value::String { len, .. } => {
                    budget.spend_bytes(len)?;
                    Some(self.push_copy(next, data))
                }
                _ => Some(self.push_copy(next, data)),
            };
            // Attach finished copies to their parents, finishing every
            // container whose children are all copied, until one has a
            // child left to copy.
            loop {
                let Some((original, done, mark)) = open.last_mut() else {
                    return Ok(copy.expect("a copy finishes when nothing is open"));
                };
                let (original, mark) = (*original, *mark);
                if let Some(child) = copy.take() {
                    self.attach_copy(original, *done - 1, child, budget)?;
                }
                let children = match self.tree.data(original).value {
                    Value::Seq { start, len } => Some((start, len, true)),
                    Value::Map { start, len } => Some((start, len, false)),
                    _ => None,
                };
                let (start, len, is_seq) = children.expect("only containers are open");
                if *done < len {
                    let i = (start + *done) as usize;
                    next = if is_seq {
                        self.tree.items[i]
                    } else {
                        self.tree.entries[i].value
                    };
                    *done += 1;
                    break;
                }
                open.pop();
                let data = *self.tree.data(original);
                let finished = if is_seq {
                    self.finish_seq(mark, data.span)
                } else {
                    self.finish_map(mark, data.span)
                };
                self.record_origin(original, finished);
                copy = Some(finished);
            }
        }
    }

    /// Pushes a copy of scalar `original`.
    fn push_copy(&mut self, original: NodeId, data: NodeData) -> NodeId {
        let copy = self.push(data.value, data.span);
        self.record_origin(original, copy);
        copy
    }

    fn record_origin(&mut self, original: NodeId, copy: NodeId) {
        let original = self.tree.origin(original).unwrap_or(original);
        // Copies are recorded in id order: `origins` stays sorted.
        self.tree.origins.push((copy.0, original.0));
    }

    /// Adds `child`, the copy of child `index` of `original`, to the copy of
    /// `original` being built: as an item, or under the original's key.
    fn attach_copy(
        &mut self,
        original: NodeId,
        index: u32,
        child: NodeId,
        budget: &mut CopyBudget,
    ) -> Result<(), CopyLimit> {
        match self.tree.data(original).value {
            Value::Map { start, .. } => {
                let entry = self.tree.entries[(start + index) as usize];
                budget.spend_bytes(entry.key_len)?;
                self.pending_entries.push(Entry {
                    value: child,
                    ..entry
                });
            }
            _ => self.item(child),
        }
        Ok(())
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

    /// Adds the entries of the `<<` merge `sources` whose keys the open
    /// mapping lacks: explicit keys win over merged ones, and an earlier
    /// source over a later one. One set of keys for all sources keeps a
    /// merge of thousands of aliases linear.
    pub fn merge_missing_entries(&mut self, mark: Mark, sources: &[NodeId]) {
        let key = |e: &Entry| self.tree.str_at(e.key_offset, e.key_len);
        let mut present: HashSet<&str> = self.pending_entries[mark.entries..]
            .iter()
            .map(key)
            .collect();
        let missing: Vec<Entry> = sources
            .iter()
            .flat_map(|&source| self.tree.entries_of(source))
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
