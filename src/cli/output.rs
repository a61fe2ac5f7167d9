//! Printing a run's report: where it goes, and whether in colour.

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use super::Fatal;
use super::args::{ColorChoice, LintArgs};
use super::lint::repository_root;
use crate::report::{self, Format, ReportOptions, Run};
use crate::workspace::plain_io_reason;

/// Writes the report to `--output` or stdout.
pub(super) fn print(args: &LintArgs, run: &Run, cwd: &Path) -> Result<(), Fatal> {
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            args.output.is_none()
                && io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let report_options = ReportOptions {
        color,
        sarif_root: match &args.sarif_root {
            Some(dir) => dir.canonicalize().map_err(|e| {
                Fatal::Message(format!(
                    "--sarif-root '{}': {}",
                    dir.display(),
                    plain_io_reason(&e)
                ))
            })?,
            None => repository_root(cwd),
        },
        cwd: cwd.to_path_buf(),
    };
    match &args.output {
        Some(path) => {
            let file = std::fs::File::create(path)
                .map_err(|e| Fatal::Message(format!("cannot write '{}': {e}", path.display())))?;
            let mut out = io::BufWriter::new(file);
            report::write(args.format, run, &report_options, &mut out)?;
            out.flush()?;
            println!("{}", report::summary_line(run));
        }
        // Nothing could be linted: the error said it all, and "no problems
        // found in 0 files" would read as a pass.
        None if run.files.is_empty() && args.format == Format::Human => {}
        None => {
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            report::write(args.format, run, &report_options, &mut out)?;
            out.flush()?;
        }
    }

    Ok(())
}
