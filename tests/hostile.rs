//! Inputs built to make a careless pass super-linear, at sizes that took
//! seconds (or never finished) before the pass was made linear and take
//! milliseconds now. Results are asserted, never times: `scripts/hostile.sh`
//! measures the full-size versions.

mod common;

use std::fs;

use oasguard::model::{Spec, VersionCheck, detect_version};
use oasguard::source::{FileId, SourceFile};
use oasguard::workspace::{RootInput, Workspace};

/// (rule, pointer, suppressed, message) of every finding of `rules`.
fn lint_text(name: &str, text: &str, rules: &str) -> Vec<(String, String, bool, String)> {
    common::lint_text(name, text, rules)
        .iter()
        .map(|f| {
            (
                f.rule.to_owned(),
                f.pointer.clone(),
                f.suppression.is_some(),
                f.message.clone(),
            )
        })
        .collect()
}

fn json(value: serde_json::Value) -> String {
    serde_json::to_string(&value).unwrap()
}

/// `S0` is a string; each `S<i>` has two properties that `$ref` `S<i-1>`:
/// 2^n paths through the references lead from `S<n>` to `S0`.
fn diamonds(n: usize) -> serde_json::Value {
    let mut schemas = serde_json::Map::new();
    schemas.insert("S0".into(), serde_json::json!({"type": "string"}));
    for i in 1..=n {
        let previous = format!("#/components/schemas/S{}", i - 1);
        schemas.insert(
            format!("S{i}"),
            serde_json::json!({"type": "object", "properties": {
                "a": {"$ref": previous}, "b": {"$ref": previous}}}),
        );
    }
    schemas[&format!("S{n}")]["x-oasguard-ignore"] = serde_json::json!(["string-unbounded"]);
    serde_json::json!({
        "openapi": "3.1.0",
        "info": {"title": "diamonds", "version": "1"},
        "paths": {"/a": {"post": {
            "requestBody": {"content": {"application/json": {
                "schema": {"$ref": format!("#/components/schemas/S{n}")}}}},
            "responses": {"200": {"description": "ok"}}}}},
        "components": {"schemas": schemas},
    })
}

#[test]
fn a_suppression_over_shared_refs_is_decided_once_per_node() {
    let rules = "string-unbounded,unused-suppression";
    let spec = diamonds(20);
    assert_eq!(
        lint_text("openapi.json", &json(spec.clone()), rules),
        [(
            "string-unbounded".to_owned(),
            "/components/schemas/S0".to_owned(),
            true,
            "string schema 'S0' has no maxLength".to_owned()
        )]
    );
    // A second way into S0 that passes no suppression: the finding stays.
    // The suppression is not stale (the rule reports below it); an id whose
    // rule reports nothing below it is.
    let mut open = spec;
    open["paths"]["/b"] = serde_json::json!({"get": {"responses": {"200": {
        "description": "ok",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/S0"}}}}}}});
    open["components"]["schemas"]["S20"]["x-oasguard-ignore"] =
        serde_json::json!(["string-unbounded", "integer-unbounded"]);
    let found = lint_text(
        "openapi.json",
        &json(open),
        "string-unbounded,integer-unbounded,unused-suppression",
    );
    assert_eq!(
        found
            .iter()
            .map(|(rule, pointer, suppressed, _)| (rule.as_str(), pointer.as_str(), *suppressed))
            .collect::<Vec<_>>(),
        [
            ("string-unbounded", "/components/schemas/S0", false),
            (
                "unused-suppression",
                "/components/schemas/S20/x-oasguard-ignore/1",
                false
            ),
        ]
    );
}

#[test]
fn a_suppression_covers_a_recursive_schema_below_it() {
    let spec = |also_unsuppressed: bool| {
        let other = if also_unsuppressed {
            "  /b:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: {$ref: '#/components/schemas/Node'}\n      responses: {'200': {description: ok}}\n"
        } else {
            ""
        };
        format!(
            "openapi: 3.0.3
info: {{title: Tree, version: '1'}}
paths:
  /a:
    post:
      requestBody:
        content:
          application/json:
            schema:
              x-oasguard-ignore: [string-unbounded]
              $ref: '#/components/schemas/Node'
      responses: {{'200': {{description: ok}}}}
{other}components:
  schemas:
    Node:
      type: object
      properties:
        name: {{type: string}}
        children: {{type: array, maxItems: 9, items: {{$ref: '#/components/schemas/Node'}}}}
"
        )
    };
    let rules = "string-unbounded,unused-suppression";
    let summary = |text: &str| {
        lint_text("openapi.yaml", text, rules)
            .into_iter()
            .map(|(rule, pointer, suppressed, _)| (rule, pointer, suppressed))
            .collect::<Vec<_>>()
    };
    // Node's `$ref` to itself is no way in from outside the suppression.
    assert_eq!(
        summary(&spec(false)),
        [(
            "string-unbounded".to_owned(),
            "/components/schemas/Node/properties/name".to_owned(),
            true
        )]
    );
    // Used by /b as well, where nothing suppresses it.
    assert_eq!(
        summary(&spec(true)),
        [(
            "string-unbounded".to_owned(),
            "/components/schemas/Node/properties/name".to_owned(),
            false
        )]
    );
}

fn with_servers(servers: serde_json::Value) -> String {
    json(serde_json::json!({
        "openapi": "3.0.3",
        "info": {"title": "servers", "version": "1"},
        "servers": servers,
        "paths": {},
    }))
}

#[test]
fn server_variables_after_the_host_do_not_multiply() {
    let n = 1500;
    let variables: serde_json::Map<_, _> = (0..n)
        .map(|i| {
            (
                format!("v{i}"),
                serde_json::json!({"default": "a", "enum": ["a", "b"]}),
            )
        })
        .collect();
    let path: Vec<String> = (0..n).map(|i| format!("{{v{i}}}")).collect();
    let mut with_scheme = variables.clone();
    with_scheme.insert(
        "scheme".into(),
        serde_json::json!({"default": "https", "enum": ["https", "http"]}),
    );
    let text = with_servers(serde_json::json!([
        {"url": format!("https://api.example.com/{}", path.join("/")), "variables": variables},
        {"url": format!("{{scheme}}://eu.example.com/{}", path.join("/")), "variables": with_scheme},
    ]));
    let found = lint_text("openapi.json", &text, "server-plain-http");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "/servers/1/url");
    assert!(
        found[0]
            .3
            .contains("('http://eu.example.com/a/a/a/a/a/a/a/a/"),
        "{}",
        found[0].3
    );
}

#[test]
fn the_expansion_bound_never_hides_a_plain_http_scheme() {
    // 2^9 spellings before the scheme, more than are expanded: the `http`
    // value of `scheme` comes after every one of them.
    let mut variables: serde_json::Map<_, _> = (0..9)
        .map(|i| {
            (
                format!("p{i}"),
                serde_json::json!({"default": "", "enum": ["", "x"]}),
            )
        })
        .collect();
    variables.insert(
        "scheme".into(),
        serde_json::json!({"default": "https", "enum": ["https", "http"]}),
    );
    let url = format!(
        "{}{{scheme}}://api.example.com/v1",
        (0..9).map(|i| format!("{{p{i}}}")).collect::<String>()
    );
    let text = with_servers(serde_json::json!([{"url": url, "variables": variables}]));
    let found = lint_text("openapi.json", &text, "server-plain-http");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]
            .3
            .ends_with("can be plain HTTP ('http://api.example.com/v1' with its variables)"),
        "{}",
        found[0].3
    );
    // Every value spelled out, nothing cleartext: nothing to report.
    let https = text.replace(r#""enum":["https","http"]"#, r#""enum":["https","wss"]"#);
    assert_ne!(https, text);
    assert_eq!(lint_text("openapi.json", &https, "server-plain-http"), []);
}

#[test]
fn markdown_tags_that_never_close_are_read_once() {
    let spec = |description: String| {
        json(serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "markdown", "version": "1", "description": description},
            "paths": {},
        }))
    };
    let open_tags = "<a on ".repeat(20_000);
    assert_eq!(
        lint_text(
            "openapi.json",
            &spec(open_tags.clone()),
            "markdown-unsafe-content"
        ),
        []
    );
    let found = lint_text(
        "openapi.json",
        &spec(format!("{open_tags}<img src=x onerror=alert(1)>")),
        "markdown-unsafe-content",
    );
    assert_eq!(found.len(), 1);
    assert!(found[0].3.contains("('onerror=')"), "{}", found[0].3);
    // 800 runs of backticks of as many lengths, none closed, then script.
    let runs: Vec<String> = (1..800).map(|i| "`".repeat(i)).collect();
    let found = lint_text(
        "openapi.json",
        &spec(format!("{} <script>alert(1)</script>", runs.join("x"))),
        "markdown-unsafe-content",
    );
    assert_eq!(found.len(), 1);
    assert!(found[0].3.contains("a <script> tag"), "{}", found[0].3);
}

#[test]
fn operations_of_a_shared_path_item_share_what_they_read() {
    const PATHS: usize = 200;
    const PARAMETERS: usize = 100;
    let methods = [
        "get", "put", "post", "delete", "options", "head", "patch", "trace",
    ];
    let parameters: Vec<serde_json::Value> = (0..PARAMETERS)
        .map(|i| serde_json::json!({"name": format!("p{i}"), "in": "query", "schema": {"type": "string"}}))
        .collect();
    let mut item = serde_json::Map::new();
    // A path-level parameter, overridden by the operations' own `p0`.
    item.insert(
        "parameters".into(),
        serde_json::json!([
            {"name": "p0", "in": "query", "schema": {"type": "integer"}},
            {"name": "shared", "in": "header", "schema": {"type": "string"}},
        ]),
    );
    for method in methods {
        item.insert(
            method.into(),
            serde_json::json!({"parameters": parameters,
                "responses": {"200": {"description": "ok"}}}),
        );
    }
    let paths: serde_json::Map<_, _> = (0..PATHS)
        .map(|i| {
            (
                format!("/p{i}"),
                serde_json::json!({"$ref": "#/components/pathItems/P"}),
            )
        })
        .collect();
    let text = json(serde_json::json!({
        "openapi": "3.1.0",
        "info": {"title": "shared", "version": "1"},
        "paths": paths,
        "components": {"pathItems": {"P": item}},
    }));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("openapi.json");
    fs::write(&path, &text).unwrap();
    let ws = Workspace::load(RootInput {
        display: path.clone(),
        canonical: path.canonicalize().unwrap(),
        text,
    });
    let root = ws.root_file().root().unwrap();
    let VersionCheck::Supported { version, node } = detect_version(root) else {
        panic!("not 3.1")
    };
    let spec = Spec::build(&ws, root, version, node);

    // Every path is an operation of its own.
    assert_eq!(spec.operations.len(), PATHS * methods.len());
    let labels: std::collections::HashSet<String> =
        spec.operations.iter().map(|op| op.label()).collect();
    assert_eq!(labels.len(), spec.operations.len());
    assert!(labels.contains("GET /p0") && labels.contains("TRACE /p199"));
    for op in &spec.operations {
        assert_eq!(op.parameters.len(), PARAMETERS + 1);
        let p0 = op.parameters.iter().find(|p| p.name == "p0").unwrap();
        assert_eq!(
            p0.schema.and_then(|s| s.get_str("type")),
            Some("string"),
            "the operation's own p0 wins"
        );
        assert!(op.parameters.iter().any(|p| p.name == "shared"));
    }
    // Built once per operation object, shared by the paths.
    let first = &spec.operations[..methods.len()];
    for (i, op) in spec.operations.iter().enumerate() {
        let same = &first[i % methods.len()];
        assert_eq!(op.parameters.id(), same.parameters.id());
        assert_eq!(op.responses.id(), same.responses.id());
    }
    assert_ne!(first[0].parameters.id(), first[1].parameters.id());
    // The parameters in use, once each (the path-level `p0` is overridden
    // everywhere).
    assert_eq!(spec.parameters().len(), 1 + methods.len() * PARAMETERS);
}

/// The findings of `rule` in `text`, a scratch file `name`, linted with
/// `rules` selected.
fn of_rule(name: &str, text: &str, rules: &str, rule: &str) -> Vec<(String, String, bool, String)> {
    lint_text(name, text, rules)
        .into_iter()
        .filter(|(r, ..)| r == rule)
        .collect()
}

const YAML_HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";

/// The parse error of a YAML spec whose tail is `body`.
fn parse_error(body: &str) -> String {
    let text = format!("{YAML_HEAD}{body}");
    let errors = of_rule("openapi.yaml", &text, "parse-error", "parse-error");
    assert_eq!(errors.len(), 1, "{errors:?}");
    errors[0].3.clone()
}

#[test]
fn aliases_that_nest_deeper_than_the_parser_reads_are_an_error() {
    // Each anchor wraps 30 levels around the previous alias: the 9th
    // expands to 270 levels, within 4 KB of text.
    let mut body = String::from("x-0: &a0 leaf\n");
    for i in 1..12 {
        let wrap = 30;
        body += &format!(
            "x-{i}: &a{i} {}*a{}{}\n",
            "[".repeat(wrap),
            i - 1,
            "]".repeat(wrap)
        );
    }
    let message = parse_error(&body);
    assert!(
        message.contains("alias '*a8' expands deeper than oasguard reads"),
        "{message}"
    );
    // At the limit itself the copy is read.
    let shallow = format!(
        "x-a: &a {}leaf{}\nx-b: *a\n",
        "[".repeat(250),
        "]".repeat(250)
    );
    assert!(
        of_rule(
            "openapi.yaml",
            &format!("{YAML_HEAD}{shallow}"),
            "parse-error",
            "parse-error"
        )
        .is_empty()
    );
}

#[test]
fn an_alias_bomb_names_the_alias_that_exhausts_the_budget() {
    let mut body = String::from("x-0: &a0 [lol]\n");
    for i in 1..8 {
        body += &format!(
            "x-{i}: &a{i} [{}]\n",
            vec![format!("*a{}", i - 1); 10].join(", ")
        );
    }
    let message = parse_error(&body);
    assert!(message.contains("more than 1000000 nodes"), "{message}");
    assert!(message.contains("alias '*a5'"), "{message}");
}

#[test]
fn a_long_string_aliased_many_times_is_bounded_by_its_text() {
    // 128 KiB aliased 600 times: 75 MiB of text from a 130 KB file.
    let body = format!(
        "x-s: &s '{}'\nx-copies: [{}]\n",
        "x".repeat(128 << 10),
        vec!["*s"; 600].join(", ")
    );
    let message = parse_error(&body);
    assert!(message.contains("more than 64 MiB of text"), "{message}");
    // Fewer copies are read, and share the string.
    let body = format!(
        "x-s: &s '{}'\nx-copies: [{}]\n",
        "x".repeat(128 << 10),
        vec!["*s"; 100].join(", ")
    );
    assert!(
        of_rule(
            "openapi.yaml",
            &format!("{YAML_HEAD}{body}"),
            "parse-error",
            "parse-error"
        )
        .is_empty()
    );
}

#[test]
fn every_repetition_of_a_key_is_reported_once_and_the_last_wins() {
    let n = 20_000;
    let mut text = format!("{YAML_HEAD}x-same:\n");
    for i in 0..n {
        text += &format!("  k: {i}\n");
    }
    let found = of_rule("openapi.yaml", &text, "duplicate-key", "duplicate-key");
    assert_eq!(found.len(), n - 1);
    let (file, error) = SourceFile::parse(FileId(0), "openapi.yaml".into(), text);
    assert!(error.is_none());
    let same = file.root().unwrap().get("x-same").unwrap();
    assert_eq!(same.len(), 1);
    assert_eq!(same.get("k").unwrap().as_f64(), Some((n - 1) as f64));
}

#[test]
fn a_merge_of_many_aliases_takes_each_key_once_the_earliest_first() {
    let n = 5_000;
    let mut text = String::from(YAML_HEAD);
    for i in 0..n {
        text += &format!("x-{i}: &m{i} {{k{i}: {i}, shared: {i}}}\n");
    }
    let aliases: Vec<String> = (0..n).map(|i| format!("*m{i}")).collect();
    text += &format!(
        "x-merged:\n  own: 1\n  k7: mine\n  <<: [{}]\n",
        aliases.join(", ")
    );
    let (file, error) = SourceFile::parse(FileId(0), "openapi.yaml".into(), text);
    assert!(error.is_none(), "{error:?}");
    let merged = file.root().unwrap().get("x-merged").unwrap();
    assert_eq!(merged.len(), n + 2);
    assert_eq!(merged.get("shared").unwrap().as_f64(), Some(0.0));
    assert_eq!(merged.get("k7").unwrap().as_str(), Some("mine"));
    assert_eq!(merged.get("k4999").unwrap().as_f64(), Some(4999.0));
}

#[test]
fn a_long_key_is_not_repeated_in_full_by_every_finding_below_it() {
    let params: Vec<serde_json::Value> = (0..200)
        .map(|i| serde_json::json!({"name": format!("p{i}"), "in": "query", "schema": {"type": "string"}}))
        .collect();
    let long = |tail: &str| format!("/{}{tail}", "k".repeat(100_000));
    let operation = serde_json::json!({"post": {
        "parameters": params, "responses": {"200": {"description": "ok"}}}});
    let spec = serde_json::json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {long("a"): operation.clone(), long("b"): operation},
    });
    let found = of_rule(
        "openapi.json",
        &json(spec),
        "string-unbounded",
        "string-unbounded",
    );
    assert_eq!(found.len(), 400);
    for (_, pointer, _, message) in &found {
        // The 100 KB key is cut: near 1 KiB in the pointer, 500 characters
        // in the message.
        assert!(pointer.len() < 1_100, "{pointer}");
        assert!(pointer.starts_with("/paths/~1kkk"), "{pointer}");
        assert!(pointer.ends_with("/schema"), "{pointer}");
        assert!(message.len() < 800, "{message}");
    }
    // Keys that share their first bytes keep distinct pointers.
    let pointers: std::collections::HashSet<&str> = found
        .iter()
        .map(|(_, pointer, ..)| pointer.as_str())
        .collect();
    assert_eq!(pointers.len(), 400);
}
