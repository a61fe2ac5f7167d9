//! The command line: `lint`, `rules`, `explain`.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::engine::{LintOptions, Selection, SpecReport};
use crate::finding::Severity;
use crate::report::{self, Format, LintedFile, Run, Style};
use crate::rules::{REGISTRY, RuleOptions};
use crate::workspace::{RootInput, plain_io_reason, read_text};

#[derive(Parser)]
#[command(
    name = "oasguard",
    version,
    about = "Security linter for OpenAPI (Swagger 2.0, OpenAPI 3.0, 3.1) documents"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint OpenAPI files, or every OpenAPI file found below directories.
    Lint(LintArgs),
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
}

#[derive(clap::Args)]
struct LintArgs {
    /// Files or directories; `-` reads a spec from standard input.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit 1 when a finding at or above this severity exists.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Run only these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    select: Option<Vec<String>>,
    /// Do not run these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    ignore: Vec<String>,
    /// Also judge response schemas with the schema rules.
    #[arg(long)]
    output_schemas: bool,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
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
        Command::Lint(args) => lint(args),
        Command::Rules { format } => list_rules(format),
        Command::Explain { rule } => explain(&rule),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        // A closed pipe (`oasguard lint | head`) is not an error worth a message.
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(EXIT_CLEAN),
        Err(error) => {
            eprintln!("oasguard: error: {error}");
            ExitCode::from(EXIT_TOOL_ERROR)
        }
    }
}

fn lint(args: LintArgs) -> io::Result<u8> {
    let unknown: Vec<&String> = args
        .select
        .iter()
        .flatten()
        .chain(&args.ignore)
        .filter(|id| crate::rules::find(id).is_none())
        .collect();
    if let Some(id) = unknown.first() {
        eprintln!("oasguard: error: unknown rule '{id}'{}", suggestion(id));
        return Ok(EXIT_TOOL_ERROR);
    }
    let options = LintOptions {
        selection: Selection {
            select: args.select.clone(),
            ignore: args.ignore.clone(),
        },
        rules: RuleOptions {
            output_schemas: args.output_schemas,
        },
    };

    let mut run = Run::default();
    let mut tool_error = false;
    let add = |report: SpecReport, run: &mut Run| {
        run.files.push(LintedFile {
            path: report.path,
            spec_version: report.spec_version,
        });
        run.findings.extend(report.findings);
        run.sources.extend(report.sources);
    };
    for path in &args.paths {
        if path == Path::new("-") {
            let mut text = String::new();
            if let Err(error) = io::stdin().read_to_string(&mut text) {
                eprintln!("oasguard: error: cannot read standard input: {error}");
                tool_error = true;
                continue;
            }
            let canonical = std::env::current_dir()?.join("<stdin>");
            let input = RootInput {
                display: PathBuf::from("<stdin>"),
                canonical,
                text,
            };
            if let Some(report) = crate::engine::lint(input, true, &options) {
                add(report, &mut run);
            }
            continue;
        }
        let metadata = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(error) => {
                eprintln!(
                    "oasguard: error: cannot read '{}': {}",
                    path.display(),
                    plain_io_reason(&error)
                );
                tool_error = true;
                continue;
            }
        };
        let (files, explicit) = if metadata.is_dir() {
            (crate::discover::spec_candidates(path), false)
        } else {
            (vec![path.clone()], true)
        };
        for file in files {
            match lint_file(&file, explicit, &options) {
                Ok(Some(report)) => add(report, &mut run),
                Ok(None) => {}
                Err(message) => {
                    eprintln!(
                        "oasguard: error: cannot read '{}': {message}",
                        file.display()
                    );
                    tool_error = true;
                }
            }
        }
    }
    if run.files.is_empty() && !tool_error {
        eprintln!(
            "oasguard: error: no OpenAPI documents found in {}",
            describe_paths(&args.paths)
        );
        return Ok(EXIT_TOOL_ERROR);
    }
    crate::engine::sort_and_dedup(&mut run.findings);

    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    report::write(args.format, &run, &Style { color }, &mut out)?;
    out.flush()?;

    let failed = args
        .fail_on
        .threshold()
        .is_some_and(|threshold| run.findings.iter().any(|f| f.severity >= threshold));
    Ok(if tool_error {
        EXIT_TOOL_ERROR
    } else if failed {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// Reads and lints one file. A file that cannot be read as text is a
/// finding (`parse-error`) when named explicitly, and skipped when found by
/// walking a directory; a missing or unreadable file is an error.
fn lint_file(
    path: &Path,
    explicit: bool,
    options: &LintOptions,
) -> Result<Option<SpecReport>, String> {
    let canonical = path.canonicalize().map_err(|e| plain_io_reason(&e))?;
    let text = match read_text(&canonical) {
        Ok(text) => text,
        Err(_) if !explicit => return Ok(None),
        Err(message) if std::fs::File::open(&canonical).is_ok() => {
            return Ok(Some(crate::engine::unreadable(path, message)));
        }
        Err(message) => return Err(message),
    };
    Ok(crate::engine::lint(
        RootInput {
            display: path.to_path_buf(),
            canonical,
            text,
        },
        explicit,
        options,
    ))
}

fn describe_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| format!("'{}'", p.display()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// ` (did you mean 'x'?)` for a near miss among the rule ids.
fn suggestion(id: &str) -> String {
    REGISTRY
        .iter()
        .map(|r| (edit_distance(id, r.id), r.id))
        .filter(|&(d, _)| d <= 3)
        .min()
        .map_or_else(String::new, |(_, best)| {
            format!(" (did you mean '{best}'?)")
        })
}

pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(current + 1);
            previous = current;
        }
    }
    row[b.len()]
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
                        "owasp": r.owasp.code,
                        "owasp_name": r.owasp.name,
                        "cwe": r.cwe,
                        "versions": r.versions.iter().map(|v| v.label()).collect::<Vec<_>>(),
                        "enabled_by_default": r.enabled_by_default,
                        "summary": r.summary,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &rules)?;
            writeln!(out)?;
        }
        RulesFormat::Table => {
            let width = REGISTRY.iter().map(|r| r.id.len()).max().unwrap_or(0);
            writeln!(
                out,
                "{:width$}  {:8} {:10} {:8} {:14} SUMMARY",
                "ID", "SEVERITY", "OWASP", "CWE", "VERSIONS"
            )?;
            for r in REGISTRY {
                let severity = if r.enabled_by_default {
                    r.severity.as_str().to_owned()
                } else {
                    "off".to_owned()
                };
                writeln!(
                    out,
                    "{:width$}  {:8} {:10} {:8} {:14} {}",
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

fn explain(id: &str) -> io::Result<u8> {
    match crate::rules::find(id) {
        Some(rule) => {
            print!("{}", rule.doc);
            Ok(EXIT_CLEAN)
        }
        None => {
            eprintln!("oasguard: error: unknown rule '{id}'{}", suggestion(id));
            Ok(EXIT_TOOL_ERROR)
        }
    }
}
