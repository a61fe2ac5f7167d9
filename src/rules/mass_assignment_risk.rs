//! Write bodies that accept privilege-bearing properties: a client that sets
//! `role: admin` may be believed (mass assignment).
//!
//! A privilege is judged by whose it is. The object that holds the property
//! is named by its schema (`CreateUserRequest`), else by the property that
//! holds it (`shared_link`), else by the operation's resource (`/users/{id}`):
//!
//! - an **access** object (a membership, collaboration, invitation, signer,
//!   share; a role, permission, grant or policy; an API credential, key,
//!   token, client or app) exists to carry access: its `role`, `scopes` or
//!   `permissions` are its purpose, not a field slipped in;
//! - an **account** (a user, account, customer, profile, principal, ...)
//!   is who the privilege would be granted to: its `role`, `is_admin`,
//!   `permissions`, `balance` are reported;
//! - any **other** object does not hold the caller's privileges: its `role`
//!   names a function (a job's IAM role, a message's author, a node's
//!   place in a cluster) and its `permissions` its access list, which is
//!   what its owner sets.
//!
//! When no name says whose the object is, it is reported. `owner_id` is
//! reported on the object the operation writes, whatever it is (it takes
//! the object over), not on another resource described inside the request;
//! `balance` on an account that holds credit (a customer, a wallet), not on
//! a bank account or an invoice; `verified` wherever it is written.

use std::collections::HashSet;

use super::prelude::*;
use super::shared::names::{is_one_of, normalize};
use super::shared::properties::properties;
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
const MAX_SCHEMAS: usize = 50_000;

/// Whose a property is: see the module documentation.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Subject {
    /// No name says (an inline body under `/`, names made only of filler).
    Unknown,
    /// A user, customer, profile, principal: who privileges are granted to.
    Account,
    /// An account that may be a bank or ledger account: a principal for
    /// roles, but its `balance` is a figure recorded from elsewhere.
    Ledger,
    /// A membership, invitation, share, role, credential: access is what
    /// it is for.
    Access,
    Other,
}

/// The object holding a property, as far as the walk knows it.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Holder {
    subject: Subject,
    /// The resource the operation writes (the body, one of its `allOf`
    /// members or items, or a facet such as `properties`/`attributes`),
    /// not another object described inside it.
    own: bool,
}

fn check(cx: &mut Context<'_, '_>) {
    let spec = cx.spec;
    // Whether a property counts depends on the operation's path and on the
    // object holding it, so a schema is walked once per (path topics,
    // holder): a handful of combinations.
    let mut seen: HashSet<(FileId, NodeId, u8, Holder)> = HashSet::new();
    let mut reported = HashSet::new();
    for op in &spec.operations {
        if !matches!(op.method, "post" | "put" | "patch") {
            continue;
        }
        let Some(body) = &op.request_body else {
            continue;
        };
        let label = op.label();
        let managed = managed_topics(op.path);
        let resource = Holder {
            subject: path_subject(op.path),
            own: true,
        };
        // 2.0 form fields are the body's properties: the resource's own.
        for param in &op.parameters {
            if param.location == "formData"
                && counts(param.name, param.node, managed, resource)
                && reported.insert(param.node.key())
            {
                cx.report(
                    param.node,
                    format!(
                        "{label} accepts the privilege-bearing form field '{}'",
                        param.name
                    ),
                );
            }
        }
        let mut stack: Vec<(Node<'_>, Holder)> = body
            .media
            .iter()
            .filter_map(|m| m.schema)
            .map(|s| (s, resource))
            .collect();
        while let Some((node, inherited)) = stack.pop() {
            // A readOnly schema is ignored in requests, whatever it holds.
            if is_read_only(node) {
                continue;
            }
            let node = spec.resolve(node);
            if seen.len() >= MAX_SCHEMAS
                || !node.is_map()
                || is_read_only(node)
                || !seen.insert((node.key().0, node.key().1, managed, inherited))
            {
                continue;
            }
            // A named schema speaks for itself; a filler name
            // (`Body12`, `UpdateRequest`) leaves the question to its user.
            let holder = Holder {
                subject: component_name(node)
                    .and_then(subject_of_name)
                    .unwrap_or(inherited.subject),
                own: inherited.own,
            };
            for prop in properties(spec, node) {
                if !prop.is_read_only()
                    && !documented_read_only(prop.node)
                    && !documented_read_only(prop.schema)
                    && !sets_nothing(spec, prop.schema)
                    && counts(prop.key.name, prop.schema, managed, holder)
                    && reported.insert(prop.node.key())
                {
                    cx.report_key(
                        prop.node,
                        format!(
                            "{label} accepts the privilege-bearing property '{}' of {}",
                            prop.key.name,
                            holder_name(node, &label)
                        ),
                    );
                }
            }
            for child in subschemas(node) {
                stack.push((child, child_holder(child, holder)));
            }
        }
    }
}

/// What the walk knows of a subschema's holder. An inline object keeps its
/// holder's subject (a user's `teams[].roles` are still the user's), unless
/// its property name says it carries access (`shared_link`, `signers`) or
/// names an account (`user`); it
/// stays the written resource through `allOf`/`oneOf`/`anyOf`, `items` and
/// facets (`properties`, `attributes`, `data`), not through a named
/// property (`SourceDomainInfo` describes another resource).
fn child_holder(child: Node<'_>, holder: Holder) -> Holder {
    let keyword = child
        .parent()
        .and_then(|p| if p.is_seq() { p.parent_key() } else { None })
        .or_else(|| child.parent_key());
    let in_properties = child
        .parent()
        .filter(|p| p.is_map())
        .and_then(|p| p.parent_key())
        .is_some_and(|k| k.name == "properties");
    if in_properties {
        let named = child.parent_key().and_then(|k| subject_of_name(k.name));
        return Holder {
            subject: match named {
                Some(subject @ (Subject::Access | Subject::Account)) => subject,
                _ => holder.subject,
            },
            // A name made only of filler is a facet of its holder.
            own: holder.own && named.is_none(),
        };
    }
    let keeps = keyword.is_some_and(|k| matches!(k.name, "allOf" | "oneOf" | "anyOf" | "items"));
    Holder {
        subject: holder.subject,
        own: holder.own && keeps,
    }
}

/// Whether a property called `name` with schema `schema` is reported on
/// `holder`, under a path managing `managed`.
fn counts(name: &str, schema: Node<'_>, managed: u8, holder: Holder) -> bool {
    let Some(topic) = topic_of(name) else {
        return false;
    };
    if managed & topic != 0 {
        return false;
    }
    let granted = matches!(
        holder.subject,
        Subject::Account | Subject::Ledger | Subject::Unknown
    );
    match topic {
        ROLES => granted,
        // An `admin` object names a person (an administrator's contact),
        // not a flag.
        ADMIN => granted && !is_object(schema),
        GRANTS => granted && !grants_nothing(schema),
        BALANCE => matches!(holder.subject, Subject::Account | Subject::Unknown),
        // `owner_id` moves the written object to another owner; an owner
        // inside a description of another resource is data.
        OWNER => holder.own,
        // `verified` skips a check on whatever it is set.
        _ => true,
    }
}

/// What a privileged property grants, as a bit of the topics; `None` for a
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
        "balance" => BALANCE,
        // `verified`: no endpoint exists to set it.
        _ => 0,
    })
}

const ROLES: u8 = 1;
const ADMIN: u8 = 2;
const GRANTS: u8 = 4;
const OWNER: u8 = 8;
const BALANCE: u8 = 16;
/// What an access-managing endpoint or object is for.
const ACCESS: u8 = ROLES | ADMIN | GRANTS;

/// The topics a path manages, as in `POST /samlRoles {role}`,
/// `PUT /authorizations/{id} {scopes}` or `PUT /orgs/{org}/memberships/{user}
/// {role}`: setting such a property is the endpoint's purpose, guarded by
/// the endpoint's own authorization, not a field slipped into an unrelated
/// object.
fn managed_topics(path: &str) -> u8 {
    const WORDS: [(&str, u8); 10] = [
        ("role", ACCESS),
        ("admin", ACCESS),
        ("permission", ACCESS),
        ("scope", ACCESS),
        ("authorization", ACCESS),
        ("grant", ACCESS),
        ("token", ACCESS),
        ("key", ACCESS),
        ("credential", ACCESS),
        ("owner", OWNER),
    ];
    let mut topics = 0;
    for segment in path.split('/').filter(|s| !s.starts_with('{')) {
        let folded = normalize(segment);
        for (word, topic) in WORDS {
            if folded.contains(word) {
                topics |= topic;
            }
        }
        if words(segment).iter().any(|w| is_relation(w)) {
            topics |= ACCESS;
        }
    }
    topics
}

/// Whose the body of an operation on `path` is: its last segment that
/// names something (`/users/{id}/update` is about users,
/// `/accounts/{id}/data-sets` about data sets).
fn path_subject(path: &str) -> Subject {
    let mut named = path
        .split('/')
        .rev()
        .map(words)
        .filter(|words| subject_of_words(words.clone(), &PATH_NOISE).is_some());
    let Some(last) = named.next() else {
        return Subject::Unknown;
    };
    // `/orgs/{org}/users/{user}` reads as `org users`: a membership.
    let mut words: Vec<String> = named
        .next()
        .and_then(|w| w.last().cloned())
        .into_iter()
        .collect();
    words.extend(last);
    subject_of_words(words, &PATH_NOISE).unwrap_or(Subject::Unknown)
}

/// What a name (`CreateCompanyUserRequest`, `shared_link`, `apiCredentials`)
/// says about whose its properties are; `None` when it is only filler.
fn subject_of_name(name: &str) -> Option<Subject> {
    subject_of_words(words(name), &NOISE)
}

fn subject_of_words(words: Vec<String>, noise: &[&str]) -> Option<Subject> {
    let words: Vec<String> = words.iter().map(|w| singular(w)).collect();
    let mut meaningful = words.iter().filter(|w| !noise.contains(&w.as_str())).rev();
    let head = meaningful.next()?.as_str();
    if words.iter().any(|w| is_relation(w)) || ACCESS_NOUNS.contains(&head) {
        return Some(Subject::Access);
    }
    // The users of a group, team or organization are its members
    // (`group_users`, `OrgUser`).
    if matches!(head, "user" | "username" | "person" | "people")
        && meaningful
            .clone()
            .next()
            .is_some_and(|q| GROUPS.contains(&q.as_str()))
    {
        return Some(Subject::Access);
    }
    // `profile` and `account` take their kind from the word before them:
    // a `UserProfile` is a user's, a `SecurityProfile` a role, a
    // `ServiceAccount` a machine credential, a `BankAccount` a ledger.
    if matches!(head, "profile" | "account")
        && let Some(qualifier) = meaningful.next().map(String::as_str)
    {
        return Some(if ACCOUNT_NOUNS.contains(&qualifier) {
            Subject::Account
        } else if qualifier == "service" {
            Subject::Access
        } else {
            Subject::Other
        });
    }
    Some(match head {
        "account" => Subject::Ledger,
        _ if ACCOUNT_NOUNS.contains(&head) => Subject::Account,
        _ => Subject::Other,
    })
}

/// Relations that give someone access to something: wherever such a word
/// appears in a name, the object is that relation (`InviteUserRequest`,
/// `group_memberships`, `shared_link`, `SignRequestCreateSigner`).
fn is_relation(word: &str) -> bool {
    const PREFIXES: [&str; 8] = [
        "member",
        "collaborat",
        "invit",
        "signer",
        "cosigner",
        "participant",
        "sharing",
        "grantee",
    ];
    PREFIXES.iter().any(|p| word.starts_with(p))
        || matches!(word, "share" | "shared" | "shares" | "guest" | "guests")
}

/// Objects whose purpose is access (singular forms).
const ACCESS_NOUNS: [&str; 22] = [
    "role",
    "admin",
    "administrator",
    "permission",
    "scope",
    "grant",
    "privilege",
    "authorization",
    "authorisation",
    "acl",
    "ace",
    "policy",
    "binding",
    "credential",
    "key",
    "apikey",
    "token",
    "accesstoken",
    "client",
    "app",
    "consent",
    "delegation",
];

/// What has members (singular forms).
const GROUPS: [&str; 12] = [
    "group",
    "team",
    "org",
    "organization",
    "organisation",
    "project",
    "workspace",
    "channel",
    "room",
    "space",
    "conversation",
    "community",
];

/// Who privileges are granted to (singular forms).
const ACCOUNT_NOUNS: [&str; 22] = [
    "user",
    "username",
    "account",
    "customer",
    "person",
    "people",
    "profile",
    "principal",
    "identity",
    "employee",
    "superuser",
    "operator",
    "agent",
    "me",
    "self",
    "myself",
    "signup",
    "register",
    "wallet",
    "subscriber",
    "actor",
    "staff",
];

/// Words that name no thing: a schema's role in the API (`Request`,
/// `Input`, `Patch`), a verb of the endpoint (`create`), or a facet of its
/// holder (`attributes`, `settings`). Singular forms.
const NOISE: [&str; 63] = [
    "request",
    "response",
    "req",
    "resp",
    "input",
    "output",
    "body",
    "payload",
    "param",
    "parameter",
    "arg",
    "argument",
    "model",
    "dto",
    "entity",
    "data",
    "info",
    "information",
    "detail",
    "item",
    "object",
    "obj",
    "schema",
    "spec",
    "specification",
    "definition",
    "attribute",
    "attr",
    "property",
    "prop",
    "field",
    "config",
    "configuration",
    "setting",
    "option",
    "preference",
    "create",
    "update",
    "patch",
    "post",
    "put",
    "new",
    "edit",
    "modify",
    "add",
    "set",
    "base",
    "upsert",
    "writable",
    "api",
    "rest",
    "json",
    "form",
    "common",
    "save",
    "submit",
    "collection",
    "list",
    "summary",
    "record",
    "resource",
    "representation",
    "change",
];

/// Words of a path segment that name no thing: verbs of the endpoint and
/// API furniture (`/spaces/create`, `/v2/account_upserts.json`).
const PATH_NOISE: [&str; 17] = [
    "create", "update", "patch", "edit", "modify", "add", "delete", "remove", "save", "submit",
    "upsert", "bulk", "api", "rest", "json", "xml", "manage",
];

/// The words of a name: `CreateAPIKeyRequest` → create, api, key, request;
/// `group_memberships` → group, memberships. Numbers and versions (`v1`,
/// `2015`) and template variables (`{id}`) are dropped.
fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut in_variable = false;
    let chars: Vec<char> = name.chars().collect();
    let mut flush = |current: &mut String| {
        if !current.is_empty() && !current.chars().any(|c| c.is_ascii_digit()) {
            out.push(std::mem::take(current));
        }
        current.clear();
    };
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '{' => {
                flush(&mut current);
                in_variable = true;
                continue;
            }
            '}' => {
                in_variable = false;
                continue;
            }
            _ if in_variable => continue,
            _ if !c.is_alphanumeric() => {
                flush(&mut current);
                continue;
            }
            _ => {}
        }
        if c.is_uppercase() && !current.is_empty() {
            let previous = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if previous.is_lowercase()
                || previous.is_ascii_digit()
                || (previous.is_uppercase() && next_lower)
            {
                flush(&mut current);
            }
        }
        current.extend(c.to_lowercase());
    }
    flush(&mut current);
    out
}

/// `memberships` → `membership`, `policies` → `policy`; good enough for the
/// nouns above.
fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies").filter(|s| s.len() > 2) {
        format!("{stem}y")
    } else if word.ends_with("ss") || word.ends_with("us") || word.len() <= 3 {
        word.to_string()
    } else {
        word.strip_suffix('s').unwrap_or(word).to_string()
    }
}

/// A `permissions`/`scopes` enum none of whose values names an access
/// level or action: the values name data someone else consents to share
/// (`[balances, ownership, transactions]`), not rights the caller takes.
fn grants_nothing(schema: Node<'_>) -> bool {
    let values = schema
        .get("items")
        .filter(|items| items.is_map())
        .unwrap_or(schema)
        .get("enum");
    let Some(values) = values else {
        return false;
    };
    let values: Vec<&str> = values.items().filter_map(|v| v.as_str()).collect();
    !values.is_empty()
        && values.iter().all(|value| {
            !words(value)
                .iter()
                .any(|w| ACCESS_VALUES.contains(&singular(w).as_str()))
        })
}

/// Words of an access level or action (singular forms).
const ACCESS_VALUES: [&str; 41] = [
    "admin",
    "administrator",
    "owner",
    "root",
    "superuser",
    "super",
    "sudo",
    "manage",
    "manager",
    "maintain",
    "maintainer",
    "moderator",
    "moderate",
    "write",
    "writer",
    "readwrite",
    "rw",
    "edit",
    "editor",
    "delete",
    "create",
    "update",
    "modify",
    "full",
    "all",
    "read",
    "reader",
    "view",
    "viewer",
    "execute",
    "exec",
    "approve",
    "approver",
    "publish",
    "grant",
    "invite",
    "share",
    "upload",
    "download",
    "push",
    "access",
];

/// The schema's name when it is a reusable one (`components.schemas`, 2.0
/// `definitions`).
fn component_name(schema: Node<'_>) -> Option<&str> {
    let name = schema.parent_key()?.name;
    let section = schema.parent()?.parent_key()?.name;
    matches!(section, "schemas" | "definitions").then_some(name)
}

/// The object holding the property, as the message names it after the
/// operation: `schema 'User'`, `'application/json' request body` (its
/// operation is already named).
fn holder_name(schema: Node<'_>, operation: &str) -> String {
    let named = describe(schema);
    match named.strip_suffix(operation) {
        Some(rest) if rest.ends_with(" of ") => {
            let rest = &rest[..rest.len() - " of ".len()];
            rest.strip_prefix("the ").unwrap_or(rest).to_string()
        }
        _ => named,
    }
}

/// A description that says the field is read-only (`Output only.`,
/// `[Output Only]`, `Read-only.`), as Google's converted documents do
/// instead of `readOnly: true`.
fn documented_read_only(schema: Node<'_>) -> bool {
    let Some(description) = schema.get_str("description") else {
        return false;
    };
    description.split(['.', '\n']).any(|sentence| {
        let sentence = sentence.trim().to_ascii_lowercase();
        let sentence = sentence.trim_start_matches('[');
        sentence.starts_with("output only")
            || sentence.starts_with("output-only")
            || matches!(
                sentence,
                "read-only" | "read only" | "this field is read-only"
            )
    })
}

/// An object all of whose properties are read-only: sending it sets
/// nothing (`permissions: {effective: [...], readOnly}`).
fn sets_nothing(spec: &crate::model::Spec<'_>, schema: Node<'_>) -> bool {
    let props = properties(spec, schema);
    !props.is_empty()
        && props.iter().all(|p| {
            p.is_read_only() || documented_read_only(p.node) || documented_read_only(p.schema)
        })
}

fn is_object(schema: Node<'_>) -> bool {
    schema.has("properties") || SchemaType::of(schema).is("object")
}

fn is_read_only(schema: Node<'_>) -> bool {
    schema.get("readOnly").is_some_and(|r| r.is_true())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_names_into_words() {
        assert_eq!(
            words("CreateAPIKeyRequest"),
            ["create", "api", "key", "request"]
        );
        assert_eq!(words("group_memberships"), ["group", "memberships"]);
        assert_eq!(
            words("{file_id}#add_shared_link"),
            ["add", "shared", "link"]
        );
        assert_eq!(words("v1"), Vec::<String>::new());
    }

    #[test]
    fn names_a_subject() {
        use Subject::*;
        for (name, subject) in [
            ("CreateCompanyUserRequest", Some(Account)),
            ("UserModelPatch", Some(Account)),
            ("apiCredentials", Some(Access)),
            ("SignRequestCreateSigner", Some(Access)),
            ("shared_link", Some(Access)),
            ("userInvitations", Some(Access)),
            ("group_memberships", Some(Access)),
            ("EmployeeJob", Some(Other)),
            ("financial_connections", Some(Other)),
            ("Body12", None),
            ("UpdateRequest", None),
        ] {
            assert_eq!(subject_of_name(name), subject, "{name}");
        }
        assert_eq!(path_subject("/users/{id}/update"), Account);
        assert_eq!(path_subject("/"), Unknown);
    }
}
