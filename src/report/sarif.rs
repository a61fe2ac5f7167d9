//! SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, ...).
//!
//! Every result has a physical location (code scanning rejects uploads with
//! location-less results); URIs are relative to the repository root (or
//! `--sarif-root`). We do not compute `primaryLocationLineHash` (the upload
//! action does, from the file); our own stable key goes under
//! `partialFingerprints` as `oasguard/v1`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use serde::Serialize;
use serde_json::{Value, json};

use super::{ReportOptions, Run};
use crate::finding::{Finding, Severity, SuppressionKind};
use crate::rules::Rule;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The log, with keys in the sorted order `Value` would give them.
#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [SarifRun<'a>; 1],
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRun<'a> {
    column_kind: &'static str,
    original_uri_base_ids: Value,
    properties: Value,
    results: Results<'a>,
    tool: Value,
}

/// Results are built and written one at a time: a large spec has tens of
/// thousands, and a whole `Value` tree of them costs twenty times the text.
struct Results<'a> {
    run: &'a Run,
    options: &'a ReportOptions,
    artifacts: RefCell<HashMap<&'a Path, Value>>,
}

impl Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.run.findings.iter().map(|finding| {
            let artifact = self
                .artifacts
                .borrow_mut()
                .entry(&*finding.path)
                .or_insert_with(|| artifact(&finding.path, self.options))
                .clone();
            result(finding, artifact, &self.run.rules)
        }))
    }
}

pub fn write(run: &Run, options: &ReportOptions, out: &mut dyn Write) -> io::Result<()> {
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [SarifRun {
            column_kind: "unicodeCodePoints",
            original_uri_base_ids: json!({"%SRCROOT%": {"uri": directory_uri(&options.sarif_root)}}),
            properties: json!({
                "scores": super::score_entries(run),
                "oasguard": super::run_metadata(run),
            }),
            results: Results {
                run,
                options,
                artifacts: RefCell::default(),
            },
            tool: json!({"driver": {
                "name": "oasguard",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_REPOSITORY"),
                "rules": run.rules.iter().map(|r| descriptor(r)).collect::<Vec<_>>(),
            }}),
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Code scanning's numeric severity: errors are high (critical for broken
/// authentication and authorization), warnings medium, info low.
fn security_severity(rule: &Rule) -> &'static str {
    match rule.severity {
        Severity::Error if rule.owasp.is_access_control() => "9.0",
        Severity::Error => "8.0",
        Severity::Warning => "5.0",
        Severity::Info => "2.0",
    }
}

fn descriptor(rule: &Rule) -> Value {
    let owasp_tag = format!(
        "owasp-{}",
        rule.owasp.code.to_ascii_lowercase().replace(':', "-")
    );
    json!({
        "id": rule.id,
        "name": pascal_case(rule.id),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": what_it_does(rule)},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "defaultConfiguration": {"level": level(rule.severity), "enabled": rule.enabled_by_default},
        "properties": {
            "tags": ["security", owasp_tag, format!("external/cwe/cwe-{}", rule.cwe)],
            "precision": rule.precision.as_str(),
            "security-severity": security_severity(rule),
        },
    })
}

/// The first paragraph of the doc's "What it does" section.
fn what_it_does(rule: &Rule) -> String {
    rule.doc
        .split("## What it does")
        .nth(1)
        .and_then(|section| section.trim_start().split("\n\n").next())
        .map_or_else(
            || rule.summary.to_owned(),
            |p| p.split_whitespace().collect::<Vec<_>>().join(" "),
        )
}

fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

fn result(finding: &Finding, artifact: Value, rules: &[&Rule]) -> Value {
    let mut result = json!({
        "ruleId": finding.rule,
        "level": level(finding.severity),
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": artifact,
            "region": {
                "startLine": finding.start.line,
                "startColumn": finding.start.column,
                "endLine": finding.end.line,
                "endColumn": finding.end.column,
            },
        }}],
        "partialFingerprints": {"oasguard/v1": finding.fingerprint()},
    });
    if let Some(index) = rules.iter().position(|r| r.id == finding.rule) {
        result["ruleIndex"] = json!(index);
    }
    if let Some(suppression) = &finding.suppression {
        let kind = match suppression.kind {
            SuppressionKind::InSource => "inSource",
            SuppressionKind::External => "external",
        };
        let mut entry = json!({"kind": kind});
        if let Some(justification) = &suppression.justification {
            entry["justification"] = json!(justification);
        }
        result["suppressions"] = json!([entry]);
    }
    result
}

/// Relative to the SARIF root when the file is under it; else absolute.
fn artifact(path: &Path, options: &ReportOptions) -> Value {
    let absolute = normalize(&options.cwd.join(path));
    match absolute.strip_prefix(&options.sarif_root) {
        Ok(relative) => json!({"uri": encode_path(relative), "uriBaseId": "%SRCROOT%"}),
        Err(_) => json!({"uri": format!("file://{}", encode_path(&absolute))}),
    }
}

fn directory_uri(dir: &Path) -> String {
    let mut uri = format!("file://{}", encode_path(dir));
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// Lexical `.`/`..` removal: the file may not exist any more (stdin).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A path as a URI path: `/` separators, RFC 3986 unreserved characters kept.
fn encode_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
