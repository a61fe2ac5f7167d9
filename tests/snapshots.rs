//! Snapshots of exactly what a user sees, per output format.

mod common;

fn output(args: &[&str]) -> String {
    let mut full = vec!["lint", "--color", "never"];
    full.extend_from_slice(args);
    let (code, stdout, stderr) = common::run(&full);
    format!("exit: {code}\n--- stdout\n{stdout}--- stderr\n{stderr}")
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
