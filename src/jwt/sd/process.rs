//! Processing an SD-JWT as RFC 9901 §7.1 says (and §7.3 for a presentation): each disclosure
//! read strictly and hashed with `_sd_alg`, every digest of the payload (in `_sd` arrays and
//! `{"...": digest}` array elements, at every depth, inside disclosed values too) looked up
//! once in a map built once, the matched disclosures put in place, and every rule of §7.1
//! that fails reported with a stable code. Nothing is ever refused outright: what can be
//! disclosed is, and the problems say why the SD-JWT must be rejected.
//!
//! Cost: each disclosure is parsed and hashed once, each digest looked up once, and each
//! disclosure's value written at most once (a digest seen again is a problem, never a second
//! expansion), so the work is linear in the text. Nesting is bounded by
//! [`json::MAX_DEPTH`] levels of the disclosed payload, however the disclosures nest.

use std::collections::{HashMap, HashSet};

use super::{DisclosureReport, DisclosureStatus, MAX_POINTER, SdAlg, SdProblem, SdProblemCode, SdReport, split};
use crate::jwt::base64url;
use crate::jwt::clean;
use crate::jwt::json::{self, Member, Node, Value};

/// An SD-JWT or SD-JWT+KB taken apart, from the compact form or the JWS JSON serialization
/// (RFC 9901 §8).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Presentation {
    /// The issuer-signed JWT in the compact form (`protected.payload.signature`; in the JSON
    /// serialization, those of the first signature).
    pub jwt: String,
    /// Each disclosure as it stands (an empty one kept).
    pub disclosures: Vec<String>,
    /// The key-binding JWT, when there is one.
    pub kb_jwt: Option<String>,
    /// The text a KB-JWT's `sd_hash` covers (§4.3.1): the compact SD-JWT up to and including
    /// its last `~`, as pasted; for the JSON serialization, built as §8.1 says.
    pub hashed: String,
    /// Whether it was read from the JWS JSON serialization (§8).
    pub json: bool,
    /// What is wrong with the serialization itself.
    pub problems: Vec<SdProblem>,
}

impl Presentation {
    /// Reads a pasted SD-JWT (cleaned as the decoder cleans what was pasted). A text without
    /// `~` is an issuer-signed JWT without disclosures. (The size of what is pasted is bounded
    /// by the caller, as for every question: `token::MAX_INPUT_BYTES`.)
    pub fn read(pasted: &str) -> Presentation {
        let text = clean::clean(pasted).token;
        if text.starts_with('{')
            && let Some(p) = from_json(&text)
        {
            return p;
        }
        let Some(c) = split(&text) else {
            let hashed = format!("{text}~");
            return Presentation { jwt: text, hashed, ..Presentation::default() };
        };
        let part = |r: std::ops::Range<usize>| text.get(r).unwrap_or_default().to_string();
        let hashed_end = c.kb_jwt.as_ref().map_or(text.len(), |k| k.start);
        Presentation {
            jwt: part(c.jwt.clone()),
            disclosures: c.disclosures.iter().cloned().map(part).collect(),
            kb_jwt: c.kb_jwt.clone().map(part),
            hashed: part(0..hashed_end),
            json: false,
            problems: Vec::new(),
        }
    }
}

/// The JWS JSON serialization of an SD-JWT (RFC 9901 §8): `None` when the text is not a JWS
/// in the JSON serialization.
fn from_json(text: &str) -> Option<Presentation> {
    let doc = json::parse(text).ok()?;
    let root = &doc.root;
    let payload = root.get("payload")?.as_str()?;
    let (first, rest): (&Node, &[Node]) = match root.get("signatures").map(|n| &n.value) {
        Some(Value::Array(items)) => {
            let (first, rest) = items.split_first()?;
            (first, rest)
        }
        Some(_) => return None,
        None if root.get("signature").is_some() => (root, &[]),
        None => return None,
    };
    let member = |n: &Node, name: &str| n.get(name).and_then(Node::as_str).unwrap_or_default().to_string();
    let jwt = format!("{}.{payload}.{}", member(first, "protected"), member(first, "signature"));
    let mut problems = Vec::new();
    let bad = |why: String| SdProblem::new(SdProblemCode::BadJsonSerialization, None, why);
    let header = first.get("header");
    let mut disclosures = Vec::new();
    match header.and_then(|h| h.get("disclosures")).map(|n| &n.value) {
        None => {}
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                match item.as_str() {
                    Some(s) => disclosures.push(s.to_string()),
                    None => problems.push(bad(format!(
                        "element {} of \"disclosures\" is {}, not a string (RFC 9901 §8.1)",
                        i + 1,
                        item.value.type_name()
                    ))),
                }
            }
        }
        Some(other) => problems
            .push(bad(format!("\"disclosures\" is {}, not an array of strings (RFC 9901 §8.1)", other.type_name()))),
    }
    let kb_jwt = match header.and_then(|h| h.get("kb_jwt")) {
        None => None,
        Some(n) => match n.as_str() {
            // An empty one is no KB-JWT, as after the compact form's last `~`.
            Some("") => None,
            Some(s) => Some(s.to_string()),
            None => {
                problems.push(bad(format!("\"kb_jwt\" is {}, not a string (RFC 9901 §8.1)", n.value.type_name())));
                None
            }
        },
    };
    for (i, s) in rest.iter().enumerate() {
        let h = s.get("header");
        if h.is_some_and(|h| h.get("disclosures").is_some() || h.get("kb_jwt").is_some()) {
            problems.push(bad(format!(
                "the unprotected header of signature {} has \"disclosures\" or \"kb_jwt\", which only the first may have (RFC 9901 §8.3)",
                i + 2
            )));
        }
    }
    // §8.1: sd_hash covers the compact serialization built from the first signature.
    let mut hashed = String::with_capacity(jwt.len() + 1 + disclosures.iter().map(|d| d.len() + 1).sum::<usize>());
    hashed.push_str(&jwt);
    hashed.push('~');
    for d in &disclosures {
        hashed.push_str(d);
        hashed.push('~');
    }
    Some(Presentation { jwt, disclosures, kb_jwt, hashed, json: true, problems })
}

/// Processes a pasted SD-JWT or SD-JWT+KB (RFC 9901 §7.1, §7.3): its disclosures, the
/// disclosed payload, the decoys, and every problem. The issuer signature and the KB-JWT are
/// checked elsewhere (`jws::verify`, `profile::kb`).
pub fn process(text: &str) -> SdReport {
    process_presentation(&Presentation::read(text))
}

/// The issuer-signed JWT's payload text (its second part, base64url-decoded, padding and
/// unused bits tolerated as the decoder tolerates them; the signature's verdict is strict),
/// or what it is instead.
fn issuer_payload(jwt: &str) -> (Option<String>, &'static str) {
    let mut parts = jwt.split('.');
    let (Some(_), Some(payload), Some(_), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return (None, "absent: the issuer-signed JWT is not a JWS of three parts");
    };
    match base64url::decode_lenient(payload).0 {
        None => (None, "not base64url"),
        Some(bytes) => match String::from_utf8(bytes) {
            Ok(text) => (Some(text), ""),
            Err(_) => (None, "bytes that are not UTF-8"),
        },
    }
}

/// A disclosure as read (§4.2): its JSON text and the array's elements, or why it is not one.
struct Parsed {
    /// The decoded JSON text the nodes below point into.
    text: String,
    /// The array's elements (2 or 3) when the disclosure is well formed.
    items: Vec<Node>,
    /// Whether it may be put in place: well formed, a name allowed, not a repeated copy.
    usable: bool,
}

impl Parsed {
    fn name(&self) -> Option<(&str, &Node)> {
        match self.items.as_slice() {
            [_, name, _] => name.as_str().map(|s| (s, name)),
            _ => None,
        }
    }

    fn value(&self) -> Option<&Node> {
        self.items.last().filter(|_| self.items.len() >= 2)
    }
}

/// Reads one disclosure strictly (§4.2): canonical base64url of UTF-8 JSON, an array of
/// [salt, name, value] or [salt, value], salt and name strings, the name neither `_sd` nor
/// `...`. The problem, if any, with its code.
fn parse_disclosure(encoded: &str, index: usize) -> (Parsed, Option<SdProblem>) {
    let n = index + 1;
    let fail = |code: SdProblemCode, why: String| {
        (Parsed { text: String::new(), items: Vec::new(), usable: false }, Some(SdProblem::new(code, Some(index), why)))
    };
    let malformed = |why: String| fail(SdProblemCode::MalformedDisclosure, why);
    if encoded.is_empty() {
        return fail(
            SdProblemCode::EmptyDisclosure,
            format!("disclosure {n} is empty: two ~ with nothing between them (RFC 9901 §4)"),
        );
    }
    let bytes = match base64url::decode_strict(encoded) {
        Ok(b) => b,
        Err(e) => return malformed(format!("disclosure {n} is not base64url: {} (RFC 9901 §4.2)", e.describe())),
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(_) => return malformed(format!("disclosure {n} does not decode to UTF-8 text (RFC 9901 §4.2.1)")),
    };
    let doc = match json::parse(&text) {
        Ok(d) => d,
        Err(e) => return malformed(format!("disclosure {n} is not JSON: {e} (RFC 9901 §4.2)")),
    };
    let Value::Array(items) = doc.root.value else {
        return malformed(format!(
            "disclosure {n} is {}, not a JSON array [salt, name, value] or [salt, value] (RFC 9901 §4.2)",
            doc.root.value.type_name()
        ));
    };
    if items.len() != 2 && items.len() != 3 {
        return malformed(format!(
            "disclosure {n} is an array of {} elements, not [salt, name, value] (3) or [salt, value] (2) (RFC 9901 §4.2)",
            items.len()
        ));
    }
    if let Some(salt) = items.first().filter(|s| s.as_str().is_none()) {
        return malformed(format!(
            "disclosure {n}'s salt is {}, not a string (RFC 9901 §4.2.1)",
            salt.value.type_name()
        ));
    }
    let mut parsed = Parsed { text, items, usable: true };
    if parsed.items.len() == 3 {
        match parsed.items.get(1).map(|n| &n.value) {
            Some(Value::String(name)) if name == "_sd" || name == "..." => {
                let why = format!(
                    "disclosure {n}'s claim name is \"{name}\", which is reserved for digests (RFC 9901 §4.2.1, §7.1)"
                );
                parsed.usable = false;
                return (parsed, Some(SdProblem::new(SdProblemCode::ForbiddenName, Some(index), why)));
            }
            Some(Value::String(_)) => {}
            other => {
                let kind = other.map_or("absent", Value::type_name);
                return malformed(format!("disclosure {n}'s claim name is {kind}, not a string (RFC 9901 §4.2.1)"));
            }
        }
    }
    (parsed, None)
}

/// [`process`] on a presentation already taken apart.
pub fn process_presentation(p: &Presentation) -> SdReport {
    let mut report = SdReport { sd_alg: SdAlg::Sha256.as_str().to_string(), ..SdReport::default() };
    report.problems.extend(p.problems.iter().cloned());
    let max = crate::jwt::limits::MAX_DISCLOSURES;
    if p.disclosures.len() > max {
        report.problems.push(SdProblem::new(
            SdProblemCode::TooManyDisclosures,
            None,
            format!(
                "the SD-JWT has {} disclosures; this page reads SD-JWTs of up to {max}, so none was read (RFC 9901 §4 sets no limit; a real one has tens)",
                p.disclosures.len()
            ),
        ));
        return report;
    }

    // The issuer-signed JWT's payload (§4.1).
    let (payload_text, why_not) = issuer_payload(&p.jwt);
    let doc = payload_text.as_deref().map(json::parse);
    let payload: Option<(&str, &Node)> = match (&payload_text, &doc) {
        (Some(text), Some(Ok(d))) if d.root.is_object() => Some((text.as_str(), &d.root)),
        _ => None,
    };
    let nothing = p.jwt.is_empty() && p.disclosures.is_empty() && p.kb_jwt.is_none();
    if payload.is_none() && !nothing {
        let what = match (&doc, why_not) {
            (Some(Ok(d)), _) => d.root.value.type_name().to_string(),
            (Some(Err(e)), _) => format!("not JSON ({e})"),
            (None, why) => why.to_string(),
        };
        report.problems.push(SdProblem::new(
            SdProblemCode::PayloadNotObject,
            None,
            format!("the issuer-signed JWT's payload is {what}, not a JSON object (RFC 9901 §4.1)"),
        ));
    }

    // `_sd_alg` (§4.1.1): sha-256 when absent.
    let mut alg = Some(SdAlg::Sha256);
    if let Some(node) = payload.and_then(|(_, root)| root.get("_sd_alg")) {
        match node.as_str() {
            Some(name) => {
                report.sd_alg = name.to_string();
                alg = SdAlg::parse(name);
                if alg.is_none() {
                    report.problems.push(SdProblem::new(
                        SdProblemCode::UnsupportedAlg,
                        None,
                        format!(
                            "_sd_alg \"{name}\" is not a hash this page supports (sha-256, sha-384, sha-512), so no digest can be checked (RFC 9901 §4.1.1, §7.1)"
                        ),
                    ));
                }
            }
            None => {
                alg = None;
                report.sd_alg = payload.map(|(src, _)| json::compact(src, node)).unwrap_or_default();
                report.problems.push(SdProblem::new(
                    SdProblemCode::UnsupportedAlg,
                    None,
                    format!(
                        "_sd_alg is {}, not the name of a hash (RFC 9901 §4.1.1), so no digest can be checked",
                        node.value.type_name()
                    ),
                ));
            }
        }
    }

    // Each disclosure, read and hashed once (§7.1 step 3.1).
    let mut parsed = Vec::with_capacity(p.disclosures.len());
    let mut first_copy: HashMap<&str, usize> = HashMap::with_capacity(p.disclosures.len());
    for (i, encoded) in p.disclosures.iter().enumerate() {
        let (mut d, problem) = parse_disclosure(encoded, i);
        let mut status = problem.as_ref().map(|_| DisclosureStatus::Invalid);
        report.problems.extend(problem);
        if let Some(&first) = first_copy.get(encoded.as_str()).filter(|_| !encoded.is_empty()) {
            d.usable = false;
            status = Some(DisclosureStatus::Duplicate);
            report.problems.push(SdProblem::new(
                SdProblemCode::DuplicateDisclosure,
                Some(i),
                format!(
                    "disclosure {} is disclosure {} again: a disclosure may be sent only once (RFC 9901 §4)",
                    i + 1,
                    first + 1
                ),
            ));
        } else {
            first_copy.insert(encoded, i);
        }
        let salt = d.items.first().and_then(Node::as_str).map(str::to_string);
        let name = d.name().map(|(name, _)| name.to_string());
        let value = d.value().map(|v| json::compact(&d.text, v));
        report.disclosures.push(DisclosureReport {
            encoded: encoded.clone(),
            salt,
            name,
            value,
            digest: alg.map(|a| a.digest(encoded)).unwrap_or_default(),
            status,
            path: None,
        });
        parsed.push(d);
    }

    let Some((src, root)) = payload else {
        return report;
    };
    let mut by_digest: HashMap<&str, usize> = HashMap::with_capacity(parsed.len());
    if alg.is_some() {
        for (i, d) in report.disclosures.iter().enumerate() {
            if first_copy.get(d.encoded.as_str()) == Some(&i) {
                by_digest.entry(d.digest.as_str()).or_insert(i);
            }
        }
    }
    let mut walk = Walk {
        parsed: &parsed,
        by_digest,
        seen: HashSet::new(),
        referenced: vec![false; parsed.len()],
        status: vec![None; parsed.len()],
        paths: vec![None; parsed.len()],
        problems: Vec::new(),
        unlisted: 0,
        decoys: 0,
        out: String::with_capacity(src.len()),
        path: String::new(),
        current: None,
        too_deep: false,
    };
    walk.value(src, root, 0, true);
    let Walk { referenced, status, paths, problems, unlisted, decoys, out, too_deep, .. } = walk;
    report.problems.extend(problems);
    report.unlisted_problems += unlisted;
    report.decoys = decoys;
    report.payload = Some(out);
    for (i, d) in report.disclosures.iter_mut().enumerate() {
        d.path = paths[i].clone();
        if let Some(s) = status[i] {
            // Duplicate (its digest seen twice) outranks matched; invalid outranks both.
            if d.status != Some(DisclosureStatus::Invalid) {
                d.status = Some(s);
            }
        }
        if d.status.is_some() || alg.is_none() {
            continue;
        }
        if referenced[i] {
            d.status = Some(DisclosureStatus::Matched);
        } else if too_deep {
            // Below the depth bound nothing was looked at: `sd-too-deep` says so.
            d.status = Some(DisclosureStatus::Unmatched);
        } else {
            d.status = Some(DisclosureStatus::Unmatched);
            report.problems.push(SdProblem::new(
                SdProblemCode::UnreferencedDisclosure,
                Some(i),
                format!(
                    "disclosure {}'s digest {} appears neither in the issuer-signed payload nor in another disclosure (RFC 9901 §7.1 step 5)",
                    i + 1,
                    d.digest
                ),
            ));
        }
    }
    report
}

/// The walk over the payload and the disclosed values that writes the disclosed payload.
struct Walk<'a> {
    parsed: &'a [Parsed],
    /// Digest → the disclosure with that digest (its first copy).
    by_digest: HashMap<&'a str, usize>,
    /// Every digest met so far.
    seen: HashSet<&'a str>,
    referenced: Vec<bool>,
    /// The status decided during the walk (matched is decided after it).
    status: Vec<Option<DisclosureStatus>>,
    paths: Vec<Option<String>>,
    problems: Vec<SdProblem>,
    /// Problems past `limits::MAX_LISTED`, counted, not kept (a 10 MB payload could hold a
    /// million of them, each naming a 2 KiB path).
    unlisted: usize,
    decoys: usize,
    /// The disclosed payload, compact.
    out: String,
    /// The JSON Pointer of the value being written.
    path: String,
    /// The disclosure whose value is being written.
    current: Option<usize>,
    too_deep: bool,
}

/// A pointer for a message: whole, or its first [`MAX_POINTER`] bytes and `…`.
impl Walk<'_> {
    /// Keeps a problem, or past `limits::MAX_LISTED` only counts it.
    fn problem(&mut self, p: SdProblem) {
        if self.problems.len() < crate::jwt::limits::MAX_LISTED {
            self.problems.push(p);
        } else {
            self.unlisted += 1;
        }
    }
}

fn shown(path: &str) -> String {
    if path.len() <= MAX_POINTER {
        return path.to_string();
    }
    let mut end = MAX_POINTER;
    while !path.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &path[..end])
}

/// A JSON Pointer reference token (RFC 6901 §3).
fn push_token(path: &mut String, token: &str) {
    path.push('/');
    for c in token.chars() {
        match c {
            '~' => path.push_str("~0"),
            '/' => path.push_str("~1"),
            c => path.push(c),
        }
    }
}

impl<'a> Walk<'a> {
    fn value(&mut self, src: &'a str, node: &'a Node, depth: usize, top: bool) {
        match &node.value {
            Value::Object(_) | Value::Array(_) if depth >= json::MAX_DEPTH => {
                if !self.too_deep {
                    self.too_deep = true;
                    let which = self.current.map_or(String::new(), |i| format!(" (in disclosure {})", i + 1));
                    self.problem(SdProblem::new(
                        SdProblemCode::TooDeep,
                        self.current,
                        format!(
                            "the disclosures nest the payload deeper than {} levels{which}; the deeper values are left out (null) (RFC 9901 §4.2.6)",
                            json::MAX_DEPTH
                        ),
                    ));
                }
                if let Some(i) = self.current {
                    self.status[i] = Some(DisclosureStatus::Invalid);
                }
                self.out.push_str("null");
            }
            Value::Object(members) => self.object(src, members, depth + 1, top),
            Value::Array(items) => self.array(src, items, depth + 1),
            _ => self.out.push_str(src.get(node.span.clone()).unwrap_or("null")),
        }
    }

    /// Notes one digest met in the payload: `Some(i)` when disclosure `i` may be put there.
    fn lookup(&mut self, digest: &'a str, in_array: bool) -> Option<usize> {
        let found = self.by_digest.get(digest).copied();
        if !self.seen.insert(digest) {
            let whose = found.map_or(String::new(), |i| format!(" (disclosure {}'s)", i + 1));
            self.problem(SdProblem::new(
                SdProblemCode::RepeatedDigest,
                found,
                format!("the digest {digest}{whose} appears more than once in the SD-JWT (RFC 9901 §4.1, §7.1 step 4)"),
            ));
            if let Some(i) = found {
                self.status[i] = Some(DisclosureStatus::Duplicate);
            }
            return None;
        }
        let Some(i) = found else {
            self.decoys += 1;
            return None;
        };
        self.referenced[i] = true;
        let d = self.parsed.get(i)?;
        if !d.usable {
            return None;
        }
        let property = d.items.len() == 3;
        if property == in_array {
            let (what, whence) = if property {
                ("a claim's disclosure [salt, name, value]", "an array element {\"...\": digest}")
            } else {
                ("an array element's disclosure [salt, value]", "an _sd array")
            };
            self.problem(SdProblem::new(
                SdProblemCode::WrongForm,
                Some(i),
                format!("disclosure {} is {what}, but its digest is in {whence} (RFC 9901 §7.1 step 3.3)", i + 1),
            ));
            self.status[i] = Some(DisclosureStatus::Invalid);
            return None;
        }
        Some(i)
    }

    /// Writes disclosure `i`'s value at the current path.
    fn disclose(&mut self, i: usize, depth: usize) {
        let Some(value) = self.parsed.get(i).and_then(Parsed::value) else { return };
        let Some(d) = self.parsed.get(i) else { return };
        self.paths[i] = (self.path.len() <= MAX_POINTER).then(|| self.path.clone());
        let outer = self.current.replace(i);
        self.value(&d.text, value, depth, false);
        self.current = outer;
    }

    fn object(&mut self, src: &'a str, members: &'a [Member], depth: usize, top: bool) {
        self.out.push('{');
        let mut names: HashSet<&'a str> = HashSet::with_capacity(members.len());
        let skip = |m: &Member| m.key == "_sd" || (top && m.key == "_sd_alg");
        // Every name the object has, `_sd_alg` too: a disclosure may not bring one back
        // (§7.1 step 3.3.2.3), even a name the disclosed payload leaves out.
        for m in members.iter().filter(|m| m.key != "_sd") {
            names.insert(&m.key);
        }
        let mut first = true;
        let at = self.path.len();
        for m in members.iter().filter(|m| !skip(m)) {
            if !std::mem::take(&mut first) {
                self.out.push(',');
            }
            self.out.push_str(src.get(m.key_span.clone()).unwrap_or("\"\""));
            self.out.push(':');
            push_token(&mut self.path, &m.key);
            self.value(src, &m.value, depth, false);
            self.path.truncate(at);
        }
        // `_sd` as every other member is read: the last one counts (`Node::get`, as lenient
        // libraries read a repeated name), and a repeated one is refused.
        let repeated = members.iter().filter(|m| m.key == "_sd").count();
        if repeated > 1 {
            let at_path = format!("{}/_sd", shown(&self.path));
            self.problem(SdProblem::new(
                SdProblemCode::BadSdArray,
                self.current,
                format!(
                    "the object at {at_path} has _sd {repeated} times: libraries read only the last, so only it counts here (RFC 9901 §4.2.4.1, RFC 7519 §4)"
                ),
            ));
        }
        if let Some(m) = members.iter().rev().find(|m| m.key == "_sd") {
            let items: &'a [Node] = match &m.value.value {
                Value::Array(items) => items,
                _ => &[],
            };
            let strings = matches!(m.value.value, Value::Array(_)) && items.iter().all(|n| n.as_str().is_some());
            if !strings {
                let what = match &m.value.value {
                    Value::Array(_) => "an array with elements that are not strings".to_string(),
                    other => other.type_name().to_string(),
                };
                let at_path = format!("{}/_sd", shown(&self.path));
                self.problem(SdProblem::new(
                    SdProblemCode::BadSdArray,
                    self.current,
                    format!("_sd at {at_path} is {what}, not an array of digest strings (RFC 9901 §4.2.4.1)"),
                ));
            }
            for digest in items.iter().filter_map(Node::as_str) {
                let Some(i) = self.lookup(digest, false) else { continue };
                let Some((name, name_node)) = self.parsed.get(i).and_then(Parsed::name) else { continue };
                if !names.insert(name) {
                    self.problem(SdProblem::new(
                        SdProblemCode::NameExists,
                        Some(i),
                        format!(
                            "disclosure {} discloses \"{name}\", which its object already has (RFC 9901 §7.1 step 3.3.2.3)",
                            i + 1
                        ),
                    ));
                    self.status[i] = Some(DisclosureStatus::Invalid);
                    continue;
                }
                if !std::mem::take(&mut first) {
                    self.out.push(',');
                }
                let text = self.parsed.get(i).map_or("", |d| d.text.as_str());
                self.out.push_str(text.get(name_node.span.clone()).unwrap_or("\"\""));
                self.out.push(':');
                push_token(&mut self.path, name);
                self.disclose(i, depth);
                self.path.truncate(at);
            }
        }
        self.out.push('}');
    }

    fn array(&mut self, src: &'a str, items: &'a [Node], depth: usize) {
        self.out.push('[');
        let at = self.path.len();
        let mut index = 0usize;
        for item in items {
            let digest = match &item.value {
                Value::Object(m) if m.len() == 1 => m.first().filter(|m| m.key == "...").and_then(|m| m.value.as_str()),
                _ => None,
            };
            let disclosed = match digest {
                Some(digest) => match self.lookup(digest, true) {
                    Some(i) => Some(i),
                    // A digest no disclosure matches: the element is removed (§7.1 step 3.4).
                    None => continue,
                },
                None => None,
            };
            if index > 0 {
                self.out.push(',');
            }
            push_token(&mut self.path, &index.to_string());
            match disclosed {
                Some(i) => self.disclose(i, depth),
                None => self.value(src, item, depth, false),
            }
            self.path.truncate(at);
            index += 1;
        }
        self.out.push(']');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::base64url::encode;

    /// An unsigned compact SD-JWT: a JWT whose payload is `payload`, then the disclosures
    /// (each a JSON text).
    fn sd(payload: &str, disclosures: &[&str]) -> (String, Vec<String>) {
        let encoded: Vec<String> = disclosures.iter().map(|d| encode(d.as_bytes())).collect();
        let mut text = format!("eyJhbGciOiJFUzI1NiJ9.{}.c2ln~", encode(payload.as_bytes()));
        for e in &encoded {
            text.push_str(e);
            text.push('~');
        }
        (text, encoded)
    }

    fn digest(d: &str) -> String {
        SdAlg::Sha256.digest(&encode(d.as_bytes()))
    }

    fn codes(r: &SdReport) -> Vec<&str> {
        r.problems.iter().map(|p| p.code.as_str()).collect()
    }

    #[test]
    fn discloses_properties_and_elements_at_every_depth() {
        let name = r#"["s1", "name", "Ada"]"#;
        let inner = r#"["s2", "street", "Main St"]"#;
        let addr = format!(r#"["s3", "address", {{"_sd": ["{}"], "city": "X"}}]"#, digest(inner));
        let el = r#"["s4", 1.50]"#;
        let payload = format!(
            r#"{{"_sd": ["{}", "{}", "decoy"], "list": [{{"...": "{}"}}, 2, {{"...": "gone"}}], "_sd_alg": "sha-256"}}"#,
            digest(name),
            digest(&addr),
            digest(el)
        );
        let (text, _) = sd(&payload, &[name, &addr, inner, el]);
        let r = process(&text);
        assert_eq!(codes(&r), Vec::<&str>::new());
        assert_eq!(
            r.payload.as_deref(),
            Some(r#"{"list":[1.50,2],"name":"Ada","address":{"city":"X","street":"Main St"}}"#)
        );
        assert_eq!(r.decoys, 2);
        let paths: Vec<_> = r.disclosures.iter().map(|d| d.path.as_deref()).collect();
        assert_eq!(paths, [Some("/name"), Some("/address"), Some("/address/street"), Some("/list/0")]);
        assert!(r.disclosures.iter().all(|d| d.status == Some(DisclosureStatus::Matched)));
        assert_eq!(r.disclosures[3].name, None);
        assert_eq!(r.disclosures[3].value.as_deref(), Some("1.50"));
        assert_eq!(r.disclosures[0].salt.as_deref(), Some("s1"));
    }

    #[test]
    fn refuses_what_section_7_1_refuses() {
        let ok = r#"["s", "a", 1]"#;
        let cases: Vec<(String, Vec<String>, Vec<&str>)> = vec![
            // Unreferenced disclosure.
            (r#"{"_sd": []}"#.into(), vec![ok.into()], vec!["sd-unreferenced-disclosure"]),
            // A digest twice in the payload.
            (format!(r#"{{"_sd": ["{0}", "{0}"]}}"#, digest(ok)), vec![ok.into()], vec!["sd-repeated-digest"]),
            // The same disclosure twice.
            (format!(r#"{{"_sd": ["{}"]}}"#, digest(ok)), vec![ok.into(), ok.into()], vec!["sd-duplicate-disclosure"]),
            // Forbidden names.
            (r#"{}"#.into(), vec![r#"["s", "_sd", 1]"#.into()], vec!["sd-forbidden-name"]),
            (r#"{}"#.into(), vec![r#"["s", "...", 1]"#.into()], vec!["sd-forbidden-name"]),
            // A name the object already has.
            (format!(r#"{{"a": 0, "_sd": ["{}"]}}"#, digest(ok)), vec![ok.into()], vec!["sd-name-exists"]),
            // Wrong forms.
            (format!(r#"{{"l": [{{"...": "{}"}}]}}"#, digest(ok)), vec![ok.into()], vec!["sd-wrong-form"]),
            (format!(r#"{{"_sd": ["{}"]}}"#, digest(r#"["s", 1]"#)), vec![r#"["s", 1]"#.into()], vec!["sd-wrong-form"]),
            // _sd not an array of strings.
            (r#"{"_sd": "x"}"#.into(), vec![], vec!["sd-bad-sd-array"]),
            (r#"{"o": {"_sd": [1]}}"#.into(), vec![], vec!["sd-bad-sd-array"]),
            // Unsupported _sd_alg.
            (r#"{"_sd_alg": "md5"}"#.into(), vec![], vec!["sd-unsupported-alg"]),
            (r#"{"_sd_alg": 5}"#.into(), vec![], vec!["sd-unsupported-alg"]),
            // Malformed disclosures.
            (r#"{}"#.into(), vec![r#"{"a": 1}"#.into()], vec!["sd-malformed-disclosure"]),
            (r#"{}"#.into(), vec![r#"["s"]"#.into()], vec!["sd-malformed-disclosure"]),
            (r#"{}"#.into(), vec![r#"[1, "a", 1]"#.into()], vec!["sd-malformed-disclosure"]),
            (r#"{}"#.into(), vec![r#"["s", 2, 1]"#.into()], vec!["sd-malformed-disclosure"]),
            (r#"{}"#.into(), vec![r#"["s", "a", 1"#.into()], vec!["sd-malformed-disclosure"]),
            // Payload not an object.
            (r#"[1]"#.into(), vec![], vec!["sd-payload-not-object"]),
        ];
        for (payload, disclosures, want) in cases {
            let refs: Vec<&str> = disclosures.iter().map(String::as_str).collect();
            let (text, _) = sd(&payload, &refs);
            let r = process(&text);
            assert_eq!(codes(&r), want, "{payload} {disclosures:?}");
            assert!(r.problems.iter().all(|p| p.message.contains("RFC 9901 §")), "{:?}", r.problems);
        }
    }

    #[test]
    fn statuses_say_what_became_of_each_disclosure() {
        let a = r#"["s", "a", 1]"#;
        let (text, _) = sd(&format!(r#"{{"_sd": ["{0}", "{0}"]}}"#, digest(a)), &[a, "[1]"]);
        let r = process(&text);
        let st: Vec<_> = r.disclosures.iter().map(|d| d.status).collect();
        assert_eq!(st, [Some(DisclosureStatus::Duplicate), Some(DisclosureStatus::Invalid)]);
        assert_eq!(r.payload.as_deref(), Some(r#"{"a":1}"#));
    }

    #[test]
    fn refuses_an_empty_disclosure_and_non_base64url() {
        assert_eq!(process(""), SdReport { sd_alg: "sha-256".into(), ..SdReport::default() });
        let r = process("eyJhbGciOiJFUzI1NiJ9.e30.c2ln~~W10=~");
        assert_eq!(codes(&r), ["sd-empty-disclosure", "sd-malformed-disclosure"]);
        assert_eq!(r.disclosures.len(), 2);
        assert_eq!(r.payload.as_deref(), Some("{}"));
        assert!(r.problems[1].message.contains("padding"));
        for (text, why) in [
            ("a.b~", "not a JWS of three parts"),
            ("a.*.c~", "not base64url"),
            ("a.__8.c~", "not UTF-8"),
            ("a.e30x.c~", "not JSON"),
            ("~WyJzIiwxXQ~", "not a JWS of three parts"),
        ] {
            let r = process(text);
            assert_eq!((codes(&r), r.payload.as_deref()), (vec!["sd-payload-not-object"], None), "{text}");
            assert!(r.problems[0].message.contains(why), "{text}: {}", r.problems[0].message);
        }
    }

    #[test]
    fn a_cycle_of_disclosures_ends() {
        // A disclosure cannot hold its own digest (it would be its own preimage), but a
        // digest met twice along a chain is refused rather than expanded again.
        let leaf = r#"["s", "b", 2]"#;
        let mid = format!(r#"["t", "a", {{"_sd": ["{0}"], "c": {{"_sd": ["{0}"]}}}}]"#, digest(leaf));
        let (text, _) = sd(&format!(r#"{{"_sd": ["{}"]}}"#, digest(&mid)), &[&mid, leaf]);
        let r = process(&text);
        assert_eq!(codes(&r), ["sd-repeated-digest"]);
        assert_eq!(r.payload.as_deref(), Some(r#"{"a":{"c":{"b":2}}}"#));
        assert_eq!(r.disclosures[1].status, Some(DisclosureStatus::Duplicate));
        assert_eq!(r.disclosures[1].path.as_deref(), Some("/a/c/b"));
    }

    #[test]
    fn bounds_the_nesting_of_disclosures_in_disclosures() {
        // 200 disclosures, each the only claim of the next: 200 levels deep.
        let mut disclosures = vec![r#"["s", "x", 0]"#.to_string()];
        for i in 1..200 {
            let prev = disclosures.last().map(|d| digest(d)).unwrap_or_default();
            disclosures.push(format!(r#"["s{i}", "x", {{"_sd": ["{prev}"]}}]"#));
        }
        let top = digest(disclosures.last().map(String::as_str).unwrap_or_default());
        let refs: Vec<&str> = disclosures.iter().map(String::as_str).collect();
        let (text, _) = sd(&format!(r#"{{"_sd": ["{top}"]}}"#), &refs);
        let r = process(&text);
        assert_eq!(codes(&r), ["sd-too-deep"]);
        let payload = r.payload.unwrap_or_default();
        assert!(json::parse(&payload).is_ok(), "{payload}");
    }

    /// What a lenient library would read differently is refused: a second `_sd` (only the
    /// last counts, as `Node::get` reads every repeated name) and `_sd_alg` disclosed at the
    /// top, where the payload already has it.
    #[test]
    fn a_repeated_sd_and_a_disclosed_sd_alg_are_refused() {
        let a = r#"["s", "a", 1]"#;
        let (text, _) = sd(&format!(r#"{{"_sd": ["{}"], "_sd": []}}"#, digest(a)), &[a]);
        let r = process(&text);
        assert_eq!(r.disclosures[0].status, Some(DisclosureStatus::Unmatched));
        assert!(r.problems.iter().any(|p| p.code == "sd-bad-sd-array" && p.message.contains("2 times")));
        let alg = r#"["s", "_sd_alg", "md5"]"#;
        let (text, _) = sd(&format!(r#"{{"_sd_alg": "sha-256", "_sd": ["{}"]}}"#, digest(alg)), &[alg]);
        let r = process(&text);
        assert_eq!(r.disclosures[0].status, Some(DisclosureStatus::Invalid));
        assert!(r.problems.iter().any(|p| p.code == "sd-name-exists"));
        assert!(!r.payload.unwrap_or_default().contains("md5"));
    }

    /// More disclosures than the page reads: refused at once, none read (a 10 MB paste of
    /// `~` would be ten million empty disclosures).
    #[test]
    fn too_many_disclosures_are_refused_at_once() {
        let max = crate::jwt::limits::MAX_DISCLOSURES;
        let text = format!("eyJhbGciOiJIUzI1NiJ9.e30.c2ln{}", "~".repeat(max + 2));
        let r = process(&text);
        assert_eq!(r.disclosures.len(), 0);
        assert_eq!(r.problems.iter().map(|p| p.code.as_str()).collect::<Vec<_>>(), ["sd-too-many-disclosures"]);
        let text = format!("eyJhbGciOiJIUzI1NiJ9.e30.c2ln{}", "~".repeat(1000));
        assert_eq!(process(&text).disclosures.len(), 999);
    }

    /// A payload full of broken `_sd` arrays under a long name: the problems kept are
    /// bounded (each names a path of up to 2 KiB), the rest counted.
    #[test]
    fn problems_past_the_listing_limit_are_counted_not_kept() {
        let max = crate::jwt::limits::MAX_LISTED;
        let objects: Vec<String> =
            (0..max + 10).map(|i| format!(r#""{}{i}": {{"_sd": 0}}"#, "n".repeat(3000))).collect();
        let (text, _) = sd(&format!("{{{}}}", objects.join(",")), &[]);
        let r = process(&text);
        assert_eq!((r.problems.len(), r.unlisted_problems), (max, 10));
    }

    #[test]
    fn paths_are_json_pointers_and_bounded() {
        let a = r#"["s", "b~/c", 1]"#;
        let long = "n".repeat(MAX_POINTER + 1);
        let payload = format!(r#"{{"a/x": {{"_sd": ["{0}"]}}, "{long}": {{"_sd": ["{0}"]}}}}"#, digest(a));
        let (text, _) = sd(&payload, &[a]);
        let r = process(&text);
        assert_eq!(r.disclosures[0].path.as_deref(), Some("/a~1x/b~0~1c"));
        let payload = format!(r#"{{"{long}": {{"_sd": ["{0}"]}}, "{long}x": {{"_sd": 1}}}}"#, digest(a));
        let (text, _) = sd(&payload, &[a]);
        let r = process(&text);
        assert_eq!(
            (r.disclosures[0].status, r.disclosures[0].path.as_deref()),
            (Some(DisclosureStatus::Matched), None)
        );
        assert!(r.problems.iter().any(|p| p.code == "sd-bad-sd-array" && p.message.contains("…/_sd")));
    }

    #[test]
    fn reads_the_json_serialization() {
        let a = r#"["s", "a", 1]"#;
        let payload = encode(format!(r#"{{"_sd": ["{}"]}}"#, digest(a)).as_bytes());
        let flattened = format!(
            r#"{{"header": {{"disclosures": ["{}"], "kb_jwt": "k.b.j"}}, "payload": "{payload}", "protected": "eyJhbGciOiJFUzI1NiJ9", "signature": "c2ln"}}"#,
            encode(a.as_bytes())
        );
        let p = Presentation::read(&flattened);
        assert!(p.json);
        assert_eq!(p.kb_jwt.as_deref(), Some("k.b.j"));
        assert_eq!(p.hashed, format!("eyJhbGciOiJFUzI1NiJ9.{payload}.c2ln~{}~", encode(a.as_bytes())));
        let r = process(&flattened);
        assert_eq!(r.payload.as_deref(), Some(r#"{"a":1}"#));
        let general = format!(
            r#"{{"payload": "{payload}", "signatures": [{{"protected": "eyJhbGciOiJFUzI1NiJ9", "signature": "c2ln", "header": {{"disclosures": ["{}"]}}}}, {{"protected": "x", "signature": "y", "header": {{"kb_jwt": "k"}}}}]}}"#,
            encode(a.as_bytes())
        );
        let r = process(&general);
        assert_eq!(r.payload.as_deref(), Some(r#"{"a":1}"#));
        assert_eq!(codes(&r), ["sd-bad-json-serialization"]);
    }

    #[test]
    fn reads_the_compact_form_as_pasted() {
        let p = Presentation::read("  a.b.c~d1~d2~k.b.j\n");
        assert_eq!(p.jwt, "a.b.c");
        assert_eq!(p.disclosures, ["d1", "d2"]);
        assert_eq!(p.kb_jwt.as_deref(), Some("k.b.j"));
        assert_eq!(p.hashed, "a.b.c~d1~d2~");
        let p = Presentation::read("a.b.c");
        assert_eq!((p.hashed.as_str(), p.disclosures.len()), ("a.b.c~", 0));
    }

    #[test]
    fn hashes_with_sd_alg() {
        let a = r#"["s", "a", 1]"#;
        for alg in SdAlg::ALL {
            let d = alg.digest(&encode(a.as_bytes()));
            let (text, _) = sd(&format!(r#"{{"_sd": ["{d}"], "_sd_alg": "{}"}}"#, alg.as_str()), &[a]);
            let r = process(&text);
            assert_eq!((r.payload.as_deref(), r.sd_alg.as_str()), (Some(r#"{"a":1}"#), alg.as_str()));
        }
        assert_eq!(
            SdAlg::Sha256.digest("WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJmYW1pbHlfbmFtZSIsICJNw7ZiaXVzIl0"),
            "X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0"
        );
    }
}
