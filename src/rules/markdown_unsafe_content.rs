//! Descriptions are CommonMark, which passes raw HTML through: script in
//! them runs in the browser of everyone who reads the rendered docs.

use std::collections::HashMap;

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
    // Every pattern below needs a `<` (a tag), `:` (a `javascript:` link)
    // or `(` (`eval(`): most descriptions have none, and are not copied.
    if !text.bytes().any(|b| matches!(b, b'<' | b':' | b'(')) {
        return None;
    }
    let prose = without_code(text).to_ascii_lowercase();
    if has_script_element(&prose) {
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

/// A `<script` that forms a script element: the tag name ends there
/// (whitespace, `>` or `/` follows) and the element either loads code (a
/// `src=` attribute inside the tag) or holds it (a `</script` closes it
/// later in the text). `<script>` among other angle-bracketed placeholder
/// words ("`<module>.<script>`") with nothing closing it is text.
///
/// Linear in the text: the last `</script` is found once, `src=`
/// attributes in one pass, and each tag's end is shared by the `<script`s
/// it spans (as in [`event_handler`]).
fn has_script_element(prose: &str) -> bool {
    let bytes = prose.as_bytes();
    let last_close = prose.rfind("</script");
    let mut sources = prose
        .match_indices("src")
        .map(|(at, _)| at)
        .filter(|&at| {
            let starts_attribute = prose[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_whitespace() || matches!(c, '/' | '"' | '\''));
            starts_attribute && prose[at + 3..].trim_start().starts_with('=')
        })
        .peekable();
    let mut tag_end = 0;
    for (at, open) in prose.match_indices("<script") {
        let after = at + open.len();
        let name_ends = bytes
            .get(after)
            .is_some_and(|&b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'));
        if !name_ends {
            continue;
        }
        if last_close.is_some_and(|close| close > at) {
            return true;
        }
        if tag_end <= at {
            tag_end = prose[after..]
                .find('>')
                .map_or(prose.len(), |end| after + end);
        }
        while sources.next_if(|&src| src < after).is_some() {}
        if sources.peek().is_some_and(|&src| src < tag_end) {
            return true;
        }
    }
    false
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
///
/// A tag runs from a `<` followed by a letter to the next `>` (or the end of
/// the text); whether an `on` starts a handler depends only on the bytes
/// around it, so the handlers are found in one pass and each tag takes the
/// first one inside it. Linear in the text: `<a on ` repeated without a
/// `>` would otherwise make every tag read to the end of the text.
fn event_handler(prose: &str) -> Option<&str> {
    let bytes = prose.as_bytes();
    let mut handlers = prose
        .match_indices("on")
        .filter_map(|(at, _)| handler_at(prose, at).map(|len| (at, len)))
        .peekable();
    // The `>` closing the tag that starts at the current `<`.
    let mut tag_end = 0;
    for (at, _) in prose.match_indices('<') {
        if !bytes.get(at + 1).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        if tag_end <= at {
            tag_end = prose[at + 1..]
                .find('>')
                .map_or(prose.len(), |end| at + 1 + end);
        }
        while handlers.next_if(|&(h, _)| h <= at).is_some() {}
        match handlers.peek() {
            Some(&(h, len)) if h < tag_end => return Some(&prose[h..h + len]),
            Some(_) => {}
            None => return None,
        }
    }
    None
}

/// The length of the `on<event>` attribute name starting at `at`, when it
/// is one: after whitespace, `/` or a quote (inside a tag, whose `<` is not
/// one of them), `on` plus at least three letters (`oncut`, `onload`,
/// `onerror`), then `=`.
fn handler_at(prose: &str, at: usize) -> Option<usize> {
    let starts_attribute = prose[..at]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_whitespace() || matches!(c, '/' | '"' | '\''));
    if !starts_attribute {
        return None;
    }
    let name_len = 2 + prose[at + 2..]
        .bytes()
        .take_while(u8::is_ascii_lowercase)
        .count();
    let assigned = prose[at + name_len..].trim_start().starts_with('=');
    (name_len >= 5 && assigned).then_some(name_len)
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
/// run of exactly N. An unmatched run is literal text. Each run's closing
/// run is found from a table built in one backward pass, so a line of runs
/// that never close (`` ` `` `` `` ``` … ) costs its length, not its length
/// times the number of runs.
fn without_code_spans(line: &str, out: &mut String) {
    let bytes = line.as_bytes();
    // Every maximal run of backticks: (start, length).
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(offset) = bytes[i..].iter().position(|&b| b == b'`') {
        let start = i + offset;
        let len = bytes[start..].iter().take_while(|&&b| b == b'`').count();
        runs.push((start, len));
        i = start + len;
    }
    if runs.is_empty() {
        out.push_str(line);
        return;
    }
    // The next run of the same length, per run.
    let mut closing = vec![None; runs.len()];
    let mut next_of_len: HashMap<usize, usize> = HashMap::new();
    for (index, &(_, len)) in runs.iter().enumerate().rev() {
        closing[index] = next_of_len.insert(len, index);
    }
    let mut copied = 0;
    let mut index = 0;
    while index < runs.len() {
        let (start, _) = runs[index];
        match closing[index] {
            Some(close) => {
                out.push_str(&line[copied..start]);
                let (close_start, close_len) = runs[close];
                copied = close_start + close_len;
                index = close + 1;
            }
            None => index += 1,
        }
    }
    out.push_str(&line[copied..]);
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
            "<SCRIPT src=//evil.example/x.js>",
            "<script/src=x.js>",
            "<script >alert(1)</script >",
            "<script>\nalert(1)\n</script>",
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
            "Run a Report identified as \"<module>.<script>\" and return its result",
            "Pass <script> as the <name> argument",
            "<scripts>all of them</scripts>",
            "</script> then <script>",
        ];
        for text in fine {
            assert_eq!(unsafe_content(text), None, "{text}");
        }
    }

    /// The quadratic scans these replaced, kept to hold the linear ones to
    /// the same answers.
    mod reference {
        pub fn event_handler(prose: &str) -> Option<&str> {
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
                    (starts_attribute && name_len >= 5 && assigned).then(|| &tag[i..i + name_len])
                })
            })
        }

        pub fn without_code_spans(line: &str, out: &mut String) {
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
    }

    #[test]
    fn linear_scans_agree_with_the_quadratic_ones() {
        const PIECES: [&str; 16] = [
            "<a", "<", ">", " on", "on", "load", " onload", "=", " ", "/", "\"", "`", "``", "é",
            "\t", "x",
        ];
        // A fixed-seed generator: the same 20,000 texts on every run.
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize
        };
        let mut handlers = 0;
        for _ in 0..20_000 {
            let len = next() % 24;
            let text: String = (0..len).map(|_| PIECES[next() % PIECES.len()]).collect();
            let found = event_handler(&text);
            assert_eq!(found, reference::event_handler(&text), "{text:?}");
            handlers += usize::from(found.is_some());
            let (mut linear, mut quadratic) = (String::new(), String::new());
            without_code_spans(&text, &mut linear);
            reference::without_code_spans(&text, &mut quadratic);
            assert_eq!(linear, quadratic, "{text:?}");
        }
        assert!(handlers > 200, "only {handlers} texts with a handler");
    }

    #[test]
    fn script_tags_without_an_end_are_read_once() {
        let open = "<script ".repeat(10_000);
        assert!(!has_script_element(&open));
        assert!(has_script_element(&format!("{open}src=x")));
        assert!(has_script_element(&format!("<script>{open}</script>")));
        assert!(!has_script_element(&format!("{open}> src=x")));
    }

    #[test]
    fn tags_without_an_end_are_read_once() {
        let open = "<a on ".repeat(1000);
        assert_eq!(event_handler(&open), None);
        assert_eq!(
            event_handler(&format!("{open}<b onload=x>")),
            Some("onload")
        );
        // A handler in prose before any tag is not one; one in a later tag
        // that an earlier unclosed `<` spans is.
        assert_eq!(event_handler("x onload=1 <a href=y>"), None);
        assert_eq!(event_handler("<a <b onclick = go()"), Some("onclick"));
        let runs: Vec<String> = (1..200).map(|i| "`".repeat(i)).collect();
        let mut out = String::new();
        without_code_spans(&runs.join("x"), &mut out);
        assert_eq!(out, runs.join("x"), "no run closes: all of it is text");
    }
}
