//! The registry against everything that describes it: rule docs, the
//! README's rule table, and the product catalog.

mod common;

use std::collections::BTreeSet;
use std::fs;

use oasguard::model::SpecVersion;
use oasguard::rules::REGISTRY;

const DOC_SECTIONS: [&str; 5] = [
    "## What it does",
    "## Why it matters",
    "## Example",
    "## Fix",
    "## References",
];

#[test]
fn every_rule_has_a_complete_doc_and_no_doc_is_orphaned() {
    let mut problems = Vec::new();
    for rule in REGISTRY {
        if !rule.doc.starts_with(&format!("# {}\n", rule.id)) {
            problems.push(format!(
                "rules/{}.md must start with '# {}'",
                rule.id, rule.id
            ));
        }
        for section in DOC_SECTIONS {
            if !rule.doc.contains(section) {
                problems.push(format!("rules/{}.md lacks '{section}'", rule.id));
            }
        }
        if !rule.doc.contains(&format!("CWE-{}", rule.cwe)) {
            problems.push(format!(
                "rules/{}.md does not name CWE-{}",
                rule.id, rule.cwe
            ));
        }
        // The doc's header table restates the registry; keep them equal.
        let severity = format!("| Severity | {}", rule.severity.as_str());
        if !rule.doc.contains(&severity) {
            problems.push(format!(
                "rules/{}.md: severity is not '{severity}'",
                rule.id
            ));
        }
        let versions = doc_row(rule.doc, "Versions");
        for v in [
            SpecVersion::Swagger2,
            SpecVersion::OpenApi30,
            SpecVersion::OpenApi31,
            SpecVersion::OpenApi32,
        ] {
            let named = match v {
                SpecVersion::Swagger2 => versions.contains("Swagger 2.0"),
                _ => versions.contains(&format!("OpenAPI {}", v.label())),
            };
            if named != rule.versions.contains(&v) {
                problems.push(format!(
                    "rules/{}.md: Versions row '{versions}' disagrees on {}",
                    rule.id,
                    v.label()
                ));
            }
        }
        if !rule.doc.contains(rule.owasp.code) {
            problems.push(format!(
                "rules/{}.md does not name {}",
                rule.id, rule.owasp.code
            ));
        }
    }
    for entry in fs::read_dir(common::repo().join("rules")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if let Some(id) = name.strip_suffix(".md")
            && oasguard::rules::find(id).is_none()
        {
            problems.push(format!("rules/{name} documents no registered rule"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The value cell of a `| name | value |` row of a doc's header table.
fn doc_row<'a>(doc: &'a str, name: &str) -> &'a str {
    doc.lines()
        .find_map(|line| line.strip_prefix(&format!("| {name} | ")))
        .map_or("", |rest| rest.trim_end_matches(" |"))
}

#[test]
fn rule_ids_are_unique() {
    let ids: BTreeSet<&str> = REGISTRY.iter().map(|r| r.id).collect();
    assert_eq!(ids.len(), REGISTRY.len());
}

/// The README's table, as the registry says it should read.
fn rule_table() -> String {
    let mut table = String::from(
        "| id | severity | OWASP | CWE | versions | summary |\n|---|---|---|---|---|---|\n",
    );
    for r in REGISTRY {
        // How findings split when some differ from the default severity.
        let severity = if r.enabled_by_default {
            r.severity_label().to_owned()
        } else {
            format!("{} (off by default)", r.severity_label())
        };
        table.push_str(&format!(
            "| [`{}`](rules/{}.md) | {} | {} | CWE-{} | {} | {} |\n",
            r.id,
            r.id,
            severity,
            r.owasp.code,
            r.cwe,
            r.versions_label(),
            r.summary
        ));
    }
    table
}

/// `OASGUARD_BLESS=1 cargo test --test registry` rewrites the table.
#[test]
fn readme_rule_table_matches_the_registry() {
    const START: &str = "<!-- rules:start -->\n";
    const END: &str = "<!-- rules:end -->";
    let path = common::repo().join("README.md");
    let readme = fs::read_to_string(&path).unwrap();
    let (head, rest) = readme
        .split_once(START)
        .expect("README has the rules:start marker");
    let (current, tail) = rest
        .split_once(END)
        .expect("README has the rules:end marker");
    let expected = rule_table();
    if current != expected {
        if std::env::var_os("OASGUARD_BLESS").is_some() {
            fs::write(&path, format!("{head}{START}{expected}{END}{tail}")).unwrap();
        } else {
            panic!(
                "the README's rule table is stale; run OASGUARD_BLESS=1 cargo test --test registry\n{expected}"
            );
        }
    }
}

/// Severity and versions of each rule as the product catalog
/// (`../shared/rule-catalog.md`) specifies them, when the catalog is there.
#[test]
fn registry_agrees_with_the_catalog() {
    let Ok(catalog) = fs::read_to_string(common::repo().join("../shared/rule-catalog.md")) else {
        eprintln!("no ../shared/rule-catalog.md beside the repository; skipped");
        return;
    };
    let mut problems = Vec::new();
    for line in catalog.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let id = cells[1].trim_matches('`');
        let Some(rule) = oasguard::rules::find(id) else {
            problems.push(format!("{id}: in the catalog, not registered"));
            continue;
        };
        let severity = cells[2].split([' ', ',']).next().unwrap();
        if severity != rule.severity.as_str() {
            problems.push(format!(
                "{id}: severity {} but the catalog says {severity}",
                rule.severity.as_str()
            ));
        }
        if cells[2].contains("off by default") == rule.enabled_by_default {
            problems.push(format!(
                "{id}: enabled_by_default disagrees with the catalog"
            ));
        }
        let versions = cells[3];
        let mut expected: BTreeSet<&str> = if versions == "all" {
            ["2.0", "3.0", "3.1", "3.2"].into()
        } else {
            versions
                .split(|c: char| !(c.is_ascii_digit() || c == '.'))
                .filter_map(|v| match v {
                    "2" => Some("2.0"),
                    "3.0" => Some("3.0"),
                    "3.1" => Some("3.1"),
                    "3.2" => Some("3.2"),
                    _ => None,
                })
                .collect()
        };
        // "A rule listed for 3.1 also applies to 3.2."
        if expected.contains("3.1") {
            expected.insert("3.2");
        }
        let actual: BTreeSet<&str> = rule.versions.iter().map(|v| v.label()).collect();
        if expected != actual {
            problems.push(format!(
                "{id}: versions {actual:?} but the catalog says {expected:?}"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
