//! Path template variables against the path parameters declared for them.

use std::collections::{HashMap, HashSet};

use super::prelude::*;
use crate::model::{Operation, Spec};

pub static RULE: Rule = Rule {
    id: "path-parameter-mismatch",
    severity: Severity::Warning,
    owasp: Owasp::API8,
    cwe: 20,
    versions: ALL_VERSIONS,
    summary: "A path template variable and the path parameters disagree",
    help: "declare one `in: path` parameter for each `{name}` of the path, and no other",
    doc: include_str!("../../rules/path-parameter-mismatch.md"),
    enabled_by_default: true,
    precision: Precision::High,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    let spec = cx.spec;
    let Some(paths) = spec.get(spec.root, "paths") else {
        return;
    };
    let mut by_path: HashMap<&str, Vec<&Operation<'_>>> = HashMap::new();
    for op in &spec.operations {
        by_path.entry(op.path).or_default().push(op);
    }
    let entries: Vec<_> = paths
        .entries()
        .filter(|(key, _)| !key.name.starts_with("x-"))
        .collect();
    // How many path keys use each path item: one reached by `$ref` from
    // several keys is right for some and wrong for others.
    let mut uses: HashMap<_, usize> = HashMap::new();
    for (_, raw) in &entries {
        *uses.entry(spec.resolve(*raw).key()).or_default() += 1;
    }
    for (key, raw) in entries {
        let item = spec.resolve(raw);
        let variables = template_variables(key.name);
        let path = Path {
            name: key.name,
            raw,
            item,
            known: variables.iter().copied().collect(),
            variables,
            shared_use: raw
                .get("$ref")
                .filter(|r| r.as_str().is_some() && uses[&item.key()] > 1),
        };
        // Labels once per operation: a label holds the path, which a hostile
        // document makes long.
        let ops: Vec<Labeled<'_, '_>> = by_path
            .get(key.name)
            .into_iter()
            .flatten()
            .map(|op| Labeled::new(op))
            .collect();
        // Parameters naming no variable: each declaration once, where it is
        // written (the path level once, not once per operation).
        if let Some(list) = item.get("parameters") {
            let place = format!("the path item {}", shown(key.name));
            unknown_parameters(cx, &path, list, &place);
        }
        for op in &ops {
            if let Some(list) = op.op.node.get("parameters") {
                unknown_parameters(cx, &path, list, &op.label);
            }
        }
        undeclared_variables(cx, &path, &ops);
    }
}

/// One entry of `paths`.
struct Path<'a> {
    /// The key: the path template.
    name: &'a str,
    /// The entry's value as written (a `$ref`, or the path item).
    raw: Node<'a>,
    /// The path item, `$ref` followed.
    item: Node<'a>,
    variables: Vec<&'a str>,
    known: HashSet<&'a str>,
    /// The `$ref` value of a path item other path keys also use: a finding
    /// inside it is about this use, and is reported here.
    shared_use: Option<Node<'a>>,
}

/// The `{name}` variables of a path template, each once, in order. A
/// variable is `{`, one or more characters other than braces, `}` (the
/// grammar of OpenAPI 3.1's path templating); a stray `{` or `}` (`{`, `{}`,
/// the outer braces of `{a{b}}`) is literal text. One pass over the path.
fn template_variables(path: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut seen = HashSet::new();
    let mut open = None;
    for (at, c) in path.char_indices() {
        match c {
            '{' => open = Some(at + 1),
            '}' => {
                if let Some(start) = open.take()
                    && start < at
                    && seen.insert(&path[start..at])
                {
                    found.push(&path[start..at]);
                }
            }
            _ => {}
        }
    }
    found
}

/// An operation with the names messages give it.
struct Labeled<'o, 'a> {
    op: &'o Operation<'a>,
    /// `GET /users/{id}`, names from the document escaped.
    label: String,
    /// `GET` (an additional 3.2 operation keeps its method as written).
    method: String,
}

impl<'o, 'a> Labeled<'o, 'a> {
    fn new(op: &'o Operation<'a>) -> Self {
        let full = op.label();
        let method = full.strip_suffix(op.path).unwrap_or(&full).trim_end();
        Labeled {
            op,
            label: shown(&full),
            method: shown(method),
        }
    }
}

/// Reports each `in: path` parameter of `list` whose name is no variable of
/// the path: an inline one at its `name` value, a `$ref`'d one at the
/// reference (the component is right for the paths that have the variable;
/// this use is what is wrong); inside a path item shared by several paths,
/// at this path's `$ref` to it, for the same reason.
fn unknown_parameters<'a>(cx: &mut Context<'_, 'a>, path: &Path<'a>, list: Node<'a>, place: &str) {
    let spec = cx.spec;
    for item in list.items() {
        let param = spec.resolve(item);
        if param.get_str("in") != Some("path") {
            continue;
        }
        let Some(name_node) = param.get("name") else {
            continue;
        };
        let Some(name) = name_node.as_str() else {
            continue;
        };
        if path.known.contains(name) {
            continue;
        }
        let reference = item.get("$ref").filter(|r| r.as_str().is_some());
        let mut via = String::new();
        if let Some(r) = reference.and_then(|r| r.as_str()) {
            via.push_str(&format!(" (from `{}`)", shown(r)));
        }
        if let Some(r) = path.shared_use.and_then(|r| r.as_str()) {
            via.push_str(&format!(" (in the shared path item `{}`)", shown(r)));
        }
        let message = format!(
            "path parameter `{}`{via} of {place} names no variable of its path ({}): the type and bounds it declares constrain nothing",
            shown(name),
            list_variables(&path.variables),
        );
        let at = path.shared_use.or(reference).unwrap_or(name_node);
        cx.report(at, message);
    }
}

fn list_variables(variables: &[&str]) -> String {
    if variables.is_empty() {
        return "the path has none".into();
    }
    let names = variables.iter().map(|v| format!("`{{{}}}`", shown(v)));
    format!("it has {}", listing(names, variables.len()))
}

/// The first few of `total` items, joined: messages stay short however
/// many a hostile document holds.
fn listing(items: impl Iterator<Item = String>, total: usize) -> String {
    const SHOWN: usize = 8;
    let mut out = items.take(SHOWN).collect::<Vec<_>>().join(", ");
    if total > SHOWN {
        out.push_str(&format!(" and {} more", total - SHOWN));
    }
    out
}

/// Reports each variable that no `in: path` parameter declares. Declared by
/// none of the path item's operations, it has one fix (a path-level
/// parameter): one finding at the path key. Declared by some, each operation
/// that lacks it is reported at its method key (at the path key when the
/// path item is shared with other paths). Linear in the parameters and the
/// findings: each variable looks only at the operations judged.
fn undeclared_variables<'a>(cx: &mut Context<'_, 'a>, path: &Path<'a>, ops: &[Labeled<'_, 'a>]) {
    if ops.is_empty() || path.variables.is_empty() {
        return;
    }
    let spec = cx.spec;
    // An operation with a parameter that cannot be read (an unresolved
    // `$ref`, no `in`) may declare anything: it is not judged, and other
    // rules report the parameter itself.
    let shared_unreadable = has_unreadable(spec, path.item.get("parameters"));
    let judged: Vec<Judged<'_, '_, 'a>> = ops
        .iter()
        .filter(|op| !shared_unreadable && !has_unreadable(spec, op.op.node.get("parameters")))
        .map(Judged::new)
        .collect();
    let mut declarations: HashMap<&str, usize> = HashMap::new();
    for op in &judged {
        for name in op.path_names.iter().filter(|n| path.known.contains(*n)) {
            *declarations.entry(name).or_default() += 1;
        }
    }
    // Variables first met after a `?`: a query string written into the key.
    let before_query: HashSet<&str> = match path.name.find('?') {
        Some(query) => template_variables(&path.name[..query])
            .into_iter()
            .collect(),
        None => path.known.clone(),
    };
    let mut other_places: Option<HashMap<&str, &str>> = None;
    let mut methods: Option<String> = None;
    for variable in &path.variables {
        let declared = declarations.get(variable).copied().unwrap_or(0);
        if declared == judged.len() {
            continue;
        }
        let in_query = !before_query.contains(variable);
        if declared == 0 && judged.len() == ops.len() {
            let elsewhere = other_places
                .get_or_insert_with(|| {
                    let mut first = HashMap::new();
                    for op in &judged {
                        for (name, location) in &op.other_places {
                            first.entry(*name).or_insert(*location);
                        }
                    }
                    first
                })
                .get(variable)
                .copied();
            let message = match ops {
                [op] => undeclared(variable, &op.label, "", elsewhere, in_query),
                _ => {
                    let methods = methods.get_or_insert_with(|| {
                        listing(ops.iter().map(|op| op.method.clone()), ops.len())
                    });
                    let scope = format!(" in any of its operations ({methods})");
                    undeclared(variable, &shown(path.name), &scope, elsewhere, in_query)
                }
            };
            cx.report_key(path.raw, message);
            continue;
        }
        for op in judged.iter().filter(|op| !op.path_names.contains(variable)) {
            let elsewhere = op.other_places.get(variable).copied();
            let message = undeclared(variable, &op.op.label, "", elsewhere, in_query);
            if path.shared_use.is_some() {
                cx.report_key(path.raw, message);
            } else {
                cx.report(op.op.op.node, message);
            }
        }
    }
}

/// An operation whose parameters can all be read.
struct Judged<'l, 'o, 'a> {
    op: &'l Labeled<'o, 'a>,
    /// Its `in: path` parameters' names (path level and its own).
    path_names: HashSet<&'a str>,
    /// Its other parameters: name to the first `in` it has.
    other_places: HashMap<&'a str, &'a str>,
}

impl<'l, 'o, 'a> Judged<'l, 'o, 'a> {
    fn new(op: &'l Labeled<'o, 'a>) -> Self {
        let mut path_names = HashSet::new();
        let mut other_places = HashMap::new();
        for p in &op.op.parameters {
            if p.location == "path" {
                path_names.insert(p.name);
            } else {
                other_places.entry(p.name).or_insert(p.location);
            }
        }
        Judged {
            op,
            path_names,
            other_places,
        }
    }
}

/// "`{id}` in GET /users/{id} has no path parameter: ...", with what helps
/// the fix: a parameter of that name in another place (`elsewhere`, its
/// `in`), a variable in a query string written into the path key. `place`
/// is the operation or the path; `scope` what follows "has no path
/// parameter" (the operations).
fn undeclared(
    variable: &str,
    place: &str,
    scope: &str,
    elsewhere: Option<&str>,
    in_query: bool,
) -> String {
    let (shown_variable, mut notes) = (shown(variable), Vec::new());
    if in_query {
        notes.push("it sits in a query string written into the path key".to_owned());
    }
    if let Some(location) = elsewhere {
        notes.push(format!(
            "`{shown_variable}` is declared `in: {}`, which fills no path variable",
            shown(location)
        ));
    }
    let notes = if notes.is_empty() {
        String::new()
    } else {
        format!(" ({})", notes.join("; "))
    };
    format!(
        "`{{{shown_variable}}}` in {place} has no path parameter{scope}: nothing declares its type or bounds{notes}"
    )
}

/// A parameter list holds an item that cannot be read as a parameter: no
/// `in` (an unresolved `$ref` among others), or `in: path` without a name.
fn has_unreadable(spec: &Spec<'_>, list: Option<Node<'_>>) -> bool {
    list.into_iter().flat_map(|l| l.items()).any(|item| {
        let param = spec.resolve(item);
        match param.get_str("in") {
            None => true,
            Some(location) => location == "path" && param.get_str("name").is_none(),
        }
    })
}

/// A name from the document as a message shows it.
fn shown(name: &str) -> String {
    crate::model::shown(name, 100)
}

#[cfg(test)]
mod tests {
    use super::{shown, template_variables as variables};

    #[test]
    fn reads_template_variables() {
        assert_eq!(variables("/users/{id}"), ["id"]);
        assert_eq!(variables("/files/{a}-{b}.{ext}"), ["a", "b", "ext"]);
        assert_eq!(variables("/x/{id}/y/{id}"), ["id"]);
        assert_eq!(variables("/{Id}/{id}"), ["Id", "id"]);
        assert!(variables("/").is_empty());
        assert!(variables("/{").is_empty());
        assert!(variables("/}").is_empty());
        assert!(variables("/{}").is_empty());
        assert!(variables("/{a").is_empty());
        assert_eq!(variables("/{a{b}}"), ["b"]);
        assert_eq!(variables("/}{a}{"), ["a"]);
        assert_eq!(variables("/{ü}/{名前}"), ["ü", "名前"]);
    }

    #[test]
    fn is_linear_on_hostile_templates() {
        let path = "{".repeat(200_000) + &"}".repeat(200_000);
        assert!(variables(&path).is_empty());
        let many: String = (0..50_000).map(|i| format!("/{{v{i}}}")).collect();
        assert_eq!(variables(&many).len(), 50_000);
    }

    #[test]
    fn escapes_control_characters() {
        assert_eq!(shown("a\nb\u{7}"), "a\\nb\\u{7}");
        assert_eq!(shown("user's \"id\""), "user's \"id\"");
        assert_eq!(shown(&"x".repeat(150)), "x".repeat(100) + "…");
    }
}
