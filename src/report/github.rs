//! GitHub Actions workflow commands: each finding becomes an annotation on
//! the pull request's diff.

use std::io::{self, Write};

use super::{Run, escape};
use crate::finding::Severity;

pub fn write(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    for f in run.active() {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&escape::path(&f.path)),
            f.start.line,
            f.start.column,
            f.end.line,
            f.end.column,
            escape_property(&format!("oasguard {}", f.rule)),
            escape_data(&escape::line(&f.message))
        )?;
    }
    Ok(())
}

/// The runner's unescaping of a command's message. Line breaks are already
/// shown as `\\n` by [`escape::line`]; escaping them again here keeps a
/// message on its line whatever reaches this function.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Property values additionally reserve `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_the_runner_unescapes() {
        assert_eq!(escape_data("50% of a\r\nb"), "50%25 of a%0D%0Ab");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
