//! Matching property and parameter names against the catalog's lists.

/// The characters of a name that matter: case and the separators `_ - . `
/// aside, `Access-Token`, `access_token` and `accessToken` read the same.
fn folded(name: &str) -> impl Iterator<Item = char> + '_ {
    name.chars()
        .filter(|c| !matches!(c, '_' | '-' | '.' | ' '))
        .flat_map(char::to_lowercase)
}

/// The folded form as a string: `Access-Token` → `accesstoken`.
pub fn normalize(name: &str) -> String {
    folded(name).collect()
}

/// Whether `name` is one of `list`, case- and separator-insensitively but
/// otherwise exactly: `password` matches `Password` and `PASS_WORD`, not
/// `password_changed_at`. Compares without allocating: it runs for every
/// property of every schema.
pub fn is_one_of(name: &str, list: &[&str]) -> bool {
    list.iter()
        .any(|candidate| folded(name).eq(folded(candidate)))
}
