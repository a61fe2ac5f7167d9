//! SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, ...).
//!
//! Every result has a physical location (code scanning rejects uploads with
//! location-less results); URIs are relative to the repository root (or
//! `--sarif-root`). We do not compute `primaryLocationLineHash` (the upload
//! action does, from the file); our own stable key goes under
//! `partialFingerprints` as `oasguard/v1`.

use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use serde_json::{Value, json};

use super::{ReportOptions, Run};
use crate::finding::{Finding, Severity, SuppressionKind};
use crate::rules::Rule;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn write(run: &Run, options: &ReportOptions, out: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<&Rule> = run.rules.clone();
    let results: Vec<Value> = run
        .findings
        .iter()
        .map(|f| result(f, &rules, options))
        .collect();
    let mut sarif_run = json!({
        "tool": {"driver": {
            "name": "oasguard",
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "version": env!("CARGO_PKG_VERSION"),
            "informationUri": env!("CARGO_PKG_REPOSITORY"),
            "rules": rules.iter().map(|r| descriptor(r)).collect::<Vec<_>>(),
        }},
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {"%SRCROOT%": {"uri": directory_uri(&options.sarif_root)}},
        "results": results,
    });
    sarif_run["properties"] = json!({"scores": super::score_entries(run)});
    let log = json!({"$schema": SCHEMA, "version": "2.1.0", "runs": [sarif_run]});
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
        Severity::Error if ["API1:2023", "API2:2023", "API5:2023"].contains(&rule.owasp.code) => {
            "9.0"
        }
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

fn result(finding: &Finding, rules: &[&Rule], options: &ReportOptions) -> Value {
    let mut result = json!({
        "ruleId": finding.rule,
        "level": level(finding.severity),
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": artifact(&finding.path, options),
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
