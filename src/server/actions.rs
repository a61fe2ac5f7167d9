//! Code actions: for each finding in the requested range, its quick fix
//! (from the table in `fixes`) and "suppress <rule> here".

use std::collections::HashMap;
use std::path::Path;

use lsp_types::{CodeAction, CodeActionKind, TextEdit, Uri, WorkspaceEdit};
use serde_json::Value;

use super::diagnostics::Reports;
use super::documents::{Encoding, LineIndex};
use super::edits::Edit;
use super::fixes::{quick_fix, suppression};
use crate::source::{FileId, SourceFile};

pub fn code_actions(
    reports: &Reports,
    path: &Path,
    uri: &Uri,
    params: &Value,
    encoding: Encoding,
) -> Vec<CodeAction> {
    let (findings, text) = reports.in_file(path);
    let Some(text) = text else {
        return Vec::new();
    };
    let lines = LineIndex::new(&text, encoding);
    let range: Option<lsp_types::Range> = serde_json::from_value(params["range"].clone()).ok();
    let Some(range) = range else {
        return Vec::new();
    };
    let (start, end) = (lines.offset(range.start), lines.offset(range.end));
    let (file, _) = SourceFile::parse(FileId(0), path.to_path_buf(), text.to_string());
    let mut actions = Vec::new();
    for (finding, _) in findings {
        if finding.byte_end < start || finding.byte_start > end {
            continue;
        }
        let to_action = |title: String, edit: Edit, preferred: bool| CodeAction {
            title,
            kind: Some(CodeActionKind::QUICKFIX),
            edit: Some(workspace_edit(uri, &lines, edit)),
            is_preferred: preferred.then_some(true),
            ..CodeAction::default()
        };
        if let Some((title, edit)) = quick_fix(&file, finding.rule, &finding.pointer) {
            actions.push(to_action(title.to_owned(), edit, true));
        }
        if let Some((edit, covered)) = suppression(&file, finding.rule, &finding.pointer) {
            let title = format!(
                "Suppress {} {}",
                finding.rule,
                place(&finding.pointer, &covered)
            );
            actions.push(to_action(title, edit, false));
        }
    }
    actions
}

// lsp-types keys `WorkspaceEdit::changes` by `Uri`, whose interior
// mutability is a lazily filled parse cache that never changes its hash.
#[allow(clippy::mutable_key_type)]
fn workspace_edit(uri: &Uri, lines: &LineIndex<'_>, edit: Edit) -> WorkspaceEdit {
    let range = lines.range(edit.span.start as usize, edit.span.end as usize);
    let changes = HashMap::from([(uri.clone(), vec![TextEdit::new(range, edit.text)])]);
    WorkspaceEdit::new(changes)
}

/// Where a suppression reaches, for its title: "here" on the finding's own
/// object, else the object (or file) it covers.
fn place(finding: &str, covered: &str) -> String {
    let holder = finding.rsplit_once('/').map_or("", |(holder, _)| holder);
    if covered == finding || covered == holder {
        "here".to_owned()
    } else if covered.is_empty() {
        "in this file".to_owned()
    } else {
        format!("for {covered}")
    }
}
