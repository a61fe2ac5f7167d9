//! "did you mean": the known name closest to a misspelled one.

/// Names longer than this get no suggestion: the distance is quadratic in
/// the length, and no field of the specification is that long.
const MAX_LEN: usize = 64;

/// The candidate closest to `name`, when it is close enough to be the
/// intended one: the same but for case or separators, or within an edit
/// distance that grows with the length (1 up to 4 characters, 2 up to 8,
/// 3 beyond).
pub fn closest<'c>(name: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let allowed = match name.chars().count() {
        0..=4 => 1,
        5..=8 => 2,
        _ => 3,
    };
    best(name, candidates, allowed)
}

/// Like [`closest`], but only for one slip (a letter missing, added,
/// changed or two swapped) or a difference of case, in names of five
/// characters or more: for JSON Schema 2020-12, where any other keyword is
/// a legal annotation and only an obvious typo is worth a word.
pub fn near_miss<'c>(name: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    if name.chars().count() < 5 {
        return None;
    }
    best(name, candidates, 1)
}

fn best<'c>(
    name: &str,
    candidates: impl IntoIterator<Item = &'c str>,
    allowed: usize,
) -> Option<&'c str> {
    if name.len() > MAX_LEN {
        return None;
    }
    let folded = fold(name);
    let mut found: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate == name {
            continue;
        }
        let distance = if fold(candidate) == folded {
            0
        } else {
            distance(name, candidate)
        };
        if distance <= allowed && found.is_none_or(|(d, _)| distance < d) {
            found = Some((distance, candidate));
        }
    }
    found.map(|(_, c)| c)
}

/// Lower case without `_` and `-`: `formdata` is `formData`, `max_length`
/// is `maxLength`.
fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Optimal string alignment distance (Levenshtein plus adjacent
/// transpositions): `maxLenght` is one edit from `maxLength`.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 3 {
        return usize::MAX;
    }
    let width = b.len() + 1;
    let mut rows = vec![0usize; (a.len() + 1) * width];
    for (j, cell) in rows.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows[i * width] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[(i - 1) * width + j] + 1)
                .min(rows[i * width + j - 1] + 1)
                .min(rows[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[(i - 2) * width + j - 2] + 1);
            }
            rows[i * width + j] = d;
        }
    }
    rows[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_intended_name() {
        let fields = ["security", "servers", "summary", "parameters"];
        assert_eq!(closest("securty", fields), Some("security"));
        assert_eq!(closest("paramters", fields), Some("parameters"));
        assert_eq!(closest("Security", fields), Some("security"));
        assert_eq!(closest("tags", fields), None);
        assert_eq!(closest("formdata", ["formData", "query"]), Some("formData"));
        assert_eq!(closest("querry", ["query", "header"]), Some("query"));
        assert_eq!(closest("oauth", ["oauth2", "apiKey"]), Some("oauth2"));
    }

    #[test]
    fn a_near_miss_is_one_slip() {
        let keywords = ["maxLength", "minLength", "pattern", "format"];
        assert_eq!(near_miss("maxLenght", keywords), Some("maxLength"));
        assert_eq!(near_miss("maxlength", keywords), Some("maxLength"));
        assert_eq!(near_miss("patterns", keywords), Some("pattern"));
        assert_eq!(near_miss("maxItemsLength", keywords), None);
        assert_eq!(near_miss("form", keywords), None);
    }
}
