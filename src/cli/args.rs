//! The command-line arguments, as clap reads them.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::finding::Severity;
use crate::report::Format;

#[derive(Parser)]
#[command(
    name = "oasguard",
    version,
    about = "Security linter for OpenAPI (Swagger 2.0, OpenAPI 3.0, 3.1, 3.2) documents"
)]
pub(super) struct Cli {
    #[command(subcommand)]
    pub(super) command: Command,
}

#[derive(Subcommand)]
pub(super) enum Command {
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
    /// Run the language server (LSP over stdin/stdout) for editors.
    Server,
}

#[derive(clap::Args, Clone)]
pub(super) struct LintArgs {
    /// Files or directories; `-` reads a spec from standard input.
    #[arg(default_value = ".")]
    pub(super) paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(super) format: Format,
    /// Write the report to FILE (a short summary still goes to the terminal).
    #[arg(long, short, value_name = "FILE")]
    pub(super) output: Option<PathBuf>,
    /// Exit 1 when a finding at or above this severity exists [default: error].
    #[arg(long, value_enum)]
    pub(super) fail_on: Option<FailOn>,
    /// Exit 1 when a file's security score is below N (0-100).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(0..=100))]
    pub(super) min_score: Option<u8>,
    /// Run only these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    pub(super) select: Option<Vec<String>>,
    /// Do not run these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    pub(super) ignore: Vec<String>,
    /// Also judge response schemas with the schema rules.
    #[arg(long)]
    pub(super) output_schemas: bool,
    /// Use this config file instead of the nearest .oasguard.yaml.
    #[arg(long, value_name = "FILE")]
    pub(super) config: Option<PathBuf>,
    /// Fail only on findings not recorded in this baseline.
    #[arg(long, value_name = "FILE")]
    pub(super) baseline: Option<PathBuf>,
    /// Record the current findings as a baseline and exit 0.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub(super) write_baseline: Option<PathBuf>,
    /// Directory SARIF URIs are relative to [default: the repository root].
    #[arg(long, value_name = "DIR")]
    pub(super) sarif_root: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub(super) color: ColorChoice,
    /// Say on stderr which config file is used.
    #[arg(long, short)]
    pub(super) verbose: bool,
    /// Lint again whenever a linted file changes (until interrupted).
    #[arg(long, conflicts_with_all = ["write_baseline", "output"])]
    pub(super) watch: bool,
}

#[derive(Clone, Copy, ValueEnum)]
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
