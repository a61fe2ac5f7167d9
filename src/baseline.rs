//! Baselines: record today's findings, then fail only on new ones.
//!
//! An entry is rule + file + JSON pointer + a fingerprint of the reported
//! node. The file is named relative to the project root, so a baseline
//! written by `oasguard lint specs/` matches `lint ./specs`, an absolute
//! path or `lint .` run from `specs/`. The fingerprint (see
//! [`fingerprint`]) covers what the finding is about, not its neighbours:
//! lines added above it, an edited `description` or `example`, a new sibling
//! response do not resurrect it; a changed value of the node itself does.
//! The file is sorted JSON, one entry per line, so it diffs well in review.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::finding::{Finding, Suppression, SuppressionKind, fnv1a};
use crate::source::Node;

/// Version 1 keyed files as typed and hashed whole nodes; its entries
/// cannot be matched with version 2's.
const VERSION: u32 = 2;

#[derive(Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash, Clone, Debug)]
struct Entry {
    rule: String,
    file: String,
    pointer: String,
    hash: String,
}

impl Entry {
    fn of(finding: &Finding, file: String) -> Entry {
        Entry {
            rule: finding.rule.to_owned(),
            file,
            pointer: finding.pointer.clone(),
            hash: format!("{:08x}", finding.content_hash as u32),
        }
    }
}

/// Keys that document a node without changing what it means.
fn is_documentation(key: &str) -> bool {
    matches!(
        key,
        "description" | "summary" | "title" | "example" | "examples"
    ) || key.starts_with("x-")
}

/// What a finding's node says, for its baseline entry: a scalar's value; a
/// mapping's scalar fields (sorted, documentation keys left out) — not its
/// nested mappings and lists, which are other nodes' subjects (a new
/// response under an operation does not change the operation's finding),
/// nor where it sits in the file.
pub fn fingerprint(node: Node<'_>) -> u64 {
    if let Some(value) = scalar_text(node) {
        return fnv1a(value.as_bytes());
    }
    let mut text = String::new();
    // Lengths first: no two field lists hash the same text.
    let mut field = |key: &str, value: &str| {
        let _ = write!(text, "{}:{key}={}:{value};", key.len(), value.len());
    };
    if node.is_seq() {
        field("[", "");
        for value in node.items().filter_map(scalar_text) {
            field("", value);
        }
    } else {
        let mut fields: Vec<(&str, &str)> = node
            .entries()
            .filter(|(key, _)| !is_documentation(key.name))
            .filter_map(|(key, value)| Some((key.name, scalar_text(value)?)))
            .collect();
        fields.sort_unstable();
        for (key, value) in fields {
            field(key, value);
        }
    }
    fnv1a(text.as_bytes())
}

/// A scalar's text (a string's value, a number or boolean as written).
fn scalar_text(node: Node<'_>) -> Option<&str> {
    if node.is_map() || node.is_seq() {
        return None;
    }
    let span = node.span();
    node.as_str()
        .or_else(|| node.file.text.get(span.start as usize..span.end as usize))
}

/// Which findings are one: several root specs reaching a shared file each
/// report its findings, and a baseline entry covers them all.
type Identity = (&'static str, Arc<Path>, usize, String);

fn identity(finding: &Finding) -> Identity {
    (
        finding.rule,
        Arc::clone(&finding.path),
        finding.byte_start,
        finding.message.clone(),
    )
}

/// The entries a baseline records, collected over several reports:
/// `file_key` names a finding's file relative to its project root.
#[derive(Default)]
pub struct Recorder {
    entries: Vec<Entry>,
    seen: HashSet<Identity>,
}

impl Recorder {
    pub fn record<'a>(
        &mut self,
        findings: impl Iterator<Item = &'a Finding>,
        mut file_key: impl FnMut(&Path) -> String,
    ) {
        for finding in findings.filter(|f| f.suppression.is_none()) {
            if self.seen.insert(identity(finding)) {
                self.entries
                    .push(Entry::of(finding, file_key(&finding.path)));
            }
        }
    }

    /// Writes the baseline; returns how many entries it holds.
    pub fn write(mut self, path: &Path) -> std::io::Result<usize> {
        self.entries.sort();
        let mut text = format!("{{\n  \"version\": {VERSION},\n  \"findings\": [\n");
        for (i, entry) in self.entries.iter().enumerate() {
            let line = serde_json::to_string(entry).map_err(std::io::Error::other)?;
            let comma = if i + 1 < self.entries.len() { "," } else { "" };
            let _ = writeln!(text, "    {line}{comma}");
        }
        text.push_str("  ]\n}\n");
        std::fs::write(path, text)?;
        Ok(self.entries.len())
    }
}

#[derive(Deserialize)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

pub struct Baseline {
    name: String,
    /// Entries with how many findings each may still absorb.
    remaining: HashMap<Entry, usize>,
    /// Findings already hidden, so that the same finding reported from
    /// another root spec is hidden too, and counted once.
    hidden: HashSet<Identity>,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text = crate::workspace::read_text(path)?;
        let file: File =
            serde_json::from_str(&text).map_err(|e| format!("not an oasguard baseline: {e}"))?;
        if file.version != VERSION {
            return Err(format!(
                "baseline version {} is not supported (expected {VERSION}); \
                 record it again with --write-baseline",
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
            hidden: HashSet::new(),
        })
    }

    /// Marks findings recorded in the baseline as externally suppressed;
    /// `file_key` names a finding's file as [`Recorder::record`] did.
    pub fn apply(&mut self, findings: &mut [Finding], mut file_key: impl FnMut(&Path) -> String) {
        for finding in findings.iter_mut().filter(|f| f.suppression.is_none()) {
            let id = identity(finding);
            let recorded = self.hidden.contains(&id) || {
                let entry = Entry::of(finding, file_key(&finding.path));
                match self.remaining.get_mut(&entry) {
                    Some(count) if *count > 0 => {
                        *count -= 1;
                        self.hidden.insert(id);
                        true
                    }
                    _ => false,
                }
            };
            if recorded {
                finding.suppression = Some(Suppression {
                    kind: SuppressionKind::External,
                    justification: Some(format!("recorded in baseline {}", self.name)),
                });
            }
        }
    }

    /// How many distinct findings the baseline hid so far.
    pub fn hidden(&self) -> usize {
        self.hidden.len()
    }
}
