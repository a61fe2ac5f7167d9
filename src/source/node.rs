//! [`Node`]: a cheap, copyable handle on a tree node that knows its file.

use std::fmt;

use super::SourceFile;
use super::tree::{Entry, NO_PARENT, NodeId, Span, Value};

#[derive(Clone, Copy)]
pub struct Node<'a> {
    pub file: &'a SourceFile,
    pub id: NodeId,
}

/// A mapping key with its own span, so findings can point at the key.
#[derive(Clone, Copy)]
pub struct Key<'a> {
    pub name: &'a str,
    pub span: Span,
}

impl PartialEq for Node<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && self.file.id == other.file.id
    }
}

impl fmt::Debug for Node<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.file.path.display(), self.pointer())
    }
}

impl<'a> Node<'a> {
    pub(crate) fn new(file: &'a SourceFile, id: NodeId) -> Self {
        Node { file, id }
    }

    fn value(&self) -> Value {
        self.file.tree.data(self.id).value
    }

    /// A key identifying the node across the whole workspace.
    pub fn key(&self) -> (super::FileId, NodeId) {
        (self.file.id, self.id)
    }

    pub fn span(&self) -> Span {
        self.file.tree.data(self.id).span
    }

    /// The node a YAML alias copied this one from, when it is a copy: the
    /// anchored node (or the node inside it), where a finding is reported.
    pub fn origin(&self) -> Option<Node<'a>> {
        self.file
            .tree
            .origin(self.id)
            .map(|id| Node::new(self.file, id))
    }

    pub fn as_str(&self) -> Option<&'a str> {
        match self.value() {
            Value::String { offset, len } => Some(self.file.tree.str_at(offset, len)),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.value() {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self.value() {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value(), Value::Null)
    }

    pub fn is_map(&self) -> bool {
        matches!(self.value(), Value::Map { .. })
    }

    pub fn is_seq(&self) -> bool {
        matches!(self.value(), Value::Seq { .. })
    }

    pub fn is_true(&self) -> bool {
        self.as_bool() == Some(true)
    }

    /// The value under `key` when this is a mapping.
    pub fn get(&self, key: &str) -> Option<Node<'a>> {
        let tree = &self.file.tree;
        let entries = self.raw_entries();
        let key_of = |e: &Entry| tree.str_at(e.key_offset, e.key_len);
        let index = (entries.len() > super::tree::INDEXED_MAP_LEN)
            .then(|| tree.key_order.get(&self.id.0))
            .flatten();
        let found = match index {
            Some(order) => order
                .binary_search_by(|&i| key_of(&entries[i as usize]).cmp(key))
                .ok()
                .map(|at| &entries[order[at] as usize]),
            None => entries.iter().find(|e| key_of(e) == key),
        };
        found.map(|e| Node::new(self.file, e.value))
    }

    pub fn get_str(&self, key: &str) -> Option<&'a str> {
        self.get(key).and_then(|n| n.as_str())
    }

    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    fn raw_entries(&self) -> &'a [Entry] {
        self.file.tree.entries_of(self.id)
    }

    pub fn entries(self) -> impl Iterator<Item = (Key<'a>, Node<'a>)> + 'a {
        let file = self.file;
        self.raw_entries().iter().map(move |e| {
            let key = Key {
                name: file.tree.str_at(e.key_offset, e.key_len),
                span: e.key_span,
            };
            (key, Node::new(file, e.value))
        })
    }

    pub fn items(self) -> impl Iterator<Item = Node<'a>> + 'a {
        let file = self.file;
        file.tree
            .items_of(self.id)
            .iter()
            .map(move |&id| Node::new(file, id))
    }

    /// The child (a mapping entry's key or value, or a list item) whose text
    /// holds byte `offset`. Children are in document order, so this is a
    /// binary search; entries a `<<` merge or an alias brought from elsewhere
    /// break that order, and are then scanned.
    pub fn child_at(&self, offset: u32) -> Option<Node<'a>> {
        let tree = &self.file.tree;
        let value_end = |id: NodeId| tree.data(id).span.end;
        let entry = holding(
            self.raw_entries(),
            offset,
            |e| e.key_span.start,
            |e| e.key_span.end.max(value_end(e.value)),
        )
        .map(|e| e.value);
        let item = || {
            holding(
                tree.items_of(self.id),
                offset,
                |&id| tree.data(id).span.start,
                |&id| value_end(id),
            )
            .copied()
        };
        entry.or_else(item).map(|id| Node::new(self.file, id))
    }

    pub fn len(&self) -> usize {
        match self.value() {
            Value::Map { len, .. } | Value::Seq { len, .. } => len as usize,
            _ => 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn parent(&self) -> Option<Node<'a>> {
        let parent = self.file.tree.data(self.id).parent;
        (parent != NO_PARENT).then(|| Node::new(self.file, NodeId(parent)))
    }

    /// The mapping key this node is the value of, if any.
    pub fn parent_key(&self) -> Option<Key<'a>> {
        let data = self.file.tree.data(self.id);
        let parent = self.parent()?;
        let entry = parent.raw_entries().get(data.slot as usize)?;
        Some(Key {
            name: self.file.tree.str_at(entry.key_offset, entry.key_len),
            span: entry.key_span,
        })
    }

    /// The position of this node in the list holding it, if any.
    pub fn index(&self) -> Option<usize> {
        self.parent()
            .filter(Node::is_seq)
            .map(|_| self.file.tree.data(self.id).slot as usize)
    }

    /// Where a finding about this node points: a scalar at its value, a
    /// container at the key that names it (or its first line in a list).
    pub fn report_span(&self) -> Span {
        let span = self.span();
        if !(self.is_map() || self.is_seq()) {
            return span;
        }
        if let Some(key) = self.parent_key() {
            return key.span;
        }
        let text = &self.file.text.as_bytes()[span.start as usize..span.end as usize];
        let first_line = text.iter().position(|&b| b == b'\n').unwrap_or(text.len());
        Span {
            start: span.start,
            end: span.start + first_line.max(1).min(text.len()) as u32,
        }
    }

    /// The RFC 6901 JSON pointer of this node within its own file; a key
    /// longer than [`MAX_POINTER_KEY`] is [abbreviated](abbreviated_key).
    pub fn pointer(&self) -> String {
        let tree = &self.file.tree;
        let mut segments = Vec::new();
        let mut node = *self;
        while let Some(parent) = node.parent() {
            let slot = tree.data(node.id).slot;
            match parent.raw_entries().get(slot as usize) {
                Some(entry) if entry.key_len as usize > MAX_POINTER_KEY => {
                    segments.push(tree.long_key_segment(entry.key_offset).to_owned());
                }
                Some(entry) => {
                    segments.push(escape_pointer(tree.str_at(entry.key_offset, entry.key_len)))
                }
                None => segments.push(slot.to_string()),
            }
            node = parent;
        }
        let mut pointer = String::new();
        for segment in segments.iter().rev() {
            pointer.push('/');
            pointer.push_str(segment);
        }
        pointer
    }

    /// Follows an RFC 6901 pointer (already percent-decoded) from this node.
    pub fn at_pointer(&self, pointer: &str) -> Option<Node<'a>> {
        if pointer.is_empty() {
            return Some(*self);
        }
        let rest = pointer.strip_prefix('/')?;
        let mut node = *self;
        for raw in rest.split('/') {
            let segment = raw.replace("~1", "/").replace("~0", "~");
            node = if node.is_seq() {
                let index: usize = segment.parse().ok()?;
                node.items().nth(index)?
            } else {
                node.get(&segment)?
            };
        }
        Some(node)
    }
}

/// Bytes of a key a finding's pointer spells out. Every finding below a
/// key repeats it: a hostile 400 KB path key over 50,000 findings would be
/// 20 GB of pointers. Real keys stay below: the longest in the APIs.guru
/// corpus has 532 bytes (an Azure example named by its description).
pub const MAX_POINTER_KEY: usize = 1_024;

/// A key longer than [`MAX_POINTER_KEY`] as a pointer segment: its first
/// bytes, escaped, then `…` and the FNV-1a hash of the whole key, which
/// keeps pointers distinct and stable (baselines match on them). Such a
/// pointer does not resolve.
pub(super) fn abbreviated_key(key: &str) -> String {
    // Room for `…` and 16 hex digits.
    let mut cut = MAX_POINTER_KEY - 20;
    while !key.is_char_boundary(cut) {
        cut -= 1;
    }
    let hash = super::fnv1a(key.as_bytes());
    format!("{}…{hash:016x}", escape_pointer(&key[..cut]))
}

pub fn escape_pointer(segment: &str) -> String {
    if segment.contains(['~', '/']) {
        segment.replace('~', "~0").replace('/', "~1")
    } else {
        segment.to_owned()
    }
}

/// The element of `list` whose `[start, end)` holds `offset`: a binary search
/// over document order, then a scan for elements placed out of order.
fn holding<T>(
    list: &[T],
    offset: u32,
    start: impl Fn(&T) -> u32,
    end: impl Fn(&T) -> u32,
) -> Option<&T> {
    let holds = |x: &&T| start(x) <= offset && offset < end(x);
    let guess = list.partition_point(|x| start(x) <= offset);
    guess
        .checked_sub(1)
        .map(|i| &list[i])
        .filter(holds)
        .or_else(|| list.iter().find(holds))
}
