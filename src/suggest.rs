//! "did you mean": the known name closest to a misspelled one, for spec
//! fields and values, rule ids, config keys and command-line values alike.

/// Names longer than this get no suggestion: the distance is quadratic in
/// the length, and no field of the specification (or rule id) is that long.
const MAX_LEN: usize = 64;

/// The candidate closest to `name`, when it is close enough to be the
/// intended one: the same but for case or separators, or within an edit
/// distance that grows with the length (1 up to 4 characters, 2 up to 8,
/// 3 beyond), or that it abbreviates (`warn` for `warning`).
pub fn closest<'c>(name: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let allowed = match name.len() {
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
    if name.len() < 5 {
        return None;
    }
    best(name, candidates, 1)
}

fn best<'c>(
    name: &str,
    candidates: impl IntoIterator<Item = &'c str>,
    allowed: usize,
) -> Option<&'c str> {
    // Specification names are ASCII; a longer or non-ASCII name is no slip
    // of one of them.
    if name.len() > MAX_LEN || !name.is_ascii() {
        return None;
    }
    let mut found: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate == name {
            continue;
        }
        let distance = if same_folded(name, candidate) {
            0
        } else if is_abbreviation(name, candidate) {
            // `warn` for `warning`: the most an accepted slip may cost.
            allowed
        } else if candidate.len().abs_diff(name.len()) > allowed {
            // The length difference alone takes more edits than allowed.
            continue;
        } else {
            match distance(name.as_bytes(), candidate.as_bytes(), allowed) {
                Some(d) => d,
                None => continue,
            }
        };
        if found.is_none_or(|(d, _)| distance < d) {
            found = Some((distance, candidate));
        }
    }
    found.map(|(_, c)| c)
}

/// `name` is the start of `candidate`, long enough to mean it (`warn`,
/// `desc`), whatever the case.
fn is_abbreviation(name: &str, candidate: &str) -> bool {
    name.len() >= 3
        && candidate.len() > name.len()
        && candidate.as_bytes()[..name.len()].eq_ignore_ascii_case(name.as_bytes())
}

/// Equal but for case and `_`/`-`: `formdata` is `formData`, `max_length`
/// is `maxLength`.
fn same_folded(a: &str, b: &str) -> bool {
    fold(a).eq(fold(b))
}

fn fold(name: &str) -> impl Iterator<Item = u8> + '_ {
    name.bytes()
        .filter(|b| !matches!(b, b'_' | b'-'))
        .map(|b| b.to_ascii_lowercase())
}

/// Optimal string alignment distance (Levenshtein plus adjacent
/// transpositions: `maxLenght` is one edit from `maxLength`), or `None` once
/// it must exceed `limit`. Both names are at most [`MAX_LEN`] bytes, so the
/// three rows it keeps live on the stack and take turns.
fn distance(a: &[u8], b: &[u8], limit: usize) -> Option<usize> {
    const WIDTH: usize = MAX_LEN + 1;
    if a.len() > MAX_LEN || b.len() > MAX_LEN {
        return None;
    }
    let mut rows = [0u8; 3 * WIDTH];
    let row = |i: usize| (i % 3) * WIDTH;
    for (j, cell) in rows.iter_mut().enumerate().take(b.len() + 1) {
        *cell = j as u8;
    }
    for i in 1..=a.len() {
        let (now, up, up2) = (row(i), row(i - 1), row(i + 1));
        rows[now] = i as u8;
        let mut row_min = i as u8;
        for j in 1..=b.len() {
            let cost = u8::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[up + j] + 1)
                .min(rows[now + j - 1] + 1)
                .min(rows[up + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                // Row i - 2 is the one row i + 1 will overwrite.
                d = d.min(rows[up2 + j - 2] + 1);
            }
            rows[now + j] = d;
            row_min = row_min.min(d);
        }
        if usize::from(row_min) > limit {
            return None;
        }
    }
    Some(usize::from(rows[row(a.len()) + b.len()])).filter(|&d| d <= limit)
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
