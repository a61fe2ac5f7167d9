//! Name matching shared by rules that judge what a name means.

/// Case- and separator-insensitive form of a name: `Access-Token`,
/// `access_token` and `accessToken` all become `accesstoken`.
pub fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '_' | '-' | '.'))
        .flat_map(char::to_lowercase)
        .collect()
}
