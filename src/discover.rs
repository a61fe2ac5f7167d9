//! Finding spec files below a directory.

use std::path::{Path, PathBuf};

use globset::GlobSet;

use crate::config::Config;

/// Directories never worth walking into, even without a `.gitignore`.
const SKIPPED_DIRS: [&str; 3] = ["node_modules", "target", ".git"];

/// The config's `include`/`exclude` globs, relative to the config's folder.
pub struct Filter {
    base: PathBuf,
    include: Option<GlobSet>,
    exclude: GlobSet,
}

impl Filter {
    pub fn new(config: &Config, cwd: &Path) -> Filter {
        let base = config
            .dir()
            .map_or_else(|| cwd.to_path_buf(), |dir| cwd.join(dir));
        Filter {
            base: base.canonicalize().unwrap_or(base),
            include: config.include.clone(),
            exclude: config.exclude.clone(),
        }
    }

    pub fn admits(&self, path: &Path) -> bool {
        let absolute = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        let relative = absolute.strip_prefix(&self.base).unwrap_or(&absolute);
        self.include
            .as_ref()
            .is_none_or(|set| set.is_match(relative))
            && !self.exclude.is_match(relative)
    }
}

/// What a walk of one directory found.
#[derive(Debug, Default)]
pub struct Walk {
    /// YAML and JSON files, sorted so output is deterministic. Not only
    /// regular ones: a FIFO or device named like a spec is listed so that
    /// reading it reports it, rather than the walk dropping it unseen.
    pub files: Vec<PathBuf>,
    /// Entries the walk could not read (a folder without permission, ...):
    /// each names its path. Specs may hide below them, so they are errors.
    pub errors: Vec<String>,
    /// Ignore files that could not be parsed (a bad glob in a `.gitignore`):
    /// worth a warning, not a failed run — the walk went on without them.
    pub warnings: Vec<String>,
}

/// YAML and JSON files below `dir`: hidden entries, the usual build folders
/// and what the repository's `.gitignore` files ignore are skipped (each
/// file's config then applies its globs: [`Filter`]); symbolic links are
/// not followed. Whether each is
/// an OpenAPI document is decided once it is read.
///
/// Only committed `.gitignore` files decide what is skipped: not `.ignore`
/// files (an undocumented way to hide a spec from review), not the user's
/// global git excludes or `.git/info/exclude` (which differ from machine to
/// machine), and no `.gitignore` above the repository root (a shared
/// runner's `/tmp` is nobody's repository). Outside a git repository no
/// `.gitignore` is honoured.
pub fn spec_candidates(dir: &Path) -> Walk {
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .ignore(false)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(false)
        .require_git(true)
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            !(entry.file_type().is_some_and(|t| t.is_dir())
                && SKIPPED_DIRS.contains(&name.as_ref()))
        })
        .build();
    let mut walk = Walk::default();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                record(&mut walk, &error);
                continue;
            }
        };
        // An ignore file that could not be read or parsed comes with the
        // entry it belongs to.
        if let Some(error) = entry.error() {
            record(&mut walk, error);
        }
        let Some(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() || kind.is_symlink() {
            continue;
        }
        let path = entry.into_path();
        if has_spec_extension(&path) {
            walk.files.push(path);
        }
    }
    walk.files.sort();
    walk
}

fn has_spec_extension(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["yaml", "yml", "json"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}

/// Sorts a walker error: I/O on an entry is an error naming the entry, a
/// parse error in an ignore file a warning naming the file.
fn record(walk: &mut Walk, error: &ignore::Error) {
    match error {
        ignore::Error::Partial(errors) => {
            for error in errors {
                record(walk, error);
            }
        }
        ignore::Error::WithDepth { err, .. } => record(walk, err),
        _ if io_error(error).is_some() => walk.errors.push(describe(error)),
        ignore::Error::Loop { ancestor, child } => walk.errors.push(format!(
            "cannot read '{}': it loops back to '{}'",
            child.display(),
            ancestor.display()
        )),
        _ => walk.warnings.push(describe(error)),
    }
}

/// `cannot read 'PATH': permission denied`, or the walker's own words.
fn describe(error: &ignore::Error) -> String {
    match (error_path(error), io_error(error)) {
        (Some(path), Some(io)) => format!(
            "cannot read '{}': {}",
            path.display(),
            crate::workspace::plain_io_reason(io)
        ),
        (Some(path), None) => format!("{}: {}", path.display(), innermost(error)),
        (None, _) => error.to_string(),
    }
}

fn error_path(error: &ignore::Error) -> Option<&Path> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}

fn io_error(error: &ignore::Error) -> Option<&std::io::Error> {
    match error {
        ignore::Error::Io(io) => Some(io),
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => io_error(err),
        _ => None,
    }
}

/// The message under the path and depth wrappers (a line number kept).
fn innermost(error: &ignore::Error) -> String {
    match error {
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => {
            innermost(err)
        }
        other => other.to_string(),
    }
}
