//! Findings: what a rule found, located in a file, ready for any reporter.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

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

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
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
    pub path: Arc<Path>,
    pub start: Position,
    /// Exclusive: the character after the region.
    pub end: Position,
    /// Byte range, for code frames.
    pub byte_start: usize,
    pub byte_end: usize,
    /// RFC 6901 pointer of the node within `path`.
    pub pointer: String,
    /// The reported node's fingerprint ([`crate::baseline::fingerprint`]):
    /// tells a finding that moved or whose documentation changed from one
    /// whose node changed.
    pub content_hash: u64,
    /// How many places this finding stands for: 1, or for one root cause
    /// reported once ("none of the 1,223 operations requires
    /// authentication"), the findings it replaces, which the score counts.
    pub places: u32,
    /// Set when an inline `x-oasguard-ignore` or a baseline silences it: the
    /// finding is kept (SARIF shows it as suppressed) but neither printed by
    /// the other formats nor counted.
    pub suppression: Option<Suppression>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SuppressionKind {
    /// `x-oasguard-ignore` in the spec.
    InSource,
    /// A baseline file.
    External,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    pub kind: SuppressionKind,
    pub justification: Option<String>,
}

impl Finding {
    /// A finding about a file as a whole (it cannot be read, say), placed at
    /// its first character.
    pub fn at_file_start(
        rule: &'static str,
        severity: Severity,
        path: Arc<Path>,
        message: String,
    ) -> Finding {
        let start = Position { line: 1, column: 1 };
        Finding {
            rule,
            severity,
            message,
            path,
            start,
            end: start,
            byte_start: 0,
            byte_end: 0,
            pointer: String::new(),
            content_hash: 0,
            places: 1,
            suppression: None,
        }
    }

    /// A key that survives edits elsewhere in the file: rule, file, pointer.
    pub fn stable_key(&self) -> String {
        format!("{}:{}#{}", self.rule, self.path.display(), self.pointer)
    }

    /// `stable_key` hashed to 16 hex digits, for fingerprint fields.
    pub fn fingerprint(&self) -> String {
        format!("{:016x}", fnv1a(self.stable_key().as_bytes()))
    }

    /// The deterministic output order: file, line, column, rule.
    /// The order of findings within one file (the engine compares paths
    /// first, cheaply when two findings share one).
    pub fn sort_key(&self) -> (&Position, &str, &str) {
        (&self.start, self.rule, &self.message)
    }
}

/// Per rule: how many places its active (unsuppressed) findings stand for
/// (see [`Finding::places`]), and the highest severity among them (a rule's
/// findings can differ: unauthenticated writes are errors, reads warnings).
pub fn tally<'a>(
    findings: impl Iterator<Item = &'a Finding>,
) -> BTreeMap<&'static str, (usize, Severity)> {
    let mut per_rule: BTreeMap<&str, (usize, Severity)> = BTreeMap::new();
    for f in findings.filter(|f| f.suppression.is_none()) {
        let (count, severity) = per_rule.entry(f.rule).or_insert((0, f.severity));
        *count += f.places as usize;
        *severity = (*severity).max(f.severity);
    }
    per_rule
}

pub use crate::source::fnv1a;
