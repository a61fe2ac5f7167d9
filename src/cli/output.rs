//! Printing a run's report: where it goes, how wide, and whether in colour.

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use super::Fatal;
use super::args::{ColorChoice, LintArgs};
use super::verdict::Verdict;
use crate::finding::Severity;
use crate::report::{self, Format, ReportOptions, Run, escape};
use crate::workspace::plain_io_reason;

/// Frame width when the output is not a terminal and COLUMNS is unset.
const DEFAULT_WIDTH: usize = 120;
/// Findings of one rule printed before the rest fold into one line.
const FOLD_AFTER: usize = 3;

/// Writes the report to `--output` or stdout, then the verdict: on stdout
/// after a report meant for reading, else on stderr.
pub(super) fn print(
    args: &LintArgs,
    run: &Run,
    cwd: &Path,
    threshold: Option<Severity>,
    verdict: &Verdict,
) -> Result<(), Fatal> {
    let to_terminal = args.output.is_none() && io::stdout().is_terminal();
    let report_options = ReportOptions {
        color: color(args.color, to_terminal, args.output.is_some()),
        width: width(to_terminal),
        max_findings: (!args.all).then_some(args.max_findings),
        fold_after: (!args.all).then_some(FOLD_AFTER),
        min_shown: if args.quiet {
            threshold
        } else {
            Some(Severity::Info)
        },
        fail_on: threshold,
        sarif_root: match &args.sarif_root {
            Some(dir) => dir.canonicalize().map_err(|e| {
                Fatal::Message(format!(
                    "--sarif-root '{}': {}",
                    dir.display(),
                    plain_io_reason(&e)
                ))
            })?,
            None => crate::project::repository_root(cwd),
        },
        cwd: cwd.to_path_buf(),
    };
    let for_reading = matches!(args.format, Format::Human | Format::Compact);
    match &args.output {
        Some(path) => {
            let file = std::fs::File::create(path)
                .map_err(|e| Fatal::Message(format!("cannot write '{}': {e}", path.display())))?;
            let mut out = io::BufWriter::new(file);
            report::write(args.format, run, &report_options, &mut out)?;
            out.flush()?;
            let stdout = io::stdout();
            let mut terminal = stdout.lock();
            writeln!(
                terminal,
                "wrote the {} report to {}",
                format_name(args.format),
                escape::path(path)
            )?;
            writeln!(terminal, "{}", report::summary_line(run))?;
            if let Some(score) = report::score_line(run) {
                writeln!(terminal, "{score}")?;
            }
            writeln!(terminal, "{}", verdict.reason)?;
        }
        // Nothing could be linted: the errors on stderr said what, and "no
        // problems found in 0 files" would read as a pass.
        None if run.files.is_empty() && for_reading => {}
        None => {
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            report::write(args.format, run, &report_options, &mut out)?;
            if for_reading {
                writeln!(out, "{}", verdict.reason)?;
            }
            out.flush()?;
            if !for_reading {
                eprintln!("oasguard: {}", verdict.reason);
            }
        }
    }
    Ok(())
}

/// `--verbose`: every file linted, with its version and score, on stderr.
pub(super) fn list_checked(run: &Run) {
    for file in &run.files {
        eprintln!(
            "oasguard: checked '{}' ({}, {})",
            escape::path(&file.path),
            file.spec_version
                .as_deref()
                .map_or("no version".into(), escape::line),
            file.score
                .map_or("no score".to_owned(), |s| format!("score {s}/100"))
        );
    }
}

fn format_name(format: Format) -> String {
    use clap::ValueEnum;
    format
        .to_possible_value()
        .map_or_else(String::new, |v| v.get_name().to_owned())
}

/// `--color`, then FORCE_COLOR / CLICOLOR_FORCE (colour even into a pipe:
/// CI logs render it), then NO_COLOR, then whether stdout is a terminal. A
/// report file (`--output`) is coloured only on `--color always`: the
/// environment speaks for the log, not for files.
fn color(choice: ColorChoice, to_terminal: bool, to_file: bool) -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if to_file => false,
        ColorChoice::Auto if set("FORCE_COLOR") || set("CLICOLOR_FORCE") => true,
        ColorChoice::Auto => {
            to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// COLUMNS when set (tests and scripts fix the width so), else the
/// terminal's width, else a fixed width for logs and files.
fn width(to_terminal: bool) -> usize {
    if let Some(columns) = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
    {
        return columns;
    }
    if to_terminal && let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size() {
        return usize::from(w);
    }
    DEFAULT_WIDTH
}
