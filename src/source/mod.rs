//! Loading: text → spanned tree, with line/column lookup for any byte offset.

mod json;
mod node;
mod tree;
mod yaml;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use node::{Key, Node};
pub use tree::{DuplicateKey, NodeId, Span, Tree};

/// Deepest nesting read before a file is rejected; real specs stay far below.
pub const MAX_DEPTH: usize = 256;
/// Nodes that YAML aliases may add by expansion, against alias bombs.
pub const MAX_ALIAS_NODES: usize = 1_000_000;
/// Bytes of strings and keys that YAML aliases may add by expansion: the
/// copies share one interned text, but each is read by every rule that
/// reads text, so a long string aliased thousands of times is a bomb too.
pub const MAX_ALIAS_BYTES: usize = 64 << 20;

/// FNV-1a, 64 bit: tiny, and stable across Rust releases (unlike `std`'s
/// hasher), which matters for fingerprints stored in baselines.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

#[derive(Debug, Clone)]
pub struct ParseError {
    pub message: String,
    pub offset: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Yaml,
}

impl Format {
    /// By extension; without one, by the first meaningful character.
    pub fn detect(path: &std::path::Path, text: &str) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("json") => Format::Json,
            Some(e) if e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml") => {
                Format::Yaml
            }
            _ if text.trim_start().starts_with('{') => Format::Json,
            _ => Format::Yaml,
        }
    }
}

/// One loaded file: its text, its tree and what the parser noticed.
pub struct SourceFile {
    pub id: FileId,
    /// The path as the user should see it (relative stays relative).
    pub path: Arc<Path>,
    pub text: Arc<str>,
    pub tree: Tree,
    pub root: Option<NodeId>,
    pub duplicate_keys: Vec<DuplicateKey>,
    line_starts: Vec<u32>,
    chars_before_block: Vec<u32>,
}

impl SourceFile {
    /// Parses `text`; a byte-order mark is dropped so columns match editors.
    /// The file comes back even when parsing fails, so the error can be
    /// located in it; its tree is then empty.
    pub fn parse(id: FileId, path: PathBuf, mut text: String) -> (SourceFile, Option<ParseError>) {
        if text.starts_with('\u{feff}') {
            text.drain(..3);
        }
        // Shared text needs its own allocation: made before the tree, so
        // the two copies of the text never coexist with it (a 100 MB spec).
        let text: Arc<str> = Arc::from(text);
        let mut builder = tree::TreeBuilder::default();
        let result = match Format::detect(&path, &text) {
            Format::Json => json::parse(&text, &mut builder).map(Some),
            Format::Yaml => yaml::parse(&text, &mut builder),
        };
        let line_starts = std::iter::once(0).chain(memchr_newlines(&text)).collect();
        let chars_before_block = block_checkpoints(&text);
        let (tree, duplicate_keys) = builder.finish();
        let mut file = SourceFile {
            id,
            path: Arc::from(path),
            text,
            tree: Tree::default(),
            root: None,
            duplicate_keys: Vec::new(),
            line_starts,
            chars_before_block,
        };
        match result {
            Ok(root) => {
                file.root = root;
                file.tree = tree;
                file.duplicate_keys = duplicate_keys;
                (file, None)
            }
            Err(error) => (file, Some(error)),
        }
    }

    pub fn root(&self) -> Option<Node<'_>> {
        self.root.map(|id| Node::new(self, id))
    }

    pub fn node(&self, id: NodeId) -> Node<'_> {
        Node::new(self, id)
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        let offset = offset.min(self.text.len() as u32);
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line] as usize;
        let column = self.char_index(offset as usize) - self.char_index(start);
        (line + 1, column + 1)
    }

    /// Characters before byte `offset`. A minified spec is one line of
    /// megabytes, so counting from the line start would make every lookup
    /// linear in the file: count from the nearest checkpoint instead.
    fn char_index(&self, offset: usize) -> usize {
        let block = offset / CHAR_BLOCK;
        let from = block * CHAR_BLOCK;
        self.chars_before_block[block] as usize + count_chars(&self.text.as_bytes()[from..offset])
    }

    /// Byte range of the 1-based line `line`, without its line break.
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let start = self.line_starts[line - 1] as usize;
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next as usize - 1);
        let end = if self.text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        start..end
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

/// Bytes per checkpoint of `SourceFile::chars_before_block`.
const CHAR_BLOCK: usize = 256;

/// Characters in a byte range that may start or end inside a character:
/// every byte that is not a UTF-8 continuation byte starts one.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

fn block_checkpoints(text: &str) -> Vec<u32> {
    let mut total = 0;
    let mut marks = vec![0];
    for block in text.as_bytes().chunks(CHAR_BLOCK) {
        total += count_chars(block) as u32;
        marks.push(total);
    }
    marks
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = u32> + '_ {
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(i, _)| i as u32 + 1)
}
