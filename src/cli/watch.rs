//! `oasguard lint --watch`: the lint again whenever a file it may read
//! changes. Polling modification times keeps it free of a file-watching
//! dependency and of an async runtime; a poll only stats files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::Fatal;
use super::args::LintArgs;
use crate::config;

/// How often files are looked at.
const POLL: Duration = Duration::from_millis(300);

/// What a file looked like at a poll: modification time and size.
type Stamp = (Option<SystemTime>, u64);

/// Lints, then lints again after each change, until interrupted. Each run
/// prints its report as `oasguard lint` does; its exit status is not the
/// watch's (a failing run is what one watches for).
pub(super) fn watch(args: &LintArgs) -> Result<u8, Fatal> {
    if args.paths.iter().any(|p| p == Path::new("-")) {
        return Err(Fatal::Message(
            "--watch reads files; standard input ('-') can be read only once".into(),
        ));
    }
    let mut seen = snapshot(args);
    loop {
        if let Err(Fatal::Message(message)) = super::lint::lint(args.clone()) {
            eprintln!("oasguard: error: {message}");
        }
        eprintln!("oasguard: watching for changes (Ctrl-C to stop)");
        let changed = loop {
            std::thread::sleep(POLL);
            let now = snapshot(args);
            let changed: Vec<PathBuf> = now
                .iter()
                .filter(|(path, stamp)| seen.get(*path) != Some(stamp))
                .map(|(path, _)| path.clone())
                .chain(seen.keys().filter(|p| !now.contains_key(*p)).cloned())
                .collect();
            seen = now;
            if !changed.is_empty() {
                break changed;
            }
        };
        for path in &changed {
            eprintln!(
                "oasguard: '{}' changed",
                path.display().to_string().escape_debug()
            );
        }
    }
}

/// Every file a run may read: the specs below the named directories, the
/// YAML and JSON files beside (and below) named files, which their `$ref`s
/// may reach, and the configs that cover them.
fn snapshot(args: &LintArgs) -> BTreeMap<PathBuf, Stamp> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut files: Vec<PathBuf> = args.config.iter().cloned().collect();
    for path in &args.paths {
        let dir = if path.is_dir() {
            path.as_path()
        } else {
            files.push(path.clone());
            path.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
        };
        let walk = crate::discover::spec_candidates(dir);
        // Each spec's config: the one its folder or a parent holds.
        let dirs: BTreeSet<&Path> = walk.files.iter().filter_map(|f| f.parent()).collect();
        if !args.no_config && args.config.is_none() {
            for dir in dirs.into_iter().chain([dir]) {
                files.extend(config::discover(&cwd.join(dir), &cwd).found);
            }
        }
        files.extend(walk.files);
    }
    files
        .into_iter()
        .map(|path| {
            let meta = std::fs::metadata(&path).ok();
            let stamp = (
                meta.as_ref().and_then(|m| m.modified().ok()),
                meta.map_or(0, |m| m.len()),
            );
            (path, stamp)
        })
        .collect()
}
