//! Every rule doc's `## Example` must trigger its rule, on exactly the lines
//! marked `# <- reported here`, and its `## Fix` must not: a doc that shows
//! the wrong thing teaches the wrong fix.

use std::collections::BTreeSet;

use oasguard::engine::{LintOptions, Selection, lint};
use oasguard::workspace::RootInput;

/// The body of the first fenced block after `heading`, and its language.
fn block<'a>(doc: &'a str, heading: &str) -> Option<(&'a str, &'a str)> {
    let section = &doc[doc.find(heading)?..];
    let open = section.find("```")?;
    let rest = &section[open + 3..];
    let newline = rest.find('\n')?;
    let language = rest[..newline].trim();
    let body = &rest[newline + 1..];
    Some((language, &body[..body.find("```")?]))
}

/// Lines (1-based) of `rule`'s findings when `text` is linted alone.
fn finding_lines(rule: &str, language: &str, text: &str) -> BTreeSet<usize> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("example.{language}"));
    std::fs::write(&path, text).unwrap();
    // The whole catalog runs (a suppression is only stale if the rule it
    // names ran); only `rule`'s findings count.
    let options = LintOptions {
        selection: Selection {
            enable: vec![rule.to_owned()],
            ..Selection::default()
        },
        ..LintOptions::default()
    };
    let input = RootInput {
        display: path.clone(),
        canonical: path.canonicalize().unwrap(),
        text: text.to_owned(),
    };
    lint(input, true, &options)
        .map(|report| {
            report
                .findings
                .iter()
                .filter(|f| f.rule == rule)
                .map(|f| f.start.line)
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn doc_examples_fire_and_fixes_pass() {
    let mut problems = Vec::new();
    for rule in oasguard::rules::REGISTRY {
        let id = rule.id;
        let (Some((language, example)), Some((fix_language, fix))) =
            (block(rule.doc, "## Example"), block(rule.doc, "## Fix"))
        else {
            problems.push(format!("{id}: no fenced Example and Fix blocks"));
            continue;
        };
        let marked: BTreeSet<usize> = example
            .lines()
            .enumerate()
            .filter(|(_, line)| line.contains("<- reported"))
            .map(|(index, _)| index + 1)
            .collect();
        let found = finding_lines(id, language, example);
        if found.is_empty() || (!marked.is_empty() && found != marked) {
            problems.push(format!(
                "{id}: Example marks lines {marked:?}, the rule reports {found:?}"
            ));
        }
        let found = finding_lines(id, fix_language, fix);
        if !found.is_empty() {
            problems.push(format!("{id}: Fix still reported on lines {found:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
