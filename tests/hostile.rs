//! Inputs built to make a careless pass super-linear, at sizes that took
//! seconds (or never finished) before the pass was made linear and take
//! milliseconds now. Results are asserted, never times: `scripts/hostile.sh`
//! measures the full-size versions.

mod common;

use std::fs;

use oasguard::model::{Spec, VersionCheck, detect_version};
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
