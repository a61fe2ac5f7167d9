//! Baselines: record today's findings, then fail only on new ones.
//!
//! An entry is rule + file + JSON pointer + a short hash of the reported
//! node's text: adding lines above a finding does not resurrect it, changing
//! the node itself does. The file is sorted JSON, one entry per line, so it
//! diffs well in review.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::finding::{Finding, Suppression, SuppressionKind};

#[derive(Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash, Clone, Debug)]
struct Entry {
    rule: String,
    file: String,
    pointer: String,
    hash: String,
}

impl Entry {
    fn of(finding: &Finding) -> Entry {
        Entry {
            rule: finding.rule.to_owned(),
            file: finding.path.display().to_string().replace('\\', "/"),
            pointer: finding.pointer.clone(),
            hash: format!("{:08x}", finding.content_hash as u32),
        }
    }
}

#[derive(Deserialize)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

/// Writes the active findings as a baseline.
pub fn write<'a>(
    path: &Path,
    findings: impl Iterator<Item = &'a Finding>,
) -> std::io::Result<usize> {
    let mut entries: Vec<Entry> = findings
        .filter(|f| f.suppression.is_none())
        .map(Entry::of)
        .collect();
    entries.sort();
    let mut text = String::from("{\n  \"version\": 1,\n  \"findings\": [\n");
    for (i, entry) in entries.iter().enumerate() {
        let line = serde_json::to_string(entry).map_err(std::io::Error::other)?;
        let comma = if i + 1 < entries.len() { "," } else { "" };
        let _ = writeln!(text, "    {line}{comma}");
    }
    text.push_str("  ]\n}\n");
    std::fs::write(path, text)?;
    Ok(entries.len())
}

pub struct Baseline {
    name: String,
    /// Entries with how many findings each may still absorb.
    remaining: HashMap<Entry, usize>,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text = crate::workspace::read_text(path)?;
        let file: File =
            serde_json::from_str(&text).map_err(|e| format!("not an oasguard baseline: {e}"))?;
        if file.version != 1 {
            return Err(format!(
                "baseline version {} is not supported (expected 1)",
                file.version
            ));
        }
        let mut remaining = HashMap::new();
        for entry in file.findings {
            *remaining.entry(entry).or_insert(0) += 1;
        }
        Ok(Baseline {
            name: path.display().to_string(),
            remaining,
        })
    }

    /// Marks findings recorded in the baseline as externally suppressed.
    pub fn apply(&mut self, findings: &mut [Finding]) {
        for finding in findings.iter_mut().filter(|f| f.suppression.is_none()) {
            if let Some(count) = self.remaining.get_mut(&Entry::of(finding))
                && *count > 0
            {
                *count -= 1;
                finding.suppression = Some(Suppression {
                    kind: SuppressionKind::External,
                    justification: Some(format!("recorded in baseline {}", self.name)),
                });
            }
        }
    }
}
