//! The command line: `lint`, `rules`, `explain`, `init`, `completions`, `man`.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::baseline::{self, Baseline};
use crate::config::{self, Config, RuleSetting};
use crate::engine::{LintOptions, Selection, SpecReport};
use crate::finding::Severity;
use crate::report::{self, Format, LintedFile, ReportOptions, Run};
use crate::rules::{REGISTRY, RuleOptions};
use crate::workspace::{ReadError, RootInput, plain_io_reason, read_stdin, read_text};

#[derive(Parser)]
#[command(
    name = "oasguard",
    version,
    about = "Security linter for OpenAPI (Swagger 2.0, OpenAPI 3.0, 3.1, 3.2) documents"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint OpenAPI files, or every OpenAPI file found below directories.
    Lint(Box<LintArgs>),
    /// List every rule with its severity, OWASP category, CWE and versions.
    Rules {
        #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
        format: RulesFormat,
    },
    /// Print a rule's documentation.
    Explain {
        /// The rule id, e.g. server-plain-http.
        rule: String,
    },
    /// Write a commented default .oasguard.yaml in the current directory.
    Init,
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
}

#[derive(clap::Args)]
struct LintArgs {
    /// Files or directories; `-` reads a spec from standard input.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Write the report to FILE (a short summary still goes to the terminal).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Exit 1 when a finding at or above this severity exists [default: error].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Exit 1 when a file's security score is below N (0-100).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(0..=100))]
    min_score: Option<u8>,
    /// Run only these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    select: Option<Vec<String>>,
    /// Do not run these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    ignore: Vec<String>,
    /// Also judge response schemas with the schema rules.
    #[arg(long)]
    output_schemas: bool,
    /// Use this config file instead of the nearest .oasguard.yaml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Fail only on findings not recorded in this baseline.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record the current findings as a baseline and exit 0.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
    /// Directory SARIF URIs are relative to [default: the repository root].
    #[arg(long, value_name = "DIR")]
    sarif_root: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Say on stderr which config file is used.
    #[arg(long, short)]
    verbose: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum RulesFormat {
    Table,
    Json,
}

/// Exit statuses: the contract CI scripts rely on.
const EXIT_CLEAN: u8 = 0;
const EXIT_FINDINGS: u8 = 1;
const EXIT_TOOL_ERROR: u8 = 2;

/// A failure that stops the run with exit code 2, printed as is.
enum Fatal {
    Message(String),
    /// Stdout was closed early (`oasguard lint | head`): not worth a message.
    ClosedPipe,
}

impl From<io::Error> for Fatal {
    fn from(error: io::Error) -> Self {
        match error.kind() {
            io::ErrorKind::BrokenPipe => Fatal::ClosedPipe,
            _ => Fatal::Message(error.to_string()),
        }
    }
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() {
                EXIT_TOOL_ERROR
            } else {
                EXIT_CLEAN
            });
        }
    };
    let result = match cli.command {
        Command::Lint(args) => lint(*args),
        Command::Rules { format } => list_rules(format).map_err(Fatal::from),
        Command::Explain { rule } => explain(&rule),
        Command::Init => init(),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "oasguard", &mut io::stdout());
            Ok(EXIT_CLEAN)
        }
        Command::Man => clap_mangen::Man::new(Cli::command())
            .render(&mut io::stdout())
            .map(|()| EXIT_CLEAN)
            .map_err(Fatal::from),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Fatal::ClosedPipe) => ExitCode::from(EXIT_CLEAN),
        Err(Fatal::Message(message)) => {
            eprintln!("oasguard: error: {message}");
            ExitCode::from(EXIT_TOOL_ERROR)
        }
    }
}

fn lint(args: LintArgs) -> Result<u8, Fatal> {
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

    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            args.output.is_none()
                && io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let report_options = ReportOptions {
        color,
        sarif_root: match &args.sarif_root {
            Some(dir) => dir.canonicalize().map_err(|e| {
                Fatal::Message(format!(
                    "--sarif-root '{}': {}",
                    dir.display(),
                    plain_io_reason(&e)
                ))
            })?,
            None => repository_root(&cwd),
        },
        cwd: cwd.clone(),
    };
    match &args.output {
        Some(path) => {
            let file = std::fs::File::create(path)
                .map_err(|e| Fatal::Message(format!("cannot write '{}': {e}", path.display())))?;
            let mut out = io::BufWriter::new(file);
            report::write(args.format, &run, &report_options, &mut out)?;
            out.flush()?;
            println!("{}", report::summary_line(&run));
        }
        // Nothing could be linted: the error said it all, and "no problems
        // found in 0 files" would read as a pass.
        None if run.files.is_empty() && args.format == Format::Human => {}
        None => {
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            report::write(args.format, &run, &report_options, &mut out)?;
            out.flush()?;
        }
    }

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
    let mut selection = Selection {
        select: args.select.clone(),
        enable: Vec::new(),
        ignore: args.ignore.clone(),
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
fn repository_root(cwd: &Path) -> PathBuf {
    cwd.ancestors()
        .find(|dir| dir.join(".git").exists())
        .unwrap_or(cwd)
        .to_path_buf()
}

fn list_rules(format: RulesFormat) -> io::Result<u8> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match format {
        RulesFormat::Json => {
            let rules: Vec<serde_json::Value> = REGISTRY
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id,
                        "severity": r.severity.as_str(),
                        "severity_label": r.severity_label(),
                        "owasp": r.owasp.code,
                        "owasp_name": r.owasp.name,
                        "cwe": r.cwe,
                        "versions": r.versions.iter().map(|v| v.label()).collect::<Vec<_>>(),
                        "enabled_by_default": r.enabled_by_default,
                        "precision": r.precision.as_str(),
                        "summary": r.summary,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &rules)?;
            writeln!(out)?;
        }
        RulesFormat::Table => {
            let width = REGISTRY.iter().map(|r| r.id.len()).max().unwrap_or(0);
            // `2.0, 3.0, 3.1, 3.2` at most.
            let versions = REGISTRY
                .iter()
                .map(|r| r.versions_label().len())
                .max()
                .unwrap_or(0);
            // A rule whose findings split shows how: `error (writes), warning (reads)`.
            let severities = REGISTRY
                .iter()
                .map(|r| r.severity_label().len())
                .chain(["SEVERITY".len()])
                .max()
                .unwrap_or(0);
            writeln!(
                out,
                "{:width$}  {:severities$} {:10} {:8} {:versions$} SUMMARY",
                "ID", "SEVERITY", "OWASP", "CWE", "VERSIONS"
            )?;
            for r in REGISTRY {
                let severity = if r.enabled_by_default {
                    r.severity_label()
                } else {
                    "off"
                };
                writeln!(
                    out,
                    "{:width$}  {:severities$} {:10} {:8} {:versions$} {}",
                    r.id,
                    severity,
                    r.owasp.code,
                    format!("CWE-{}", r.cwe),
                    r.versions_label(),
                    r.summary
                )?;
            }
        }
    }
    Ok(EXIT_CLEAN)
}

fn explain(id: &str) -> Result<u8, Fatal> {
    match crate::rules::find(id) {
        Some(rule) => {
            print!("{}", rule.doc);
            Ok(EXIT_CLEAN)
        }
        None => Err(Fatal::Message(format!(
            "unknown rule '{id}'{}",
            config::did_you_mean(id, REGISTRY.iter().map(|r| r.id))
        ))),
    }
}

fn init() -> Result<u8, Fatal> {
    let path = Path::new(config::FILE_NAMES[0]);
    if path.exists() {
        return Err(Fatal::Message(format!(
            "{} already exists; not overwriting it",
            path.display()
        )));
    }
    std::fs::write(path, config::DEFAULT)
        .map_err(|e| Fatal::Message(format!("cannot write {}: {e}", path.display())))?;
    eprintln!("oasguard: wrote {}", path.display());
    Ok(EXIT_CLEAN)
}
