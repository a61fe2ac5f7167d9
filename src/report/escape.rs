//! Spec text on its way to a terminal or a CI log: every character that
//! could move the cursor, recolour the screen, reorder what is read (bidi
//! overrides), break a line or make XML invalid is shown as an escape
//! (`model::needs_escape` says which).
//!
//! The machine formats that carry the text exactly (JSON, SARIF) leave it
//! to their own string escaping; every text format goes through here.

use std::borrow::Cow;
use std::path::Path;

use crate::model::needs_escape as is_unsafe;

/// `text` on one line with every unsafe character escaped: `\n`, `\r`,
/// `\t`, else `\u{1b}`; the same escaping messages get from the model. A
/// backslash stays as it is: the result is for reading, not for parsing
/// back.
pub fn line(text: &str) -> Cow<'_, str> {
    crate::model::escape(text)
}

/// A source line for a code frame: tabs stay (the frame expands them),
/// every other unsafe character becomes one visible `�`, so the frame's
/// columns still line up.
pub fn frame_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\t' && is_unsafe(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if c != '\t' && is_unsafe(c) {
                    '\u{FFFD}'
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// A path as a text format prints it: escaped, and never starting with
/// `::`, which would make a line a GitHub Actions workflow command.
pub fn path(path: &Path) -> String {
    let shown = path.display().to_string();
    let escaped = line(&shown);
    if escaped.starts_with("::") {
        format!("./{escaped}")
    } else {
        escaped.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_breaks_terminal_sequences_bidi_and_xml_noncharacters() {
        assert_eq!(line("plain text: ok"), "plain text: ok");
        assert_eq!(
            line("a\r\n::error::x\u{1b}]0;title\u{7}"),
            "a\\r\\n::error::x\\u{1b}]0;title\\u{7}"
        );
        assert_eq!(
            line("\u{202E}txt.exe\u{2028}\u{85}"),
            "\\u{202e}txt.exe\\u{2028}\\u{85}"
        );
        assert_eq!(line("\u{FFFE}\u{FFFF}"), "\\u{fffe}\\u{ffff}");
    }

    #[test]
    fn frame_lines_keep_their_width() {
        assert_eq!(frame_line("a\tb"), "a\tb");
        assert_eq!(frame_line("a\u{1b}[2Jb\r"), "a\u{FFFD}[2Jb\u{FFFD}");
    }

    #[test]
    fn a_path_never_starts_a_workflow_command() {
        assert_eq!(path(Path::new("::error::x.yaml")), "./::error::x.yaml");
        assert_eq!(path(Path::new("a\nb.yaml")), "a\\nb.yaml");
        assert_eq!(path(Path::new("specs/a.yaml")), "specs/a.yaml");
    }
}
