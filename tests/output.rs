//! What reaches a terminal or a CI log: spec text escaped in every format,
//! and the exit code kept when the reader goes away.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::Stdio;

use common::bin;

/// A server URL that tries every trick: a line break into a GitHub
/// workflow command, an OSC window title, a clear screen, a bidi override,
/// a C1 control and the noncharacters XML forbids.
const HOSTILE_URL: &str =
    r#""http://x\r\n::error file=a::pwned\n\e]0;title\a\e[2J\u202Eevil\x85\uFFFE\uFFFF""#;

/// Raw control characters in the source itself, on a line a code frame
/// shows as context.
const RAW_COMMENT: &str = "# \u{1b}]0;title\u{7}\u{1b}[2J \u{202E}txt \u{85}";

fn hostile_spec(dir: &Path) -> std::path::PathBuf {
    // The file name tries to start a compact line with a workflow command.
    let path = dir.join("::warning::spec.yaml");
    std::fs::write(
        &path,
        format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\nservers:\n  - url: {HOSTILE_URL}\n{RAW_COMMENT}\npaths: {{}}\n"
        ),
    )
    .unwrap();
    path
}

fn lint(dir: &Path, format: &str) -> (i32, String) {
    let output = bin()
        .current_dir(dir)
        .args(["lint", "--select", "server-plain-http", "--format", format])
        .arg("::warning::spec.yaml")
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

/// Characters no text format may print as themselves.
fn unsafe_chars(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{202E}' | '\u{FFFE}' | '\u{FFFF}' | '\u{2028}')
        })
        .collect()
}

#[test]
fn text_formats_escape_control_characters_and_never_start_a_workflow_command() {
    let dir = tempfile::tempdir().unwrap();
    hostile_spec(dir.path());
    for format in [
        "human",
        "compact",
        "junit",
        "statistics",
        "github",
        "gitlab",
    ] {
        let (code, stdout) = lint(dir.path(), format);
        assert_eq!(code, 1, "{format}: {stdout}");
        assert_eq!(unsafe_chars(&stdout), [] as [char; 0], "{format}: {stdout}");
        if format == "human" {
            // A frame keeps its columns: one visible mark per character.
            let context = "# \u{FFFD}]0;title\u{FFFD}\u{FFFD}[2J \u{FFFD}txt \u{FFFD}";
            assert!(stdout.contains(context), "{stdout}");
        }
        for line in stdout.lines() {
            // GitHub's own commands are the only lines that may start so,
            // one per finding, with the spec's text inside its message.
            if format == "github" {
                let (command, message) = line
                    .split_once(",title=oasguard server-plain-http::")
                    .expect("one annotation");
                assert_eq!(
                    command,
                    "::error file=./%3A%3Awarning%3A%3Aspec.yaml,line=4,col=10,endLine=4,endColumn=90"
                );
                assert!(
                    message.starts_with(r"server 'http://x\r\n::error"),
                    "{line}"
                );
            } else {
                assert!(!line.starts_with("::"), "{format}: {line}");
            }
        }
        // GitLab's report is JSON: its own escaping doubles the backslashes.
        let shown = match format {
            "statistics" => continue,
            "gitlab" => r"\\r\\n::error file=a::pwned\\n\\u{1b}]0;title",
            _ => r"\r\n::error file=a::pwned\n\u{1b}]0;title",
        };
        assert!(stdout.contains(shown), "{format}: {stdout}");
    }
}

#[test]
fn machine_formats_carry_the_text_exactly() {
    let dir = tempfile::tempdir().unwrap();
    hostile_spec(dir.path());
    for format in ["json", "sarif"] {
        let (_, stdout) = lint(dir.path(), format);
        assert!(
            !stdout.contains(['\r', '\u{1b}', '\u{7}']),
            "{format}: {stdout}"
        );
        let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert!(
            report
                .to_string()
                .contains(r"\r\n::error file=a::pwned\n\u001b]0;title"),
            "{format}"
        );
    }
}

/// `set -o pipefail; oasguard lint ... | head -1` must still fail the job.
#[test]
fn a_closed_pipe_keeps_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    // More output than a pipe buffers, so a write meets the closed pipe.
    let servers: String = (0..3000)
        .map(|i| format!("  - url: http://s{i}.example.com\n"))
        .collect();
    let spec = dir.path().join("openapi.yaml");
    std::fs::write(
        &spec,
        format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\nservers:\n{servers}paths: {{}}\n"
        ),
    )
    .unwrap();
    for format in ["compact", "human"] {
        let mut child = bin()
            .current_dir(dir.path())
            .args(["lint", "--all", "--format", format, "openapi.yaml"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 16];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{format}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{format}");
    }
}

fn run_with(env: &[(&str, &str)], args: &[&str]) -> (i32, String, String) {
    let output = bin()
        .current_dir(common::repo())
        .envs(env.iter().copied())
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn max_warnings_fails_the_run_and_the_last_line_says_why() {
    let args = |max: &'static str| {
        [
            "lint",
            "--select",
            "string-unbounded",
            "--format",
            "compact",
            "--max-warnings",
            max,
            "fixtures/cli/large.yaml",
        ]
    };
    let (code, stdout, _) = run_with(&[], &args("24"));
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.ends_with(
            "exit 0: no finding at or above fail-on error; 24 warnings within max-warnings 24\n"
        ),
        "{stdout}"
    );
    let (code, stdout, _) = run_with(&[], &args("23"));
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.ends_with("exit 1: 24 warnings over max-warnings 23\n"),
        "{stdout}"
    );
}

#[test]
fn verbose_lists_the_files_checked_and_output_names_the_report_written() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.sarif");
    let (code, stdout, stderr) = run_with(
        &[],
        &[
            "lint",
            "--verbose",
            "--format",
            "sarif",
            "--select",
            "server-plain-http",
            "--output",
            report.to_str().unwrap(),
            "fixtures/cli/large.yaml",
            "examples/petstore.yaml",
        ],
    );
    assert_eq!(code, 1);
    assert!(
        stderr.contains("oasguard: checked 'fixtures/cli/large.yaml' (3.0.3, score 81/100)\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("oasguard: checked 'examples/petstore.yaml' (3.0.3, score 90/100)\n"),
        "{stderr}"
    );
    assert_eq!(
        stdout,
        format!(
            "wrote the sarif report to {}\n6 problems (6 errors, 0 warnings, 0 info) in 2 files\n\
             lowest security score: 81/100 (fixtures/cli/large.yaml)\n\
             exit 1: 6 findings at or above fail-on error\n",
            report.display()
        )
    );
    assert!(std::fs::metadata(&report).unwrap().len() > 0);
}

#[test]
fn colour_follows_the_flag_then_force_color_then_no_color() {
    let compact = [
        "lint",
        "--format",
        "compact",
        "--select",
        "server-plain-http",
        "fixtures/cli/large.yaml",
    ];
    let red_error = ": \u{1b}[31merror\u{1b}[0m [server-plain-http]";
    // The test harness sets NO_COLOR; FORCE_COLOR and CLICOLOR_FORCE win.
    assert!(!run_with(&[], &compact).1.contains('\u{1b}'));
    assert!(
        run_with(&[("FORCE_COLOR", "1")], &compact)
            .1
            .contains(red_error)
    );
    assert!(
        run_with(&[("CLICOLOR_FORCE", "1")], &compact)
            .1
            .contains(red_error)
    );
    assert!(
        !run_with(&[("FORCE_COLOR", "0")], &compact)
            .1
            .contains('\u{1b}')
    );
    let mut never = compact.to_vec();
    never.insert(1, "--color=never");
    assert!(
        !run_with(&[("FORCE_COLOR", "1")], &never)
            .1
            .contains('\u{1b}')
    );
    // A report file is the environment's business only with --color always.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.txt");
    let mut to_file = compact.to_vec();
    to_file.splice(1..1, ["--output", file.to_str().unwrap()]);
    run_with(&[("FORCE_COLOR", "1")], &to_file);
    assert!(!std::fs::read_to_string(&file).unwrap().contains('\u{1b}'));
    // The label under a frame takes the finding's colour.
    let (_, human, _) = run_with(
        &[],
        &[
            "lint",
            "--color",
            "always",
            "--select",
            "string-unbounded",
            "--max-findings",
            "1",
            "fixtures/cli/large.yaml",
        ],
    );
    assert!(human.contains("╰── \u{1b}[33mwarning"), "{human}");
}

/// A file name from the checkout reaches stderr escaped too.
#[test]
fn file_names_in_errors_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let fifo = dir.path().join("a\n::error::pwned.yaml");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(status.success());
    let output = bin()
        .current_dir(dir.path())
        .args(["lint", "."])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains(r"a\n::error::pwned.yaml"), "{stderr}");
    assert!(stderr.lines().all(|l| !l.starts_with("::")), "{stderr}");
}

#[test]
fn the_verdict_names_an_unreadable_path_and_what_the_baseline_hid() {
    let dir = tempfile::tempdir().unwrap();
    let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nservers:\n  - url: http://a.example.com\npaths: {}\n";
    std::fs::write(dir.path().join("api.yaml"), spec).unwrap();
    let lint = |args: &[&str]| {
        let output = bin().current_dir(dir.path()).args(args).output().unwrap();
        (
            output.status.code().unwrap(),
            String::from_utf8(output.stdout).unwrap(),
        )
    };
    let (code, _) = lint(&["lint", "--write-baseline", "baseline.json", "api.yaml"]);
    assert_eq!(code, 0);
    let (code, stdout) = lint(&[
        "lint",
        "--baseline",
        "baseline.json",
        "--format",
        "compact",
        "api.yaml",
    ]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.ends_with("(1 finding hidden by the baseline)\n"),
        "{stdout}"
    );
    let (code, stdout) = lint(&["lint", "--format", "compact", "api.yaml", "missing.yaml"]);
    assert_eq!(code, 2);
    assert!(
        stdout.ends_with("exit 2: a path could not be read (see the errors above)\n"),
        "{stdout}"
    );
}
