//! Reading JSON Schema `pattern`s (ECMA-262 regular expressions) just far
//! enough to judge their anchors and repetition.

use std::str::Chars;

/// The characters of a pattern that are syntax: escapes and the insides of
/// character classes skipped, each with its group depth.
pub struct Tokens<'p> {
    chars: Chars<'p>,
    depth: usize,
    in_class: bool,
}

impl Tokens<'_> {
    /// A `[` was never closed: the pattern is malformed.
    pub fn in_class(&self) -> bool {
        self.in_class
    }
}

impl Iterator for Tokens<'_> {
    type Item = (char, usize);

    fn next(&mut self) -> Option<(char, usize)> {
        loop {
            let c = self.chars.next()?;
            match c {
                '\\' => {
                    self.chars.next();
                }
                '[' if !self.in_class => self.in_class = true,
                ']' if self.in_class => self.in_class = false,
                _ if self.in_class => {}
                '(' => {
                    self.depth += 1;
                    return Some((c, self.depth - 1));
                }
                ')' => {
                    self.depth = self.depth.saturating_sub(1);
                    return Some((c, self.depth));
                }
                _ => return Some((c, self.depth)),
            }
        }
    }
}

pub fn tokens(pattern: &str) -> Tokens<'_> {
    Tokens {
        chars: pattern.chars(),
        depth: 0,
        in_class: false,
    }
}

/// A final `$` that is not escaped (`\$` is a literal dollar sign).
pub fn ends_with_anchor(pattern: &str) -> bool {
    let Some(body) = pattern.strip_suffix('$') else {
        return false;
    };
    let backslashes = body.chars().rev().take_while(|&c| c == '\\').count();
    backslashes % 2 == 0
}

/// A `|` outside any group or character class: `^a|b$` is `(^a)|(b$)`.
pub fn has_top_level_alternation(pattern: &str) -> bool {
    tokens(pattern).any(|(c, depth)| c == '|' && depth == 0)
}

/// Whether a pattern caps the length of what it matches: anchored at both
/// ends (`^…$`, one alternative) with no unbounded repetition (`*`, `+`,
/// `{n,}`), as `^[A-Z]{2}[0-9]{4}$` or `^(GET|POST)$`.
pub fn bounds_length(pattern: &str) -> bool {
    if !pattern.starts_with('^') || !ends_with_anchor(pattern) || has_top_level_alternation(pattern)
    {
        return false;
    }
    let mut syntax = tokens(&pattern[1..pattern.len() - 1]);
    while let Some((c, _)) = syntax.next() {
        match c {
            '*' | '+' => return false,
            '{' => {
                let quantifier: String = syntax
                    .by_ref()
                    .map(|(c, _)| c)
                    .take_while(|&c| c != '}')
                    .collect();
                if quantifier.ends_with(',') {
                    return false;
                }
            }
            _ => {}
        }
    }
    !syntax.in_class()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchored_patterns_without_open_repetition_bound_length() {
        for pattern in [
            "^[A-Z]{2}[0-9]{4}$",
            "^(GET|POST)$",
            "^[a-z+*]{1,20}$",
            "^\\d{3}-\\d{4}$",
            "^x\\+$",
        ] {
            assert!(bounds_length(pattern), "{pattern}");
        }
        for pattern in [
            "[A-Z]{2}",
            "^[a-z]+$",
            "^.*$",
            "^[a-z]{2,}$",
            "^[a-z]{1,20}",
            "[a-z]{1,20}$",
            "^(?=.*[0-9])[a-z0-9]{8}$",
            "^abc\\$",
            "^[a-z$",
            "^a|b$",
        ] {
            assert!(!bounds_length(pattern), "{pattern}");
        }
    }

    #[test]
    fn alternation_and_anchors() {
        assert!(has_top_level_alternation("^a|b$"));
        assert!(!has_top_level_alternation("^(a|b)$"));
        assert!(!has_top_level_alternation("^[a|b]$"));
        assert!(!has_top_level_alternation("^a\\|b$"));
        assert!(ends_with_anchor("^a$") && ends_with_anchor("^a\\\\$"));
        assert!(!ends_with_anchor("^a\\$"));
    }
}
