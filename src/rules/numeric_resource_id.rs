//! Objects addressed by sequential integers, which invite enumeration.

use super::prelude::*;

pub static RULE: Rule = Rule {
    id: "numeric-resource-id",
    severity: Severity::Info,
    owasp: Owasp::API1,
    cwe: 639,
    versions: ALL_VERSIONS,
    summary: "A path parameter identifies a resource by an integer id",
    help: "expose non-guessable ids (`type: string, format: uuid`) and check object-level access on each",
    doc: include_str!("../../rules/numeric-resource-id.md"),
    enabled_by_default: true,
    precision: Precision::Medium,
    check: Check::Spec(check),
};

fn check(cx: &mut Context<'_, '_>) {
    // Each parameter once, where it is defined (path-level and shared ones
    // included).
    for param in cx.spec.parameters() {
        if param.location == "path"
            && is_id_name(param.name)
            && param
                .schema
                .is_some_and(|s| SchemaType::of(s).is("integer"))
        {
            cx.report(
                param.node,
                format!(
                    "path parameter '{}' is an integer id: sequential ids are easy to enumerate",
                    param.name
                ),
            );
        }
    }
}

/// `id`, or a name ending in `_id`, `-id`, `Id` or `ID` after a lowercase
/// letter or digit (`userId`, `userID`, `user_id`; not `GUID` or `paid`).
fn is_id_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if lower == "id" || lower.ends_with("_id") || lower.ends_with("-id") {
        return true;
    }
    let Some(stem) = name.strip_suffix("Id").or_else(|| name.strip_suffix("ID")) else {
        return false;
    };
    stem.chars()
        .last()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::is_id_name;

    #[test]
    fn recognises_id_names() {
        for name in [
            "id", "ID", "user_id", "USER_ID", "user-id", "userId", "userID", "v2Id",
        ] {
            assert!(is_id_name(name), "{name}");
        }
        for name in [
            "paid", "GUID", "identity", "idea", "uuid", "userid", "Id_card",
        ] {
            assert!(!is_id_name(name), "{name}");
        }
    }
}
