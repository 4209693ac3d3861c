//! Key text as people paste it, and the one rule between pasted text and secret bytes.
//!
//! People copy keys out of consoles, config files, chat and JSON: a PEM block after a
//! byte-order mark or explanatory text (RFC 7468 §5.2 allows it), inside quotes, with
//! JSON-escaped `\n`, CRLF or indentation; bare base64 or base64url DER (how identity
//! providers and a JWKS's `x5c` show keys and certificates); a JWK or JWKS inside other
//! text. [`unwrap`] turns all of these into what the key readers take (a PEM text or a JSON
//! object) and says how it read them.
//!
//! The rule ([`not_a_secret`]): text that is, contains, or decodes to a public key, private
//! key or certificate is never used as an HMAC secret or a PBES2 password. Otherwise a
//! public key pasted in an unusual form would become a secret, and an HS256 token forged
//! with those bytes would verify: the algorithm-confusion attack (RFC 8725 §2.1, §3.1).
//! Every secret the page derives from text goes through [`crate::jwt::jwk::secret_bytes`],
//! which applies it.

use std::borrow::Cow;

use der::{AnyRef, Decode as _, Header, Reader as _, SliceReader, Tag};
use rsa::pkcs1;
use zeroize::Zeroizing;

use crate::jwt::base64url;
use crate::jwt::json::{self, Value};

/// A DER structure that holds a key or a certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DerKind {
    Certificate,
    Spki,
    Pkcs1Public,
    Pkcs8,
    Pkcs1Private,
    Sec1,
}

impl DerKind {
    /// The PEM label of this structure (RFC 7468).
    pub fn pem_label(self) -> &'static str {
        match self {
            DerKind::Certificate => "CERTIFICATE",
            DerKind::Spki => "PUBLIC KEY",
            DerKind::Pkcs1Public => "RSA PUBLIC KEY",
            DerKind::Pkcs8 => "PRIVATE KEY",
            DerKind::Pkcs1Private => "RSA PRIVATE KEY",
            DerKind::Sec1 => "EC PRIVATE KEY",
        }
    }

    /// In words, for messages: "an X.509 certificate".
    pub fn describe(self) -> &'static str {
        match self {
            DerKind::Certificate => "an X.509 certificate",
            DerKind::Spki => "a public key (SubjectPublicKeyInfo)",
            DerKind::Pkcs1Public => "an RSA public key (PKCS#1)",
            DerKind::Pkcs8 => "a private key (PKCS#8)",
            DerKind::Pkcs1Private => "an RSA private key (PKCS#1)",
            DerKind::Sec1 => "an EC private key (SEC1)",
        }
    }
}

/// Which key structure `der` is, read as exactly one DER element.
pub fn der_kind(der: &[u8]) -> Option<DerKind> {
    // Every one of them is a SEQUENCE.
    if der.first() != Some(&0x30) {
        return None;
    }
    if x509_cert::Certificate::from_der(der).is_ok() {
        Some(DerKind::Certificate)
    } else if spki::SubjectPublicKeyInfoRef::from_der(der).is_ok() {
        Some(DerKind::Spki)
    } else if pkcs8::PrivateKeyInfoRef::from_der(der).is_ok() {
        Some(DerKind::Pkcs8)
    } else if pkcs1::RsaPrivateKeyRef::from_der(der).is_ok() {
        Some(DerKind::Pkcs1Private)
    } else if sec1::EcPrivateKey::from_der(der).is_ok() {
        Some(DerKind::Sec1)
    } else if pkcs1::RsaPublicKeyRef::from_der(der).is_ok() {
        Some(DerKind::Pkcs1Public)
    } else {
        None
    }
}

/// The key structure that `bytes` start with: their first DER element, whatever follows it.
pub fn der_kind_prefix(bytes: &[u8]) -> Option<DerKind> {
    if bytes.first() != Some(&0x30) {
        return None;
    }
    let mut reader = SliceReader::new(bytes).ok()?;
    reader.decode::<AnyRef<'_>>().ok()?;
    let used = usize::try_from(reader.position()).ok()?;
    if used < MIN_KEY_DER {
        return None;
    }
    der_kind(bytes.get(..used)?)
}

/// What the key readers get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One or more PEM blocks, each with its armour on lines of its own.
    Pem,
    /// A JSON object (a JWK or a JWKS).
    Json,
    /// Anything else: a secret, or text that is not a key.
    Other,
}

/// Pasted key text, unwrapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unwrapped<'a> {
    /// PEM text, a JSON object, or the text as pasted. May hold a private key: wiped when
    /// dropped if it was rebuilt here.
    pub text: Cow<'a, str>,
    pub shape: Shape,
    /// How the text was read, each phrase to follow "pasted": "as base64 DER without PEM
    /// armour", "after explanatory text"… Empty for a plain PEM, JWK or secret.
    pub notes: Vec<&'static str>,
}

impl Drop for Unwrapped<'_> {
    fn drop(&mut self) {
        if let Cow::Owned(s) = &mut self.text {
            zeroize::Zeroize::zeroize(s);
        }
    }
}

impl Unwrapped<'_> {
    /// "pasted as base64 DER without PEM armour, inside quotes", or nothing.
    pub fn how(&self) -> Option<String> {
        (!self.notes.is_empty()).then(|| format!("pasted {}", self.notes.join(", ")))
    }
}

const BOM: char = '\u{FEFF}';

/// Reads pasted key text into what the key readers take. Never fails: text that is not a
/// key comes back as [`Shape::Other`], unchanged.
pub fn unwrap(text: &str) -> Unwrapped<'_> {
    let mut notes = Vec::new();
    let mut t: Cow<'_, str> = Cow::Borrowed(text.trim());
    if t.starts_with(BOM) {
        notes.push("after a byte-order mark");
        t = Cow::Owned(t.trim_start_matches(BOM).trim().to_string());
    }
    // A JSON string ("-----BEGIN…\n…"), as config files and API answers hold keys.
    if t.len() >= 2
        && t.starts_with('"')
        && t.ends_with('"')
        && let Ok(doc) = json::parse(&t)
        && let Value::String(s) = &doc.root.value
    {
        notes.push("as a JSON string");
        t = Cow::Owned(s.trim().to_string());
    }
    for q in ['"', '\'', '`'] {
        if t.len() >= 2 && t.starts_with(q) && t.ends_with(q) {
            notes.push("inside quotes");
            t = Cow::Owned(t[1..t.len() - 1].trim().to_string());
            break;
        }
    }
    if t.contains("-----BEGIN") {
        if !t.contains('\n') && (t.contains("\\n") || t.contains("\\r")) {
            notes.push("with \\n escapes for line breaks");
            t = Cow::Owned(t.replace("\\r\\n", "\n").replace("\\n", "\n").replace("\\r", "\n"));
        }
        if let Some(pem) = pem_blocks(&t, &mut notes) {
            return Unwrapped { text: Cow::Owned(pem), shape: Shape::Pem, notes };
        }
        return Unwrapped { text: t, shape: Shape::Pem, notes };
    }
    if t.starts_with('{') && json::parse(&t).is_ok() {
        return Unwrapped { text: t, shape: Shape::Json, notes };
    }
    if let Some(json) = json_inside(&t) {
        notes.push("inside surrounding text");
        return Unwrapped { text: Cow::Owned(json), shape: Shape::Json, notes };
    }
    if let Some(found) = find_der(&t) {
        notes.push(found.how);
        return Unwrapped { text: Cow::Owned(pem_of(found.kind, &found.der)), shape: Shape::Pem, notes };
    }
    if t.starts_with('{') {
        // Broken JSON: the JWK reader says where.
        return Unwrapped { text: t, shape: Shape::Json, notes };
    }
    // Not a key: the text as pasted, for the secret readers.
    Unwrapped { text: Cow::Borrowed(text), shape: Shape::Other, notes: Vec::new() }
}

/// Rebuilds every PEM block of `t` as the PEM readers want it: armour on lines of its own,
/// the base64 in lines of 64. Text before the first block and after the last is dropped
/// (RFC 7468 §5.2 explanatory text). `None` when a block has no end line (the PEM reader
/// then says so).
fn pem_blocks(t: &str, notes: &mut Vec<&'static str>) -> Option<String> {
    let first = t.find("-----BEGIN")?;
    if !t[..first].trim().is_empty() {
        notes.push("after explanatory text");
    }
    if t.contains('\r') {
        notes.push("with CRLF line endings");
    }
    if t.lines().any(|l| l.starts_with([' ', '\t']) && !l.trim().is_empty()) {
        notes.push("indented");
    }
    let mut out = String::new();
    let mut rest = &t[first..];
    let mut reflowed = false;
    while let Some(start) = rest.find("-----BEGIN") {
        let after = &rest[start + "-----BEGIN".len()..];
        let label_end = after.find("-----")?;
        let label = after[..label_end].trim();
        let body_and_rest = &after[label_end + 5..];
        let end_marker = format!("-----END {label}-----");
        let body_end = body_and_rest.find(&end_marker)?;
        let body = &body_and_rest[..body_end];
        out.push_str(&format!("-----BEGIN {label}-----\n"));
        if body.contains(':') {
            // Encapsulated headers (legacy encrypted PEM): lines kept, trimmed.
            for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
                out.push_str(line);
                out.push('\n');
            }
        } else {
            let compact: Zeroizing<String> = Zeroizing::new(body.chars().filter(|c| !c.is_whitespace()).collect());
            let lines: Vec<&str> = body.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
            if lines.len() > 1 && lines[..lines.len() - 1].iter().any(|l| l.len() != 64)
                || body.trim().contains([' ', '\t'])
                || !body.starts_with(['\n', '\r'])
            {
                reflowed = true;
            }
            let bytes = compact.as_bytes();
            for chunk in bytes.chunks(64) {
                out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
                out.push('\n');
            }
        }
        out.push_str(&end_marker);
        out.push('\n');
        rest = &body_and_rest[body_end + end_marker.len()..];
    }
    if reflowed {
        notes.push("with its lines re-wrapped");
    }
    Some(out)
}

/// A JWK or JWKS inside other text: the span from the first `{` to the last `}`, if it is a
/// JSON object with `kty` or `keys`.
fn json_inside(t: &str) -> Option<String> {
    let start = t.find('{')?;
    let end = t.rfind('}')?;
    let candidate = t.get(start..=end)?;
    let doc = json::parse(candidate).ok()?;
    (doc.root.get("kty").is_some() || doc.root.get("keys").is_some()).then(|| candidate.to_string())
}

/// The fewest bytes of DER taken for a key: an Ed25519 SubjectPublicKeyInfo has 44, the
/// smallest key structure there is; shorter "keys" (an RSA public key with a 1-byte modulus)
/// are no keys, and a short word such as "MAGIC" must stay a possible secret.
pub const MIN_KEY_DER: usize = 42;

/// Standard or URL-safe base64, padded or not; `None` if it is neither.
fn decode_base64_any(text: &str) -> Option<Zeroizing<Vec<u8>>> {
    let unpadded = text.trim_end_matches('=');
    if !unpadded.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_')) {
        return None;
    }
    if unpadded.contains(['+', '/']) && unpadded.contains(['-', '_']) {
        return None;
    }
    let url: Zeroizing<String> = Zeroizing::new(
        unpadded
            .chars()
            .map(|c| match c {
                '+' => '-',
                '/' => '_',
                c => c,
            })
            .collect(),
    );
    base64url::decode_strict(&url).ok().map(Zeroizing::new).or_else(|| {
        // A final group with stray low bits still decodes, leniently.
        base64url::decode_lenient(&url).0.map(Zeroizing::new)
    })
}

fn pem_of(kind: DerKind, der: &[u8]) -> String {
    let b64: Zeroizing<String> = Zeroizing::new(base64_standard(der));
    let mut out = format!("-----BEGIN {}-----\n", kind.pem_label());
    for chunk in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        out.push('\n');
    }
    out.push_str(&format!("-----END {}-----\n", kind.pem_label()));
    out
}

fn base64_standard(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// At most this many base64 or hex runs are decoded when looking for a key inside text, so
/// that any text is read in time linear in its length.
const MAX_RUNS: usize = 32;
/// The longest run decoded: 64 KiB of text, 32 KiB of DER in hex (an ML-DSA-87 certificate
/// with many extensions fits; at 16 KiB, the hex of one over 8 KiB was read as a secret).
const MAX_RUN_CHARS: usize = 64 * 1024;

/// If `text` is, contains, or (as `decoded`, the bytes a secret encoding gave) decodes to a
/// key or certificate, what it looked like, in words that follow "the key text": "contains a
/// PEM block (-----BEGIN PUBLIC KEY-----)". `None` for text that may be a secret.
pub fn not_a_secret(text: &str, decoded: Option<&[u8]>) -> Option<String> {
    if let Some(at) = text.find("-----BEGIN").or_else(|| text.find("-----END")) {
        // The armour line, up to its closing dashes: "-----BEGIN PUBLIC KEY-----".
        let line: String = text[at..].chars().take_while(|&c| c != '\n' && c != '\r').take(60).collect();
        let line = match line.get(5..).and_then(|l| l.find("-----")) {
            Some(end) => &line[..end + 10],
            None => line.as_str(),
        };
        return Some(format!("contains a PEM block ({})", line.trim()));
    }
    if text.contains("\"kty\"") {
        return Some("contains a JWK (a \"kty\" member)".to_string());
    }
    // OpenSSH and RFC 4716 public keys: SSH wire format in base64, not DER.
    const SSH: &[&str] = &[
        "ssh-rsa AAAA",
        "ssh-ed25519 AAAA",
        "ssh-dss AAAA",
        "ecdsa-sha2-nistp256 AAAA",
        "ecdsa-sha2-nistp384 AAAA",
        "ecdsa-sha2-nistp521 AAAA",
        "sk-ssh-ed25519@openssh.com AAAA",
        "sk-ecdsa-sha2-nistp256@openssh.com AAAA",
        "---- BEGIN SSH2 PUBLIC KEY ----",
    ];
    if SSH.iter().any(|p| text.contains(p)) {
        return Some(
            "contains an SSH public key (to check a token with it, convert it: ssh-keygen -e -m PKCS8 -f key.pub)"
                .to_string(),
        );
    }
    if let Some(kind) = decoded.and_then(der_kind_prefix) {
        return Some(format!("decodes to DER of {}", kind.describe()));
    }
    // Bytes that are themselves key text (base64 of a PEM file, as `base64 key.pem` and
    // Kubernetes secrets write it; hex of a JWK): the same rules, once, on that text.
    if let Some(inner) = decoded.and_then(|d| std::str::from_utf8(d).ok())
        && let Some(what) = not_a_secret(inner, None)
    {
        return Some(format!("decodes to text that {what}"));
    }
    if let Some(found) = find_der(text) {
        return Some(format!("contains {} DER of {}", found.encoding, found.kind.describe()));
    }
    None
}

/// DER of a key or certificate found in text, and how it was written.
pub struct FoundDer {
    pub kind: DerKind,
    pub der: Zeroizing<Vec<u8>>,
    /// "base64" or "hex".
    pub encoding: &'static str,
    /// How it was written, to follow "pasted": "as base64 DER without PEM armour" when it
    /// is the whole text, "as base64 DER inside surrounding text" when it is not.
    pub how: &'static str,
}

/// Looks for base64, base64url or hex DER of a key or certificate in text, the whole text
/// or a part of it: runs that start a word with `M` (base64 of a DER SEQUENCE) or `30`
/// (hex), and may go on across whitespace and `\n` escapes. At most [`MAX_RUNS`] runs of
/// at most [`MAX_RUN_CHARS`] are read, so any text is looked through in time linear in its
/// length.
pub fn find_der(text: &str) -> Option<FoundDer> {
    let bytes = text.as_bytes();
    let mut runs = 0;
    let mut i = 0;
    let word_start = |i: usize| i == 0 || !is_b64(bytes[i - 1]);
    while i < bytes.len() && runs < MAX_RUNS {
        let b = bytes[i];
        let after_0x = i >= 2 && &bytes[i - 2..i] == b"0x" && word_start(i - 2);
        let hex_start = b == b'3' && bytes.get(i + 1) == Some(&b'0') && (word_start(i) || after_0x);
        let base64_start = b == b'M' && word_start(i);
        if !base64_start && !hex_start {
            i += 1;
            continue;
        }
        // First only the DER header, from at most 12 characters (which may cross a few
        // words): a start that cannot begin a key's SEQUENCE costs next to nothing and
        // does not count against MAX_RUNS, so words like "MIIJ" before a key hide nothing.
        let (head, _) = gather(bytes, i, 12);
        let hex = hex_start && head.bytes().take(10).all(|c| c.is_ascii_hexdigit());
        let total = if hex {
            der_len(&hex_bytes(&head[..head.len().min(10)]))
        } else {
            head.get(..8).and_then(decode_base64_any).and_then(|h| der_len(&h))
        };
        let chars = |n: usize| if hex { 2 * n } else { n.div_ceil(3) * 4 };
        let Some(total) = total.filter(|&n| n >= MIN_KEY_DER && chars(n) <= MAX_RUN_CHARS) else {
            i += 1;
            continue;
        };
        runs += 1;
        let (run, end) = gather(bytes, i, chars(total));
        let der = if hex { der_from_hex(&run, total) } else { der_from_base64(&run, total) };
        if let Some(der) = der
            && let Some(kind) = der_kind(&der)
        {
            let from = if after_0x { i - 2 } else { i };
            let whole = from == 0 && blank(&bytes[end..]);
            // Unpadded text of a length base64 would pad is base64url too.
            let url = run.contains(['-', '_']) || (whole && !run.contains(['+', '/', '=']) && run.len() % 4 != 0);
            let how = match (hex, whole, url) {
                (true, true, _) => "as hex DER",
                (true, false, _) => "as hex DER inside surrounding text",
                (false, true, true) => "as base64url DER without PEM armour",
                (false, true, false) => "as base64 DER without PEM armour",
                (false, false, _) => "as base64 DER inside surrounding text",
            };
            return Some(FoundDer { kind, der, encoding: if hex { "hex" } else { "base64" }, how });
        }
        // The next word may start a key that this run ran into: look on from there.
        i += 1;
    }
    None
}

/// Up to `limit` base64 characters from `start`, skipping whitespace and `\n` escapes, and
/// where they end.
fn gather(bytes: &[u8], start: usize, limit: usize) -> (Zeroizing<String>, usize) {
    let mut run = Zeroizing::new(String::with_capacity(limit.min(MAX_RUN_CHARS)));
    let mut j = start;
    while j < bytes.len() && run.len() < limit {
        match bytes[j] {
            c if is_b64(c) || c == b'=' => run.push(c as char),
            c if c.is_ascii_whitespace() => {}
            b'\\' if matches!(bytes.get(j + 1), Some(b'n' | b'r')) => j += 1,
            _ => break,
        }
        j += 1;
    }
    (run, j)
}

/// Whether only padding, whitespace and `\n` escapes are left.
fn blank(rest: &[u8]) -> bool {
    let mut j = 0;
    while j < rest.len() {
        match rest[j] {
            b'=' => {}
            c if c.is_ascii_whitespace() => {}
            b'\\' if matches!(rest.get(j + 1), Some(b'n' | b'r')) => j += 1,
            _ => return false,
        }
        j += 1;
    }
    true
}

fn hex_bytes(hex: &str) -> Vec<u8> {
    hex.as_bytes().chunks_exact(2).filter_map(|p| u8::from_str_radix(std::str::from_utf8(p).ok()?, 16).ok()).collect()
}

/// The length of the DER SEQUENCE whose first bytes are `head`: its header and content.
fn der_len(head: &[u8]) -> Option<usize> {
    let mut reader = SliceReader::new(head).ok()?;
    let header = Header::decode(&mut reader).ok()?;
    if header.tag() != Tag::Sequence {
        return None;
    }
    let used = usize::try_from(reader.position()).ok()?;
    used.checked_add(usize::try_from(header.length()).ok()?)
}

/// The `total` bytes of DER at the start of a run of base64 (padded or not): exactly as
/// many characters are decoded as those bytes need, so text after them cannot spoil the
/// last group.
fn der_from_base64(run: &str, total: usize) -> Option<Zeroizing<Vec<u8>>> {
    let needed = (total * 4).div_ceil(3);
    let group = run.get(..needed)?;
    // The last group completed with zero bits: they fall past the element.
    let mut group: Zeroizing<String> = Zeroizing::new(group.replace('=', "A"));
    while !group.len().is_multiple_of(4) {
        group.push('A');
    }
    let mut der = decode_base64_any(&group)?;
    der.truncate(total);
    (der.len() == total).then_some(der)
}

/// The `total` bytes of DER at the start of a run of hex.
fn der_from_hex(run: &str, total: usize) -> Option<Zeroizing<Vec<u8>>> {
    let der = Zeroizing::new(hex_bytes(run.get(..2 * total)?));
    (der.len() == total).then_some(der)
}

fn is_b64(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An Ed25519 SubjectPublicKeyInfo (RFC 8410 §10.1).
    const ED_SPKI_B64: &str = "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=";

    /// An Ed448 SubjectPublicKeyInfo (RFC 8410 §4; Wycheproof `ed448_test.json`'s key).
    const ED448_SPKI_B64: &str =
        "MEMwBQYDK2VxAzoAQZYQpTSvEn9YOwSBjNt/D/MAsCXy4BaCvK4z/Wkc7gOVEd8M3caQ7peEJuizjlDOWvfc+6UPcEwA";

    /// Key text encoded once more (base64 of a PEM file, hex of a JWK, an `oct` JWK whose
    /// `k` is a PEM) is still key text: never secret bytes, in any encoding.
    #[test]
    fn key_text_encoded_again_is_not_a_secret() {
        use crate::jwt::jwk::{KeyErrorKind, SecretEncoding, parse, secret_bytes};
        use base64::Engine as _;
        let pem = format!("-----BEGIN PUBLIC KEY-----\n{ED_SPKI_B64}\n-----END PUBLIC KEY-----\n");
        let jwk = r#"{"kty":"OKP","crv":"Ed25519","x":"Gb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE"}"#;
        let b64 = |t: &str| base64::engine::general_purpose::STANDARD.encode(t);
        let hex = |t: &str| crate::jwt::text::hex(t.as_bytes());
        for (text, encoding) in [
            (b64(&pem), SecretEncoding::Base64),
            (hex(&pem), SecretEncoding::Hex),
            (b64(jwk), SecretEncoding::Base64),
            (hex(jwk), SecretEncoding::Hex),
        ] {
            let e = secret_bytes(&text, encoding).expect_err(&text);
            assert_eq!(e.kind(), KeyErrorKind::NotASecret, "{text}: {e}");
            assert!(e.to_string().contains("decodes to text that contains"), "{e}");
        }
        let oct = format!(r#"{{"kty":"oct","k":"{}"}}"#, crate::jwt::base64url::encode(pem.as_bytes()));
        let e = parse(&oct, SecretEncoding::Utf8).expect_err("an oct JWK holding a PEM");
        assert_eq!(e.kind(), KeyErrorKind::NotASecret, "{e}");
        // Text that merely decodes to other text is still a secret.
        assert!(secret_bytes(&b64("a perfectly ordinary shared secret"), SecretEncoding::Base64).is_ok());
    }

    fn pem(b64: &str) -> String {
        format!("-----BEGIN PUBLIC KEY-----\n{b64}\n-----END PUBLIC KEY-----\n")
    }

    #[test]
    fn every_pasted_form_of_a_pem_unwraps_to_the_same_pem() {
        let want = pem(ED_SPKI_B64);
        let escaped = want.replace('\n', "\\n");
        let cases: Vec<(String, Vec<&str>)> = vec![
            (want.clone(), vec![]),
            (format!("\u{FEFF}{want}"), vec!["after a byte-order mark"]),
            (format!("Our signing key, rotated 2026-01:\n\n{want}"), vec!["after explanatory text"]),
            (format!("\"{}\"", escaped), vec!["as a JSON string"]),
            (format!("'{want}'"), vec!["inside quotes"]),
            (escaped.clone(), vec!["with \\n escapes for line breaks"]),
            (want.replace('\n', "\r\n"), vec!["with CRLF line endings"]),
            (want.lines().map(|l| format!("    {l}\n")).collect(), vec!["indented"]),
            (want.replace('\n', " "), vec!["with its lines re-wrapped"]),
            (ED_SPKI_B64.to_string(), vec!["as base64 DER without PEM armour"]),
            (format!("{}\n{}", &ED_SPKI_B64[..30], &ED_SPKI_B64[30..]), vec!["as base64 DER without PEM armour"]),
            (
                ED_SPKI_B64.trim_end_matches('=').replace('+', "-").replace('/', "_"),
                vec!["as base64url DER without PEM armour"],
            ),
        ];
        for (text, notes) in cases {
            let u = unwrap(&text);
            assert_eq!(u.shape, Shape::Pem, "{text:?}");
            assert_eq!(u.text.as_ref(), want, "{text:?}");
            assert_eq!(u.notes, notes, "{text:?}");
        }
    }

    #[test]
    fn a_jwk_inside_text_is_found_and_secrets_stay_as_pasted() {
        let u = unwrap(r#"jwks = {"keys":[{"kty":"oct","k":"AA"}]};"#);
        assert_eq!((u.shape, u.text.as_ref()), (Shape::Json, r#"{"keys":[{"kty":"oct","k":"AA"}]}"#));
        assert_eq!(u.how().as_deref(), Some("pasted inside surrounding text"));
        for secret in [" my secret \n", "c2VjcmV0", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA", "{not json"] {
            let u = unwrap(secret);
            assert_eq!(u.text.as_ref(), secret.trim_start_matches(BOM));
            assert!(u.notes.is_empty());
        }
    }

    #[test]
    fn the_rule_names_what_the_text_looked_like() {
        let der = decode_base64_any(ED_SPKI_B64).unwrap();
        let hex = crate::jwt::text::hex(&der);
        let ed448 = decode_base64_any(ED448_SPKI_B64).unwrap();
        let ed448_hex = crate::jwt::text::hex(&ed448);
        let cases: Vec<(String, Option<&[u8]>, &str)> = vec![
            ("x -----BEGIN PUBLIC KEY----- x".into(), None, "contains a PEM block (-----BEGIN PUBLIC KEY-----)"),
            ("…\n-----END CERTIFICATE-----".into(), None, "contains a PEM block (-----END CERTIFICATE-----)"),
            (r#"{"kty":"RSA""#.into(), None, "contains a JWK"),
            (format!("key: {ED_SPKI_B64} (prod)"), None, "contains base64 DER of a public key (SubjectPublicKeyInfo)"),
            (format!("x5c: \"{}\\n{}\"", &ED_SPKI_B64[..20], &ED_SPKI_B64[20..]), None, "contains base64 DER"),
            (format!("0x{hex}"), None, "contains hex DER of a public key"),
            ("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG me@host".into(), None, "contains an SSH public key"),
            ("---- BEGIN SSH2 PUBLIC KEY ----\nAAAA".into(), None, "contains an SSH public key"),
            ("anything".into(), Some(&der), "decodes to DER of a public key (SubjectPublicKeyInfo)"),
            (ED448_SPKI_B64.into(), None, "contains base64 DER of a public key (SubjectPublicKeyInfo)"),
            (format!("0x{ed448_hex}"), None, "contains hex DER of a public key"),
            ("anything".into(), Some(&ed448), "decodes to DER of a public key (SubjectPublicKeyInfo)"),
        ];
        for (text, decoded, says) in cases {
            let got = not_a_secret(&text, decoded).unwrap_or_default();
            assert!(got.starts_with(says), "{text:?}: {got:?}");
        }
        for secret in ["secret", "MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM", "3030303030"] {
            assert_eq!(not_a_secret(secret, Some(secret.as_bytes())), None, "{secret}");
        }
    }

    /// A bare Ed448 SubjectPublicKeyInfo, base64 or hex, is read as that public key (the
    /// same thumbprint as its JWK and PEM), and is never secret bytes in any encoding.
    #[test]
    fn a_bare_ed448_key_is_the_key_and_never_a_secret() {
        use crate::jwt::jwk::{KeyErrorKind, Material, PublicKey, SecretEncoding, parse, secret_bytes};
        let der = decode_base64_any(ED448_SPKI_B64).unwrap();
        let hex = crate::jwt::text::hex(&der);
        let jwk = r#"{"kty":"OKP","crv":"Ed448","x":"QZYQpTSvEn9YOwSBjNt_D_MAsCXy4BaCvK4z_Wkc7gOVEd8M3caQ7peEJuizjlDOWvfc-6UPcEwA"}"#;
        let thumbprint = |text: &str, encoding| {
            let set = parse(text, encoding).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert!(matches!(set.keys[0].material, Material::Public(PublicKey::Ed448(_))), "{text}");
            set.keys[0].thumbprint.clone()
        };
        let want = thumbprint(jwk, SecretEncoding::Utf8);
        for encoding in [SecretEncoding::Utf8, SecretEncoding::Base64, SecretEncoding::Hex] {
            for text in [pem(ED448_SPKI_B64), ED448_SPKI_B64.to_string(), hex.clone()] {
                assert_eq!(thumbprint(&text, encoding), want, "{text} as {encoding:?}");
                let e = secret_bytes(&text, encoding).expect_err(&text);
                assert_eq!(e.kind(), KeyErrorKind::NotASecret, "{text}: {e}");
            }
        }
        assert_eq!(unwrap(ED448_SPKI_B64).shape, Shape::Pem);
    }

    #[test]
    fn words_that_start_like_a_key_hide_no_key_after_them() {
        let text = format!("{} {ED_SPKI_B64} 30 31 3000", "Mozilla MAC MIT Monday 30 300 0x30 ".repeat(100));
        let found = find_der(&text).expect("the key after 700 words");
        assert_eq!((found.kind, found.encoding), (DerKind::Spki, "base64"));
        assert_eq!(unwrap(&text).shape, Shape::Pem);
    }

    #[test]
    fn looking_for_keys_is_linear_in_the_text() {
        // Many word starts that each look like the start of a key: only MAX_RUNS are
        // gathered, each at most MAX_RUN_CHARS long.
        let text = "MIIJ ".repeat(200_000);
        assert_eq!(not_a_secret(&text, None), None);
        let text = "30 ".repeat(300_000);
        assert_eq!(not_a_secret(&text, None), None);
    }
}
