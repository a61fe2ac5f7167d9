//! `oasguard server`: a language server over stdio.
//!
//! Synchronous, on `lsp-server` (rust-analyzer's and ruff's transport): one
//! thread reads messages, handles them, and lints with the same engine as
//! `oasguard lint`. Changes are debounced by coalescing: a waiting message
//! is handled before the next lint, so a burst of keystrokes costs one lint
//! (plus an optional quiet delay, `debounceMs` in the initialization
//! options), and a long round of lints yields to the editor between specs.
//!
//! `documents` holds the editor's unsaved texts (read by the engine through
//! the workspace overlay), `diagnostics` lints and publishes, `navigate`
//! answers hover and definition, `actions` and `fixes` (with `edits`) offer
//! quick fixes and suppressions.

mod actions;
mod diagnostics;
mod documents;
mod edits;
mod fixes;
mod navigate;

pub use edits::Edit;
pub use fixes::{QUICK_FIXES, quick_fix, suppression};

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::PublishDiagnosticsParams;
use serde_json::{Value, json};

use crate::config;
use crate::engine::LintOptions;
use crate::project;
use crate::workspace::sandbox_at;
use diagnostics::Reports;
use documents::{Documents, Encoding, LineIndex, file_named, path_to_uri};

/// A config's lint options in the editor: no command line to add to them.
fn settings(found: project::Found<'_>) -> Result<LintOptions, String> {
    Ok(LintOptions::from_config(
        found.config,
        None,
        Vec::new(),
        false,
    ))
}

/// Runs the server on stdin/stdout until the client says `exit`.
pub fn run() -> Result<(), String> {
    let (connection, io_threads) = Connection::stdio();
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let mut server = Server::new(connection, &params);
    let result = json!({
        "capabilities": {
            "positionEncoding": match server.encoding {
                Encoding::Utf8 => "utf-8",
                Encoding::Utf16 => "utf-16",
            },
            "textDocumentSync": {"openClose": true, "change": 2, "save": {"includeText": false}},
            "hoverProvider": true,
            "definitionProvider": true,
            "codeActionProvider": {"codeActionKinds": ["quickfix"]},
        },
        "serverInfo": {"name": "oasguard", "version": env!("CARGO_PKG_VERSION")},
    });
    server
        .connection
        .initialize_finish(id, result)
        .map_err(|e| e.to_string())?;
    if watch_registration_supported(&params) {
        server.register_watchers();
    }
    server.load_workspace();
    let outcome = server.main_loop();
    drop(server);
    io_threads.join().map_err(|e| e.to_string())?;
    outcome
}

struct Server {
    connection: Connection,
    encoding: Encoding,
    /// The client takes related information in diagnostics.
    related_information: bool,
    debounce: Duration,
    /// The workspace folder (canonical), when the client named one.
    folder: Option<PathBuf>,
    /// The configs met, as `oasguard lint` finds them: each spec's from
    /// its folder upward.
    projects: project::Projects<LintOptions>,
    /// Config errors already shown, so each is shown once.
    config_errors: HashSet<String>,
    /// Specs below the folder the walk admits (`.gitignore`, `include` and
    /// `exclude` honoured): the roots linted without being open.
    candidates: HashSet<PathBuf>,
    documents: Documents,
    reports: Reports,
    /// Files changed since the last lint.
    dirty: BTreeSet<PathBuf>,
    /// A message taken from the channel while linting, handled next.
    waiting: Option<Message>,
}

impl Server {
    fn new(connection: Connection, params: &Value) -> Server {
        let offers_utf8 = params["capabilities"]["general"]["positionEncodings"]
            .as_array()
            .is_some_and(|kinds| kinds.iter().any(|k| k == "utf-8"));
        let folder = file_named(&params["workspaceFolders"][0]["uri"])
            .or_else(|| file_named(&params["rootUri"]))
            .map(|(path, _)| path);
        let debounce = params["initializationOptions"]["debounceMs"]
            .as_u64()
            .unwrap_or(0);
        Server {
            connection,
            related_information: params["capabilities"]["textDocument"]["publishDiagnostics"]["relatedInformation"]
                == true,
            encoding: if offers_utf8 {
                Encoding::Utf8
            } else {
                Encoding::Utf16
            },
            debounce: Duration::from_millis(debounce),
            folder,
            projects: project::Projects::new(project::Overrides::default(), Path::new(".")),
            config_errors: HashSet::new(),
            candidates: HashSet::new(),
            documents: Documents::default(),
            reports: Reports::default(),
            dirty: BTreeSet::new(),
            waiting: None,
        }
    }

    fn main_loop(&mut self) -> Result<(), String> {
        loop {
            let message = if let Some(message) = self.waiting.take() {
                message
            } else if self.dirty.is_empty() {
                match self.connection.receiver.recv() {
                    Ok(message) => message,
                    Err(_) => return Ok(()),
                }
            } else {
                match self.connection.receiver.recv_timeout(self.debounce) {
                    Ok(message) => message,
                    Err(e) if e.is_timeout() => {
                        self.flush(Yield::ToMessages);
                        continue;
                    }
                    Err(_) => return Ok(()),
                }
            };
            match message {
                Message::Request(request) => {
                    if self
                        .connection
                        .handle_shutdown(&request)
                        .map_err(|e| e.to_string())?
                    {
                        return Ok(());
                    }
                    // Answers must describe the text the editor shows.
                    self.flush(Yield::Never);
                    let response = self.request(request);
                    self.send(response.into());
                }
                Message::Notification(notification) if notification.method == "exit" => {
                    return Ok(());
                }
                Message::Notification(notification) => self.notification(notification),
                Message::Response(_) => {}
            }
        }
    }

    fn send(&self, message: Message) {
        // The client went away: the loop ends when the receiver does.
        let _ = self.connection.sender.send(message);
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        self.send(Notification::new(method.to_owned(), params).into());
    }

    /// Asks the client to report changes to specs and to the config file.
    fn register_watchers(&self) {
        let params = json!({"registrations": [{
            "id": "oasguard-files",
            "method": "workspace/didChangeWatchedFiles",
            "registerOptions": {"watchers": [
                {"globPattern": "**/*.{yaml,yml,json}"},
                {"globPattern": "**/.oasguard.{yaml,yml}"},
            ]},
        }]});
        let request = Request::new(
            "oasguard/register-watchers".to_owned().into(),
            "client/registerCapability".to_owned(),
            params,
        );
        self.send(request.into());
    }

    /// Forgets the configs read, walks the folder, and lints every spec
    /// again.
    fn load_workspace(&mut self) {
        let cwd = match &self.folder {
            Some(folder) => folder.clone(),
            None => std::env::current_dir().unwrap_or_default(),
        };
        self.projects = project::Projects::new(project::Overrides::default(), &cwd);
        self.config_errors.clear();
        self.walk();
        let known: Vec<PathBuf> = self.reports.roots().cloned().collect();
        self.dirty.extend(known);
        self.dirty.extend(self.candidates.iter().cloned());
        self.dirty.extend(self.documents.paths().cloned());
    }

    /// The specs below the folder, as `oasguard lint <folder>` would find
    /// them (each admitted by its own config's globs).
    fn walk(&mut self) {
        let Some(folder) = self.folder.clone() else {
            return;
        };
        let files = crate::discover::spec_candidates(&folder).files;
        let mut candidates = HashSet::new();
        for file in files {
            let admitted = match self.projects.for_spec(&file, &mut settings) {
                Ok(Some((project, _))) => self.projects.list[project].filter.admits(&file),
                _ => true,
            };
            if admitted {
                candidates.insert(file.canonicalize().unwrap_or(file));
            }
        }
        self.candidates = candidates;
    }

    /// The options and `$ref` sandbox of the spec at `path`, as `oasguard
    /// lint` gives them: its config's rules, its project root. A config
    /// that cannot be read is shown once, and the spec is linted with the
    /// defaults in its own folder.
    fn settings_for(&mut self, path: &Path) -> (LintOptions, Option<PathBuf>) {
        match self.projects.for_spec(path, &mut settings) {
            Ok(Some((project, dir))) => (
                self.projects.list[project].settings.clone(),
                sandbox_at(&self.projects.root_for(project, &dir)),
            ),
            outcome => {
                if let Err(message) = outcome
                    && self.config_errors.insert(message.clone())
                {
                    self.notify(
                        "window/showMessage",
                        json!({"type": 1, "message": format!("oasguard: {message}")}),
                    );
                }
                (LintOptions::default(), path.parent().and_then(sandbox_at))
            }
        }
    }

    /// Whether `path` is linted as a root spec: inside the folder, when the
    /// walk admitted it; outside (or without a folder), when it is YAML or
    /// JSON the editor has open.
    fn is_candidate(&self, path: &Path) -> bool {
        match &self.folder {
            Some(folder) if path.starts_with(folder) => self.candidates.contains(path),
            _ => {
                self.documents.is_open(path)
                    && path
                        .extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| ["yaml", "yml", "json"].contains(&e))
            }
        }
    }

    /// Lints every root that reads a changed file, and publishes the
    /// diagnostics of every file whose findings may have changed. Specs open
    /// in the editor go first. `Yield::ToMessages` stops between two specs
    /// when a message is waiting (a first walk may find thousands of
    /// specs); the rest stay dirty for the next round.
    fn flush(&mut self, yielding: Yield) {
        let dirty = std::mem::take(&mut self.dirty);
        let mut roots = BTreeSet::new();
        for path in &dirty {
            roots.extend(self.reports.roots_reading(path));
            if self.is_candidate(path) {
                roots.insert(path.clone());
            }
        }
        let (open, closed): (Vec<PathBuf>, Vec<PathBuf>) = roots
            .into_iter()
            .partition(|root| self.documents.is_open(root));
        let overlay = self.documents.overlay();
        let mut queue = open.into_iter().chain(closed);
        while let Some(root) = queue.next() {
            let touched = if self.is_candidate(&root) {
                let (options, sandbox) = self.settings_for(&root);
                self.reports.lint(&root, sandbox, &options, &overlay)
            } else {
                self.reports.forget(&root)
            };
            for file in BTreeSet::from_iter(touched) {
                self.publish(&file);
            }
            // The channel has no buffer (`is_empty` is always true): take
            // the waiting message, and handle it first.
            if yielding == Yield::ToMessages
                && let Ok(message) = self.connection.receiver.try_recv()
            {
                self.waiting = Some(message);
                self.dirty.extend(queue);
                return;
            }
        }
    }

    fn publish(&self, file: &Path) {
        let Some(uri) = path_to_uri(file) else {
            return;
        };
        let diagnostics =
            diagnostics::diagnostics(&self.reports, file, self.encoding, self.related_information);
        let params = PublishDiagnosticsParams::new(uri, diagnostics, None);
        self.notify("textDocument/publishDiagnostics", params);
    }

    fn notification(&mut self, notification: Notification) {
        let params = &notification.params;
        let path = file_named(&params["textDocument"]["uri"]);
        match (notification.method.as_str(), path) {
            ("textDocument/didOpen", Some((path, _))) => {
                let text = params["textDocument"]["text"].as_str().unwrap_or_default();
                let unknown = self
                    .folder
                    .as_ref()
                    .is_some_and(|f| path.starts_with(f) && !self.candidates.contains(&path));
                self.documents.open(path.clone(), text.to_owned());
                if unknown && path.exists() {
                    // Perhaps a file created since the walk.
                    self.walk();
                }
                self.dirty.insert(path);
            }
            ("textDocument/didChange", Some((path, _))) => {
                // In order: each range is in the text the previous left.
                let changes = params["contentChanges"]
                    .as_array()
                    .map_or(&[][..], Vec::as_slice);
                for change in changes {
                    let range = serde_json::from_value(change["range"].clone()).ok();
                    let text = change["text"].as_str().unwrap_or_default();
                    self.documents.change(&path, range, text, self.encoding);
                }
                self.dirty.insert(path);
            }
            ("textDocument/didSave", Some((path, _))) if is_config(&path) => {
                self.load_workspace();
            }
            ("textDocument/didSave" | "textDocument/didClose", Some((path, _))) => {
                if notification.method.ends_with("didClose") {
                    self.documents.close(&path);
                }
                self.dirty.insert(path);
            }
            ("workspace/didChangeWatchedFiles", _) => self.watched_files_changed(params),
            _ => {}
        }
    }

    /// A config file change reloads everything; a spec created or deleted
    /// on disk changes the set of roots; any other change re-lints what
    /// reads the file (unless the editor's text stands for it).
    fn watched_files_changed(&mut self, params: &Value) {
        let changes = params["changes"].as_array().map_or(&[][..], Vec::as_slice);
        let (mut reload, mut rewalk) = (false, false);
        for change in changes {
            let Some(path) = file_named(&change["uri"]).map(|(path, _)| path) else {
                continue;
            };
            // 1 created, 2 changed, 3 deleted.
            reload |= is_config(&path);
            rewalk |= change["type"] != 2;
            if !self.documents.is_open(&path) {
                self.dirty.insert(path);
            }
        }
        if reload {
            self.load_workspace();
        } else if rewalk {
            self.walk();
        }
    }

    fn request(&mut self, request: Request) -> Response {
        let params = &request.params;
        let target = file_named(&params["textDocument"]["uri"]);
        let Some((path, uri)) = target else {
            return Response::new_err(
                request.id,
                ErrorCode::InvalidParams as i32,
                "no file:// textDocument.uri".to_owned(),
            );
        };
        let result = match request.method.as_str() {
            "textDocument/hover" => {
                let offset = self.offset(&path, &params["position"]);
                offset
                    .and_then(|o| navigate::hover(&self.reports, &path, o))
                    .map(|hover| json!(hover))
            }
            "textDocument/definition" => {
                let overlay = self.documents.overlay();
                let root = self
                    .reports
                    .roots_reading(&path)
                    .into_iter()
                    .min_by_key(|root| root != &path)
                    .unwrap_or_else(|| path.clone());
                let (_, sandbox) = self.settings_for(&root);
                self.offset(&path, &params["position"])
                    .and_then(|o| {
                        navigate::definition(&root, sandbox, &path, o, &overlay, self.encoding)
                    })
                    .map(|location| json!(location))
            }
            "textDocument/codeAction" => {
                let actions =
                    actions::code_actions(&self.reports, &path, &uri, params, self.encoding);
                Some(json!(actions))
            }
            _ => {
                return Response::new_err(
                    request.id,
                    ErrorCode::MethodNotFound as i32,
                    format!("oasguard does not answer {}", request.method),
                );
            }
        };
        Response::new_ok(request.id, result.unwrap_or(Value::Null))
    }

    /// The byte offset of an LSP position in the text last linted for
    /// `path` (the editor's, after a flush).
    fn offset(&self, path: &Path, position: &Value) -> Option<usize> {
        let position: lsp_types::Position = serde_json::from_value(position.clone()).ok()?;
        let (_, text) = self.reports.in_file(path);
        let text = text?;
        Some(LineIndex::new(&text, self.encoding).offset(position))
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Yield {
    Never,
    ToMessages,
}

fn is_config(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| config::FILE_NAMES.contains(&n))
}

fn watch_registration_supported(params: &Value) -> bool {
    params["capabilities"]["workspace"]["didChangeWatchedFiles"]["dynamicRegistration"] == true
}
