//! Reporters: one file per output format, all fed the same [`Run`].

mod compact;
pub mod escape;
mod github;
mod gitlab;
mod human;
mod json;
mod junit;
mod sarif;
mod statistics;

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;

use crate::finding::{Finding, Severity};
use crate::rules::Rule;

/// Everything a reporter needs: the files linted and what was found.
#[derive(Default)]
pub struct Run {
    pub files: Vec<LintedFile>,
    /// Every finding, suppressed ones included (see [`Run::active`]).
    pub findings: Vec<Finding>,
    /// Source texts by path, for code frames.
    pub sources: HashMap<PathBuf, Arc<str>>,
    /// The rules that ran, in registry order (SARIF lists them).
    pub rules: Vec<&'static Rule>,
    /// The config files in use, for the machine formats' metadata.
    pub configs: Vec<PathBuf>,
    /// The baseline applied, if any.
    pub baseline: Option<BaselineUse>,
}

/// A baseline and how many findings it hid.
pub struct BaselineUse {
    pub path: PathBuf,
    pub hidden: usize,
}

pub struct LintedFile {
    pub path: PathBuf,
    pub spec_version: Option<String>,
    /// See [`crate::score`]; `None` for a file that is not an OpenAPI
    /// document oasguard could read (a broken file earns no score).
    pub score: Option<u8>,
}

impl Run {
    /// The findings that count: not suppressed.
    pub fn active(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.suppression.is_none())
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.active().filter(|f| f.severity == severity).count()
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
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML, for CI test reports.
    Junit,
    /// GitLab Code Quality JSON.
    Gitlab,
    /// Findings counted per rule, most frequent first.
    Statistics,
}

pub struct ReportOptions {
    pub color: bool,
    /// Columns a code frame may take.
    pub width: usize,
    /// Findings the human format prints at most (`None`: all).
    pub max_findings: Option<usize>,
    /// Findings of one rule the human format prints before folding the rest
    /// into one line (`None`: never folds).
    pub fold_after: Option<usize>,
    /// The least severity the human and compact formats print (`--quiet`
    /// shows only what fails the run, `None` when nothing can); counts and
    /// scores keep every finding.
    pub min_shown: Option<Severity>,
    /// The least severity that fails the run (`--fail-on`; `None`: never):
    /// JUnit makes failing test cases of those findings only.
    pub fail_on: Option<Severity>,
    /// Directory SARIF artifact URIs are relative to (the repository root).
    pub sarif_root: PathBuf,
    /// Directory the paths in findings are relative to.
    pub cwd: PathBuf,
}

pub fn write(
    format: Format,
    run: &Run,
    options: &ReportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::write(run, options, out),
        Format::Compact => compact::write(run, options, out),
        Format::Json => json::write(run, out),
        Format::Sarif => sarif::write(run, options, out),
        Format::Github => github::write(run, out),
        Format::Junit => junit::write(run, options, out),
        Format::Gitlab => gitlab::write(run, out),
        Format::Statistics => statistics::write(run, out),
    }
}

/// `12 problems (1 error, ...) in 3 files`, or that nothing was found.
pub fn summary_line(run: &Run) -> String {
    let files = plural(run.files.len(), "file");
    match run.active().count() {
        0 => format!("no problems found in {files}"),
        total => format!(
            "{} ({}) in {files}",
            plural(total, "problem"),
            severity_counts(run)
        ),
    }
}

/// `security score: 90/100`, or the lowest of several files; files with no
/// score (not OpenAPI, or broken) are counted on a line of their own.
pub fn score_line(run: &Run) -> Option<String> {
    let scored: Vec<(&LintedFile, u8)> = run
        .files
        .iter()
        .filter_map(|f| Some((f, f.score?)))
        .collect();
    let score = match scored.as_slice() {
        [] => None,
        [(_, score)] if run.files.len() == 1 => Some(format!("security score: {score}/100")),
        files => files.iter().min_by_key(|(_, s)| *s).map(|(lowest, score)| {
            format!(
                "lowest security score: {score}/100 ({})",
                escape::path(&lowest.path)
            )
        }),
    };
    let unscored = run.files.len() - scored.len();
    let unscored = (unscored > 0).then(|| {
        format!(
            "no security score for {}: not an OpenAPI document oasguard could read",
            plural(unscored, "file")
        )
    });
    match (score, unscored) {
        (Some(score), Some(unscored)) => Some(format!("{score}\n{unscored}")),
        (score, unscored) => score.or(unscored),
    }
}

/// `[{"file": ..., "score": ...}]`, for the machine formats.
pub fn score_entries(run: &Run) -> serde_json::Value {
    run.files
        .iter()
        .map(|f| serde_json::json!({"file": f.path.display().to_string(), "score": f.score}))
        .collect()
}

/// Which configs and baseline a run used, for the machine formats.
pub fn run_metadata(run: &Run) -> serde_json::Value {
    serde_json::json!({
        "configs": run.configs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
        "baseline": run.baseline.as_ref().map(|b| serde_json::json!({
            "path": b.path.display().to_string(),
            "hidden": b.hidden,
        })),
    })
}

/// `2 errors, 1 warning, 0 info` — shared by the text formats.
pub fn severity_counts(run: &Run) -> String {
    format!(
        "{}, {}, {} info",
        plural(run.count(Severity::Error), "error"),
        plural(run.count(Severity::Warning), "warning"),
        run.count(Severity::Info)
    )
}

/// `1 error`, `2 errors`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `text` in the colour of `severity` (red, yellow, cyan), when colour is on.
pub fn paint(severity: Severity, text: &str, color: bool) -> String {
    if !color {
        return text.to_owned();
    }
    let code = match severity {
        Severity::Error => 31,
        Severity::Warning => 33,
        Severity::Info => 36,
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}
