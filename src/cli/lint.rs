//! Running a lint: the config, the files to read, one report per root spec,
//! then the exit status.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use clap::ValueEnum;

use super::args::{FailOn, LintArgs};
use super::verdict::{self, Gates};
use super::{EXIT_CLEAN, Fatal, output};
use super::{glob, select};
use crate::baseline::{self, Baseline};
use crate::config::{self, Config, RuleSetting};
use crate::engine::{LintOptions, Selection, SpecReport};
use crate::report::{Format, LintedFile, Run, escape};
use crate::rules::{REGISTRY, RuleOptions};
use crate::workspace::{ReadError, RootInput, plain_io_reason, read_stdin, read_text};

pub(super) fn lint(args: LintArgs) -> Result<u8, Fatal> {
    let cwd = std::env::current_dir()?;
    let config_path = match &args.config {
        Some(path) => Some(path.clone()),
        None => {
            let discovery = config::discover(&cwd);
            if args.verbose && discovery.found.is_none() {
                eprintln!(
                    "oasguard: config: none (searched '{}' up to '{}')",
                    cwd.display(),
                    discovery.searched_up_to.display()
                );
            }
            discovery.found
        }
    };
    let config = match config_path {
        Some(path) => {
            if args.verbose {
                eprintln!("oasguard: config: '{}'", path.display());
            }
            config::load(&path).map_err(|e| Fatal::Message(e.to_string()))?
        }
        None => Config::default(),
    };
    let options = lint_options(&args, &config)?;
    let fail_on = match (args.fail_on, config.fail_on.as_deref()) {
        (Some(flag), _) => flag,
        (None, Some(level)) => FailOn::from_str(level, true).map_err(Fatal::Message)?,
        (None, None) => FailOn::Error,
    };

    let mut tool_error = false;
    let filter = crate::discover::Filter::new(&config, &cwd);
    let mut jobs: Vec<(PathBuf, bool)> = Vec::new();
    let mut reports: Vec<SpecReport> = Vec::new();
    for path in &args.paths {
        if path == Path::new("-") {
            match lint_stdin(&cwd, &options) {
                Ok(report) => reports.extend(report),
                Err(message) => {
                    eprintln!("oasguard: error: cannot read standard input: {message}");
                    tool_error = true;
                }
            }
            continue;
        }
        let walk = match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => crate::discover::spec_candidates(path, &filter),
            Ok(_) => {
                jobs.push((path.clone(), true));
                continue;
            }
            // `'specs/**/*.yaml'` where no shell expanded it (CI steps).
            Err(error) if error.kind() == io::ErrorKind::NotFound && glob::is_pattern(path) => {
                match glob::expand(path, &filter) {
                    Ok(walk) => walk,
                    Err(message) => {
                        eprintln!("oasguard: error: {message}");
                        tool_error = true;
                        continue;
                    }
                }
            }
            Err(error) => {
                eprintln!(
                    "oasguard: error: cannot read '{}': {}",
                    escape::path(path),
                    plain_io_reason(&error)
                );
                tool_error = true;
                continue;
            }
        };
        // A folder the walk could not enter may hold specs: the run
        // cannot say they are clean.
        // The messages name files of the checkout: escaped like spec text.
        for message in &walk.errors {
            eprintln!("oasguard: error: {}", escape::line(message));
            tool_error = true;
        }
        for message in &walk.warnings {
            eprintln!("oasguard: warning: {}", escape::line(message));
        }
        jobs.extend(walk.files.into_iter().map(|p| (p, false)));
    }
    // Only code frames need the text; on a large tree it is most of the
    // memory, so other formats drop it as each file is done.
    let keep_sources = args.format == Format::Human;
    for (path, result) in lint_files(&jobs, &options, keep_sources) {
        match result {
            Ok(Some(report)) => reports.push(report),
            Ok(None) => {}
            Err(message) => {
                eprintln!(
                    "oasguard: error: cannot read '{}': {message}",
                    escape::path(&path)
                );
                tool_error = true;
            }
        }
    }
    if reports.is_empty() && !tool_error {
        let paths: Vec<String> = args
            .paths
            .iter()
            .map(|p| format!("'{}'", p.display()))
            .collect();
        return Err(Fatal::Message(format!(
            "no OpenAPI documents found in {}",
            paths.join(", ")
        )));
    }

    if let Some(path) = &args.baseline {
        let mut baseline = Baseline::load(path).map_err(|e| {
            Fatal::Message(format!("cannot read baseline '{}': {e}", path.display()))
        })?;
        for report in &mut reports {
            baseline.apply(&mut report.findings);
        }
    }
    let run = assemble(reports, &options);

    if let Some(path) = &args.write_baseline {
        let count = baseline::write(path, run.active()).map_err(|e| {
            Fatal::Message(format!("cannot write baseline '{}': {e}", path.display()))
        })?;
        eprintln!("oasguard: recorded {count} findings in {}", path.display());
        return Ok(EXIT_CLEAN);
    }

    let gates = Gates {
        fail_on,
        min_score: args.min_score,
        max_warnings: args.max_warnings,
    };
    let verdict = verdict::judge(&run, &gates, tool_error);
    if args.verbose {
        output::list_checked(&run);
    }
    match output::print(&args, &run, &cwd, fail_on.threshold(), &verdict) {
        // `oasguard lint | head -1`: the reader stopped reading, but the
        // verdict on the findings still stands (`set -o pipefail`).
        Ok(()) | Err(Fatal::ClosedPipe) => Ok(verdict.code),
        Err(error) => Err(error),
    }
}

/// Command-line flags over the config file.
fn lint_options(args: &LintArgs, config: &Config) -> Result<LintOptions, Fatal> {
    let select = match &args.select {
        Some(items) => Some(select::expand("--select", items)?),
        None => None,
    };
    let mut selection = Selection {
        select,
        enable: Vec::new(),
        ignore: select::expand("--ignore", &args.ignore)?,
    };
    let mut severities = std::collections::HashMap::new();
    for (id, setting) in &config.rules {
        match setting {
            // `--select` names exactly what runs, config or not.
            RuleSetting::Off if args.select.is_none() => selection.ignore.push(id.clone()),
            RuleSetting::Off => {}
            RuleSetting::On(severity) => {
                selection.enable.push(id.clone());
                severities.insert(id.clone(), *severity);
            }
        }
    }
    select::check_not_empty(&selection)?;
    Ok(LintOptions {
        selection,
        rules: RuleOptions {
            output_schemas: args.output_schemas || config.output_schemas.unwrap_or(false),
        },
        severities,
    })
}

/// Lints standard input, read with the same cap as a file: too large or
/// not UTF-8 is a `parse-error` finding on `<stdin>`, and the other paths
/// are still linted.
fn lint_stdin(cwd: &Path, options: &LintOptions) -> Result<Option<SpecReport>, String> {
    let display = PathBuf::from("<stdin>");
    let text = match read_stdin() {
        Ok(text) => text,
        Err(ReadError::Refused(message)) => {
            return Ok(Some(crate::engine::unreadable(&display, message)));
        }
        Err(ReadError::Unreadable(message)) => return Err(message),
    };
    let input = RootInput {
        display,
        canonical: cwd.join("<stdin>"),
        text,
    };
    Ok(crate::engine::lint(input, true, options))
}

type FileResult = Result<Option<SpecReport>, String>;

/// Lints files on every core; results come back in input order.
fn lint_files(
    jobs: &[(PathBuf, bool)],
    options: &LintOptions,
    keep_sources: bool,
) -> Vec<(PathBuf, FileResult)> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, FileResult)>> = Mutex::new(Vec::with_capacity(jobs.len()));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some((path, explicit)) = jobs.get(index) else {
                        break;
                    };
                    let mut result = lint_file(path, *explicit, options);
                    if let Ok(Some(report)) = &mut result
                        && !keep_sources
                    {
                        report.sources.clear();
                    }
                    results
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((index, result));
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    results.sort_by_key(|(index, _)| *index);
    results
        .into_iter()
        .map(|(index, result)| (jobs[index].0.clone(), result))
        .collect()
}

/// Reads and lints one file, named on the command line (`explicit`) or
/// found by walking a directory. Either way, a file that cannot be read is
/// an error (missing, no permission, not a regular file) and one that is
/// too large or not UTF-8 is a `parse-error` finding: a walk cannot tell
/// such a file is not a spec, so it may not pass over it. A walked file
/// that reads but is not OpenAPI is skipped — unless it does not parse and
/// mentions an `openapi`/`swagger` key, which makes it a broken spec.
fn lint_file(path: &Path, explicit: bool, options: &LintOptions) -> FileResult {
    let canonical = path.canonicalize().map_err(|e| plain_io_reason(&e))?;
    let text = match read_text(&canonical) {
        Ok(text) => text,
        Err(ReadError::Refused(message)) => {
            return Ok(Some(crate::engine::unreadable(path, message)));
        }
        Err(ReadError::Unreadable(message)) => return Err(message),
    };
    let input = RootInput {
        display: path.to_path_buf(),
        canonical,
        text,
    };
    Ok(crate::engine::lint(input, explicit, options))
}

/// One run from the per-spec reports: files with scores, findings sorted and
/// each reported once even when several specs reach the same file.
fn assemble(reports: Vec<SpecReport>, options: &LintOptions) -> Run {
    let mut run = Run {
        rules: REGISTRY
            .iter()
            .copied()
            .filter(|r| options.selection.enables(r))
            .collect(),
        ..Run::default()
    };
    for report in reports {
        run.files.push(LintedFile {
            score: crate::score::score(report.findings.iter()),
            path: report.path,
            spec_version: report.spec_version,
        });
        run.findings.extend(report.findings);
        run.sources.extend(report.sources);
    }
    crate::engine::sort_and_dedup(&mut run.findings);
    run
}

/// The nearest ancestor with a `.git`, else the current directory.
pub(super) fn repository_root(cwd: &Path) -> PathBuf {
    cwd.ancestors()
        .find(|dir| dir.join(".git").exists())
        .unwrap_or(cwd)
        .to_path_buf()
}
