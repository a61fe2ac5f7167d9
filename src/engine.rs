//! One root spec through the whole pipeline: load → model → rules → findings.

use std::path::PathBuf;
use std::sync::Arc;

use crate::finding::{Finding, Position, Severity};
use crate::model::{Spec, VersionCheck, detect_version};
use crate::rules::{Check, Context, REGISTRY, RawFinding, Rule, RuleOptions};
use crate::source::{SourceFile, Span};
use crate::workspace::{RootInput, Workspace};

/// Which rules run.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    /// Only these (which may include rules that are off by default).
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
}

impl Selection {
    pub fn enables(&self, rule: &Rule) -> bool {
        let chosen = match &self.select {
            Some(ids) => ids.iter().any(|id| id == rule.id),
            None => rule.enabled_by_default,
        };
        chosen && !self.ignore.iter().any(|id| id == rule.id)
    }
}

#[derive(Clone, Debug, Default)]
pub struct LintOptions {
    pub selection: Selection,
    pub rules: RuleOptions,
}

/// The result of linting one root spec (and the files it references).
pub struct SpecReport {
    pub path: PathBuf,
    /// `3.0.3`, `2.0`, … when the document says so.
    pub spec_version: Option<String>,
    pub findings: Vec<Finding>,
    /// Texts of every file loaded, for code frames.
    pub sources: Vec<(PathBuf, Arc<str>)>,
}

/// Lints a root spec. A file met while walking a directory (`explicit` false)
/// that is not OpenAPI yields `None`; one named explicitly yields a finding.
pub fn lint(root: RootInput, explicit: bool, options: &LintOptions) -> Option<SpecReport> {
    let looks_like_openapi = mentions_version_key(&root.text);
    let ws = Workspace::load(root);
    let file = ws.root_file();
    let mut findings: Vec<Finding> = Vec::new();
    let mut spec_version = None;

    match file.root() {
        None if !explicit && !looks_like_openapi => return None,
        None => {
            if !ws.problems.iter().any(|p| p.rule == "parse-error") {
                push_loader(
                    &mut findings,
                    file,
                    "not-openapi",
                    Span::default(),
                    "the file is empty",
                );
            }
        }
        Some(root) => match detect_version(root) {
            VersionCheck::Missing if !explicit => return None,
            VersionCheck::Missing => {
                let span = if root.is_map() {
                    root.report_span()
                } else {
                    root.span()
                };
                push_loader(
                    &mut findings,
                    file,
                    "not-openapi",
                    span,
                    "the document has no top-level 'openapi' or 'swagger' key",
                );
            }
            VersionCheck::Unsupported { node, value } => {
                spec_version = Some(value.clone());
                push_loader(
                    &mut findings,
                    file,
                    "not-openapi",
                    node.span(),
                    &format!(
                        "version '{value}' is not one oasguard reads (2.0, 3.0.x, 3.1.x, 3.2.x)"
                    ),
                );
            }
            VersionCheck::Supported { version, node } => {
                spec_version = node
                    .as_str()
                    .map(str::to_owned)
                    .or(Some(version.label().to_owned()));
                let spec = Spec::build(&ws, root, version, node);
                let mut raw = Vec::new();
                for rule in REGISTRY.iter().filter(|r| options.selection.enables(r)) {
                    if let Check::Spec(check) = rule.check
                        && rule.versions.contains(&version)
                    {
                        check(&mut Context::new(&spec, &options.rules, rule, &mut raw));
                    }
                }
                findings.extend(raw.iter().map(locate));
            }
        },
    }
    for problem in &ws.problems {
        push_loader(
            &mut findings,
            ws.file(problem.file),
            problem.rule,
            problem.span,
            &problem.message,
        );
    }
    findings.retain(|f| crate::rules::find(f.rule).is_some_and(|r| options.selection.enables(r)));
    sort_and_dedup(&mut findings);

    Some(SpecReport {
        path: ws.root_file().path.clone(),
        spec_version,
        findings,
        sources: ws.texts().map(|(p, t)| (p.to_path_buf(), t)).collect(),
    })
}

/// Cheap sniff for a broken file that was meant to be a spec, so a parse
/// error in it is reported even when it was only found by walking a folder.
fn mentions_version_key(text: &str) -> bool {
    let head = &text[..text.len().min(4096)];
    let head = &head[..head.floor_char_boundary(head.len())];
    head.lines().any(|line| {
        let line = line.trim_start_matches([' ', '{', '\u{feff}']);
        ["openapi", "swagger", "\"openapi\"", "\"swagger\""]
            .iter()
            .any(|key| {
                line.strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with(':'))
            })
    })
}

fn locate(raw: &RawFinding<'_>) -> Finding {
    let file = raw.node.file;
    let mut finding = located(
        file,
        raw.rule.id,
        raw.severity,
        raw.span,
        raw.message.clone(),
    );
    finding.pointer = raw.node.pointer();
    finding
}

fn push_loader(
    findings: &mut Vec<Finding>,
    file: &SourceFile,
    rule: &'static str,
    span: Span,
    message: &str,
) {
    let severity = crate::rules::find(rule).map_or(Severity::Error, |r| r.severity);
    let mut finding = located(file, rule, severity, span, message.to_owned());
    finding.pointer = pointer_at(file, span);
    findings.push(finding);
}

fn located(
    file: &SourceFile,
    rule: &'static str,
    severity: Severity,
    span: Span,
    message: String,
) -> Finding {
    let (line, column) = file.line_col(span.start);
    let (end_line, end_column) = file.line_col(span.end.max(span.start));
    Finding {
        rule,
        severity,
        message,
        path: file.path.clone(),
        start: Position { line, column },
        end: Position {
            line: end_line,
            column: end_column,
        },
        byte_start: span.start as usize,
        byte_end: span.end as usize,
        pointer: String::new(),
    }
}

/// The pointer of the innermost node whose key or value holds `span` (loader
/// problems know a span, not a node).
fn pointer_at(file: &SourceFile, span: Span) -> String {
    let Some(mut node) = file.root() else {
        return String::new();
    };
    'descend: loop {
        for (key, child) in node.entries() {
            let s = child.span();
            if key.span.start <= span.start && span.start < key.span.end.max(s.end) {
                node = child;
                continue 'descend;
            }
        }
        for child in node.items() {
            let s = child.span();
            if s.start <= span.start && span.start < s.end {
                node = child;
                continue 'descend;
            }
        }
        return node.pointer();
    }
}

/// Deterministic order, and each problem once: a file reached from several
/// roots (or a schema reported twice through aliases) still shows once.
pub fn sort_and_dedup(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup_by(|a, b| {
        a.rule == b.rule
            && a.path == b.path
            && a.byte_start == b.byte_start
            && a.message == b.message
    });
}

/// A file named on the command line that is not text oasguard can read
/// (too large, not UTF-8): a `parse-error` finding rather than a crash.
pub fn unreadable(path: &std::path::Path, message: String) -> SpecReport {
    SpecReport {
        path: path.to_path_buf(),
        spec_version: None,
        findings: vec![Finding {
            rule: "parse-error",
            severity: Severity::Error,
            message,
            path: path.to_path_buf(),
            start: Position { line: 1, column: 1 },
            end: Position { line: 1, column: 1 },
            byte_start: 0,
            byte_end: 0,
            pointer: String::new(),
        }],
        sources: Vec::new(),
    }
}
