//! Matching property and parameter names against the catalog's lists.

/// Case- and separator-insensitive form of a name: `Access-Token`,
/// `access_token` and `accessToken` all become `accesstoken`.
pub fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '_' | '-' | '.' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `name` is one of `list`, case- and separator-insensitively but
/// otherwise exactly: `password` matches `Password` and `PASS_WORD`, not
/// `password_changed_at`.
pub fn is_one_of(name: &str, list: &[&str]) -> bool {
    let name = normalize(name);
    list.iter().any(|candidate| normalize(candidate) == name)
}
