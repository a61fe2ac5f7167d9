//! Findings counted per rule, most frequent first: where to start on a
//! large spec, and what to turn off or baseline.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::Run;
use crate::finding::Severity;
use crate::rules;

pub fn write(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    // Counted by the severity each finding has: a rule whose findings split
    // (unauthenticated writes are errors, reads warnings) gets a row for each.
    let mut counts: BTreeMap<(&str, Severity), usize> = BTreeMap::new();
    for f in run.active() {
        *counts.entry((f.rule, f.severity)).or_default() += 1;
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|((a, s), n), ((b, t), m)| m.cmp(n).then(a.cmp(b)).then(t.cmp(s)));
    let width = rows.iter().map(|((id, _), _)| id.len()).max().unwrap_or(0);
    for ((id, severity), count) in rows {
        let summary = rules::find(id).map_or("", |r| r.summary);
        writeln!(
            out,
            "{count:>7}  {id:<width$}  {:<7}  {summary}",
            severity.as_str()
        )?;
    }
    writeln!(out, "{}", super::summary_line(run))
}
