//! Descriptions are CommonMark, which passes raw HTML through: script in
//! them runs in the browser of everyone who reads the rendered docs.

use super::prelude::*;
use crate::workspace::is_literal_data;

pub static RULE: Rule = Rule {
    id: "markdown-unsafe-content",
    severity: Severity::Error,
    owasp: Owasp::API8,
    cwe: 79,
    versions: ALL_VERSIONS,
    summary: "A description, summary or title contains script-bearing HTML",
    help: "remove the <script>, javascript: link, on*= handler or eval( from the text",
    doc: include_str!("../../rules/markdown-unsafe-content.md"),
    enabled_by_default: true,
    precision: Precision::Medium,
    check: Check::Spec(check),
};

/// The keys whose string values documentation renderers turn into HTML.
const TEXT_KEYS: [&str; 3] = ["description", "summary", "title"];

fn check(cx: &mut Context<'_, '_>) {
    // Every loaded file: fragments reached by `$ref` are rendered too.
    for file in &cx.spec.ws.files {
        let mut stack: Vec<Node<'_>> = file.root().into_iter().collect();
        while let Some(node) = stack.pop() {
            for (key, value) in node.entries() {
                // `properties: {title: {...}}` names a property: not text.
                if let Some(text) = value.as_str().filter(|_| TEXT_KEYS.contains(&key.name))
                    && let Some(what) = unsafe_content(text)
                    && !is_literal_data(value)
                {
                    cx.report(
                        value,
                        format!(
                            "`{}` contains {what}, which rendered documentation would execute",
                            key.name
                        ),
                    );
                }
            }
            stack.extend(
                node.entries()
                    .map(|(_, child)| child)
                    .chain(node.items())
                    .filter(|child| child.is_map() || child.is_seq()),
            );
        }
    }
}

/// What in `text` a renderer would execute, outside code spans and blocks
/// (which CommonMark escapes).
fn unsafe_content(text: &str) -> Option<String> {
    let prose = without_code(text).to_ascii_lowercase();
    if prose.contains("<script") {
        return Some("a <script> tag".into());
    }
    if has_javascript_link(&prose) {
        return Some("a javascript: link".into());
    }
    if let Some(handler) = event_handler(&prose) {
        return Some(format!("an event handler attribute ('{handler}=')"));
    }
    let calls_eval = prose.match_indices("eval(").any(|(at, _)| {
        !prose[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    });
    calls_eval.then(|| "eval(".into())
}

/// `javascript:` as a link target: `(javascript:` in markdown, `="javascript:`
/// in an attribute, `<javascript:` as an autolink, `]: javascript:` as a link
/// definition; not the word in prose ("JavaScript: npm install ...").
fn has_javascript_link(prose: &str) -> bool {
    prose.match_indices("javascript:").any(|(at, _)| {
        let before =
            prose[..at].trim_end_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'');
        match before.chars().next_back() {
            Some('(' | '=' | '<') => true,
            Some(':') => before[..before.len() - 1].ends_with(']'),
            _ => false,
        }
    })
}

/// The first `on<event>=` attribute inside an HTML tag (`<img src=x
/// onerror=...>`); "based on = ..." outside a tag is prose.
fn event_handler(prose: &str) -> Option<&str> {
    prose.match_indices('<').find_map(|(at, _)| {
        let tag = &prose[at + 1..];
        if !tag.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        tag.match_indices("on").find_map(|(i, _)| {
            let starts_attribute = tag[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_whitespace() || matches!(c, '/' | '"' | '\''));
            let name_len = 2 + tag[i + 2..]
                .bytes()
                .take_while(u8::is_ascii_lowercase)
                .count();
            let assigned = tag[i + name_len..].trim_start().starts_with('=');
            // `on` plus at least three letters: `oncut`, `onload`, `onerror`.
            (starts_attribute && name_len >= 5 && assigned).then(|| &tag[i..i + name_len])
        })
    })
}

/// `text` without fenced code blocks and code spans.
fn without_code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut fence: Option<&str> = None;
    for line in text.split_inclusive('\n') {
        let marker = ["```", "~~~"]
            .into_iter()
            .find(|m| line.trim_start().starts_with(m));
        match (fence, marker) {
            (None, Some(open)) => fence = Some(open),
            (Some(open), Some(close)) if open == close => fence = None,
            (Some(_), _) => {}
            (None, None) => without_code_spans(line, &mut out),
        }
    }
    out
}

/// Appends `line` minus its code spans: a run of N backticks up to the next
/// run of exactly N. An unmatched run is literal text.
fn without_code_spans(line: &str, out: &mut String) {
    let mut rest = line;
    while let Some(start) = rest.find('`') {
        out.push_str(&rest[..start]);
        let run = rest[start..].bytes().take_while(|&b| b == b'`').count();
        let after = &rest[start + run..];
        match closing_run(after, run) {
            Some(end) => rest = &after[end + run..],
            None => {
                out.push_str(&rest[start..start + run]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

/// Where the next run of exactly `len` backticks starts.
fn closing_run(text: &str, len: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'`' {
            i += 1;
            continue;
        }
        let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
        if run == len {
            return Some(i);
        }
        i += run;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_executable_content() {
        let bad = [
            "Hi <script>alert(1)</script>",
            "[docs](javascript:alert(1))",
            "<a href=\"JavaScript:alert(1)\">x</a>",
            "[x]: javascript:alert(1)",
            "<img src=x onerror=alert(1)>",
            "<svg/onload=alert(1)>",
            "<body onLoad = \"x()\">",
            "run eval(atob('...'))",
        ];
        for text in bad {
            assert!(unsafe_content(text).is_some(), "{text}");
        }
        let fine = [
            "# Users\n\n**Bold**, [link](https://example.com), ![img](./a.png)",
            "JavaScript: npm install client",
            "Sorted based on = the name, <b>click on</b> = here",
            "We strip `<script>` tags and `javascript:` URLs",
            "```html\n<img src=x onerror=alert(1)>\n```\nSafe.",
            "Document retrieval(beta) and medieval(ish) texts",
            "<a data-on=x>on hover</a>",
        ];
        for text in fine {
            assert_eq!(unsafe_content(text), None, "{text}");
        }
    }
}
