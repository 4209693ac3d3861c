//! Issuing and presenting SD-JWTs (RFC 9901 §4 and §5), for the encoder and the tests.
//!
//! [`issue`] makes an SD-JWT from a header and a payload: the claims and array elements the
//! JSON Pointers (RFC 6901) name become disclosures (§4.2.1, §4.2.2), nested ones first, so
//! a disclosed object may itself hold disclosable members (§4.2.6); each salt is 128 bits of
//! the operating system's randomness (§4.2.1, §9.3); decoy digests (§4.2.5) are mixed into
//! the `_sd` arrays, which are sorted (§4.2.4.1) so that their order says nothing; the
//! holder's public key goes in `cnf.jwk` (§4.1.2, RFC 7800); and the issuer-signed JWT is
//! signed by the one signer (`jws::sign`) with a key from the one key model.
//!
//! [`present`] makes a presentation (§4.3): the disclosures the holder keeps (with every
//! disclosure a kept one is nested in: without its parent a nested disclosure has nowhere to
//! land, §7.1), and optionally a KB-JWT (§4.3.1) with `typ: kb+jwt`, `iat`, `aud`, `nonce` and
//! `sd_hash`, the `_sd_alg` digest of the presentation up to its last `~`, signed with the
//! holder's private key.
//!
//! Both are linear in their input: pointers are resolved in one walk of the payload against
//! a tree of the pointers, and digests are found through a hash map.
//!
//! It sits beside `sd` rather than in it: it signs (`jws`, `jwk`), and those reach `token`,
//! which reads `sd::split`; inside `sd` that would be an import cycle (tests/architecture.rs).

use std::collections::HashMap;

use crate::jwt::alg::JwsAlg;
use crate::jwt::base64url;
use crate::jwt::json::{self, JsonSyntax, Node, Value};
use crate::jwt::jwk::{self, KeyError, Material};
use crate::jwt::jws::sign::{self, RequestError, SignError, Signer};
use crate::jwt::sd::{self, SdAlg};
use crate::jwt::verdict::SecretEncoding;

/// At most this many decoy digests in one SD-JWT (each costs a hash and 50 bytes).
pub const MAX_DECOYS: usize = 10_000;

/// Bytes of randomness in each salt (RFC 9901 §9.3: at least 128 bits).
const SALT_BYTES: usize = 16;

/// Why an SD-JWT could not be issued or presented. Each message names the section of RFC
/// 9901 (or of the RFC it relies on) it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum IssueError {
    /// The payload text is not JSON.
    PayloadNotJson { line: usize, column: usize, message: JsonSyntax },
    /// The payload is JSON but not an object (RFC 9901 §4.1).
    PayloadNotObject,
    /// A member name occurs twice in one object of the payload: a pointer to it would be
    /// ambiguous, and two readers could see two values.
    DuplicateName { name: String },
    /// The payload already uses a name SD-JWT reserves (`_sd` or `...` anywhere, `_sd_alg`
    /// at the top level; RFC 9901 §4.1, §4.2.4).
    ReservedName { pointer: String, name: String },
    /// A holder key was given, and the payload already has `cnf` (RFC 7800 §3).
    CnfPresent,
    /// A selector is not a JSON Pointer (RFC 6901 §3).
    PointerSyntax { pointer: String },
    /// The empty pointer names the whole payload, which cannot be a disclosure (§4.2).
    PointerToRoot,
    /// A pointer names nothing in the payload.
    PointerNotFound { pointer: String },
    /// The same claim is selected twice.
    PointerTwice { pointer: String },
    /// More decoys than [`MAX_DECOYS`].
    TooManyDecoys { asked: usize },
    /// The SD-JWT's `_sd_alg` is not one hashed here (sha-256, sha-384, sha-512; §4.1.1).
    SdAlgUnsupported { name: String },
    /// The holder's key text gives no key for `cnf`.
    HolderKey(KeyError),
    /// The holder's key is a shared secret: `cnf.jwk` must be a public key (§4.1.2).
    HolderKeyNotPublic,
    /// The operating system gave no randomness for the salts (§9.3).
    NoRandomness { why: String },
    /// The issuer-signed JWT could not be signed.
    Sign(RequestError),
    /// The text to present is not an SD-JWT (no `~`; §4).
    NotSdJwt,
    /// The text to present already ends with a KB-JWT: present the SD-JWT as issued (§4.3).
    HasKbJwt,
    /// The issuer-signed JWT's payload is not base64url of a JSON object (§4.1).
    JwtUnreadable,
    /// A disclosure is not base64url of a JSON array of two or three elements (§4.2.1, §4.2.2).
    DisclosureUnreadable { index: usize },
    /// A disclosure to keep is not in the SD-JWT.
    NoSuchDisclosure { index: usize, count: usize },
    /// A KB-JWT was asked for, and the issuer-signed payload has no `cnf.jwk` to check it
    /// against (§4.3, §7.3).
    NoCnf,
    /// The holder's key text gives no signing key for the KB-JWT.
    KbKey(KeyError),
    /// The KB-JWT must be signed with the holder's private key, not a shared secret (§4.3).
    KbNotPrivate,
    /// The holder's private key is not the key in the SD-JWT's `cnf.jwk`: the KB-JWT would
    /// not verify (§7.3).
    KbKeyNotCnf,
    /// The KB-JWT could not be signed with this algorithm and key.
    KbSign(SignError),
}

impl std::fmt::Display for IssueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use IssueError::*;
        match self {
            PayloadNotJson { line, column, message } => {
                write!(f, "The payload is not valid JSON (line {line}, column {column}): {message} (RFC 8259).")
            }
            PayloadNotObject => f.write_str("The payload of an SD-JWT must be a JSON object (RFC 9901 §4.1)."),
            DuplicateName { name } => write!(
                f,
                "The payload has the member \"{name}\" twice in one object: which one to disclose would be ambiguous (RFC 8259 §4)."
            ),
            ReservedName { pointer, name } => write!(
                f,
                "The payload uses \"{name}\" at {pointer}, a name SD-JWT reserves for its digests (RFC 9901 §4.1, §4.2.4)."
            ),
            CnfPresent => f.write_str(
                "The payload already has \"cnf\": give no holder key, or remove it from the payload (RFC 9901 §4.1.2).",
            ),
            PointerSyntax { pointer } => write!(
                f,
                "\"{pointer}\" is not a JSON Pointer: it must start with \"/\", and \"~\" must be written \"~0\" or \"~1\" (RFC 6901 §3)."
            ),
            PointerToRoot => f.write_str("The whole payload cannot be a disclosure: name a claim or an array element (RFC 9901 §4.2)."),
            PointerNotFound { pointer } => write!(f, "{pointer} names no claim or array element of the payload (RFC 6901 §4)."),
            PointerTwice { pointer } => {
                write!(f, "{pointer} is selected twice: a claim has one disclosure (RFC 9901 §4.2).")
            }
            TooManyDecoys { asked } => write!(f, "{asked} decoy digests is more than the {MAX_DECOYS} this page makes (RFC 9901 §4.2.5)."),
            SdAlgUnsupported { name } => write!(
                f,
                "\"{name}\" is not an _sd_alg this page hashes with: sha-256, sha-384 or sha-512 (RFC 9901 §4.1.1)."
            ),
            HolderKey(e) => write!(f, "The holder's key cannot be read: {e}."),
            HolderKeyNotPublic => f.write_str(
                "The holder's key must be a public (or private) key, not a shared secret: cnf.jwk is public (RFC 9901 §4.1.2).",
            ),
            NoRandomness { why } => write!(f, "No randomness for the salts: {why} (RFC 9901 §9.3)."),
            Sign(e) => e.fmt(f),
            NotSdJwt => f.write_str("This is not an SD-JWT: it has no \"~\" (RFC 9901 §4)."),
            HasKbJwt => f.write_str(
                "This SD-JWT already ends with a KB-JWT: present the SD-JWT as issued, ending with \"~\" (RFC 9901 §4.3).",
            ),
            JwtUnreadable => {
                f.write_str("The issuer-signed JWT's payload is not base64url of a JSON object (RFC 9901 §4.1).")
            }
            DisclosureUnreadable { index } => write!(
                f,
                "Disclosure {} is not base64url of a JSON array of two or three elements (RFC 9901 §4.2.1, §4.2.2).",
                ordinal(*index)
            ),
            NoSuchDisclosure { index, count } => {
                write!(f, "There is no disclosure {}: this SD-JWT has {count}.", ordinal(*index))
            }
            NoCnf => f.write_str(
                "The SD-JWT has no cnf.jwk: there is no holder key a KB-JWT could be checked against (RFC 9901 §4.3, §7.3).",
            ),
            KbKey(e) => write!(f, "Cannot sign the KB-JWT: {e}."),
            KbNotPrivate => f.write_str(
                "The KB-JWT is signed with the holder's private key, not with a shared secret (RFC 9901 §4.3).",
            ),
            KbKeyNotCnf => f.write_str(
                "This private key is not the holder key in the SD-JWT's cnf.jwk: the KB-JWT would not verify (RFC 9901 §7.3).",
            ),
            KbSign(e) => write!(f, "Cannot sign the KB-JWT: {e}."),
        }
    }
}

impl std::error::Error for IssueError {}

/// A disclosure's number as people count (1 for index 0), for any index: the index to keep
/// comes from the page, and `usize::MAX + 1` would overflow.
fn ordinal(index: usize) -> u128 {
    index as u128 + 1
}

/// What to issue.
#[derive(Debug, Clone, Copy)]
pub struct IssueRequest<'a> {
    /// The issuer-signed JWT's header, a JSON object with the chosen `alg`.
    pub header: &'a str,
    /// The claims, a JSON object, as the holder will see them once everything is disclosed.
    pub payload: &'a str,
    /// JSON Pointers (RFC 6901) to the claims and array elements to make selectively
    /// disclosable; a pointer inside another one's value makes a nested disclosure.
    pub disclose: &'a [String],
    /// How many decoy digests to add (RFC 9901 §4.2.5).
    pub decoys: usize,
    /// `_sd_alg`.
    pub sd_alg: SdAlg,
    /// The holder's key (public, or private: only its public half is used) for `cnf.jwk`,
    /// as pasted; `None` for no key binding.
    pub holder_key: Option<&'a str>,
    /// The issuer's signing key, as pasted, and how a secret in it is encoded.
    pub key: &'a str,
    pub encoding: SecretEncoding,
    /// The signing algorithm chosen (it must be the header's `alg`).
    pub alg: &'a str,
}

/// One disclosure as issued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedDisclosure {
    /// The request's pointer that made it.
    pub pointer: String,
    /// The claim name; `None` for an array element.
    pub name: Option<String>,
    /// Its base64url text, as it stands in the SD-JWT.
    pub encoded: String,
    /// base64url of the `_sd_alg` digest of `encoded` (§4.2.3).
    pub digest: String,
    /// The disclosure whose value holds this one's digest (an index into the list), or
    /// `None` when the digest is in the issuer-signed payload itself.
    pub parent: Option<usize>,
}

/// An SD-JWT as issued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issued {
    /// The compact SD-JWT, `<jwt>~<d1>~…~<dn>~` (§4).
    pub sd_jwt: String,
    /// The issuer-signed payload (compact JSON, digests in place of the disclosed claims).
    pub payload: String,
    /// The disclosures, in the order they stand in `sd_jwt` (nested ones before the
    /// disclosure that holds them).
    pub disclosures: Vec<IssuedDisclosure>,
    /// How many decoy digests were added.
    pub decoys: usize,
}

/// A node of the tree of the selectors: the pointer that ends here, if any, and the
/// reference tokens that continue it.
#[derive(Default)]
struct Selector {
    /// The request's pointer that ends at this node, if one does.
    pointer: Option<String>,
    /// The next reference token of the pointers that go further.
    children: HashMap<String, Selector>,
    /// Whether the payload has a node here (set by [`resolve`]).
    found: bool,
}

/// The reference tokens of a JSON Pointer (RFC 6901 §3, §4: `~1` is `/`, `~0` is `~`).
fn tokens(pointer: &str) -> Result<Vec<String>, IssueError> {
    if pointer.is_empty() {
        return Err(IssueError::PointerToRoot);
    }
    let bad = || IssueError::PointerSyntax { pointer: pointer.to_string() };
    let rest = pointer.strip_prefix('/').ok_or_else(bad)?;
    rest.split('/')
        .map(|t| {
            let mut out = String::with_capacity(t.len());
            let mut chars = t.chars();
            while let Some(c) = chars.next() {
                match c {
                    '~' => match chars.next() {
                        Some('0') => out.push('~'),
                        Some('1') => out.push('/'),
                        _ => return Err(bad()),
                    },
                    c => out.push(c),
                }
            }
            Ok(out)
        })
        .collect()
}

/// The tree of the selectors.
fn selectors(pointers: &[String]) -> Result<Selector, IssueError> {
    let mut root = Selector::default();
    for p in pointers {
        let mut at = &mut root;
        for t in tokens(p)? {
            at = at.children.entry(t).or_default();
        }
        if at.pointer.is_some() {
            return Err(IssueError::PointerTwice { pointer: p.clone() });
        }
        at.pointer = Some(p.clone());
    }
    Ok(root)
}

/// An array index token (RFC 6901 §4: decimal, no leading zero).
fn index_token(t: &str) -> Option<usize> {
    let ok = !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) && (t == "0" || !t.starts_with('0'));
    ok.then(|| t.parse().ok()).flatten()
}

/// A pointer's text from its tokens (for messages).
fn pointer_text(path: &[&str]) -> String {
    path.iter().map(|t| format!("/{}", t.replace('~', "~0").replace('/', "~1"))).collect()
}

/// The first walk: every selector is matched to a node of the payload (`found`), reserved
/// names are refused, and the objects that will hold digests are counted (for the decoys).
fn resolve(
    node: &Node,
    sel: Option<&mut Selector>,
    path: &mut Vec<String>,
    with_digests: &mut usize,
) -> Result<(), IssueError> {
    let mut sel = sel;
    if let Some(s) = sel.as_deref_mut() {
        s.found = true;
    }
    match &node.value {
        Value::Object(members) => {
            let mut digests = false;
            for m in members {
                path.push(m.key.clone());
                if m.key == "_sd" || m.key == "..." || (path.len() == 1 && m.key == "_sd_alg") {
                    let p: Vec<&str> = path.iter().map(String::as_str).collect();
                    return Err(IssueError::ReservedName { pointer: pointer_text(&p), name: m.key.clone() });
                }
                let child = sel.as_deref_mut().and_then(|s| s.children.get_mut(&m.key));
                digests |= child.as_ref().is_some_and(|c| c.pointer.is_some());
                resolve(&m.value, child, path, with_digests)?;
                path.pop();
            }
            *with_digests += usize::from(digests);
        }
        Value::Array(items) => {
            let mut by_index: HashMap<usize, &mut Selector> = match sel {
                Some(s) => s.children.iter_mut().filter_map(|(t, c)| index_token(t).map(|i| (i, c))).collect(),
                None => HashMap::new(),
            };
            for (i, item) in items.iter().enumerate() {
                let child = by_index.remove(&i);
                if child.is_some() || matches!(item.value, Value::Object(_) | Value::Array(_)) {
                    path.push(i.to_string());
                    resolve(item, child, path, with_digests)?;
                    path.pop();
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// The first pointer (in the request's order) that names nothing in the payload.
fn unmatched(sel: &Selector, pointers: &[String]) -> Option<String> {
    pointers
        .iter()
        .find(|p| {
            let mut at = Some(sel);
            for t in tokens(p).unwrap_or_default() {
                at = at.and_then(|s| s.children.get(&t));
            }
            !at.is_some_and(|s| s.found)
        })
        .cloned()
}

/// What the second walk builds.
struct Builder<'a> {
    src: &'a str,
    hash: SdAlg,
    disclosures: Vec<IssuedDisclosure>,
    /// Disclosures whose parent is not known yet (those made inside the value being built).
    orphans: Vec<usize>,
    /// Decoys still to place, and the objects with digests still to come.
    decoys_left: usize,
    objects_left: usize,
}

impl Builder<'_> {
    fn salt() -> Result<String, IssueError> {
        let bytes = crate::jwt::jwk::keygen::random_bytes(SALT_BYTES)
            .map_err(|e| IssueError::NoRandomness { why: e.to_string() })?;
        Ok(base64url::encode(&bytes))
    }

    /// A decoy digest: the digest of a fresh random salt (§4.2.5).
    fn decoy(&self) -> Result<String, IssueError> {
        Ok(self.hash.digest(&Self::salt()?))
    }

    /// Makes the disclosure of `name` (or an array element) with the JSON `value`; the
    /// disclosures made while building `value` since `first` are its children.
    fn disclose(&mut self, pointer: &str, name: Option<&str>, value: &str, first: usize) -> Result<String, IssueError> {
        let salt = Self::salt()?;
        let text = match name {
            Some(n) => format!("[{},{},{value}]", json::quote(&salt), n),
            None => format!("[{},{value}]", json::quote(&salt)),
        };
        let encoded = base64url::encode(text.as_bytes());
        let d = self.hash.digest(&encoded);
        let index = self.disclosures.len();
        let from = self.orphans.iter().rposition(|&o| o < first).map_or(0, |p| p + 1);
        for child in self.orphans.drain(from..) {
            if let Some(c) = self.disclosures.get_mut(child) {
                c.parent = Some(index);
            }
        }
        self.orphans.push(index);
        let name = name.and_then(|n| json::parse(n).ok()).and_then(|d| d.root.as_str().map(str::to_string));
        self.disclosures.push(IssuedDisclosure {
            pointer: pointer.to_string(),
            name,
            encoded,
            digest: d.clone(),
            parent: None,
        });
        Ok(d)
    }

    /// The value of `node` with the selected members and elements replaced by digests, as
    /// compact JSON; `root` adds what the top level carries.
    fn build(&mut self, node: &Node, sel: Option<&Selector>, root_extra: Option<&str>) -> Result<String, IssueError> {
        let Some(sel) = sel.filter(|s| !s.children.is_empty()) else {
            return Ok(match root_extra {
                Some(extra) => self.object_with(node, None, extra)?,
                None => json::compact(self.src, node),
            });
        };
        match &node.value {
            Value::Object(_) => self.object_with(node, Some(sel), root_extra.unwrap_or("")),
            Value::Array(items) => {
                let mut out = String::from("[");
                let by_index: HashMap<usize, &Selector> =
                    sel.children.iter().filter_map(|(t, c)| index_token(t).map(|i| (i, c))).collect();
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    let child = by_index.get(&i).copied();
                    let first = self.disclosures.len();
                    let value = self.build(item, child, None)?;
                    match child.and_then(|c| c.pointer.as_deref()) {
                        Some(p) => {
                            let d = self.disclose(p, None, &value, first)?;
                            out.push_str(&format!("{{\"...\":{}}}", json::quote(&d)));
                        }
                        None => out.push_str(&value),
                    }
                }
                out.push(']');
                Ok(out)
            }
            _ => Ok(json::compact(self.src, node)),
        }
    }

    /// An object with its selected members replaced by an `_sd` array (sorted, decoys mixed
    /// in), then `extra` (members the top level adds, each starting with a comma).
    fn object_with(&mut self, node: &Node, sel: Option<&Selector>, extra: &str) -> Result<String, IssueError> {
        let Value::Object(members) = &node.value else { return Ok(json::compact(self.src, node)) };
        let mut out = String::from("{");
        let mut digests = Vec::new();
        for m in members {
            let child = sel.and_then(|s| s.children.get(&m.key));
            let first = self.disclosures.len();
            let value = self.build(&m.value, child, None)?;
            let name = self.src.get(m.key_span.clone()).unwrap_or_default();
            match child.and_then(|c| c.pointer.as_deref()) {
                Some(p) => digests.push(self.disclose(p, Some(name), &value, first)?),
                None => {
                    if out.len() > 1 {
                        out.push(',');
                    }
                    out.push_str(name);
                    out.push(':');
                    out.push_str(&value);
                }
            }
        }
        let is_root = !extra.is_empty();
        if !digests.is_empty() || (is_root && self.objects_left == 0) {
            // This object's share of the decoys; the top level takes them all when no object
            // holds digests.
            let share = if self.objects_left == 0 {
                self.decoys_left
            } else {
                let share = self.decoys_left.div_ceil(self.objects_left);
                self.objects_left -= 1;
                share
            };
            for _ in 0..share {
                digests.push(self.decoy()?);
            }
            self.decoys_left -= share;
        }
        if !digests.is_empty() {
            digests.sort_unstable();
            if out.len() > 1 {
                out.push(',');
            }
            out.push_str("\"_sd\":[");
            out.push_str(&digests.iter().map(|d| json::quote(d)).collect::<Vec<_>>().join(","));
            out.push(']');
        }
        if is_root {
            out.push_str(if out.len() > 1 { extra } else { extra.trim_start_matches(',') });
        }
        out.push('}');
        Ok(out)
    }
}

/// Checks a JWS header text against the chosen algorithm and signs `payload` (compact JSON)
/// with the key text, as the encoder's sign request does (`jws::sign`).
fn signed(header: &str, payload: &str, alg: &str, key: &str, encoding: SecretEncoding) -> Result<String, RequestError> {
    let compact = json::compact_text(header).filter(|h| json::parse(h).is_ok_and(|d| d.root.is_object()));
    let Some(header) = compact else {
        return Err(match json::parse(header) {
            Err(e) => RequestError::HeaderNotJson { line: e.line, column: e.column, message: e.message },
            Ok(_) => RequestError::HeaderNotObject,
        });
    };
    let chosen = JwsAlg::parse(alg);
    let alg = match (crate::jwt::jws::header_alg(&header), chosen) {
        (None, _) => return Err(RequestError::NoAlg),
        (Some(a), Some(chosen)) if JwsAlg::parse(&a) == Some(chosen) => chosen,
        (Some(a), None) if JwsAlg::parse(&a).is_none() => {
            return Err(RequestError::Sign(SignError::UnknownAlg { alg: alg.to_string() }));
        }
        (Some(a), _) => return Err(RequestError::AlgMismatch { header: a, chosen: alg.to_string() }),
    };
    let signer = sign::parse_signer(key, encoding).map_err(RequestError::Key)?;
    let input = format!("{}.{}", base64url::encode(header.as_bytes()), base64url::encode(payload.as_bytes()));
    let sig = sign::sign(alg, &signer, input.as_bytes()).map_err(RequestError::Sign)?;
    Ok(format!("{input}.{}", base64url::encode(&sig)))
}

/// The public JWK for `cnf` from the holder's key text.
fn holder_jwk(text: &str) -> Result<String, IssueError> {
    let set = jwk::parse(text, SecretEncoding::Utf8).map_err(IssueError::HolderKey)?;
    let key = set.keys.into_iter().next().ok_or(IssueError::HolderKey(KeyError::NoKeyToConvert))?;
    key.material.public().map(|p| p.jwk()).ok_or(IssueError::HolderKeyNotPublic)
}

/// Issues an SD-JWT (RFC 9901 §4): see [`IssueRequest`].
pub fn issue(req: &IssueRequest<'_>) -> Result<Issued, IssueError> {
    if req.decoys > MAX_DECOYS {
        return Err(IssueError::TooManyDecoys { asked: req.decoys });
    }
    let doc = json::parse(req.payload).map_err(|e| IssueError::PayloadNotJson {
        line: e.line,
        column: e.column,
        message: e.message,
    })?;
    if !doc.root.is_object() {
        return Err(IssueError::PayloadNotObject);
    }
    if let Some(d) = doc.duplicates.first() {
        return Err(IssueError::DuplicateName { name: d.key.clone() });
    }
    let cnf = match req.holder_key {
        Some(text) => {
            if doc.root.get("cnf").is_some() {
                return Err(IssueError::CnfPresent);
            }
            Some(holder_jwk(text)?)
        }
        None => None,
    };
    let mut sel = selectors(req.disclose)?;
    let mut with_digests = 0;
    resolve(&doc.root, Some(&mut sel), &mut Vec::new(), &mut with_digests)?;
    if let Some(pointer) = unmatched(&sel, req.disclose) {
        return Err(IssueError::PointerNotFound { pointer });
    }

    let mut extra = format!(",\"_sd_alg\":{}", json::quote(req.sd_alg.as_str()));
    if let Some(jwk) = &cnf {
        extra.push_str(&format!(",\"cnf\":{{\"jwk\":{jwk}}}"));
    }
    let mut b = Builder {
        src: req.payload,
        hash: req.sd_alg,
        disclosures: Vec::new(),
        orphans: Vec::new(),
        decoys_left: req.decoys,
        objects_left: with_digests,
    };
    let payload = b.build(&doc.root, Some(&sel), Some(&extra))?;
    let jwt = signed(req.header, &payload, req.alg, req.key, req.encoding).map_err(IssueError::Sign)?;
    let mut sd_jwt = jwt;
    sd_jwt.push('~');
    for d in &b.disclosures {
        sd_jwt.push_str(&d.encoded);
        sd_jwt.push('~');
    }
    Ok(Issued { sd_jwt, payload, disclosures: b.disclosures, decoys: req.decoys })
}

/// The key binding to add to a presentation (RFC 9901 §4.3).
#[derive(Debug, Clone, Copy)]
pub struct KbRequest<'a> {
    /// The holder's private key, as pasted (PEM or JWK).
    pub key: &'a str,
    /// The KB-JWT's signing algorithm (asymmetric).
    pub alg: &'a str,
    /// `aud`: the verifier the presentation is for.
    pub aud: &'a str,
    /// `nonce`: the verifier's challenge.
    pub nonce: &'a str,
    /// `iat`, seconds since the epoch (the caller's clock: the core reads none).
    pub iat: i64,
}

/// A presentation (RFC 9901 §4.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presented {
    /// `<jwt>~<kept disclosures>~[<kb-jwt>]`.
    pub text: String,
    /// The disclosures kept, as indexes into the SD-JWT's disclosures, in its order.
    pub kept: Vec<usize>,
    /// Those among them that were not asked for, kept because a kept disclosure is nested
    /// in them (without its parent it would land nowhere, §7.1).
    pub parents_added: Vec<usize>,
    /// The KB-JWT's `sd_hash`, when there is one.
    pub sd_hash: Option<String>,
}

/// One disclosure of an SD-JWT being presented: its digest and the digests its value holds.
struct Held {
    digest: String,
    inner: Vec<String>,
}

/// The digests a JSON value holds directly or in nested objects and arrays (`_sd` entries,
/// `{"...": digest}` elements), not looking into other disclosures.
fn digests_in(node: &Node, out: &mut Vec<String>) {
    match &node.value {
        Value::Object(members) => {
            if let [m] = members.as_slice()
                && m.key == "..."
                && let Some(d) = m.value.as_str()
            {
                out.push(d.to_string());
                return;
            }
            for m in members {
                if m.key == "_sd" {
                    if let Value::Array(items) = &m.value.value {
                        out.extend(items.iter().filter_map(|i| i.as_str().map(str::to_string)));
                    }
                } else {
                    digests_in(&m.value, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| digests_in(i, out)),
        _ => {}
    }
}

/// Makes a presentation of an SD-JWT as issued (RFC 9901 §4.3): the disclosures at `keep`
/// (indexes into its disclosures), with the ones they are nested in, and a KB-JWT when `kb`
/// is given.
pub fn present(sd_jwt: &str, keep: &[usize], kb: Option<&KbRequest<'_>>) -> Result<Presented, IssueError> {
    let parts = sd::split(sd_jwt.trim()).ok_or(IssueError::NotSdJwt)?;
    let text = sd_jwt.trim();
    if parts.kb_jwt.is_some() {
        return Err(IssueError::HasKbJwt);
    }
    let jwt = text.get(parts.jwt.clone()).unwrap_or_default();
    let payload_text = jwt
        .split('.')
        .nth(1)
        .and_then(|p| base64url::decode_strict(p).ok())
        .and_then(|b| String::from_utf8(b).ok())
        .ok_or(IssueError::JwtUnreadable)?;
    let payload = json::parse(&payload_text).map_err(|_| IssueError::JwtUnreadable)?;
    if !payload.root.is_object() {
        return Err(IssueError::JwtUnreadable);
    }
    let hash = match payload.root.get("_sd_alg") {
        None => SdAlg::Sha256,
        Some(n) => {
            let name = n.as_str().unwrap_or_default();
            SdAlg::parse(name).ok_or(IssueError::SdAlgUnsupported { name: name.to_string() })?
        }
    };

    // Each disclosure's digest and the digests its value holds.
    let encoded: Vec<&str> = parts.disclosures.iter().map(|r| text.get(r.clone()).unwrap_or_default()).collect();
    let mut held = Vec::with_capacity(encoded.len());
    for (index, e) in encoded.iter().enumerate() {
        let unreadable = || IssueError::DisclosureUnreadable { index };
        let bytes = base64url::decode_strict(e).map_err(|_| unreadable())?;
        let json_text = String::from_utf8(bytes).map_err(|_| unreadable())?;
        let doc = json::parse(&json_text).map_err(|_| unreadable())?;
        let value = match &doc.root.value {
            Value::Array(items) if items.len() == 2 || items.len() == 3 => items.last(),
            _ => None,
        };
        let mut inner = Vec::new();
        digests_in(value.ok_or_else(unreadable)?, &mut inner);
        held.push(Held { digest: hash.digest(e), inner });
    }
    // Which disclosure holds each one's digest (the first, if several claim it).
    let by_digest: HashMap<&str, usize> = held.iter().enumerate().rev().map(|(i, h)| (h.digest.as_str(), i)).collect();
    let mut parent: Vec<Option<usize>> = vec![None; held.len()];
    for (i, h) in held.iter().enumerate() {
        for d in &h.inner {
            if let Some(&child) = by_digest.get(d.as_str())
                && child != i
                && let Some(p) = parent.get_mut(child)
                && p.is_none()
            {
                *p = Some(i);
            }
        }
    }

    // The kept ones, with their parents.
    let mut kept = vec![false; held.len()];
    let mut asked = vec![false; held.len()];
    for &index in keep {
        if index >= held.len() {
            return Err(IssueError::NoSuchDisclosure { index, count: held.len() });
        }
        if let Some(a) = asked.get_mut(index) {
            *a = true;
        }
        let mut at = Some(index);
        while let Some(i) = at {
            match kept.get_mut(i) {
                Some(k) if !*k => *k = true,
                _ => break,
            }
            at = parent.get(i).copied().flatten();
        }
    }
    let kept_list: Vec<usize> = (0..held.len()).filter(|&i| kept.get(i) == Some(&true)).collect();
    let parents_added = kept_list.iter().copied().filter(|&i| asked.get(i) != Some(&true)).collect();

    let mut out = String::with_capacity(text.len());
    out.push_str(jwt);
    out.push('~');
    for &i in &kept_list {
        out.push_str(encoded.get(i).copied().unwrap_or_default());
        out.push('~');
    }

    let mut sd_hash = None;
    if let Some(kb) = kb {
        let cnf = payload.root.get("cnf").and_then(|c| c.get("jwk")).ok_or(IssueError::NoCnf)?;
        let cnf_key = jwk::parse(&json::compact(&payload_text, cnf), SecretEncoding::Utf8)
            .ok()
            .and_then(|s| s.keys.into_iter().next())
            .ok_or(IssueError::NoCnf)?;
        let key = sign::signing_key(kb.key, SecretEncoding::Utf8).map_err(IssueError::KbKey)?;
        if matches!(key.material, Material::Secret(_)) {
            return Err(IssueError::KbNotPrivate);
        }
        if key.thumbprint != cnf_key.thumbprint {
            return Err(IssueError::KbKeyNotCnf);
        }
        let alg = JwsAlg::parse(kb.alg).ok_or(IssueError::KbSign(SignError::UnknownAlg { alg: kb.alg.to_string() }))?;
        if alg.is_hmac() {
            return Err(IssueError::KbNotPrivate);
        }
        let signer = Signer::from_material(key.material).ok_or(IssueError::KbNotPrivate)?;
        let hash_text = hash.digest(&out);
        let header = format!("{{\"typ\":\"kb+jwt\",\"alg\":{}}}", json::quote(alg.name()));
        let claims = format!(
            "{{\"iat\":{},\"aud\":{},\"nonce\":{},\"sd_hash\":{}}}",
            kb.iat,
            json::quote(kb.aud),
            json::quote(kb.nonce),
            json::quote(&hash_text)
        );
        let input = format!("{}.{}", base64url::encode(header.as_bytes()), base64url::encode(claims.as_bytes()));
        let sig = sign::sign(alg, &signer, input.as_bytes()).map_err(IssueError::KbSign)?;
        out.push_str(&input);
        out.push('.');
        out.push_str(&base64url::encode(&sig));
        sd_hash = Some(hash_text);
    }
    Ok(Presented { text: out, kept: kept_list, parents_added, sd_hash })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::jwk::keygen;
    use crate::jwt::verdict::Verdict;
    use serde_json::{Value as J, json};

    fn verifies(jwt: &str, public: &str) -> bool {
        let d = crate::jwt::decode(jwt);
        crate::jwt::jws::verify::verify(&d, &jwk::parse(public, SecretEncoding::Utf8)).verdict == Verdict::Verified
    }

    fn part(jwt: &str, i: usize) -> J {
        let seg = jwt.split('.').nth(i).expect("segment");
        serde_json::from_slice(&base64url::decode_strict(seg).expect("base64url")).expect("JSON")
    }

    /// The disclosed payload, rebuilt here the simple way (RFC 9901 §7.1), for the tests
    /// that do not need the decoder.
    fn disclosed(jwt_payload: &J, disclosures: &[&str], hash: SdAlg) -> J {
        let mut by_digest = HashMap::new();
        for d in disclosures {
            let arr: J = serde_json::from_slice(&base64url::decode_strict(d).expect("b64")).expect("JSON");
            by_digest.insert(hash.digest(d), arr);
        }
        fn walk(v: &J, by: &HashMap<String, J>) -> J {
            match v {
                J::Object(m) => {
                    let mut out = serde_json::Map::new();
                    for (k, x) in m {
                        if k != "_sd" && k != "_sd_alg" {
                            out.insert(k.clone(), walk(x, by));
                        }
                    }
                    for d in m.get("_sd").and_then(J::as_array).into_iter().flatten() {
                        if let Some(J::Array(a)) = d.as_str().and_then(|d| by.get(d)) {
                            out.insert(a[1].as_str().expect("name").to_string(), walk(&a[2], by));
                        }
                    }
                    J::Object(out)
                }
                J::Array(items) => J::Array(
                    items
                        .iter()
                        .filter_map(|i| match i.get("...").and_then(J::as_str) {
                            Some(d) => by.get(d).map(|a| walk(&a[1], by)),
                            None => Some(walk(i, by)),
                        })
                        .collect(),
                ),
                x => x.clone(),
            }
        }
        walk(jwt_payload, &by_digest)
    }

    const PAYLOAD: &str = r#"{
      "iss": "https://issuer.example", "iat": 1700000000, "sub": "user-42",
      "given_name": "Erika", "family_name": "Mustermann", "email": "erika@example.com",
      "address": {"street_address": "Heidestraße 17", "locality": "Köln", "country": "DE"},
      "nationalities": ["DE", "FR", "US"],
      "degrees": [{"type": "BSc", "year": 1985}, {"type": "MSc", "year": 1987.50}],
      "a/b": {"c~d": true}
    }"#;

    struct Keys {
        issuer_private: String,
        issuer_public: String,
        holder_private: String,
        holder_public: String,
    }

    fn keys() -> Keys {
        let i = keygen::generate("p-256").expect("issuer key");
        let h = keygen::generate("ed25519").expect("holder key");
        Keys {
            issuer_private: i.private_pem.expect("pem"),
            issuer_public: i.public_jwk.expect("jwk"),
            holder_private: h.private_jwk.expect("jwk"),
            holder_public: h.public_jwk.expect("jwk"),
        }
    }

    fn request<'a>(k: &'a Keys, disclose: &'a [String], decoys: usize, sd_alg: SdAlg) -> IssueRequest<'a> {
        IssueRequest {
            header: r#"{"alg":"ES256","typ":"dc+sd-jwt"}"#,
            payload: PAYLOAD,
            disclose,
            decoys,
            sd_alg,
            holder_key: Some(&k.holder_public),
            key: &k.issuer_private,
            encoding: SecretEncoding::Utf8,
            alg: "ES256",
        }
    }

    fn pointers(p: &[&str]) -> Vec<String> {
        p.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn issues_flat_nested_and_array_disclosures_that_rebuild_the_payload() {
        let k = keys();
        let original: J = serde_json::from_str(PAYLOAD).expect("JSON");
        let sel = pointers(&[
            "/given_name",
            "/email",
            "/address",
            "/address/street_address",
            "/address/locality",
            "/nationalities/0",
            "/nationalities/2",
            "/degrees/1",
            "/degrees/1/year",
            "/a~1b/c~0d",
        ]);
        for (hash, decoys) in [(SdAlg::Sha256, 0), (SdAlg::Sha384, 5), (SdAlg::Sha512, 17)] {
            let issued = issue(&request(&k, &sel, decoys, hash)).expect("issued");
            assert!(issued.sd_jwt.ends_with('~'));
            let jwt = issued.sd_jwt.split('~').next().expect("jwt");
            assert!(verifies(jwt, &k.issuer_public), "the issuer signature verifies");
            let payload = part(jwt, 1);
            assert_eq!(payload["_sd_alg"], json!(hash.as_str()));
            assert_eq!(payload["cnf"]["jwk"], serde_json::from_str::<J>(&k.holder_public).expect("jwk"));
            assert_eq!(payload["iss"], json!("https://issuer.example"), "what is not selected stays");
            assert!(payload.get("given_name").is_none() && payload.get("address").is_none());
            assert_eq!(payload["nationalities"][1], json!("FR"));
            assert!(payload["nationalities"][0]["..."].is_string());
            // Every _sd array is sorted (§4.2.4.1); the digests, in the payload and in the
            // disclosed values, are one per disclosure and the decoys (§4.2.5).
            let mut digests = 0;
            fn each_digest(v: &J, f: &mut dyn FnMut(&Vec<J>), n: &mut usize) {
                match v {
                    J::Object(m) => {
                        if let Some(J::Array(a)) = m.get("_sd") {
                            f(a);
                            *n += a.len();
                        }
                        *n += usize::from(m.len() == 1 && m.get("...").is_some());
                        m.values().for_each(|x| each_digest(x, f, n));
                    }
                    J::Array(a) => a.iter().for_each(|x| each_digest(x, f, n)),
                    _ => {}
                }
            }
            let mut sorted_check = |a: &Vec<J>| {
                let mut sorted = a.clone();
                sorted.sort_by(|x, y| x.as_str().cmp(&y.as_str()));
                assert_eq!(&sorted, a, "sorted _sd");
            };
            each_digest(&payload, &mut sorted_check, &mut digests);
            for d in &issued.disclosures {
                let arr: J = serde_json::from_slice(&base64url::decode_strict(&d.encoded).expect("b64")).expect("JSON");
                each_digest(arr.as_array().and_then(|a| a.last()).expect("value"), &mut sorted_check, &mut digests);
            }
            assert_eq!(digests, sel.len() + decoys);
            assert_eq!(issued.disclosures.len(), sel.len());
            assert_eq!(issued.decoys, decoys);
            let encoded: Vec<&str> = issued.disclosures.iter().map(|d| d.encoded.as_str()).collect();
            assert_eq!(disclosed(&payload, &encoded, hash)["degrees"][1]["year"], json!(1987.5));
            let mut want = original.clone();
            want["cnf"] = payload["cnf"].clone();
            assert_eq!(disclosed(&payload, &encoded, hash), want, "every disclosure gives the payload back");
            // Salts: 128 bits, base64url (§4.2.1); names as written; parents.
            for d in &issued.disclosures {
                let arr: J = serde_json::from_slice(&base64url::decode_strict(&d.encoded).expect("b64")).expect("JSON");
                assert_eq!(base64url::decode_strict(arr[0].as_str().expect("salt")).expect("salt").len(), 16);
                assert_eq!(d.digest, hash.digest(&d.encoded));
            }
            let find = |p: &str| issued.disclosures.iter().position(|d| d.pointer == p).expect(p);
            assert_eq!(issued.disclosures[find("/address/locality")].parent, Some(find("/address")));
            assert_eq!(issued.disclosures[find("/degrees/1/year")].parent, Some(find("/degrees/1")));
            assert_eq!(issued.disclosures[find("/address")].parent, None);
            assert_eq!(issued.disclosures[find("/a~1b/c~0d")].name.as_deref(), Some("c~d"));
            assert_eq!(issued.disclosures[find("/nationalities/2")].name, None);
            // Decoys make each issuance differ in size only by the digests, and salts differ.
            let again = issue(&request(&k, &sel, decoys, hash)).expect("issued");
            assert_ne!(again.disclosures[0].encoded, issued.disclosures[0].encoded);
        }
    }

    #[test]
    fn presents_with_parents_and_a_key_binding_jwt() {
        let k = keys();
        let sel = pointers(&["/given_name", "/address", "/address/locality", "/nationalities/1"]);
        let issued = issue(&request(&k, &sel, 3, SdAlg::Sha256)).expect("issued");
        let locality = issued.disclosures.iter().position(|d| d.pointer == "/address/locality").expect("locality");
        let address = issued.disclosures.iter().position(|d| d.pointer == "/address").expect("address");
        let kb = KbRequest {
            key: &k.holder_private,
            alg: "EdDSA",
            aud: "https://verifier.example",
            nonce: "n-0S6",
            iat: 1_700_000_100,
        };
        let p = present(&issued.sd_jwt, &[locality], Some(&kb)).expect("presented");
        assert_eq!(p.parents_added, vec![address], "the parent of a kept nested disclosure is kept");
        let mut kept = vec![locality, address];
        kept.sort();
        assert_eq!(p.kept, kept);
        let (head, kb_jwt) = p.text.rsplit_once('~').expect("~");
        let head = format!("{head}~");
        assert_eq!(head.matches('~').count(), 3, "the JWT and two disclosures");
        assert_eq!(p.sd_hash.as_deref(), Some(SdAlg::Sha256.digest(&head).as_str()));
        assert_eq!(part(kb_jwt, 0), json!({"typ": "kb+jwt", "alg": "EdDSA"}));
        assert_eq!(
            part(kb_jwt, 1),
            json!({"iat": 1_700_000_100, "aud": "https://verifier.example", "nonce": "n-0S6", "sd_hash": p.sd_hash.clone().expect("sd_hash")})
        );
        assert!(verifies(kb_jwt, &k.holder_public), "the KB-JWT verifies with the cnf key");
        let jwt = p.text.split('~').next().expect("jwt");
        let shown: Vec<&str> = p.text.split('~').skip(1).take(2).collect();
        let got = disclosed(&part(jwt, 1), &shown, SdAlg::Sha256);
        assert_eq!(got["address"], json!({"street_address": "Heidestraße 17", "locality": "Köln", "country": "DE"}));
        assert!(got.get("given_name").is_none());
        assert_eq!(got["nationalities"], json!(["DE", "US"]));

        // Without a KB-JWT: the presentation ends with `~`; nothing kept is fine.
        let bare = present(&issued.sd_jwt, &[], None).expect("presented");
        assert!(bare.text.ends_with('~') && bare.text.matches('~').count() == 1 && bare.sd_hash.is_none());
        let all: Vec<usize> = (0..issued.disclosures.len()).collect();
        assert_eq!(present(&issued.sd_jwt, &all, None).expect("presented").text, issued.sd_jwt);
    }

    #[test]
    fn refuses_with_typed_errors() {
        let k = keys();
        let sel = |p: &[&str]| pointers(p);
        let issue_with = |payload: &str, disclose: &[String], holder: Option<&str>| {
            issue(&IssueRequest { payload, holder_key: holder, ..request(&k, disclose, 0, SdAlg::Sha256) })
        };
        let cases: Vec<(Result<Issued, IssueError>, IssueError)> = vec![
            (
                issue_with("{\"a\":", &[], None),
                IssueError::PayloadNotJson {
                    line: 1,
                    column: 6,
                    message: JsonSyntax::TextEnds { expected: "a value" },
                },
            ),
            (issue_with("[1]", &[], None), IssueError::PayloadNotObject),
            (issue_with(r#"{"a":1,"a":2}"#, &[], None), IssueError::DuplicateName { name: "a".into() }),
            (
                issue_with(r#"{"x":{"_sd":[]}}"#, &[], None),
                IssueError::ReservedName { pointer: "/x/_sd".into(), name: "_sd".into() },
            ),
            (
                issue_with(r#"{"x":[{"...":"d"}]}"#, &[], None),
                IssueError::ReservedName { pointer: "/x/0/...".into(), name: "...".into() },
            ),
            (
                issue_with(r#"{"_sd_alg":"sha-256"}"#, &[], None),
                IssueError::ReservedName { pointer: "/_sd_alg".into(), name: "_sd_alg".into() },
            ),
            (issue_with(r#"{"cnf":{}}"#, &[], Some(&k.holder_public)), IssueError::CnfPresent),
            (issue_with(r#"{"a":1}"#, &sel(&["a"]), None), IssueError::PointerSyntax { pointer: "a".into() }),
            (issue_with(r#"{"a":1}"#, &sel(&["/a~2"]), None), IssueError::PointerSyntax { pointer: "/a~2".into() }),
            (issue_with(r#"{"a":1}"#, &sel(&[""]), None), IssueError::PointerToRoot),
            (issue_with(r#"{"a":1}"#, &sel(&["/b"]), None), IssueError::PointerNotFound { pointer: "/b".into() }),
            (issue_with(r#"{"a":[1]}"#, &sel(&["/a/1"]), None), IssueError::PointerNotFound { pointer: "/a/1".into() }),
            (
                issue_with(r#"{"a":[1]}"#, &sel(&["/a/00"]), None),
                IssueError::PointerNotFound { pointer: "/a/00".into() },
            ),
            (issue_with(r#"{"a":1}"#, &sel(&["/a/b"]), None), IssueError::PointerNotFound { pointer: "/a/b".into() }),
            (issue_with(r#"{"a":1}"#, &sel(&["/a", "/a"]), None), IssueError::PointerTwice { pointer: "/a".into() }),
            (issue_with(r#"{"a":1}"#, &[], Some("a shared secret")), IssueError::HolderKeyNotPublic),
            (
                issue(&IssueRequest { decoys: MAX_DECOYS + 1, ..request(&k, &[], 0, SdAlg::Sha256) }),
                IssueError::TooManyDecoys { asked: MAX_DECOYS + 1 },
            ),
            (
                issue(&IssueRequest { alg: "ES384", ..request(&k, &[], 0, SdAlg::Sha256) }),
                IssueError::Sign(RequestError::AlgMismatch { header: "ES256".into(), chosen: "ES384".into() }),
            ),
        ];
        for (got, want) in cases {
            let got = got.expect_err("refused");
            assert_eq!(got, want);
            assert!(got.to_string().contains("RFC") || matches!(got, IssueError::Sign(_)), "{got}");
        }

        let issued = issue(&request(&k, &sel(&["/email"]), 0, SdAlg::Sha256)).expect("issued");
        let kb = KbRequest { key: &k.holder_private, alg: "EdDSA", aud: "a", nonce: "n", iat: 1 };
        let other = keygen::generate("ed25519").expect("key").private_jwk.expect("jwk");
        let present_cases: Vec<(Result<Presented, IssueError>, IssueError)> = vec![
            (present("a.b.c", &[], None), IssueError::NotSdJwt),
            (present(&format!("{}x.y.z", issued.sd_jwt), &[], None), IssueError::HasKbJwt),
            (present("a.b.c~", &[], None), IssueError::JwtUnreadable),
            (
                present(&format!("{}bm90IGpzb24~", issued.sd_jwt), &[], None),
                IssueError::DisclosureUnreadable { index: 1 },
            ),
            (present(&issued.sd_jwt, &[1], None), IssueError::NoSuchDisclosure { index: 1, count: 1 }),
            (
                present(&format!("e30.{}.e30~", base64url::encode(br#"{"_sd_alg":"md5"}"#)), &[], None),
                IssueError::SdAlgUnsupported { name: "md5".into() },
            ),
            (present(&issued.sd_jwt, &[0], Some(&KbRequest { key: &other, ..kb })), IssueError::KbKeyNotCnf),
            (
                present(&issued.sd_jwt, &[0], Some(&KbRequest { key: "secret", alg: "HS256", ..kb })),
                IssueError::KbNotPrivate,
            ),
            (
                present(&issued.sd_jwt, &[0], Some(&KbRequest { alg: "ES256", ..kb })),
                IssueError::KbSign(SignError::WrongKey { alg: JwsAlg::Es256, kind: "an Ed25519 private key" }),
            ),
        ];
        for (got, want) in present_cases {
            assert_eq!(got.expect_err("refused"), want);
        }
        let unbound = issue(&IssueRequest { holder_key: None, ..request(&k, &sel(&["/email"]), 0, SdAlg::Sha256) })
            .expect("issued");
        assert_eq!(present(&unbound.sd_jwt, &[0], Some(&kb)).expect_err("no cnf"), IssueError::NoCnf);
    }

    #[test]
    fn odd_pointers_are_refused_or_resolved() {
        let k = keys();
        let payload = r#"{"": {"": [0, {"~": 1, "/": 2}]}, "n": [1, 2]}"#;
        let run = |sel: &[&str]| {
            let sel = pointers(sel);
            issue(&IssueRequest { payload, holder_key: None, ..request(&k, &sel, 2, SdAlg::Sha256) })
                .map(|i| i.disclosures.len())
        };
        assert_eq!(run(&["/", "//", "///0", "///1/~0", "///1/~1"]), Ok(5));
        for bad in ["/n/-", "/n/2", "/n/01", "/n/99999999999999999999999", "/n/0/x", "/x/y/z", "///1/~"] {
            assert!(run(&[bad]).is_err(), "{bad}");
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in ["", "~", "~~~", "..~", "a.b~", "a.%%.c~", "e30.e30.e30~WyJhIl0~", "e30.W10.e30~"] {
            for keep in [&[][..], &[0], &[5]] {
                let _ = present(text, keep, None);
            }
        }
    }

    #[test]
    fn the_decoder_reads_what_is_issued_and_presented() {
        let k = keys();
        let sel = pointers(&[
            "/given_name",
            "/family_name",
            "/address",
            "/address/street_address",
            "/nationalities/0",
            "/nationalities/2",
            "/degrees/0",
            "/degrees/1/year",
        ]);
        for (hash, decoys) in [(SdAlg::Sha256, 4), (SdAlg::Sha384, 0), (SdAlg::Sha512, 9)] {
            let issued = issue(&request(&k, &sel, decoys, hash)).expect("issued");
            let whole = sd::process(&issued.sd_jwt);
            assert_eq!(whole.problems, vec![], "{hash:?}");
            assert_eq!(whole.decoys, decoys);
            assert_eq!(whole.sd_alg, hash.as_str());
            let got: J = serde_json::from_str(whole.payload.as_deref().expect("payload")).expect("JSON");
            let mut want: J = serde_json::from_str(PAYLOAD).expect("JSON");
            want["cnf"] = got["cnf"].clone();
            assert_eq!(got, want, "everything disclosed gives the payload back");

            let find = |p: &str| issued.disclosures.iter().position(|d| d.pointer == p).expect(p);
            let kb = KbRequest {
                key: &k.holder_private,
                alg: "EdDSA",
                aud: "https://v.example",
                nonce: "xyz",
                iat: 1_700_000_000,
            };
            let p = present(&issued.sd_jwt, &[find("/address/street_address"), find("/nationalities/2")], Some(&kb))
                .expect("presented");
            let report = sd::process(&p.text);
            assert_eq!(report.problems, vec![]);
            let got: J = serde_json::from_str(report.payload.as_deref().expect("payload")).expect("JSON");
            let mut want: J = serde_json::from_str(PAYLOAD).expect("JSON");
            want["cnf"] = got["cnf"].clone();
            let w = want.as_object_mut().expect("object");
            w.remove("given_name");
            w.remove("family_name");
            w["address"] = json!({"street_address": "Heidestraße 17", "locality": "Köln", "country": "DE"});
            w["nationalities"] = json!(["FR", "US"]);
            w["degrees"] = json!([{"type": "MSc"}]);
            assert_eq!(got, want);
            // Not shown: given_name, family_name, nationalities/0, degrees/0, degrees/1/year.
            assert_eq!(report.decoys, decoys + 5);
            // The KB-JWT binds, every rule passing (RFC 9901 §7.3).
            let (checks, binding) =
                crate::jwt::profile::kb::check(&p.text, 1_700_000_060, crate::jwt::jws::verify::verify);
            assert_eq!(binding.expect("binding").outcome.verdict, Verdict::Verified, "{checks:?}");
            assert!(checks.iter().all(|c| c.status == crate::jwt::profile::CheckStatus::Pass), "{checks:?}");
        }
    }

    #[test]
    fn a_private_holder_key_binds_only_its_public_half() {
        let k = keys();
        for holder in [&k.holder_private, &keygen::generate("p-256").expect("key").private_pem.expect("pem")] {
            let req = IssueRequest { holder_key: Some(holder), ..request(&k, &[], 0, SdAlg::Sha256) };
            let issued = issue(&req).expect("issued");
            let cnf = &part(issued.sd_jwt.split('~').next().expect("jwt"), 1)["cnf"]["jwk"];
            let names: Vec<&String> = cnf.as_object().expect("jwk").keys().collect();
            assert!(names.iter().all(|n| ["kty", "crv", "x", "y"].contains(&n.as_str())), "{names:?}");
            let public = jwk::parse(holder, SecretEncoding::Utf8).expect("key").keys[0].thumbprint.clone();
            let bound = jwk::parse(&cnf.to_string(), SecretEncoding::Utf8).expect("cnf").keys[0].thumbprint.clone();
            assert_eq!(bound, public);
        }
    }
}
