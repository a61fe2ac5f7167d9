//! Parsing `$ref` strings into what they point at.

/// What a `$ref` names, before any file is touched.
#[derive(Debug, PartialEq, Eq)]
pub enum RefTarget {
    /// `#/components/schemas/User`: a pointer into the same file.
    Local { pointer: String },
    /// `./schemas/user.yaml#/User`: a relative file and a pointer into it.
    File { path: String, pointer: String },
    /// `https://…`, `file:…`, `urn:…`: never fetched.
    Remote { url: String },
    /// `#User`: a plain-name fragment (a JSON Schema anchor), not a pointer.
    Anchor { name: String },
}

pub fn parse_ref(reference: &str) -> RefTarget {
    let (location, fragment) = match reference.split_once('#') {
        Some((location, fragment)) => (location, fragment),
        None => (reference, ""),
    };
    if has_scheme(location) || location.starts_with("//") {
        return RefTarget::Remote {
            url: reference.to_owned(),
        };
    }
    let fragment = percent_decode(fragment);
    if !fragment.is_empty() && !fragment.starts_with('/') {
        return RefTarget::Anchor { name: fragment };
    }
    if location.is_empty() {
        RefTarget::Local { pointer: fragment }
    } else {
        RefTarget::File {
            path: percent_decode(location),
            pointer: fragment,
        }
    }
}

/// `scheme:` per RFC 3986 (a letter, then letters, digits, `+`, `-`, `.`).
fn has_scheme(location: &str) -> bool {
    let Some((scheme, _)) = location.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

pub fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let decoded = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match decoded {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_references() {
        assert_eq!(
            parse_ref("#/components/schemas/User"),
            RefTarget::Local {
                pointer: "/components/schemas/User".into()
            }
        );
        assert_eq!(
            parse_ref("./schemas/user%20v2.yaml#/User"),
            RefTarget::File {
                path: "./schemas/user v2.yaml".into(),
                pointer: "/User".into()
            }
        );
        assert_eq!(
            parse_ref("common.yaml"),
            RefTarget::File {
                path: "common.yaml".into(),
                pointer: "".into()
            }
        );
        assert!(matches!(
            parse_ref("http://evil.example/x.yaml#/A"),
            RefTarget::Remote { .. }
        ));
        assert!(matches!(
            parse_ref("file:///etc/passwd"),
            RefTarget::Remote { .. }
        ));
        assert!(matches!(
            parse_ref("//host/x.yaml"),
            RefTarget::Remote { .. }
        ));
        assert_eq!(
            parse_ref("#/paths/~1users~1%7Bid%7D"),
            RefTarget::Local {
                pointer: "/paths/~1users~1{id}".into()
            }
        );
        assert_eq!(
            parse_ref("#User"),
            RefTarget::Anchor {
                name: "User".into()
            }
        );
    }
}
