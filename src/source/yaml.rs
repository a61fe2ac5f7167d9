//! Builds the spanned [`Tree`] from saphyr-parser's YAML events.
//!
//! Plain scalars are typed with the YAML 1.2 core schema; aliases are expanded
//! by copying the anchored subtree (bounded, so an alias bomb is an error, not
//! an out-of-memory kill), each copy remembering its original so findings
//! land on the anchor; `<<` merge keys are honoured because real specs use
//! them to share response sets.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span as YamlSpan};

use super::tree::{CopyBudget, CopyLimit, Mark, NodeId, Span, TreeBuilder, Value};
use super::{MAX_ALIAS_BYTES, MAX_ALIAS_NODES, MAX_DEPTH, ParseError};

pub(crate) fn parse(text: &str, builder: &mut TreeBuilder) -> Result<Option<NodeId>, ParseError> {
    let offsets = CharOffsets::new(text);
    let mut reader = Reader {
        builder,
        offsets: &offsets,
        frames: Vec::new(),
        anchors: HashMap::new(),
        alias_budget: CopyBudget {
            nodes: MAX_ALIAS_NODES,
            bytes: MAX_ALIAS_BYTES,
        },
        root: None,
    };
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| ParseError {
            message: e.info().to_owned(),
            offset: offsets.byte(e.marker().index()),
        })?;
        reader.event(event, span)?;
    }
    Ok(reader.root)
}

/// saphyr reports positions in characters; the tree stores bytes.
struct CharOffsets<'t> {
    text: &'t str,
    /// Byte offset of every `CHAR_STRIDE`th character, or `None` when the
    /// text is ASCII. Sparse: a table of every character would take four
    /// times the text (a gigabyte for a 250 MB file).
    checkpoints: Option<Vec<u32>>,
}

/// Characters between two checkpoints of [`CharOffsets`]: a lookup scans at
/// most this many characters.
const CHAR_STRIDE: usize = 16;

impl<'t> CharOffsets<'t> {
    fn new(text: &'t str) -> Self {
        let checkpoints = (!text.is_ascii()).then(|| {
            text.char_indices()
                .step_by(CHAR_STRIDE)
                .map(|(i, _)| i as u32)
                .collect()
        });
        CharOffsets { text, checkpoints }
    }

    fn byte(&self, char_index: usize) -> usize {
        let Some(checkpoints) = &self.checkpoints else {
            return char_index.min(self.text.len());
        };
        let Some(&from) = checkpoints.get(char_index / CHAR_STRIDE) else {
            return self.text.len();
        };
        let rest = &self.text[from as usize..];
        rest.char_indices()
            .nth(char_index % CHAR_STRIDE)
            .map_or(self.text.len(), |(i, _)| from as usize + i)
    }
}

/// A container being read. `height` is the height of its tallest child so
/// far (a scalar is 0, a container 1 more than its tallest child): what an
/// alias of it would add to the depth where the alias stands.
enum Frame {
    Seq {
        mark: Mark,
        start: usize,
        anchor: usize,
        height: usize,
    },
    Map {
        mark: Mark,
        start: usize,
        anchor: usize,
        height: usize,
        key: Option<(String, Span)>,
        /// A non-scalar key: its value is read and dropped.
        skip_value: bool,
        merges: Vec<NodeId>,
    },
}

struct Reader<'b, 'o> {
    builder: &'b mut TreeBuilder,
    offsets: &'o CharOffsets<'o>,
    frames: Vec<Frame>,
    /// Each anchor's node and height.
    anchors: HashMap<usize, (NodeId, usize)>,
    /// What aliases may still add, for the whole file.
    alias_budget: CopyBudget,
    root: Option<NodeId>,
}

impl Reader<'_, '_> {
    fn span(&self, span: YamlSpan) -> Span {
        Span::new(
            self.offsets.byte(span.start.index()),
            self.offsets.byte(span.end.index()),
        )
    }

    fn error(&self, message: &str, span: YamlSpan) -> ParseError {
        ParseError {
            message: message.to_owned(),
            offset: self.offsets.byte(span.start.index()),
        }
    }

    /// Handles one event.
    fn event(&mut self, event: Event<'_>, span: YamlSpan) -> Result<(), ParseError> {
        match event {
            Event::Scalar(value, style, anchor, tag) => {
                let node_span = self.span(span);
                if let Some(Frame::Map {
                    key: key @ None,
                    skip_value: false,
                    ..
                }) = self.frames.last_mut()
                {
                    *key = Some((value.into_owned(), node_span));
                    return Ok(());
                }
                let is_str_tag = tag.is_some_and(|t| t.is_yaml_core_schema() && t.suffix == "str");
                let id = if style == ScalarStyle::Plain && !is_str_tag {
                    match plain_scalar(&value) {
                        Some(v) => self.builder.scalar(v, node_span),
                        None => self.builder.string(&value, node_span),
                    }
                } else {
                    self.builder.string(&value, node_span)
                };
                self.remember(anchor, id, 0);
                self.complete(id, 0)
            }
            Event::SequenceStart(anchor, _) => {
                self.open(Frame::Seq {
                    mark: self.builder.mark(),
                    start: self.span(span).start as usize,
                    anchor,
                    height: 0,
                })?;
                Ok(())
            }
            Event::MappingStart(anchor, _) => {
                self.open(Frame::Map {
                    mark: self.builder.mark(),
                    start: self.span(span).start as usize,
                    anchor,
                    height: 0,
                    key: None,
                    skip_value: false,
                    merges: Vec::new(),
                })?;
                Ok(())
            }
            Event::SequenceEnd => {
                let Some(Frame::Seq {
                    mark,
                    start,
                    anchor,
                    height,
                }) = self.frames.pop()
                else {
                    return Err(self.error("unbalanced sequence", span));
                };
                let end = self.span(span).end as usize;
                let id = self
                    .builder
                    .finish_seq(mark, Span::new(start, end.max(start)));
                self.remember(anchor, id, height + 1);
                self.complete(id, height + 1)
            }
            Event::MappingEnd => {
                let Some(Frame::Map {
                    mark,
                    start,
                    anchor,
                    height,
                    merges,
                    ..
                }) = self.frames.pop()
                else {
                    return Err(self.error("unbalanced mapping", span));
                };
                self.builder.merge_missing_entries(mark, &merges);
                let end = self.span(span).end as usize;
                let id = self
                    .builder
                    .finish_map(mark, Span::new(start, end.max(start)));
                self.remember(anchor, id, height + 1);
                self.complete(id, height + 1)
            }
            Event::Alias(anchor) => {
                let Some(&(original, height)) = self.anchors.get(&anchor) else {
                    return Err(self.error("alias to an unknown anchor", span));
                };
                // The copy stands where the alias does: its depth adds up.
                if self.frames.len() + height > MAX_DEPTH {
                    let message = format!(
                        "alias {} expands deeper than oasguard reads ({MAX_DEPTH} levels)",
                        self.alias_name(span)
                    );
                    return Err(self.error(&message, span));
                }
                let copy = self
                    .builder
                    .copy_subtree(original, &mut self.alias_budget)
                    .map_err(|limit| {
                        let what = match limit {
                            CopyLimit::Nodes => format!("{MAX_ALIAS_NODES} nodes"),
                            CopyLimit::Bytes => format!("{} MiB of text", MAX_ALIAS_BYTES >> 20),
                        };
                        let message = format!(
                            "aliases expand to more than {what} (an alias bomb?); the limit is reached at alias {}",
                            self.alias_name(span)
                        );
                        self.error(&message, span)
                    })?;
                self.complete(copy, height)
            }
            // One document per file, as OpenAPI has it: a second one is
            // refused whole rather than left unlinted without a word.
            Event::DocumentStart(_) if self.root.is_some() => Err(self.error(
                "a second YAML document starts here; oasguard reads one document per \
                 file and linted none of this file: split it into one file per document",
                span,
            )),
            Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart(_)
            | Event::DocumentEnd
            | Event::Nothing => Ok(()),
        }
    }

    fn open(&mut self, frame: Frame) -> Result<(), ParseError> {
        if self.frames.len() >= MAX_DEPTH {
            return Err(ParseError {
                message: "nesting is deeper than oasguard reads".into(),
                offset: self.builder_offset(&frame),
            });
        }
        self.frames.push(frame);
        Ok(())
    }

    fn builder_offset(&self, frame: &Frame) -> usize {
        match frame {
            Frame::Seq { start, .. } | Frame::Map { start, .. } => *start,
        }
    }

    /// The alias as written (`*name`), for messages: cut short, and
    /// anything but printable ASCII escaped.
    fn alias_name(&self, span: YamlSpan) -> String {
        let text = self
            .offsets
            .text
            .get(self.offsets.byte(span.start.index())..self.offsets.byte(span.end.index()))
            .unwrap_or_default();
        let mut name: String = text
            .chars()
            .take(64)
            .flat_map(|c| {
                let plain = c.is_ascii_graphic();
                let escaped = (!plain).then(|| c.escape_unicode());
                plain
                    .then_some(c)
                    .into_iter()
                    .chain(escaped.into_iter().flatten())
            })
            .collect();
        if text.chars().nth(64).is_some() {
            name.push('…');
        }
        format!("'{name}'")
    }

    fn remember(&mut self, anchor: usize, id: NodeId, height: usize) {
        if anchor != 0 {
            self.anchors.insert(anchor, (id, height));
        }
    }

    /// Attaches a finished node of `height` to the container that is open
    /// around it.
    fn complete(&mut self, id: NodeId, height: usize) -> Result<(), ParseError> {
        match self.frames.last_mut() {
            None => {
                self.root = Some(id);
                Ok(())
            }
            Some(Frame::Seq {
                height: tallest, ..
            }) => {
                *tallest = (*tallest).max(height);
                self.builder.item(id);
                Ok(())
            }
            Some(Frame::Map {
                key,
                skip_value,
                merges,
                height: tallest,
                ..
            }) => {
                *tallest = (*tallest).max(height);
                if *skip_value {
                    *skip_value = false;
                } else if key.is_none() {
                    *skip_value = true;
                } else if let Some((name, key_span)) = key.take() {
                    let sources = if name == "<<" {
                        self.builder.merge_sources(id)
                    } else {
                        Vec::new()
                    };
                    if !sources.is_empty() {
                        merges.extend(sources);
                    } else {
                        self.builder.entry(&name, key_span, id);
                    }
                }
                Ok(())
            }
        }
    }
}

/// Types a plain scalar by the YAML 1.2 core schema; `None` means string.
fn plain_scalar(text: &str) -> Option<Value> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Some(Value::Number(f64::INFINITY));
        }
        "-.inf" | "-.Inf" | "-.INF" => return Some(Value::Number(f64::NEG_INFINITY)),
        ".nan" | ".NaN" | ".NAN" => return Some(Value::Number(f64::NAN)),
        _ => {}
    }
    let first = text.as_bytes()[0];
    if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.')) {
        return None;
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return u64::from_str_radix(hex, 16)
            .ok()
            .map(|n| Value::Number(n as f64));
    }
    if let Some(oct) = text.strip_prefix("0o") {
        return u64::from_str_radix(oct, 8)
            .ok()
            .map(|n| Value::Number(n as f64));
    }
    let is_number_text = text
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'));
    if !is_number_text || !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse::<f64>().ok().map(Value::Number)
}

#[cfg(test)]
mod tests {
    use super::CharOffsets;

    #[test]
    fn char_offsets_agree_with_a_full_table() {
        let text = "ascii, then é and ☃ and 𝄞, again and again: ".repeat(5);
        let offsets = CharOffsets::new(&text);
        let full: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for (char_index, &byte) in full.iter().enumerate() {
            assert_eq!(offsets.byte(char_index), byte, "char {char_index}");
        }
        assert_eq!(offsets.byte(full.len()), text.len());
        assert_eq!(offsets.byte(full.len() + 100), text.len());
    }
}
