//! A root spec and every file its `$ref`s reach, loaded once, refs resolved.
//!
//! All I/O happens here, before any rule runs: the rules see an immutable set
//! of trees and a table from each `$ref` node to its target. A reference is
//! never fetched over the network and never leaves the sandbox: the project
//! root (by default the root spec's directory), and never `/`.

mod refs;

use std::collections::{HashMap, VecDeque};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::source::{FileId, Node, NodeId, SourceFile, Span};
pub use refs::{RefTarget, parse_ref};

/// Most files one root spec may pull in through `$ref`.
const MAX_FILES: usize = 1_000;
/// Largest file read; GitHub's 13 MB description fits with room to spare.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// Longest `$ref` → `$ref` chain followed before giving up.
const MAX_REF_HOPS: usize = 64;

/// Texts that stand in for files on disk, by canonical path: an editor's
/// unsaved buffers. A `$ref` to one of them reads the buffer, not the disk
/// (the sandbox and file limits apply the same).
pub type Overlay = HashMap<PathBuf, Arc<str>>;

/// A problem met while loading, reported under one of the loader's rule ids.
#[derive(Debug)]
pub struct LoadProblem {
    pub rule: &'static str,
    pub file: FileId,
    pub span: Span,
    pub message: String,
}

pub struct Workspace {
    pub files: Vec<SourceFile>,
    /// Canonical path of each file (its directory resolves relative refs).
    canonical: Vec<PathBuf>,
    by_canonical: HashMap<PathBuf, FileId>,
    /// Directory no reference may leave; `None`: no file is followed.
    sandbox: Option<PathBuf>,
    remote_refs: RemoteRefs,
    /// `$ref` mapping → the node it points at.
    targets: HashMap<(FileId, NodeId), (FileId, NodeId)>,
    pub problems: Vec<LoadProblem>,
    overlay: Overlay,
}

/// The root file as the caller read it.
pub struct RootInput {
    pub display: PathBuf,
    /// Where relative refs are resolved from (the file's canonical path, or a
    /// made-up name inside the current directory for stdin).
    pub canonical: PathBuf,
    pub text: String,
}

/// What to do with a `$ref` to a URL, which is never fetched.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RemoteRefs {
    /// A `ref-unresolved` finding: the run cannot see what it points at.
    #[default]
    Error,
    /// Left unresolved without a finding (config `remote-refs: accept`):
    /// the team has decided the remote documents are not theirs to lint.
    Accept,
}

/// Where a reference may lead.
#[derive(Clone, Debug, Default)]
pub struct RefPolicy {
    /// The project root (canonical): file references must stay inside it.
    /// `None` follows no file reference at all (see [`sandbox_at`]).
    pub sandbox: Option<PathBuf>,
    pub remote: RemoteRefs,
}

/// `dir` as a sandbox, unless it is the file system's root: from `/` a
/// `$ref` reaches `/etc/passwd` and `/proc/self/environ`, so no project is
/// rooted there.
pub fn sandbox_at(dir: &Path) -> Option<PathBuf> {
    dir.parent().is_some().then(|| dir.to_path_buf())
}

impl Workspace {
    /// Loads a root spec and everything it references, sandboxed in its
    /// own directory.
    pub fn load(root: RootInput) -> Workspace {
        let sandbox = root.canonical.parent().and_then(sandbox_at);
        let policy = RefPolicy {
            sandbox,
            remote: RemoteRefs::Error,
        };
        let mut ws = Workspace::open(root, policy, Overlay::new());
        ws.resolve_references();
        ws
    }

    /// Parses the root spec alone: whether it is an OpenAPI document can be
    /// judged before any referenced file is read. `$ref`'d files are read
    /// from `overlay` where it has them (an editor's unsaved buffers).
    pub fn open(root: RootInput, policy: RefPolicy, overlay: Overlay) -> Workspace {
        let mut ws = Workspace {
            files: Vec::new(),
            canonical: Vec::new(),
            by_canonical: HashMap::new(),
            sandbox: policy.sandbox,
            remote_refs: policy.remote,
            targets: HashMap::new(),
            problems: Vec::new(),
            overlay,
        };
        ws.add_file(root.display, root.canonical, root.text);
        ws
    }

    /// Reads, breadth first, every file the root's `$ref`s reach.
    pub fn resolve_references(&mut self) {
        let mut queue: VecDeque<FileId> = VecDeque::from([FileId(0)]);
        while let Some(file) = queue.pop_front() {
            for (ref_map, ref_value, reference) in self.references_in(file) {
                if let Some(loaded) = self.resolve_reference(file, ref_map, ref_value, &reference) {
                    queue.push_back(loaded);
                }
            }
        }
    }

    pub fn root_file(&self) -> &SourceFile {
        &self.files[0]
    }

    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// The canonical path of every file loaded, the root's first.
    pub fn canonical_paths(&self) -> &[PathBuf] {
        &self.canonical
    }

    /// Source texts by display path, for reporters that print code frames.
    pub fn texts(&self) -> impl Iterator<Item = (&Path, Arc<str>)> {
        self.files.iter().map(|f| (&*f.path, Arc::clone(&f.text)))
    }

    fn add_file(&mut self, display: PathBuf, canonical: PathBuf, text: String) -> FileId {
        let id = FileId(self.files.len() as u32);
        let (file, error) = SourceFile::parse(id, display, text);
        for dup in &file.duplicate_keys {
            let (line, _) = file.line_col(dup.first.start);
            self.problems.push(LoadProblem {
                rule: "duplicate-key",
                file: id,
                span: dup.span,
                message: format!(
                    "key '{}' repeats the key on line {line}; parsers disagree on which one wins",
                    dup.key
                ),
            });
        }
        if let Some(error) = error {
            let offset = error.offset as u32;
            self.problems.push(LoadProblem {
                rule: "parse-error",
                file: id,
                span: Span {
                    start: offset,
                    end: offset,
                },
                message: error.message,
            });
        }
        self.files.push(file);
        self.by_canonical.insert(canonical.clone(), id);
        self.canonical.push(canonical);
        id
    }

    /// Every `$ref` string in a file: (mapping holding it, its value, text).
    fn references_in(&self, file: FileId) -> Vec<(NodeId, NodeId, String)> {
        let source = self.file(file);
        let tree = &source.tree;
        tree.entries
            .iter()
            .filter(|e| tree.str_at(e.key_offset, e.key_len) == "$ref")
            .filter_map(|e| {
                let value = source.node(e.value);
                let map = value.parent()?;
                let reference = value.as_str()?;
                (!is_literal_data(map)).then(|| (map.id, value.id, reference.to_owned()))
            })
            .collect()
    }

    /// Records the target of one `$ref`; returns a newly loaded file, if any.
    fn resolve_reference(
        &mut self,
        from: FileId,
        ref_map: NodeId,
        ref_value: NodeId,
        reference: &str,
    ) -> Option<FileId> {
        let problem = |ws: &mut Workspace, message: String| {
            let span = ws.file(from).node(ref_value).span();
            ws.problems.push(LoadProblem {
                rule: "ref-unresolved",
                file: from,
                span,
                message,
            });
        };
        let (target_file, pointer, loaded) = match parse_ref(reference) {
            RefTarget::Local { pointer } => (from, pointer, None),
            RefTarget::File { path, pointer } => match self.load_referenced(from, &path) {
                Ok((file, loaded)) => (file, pointer, loaded),
                Err(why) => {
                    problem(self, format!("cannot resolve '{reference}': {why}"));
                    return None;
                }
            },
            RefTarget::Remote { .. } if self.remote_refs == RemoteRefs::Accept => return None,
            RefTarget::Remote { url } => {
                problem(
                    self,
                    format!(
                        "'{url}' is a remote reference; oasguard never fetches URLs \
                         (`remote-refs: accept` in .oasguard.yaml leaves them unresolved)"
                    ),
                );
                return None;
            }
            RefTarget::Anchor { name } => {
                problem(
                    self,
                    format!("'#{name}' is a plain-name fragment; only JSON pointers are resolved"),
                );
                return None;
            }
        };
        let target = self.file(target_file);
        match target.root().and_then(|root| root.at_pointer(&pointer)) {
            Some(node) => {
                self.targets.insert((from, ref_map), (target_file, node.id));
            }
            // A file that failed to parse already has its own parse-error.
            None if target.root.is_none() => {}
            None => {
                let file_name = target.path.display().to_string();
                problem(
                    self,
                    format!(
                        "'{reference}' points at nothing: '#{pointer}' does not exist in {file_name}"
                    ),
                );
            }
        }
        loaded
    }

    /// Loads (once) a file named by a relative `$ref`, inside the sandbox.
    fn load_referenced(
        &mut self,
        from: FileId,
        relative: &str,
    ) -> Result<(FileId, Option<FileId>), String> {
        let base = self.canonical[from.0 as usize]
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let canonical = base
            .join(relative)
            .canonicalize()
            .map_err(|e| plain_io_reason(&e))?;
        let Some(sandbox) = &self.sandbox else {
            return Err(
                "no project root holds it: oasguard never reads files from '/' \
                 (name one with --root, or --stdin-filename for standard input)"
                    .into(),
            );
        };
        if !canonical.starts_with(sandbox) {
            return Err(format!(
                "the file is outside the project root '{}', which oasguard does not read",
                sandbox.display()
            ));
        }
        if let Some(&id) = self.by_canonical.get(&canonical) {
            return Ok((id, None));
        }
        if self.files.len() >= MAX_FILES {
            return Err(format!("more than {MAX_FILES} files are referenced"));
        }
        let text = match self.overlay.get(&canonical) {
            Some(text) => text.to_string(),
            None => read_text(&canonical).map_err(String::from)?,
        };
        let display = lexical_join(
            self.file(from).path.parent().unwrap_or(Path::new("")),
            relative,
        );
        let id = self.add_file(display, canonical, text);
        Ok((id, Some(id)))
    }

    /// The node a `$ref` mapping points at, one step.
    pub fn ref_target<'a>(&'a self, node: Node<'a>) -> Option<Node<'a>> {
        let &(file, id) = self.targets.get(&(node.file.id, node.id))?;
        Some(self.file(file).node(id))
    }

    /// For every `$ref` target, the `$ref` mappings that point at it.
    pub fn referrers(&self) -> HashMap<(FileId, NodeId), Vec<(FileId, NodeId)>> {
        let mut map: HashMap<_, Vec<_>> = HashMap::new();
        for (&from, &to) in &self.targets {
            map.entry(to).or_default().push(from);
        }
        map
    }

    /// Follows `$ref`s until a node that is not one (or a broken or cyclic
    /// chain, where the last node reached is returned).
    pub fn resolve<'a>(&'a self, mut node: Node<'a>) -> Node<'a> {
        for _ in 0..MAX_REF_HOPS {
            match self.ref_target(node) {
                Some(next) => node = next,
                None => break,
            }
        }
        node
    }

    /// The value node of every `$ref` in every loaded file (those inside
    /// example data excluded), for rules that judge the reference text.
    pub fn ref_values(&self) -> Vec<Node<'_>> {
        self.files
            .iter()
            .flat_map(|file| {
                self.references_in(file.id)
                    .into_iter()
                    .map(move |(_, value, _)| file.node(value))
            })
            .collect()
    }
}

/// Why a file (or standard input) could not be read as a spec's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Nothing was read: the path does not exist, cannot be opened, or is
    /// not a regular file (a FIFO, a device, a socket, a directory), which
    /// oasguard never reads. The run cannot judge it: a tool error.
    Unreadable(String),
    /// The bytes were read but are no spec: over the size limit, or not
    /// UTF-8. The file exists and is broken: a `parse-error` finding.
    Refused(String),
}

impl ReadError {
    pub fn message(&self) -> &str {
        match self {
            ReadError::Unreadable(message) | ReadError::Refused(message) => message,
        }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message())
    }
}

impl From<ReadError> for String {
    fn from(error: ReadError) -> String {
        match error {
            ReadError::Unreadable(message) | ReadError::Refused(message) => message,
        }
    }
}

/// Reads a file as UTF-8 text: the one way oasguard reads a spec, a
/// `$ref`'d file or its config.
///
/// Only regular files are read. A FIFO would block forever and `/dev/zero`
/// never ends, and their metadata says 0 bytes, so the size on record proves
/// nothing: the type is checked on the path first (opening a device can have
/// effects of its own), then again on the opened handle (the path may have
/// changed in between; the handle is what gets read), and at most
/// `MAX_FILE_BYTES + 1` bytes are read whatever the metadata says. The file
/// is opened non-blocking, so a FIFO swapped in after the first check does
/// not hang the open.
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    let unreadable = |e: std::io::Error| ReadError::Unreadable(plain_io_reason(&e));
    regular_file(&std::fs::metadata(path).map_err(unreadable)?)?;
    let file = open_for_reading(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    regular_file(&meta)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large("file", Some(meta.len())));
    }
    let capacity = usize::try_from(meta.len()).unwrap_or(0);
    decode(read_capped(file, capacity).map_err(unreadable)?, "file")
}

/// Reads a spec from standard input, capped like a file.
pub fn read_stdin() -> Result<String, ReadError> {
    read_capped(std::io::stdin().lock(), 0)
        .map_err(|e| ReadError::Unreadable(plain_io_reason(&e)))
        .and_then(|bytes| decode(bytes, "input"))
}

/// At most `MAX_FILE_BYTES + 1` bytes: one more than allowed tells "too
/// large" from "exactly at the limit".
fn read_capped(reader: impl std::io::Read, capacity: usize) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let cap = MAX_FILE_BYTES as usize;
    let mut bytes = Vec::with_capacity(capacity.min(cap) + 1);
    reader.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// `what` is `file` or `input`, for the message.
fn decode(bytes: Vec<u8>, what: &str) -> Result<String, ReadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(what, None));
    }
    String::from_utf8(bytes).map_err(|e| {
        ReadError::Refused(format!(
            "the {what} is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

fn too_large(what: &str, len: Option<u64>) -> ReadError {
    let limit = MAX_FILE_BYTES >> 20;
    ReadError::Refused(match len {
        // Rounded up: a file just over the limit is not "256 MiB, larger than 256 MiB".
        Some(len) => format!(
            "the {what} is {} MiB, larger than the {limit} MiB oasguard reads",
            len.div_ceil(1 << 20)
        ),
        None => format!("the {what} is larger than the {limit} MiB oasguard reads"),
    })
}

/// Refuses anything but a regular file, saying what it is.
fn regular_file(meta: &std::fs::Metadata) -> Result<(), ReadError> {
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(());
    }
    let what = if kind.is_dir() {
        "a directory"
    } else {
        special_file_kind(&kind)
    };
    Err(ReadError::Unreadable(format!(
        "it is {what}, not a regular file; oasguard reads regular files only"
    )))
}

#[cfg(unix)]
fn special_file_kind(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_file_kind(_: &std::fs::FileType) -> &'static str {
    "a special file"
}

fn open_for_reading(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    // Opening a FIFO for reading waits for a writer; non-blocking, it
    // returns at once (and the file-type check then refuses it). Reads of a
    // regular file are not affected.
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

pub fn plain_io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => error.to_string(),
    }
}

/// `specs` + `../common/a.yaml` → `common/a.yaml`, without touching the disk.
fn lexical_join(base: &Path, relative: &str) -> PathBuf {
    let mut out = PathBuf::new();
    for component in base.join(relative).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Keywords whose value is literal data: a `$ref` key inside is not a reference.
const LITERAL_KEYWORDS: [&str; 5] = ["example", "x-example", "enum", "const", "default"];
/// Maps whose keys are names the author chose (a schema, a property, a
/// scope, a media type, a response code), not keywords: there `default` or
/// `example` is a name (the `default` response, a property called
/// `example`), and an `x-` key is one more name rather than an extension
/// (except in an operation's `responses`, which take extensions too).
pub const NAME_MAPS: [&str; 22] = [
    "properties",
    "patternProperties",
    "dependentSchemas",
    "$defs",
    "definitions",
    "schemas",
    "responses",
    "parameters",
    "requestBodies",
    "headers",
    "securitySchemes",
    "securityDefinitions",
    "links",
    "callbacks",
    "examples",
    "content",
    "encoding",
    "variables",
    "scopes",
    "mapping",
    "webhooks",
    "pathItems",
];

/// `$ref` keys inside examples, enums and defaults are data, not references
/// (nor documentation to render, for rules that read descriptions).
pub fn is_literal_data(node: Node<'_>) -> bool {
    std::iter::successors(Some(node), Node::parent).any(|n| {
        let Some(key) = n.parent_key() else {
            return false;
        };
        let holder = n.parent();
        let holder_key = holder.and_then(|h| h.parent_key()).map(|k| k.name);
        match key.name {
            name if LITERAL_KEYWORDS.contains(&name) => {
                !holder_key.is_some_and(|k| NAME_MAPS.contains(&k))
            }
            // JSON Schema `examples` is a list of values.
            "examples" => n.is_seq(),
            // An Example Object's `value` (under `examples.<name>`).
            "value" => holder
                .and_then(|h| h.parent())
                .and_then(|m| m.parent_key())
                .is_some_and(|k| k.name == "examples"),
            // 2.0 response `examples`: media type → example.
            name => holder_key == Some("examples") && name.contains('/'),
        }
    })
}
