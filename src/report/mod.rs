//! Reporters: one file per output format, all fed the same [`Run`].

mod compact;
mod human;
mod json;

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;

use crate::finding::{Finding, Severity};

/// Everything a reporter needs: the files linted and what was found.
#[derive(Default)]
pub struct Run {
    pub files: Vec<LintedFile>,
    pub findings: Vec<Finding>,
    /// Source texts by path, for code frames.
    pub sources: HashMap<PathBuf, Arc<str>>,
}

pub struct LintedFile {
    pub path: PathBuf,
    pub spec_version: Option<String>,
}

impl Run {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Compiler-style diagnostics with code frames.
    Human,
    /// One line per finding: `path:line:col: severity [rule] message`.
    Compact,
    /// One JSON document with stable field names.
    Json,
}

pub struct Style {
    pub color: bool,
}

pub fn write(format: Format, run: &Run, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Human => human::write(run, style, out),
        Format::Compact => compact::write(run, out),
        Format::Json => json::write(run, out),
    }
}

/// `2 errors, 1 warning, 0 info` — shared by the text formats.
pub fn severity_counts(run: &Run) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    format!(
        "{}, {}, {} info",
        plural(run.count(Severity::Error), "error"),
        plural(run.count(Severity::Warning), "warning"),
        run.count(Severity::Info)
    )
}
