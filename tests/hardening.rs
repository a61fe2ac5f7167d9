//! Hostile file systems: FIFOs and devices that would block or never end,
//! files a directory walk must not pass over in silence, and configuration
//! that must not come from outside the repository.
//!
//! Every run here goes through `run_bounded`: a regression that blocks
//! fails the test after a timeout instead of hanging the suite.

mod common;

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Long enough for a debug build on a busy machine; a blocked read never ends.
const TIMEOUT: Duration = Duration::from_secs(60);

const SPEC: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";
/// A spec with one error (`server-plain-http`).
const PLAIN_HTTP: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nservers:\n  - url: http://api.example.com\npaths: {}\n";

/// Runs oasguard in `dir`, killing it after `TIMEOUT`: (exit code, stdout, stderr).
fn run_bounded(dir: &Path, args: &[&str], stdin: Stdio) -> (i32, String, String) {
    let mut child = common::bin()
        .current_dir(dir)
        .args(args)
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run oasguard");
    // Drain both pipes while waiting, so a large report cannot stall the child.
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for oasguard") {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "oasguard {args:?} still running after {TIMEOUT:?}: it blocked\nstderr: {}",
                stderr.join().unwrap()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    (
        status.code().expect("exit code, not a signal"),
        stdout.join().unwrap(),
        stderr.join().unwrap(),
    )
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    run_bounded(dir, args, Stdio::null())
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Whether the tests run with privileges that ignore file permissions (root).
fn permissions_are_ignored(locked_dir: &Path) -> bool {
    fs::read_dir(locked_dir).is_ok()
}

/// A scratch directory that is the root of its own repository.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    dir
}

fn json_report(stdout: &str) -> serde_json::Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

/// (file, rule) of every finding.
fn findings(report: &serde_json::Value) -> Vec<(String, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_owned(),
                f["rule"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

// ---- Blocking reads -------------------------------------------------------

#[test]
fn a_ref_to_a_fifo_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join("pipe.yaml"));
    fs::write(
        dir.path().join("api.yaml"),
        format!("{SPEC}components:\n  schemas:\n    A:\n      $ref: pipe.yaml\n"),
    )
    .unwrap();
    let (code, stdout, stderr) = run(dir.path(), &["lint", "--format", "compact", "api.yaml"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stdout.contains("[ref-unresolved] cannot resolve 'pipe.yaml': it is a FIFO"),
        "{stdout}"
    );
}

#[test]
fn a_fifo_named_on_the_command_line_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join("pipe.yaml"));
    fs::write(dir.path().join("api.yaml"), PLAIN_HTTP).unwrap();
    let (code, stdout, stderr) = run(
        dir.path(),
        &["lint", "--format", "compact", "pipe.yaml", "api.yaml"],
    );
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(
        stderr.contains("cannot read 'pipe.yaml': it is a FIFO (named pipe), not a regular file"),
        "{stderr}"
    );
    // The other file is still linted.
    assert!(
        stdout.contains("api.yaml:4:10: error [server-plain-http]"),
        "{stdout}"
    );
}

#[test]
fn dev_zero_is_refused_not_read_until_memory_runs_out() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = run(dir.path(), &["lint", "/dev/zero"]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(
        stderr.contains("cannot read '/dev/zero': it is a character device, not a regular file"),
        "{stderr}"
    );

    // Through a committed symbolic link, it is not even opened: its target
    // lies outside the project root.
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("openapi.yaml")).unwrap();
    let (code, _, stderr) = run(dir.path(), &["lint", "openapi.yaml"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("outside the project root"), "{stderr}");
}

#[test]
fn a_config_that_is_a_fifo_is_an_error_not_a_hang() {
    let dir = repository();
    mkfifo(&dir.path().join(".oasguard.yaml"));
    fs::write(dir.path().join("api.yaml"), SPEC).unwrap();
    let (code, _, stderr) = run(dir.path(), &["lint", "api.yaml"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(".oasguard.yaml:1:1: cannot read the config: it is a FIFO"),
        "{stderr}"
    );
}

#[test]
fn standard_input_is_capped() {
    let dir = tempfile::tempdir().unwrap();
    let zero = fs::File::open("/dev/zero").unwrap();
    let (code, stdout, stderr) = run_bounded(
        dir.path(),
        &["lint", "--format", "compact", "-"],
        Stdio::from(zero),
    );
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stdout.lines().next(),
        Some(
            "<stdin>:1:1: error [parse-error] the input is larger than the 256 MiB oasguard reads"
        )
    );
}

#[test]
fn binary_standard_input_is_a_finding_and_the_other_paths_are_linted() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("api.yaml"), PLAIN_HTTP).unwrap();
    let binary = dir.path().join("binary");
    fs::write(&binary, [0xff, 0xfe, 0x00, b'o']).unwrap();
    let (code, stdout, stderr) = run_bounded(
        dir.path(),
        &["lint", "--format", "compact", "-", "api.yaml"],
        Stdio::from(fs::File::open(&binary).unwrap()),
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stdout.contains("<stdin>:1:1: error [parse-error] the input is not UTF-8 text"),
        "{stdout}"
    );
    assert!(
        stdout.contains("api.yaml:4:10: error [server-plain-http]"),
        "{stdout}"
    );
}

// ---- No silent skip in directory mode --------------------------------------

#[test]
fn a_walk_reports_specs_it_cannot_read_or_parse() {
    let dir = repository();
    let root = dir.path();
    fs::write(root.join("clean.yaml"), SPEC).unwrap();
    // UTF-16 with a byte-order mark, as some Windows editors save it.
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(SPEC.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    fs::write(root.join("utf16.yaml"), utf16).unwrap();
    // Nested deeper than the parser reads, before the version key: a JSON
    // spec minified into one line.
    let deep = format!(
        "{{\"x\": {}{}, \"openapi\": \"3.0.3\", \"info\": {{\"title\": \"t\", \"version\": \"1\"}}, \"paths\": {{}}}}",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    fs::write(root.join("deep.json"), deep).unwrap();
    // The same in YAML, the key after the deep part and past the first lines.
    let deep_yaml = format!(
        "{}x: {}{}\nopenapi: 3.0.3\n",
        "# padding\n".repeat(500),
        "[".repeat(5000),
        "]".repeat(5000)
    );
    fs::write(root.join("deep.yaml"), deep_yaml).unwrap();
    // Over the size limit (sparse: nothing is written, nothing is read).
    fs::File::create(root.join("huge.yaml"))
        .unwrap()
        .set_len(256 * 1024 * 1024 + 1)
        .unwrap();
    // Not specs: skipped as before, even one that mentions an `openapi` key.
    fs::write(root.join("ci.yaml"), "on: push\njobs: {}\n").unwrap();
    fs::write(
        root.join("compose.yaml"),
        "services:\n  openapi:\n    image: x\n",
    )
    .unwrap();

    let (code, stdout, stderr) = run(root, &["lint", "--format", "json", "."]);
    assert_eq!(code, 1, "parse errors fail the run\n{stdout}{stderr}");
    let report = json_report(&stdout);
    assert_eq!(
        findings(&report),
        [
            ("./deep.json".to_owned(), "parse-error".to_owned()),
            ("./deep.yaml".to_owned(), "parse-error".to_owned()),
            ("./huge.yaml".to_owned(), "parse-error".to_owned()),
            ("./utf16.yaml".to_owned(), "parse-error".to_owned()),
        ]
    );
    assert_eq!(
        common::each(&report, "files", "path"),
        [
            "./clean.yaml",
            "./deep.json",
            "./deep.yaml",
            "./huge.yaml",
            "./utf16.yaml"
        ]
    );
    let messages = common::each(&report, "findings", "message");
    assert_eq!(
        messages[2],
        "the file is 257 MiB, larger than the 256 MiB oasguard reads"
    );
    assert!(
        messages[3].starts_with("the file is not UTF-8 text"),
        "{messages:?}"
    );
}

#[test]
fn a_walk_reports_a_fifo_named_like_a_spec_and_goes_on() {
    let dir = repository();
    mkfifo(&dir.path().join("pipe.json"));
    fs::write(dir.path().join("api.yaml"), PLAIN_HTTP).unwrap();
    let (code, stdout, stderr) = run(dir.path(), &["lint", "--format", "compact", "."]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(
        stderr.contains("cannot read './pipe.json': it is a FIFO"),
        "{stderr}"
    );
    assert!(
        stdout.contains("./api.yaml:4:10: error [server-plain-http]"),
        "{stdout}"
    );
}

#[test]
fn a_walk_reports_folders_and_files_it_cannot_read() {
    use std::os::unix::fs::PermissionsExt;
    let dir = repository();
    let root = dir.path();
    fs::write(root.join("api.yaml"), SPEC).unwrap();
    let locked = root.join("locked");
    fs::create_dir(&locked).unwrap();
    fs::write(locked.join("hidden-spec.yaml"), PLAIN_HTTP).unwrap();
    let secret = root.join("secret.yaml");
    fs::write(&secret, PLAIN_HTTP).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o000)).unwrap();
    let privileged = permissions_are_ignored(&locked);
    let (code, stdout, stderr) = run(root, &["lint", "--format", "compact", "."]);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o644)).unwrap();
    if privileged {
        eprintln!("running with privileges that ignore permissions: nothing is unreadable");
        assert_eq!(code, 1, "{stdout}{stderr}");
        return;
    }
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(
        stderr.contains("cannot read './locked': permission denied"),
        "{stderr}"
    );
    assert!(
        stderr.contains("cannot read './secret.yaml': permission denied"),
        "{stderr}"
    );
}

#[test]
fn only_gitignore_files_of_the_repository_hide_specs() {
    let outer = tempfile::tempdir().unwrap();
    // Above the repository: not the repository's to decide.
    fs::write(outer.path().join(".gitignore"), "outer-ignored.yaml\n").unwrap();
    let root = outer.path().join("repo");
    fs::create_dir_all(root.join(".git")).unwrap();
    fs::write(root.join(".gitignore"), "generated.yaml\n").unwrap();
    // An undocumented way to hide a spec from review.
    fs::write(root.join(".ignore"), "dotignored.yaml\n").unwrap();
    for name in [
        "api.yaml",
        "generated.yaml",
        "dotignored.yaml",
        "outer-ignored.yaml",
    ] {
        fs::write(root.join(name), SPEC).unwrap();
    }
    let (code, stdout, stderr) = run(&root, &["lint", "--format", "json", "."]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(
        common::each(&json_report(&stdout), "files", "path"),
        ["./api.yaml", "./dotignored.yaml", "./outer-ignored.yaml"]
    );
}

// ---- Configuration from inside the repository only -------------------------

#[test]
fn config_discovery_stops_at_the_repository_root() {
    let outer = tempfile::tempdir().unwrap();
    // A shared runner's /tmp: a config there must not turn a failing run green.
    fs::write(outer.path().join(".oasguard.yaml"), "fail-on: never\n").unwrap();
    let root = outer.path().join("repo");
    fs::create_dir_all(root.join(".git")).unwrap();
    fs::create_dir_all(root.join("specs")).unwrap();
    fs::write(root.join("specs/api.yaml"), PLAIN_HTTP).unwrap();

    let (code, _, stderr) = run(&root.join("specs"), &["lint", "--verbose", "api.yaml"]);
    assert_eq!(
        code, 1,
        "the config above the repository was used\n{stderr}"
    );
    let searched = format!(
        "oasguard: config: none (searched '{}' up to '{}')",
        root.join("specs").canonicalize().unwrap().display(),
        root.canonicalize().unwrap().display()
    );
    assert!(stderr.contains(&searched), "{stderr}");

    // One at the repository root is found from below it, and named.
    fs::write(
        root.join(".oasguard.yaml"),
        "rules:\n  server-plain-http: off\n",
    )
    .unwrap();
    let (code, _, stderr) = run(&root.join("specs"), &["lint", "--verbose", "api.yaml"]);
    assert_eq!(code, 0, "{stderr}");
    let used = format!(
        "oasguard: config: '{}'",
        root.canonicalize()
            .unwrap()
            .join(".oasguard.yaml")
            .display()
    );
    assert!(stderr.contains(&used), "{stderr}");

    // Without --verbose, nothing is said.
    let (_, _, stderr) = run(&root.join("specs"), &["lint", "api.yaml"]);
    assert!(!stderr.contains("config"), "{stderr}");
}

#[test]
fn outside_a_repository_only_the_current_directory_has_a_config() {
    let outer = tempfile::tempdir().unwrap();
    if outer.path().ancestors().any(|d| d.join(".git").exists()) {
        eprintln!("the scratch directory is inside a repository: nothing to test");
        return;
    }
    fs::write(outer.path().join(".oasguard.yaml"), "fail-on: never\n").unwrap();
    let sub = outer.path().join("sub");
    fs::create_dir(&sub).unwrap();
    fs::write(sub.join("api.yaml"), PLAIN_HTTP).unwrap();
    let (code, _, stderr) = run(&sub, &["lint", "api.yaml"]);
    assert_eq!(code, 1, "{stderr}");
    let (code, _, stderr) = run(outer.path(), &["lint", "sub/api.yaml"]);
    assert_eq!(code, 0, "the current directory's config applies\n{stderr}");
}
