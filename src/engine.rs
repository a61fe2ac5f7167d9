//! One root spec through the whole pipeline: load → model → rules → findings.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::config::{Config, RuleSetting};
use crate::finding::{Finding, Position, Severity, Suppression};
use crate::model::{Spec, VersionCheck, detect_version};
use crate::rules::{Check, Context, REGISTRY, RawFinding, Rule, RuleOptions};
use crate::source::{FileId, Node, NodeId, SourceFile, Span};
use crate::suppress::Suppressions;
use crate::workspace::{Overlay, RefPolicy, RemoteRefs, RootInput, Workspace, sandbox_at};

/// Which rules run.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    /// Only these (which may include rules that are off by default).
    pub select: Option<Vec<String>>,
    /// Without `select`: these on top of the default rules.
    pub enable: Vec<String>,
    pub ignore: Vec<String>,
}

impl Selection {
    pub fn enables(&self, rule: &Rule) -> bool {
        let chosen = match &self.select {
            Some(ids) => ids.iter().any(|id| id == rule.id),
            None => rule.enabled_by_default || self.enable.iter().any(|id| id == rule.id),
        };
        chosen && !self.ignore.iter().any(|id| id == rule.id)
    }
}

#[derive(Clone, Debug, Default)]
pub struct LintOptions {
    pub selection: Selection,
    pub rules: RuleOptions,
    /// Severities set in the config file, by rule id.
    pub severities: HashMap<String, Severity>,
    pub remote_refs: RemoteRefs,
}

impl LintOptions {
    /// The config file's settings under the command line's `select`,
    /// `ignore` and `output_schemas` (rule ids already checked).
    pub fn from_config(
        config: &Config,
        select: Option<Vec<String>>,
        ignore: Vec<String>,
        output_schemas: bool,
    ) -> LintOptions {
        let mut selection = Selection {
            select,
            enable: Vec::new(),
            ignore,
        };
        let mut severities = HashMap::new();
        for (id, setting) in &config.rules {
            match setting {
                // `--select` names exactly what runs, config or not.
                RuleSetting::Off if selection.select.is_none() => {
                    selection.ignore.push(id.clone());
                }
                RuleSetting::Off => {}
                RuleSetting::On(severity) => {
                    selection.enable.push(id.clone());
                    severities.insert(id.clone(), *severity);
                }
            }
        }
        LintOptions {
            selection,
            rules: RuleOptions {
                output_schemas: output_schemas || config.output_schemas.unwrap_or(false),
            },
            severities,
            remote_refs: config.remote_refs.unwrap_or_default(),
        }
    }
}

/// The result of linting one root spec (and the files it references).
#[derive(Clone)]
pub struct SpecReport {
    pub path: PathBuf,
    /// `3.0.3`, `2.0`, … when the document says so.
    pub spec_version: Option<String>,
    pub findings: Vec<Finding>,
    /// The root parsed and is an OpenAPI document of a version oasguard
    /// reads: only then does it get a score.
    pub openapi: bool,
    /// Canonical paths of every file loaded (the root's first): which
    /// specs reach a changed fragment.
    pub reached: Vec<PathBuf>,
    /// Texts of every file loaded, for code frames.
    pub sources: Vec<(PathBuf, Arc<str>)>,
}

/// Lints a root spec, its references sandboxed in its own directory.
pub fn lint(root: RootInput, explicit: bool, options: &LintOptions) -> Option<SpecReport> {
    let sandbox = root.canonical.parent().and_then(sandbox_at);
    lint_in(root, sandbox, explicit, options, Overlay::new())
}

/// Lints a root spec whose file references must stay inside `sandbox` (see
/// [`RefPolicy`]), reading `$ref`'d files from `overlay` where it has them
/// (an editor's unsaved buffers). A file met while walking a directory
/// (`explicit` false) that is not OpenAPI yields `None`, judged before any
/// of its references is read (a walk over a thousand fragments that
/// reference each other stays linear); one named explicitly yields a
/// finding.
pub fn lint_in(
    root: RootInput,
    sandbox: Option<std::path::PathBuf>,
    explicit: bool,
    options: &LintOptions,
    overlay: Overlay,
) -> Option<SpecReport> {
    let ws = open_workspace(root, sandbox, explicit, options, overlay)?;
    lint_workspace(&ws, options)
}

/// A `$ref` (its value's place) and the node it points at, by file and
/// JSON pointer: where a shared schema is used, for an editor.
pub struct Reference {
    pub from: Arc<std::path::Path>,
    pub from_span: Span,
    pub to: Arc<std::path::Path>,
    pub to_pointer: String,
}

/// [`lint_in`] for an editor: every resolved `$ref` comes back too.
pub fn lint_with_references(
    root: RootInput,
    sandbox: Option<std::path::PathBuf>,
    options: &LintOptions,
    overlay: Overlay,
) -> Option<(SpecReport, Vec<Reference>)> {
    let ws = open_workspace(root, sandbox, false, options, overlay)?;
    let report = lint_workspace(&ws, options)?;
    let mut references = Vec::new();
    for ((to_file, to_node), froms) in ws.referrers() {
        let target = ws.file(to_file).node(to_node);
        let to_pointer = target.pointer();
        for (from_file, from_node) in froms {
            let from = ws.file(from_file);
            let value = from.node(from_node).get("$ref");
            references.push(Reference {
                from: Arc::clone(&from.path),
                from_span: value.map_or_else(|| from.node(from_node).span(), |v| v.span()),
                to: Arc::clone(&target.file.path),
                to_pointer: to_pointer.clone(),
            });
        }
    }
    Some((report, references))
}

/// The root spec and every file its `$ref`s reach; `None` for a walked file
/// that is not OpenAPI, judged before any reference is read.
fn open_workspace(
    root: RootInput,
    sandbox: Option<std::path::PathBuf>,
    explicit: bool,
    options: &LintOptions,
    overlay: Overlay,
) -> Option<Workspace> {
    let policy = RefPolicy {
        sandbox,
        remote: options.remote_refs,
    };
    let mut ws = Workspace::open(root, policy, overlay);
    if !explicit && walk_passes_over(ws.root_file()) {
        return None;
    }
    ws.resolve_references();
    Some(ws)
}

fn lint_workspace(ws: &Workspace, options: &LintOptions) -> Option<SpecReport> {
    let file = ws.root_file();
    let mut suppressions = Suppressions::collect(ws);
    let mut findings: Vec<Finding> = Vec::new();
    let mut spec_version = None;
    let mut openapi = false;

    match file.root() {
        None => {
            if !ws.problems.iter().any(|p| p.rule == "parse-error") {
                push_loader(
                    &mut findings,
                    file,
                    "not-openapi",
                    Span::default(),
                    "the file is empty",
                );
            }
        }
        Some(root) => match detect_version(root) {
            VersionCheck::Missing => {
                let span = if root.is_map() {
                    root.report_span()
                } else {
                    root.span()
                };
                push_loader(
                    &mut findings,
                    file,
                    "not-openapi",
                    span,
                    "the document has no top-level 'openapi' or 'swagger' key",
                );
            }
            VersionCheck::Unsupported { node, value } => {
                spec_version = Some(value.clone());
                push_loader(
                    &mut findings,
                    file,
                    "not-openapi",
                    node.span(),
                    &unsupported_version(node, &value),
                );
            }
            VersionCheck::Supported { version, node } => {
                openapi = true;
                spec_version = node
                    .as_str()
                    .map(str::to_owned)
                    .or(Some(version.label().to_owned()));
                let spec = Spec::build(ws, root, version, node);
                let mut raw = Vec::new();
                for rule in REGISTRY.iter().filter(|r| options.selection.enables(r)) {
                    if let Check::Spec(check) = rule.check
                        && rule.versions.contains(&version)
                    {
                        check(&mut Context::new(&spec, &options.rules, rule, &mut raw));
                    }
                }
                push_located(&mut raw, &mut suppressions, &mut findings);
            }
        },
    }
    for problem in &ws.problems {
        let file = ws.file(problem.file);
        let (index, node) = push_loader(
            &mut findings,
            file,
            problem.rule,
            problem.span,
            &problem.message,
        );
        if let Some(node) = node {
            findings[index].suppression = suppressions.check(node, problem.rule);
        }
    }
    let enabled = |id: &str| crate::rules::find(id).is_some_and(|r| options.selection.enables(r));
    // The suppression knows its node: no search by span.
    for (node, span, message) in suppressions.unused(enabled) {
        push_at(
            &mut findings,
            node.file,
            Some(node),
            "unused-suppression",
            span,
            &message,
        );
    }
    findings.retain(|f| enabled(f.rule));
    for finding in &mut findings {
        if let Some(&severity) = options.severities.get(finding.rule) {
            finding.severity = severity;
        }
    }
    sort_and_dedup(&mut findings);

    Some(SpecReport {
        path: ws.root_file().path.to_path_buf(),
        spec_version,
        findings,
        openapi,
        reached: ws.canonical_paths().to_vec(),
        sources: ws.texts().map(|(p, t)| (p.to_path_buf(), t)).collect(),
    })
}

/// Says which key a version belongs under when it is the other one's.
fn unsupported_version(node: Node<'_>, value: &str) -> String {
    let key = node.parent_key().map_or("openapi", |k| k.name);
    match key {
        "openapi" if value.starts_with('2') => format!(
            "'openapi: {value}' is not a version: Swagger 2.0 documents declare `swagger: \"2.0\"`"
        ),
        "swagger" if value.starts_with('3') => format!(
            "'swagger: {value}' is not a version: OpenAPI 3 documents declare `openapi: {value}`"
        ),
        _ => format!("version '{value}' is not one oasguard reads (2.0, 3.0.x, 3.1.x, 3.2.x)"),
    }
}

/// A walked file that is not a spec: it parses without a version key, or
/// does not parse and never mentions one.
fn walk_passes_over(file: &SourceFile) -> bool {
    match file.root() {
        None => !mentions_version_key(&file.text),
        Some(root) => matches!(detect_version(root), VersionCheck::Missing),
    }
}

/// An `openapi` or `swagger` key anywhere in the text, quoted or not: a
/// walked file that does not parse is a broken spec when it names one (the
/// key may sit after the error, or deep in one minified line), and is
/// passed over otherwise.
fn mentions_version_key(text: &str) -> bool {
    ["openapi", "swagger"].iter().any(|key| {
        text.match_indices(key).any(|(at, _)| {
            text[at + key.len()..]
                .trim_start_matches(['"', '\''])
                .trim_start_matches([' ', '\t'])
                .starts_with(':')
        })
    })
}

/// Locates the rules' findings, with their suppressions. A finding on a
/// node a YAML alias copied is reported at the original (the anchor), once:
/// dropped when the original itself, or another copy, reports the same rule
/// at the same place. A copy whose use is suppressed gives way to one whose
/// use is not. Messages move into the findings rather than being copied:
/// a large spec has hundreds of thousands.
fn push_located<'a>(
    raw: &mut [RawFinding<'a>],
    suppressions: &mut Suppressions<'a>,
    findings: &mut Vec<Finding>,
) {
    let holders = copy_holders(raw, suppressions);
    // Several rules report the same operation: fingerprint it once.
    let mut hashes = HashMap::new();
    findings.reserve(raw.len());
    for index in 0..raw.len() {
        let r = &raw[index];
        let at = Placed::new(r);
        // A copy's findings stand when its node holds the place (a rule
        // may say several things about one node).
        if at.copy && holders.get(&at.place(r)).map(|&h| raw[h].node) != Some(r.node) {
            continue;
        }
        let suppression = suppression(suppressions, r, &at);
        let message = std::mem::take(&mut raw[index].message);
        let mut finding = locate(&raw[index], message, &at, &mut hashes);
        finding.suppression = suppression;
        findings.push(finding);
    }
}

/// The suppression covering a finding: around its node, or, for a copy,
/// around the anchor it is reported at.
fn suppression<'a>(
    suppressions: &mut Suppressions<'a>,
    raw: &RawFinding<'a>,
    at: &Placed<'a>,
) -> Option<Suppression> {
    let id = raw.rule.id;
    suppressions
        .check(raw.node, id)
        .or_else(|| at.copy.then(|| suppressions.check(at.node, id)).flatten())
}

/// Where a rule reports in a file with copies: rule, node, span.
type Place = (&'static str, (FileId, NodeId), u32, u32);

/// Which finding reports each place of a file with copies: the original's
/// when it reports there, else the first copy's whose use is not
/// suppressed, else the first copy's. Empty without YAML aliases.
fn copy_holders<'a>(
    raw: &[RawFinding<'a>],
    suppressions: &mut Suppressions<'a>,
) -> HashMap<Place, usize> {
    // (finding, is a copy, is suppressed)
    let mut holders: HashMap<Place, (usize, bool, bool)> = HashMap::new();
    for (index, r) in raw.iter().enumerate() {
        if !r.node.file.tree.has_copies() {
            continue;
        }
        let at = Placed::new(r);
        let suppressed = at.copy && suppression(suppressions, r, &at).is_some();
        let holder = holders
            .entry(at.place(r))
            .or_insert((index, at.copy, suppressed));
        let (_, holder_copy, holder_suppressed) = *holder;
        if holder_copy && (!at.copy || (holder_suppressed && !suppressed)) {
            *holder = (index, at.copy, suppressed);
        }
    }
    holders
        .into_iter()
        .map(|(place, (index, _, _))| (place, index))
        .collect()
}

/// Where a finding is reported: its node, or the original of a copy.
struct Placed<'a> {
    node: Node<'a>,
    span: Span,
    /// The finding's node is a copy; `node` is its original.
    copy: bool,
}

impl<'a> Placed<'a> {
    fn new(raw: &RawFinding<'a>) -> Placed<'a> {
        let Some(original) = raw.node.origin() else {
            return Placed {
                node: raw.node,
                span: raw.span,
                copy: false,
            };
        };
        // A copy's spans are its original's, but for the key that names
        // the alias's own place (`bio: *freeText`): that becomes the key
        // that names the anchor (`name: &freeText`).
        let at_alias_key = raw.node.parent_key().is_some_and(|k| k.span == raw.span);
        let span = if at_alias_key {
            original
                .parent_key()
                .map_or_else(|| original.report_span(), |k| k.span)
        } else {
            raw.span
        };
        Placed {
            node: original,
            span,
            copy: true,
        }
    }

    fn place(&self, raw: &RawFinding<'_>) -> Place {
        (raw.rule.id, self.node.key(), self.span.start, self.span.end)
    }
}

fn locate(
    raw: &RawFinding<'_>,
    message: String,
    at: &Placed<'_>,
    hashes: &mut HashMap<(FileId, NodeId), u64>,
) -> Finding {
    let file = at.node.file;
    let mut finding = located(file, raw.rule.id, raw.severity, at.span, message);
    finding.pointer = at.node.pointer();
    finding.places = raw.places;
    finding.content_hash = *hashes
        .entry(at.node.key())
        .or_insert_with(|| crate::baseline::fingerprint(at.node));
    finding
}

/// Adds a pipeline finding (loader or engine) located by span; returns its
/// index and the node that holds the span, if any.
fn push_loader<'a>(
    findings: &mut Vec<Finding>,
    file: &'a SourceFile,
    rule: &'static str,
    span: Span,
    message: &str,
) -> (usize, Option<Node<'a>>) {
    let node = node_at(file, span);
    (push_at(findings, file, node, rule, span, message), node)
}

/// Adds a pipeline finding at `span` of `node` (the node whose pointer it
/// carries); returns its index.
fn push_at(
    findings: &mut Vec<Finding>,
    file: &SourceFile,
    node: Option<Node<'_>>,
    rule: &'static str,
    span: Span,
    message: &str,
) -> usize {
    let severity = crate::rules::find(rule).map_or(Severity::Error, |r| r.severity);
    let mut finding = located(file, rule, severity, span, message.to_owned());
    finding.pointer = node.map(|n| n.pointer()).unwrap_or_default();
    finding.content_hash = crate::finding::fnv1a(message.as_bytes());
    findings.push(finding);
    findings.len() - 1
}

fn located(
    file: &SourceFile,
    rule: &'static str,
    severity: Severity,
    span: Span,
    message: String,
) -> Finding {
    let (line, column) = file.line_col(span.start);
    let (end_line, end_column) = file.line_col(span.end.max(span.start));
    Finding {
        start: Position { line, column },
        end: Position {
            line: end_line,
            column: end_column,
        },
        byte_start: span.start as usize,
        byte_end: span.end as usize,
        ..Finding::at_file_start(rule, severity, Arc::clone(&file.path), message)
    }
}

/// The innermost node whose key or value holds `span` (pipeline problems
/// know a span, not a node).
fn node_at(file: &SourceFile, span: Span) -> Option<Node<'_>> {
    let mut node = file.root()?;
    while let Some(child) = node.child_at(span.start) {
        node = child;
    }
    Some(node)
}

/// Deterministic order, and each problem once: a file reached from several
/// roots (or a schema reported twice through aliases) still shows once.
pub fn sort_and_dedup(findings: &mut Vec<Finding>) {
    // Most findings of a run share one `Arc<Path>`: comparing the pointer
    // first spares a component-wise path comparison (a tenth of a run on
    // GitHub's description).
    findings.sort_by(|a, b| {
        let path = if Arc::ptr_eq(&a.path, &b.path) {
            std::cmp::Ordering::Equal
        } else {
            a.path.cmp(&b.path)
        };
        path.then_with(|| a.sort_key().cmp(&b.sort_key()))
    });
    findings.dedup_by(|a, b| {
        a.rule == b.rule
            && a.path == b.path
            && a.byte_start == b.byte_start
            && a.message == b.message
    });
}

/// A file named on the command line that is not text oasguard can read
/// (too large, not UTF-8): a `parse-error` finding rather than a crash.
pub fn unreadable(path: &std::path::Path, message: String) -> SpecReport {
    SpecReport {
        path: path.to_path_buf(),
        spec_version: None,
        findings: vec![Finding::at_file_start(
            "parse-error",
            Severity::Error,
            Arc::from(path),
            message,
        )],
        openapi: false,
        reached: Vec::new(),
        sources: Vec::new(),
    }
}
