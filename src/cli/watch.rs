//! `oasguard lint --watch`: the lint again whenever a file it may read
//! changes, linting again only the specs that read a changed file. Polling modification times keeps it free of a file-watching
//! dependency and of an async runtime; a poll only stats files.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::Fatal;
use super::args::LintArgs;
use super::lint::{Reuse, lint_reusing};
use crate::config;
use crate::report::escape;

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
    let mut reuse = Reuse::keeping();
    let mut first = true;
    // Taken before each run: a file changed while the run read it is a
    // change at the first poll.
    let mut seen = snapshot(args, &reuse);
    loop {
        if let Err(Fatal::Message(message)) = lint_reusing(args.clone(), &mut reuse) {
            eprintln!("oasguard: error: {message}");
        }
        if !std::mem::take(&mut first) {
            eprintln!(
                "oasguard: linted {} of {} files again (the others did not change)",
                reuse.linted, reuse.files
            );
        }
        eprintln!("oasguard: watching for changes (Ctrl-C to stop)");
        // Files the run read for the first time are watched from now on.
        for (path, stamp) in snapshot(args, &reuse) {
            seen.entry(path).or_insert(stamp);
        }
        let changed = loop {
            std::thread::sleep(POLL);
            let now = snapshot(args, &reuse);
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
            eprintln!("oasguard: '{}' changed", escape::path(path));
        }
        // Only the specs that read a changed file are linted again; a
        // config decides for every spec, and a file gone leaves no path
        // to match, so either starts afresh.
        // (A file is watched under the name a walk gave it and under its
        // canonical path: both name one file.)
        let canonical: Option<HashSet<PathBuf>> =
            changed.iter().map(|p| p.canonicalize().ok()).collect();
        let is_config = |p: &PathBuf| {
            p.file_name()
                .is_some_and(|name| config::FILE_NAMES.iter().any(|c| name == *c))
        };
        match canonical {
            Some(paths) if !changed.iter().any(is_config) => reuse.changed(&paths),
            _ => reuse.forget_all(),
        }
    }
}

/// Every file a run may read: the specs below the named directories, the
/// YAML and JSON files beside (and below) named files, which their `$ref`s
/// may reach, the configs that cover them, and every file the last run
/// read (a `$ref` may lead out of those folders).
fn snapshot(args: &LintArgs, reuse: &Reuse) -> BTreeMap<PathBuf, Stamp> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut files: Vec<PathBuf> = args.config.iter().cloned().collect();
    files.extend(reuse.files_read().cloned());
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
