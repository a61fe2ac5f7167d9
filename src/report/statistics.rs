//! Findings counted per rule, most frequent first: where to start on a
//! large spec, and what to turn off or baseline.

use std::io::{self, Write};

use super::Run;
use crate::finding::tally;
use crate::rules;

pub fn write(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    // A row shows the highest severity among the rule's findings.
    let mut rows: Vec<_> = tally(run.findings.iter()).into_iter().collect();
    rows.sort_by(|(a, (n, _)), (b, (m, _))| m.cmp(n).then(a.cmp(b)));
    let width = rows.iter().map(|(id, _)| id.len()).max().unwrap_or(0);
    for (id, (count, severity)) in rows {
        let summary = rules::find(id).map_or("", |r| r.summary);
        writeln!(
            out,
            "{count:>7}  {id:<width$}  {:<7}  {summary}",
            severity.as_str()
        )?;
    }
    writeln!(out, "{}", super::summary_line(run))
}
