//! Finding spec files below a directory.

use std::path::{Path, PathBuf};

/// Directories never worth walking into, even without a `.gitignore`.
const SKIPPED_DIRS: [&str; 3] = ["node_modules", "target", ".git"];

/// YAML and JSON files below `dir` (hidden entries, ignored files and the
/// usual build folders skipped), sorted so output is deterministic. Whether
/// each is an OpenAPI document is decided once it is parsed.
pub fn spec_candidates(dir: &Path) -> Vec<PathBuf> {
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(true)
        .require_git(false)
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            !(entry.file_type().is_some_and(|t| t.is_dir())
                && SKIPPED_DIRS.contains(&name.as_ref()))
        })
        .build();
    let mut files: Vec<PathBuf> = walker
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                ["yaml", "yml", "json"]
                    .iter()
                    .any(|x| e.eq_ignore_ascii_case(x))
            })
        })
        .collect();
    files.sort();
    files
}
