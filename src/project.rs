//! The project a spec belongs to: the folder its file `$ref`s may reach.
//! `oasguard lint` and `oasguard server` place a spec the same way: the
//! config's project root (its `root:`, else its folder), else the
//! repository root, else the spec's own folder.

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
