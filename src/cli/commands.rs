//! The small subcommands: `rules`, `explain`, `init`, `man`, `help`.

use std::io::{self, Write};
use std::path::Path;

use clap::CommandFactory;

use super::args::{Cli, RulesFormat};
use super::{EXIT_CLEAN, Fatal};
use crate::config;
use crate::rules::REGISTRY;

pub(super) fn list_rules(format: RulesFormat) -> io::Result<u8> {
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

pub(super) fn explain(id: &str) -> Result<u8, Fatal> {
    // Ids are lower case; `SERVER-PLAIN-HTTP` from a report title still names one.
    match crate::rules::find(&id.trim().to_ascii_lowercase()) {
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

pub(super) fn init() -> Result<u8, Fatal> {
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

/// `oasguard man [COMMAND]` prints a page; `--dir DIR` writes them all.
pub(super) fn man(command: Option<&str>, dir: Option<&Path>) -> Result<u8, Fatal> {
    // Built, the subcommands know their page names (`oasguard-lint`).
    let mut cli = Cli::command().mut_subcommand("help", |help| help.hide(true));
    cli.build();
    if let Some(dir) = dir {
        std::fs::create_dir_all(dir)
            .and_then(|()| clap_mangen::generate_to(cli, dir))
            .map_err(|e| Fatal::Message(format!("cannot write to '{}': {e}", dir.display())))?;
        eprintln!("oasguard: wrote the man pages to {}", dir.display());
        return Ok(EXIT_CLEAN);
    }
    let page = match command {
        Some(name) => subcommand(&cli, name)?.clone(),
        None => cli,
    };
    clap_mangen::Man::new(page).render(&mut io::stdout())?;
    Ok(EXIT_CLEAN)
}

/// `oasguard help [COMMAND]`: the long help of oasguard or a subcommand.
pub(super) fn help(command: Option<&str>) -> Result<u8, Fatal> {
    let mut cli = Cli::command();
    cli.build();
    let mut page = match command {
        Some(name) => subcommand(&cli, name)?.clone(),
        None => cli,
    };
    page.print_long_help()?;
    Ok(EXIT_CLEAN)
}

fn subcommand<'a>(cli: &'a clap::Command, name: &str) -> Result<&'a clap::Command, Fatal> {
    cli.find_subcommand(name).ok_or_else(|| {
        Fatal::Message(format!(
            "unknown subcommand '{name}'{}",
            config::did_you_mean(name, cli.get_subcommands().map(|c| c.get_name()))
        ))
    })
}
