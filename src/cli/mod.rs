//! The command line: `lint`, `rules`, `explain`, `init`, `completions`, `man`.
//! `args` is what clap reads, `lint` runs a lint, `output` prints its
//! report, `watch` runs it again as files change, `commands` holds the
//! small subcommands.

mod args;
mod commands;
mod glob;
mod lint;
mod output;
mod select;
mod verdict;
mod watch;

use std::io;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use args::{Cli, Command};

/// Exit statuses: the contract CI scripts rely on.
pub(super) const EXIT_CLEAN: u8 = 0;
pub(super) const EXIT_FINDINGS: u8 = 1;
pub(super) const EXIT_TOOL_ERROR: u8 = 2;

/// A failure that stops the run with exit code 2, printed as is.
pub(super) enum Fatal {
    Message(String),
    /// Stdout was closed early (`oasguard lint | head`): not worth a
    /// message; `lint` still exits with its verdict on the findings.
    ClosedPipe,
}

impl From<String> for Fatal {
    fn from(message: String) -> Self {
        Fatal::Message(message)
    }
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
        Command::Lint(args) if args.watch => watch::watch(&args),
        Command::Lint(args) => lint::lint(*args),
        Command::Rules { format } => commands::list_rules(format).map_err(Fatal::from),
        Command::Explain { rule } => commands::explain(&rule),
        Command::Init => commands::init(),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "oasguard", &mut io::stdout());
            Ok(EXIT_CLEAN)
        }
        Command::Man { command, dir } => commands::man(command.as_deref(), dir.as_deref()),
        Command::Help { command } => commands::help(command.as_deref()),
        Command::Server => crate::server::run()
            .map(|()| EXIT_CLEAN)
            .map_err(Fatal::Message),
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
