//! One walk of a document against its version's grammar.
//!
//! The walk is iterative (an explicit stack, so nesting depth costs heap, not
//! call stack) and checks each node once per type it is used as: a schema
//! shared by a hundred operations, or a `$ref` cycle, is judged once.

use std::collections::HashSet;
use std::hash::BuildHasherDefault;

use super::{Fnv, Grammar, Keys, Kind, ObjectType, Others};
use crate::model::Spec;
use crate::source::{FileId, Node, NodeId, Span};
use crate::suggest::{closest, near_miss};

/// The objects checked, each once per type (by the type's address).
type Seen = HashSet<(FileId, NodeId, usize), BuildHasherDefault<Fnv>>;

/// One structural problem, located and worded for the user.
pub struct Problem<'a> {
    /// The node the problem is about (its pointer names the finding).
    pub node: Node<'a>,
    /// What to underline: the key, the value, or the object's key.
    pub span: Span,
    pub message: String,
}

/// Every structural problem of the document, in no particular order.
pub fn validate<'a>(spec: &Spec<'a>) -> Vec<Problem<'a>> {
    let grammar = Grammar::for_version(spec.version);
    let mut walk = Walk {
        spec,
        grammar,
        stack: Vec::new(),
        seen: Seen::default(),
        problems: Vec::new(),
    };
    walk.stack.push(Task {
        node: spec.root,
        kind: &ROOT_KIND,
        lost: None,
        holder: None,
    });
    walk.run();
    walk.problems
}

/// Stands for the root's type, whatever the grammar calls it.
static ROOT_KIND: Kind = Kind::Object("");

struct Walk<'s, 'a> {
    spec: &'s Spec<'a>,
    grammar: &'static Grammar,
    stack: Vec<Task<'a>>,
    seen: Seen,
    problems: Vec<Problem<'a>>,
}

/// A value to judge as a kind; `lost` is what the rules lose when it is
/// wrong (the consequence of the field that holds it).
#[derive(Clone, Copy)]
struct Task<'a> {
    node: Node<'a>,
    kind: &'static Kind,
    lost: Option<&'static str>,
    /// The type of the object whose field this is, to name it in messages.
    holder: Option<&'static ObjectType>,
}

impl<'a> Walk<'_, 'a> {
    fn run(&mut self) {
        while let Some(task) = self.stack.pop() {
            self.check(task);
        }
    }

    fn push(&mut self, node: Node<'a>, kind: &'static Kind, lost: Option<&'static str>) {
        self.stack.push(Task {
            node,
            kind,
            lost,
            holder: None,
        });
    }

    fn object_type(&self, name: &str) -> Option<&'static ObjectType> {
        let name = if name.is_empty() {
            self.grammar.root
        } else {
            name
        };
        self.grammar.get(name)
    }

    fn check(&mut self, task: Task<'a>) {
        let Task {
            node, kind, lost, ..
        } = task;
        match kind {
            Kind::Any => {}
            Kind::String | Kind::Boolean | Kind::Integer | Kind::Number | Kind::True => {
                if !fits(kind, node) {
                    self.wrong_kind(task);
                }
            }
            Kind::Enum(values) => self.check_enum(task, values),
            Kind::Object(name) => self.check_object_kind(task, name),
            Kind::RefOr(name) => {
                if let Some(reference) = node.get("$ref") {
                    self.follow(task, reference);
                    // In JSON Schema 2020-12 `$ref` is a keyword like any
                    // other: its siblings are judged too.
                    let t = self.object_type(name);
                    if t.is_none_or(|t| t.field("$ref").is_none()) {
                        return;
                    }
                }
                self.check_object_kind(task, name);
            }
            Kind::ListOf(items) => {
                if node.is_seq() {
                    for item in node.items() {
                        self.push(item, items, lost);
                    }
                } else {
                    self.wrong_kind(task);
                }
            }
            Kind::OneEntry(values) => {
                if !node.is_map() {
                    return self.wrong_kind(task);
                }
                if node.len() != 1 {
                    let message = format!(
                        "{} must hold exactly one entry, not {}{}",
                        subject(task),
                        node.len(),
                        consequence(lost)
                    );
                    self.report(node, node.report_span(), message);
                }
                for (_, value) in node.entries() {
                    self.push(value, values, lost);
                }
            }
            Kind::MapOf { keys, values } => {
                if !node.is_map() {
                    return self.wrong_kind(task);
                }
                for (key, value) in node.entries() {
                    if let Some(expected) = key_problem(*keys, key.name) {
                        self.key_problem(value, key.span, key.name, expected, node);
                    } else {
                        // The map's consequence speaks of the whole map,
                        // not of one bad entry.
                        self.push(value, values, None);
                    }
                }
            }
            Kind::OneOf(kinds) => match kinds.iter().find(|k| fits_shape(k, node)) {
                Some(k) => self.check(Task { kind: k, ..task }),
                None => self.wrong_kind(task),
            },
        }
    }

    fn check_object_kind(&mut self, task: Task<'a>, name: &str) {
        match self.object_type(name) {
            Some(t) if task.node.is_map() => self.check_object(task.node, t, None),
            Some(t) if t.boolean_form && task.node.as_bool().is_some() => {}
            Some(t) if t.boolean_form => {
                let message = format!(
                    "{} must be a mapping or a boolean, not {}",
                    subject(task),
                    shape(task.node)
                );
                self.report(task.node, task.node.report_span(), message);
            }
            Some(_) => self.wrong_kind(task),
            None => {}
        }
    }

    /// A `$ref`: its target is checked as the type it is referenced as.
    /// Unresolvable references are the loader's `ref-unresolved`.
    fn follow(&mut self, task: Task<'a>, reference: Node<'a>) {
        if reference.as_str().is_none() {
            return self.wrong_kind(Task {
                node: reference,
                kind: &Kind::String,
                lost: None,
                holder: None,
            });
        }
        if let Some(target) = self.spec.ws.ref_target(task.node) {
            self.push(target, task.kind, task.lost);
        }
    }

    /// Checks an object's fields; `judged` names a field already reported
    /// (an invalid discriminator), left alone.
    fn check_object(&mut self, node: Node<'a>, t: &'static ObjectType, judged: Option<&str>) {
        if !self
            .seen
            .insert((node.file.id, node.id, std::ptr::from_ref(t) as usize))
        {
            return;
        }
        if matches!(t.others, Others::Annotations) && self.foreign_dialect(node) {
            return;
        }
        if let Some(variants) = &t.variants {
            let Some(by) = node.get(variants.by) else {
                let message = format!(
                    "{} misses `{}`, which says what kind of {} it is{}",
                    owner(node, t),
                    variants.by,
                    t.label,
                    consequence(variants.consequence)
                );
                return self.report(node, node.report_span(), message);
            };
            let values: Vec<&str> = variants.types.iter().map(|(v, _)| *v).collect();
            let chosen = by
                .as_str()
                .and_then(|v| variants.types.iter().find(|(value, _)| *value == v));
            match chosen.and_then(|(_, name)| self.object_type(name)) {
                Some(variant) => return self.check_object(node, variant, judged),
                None => {
                    let task = Task {
                        node: by,
                        kind: &Kind::String,
                        lost: variants.consequence,
                        holder: Some(t),
                    };
                    self.check_enum(task, &values);
                    // `in: querry` is most likely a query parameter: judge
                    // the rest as one, so a typo inside is not hidden too.
                    let intended = by
                        .as_str()
                        .and_then(|v| closest(v, values.iter().copied()))
                        .and_then(|v| variants.types.iter().find(|(value, _)| *value == v))
                        .and_then(|(_, name)| self.object_type(name));
                    if let Some(variant) = intended {
                        self.check_object(node, variant, Some(variants.by));
                    }
                    return;
                }
            }
        }
        let mut suggested: Vec<&str> = Vec::new();
        for (key, value) in node.entries() {
            if Some(key.name) == judged {
                continue;
            }
            if let Some(field) = t.field(key.name) {
                self.stack.push(Task {
                    node: value,
                    kind: &field.kind,
                    lost: field.consequence,
                    holder: Some(t),
                });
                continue;
            }
            if key.name.starts_with("x-") {
                continue;
            }
            let known = || t.fields().map(|f| f.name);
            match &t.others {
                Others::Patterned { keys, values } => match key_problem(*keys, key.name) {
                    None => self.push(value, values, None),
                    Some(expected) => {
                        let hint = closest(key.name, known());
                        match hint {
                            Some(hint) => {
                                suggested.push(hint);
                                self.unknown_field(node, t, key.name, key.span, value, hint);
                            }
                            None => self.key_problem(value, key.span, key.name, expected, node),
                        }
                    }
                },
                Others::Extensions => {
                    let hint = closest(key.name, known());
                    suggested.extend(hint);
                    self.unknown_field(node, t, key.name, key.span, value, hint.unwrap_or(""));
                }
                Others::Annotations => {
                    if let Some(hint) = near_miss(key.name, known()) {
                        suggested.push(hint);
                        self.unknown_field(node, t, key.name, key.span, value, hint);
                    }
                }
            }
        }
        for &required in t.required {
            if node.has(required) || suggested.contains(&required) {
                continue;
            }
            let message = format!(
                "{} misses the required field `{required}`{}",
                owner(node, t),
                consequence(t.field(required).and_then(|f| f.consequence))
            );
            self.report(node, node.report_span(), message);
        }
        let lacks_all =
            |names: &[&str]| !names.iter().any(|n| node.has(n) || suggested.contains(n));
        if !t.required_one_of.is_empty() && lacks_all(t.required_one_of) {
            let message = format!(
                "{} needs {}",
                owner(node, t),
                one_of(t.required_one_of).replacen("one of", "one of the fields", 1)
            );
            self.report(node, node.report_span(), message);
        }
        if t.non_empty && node.entries().all(|(key, _)| key.name.starts_with("x-")) {
            let message = format!("{} must declare at least one entry", owner(node, t));
            self.report(node, node.report_span(), message);
        }
        for &(a, b) in t.exclusive {
            if let (Some(_), Some(second)) = (node.get(a), node.get(b)) {
                let span = second.parent_key().map_or(second.span(), |k| k.span);
                let message = format!(
                    "{} has both `{a}` and `{b}`, which exclude each other; keep one",
                    owner(node, t)
                );
                self.report(second, span, message);
            }
        }
    }

    /// A schema of another JSON Schema dialect (its own `$schema`, or the
    /// document's `jsonSchemaDialect`) follows rules this grammar does not
    /// know, so it is not judged, nor anything below it.
    fn foreign_dialect(&self, schema: Node<'a>) -> bool {
        let declared = schema
            .get_str("$schema")
            .or_else(|| self.spec.root.get_str("jsonSchemaDialect"));
        declared.is_some_and(|uri| !is_known_dialect(uri))
    }

    fn unknown_field(
        &mut self,
        node: Node<'a>,
        t: &'static ObjectType,
        name: &str,
        span: Span,
        value: Node<'a>,
        hint: &str,
    ) {
        let (suggestion, lost) = match t.field(hint) {
            Some(f) => (format!("; did you mean `{hint}`?"), f.consequence),
            None => (String::new(), None),
        };
        let what = if matches!(t.others, Others::Annotations) {
            "keyword"
        } else {
            "field"
        };
        let message = format!(
            "unknown {what} `{}` in {}{suggestion}{}",
            shown(name),
            owner(node, t),
            consequence(lost)
        );
        self.report(value, span, message);
    }

    fn check_enum(&mut self, task: Task<'a>, values: &[&str]) {
        let node = task.node;
        let Some(value) = node.as_str() else {
            let message = format!(
                "{} must be {}, not {}{}",
                subject(task),
                one_of(values),
                shape(node),
                consequence(task.lost)
            );
            return self.report(node, node.report_span(), message);
        };
        if values.contains(&value) {
            return;
        }
        let hint = closest(value, values.iter().copied())
            .map(|h| format!("; did you mean `{h}`?"))
            .unwrap_or_default();
        let message = format!(
            "`{}` is not a valid value for {}: expected {}{hint}{}",
            shown(value),
            subject(task),
            one_of(values),
            consequence(task.lost)
        );
        self.report(node, node.report_span(), message);
    }

    fn wrong_kind(&mut self, task: Task<'a>) {
        let message = match task.kind {
            Kind::True => format!("{} must be `true`{}", subject(task), consequence(task.lost)),
            kind => format!(
                "{} must be {}, not {}{}",
                subject(task),
                expected(kind),
                shape(task.node),
                consequence(task.lost)
            ),
        };
        self.report(task.node, task.node.report_span(), message);
    }

    fn key_problem(
        &mut self,
        value: Node<'a>,
        span: Span,
        name: &str,
        expected: &str,
        holder: Node<'a>,
    ) {
        let message = format!(
            "`{}` is not a valid key in {}: expected {expected}",
            shown(name),
            holder.parent_key().map_or_else(
                || "the document".to_owned(),
                |k| format!("`{}`", shown(k.name))
            )
        );
        self.report(value, span, message);
    }

    fn report(&mut self, node: Node<'a>, span: Span, message: String) {
        self.problems.push(Problem {
            node,
            span,
            message,
        });
    }
}

/// JSON Schema 2020-12 and the OpenAPI dialects built on it.
fn is_known_dialect(uri: &str) -> bool {
    let uri = uri.trim_end_matches('#');
    uri.starts_with("https://json-schema.org/draft/2020-12/")
        || uri.starts_with("https://spec.openapis.org/oas/3.")
}

/// What is wrong with `key` as a key of that kind of mapping, if anything.
fn key_problem(keys: Keys, key: &str) -> Option<&'static str> {
    let valid = match keys {
        Keys::Any => true,
        Keys::ComponentName => {
            !key.is_empty()
                && key
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
        }
        Keys::Path => key.starts_with('/'),
        Keys::ResponseCode => is_response_code(key, true),
        Keys::StatusCode => is_response_code(key, false),
        Keys::Extension => key.starts_with("x-"),
    };
    (!valid).then_some(match keys {
        Keys::Any => "",
        Keys::ComponentName => "a name of letters, digits, `.`, `_` and `-`",
        Keys::Path => "a path starting with `/`",
        Keys::ResponseCode => "a status code from 100 to 599, a range `1XX` to `5XX`, or `default`",
        Keys::StatusCode => "a status code from 100 to 599, or `default`",
        Keys::Extension => "an `x-` extension",
    })
}

fn is_response_code(key: &str, ranges: bool) -> bool {
    let bytes = key.as_bytes();
    if key == "default" {
        return true;
    }
    if bytes.len() != 3 || !(b'1'..=b'5').contains(&bytes[0]) {
        return false;
    }
    let digits = bytes[1..].iter().all(u8::is_ascii_digit);
    // "the uppercase wildcard character `X`".
    let range = ranges && bytes[1..].iter().all(|&b| b == b'X');
    digits || range
}

/// Whether the value is of the kind (for kinds that are a single shape).
fn fits(kind: &Kind, node: Node<'_>) -> bool {
    match kind {
        Kind::String => node.as_str().is_some(),
        Kind::Boolean => node.as_bool().is_some(),
        Kind::True => node.is_true(),
        Kind::Number => node.as_f64().is_some(),
        Kind::Integer => node.as_f64().is_some_and(|n| n.fract() == 0.0),
        _ => true,
    }
}

/// Whether the value has the shape the kind wants, before its content is
/// judged: the choice among the kinds of a [`Kind::OneOf`].
fn fits_shape(kind: &Kind, node: Node<'_>) -> bool {
    match kind {
        Kind::Any => true,
        Kind::String | Kind::Enum(_) => node.as_str().is_some(),
        Kind::Boolean | Kind::True => node.as_bool().is_some(),
        Kind::Integer => fits(kind, node),
        Kind::Number => node.as_f64().is_some(),
        Kind::Object(_) | Kind::RefOr(_) | Kind::MapOf { .. } | Kind::OneEntry(_) => node.is_map(),
        Kind::ListOf(_) => node.is_seq(),
        Kind::OneOf(kinds) => kinds.iter().any(|k| fits_shape(k, node)),
    }
}

fn expected(kind: &Kind) -> String {
    match kind {
        Kind::Any => "any value".to_owned(),
        Kind::String => "a string".to_owned(),
        Kind::Boolean => "`true` or `false`".to_owned(),
        Kind::Integer => "an integer".to_owned(),
        Kind::Number => "a number".to_owned(),
        Kind::Enum(values) => one_of(values),
        Kind::True => "`true`".to_owned(),
        Kind::Object(_) | Kind::RefOr(_) | Kind::MapOf { .. } => "a mapping".to_owned(),
        Kind::OneEntry(_) => "a mapping of one entry".to_owned(),
        Kind::ListOf(_) => "a list".to_owned(),
        Kind::OneOf(kinds) => {
            let mut names: Vec<String> = kinds.iter().map(expected).collect();
            names.dedup();
            names.join(" or ")
        }
    }
}

fn one_of(values: &[&str]) -> String {
    match values {
        [one] => format!("`{one}`"),
        _ => {
            let list: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
            format!("one of {}", list.join(", "))
        }
    }
}

fn shape(node: Node<'_>) -> &'static str {
    if node.is_map() {
        "a mapping"
    } else if node.is_seq() {
        "a list"
    } else if node.as_str().is_some() {
        "a string"
    } else if node.as_bool().is_some() {
        "a boolean"
    } else if node.as_f64().is_some() {
        "a number"
    } else {
        "null"
    }
}

/// How a message names the value being judged: "`in` of parameter
/// `access_token`", "item 2 of `tags`".
fn subject(task: Task<'_>) -> String {
    let node = task.node;
    let holder = node.parent();
    match (node.parent_key(), node.index(), holder) {
        (Some(key), _, Some(holder)) => {
            let named = match task.holder {
                Some(t) => owner(holder, t),
                None => place(holder),
            };
            format!("`{}` of {named}", shown(key.name))
        }
        (None, Some(index), Some(_)) => format!("item {} of {}", index + 1, list_place(node)),
        _ => "the document".to_owned(),
    }
}

/// How a message names the object that holds a value, without knowing its
/// type: by its key, or, in a list, by its `name` field or position.
fn place(node: Node<'_>) -> String {
    if node.parent().is_none() {
        return "the document".to_owned();
    }
    match (node.parent_key(), node.index()) {
        (Some(key), _) => format!("`{}`", shown(key.name)),
        (None, Some(index)) => match node.get_str("name") {
            Some(name) => format!("`{}`", shown(name)),
            None => format!("item {} of {}", index + 1, list_place(node)),
        },
        _ => "the document".to_owned(),
    }
}

/// The list holding `item`, by its key.
fn list_place(item: Node<'_>) -> String {
    item.parent()
        .and_then(|list| list.parent_key())
        .map_or_else(|| "a list".to_owned(), |k| format!("`{}`", shown(k.name)))
}

/// How a message names an object of a known type: "operation GET /pets",
/// "parameter `limit`", "security scheme `oauth`", "the document".
fn owner(node: Node<'_>, t: &ObjectType) -> String {
    if node.parent().is_none() && t.label == "document" {
        return "the document".to_owned();
    }
    if t.label == "operation"
        && let Some(method) = node.parent_key()
    {
        // `paths./x.get`, or `paths./x.additionalOperations.COPY` (3.2).
        let mut item = node.parent();
        if item.and_then(|m| m.parent_key()).map(|k| k.name) == Some("additionalOperations") {
            item = item.and_then(|m| m.parent());
        }
        if let Some(path) = item.and_then(|i| i.parent_key())
            && path.name.starts_with('/')
        {
            return format!(
                "operation {} {}",
                shown(method.name).to_ascii_uppercase(),
                shown(path.name)
            );
        }
    }
    let container = node.parent().and_then(|p| p.parent_key()).map(|k| k.name);
    if container == Some("properties")
        && let Some(key) = node.parent_key()
    {
        return format!("property `{}`", shown(key.name));
    }
    // "info", not "info `info`".
    let same_name = node
        .parent_key()
        .is_some_and(|k| k.name.eq_ignore_ascii_case(&t.label.replace(' ', "")));
    if same_name {
        // A parameter's or media type's `schema`: say whose.
        return match node.parent().filter(|p| p.parent().is_some()) {
            Some(holder) if t.label == "schema" => format!("the schema of {}", place(holder)),
            _ => t.label.to_owned(),
        };
    }
    format!("{} {}", t.label, place(node))
}

fn consequence(lost: Option<&str>) -> String {
    lost.map(|text| format!(" (as written, {text})"))
        .unwrap_or_default()
}

/// A name from the document as a message shows it.
fn shown(name: &str) -> String {
    crate::model::shown(name, 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn response_codes() {
        for ok in ["200", "default", "4XX", "101", "599"] {
            assert!(is_response_code(ok, true), "{ok}");
        }
        for bad in ["2000", "20", "600", "6XX", "2X0", "5xx", "ok", ""] {
            assert!(!is_response_code(bad, true), "{bad}");
        }
        assert!(!is_response_code("4XX", false));
        assert!(is_response_code("404", false));
    }

    #[test]
    fn names_are_escaped_and_cut() {
        assert_eq!(shown("a\u{1b}[31m"), "a\\u{1b}[31m");
        assert_eq!(shown(&"x".repeat(70)).chars().count(), 61);
    }
}
