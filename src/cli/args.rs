//! The command-line arguments, as clap reads them.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::finding::Severity;
use crate::report::Format;

#[derive(Parser)]
#[command(
    name = "oasguard",
    version,
    about = "Security linter for OpenAPI (Swagger 2.0, OpenAPI 3.0, 3.1, 3.2) documents",
    // Ours accepts `--help` (clap's says "unrecognized subcommand").
    disable_help_subcommand = true
)]
pub(super) struct Cli {
    #[command(subcommand)]
    pub(super) command: Command,
}

#[derive(Subcommand)]
pub(super) enum Command {
    /// Lint OpenAPI files, or every OpenAPI file found below directories.
    #[command(after_long_help = LINT_DETAILS)]
    Lint(Box<LintArgs>),
    /// List every rule with its severity, OWASP category, CWE and versions.
    Rules {
        #[arg(long, value_enum, ignore_case = true, default_value_t = RulesFormat::Table)]
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
    /// Print a man page (roff), or write every page into a directory.
    Man {
        /// The subcommand whose page to print, e.g. lint [default: the
        /// top-level page].
        command: Option<String>,
        /// Write every page (oasguard.1, oasguard-lint.1, ...) into DIR.
        #[arg(long, value_name = "DIR", conflicts_with = "command")]
        dir: Option<PathBuf>,
    },
    /// Print the help of oasguard or of a subcommand.
    Help {
        /// The subcommand, e.g. lint.
        command: Option<String>,
    },
    /// Run the language server (LSP over stdin/stdout) for editors.
    Server,
}

/// The end of `oasguard lint --help` and of oasguard-lint(1).
const LINT_DETAILS: &str = "\
Paths may be glob patterns ('specs/**/*.yaml'): a path that does not exist as
written is matched against the files below the current directory.

Rules are named by id, OWASP category (API2, API8:2023) or prefix (oauth2-*) in
--select and --ignore.

Exit status:
  0  nothing fails the run
  1  findings fail the run (--fail-on, --min-score, --max-warnings): the last line says which
  2  oasguard could not do its job: an unreadable file, a bad flag or config

Configuration: the .oasguard.yaml in each spec's folder or the nearest parent, up to
the repository root (see `oasguard init`); --config FILE, or --no-config.

Environment:
  NO_COLOR: no colour with --color auto
  FORCE_COLOR, CLICOLOR_FORCE: colour with --color auto, even into a pipe
  COLUMNS: the width of code frames (else the terminal's, else 120)";

#[derive(clap::Args, Clone)]
pub(super) struct LintArgs {
    /// Files, directories or glob patterns ('specs/**/*.yaml'); `-` reads a
    /// spec from standard input.
    #[arg(default_value = ".")]
    pub(super) paths: Vec<PathBuf>,
    /// How to print the findings.
    #[arg(long, value_enum, ignore_case = true, default_value_t = Format::Human)]
    pub(super) format: Format,
    /// Write the report to FILE (a short summary still goes to the terminal).
    #[arg(long, short, value_name = "FILE")]
    pub(super) output: Option<PathBuf>,
    /// Exit 1 when a finding at or above this severity exists [default: error].
    #[arg(long, value_enum, ignore_case = true)]
    pub(super) fail_on: Option<FailOn>,
    /// Exit 1 when a file's security score is below N (0-100).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(0..=100))]
    pub(super) min_score: Option<u8>,
    /// Run only these rules: ids, OWASP categories (API2, API8:2023) or
    /// prefix patterns (oauth2-*), comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "RULE,...")]
    pub(super) select: Option<Vec<String>>,
    /// Do not run these rules (ids, categories or patterns, as --select).
    #[arg(long, value_delimiter = ',', value_name = "RULE,...")]
    pub(super) ignore: Vec<String>,
    /// Also judge response schemas with the schema rules.
    #[arg(long)]
    pub(super) output_schemas: bool,
    /// Use this config file instead of the one nearest each spec.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub(super) config: Option<PathBuf>,
    /// Judge named files as a directory walk would: files that are not
    /// OpenAPI are skipped, and a fragment is linted through the specs of
    /// its project that reference it (for pre-commit hooks).
    #[arg(long)]
    pub(super) discovered: bool,
    /// Use no config file: defaults and flags only.
    #[arg(long)]
    pub(super) no_config: bool,
    /// The project root `$ref`s may not leave [default: the config's
    /// folder, else the repository root, else the spec's folder].
    #[arg(long, value_name = "DIR")]
    pub(super) root: Option<PathBuf>,
    /// The path standard input (`-`) stands for: its `$ref`s, config and
    /// project root are those of a file there.
    #[arg(long, value_name = "PATH")]
    pub(super) stdin_filename: Option<PathBuf>,
    /// Fail only on findings not recorded in this baseline.
    #[arg(long, value_name = "FILE")]
    pub(super) baseline: Option<PathBuf>,
    /// Record the current findings as a baseline and exit 0.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub(super) write_baseline: Option<PathBuf>,
    /// Directory SARIF URIs are relative to [default: the repository root].
    #[arg(long, value_name = "DIR")]
    pub(super) sarif_root: Option<PathBuf>,
    /// Colour: `auto` colours a terminal unless NO_COLOR is set, and a pipe
    /// when FORCE_COLOR or CLICOLOR_FORCE is set; `always`, `never`.
    #[arg(long, value_enum, ignore_case = true, default_value_t = ColorChoice::Auto)]
    pub(super) color: ColorChoice,
    /// Say on stderr which config file is used and which files were checked.
    #[arg(long, short, conflicts_with = "quiet")]
    pub(super) verbose: bool,
    /// Print only the findings that fail the run, then the summary.
    #[arg(long, short)]
    pub(super) quiet: bool,
    /// Exit 1 when there are more than N warnings.
    #[arg(long, value_name = "N")]
    pub(super) max_warnings: Option<usize>,
    /// Print at most N findings in the human format (the summary counts them all).
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub(super) max_findings: usize,
    /// Print every finding: no cap, and no folding of a rule's findings
    /// after the first 3.
    #[arg(long, conflicts_with = "max_findings")]
    pub(super) all: bool,
    /// Lint again whenever a linted file changes (until interrupted).
    #[arg(long, conflicts_with_all = ["write_baseline", "output"])]
    pub(super) watch: bool,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub(super) enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    pub(super) fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub(super) enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
pub(super) enum RulesFormat {
    Table,
    Json,
}
