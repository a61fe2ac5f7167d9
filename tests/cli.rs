//! The command-line contract: exit codes, streams, discovery, selection.

mod common;

use std::io::Write;
use std::process::Stdio;

use common::{bin, repo, rules_found, run};
use serde_json::Value;

fn json(args: &[&str]) -> (i32, Value) {
    let mut full = vec!["lint", "--format", "json"];
    full.extend_from_slice(args);
    let (code, stdout, _) = run(&full);
    (
        code,
        serde_json::from_str(&stdout).expect("stdout is one JSON document"),
    )
}

#[test]
fn exit_0_when_nothing_reaches_the_threshold() {
    let (code, stdout, stderr) = run(&[
        "lint",
        "--select",
        "server-plain-http",
        "fixtures/cli/clean.yaml",
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("no problems found in 1 file"), "{stdout}");
}

#[test]
fn exit_1_on_errors_and_fail_on_moves_the_threshold() {
    let plain = "fixtures/cli/tree/specs/plain.yml";
    assert_eq!(run(&["lint", "--select", "server-plain-http", plain]).0, 1);
    assert_eq!(
        run(&[
            "lint",
            "--select",
            "server-plain-http",
            "--fail-on",
            "never",
            plain
        ])
        .0,
        0
    );
    // A warning fails only from --fail-on warning down.
    let multi = "fixtures/cli/multi/openapi.yaml";
    assert_eq!(run(&["lint", "--select", "string-unbounded", multi]).0, 0);
    assert_eq!(
        run(&[
            "lint",
            "--select",
            "string-unbounded",
            "--fail-on",
            "warning",
            multi
        ])
        .0,
        1
    );
    assert_eq!(
        run(&[
            "lint",
            "--select",
            "string-unbounded",
            "--fail-on",
            "info",
            multi
        ])
        .0,
        1
    );
}

#[test]
fn exit_2_when_the_tool_cannot_do_its_job() {
    let (code, stdout, stderr) = run(&["lint", "fixtures/cli/does-not-exist.yaml"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("cannot read 'fixtures/cli/does-not-exist.yaml': no such file"),
        "{stderr}"
    );
    assert!(stdout.is_empty(), "{stdout}");
    // Compact too: a summary of 0 files would read as a pass.
    let (code, stdout, _) = run(&[
        "lint",
        "--format",
        "compact",
        "fixtures/cli/does-not-exist.yaml",
    ]);
    assert_eq!((code, stdout.as_str()), (2, ""));

    let (code, _, stderr) = run(&["lint", "--format", "yaml", "fixtures/cli/clean.yaml"]);
    assert_eq!(code, 2, "{stderr}");

    let (code, _, stderr) = run(&[
        "lint",
        "--select",
        "server-plain-htp",
        "fixtures/cli/clean.yaml",
    ]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("did you mean 'server-plain-http'"),
        "{stderr}"
    );

    let empty = tempfile::tempdir().unwrap();
    let (code, _, stderr) = common::run_in(empty.path(), &["lint"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no OpenAPI documents found"), "{stderr}");
}

#[test]
fn a_missing_path_does_not_stop_the_others() {
    let (code, stdout, _) = run(&[
        "lint",
        "--format",
        "compact",
        "--select",
        "server-plain-http",
        "missing.yaml",
        "fixtures/cli/tree/specs/plain.yml",
    ]);
    assert_eq!(code, 2);
    assert!(
        stdout.contains("plain.yml:4:10: error [server-plain-http]"),
        "{stdout}"
    );
}

#[test]
fn json_report_has_the_documented_shape() {
    let (code, report) = json(&[
        "--select",
        "server-plain-http",
        "fixtures/cli/tree/specs/plain.yml",
    ]);
    assert_eq!(code, 1);
    assert_eq!(report["tool"]["name"], "oasguard");
    assert_eq!(report["tool"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        report["files"][0]["path"],
        "fixtures/cli/tree/specs/plain.yml"
    );
    assert_eq!(report["files"][0]["spec_version"], "3.1.0");
    let f = &report["findings"][0];
    assert_eq!(f["rule"], "server-plain-http");
    assert_eq!(f["severity"], "error");
    assert_eq!(
        f["message"],
        "server 'http://api.example.com' is plain HTTP"
    );
    assert_eq!(f["file"], "fixtures/cli/tree/specs/plain.yml");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(4), Some(10))
    );
    assert_eq!(
        (f["end_line"].as_u64(), f["end_column"].as_u64()),
        (Some(4), Some(32))
    );
    assert_eq!(f["pointer"], "/servers/0/url");
    assert_eq!(f["owasp"], "API8:2023");
    assert_eq!(f["cwe"], 319);
    assert_eq!(
        report["summary"],
        serde_json::json!({"files": 1, "error": 1, "warning": 0, "info": 0})
    );
}

#[test]
fn reads_stdin() {
    let mut child = bin()
        .current_dir(repo())
        .args([
            "lint",
            "--format",
            "compact",
            "--select",
            "server-plain-http",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let spec = std::fs::read("fixtures/cli/tree/specs/plain.yml").unwrap();
    child.stdin.take().unwrap().write_all(&spec).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        stdout,
        "<stdin>:4:10: error [server-plain-http] server 'http://api.example.com' is plain HTTP\n\
         1 problem (1 error, 0 warnings, 0 info) in 1 file\n\
         exit 1: 1 finding at or above fail-on error\n"
    );
}

#[test]
fn directories_lint_openapi_files_only() {
    let (code, report) = json(&["--select", "server-plain-http", "fixtures/cli/tree"]);
    assert_eq!(code, 1);
    let files = common::each(&report, "files", "path");
    // ci.yaml and package.json are not OpenAPI; node_modules and hidden
    // folders are not walked.
    assert_eq!(
        files,
        [
            "fixtures/cli/tree/specs/api.yaml",
            "fixtures/cli/tree/specs/plain.yml"
        ]
    );
    assert_eq!(rules_found(&report), ["server-plain-http"]);
}

#[test]
fn a_file_named_explicitly_must_be_openapi() {
    let (code, report) = json(&["fixtures/cli/tree/package.json"]);
    assert_eq!(code, 1);
    assert_eq!(rules_found(&report), ["not-openapi"]);
}

#[test]
fn a_version_under_the_wrong_key_says_which_key() {
    let (code, report) = json(&["fixtures/rules/not-openapi/fail.mismatch.yaml"]);
    assert_eq!(code, 1);
    assert_eq!(
        report["findings"][0]["message"],
        "'openapi: 2.0' is not a version: Swagger 2.0 documents declare `swagger: \"2.0\"`"
    );
}

#[test]
fn select_and_ignore_pick_rules() {
    let spec = "fixtures/cli/swagger2.yaml";
    let (_, all) = json(&[spec]);
    let every = rules_found(&all);
    assert!(every.contains(&"scheme-plain-http") && every.contains(&"spec-version-outdated"));

    let (_, selected) = json(&["--select", "scheme-plain-http,array-unbounded", spec]);
    assert_eq!(
        rules_found(&selected),
        ["scheme-plain-http", "array-unbounded"]
    );

    let (_, ignored) = json(&["--ignore", "scheme-plain-http", spec]);
    let rest = rules_found(&ignored);
    assert!(!rest.contains(&"scheme-plain-http"));
    assert_eq!(rest.len(), every.len() - 1);
}

#[test]
fn findings_in_referenced_files_are_located_there() {
    let (_, report) = json(&[
        "--select",
        "string-unbounded",
        "fixtures/cli/multi/openapi.yaml",
    ]);
    let findings = report["findings"].as_array().unwrap();
    // Two operations use the schema; it is reported once, where it lives.
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["file"], "fixtures/cli/multi/schemas/pet.yaml");
    assert_eq!(findings[0]["line"], 5);
    assert_eq!(findings[0]["column"], 5);
    assert_eq!(findings[0]["pointer"], "/Pet/properties/name");
}

#[test]
fn reads_swagger_2_and_openapi_3_1() {
    let (_, v2) = json(&[
        "--select",
        "array-unbounded,scheme-plain-http",
        "fixtures/cli/swagger2.yaml",
    ]);
    assert_eq!(v2["files"][0]["spec_version"], "2.0");
    assert_eq!(rules_found(&v2), ["scheme-plain-http", "array-unbounded"]);
    assert_eq!(
        v2["findings"][1]["pointer"],
        "/paths/~1items/post/parameters/0/schema/properties/tags"
    );

    let (_, v31) = json(&[
        "--select",
        "string-unbounded,integer-unbounded",
        "fixtures/cli/openapi31.json",
    ]);
    assert_eq!(v31["files"][0]["spec_version"], "3.1.0");
    // `type: [string, "null"]` is a string; a numeric exclusiveMaximum bounds.
    assert_eq!(rules_found(&v31), ["string-unbounded"]);
    assert_eq!(v31["findings"][0]["line"], 16);
}

#[test]
fn reads_openapi_3_2_as_its_own_version() {
    let (_, v32) = json(&[
        "--select",
        "operation-unauthenticated,oauth2-insecure-url",
        "fixtures/cli/openapi32.yaml",
    ]);
    assert_eq!(v32["files"][0]["spec_version"], "3.2.0");
    // The `query` method and an `additionalOperations` entry are operations;
    // the device flow's URL is an OAuth URL.
    let found: Vec<(&str, &str, i64)> = v32["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap(),
                f["pointer"].as_str().unwrap(),
                f["line"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("operation-unauthenticated", "/paths/~1files/query", 9),
            (
                "operation-unauthenticated",
                "/paths/~1files/additionalOperations/COPY",
                14
            ),
            (
                "oauth2-insecure-url",
                "/components/securitySchemes/device/flows/deviceAuthorization/deviceAuthorizationUrl",
                24
            ),
        ]
    );
    assert!(
        v32["findings"][1]["message"]
            .as_str()
            .unwrap()
            .starts_with("COPY /files "),
        "{v32:#}"
    );
}

#[test]
fn rules_and_explain() {
    let (code, stdout, _) = run(&["rules", "--format", "json"]);
    assert_eq!(code, 0);
    let rules: Value = serde_json::from_str(&stdout).unwrap();
    let ids: Vec<&str> = rules
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), oasguard::rules::REGISTRY.len());
    let plain_http = rules
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "server-plain-http")
        .unwrap();
    assert_eq!(plain_http["cwe"], 319);
    assert_eq!(plain_http["owasp"], "API8:2023");
    assert_eq!(plain_http["precision"], "high");
    assert_eq!(
        plain_http["versions"],
        serde_json::json!(["3.0", "3.1", "3.2"])
    );

    let (code, stdout, _) = run(&["rules"]);
    assert_eq!(code, 0);
    assert!(
        stdout.lines().any(|l| l.starts_with("server-plain-http")
            && l.contains("API8:2023")
            && l.contains("3.0, 3.1, 3.2 ")),
        "{stdout}"
    );

    let (code, stdout, _) = run(&["explain", "server-plain-http"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("# server-plain-http"), "{stdout}");
    assert_eq!(run(&["explain", "no-such-rule"]).0, 2);
}

#[test]
fn version_flag() {
    let (code, stdout, _) = run(&["--version"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout.trim(),
        format!("oasguard {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn split_severities_are_listed_and_counted_as_findings_have_them() {
    // Unauthenticated writes are errors, reads warnings: the listing says
    // so rather than show the default alone.
    let (_, stdout, _) = run(&["rules"]);
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("operation-unauthenticated")
                && l.contains("error (writes), warning (reads)")),
        "{stdout}"
    );
    let (_, stdout, _) = run(&["rules", "--format", "json"]);
    let rules: Value = serde_json::from_str(&stdout).unwrap();
    let open = rules
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "operation-unauthenticated")
        .unwrap();
    assert_eq!(open["severity"], "error");
    assert_eq!(open["severity_label"], "error (writes), warning (reads)");
    // An open QUERY and PROPFIND (reads), an open COPY (a write).
    let (_, stdout, _) = run(&[
        "lint",
        "--format",
        "statistics",
        "--select",
        "operation-unauthenticated",
        "--fail-on",
        "never",
        "fixtures/rules/operation-unauthenticated/fail.3.2.yaml",
    ]);
    let rows: Vec<Vec<&str>> = stdout
        .lines()
        .map(|l| l.split_whitespace().take(3).collect())
        .collect();
    assert_eq!(
        rows[..2],
        [
            ["2", "operation-unauthenticated", "warning"],
            ["1", "operation-unauthenticated", "error"]
        ],
        "{stdout}"
    );
}

#[test]
fn selection_lists_forgive_blanks_name_categories_and_may_not_be_empty() {
    let large = "fixtures/cli/large.yaml";
    let (code, report) = json(&["--select", "server-plain-http, numeric-resource-id,", large]);
    assert_eq!(code, 1);
    let mut rules = rules_found(&report);
    rules.dedup();
    assert_eq!(rules, ["server-plain-http", "numeric-resource-id"]);
    // `server-*` names every server rule, off-by-default ones too; API8
    // (security misconfiguration) takes back all but server-audience-undeclared (API9).
    let (_, report) = json(&[
        "--select",
        "server-*,numeric-resource-id",
        "--ignore",
        "API8",
        large,
    ]);
    let mut rules = rules_found(&report);
    rules.sort();
    rules.dedup();
    assert_eq!(rules, ["numeric-resource-id", "server-audience-undeclared"]);
    let (code, _, stderr) = run(&[
        "lint",
        "--select",
        "server-plain-http",
        "--ignore",
        "server-plain-http",
        large,
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("the rule selection is empty"), "{stderr}");
    let (code, _, stderr) = run(&["lint", "--ignore", "oauth9-*", large]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("--ignore 'oauth9-*' names no rule"),
        "{stderr}"
    );
}

#[test]
fn globs_in_paths_are_expanded_when_no_shell_did() {
    let (code, report) = json(&[
        "--select",
        "server-plain-http",
        "fixtures/cli/tree/**/*.y*ml",
    ]);
    assert_eq!(code, 1);
    // As in a directory walk: node_modules skipped, non-OpenAPI YAML passed over.
    assert_eq!(
        common::each(&report, "files", "path"),
        [
            "fixtures/cli/tree/specs/api.yaml",
            "fixtures/cli/tree/specs/plain.yml"
        ]
    );
    let (code, _, stderr) = run(&["lint", "fixtures/cli/*.xyz"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("no YAML or JSON file matches 'fixtures/cli/*.xyz'"),
        "{stderr}"
    );
}

#[test]
fn junit_fails_only_the_findings_that_fail_the_run() {
    let args = |fail_on: &'static str| {
        run(&[
            "lint",
            "--format",
            "junit",
            "--fail-on",
            fail_on,
            "--select",
            "server-plain-http,numeric-resource-id",
            "fixtures/cli/large.yaml",
        ])
    };
    let (code, stdout, _) = args("error");
    assert_eq!(code, 1);
    assert!(
        stdout.contains(r#"<testsuites name="oasguard" tests="17" failures="5">"#),
        "{stdout}"
    );
    assert_eq!(stdout.matches("<failure ").count(), 5);
    assert_eq!(stdout.matches("<system-out>").count(), 12);
    let (code, stdout, _) = args("never");
    assert_eq!(code, 0);
    assert_eq!(stdout.matches("<failure ").count(), 0);
}

#[test]
fn mistyped_ids_and_values_get_a_suggestion() {
    let (code, stdout, _) = run(&["explain", "SERVER-PLAIN-HTTP"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("# server-plain-http"), "{stdout}");
    let (code, stdout, _) = run(&["lint", "--format", "JSON", "fixtures/cli/clean.yaml"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with('{'), "{stdout}");
    let (code, _, stderr) = run(&["lint", "--format", "jsn", "fixtures/cli/clean.yaml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("'json'"), "{stderr}");

    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::write(
        dir.path().join("api.yaml"),
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nservers:\n  - url: https://a.example.com\n    x-oasguard-ignore: [server-plain-htp]\npaths: {}\n",
    )
    .unwrap();
    let (_, stdout, _) = common::run_in(dir.path(), &["lint", "--format", "compact", "api.yaml"]);
    assert!(
        stdout.contains("'server-plain-htp' is not an oasguard rule, so suppressing it has no effect (did you mean 'server-plain-http'?)"),
        "{stdout}"
    );
    std::fs::write(
        dir.path().join(".oasguard.yaml"),
        "rules:\n  string-unbounded: warn\n",
    )
    .unwrap();
    let (code, _, stderr) = common::run_in(dir.path(), &["lint", "api.yaml"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("must be off, info, warning or error (did you mean 'warning'?)"),
        "{stderr}"
    );
}

#[test]
fn help_and_man_pages_cover_every_subcommand() {
    let (code, stdout, _) = run(&["help", "--help"]);
    assert_eq!(code, 0, "{stdout}");
    let (code, stdout, _) = run(&["help", "lint"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("--max-warnings <N>") && stdout.contains("Exit status:"),
        "{stdout}"
    );
    let (code, _, stderr) = run(&["help", "lnt"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("did you mean 'lint'?"), "{stderr}");

    let dir = tempfile::tempdir().unwrap();
    let man = dir.path().join("man1");
    let (code, _, stderr) = run(&["man", "--dir", man.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let mut pages: Vec<String> = std::fs::read_dir(&man)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    pages.sort();
    assert_eq!(
        pages,
        [
            "oasguard-completions.1",
            "oasguard-explain.1",
            "oasguard-init.1",
            "oasguard-lint.1",
            "oasguard-man.1",
            "oasguard-rules.1",
            "oasguard-server.1",
            "oasguard.1"
        ]
    );
    let lint = std::fs::read_to_string(man.join("oasguard-lint.1")).unwrap();
    assert!(lint.contains("max\\-warnings") && lint.contains("Exit status:"));
    let (code, stdout, _) = run(&["man", "lint"]);
    assert_eq!((code, stdout), (0, lint));
}
