//! Shared helpers for the integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn bin() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_oasguard"));
    // What the output looks like may not depend on the caller's terminal.
    cmd.env("NO_COLOR", "1")
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("COLUMNS");
    cmd
}

/// Runs `oasguard` with `args` in `dir`; returns (exit code, stdout, stderr).
pub fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = bin()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run oasguard");
    (
        output.status.code().expect("exit code, not a signal"),
        String::from_utf8(output.stdout).expect("utf-8 stdout"),
        String::from_utf8(output.stderr).expect("utf-8 stderr"),
    )
}

pub fn run(args: &[&str]) -> (i32, String, String) {
    run_in(&repo(), args)
}

/// `field` of every object in the JSON report's `list`, in order.
pub fn each<'a>(report: &'a serde_json::Value, list: &str, field: &str) -> Vec<&'a str> {
    report[list]
        .as_array()
        .expect("a list")
        .iter()
        .map(|item| item[field].as_str().expect("a string"))
        .collect()
}

/// The rule of every finding in a JSON report, in order.
pub fn rules_found(report: &serde_json::Value) -> Vec<&str> {
    each(report, "findings", "rule")
}

/// Lints `text`, written to a scratch file `name`, with only `rules`
/// (comma-separated) selected; the findings in their reported order.
pub fn lint_text(name: &str, text: &str, rules: &str) -> Vec<oasguard::finding::Finding> {
    use oasguard::engine::{LintOptions, Selection, lint};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let options = LintOptions {
        selection: Selection {
            select: Some(rules.split(',').map(str::to_owned).collect()),
            ..Selection::default()
        },
        ..LintOptions::default()
    };
    let input = oasguard::workspace::RootInput {
        display: path.clone(),
        canonical: path.canonicalize().unwrap(),
        text: text.to_owned(),
    };
    lint(input, true, &options).unwrap().findings
}

/// Every YAML and JSON file under `fixtures/`, sorted.
pub fn fixture_specs() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![repo().join("fixtures")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
            {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}
