//! Running a lint: the config, the files to read, one report per root spec,
//! then the exit status.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use clap::ValueEnum;

use super::args::{FailOn, LintArgs};
use super::{EXIT_CLEAN, EXIT_FINDINGS, EXIT_TOOL_ERROR, Fatal, output};
use crate::baseline::{self, Baseline};
use crate::config::{self, Config};
use crate::engine::{LintOptions, SpecReport};
use crate::report::{Format, LintedFile, Run};
use crate::rules::REGISTRY;
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
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let walk = crate::discover::spec_candidates(path, &filter);
                // A folder the walk could not enter may hold specs: the run
                // cannot say they are clean.
                for message in &walk.errors {
                    eprintln!("oasguard: error: {message}");
                    tool_error = true;
                }
                for message in &walk.warnings {
                    eprintln!("oasguard: warning: {message}");
                }
                jobs.extend(walk.files.into_iter().map(|p| (p, false)));
            }
            Ok(_) => jobs.push((path.clone(), true)),
            Err(error) => {
                eprintln!(
                    "oasguard: error: cannot read '{}': {}",
                    path.display(),
                    plain_io_reason(&error)
                );
                tool_error = true;
            }
        }
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
                    path.display()
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

    output::print(&args, &run, &cwd)?;

    let over_threshold = fail_on
        .threshold()
        .is_some_and(|threshold| run.active().any(|f| f.severity >= threshold));
    let under_score = args
        .min_score
        .is_some_and(|min| run.files.iter().any(|f| f.score < min));
    Ok(if tool_error {
        EXIT_TOOL_ERROR
    } else if over_threshold || under_score {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// Command-line flags over the config file.
fn lint_options(args: &LintArgs, config: &Config) -> Result<LintOptions, Fatal> {
    let ids = args.select.iter().flatten().chain(&args.ignore);
    if let Some(unknown) = ids.into_iter().find(|id| crate::rules::find(id).is_none()) {
        let hint = config::did_you_mean(unknown, REGISTRY.iter().map(|r| r.id));
        return Err(Fatal::Message(format!("unknown rule '{unknown}'{hint}")));
    }
    Ok(LintOptions::from_config(
        config,
        args.select.clone(),
        args.ignore.clone(),
        args.output_schemas,
    ))
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
