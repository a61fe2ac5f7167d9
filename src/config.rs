//! `.oasguard.yaml`: per-project settings, found in each spec's directory
//! or a parent up to the repository root. Every mistake in it is an error
//! with its file, line and a suggestion — a typo must never silently turn a
//! rule off.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::finding::Severity;
use crate::source::{FileId, Node, SourceFile};
use crate::workspace::RemoteRefs;

pub const FILE_NAMES: [&str; 2] = [".oasguard.yaml", ".oasguard.yml"];
const KEYS: [&str; 7] = [
    "rules",
    "include",
    "exclude",
    "schemas",
    "fail-on",
    "root",
    "remote-refs",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleSetting {
    Off,
    On(Severity),
}

#[derive(Debug, Default)]
pub struct Config {
    /// The file read, when there was one.
    pub path: Option<PathBuf>,
    pub rules: HashMap<String, RuleSetting>,
    /// `include:` globs, compiled; `None` admits every file.
    pub include: Option<GlobSet>,
    /// `exclude:` globs, compiled (empty when unset).
    pub exclude: GlobSet,
    pub output_schemas: Option<bool>,
    /// `error`, `warning`, `info` or `never`, checked.
    pub fail_on: Option<String>,
    /// `root:`, relative to the config's folder: the project root, which
    /// `$ref`s may not leave (default: the config's folder).
    pub root: Option<PathBuf>,
    /// `remote-refs: accept` leaves `$ref`s to URLs unresolved without a
    /// finding; `error` (the default) reports each.
    pub remote_refs: Option<RemoteRefs>,
}

impl Config {
    /// The directory the config file sits in.
    pub fn dir(&self) -> Option<&Path> {
        self.path.as_deref().and_then(Path::parent)
    }
}

#[derive(Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

/// Where `discover` looked for a config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discovery {
    /// The file found, if any.
    pub found: Option<PathBuf>,
    /// The last directory searched: the repository root, or `dir` itself
    /// outside a repository.
    pub searched_up_to: PathBuf,
}

/// The config file for a spec in `dir`: in it or its nearest parent that
/// has one, never above the repository root (the first directory holding
/// `.git`). A config one level above a checkout (a shared runner's `/tmp`,
/// a home directory) is nobody's decision for this repository: its
/// `fail-on: never` must not turn a failing run green. Outside a repository
/// the search stops at `boundary` (the current directory, which the user
/// chose) when `dir` is below it, and searches `dir` alone otherwise.
pub fn discover(dir: &Path, boundary: &Path) -> Discovery {
    let stop = dir
        .ancestors()
        .find(|d| d.join(".git").exists())
        .or_else(|| dir.starts_with(boundary).then_some(boundary))
        .unwrap_or(dir);
    let searched: Vec<&Path> = dir
        .ancestors()
        .take_while(|d| *d != stop)
        .chain([stop])
        .collect();
    let found = searched
        .iter()
        .flat_map(|d| FILE_NAMES.iter().map(move |name| d.join(name)))
        // Whatever its type: a config that is a FIFO or a dangling link is
        // reported by `load`, not passed over for a parent's.
        .find(|candidate| candidate.symlink_metadata().is_ok());
    Discovery {
        found,
        searched_up_to: stop.to_path_buf(),
    }
}

pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let error_at = |line, column, message: String| ConfigError {
        path: path.to_path_buf(),
        line,
        column,
        message,
    };
    let text = crate::workspace::read_text(path)
        .map_err(|error| error_at(1, 1, format!("cannot read the config: {error}")))?;
    let (file, error) = SourceFile::parse(FileId(0), path.to_path_buf(), text);
    if let Some(error) = error {
        let (line, column) = file.line_col(error.offset as u32);
        return Err(error_at(line, column, error.message));
    }
    let mut config = Config {
        path: Some(path.to_path_buf()),
        ..Config::default()
    };
    let Some(root) = file.root().filter(|r| !r.is_null()) else {
        return Ok(config);
    };
    let fail = |node: Node<'_>, message: String| {
        let (line, column) = file.line_col(node.report_span().start);
        Err(error_at(line, column, message))
    };
    if !root.is_map() {
        return fail(root, "the config must be a mapping of settings".into());
    }
    if let Some(dup) = file.duplicate_keys.first() {
        let (line, column) = file.line_col(dup.span.start);
        return Err(error_at(
            line,
            column,
            format!("'{}' is set twice", dup.key),
        ));
    }
    for (key, value) in root.entries() {
        // A key whose settings are all commented out is simply unset.
        if value.is_null() && key.name != "fail-on" {
            continue;
        }
        let at_key = |message: String| {
            let (line, column) = file.line_col(key.span.start);
            Err(error_at(line, column, message))
        };
        match key.name {
            "rules" => {
                if !value.is_map() {
                    return fail(
                        value,
                        "`rules` maps rule ids to off, info, warning or error".into(),
                    );
                }
                for (id, setting) in value.entries() {
                    if crate::rules::find(id.name).is_none() {
                        let (line, column) = file.line_col(id.span.start);
                        return Err(error_at(
                            line,
                            column,
                            format!(
                                "unknown rule '{}'{}",
                                id.name,
                                did_you_mean(id.name, crate::rules::REGISTRY.iter().map(|r| r.id))
                            ),
                        ));
                    }
                    let parsed = match setting.as_str() {
                        Some("off") => RuleSetting::Off,
                        Some("info") => RuleSetting::On(Severity::Info),
                        Some("warning") => RuleSetting::On(Severity::Warning),
                        Some("error") => RuleSetting::On(Severity::Error),
                        // YAML 1.1 habit: `off` unquoted is still a string in 1.2, but `false` is not.
                        _ if setting.as_bool() == Some(false) => RuleSetting::Off,
                        _ => {
                            let hint = did_you_mean(
                                setting.as_str().unwrap_or_default(),
                                ["off", "info", "warning", "error"],
                            );
                            return fail(
                                setting,
                                format!("'{}' must be off, info, warning or error{hint}", id.name),
                            );
                        }
                    };
                    config.rules.insert(id.name.to_owned(), parsed);
                }
            }
            "include" | "exclude" => {
                let mut globs = GlobSetBuilder::new();
                for item in value.items() {
                    let Some(glob) = item.as_str() else {
                        return fail(
                            item,
                            format!("`{}` lists glob patterns as strings", key.name),
                        );
                    };
                    match Glob::new(glob) {
                        Ok(glob) => globs.add(glob),
                        Err(e) => {
                            return fail(item, format!("invalid glob '{glob}': {}", e.kind()));
                        }
                    };
                }
                if !value.is_seq() {
                    return fail(value, format!("`{}` is a list of glob patterns", key.name));
                }
                let globs = match globs.build() {
                    Ok(globs) => globs,
                    Err(e) => return fail(value, format!("invalid globs: {}", e.kind())),
                };
                if key.name == "include" {
                    config.include = Some(globs);
                } else {
                    config.exclude = globs;
                }
            }
            "schemas" => {
                for (option, setting) in value.entries() {
                    if option.name != "output" {
                        let (line, column) = file.line_col(option.span.start);
                        return Err(error_at(
                            line,
                            column,
                            format!(
                                "unknown key 'schemas.{}'{}",
                                option.name,
                                did_you_mean(option.name, ["output"])
                            ),
                        ));
                    }
                    match setting.as_bool() {
                        Some(b) => config.output_schemas = Some(b),
                        None => return fail(setting, "`schemas.output` is true or false".into()),
                    }
                }
                if !value.is_map() {
                    return fail(
                        value,
                        "`schemas` is a mapping, such as `{output: true}`".into(),
                    );
                }
            }
            "root" => match value.as_str() {
                Some(dir) => config.root = Some(PathBuf::from(dir)),
                None => return fail(value, "`root` is a directory, relative to this file".into()),
            },
            "remote-refs" => match value.as_str() {
                Some("accept") => config.remote_refs = Some(RemoteRefs::Accept),
                Some("error") => config.remote_refs = Some(RemoteRefs::Error),
                _ => return fail(value, "`remote-refs` is accept or error".into()),
            },
            "fail-on" => match value.as_str() {
                Some(level @ ("error" | "warning" | "info" | "never")) => {
                    config.fail_on = Some(level.to_owned())
                }
                _ => {
                    let hint = did_you_mean(
                        value.as_str().unwrap_or_default(),
                        ["error", "warning", "info", "never"],
                    );
                    return fail(
                        value,
                        format!("`fail-on` is error, warning, info or never{hint}"),
                    );
                }
            },
            other => {
                return at_key(format!(
                    "unknown key '{other}'{}",
                    did_you_mean(other, KEYS)
                ));
            }
        }
    }
    Ok(config)
}

/// ` (did you mean 'x'?)` for the closest candidate, when close enough.
pub fn did_you_mean<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> String {
    crate::suggest::closest(word, candidates)
        .map_or_else(String::new, |best| format!(" (did you mean '{best}'?)"))
}

/// The commented default `oasguard init` writes.
pub const DEFAULT: &str = r#"# oasguard configuration — https://github.com/oasguard/oasguard
# Command-line flags override what is set here.

# Severity per rule: off, info, warning or error (`oasguard rules` lists them).
rules:
  # server-audience-undeclared: info     # off by default; turn it on like this
  # rate-limit-response-undefined: off

# Which files `oasguard lint <dir>` picks up (globs relative to this file).
# include: ["specs/**/*.yaml"]
# exclude: ["specs/vendor/**"]

# Judge response schemas with the schema rules too (default: input only).
schemas:
  output: false

# Exit 1 when a finding at or above this severity exists: error, warning, info, never.
fail-on: error

# The project root (relative to this file; default: this file's folder),
# inside this file's repository. `$ref`s may point anywhere inside it,
# never outside.
# root: ..

# `$ref`s to URLs are never fetched. `error` reports each one; `accept`
# leaves them unresolved without a finding.
# remote-refs: error
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_config_loads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".oasguard.yaml");
        std::fs::write(&path, DEFAULT).unwrap();
        let config = load(&path).unwrap();
        assert_eq!(config.fail_on.as_deref(), Some("error"));
        assert_eq!(config.output_schemas, Some(false));
    }
}
