//! Snapshots of exactly what a user sees, per output format.

mod common;

fn output(args: &[&str]) -> String {
    output_at(None, args)
}

/// The output on a terminal `columns` wide (`None`: not a terminal).
fn output_at(columns: Option<&str>, args: &[&str]) -> String {
    let mut cmd = common::bin();
    cmd.current_dir(common::repo())
        .args(["lint", "--color", "never"])
        .args(args);
    if let Some(columns) = columns {
        cmd.env("COLUMNS", columns);
    }
    let out = cmd.output().expect("run oasguard");
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        out.status.code().expect("an exit code"),
        String::from_utf8(out.stdout).expect("utf-8"),
        String::from_utf8(out.stderr).expect("utf-8")
    )
}

/// Triage order (errors, then warnings, then info; by rule, then place),
/// a rule's findings folded after 3, the cap, and the per-rule summary.
#[test]
fn human_large_spec_is_ordered_folded_capped_and_summarised() {
    insta::assert_snapshot!(output(&["--max-findings", "12", "fixtures/cli/large.yaml"]));
}

#[test]
fn human_quiet_shows_only_what_fails_the_run() {
    insta::assert_snapshot!(output(&[
        "--quiet",
        "--max-warnings",
        "10",
        "--min-score",
        "50",
        "fixtures/cli/large.yaml"
    ]));
}

/// Frames and wrapped messages follow the terminal's width.
#[test]
fn human_frames_fit_the_terminal() {
    for columns in ["80", "160"] {
        insta::assert_snapshot!(
            format!("human_frames_fit_the_terminal_{columns}"),
            output_at(
                Some(columns),
                &[
                    "--select",
                    "server-plain-http,credentials-in-parameter",
                    "--max-findings",
                    "2",
                    "fixtures/cli/minified.json",
                    "fixtures/cli/large.yaml"
                ]
            )
        );
    }
}

#[test]
fn compact_large_spec_quiet() {
    insta::assert_snapshot!(output(&[
        "--format",
        "compact",
        "--quiet",
        "fixtures/cli/large.yaml"
    ]));
}

#[test]
fn human_finding_in_a_referenced_file() {
    insta::assert_snapshot!(output(&[
        "--select",
        "string-unbounded",
        "fixtures/cli/multi/openapi.yaml"
    ]));
}

#[test]
fn human_long_line_is_cropped() {
    insta::assert_snapshot!(output(&[
        "--select",
        "server-plain-http",
        "fixtures/cli/minified.json"
    ]));
}

#[test]
fn human_swagger_2() {
    insta::assert_snapshot!(output(&[
        "--select",
        "scheme-plain-http,spec-version-outdated,array-unbounded",
        "fixtures/cli/swagger2.yaml"
    ]));
}

#[test]
fn human_parse_error() {
    insta::assert_snapshot!(output(&["fixtures/cli/broken.yaml"]));
}

#[test]
fn human_example_spec() {
    insta::assert_snapshot!(output(&["examples/petstore.yaml"]));
}

#[test]
fn compact_example_spec() {
    insta::assert_snapshot!(output(&["--format", "compact", "examples/petstore.yaml"]));
}

#[test]
fn statistics_example_spec() {
    insta::assert_snapshot!(output(&[
        "--format",
        "statistics",
        "examples/petstore.yaml"
    ]));
}

#[test]
fn json_example_spec() {
    insta::assert_snapshot!(output(&["--format", "json", "examples/petstore.yaml"]));
}
