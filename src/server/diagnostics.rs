//! Linting the workspace's specs with the engine and turning findings into
//! LSP diagnostics, published on the file each finding is in.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Uri,
};

use super::documents::{Encoding, LineIndex, path_to_uri};
use crate::engine::{LintOptions, Reference, lint_with_references};
use crate::finding::{Finding, Severity};
use crate::workspace::{Overlay, RootInput, read_text};

/// Where a rule's documentation is published (`rules/<id>.md` of the
/// repository), the diagnostic's code description.
const RULE_DOCS: &str = "https://github.com/oasguard/oasguard/blob/main/rules/";

/// What one root spec's last lint found.
pub struct RootReport {
    pub findings: Vec<Finding>,
    /// Every file the lint read (the root and its `$ref` targets), with the
    /// text it read.
    pub files: Vec<(PathBuf, Arc<str>)>,
    /// Every resolved `$ref`, for related information.
    pub references: Vec<Reference>,
}

/// Every root spec's last lint.
#[derive(Default)]
pub struct Reports {
    by_root: HashMap<PathBuf, RootReport>,
}

impl Reports {
    /// Lints `root` (from the overlay when the editor has it open), its
    /// `$ref`s inside `sandbox`, and
    /// records the result; returns the files whose diagnostics may have
    /// changed. A file that is not OpenAPI (a `$ref`'d fragment, any other
    /// YAML) is no root and gets nothing.
    pub fn lint(
        &mut self,
        root: &Path,
        sandbox: Option<PathBuf>,
        options: &LintOptions,
        overlay: &Overlay,
    ) -> Vec<PathBuf> {
        let mut touched: Vec<PathBuf> = self
            .by_root
            .remove(root)
            .map(|old| old.files.into_iter().map(|(path, _)| path).collect())
            .unwrap_or_default();
        let text = match overlay.get(root) {
            Some(text) => Some(text.to_string()),
            None => read_text(root).ok(),
        };
        let input = text.map(|text| RootInput {
            display: root.to_path_buf(),
            canonical: root.to_path_buf(),
            text,
        });
        let linted = input.and_then(|i| lint_with_references(i, sandbox, options, overlay.clone()));
        if let Some((report, references)) = linted {
            let files: Vec<(PathBuf, Arc<str>)> = report.sources;
            touched.extend(files.iter().map(|(path, _)| path.clone()));
            let findings = report.findings;
            let report = RootReport {
                findings,
                files,
                references,
            };
            self.by_root.insert(root.to_path_buf(), report);
        }
        touched
    }

    pub fn forget(&mut self, root: &Path) -> Vec<PathBuf> {
        self.by_root
            .remove(root)
            .map(|old| old.files.into_iter().map(|(path, _)| path).collect())
            .unwrap_or_default()
    }

    /// The reports whose lint read `file`.
    fn reading<'r>(&'r self, file: &'r Path) -> impl Iterator<Item = &'r RootReport> + 'r {
        self.by_root
            .values()
            .filter(move |report| report.files.iter().any(|(path, _)| path == file))
    }

    /// Roots whose last lint read `file`.
    pub fn roots_reading(&self, file: &Path) -> Vec<PathBuf> {
        self.by_root
            .iter()
            .filter(|(_, report)| report.files.iter().any(|(path, _)| path == file))
            .map(|(root, _)| root.clone())
            .collect()
    }

    pub fn roots(&self) -> impl Iterator<Item = &PathBuf> {
        self.by_root.keys()
    }

    /// The active findings in `file` from every root that reached it, each
    /// once, with the text they were found in and the roots that found them.
    pub fn in_file(&self, file: &Path) -> (Vec<(&Finding, &Path)>, Option<Arc<str>>) {
        let mut findings = Vec::new();
        let mut text = None;
        let mut seen = BTreeSet::new();
        for (root, report) in &self.by_root {
            let Some((_, file_text)) = report.files.iter().find(|(path, _)| path == file) else {
                continue;
            };
            text.get_or_insert_with(|| Arc::clone(file_text));
            for finding in &report.findings {
                let key = (finding.rule, finding.byte_start, &finding.message);
                if finding.suppression.is_none() && *finding.path == *file && seen.insert(key) {
                    findings.push((finding, root.as_path()));
                }
            }
        }
        (findings, text)
    }
}

/// The most `$ref`s a diagnostic lists as related information (a schema
/// may be used by hundreds of operations).
const MAX_RELATED: usize = 3;

/// The diagnostics of one file: code = rule id, a link to the rule's
/// documentation, and as related information the `$ref`s that bring the
/// reported node (or the nearest object around it that is referenced) into
/// use — for a shared schema, where operations take it in
/// (`related`: the client takes related information).
pub fn diagnostics(
    reports: &Reports,
    file: &Path,
    encoding: Encoding,
    related: bool,
) -> Vec<Diagnostic> {
    let (findings, text) = reports.in_file(file);
    let Some(text) = text else {
        return Vec::new();
    };
    let lines = LineIndex::new(&text, encoding);
    let uses = related.then(|| Uses::new(reports, file, encoding));
    // One documentation link per rule, not one URI parse per finding.
    let mut docs: HashMap<&str, Option<CodeDescription>> = HashMap::new();
    findings
        .into_iter()
        .map(|(finding, _)| {
            let doc = docs
                .entry(finding.rule)
                .or_insert_with(|| rule_docs(finding.rule).map(|href| CodeDescription { href }));
            Diagnostic {
                range: lines.range(finding.byte_start, finding.byte_end),
                severity: Some(severity(finding.severity)),
                code: Some(NumberOrString::String(finding.rule.to_owned())),
                code_description: doc.clone(),
                source: Some("oasguard".to_owned()),
                message: finding.message.clone(),
                related_information: uses.as_ref().and_then(|u| u.of(&finding.pointer, &lines)),
                tags: None,
                data: None,
            }
        })
        .collect()
}

/// The `$ref`s into one file, by the pointer of their target.
struct Uses<'r> {
    by_target: HashMap<&'r str, Vec<&'r Reference>>,
    /// The file's URI, and each other referring file's URI and text, to
    /// place the `$ref`s.
    name: &'r std::ffi::OsStr,
    uri: Option<Uri>,
    files: HashMap<&'r std::ffi::OsStr, (Uri, LineIndex<'r>)>,
}

impl<'r> Uses<'r> {
    fn new(reports: &'r Reports, file: &'r Path, encoding: Encoding) -> Uses<'r> {
        let mut by_target: HashMap<&str, Vec<&Reference>> = HashMap::new();
        let mut files = HashMap::new();
        let readers: Vec<&RootReport> = reports.reading(file).collect();
        // Paths compare as bytes: `Path`'s own comparison goes component by
        // component, which on GitHub's 10,000 `$ref`s is a tenth of a publish.
        let name = file.as_os_str();
        for report in &readers {
            for reference in report
                .references
                .iter()
                .filter(|r| r.to.as_os_str() == name)
            {
                by_target
                    .entry(reference.to_pointer.as_str())
                    .or_default()
                    .push(reference);
            }
        }
        // The files the `$ref`s are in, each indexed once (`file` itself
        // comes with the caller's index).
        for reference in by_target.values().flatten() {
            let from = reference.from.as_os_str();
            if from == name || files.contains_key(from) {
                continue;
            }
            let text = readers
                .iter()
                .flat_map(|report| &report.files)
                .find(|(path, _)| path.as_os_str() == from);
            if let (Some((_, text)), Some(uri)) = (text, path_to_uri(&reference.from)) {
                files.insert(from, (uri, LineIndex::new(text, encoding)));
            }
        }
        // A `$ref` seen by several specs is listed once.
        fn place<'a>(reference: &&'a Reference) -> (&'a std::ffi::OsStr, u32) {
            (reference.from.as_os_str(), reference.from_span.start)
        }
        for references in by_target.values_mut() {
            references.sort_by(|a, b| place(a).cmp(&place(b)));
            if readers.len() > 1 {
                references.dedup_by(|a, b| place(a) == place(b));
            }
        }
        Uses {
            by_target,
            name,
            uri: path_to_uri(file),
            files,
        }
    }

    /// The `$ref`s to the node at `pointer`, or to its nearest referenced
    /// ancestor.
    fn of(&self, pointer: &str, own: &LineIndex<'_>) -> Option<Vec<DiagnosticRelatedInformation>> {
        let mut at = pointer;
        let references = loop {
            if let Some(found) = self.by_target.get(at) {
                break found;
            }
            at = &at[..at.rfind('/')?];
        };
        let total = references.len();
        let place = if at.is_empty() { "this file" } else { at };
        let related = references
            .iter()
            .take(MAX_RELATED)
            .enumerate()
            .filter_map(|(index, reference)| {
                let from = reference.from.as_os_str();
                let (uri, lines) = if from == self.name {
                    (self.uri.as_ref()?, own)
                } else {
                    let (uri, lines) = self.files.get(from)?;
                    (uri, lines)
                };
                let span = reference.from_span;
                let range = lines.range(span.start as usize, span.end as usize);
                Some(DiagnosticRelatedInformation {
                    location: Location::new(uri.clone(), range),
                    message: format!("{place} is used here ({} of {total})", index + 1),
                })
            })
            .collect();
        Some(related)
    }
}

fn rule_docs(rule: &str) -> Option<Uri> {
    format!("{RULE_DOCS}{rule}.md").parse().ok()
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}
