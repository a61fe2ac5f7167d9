//! Admin functions guarded exactly like ordinary ones: any caller who can use
//! the API can reach them, unless the backend checks roles on its own.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::prelude::*;
use super::shared::names::words;
use super::shared::responses::is_authenticated;
use crate::model::{Operation, SchemeKind};

pub static RULE: Rule = Rule {
    id: "admin-security-shared",
    severity: Severity::Warning,
    owasp: Owasp::API5,
    cwe: 285,
    versions: ALL_VERSIONS,
    summary: "An admin operation has the same security requirements as a non-admin one",
    help: "protect admin operations with a distinct scheme or an admin-only scope",
    doc: include_str!("../../rules/admin-security-shared.md"),
    enabled_by_default: true,
    precision: Precision::Medium,
    check: Check::Spec(check),
};

/// One alternative: scheme names with their sorted scopes, sorted by name.
type Alternative<'a> = Vec<(&'a str, Vec<&'a str>)>;

fn check(cx: &mut Context<'_, '_>) {
    // Operations without their own `security` share the root's list:
    // normalize each list once, however many operations hold it, and give
    // equal lists one id, so that operations compare by id (hashing a list
    // of 50,000 alternatives once per operation would be quadratic).
    let mut by_node: HashMap<_, usize> = HashMap::new();
    let mut ids: HashMap<Rc<[Alternative<'_>]>, usize> = HashMap::new();
    let mut lists: Vec<Rc<[Alternative<'_>]>> = Vec::new();
    let ops: Vec<(&Operation<'_>, bool, usize)> = cx
        .spec
        .operations
        .iter()
        .map(|op| {
            let key = op.security.node().map(|n| n.key());
            let id = *by_node.entry(key).or_insert_with(|| {
                let list: Rc<[Alternative<'_>]> = requirements(op).into();
                *ids.entry(Rc::clone(&list)).or_insert_with(|| {
                    lists.push(list);
                    lists.len() - 1
                })
            });
            (op, is_admin(op), id)
        })
        .collect();
    // The first non-admin operation of each distinct requirement set: one
    // lookup per admin operation, however many operations a spec has.
    let mut ordinary: HashMap<usize, &Operation<'_>> = HashMap::new();
    for (op, is_admin, id) in &ops {
        if !is_admin && is_authenticated(op) {
            ordinary.entry(*id).or_insert(op);
        }
    }
    let admins: Vec<_> = ops
        .iter()
        .filter(|(op, is_admin, _)| *is_admin && is_authenticated(op))
        .filter_map(|(op, _, id)| Some((*op, *ordinary.get(id)?)))
        .collect();
    let Some(&(first, _)) = admins.first() else {
        return;
    };
    // One requirement set for every protected operation, and nothing else
    // declared: the document cannot tell callers apart at all. One root
    // cause, one finding.
    let sets: HashSet<usize> = ops
        .iter()
        .filter(|(op, _, _)| is_authenticated(op))
        .map(|(_, _, id)| *id)
        .collect();
    let uniform = match sets.iter().next() {
        Some(&id) if sets.len() == 1 => !declares_more(cx, &lists[id]),
        _ => false,
    };
    if uniform {
        // At the root `security` when operations inherit it, else at the
        // first admin operation.
        let root = cx.spec.root.get("security");
        let node = root
            .filter(|_| ops.iter().any(|(op, _, _)| op.security.node() == root))
            .unwrap_or(first.node);
        let span = node
            .parent_key()
            .map_or_else(|| node.report_span(), |key| key.span);
        let count = admins.len();
        cx.report_root_cause(
            node,
            span,
            RULE.severity,
            count,
            format!(
                "{} admin operation{} ({}{}) share{} the one security requirement every operation has: the document cannot tell an administrator from an ordinary caller",
                count,
                if count == 1 { "" } else { "s" },
                first.label(),
                if count > 1 { ", ..." } else { "" },
                if count == 1 { "s" } else { "" },
            ),
        );
        return;
    }
    for (admin, other) in admins {
        cx.report(
            admin.node,
            format!(
                "{} has the same security requirements as {}, although the document defines other schemes or scopes: an ordinary caller's credentials reach it",
                admin.label(),
                other.label()
            ),
        );
    }
}

/// The document declares a scheme or an OAuth scope that `set` does not use:
/// it has the means to give admin operations a requirement of their own.
fn declares_more(cx: &Context<'_, '_>, set: &[Alternative<'_>]) -> bool {
    let used: HashSet<(&str, Option<&str>)> = set
        .iter()
        .flatten()
        .flat_map(|(scheme, scopes)| {
            std::iter::once((*scheme, None)).chain(scopes.iter().map(|s| (*scheme, Some(*s))))
        })
        .collect();
    cx.spec.security_schemes.iter().any(|scheme| {
        let scopes: Vec<&str> = match &scheme.kind {
            SchemeKind::OAuth2 { flows, .. } => flows
                .iter()
                .filter_map(|f| f.scopes)
                .flat_map(|s| s.entries().map(|(k, _)| k.name))
                .collect(),
            _ => Vec::new(),
        };
        if scopes.is_empty() {
            !used.contains(&(scheme.name, None))
        } else {
            scopes
                .iter()
                .any(|s| !used.contains(&(scheme.name, Some(*s))))
        }
    })
}

/// The effective requirements in a comparable form: alternatives sorted and
/// deduplicated, order of schemes and scopes ignored.
fn requirements<'a>(op: &Operation<'a>) -> Vec<Alternative<'a>> {
    let mut alternatives: Vec<Alternative<'a>> = op
        .security
        .alternatives()
        .iter()
        .map(|a| {
            let mut schemes: Alternative<'a> = a
                .schemes
                .iter()
                .map(|(key, scopes)| {
                    let mut scopes = scopes.clone();
                    scopes.sort_unstable();
                    scopes.dedup();
                    (key.name, scopes)
                })
                .collect();
            schemes.sort();
            schemes
        })
        .collect();
    alternatives.sort();
    alternatives.dedup();
    alternatives
}

/// Admin says who may call the operation, not what it handles:
///
/// - a path segment whose first word, up to a separator, is `admin` or
///   `administration`: a namespace of admin functions (`/admin/users`,
///   `/v1/admin-panel`, `/detector/{id}/admin`). As the last literal segment
///   right after another literal one it is a qualifier naming a kind of
///   that collection (`/Notifications/Admin`, `/users/admin`), not a
///   namespace;
/// - an operationId in which admin is a namespace (`admin.users.list`,
///   `admin_delete_user`) or the subject of a verb (`AdminEnableUser`);
///   `AdminKeys_Get` names a resource kind, admin keys;
/// - a write to an `admins` or `administrators` collection, which grants or
///   revokes admin rights (`POST /orgs/{org}/admins`).
///
/// `administrator` as a path segment is a party the resource relates to (a
/// member account's administrator), as `admins` is. Admin inside the name of
/// a thing handled does not count either: `/district_admins`,
/// `vmwareAdminClusters`, `last_admin_rooms`, `adminOverrides`,
/// `adminDivisions` (a camelCase segment names a resource kind), a read of
/// `/admins/{id}`.
fn is_admin(op: &Operation<'_>) -> bool {
    let segments: Vec<&str> = op.path.split('/').filter(|s| !s.is_empty()).collect();
    let literal = |s: &&str| !s.starts_with('{');
    let last_literal = segments.iter().rposition(literal);
    let grants = op.is_write()
        && last_literal.is_some_and(|i| {
            matches!(
                segments[i].to_ascii_lowercase().as_str(),
                "admins" | "administrators"
            )
        });
    let namespace = |(i, segment): (usize, &&str)| {
        let opens = segment
            .split(|c: char| !c.is_ascii_alphanumeric())
            .next()
            .is_some_and(|first| {
                matches!(
                    first.to_ascii_lowercase().as_str(),
                    "admin" | "administration"
                )
            });
        let qualifier = Some(i) == last_literal
            && i > 0
            && literal(&segments[i - 1])
            && !is_prefix(segments[i - 1]);
        opens && !qualifier
    };
    segments
        .iter()
        .enumerate()
        .filter(|(_, s)| literal(s))
        .any(namespace)
        || grants
        || op.node.get_str("operationId").is_some_and(admin_acts)
}

/// `api` and version segments open a path; what follows them is not a
/// qualifier of them.
fn is_prefix(segment: &str) -> bool {
    let lower = segment.to_ascii_lowercase();
    lower == "api"
        || lower
            .strip_prefix('v')
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
}

/// An operationId that says an administrator acts: admin alone before the
/// first separator (`admin.users.list`, `admin_delete_user`), or followed by
/// a verb (`AdminEnableUser`, `AdministratorResetPassword`).
fn admin_acts(operation_id: &str) -> bool {
    let head = operation_id
        .split(['_', '.', '-', ' ', '/', ':'])
        .next()
        .unwrap_or_default();
    let words = words(operation_id);
    let is_admin_word = |w: &str| matches!(w, "admin" | "administrator" | "administration");
    match words.as_slice() {
        [first, ..] if !is_admin_word(first) => false,
        [first, ..] if head.eq_ignore_ascii_case(first) => true,
        [_, second, ..] => ACTION_VERBS.contains(&second.as_str()),
        _ => false,
    }
}

/// What an administrator does to what it manages.
const ACTION_VERBS: &[&str] = &[
    "accept",
    "add",
    "approve",
    "assign",
    "ban",
    "block",
    "cancel",
    "change",
    "confirm",
    "create",
    "delete",
    "demote",
    "deregister",
    "describe",
    "disable",
    "disassociate",
    "edit",
    "enable",
    "export",
    "force",
    "forget",
    "get",
    "grant",
    "impersonate",
    "import",
    "initiate",
    "invite",
    "link",
    "list",
    "lock",
    "manage",
    "modify",
    "move",
    "promote",
    "purge",
    "put",
    "read",
    "register",
    "reject",
    "remove",
    "rename",
    "reset",
    "respond",
    "restore",
    "revoke",
    "search",
    "send",
    "set",
    "start",
    "stop",
    "suspend",
    "sync",
    "unassign",
    "unban",
    "unblock",
    "unlink",
    "unlock",
    "unsuspend",
    "update",
    "verify",
    "view",
];
