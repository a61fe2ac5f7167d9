//! The editor's open documents, the overlay they make for the engine, and
//! conversions between byte offsets and LSP positions and between paths and
//! `file://` URIs.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_types::{Position, Range, Uri};

use crate::workspace::Overlay;

/// How the client counts columns: LSP's default is UTF-16 code units;
/// clients that offer UTF-8 get byte columns, which cost nothing to compute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// The editor's text of each open document, by canonical path.
#[derive(Default)]
pub struct Documents {
    by_path: HashMap<PathBuf, Arc<str>>,
}

impl Documents {
    pub fn open(&mut self, path: PathBuf, text: String) {
        self.by_path.insert(path, Arc::from(text));
    }

    /// Applies one content change to an open document: the whole text, or
    /// (incremental synchronisation) a range replaced.
    pub fn change(&mut self, path: &Path, range: Option<Range>, text: &str, encoding: Encoding) {
        let Some(doc) = self.by_path.get_mut(path) else {
            return;
        };
        *doc = match range {
            None => Arc::from(text),
            Some(range) => {
                let lines = LineIndex::new(doc, encoding);
                let start = lines.offset(range.start);
                let end = lines.offset(range.end).max(start);
                Arc::from([&doc[..start], text, &doc[end..]].concat())
            }
        };
    }

    pub fn close(&mut self, path: &Path) {
        self.by_path.remove(path);
    }

    pub fn is_open(&self, path: &Path) -> bool {
        self.by_path.contains_key(path)
    }

    pub fn paths(&self) -> impl Iterator<Item = &PathBuf> {
        self.by_path.keys()
    }

    /// The unsaved texts, for the engine to read instead of the disk.
    pub fn overlay(&self) -> Overlay {
        self.by_path
            .iter()
            .map(|(path, text)| (path.clone(), Arc::clone(text)))
            .collect()
    }
}

/// A `file://` URI for an absolute path, percent-encoding all but the
/// unreserved characters and `/`.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let text = path.to_str()?;
    let mut uri = String::from("file://");
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            let _ = write!(uri, "%{byte:02X}");
        }
    }
    uri.parse().ok()
}

/// The file a JSON `uri` value names, with the URI as parsed: `None` for
/// anything but a `file://` URI.
pub fn file_named(uri: &serde_json::Value) -> Option<(PathBuf, Uri)> {
    let uri = uri.as_str()?.parse::<Uri>().ok()?;
    Some((uri_to_path(&uri)?, uri))
}

/// The path a `file://` URI names (other schemes name no file), made
/// canonical when it exists so it matches the paths the engine loads.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    if !rest.starts_with('/') {
        return None;
    }
    let path = PathBuf::from(percent_decode(rest)?);
    Some(path.canonicalize().unwrap_or(path))
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Bytes per UTF-16 checkpoint (see `LineIndex::checkpoints`).
const BLOCK: usize = 256;

/// Line starts of a text, for turning offsets into positions and back.
pub struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
    encoding: Encoding,
    /// For UTF-16 columns on long lines (a minified spec is one line of
    /// megabytes): per block of `BLOCK` bytes, its first character boundary
    /// and the UTF-16 units from its line's start to there. Built on first
    /// need, so a column costs at most a block's count, not a line's.
    checkpoints: std::cell::OnceCell<Vec<(usize, usize)>>,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str, encoding: Encoding) -> LineIndex<'t> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        LineIndex {
            text,
            starts,
            encoding,
            checkpoints: std::cell::OnceCell::new(),
        }
    }

    pub fn position(&self, offset: usize) -> Position {
        let offset = self.floor(offset.min(self.text.len()));
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let line_start = self.starts[line];
        let column = match self.encoding {
            Encoding::Utf8 => offset - line_start,
            Encoding::Utf16 if offset - line_start <= BLOCK => {
                utf16_len(&self.text[line_start..offset])
            }
            Encoding::Utf16 => {
                let (at, units) = self.checkpoints()[offset / BLOCK];
                if at <= offset && at >= line_start {
                    units + utf16_len(&self.text[at..offset])
                } else {
                    utf16_len(&self.text[line_start..offset])
                }
            }
        };
        Position::new(line as u32, column as u32)
    }

    fn checkpoints(&self) -> &[(usize, usize)] {
        self.checkpoints.get_or_init(|| {
            let mut checkpoints = Vec::with_capacity(self.text.len() / BLOCK + 1);
            let mut units = 0;
            for (at, ch) in self.text.char_indices() {
                while checkpoints.len() * BLOCK <= at {
                    checkpoints.push((at, units));
                }
                units = if ch == '\n' {
                    0
                } else {
                    units + ch.len_utf16()
                };
            }
            // Offsets in the last block, past the last character boundary.
            while checkpoints.len() * BLOCK <= self.text.len() {
                checkpoints.push((self.text.len(), units));
            }
            checkpoints
        })
    }

    pub fn range(&self, start: usize, end: usize) -> Range {
        Range::new(self.position(start), self.position(end.max(start)))
    }

    /// The byte offset of a position; past the end of its line, the line's end.
    pub fn offset(&self, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let line = &self.text[start..end];
        let wanted = position.character as usize;
        let mut units = 0;
        for (at, ch) in line.char_indices() {
            if units >= wanted {
                return start + at;
            }
            units += match self.encoding {
                Encoding::Utf8 => ch.len_utf8(),
                Encoding::Utf16 => ch.len_utf16(),
            };
        }
        end
    }

    fn floor(&self, mut offset: usize) -> usize {
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_round_trip_through_percent_encoding() {
        let path = Path::new("/no such dir/spec é.yaml");
        let uri = path_to_uri(path).unwrap();
        assert_eq!(uri.as_str(), "file:///no%20such%20dir/spec%20%C3%A9.yaml");
        assert_eq!(uri_to_path(&uri).unwrap(), path);
    }

    #[test]
    fn long_lines_count_columns_from_checkpoints() {
        let text = format!("{}\n{}x", "é".repeat(300), "😀a".repeat(400));
        let lines = LineIndex::new(&text, Encoding::Utf16);
        for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
            let line_start = text[..offset].rfind('\n').map_or(0, |at| at + 1);
            let expected = text[line_start..offset].encode_utf16().count() as u32;
            assert_eq!(lines.position(offset).character, expected, "at {offset}");
        }
    }

    #[test]
    fn incremental_changes_splice_the_text() {
        let path = Path::new("/spec.yaml");
        let mut docs = Documents::default();
        docs.open(path.to_path_buf(), "a: é\nb: 1\n".to_owned());
        let range = Range::new(Position::new(0, 3), Position::new(1, 1));
        docs.change(path, Some(range), "x\nc", Encoding::Utf16);
        assert_eq!(&*docs.overlay()[path], "a: x\nc: 1\n");
        docs.change(path, None, "whole", Encoding::Utf16);
        assert_eq!(&*docs.overlay()[path], "whole");
    }

    #[test]
    fn columns_count_utf16_units_or_bytes() {
        let text = "a: é😀x\nb: 1\n";
        let x = text.find('x').unwrap();
        let utf16 = LineIndex::new(text, Encoding::Utf16);
        assert_eq!(utf16.position(x), Position::new(0, 6));
        assert_eq!(utf16.offset(Position::new(0, 6)), x);
        let utf8 = LineIndex::new(text, Encoding::Utf8);
        assert_eq!(utf8.position(x), Position::new(0, 9));
        assert_eq!(utf8.offset(Position::new(1, 3)), text.rfind('1').unwrap());
    }
}
