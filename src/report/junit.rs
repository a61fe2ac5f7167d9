//! JUnit XML: a test suite per linted file, a test case per finding, for CI
//! systems that render test reports. A finding fails its case only when it
//! fails the run (at or above `--fail-on`); the others pass, their text in
//! `system-out`, so an info-only run is not red on a dashboard.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use super::{ReportOptions, Run, escape};
use crate::finding::Finding;

pub fn write(run: &Run, options: &ReportOptions, out: &mut dyn Write) -> io::Result<()> {
    let fails = |f: &Finding| options.fail_on.is_some_and(|min| f.severity >= min);
    // A suite per file that holds findings (a file reached through `$ref`
    // included), and a passing one per linted file without any.
    let mut suites: BTreeMap<&Path, Vec<&Finding>> = BTreeMap::new();
    for file in &run.files {
        suites.entry(&file.path).or_default();
    }
    for finding in run.active() {
        suites.entry(&finding.path).or_default().push(finding);
    }
    let failures = run.active().filter(|f| fails(f)).count();
    let tests: usize = suites.values().map(|findings| findings.len().max(1)).sum();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="oasguard" tests="{tests}" failures="{failures}">"#
    )?;
    for (path, findings) in suites {
        let path = xml(&escape::path(path));
        let failures = findings.iter().filter(|f| fails(f)).count();
        writeln!(
            out,
            r#"  <testsuite name="{path}" tests="{}" failures="{failures}">"#,
            findings.len().max(1)
        )?;
        if findings.is_empty() {
            writeln!(out, r#"    <testcase name="oasguard" classname="{path}"/>"#)?;
        }
        for f in findings {
            writeln!(
                out,
                r#"    <testcase name="{} at {}:{}" classname="{path}">"#,
                xml(f.rule),
                f.start.line,
                f.start.column
            )?;
            let text = format!(
                "{}:{}:{}: {} [{}] {} ({})",
                path,
                f.start.line,
                f.start.column,
                f.severity.as_str(),
                xml(f.rule),
                xml(&f.message),
                xml(&f.pointer)
            );
            if fails(f) {
                writeln!(
                    out,
                    r#"      <failure message="{}" type="{}">{text}</failure>"#,
                    xml(&f.message),
                    f.severity.as_str(),
                )?;
            } else {
                writeln!(out, "      <system-out>{text}</system-out>")?;
            }
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

/// XML text and attribute escaping of text already on one line with no
/// character XML 1.0 forbids ([`escape::line`]).
fn xml(text: &str) -> String {
    let text = escape::line(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}
