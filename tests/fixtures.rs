//! Every rule's fixtures: each `fail*` file's findings must equal the
//! `expect:` marks written on their lines, exactly; each `pass*` file must
//! produce nothing.
//!
//! Marks: `# expect: rule-id` at the end of a YAML line, `// expect: rule-id`
//! at the end of a JSON line (blanked out before linting, so the JSON stays
//! valid and every offset stays put). A mark in a file reached through `$ref`
//! counts for the root that reaches it.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use oasguard::engine::{LintOptions, Selection, lint};
use oasguard::model::SpecVersion;
use oasguard::workspace::RootInput;

type Marks = BTreeMap<(PathBuf, usize), Vec<String>>;

/// Copies `src` to `dst`, blanking JSON marks; returns the marks found.
fn copy_with_marks(src: &Path, dst: &Path, rel: &Path, marks: &mut Marks) {
    fs::create_dir_all(dst).unwrap();
    for entry in fs::read_dir(src).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        let (from, to, rel) = (entry.path(), dst.join(&name), rel.join(&name));
        if from.is_dir() {
            copy_with_marks(&from, &to, &rel, marks);
            continue;
        }
        let text = fs::read_to_string(&from).unwrap();
        let is_json = from.extension().is_some_and(|e| e == "json");
        let comment = if is_json { "// expect:" } else { "# expect:" };
        let mut out = String::with_capacity(text.len());
        for (index, line) in text.split_inclusive('\n').enumerate() {
            let Some(at) = line.find(comment) else {
                out.push_str(line);
                continue;
            };
            let ids = line[at + comment.len()..].trim();
            let entry = marks.entry((rel.clone(), index + 1)).or_default();
            entry.extend(
                ids.split(',')
                    .map(|id| id.trim().to_owned())
                    .filter(|id| !id.is_empty()),
            );
            if is_json {
                let body = line.trim_end_matches(['\n', '\r']);
                out.push_str(&line[..at]);
                out.push_str(&" ".repeat(body.len() - at));
                out.push_str(&line[body.len()..]);
            } else {
                out.push_str(line);
            }
        }
        fs::write(&to, out).unwrap();
    }
}

fn is_root(name: &str) -> bool {
    (name.starts_with("fail") || name.starts_with("pass"))
        && [".yaml", ".yml", ".json"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

/// Lints one fixture root with only `rule` selected: (line, rule) per file.
fn findings(tmp: &Path, root: &str, rule: &str) -> (Marks, Vec<PathBuf>, Option<String>) {
    let path = tmp.join(root);
    let options = LintOptions {
        selection: Selection {
            select: Some(vec![rule.to_owned()]),
            ..Selection::default()
        },
        ..LintOptions::default()
    };
    let input = RootInput {
        display: path.clone(),
        canonical: path.canonicalize().unwrap(),
        text: fs::read_to_string(&path).unwrap(),
    };
    let report = lint(input, true, &options).expect("an explicit file always reports");
    let mut found = Marks::new();
    for f in &report.findings {
        let rel = f.path.strip_prefix(tmp).unwrap_or(&f.path).to_path_buf();
        found
            .entry((rel, f.start.line))
            .or_default()
            .push(f.rule.to_owned());
    }
    let loaded = report
        .sources
        .iter()
        .map(|(p, _)| p.strip_prefix(tmp).unwrap_or(p).to_path_buf())
        .collect();
    (found, loaded, report.spec_version)
}

#[test]
fn every_fixture_matches_its_marks() {
    let base = common::repo().join("fixtures/rules");
    let mut failures = Vec::new();
    let mut checked = 0;
    for rule_dir in fs::read_dir(&base).unwrap() {
        let rule_dir = rule_dir.unwrap().path();
        let rule = rule_dir.file_name().unwrap().to_string_lossy().into_owned();
        let tmp = tempfile::tempdir().unwrap();
        let mut marks = Marks::new();
        copy_with_marks(&rule_dir, tmp.path(), Path::new(""), &mut marks);
        let mut roots: Vec<String> = fs::read_dir(&rule_dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| is_root(n))
            .collect();
        roots.sort();
        for root in roots {
            let (mut found, loaded, _) = findings(tmp.path(), &root, &rule);
            let mut expected: Marks = marks
                .iter()
                .filter(|((file, _), _)| loaded.contains(file))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            for ids in expected.values_mut().chain(found.values_mut()) {
                ids.sort();
            }
            if root.starts_with("pass") && !expected.is_empty() {
                failures.push(format!(
                    "{rule}/{root}: a pass fixture carries expect marks"
                ));
            }
            if root.starts_with("fail") && expected.is_empty() {
                failures.push(format!(
                    "{rule}/{root}: a fail fixture without expect marks"
                ));
            }
            if found != expected {
                failures.push(format!(
                    "{rule}/{root}:\n    expected {}\n    found    {}",
                    describe(&expected),
                    describe(&found)
                ));
            }
            checked += 1;
        }
    }
    assert!(checked > 0, "no fixtures found");
    assert!(
        failures.is_empty(),
        "{} fixture(s) disagree:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn describe(marks: &Marks) -> String {
    if marks.is_empty() {
        return "nothing".into();
    }
    marks
        .iter()
        .map(|((file, line), ids)| format!("{}:{line} {}", file.display(), ids.join(",")))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Each rule's fixtures cover every version it supports (3.2 through its own
/// fixtures or the 3.1 ones), with at least one failing and one passing
/// document.
#[test]
fn every_rule_has_fixtures_for_its_versions() {
    let base = common::repo().join("fixtures/rules");
    let mut problems = Vec::new();
    for rule in oasguard::rules::REGISTRY {
        let dir = base.join(rule.id);
        if !dir.is_dir() {
            problems.push(format!("{}: no fixtures/rules/{}/", rule.id, rule.id));
            continue;
        }
        let tmp = tempfile::tempdir().unwrap();
        copy_with_marks(&dir, tmp.path(), Path::new(""), &mut Marks::new());
        let mut versions = Vec::new();
        let (mut fails, mut passes) = (0, 0);
        for entry in fs::read_dir(&dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if !is_root(&name) {
                continue;
            }
            if name.starts_with("fail") {
                fails += 1;
            } else {
                passes += 1;
            }
            let (_, _, version) = findings(tmp.path(), &name, rule.id);
            versions.extend(version);
        }
        if fails == 0 || passes == 0 {
            problems.push(format!("{}: needs a fail* and a pass* fixture", rule.id));
        }
        for v in rule.versions {
            // 3.2 reads like 3.1 except where it adds something (the
            // `query` method, `additionalOperations`, `in: querystring`,
            // the deviceAuthorization flow, ...): a rule's 3.1 fixtures
            // stand for 3.2 too, and a rule whose behaviour 3.2 extends
            // carries `*.3.2.*` fixtures of its own. 2.0, 3.0 and 3.1 are
            // required of every rule that supports them.
            let covered_by: &[&str] = match v {
                SpecVersion::OpenApi32 => &["3.2", "3.1"],
                _ => &[v.label()],
            };
            if !versions
                .iter()
                .any(|found| covered_by.iter().any(|prefix| found.starts_with(prefix)))
            {
                problems.push(format!(
                    "{}: no fixture in version {}",
                    rule.id,
                    covered_by.join(" or ")
                ));
            }
        }
    }
    let dirs: Vec<String> = fs::read_dir(&base)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for dir in dirs {
        if oasguard::rules::find(&dir).is_none() {
            problems.push(format!(
                "fixtures/rules/{dir}/ belongs to no registered rule"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
