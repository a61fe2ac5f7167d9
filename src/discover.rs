//! Finding spec files below a directory.

use std::path::{Path, PathBuf};

use crate::config::Config;

/// Directories never worth walking into, even without a `.gitignore`.
const SKIPPED_DIRS: [&str; 3] = ["node_modules", "target", ".git"];

/// The config's `include`/`exclude` globs, relative to the config's folder.
pub struct Filter<'c> {
    base: PathBuf,
    config: &'c Config,
}

impl<'c> Filter<'c> {
    pub fn new(config: &'c Config, cwd: &Path) -> Filter<'c> {
        let base = config
            .path
            .as_ref()
            .and_then(|p| p.parent())
            .map_or_else(|| cwd.to_path_buf(), |dir| cwd.join(dir));
        Filter {
            base: base.canonicalize().unwrap_or(base),
            config,
        }
    }

    fn admits(&self, path: &Path) -> bool {
        let absolute = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        let relative = absolute.strip_prefix(&self.base).unwrap_or(&absolute);
        self.config
            .include
            .as_ref()
            .is_none_or(|set| set.is_match(relative))
            && !self.config.exclude.is_match(relative)
    }
}

/// YAML and JSON files below `dir` (hidden entries, ignored files and the
/// usual build folders skipped, the config's globs applied), sorted so
/// output is deterministic. Whether each is an OpenAPI document is decided
/// once it is parsed.
pub fn spec_candidates(dir: &Path, filter: &Filter<'_>) -> Vec<PathBuf> {
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
        .filter(|p| filter.admits(p))
        .collect();
    files.sort();
    files
}
