//! Running a lint: the config, the files to read, one report per root spec,
//! then the exit status.

use std::collections::{BTreeSet, HashMap, HashSet};
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
use crate::config::Config;
use crate::discover::Walk;
use crate::engine::{LintOptions, SpecReport};
use crate::project;
use crate::report::{BaselineUse, Format, LintedFile, Run, escape};
use crate::rules::REGISTRY;
use crate::workspace::{
    Overlay, ReadError, RootInput, plain_io_reason, read_stdin, read_text, sandbox_at,
};

pub(super) fn lint(args: LintArgs) -> Result<u8, Fatal> {
    // One run keeps nothing: holding a copy of every report would double
    // the memory of a large run.
    lint_reusing(args, &mut Reuse::default())
}

/// Reports kept between the runs of `lint --watch`: a spec is linted again
/// only when it, or a file it read, changed; the others' reports are reused.
#[derive(Default)]
pub(super) struct Reuse {
    /// Whether reports are kept at all: only a watch runs again.
    keep: bool,
    /// By the spec's canonical path: its last report (`None`: not OpenAPI)
    /// and every file that lint read.
    kept: HashMap<PathBuf, (Option<SpecReport>, Vec<PathBuf>)>,
    /// Of the files of the last run, how many were linted (not reused).
    pub(super) linted: usize,
    pub(super) files: usize,
}

impl Reuse {
    /// Keeps every report for the runs to come.
    pub(super) fn keeping() -> Reuse {
        Reuse {
            keep: true,
            ..Reuse::default()
        }
    }

    /// Forgets the reports that read a changed file (canonical paths).
    pub(super) fn changed(&mut self, paths: &HashSet<PathBuf>) {
        self.kept.retain(|spec, (_, read)| {
            !paths.contains(spec) && !read.iter().any(|p| paths.contains(p))
        });
    }

    pub(super) fn forget_all(&mut self) {
        self.kept.clear();
    }

    /// Every file the kept reports read: what a watch must look at, also
    /// outside the folders it was given (a monorepo's `../shared`).
    pub(super) fn files_read(&self) -> impl Iterator<Item = &PathBuf> {
        self.kept
            .iter()
            .flat_map(|(spec, (_, read))| std::iter::once(spec).chain(read))
    }
}

/// [`lint`], reusing the reports `reuse` kept and keeping the new ones.
pub(super) fn lint_reusing(args: LintArgs, reuse: &mut Reuse) -> Result<u8, Fatal> {
    reuse.linted = 0;
    reuse.files = 0;
    let cwd = std::env::current_dir()?;
    let mut projects = Projects::new(&args, &cwd)?;

    let mut tool_error = false;
    let mut jobs: Vec<Job> = Vec::new();
    // Each file once, however often it is named or found.
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let mut reports: Vec<(SpecReport, usize, PathBuf)> = Vec::new();
    let mut stdin_read = false;
    // With --discovered, named files are judged as a walk judges them.
    let named_explicitly = !args.discovered;
    for path in &args.paths {
        if path == Path::new("-") {
            // Standard input can be read once: `lint - -` is one spec.
            if std::mem::replace(&mut stdin_read, true) {
                continue;
            }
            match lint_stdin(&mut projects)? {
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
                for job in projects.walk(path, &mut tool_error)? {
                    admit(job, &mut seen, &mut jobs, &mut tool_error);
                }
            }
            Ok(_) => {
                let job = projects.job(path, named_explicitly, true)?;
                admit(job, &mut seen, &mut jobs, &mut tool_error);
            }
            // `'specs/**/*.yaml'` where no shell expanded it (CI steps).
            Err(error) if error.kind() == io::ErrorKind::NotFound && glob::is_pattern(path) => {
                match glob::expand(path) {
                    Ok(walk) => {
                        for job in projects.admit_walk(walk, &mut tool_error)? {
                            admit(job, &mut seen, &mut jobs, &mut tool_error);
                        }
                    }
                    Err(message) => {
                        eprintln!("oasguard: error: {}", escape::line(&message));
                        tool_error = true;
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
            }
        }
    }
    if args.stdin_filename.is_some() && !stdin_read {
        return Err(Fatal::Message(
            "--stdin-filename names standard input, but '-' is not among the paths".into(),
        ));
    }
    // Only code frames need the text; on a large tree it is most of the
    // memory, so other formats drop it as each file is done.
    let keep_sources = args.format == Format::Human;
    let mut fragments: HashSet<PathBuf> = HashSet::new();
    let mut fragment_roots: BTreeSet<PathBuf> = BTreeSet::new();
    let results = lint_files(&jobs, &projects, keep_sources, reuse);
    for (job, report) in readable(results, &mut tool_error) {
        match report {
            Some(report) => reports.push((report, job.project, job.root.clone())),
            // A named file that is not OpenAPI (--discovered): a fragment,
            // linted through the specs of its project that reach it.
            None if job.named => {
                fragments.insert(job.canonical.clone());
                if sandbox_at(&job.root).is_some() {
                    fragment_roots.insert(job.root.clone());
                }
            }
            None => {}
        }
    }
    if !fragments.is_empty() {
        let mut specs = Vec::new();
        for root in &fragment_roots {
            for job in projects.walk(root, &mut tool_error)? {
                admit(job, &mut seen, &mut specs, &mut tool_error);
            }
        }
        let results = lint_files(&specs, &projects, keep_sources, reuse);
        for (job, report) in readable(results, &mut tool_error) {
            if let Some(report) = report
                && report.reached.iter().any(|p| fragments.contains(p))
            {
                reports.push((report, job.project, job.root.clone()));
            }
        }
    }
    // A commit that touches no spec has nothing to lint.
    if reports.is_empty() && !tool_error && args.discovered {
        return Ok(EXIT_CLEAN);
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

    if let Some(path) = &args.write_baseline {
        let mut recorder = baseline::Recorder::default();
        for (report, _, root) in &reports {
            recorder.record(report.findings.iter(), baseline_key(&cwd, root));
        }
        let count = recorder.write(path).map_err(|e| {
            Fatal::Message(format!("cannot write baseline '{}': {e}", path.display()))
        })?;
        eprintln!(
            "oasguard: recorded {count} findings in {}",
            escape::path(path)
        );
        return Ok(EXIT_CLEAN);
    }
    let mut baseline_use = None;
    if let Some(path) = &args.baseline {
        let mut baseline = Baseline::load(path).map_err(|e| {
            Fatal::Message(format!("cannot read baseline '{}': {e}", path.display()))
        })?;
        for (report, _, root) in &mut reports {
            baseline.apply(&mut report.findings, baseline_key(&cwd, root));
        }
        let hidden = baseline.hidden();
        eprintln!(
            "oasguard: the baseline {} hid {hidden} finding{}",
            escape::path(path),
            if hidden == 1 { "" } else { "s" }
        );
        baseline_use = Some(BaselineUse {
            path: path.clone(),
            hidden,
        });
    }

    // Each finding against the fail-on of the config that covers its spec.
    let over = reports
        .iter()
        .map(|(report, project, _)| {
            projects.list()[*project]
                .settings
                .fail_on
                .threshold()
                .map_or(0, |threshold| {
                    report
                        .findings
                        .iter()
                        .filter(|f| f.suppression.is_none() && f.severity >= threshold)
                        .count()
                })
        })
        .sum();
    let fail_on = projects.shared_fail_on();
    // What --quiet keeps and JUnit fails: the strictest level in use.
    let threshold = projects
        .list()
        .iter()
        .filter_map(|p| p.settings.fail_on.threshold())
        .min();
    let mut run = assemble(reports, &projects);
    run.baseline = baseline_use;

    let gates = Gates {
        fail_on,
        over,
        min_score: args.min_score,
        max_warnings: args.max_warnings,
    };
    let verdict = verdict::judge(&run, &gates, tool_error);
    if args.verbose {
        output::list_checked(&run);
    }
    match output::print(&args, &run, &cwd, threshold, &verdict) {
        // `oasguard lint | head -1`: the reader stopped reading, but the
        // verdict on the findings still stands (`set -o pipefail`).
        Ok(()) | Err(Fatal::ClosedPipe) => Ok(verdict.code),
        Err(error) => Err(error),
    }
}

/// The reports of linted files (`None` for a walked file that is not
/// OpenAPI); a file that could not be read is reported and fails the run.
fn readable<'j>(
    results: Vec<(&'j Job, FileResult)>,
    tool_error: &mut bool,
) -> Vec<(&'j Job, Option<SpecReport>)> {
    results
        .into_iter()
        .filter_map(|(job, result)| match result {
            Ok(report) => Some((job, report)),
            Err(message) => {
                eprintln!(
                    "oasguard: error: cannot read '{}': {message}",
                    escape::path(&job.path)
                );
                *tool_error = true;
                None
            }
        })
        .collect()
}

/// A file to lint, or why it cannot be.
type Queued = Result<Job, String>;

/// Queues a job unless its file was met before; reports one that cannot be.
fn admit(job: Queued, seen: &mut HashSet<PathBuf>, jobs: &mut Vec<Job>, tool_error: &mut bool) {
    match job {
        Ok(job) if seen.insert(job.canonical.clone()) => jobs.push(job),
        Ok(_) => {}
        Err(message) => {
            eprintln!("oasguard: error: {}", escape::line(&message));
            *tool_error = true;
        }
    }
}

/// What a config decides for `oasguard lint`, over the flags.
struct Settings {
    options: LintOptions,
    fail_on: FailOn,
}

/// One file to lint.
struct Job {
    /// As the user named it (or the walk found it).
    path: PathBuf,
    /// Where it is read from (a symbolic link resolved).
    canonical: PathBuf,
    explicit: bool,
    /// Named on the command line, not found by a walk.
    named: bool,
    project: usize,
    /// Its project root: the sandbox of its `$ref`s.
    root: PathBuf,
}

/// The projects met so far (see [`project::Projects`]), with the lint's
/// settings for each.
struct Projects<'a> {
    args: &'a LintArgs,
    shared: project::Projects<Settings>,
}

impl<'a> Projects<'a> {
    fn new(args: &'a LintArgs, cwd: &Path) -> Result<Projects<'a>, Fatal> {
        // Flags are checked once, before any config is read.
        lint_options(args, &Config::default())?;
        let root = match &args.root {
            Some(dir) => Some(dir.canonicalize().map_err(|e| {
                Fatal::Message(format!(
                    "--root '{}': {}",
                    dir.display(),
                    plain_io_reason(&e)
                ))
            })?),
            None => None,
        };
        let overrides = project::Overrides {
            config: args.config.clone(),
            no_config: args.no_config,
            root,
        };
        Ok(Projects {
            args,
            shared: project::Projects::new(overrides, cwd),
        })
    }

    fn list(&self) -> &[project::Project<Settings>] {
        &self.shared.list
    }

    fn cwd(&self) -> &Path {
        &self.shared.cwd
    }

    /// The settings a config gives, over the flags; `-v` names the config.
    fn settings(args: &LintArgs, found: project::Found<'_>) -> Result<Settings, String> {
        if args.verbose {
            match (found.path, found.searched_up_to) {
                (Some(path), _) => eprintln!("oasguard: config: '{}'", escape::path(path)),
                (None, Some(up_to)) => eprintln!(
                    "oasguard: config: none (searched '{}' up to '{}')",
                    escape::path(found.dir),
                    escape::path(up_to)
                ),
                (None, None) => eprintln!("oasguard: config: none (--no-config)"),
            }
        }
        let fail_on = match (args.fail_on, found.config.fail_on.as_deref()) {
            (Some(flag), _) => flag,
            (None, Some(level)) => FailOn::from_str(level, true)?,
            (None, None) => FailOn::Error,
        };
        let options = lint_options(args, found.config)?;
        Ok(Settings { options, fail_on })
    }

    fn for_dir(&mut self, dir: &Path) -> Result<usize, Fatal> {
        let args = self.args;
        self.shared
            .for_dir(dir, &mut |found| Projects::settings(args, found))
            .map_err(Fatal::Message)
    }

    fn for_spec(&mut self, path: &Path) -> Result<Option<(usize, PathBuf)>, Fatal> {
        let args = self.args;
        self.shared
            .for_spec(path, &mut |found| Projects::settings(args, found))
            .map_err(Fatal::Message)
    }

    /// The spec candidates below `dir`, each admitted by its own config's
    /// globs. Folders the walk could not enter are errors: specs may hide
    /// there, so the run cannot say they are clean.
    fn walk(&mut self, dir: &Path, tool_error: &mut bool) -> Result<Vec<Queued>, Fatal> {
        self.admit_walk(crate::discover::spec_candidates(dir), tool_error)
    }

    /// The files of a walk (a folder's, or a glob's), each admitted by its
    /// own config's globs.
    fn admit_walk(&mut self, walk: Walk, tool_error: &mut bool) -> Result<Vec<Queued>, Fatal> {
        // The messages name files of the checkout: escaped like spec text.
        for message in &walk.errors {
            eprintln!("oasguard: error: {}", escape::line(message));
            *tool_error = true;
        }
        for message in &walk.warnings {
            eprintln!("oasguard: warning: {}", escape::line(message));
        }
        let mut jobs = Vec::new();
        for file in &walk.files {
            let admitted = match self.for_spec(file)? {
                Some((project, _)) => self.list()[project].filter.admits(file),
                // The job reports what is wrong.
                None => true,
            };
            if admitted {
                jobs.push(self.job(file, false, false)?);
            }
        }
        Ok(jobs)
    }

    /// The fail-on level every project has, or `None` when configs differ.
    fn shared_fail_on(&self) -> Option<FailOn> {
        let mut levels = self.list().iter().map(|p| p.settings.fail_on);
        let first = levels
            .next()
            .unwrap_or(self.args.fail_on.unwrap_or(FailOn::Error));
        levels.all(|l| l == first).then_some(first)
    }

    /// The project root of a spec in `dir`: the project's, else the
    /// repository's, else `dir`.
    fn root_for(&self, project: usize, dir: &Path) -> PathBuf {
        self.shared.root_for(project, dir)
    }

    /// A spec to lint, judged where it is named: a symbolic link is placed
    /// where the link is, and its target must lie inside the same project
    /// root (a committed `openapi.yaml -> /proc/self/environ` is refused,
    /// never read). A config that cannot be loaded stops the run.
    fn job(&mut self, path: &Path, explicit: bool, named: bool) -> Result<Queued, Fatal> {
        let cannot_read = |e: std::io::Error| {
            format!("cannot read '{}': {}", path.display(), plain_io_reason(&e))
        };
        let Some((project, dir)) = self.for_spec(path)? else {
            let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
            return Ok(Err(cannot_read(missing)));
        };
        let canonical = match path.canonicalize() {
            Ok(canonical) => canonical,
            Err(error) => return Ok(Err(cannot_read(error))),
        };
        let root = self.root_for(project, &dir);
        let named_at = dir.join(path.file_name().unwrap_or_default());
        let inside = match sandbox_at(&root) {
            Some(sandbox) => named_at.starts_with(&sandbox) && canonical.starts_with(&sandbox),
            // No root to hold a link's target: only a plain file is read.
            None => canonical == named_at,
        };
        if !inside {
            let link = if canonical == named_at {
                ""
            } else {
                " (a symbolic link to a file outside it)"
            };
            return Ok(Err(format!(
                "'{}' is outside the project root '{}'{link}; oasguard does not read it",
                path.display(),
                root.display()
            )));
        }
        Ok(Ok(Job {
            path: path.to_path_buf(),
            canonical,
            explicit,
            named,
            project,
            root,
        }))
    }
}

/// Names a finding's file for a baseline: relative to the project root
/// (`/`-separated), whatever form the path was typed in and wherever the
/// command runs; absolute when it lies outside the root.
fn baseline_key(cwd: &Path, root: &Path) -> impl FnMut(&Path) -> String {
    let mut known: HashMap<PathBuf, String> = HashMap::new();
    let cwd = cwd.to_path_buf();
    let root = root.to_path_buf();
    move |path: &Path| {
        known
            .entry(path.to_path_buf())
            .or_insert_with(|| {
                let absolute = cwd.join(path);
                let absolute = absolute.canonicalize().unwrap_or(absolute);
                let relative = absolute.strip_prefix(&root).unwrap_or(&absolute);
                relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .clone()
    }
}

/// Command-line flags over the config file.
fn lint_options(args: &LintArgs, config: &Config) -> Result<LintOptions, String> {
    let select = match &args.select {
        Some(items) => Some(select::expand("--select", items)?),
        None => None,
    };
    let ignore = select::expand("--ignore", &args.ignore)?;
    let options = LintOptions::from_config(config, select, ignore, args.output_schemas);
    select::check_not_empty(&options.selection)?;
    Ok(options)
}

/// Lints standard input, read with the same cap as a file: too large or
/// not UTF-8 is a `parse-error` finding on `<stdin>`, and the other paths
/// are still linted. With `--stdin-filename` it is linted as that file
/// would be; without, its file `$ref`s stay inside the current directory,
/// and are not followed at all when that is `/` (a container's default).
fn lint_stdin(projects: &mut Projects<'_>) -> Result<StdinResult, Fatal> {
    let (display, canonical, project, root) = match &projects.args.stdin_filename {
        Some(name) => {
            let Some((project, dir)) = projects.for_spec(name)? else {
                return Ok(Err(format!(
                    "--stdin-filename '{}': its folder does not exist",
                    name.display()
                )));
            };
            let root = projects.root_for(project, &dir);
            let canonical = dir.join(name.file_name().unwrap_or_default());
            (name.clone(), canonical, project, root)
        }
        None => {
            let dir = projects.cwd().to_path_buf();
            let project = projects.for_dir(&dir)?;
            (PathBuf::from("<stdin>"), dir.join("<stdin>"), project, dir)
        }
    };
    let text = match read_stdin() {
        Ok(text) => text,
        Err(ReadError::Refused(message)) => {
            let report = crate::engine::unreadable(&display, message);
            return Ok(Ok(Some((report, project, root))));
        }
        Err(ReadError::Unreadable(message)) => return Ok(Err(message)),
    };
    let input = RootInput {
        display,
        canonical,
        text,
    };
    let options = &projects.list()[project].settings.options;
    let report = crate::engine::lint_in(input, sandbox_at(&root), true, options, Overlay::new());
    Ok(Ok(report.map(|report| (report, project, root))))
}

/// A report on standard input with its project and root, or why it could
/// not be read.
type StdinResult = Result<Option<(SpecReport, usize, PathBuf)>, String>;

type FileResult = Result<Option<SpecReport>, String>;

/// Lints files on every core; results come back in input order.
fn lint_files<'j>(
    jobs: &'j [Job],
    projects: &Projects<'_>,
    keep_sources: bool,
    reuse: &mut Reuse,
) -> Vec<(&'j Job, FileResult)> {
    let mut results: Vec<(usize, FileResult)> = Vec::with_capacity(jobs.len());
    let mut fresh: Vec<usize> = Vec::new();
    reuse.files += jobs.len();
    for (index, job) in jobs.iter().enumerate() {
        match reuse.kept.get(&job.canonical) {
            Some((report, _)) => results.push((index, Ok(report.clone()))),
            None => fresh.push(index),
        }
    }
    reuse.linted += fresh.len();
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(fresh.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let linted: Mutex<Vec<(usize, FileResult)>> = Mutex::new(Vec::with_capacity(fresh.len()));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some(&index) = fresh.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let job = &jobs[index];
                    let mut result = lint_file(job, &projects.list()[job.project].settings.options);
                    if let Ok(Some(report)) = &mut result
                        && !keep_sources
                    {
                        report.sources.clear();
                    }
                    linted
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((index, result));
                }
            });
        }
    });
    for (index, result) in linted.into_inner().unwrap_or_else(|e| e.into_inner()) {
        // A file that could not be read is tried again next time.
        if let Ok(report) = &result
            && reuse.keep
        {
            let read = report.as_ref().map_or_else(Vec::new, |r| r.reached.clone());
            reuse
                .kept
                .insert(jobs[index].canonical.clone(), (report.clone(), read));
        }
        results.push((index, result));
    }
    results.sort_by_key(|(index, _)| *index);
    results
        .into_iter()
        .map(|(index, result)| (&jobs[index], result))
        .collect()
}

/// Reads and lints one file, named on the command line (`explicit`) or
/// found by walking a directory. Either way, a file that cannot be read is
/// an error (missing, no permission, not a regular file) and one that is
/// too large or not UTF-8 is a `parse-error` finding: a walk cannot tell
/// such a file is not a spec, so it may not pass over it. A walked file
/// that reads but is not OpenAPI is skipped — unless it does not parse and
/// mentions an `openapi`/`swagger` key, which makes it a broken spec.
fn lint_file(job: &Job, options: &LintOptions) -> FileResult {
    let text = match read_text(&job.canonical) {
        Ok(text) => text,
        Err(ReadError::Refused(message)) => {
            return Ok(Some(crate::engine::unreadable(&job.path, message)));
        }
        Err(ReadError::Unreadable(message)) => return Err(message),
    };
    let input = RootInput {
        display: job.path.clone(),
        canonical: job.canonical.clone(),
        text,
    };
    Ok(crate::engine::lint_in(
        input,
        sandbox_at(&job.root),
        job.explicit,
        options,
        Overlay::new(),
    ))
}

/// One run from the per-spec reports: files with scores, findings sorted and
/// each reported once even when several specs reach the same file.
fn assemble(reports: Vec<(SpecReport, usize, PathBuf)>, projects: &Projects<'_>) -> Run {
    let mut configs: Vec<PathBuf> = Vec::new();
    let mut run = Run {
        rules: REGISTRY
            .iter()
            .copied()
            .filter(|r| {
                projects
                    .list()
                    .iter()
                    .any(|p| p.settings.options.selection.enables(r))
            })
            .collect(),
        ..Run::default()
    };
    for (report, project, _) in reports {
        configs.extend(projects.list()[project].config.clone());
        run.files.push(LintedFile {
            score: report
                .openapi
                .then(|| crate::score::score(report.findings.iter())),
            path: report.path,
            spec_version: report.spec_version,
        });
        run.findings.extend(report.findings);
        run.sources.extend(report.sources);
    }
    configs.sort();
    configs.dedup();
    run.configs = configs;
    crate::engine::sort_and_dedup(&mut run.findings);
    run
}
