//! Builds the spanned [`Tree`] from saphyr-parser's YAML events.
//!
//! Plain scalars are typed with the YAML 1.2 core schema; aliases are expanded
//! by copying the anchored subtree (bounded, so an alias bomb is an error, not
//! an out-of-memory kill), each copy remembering its original so findings
//! land on the anchor; `<<` merge keys are honoured because real specs use
//! them to share response sets.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span as YamlSpan};

use super::tree::{Mark, NodeId, Span, TreeBuilder, Value};
use super::{MAX_ALIAS_NODES, MAX_DEPTH, ParseError};

pub(crate) fn parse(text: &str, builder: &mut TreeBuilder) -> Result<Option<NodeId>, ParseError> {
    let offsets = CharOffsets::new(text);
    let mut reader = Reader {
        builder,
        offsets: &offsets,
        frames: Vec::new(),
        anchors: HashMap::new(),
        alias_nodes: 0,
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
struct CharOffsets {
    /// Byte offset of each character, or `None` when the text is ASCII.
    table: Option<Vec<u32>>,
    len: usize,
}

impl CharOffsets {
    fn new(text: &str) -> Self {
        let table = (!text.is_ascii()).then(|| {
            let mut t: Vec<u32> = text.char_indices().map(|(i, _)| i as u32).collect();
            t.push(text.len() as u32);
            t
        });
        CharOffsets {
            table,
            len: text.len(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        match &self.table {
            None => char_index.min(self.len),
            Some(t) => t.get(char_index).map_or(self.len, |&b| b as usize),
        }
    }
}

enum Frame {
    Seq {
        mark: Mark,
        start: usize,
        anchor: usize,
    },
    Map {
        mark: Mark,
        start: usize,
        anchor: usize,
        key: Option<(String, Span)>,
        /// A non-scalar key: its value is read and dropped.
        skip_value: bool,
        merges: Vec<NodeId>,
    },
}

struct Reader<'b, 'o> {
    builder: &'b mut TreeBuilder,
    offsets: &'o CharOffsets,
    frames: Vec<Frame>,
    anchors: HashMap<usize, NodeId>,
    alias_nodes: usize,
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
                self.remember(anchor, id);
                self.complete(id)
            }
            Event::SequenceStart(anchor, _) => {
                self.open(Frame::Seq {
                    mark: self.builder.mark(),
                    start: self.span(span).start as usize,
                    anchor,
                })?;
                Ok(())
            }
            Event::MappingStart(anchor, _) => {
                self.open(Frame::Map {
                    mark: self.builder.mark(),
                    start: self.span(span).start as usize,
                    anchor,
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
                }) = self.frames.pop()
                else {
                    return Err(self.error("unbalanced sequence", span));
                };
                let end = self.span(span).end as usize;
                let id = self
                    .builder
                    .finish_seq(mark, Span::new(start, end.max(start)));
                self.remember(anchor, id);
                self.complete(id)
            }
            Event::MappingEnd => {
                let Some(Frame::Map {
                    mark,
                    start,
                    anchor,
                    merges,
                    ..
                }) = self.frames.pop()
                else {
                    return Err(self.error("unbalanced mapping", span));
                };
                for source in merges {
                    self.builder.merge_missing_entries(mark, source);
                }
                let end = self.span(span).end as usize;
                let id = self
                    .builder
                    .finish_map(mark, Span::new(start, end.max(start)));
                self.remember(anchor, id);
                self.complete(id)
            }
            Event::Alias(anchor) => {
                let Some(&original) = self.anchors.get(&anchor) else {
                    return Err(self.error("alias to an unknown anchor", span));
                };
                let budget = MAX_ALIAS_NODES.saturating_sub(self.alias_nodes);
                let before = self.builder.node_count();
                let copy = self.builder.copy_subtree(original, budget).ok_or_else(|| {
                    self.error("aliases expand to too many nodes (alias bomb?)", span)
                })?;
                self.alias_nodes += self.builder.node_count() - before;
                self.complete(copy)
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

    fn remember(&mut self, anchor: usize, id: NodeId) {
        if anchor != 0 {
            self.anchors.insert(anchor, id);
        }
    }

    /// Attaches a finished node to the container that is open around it.
    fn complete(&mut self, id: NodeId) -> Result<(), ParseError> {
        match self.frames.last_mut() {
            None => {
                self.root = Some(id);
                Ok(())
            }
            Some(Frame::Seq { .. }) => {
                self.builder.item(id);
                Ok(())
            }
            Some(Frame::Map {
                key,
                skip_value,
                merges,
                ..
            }) => {
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
