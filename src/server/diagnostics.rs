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
use crate::engine::{LintOptions, lint_in};
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
        if let Some(report) =
            input.and_then(|i| lint_in(i, sandbox, false, options, overlay.clone()))
        {
            let files: Vec<(PathBuf, Arc<str>)> = report.sources;
            touched.extend(files.iter().map(|(path, _)| path.clone()));
            let findings = report.findings;
            self.by_root
                .insert(root.to_path_buf(), RootReport { findings, files });
        }
        touched
    }

    pub fn forget(&mut self, root: &Path) -> Vec<PathBuf> {
        self.by_root
            .remove(root)
            .map(|old| old.files.into_iter().map(|(path, _)| path).collect())
            .unwrap_or_default()
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

/// The diagnostics of one file: code = rule id, a link to the rule's
/// documentation, and, for a finding in a `$ref`'d file, the root spec that
/// reached it.
pub fn diagnostics(reports: &Reports, file: &Path, encoding: Encoding) -> Vec<Diagnostic> {
    let (findings, text) = reports.in_file(file);
    let Some(text) = text else {
        return Vec::new();
    };
    let lines = LineIndex::new(&text, encoding);
    // One documentation link per rule, not one URI parse per finding.
    let mut docs: HashMap<&str, Option<CodeDescription>> = HashMap::new();
    findings
        .into_iter()
        .map(|(finding, root)| {
            let doc = docs
                .entry(finding.rule)
                .or_insert_with(|| rule_docs(finding.rule).map(|href| CodeDescription { href }));
            diagnostic(finding, root, file, &lines, doc.clone())
        })
        .collect()
}

fn diagnostic(
    finding: &Finding,
    root: &Path,
    file: &Path,
    lines: &LineIndex<'_>,
    code_description: Option<CodeDescription>,
) -> Diagnostic {
    let related = (root != file).then(|| {
        let uri = path_to_uri(root)?;
        Some(vec![DiagnosticRelatedInformation {
            location: Location::new(uri, lsp_types::Range::default()),
            message: format!("reached through $ref from {}", root.display()),
        }])
    });
    Diagnostic {
        range: lines.range(finding.byte_start, finding.byte_end),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.rule.to_owned())),
        code_description,
        source: Some("oasguard".to_owned()),
        message: finding.message.clone(),
        related_information: related.flatten(),
        tags: None,
        data: None,
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
