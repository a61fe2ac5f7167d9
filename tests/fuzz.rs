//! A property test over the loader and the engine: every fixture, mutated
//! at random (a fixed seed, so a failure reproduces), must lint without a
//! panic, and every finding must lie inside the file it names.
//!
//! Hand-rolled rather than cargo-fuzz (which needs a nightly toolchain) or
//! `proptest` (a dependency for what forty lines do): the mutator splices
//! YAML/JSON syntax and hostile tokens (anchors, aliases, merge keys,
//! `$ref`s, line breaks, control characters) into the fixtures, which
//! already cover every version and rule. CI runs a fixed number of cases;
//! `OASGUARD_FUZZ_CASES` (mutants per fixture) and `OASGUARD_FUZZ_SEED`
//! run more, or others, locally.

mod common;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use oasguard::engine::{LintOptions, lint};
use oasguard::finding::Finding;
use oasguard::workspace::RootInput;

/// Tokens the mutator splices in: structure, and what loaders get wrong.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    "'",
    ": ",
    ", ",
    "- ",
    "\n",
    "\r",
    "\r\n",
    "\t",
    "  ",
    "#",
    "&a ",
    "*a",
    "&b [*a, *a]",
    "<<: *a",
    "<<: [*a, *b]",
    "!!str ",
    "? ",
    "|\n",
    ">-\n",
    "---\n",
    "...\n",
    "$ref: '#/'",
    "\"$ref\": \"#/components\"",
    "$ref: other.yaml#/x",
    "x-oasguard-ignore: [string-unbounded]",
    "\u{feff}",
    "\u{0}",
    "\u{1b}[2J",
    "\u{202e}",
    "\u{fffe}",
    "é",
    "~1",
    "%2F",
    "{id}",
    "null",
    "0x1F",
    "1e999",
    "-.inf",
    "\\u0000",
    "\\ud800",
    "openapi: 3.1.0\n",
    "swagger: '2.0'\n",
];

/// xorshift64*: a few lines, no dependency, same sequence everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// `text` with one to four random edits: a token put in, a range cut out,
/// a range repeated elsewhere, or a byte changed.
fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(4) {
            0 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                bytes.splice(at..at, token.iter().copied());
            }
            1 => {
                let end = (at + 1 + rng.below(64)).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            2 => {
                let end = (at + 1 + rng.below(256)).min(bytes.len());
                let copy = bytes[at.min(end)..end].to_vec();
                let to = rng.below(bytes.len() + 1);
                bytes.splice(to..to, copy);
            }
            _ if at < bytes.len() => bytes[at] = rng.next() as u8,
            _ => {}
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Whether `finding` lies inside `text`, the file it names: byte range and
/// line/column positions, in order.
fn inside(finding: &Finding, text: &str) -> bool {
    // A line ends at LF, CRLF or a lone CR: at most one line per break.
    let lines = 1 + text.bytes().filter(|&b| b == b'\n' || b == b'\r').count();
    let columns = 1 + text.chars().count();
    let position_inside =
        |line: usize, column: usize| (1..=lines).contains(&line) && (1..=columns).contains(&column);
    finding.byte_start <= finding.byte_end
        && finding.byte_end <= text.len()
        && position_inside(finding.start.line, finding.start.column)
        && position_inside(finding.end.line, finding.end.column)
        && finding.start <= finding.end
}

#[test]
fn mutated_fixtures_lint_without_panic_and_findings_stay_in_their_files() {
    let seed = env_number("OASGUARD_FUZZ_SEED", 0x0a5_9a2d);
    let cases = env_number("OASGUARD_FUZZ_CASES", 20);
    let mut rng = Rng(seed | 1);
    let options = LintOptions::default();
    let mut linted = 0;
    for path in common::fixture_specs() {
        let Ok(original) = std::fs::read_to_string(&path) else {
            continue;
        };
        // The mutant stands in for the fixture, next to its siblings, so
        // `$ref`s still reach real files; it is linted from memory.
        let canonical = path.canonicalize().unwrap();
        for case in 0..cases {
            let text = mutate(&original, &mut rng);
            let input = RootInput {
                display: path.clone(),
                canonical: canonical.clone(),
                text: text.clone(),
            };
            let what = || format!("{} case {case} (seed {seed:#x})", path.display());
            let report = std::panic::catch_unwind(|| lint(input, true, &options))
                .unwrap_or_else(|_| panic!("panic on {}", what()));
            let report = report.expect("a file named explicitly gets a report");
            // The root's text as the engine read it (a BOM dropped), and
            // every file a `$ref` reached.
            let texts: HashMap<PathBuf, Arc<str>> = report.sources.into_iter().collect();
            for finding in &report.findings {
                let text = texts.get(&*finding.path).map_or(text.as_str(), |t| t);
                assert!(
                    inside(finding, text),
                    "{}: {finding:?} lies outside {}",
                    what(),
                    finding.path.display()
                );
            }
            linted += 1;
        }
    }
    assert!(linted > 1000, "only {linted} mutants linted");
}
