//! Hover (a finding's rule documentation) and go to definition (a `$ref`'s
//! target, across files).

use std::path::{Path, PathBuf};

use lsp_types::{Hover, HoverContents, Location, MarkupContent, MarkupKind};

use super::diagnostics::Reports;
use super::documents::{Encoding, LineIndex, path_to_uri};
use crate::source::Node;
use crate::workspace::{Overlay, RefPolicy, RemoteRefs, RootInput, Workspace};

/// The documentation of every rule with a finding under `offset` of `file`.
pub fn hover(reports: &Reports, file: &Path, offset: usize) -> Option<Hover> {
    let (findings, _) = reports.in_file(file);
    let mut sections: Vec<String> = Vec::new();
    for (finding, _) in findings {
        let covers = finding.byte_start <= offset && offset <= finding.byte_end;
        let doc = crate::rules::find(finding.rule).map_or("", |r| r.doc);
        if covers {
            sections.push(format!(
                "**{}** ({}): {}\n\n{doc}",
                finding.rule,
                finding.severity.as_str(),
                finding.message
            ));
        }
    }
    (!sections.is_empty()).then(|| Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: sections.join("\n\n---\n\n"),
        }),
        range: None,
    })
}

/// Where the `$ref` under `offset` of `file` points. The workspace is loaded
/// from `root` (a spec that reaches `file`, or `file` itself), so relative
/// references resolve inside the same sandbox (the project root) as a lint.
pub fn definition(
    root: &Path,
    sandbox: Option<PathBuf>,
    file: &Path,
    offset: usize,
    overlay: &Overlay,
    encoding: Encoding,
) -> Option<Location> {
    let text = match overlay.get(root) {
        Some(text) => text.to_string(),
        None => crate::workspace::read_text(root).ok()?,
    };
    let input = RootInput {
        display: root.to_path_buf(),
        canonical: root.to_path_buf(),
        text,
    };
    let policy = RefPolicy {
        sandbox,
        remote: RemoteRefs::Error,
    };
    let mut ws = Workspace::open(input, policy, overlay.clone());
    ws.resolve_references();
    let source = ws.files.iter().find(|f| &*f.path == file)?;
    let mut node = source.root()?;
    while let Some(child) = node.child_at(offset as u32) {
        node = child;
    }
    // On the `$ref` key or its value: the mapping that holds it.
    let holder = if node.is_map() {
        Some(node)
    } else {
        node.parent()
    };
    let reference = holder.filter(|m| m.get("$ref").is_some())?;
    let target: Node<'_> = ws.ref_target(reference)?;
    let target_file = target.file;
    let lines = LineIndex::new(&target_file.text, encoding);
    let span = target.report_span();
    let uri = path_to_uri(&target_file.path)?;
    Some(Location::new(
        uri,
        lines.range(span.start as usize, span.end as usize),
    ))
}
