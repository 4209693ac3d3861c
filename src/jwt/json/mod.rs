//! A JSON (RFC 8259) reader that keeps what a debugger needs and `serde_json` drops:
//! members in the token's own order, duplicate members (RFC 7515 §4 / RFC 7519 §4 say a
//! token with them must be rejected or use the last; we show both and warn), the source
//! span of every value (for byte-level linking), and errors located by line and column.
//!
//! It also pretty-prints what it read, keeping every number and string exactly as written,
//! with a mark per token for syntax highlighting.

pub mod number;
mod write;

pub use write::{compact, compact_text, compact_visible, set_member};

use std::ops::Range;

/// How deep arrays and objects may nest before the reader refuses the text.
pub const MAX_DEPTH: usize = 128;

/// A value with the byte range of its source text.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// A number as a float (see [`number`] for how exactly); its exact text is the node's
    /// span.
    Number(f64),
    /// A string, unescaped; its exact text is the node's span.
    String(String),
    Array(Vec<Node>),
    /// Members in source order, duplicates included.
    Object(Vec<Member>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub key: String,
    pub key_span: Range<usize>,
    pub value: Node,
}

/// A member name that occurs twice in one object.
#[derive(Debug, Clone, PartialEq)]
pub struct Duplicate {
    /// The member name, unescaped.
    pub key: String,
    /// Where the first occurrence's name is.
    pub first: Range<usize>,
    /// Where the repeated occurrence's name is.
    pub again: Range<usize>,
}

/// A parsed document: the root value and every duplicate member found.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub root: Node,
    pub duplicates: Vec<Duplicate>,
}

/// Why a text is not JSON, and where: a byte offset plus 1-based line and column
/// (the column counts characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub offset: usize,
    pub line: usize,
    pub column: usize,
    /// What is wrong there (its `Display` is the sentence the page shows).
    pub message: JsonSyntax,
}

/// What is wrong with a text that is not JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum JsonSyntax {
    /// Something follows the JSON value.
    TrailingText,
    /// The text ends where `expected` ("a value", "a digit", …) was expected.
    TextEnds { expected: &'static str },
    /// `found` stands where `expected` was expected.
    Expected { expected: &'static str, found: char },
    /// A word that is not `true`, `false` or `null`, though it starts like `word`.
    Literal { word: &'static str },
    /// Arrays and objects nest deeper than [`MAX_DEPTH`].
    TooDeep,
    /// A number starts with `0` and another digit.
    LeadingZero,
    /// `\u` without four hex digits.
    UnicodeEscape,
    /// A string without its closing quote.
    UnclosedString,
    /// A backslash followed by a character that starts no escape.
    InvalidEscape,
    /// A control character (below U+0020) inside a string.
    ControlCharacter,
}

impl std::fmt::Display for JsonSyntax {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            JsonSyntax::TrailingText => f.write_str("unexpected text after the JSON value"),
            JsonSyntax::TextEnds { expected } => write!(f, "the text ends where {expected} was expected"),
            JsonSyntax::Expected { expected, found } => {
                write!(f, "expected {expected}, found {}", crate::jwt::base64url::char_name(found))
            }
            JsonSyntax::Literal { word } => write!(f, "expected a value (perhaps `{word}`)"),
            JsonSyntax::TooDeep => write!(f, "nested deeper than {MAX_DEPTH} levels"),
            JsonSyntax::LeadingZero => f.write_str("a number may not have leading zeros"),
            JsonSyntax::UnicodeEscape => f.write_str("\\u must be followed by four hex digits"),
            JsonSyntax::UnclosedString => f.write_str("this string is never closed"),
            JsonSyntax::InvalidEscape => f.write_str("invalid escape sequence in a string"),
            JsonSyntax::ControlCharacter => f.write_str("a control character must be escaped inside a string"),
        }
    }
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}, column {}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for JsonError {}

impl Node {
    /// The member of an object with this name: the last one, as RFC 7519 §4 allows
    /// parsers to do, so what we verify matches what lenient libraries would use.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Object(members) => members.iter().rev().find(|m| m.key == key).map(|m| &m.value),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self.value {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    pub fn is_object(&self) -> bool {
        matches!(self.value, Value::Object(_))
    }
}

impl Value {
    /// A short name of the JSON type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

/// Parses a whole JSON text.
pub fn parse(src: &str) -> Result<Document, JsonError> {
    let mut p = Parser { src, bytes: src.as_bytes(), pos: 0, depth: 0, duplicates: Vec::new() };
    p.skip_ws();
    let root = p.value()?;
    p.skip_ws();
    if p.pos < p.bytes.len() {
        return Err(p.error_at(p.pos, JsonSyntax::TrailingText));
    }
    Ok(Document { root, duplicates: p.duplicates })
}

/// Line and column (both 1-based, column in characters) of a byte offset.
pub fn line_column(src: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(src, offset.min(src.len()));
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    duplicates: Vec<Duplicate>,
}

impl Parser<'_> {
    fn error_at(&self, offset: usize, message: JsonSyntax) -> JsonError {
        let (line, column) = line_column(self.src, offset);
        JsonError { offset, line, column, message }
    }

    fn unexpected(&self, expected: &'static str) -> JsonError {
        match self.src[self.pos..].chars().next() {
            None => self.error_at(self.pos, JsonSyntax::TextEnds { expected }),
            Some(found) => self.error_at(self.pos, JsonSyntax::Expected { expected, found }),
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

    fn value(&mut self) -> Result<Node, JsonError> {
        let start = self.pos;
        let value = match self.peek() {
            Some(b'{') => self.object()?,
            Some(b'[') => self.array()?,
            Some(b'"') => Value::String(self.string()?),
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            _ => return Err(self.unexpected("a value")),
        };
        Ok(Node { value, span: start..self.pos })
    }

    fn literal(&mut self, word: &'static str, value: Value) -> Result<Value, JsonError> {
        if self.src[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error_at(self.pos, JsonSyntax::Literal { word }))
        }
    }

    fn enter(&mut self) -> Result<(), JsonError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error_at(self.pos, JsonSyntax::TooDeep));
        }
        Ok(())
    }

    fn object(&mut self) -> Result<Value, JsonError> {
        self.enter()?;
        self.pos += 1;
        let mut members: Vec<Member> = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.unexpected("a member name in double quotes"));
            }
            let key_start = self.pos;
            let key = self.string()?;
            let key_span = key_start..self.pos;
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.unexpected("':' after the member name"));
            }
            self.pos += 1;
            self.skip_ws();
            let value = self.value()?;
            members.push(Member { key, key_span, value });
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    break;
                }
                _ => return Err(self.unexpected("',' or '}' after a member")),
            }
        }
        self.depth -= 1;
        self.find_duplicates(&members);
        Ok(Value::Object(members))
    }

    /// Records every member whose name an earlier member of the same object has, in
    /// document order. Sorting keeps this O(n log n) in the worst case (an unstable sort:
    /// the order is total, ties broken by position): objects with thousands of members are
    /// common in large payloads.
    fn find_duplicates(&mut self, members: &[Member]) {
        if members.len() < 2 {
            return;
        }
        let mut order: Vec<usize> = (0..members.len()).collect();
        order.sort_unstable_by(|&a, &b| members[a].key.cmp(&members[b].key).then(a.cmp(&b)));
        // For each member, the first member with its name (itself if none came before).
        let mut first_of: Vec<usize> = (0..members.len()).collect();
        for pair in order.windows(2) {
            if let [a, b] = *pair
                && members[a].key == members[b].key
            {
                first_of[b] = first_of[a];
            }
        }
        self.duplicates.extend(first_of.iter().enumerate().filter(|&(again, &first)| first != again).map(
            |(again, &first)| Duplicate {
                key: members[again].key.clone(),
                first: members[first].key_span.clone(),
                again: members[again].key_span.clone(),
            },
        ));
    }

    fn array(&mut self) -> Result<Value, JsonError> {
        self.enter()?;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value()?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    break;
                }
                _ => return Err(self.unexpected("',' or ']' after an array element")),
            }
        }
        self.depth -= 1;
        Ok(Value::Array(items))
    }

    fn number(&mut self) -> Result<Value, JsonError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.error_at(self.pos, JsonSyntax::LeadingZero));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.unexpected("a digit")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.unexpected("a digit after the decimal point"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.unexpected("a digit in the exponent"));
            }
            self.digits();
        }
        Ok(Value::Number(number::value(&self.src[start..self.pos])))
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let text = self.src.get(self.pos..self.pos + 4).filter(|t| t.bytes().all(|b| b.is_ascii_hexdigit()));
        match text {
            Some(t) => {
                self.pos += 4;
                Ok(u32::from_str_radix(t, 16).unwrap_or(0xFFFD))
            }
            None => Err(self.error_at(self.pos, JsonSyntax::UnicodeEscape)),
        }
    }

    fn string(&mut self) -> Result<String, JsonError> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let run_start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(&self.src[run_start..self.pos]);
            match self.peek() {
                None => return Err(self.error_at(open, JsonSyntax::UnclosedString)),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    let esc = self.pos;
                    self.pos += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            let hi = self.hex4()?;
                            let c = if (0xD800..0xDC00).contains(&hi) && self.src[self.pos..].starts_with("\\u") {
                                let save = self.pos;
                                self.pos += 2;
                                let lo = self.hex4()?;
                                if (0xDC00..0xE000).contains(&lo) {
                                    char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                                } else {
                                    self.pos = save;
                                    None
                                }
                            } else {
                                char::from_u32(hi)
                            };
                            // A lone surrogate is valid JSON syntax but no character.
                            out.push(c.unwrap_or('\u{FFFD}'));
                            continue;
                        }
                        _ => return Err(self.error_at(esc, JsonSyntax::InvalidEscape)),
                    };
                    self.pos += 1;
                    out.push(c);
                }
                Some(_) => {
                    return Err(self.error_at(self.pos, JsonSyntax::ControlCharacter));
                }
            }
        }
    }
}

/// A string as a JSON string literal (RFC 8259 §7), for the few places that write JSON.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A string as a JSON string literal, or `null` for none.
pub fn quote_or_null(s: Option<&str>) -> String {
    s.map_or_else(|| "null".to_string(), quote)
}

/// What a piece of pretty-printed JSON is, for highlighting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Punct,
    Key,
    String,
    Number,
    Literal,
    /// An invisible or direction-changing character inside a string, shown as its `\u`
    /// escape (the same JSON value, made visible: a bidi override cannot reorder the text).
    Invisible,
}

impl Mark {
    /// The CSS class the UI gives this kind of token.
    pub fn class(self) -> &'static str {
        match self {
            Mark::Punct => "j-punct",
            Mark::Key => "j-key",
            Mark::String => "j-str",
            Mark::Number => "j-num",
            Mark::Literal => "j-lit",
            Mark::Invisible => "j-invisible",
        }
    }
}

/// Pretty-printed JSON: the text (two-space indent, as `JSON.stringify(v, null, 2)` lays
/// it out) and the marked ranges in it. Numbers and strings are copied from the source
/// exactly, so nothing is normalised away.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pretty {
    pub text: String,
    pub marks: Vec<(Range<usize>, Mark)>,
    /// For each marked range, the source span it was copied from (for linking views).
    pub sources: Vec<Range<usize>>,
}

impl Pretty {
    fn push(&mut self, mark: Mark, text: &str, source: Range<usize>) {
        let start = self.text.len();
        self.text.push_str(text);
        self.marks.push((start..self.text.len(), mark));
        self.sources.push(source);
    }

    /// A string or member name, with invisible characters replaced by their escapes.
    fn push_visible(&mut self, mark: Mark, text: &str, source: Range<usize>) {
        // Printable ASCII (the usual claim) hides nothing: checked a byte at a time, it
        // skips decoding each character for the full rule.
        if text.bytes().all(|b| matches!(b, b' '..=b'~')) || !text.chars().any(crate::jwt::text::is_invisible) {
            return self.push(mark, text, source);
        }
        // Each piece keeps the exact source bytes it came from, so views can link them.
        let mut run_from = 0;
        let mut prev = None;
        for (at, c) in text.char_indices() {
            if crate::jwt::text::hides(prev, c) {
                if at > run_from {
                    self.push(mark, &text[run_from..at], source.start + run_from..source.start + at);
                }
                let end = at + c.len_utf8();
                let mut escape = String::new();
                crate::jwt::text::push_json_escape(&mut escape, c);
                self.push(Mark::Invisible, &escape, source.start + at..source.start + end);
                run_from = end;
            }
            prev = Some(c);
        }
        if run_from < text.len() {
            self.push(mark, &text[run_from..], source.start + run_from..source.end);
        }
    }

    fn newline(&mut self, indent: usize) {
        self.text.push('\n');
        for _ in 0..indent {
            self.text.push_str("  ");
        }
    }
}

/// Lays out a parsed document.
/// The source spans of what the JSON Pointers (RFC 6901) name under `root`: a member's name
/// when its parent is an object, an element's value when it is an array; a pointer that
/// names nothing is skipped. The tree is walked only along the pointers, each object on
/// their way scanned once, so the cost stays linear in the document and the pointers.
pub fn pointer_spans(root: &Node, pointers: &[&str]) -> Vec<Range<usize>> {
    /// The pointers as a tree of their reference tokens, built once: each node of the
    /// document is then visited with the one tree node its path leads to, so a name repeated
    /// in an object (every duplicate is named) costs its own subtree only, never the pointers
    /// again.
    #[derive(Default)]
    struct Tokens {
        /// A pointer ends here.
        end: bool,
        next: std::collections::HashMap<String, Tokens>,
        /// The tokens that are array indices, in index order (for arrays: only indices below
        /// the array's length are looked at).
        indices: Vec<(usize, String)>,
    }
    impl Tokens {
        fn index(&mut self) {
            self.indices = self.next.keys().filter_map(|k| Some((k.parse::<usize>().ok()?, k.clone()))).collect();
            self.indices.sort_unstable();
            self.next.values_mut().for_each(Tokens::index);
        }
    }
    fn walk(node: &Node, tokens: &Tokens, out: &mut Vec<Range<usize>>) {
        let mut visit = |child: &Node, t: &Tokens, span: &Range<usize>| {
            if t.end {
                out.push(span.clone());
            }
            if !t.next.is_empty() {
                walk(child, t, out);
            }
        };
        match &node.value {
            Value::Object(members) => {
                for m in members {
                    if let Some(t) = tokens.next.get(&m.key) {
                        visit(&m.value, t, &m.key_span);
                    }
                }
            }
            Value::Array(items) => {
                for (i, name) in tokens.indices.iter().take_while(|(i, _)| *i < items.len()) {
                    if let (Some(item), Some(t)) = (items.get(*i), tokens.next.get(name)) {
                        visit(item, t, &item.span);
                    }
                }
            }
            _ => {}
        }
    }
    let mut tree = Tokens::default();
    for p in pointers.iter().filter_map(|p| p.strip_prefix('/')) {
        let mut t = &mut tree;
        for token in p.split('/') {
            t = t.next.entry(token.replace("~1", "/").replace("~0", "~")).or_default();
        }
        t.end = true;
    }
    tree.index();
    let mut out = Vec::new();
    walk(root, &tree, &mut out);
    out
}

pub fn pretty(src: &str, root: &Node) -> Pretty {
    let mut out = Pretty::default();
    write_node(src, root, 0, &mut out);
    out
}

fn write_node(src: &str, node: &Node, indent: usize, out: &mut Pretty) {
    let span = node.span.clone();
    match &node.value {
        Value::Null | Value::Bool(_) => out.push(Mark::Literal, &src[span.clone()], span),
        Value::Number(_) => out.push(Mark::Number, &src[span.clone()], span),
        Value::String(_) => out.push_visible(Mark::String, &src[span.clone()], span),
        Value::Array(items) => {
            out.push(Mark::Punct, "[", span.start..span.start + 1);
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(Mark::Punct, ",", item.span.start..item.span.start);
                }
                out.newline(indent + 1);
                write_node(src, item, indent + 1, out);
            }
            if !items.is_empty() {
                out.newline(indent);
            }
            out.push(Mark::Punct, "]", span.end - 1..span.end);
        }
        Value::Object(members) => {
            out.push(Mark::Punct, "{", span.start..span.start + 1);
            for (i, m) in members.iter().enumerate() {
                if i > 0 {
                    out.push(Mark::Punct, ",", m.key_span.start..m.key_span.start);
                }
                out.newline(indent + 1);
                out.push_visible(Mark::Key, &src[m.key_span.clone()], m.key_span.clone());
                out.push(Mark::Punct, ":", m.key_span.end..m.value.span.start);
                out.text.push(' ');
                write_node(src, &m.value, indent + 1, out);
            }
            if !members.is_empty() {
                out.newline(indent);
            }
            out.push(Mark::Punct, "}", span.end - 1..span.end);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn pointers_name_member_names_and_array_elements() {
        let text = r#"{"a":{"b/c":1,"~d":[10,{"e":2}]},"a":3,"f":[4,5]}"#;
        let root = super::parse(text).unwrap().root;
        let spans = super::pointer_spans(&root, &["/a/b~1c", "/a/~0d/1/e", "/f/1", "/f/9", "/x", "", "/a"]);
        let named: Vec<&str> = spans.iter().map(|r| &text[r.clone()]).collect();
        // Both members named "a" (a duplicate) are named; "/f/9", "/x" and "" name nothing here.
        assert_eq!(named, ["\"a\"", "\"b/c\"", "\"e\"", "\"a\"", "5"]);
    }

    use super::*;

    fn err(src: &str) -> (usize, usize, String) {
        let e = parse(src).expect_err(src);
        (e.line, e.column, e.message.to_string())
    }

    #[test]
    fn reads_values_and_keeps_order() {
        let doc = parse(r#"{"b":1,"a":[true,false,null,"x\u00e9\n"],"c":{}}"#).unwrap();
        let Value::Object(members) = &doc.root.value else { panic!("not an object") };
        let keys: Vec<&str> = members.iter().map(|m| m.key.as_str()).collect();
        assert_eq!(keys, ["b", "a", "c"]);
        assert_eq!(doc.root.get("b").and_then(Node::as_f64), Some(1.0));
        let Value::Array(items) = &doc.root.get("a").unwrap().value else { panic!("not an array") };
        assert_eq!(items[3].as_str(), Some("xé\n"));
        assert!(doc.duplicates.is_empty());
    }

    #[test]
    fn finds_duplicates_and_uses_the_last() {
        let src = r#"{"alg":"HS256","x":{"k":1,"k":2},"alg":"none"}"#;
        let doc = parse(src).unwrap();
        let keys: Vec<(&str, &str)> = doc.duplicates.iter().map(|d| (d.key.as_str(), &src[d.again.clone()])).collect();
        assert_eq!(keys, [("k", "\"k\""), ("alg", "\"alg\"")]);
        assert_eq!(doc.root.get("alg").and_then(Node::as_str), Some("none"));

        let src = r#"{"a":1,"b":2,"a":3,"a":4}"#;
        let doc = parse(src).unwrap();
        let got: Vec<(usize, usize)> = doc.duplicates.iter().map(|d| (d.first.start, d.again.start)).collect();
        assert_eq!(got, [(1, 13), (1, 19)]);
    }

    #[test]
    fn decodes_surrogate_pairs_and_tolerates_lone_ones() {
        let doc = parse(r#"["\ud83d\ude00", "\ud800x", "\udc00"]"#).unwrap();
        let Value::Array(items) = doc.root.value else { panic!() };
        let got: Vec<&str> = items.iter().filter_map(Node::as_str).collect();
        assert_eq!(got, ["😀", "\u{FFFD}x", "\u{FFFD}"]);
    }

    #[test]
    fn errors_are_located() {
        let cases: &[(&str, (usize, usize, &str))] = &[
            ("", (1, 1, "the text ends where a value was expected")),
            ("{", (1, 2, "the text ends where a member name in double quotes was expected")),
            ("{\"a\" 1}", (1, 6, "expected ':' after the member name, found '1' (U+0031)")),
            ("{\n  \"a\": 1,\n}", (3, 1, "expected a member name in double quotes, found '}' (U+007D)")),
            ("[1 2]", (1, 4, "expected ',' or ']' after an array element, found '2' (U+0032)")),
            ("01", (1, 2, "a number may not have leading zeros")),
            ("1.", (1, 3, "the text ends where a digit after the decimal point was expected")),
            ("\"abc", (1, 1, "this string is never closed")),
            ("\"a\tb\"", (1, 3, "a control character must be escaped inside a string")),
            ("\"\\x\"", (1, 2, "invalid escape sequence in a string")),
            ("\"\\u12\"", (1, 4, "\\u must be followed by four hex digits")),
            ("tru", (1, 1, "expected a value (perhaps `true`)")),
            ("{} x", (1, 4, "unexpected text after the JSON value")),
            ("é", (1, 1, "expected a value, found 'é' (U+00E9)")),
        ];
        for (src, (line, col, msg)) in cases {
            assert_eq!(err(src), (*line, *col, msg.to_string()), "input {src:?}");
        }
    }

    #[test]
    fn invisible_characters_are_shown_as_escapes() {
        // A right-to-left override and a zero-width space inside a claim: shown as their
        // escapes, which is the same JSON string, so nothing can be reordered or hidden.
        let src = "{\"sub\":\"admin\u{202E}nimda\u{200B}\"}";
        let p = pretty(src, &parse(src).unwrap().root);
        assert_eq!(p.text, "{\n  \"sub\": \"admin\\u202enimda\\u200b\"\n}");
        let reparsed = parse(&p.text).unwrap();
        assert_eq!(reparsed.root.get("sub").and_then(Node::as_str), Some("admin\u{202E}nimda\u{200B}"));
        assert_eq!(p.marks.iter().filter(|(_, m)| *m == Mark::Invisible).count(), 2);
    }

    #[test]
    fn depth_is_bounded() {
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert_eq!(err(&deep).2, format!("nested deeper than {MAX_DEPTH} levels"));
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn pretty_matches_json_stringify_layout_and_keeps_lexemes() {
        let src = "{\"alg\" :\"HS256\",\r\n\"n\":1.50,\"a\":[1,{}],\"e\":[],\"o\":{\"x\":null}}";
        let p = pretty(src, &parse(src).unwrap().root);
        assert_eq!(
            p.text,
            "{\n  \"alg\": \"HS256\",\n  \"n\": 1.50,\n  \"a\": [\n    1,\n    {}\n  ],\n  \"e\": [],\n  \"o\": {\n    \"x\": null\n  }\n}"
        );
        for ((range, _), source) in p.marks.iter().zip(&p.sources) {
            let shown = &p.text[range.clone()];
            if shown.len() > 1 {
                assert_eq!(shown, &src[source.clone()]);
            }
        }
    }
}
