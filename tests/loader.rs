//! Loading: spans, scalars, YAML features, hostile input, `$ref` resolution.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use oasguard::source::{FileId, Node, SourceFile};
use oasguard::workspace::{RootInput, Workspace};

fn parse(name: &str, text: &str) -> SourceFile {
    match SourceFile::parse(FileId(0), PathBuf::from(name), text.to_owned()) {
        (file, None) => file,
        (_, Some(error)) => panic!(
            "{name} failed to parse: {} at {}",
            error.message, error.offset
        ),
    }
}

fn parse_error(name: &str, text: &str) -> String {
    match SourceFile::parse(FileId(0), PathBuf::from(name), text.to_owned()) {
        (_, None) => panic!("{name} parsed"),
        (_, Some(error)) => error.message,
    }
}

fn at<'a>(file: &'a SourceFile, pointer: &str) -> Node<'a> {
    file.root()
        .unwrap()
        .at_pointer(pointer)
        .unwrap_or_else(|| panic!("no {pointer}"))
}

fn position(file: &SourceFile, node: Node<'_>) -> (usize, usize) {
    file.line_col(node.span().start)
}

#[test]
fn json_nodes_and_keys_carry_positions() {
    let file = parse(
        "a.json",
        "{\n  \"servers\": [\n    {\"url\": \"http://x\"}\n  ]\n}\n",
    );
    let url = at(&file, "/servers/0/url");
    assert_eq!(url.as_str(), Some("http://x"));
    assert_eq!(position(&file, url), (3, 13));
    assert_eq!(file.line_col(url.parent_key().unwrap().span.start), (3, 6));
    assert_eq!(url.pointer(), "/servers/0/url");
}

#[test]
fn yaml_nodes_and_keys_carry_positions() {
    let file = parse(
        "a.yaml",
        "openapi: 3.0.0\nservers:\n  - url: http://x\n    description: é ü\n",
    );
    let url = at(&file, "/servers/0/url");
    assert_eq!(position(&file, url), (3, 10));
    assert_eq!(at(&file, "/servers/0/description").as_str(), Some("é ü"));
}

#[test]
fn columns_count_characters_after_non_ascii_text() {
    let file = parse(
        "a.yaml",
        "title: \"日本語\" # ü\nurl: x\nk: {é: 1, z: http://y}\n",
    );
    assert_eq!(position(&file, at(&file, "/k/z")), (3, 14));
}

#[test]
fn columns_stay_exact_on_one_long_minified_line() {
    // Multi-byte characters on both sides of the column checkpoints.
    let filler: String = (0..3000)
        .map(|i| if i % 3 == 0 { 'é' } else { 'a' })
        .collect();
    let text = format!("{{\"a\": \"{filler}\", \"b\": \"{filler}\", \"c\": 1}}");
    let file = parse("a.json", &text);
    let node = at(&file, "/c");
    let expected = text[..node.span().start as usize].chars().count() + 1;
    assert_eq!(position(&file, node), (1, expected));
}

#[test]
fn lookups_in_long_mappings_find_every_key() {
    // Past 32 entries a mapping is looked up through a sorted index; a
    // repeated key keeps its last value there too.
    let mut text = String::from("{");
    for i in (0..100).rev() {
        text.push_str(&format!("\"k{i}\": {i}, "));
    }
    text.push_str("\"k7\": \"last\"}");
    let file = parse("a.json", &text);
    let root = file.root().unwrap();
    for i in (0..100).filter(|&i| i != 7) {
        let value = root.get(&format!("k{i}")).and_then(|n| n.as_f64());
        assert_eq!(value, Some(f64::from(i)), "k{i}");
    }
    assert_eq!(root.get_str("k7"), Some("last"));
    assert!(root.get("k100").is_none() && root.get("").is_none());
}

#[test]
fn yaml_scalars_follow_the_core_schema() {
    let file = parse(
        "a.yaml",
        "a: true\nb: 10\nc: \"10\"\nd: ~\ne: 1.5e3\nf: 0x1F\ng: yes\nh: !!str 12\ni: .inf\n",
    );
    assert_eq!(at(&file, "/a").as_bool(), Some(true));
    assert_eq!(at(&file, "/b").as_f64(), Some(10.0));
    assert_eq!(at(&file, "/c").as_str(), Some("10"));
    assert!(at(&file, "/d").is_null());
    assert_eq!(at(&file, "/e").as_f64(), Some(1500.0));
    assert_eq!(at(&file, "/f").as_f64(), Some(31.0));
    // YAML 1.2: `yes` is a string, not a boolean.
    assert_eq!(at(&file, "/g").as_str(), Some("yes"));
    assert_eq!(at(&file, "/h").as_str(), Some("12"));
    assert_eq!(at(&file, "/i").as_f64(), Some(f64::INFINITY));
}

#[test]
fn json_escapes_and_surrogate_pairs_decode() {
    let file = parse(
        "a.json",
        r#"{"s": "\ud83d\ude00 \u00e9 \n \"q\" \/", "lone": "\ud800x"}"#,
    );
    assert_eq!(at(&file, "/s").as_str(), Some("😀 é \n \"q\" /"));
    assert_eq!(at(&file, "/lone").as_str(), Some("\u{fffd}x"));
}

#[test]
fn bom_and_crlf_load() {
    let file = parse(
        "a.yaml",
        "\u{feff}openapi: 3.0.0\r\ninfo:\r\n  title: t\r\n",
    );
    assert_eq!(position(&file, at(&file, "/info/title")), (3, 10));
    let file = parse("a.json", "\u{feff}{\"openapi\": \"3.1.0\"}");
    assert_eq!(position(&file, at(&file, "/openapi")), (1, 13));
}

#[test]
fn anchors_aliases_and_merge_keys() {
    let file = parse(
        "a.yaml",
        "base: &base {type: string, maxLength: 5}\nuse: *base\nmerged:\n  <<: *base\n  maxLength: 9\n",
    );
    assert_eq!(at(&file, "/use/maxLength").as_f64(), Some(5.0));
    // Explicit keys win over merged ones; merged keys are there.
    assert_eq!(at(&file, "/merged/maxLength").as_f64(), Some(9.0));
    assert_eq!(at(&file, "/merged/type").as_str(), Some("string"));
    assert!(file.duplicate_keys.is_empty());
}

#[test]
fn duplicate_keys_are_recorded_and_the_last_wins() {
    let file = parse("a.json", "{\"a\": 1,\n \"a\": 2}");
    assert_eq!(at(&file, "/a").as_f64(), Some(2.0));
    assert_eq!(file.duplicate_keys.len(), 1);
    assert_eq!(file.line_col(file.duplicate_keys[0].span.start), (2, 2));
    let file = parse("a.yaml", "x: 1\ny: 2\nx: 3\n");
    assert_eq!(file.duplicate_keys[0].key, "x");
    assert_eq!(at(&file, "/x").as_f64(), Some(3.0));
}

#[test]
fn an_alias_bomb_is_refused() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let prev = format!("*a{}", i - 1);
        text.push_str(&format!("a{i}: &a{i} [{}]\n", vec![prev; 10].join(", ")));
    }
    assert!(parse_error("bomb.yaml", &text).contains("alias"));
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = "[".repeat(100_000);
    assert!(parse_error("deep.json", &deep).contains("nesting"));
    let deep_yaml = "a: ".to_owned() + &"[".repeat(100_000);
    let message = parse_error("deep.yaml", &deep_yaml);
    assert!(
        message.contains("nesting") || message.contains("recursion limit"),
        "{message}"
    );
}

#[test]
fn invalid_input_reports_where() {
    let error = SourceFile::parse(FileId(0), "a.json".into(), "{\"a\": 1,\n \"b\" 2}".into())
        .1
        .unwrap();
    assert_eq!(error.message, "expected ':' after object key");
    assert_eq!(error.offset, 14);
    assert!(!parse_error("a.yaml", "a: [1, 2\nb: 3\n").is_empty());
    assert!(!parse_error("a.json", "{\"a\": \"\u{1}\"}").is_empty());
    assert!(!parse_error("a.json", "").is_empty());
}

fn workspace(dir: &Path, root: &str) -> Workspace {
    let path = dir.join(root);
    Workspace::load(RootInput {
        display: PathBuf::from(root),
        canonical: path.canonicalize().unwrap(),
        text: fs::read_to_string(&path).unwrap(),
    })
}

#[test]
fn refs_resolve_across_files_and_formats() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("parts")).unwrap();
    fs::write(
        dir.path().join("root.yaml"),
        "a: {$ref: './parts/b.json#/defs/~1weird~0key'}\nc: {$ref: '#/paths/~1users~1%7Bid%7D'}\npaths:\n  /users/{id}: {x: 1}\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("parts/b.json"),
        "{\"defs\": {\"/weird~key\": {\"type\": \"string\"}}}",
    )
    .unwrap();
    let ws = workspace(dir.path(), "root.yaml");
    assert!(ws.problems.is_empty(), "{:?}", ws.problems);
    let root = ws.root_file().root().unwrap();
    let target = ws.resolve(root.get("a").unwrap());
    assert_eq!(target.get_str("type"), Some("string"));
    assert_eq!(&*target.file.path, Path::new("parts/b.json"));
    assert_eq!(
        ws.resolve(root.get("c").unwrap())
            .get("x")
            .and_then(|x| x.as_f64()),
        Some(1.0)
    );
}

#[test]
fn remote_escaping_and_missing_refs_are_problems() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.yaml"), "k: v\n").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let escape = format!("{}/secret.yaml", outside.path().display());
    fs::write(
        dir.path().join("root.yaml"),
        format!(
            "a: {{$ref: 'https://example.com/x.yaml'}}\nb: {{$ref: '../{}/secret.yaml'}}\nc: {{$ref: '{escape}'}}\nd: {{$ref: '#/nope'}}\ne: {{$ref: 'missing.yaml'}}\nexample: {{$ref: 'literal data'}}\n",
            outside.path().file_name().unwrap().to_string_lossy()
        ),
    )
    .unwrap();
    let ws = workspace(dir.path(), "root.yaml");
    let messages: Vec<&str> = ws.problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(ws.problems.len(), 5, "{messages:#?}");
    assert!(ws.problems.iter().all(|p| p.rule == "ref-unresolved"));
    assert!(messages[0].contains("never fetches"));
    assert!(messages[1].contains("outside the project root"));
    assert!(messages[2].contains("outside the project root"));
    assert!(messages[3].contains("does not exist"));
    assert!(messages[4].contains("no such file"));
    // Nothing outside the directory was loaded.
    assert_eq!(ws.files.len(), 1);
}

#[test]
fn ref_cycles_terminate() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.yaml"),
        "x: {$ref: 'b.yaml#/y'}\nself: {$ref: '#/self'}\n",
    )
    .unwrap();
    fs::write(dir.path().join("b.yaml"), "y: {$ref: 'a.yaml#/x'}\n").unwrap();
    let ws = workspace(dir.path(), "a.yaml");
    assert_eq!(ws.files.len(), 2);
    let root = ws.root_file().root().unwrap();
    // A cycle resolves to some node of the cycle instead of looping forever.
    let end = ws.resolve(root.get("x").unwrap());
    assert!(end.has("$ref"));
    assert!(ws.resolve(root.get("self").unwrap()).has("$ref"));
}

#[test]
fn alias_copies_remember_their_original() {
    let file = parse(
        "a.yaml",
        "base: &base {type: string, inner: &inner {maxLength: 5}}\nuse: *base\nagain: *inner\nmerged:\n  <<: *base\n  type: integer\nsource:\n  <<: &detached {k: 1}\nlater: *detached\n",
    );
    let origin = |pointer: &str| at(&file, pointer).origin().map(|n| n.pointer());
    assert_eq!(origin("/base"), None);
    assert_eq!(origin("/use").as_deref(), Some("/base"));
    assert_eq!(
        origin("/use/inner/maxLength").as_deref(),
        Some("/base/inner/maxLength")
    );
    // An alias of a node inside an anchor: that node, never a copy of it.
    assert_eq!(origin("/again").as_deref(), Some("/base/inner"));
    // Merged entries are copies too; explicit keys are not.
    assert_eq!(origin("/merged/inner").as_deref(), Some("/base/inner"));
    assert_eq!(origin("/merged/type"), None);
    // A merge source is not part of the document: a copy of it stays put,
    // its entries (which are) are their originals.
    assert_eq!(origin("/later"), None);
    assert_eq!(origin("/later/k").as_deref(), Some("/source/k"));
}

/// `(line, pointer, suppressed)` of each `rule` finding of a lone YAML spec.
fn lint_yaml(text: &str, rules: &str) -> Vec<(String, usize, String, bool)> {
    common::lint_text("openapi.yaml", text, rules)
        .iter()
        .map(|f| {
            (
                f.rule.to_owned(),
                f.start.line,
                f.pointer.clone(),
                f.suppression.is_some(),
            )
        })
        .collect()
}

const ALIASED_SCHEMA: &str = "openapi: 3.0.3
info: {title: Aliases, version: '1.0'}
security: [{key: []}]
paths:
  /profiles:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                name: &freeText
                  type: string
                  pattern: '^[a-z ]+$'
                bio: *freeText
                title: *freeText
      responses:
        '201': {description: created}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
";

#[test]
fn a_schema_copied_by_aliases_is_reported_once_at_its_anchor() {
    assert_eq!(
        lint_yaml(ALIASED_SCHEMA, "string-unbounded"),
        [(
            "string-unbounded".to_owned(),
            13,
            "/paths/~1profiles/post/requestBody/content/application~1json/schema/properties/name"
                .to_owned(),
            false
        )]
    );
    // The anchor need not be a schema the rules reach: the uses are
    // reported where the fix goes, once.
    let templated = ALIASED_SCHEMA
        .replace("                name: &freeText\n                  type: string\n                  pattern: '^[a-z ]+$'\n", "")
        .replace("paths:\n", "x-templates:\n  freeText: &freeText\n    type: string\n    pattern: '^[a-z ]+$'\npaths:\n");
    assert_eq!(
        lint_yaml(&templated, "string-unbounded"),
        [(
            "string-unbounded".to_owned(),
            5,
            "/x-templates/freeText".to_owned(),
            false
        )]
    );
}

#[test]
fn suppressions_and_aliases() {
    // Suppressed inside the anchor: every copy is, by the same suppression,
    // which is then used (not reported as stale).
    let inside = ALIASED_SCHEMA.replace(
        "                  type: string\n",
        "                  type: string\n                  x-oasguard-ignore: [string-unbounded]\n",
    );
    assert_eq!(
        lint_yaml(&inside, "string-unbounded,unused-suppression"),
        [(
            "string-unbounded".to_owned(),
            13,
            "/paths/~1profiles/post/requestBody/content/application~1json/schema/properties/name"
                .to_owned(),
            true
        )]
    );
    // A parameter copied into two operations, one of which suppresses the
    // rule: the other use keeps the finding active, at the anchor; with
    // both suppressed it is suppressed, and neither suppression is stale.
    let uses = "openapi: 3.0.3
info: {title: Aliases, version: '1.0'}
security: [{key: []}]
x-templates:
  auth: &auth {name: Authorization, in: header, schema: {type: string, maxLength: 9, pattern: '^B'}}
paths:
  /a:
    post:
      x-oasguard-ignore: [authorization-header-parameter]
      parameters: [*auth]
      responses: {'200': {description: ok}}
  /b:
    post:
      parameters: [*auth]
      responses: {'200': {description: ok}}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
";
    let rules = "authorization-header-parameter,unused-suppression";
    let at_anchor = |suppressed| {
        vec![(
            "authorization-header-parameter".to_owned(),
            5,
            "/x-templates/auth/name".to_owned(),
            suppressed,
        )]
    };
    assert_eq!(lint_yaml(uses, rules), at_anchor(false));
    let both = uses.replace(
        "  /b:\n    post:\n",
        "  /b:\n    post:\n      x-oasguard-ignore: [authorization-header-parameter]\n",
    );
    assert_eq!(lint_yaml(&both, rules), at_anchor(true));
}
