//! Write bodies that accept privilege-bearing properties: a client that sets
//! `role: admin` may be believed (mass assignment).

use std::collections::HashSet;

use super::names::{is_one_of, normalize};
use super::prelude::*;
use super::properties::properties;
use crate::model::subschemas;
use crate::source::{FileId, NodeId};

pub static RULE: Rule = Rule {
    id: "mass-assignment-risk",
    severity: Severity::Warning,
    owasp: Owasp::API3,
    cwe: 915,
    versions: ALL_VERSIONS,
    summary: "A create/update request body accepts a privilege-bearing property",
    help: "drop the property from the request schema (use a separate input schema), or mark it `readOnly: true`",
    doc: include_str!("../../rules/mass-assignment-risk.md"),
    enabled_by_default: true,
    precision: Precision::Medium,
    check: Check::Spec(check),
};

/// Properties that grant rights or value when a client may set them.
const PRIVILEGED: [&str; 11] = [
    "role",
    "roles",
    "is_admin",
    "isAdmin",
    "admin",
    "permissions",
    "scopes",
    "owner_id",
    "ownerId",
    "verified",
    "balance",
];

/// Schemas walked at most, whatever the document's size.
const MAX_SCHEMAS: usize = 10_000;

fn check(cx: &mut Context<'_, '_>) {
    let spec = cx.spec;
    // Whether a property counts depends on the operation's path (see
    // `managed_topics`), so a schema shared by `POST /roles` and
    // `PATCH /users` must be judged for both. Paths fall into at most 16
    // topic sets; each set walks the schemas once.
    let mut walked: Vec<(u8, HashSet<(FileId, NodeId)>)> = Vec::new();
    let mut reported = HashSet::new();
    for op in &spec.operations {
        if !matches!(op.method, "post" | "put" | "patch") {
            continue;
        }
        let Some(body) = &op.request_body else {
            continue;
        };
        let managed = managed_topics(op.path);
        let counts = |name: &str| topic_of(name).is_some_and(|topic| managed & topic == 0);
        // 2.0 form fields are the body's properties.
        for param in &op.parameters {
            if param.location == "formData"
                && counts(param.name)
                && reported.insert(param.node.key())
            {
                cx.report(
                    param.node,
                    format!(
                        "{} accepts the privilege-bearing form field '{}'",
                        op.label(),
                        param.name
                    ),
                );
            }
        }
        let seen = match walked.iter().position(|(topics, _)| *topics == managed) {
            Some(index) => &mut walked[index].1,
            None => {
                walked.push((managed, HashSet::new()));
                &mut walked.last_mut().expect("just pushed").1
            }
        };
        let mut stack: Vec<Node<'_>> = body.media.iter().filter_map(|m| m.schema).collect();
        while let Some(node) = stack.pop() {
            // A readOnly schema is ignored in requests, whatever it holds.
            if is_read_only(node) {
                continue;
            }
            let node = spec.resolve(node);
            if seen.len() >= MAX_SCHEMAS
                || !node.is_map()
                || is_read_only(node)
                || !seen.insert(node.key())
            {
                continue;
            }
            for prop in properties(spec, node) {
                if counts(prop.key.name) && !prop.is_read_only() && reported.insert(prop.node.key())
                {
                    cx.report_key(
                        prop.node,
                        format!(
                            "{} accepts the privilege-bearing property '{}' of {}",
                            op.label(),
                            prop.key.name,
                            describe(node)
                        ),
                    );
                }
            }
            stack.extend(subschemas(node));
        }
    }
}

/// What a privileged property grants, as a bit of `TOPICS`; `None` for a
/// name that is not privileged.
fn topic_of(property: &str) -> Option<u8> {
    if !is_one_of(property, &PRIVILEGED) {
        return None;
    }
    Some(match normalize(property).as_str() {
        "role" | "roles" => ROLES,
        "isadmin" | "admin" => ADMIN,
        "permissions" | "scopes" => GRANTS,
        "ownerid" => OWNER,
        // `verified`, `balance`: no endpoint exists to set those.
        _ => 0,
    })
}

const ROLES: u8 = 1;
const ADMIN: u8 = 2;
const GRANTS: u8 = 4;
const OWNER: u8 = 8;

/// The topics a path manages, as in `POST /samlRoles {role}` or
/// `PUT /authorizations/{id} {scopes}`: setting such a property is the
/// endpoint's purpose, guarded by the endpoint's own authorization, not a
/// field slipped into an unrelated object.
fn managed_topics(path: &str) -> u8 {
    const WORDS: [(&str, u8); 10] = [
        ("role", ROLES),
        ("admin", ADMIN),
        ("permission", GRANTS),
        ("scope", GRANTS),
        ("authorization", GRANTS),
        ("grant", GRANTS),
        ("token", GRANTS),
        ("key", GRANTS),
        ("credential", GRANTS),
        ("owner", OWNER),
    ];
    path.split('/')
        .filter(|segment| !segment.starts_with('{'))
        .map(normalize)
        .flat_map(|segment| {
            WORDS
                .iter()
                .filter(move |(word, _)| segment.contains(word))
                .map(|&(_, topic)| topic)
        })
        .fold(0, |topics, topic| topics | topic)
}

fn is_read_only(schema: Node<'_>) -> bool {
    schema.get("readOnly").is_some_and(|r| r.is_true())
}
