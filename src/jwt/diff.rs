//! Comparing two tokens member by member: what changed in the header and the payload, and
//! whether the signatures are the same.
//!
//! Values are compared as compact JSON text (whitespace outside strings removed, strings and
//! numbers exactly as written), so `1.0` and `1`, or `"\u0061"` and `"a"`, count as changed:
//! they are different bytes under the signature.

use std::collections::{HashMap, HashSet};

use super::json::{Node, Value, compact, compact_visible};
use super::problem::Part;
use super::text::hex;
use super::token::{Decoded, Form, Payload};

/// How one member (or the signature) differs between the left and the right token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Same,
    Changed,
    /// Only the right token has it.
    Added,
    /// Only the left token has it.
    Removed,
}

impl Change {
    /// A stable keyword for the page (`data-change`).
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Same => "same",
            Change::Changed => "changed",
            Change::Added => "added",
            Change::Removed => "removed",
        }
    }

    fn of(left: Option<&str>, right: Option<&str>) -> Change {
        match (left, right) {
            (Some(l), Some(r)) if l == r => Change::Same,
            (Some(_), Some(_)) => Change::Changed,
            (None, Some(_)) => Change::Added,
            (Some(_), None) => Change::Removed,
            (None, None) => Change::Same,
        }
    }
}

/// One header or payload member of either token.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberDiff {
    /// `Part::Header` or `Part::Payload`.
    pub part: Part,
    /// The member name, invisible characters shown as `⟨U+202E⟩`; or `(whole header)` /
    /// `(whole payload)` when a part is not a JSON object.
    pub name: String,
    /// The left token's value as compact JSON (invisible characters inside strings shown
    /// as their `\u` escapes), if it has the member.
    pub left: Option<String>,
    pub right: Option<String>,
    pub change: Change,
}

/// What differs between two tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenDiff {
    /// Header members first (the left token's order, then members only the right has),
    /// then payload members in the same way.
    pub members: Vec<MemberDiff>,
    /// The signature (a JWE's authentication tag): `Same` or `Changed`; `Added` or
    /// `Removed` when one token has none (no segment or an empty one).
    pub signature: Change,
    /// Sentences on what was compared differently: duplicate members, parts that are not
    /// JSON objects, different forms.
    pub notes: Vec<String>,
}

impl TokenDiff {
    /// Whether anything at all differs.
    pub fn is_same(&self) -> bool {
        self.signature == Change::Same && self.members.iter().all(|m| m.change == Change::Same)
    }
}

/// Compares two decoded tokens.
pub fn diff(left: &Decoded, right: &Decoded) -> TokenDiff {
    let mut out = TokenDiff { members: Vec::new(), signature: Change::Same, notes: Vec::new() };
    if left.form != right.form {
        out.notes.push(format!("the left token is {} and the right one {}", form_name(left), form_name(right)));
    }
    for (side, d) in [("left", left), ("right", right)] {
        if d.json.is_some() {
            out.notes.push(format!("the {side} token is in the JSON serialization; its first signature is compared"));
        }
    }
    compare_part(Part::Header, Side::header(left), Side::header(right), &mut out);
    compare_part(Part::Payload, Side::payload(left), Side::payload(right), &mut out);
    out.signature = Change::of(signature_text(left), signature_text(right));
    out
}

fn form_name(d: &Decoded) -> &'static str {
    if d.is_empty() {
        return "empty";
    }
    match d.form {
        Form::Jws => "a JWS",
        Form::Jwe => "a JWE",
        Form::Unrecognised => "not a compact JWS or JWE",
    }
}

/// The signature segment's text, if the token has a non-empty one.
fn signature_text(d: &Decoded) -> Option<&str> {
    let seg = d.signature_segment()?;
    d.input.token.get(seg.range.clone()).filter(|t| !t.is_empty())
}

/// What one token has for a part.
enum Side<'a> {
    /// The part is absent or could not be decoded at all.
    Missing,
    /// A JSON object: its source text and root.
    Object(&'a str, &'a Node),
    /// Anything else: the text compared, and the end of the note that says what it is
    /// (`is an array, not a JSON object; compared as text`).
    Whole(Value2, String),
}

impl<'a> Side<'a> {
    fn header(d: &'a Decoded) -> Side<'a> {
        match &d.header {
            None => Side::Missing,
            Some(h) => json_side(&h.text, h.root()),
        }
    }

    fn payload(d: &'a Decoded) -> Side<'a> {
        match &d.payload {
            Payload::Absent => Side::Missing,
            Payload::Json(j) => json_side(&j.text, j.root()),
            Payload::Text(t) => Side::Whole(Value2::text(t), "is text, not JSON; compared as text".into()),
            Payload::Detached => Side::Whole(Value2::text(""), "is detached (empty); compared as text".into()),
            Payload::Binary(bytes) => {
                Side::Whole(Value2::text(&hex(bytes)), "is bytes that are not UTF-8; compared as hex".into())
            }
            Payload::Encrypted => {
                let text = d
                    .segment(Part::Ciphertext)
                    .and_then(|s| d.input.token.get(s.range.clone()))
                    .unwrap_or_default()
                    .to_string();
                Side::Whole(Value2::text(&text), "is encrypted; its ciphertext is compared".into())
            }
        }
    }
}

fn json_side<'a>(text: &'a str, root: Option<&'a Node>) -> Side<'a> {
    match root {
        Some(node) if node.is_object() => Side::Object(text, node),
        Some(node) => Side::Whole(
            Value2::json(text, node),
            format!("is {}, not a JSON object; compared as text", node.value.type_name()),
        ),
        None => Side::Whole(Value2::text(text), "is not valid JSON; compared as text".into()),
    }
}

fn compare_part(part: Part, left: Side, right: Side, out: &mut TokenDiff) {
    let word = part.slug();
    let whole = match part {
        Part::Header => "(whole header)",
        _ => "(whole payload)",
    };
    match (left, right) {
        (Side::Missing, Side::Missing) => {}
        (Side::Object(lt, l), Side::Object(rt, r)) => {
            let left = members(lt, l, "left", word, &mut out.notes);
            let right = members(rt, r, "right", word, &mut out.notes);
            // Objects with thousands of members occur: look names up, never scan.
            let right_index: HashMap<&str, &Value2> = right.iter().map(|(k, v)| (k.as_str(), v)).collect();
            let left_index: HashMap<&str, &Value2> = left.iter().map(|(k, v)| (k.as_str(), v)).collect();
            for (key, lv) in &left {
                out.members.push(member(part, key, Some(lv), right_index.get(key.as_str()).copied()));
            }
            for (key, rv) in &right {
                if !left_index.contains_key(key.as_str()) {
                    out.members.push(member(part, key, None, Some(rv)));
                }
            }
        }
        (left, right) => {
            let mut text = |side: Side, name: &str| -> Option<Value2> {
                match side {
                    Side::Missing => {
                        out.notes.push(format!("the {name} token has no {word} that could be decoded"));
                        None
                    }
                    Side::Object(t, n) => Some(Value2::json(t, n)),
                    Side::Whole(v, what) => {
                        out.notes.push(format!("the {name} token's {word} {what}"));
                        Some(v)
                    }
                }
            };
            let (l, r) = (text(left, "left"), text(right, "right"));
            out.members.push(MemberDiff {
                part,
                name: whole.into(),
                change: Change::of(l.as_ref().map(|v| v.raw.as_str()), r.as_ref().map(|v| v.raw.as_str())),
                left: l.map(|v| v.shown),
                right: r.map(|v| v.shown),
            });
        }
    }
}

/// A value's text as compared (`raw`) and as shown.
struct Value2 {
    raw: String,
    shown: String,
}

impl Value2 {
    fn json(src: &str, node: &Node) -> Value2 {
        Value2 { raw: compact(src, node), shown: compact_visible(src, node) }
    }

    fn text(text: &str) -> Value2 {
        Value2 { raw: text.to_string(), shown: super::text::visible(text).into_owned() }
    }
}

fn member(part: Part, key: &str, left: Option<&Value2>, right: Option<&Value2>) -> MemberDiff {
    MemberDiff {
        part,
        name: super::text::visible(key).into_owned(),
        left: left.map(|v| v.shown.clone()),
        right: right.map(|v| v.shown.clone()),
        change: Change::of(left.map(|v| v.raw.as_str()), right.map(|v| v.raw.as_str())),
    }
}

/// An object's members, each name once in the order of its first occurrence, with the
/// value of its last occurrence (what most libraries use); a note per duplicated name.
fn members(src: &str, node: &Node, side: &str, word: &str, notes: &mut Vec<String>) -> Vec<(String, Value2)> {
    let Value::Object(ms) = &node.value else {
        return Vec::new();
    };
    let mut out: Vec<(String, Value2)> = Vec::with_capacity(ms.len());
    let mut at: HashMap<&str, usize> = HashMap::with_capacity(ms.len());
    let mut noted: HashSet<&str> = HashSet::new();
    for m in ms {
        let value = Value2::json(src, &m.value);
        match at.get(m.key.as_str()).and_then(|&i| out.get_mut(i)) {
            Some(slot) => {
                if noted.insert(m.key.as_str()) {
                    notes.push(format!(
                        "the {side} token's {word} has the member {} more than once; the last one is compared \
                         (what most libraries use)",
                        super::claims::validate::quoted(&m.key)
                    ));
                }
                slot.1 = value;
            }
            None => {
                at.insert(m.key.as_str(), out.len());
                out.push((m.key.clone(), value));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::base64url;
    use crate::jwt::token::decode;

    fn b64(s: &str) -> String {
        base64url::encode(s.as_bytes())
    }

    fn tok(header: &str, payload: &str, sig: &str) -> Decoded {
        decode(&format!("{}.{}.{sig}", b64(header), b64(payload)))
    }

    type Row<'a> = (&'a str, &'a str, Option<&'a str>, Option<&'a str>, &'a str);

    fn rows(d: &TokenDiff) -> Vec<Row<'_>> {
        d.members
            .iter()
            .map(|m| (m.part.slug(), m.name.as_str(), m.left.as_deref(), m.right.as_deref(), m.change.as_str()))
            .collect()
    }

    #[test]
    fn same_tokens_are_the_same() {
        let a = tok(r#"{"alg":"HS256"}"#, r#"{"sub":"1"}"#, "c2ln");
        let d = diff(&a, &a);
        assert!(d.is_same());
        assert!(d.notes.is_empty());
        assert_eq!(
            rows(&d),
            [
                ("header", "alg", Some("\"HS256\""), Some("\"HS256\""), "same"),
                ("payload", "sub", Some("\"1\""), Some("\"1\""), "same")
            ]
        );
    }

    #[test]
    fn added_removed_and_changed_members_in_order() {
        let l = tok(r#"{"alg":"HS256","typ":"JWT"}"#, "{\"sub\":\"1\",\n \"admin\": false, \"exp\":100}", "c2ln");
        let r = tok(r#"{"alg":"none","kid":"k1"}"#, r#"{"exp":100,"sub":"1","admin":true,"roles":["a", "b"]}"#, "");
        let d = diff(&l, &r);
        assert_eq!(
            rows(&d),
            [
                ("header", "alg", Some("\"HS256\""), Some("\"none\""), "changed"),
                ("header", "typ", Some("\"JWT\""), None, "removed"),
                ("header", "kid", None, Some("\"k1\""), "added"),
                ("payload", "sub", Some("\"1\""), Some("\"1\""), "same"),
                ("payload", "admin", Some("false"), Some("true"), "changed"),
                ("payload", "exp", Some("100"), Some("100"), "same"),
                ("payload", "roles", None, Some("[\"a\",\"b\"]"), "added"),
            ]
        );
        assert_eq!(d.signature, Change::Removed);
        assert!(!d.is_same());
    }

    #[test]
    fn values_compare_as_compact_text() {
        let l = tok(r#"{"alg":"HS256"}"#, r#"{"o": { "a" : [1, 2] }, "n": 1.0, "s":"\u0061"}"#, "c2ln");
        let r = tok(r#"{"alg":"HS256"}"#, r#"{"o":{"a":[1,2]},"n":1,"s":"a"}"#, "c2lo");
        let d = diff(&l, &r);
        assert_eq!(
            rows(&d)[1..],
            [
                ("payload", "o", Some("{\"a\":[1,2]}"), Some("{\"a\":[1,2]}"), "same"),
                ("payload", "n", Some("1.0"), Some("1"), "changed"),
                ("payload", "s", Some("\"\\u0061\""), Some("\"a\""), "changed"),
            ]
        );
        assert_eq!(d.signature, Change::Changed);
    }

    #[test]
    fn duplicates_compare_the_last_occurrence_with_a_note() {
        let l = tok(r#"{"alg":"HS256","alg":"none"}"#, r#"{"a":1}"#, "c2ln");
        let r = tok(r#"{"alg":"none"}"#, r#"{"a":1}"#, "c2ln");
        let d = diff(&l, &r);
        assert_eq!(rows(&d)[0], ("header", "alg", Some("\"none\""), Some("\"none\""), "same"));
        assert_eq!(d.members.len(), 2);
        assert_eq!(
            d.notes,
            [
                "the left token's header has the member \"alg\" more than once; the last one is compared (what most libraries use)"
            ]
        );
        // Three occurrences: still one note.
        let l = tok(r#"{"alg":"HS256"}"#, r#"{"a":1,"a":2,"a":3}"#, "c2ln");
        let d = diff(&l, &r);
        assert_eq!(rows(&d)[1], ("payload", "a", Some("3"), Some("1"), "changed"));
        assert_eq!(d.notes.len(), 1, "{:?}", d.notes);
    }

    #[test]
    fn non_object_parts_are_compared_whole() {
        let l = tok(r#"{"alg":"HS256"}"#, r#"{"a":1}"#, "c2ln");
        let r = tok(r#"["HS256"]"#, "hello", "c2ln");
        let d = diff(&l, &r);
        assert_eq!(
            rows(&d),
            [
                ("header", "(whole header)", Some("{\"alg\":\"HS256\"}"), Some("[\"HS256\"]"), "changed"),
                ("payload", "(whole payload)", Some("{\"a\":1}"), Some("hello"), "changed"),
            ]
        );
        assert_eq!(
            d.notes,
            [
                "the right token's header is an array, not a JSON object; compared as text",
                "the right token's payload is text, not JSON; compared as text",
            ]
        );
        assert_eq!(d.signature, Change::Same);

        // Both sides the same non-object text.
        let a = tok(r#"{"alg":"HS256"}"#, "[1, 2]", "c2ln");
        let b = tok(r#"{"alg":"HS256"}"#, "[1,2]", "c2ln");
        let d = diff(&a, &b);
        assert_eq!(rows(&d)[1], ("payload", "(whole payload)", Some("[1,2]"), Some("[1,2]"), "same"));
    }

    #[test]
    fn broken_and_different_tokens_do_not_panic() {
        let inputs = [
            "",
            "abc",
            "a.b",
            "eyJhbGciOiJub25lIn0..",
            "eyJhbGciOiJub25lIn0.eyJhIjoxfQ.",
            "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d",
            r#"{"payload":"eyJhIjoxfQ","signatures":[{"protected":"eyJhbGciOiJIUzI1NiJ9","signature":"c2ln"}]}"#,
            "eyJhbGciOiJIUzI1NiJ9.__8.c2ln",
        ];
        for l in inputs {
            for r in inputs {
                let d = diff(&decode(l), &decode(r));
                if l == r {
                    assert!(d.members.iter().all(|m| m.change == Change::Same), "{l} vs {r}: {d:?}");
                    assert_eq!(d.signature, Change::Same);
                }
            }
        }
        let d = diff(&decode("eyJhbGciOiJub25lIn0.eyJhIjoxfQ."), &decode("eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ.c2ln"));
        assert_eq!(d.signature, Change::Added);
        let d = diff(&decode("eyJhbGciOiJIUzI1NiJ9.__8.c2ln"), &decode("eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ.c2ln"));
        assert_eq!(rows(&d)[1], ("payload", "(whole payload)", Some("ffff"), Some("{\"a\":1}"), "changed"));
        let d = diff(&decode("a.b.c.d.e"), &decode("eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ.c2ln"));
        assert!(d.notes[0].starts_with("the left token is a JWE and the right one a JWS"), "{:?}", d.notes);
    }

    #[test]
    fn large_objects_are_compared_quickly() {
        let body = |n: usize, skip: usize| {
            let members: Vec<String> = (0..n).filter(|&i| i != skip).map(|i| format!("\"k{i}\":{i}")).collect();
            format!("{{{}}}", members.join(","))
        };
        let l = tok(r#"{"alg":"HS256"}"#, &body(20_000, usize::MAX), "c2ln");
        let r = tok(r#"{"alg":"HS256"}"#, &body(20_000, 7), "c2ln");
        let d = diff(&l, &r);
        assert_eq!(d.members.len(), 20_001);
        let changed: Vec<&str> =
            d.members.iter().filter(|m| m.change != Change::Same).map(|m| m.name.as_str()).collect();
        assert_eq!(changed, ["k7"]);
    }

    #[test]
    fn invisible_characters_are_escaped_in_values_and_shown_in_names() {
        let l = tok(r#"{"alg":"HS256"}"#, "{\"sub\u{202E}\":\"a\u{200B}\"}", "c2ln");
        let d = diff(&l, &l);
        assert_eq!(rows(&d)[1], ("payload", "sub⟨U+202E⟩", Some("\"a\\u200b\""), Some("\"a\\u200b\""), "same"));
    }
}
