//! The project a spec belongs to: the folder its file `$ref`s may reach.
//! `oasguard lint` and `oasguard server` place a spec the same way: the
//! config's project root (its `root:`, else its folder), else the
//! repository root, else the spec's own folder.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::workspace::plain_io_reason;

/// The nearest ancestor of `dir` holding `.git`, else `dir`.
pub fn repository_root(dir: &Path) -> PathBuf {
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .unwrap_or(dir)
        .to_path_buf()
}

/// The project root a loaded config sets (canonical): its `root:`, resolved
/// against its folder, or the folder itself; `None` for no config file.
/// A `root:` may not leave the config's repository (outside one, its own
/// folder): a pull request could otherwise reach a neighbouring checkout.
/// Only `--root` goes further.
pub fn config_root(config: &Config, cwd: &Path) -> Result<Option<PathBuf>, String> {
    let Some(dir) = config.dir() else {
        return Ok(None);
    };
    let dir = cwd.join(dir);
    let dir = dir.canonicalize().unwrap_or(dir);
    let Some(written) = &config.root else {
        return Ok(Some(dir));
    };
    let named = config.path.as_deref().unwrap_or(Path::new("")).display();
    let wanted = dir.join(written);
    let root = wanted.canonicalize().map_err(|e| {
        format!(
            "{named}: the project root '{}': {}",
            wanted.display(),
            plain_io_reason(&e)
        )
    })?;
    let limit = repository_root(&dir);
    if !root.starts_with(&limit) {
        return Err(format!(
            "{named}: `root: {}` leaves '{}'; a config may set a root inside its \
             repository (or, outside one, inside its own folder): use --root to go further",
            written.display(),
            limit.display()
        ));
    }
    Ok(Some(root))
}

/// The project root of a spec in `dir`: the one its config (or `--root`)
/// set, else the repository's, else `dir`.
pub fn root_for(set: Option<&Path>, dir: &Path) -> PathBuf {
    set.map_or_else(|| repository_root(dir), Path::to_path_buf)
}

/// What a caller sets over every config: `--config`, `--no-config`,
/// `--root` (canonical).
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pub config: Option<PathBuf>,
    pub no_config: bool,
    pub root: Option<PathBuf>,
}

/// A config file in use and what it decides for the specs it covers: their
/// project root, which files a walk admits, and `T`, what the caller builds
/// from the config (the lint options, a fail-on level).
pub struct Project<T> {
    /// The config file; `None` when no config covers the specs.
    pub config: Option<PathBuf>,
    /// `--root`, else the config's `root:` or folder (canonical); `None`
    /// leaves the root to each spec's repository ([`root_for`]).
    pub root: Option<PathBuf>,
    pub filter: crate::discover::Filter,
    pub settings: T,
}

/// A config as the caller gets to build its settings from it.
pub struct Found<'a> {
    pub path: Option<&'a Path>,
    pub config: &'a Config,
    /// The folder whose search met the config first.
    pub dir: &'a Path,
    /// With no config found: the last folder searched.
    pub searched_up_to: Option<&'a Path>,
}

/// The projects met so far: a spec's config is the one in its folder or the
/// nearest parent, up to the repository root; each config is loaded once.
pub struct Projects<T> {
    overrides: Overrides,
    /// The folder relative paths are read from (canonical).
    pub cwd: PathBuf,
    pub list: Vec<Project<T>>,
    by_config: HashMap<Option<PathBuf>, usize>,
    by_dir: HashMap<PathBuf, usize>,
}

impl<T> Projects<T> {
    pub fn new(overrides: Overrides, cwd: &Path) -> Projects<T> {
        Projects {
            overrides,
            cwd: cwd.canonicalize().unwrap_or_else(|_| cwd.to_path_buf()),
            list: Vec::new(),
            by_config: HashMap::new(),
            by_dir: HashMap::new(),
        }
    }

    /// The project of specs in `dir` (canonical); `build` makes the
    /// caller's settings from a config met for the first time.
    pub fn for_dir(
        &mut self,
        dir: &Path,
        build: &mut dyn FnMut(Found<'_>) -> Result<T, String>,
    ) -> Result<usize, String> {
        if let Some(&project) = self.by_dir.get(dir) {
            return Ok(project);
        }
        let (path, searched_up_to) = if self.overrides.no_config {
            (None, None)
        } else if let Some(path) = &self.overrides.config {
            (Some(path.clone()), None)
        } else {
            let discovery = crate::config::discover(dir, &self.cwd);
            (discovery.found, Some(discovery.searched_up_to))
        };
        let project = match self.by_config.get(&path) {
            Some(&project) => project,
            None => {
                let config = match &path {
                    Some(path) => crate::config::load(path).map_err(|e| e.to_string())?,
                    None => Config::default(),
                };
                let root = match &self.overrides.root {
                    Some(root) => Some(root.clone()),
                    None => config_root(&config, &self.cwd)?,
                };
                let settings = build(Found {
                    path: path.as_deref(),
                    config: &config,
                    dir,
                    searched_up_to: searched_up_to.as_deref(),
                })?;
                self.list.push(Project {
                    config: path.clone(),
                    root,
                    filter: crate::discover::Filter::new(&config, &self.cwd),
                    settings,
                });
                self.by_config.insert(path, self.list.len() - 1);
                self.list.len() - 1
            }
        };
        self.by_dir.insert(dir.to_path_buf(), project);
        Ok(project)
    }

    /// The project of a spec at `path`, with its folder (canonical), or
    /// `None` when the folder cannot be read (the file will say why).
    pub fn for_spec(
        &mut self,
        path: &Path,
        build: &mut dyn FnMut(Found<'_>) -> Result<T, String>,
    ) -> Result<Option<(usize, PathBuf)>, String> {
        let parent = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => self.cwd.join(dir),
            _ => self.cwd.clone(),
        };
        let Ok(dir) = parent.canonicalize() else {
            return Ok(None);
        };
        let project = self.for_dir(&dir, build)?;
        Ok(Some((project, dir)))
    }

    /// The project root of a spec of `project` in `dir`.
    pub fn root_for(&self, project: usize, dir: &Path) -> PathBuf {
        root_for(self.list[project].root.as_deref(), dir)
    }
}
