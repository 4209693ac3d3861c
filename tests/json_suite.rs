//! The located JSON reader (`jwt::json`, for what the user pastes) against `serde_json`, the
//! reference, on every parsing case of JSONTestSuite (nst/JSONTestSuite, copied into
//! tests/data/JSONTestSuite) and on generated documents.
//!
//! - `y_` (must accept): the reader accepts, and its value equals serde_json's. Values are
//!   compared in a canonical form: strings, numbers as the f64 they denote (serde_json with
//!   `float_roundtrip`, correctly rounded like the reader), arrays, and objects as maps in
//!   which the last of duplicate members wins (serde_json keeps only that one; the reader
//!   keeps every member in source order, checked separately, and `Node::get` reads the last).
//!   Every node's span, read alone by serde_json, is that node's value.
//! - `n_` (must reject): both refuse, and the reader's error points into the text.
//! - `i_` (either is allowed): each file is pinned to what the reader and serde_json do
//!   ([`I_BOTH_ACCEPT`], [`I_BOTH_REFUSE`], [`I_OUT_OF_RANGE`], [`I_LONE_SURROGATE`]); where
//!   they differ, the reason is one of [`Deviation`].
//! - Generated documents: the same values, the same accept/reject on mutated ones, except
//!   for the listed deviations, each recognised and asserted where it occurs.
//!
//! Nothing panics: each file runs under `catch_unwind` so that a panic names the case. Text
//! that is not UTF-8 never reaches the reader (it takes `&str`; the page decodes a segment as
//! UTF-8 first): it counts as refused.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jwt_lens::jwt::json::{self, MAX_DEPTH, Node, Value};
use proptest::prelude::*;

/// Where the reader differs from serde_json on purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Deviation {
    /// A `\u` escape of a lone UTF-16 surrogate is valid JSON syntax (RFC 8259 §8.2 only says
    /// the behaviour of software receiving it is unpredictable). A debugger must still show
    /// such a token: the reader accepts it and reads the escape as U+FFFD (the source text,
    /// which the panes show, keeps the escape). serde_json refuses the text.
    LoneSurrogate,
    /// A number beyond f64's range is valid syntax (RFC 8259 §6 lets an implementation limit
    /// the range). The reader keeps its exact text (what the panes show) and reads its value
    /// as ±infinity; serde_json refuses the text ("number out of range").
    OutOfRange,
    /// Nesting exactly `MAX_DEPTH` (128) deep: the reader's limit admits 128 levels,
    /// serde_json's recursion limit of 128 stops at 127. Both refuse anything deeper.
    Depth,
}

/// The `i_` cases (RFC 8259 lets a parser accept or refuse them), every one pinned, by what
/// the reader and serde_json do. Both accept: numbers f64 holds, rounded (or 0 on underflow).
const I_BOTH_ACCEPT: &[&str] = &[
    "i_number_double_huge_neg_exp.json",
    "i_number_real_underflow.json",
    "i_number_too_big_neg_int.json",
    "i_number_too_big_pos_int.json",
    "i_number_very_big_negative_int.json",
];

/// Both refuse: texts that are not UTF-8 (bad sequences, UTF-16, Latin-1), 500 levels
/// (deeper than either limit), and a byte order mark, which is not JSON whitespace
/// (RFC 8259 §8.1 only lets parsers ignore it).
const I_BOTH_REFUSE: &[&str] = &[
    "i_string_UTF-16LE_with_BOM.json",
    "i_string_UTF-8_invalid_sequence.json",
    "i_string_UTF8_surrogate_U+D800.json",
    "i_string_invalid_utf-8.json",
    "i_string_iso_latin_1.json",
    "i_string_lone_utf8_continuation_byte.json",
    "i_string_not_in_unicode_range.json",
    "i_string_overlong_sequence_2_bytes.json",
    "i_string_overlong_sequence_6_bytes.json",
    "i_string_overlong_sequence_6_bytes_null.json",
    "i_string_truncated-utf-8.json",
    "i_string_utf16BE_no_BOM.json",
    "i_string_utf16LE_no_BOM.json",
    "i_structure_500_nested_arrays.json",
    "i_structure_UTF-8_BOM_empty_object.json",
];

/// Only the reader accepts: [`Deviation::OutOfRange`].
const I_OUT_OF_RANGE: &[&str] = &[
    "i_number_huge_exp.json",
    "i_number_neg_int_huge_exp.json",
    "i_number_pos_double_huge_exp.json",
    "i_number_real_neg_overflow.json",
    "i_number_real_pos_overflow.json",
];

/// Only the reader accepts: [`Deviation::LoneSurrogate`].
const I_LONE_SURROGATE: &[&str] = &[
    "i_object_key_lone_2nd_surrogate.json",
    "i_string_1st_surrogate_but_2nd_missing.json",
    "i_string_1st_valid_surrogate_2nd_invalid.json",
    "i_string_incomplete_surrogate_and_escape_valid.json",
    "i_string_incomplete_surrogate_pair.json",
    "i_string_incomplete_surrogates_escape_valid.json",
    "i_string_invalid_lonely_surrogate.json",
    "i_string_invalid_surrogate.json",
    "i_string_inverted_surrogates_U+1D11E.json",
    "i_string_lone_second_surrogate.json",
];

/// What an `i_` case is pinned to.
fn pinned(name: &str) -> Option<Outcome> {
    [
        (I_BOTH_ACCEPT, Outcome::Both),
        (I_BOTH_REFUSE, Outcome::Neither),
        (I_OUT_OF_RANGE, Outcome::OnlyReader(Deviation::OutOfRange)),
        (I_LONE_SURROGATE, Outcome::OnlyReader(Deviation::LoneSurrogate)),
    ]
    .into_iter()
    .find_map(|(names, outcome)| names.contains(&name).then_some(outcome))
}

/// A JSON value as both readers must agree on it.
#[derive(Debug, Clone, PartialEq)]
enum Canon {
    Null,
    Bool(bool),
    /// The bits of the f64 a number denotes (-0 and 0 differ; no NaN reaches here).
    Number(u64),
    String(String),
    Array(Vec<Canon>),
    /// Members by name; of duplicates, the last.
    Object(BTreeMap<String, Canon>),
}

fn ours(n: &Node) -> Canon {
    match &n.value {
        Value::Null => Canon::Null,
        Value::Bool(b) => Canon::Bool(*b),
        Value::Number(x) => Canon::Number(x.to_bits()),
        Value::String(s) => Canon::String(s.clone()),
        Value::Array(items) => Canon::Array(items.iter().map(ours).collect()),
        Value::Object(members) => {
            let mut map = BTreeMap::new();
            for m in members {
                map.insert(m.key.clone(), ours(&m.value));
            }
            Canon::Object(map)
        }
    }
}

fn theirs(v: &serde_json::Value) -> Canon {
    match v {
        serde_json::Value::Null => Canon::Null,
        serde_json::Value::Bool(b) => Canon::Bool(*b),
        serde_json::Value::Number(n) => Canon::Number(n.as_f64().map_or(u64::MAX, f64::to_bits)),
        serde_json::Value::String(s) => Canon::String(s.clone()),
        serde_json::Value::Array(items) => Canon::Array(items.iter().map(theirs).collect()),
        serde_json::Value::Object(map) => Canon::Object(map.iter().map(|(k, v)| (k.clone(), theirs(v))).collect()),
    }
}

/// The reader's outcome on raw bytes: refused before the reader if not UTF-8.
fn read(bytes: &[u8]) -> Option<Result<json::Document, json::JsonError>> {
    std::str::from_utf8(bytes).ok().map(json::parse)
}

/// What the reader keeps beyond serde_json's value, checked on an accepted text: every
/// node's span is that node's text (serde_json reads it alone as the same value), members
/// stay in source order, every repeated member name is reported once per repetition, and
/// the pretty-printed text reads back as the same value.
fn check_located(text: &str, doc: &json::Document) -> Result<(), String> {
    fn walk(text: &str, n: &Node, repeats: &mut usize) -> Result<(), String> {
        let piece = text.get(n.span.clone()).ok_or_else(|| format!("span {:?} is not in the text", n.span))?;
        let alone: serde_json::Value =
            serde_json::from_str(piece).map_err(|e| format!("span {:?} ({piece:?}) is not a value: {e}", n.span))?;
        if theirs(&alone) != ours(n) {
            return Err(format!("span {:?} ({piece:?}) reads as another value", n.span));
        }
        match &n.value {
            Value::Array(items) => {
                for item in items {
                    walk(text, item, repeats)?;
                }
            }
            Value::Object(members) => {
                let mut seen = std::collections::BTreeSet::new();
                let mut last = n.span.start;
                for m in members {
                    if m.key_span.start < last {
                        return Err(format!("member {:?} is out of source order", m.key));
                    }
                    last = m.value.span.end;
                    let key: String = serde_json::from_str(text.get(m.key_span.clone()).unwrap_or(""))
                        .map_err(|e| format!("the key span of {:?} is not a string: {e}", m.key))?;
                    if key != m.key {
                        return Err(format!("the key span of {:?} reads {key:?}", m.key));
                    }
                    if !seen.insert(&m.key) {
                        *repeats += 1;
                    }
                    walk(text, &m.value, repeats)?;
                }
            }
            _ => {}
        }
        Ok(())
    }
    let mut repeats = 0;
    walk(text, &doc.root, &mut repeats)?;
    if repeats != doc.duplicates.len() {
        return Err(format!("{repeats} repeated member names, {} reported", doc.duplicates.len()));
    }
    let pretty = json::pretty(text, &doc.root);
    match json::parse(&pretty.text) {
        Ok(again) if ours(&again.root) == ours(&doc.root) => Ok(()),
        Ok(_) => Err("the pretty-printed text reads as another value".into()),
        Err(e) => Err(format!("the pretty-printed text does not read: {}", e.message)),
    }
}

/// Which listed deviation explains serde_json refusing a text the reader accepted, if any:
/// serde_json's error names it, and the reader's document shows it.
fn deviation(text: &str, doc: &json::Document, err: &serde_json::Error) -> Option<Deviation> {
    let message = err.to_string();
    if message.starts_with("recursion limit exceeded") {
        return (depth(&doc.root) == MAX_DEPTH).then_some(Deviation::Depth);
    }
    if message.starts_with("number out of range") {
        return has_infinite(&doc.root).then_some(Deviation::OutOfRange);
    }
    if message.starts_with("lone leading surrogate") || message.starts_with("unexpected end of hex escape") {
        return has_lone_surrogate(text).then_some(Deviation::LoneSurrogate);
    }
    None
}

fn depth(n: &Node) -> usize {
    match &n.value {
        Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        Value::Object(members) => 1 + members.iter().map(|m| depth(&m.value)).max().unwrap_or(0),
        _ => 0,
    }
}

fn has_infinite(n: &Node) -> bool {
    match &n.value {
        Value::Number(x) => x.is_infinite(),
        Value::Array(items) => items.iter().any(has_infinite),
        Value::Object(members) => members.iter().any(|m| has_infinite(&m.value)),
        _ => false,
    }
}

/// Whether the text holds a `\u` escape of a surrogate that is not the high half of a pair
/// followed by its low half (as the escape of a backslash, `\\u`, is not an escape).
fn has_lone_surrogate(text: &str) -> bool {
    let b = text.as_bytes();
    let hex = |at: usize| text.get(at..at + 4).and_then(|h| u32::from_str_radix(h, 16).ok());
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        if b[i + 1] == b'u'
            && let Some(u) = hex(i + 2)
        {
            if (0xDC00..0xE000).contains(&u) {
                return true;
            }
            if (0xD800..0xDC00).contains(&u) {
                let low = (b.get(i + 6) == Some(&b'\\') && b.get(i + 7) == Some(&b'u')).then(|| hex(i + 8)).flatten();
                match low {
                    Some(l) if (0xDC00..0xE000).contains(&l) => {
                        i += 12;
                        continue;
                    }
                    _ => return true,
                }
            }
        }
        i += 2;
    }
    false
}

/// One text through both readers: which accept it, or why that breaks the rules above (the
/// reader panics; both accept with different values or the reader's locations are wrong;
/// only the reader accepts, for no listed deviation; only serde_json accepts; an error is
/// placed outside the text).
fn compare(text_bytes: &[u8]) -> Result<Outcome, String> {
    let mine = std::panic::catch_unwind(|| read(text_bytes)).map_err(|_| "the reader panicked".to_string())?;
    let reference = serde_json::from_slice::<serde_json::Value>(text_bytes);
    Ok(match (mine, reference) {
        (Some(Ok(doc)), Ok(v)) => {
            let text = std::str::from_utf8(text_bytes).unwrap_or_default();
            if ours(&doc.root) != theirs(&v) {
                return Err(format!(
                    "the values differ:\n  reader: {:?}\n  serde_json: {:?}",
                    ours(&doc.root),
                    theirs(&v)
                ));
            }
            check_located(text, &doc)?;
            Outcome::Both
        }
        (Some(Ok(doc)), Err(e)) => {
            let text = std::str::from_utf8(text_bytes).unwrap_or_default();
            match deviation(text, &doc, &e) {
                Some(d) => Outcome::OnlyReader(d),
                None => return Err(format!("the reader accepts what serde_json refuses ({e}), for no listed reason")),
            }
        }
        (Some(Err(e)), Ok(_)) => {
            return Err(format!("the reader refuses ({} at {}) what serde_json accepts", e.message, e.offset));
        }
        (Some(Err(e)), Err(_)) => {
            if e.offset > text_bytes.len() || e.line == 0 || e.column == 0 {
                return Err(format!("the error is placed outside the text: {e:?}"));
            }
            Outcome::Neither
        }
        (None, Ok(_)) => return Err("serde_json accepts a text that is not UTF-8".into()),
        (None, Err(_)) => Outcome::Neither,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Both,
    Neither,
    /// The reader accepts, serde_json refuses, for this listed reason.
    OnlyReader(Deviation),
}

fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/JSONTestSuite/test_parsing")
}

/// Every case file, by name.
fn cases() -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(suite_dir())
        .expect("tests/data/JSONTestSuite/test_parsing")
        .map(|e| {
            let path = e.expect("a directory entry").path();
            let name = path.file_name().and_then(|n| n.to_str()).expect("a UTF-8 file name").to_string();
            let bytes = std::fs::read(&path).expect("a readable case");
            (name, bytes)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn json_test_suite() {
    let cases = cases();
    let count = |prefix: &str| cases.iter().filter(|(n, _)| n.starts_with(prefix)).count();
    // The snapshot as copied: 95 must-accept, 188 must-reject, 35 either.
    assert_eq!((count("y_"), count("n_"), count("i_")), (95, 188, 35), "the copied suite changed");

    let mut failures = Vec::new();
    let mut tally: BTreeMap<String, usize> = BTreeMap::new();
    for (name, bytes) in &cases {
        let outcome = compare(bytes);
        let verdict = match (&name[..2], outcome) {
            (_, Err(why)) => Err(why),
            ("y_", Ok(Outcome::Both)) => Ok(()),
            ("y_", Ok(o)) => Err(format!("must be accepted by both, got {o:?}")),
            ("n_", Ok(Outcome::Neither)) => Ok(()),
            ("n_", Ok(o)) => Err(format!("must be refused by both, got {o:?}")),
            ("i_", Ok(o)) => match pinned(name) {
                None => Err(format!("not pinned (got {o:?})")),
                Some(expected) if o == expected => Ok(()),
                Some(expected) => Err(format!("pinned as {expected:?}, got {o:?}")),
            },
            _ => Err("not a y_, n_ or i_ case".into()),
        };
        let key = format!("{} {}", &name[..1], if verdict.is_ok() { "as expected" } else { "FAILED" });
        *tally.entry(key).or_default() += 1;
        if let Err(why) = verdict {
            failures.push(format!("{name}: {why}"));
        }
    }
    eprintln!("JSONTestSuite: {tally:?}");
    assert!(failures.is_empty(), "{} cases disagree:\n{}", failures.len(), failures.join("\n"));
    let listed = I_BOTH_ACCEPT.len() + I_BOTH_REFUSE.len() + I_OUT_OF_RANGE.len() + I_LONE_SURROGATE.len();
    assert_eq!(listed, count("i_"), "an i_ case is listed twice, or names a file not in the suite");
}

/// The duplicate-member cases: serde_json keeps the last, the reader keeps both, in order,
/// reports the repetition, and `get` reads the last (as serde_json and RFC 7519 §4 do).
#[test]
fn duplicates_are_kept_in_order() {
    let bytes = std::fs::read(suite_dir().join("y_object_duplicated_key.json")).expect("the case");
    let text = std::str::from_utf8(&bytes).expect("UTF-8");
    let doc = json::parse(text).expect("accepted");
    let Value::Object(members) = &doc.root.value else { panic!("an object") };
    let values: Vec<_> = members.iter().map(|m| (m.key.as_str(), m.value.as_str())).collect();
    assert_eq!(values, [("a", Some("b")), ("a", Some("c"))]);
    assert_eq!(doc.duplicates.len(), 1);
    assert_eq!(doc.root.get("a").and_then(Node::as_str), Some("c"));
    let theirs: serde_json::Value = serde_json::from_str(text).expect("accepted");
    assert_eq!(theirs["a"], "c");
}

/// The depth limit, at both edges, in arrays and objects.
#[test]
fn nesting_limits() {
    let arrays = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    let objects = |n: usize| format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n));
    for nest in [arrays, objects] {
        assert_eq!(compare(nest(MAX_DEPTH - 1).as_bytes()), Ok(Outcome::Both));
        assert_eq!(compare(nest(MAX_DEPTH).as_bytes()), Ok(Outcome::OnlyReader(Deviation::Depth)));
        assert_eq!(compare(nest(MAX_DEPTH + 1).as_bytes()), Ok(Outcome::Neither));
        assert_eq!(compare(nest(100_000).as_bytes()), Ok(Outcome::Neither));
    }
}

/// Each listed deviation, alone: what the reader reads.
#[test]
fn deviations_read_as_documented() {
    for (text, value) in
        [(r#""\uD800""#, "\u{FFFD}"), (r#""\uDC00x""#, "\u{FFFD}x"), (r#""\uD83Dx\uDE00""#, "\u{FFFD}x\u{FFFD}")]
    {
        assert_eq!(compare(text.as_bytes()), Ok(Outcome::OnlyReader(Deviation::LoneSurrogate)), "{text}");
        assert_eq!(json::parse(text).expect("accepted").root.as_str(), Some(value), "{text}");
    }
    // A surrogate pair, and an escaped backslash before `u`, are no deviation.
    assert_eq!(compare(br#""\uD83D\uDE00""#), Ok(Outcome::Both));
    assert_eq!(compare(br#""\\uD800""#), Ok(Outcome::Both));
    for (text, value) in [("1e400", f64::INFINITY), ("-1e400", f64::NEG_INFINITY), ("[1.5e309]", f64::INFINITY)] {
        assert_eq!(compare(text.as_bytes()), Ok(Outcome::OnlyReader(Deviation::OutOfRange)), "{text}");
        let doc = json::parse(text).expect("accepted");
        let n = match &doc.root.value {
            Value::Array(items) => items[0].as_f64(),
            _ => doc.root.as_f64(),
        };
        assert_eq!(n, Some(value), "{text}");
    }
    // Underflow is no deviation: both read zero.
    assert_eq!(compare(b"1e-400"), Ok(Outcome::Both));
}

/// Every ASCII character, and a spread of others, alone in a string as it is and after a
/// backslash; and every `\uXXXX` escape (the surrogates being the listed deviation).
#[test]
fn every_character_raw_escaped_and_as_u_escape() {
    let others = (0x80..0x800).step_by(7).chain([0x7ff, 0x800, 0xfeff, 0xfffd, 0xffff, 0x10000, 0x1f600, 0x10ffff]);
    for c in (0..0x80).chain(others).filter_map(char::from_u32) {
        for text in [format!("\"{c}\""), format!("\"\\{c}\""), format!("[\"x{c}\",{c}]")] {
            assert!(compare(text.as_bytes()).is_ok(), "{text:?}: {:?}", compare(text.as_bytes()));
        }
    }
    for u in 0..=0xffff_u32 {
        let text = format!("\"\\u{u:04x}\"");
        let expected =
            if (0xD800..0xE000).contains(&u) { Outcome::OnlyReader(Deviation::LoneSurrogate) } else { Outcome::Both };
        assert_eq!(compare(text.as_bytes()), Ok(expected), "{text}");
    }
}

// ---- generated documents ----

/// A generated JSON value, with the lexical choices of its text: whitespace, escapes and
/// number forms vary, the value does not.
#[derive(Debug, Clone)]
enum Gen {
    Null,
    Bool(bool),
    /// A number's text, as written.
    Number(String),
    /// A string's characters, each with how it is written (0: as is where allowed, 1: a
    /// short escape where there is one, 2: `\u` lower-case hex, 3: upper-case).
    String(Vec<(char, u8)>),
    Array(Vec<Gen>),
    Object(Vec<(Vec<(char, u8)>, Gen)>),
}

fn number_text(max_exponent_digits: usize) -> impl Strategy<Value = String> {
    let pattern = format!("-?(0|[1-9][0-9]{{0,24}})(\\.[0-9]{{1,24}})?([eE][+-]?[0-9]{{1,{max_exponent_digits}}})?");
    proptest::string::string_regex(&pattern).expect("a number pattern")
}

fn string_chars() -> impl Strategy<Value = Vec<(char, u8)>> {
    let ch = prop_oneof![
        4 => proptest::char::range('a', 'e'),
        1 => proptest::char::range('\u{0}', '\u{1f}'),
        1 => Just('"'),
        1 => Just('\\'),
        1 => Just('/'),
        1 => any::<char>(),
        1 => proptest::char::range('\u{10000}', '\u{10FFFF}'),
    ];
    proptest::collection::vec((ch, 0u8..4), 0..8)
}

fn gen_value(max_exponent_digits: usize) -> impl Strategy<Value = Gen> {
    let leaf = prop_oneof![
        Just(Gen::Null),
        any::<bool>().prop_map(Gen::Bool),
        number_text(max_exponent_digits).prop_map(Gen::Number),
        string_chars().prop_map(Gen::String),
    ];
    leaf.prop_recursive(6, 64, 6, |inner| {
        // Names from a small set, so that duplicates are common.
        let name = prop_oneof![
            4 => proptest::sample::select(vec!["a", "b", "alg", "é", ""]).prop_map(|s| s.chars().map(|c| (c, 0)).collect()),
            1 => string_chars(),
        ];
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Gen::Array),
            proptest::collection::vec((name, inner), 0..6).prop_map(Gen::Object),
        ]
    })
}

/// Writes a generated value, with whitespace drawn from `ws` in turn (`at` counts the draws).
fn render(g: &Gen, ws: &[u8], at: &mut usize) -> String {
    let before = space(ws, at);
    let body = match g {
        Gen::Null => "null".to_string(),
        Gen::Bool(b) => b.to_string(),
        Gen::Number(n) => n.clone(),
        Gen::String(chars) => string(chars),
        Gen::Array(items) => {
            let items: Vec<String> = items.iter().map(|item| render(item, ws, at)).collect();
            format!("[{}{}]", items.join(","), space(ws, at))
        }
        Gen::Object(members) => {
            let members: Vec<String> = members
                .iter()
                .map(|(name, value)| {
                    let (lead, name, gap) = (space(ws, at), string(name), space(ws, at));
                    format!("{lead}{name}{gap}:{}", render(value, ws, at))
                })
                .collect();
            format!("{{{}{}}}", members.join(","), space(ws, at))
        }
    };
    format!("{before}{body}{}", space(ws, at))
}

/// The next piece of whitespace (none, a space, a newline and indent, a tab, CR LF).
fn space(ws: &[u8], at: &mut usize) -> &'static str {
    let w = ws.get(*at % ws.len().max(1)).copied().unwrap_or(0);
    *at += 1;
    ["", "", " ", "\n  ", "\t", "\r\n"][usize::from(w) % 6]
}

/// A generated string as a JSON string literal, each character written as it chose.
fn string(chars: &[(char, u8)]) -> String {
    let mut out = String::from('"');
    for &(c, how) in chars {
        let short = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '/' => Some("\\/"),
            '\u{8}' => Some("\\b"),
            '\u{c}' => Some("\\f"),
            '\n' => Some("\\n"),
            '\r' => Some("\\r"),
            '\t' => Some("\\t"),
            _ => None,
        };
        let must_escape = c == '"' || c == '\\' || (c as u32) < 0x20;
        match (how, short) {
            (0, _) if !must_escape => out.push(c),
            (0 | 1, Some(s)) => out.push_str(s),
            _ => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str(&if how == 3 { format!("\\u{:04X}", u) } else { format!("\\u{:04x}", u) });
                }
            }
        }
    }
    out.push('"');
    out
}

fn document(max_exponent_digits: usize) -> impl Strategy<Value = String> {
    (gen_value(max_exponent_digits), proptest::collection::vec(any::<u8>(), 1..16))
        .prop_map(|(g, ws)| render(&g, &ws, &mut 0))
}

/// An edit of a text: at a place (a fraction of its length), delete a character, insert
/// one, or replace one, from an alphabet that makes JSON's edge cases likely.
fn edits() -> impl Strategy<Value = Vec<(u16, u8, char)>> {
    let ch = prop_oneof![
        4 => proptest::sample::select("{}[]\",:\\/u0189DdEe+-. tfnrl\u{7f}é\u{feff}".chars().collect::<Vec<_>>()),
        1 => proptest::char::range('\u{0}', '\u{1f}'),
        1 => any::<char>(),
    ];
    proptest::collection::vec((any::<u16>(), 0u8..3, ch), 1..5)
}

fn apply(text: &str, edits: &[(u16, u8, char)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for &(at, op, c) in edits {
        let i = usize::from(at) * (chars.len() + 1) / 65536;
        match op {
            0 if i < chars.len() => {
                chars.remove(i);
            }
            1 => chars.insert(i.min(chars.len()), c),
            _ if i < chars.len() => chars[i] = c,
            _ => chars.push(c),
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Generated valid documents (numbers within f64's range, no lone surrogates): both
    /// accept, with the same value, and the reader's spans, order and duplicates hold.
    #[test]
    fn generated_documents_read_the_same(text in document(2)) {
        prop_assert_eq!(compare(text.as_bytes()), Ok(Outcome::Both), "{}", text);
    }

    /// Exponents up to 999: a number beyond f64's range is the one listed deviation.
    #[test]
    fn generated_large_numbers(text in document(3)) {
        let outcome = compare(text.as_bytes());
        prop_assert!(matches!(outcome, Ok(Outcome::Both | Outcome::OnlyReader(Deviation::OutOfRange))), "{:?}: {}", outcome, text);
    }

    /// Mutated documents: the same accept/reject and, where both accept, the same value;
    /// where only the reader accepts, a listed deviation explains it.
    #[test]
    fn mutated_documents_accept_and_refuse_the_same(text in document(2), edits in edits()) {
        let mutated = apply(&text, &edits);
        let outcome = compare(mutated.as_bytes());
        prop_assert!(outcome.is_ok(), "{:?}: {:?}", outcome, mutated);
    }

    /// A string literal of any characters written as they are (controls, quotes and
    /// backslashes included): the same accept/reject and value.
    #[test]
    fn raw_strings(chars in proptest::collection::vec(prop_oneof![proptest::char::range('\u{0}', '\u{7f}'), any::<char>()], 0..12)) {
        let text = format!("\"{}\"", chars.iter().collect::<String>());
        let outcome = compare(text.as_bytes());
        prop_assert!(outcome.is_ok(), "{:?}: {:?}", outcome, text);
    }

    /// Escapes: a backslash and what may follow it, in a string.
    #[test]
    fn escapes(tail in proptest::collection::vec(proptest::sample::select("uU0123456789abcdefABCDEF\"\\/bfnrtxD".chars().collect::<Vec<_>>()), 0..14)) {
        let text = format!("[\"\\{}\"]", tail.iter().collect::<String>());
        let outcome = compare(text.as_bytes());
        prop_assert!(outcome.is_ok(), "{:?}: {:?}", outcome, text);
    }

    /// Number-like texts: the same accept/reject and value.
    #[test]
    fn number_like(chars in proptest::collection::vec(proptest::sample::select("-+.eE0123456789 ".chars().collect::<Vec<_>>()), 1..14)) {
        let text: String = chars.into_iter().collect();
        let outcome = compare(text.as_bytes());
        prop_assert!(outcome.is_ok(), "{:?}: {:?}", outcome, text);
    }

    /// Arbitrary bytes: no panic, and the same accept/reject.
    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let outcome = compare(&bytes);
        prop_assert!(outcome.is_ok(), "{:?}: {:?}", outcome, bytes);
    }
}
