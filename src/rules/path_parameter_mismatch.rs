//! Path template variables against the path parameters declared for them.

use std::collections::{HashMap, HashSet};

use super::prelude::*;
use crate::model::{Operation, Spec};
use crate::source::Key;

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
    for (key, raw_item) in paths.entries() {
        if key.name.starts_with("x-") {
            continue;
        }
        let item = spec.resolve(raw_item);
        let ops = by_path.get(key.name).map_or(&[][..], Vec::as_slice);
        let variables = variables(key.name);
        let known: HashSet<&str> = variables.iter().copied().collect();
        // Parameters naming no variable: each declaration once, where it is
        // written (the path level once, not once per operation).
        if let Some(list) = item.get("parameters") {
            let place = format!("the path item {}", shown(key.name));
            unknown_parameters(cx, list, &known, &place, &variables);
        }
        for op in ops {
            if let Some(list) = op.node.get("parameters") {
                let place = label(op);
                unknown_parameters(cx, list, &known, &place, &variables);
            }
        }
        undeclared_variables(cx, key, raw_item, item, ops, &variables);
    }
}

/// The `{name}` variables of a path template, each once, in order. A
/// variable is `{`, one or more characters other than braces, `}` (the
/// grammar of OpenAPI 3.1's path templating); a stray `{` or `}` (`{`, `{}`,
/// the outer braces of `{a{b}}`) is literal text. One pass over the path.
fn variables(path: &str) -> Vec<&str> {
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

/// `GET /users/{id}`, with names from the document escaped.
fn label(op: &Operation<'_>) -> String {
    shown(&op.label())
}

/// `GET`: the method part of the operation's label (an additional 3.2
/// operation keeps its method as written).
fn method(op: &Operation<'_>) -> String {
    let label = op.label();
    let method = label.strip_suffix(op.path).unwrap_or(&label).trim_end();
    shown(method)
}

/// Reports each `in: path` parameter of `list` whose name is no variable of
/// the path: an inline one at its `name` value, a `$ref`'d one at the
/// reference (the component is right for the paths that have the variable;
/// this use is what is wrong).
fn unknown_parameters<'a>(
    cx: &mut Context<'_, 'a>,
    list: Node<'a>,
    known: &HashSet<&str>,
    place: &str,
    variables: &[&str],
) {
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
        if known.contains(name) {
            continue;
        }
        let reference = item.get("$ref").filter(|r| r.as_str().is_some());
        let via = reference
            .and_then(|r| r.as_str())
            .map(|r| format!(" (from `{}`)", shown(r)))
            .unwrap_or_default();
        let message = format!(
            "path parameter `{}`{via} of {} names no variable of its path ({}): the type and bounds it declares constrain nothing",
            shown(name),
            place,
            list_variables(variables),
        );
        cx.report(reference.unwrap_or(name_node), message);
    }
}

fn list_variables(variables: &[&str]) -> String {
    if variables.is_empty() {
        return "the path has none".into();
    }
    let shown: Vec<String> = variables
        .iter()
        .map(|v| format!("`{{{}}}`", shown(v)))
        .collect();
    format!("it has {}", shown.join(", "))
}

/// Reports each variable that no `in: path` parameter declares. Declared by
/// none of the path item's operations, it has one fix (a path-level
/// parameter): one finding at the path key. Declared by some, each operation
/// that lacks it is reported at its method key.
fn undeclared_variables<'a>(
    cx: &mut Context<'_, 'a>,
    key: Key<'a>,
    raw_item: Node<'a>,
    item: Node<'a>,
    ops: &[&Operation<'a>],
    variables: &[&str],
) {
    if ops.is_empty() || variables.is_empty() {
        return;
    }
    let spec = cx.spec;
    // An operation with a parameter that cannot be read (an unresolved
    // `$ref`, no `name`) may declare anything: it is not judged, and other
    // rules report the parameter itself.
    let shared_unreadable = has_unreadable(spec, item.get("parameters"));
    let declared: Vec<Option<HashSet<&str>>> = ops
        .iter()
        .map(|op| {
            (!shared_unreadable && !has_unreadable(spec, op.node.get("parameters"))).then(|| {
                op.parameters
                    .iter()
                    .filter(|p| p.location == "path")
                    .map(|p| p.name)
                    .collect()
            })
        })
        .collect();
    for variable in variables {
        let missing: Vec<usize> = declared
            .iter()
            .enumerate()
            .filter(|(_, names)| names.as_ref().is_some_and(|n| !n.contains(variable)))
            .map(|(i, _)| i)
            .collect();
        if missing.is_empty() {
            continue;
        }
        if missing.len() == ops.len() {
            let message = match ops {
                [op] => format!(
                    "`{{{}}}` in {} has no path parameter{}: nothing declares its type or bounds",
                    shown(variable),
                    label(op),
                    elsewhere(ops, variable),
                ),
                _ => {
                    let methods: Vec<String> = ops.iter().map(|op| method(op)).collect();
                    format!(
                        "`{{{}}}` in {} has no path parameter in any of its operations ({}){}: nothing declares its type or bounds",
                        shown(variable),
                        shown(key.name),
                        methods.join(", "),
                        elsewhere(ops, variable),
                    )
                }
            };
            cx.report_key(raw_item, message);
            continue;
        }
        for i in missing {
            let op = ops[i];
            let message = format!(
                "`{{{}}}` in {} has no path parameter{}: nothing declares its type or bounds",
                shown(variable),
                label(op),
                elsewhere(&[op], variable),
            );
            cx.report(op.node, message);
        }
    }
}

/// A note when the variable's name is declared, but not `in: path`.
fn elsewhere(ops: &[&Operation<'_>], variable: &str) -> String {
    ops.iter()
        .flat_map(|op| &op.parameters)
        .find(|p| p.name == variable)
        .map(|p| {
            format!(
                " (`{}` is declared `in: {}`)",
                shown(p.name),
                shown(p.location)
            )
        })
        .unwrap_or_default()
}

fn has_unreadable(spec: &Spec<'_>, list: Option<Node<'_>>) -> bool {
    list.into_iter().flat_map(|l| l.items()).any(|item| {
        let param = spec.resolve(item);
        match param.get_str("in") {
            None => true,
            Some(location) => location == "path" && param.get_str("name").is_none(),
        }
    })
}

/// A name from the document as a message shows it: control characters
/// escaped, cut short past 100 characters.
fn shown(name: &str) -> String {
    const MAX: usize = 100;
    let mut out = String::new();
    for (count, c) in name.chars().enumerate() {
        if count == MAX {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{shown, variables};

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
        assert_eq!(variables(&path), Vec::<&str>::new());
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
