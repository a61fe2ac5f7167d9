//! GitLab Code Quality report (a JSON array of issues).

use std::io::{self, Write};

use serde::Serializer;
use serde_json::json;

use super::{Run, escape};
use crate::finding::Severity;

pub fn write(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    // Issue by issue, so a large report is never one `Value` tree in memory.
    let issues = run.active().map(|f| {
        json!({
                "description": escape::line(&f.message),
                "check_name": f.rule,
                "fingerprint": f.fingerprint(),
                "severity": match f.severity {
                    Severity::Error => "critical",
                    Severity::Warning => "major",
                    Severity::Info => "info",
                },
                "location": {
                    "path": f.path.display().to_string().replace('\\', "/"),
                    "lines": {"begin": f.start.line},
                },
        })
    });
    let mut serializer = serde_json::Serializer::pretty(&mut *out);
    serializer.collect_seq(issues)?;
    writeln!(out)
}
