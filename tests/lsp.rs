//! `oasguard server` spoken to over JSON-RPC, as an editor would: the
//! binary is spawned, every wait has a deadline, and the child is killed
//! if a test fails, so nothing can hang.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const DEADLINE: Duration = Duration::from_secs(30);

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: u64,
    /// Messages read while waiting for another one.
    backlog: Vec<Value>,
}

impl Client {
    fn start(folder: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_oasguard"))
            .arg("server")
            .current_dir(folder)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start oasguard server");
        let stdin = child.stdin.take().expect("stdin");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            while let Some(message) = read_message(&mut stdout) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            messages,
            next_id: 0,
            backlog: Vec::new(),
        };
        let result = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(folder),
                "capabilities": {
                    "textDocument": {"publishDiagnostics": {"relatedInformation": true}},
                },
            }),
        );
        assert_eq!(result["serverInfo"]["name"], "oasguard");
        assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
        client.notify("initialized", json!({}));
        client
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let response = self.wait(|m| m["id"] == id && m.get("method").is_none());
        assert!(response.get("error").is_none(), "{method}: {response}");
        response["result"].clone()
    }

    /// The first message (read earlier or now) that `wanted` accepts.
    fn wait(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(at) = self.backlog.iter().position(&wanted) {
            return self.backlog.remove(at);
        }
        let deadline = Instant::now() + DEADLINE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self
                .messages
                .recv_timeout(left)
                .expect("the server answers in time");
            if wanted(&message) {
                return message;
            }
            self.backlog.push(message);
        }
    }

    /// The next diagnostics published for `file` after everything before.
    fn diagnostics(&mut self, file: &Path) -> Vec<Value> {
        let uri = uri(file);
        let message = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        message["params"]["diagnostics"]
            .as_array()
            .expect("a list")
            .clone()
    }

    /// Waits for diagnostics on `file` until `done` accepts them.
    fn diagnostics_until(&mut self, file: &Path, done: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        loop {
            let diagnostics = self.diagnostics(file);
            if done(&diagnostics) {
                return diagnostics;
            }
        }
    }

    fn open(&mut self, file: &Path, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {
                "uri": uri(file), "languageId": "yaml", "version": 1, "text": text,
            }}),
        );
    }

    fn change(&mut self, file: &Path, version: u32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri(file), "version": version},
                "contentChanges": [{"text": text}],
            }),
        );
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().expect("a rule id"))
        .collect()
}

const API: &str = "\
openapi: 3.0.3
info: {title: Users, version: \"1.0\"}
servers:
  - url: http://api.example.com
security: [{key: []}]
paths:
  /users:
    post:
      requestBody:
        content:
          application/json:
            schema:
              $ref: \"schemas.yaml#/User\"
      responses:
        \"201\": {description: created}
        \"400\": {description: bad}
        \"401\": {description: no}
        \"403\": {description: no}
        \"429\": {description: slow}
        \"500\": {description: oops}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
";

const SCHEMAS: &str = "\
User:
  type: object
  additionalProperties: false
  properties:
    password:
      type: string
      format: password
      maxLength: 64
";

/// A git repository (so `.gitignore` counts) with a spec, the file it
/// `$ref`s, an ignored spec and a YAML file that is not OpenAPI.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join(".git")).expect(".git");
    for (name, text) in [
        ("api.yaml", API),
        ("schemas.yaml", SCHEMAS),
        ("ignored.yaml", API),
        (".gitignore", "ignored.yaml\n"),
        ("notes.yaml", "title: not a spec\n"),
    ] {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    dir
}

#[test]
fn the_server_lints_unsaved_text_and_answers_an_editor() {
    let dir = project();
    let folder = dir.path().canonicalize().expect("canonical");
    let (api, schemas) = (folder.join("api.yaml"), folder.join("schemas.yaml"));
    let mut client = Client::start(&folder);

    // The workspace walk lints the spec; the finding in the $ref'd file is
    // published on that file, with the spec that reached it.
    let on_api = client.diagnostics(&api);
    let plain = on_api
        .iter()
        .find(|d| d["code"] == "server-plain-http")
        .unwrap_or_else(|| panic!("server-plain-http in {on_api:?}"));
    assert_eq!(plain["severity"], 1);
    assert_eq!(plain["source"], "oasguard");
    assert_eq!(plain["range"]["start"], json!({"line": 3, "character": 9}));
    assert!(
        plain["codeDescription"]["href"]
            .as_str()
            .is_some_and(|h| h.ends_with("/rules/server-plain-http.md"))
    );
    let on_schemas = client.diagnostics(&schemas);
    assert_eq!(codes(&on_schemas), ["password-not-write-only"]);
    // Related information: the $ref that brings the schema into use.
    let used = &on_schemas[0]["relatedInformation"][0];
    assert_eq!(used["location"]["uri"], uri(&api));
    assert_eq!(
        used["location"]["range"]["start"],
        json!({"line": 12, "character": 20})
    );
    assert_eq!(used["message"], "/User is used here (1 of 1)");

    // Unsaved text of the $ref'd file is what the spec is linted with.
    // (Each wait reads on until the state it expects: diagnostics from
    // before the edit may still be queued.)
    client.open(&schemas, SCHEMAS);
    let fixed = SCHEMAS.replace(
        "format: password",
        "format: password\n      writeOnly: true",
    );
    client.change(&schemas, 2, &fixed);
    client.diagnostics_until(&schemas, <[Value]>::is_empty);

    // Edits to the spec itself, unsaved.
    client.open(&api, API);
    let moved = API.replace("servers:\n", "# moved down a line\nservers:\n");
    client.change(&api, 2, &moved);
    let at_line_4 =
        |d: &Value| d["code"] == "server-plain-http" && d["range"]["start"]["line"] == 4;
    let on_api = client.diagnostics_until(&api, |d| d.iter().any(at_line_4));
    let plain = on_api.iter().find(|d| at_line_4(d)).expect("moved");

    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri(&api)}, "position": {"line": 4, "character": 12}}),
    );
    let shown = hover["contents"]["value"].as_str().expect("markdown");
    let doc = common::run(&["explain", "server-plain-http"]).1;
    assert!(shown.contains(doc.trim()), "{shown}");

    let line = moved
        .lines()
        .position(|l| l.contains("$ref"))
        .expect("a $ref");
    let definition = client.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": uri(&api)}, "position": {"line": line, "character": 22}}),
    );
    assert_eq!(definition["uri"], uri(&schemas));
    assert_eq!(
        definition["range"]["start"],
        json!({"line": 0, "character": 0})
    );

    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri(&api)},
            "range": plain["range"],
            "context": {"diagnostics": [plain]},
        }),
    );
    let titles: Vec<&str> = actions
        .as_array()
        .expect("actions")
        .iter()
        .map(|a| a["title"].as_str().expect("a title"))
        .collect();
    assert_eq!(
        titles,
        [
            "Use https:// for this server",
            "Suppress server-plain-http here"
        ]
    );
    let edit = &actions[0]["edit"]["changes"][uri(&api)][0];
    assert_eq!(
        edit["range"],
        json!({"start": {"line": 4, "character": 9}, "end": {"line": 4, "character": 14}})
    );
    assert_eq!(edit["newText"], "https:");
    // The editor applies the edit and sends just that range (incremental sync).
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri(&api), "version": 3},
            "contentChanges": [{"range": edit["range"], "text": edit["newText"]}],
        }),
    );
    let mut rest = codes(&on_api);
    rest.retain(|code| *code != "server-plain-http");
    client.diagnostics_until(&api, |d| codes(d) == rest);

    // Files the walk leaves alone get nothing, open or not.
    let notes = folder.join("notes.yaml");
    client.open(&notes, "title: not a spec\n");
    client.open(&folder.join("ignored.yaml"), API);
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    let status = client.child.wait().expect("exit status");
    assert!(status.success());
    // The process is gone: the reader thread ends at end of output.
    let rest: Vec<Value> = client.messages.iter().collect();
    let published: Vec<&Value> = client
        .backlog
        .iter()
        .chain(&rest)
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .filter(|m| {
            let uri = m["params"]["uri"].as_str().unwrap_or_default();
            uri.ends_with("notes.yaml") || uri.ends_with("ignored.yaml")
        })
        .collect();
    assert!(published.is_empty(), "{published:?}");
}

#[test]
fn a_config_change_is_picked_up() {
    let dir = project();
    let folder = dir.path().canonicalize().expect("canonical");
    let api = folder.join("api.yaml");
    let mut client = Client::start(&folder);
    assert!(codes(&client.diagnostics(&api)).contains(&"server-plain-http"));
    let config = folder.join(".oasguard.yaml");
    std::fs::write(&config, "rules:\n  server-plain-http: off\n").expect("write config");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&config), "type": 1}]}),
    );
    client.diagnostics_until(&api, |d| !codes(d).contains(&"server-plain-http"));
    // Saved from the editor: the same.
    std::fs::write(&config, "rules:\n  server-plain-http: warning\n").expect("write config");
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri(&config)}}),
    );
    client.diagnostics_until(&api, |d| {
        d.iter()
            .any(|d| d["code"] == "server-plain-http" && d["severity"] == 2)
    });
}

/// The editor places a spec as `oasguard lint` does: in a monorepo whose
/// config makes the top folder the project root, `../shared` is reachable,
/// and a folder with its own config gets that config's rules.
#[test]
fn a_monorepo_spec_reaches_its_shared_folder_as_lint_does() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().canonicalize().expect("canonical");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/monorepo");
    for name in [".oasguard.yaml", "api/openapi.yaml", "shared/errors.yaml"] {
        let to = folder.join(name);
        std::fs::create_dir_all(to.parent().expect("a folder")).expect("mkdir");
        std::fs::copy(fixture.join(name), &to).expect("copy");
    }
    // A second API with a config of its own, which keeps `../shared`
    // reachable (inside the repository) and turns one rule off for it alone.
    std::fs::create_dir(folder.join(".git")).expect("mkdir");
    std::fs::create_dir(folder.join("billing")).expect("mkdir");
    std::fs::copy(
        fixture.join("api/openapi.yaml"),
        folder.join("billing/openapi.yaml"),
    )
    .expect("copy");
    std::fs::write(
        folder.join("billing/.oasguard.yaml"),
        "root: ..\nrules:\n  rate-limit-response-undefined: off\n",
    )
    .expect("write");
    let api = folder.join("api/openapi.yaml");
    let billing = folder.join("billing/openapi.yaml");
    let mut client = Client::start(&folder);
    let diagnostics = client.diagnostics(&api);
    assert!(
        codes(&diagnostics).contains(&"rate-limit-response-undefined"),
        "{diagnostics:?}"
    );
    assert!(
        !codes(&diagnostics).contains(&"ref-unresolved"),
        "{diagnostics:?}"
    );
    // Each spec uses the config nearest to it, as `oasguard lint` does.
    let diagnostics = client.diagnostics(&billing);
    assert!(!diagnostics.is_empty(), "the second spec was linted");
    let codes = codes(&diagnostics);
    assert!(
        !codes.contains(&"rate-limit-response-undefined"),
        "{codes:?}"
    );
    assert!(!codes.contains(&"ref-unresolved"), "{codes:?}");
}

mod fixes {
    //! Every quick fix and suppression the server offers on the rule
    //! fixtures, applied and linted again: the finding is gone (or
    //! suppressed), the document still parses, nothing else changed.

    use std::collections::BTreeMap;
    use std::path::Path;

    use oasguard::engine::{LintOptions, Selection, lint};
    use oasguard::finding::Finding;
    use oasguard::server::{Edit, QUICK_FIXES, quick_fix, suppression};
    use oasguard::source::{FileId, SourceFile};
    use oasguard::workspace::RootInput;

    /// Active findings in the edited file by (rule, pointer), counted (a
    /// suppression also covers what `$ref`s below it reach in other files).
    type Tally = BTreeMap<(String, String), usize>;

    fn lint_text(path: &Path, text: &str, rule: &str) -> Vec<Finding> {
        let options = LintOptions {
            selection: Selection {
                enable: vec![rule.to_owned()],
                ..Selection::default()
            },
            ..LintOptions::default()
        };
        let input = RootInput {
            display: path.to_path_buf(),
            canonical: path.to_path_buf(),
            text: text.to_owned(),
        };
        lint(input, true, &options).expect("explicit").findings
    }

    fn tally(findings: &[Finding], path: &Path) -> Tally {
        let mut tally = Tally::new();
        for f in findings
            .iter()
            .filter(|f| f.suppression.is_none() && *f.path == *path)
        {
            assert_ne!(f.rule, "parse-error", "{}: {}", path.display(), f.message);
            *tally
                .entry((f.rule.to_owned(), f.pointer.clone()))
                .or_default() += 1;
        }
        tally
    }

    /// Applies `edit` and checks what went away: `finding` (and nothing
    /// outside its node) for a quick fix; for a suppression, `finding` and perhaps other findings
    /// of its rule (below the object it covers, or reached from there by
    /// `$ref`), never one of another rule. Nothing new appears.
    fn check(path: &Path, text: &str, finding: &Finding, edit: &Edit, is_suppression: bool) {
        let before = tally(&lint_text(path, text, finding.rule), path);
        let edited = edit.apply(text);
        let after = tally(&lint_text(path, &edited, finding.rule), path);
        let context = format!(
            "{} of {} at {} in {}:\n{edited}",
            if is_suppression {
                "suppression"
            } else {
                "quick fix"
            },
            finding.rule,
            finding.pointer,
            path.display()
        );
        let mut gone = before.clone();
        for (key, count) in &after {
            let left = gone.get_mut(key).filter(|n| **n >= *count);
            *left.unwrap_or_else(|| panic!("new finding {key:?} after the {context}")) -= count;
        }
        gone.retain(|_, n| *n > 0);
        let key = (finding.rule.to_owned(), finding.pointer.clone());
        assert!(gone.contains_key(&key), "still there after the {context}");
        if is_suppression {
            assert!(
                gone.keys().all(|(rule, _)| rule == finding.rule),
                "{gone:?}: {context}"
            );
        } else {
            // The one edit may also settle another rule's finding on the
            // same node (`writeOnly` ends `sensitive-field-exposed` too).
            let elsewhere = gone.keys().find(|(_, pointer)| *pointer != finding.pointer);
            assert_eq!(elsewhere, None, "{context}");
            assert_eq!(gone[&key], 1, "{context}");
        }
    }

    #[test]
    fn every_fix_and_suppression_removes_exactly_its_finding() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
        let mut fixed = BTreeMap::<&str, usize>::new();
        let mut suppressed = 0;
        for dir in std::fs::read_dir(&root).expect("fixtures") {
            let dir = dir.expect("entry").path();
            let rule = dir.file_name().and_then(|n| n.to_str()).expect("a name");
            for file in std::fs::read_dir(&dir).expect("rule fixtures") {
                let path = file.expect("entry").path();
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                if !name.starts_with("fail") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).expect("read");
                let (source, _) = SourceFile::parse(FileId(0), path.clone(), text.clone());
                let findings = lint_text(&path, &text, rule);
                for finding in findings
                    .iter()
                    .filter(|f| f.rule == rule && f.suppression.is_none() && *f.path == *path)
                {
                    if let Some((_, edit)) = quick_fix(&source, rule, &finding.pointer) {
                        check(&path, &text, finding, &edit, false);
                        *fixed.entry(finding.rule).or_default() += 1;
                    }
                    if let Some((edit, _)) = suppression(&source, rule, &finding.pointer) {
                        check(&path, &text, finding, &edit, true);
                        suppressed += 1;
                    }
                }
            }
        }
        for fix in QUICK_FIXES {
            assert!(
                fixed.contains_key(fix.rule),
                "no fixture exercises {}",
                fix.rule
            );
        }
        assert!(suppressed > 100, "{suppressed} suppressions checked");
    }
}

mod watch {
    //! `oasguard lint --watch`: a change to a `$ref`'d file is linted again,
    //! and only what read it.

    use std::io::{BufRead, BufReader, Read};
    use std::path::Path;
    use std::process::{Child, Command, Stdio};
    use std::sync::mpsc::{Receiver, channel};

    use super::{DEADLINE, SCHEMAS, project};

    /// `oasguard lint --watch` running in a folder, with the lines of one
    /// of its streams; killed when dropped.
    struct Watch {
        child: Child,
        lines: Receiver<String>,
    }

    impl Watch {
        /// Starts it with `args`, reading stderr when `stderr`, else stdout.
        fn start(dir: &Path, args: &[&str], stderr: bool) -> Watch {
            let (out, err) = if stderr {
                (Stdio::null(), Stdio::piped())
            } else {
                (Stdio::piped(), Stdio::null())
            };
            let mut child = Command::new(env!("CARGO_BIN_EXE_oasguard"))
                .args(["lint", "--watch"])
                .args(args)
                .current_dir(dir)
                .stdout(out)
                .stderr(err)
                .spawn()
                .expect("start oasguard lint --watch");
            let stream: Box<dyn Read + Send> = if stderr {
                Box::new(child.stderr.take().expect("stderr"))
            } else {
                Box::new(child.stdout.take().expect("stdout"))
            };
            let (sender, lines) = channel();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if sender.send(line).is_err() {
                        break;
                    }
                }
            });
            Watch { child, lines }
        }

        /// The next line that holds `wanted`.
        fn wait_for(&mut self, wanted: &str) -> String {
            loop {
                match self.lines.recv_timeout(DEADLINE) {
                    Ok(line) if line.contains(wanted) => return line,
                    Ok(_) => {}
                    Err(_) => panic!("no line with {wanted:?} in time"),
                }
            }
        }
    }

    impl Drop for Watch {
        fn drop(&mut self) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }

    /// The `$ref`'d fragment loses the bound that kept it clean.
    fn loosen_the_fragment(dir: &Path) {
        let loose = SCHEMAS.replace("      maxLength: 64\n", "");
        std::fs::write(dir.join("schemas.yaml"), loose).expect("write");
    }

    #[test]
    fn standard_input_cannot_be_watched() {
        let (code, _, stderr) = crate::common::run(&["lint", "--watch", "-"]);
        assert_eq!(code, 2);
        assert!(stderr.contains("standard input"), "{stderr}");
    }

    #[test]
    fn a_change_is_linted_again() {
        let dir = project();
        let mut watch = Watch::start(dir.path(), &["--format", "compact", "api.yaml"], false);
        watch.wait_for("password-not-write-only");
        // The $ref'd file gains a finding it did not have.
        loosen_the_fragment(dir.path());
        watch.wait_for("string-unbounded");
    }

    /// Only what read the changed file is linted again: in a folder of a
    /// spec, the fragment it `$ref`s, an unrelated spec and a YAML file that
    /// is not OpenAPI, a change to the fragment lints the fragment and the
    /// spec that reads it, not the other two.
    #[test]
    fn only_the_specs_that_read_a_changed_file_are_linted_again() {
        let dir = project();
        // Another spec that does not read the fragment.
        let other = super::API.replace("$ref: \"schemas.yaml#/User\"", "type: object");
        assert_ne!(other, super::API);
        std::fs::write(dir.path().join("other.yaml"), other).expect("write");
        let mut watch = Watch::start(dir.path(), &["--format", "compact", "."], true);
        watch.wait_for("watching for changes");
        loosen_the_fragment(dir.path());
        let line = watch.wait_for("files again");
        assert!(line.contains("linted 2 of 4 files again"), "{line}");
    }
}
