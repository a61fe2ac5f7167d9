//! `oasguard lint --watch`: the lint again whenever a file it may read
//! changes. Polling modification times keeps it free of a file-watching
//! dependency and of an async runtime; a poll only stats files.

use std::collections::BTreeMap;
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
/// may reach, and the config.
fn snapshot(args: &LintArgs) -> BTreeMap<PathBuf, Stamp> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let config_path = args.config.clone().or_else(|| config::discover(&cwd).found);
    let config = config_path
        .as_deref()
        .and_then(|path| config::load(path).ok())
        .unwrap_or_default();
    let filter = crate::discover::Filter::new(&config, &cwd);
    let mut files: Vec<PathBuf> = config_path.into_iter().collect();
    for path in &args.paths {
        let dir = if path.is_dir() {
            path.as_path()
        } else {
            files.push(path.clone());
            path.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
        };
        files.extend(crate::discover::spec_candidates(dir, &filter).files);
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
