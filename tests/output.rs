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

fn hostile_spec(dir: &Path) -> std::path::PathBuf {
    // The file name tries to start a compact line with a workflow command.
    let path = dir.join("::warning::spec.yaml");
    std::fs::write(
        &path,
        format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\nservers:\n  - url: {HOSTILE_URL}\npaths: {{}}\n"
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
            .args(["lint", "--format", format, "openapi.yaml"])
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
