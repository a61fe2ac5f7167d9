//! A JSON reader that builds the spanned [`Tree`] in one pass.
//!
//! Our own rather than a crate's: it writes straight into the arena (no
//! intermediate AST to convert), bounds nesting instead of overflowing the
//! stack on hostile input, and keeps every repeated key visible.

use super::tree::{NodeId, Span, TreeBuilder, Value};
use super::{MAX_DEPTH, ParseError};

pub(crate) fn parse(text: &str, builder: &mut TreeBuilder) -> Result<NodeId, ParseError> {
    let mut parser = Parser {
        bytes: text.as_bytes(),
        text,
        pos: 0,
        builder,
        scratch: String::new(),
    };
    parser.skip_ws();
    let root = parser.value(0)?;
    parser.skip_ws();
    if parser.pos < parser.bytes.len() {
        return Err(parser.error("unexpected content after the JSON value"));
    }
    Ok(root)
}

struct Parser<'t, 'b> {
    bytes: &'t [u8],
    text: &'t str,
    pos: usize,
    builder: &'b mut TreeBuilder,
    scratch: String,
}

impl Parser<'_, '_> {
    fn error(&self, message: &str) -> ParseError {
        ParseError {
            message: message.to_owned(),
            offset: self.pos.min(self.bytes.len()),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8, message: &str) -> Result<(), ParseError> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(message))
        }
    }

    fn value(&mut self, depth: usize) -> Result<NodeId, ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nesting is deeper than oasguard reads"));
        }
        let start = self.pos;
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => {
                self.string()?;
                let span = Span::new(start, self.pos);
                let text = std::mem::take(&mut self.scratch);
                let id = self.builder.string(&text, span);
                self.scratch = text;
                Ok(id)
            }
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected a JSON value")),
            None => Err(self.error("unexpected end of input, expected a JSON value")),
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<NodeId, ParseError> {
        let start = self.pos;
        if self.bytes[start..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(self.builder.scalar(value, Span::new(start, self.pos)))
        } else {
            Err(self.error("expected a JSON value"))
        }
    }

    fn number(&mut self) -> Result<NodeId, ParseError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let digits = |p: &mut Self| {
            let from = p.pos;
            while let Some(b'0'..=b'9') = p.peek() {
                p.pos += 1;
            }
            p.pos > from
        };
        if !digits(self) {
            return Err(self.error("expected digits in number"));
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !digits(self) {
                return Err(self.error("expected digits after the decimal point"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !digits(self) {
                return Err(self.error("expected digits in the exponent"));
            }
        }
        let number = self.text[start..self.pos]
            .parse::<f64>()
            .map_err(|_| self.error("invalid number"))?;
        Ok(self
            .builder
            .scalar(Value::Number(number), Span::new(start, self.pos)))
    }

    /// Reads a string into `self.scratch`, leaving `pos` after the closing quote.
    fn string(&mut self) -> Result<(), ParseError> {
        self.pos += 1; // opening quote
        self.scratch.clear();
        loop {
            let run_start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            self.scratch.push_str(&self.text[run_start..self.pos]);
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\\') => self.escape()?,
                Some(_) => return Err(self.error("control character in string")),
                None => return Err(self.error("unterminated string")),
            }
        }
    }

    fn escape(&mut self) -> Result<(), ParseError> {
        self.pos += 1; // backslash
        let Some(byte) = self.peek() else {
            return Err(self.error("unterminated string"));
        };
        self.pos += 1;
        let c = match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => self.unicode_escape()?,
            _ => {
                self.pos -= 1;
                return Err(self.error("invalid escape in string"));
            }
        };
        self.scratch.push(c);
        Ok(())
    }

    /// `\uXXXX`, joining a surrogate pair; a lone surrogate becomes U+FFFD.
    fn unicode_escape(&mut self) -> Result<char, ParseError> {
        let high = self.hex4()?;
        if !(0xD800..0xDC00).contains(&high) {
            return Ok(char::from_u32(high).unwrap_or(char::REPLACEMENT_CHARACTER));
        }
        if self.bytes[self.pos..].starts_with(b"\\u") {
            let save = self.pos;
            self.pos += 2;
            let low = self.hex4()?;
            if (0xDC00..0xE000).contains(&low) {
                let c = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                return Ok(char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER));
            }
            self.pos = save;
        }
        Ok(char::REPLACEMENT_CHARACTER)
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let digits = self
            .bytes
            .get(self.pos..self.pos + 4)
            .and_then(|d| std::str::from_utf8(d).ok())
            .and_then(|d| u32::from_str_radix(d, 16).ok())
            .ok_or_else(|| self.error("invalid \\u escape"))?;
        self.pos += 4;
        Ok(digits)
    }

    fn array(&mut self, depth: usize) -> Result<NodeId, ParseError> {
        let start = self.pos;
        self.pos += 1;
        let mark = self.builder.mark();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(self.builder.finish_seq(mark, Span::new(start, self.pos)));
        }
        loop {
            self.skip_ws();
            let item = self.value(depth + 1)?;
            self.builder.item(item);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(self.builder.finish_seq(mark, Span::new(start, self.pos)));
                }
                _ => return Err(self.error("expected ',' or ']' in array")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<NodeId, ParseError> {
        let start = self.pos;
        self.pos += 1;
        let mark = self.builder.mark();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(self.builder.finish_map(mark, Span::new(start, self.pos)));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a string key in object"));
            }
            let key_start = self.pos;
            self.string()?;
            let key_span = Span::new(key_start, self.pos);
            let key = std::mem::take(&mut self.scratch);
            self.skip_ws();
            self.expect(b':', "expected ':' after object key")?;
            self.skip_ws();
            let value = self.value(depth + 1)?;
            self.builder.entry(&key, key_span, value);
            self.scratch = key;
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(self.builder.finish_map(mark, Span::new(start, self.pos)));
                }
                _ => return Err(self.error("expected ',' or '}' in object")),
            }
        }
    }
}
