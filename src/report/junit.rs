//! JUnit XML: a test suite per linted file, a failing test case per finding,
//! for CI systems that render test reports.

use std::io::{self, Write};

use super::Run;

pub fn write(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    let failures = run.active().count();
    let clean_files = run
        .files
        .iter()
        .filter(|f| run.active_in(&f.path).next().is_none())
        .count();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="oasguard" tests="{}" failures="{failures}">"#,
        failures + clean_files
    )?;
    for file in &run.files {
        let path = escape(&file.path.display().to_string());
        let findings: Vec<_> = run.active_in(&file.path).collect();
        let failures = findings.len();
        // A clean file still shows up as one passing case.
        writeln!(
            out,
            r#"  <testsuite name="{path}" tests="{}" failures="{failures}">"#,
            failures.max(1)
        )?;
        if findings.is_empty() {
            writeln!(out, r#"    <testcase name="oasguard" classname="{path}"/>"#)?;
        }
        for f in findings {
            writeln!(
                out,
                r#"    <testcase name="{} at {}:{}" classname="{path}">"#,
                escape(f.rule),
                f.start.line,
                f.start.column
            )?;
            writeln!(
                out,
                r#"      <failure message="{}" type="{}">{}:{}:{}: {} [{}] {} ({})</failure>"#,
                escape(&f.message),
                f.severity.as_str(),
                path,
                f.start.line,
                f.start.column,
                f.severity.as_str(),
                escape(f.rule),
                escape(&f.message),
                escape(&f.pointer)
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

/// XML text and attribute escaping; characters XML 1.0 forbids are dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}
