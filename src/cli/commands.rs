//! The small subcommands: `rules`, `explain`, `init`.

use std::io::{self, Write};
use std::path::Path;

use super::args::RulesFormat;
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
