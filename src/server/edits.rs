//! Text edits on a spec that keep its style: a new entry goes after a
//! mapping's last entry at the indentation of its keys (block YAML), or
//! after the last entry with a comma (JSON and YAML flow mappings); a new
//! item goes after a list's last item the same way.

use crate::source::{Format, Node, SourceFile, Span};

/// Replace `span` of the file's text with `text` (an insertion when empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub text: String,
}

impl Edit {
    pub fn apply(&self, text: &str) -> String {
        let (start, end) = (self.span.start as usize, self.span.end as usize);
        format!("{}{}{}", &text[..start], self.text, &text[end..])
    }
}

/// A value to write: the few shapes fixes need.
#[derive(Clone, Copy, Debug)]
pub enum Value<'v> {
    Bool(bool),
    /// A list of one word (a rule id): unquoted in YAML, quoted in JSON.
    List(&'v str),
}

/// Adds `key: value` to `map`.
pub fn add_entry(file: &SourceFile, map: Node<'_>, key: &str, value: Value<'_>) -> Edit {
    let text = &*file.text;
    let flow = is_flow(file, map);
    let json = is_json(file);
    let entry = format!("{}: {}", word(json, key), render(json, value));
    let Some((last_key, last_value)) = map.entries().last() else {
        // An empty mapping is written `{}` (or is the empty document).
        let at = if flow {
            map.span().start + 1
        } else {
            map.span().start
        };
        return insert(at, entry);
    };
    let first_key = map.entries().next().map_or(last_key.span, |(k, _)| k.span);
    if flow {
        let end = last_value.span().end;
        return match own_line_indent(text, last_key.span.start) {
            Some(indent) => insert(end, format!(",\n{indent}{entry}")),
            None => insert(end, format!(", {entry}")),
        };
    }
    let indent = " ".repeat(column(text, first_key.start));
    insert(
        line_end(text, content_end(text, last_value.span())),
        format!("\n{indent}{entry}"),
    )
}

/// Adds `item` to the end of `list`.
pub fn add_item(file: &SourceFile, list: Node<'_>, item: &str) -> Edit {
    let text = &*file.text;
    let flow = is_flow(file, list);
    let item = word(is_json(file), item);
    let Some(last) = list.items().last() else {
        return insert(list.span().start + 1, item);
    };
    if flow {
        return insert(last.span().end, format!(", {item}"));
    }
    // Block list: the same `  - ` prefix as the last item.
    let start = last.span().start as usize;
    let line_start = text[..start].rfind('\n').map_or(0, |at| at + 1);
    let prefix: String = text[line_start..start]
        .chars()
        .map(|c| if c == '-' || c == ' ' { c } else { ' ' })
        .collect();
    insert(
        line_end(text, content_end(text, last.span())),
        format!("\n{prefix}{item}"),
    )
}

fn insert(at: u32, text: String) -> Edit {
    Edit {
        span: Span { start: at, end: at },
        text,
    }
}

/// JSON, or a YAML flow collection (`{...}`, `[...]`).
fn is_flow(file: &SourceFile, node: Node<'_>) -> bool {
    matches!(
        file.text.as_bytes().get(node.span().start as usize),
        Some(b'{' | b'[')
    )
}

/// Words are quoted in JSON only (rule ids and keys are plain-safe YAML).
fn is_json(file: &SourceFile) -> bool {
    Format::detect(&file.path, &file.text) == Format::Json
}

fn word(json: bool, word: &str) -> String {
    if json {
        serde_json::to_string(word).unwrap_or_default()
    } else {
        word.to_owned()
    }
}

fn render(json: bool, value: Value<'_>) -> String {
    match value {
        Value::Bool(b) => b.to_string(),
        Value::List(item) => format!("[{}]", word(json, item)),
    }
}

/// The whitespace before `offset` when it starts its line's content.
fn own_line_indent(text: &str, offset: u32) -> Option<&str> {
    let offset = offset as usize;
    let line_start = text[..offset].rfind('\n').map_or(0, |at| at + 1);
    let before = &text[line_start..offset];
    before
        .chars()
        .all(|c| c == ' ' || c == '\t')
        .then_some(before)
}

/// Bytes from the line start: the indentation YAML counts (`- ` counts too).
fn column(text: &str, offset: u32) -> usize {
    let offset = offset as usize;
    offset - text[..offset].rfind('\n').map_or(0, |at| at + 1)
}

/// The end of a value's own text: a block scalar's span runs past its
/// trailing line breaks.
fn content_end(text: &str, span: Span) -> u32 {
    let value = &text[span.start as usize..span.end as usize];
    span.start + value.trim_end().len() as u32
}

/// The end of the line holding `offset` (before its line break and any
/// comment that follows the value on that line).
fn line_end(text: &str, offset: u32) -> u32 {
    let rest = &text[offset as usize..];
    let len = rest.find(['\n', '\r']).unwrap_or(rest.len());
    offset + len as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;
    use std::path::PathBuf;

    fn edited(
        name: &str,
        text: &str,
        pointer: &str,
        edit: impl Fn(&SourceFile, Node<'_>) -> Edit,
    ) -> String {
        let (file, error) = SourceFile::parse(FileId(0), PathBuf::from(name), text.to_owned());
        assert!(error.is_none());
        let node = file
            .root()
            .and_then(|r| r.at_pointer(pointer))
            .expect("node");
        edit(&file, node).apply(text)
    }

    #[test]
    fn entries_follow_the_documents_style() {
        let add = |file: &SourceFile, node: Node<'_>| {
            add_entry(file, node, "writeOnly", Value::Bool(true))
        };
        // Block YAML: after the last entry (past its comment and its own
        // nested block), at the keys' indentation.
        let yaml = "a:\n  - name: x # first\n    schema:\n      type: string\nb: 1\n";
        assert_eq!(
            edited("s.yaml", yaml, "/a/0", add),
            "a:\n  - name: x # first\n    schema:\n      type: string\n    writeOnly: true\nb: 1\n"
        );
        // Pretty JSON: a comma, a new line, the entries' indentation.
        let json = "{\n  \"a\": {\n    \"type\": \"string\"\n  }\n}";
        assert_eq!(
            edited("s.json", json, "/a", add),
            "{\n  \"a\": {\n    \"type\": \"string\",\n    \"writeOnly\": true\n  }\n}"
        );
        // A flow mapping on one line stays on one line.
        let flow = "a: {type: string}\n";
        assert_eq!(
            edited("s.yaml", flow, "/a", add),
            "a: {type: string, writeOnly: true}\n"
        );
        // A block scalar's trailing line breaks are not the entry's end.
        let block = "a:\n  description: |\n    text\n\n  type: string\nb: 1\n";
        assert_eq!(
            edited("s.yaml", block, "/a", add),
            "a:\n  description: |\n    text\n\n  type: string\n  writeOnly: true\nb: 1\n"
        );
    }

    #[test]
    fn items_follow_the_lists_style() {
        let add = |file: &SourceFile, node: Node<'_>| add_item(file, node, "string-unbounded");
        let block = "x:\n  - array-unbounded\ny: 1\n";
        assert_eq!(
            edited("s.yaml", block, "/x", add),
            "x:\n  - array-unbounded\n  - string-unbounded\ny: 1\n"
        );
        let json = "{\"x\": [\"array-unbounded\"]}";
        assert_eq!(
            edited("s.json", json, "/x", add),
            "{\"x\": [\"array-unbounded\", \"string-unbounded\"]}"
        );
    }
}
