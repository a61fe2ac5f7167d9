//! What CI pipelines rely on: every format, SARIF validity, thresholds,
//! baselines, scores, config errors and suppressions.

mod common;

use std::fs;
use std::path::Path;

use common::{repo, run, run_in};
use serde_json::Value;

const SPEC: &str = "examples/petstore.yaml";
const SUPPRESSED: &str = "fixtures/ci/suppressed/openapi.yaml";

/// Output with the checkout's absolute path replaced, so snapshots hold on
/// any machine.
fn output(args: &[&str]) -> String {
    let (code, stdout, stderr) = run(args);
    let root = repo().canonicalize().unwrap().display().to_string();
    format!("exit: {code}\n--- stdout\n{stdout}--- stderr\n{stderr}").replace(&root, "[REPO]")
}

#[test]
fn github_format() {
    insta::assert_snapshot!(output(&["lint", "--format", "github", SPEC]));
}

#[test]
fn junit_format() {
    insta::assert_snapshot!(output(&[
        "lint",
        "--format",
        "junit",
        SPEC,
        "fixtures/cli/clean.yaml"
    ]));
}

/// Findings in a file reached through `$ref` get that file's own suite, and
/// the totals add up to the suites.
#[test]
fn junit_lists_referenced_files() {
    let (_, stdout, _) = run(&[
        "lint",
        "--format",
        "junit",
        "--fail-on",
        "warning",
        "--select",
        "string-unbounded,rate-limit-response-undefined",
        "fixtures/cli/multi/openapi.yaml",
    ]);
    let suites: Vec<&str> = stdout
        .lines()
        .filter(|l| l.trim_start().starts_with("<testsuite "))
        .collect();
    assert_eq!(suites.len(), 2, "{stdout}");
    assert!(suites[1].contains(r#"name="fixtures/cli/multi/schemas/pet.yaml""#));
    let (cases, failures) = (
        stdout.matches("<testcase ").count(),
        stdout.matches("<failure ").count(),
    );
    assert_eq!((cases, failures), (2, 1), "{stdout}");
    assert!(
        stdout.contains(r#"<testsuites name="oasguard" tests="2" failures="1">"#),
        "{stdout}"
    );
}

#[test]
fn gitlab_format() {
    insta::assert_snapshot!(output(&["lint", "--format", "gitlab", SPEC]));
}

#[test]
fn sarif_format() {
    // Rules' help texts are snapshotted with their docs; keep this to two.
    insta::assert_snapshot!(output(&[
        "lint",
        "--format",
        "sarif",
        "--select",
        "server-plain-http,string-unbounded,unused-suppression",
        SUPPRESSED
    ]));
}

fn sarif(args: &[&str]) -> Value {
    let mut full = vec!["lint", "--format", "sarif"];
    full.extend_from_slice(args);
    let (_, stdout, stderr) = run(&full);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}{stderr}"))
}

#[test]
fn sarif_has_what_code_scanning_needs() {
    let log = sarif(&[SPEC]);
    let run = &log["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "oasguard");
    assert_eq!(driver["semanticVersion"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().unwrap();
    let enabled = oasguard::rules::REGISTRY
        .iter()
        .filter(|r| r.enabled_by_default)
        .count();
    assert_eq!(rules.len(), enabled);
    for rule in rules {
        let tags = rule["properties"]["tags"].as_array().unwrap();
        assert_eq!(tags[0], "security");
        assert!(
            tags[1].as_str().unwrap().starts_with("owasp-api"),
            "{tags:?}"
        );
        assert!(
            tags[2].as_str().unwrap().starts_with("external/cwe/cwe-"),
            "{tags:?}"
        );
        let score: f64 = rule["properties"]["security-severity"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((0.0..=10.0).contains(&score));
        assert!(
            rule["help"]["markdown"]
                .as_str()
                .unwrap()
                .starts_with(&format!("# {}", rule["id"].as_str().unwrap()))
        );
    }
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], SPEC);
        assert!(location["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(
            result["partialFingerprints"]["oasguard/v1"]
                .as_str()
                .unwrap()
                .len()
                == 16
        );
        assert!(
            result
                .get("partialFingerprints")
                .unwrap()
                .get("primaryLocationLineHash")
                .is_none()
        );
    }
    assert!(run["properties"]["scores"][0]["score"].as_u64().unwrap() < 100);
}

#[test]
fn sarif_root_moves_uris() {
    let log = sarif(&["--sarif-root", "examples", SPEC]);
    let uri = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"];
    assert_eq!(uri, "petstore.yaml");
}

/// Runs the official validator (`sarif-multitool validate`, npm package
/// `@microsoft/sarif-multitool`, installed by `.ci/run`) on SARIF from the
/// fixtures. It is skipped unless OASGUARD_SARIF_MULTITOOL points at the
/// tool, and its absence is a failure only where OASGUARD_REQUIRE_TOOLS is
/// set (`.ci/run`): `CI=true cargo test` on a fresh machine passes.
#[test]
fn sarif_passes_the_official_validator() {
    let Some(tool) = std::env::var_os("OASGUARD_SARIF_MULTITOOL") else {
        assert!(
            std::env::var_os("OASGUARD_REQUIRE_TOOLS").is_none(),
            "OASGUARD_REQUIRE_TOOLS is set but OASGUARD_SARIF_MULTITOOL is not"
        );
        eprintln!("OASGUARD_SARIF_MULTITOOL not set: SARIF validation skipped");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let cases: [&[&str]; 3] = [
        &[SPEC],
        &[
            "--select",
            "server-plain-http,string-unbounded,unused-suppression",
            SUPPRESSED,
        ],
        &[
            "fixtures/cli/broken.yaml",
            "fixtures/cli/multi/openapi.yaml",
            "fixtures/cli/swagger2.yaml",
        ],
    ];
    for (i, args) in cases.iter().enumerate() {
        let mut full = vec!["lint", "--format", "sarif"];
        full.extend_from_slice(args);
        let (_, stdout, _) = run(&full);
        let path = dir.path().join(format!("case{i}.sarif"));
        fs::write(&path, stdout).unwrap();
        let output = std::process::Command::new(&tool)
            .args(["validate", path.to_str().unwrap()])
            .output()
            .expect("run sarif-multitool");
        let text = String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr);
        assert!(
            text.contains("Analysis completed successfully"),
            "validator did not complete:\n{text}"
        );
        let errors: Vec<&str> = text.lines().filter(|l| l.contains(": error ")).collect();
        assert!(
            errors.is_empty(),
            "case {i} {args:?}:\n{}",
            errors.join("\n")
        );
    }
}

#[test]
fn suppressions_silence_and_sarif_keeps_them() {
    let (code, stdout, _) = run(&["lint", "--format", "json", SUPPRESSED]);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let rules = common::rules_found(&report);
    // The server, the /notes body and the $ref'd Pet file are suppressed;
    // the stale suppression on `Stale` is reported.
    assert_eq!(rules, ["unused-suppression"]);
    assert_eq!(report["findings"][0]["line"], 55);
    assert_eq!(code, 0);

    let log = sarif(&["--select", "server-plain-http,string-unbounded", SUPPRESSED]);
    let results = log["runs"][0]["results"].as_array().unwrap();
    let suppressed: Vec<(&str, &str)> = results
        .iter()
        .map(|r| {
            (
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap(),
                r["suppressions"][0]["kind"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        suppressed,
        [
            ("fixtures/ci/suppressed/openapi.yaml", "inSource"),
            ("fixtures/ci/suppressed/openapi.yaml", "inSource"),
            ("fixtures/ci/suppressed/schemas/pet.yaml", "inSource"),
            ("fixtures/ci/suppressed/schemas/pet.yaml", "inSource"),
        ]
    );
    assert_eq!(
        results[0]["suppressions"][0]["justification"],
        "TLS is terminated by the gateway"
    );
}

/// A scratch copy of the example spec in a temp directory.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(repo().join(SPEC), dir.path().join("api.yaml")).unwrap();
    dir
}

#[test]
fn baseline_fails_only_on_new_findings() {
    let dir = scratch();
    let (code, _, stderr) = run_in(
        dir.path(),
        &["lint", "--write-baseline", "baseline.json", "api.yaml"],
    );
    assert_eq!(code, 0, "{stderr}");
    let baseline = fs::read_to_string(dir.path().join("baseline.json")).unwrap();
    let lines: Vec<&str> = baseline
        .lines()
        .filter(|l| l.contains("\"rule\""))
        .collect();
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted, "baseline entries are sorted");

    assert_eq!(
        run_in(
            dir.path(),
            &["lint", "--baseline", "baseline.json", "api.yaml"]
        )
        .0,
        0
    );

    // Lines added above the findings do not resurrect them...
    let spec = fs::read_to_string(dir.path().join("api.yaml")).unwrap();
    let shifted = spec.replace("info:\n", "# a comment\n# another\ninfo:\n");
    fs::write(dir.path().join("api.yaml"), &shifted).unwrap();
    assert_eq!(
        run_in(
            dir.path(),
            &["lint", "--baseline", "baseline.json", "api.yaml"]
        )
        .0,
        0
    );

    // ...a new problem fails.
    let worse = shifted.replace(
        "url: http://api.petstore.example.com/v1",
        "url: http://api.petstore.example.com/v1\n  - url: http://other.example.com",
    );
    fs::write(dir.path().join("api.yaml"), worse).unwrap();
    let (code, stdout, _) = run_in(
        dir.path(),
        &[
            "lint",
            "--format",
            "compact",
            "--baseline",
            "baseline.json",
            "api.yaml",
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(
        stdout.lines().filter(|l| l.contains(": error [")).count(),
        1,
        "{stdout}"
    );
    assert!(stdout.contains("other.example.com"), "{stdout}");
}

#[test]
fn min_score_gates() {
    let (_, stdout, _) = run(&["lint", "--format", "json", SPEC]);
    let score = serde_json::from_str::<Value>(&stdout).unwrap()["files"][0]["score"]
        .as_u64()
        .unwrap();
    let at = score.to_string();
    let above = (score + 1).to_string();
    assert_eq!(
        run(&["lint", "--fail-on", "never", "--min-score", &at, SPEC]).0,
        0
    );
    assert_eq!(
        run(&["lint", "--fail-on", "never", "--min-score", &above, SPEC]).0,
        1
    );
    assert_eq!(run(&["lint", "--min-score", "101", SPEC]).0, 2);
}

fn with_config(config: &str, args: &[&str]) -> (i32, String, String) {
    let dir = scratch();
    fs::write(dir.path().join(".oasguard.yaml"), config).unwrap();
    run_in(dir.path(), args)
}

#[test]
fn config_errors_name_file_line_and_a_suggestion() {
    let (code, _, stderr) = with_config(
        "rules:\n  server-plain-http: error\nfial-on: warning\n",
        &["lint", "api.yaml"],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains(".oasguard.yaml:3:1: unknown key 'fial-on' (did you mean 'fail-on'?)"),
        "{stderr}"
    );

    let (code, _, stderr) = with_config("rules:\n  string-unbounde: off\n", &["lint", "api.yaml"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(
            ".oasguard.yaml:2:3: unknown rule 'string-unbounde' (did you mean 'string-unbounded'?)"
        ),
        "{stderr}"
    );

    let (code, _, stderr) =
        with_config("rules:\n  string-unbounded: loud\n", &["lint", "api.yaml"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(
            ".oasguard.yaml:2:21: 'string-unbounded' must be off, info, warning or error"
        ),
        "{stderr}"
    );
}

#[test]
fn config_sets_rules_and_threshold_and_flags_override_it() {
    let config = "rules:\n  server-plain-http: off\n  operation-unauthenticated: off\n  security-schemes-undefined: warning\nfail-on: never\n";
    let (code, stdout, _) = with_config(config, &["lint", "--format", "json", "api.yaml"]);
    assert_eq!(code, 0);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let findings = report["findings"].as_array().unwrap();
    assert!(findings.iter().all(|f| f["rule"] != "server-plain-http"));
    let schemes = findings
        .iter()
        .find(|f| f["rule"] == "security-schemes-undefined")
        .unwrap();
    assert_eq!(schemes["severity"], "warning");

    // Flags win: --fail-on, and --select runs a rule the config turned off.
    let (code, stdout, _) = with_config(
        config,
        &[
            "lint",
            "--fail-on",
            "error",
            "--select",
            "server-plain-http",
            "--format",
            "compact",
            "api.yaml",
        ],
    );
    assert_eq!(code, 1);
    assert!(stdout.contains("[server-plain-http]"), "{stdout}");
}

#[test]
fn config_include_and_exclude_pick_files() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("specs/vendor")).unwrap();
    for name in ["specs/a.yaml", "specs/vendor/b.yaml", "c.yaml"] {
        fs::copy(repo().join(SPEC), dir.path().join(name)).unwrap();
    }
    fs::write(
        dir.path().join(".oasguard.yaml"),
        "include: [\"specs/**\"]\nexclude: [\"specs/vendor/**\"]\n",
    )
    .unwrap();
    let (_, stdout, _) = run_in(dir.path(), &["lint", "--format", "json", "."]);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let files = common::each(&report, "files", "path");
    assert_eq!(files, ["./specs/a.yaml"]);
}

#[test]
fn init_writes_a_config_that_loads() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(run_in(dir.path(), &["init"]).0, 0);
    assert!(Path::new(&dir.path().join(".oasguard.yaml")).is_file());
    assert_eq!(run_in(dir.path(), &["init"]).0, 2, "refuses to overwrite");
    fs::copy(repo().join(SPEC), dir.path().join("api.yaml")).unwrap();
    assert_ne!(run_in(dir.path(), &["lint", "api.yaml"]).0, 2);
}

#[test]
fn output_file_keeps_a_summary_on_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.sarif");
    let (code, stdout, _) = run(&[
        "lint",
        "--format",
        "sarif",
        "--output",
        out.to_str().unwrap(),
        SPEC,
    ]);
    assert_eq!(code, 1);
    assert!(stdout.contains("problems ("), "{stdout}");
    let log: Value = serde_json::from_str(&fs::read_to_string(out).unwrap()).unwrap();
    assert_eq!(log["version"], "2.1.0");
}

#[test]
fn completions_and_man_page() {
    let (code, stdout, _) = run(&["completions", "bash"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("oasguard"));
    let (code, stdout, _) = run(&["man"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains(".TH oasguard"),
        "{}",
        &stdout[..200.min(stdout.len())]
    );
}
