//! `path:line:col: severity [rule-id] message`, one finding per line: what
//! editors' problem matchers and grep expect, then the summary line.

use std::io::{self, Write};

use super::{ReportOptions, Run, escape, paint};

pub fn write(run: &Run, options: &ReportOptions, out: &mut dyn Write) -> io::Result<()> {
    for f in run
        .active()
        .filter(|f| options.min_shown.is_some_and(|min| f.severity >= min))
    {
        writeln!(
            out,
            "{}:{}:{}: {} [{}] {}",
            escape::path(&f.path),
            f.start.line,
            f.start.column,
            paint(f.severity, f.severity.as_str(), options.color),
            f.rule,
            escape::line(&f.message)
        )?;
    }
    // A problem matcher skips this line: it has no `path:line:col:`.
    writeln!(out, "{}", super::summary_line(run))
}
