//! Servers: 3.x `servers` at root, path and operation level (3.2's `query`
//! and `additionalOperations` included); 2.0's
//! `schemes` + `host` + `basePath` seen as servers.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use crate::source::Node;

use super::Spec;

/// Distinct expansions of the part of a URL the rules read (its scheme and
/// authority), at most. A real server has a few variables there with a few
/// values each, far below this; past it, see [`Template::expand`].
const MAX_VARIANTS: usize = 256;
/// Bytes of one expanded URL, at most: one variable written 10,000 times
/// with a long default would otherwise expand to gigabytes. A URL is cut
/// there (the part the rules read, up to the end of the host, ends long
/// before in any real one: a DNS name has at most 253 characters).
const MAX_URL_BYTES: usize = 2048;

pub struct Server<'a> {
    /// The URL as written (2.0: assembled from host and basePath).
    pub url: String,
    /// Where findings point: the `url` value (2.0: the `host` value).
    pub node: Node<'a>,
    /// The server object (3.x), for its description and extensions.
    pub object: Option<Node<'a>>,
    /// `expanded_urls`, computed at the first call: several rules ask.
    expanded: OnceCell<Vec<String>>,
}

impl Server<'_> {
    pub fn description(&self) -> Option<&str> {
        self.object.and_then(|o| o.get_str("description"))
    }

    /// The URL with `{variables}` replaced by their values (`enum`, and
    /// `default`), once per combination the rules can tell apart, so a
    /// plain-http choice is not missed. The rules read a URL's scheme and
    /// authority (host, port, userinfo); a combination is expanded until
    /// those are settled, and the variables after them take their first
    /// value: a URL with thousands of variables in its path is one
    /// expansion, not a cartesian product. See `Template::expand` for the
    /// bound on the combinations that remain.
    pub fn expanded_urls(&self) -> Vec<String> {
        self.expanded
            .get_or_init(|| match self.object.and_then(|o| o.get("variables")) {
                Some(vars) => Template::parse(&self.url, vars).expand(),
                None => vec![self.url.clone()],
            })
            .clone()
    }
}

pub(super) fn collect<'a>(spec: &Spec<'a>) -> Vec<Server<'a>> {
    if spec.is_v2() {
        return swagger_host(spec).into_iter().collect();
    }
    let mut lists = vec![spec.root.get("servers")];
    if let Some(paths) = spec.get(spec.root, "paths") {
        for (_, item) in paths.entries() {
            let item = spec.resolve(item);
            lists.push(item.get("servers"));
            lists.extend(
                super::item_operations(spec, item)
                    .into_iter()
                    .map(|op| op.node.get("servers")),
            );
        }
    }
    let mut servers = Vec::new();
    let mut seen = HashSet::new();
    for list in lists.into_iter().flatten() {
        for object in list.items() {
            let object = spec.resolve(object);
            let Some(url) = object.get("url") else {
                continue;
            };
            let Some(text) = url.as_str() else { continue };
            // A server object shared through `$ref` is one server.
            if !seen.insert(url.key()) {
                continue;
            }
            servers.push(Server {
                url: text.to_owned(),
                node: url,
                object: Some(object),
                expanded: OnceCell::new(),
            });
        }
    }
    servers
}

fn swagger_host<'a>(spec: &Spec<'a>) -> Option<Server<'a>> {
    let host = spec.root.get("host")?;
    let base_path = spec.root.get_str("basePath").unwrap_or("");
    Some(Server {
        url: format!("{}{base_path}", host.as_str()?),
        node: host,
        object: None,
        expanded: OnceCell::new(),
    })
}

/// A server URL cut into literal text and the variables that have values.
struct Template<'t> {
    url: &'t str,
    pieces: Vec<Piece<'t>>,
    /// Per variable the URL uses: its distinct values, `enum` order, then
    /// `default`.
    values: Vec<Vec<&'t str>>,
}

#[derive(Clone, Copy)]
enum Piece<'t> {
    Text(&'t str),
    /// `{name}` as written, and the variable's index in `values`.
    Var(&'t str, usize),
}

/// A variable not chosen yet.
const UNCHOSEN: usize = usize::MAX;

impl<'t> Template<'t> {
    /// One pass over the URL: a `{name}` naming a variable with values is a
    /// placeholder (the innermost, when braces nest); any other brace is
    /// text, as is a variable without values.
    fn parse(url: &'t str, vars: Node<'t>) -> Template<'t> {
        let mut template = Template {
            url,
            pieces: Vec::new(),
            values: Vec::new(),
        };
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut text_from = 0;
        let mut open = None;
        for (at, byte) in url.bytes().enumerate() {
            match byte {
                b'{' => open = Some(at),
                b'}' => {
                    let Some(start) = open.take() else { continue };
                    let name = &url[start + 1..at];
                    let values = &mut template.values;
                    let var = *index.entry(name).or_insert_with(|| {
                        let found = variable_values(vars.get(name));
                        if found.is_empty() {
                            return UNCHOSEN;
                        }
                        values.push(found);
                        values.len() - 1
                    });
                    if var != UNCHOSEN {
                        if text_from < start {
                            template.pieces.push(Piece::Text(&url[text_from..start]));
                        }
                        template.pieces.push(Piece::Var(&url[start..=at], var));
                        text_from = at + 1;
                    }
                }
                _ => {}
            }
        }
        if text_from < url.len() {
            template.pieces.push(Piece::Text(&url[text_from..]));
        }
        template
    }

    /// The expansions, in the order of the values (the first variable's
    /// first value first). A variable written twice takes one value.
    ///
    /// Breadth first over the URL: a combination branches on a variable
    /// only while its scheme and authority are unsettled (see [`Scan`]), and
    /// at most [`MAX_VARIANTS`] combinations are made; past that, the
    /// remaining ones take each variable's first value. That bound could
    /// hide a plain-http combination, so when it is reached (or a URL is cut
    /// at [`MAX_URL_BYTES`] before its authority ends), one expansion whose
    /// scheme is `http://` or `ws://` is searched for exactly
    /// ([`Template::plain_scheme`]) and added: a rule asking whether any
    /// expansion is cleartext never loses one to the bound. Time and memory
    /// are linear in the URL's length times `MAX_VARIANTS`.
    fn expand(&self) -> Vec<String> {
        if !self.pieces.iter().any(|p| matches!(p, Piece::Var(..))) {
            return vec![self.url.to_owned()];
        }
        let mut truncated = false;
        let mut states = vec![Expansion {
            url: String::new(),
            chosen: vec![UNCHOSEN; self.values.len()],
            scan: Scan::default(),
            next: 0,
        }];
        for (at, piece) in self.pieces.iter().enumerate() {
            if states.iter().all(|s| s.scan.done) {
                break;
            }
            let branches = match *piece {
                Piece::Var(_, var) => states
                    .iter()
                    .any(|s| !s.scan.done && s.chosen[var] == UNCHOSEN),
                Piece::Text(_) => false,
            };
            if !branches {
                for state in states.iter_mut().filter(|s| !s.scan.done) {
                    state.append(self, at, &mut truncated);
                }
                continue;
            }
            let Piece::Var(_, var) = *piece else {
                unreachable!()
            };
            let mut room = MAX_VARIANTS.saturating_sub(states.len());
            let mut next = Vec::with_capacity(states.len());
            for mut state in states {
                if state.scan.done || state.chosen[var] != UNCHOSEN {
                    if !state.scan.done {
                        state.append(self, at, &mut truncated);
                    }
                    next.push(state);
                    continue;
                }
                let more = self.values[var].len() - 1;
                if more > room {
                    truncated = true;
                }
                let more = more.min(room);
                room -= more;
                let others: Vec<Expansion> = (1..=more)
                    .map(|value| {
                        let mut other = state.clone();
                        other.chosen[var] = value;
                        other
                    })
                    .collect();
                state.chosen[var] = 0;
                for mut state in std::iter::once(state).chain(others) {
                    state.append(self, at, &mut truncated);
                    next.push(state);
                }
            }
            states = next;
        }
        let mut seen = HashSet::new();
        let mut urls = Vec::new();
        for mut state in states {
            state.finish(self);
            if seen.insert(state.url.clone()) {
                urls.push(state.url);
            }
        }
        if truncated
            && let Some(url) = self.plain_scheme()
            && seen.insert(url.clone())
        {
            urls.push(url);
        }
        urls
    }

    /// An expansion whose scheme is `http://` or `ws://` (any case), when
    /// one exists: its variables up to the scheme's `//` take the values
    /// that make it, the rest stay as written (so the host is not claimed
    /// to be one it need not be). Exact on the scheme and linear: the
    /// scheme is at most 7 bytes, so a set of at most 12 partial schemes
    /// is carried over the pieces. (A variable written twice before the
    /// `//` may take two values here: a cleartext scheme is then claimed
    /// where only an impossible combination gives one, never missed.)
    fn plain_scheme(&self) -> Option<String> {
        // Per piece, per partial scheme reached: the partial scheme before
        // the piece and the value taken.
        let mut back: Vec<[Option<(u8, usize)>; PARTIALS.len()]> = Vec::new();
        let mut reached = [false; PARTIALS.len()];
        reached[0] = true;
        let mut moves: HashMap<usize, Vec<Vec<(usize, usize)>>> = HashMap::new();
        for piece in &self.pieces {
            let mut step = [None; PARTIALS.len()];
            let mut done = None;
            for from in (0..PARTIALS.len()).filter(|&p| reached[p]) {
                let targets: Vec<(usize, usize)> = match *piece {
                    Piece::Text(text) => scheme_step(from, text)
                        .into_iter()
                        .map(|to| (to, 0))
                        .collect(),
                    Piece::Var(_, var) => moves
                        .entry(var)
                        .or_insert_with(|| scheme_moves(&self.values[var]))[from]
                        .clone(),
                };
                for (to, value) in targets {
                    if to == COMPLETE {
                        done.get_or_insert((from, value));
                    } else if step[to].is_none() {
                        step[to] = Some((from as u8, value));
                    }
                }
            }
            if let Some((from, value)) = done {
                // Rebuild: this piece with `value`, the earlier ones as the
                // back pointers say, the later ones as written.
                let last = back.len();
                let mut chosen = vec![value];
                let mut partial = from;
                for step in back.iter().rev() {
                    let (before, value) = step[partial].expect("reached");
                    chosen.push(value);
                    partial = before as usize;
                }
                chosen.reverse();
                let mut url = String::new();
                for (at, piece) in self.pieces.iter().enumerate() {
                    let text = match *piece {
                        Piece::Text(text) => text,
                        Piece::Var(_, var) if at <= last => self.values[var][chosen[at]],
                        Piece::Var(raw, _) => raw,
                    };
                    push_capped(&mut url, text);
                }
                return Some(url);
            }
            reached = step.map(|s| s.is_some());
            if !reached.contains(&true) {
                return None;
            }
            back.push(step);
        }
        None
    }
}

/// One combination being expanded.
#[derive(Clone)]
struct Expansion {
    url: String,
    /// Per variable, the index of its value, or `UNCHOSEN`.
    chosen: Vec<usize>,
    scan: Scan,
    /// The first piece not appended yet.
    next: usize,
}

impl Expansion {
    /// The text of piece `at`: a variable at its chosen value, or its first
    /// when none was chosen (which then counts as chosen).
    fn text_of<'t>(&mut self, template: &Template<'t>, at: usize) -> &'t str {
        match template.pieces[at] {
            Piece::Text(text) => text,
            Piece::Var(_, var) => {
                if self.chosen[var] == UNCHOSEN {
                    self.chosen[var] = 0;
                }
                template.values[var][self.chosen[var]]
            }
        }
    }

    /// Appends piece `at` (its variable chosen) and scans what it adds.
    fn append(&mut self, template: &Template<'_>, at: usize, truncated: &mut bool) {
        let text = self.text_of(template, at);
        self.next = at + 1;
        if !push_capped(&mut self.url, text) {
            // Cut before its authority was read: the rules see a prefix.
            *truncated = true;
            self.scan.done = true;
            return;
        }
        self.scan.advance(self.url.as_bytes());
    }

    /// Appends the pieces not appended yet, each variable at its chosen or
    /// first value.
    fn finish(&mut self, template: &Template<'_>) {
        for at in self.next..template.pieces.len() {
            if self.url.len() >= MAX_URL_BYTES {
                break;
            }
            let text = self.text_of(template, at);
            push_capped(&mut self.url, text);
        }
    }
}

/// Appends `text` up to `MAX_URL_BYTES` in all (at a character boundary);
/// false when it was cut.
fn push_capped(url: &mut String, text: &str) -> bool {
    let room = MAX_URL_BYTES.saturating_sub(url.len());
    if text.len() <= room {
        url.push_str(text);
        return true;
    }
    let mut end = room;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    url.push_str(&text[..end]);
    false
}

/// Reads an expanding URL, a few bytes at a time, until what
/// `rules::shared::url::authority` and a scheme test read of it is settled: the
/// scheme and authority of `scheme://authority/…` or `//authority/…` once a
/// `/`, `?` or `#` ends the authority; a relative URL once a `/`, `?` or `#`
/// that is not part of `://` or a leading `//` shows it has no scheme.
/// Nothing appended after that point changes what the rules see.
#[derive(Clone, Default)]
struct Scan {
    /// Bytes read so far.
    pos: usize,
    /// The first `/`, `?` or `#`.
    separator: Option<usize>,
    /// Where the authority starts, once known.
    authority: Option<usize>,
    done: bool,
}

fn is_separator(byte: &u8) -> bool {
    matches!(byte, b'/' | b'?' | b'#')
}

impl Scan {
    fn advance(&mut self, url: &[u8]) {
        while !self.done {
            if let Some(from) = self.authority {
                let start = self.pos.max(from);
                self.done = url[start..].iter().any(is_separator);
                self.pos = url.len();
                return;
            }
            let Some(at) = self.separator else {
                match url[self.pos..].iter().position(is_separator) {
                    Some(offset) => self.separator = Some(self.pos + offset),
                    None => {
                        self.pos = url.len();
                        return;
                    }
                }
                continue;
            };
            // `:/` or a leading `/` may open `://` or `//`: one more byte
            // tells.
            let slashes = url[at] == b'/' && (at == 0 || url[at - 1] == b':');
            if !slashes {
                self.done = true;
                return;
            }
            match url.get(at + 1) {
                None => {
                    self.pos = at + 1;
                    return;
                }
                Some(b'/') => {
                    self.authority = Some(at + 2);
                    self.pos = at + 2;
                }
                Some(_) => self.done = true,
            }
        }
    }
}

/// A variable's distinct values: its `enum`, then its `default`.
fn variable_values(var: Option<Node<'_>>) -> Vec<&str> {
    let Some(var) = var else { return Vec::new() };
    let mut seen = HashSet::new();
    var.get("enum")
        .into_iter()
        .flat_map(|e| e.items())
        .filter_map(|v| v.as_str())
        .chain(var.get_str("default"))
        .filter(|v| seen.insert(*v))
        .collect()
}

/// The partial cleartext schemes `plain_scheme` tracks: the proper
/// prefixes of `http://` and `ws://`, lowercase.
const PARTIALS: [&str; 11] = [
    "", "h", "ht", "htt", "http", "http:", "http:/", "w", "ws", "ws:", "ws:/",
];
/// A cleartext scheme is complete.
const COMPLETE: usize = usize::MAX;

/// Where partial scheme `from` goes with `text` appended: another partial
/// one, `COMPLETE`, or nowhere (`None`).
fn scheme_step(from: usize, text: &str) -> Option<usize> {
    let mut partial = PARTIALS[from].to_owned();
    for byte in text.bytes().take(7) {
        partial.push(byte.to_ascii_lowercase() as char);
        if partial == "http://" || partial == "ws://" {
            return Some(COMPLETE);
        }
    }
    PARTIALS.iter().position(|p| *p == partial)
}

/// Per partial scheme, where a variable's values take it: each reachable
/// partial scheme (or `COMPLETE`) once, with the first value that does.
fn scheme_moves(values: &[&str]) -> Vec<Vec<(usize, usize)>> {
    (0..PARTIALS.len())
        .map(|from| {
            let mut out: Vec<(usize, usize)> = Vec::new();
            for (index, value) in values.iter().enumerate() {
                if let Some(to) = scheme_step(from, value)
                    && !out.iter().any(|&(t, _)| t == to)
                {
                    out.push((to, index));
                }
            }
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FileId, SourceFile};

    /// The expansions of `url` with `variables` (a JSON object).
    fn expand(url: &str, variables: &str) -> Vec<String> {
        let text = format!(r#"{{"variables": {variables}}}"#);
        let (file, error) = SourceFile::parse(FileId(0), "s.json".into(), text);
        assert!(error.is_none(), "{variables}");
        let vars = file.root().unwrap().get("variables").unwrap();
        Template::parse(url, vars).expand()
    }

    /// The prefix of `url` after which `Scan` says nothing the rules read
    /// can change (all of it when it never says so).
    fn settled(url: &str) -> &str {
        let mut scan = Scan::default();
        for end in 1..=url.len() {
            scan.advance(&url.as_bytes()[..end]);
            if scan.done {
                return &url[..end];
            }
        }
        url
    }

    #[test]
    fn scan_stops_where_scheme_and_authority_are_known() {
        for (url, prefix) in [
            (
                "https://u:p@api.example.com:8443/v1",
                "https://u:p@api.example.com:8443/",
            ),
            ("http://h?x=1", "http://h?"),
            ("//cdn.example.com/x", "//cdn.example.com/"),
            ("/v1/users", "/v"),
            ("?q", "?"),
            ("api.example.com/v1", "api.example.com/"),
            ("http:/x://h/", "http:/x"),
            ("a?b://c/", "a?"),
            ("://h/p", "://h/"),
            ("https://api.example.com", "https://api.example.com"),
        ] {
            assert_eq!(settled(url), prefix, "{url}");
        }
    }

    #[test]
    fn every_distinct_scheme_and_authority_is_expanded() {
        // Small templates over pieces that make and break schemes and
        // authorities, against the full cartesian product.
        const TEXT: [&str; 12] = [
            "http",
            "s",
            "://",
            "/",
            ":",
            "@",
            "a.b",
            "?",
            "//",
            "localhost",
            "x",
            "",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize
        };
        for _ in 0..3_000 {
            let names = ["a", "b", "c"];
            let values: Vec<Vec<&str>> = names
                .iter()
                .map(|_| {
                    let mut v: Vec<&str> = (0..1 + next() % 3).map(|_| TEXT[next() % 12]).collect();
                    v.dedup();
                    v
                })
                .collect();
            let url: String = (0..1 + next() % 6)
                .map(|_| match next() % 3 {
                    0 => format!("{{{}}}", names[next() % 3]),
                    _ => TEXT[next() % 12].to_owned(),
                })
                .collect();
            let variables = format!(
                "{{{}}}",
                names
                    .iter()
                    .zip(&values)
                    .map(|(n, v)| format!(r#""{n}": {{"enum": {v:?}}}"#))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let mut full = vec![url.clone()];
            for (name, values) in names.iter().zip(&values) {
                let mut seen = HashSet::new();
                full = full
                    .iter()
                    .flat_map(|u| {
                        values
                            .iter()
                            .map(move |v| u.replace(&format!("{{{name}}}"), v))
                    })
                    .filter(|u| seen.insert(u.clone()))
                    .collect();
            }
            let expanded = expand(&url, &variables);
            let prefixes = |urls: &[String]| -> HashSet<String> {
                urls.iter().map(|u| settled(u).to_owned()).collect()
            };
            assert_eq!(prefixes(&expanded), prefixes(&full), "{url} {variables}");
            for url in &expanded {
                assert!(full.contains(url), "{url} is no expansion");
            }
        }
    }

    #[test]
    fn long_expansions_are_cut_at_a_character_boundary() {
        let urls = expand("https://{h}/", r#"{"h": {"default": "é"}}"#);
        assert_eq!(urls, ["https://é/"]);
        let long = format!(r#"{{"h": {{"default": "{}"}}}}"#, "é".repeat(MAX_URL_BYTES));
        let urls = expand("https://{h}{h}/{h}", &long);
        assert_eq!(urls.len(), 1);
        assert!(urls[0].len() <= MAX_URL_BYTES && urls[0].starts_with("https://éé"));
    }

    #[test]
    fn a_plain_scheme_is_found_past_the_bound() {
        let variables = format!(
            r#"{{"s": {{"enum": ["https", "HT"]}}, "t": {{"enum": ["x", "tp:"]}},
                "h": {{"enum": ["a", "b"]}}, {}}}"#,
            (0..10)
                .map(|i| format!(r#""v{i}": {{"enum": ["", "{i}-"]}}"#))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let spellings: String = (0..10).map(|i| format!("{{v{i}}}")).collect();
        let urls = expand(
            &format!("{spellings}{{s}}{{t}}//{{h}}.example.com/x"),
            &variables,
        );
        // 2^10 spellings before the scheme, more than are expanded: none of
        // the bounded expansions reaches `HTtp://`; the one added does, its
        // host left as written.
        assert_eq!(urls.len(), MAX_VARIANTS + 1);
        assert!(urls[..MAX_VARIANTS].iter().all(|u| u.contains("httpsx//")));
        assert_eq!(urls[MAX_VARIANTS], "HTtp://{h}.example.com/x");
    }
}
