//! Glob patterns in path arguments, for the shells and CI steps that pass
//! `'specs/**/*.yaml'` through unexpanded. A path is a pattern only when it
//! does not exist as written.

use std::path::{Path, PathBuf};

use globset::GlobBuilder;

use crate::discover::{Walk, spec_candidates};

pub(super) fn is_pattern(path: &Path) -> bool {
    path.to_str()
        .is_some_and(|text| text.contains(['*', '?', '[', '{']))
}

/// The spec candidates `pattern` matches: the directory walk below the
/// pattern's literal head (`specs` for `specs/**/*.yaml`), so the same
/// files are skipped (hidden, `.gitignore`d; each config's excludes are
/// applied by the caller). `*` stays
/// within a folder, `**` crosses folders. Matching nothing is an error.
pub(super) fn expand(pattern: &Path) -> Result<Walk, String> {
    let text = pattern.to_str().unwrap_or_default();
    let matcher = GlobBuilder::new(text)
        .literal_separator(true)
        .build()
        .map_err(|e| format!("invalid glob '{text}': {}", e.kind()))?
        .compile_matcher();
    let head: PathBuf = pattern
        .components()
        .take_while(|c| !is_pattern(Path::new(c.as_os_str())))
        .collect();
    let head = if head.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        head
    };
    if !head.is_dir() {
        return Err(format!(
            "cannot read '{text}': no such file, and no folder '{}' to match it in",
            head.display()
        ));
    }
    let mut walk = spec_candidates(&head);
    // A walk from `.` yields `./a.yaml`; the pattern says `a.yaml`.
    walk.files.retain(|file| {
        matcher.is_match(file) || matcher.is_match(file.strip_prefix(".").unwrap_or(file))
    });
    if walk.files.is_empty() && walk.errors.is_empty() {
        return Err(format!("no YAML or JSON file matches '{text}'"));
    }
    Ok(walk)
}
