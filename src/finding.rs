//! Findings: what a rule found, located in a file, ready for any reporter.

use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// 1-based.
    pub line: usize,
    /// 1-based, in Unicode characters.
    pub column: usize,
}

#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// The file the node lives in, as the user named it (or as reached from
    /// it through `$ref`).
    pub path: PathBuf,
    pub start: Position,
    /// Exclusive: the character after the region.
    pub end: Position,
    /// Byte range, for code frames.
    pub byte_start: usize,
    pub byte_end: usize,
    /// RFC 6901 pointer of the node within `path`.
    pub pointer: String,
}

impl Finding {
    /// The deterministic output order: file, line, column, rule.
    pub fn sort_key(&self) -> (&PathBuf, &Position, &str, &str) {
        (&self.path, &self.start, self.rule, &self.message)
    }
}
