//! Hostile input: every fixture, cut short and corrupted in many places,
//! must lint to findings (a `parse-error` at worst), never a panic or a hang.

mod common;

use std::fs;

use oasguard::engine::{LintOptions, lint};
use oasguard::workspace::RootInput;

/// Variants of `text`: cut at several places, and with a byte that breaks
/// structure (a quote, a bracket, a tab, a colon) put in at those places.
fn variants(text: &str) -> Vec<String> {
    let cuts: Vec<usize> = (1..12)
        .map(|i| text.len() * i / 12)
        .map(|mut at| {
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            at
        })
        .collect();
    let mut out = Vec::new();
    for &at in &cuts {
        out.push(text[..at].to_owned());
        for junk in ["\"", "]", "{", "\t", ": ", "&a *a", "\u{feff}"] {
            out.push(format!("{}{junk}{}", &text[..at], &text[at..]));
        }
    }
    out
}

#[test]
fn corrupted_fixtures_never_panic() {
    let files = common::fixture_specs();
    let options = LintOptions::default();
    let mut linted = 0;
    for path in files {
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        // The corrupted copy stays next to its siblings so `$ref`s still
        // reach real files, but it is never written: linted from memory.
        let canonical = path.canonicalize().unwrap();
        for text in variants(&text) {
            let input = RootInput {
                display: path.clone(),
                canonical: canonical.clone(),
                text,
            };
            let outcome = std::panic::catch_unwind(|| lint(input, true, &options));
            assert!(outcome.is_ok(), "{} panicked on a variant", path.display());
            linted += 1;
        }
    }
    assert!(linted > 1000, "only {linted} variants linted");
}
