//! `spec-structure` against the OpenAPI Initiative's official JSON Schemas:
//! the same documents go to both, and their verdicts must agree.
//!
//! The official schemas come with the npm package
//! `@seriousme/openapi-schema-validator` (pinned and installed by `.ci/run`),
//! run by `scripts/oas-validate.mjs`, whose path `.ci/run` exports as
//! `OASGUARD_OAS_VALIDATOR` (a program; a `.mjs`/`.js` path is run with
//! `node`). Without it the test is skipped, unless `OASGUARD_REQUIRE_TOOLS`
//! is set, as `.ci/run` does.
//!
//! Documents:
//! - every `fail*`/`pass*` root under `fixtures/rules/*/` that is an OpenAPI
//!   document. Not the `parse-error` and `not-openapi` fixtures, nor roots
//!   with a `$ref` outside the file (multi-file fixtures): the official
//!   schemas judge one file, and our rule would also judge the files the
//!   root reaches. Each is read with oasguard's own loader and written out
//!   as JSON, so both sides read the same data (no YAML 1.1/1.2 typing
//!   differences; the fixtures' `expect:` marks are gone);
//! - mutants of the fixtures that both sides find valid: at every structural
//!   place (not inside `example`, `default`, `enum`, `const`, Example
//!   `value`s or `x-` extensions) a key misspelt (one letter dropped), a key
//!   removed, a string turned into a list, an enumerated value (`in`,
//!   `type`, `style`, `collectionFormat`, `flow`) set to one outside its set.
//!   Mutants are deterministic (no randomness): one is kept per version,
//!   mutation and place (see [`context`]: `responses/*/description`,
//!   `{schema}/maxLength`), the first in fixture order, so the same field in
//!   thirty fixtures is tested once. About a thousand mutants; the test takes
//!   about ten seconds in a debug build.
//!
//! Our verdict: the document has at least one `spec-structure` finding
//! (suppressed or not). Theirs: the schema rejects it (the validator's own
//! `$ref` check is not the schema's and does not count). A disagreement
//! fails the test unless a row of [`ALLOWED`] explains it.

mod common;

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use oasguard::engine::{LintOptions, Selection, lint};
use oasguard::source::{FileId, Node, SourceFile};
use oasguard::workspace::RootInput;
use serde_json::{Map, Value};

const RULE: &str = "spec-structure";
/// Fixture directories that hold no OpenAPI document to compare.
const NOT_DOCUMENTS: [&str; 2] = ["parse-error", "not-openapi"];

/// Which side reports a problem the other does not see.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Only {
    /// `spec-structure` reports; the official schema accepts.
    Ours,
    /// The official schema rejects; `spec-structure` is silent.
    Theirs,
}

/// A disagreement that is known and explained.
struct Allowed {
    /// Globs (`*` is any text, `/` included) over case names: `3.1 fixture
    /// spec-structure/fail.3.1.yaml` for a fixture; for a mutant, version,
    /// mutation and the generalized pointer of the key or value changed
    /// (`3.0 typo /paths/*/get/responses/*/description`), where names chosen
    /// by the author (paths, schema and property names, status codes, media
    /// types, methods of `additionalOperations`) and list indexes are `*`.
    cases: &'static [&'static str],
    /// For [`Only::Ours`]: when not empty, each of our findings, written
    /// `pointer: message`, must match one of these globs.
    findings: &'static [&'static str],
    only: Only,
    reason: &'static str,
}

const ALLOWED: &[Allowed] = &[
    Allowed {
        cases: &["3.1 *", "3.2 *"],
        findings: &["*/schema/*", "/components/schemas/*/*"],
        only: Only::Ours,
        reason: "the official 3.1 and 3.2 schemas do not look inside Schema Objects \
                 ($defs/schema is `type: [object, boolean]`, the official schema.json \
                 \"without Schema Object validation\"); we report near misses of JSON \
                 Schema keywords (`maxLenght`, an annotation to 2020-12) and values of \
                 the wrong kind (a boolean `exclusiveMaximum`)",
    },
    Allowed {
        cases: &["*"],
        findings: &[
            "*: operationId `*` is already used by *",
            "*: a second `querystring` parameter in *",
            "*: a `query` parameter beside the `querystring` one in *",
        ],
        only: Only::Ours,
        reason: "checks across objects that a JSON Schema cannot express: operationIds \
                 unique in the document, one 3.2 `querystring` parameter per operation \
                 and none beside `query` ones, path-level parameters included",
    },
    Allowed {
        cases: &["2.0 *"],
        findings: &["/securityDefinitions/*: * misses the required field `scopes`*"],
        only: Only::Ours,
        reason: "2.0 Security Scheme Object: `scopes` is \"Required\" for oauth2 in the \
                 specification; the official 2.0 schema's oauth2 definitions do not \
                 list it in `required`",
    },
    Allowed {
        cases: &["2.0 *"],
        findings: &["*/items: * misses the required field `type`*"],
        only: Only::Ours,
        reason: "2.0 Items Object: `type` is \"Required\" in the specification; the \
                 official 2.0 schema's `primitivesItems` requires nothing",
    },
    Allowed {
        cases: &["3.0 fixture http-insecure-scheme/fail.3.0.yaml"],
        findings: &[],
        only: Only::Theirs,
        reason: "3.0 HTTP scheme: the official 3.0 schema allows `bearerFormat` only with \
                 `scheme: bearer`; the specification text calls it a hint for bearer \
                 tokens and forbids nothing, so a scheme such as `jwt` beside it is not \
                 a structural error (http-insecure-scheme judges the scheme itself)",
    },
    Allowed {
        cases: &["2.0 fixture oauth2-insecure-url/fail.2.0.yaml"],
        findings: &[],
        only: Only::Theirs,
        reason: "2.0 OAuth2 URLs: the official schema demands absolute URIs, the \
                 specification text says the URL \"SHOULD be in the form of a URL\" \
                 (a recommendation); a relative `authorizationUrl` is reported by \
                 oauth2-insecure-url, the rule that judges where credentials go",
    },
    Allowed {
        cases: &["2.0 fixture server-credentials-in-url/fail.2.0.yaml"],
        findings: &[],
        only: Only::Theirs,
        reason: "2.0 `host` with credentials (`user:secret@api.example.com`): the \
                 official schema's host pattern rejects it; server-credentials-in-url \
                 reports exactly that, and one root cause gets one finding",
    },
];

#[test]
fn spec_structure_agrees_with_the_official_schemas() {
    let Some(tool) = validator() else {
        return;
    };
    eprintln!("official schemas: {}", tool_version(&tool));
    let tmp = tempfile::tempdir().unwrap();
    let mut usage = vec![0usize; ALLOWED.len()];
    let mut disagreements = Vec::new();

    // (a) The fixtures.
    let (fixtures, skipped) = fixture_documents();
    let dir = tmp.path().join("fixtures");
    let cases: Vec<Case> = fixtures
        .iter()
        .map(|doc| Case {
            name: format!("{} fixture {}", doc.version, doc.fixture),
            source: None,
            detail: String::new(),
            json: doc.json.clone(),
        })
        .collect();
    let fixture_verdicts = judge(&tool, &dir, &cases);
    for (case, verdict) in cases.iter().zip(&fixture_verdicts) {
        compare(case, verdict, &mut usage, &mut disagreements);
    }

    // (b) Mutants of the fixtures both sides find valid.
    let valid: Vec<&Document> = fixtures
        .iter()
        .zip(&fixture_verdicts)
        .filter(|(_, v)| v.ours.is_empty() && v.theirs.is_none())
        .map(|(doc, _)| doc)
        .collect();
    let mutants = mutants(&valid);
    let dir = tmp.path().join("mutants");
    let mutant_verdicts = judge(&tool, &dir, &mutants);
    for (case, verdict) in mutants.iter().zip(&mutant_verdicts) {
        compare(case, verdict, &mut usage, &mut disagreements);
    }

    let rejected = |vs: &[Verdict]| vs.iter().filter(|v| v.theirs.is_some()).count();
    eprintln!(
        "{} fixtures compared (left out: {skipped:?}), {} rejected by the schemas; \
         {} valid on both sides gave {} mutants, {} rejected by the schemas",
        cases.len(),
        rejected(&fixture_verdicts),
        valid.len(),
        mutants.len(),
        rejected(&mutant_verdicts),
    );
    for (row, used) in ALLOWED.iter().zip(&usage) {
        eprintln!("allowed x{used} (only {:?}): {}", row.only, row.reason);
    }
    if disagreements.is_empty() {
        return;
    }
    let kept = tmp.keep();
    let mut by_kind: BTreeMap<(Only, String), usize> = BTreeMap::new();
    for d in &disagreements {
        *by_kind.entry((d.only, d.kind.clone())).or_default() += 1;
    }
    let mut report = format!(
        "{} disagreement(s) with the official schemas (documents kept in {}):\n",
        disagreements.len(),
        kept.display()
    );
    for ((only, kind), n) in &by_kind {
        let _ = writeln!(report, "  {n:>4} {kind}, only {only:?}");
    }
    for d in &disagreements {
        report.push_str(&d.text);
    }
    panic!("{report}");
}

/// The validator's path, or `None` (with a note) when the test is skipped.
fn validator() -> Option<PathBuf> {
    let set = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    match set("OASGUARD_OAS_VALIDATOR") {
        Some(path) => Some(PathBuf::from(path)),
        None => {
            assert!(
                set("OASGUARD_REQUIRE_TOOLS").is_none(),
                "OASGUARD_REQUIRE_TOOLS is set but OASGUARD_OAS_VALIDATOR is not \
                 (.ci/run installs the validator and sets both)"
            );
            eprintln!("OASGUARD_OAS_VALIDATOR not set: differential test skipped");
            None
        }
    }
}

fn command(tool: &Path) -> Command {
    let script = tool.extension().is_some_and(|e| e == "mjs" || e == "js");
    if script {
        let mut cmd = Command::new("node");
        cmd.arg(tool);
        cmd
    } else {
        Command::new(tool)
    }
}

fn tool_version(tool: &Path) -> String {
    let out = command(tool)
        .arg("--version")
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", tool.display()));
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// A fixture as data, with its version (`3.1`).
struct Document {
    fixture: String,
    version: String,
    json: Value,
}

/// One document to judge.
struct Case {
    /// What [`Allowed::cases`] matches.
    name: String,
    /// The fixture a mutant comes from.
    source: Option<String>,
    /// What was changed, for a mutant.
    detail: String,
    json: Value,
}

struct Verdict {
    /// Our `spec-structure` findings: `pointer: message`.
    ours: Vec<String>,
    /// The schema's errors when it rejects the document.
    theirs: Option<Vec<String>>,
}

/// Every root fixture that is a single-file OpenAPI document, and how many
/// roots were left out, by reason.
fn fixture_documents() -> (Vec<Document>, BTreeMap<&'static str, usize>) {
    let base = common::repo().join("fixtures/rules");
    let mut dirs: Vec<PathBuf> = fs::read_dir(&base)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let (mut docs, mut skipped) = (Vec::new(), BTreeMap::new());
    for dir in dirs {
        let rule = dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut roots: Vec<PathBuf> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| is_root(p))
            .collect();
        roots.sort();
        for path in roots {
            let name = path.file_name().unwrap().to_string_lossy();
            let fixture = format!("{rule}/{name}");
            let found = if NOT_DOCUMENTS.contains(&rule.as_str()) {
                Err("not an OpenAPI document")
            } else {
                document(&path)
            };
            match found {
                Ok((version, json)) => docs.push(Document {
                    fixture,
                    version,
                    json,
                }),
                Err(why) => *skipped.entry(why).or_default() += 1,
            }
        }
    }
    (docs, skipped)
}

fn is_root(path: &Path) -> bool {
    let name = path.file_name().unwrap().to_string_lossy();
    path.is_file()
        && (name.starts_with("fail") || name.starts_with("pass"))
        && [".yaml", ".yml", ".json"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

/// The fixture as JSON with its version, when it parses, declares a version
/// we support and has no `$ref` outside itself; else why not.
fn document(path: &Path) -> Result<(String, Value), &'static str> {
    let mut text = fs::read_to_string(path).unwrap();
    if path.extension().is_some_and(|e| e == "json") {
        text = text
            .lines()
            .map(|line| line.split("// expect:").next().unwrap())
            .collect::<Vec<_>>()
            .join("\n");
    }
    let (file, error) = SourceFile::parse(FileId(0), path.to_path_buf(), text);
    let not_openapi = "not an OpenAPI document";
    let root = file.root().filter(|_| error.is_none()).ok_or(not_openapi)?;
    let json = to_json(root);
    let version = match (json.get("openapi"), json.get("swagger")) {
        (Some(Value::String(v)), _) => v.get(..3).unwrap_or_default(),
        // `swagger: 2.0` unquoted in YAML is a number.
        (None, Some(v)) if v == "2.0" || v.as_f64() == Some(2.0) => "2.0",
        _ => "",
    };
    if !["2.0", "3.0", "3.1", "3.2"].contains(&version) {
        return Err(not_openapi);
    }
    if has_external_ref(&json) {
        return Err("a `$ref` to another file");
    }
    Ok((version.to_owned(), json))
}

fn to_json(node: Node<'_>) -> Value {
    if node.is_map() {
        let map: Map<String, Value> = node
            .entries()
            .map(|(key, value)| (key.name.to_owned(), to_json(value)))
            .collect();
        Value::Object(map)
    } else if node.is_seq() {
        Value::Array(node.items().map(to_json).collect())
    } else if let Some(s) = node.as_str() {
        Value::String(s.to_owned())
    } else if let Some(b) = node.as_bool() {
        Value::Bool(b)
    } else if let Some(n) = node.as_f64() {
        if n.fract() == 0.0 && n.abs() < 9e15 {
            Value::from(n as i64)
        } else {
            serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
        }
    } else {
        Value::Null
    }
}

fn has_external_ref(json: &Value) -> bool {
    match json {
        Value::Object(map) => map.iter().any(|(key, value)| {
            (key == "$ref" && value.as_str().is_some_and(|r| !r.starts_with('#')))
                || has_external_ref(value)
        }),
        Value::Array(items) => items.iter().any(has_external_ref),
        _ => false,
    }
}

/// Writes the cases to `dir`, runs the validator once over it and lints each.
fn judge(tool: &Path, dir: &Path, cases: &[Case]) -> Vec<Verdict> {
    fs::create_dir_all(dir).unwrap();
    let paths: Vec<PathBuf> = (0..cases.len())
        .map(|i| dir.join(format!("{i:05}.json")))
        .collect();
    for (case, path) in cases.iter().zip(&paths) {
        fs::write(path, serde_json::to_string_pretty(&case.json).unwrap()).unwrap();
    }
    let output = command(tool)
        .arg(dir)
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", tool.display()));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        output.status.success(),
        "{} failed:\n{stdout}{}",
        tool.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let mut theirs: BTreeMap<PathBuf, Option<Vec<String>>> = BTreeMap::new();
    for line in stdout.lines() {
        let result: Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("validator printed {line:?}: {e}"));
        let errors = result["errors"]
            .as_array()
            .map(|e| {
                e.iter()
                    .map(|m| m.as_str().unwrap_or("?").to_owned())
                    .collect()
            })
            .unwrap_or_default();
        let valid = result["valid"].as_bool().expect("a `valid` field");
        let file = PathBuf::from(result["file"].as_str().expect("a `file` field"));
        theirs.insert(file, (!valid).then_some(errors));
    }
    paths
        .iter()
        .map(|path| Verdict {
            ours: ours(path),
            theirs: theirs
                .remove(path)
                .unwrap_or_else(|| panic!("the validator said nothing about {}", path.display())),
        })
        .collect()
}

/// Our `spec-structure` findings on the file.
fn ours(path: &Path) -> Vec<String> {
    let options = LintOptions {
        selection: Selection {
            select: Some(vec![RULE.to_owned()]),
            ..Selection::default()
        },
        ..LintOptions::default()
    };
    let input = RootInput {
        display: path.to_path_buf(),
        canonical: path.canonicalize().unwrap(),
        text: fs::read_to_string(path).unwrap(),
    };
    let report = lint(input, true, &options).expect("an explicit file always reports");
    report
        .findings
        .iter()
        .filter(|f| f.rule == RULE)
        .map(|f| format!("{}: {}", display_pointer(&f.pointer), f.message))
        .collect()
}

fn display_pointer(pointer: &str) -> &str {
    if pointer.is_empty() { "/" } else { pointer }
}

struct Disagreement {
    only: Only,
    kind: String,
    text: String,
}

fn compare(case: &Case, verdict: &Verdict, usage: &mut [usize], out: &mut Vec<Disagreement>) {
    let only = match (verdict.ours.is_empty(), &verdict.theirs) {
        (false, None) => Only::Ours,
        (true, Some(_)) => Only::Theirs,
        _ => return,
    };
    let allowed = ALLOWED.iter().position(|row| {
        row.only == only
            && row.cases.iter().any(|g| glob(g, &case.name))
            && verdict
                .ours
                .iter()
                .all(|f| row.findings.is_empty() || row.findings.iter().any(|g| glob(g, f)))
    });
    if let Some(row) = allowed {
        usage[row] += 1;
        return;
    }
    let mut text = format!("\n{}  [only {only:?}]\n", case.name);
    if let Some(source) = &case.source {
        let _ = writeln!(text, "    mutant of {source}: {}", case.detail);
    }
    for line in &verdict.ours {
        let _ = writeln!(text, "    ours:   {line}");
    }
    for line in verdict.theirs.iter().flatten() {
        let _ = writeln!(text, "    theirs: {line}");
    }
    if verdict.ours.is_empty() {
        text.push_str("    ours:   (nothing)\n");
    }
    if verdict.theirs.is_none() {
        text.push_str("    theirs: (valid)\n");
    }
    // `3.1 typo`, `2.0 fixture`: the summary counts by these.
    let kind = case
        .name
        .splitn(3, ' ')
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    out.push(Disagreement { only, kind, text });
}

/// `*` matches any text, everything else itself.
fn glob(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap();
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

// ---------------------------------------------------------------- mutants

/// Keys whose values are data, not structure: never mutated inside.
const DATA: [&str; 5] = ["example", "default", "enum", "const", "value"];

/// Keys whose members are named by the author, not by the specification.
const NAMED: [&str; 25] = [
    "paths",
    "additionalOperations",
    "webhooks",
    "properties",
    "patternProperties",
    "definitions",
    "$defs",
    "dependentSchemas",
    "schemas",
    "responses",
    "parameters",
    "requestBodies",
    "headers",
    "securitySchemes",
    "securityDefinitions",
    "content",
    "examples",
    "links",
    "callbacks",
    "variables",
    "scopes",
    "mapping",
    "encoding",
    "pathItems",
    "mediaTypes",
];

/// Fields whose value comes from a fixed set.
const ENUMERATED: [&str; 5] = ["in", "type", "style", "collectionFormat", "flow"];

#[derive(Clone, Copy)]
enum Mutation {
    /// The key with one letter dropped.
    Typo,
    /// The key and its value removed.
    Remove,
    /// A string value wrapped in a list.
    Wrap,
    /// An enumerated field's value replaced by one outside its set.
    Invalid,
}

impl Mutation {
    fn label(self) -> &'static str {
        match self {
            Mutation::Typo => "typo",
            Mutation::Remove => "remove",
            Mutation::Wrap => "wrap",
            Mutation::Invalid => "invalid",
        }
    }
}

/// A place to mutate: the path of keys/indexes from the root.
struct Site {
    path: Vec<Step>,
    /// The same with author-chosen names and indexes as `*`.
    general: String,
    mutation: Mutation,
}

#[derive(Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn mutants(docs: &[&Document]) -> Vec<Case> {
    let mut seen = HashSet::new();
    let mut cases = Vec::new();
    for doc in docs {
        let mut sites = Vec::new();
        collect_sites(
            &doc.json,
            &doc.version,
            &mut Vec::new(),
            "",
            true,
            &mut sites,
        );
        for site in sites {
            let name = format!("{} {} {}", doc.version, site.mutation.label(), site.general);
            if !seen.insert((
                doc.version.as_str(),
                site.mutation.label(),
                context(&site.general),
            )) {
                continue;
            }
            let mut json = doc.json.clone();
            let Some(detail) = apply(&mut json, &site) else {
                continue;
            };
            cases.push(Case {
                name,
                source: Some(doc.fixture.clone()),
                detail,
                json,
            });
        }
    }
    cases
}

/// Every mutable place under `value`, whose path is `path` and generalized
/// pointer `general`; `fixed` says whether keys of `value` are the
/// specification's (else the author's: `paths`, `properties`, ...).
fn collect_sites(
    value: &Value,
    version: &str,
    path: &mut Vec<Step>,
    general: &str,
    fixed: bool,
    out: &mut Vec<Site>,
) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let at_root = path.is_empty();
                if at_root && (key == "openapi" || key == "swagger") {
                    continue;
                }
                let segment = if fixed { escape(key) } else { "*".to_owned() };
                let here = format!("{general}/{segment}");
                path.push(Step::Key(key.clone()));
                let mut site = |mutation| {
                    out.push(Site {
                        path: path.clone(),
                        general: here.clone(),
                        mutation,
                    });
                };
                if key.chars().count() >= 2 {
                    site(Mutation::Typo);
                }
                site(Mutation::Remove);
                if child.is_string() {
                    site(Mutation::Wrap);
                    if fixed && ENUMERATED.contains(&key.as_str()) {
                        site(Mutation::Invalid);
                    }
                }
                let data = DATA.contains(&key.as_str())
                    || key.starts_with("x-")
                    || (key == "examples" && (version == "2.0" || child.is_array()));
                if fixed && !data {
                    let names = NAMED.contains(&key.as_str()) && child.is_object();
                    collect_sites(child, version, path, &here, !names, out);
                } else if !fixed {
                    // A callback's members are named by runtime expressions.
                    let names = here.ends_with("/callbacks/*");
                    collect_sites(child, version, path, &here, !names, out);
                }
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Step::Index(i));
                let here = format!("{general}/*");
                if item.is_string() {
                    out.push(Site {
                        path: path.clone(),
                        general: here.clone(),
                        mutation: Mutation::Wrap,
                    });
                }
                // Security requirements are keyed by scheme names.
                let fixed = !general.ends_with("/security");
                collect_sites(item, version, path, &here, fixed, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Where a mutation happens, coarsely: the last three segments of the
/// generalized pointer, after every path through a Schema Object has become
/// `{schema}` and every HTTP method `{method}` (`responses/*/description`,
/// `securitySchemes/*/type`, `{schema}/maxLength`). About enough to tell
/// which field of which object it is, so one mutant per version and mutation
/// stands for all the places that share it.
fn context(general: &str) -> String {
    const METHODS: [&str; 9] = [
        "get", "put", "post", "delete", "options", "head", "patch", "trace", "query",
    ];
    // Subschemas: keyword alone, or keyword then a name or index.
    const SUB_ONE: [&str; 11] = [
        "items",
        "additionalProperties",
        "not",
        "contains",
        "if",
        "then",
        "else",
        "propertyNames",
        "additionalItems",
        "unevaluatedProperties",
        "unevaluatedItems",
    ];
    const SUB_MANY: [&str; 7] = [
        "properties",
        "patternProperties",
        "$defs",
        "dependentSchemas",
        "allOf",
        "anyOf",
        "oneOf",
    ];
    let mut out: Vec<&str> = Vec::new();
    let mut segments = general.split('/').skip(1).peekable();
    while let Some(segment) = segments.next() {
        let in_schema = out.last() == Some(&"{schema}");
        let (one, named) = if in_schema {
            (SUB_ONE.contains(&segment), SUB_MANY.contains(&segment))
        } else {
            (
                segment == "schema",
                segment == "schemas" || segment == "definitions",
            )
        };
        if one || (named && segments.next_if_eq(&"*").is_some()) {
            out.clear();
            out.push("{schema}");
        } else if METHODS.contains(&segment) {
            out.push("{method}");
        } else {
            out.push(segment);
        }
    }
    let start = out.len().saturating_sub(3);
    out[start..].join("/")
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Applies the mutation; returns what was done, or `None` when it cannot be
/// (a misspelling that collides with a sibling key).
fn apply(json: &mut Value, site: &Site) -> Option<String> {
    let (last, parents) = site.path.split_last()?;
    let mut parent = &mut *json;
    let mut pointer = String::new();
    for step in parents {
        parent = match step {
            Step::Key(k) => {
                pointer = format!("{pointer}/{}", escape(k));
                parent.get_mut(k.as_str())?
            }
            Step::Index(i) => {
                pointer = format!("{pointer}/{i}");
                parent.get_mut(*i)?
            }
        };
    }
    match (last, site.mutation) {
        (Step::Key(key), Mutation::Typo) => {
            let map = parent.as_object_mut()?;
            let chars: Vec<char> = key.chars().collect();
            let drop = chars.len() / 2;
            let typo: String = chars
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != drop)
                .map(|(_, c)| c)
                .collect();
            if map.contains_key(&typo) {
                return None;
            }
            let value = map.remove(key)?;
            map.insert(typo.clone(), value);
            Some(format!("{pointer}/{} renamed to `{typo}`", escape(key)))
        }
        (Step::Key(key), Mutation::Remove) => {
            parent.as_object_mut()?.remove(key)?;
            Some(format!("{pointer}/{} removed", escape(key)))
        }
        (Step::Key(key), Mutation::Invalid) => {
            let value = parent.get_mut(key.as_str())?;
            let was = value.as_str()?.to_owned();
            *value = Value::String("oasguard-invalid".into());
            Some(format!(
                "{pointer}/{}: `{was}` replaced by `oasguard-invalid`",
                escape(key)
            ))
        }
        (step, Mutation::Wrap) => {
            let (value, at) = match step {
                Step::Key(k) => (parent.get_mut(k.as_str())?, escape(k)),
                Step::Index(i) => (parent.get_mut(*i)?, i.to_string()),
            };
            let text = value.as_str()?.to_owned();
            *value = Value::Array(vec![value.take()]);
            Some(format!("{pointer}/{at}: `{text}` turned into [`{text}`]"))
        }
        (Step::Index(_), _) => None,
    }
}

#[test]
fn globs_and_contexts() {
    assert!(glob("3.1 *", "3.1 typo /info/title"));
    assert!(glob(
        "*/schema/*",
        "/paths/~1a/get/parameters/0/schema/maxLenght: near miss"
    ));
    assert!(!glob("*/schema/*", "/paths/~1a/get/parameters/0/schema"));
    assert!(glob("a*b*c", "abc") && glob("a*b*c", "a-b-b-c") && !glob("a*b*c", "a-c-b"));
    assert_eq!(
        context("/paths/*/get/responses/*/description"),
        "responses/*/description"
    );
    assert_eq!(
        context("/paths/*/post/requestBody/content/*/schema/properties/*/items/maxLength"),
        "{schema}/maxLength"
    );
    assert_eq!(context("/components/schemas/*/type"), "{schema}/type");
    // 2.0: the Items Object of a parameter is not a Schema Object.
    assert_eq!(
        context("/paths/*/get/parameters/*/items/type"),
        "*/items/type"
    );
    assert_eq!(context("/paths/*/put"), "paths/*/{method}");
}
