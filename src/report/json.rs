//! The JSON report: one document, field names stable for tools.

use std::io::{self, Write};

use serde::Serialize;

use super::Run;
use crate::finding::Severity;

#[derive(Serialize)]
struct Document<'a> {
    tool: Tool,
    /// The configs and baseline in use.
    metadata: serde_json::Value,
    files: Vec<File<'a>>,
    findings: Vec<Finding<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct File<'a> {
    path: String,
    spec_version: Option<&'a str>,
    score: Option<u8>,
}

#[derive(Serialize)]
struct Finding<'a> {
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    file: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    pointer: &'a str,
    owasp: &'a str,
    cwe: u32,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    error: usize,
    warning: usize,
    info: usize,
}

pub fn write(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    let document = Document {
        tool: Tool {
            name: "oasguard",
            version: env!("CARGO_PKG_VERSION"),
        },
        metadata: super::run_metadata(run),
        files: run
            .files
            .iter()
            .map(|f| File {
                path: f.path.display().to_string(),
                spec_version: f.spec_version.as_deref(),
                score: f.score,
            })
            .collect(),
        findings: run
            .active()
            .map(|f| {
                let rule = crate::rules::find(f.rule);
                Finding {
                    rule: f.rule,
                    severity: f.severity.as_str(),
                    message: &f.message,
                    file: f.path.display().to_string(),
                    line: f.start.line,
                    column: f.start.column,
                    end_line: f.end.line,
                    end_column: f.end.column,
                    pointer: &f.pointer,
                    owasp: rule.map_or("", |r| r.owasp.code),
                    cwe: rule.map_or(0, |r| r.cwe),
                }
            })
            .collect(),
        summary: Summary {
            files: run.files.len(),
            error: run.count(Severity::Error),
            warning: run.count(Severity::Warning),
            info: run.count(Severity::Info),
        },
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
