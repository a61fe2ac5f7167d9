//! Write bodies that accept privilege-bearing properties: a client that sets
//! `role: admin` may be believed (mass assignment).

use std::collections::HashSet;

use super::names::{is_one_of, normalize};
use super::prelude::*;
use super::properties::properties;
use crate::model::subschemas;

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
    let mut seen = HashSet::new();
    for op in &spec.operations {
        if !matches!(op.method, "post" | "put" | "patch") {
            continue;
        }
        let Some(body) = &op.request_body else {
            continue;
        };
        // 2.0 form fields are the body's properties.
        for param in &op.parameters {
            if param.location == "formData"
                && is_one_of(param.name, &PRIVILEGED)
                && !path_manages(op.path, param.name)
                && seen.insert(param.node.key())
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
                if is_one_of(prop.key.name, &PRIVILEGED)
                    && !prop.is_read_only()
                    && !path_manages(op.path, prop.key.name)
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

/// Whether the operation's path is about what the property grants, as in
/// `POST /samlRoles {role}` or `PUT /authorizations/{id} {scopes}`: setting
/// it is then the endpoint's purpose, guarded by the endpoint's own
/// authorization, not a field slipped into an unrelated object.
fn path_manages(path: &str, property: &str) -> bool {
    let property = normalize(property);
    let topics: &[&str] = match property.as_str() {
        "role" | "roles" => &["role"],
        "isadmin" | "admin" => &["admin"],
        "permissions" | "scopes" => &[
            "permission",
            "scope",
            "authorization",
            "grant",
            "token",
            "key",
            "credential",
        ],
        "ownerid" => &["owner"],
        _ => &[],
    };
    path.split('/')
        .filter(|segment| !segment.starts_with('{'))
        .map(normalize)
        .any(|segment| topics.iter().any(|topic| segment.contains(topic)))
}

fn is_read_only(schema: Node<'_>) -> bool {
    schema.get("readOnly").is_some_and(|r| r.is_true())
}
