//! `path:line:col: severity [rule-id] message`, one finding per line: what
//! editors' problem matchers and grep expect.

use std::io::{self, Write};

use super::{Run, escape};

pub fn write(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    for f in run.active() {
        writeln!(
            out,
            "{}:{}:{}: {} [{}] {}",
            escape::path(&f.path),
            f.start.line,
            f.start.column,
            f.severity.as_str(),
            f.rule,
            escape::line(&f.message)
        )?;
    }
    Ok(())
}
