//! Best-effort decoding of a compact JWS (RFC 7515 §7.1) or JWE (RFC 7516 §7.1).
//!
//! Decoding never fails: each part is decoded on its own, every problem is recorded with
//! its location, and whatever could be decoded is returned, so a broken token still shows
//! all that can be shown. Decoding is lenient about padding and unused base64 bits (and
//! says so); verification is not.

use std::ops::Range;

use super::base64url::{self, Base64Issue};
use super::clean::{self, Cleaned};
use super::json::{self, Document, JsonError, Pretty};
use super::problem::{Location, Part, Problem, ProblemCode};

/// Which serialization the token has, by its number of parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Three parts: header, payload, signature.
    Jws,
    /// Five parts: header, encrypted key, IV, ciphertext, tag.
    Jwe,
    /// Any other number of parts; the first three are read as a JWS.
    Unrecognised,
}

/// One dot-separated segment of the token.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub part: Part,
    /// Byte range in the cleaned token.
    pub range: Range<usize>,
    /// The decoded bytes, if the segment is base64url that could be decoded.
    pub bytes: Option<Vec<u8>>,
    /// Issues the lenient decoder tolerated (padding, unused bits), with their byte offset
    /// in the token.
    pub tolerated: Vec<(usize, Base64Issue)>,
}

/// A part whose content is meant to be JSON: its text and what parsing it gave.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonText {
    pub text: String,
    pub parsed: Result<Document, JsonError>,
    /// The pretty-printed form, when the text parsed.
    pub pretty: Option<Pretty>,
}

impl JsonText {
    pub fn new(text: String) -> Self {
        let parsed = json::parse(&text);
        let pretty = parsed.as_ref().ok().map(|doc| json::pretty(&text, &doc.root));
        JsonText { text, parsed, pretty }
    }

    /// The root value if the text parsed.
    pub fn root(&self) -> Option<&json::Node> {
        self.parsed.as_ref().ok().map(|d| &d.root)
    }
}

/// What the payload turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    /// The token has no payload segment.
    Absent,
    /// An empty payload segment: detached content (RFC 7515 Appendix F).
    Detached,
    /// UTF-8 text that is JSON, or was meant to be and is shown with its error.
    Json(JsonText),
    /// UTF-8 text that is not JSON.
    Text(String),
    /// Bytes that are not UTF-8.
    Binary(Vec<u8>),
    /// The payload of a JWE: encrypted.
    Encrypted,
}

/// Everything the decoder learned about a pasted token.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The token as found in the pasted text, and what was stripped to find it.
    pub input: Cleaned,
    pub form: Form,
    pub segments: Vec<Segment>,
    /// The header as text and JSON, if it decoded to UTF-8.
    pub header: Option<JsonText>,
    pub payload: Payload,
    /// Whether the header says `b64: false` (RFC 7797): the payload segment is not encoded.
    pub unencoded_payload: bool,
    /// The `alg` header member, if it is a string.
    pub alg: Option<String>,
    /// The `enc` header member of a JWE, if it is a string.
    pub enc: Option<String>,
    pub problems: Vec<Problem>,
    /// The unprotected header of a signature in the JSON serialization (RFC 7515 §7.2.1).
    pub unprotected: Option<JsonText>,
    /// Set when the token was pasted in the JSON serialization: every signature, each
    /// decoded as a token of its own. The fields above describe the first one.
    pub json: Option<JsonForm>,
    /// Whether the token was pasted in a JSON serialization, of a JWS or of a JWE (RFC 7515
    /// §7.2, RFC 7516 §7.2), not in the compact one every JWT has (RFC 7519 §1).
    pub json_serialization: bool,
    /// Set for a compact SD-JWT (RFC 9901 §4): where its disclosures and key-binding JWT
    /// stand after the issuer-signed JWT, which alone is decoded into the fields above
    /// (the worker processes the disclosures: `sd::process`).
    pub sd: Option<super::sd::Compact>,
    /// The first character outside base64url in a compact token's parts, and its part (`=`
    /// padding at a part's end and an unencoded payload are not counted): found once here,
    /// so that the linter, which runs on every clock tick, never reads the token again.
    pub outside_base64url: Option<(Part, char)>,
}

/// A JWS in the JSON serialization (RFC 7515 §7.2).
#[derive(Debug, Clone, PartialEq)]
pub struct JsonForm {
    /// General (a `signatures` array) rather than flattened.
    pub general: bool,
    /// Every signature, each decoded as `protected..signature`: its headers, `alg` and
    /// signature, with an empty payload segment. The payload they share is decoded once,
    /// in the token that holds this form ([`Decoded::payload_text`]).
    pub signatures: Vec<Decoded>,
}

impl Decoded {
    /// The segment holding a part, if the token has it.
    pub fn segment(&self, part: Part) -> Option<&Segment> {
        self.segments.iter().find(|s| s.part == part)
    }

    /// The segment holding the signature of a JWS, or the authentication tag of a JWE.
    pub fn signature_segment(&self) -> Option<&Segment> {
        self.segment(if self.form == Form::Jwe { Part::Tag } else { Part::Signature })
    }

    /// The signature of a JWS, or the authentication tag of a JWE, decoded.
    pub fn signature(&self) -> Option<&[u8]> {
        self.signature_segment()?.bytes.as_deref()
    }

    /// The header's root JSON value, if it parsed.
    pub fn header_json(&self) -> Option<&json::Node> {
        self.header.as_ref()?.root()
    }

    /// A header member from the protected header or, in the JSON serialization, the
    /// unprotected one (their union is the JOSE header, RFC 7515 §7.2.1).
    pub fn header_member(&self, name: &str) -> Option<&json::Node> {
        self.header_json().and_then(|h| h.get(name)).or_else(|| self.unprotected.as_ref()?.root()?.get(name))
    }

    /// The payload's root JSON value, if it is JSON that parsed.
    pub fn claims(&self) -> Option<&json::Node> {
        match &self.payload {
            Payload::Json(j) => j.root(),
            _ => None,
        }
    }

    /// The payload segment's text as it stands in the token: base64url, or with `b64:
    /// false` the payload itself. In the JSON serialization it is the `payload` member,
    /// which every signature shares.
    pub fn payload_text(&self) -> &str {
        self.segment(Part::Payload).and_then(|s| self.input.token.get(s.range.clone())).unwrap_or_default()
    }

    /// Whether nothing was pasted.
    pub fn is_empty(&self) -> bool {
        self.input.token.is_empty()
    }
}

const JWS_PARTS: [Part; 3] = [Part::Header, Part::Payload, Part::Signature];
const JWE_PARTS: [Part; 5] = [Part::Header, Part::EncryptedKey, Part::Iv, Part::Ciphertext, Part::Tag];

pub use super::limits::MAX_INPUT_BYTES;

/// Decodes whatever was pasted as well as it can be decoded.
pub fn decode(pasted: &str) -> Decoded {
    if pasted.len() > MAX_INPUT_BYTES {
        return too_large(pasted.len());
    }
    let input = clean::clean(pasted);
    if input.token.starts_with('{')
        && let Some(d) = decode_json_serialization(&input)
    {
        return d;
    }
    // A compact SD-JWT: the issuer-signed JWT is the text before the first `~`, a JWS of
    // three parts (anything else is decoded whole, its `~` located as a bad character).
    let sd = super::sd::split(&input.token)
        .map(|c| (split_ranges(&input.token[c.jwt.clone()]), c))
        .filter(|(ranges, _)| ranges.len() == 3);
    let (ranges, sd) = match sd {
        Some((ranges, c)) => (ranges, Some(c)),
        None => (split_ranges(&input.token), None),
    };
    let mut d = decode_ranges(input, ranges, None);
    d.sd = sd;
    d
}

impl Decoded {
    /// Nothing decoded yet from this input.
    fn empty(input: Cleaned, unprotected: Option<JsonText>) -> Decoded {
        Decoded {
            input,
            form: Form::Unrecognised,
            segments: Vec::new(),
            header: None,
            payload: Payload::Absent,
            unencoded_payload: false,
            alg: None,
            enc: None,
            problems: Vec::new(),
            unprotected,
            json: None,
            json_serialization: false,
            sd: None,
            outside_base64url: None,
        }
    }
}

/// `n` bytes in MiB with one decimal, as `{:.1}` prints `n / 2^20` (ties to even), in
/// integers: the page carries no float formatting (about 7 KB of its first load).
fn tenths_of_mib(n: usize) -> String {
    let q = n as u64 * 10;
    let (mut tenths, rest) = (q >> 20, q & 0xf_ffff);
    if rest > 0x8_0000 || (rest == 0x8_0000 && tenths % 2 == 1) {
        tenths += 1;
    }
    format!("{}.{}", tenths / 10, tenths % 10)
}

fn too_large(len: usize) -> Decoded {
    let mb = |n: usize| format!("{} MB", tenths_of_mib(n));
    let mut d = Decoded::empty(Cleaned { token: String::new(), notes: Vec::new() }, None);
    d.problems.push(Problem {
        code: ProblemCode::TooLarge,
        location: Location::default(),
        message: format!(
            "the pasted text is {}; this page decodes tokens up to {}, so it was not read",
            mb(len),
            mb(MAX_INPUT_BYTES)
        ),
    });
    d
}

/// Decodes a JWS in the JSON serialization. The token shown is signature 1's compact form
/// (`protected.payload.signature`, whose first two parts are exactly its signing input),
/// decoded in full with its unprotected header alongside. Every signature is also decoded
/// on its own, but without the payload: each is `protected..signature` (an empty payload
/// segment), so the payload is decoded, parsed and pretty-printed once however many
/// signatures share it, and decoding stays linear in the pasted text. The verifier takes
/// the payload from the token shown ([`Decoded::payload_text`]). `None` when the text is
/// not such a JWS.
fn decode_json_serialization(input: &Cleaned) -> Option<Decoded> {
    let doc = json::parse(&input.token).ok()?;
    let root = &doc.root;
    if root.get("ciphertext").is_some() {
        return decode_jwe_json(input, root);
    }
    let payload = match root.get("payload") {
        Some(p) => p.as_str()?,
        None => "",
    };
    let (general, entries): (bool, Vec<&json::Node>) = match root.get("signatures").map(|n| &n.value) {
        Some(json::Value::Array(items)) => (true, items.iter().collect()),
        Some(_) => return None,
        None if root.get("signature").is_some() => (false, vec![root]),
        None => return None,
    };
    fn text<'a>(entry: &'a json::Node, name: &str) -> &'a str {
        entry.get(name).and_then(json::Node::as_str).unwrap_or_default()
    }
    let unprotected = |entry: &json::Node| {
        entry.get("header").and_then(|h| input.token.get(h.span.clone())).map(|t| JsonText::new(t.to_string()))
    };
    // Signature `protected`.`payload`.`signature` as a token of its own.
    let compact = |entry: &json::Node, payload: &str, notes: Vec<String>| {
        let (protected, signature) = (text(entry, "protected"), text(entry, "signature"));
        let token = format!("{protected}.{payload}.{signature}");
        let p = protected.len() + 1;
        let q = p + payload.len() + 1;
        let ranges = vec![0..protected.len(), p..p + payload.len(), q..token.len()];
        decode_ranges(Cleaned { token, notes }, ranges, unprotected(entry))
    };
    let first_entry = *entries.first()?;
    let signatures: Vec<Decoded> = entries.iter().map(|entry| compact(entry, "", Vec::new())).collect();
    let mut first = compact(first_entry, payload, input.notes.clone());
    let n = signatures.len();
    first.input.notes.push(format!(
        "read the JWS JSON serialization ({}, {n} signature{}){}",
        if general { "general" } else { "flattened" },
        if n == 1 { "" } else { "s" },
        if n > 1 { "; the parts below are those of signature 1, and every signature is verified" } else { "" }
    ));
    first.json = Some(JsonForm { general, signatures });
    first.json_serialization = true;
    Some(first)
}

/// Decodes a JWE in the JSON serialization (RFC 7516 §7.2) as the compact form of its
/// first recipient, `protected.encrypted_key.iv.ciphertext.tag`, with the shared and
/// per-recipient unprotected headers merged into the unprotected header shown.
fn decode_jwe_json(input: &Cleaned, root: &json::Node) -> Option<Decoded> {
    fn text(n: Option<&json::Node>) -> &str {
        n.and_then(json::Node::as_str).unwrap_or_default()
    }
    let (general, first) = match root.get("recipients").map(|n| &n.value) {
        Some(json::Value::Array(items)) => (true, items.first()),
        Some(_) => return None,
        None => (false, Some(root)),
    };
    let count = match root.get("recipients").map(|n| &n.value) {
        Some(json::Value::Array(items)) => items.len(),
        _ => 1,
    };
    let parts = [
        text(root.get("protected")),
        text(first.and_then(|r| r.get("encrypted_key"))),
        text(root.get("iv")),
        text(root.get("ciphertext")),
        text(root.get("tag")),
    ];
    let token = parts.join(".");
    let mut ranges = Vec::with_capacity(5);
    let mut at = 0;
    for p in parts {
        ranges.push(at..at + p.len());
        at += p.len() + 1;
    }
    // The unprotected members of both headers, as one object's text.
    let members: Vec<&str> = [root.get("unprotected"), first.and_then(|r| r.get("header"))]
        .into_iter()
        .flatten()
        .filter(|n| n.is_object())
        .map(|n| input.token[n.span.clone()].trim())
        .map(|t| t.trim_start_matches('{').trim_end_matches('}').trim())
        .filter(|t| !t.is_empty())
        .collect();
    let unprotected = (!members.is_empty()).then(|| JsonText::new(format!("{{{}}}", members.join(","))));
    let mut notes = input.notes.clone();
    notes.push(format!(
        "read the JWE JSON serialization ({}, {count} recipient{}){}",
        if general { "general" } else { "flattened" },
        if count == 1 { "" } else { "s" },
        if root.get("aad").is_some() { "; it has additional authenticated data (aad)" } else { "" }
    ));
    let mut d = decode_ranges(Cleaned { token, notes }, ranges, unprotected);
    d.json_serialization = true;
    if d.enc.is_none()
        && let Some(enc) = d.header_member("enc").and_then(json::Node::as_str)
    {
        d.enc = Some(enc.to_string());
        d.problems.retain(|p| p.code != ProblemCode::MissingEnc);
    }
    // Only the protected header is a part of its own here; an absent one is allowed.
    if parts[0].is_empty() {
        d.problems.retain(|p| p.location.part != Some(Part::Header));
    }
    Some(d)
}

/// Decodes a token whose segments are the given byte ranges of `input.token`.
fn decode_ranges(input: Cleaned, ranges: Vec<Range<usize>>, unprotected: Option<JsonText>) -> Decoded {
    let mut out = Decoded::empty(input, unprotected);
    let token = out.input.token.clone();
    let token = token.as_str();
    if token.is_empty() {
        return out;
    }

    out.form = match ranges.len() {
        3 => Form::Jws,
        5 => Form::Jwe,
        _ => Form::Unrecognised,
    };
    let parts: &[Part] = if out.form == Form::Jwe { &JWE_PARTS } else { &JWS_PARTS };
    if out.form == Form::Unrecognised {
        out.problems.push(parts_problem(token, ranges.len()));
    }

    for (i, range) in ranges.into_iter().enumerate() {
        let part = parts.get(i).copied().unwrap_or(Part::Extra);
        out.segments.push(Segment { part, range, bytes: None, tolerated: Vec::new() });
    }

    decode_header(token, &mut out);
    // In the JSON serialization, alg may sit in the unprotected header (RFC 7515 §7.2.1).
    if out.alg.is_none() {
        if let Some(alg) = out.header_member("alg").and_then(json::Node::as_str) {
            out.alg = Some(alg.to_string());
            out.problems.retain(|p| p.code != ProblemCode::MissingAlg);
        } else if out.header.is_none() && out.unprotected.is_some() {
            out.problems.push(Problem {
                code: ProblemCode::MissingAlg,
                location: Location { part: Some(Part::Header), ..Location::default() },
                message: "neither the protected nor the unprotected header has an \"alg\" member (RFC 7515 §4.1.1)"
                    .into(),
            });
        }
    }
    // RFC 7797: with `b64: false` the payload segment is the payload itself.
    out.unencoded_payload = out.form != Form::Jwe
        && out.header_json().and_then(|h| h.get("b64")).is_some_and(|b| b.value == json::Value::Bool(false));

    for i in 1..out.segments.len() {
        let seg = &out.segments[i];
        if seg.part == Part::Extra || (seg.part == Part::Payload && out.unencoded_payload) {
            continue;
        }
        let (range, part) = (seg.range.clone(), seg.part);
        let text = &token[range.clone()];
        if text.is_empty() {
            if let Some(why) = empty_is_a_problem(part, out.alg.as_deref()) {
                out.problems.push(Problem {
                    code: ProblemCode::EmptySegment,
                    location: Location {
                        part: Some(part),
                        token_char: Some(char_index(token, range.start)),
                        ..Location::default()
                    },
                    message: why,
                });
            }
            out.segments[i].bytes = Some(Vec::new());
            continue;
        }
        let (bytes, issues) = decode_segment(token, range.clone(), part, &mut out.problems);
        out.segments[i].bytes = bytes;
        out.segments[i].tolerated = issues;
    }

    out.payload = match out.form {
        Form::Jwe => Payload::Encrypted,
        _ => decode_payload(token, &mut out),
    };
    out.outside_base64url = outside_base64url(&out);
    out
}

/// The first character outside base64url in the parts, and its part. A segment that decoded
/// passed the same alphabet check (`base64url::scan`), so only the others are read.
fn outside_base64url(d: &Decoded) -> Option<(Part, char)> {
    let unencoded = |s: &Segment| s.part == Part::Payload && d.unencoded_payload;
    d.segments.iter().filter(|s| s.bytes.is_none() && !unencoded(s)).find_map(|s| {
        let text = d.input.token.get(s.range.clone())?.trim_end_matches('=');
        text.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))).map(|c| (s.part, c))
    })
}

/// Byte ranges of the dot-separated segments.
fn split_ranges(token: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    for (i, b) in token.bytes().enumerate() {
        if b == b'.' {
            ranges.push(start..i);
            start = i + 1;
        }
    }
    ranges.push(start..token.len());
    ranges
}

fn char_index(token: &str, byte: usize) -> usize {
    token.get(..byte).map_or(byte, |s| s.chars().count())
}

fn parts_problem(token: &str, count: usize) -> Problem {
    let message = if token.starts_with('{') {
        "this is JSON, but not a JWS in the JSON serialization (RFC 7515 §7.2), which needs \
         \"payload\" and \"signature\" or \"signatures\"; nor a compact token (parts separated by dots)"
            .to_string()
    } else {
        format!(
            "a compact token has 3 parts separated by dots (a JWS) or 5 (a JWE); this has {count} \
             ({} dot{}); the first parts are decoded as far as possible",
            count - 1,
            if count == 2 { "" } else { "s" }
        )
    };
    Problem { code: ProblemCode::TokenParts, location: Location::default(), message }
}

/// Why an empty segment is wrong here, or `None` if empty is allowed.
fn empty_is_a_problem(part: Part, alg: Option<&str>) -> Option<String> {
    match part {
        // Detached content (RFC 7515 Appendix F) and `dir`/`ECDH-ES` JWEs are legitimately empty.
        Part::Payload | Part::EncryptedKey | Part::Ciphertext | Part::Extra => None,
        // Any spelling of none: "none" is unsecured, "NONE" an unsupported algorithm (the
        // verdict says so); an empty signature is the normal shape of both, not a parse error.
        Part::Signature if alg.is_some_and(crate::jwt::alg::is_none_any_case) => None,
        Part::Signature => Some(format!(
            "the signature is empty, but the header's alg {} requires one",
            alg.map_or("(missing)".to_string(), |a| format!("\"{a}\""))
        )),
        Part::Header => Some("the header is empty; it must be a base64url-encoded JSON object".into()),
        Part::Iv => Some("the initialization vector is empty; every JWE content encryption needs one".into()),
        Part::Tag => Some("the authentication tag is empty; every JWE content encryption produces one".into()),
    }
}

/// Decodes one segment leniently, recording a problem if it cannot be decoded at all.
fn decode_segment(
    token: &str,
    range: Range<usize>,
    part: Part,
    problems: &mut Vec<Problem>,
) -> (Option<Vec<u8>>, Vec<(usize, Base64Issue)>) {
    let (bytes, issues) = base64url::decode_lenient(&token[range.clone()]);
    let mut tolerated = Vec::new();
    for issue in issues {
        let at = range.start + issue.offset().unwrap_or(0);
        if issue.is_fatal() {
            problems.push(Problem {
                code: ProblemCode::Base64(part),
                location: Location {
                    part: Some(part),
                    token_char: issue.offset().map(|_| char_index(token, at)),
                    ..Location::default()
                },
                message: format!("not valid base64url: {}", issue.describe()),
            });
        } else {
            tolerated.push((at, issue));
        }
    }
    (bytes, tolerated)
}

fn decode_header(token: &str, out: &mut Decoded) {
    let Some(seg) = out.segments.first() else {
        return;
    };
    let range = seg.range.clone();
    let start_char = char_index(token, range.start);
    if range.is_empty() && out.unprotected.is_some() {
        // A JSON-serialized signature may have no protected header at all.
        return;
    }
    if range.is_empty() {
        out.problems.push(Problem {
            code: ProblemCode::EmptySegment,
            location: Location { part: Some(Part::Header), token_char: Some(start_char), ..Location::default() },
            message: empty_is_a_problem(Part::Header, None).unwrap_or_default(),
        });
        return;
    }
    let (bytes, tolerated) = decode_segment(token, range, Part::Header, &mut out.problems);
    out.segments[0].tolerated = tolerated;
    out.segments[0].bytes = bytes.clone();
    let Some(bytes) = bytes else { return };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            out.problems.push(utf8_problem(ProblemCode::HeaderUtf8, Part::Header, start_char, e.utf8_error()));
            return;
        }
    };
    let header = JsonText::new(text);
    match &header.parsed {
        Err(e) => out.problems.push(json_problem(ProblemCode::HeaderJson, Part::Header, start_char, e)),
        Ok(doc) if !doc.root.is_object() => out.problems.push(Problem {
            code: ProblemCode::HeaderNotObject,
            location: Location { part: Some(Part::Header), token_char: Some(start_char), ..Location::default() },
            message: format!("the header is {}, but a JOSE header must be a JSON object", doc.root.value.type_name()),
        }),
        Ok(doc) => {
            let jwe = out.form == Form::Jwe;
            out.alg = member_string(&doc.root, "alg", jwe, start_char, ProblemCode::MissingAlg, &mut out.problems);
            if jwe {
                out.enc = member_string(&doc.root, "enc", jwe, start_char, ProblemCode::MissingEnc, &mut out.problems);
            }
        }
    }
    out.header = Some(header);
}

/// Reads a required string member of the header, recording a problem if it is missing.
fn member_string(
    root: &json::Node,
    name: &str,
    jwe: bool,
    start_char: usize,
    code: ProblemCode,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    let spec = if jwe { "RFC 7516 §4.1" } else { "RFC 7515 §4.1.1" };
    let message = match root.get(name) {
        Some(node) => match node.as_str() {
            Some(s) => return Some(s.to_string()),
            None => format!("\"{name}\" is {}, but it must be a string ({spec})", node.value.type_name()),
        },
        None => format!("the header has no \"{name}\" member, which is required ({spec})"),
    };
    problems.push(Problem {
        code,
        location: Location { part: Some(Part::Header), token_char: Some(start_char), ..Location::default() },
        message,
    });
    None
}

fn utf8_problem(code: ProblemCode, part: Part, start_char: usize, e: std::str::Utf8Error) -> Problem {
    Problem {
        code,
        location: Location {
            part: Some(part),
            token_char: Some(start_char),
            decoded_byte: Some(e.valid_up_to()),
            ..Location::default()
        },
        message: format!(
            "the decoded bytes are not valid UTF-8 text (the first bad byte is number {})",
            e.valid_up_to() + 1
        ),
    }
}

fn json_problem(code: ProblemCode, part: Part, start_char: usize, e: &JsonError) -> Problem {
    Problem {
        code,
        location: Location {
            part: Some(part),
            token_char: Some(start_char),
            line_column: Some((e.line, e.column)),
            ..Location::default()
        },
        message: format!("not valid JSON: {}", e.message),
    }
}

fn decode_payload(token: &str, out: &mut Decoded) -> Payload {
    let Some(seg) = out.segment(Part::Payload) else {
        return Payload::Absent;
    };
    let start_char = char_index(token, seg.range.start);
    let bytes = if out.unencoded_payload {
        token[seg.range.clone()].as_bytes().to_vec()
    } else {
        match &seg.bytes {
            Some(b) => b.clone(),
            None => return Payload::Absent,
        }
    };
    if bytes.is_empty() {
        return Payload::Detached;
    }
    // A claims set must be JSON (RFC 7519 §7.2), so text that starts like JSON or a header
    // that says JWT makes a non-UTF-8 or non-JSON payload a problem; any other JWS payload
    // may be arbitrary bytes (RFC 7515 §3), shown as text or hex without complaint.
    let meant_json = says_jwt(out.header_json())
        || bytes.iter().find(|b| !b.is_ascii_whitespace()).is_some_and(|b| matches!(b, b'{' | b'['));
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            if meant_json {
                out.problems.push(utf8_problem(ProblemCode::PayloadUtf8, Part::Payload, start_char, e.utf8_error()));
            }
            return Payload::Binary(e.into_bytes());
        }
    };
    let body = JsonText::new(text);
    match &body.parsed {
        Ok(_) => Payload::Json(body),
        Err(e) => {
            if meant_json {
                out.problems.push(json_problem(ProblemCode::PayloadJson, Part::Payload, start_char, e));
                Payload::Json(body)
            } else {
                Payload::Text(body.text)
            }
        }
    }
}

/// Whether the header's `typ` says the payload is a JWT claims set (RFC 7519 §5.1).
fn says_jwt(header: Option<&json::Node>) -> bool {
    header.and_then(|h| h.get("typ")).and_then(json::Node::as_str).is_some_and(|t| {
        let t = t.to_ascii_lowercase();
        t == "jwt" || t == "application/jwt" || t.ends_with("+jwt")
    })
}

#[cfg(test)]
mod tests {

    /// Only a three-part JWS before the first `~` is read as an SD-JWT's issuer JWT; any
    /// other `~` is a character of the token, located as such, never silently dropped.
    #[test]
    fn a_tilde_after_anything_but_a_jws_is_a_located_bad_character() {
        let jws = "eyJhbGciOiJIUzI1NiJ9.e30.c2ln";
        let d = super::decode(&format!("{jws}~WyJhIiwiYiJd~"));
        assert!(d.sd.is_some() && d.problems.is_empty(), "{:?}", d.problems);
        for odd in ["eyJhbGciOiJIUzI1NiJ9.e30~WyJhIiwiYiJd~", "eyJhbGciOiJIUzI1NiJ9.e30.c2ln.x.y~a~"] {
            let d = super::decode(odd);
            assert!(d.sd.is_none(), "{odd}");
            assert!(!d.problems.is_empty(), "{odd}: no problem located");
        }
    }

    #[test]
    fn sizes_in_mib_round_as_float_formatting_does() {
        for (n, text) in [
            (0, "0.0"),
            (262_144, "0.2"),
            (786_432, "0.8"),
            (10_747_904, "10.2"),
            (11_272_192, "10.8"),
            (10_485_761, "10.0"),
            (11_534_336, "11.0"),
            (11_587_011, "11.1"),
        ] {
            assert_eq!(tenths_of_mib(n), text, "{n}");
            assert_eq!(tenths_of_mib(n), format!("{:.1}", n as f64 / (1024.0 * 1024.0)), "{n}");
        }
    }
    use super::*;

    /// RFC 7515 Appendix A.1.
    const A1: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    fn b64(s: &str) -> String {
        base64url::encode(s.as_bytes())
    }

    fn tok(header: &str, payload: &str) -> String {
        format!("{}.{}.c2ln", b64(header), b64(payload))
    }

    /// The problem codes and their locations, as `code@location`.
    fn problems(input: &str) -> Vec<String> {
        decode(input).problems.iter().map(|p| format!("{}@{}", p.code.as_str(), p.location)).collect()
    }

    #[test]
    fn decodes_rfc7515_a1() {
        let d = decode(A1);
        assert_eq!(d.form, Form::Jws);
        assert!(d.problems.is_empty(), "{:?}", d.problems);
        assert_eq!(d.alg.as_deref(), Some("HS256"));
        let header = d.header.as_ref().unwrap();
        assert_eq!(header.text, "{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}");
        assert_eq!(header.pretty.as_ref().unwrap().text, "{\n  \"typ\": \"JWT\",\n  \"alg\": \"HS256\"\n}");
        assert_eq!(d.claims().and_then(|c| c.get("exp")).and_then(json::Node::as_f64), Some(1300819380.0));
        assert_eq!(d.signature().map(<[u8]>::len), Some(32));
    }

    #[test]
    fn every_problem_is_located() {
        let good_h = b64(r#"{"alg":"HS256"}"#);
        let good_p = b64(r#"{"sub":"1"}"#);
        let cases: Vec<(String, Vec<&str>)> = vec![
            ("".into(), vec![]),
            ("abc".into(), vec!["token-parts@Token", "header-utf8@Header (token character 1, decoded byte 2)"]),
            ("hello".into(), vec!["token-parts@Token", "header-base64@Header"]),
            (format!("{good_h}.{good_p}"), vec!["token-parts@Token"]),
            (format!("{good_h}.{good_p}.c2ln.x"), vec!["token-parts@Token"]),
            (format!(".{good_p}.c2ln"), vec!["empty-segment@Header (token character 1)"]),
            (format!("{good_h}.{good_p}."), vec!["empty-segment@Signature (token character 38)"]),
            (format!("eyJh*GciOiJIUzI1NiJ9.{good_p}.c2ln"), vec!["header-base64@Header (token character 5)"]),
            (format!("{good_h}.eyJzd!IiOiIxIn0.c2ln"), vec!["payload-base64@Payload (token character 27)"]),
            (format!("{good_h}.{good_p}.c2l+"), vec!["signature-base64@Signature (token character 41)"]),
            (format!("{good_h}.{good_p}.c"), vec!["signature-base64@Signature"]),
            (
                format!("{}.{good_p}.c2ln", base64url::encode(b"{\"alg\":\"\xff\"}")),
                vec!["header-utf8@Header (token character 1, decoded byte 9)"],
            ),
            (tok("{\"alg\":\"HS256\",}", "{}"), vec!["header-json@Header (token character 1, line 1, column 16)"]),
            (tok("{\"alg\":\n\"HS256\" x}", "{}"), vec!["header-json@Header (token character 1, line 2, column 9)"]),
            (tok("[\"alg\"]", "{}"), vec!["header-not-object@Header (token character 1)"]),
            (tok("{\"typ\":\"JWT\"}", "{}"), vec!["missing-alg@Header (token character 1)"]),
            (tok("{\"alg\":256}", "{}"), vec!["missing-alg@Header (token character 1)"]),
            (
                format!("{good_h}.{}.c2ln", base64url::encode(b"{\"a\":\"\xc3\x28\"}")),
                vec!["payload-utf8@Payload (token character 22, decoded byte 7)"],
            ),
            (
                tok(r#"{"alg":"HS256"}"#, "{\"sub\":1"),
                vec!["payload-json@Payload (token character 22, line 1, column 9)"],
            ),
            (
                tok(r#"{"alg":"HS256","typ":"JWT"}"#, "hello"),
                vec!["payload-json@Payload (token character 38, line 1, column 1)"],
            ),
            (tok(r#"{"alg":"HS256"}"#, "hello"), vec![]),
            (format!("{good_h}.{}.c2ln", base64url::encode(&[0xff, 0x00])), vec![]),
        ];
        for (input, want) in cases {
            assert_eq!(problems(&input), want, "input {input:?}");
        }
    }

    #[test]
    fn a_broken_part_does_not_hide_the_others() {
        let d = decode(&format!("eyJh*GciOiJIUzI1NiJ9.{}.c2ln", b64(r#"{"sub":"x"}"#)));
        assert!(d.header.is_none());
        assert_eq!(d.claims().and_then(|c| c.get("sub")).and_then(json::Node::as_str), Some("x"));
        assert_eq!(d.signature(), Some(&b"sig"[..]));
    }

    #[test]
    fn payload_kinds() {
        assert!(
            matches!(decode(&tok(r#"{"alg":"HS256"}"#, "plain text")).payload, Payload::Text(ref t) if t == "plain text")
        );
        assert!(matches!(decode(&format!("{}..c2ln", b64(r#"{"alg":"HS256"}"#))).payload, Payload::Detached));
        let bin = format!("{}.{}.c2ln", b64(r#"{"alg":"HS256"}"#), base64url::encode(&[0xff, 0x00]));
        assert!(matches!(decode(&bin).payload, Payload::Binary(ref b) if b == &[0xff, 0x00]));
    }

    #[test]
    fn unencoded_payload_is_taken_as_is() {
        // RFC 7797 §5.2: in the compact form the payload cannot contain a dot.
        let t = format!("{}.$02 ok.c2ln", b64(r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#));
        let d = decode(&t);
        assert!(d.unencoded_payload);
        assert!(d.problems.is_empty(), "{:?}", d.problems);
        assert_eq!(d.payload, Payload::Text("$02 ok".into()));
    }

    #[test]
    fn recognises_jwe_and_unsecured() {
        // RFC 7516 Appendix A.3's header with dummy parts.
        let jwe = format!("{}.AAAA.AAAA.AAAA.AAAA", b64(r#"{"alg":"A128KW","enc":"A128CBC-HS256"}"#));
        let d = decode(&jwe);
        assert_eq!((d.form, d.alg.as_deref(), d.enc.as_deref()), (Form::Jwe, Some("A128KW"), Some("A128CBC-HS256")));
        assert_eq!(d.payload, Payload::Encrypted);
        let parts: Vec<Part> = d.segments.iter().map(|s| s.part).collect();
        assert_eq!(parts, JWE_PARTS);
        assert_eq!(
            problems(&format!("{}.AAAA.AAAA..AAAA", b64(r#"{"alg":"dir"}"#))),
            ["missing-enc@Header (token character 1)"]
        );

        let none = format!("{}.{}.", b64(r#"{"alg":"none"}"#), b64("{}"));
        assert!(decode(&none).problems.is_empty());
        let none = format!("{}.{}.", b64(r#"{"alg":"NONE"}"#), b64("{}"));
        assert!(decode(&none).problems.is_empty());
    }

    #[test]
    fn json_serialization_flattened_and_general() {
        let h = b64(r#"{"alg":"HS256"}"#);
        let p = b64(r#"{"sub":"1"}"#);
        let flat = format!(r#"{{"payload":"{p}","protected":"{h}","header":{{"kid":"k"}},"signature":"c2ln"}}"#);
        let d = decode(&flat);
        assert!(d.problems.is_empty(), "{:?}", d.problems);
        assert_eq!(d.input.token, format!("{h}.{p}.c2ln"));
        assert_eq!(d.header_member("kid").and_then(json::Node::as_str), Some("k"));
        assert!(!d.json.as_ref().unwrap().general);

        // RFC 7520 §4.7: no protected header, alg in the unprotected one.
        let general = format!(
            r#"{{"payload":"{p}","signatures":[{{"header":{{"alg":"HS256"}},"signature":"c2ln"}},{{"protected":"{h}","signature":"AAAA"}}]}}"#
        );
        let d = decode(&general);
        assert!(d.problems.is_empty(), "{:?}", d.problems);
        assert_eq!(d.alg.as_deref(), Some("HS256"));
        let sigs = &d.json.as_ref().unwrap().signatures;
        assert_eq!(sigs.len(), 2);
        // Each signature holds its own header and signature; the payload is decoded once,
        // in the token shown, and shared.
        assert_eq!(sigs[1].input.token, format!("{h}..AAAA"));
        assert_eq!(d.payload_text(), p);
        assert_eq!(d.claims().and_then(|c| c.get("sub")).and_then(json::Node::as_str), Some("1"));
        assert!(d.input.notes.last().unwrap().contains("general, 2 signatures"));

        let no_alg = format!(r#"{{"payload":"{p}","header":{{"kid":"x"}},"signature":"c2ln"}}"#);
        assert_eq!(problems(&no_alg), ["missing-alg@Header"]);
        assert_eq!(problems(r#"{"a":1}"#), ["token-parts@Token", "header-base64@Header (token character 1)"]);
    }

    #[test]
    fn json_serialization_decodes_the_payload_once_however_many_signatures() {
        // 300 signatures over a 60 KB payload: the old decoder copied, decoded, parsed and
        // pretty-printed the payload once per signature (hundreds of MB).
        let payload = b64(&format!("{{\"big\":\"{}\"}}", "x".repeat(60_000)));
        let h = b64(r#"{"alg":"HS256"}"#);
        let sigs: Vec<String> = (0..300).map(|_| format!(r#"{{"protected":"{h}","signature":"c2ln"}}"#)).collect();
        let d = decode(&format!(r#"{{"payload":"{payload}","signatures":[{}]}}"#, sigs.join(",")));
        let sigs = &d.json.as_ref().unwrap().signatures;
        assert_eq!(sigs.len(), 300);
        let held: usize = sigs.iter().map(|s| s.input.token.len() + s.payload_text().len()).sum();
        assert!(held < 300 * 40, "each signature holds only its header and signature: {held} bytes");
        assert!(sigs.iter().all(|s| s.payload == Payload::Detached && s.alg.as_deref() == Some("HS256")));
        assert_eq!(d.payload_text(), payload);
        assert!(matches!(d.payload, Payload::Json(_)));
    }

    #[test]
    fn tolerated_base64_is_recorded() {
        let t = format!("{}=.{}.c2ln", b64(r#"{"alg":"HS256"}"#), b64("{}"));
        let d = decode(&t);
        assert!(d.problems.is_empty());
        assert!(matches!(d.segments[0].tolerated[..], [(_, Base64Issue::Padding { .. })]));
    }
}
