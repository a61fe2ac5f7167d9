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

/// Lowercase words of a camelCase, snake_case or kebab-case name.
pub fn words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_ascii_alphanumeric() {
            prev_lower = false;
            out.push(String::new());
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower || out.is_empty() {
            out.push(String::new());
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        if let Some(w) = out.last_mut() {
            w.push(c.to_ascii_lowercase());
        }
    }
    out.retain(|w| !w.is_empty());
    out
}
