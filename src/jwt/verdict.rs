//! Verdicts. Nothing here needs cryptography: the page's own wasm carries none (it lives in
//! the worker, built with the `crypto` feature), yet the page must know what a verdict is,
//! decide the verdicts that need no key, and show the worker's reports (`protocol`).

use serde::{Deserialize, Serialize};

use super::json::{self, Node, Value};
use super::token::{Decoded, Form};
use super::warning::{Warning, WarningCode};

/// How a plain secret is written (UI contract: `utf8`, `base64`, `hex`; the same names on
/// the wire).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SecretEncoding {
    #[default]
    Utf8,
    /// Base64url or standard base64, padded or not.
    Base64,
    Hex,
}

impl SecretEncoding {
    pub const ALL: [SecretEncoding; 3] = [SecretEncoding::Utf8, SecretEncoding::Base64, SecretEncoding::Hex];

    /// How the page names the encoding.
    pub fn label(self) -> &'static str {
        match self {
            SecretEncoding::Utf8 => "UTF-8",
            SecretEncoding::Base64 => "base64",
            SecretEncoding::Hex => "hex",
        }
    }

    pub fn from_value(v: &str) -> Self {
        match v {
            "base64" => SecretEncoding::Base64,
            "hex" => SecretEncoding::Hex,
            _ => SecretEncoding::Utf8,
        }
    }

    pub fn value(self) -> &'static str {
        match self {
            SecretEncoding::Utf8 => "utf8",
            SecretEncoding::Base64 => "base64",
            SecretEncoding::Hex => "hex",
        }
    }
}

/// The verdict on a token (UI contract: `data-verdict`; the same names on the wire).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// No token, or no key, or a JWE (nothing to verify yet).
    Unverified,
    /// `alg: none`.
    Unsecured,
    Verified,
    Invalid,
    /// The key cannot check this token: wrong type, malformed, or an unsupported alg.
    Error,
    /// A JWE whose content decrypted and whose authentication tag holds.
    Decrypted,
    /// A JWE that did not decrypt with the key: unwrap failed, tag mismatch, bad epk.
    DecryptFailed,
}

impl Verdict {
    pub const ALL: [Verdict; 7] = [
        Verdict::Unverified,
        Verdict::Unsecured,
        Verdict::Verified,
        Verdict::Invalid,
        Verdict::Error,
        Verdict::Decrypted,
        Verdict::DecryptFailed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Unverified => "unverified",
            Verdict::Unsecured => "unsecured",
            Verdict::Verified => "verified",
            Verdict::Invalid => "invalid",
            Verdict::Error => "error",
            Verdict::Decrypted => "decrypted",
            Verdict::DecryptFailed => "decrypt-failed",
        }
    }
}

/// The result of verifying: the verdict, a sentence saying why, which key verified, and
/// the warnings that only a key can reveal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub verdict: Verdict,
    pub message: String,
    /// Index into the key set of the key that verified.
    pub key: Option<usize>,
    pub warnings: Vec<Warning>,
}

impl Outcome {
    pub fn new(verdict: Verdict, message: impl Into<String>) -> Self {
        Outcome { verdict, message: message.into(), key: None, warnings: Vec::new() }
    }
}

/// The verdicts that need no key and no cryptography: no token, a header with a duplicate
/// member name, `alg: none`, a JWE, or no key pasted. `None` means the signature must be
/// checked.
pub fn preliminary(d: &Decoded, has_key: bool) -> Option<Outcome> {
    if let Some(p) = d.problems.iter().find(|p| p.code == super::problem::ProblemCode::TooLarge) {
        let verdict = if has_key { Verdict::Invalid } else { Verdict::Unverified };
        return Some(Outcome::new(verdict, format!("Not read: {}.", p.message)));
    }
    if d.is_empty() {
        return Some(Outcome::new(Verdict::Unverified, "No token yet: paste one to decode and verify it."));
    }
    if let Some(outcome) = duplicate_header(d, has_key) {
        return Some(outcome);
    }
    // Unsecured only if every signature is: a JWS JSON serialization whose first signature
    // is "none" may carry another that verifies, and the worker decides it, signature by
    // signature, as it decides any other.
    let unsecured = match d.json.as_ref().filter(|j| j.signatures.len() > 1) {
        Some(j) => j.signatures.iter().all(|s| is_none(s.alg.as_deref())),
        None => is_none(d.alg.as_deref()),
    };
    if unsecured {
        return Some(Outcome::new(Verdict::Unsecured, unsecured_message(d)));
    }
    if d.form == Form::Jwe && !has_key {
        return Some(Outcome::new(
            Verdict::Unverified,
            "Encrypted token (JWE): paste the recipient's private key (PEM or JWK), a JWKS, the shared secret or the password to decrypt it.",
        ));
    }
    if !has_key {
        return Some(Outcome::new(
            Verdict::Unverified,
            "Not verified: paste a secret, a PEM public key or certificate, a JWK or a JWKS to check the signature.",
        ));
    }
    None
}

/// Whether an `alg` is exactly `none` (RFC 7518 §3.6).
fn is_none(alg: Option<&str>) -> bool {
    alg.and_then(super::alg::JwsAlg::parse) == Some(super::alg::JwsAlg::None)
}

/// The message of an `unsecured` verdict: RFC 7518 §3.6 requires the signature of an
/// unsecured JWS to be empty, and says so when it is not.
fn unsecured_message(d: &Decoded) -> String {
    const NEVER: &str = "Never accept such a token where a signed one is expected.";
    let carried = match d.signature_segment().filter(|s| !s.range.is_empty()) {
        None => return format!("Unsecured: alg is \"none\", so there is no signature to check. {NEVER}"),
        Some(seg) => match &seg.bytes {
            Some(b) => format!("{} byte{}", b.len(), if b.len() == 1 { "" } else { "s" }),
            None => format!("{} characters that are not even base64url", seg.range.len()),
        },
    };
    format!(
        "Unsecured: alg is \"none\", and RFC 7518 §3.6 requires the signature of an unsecured JWS to be empty, yet this one carries {carried}; nothing was checked. {NEVER}"
    )
}

/// A header member name a token repeats, found without cryptography.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateHeader {
    /// Where and what: `the protected header has "alg" twice ("HS256", then "none")`.
    pub found: String,
    /// The rule that refuses it, finishing the sentence "Two libraries can read two
    /// different values from such a header: …".
    pub rule: &'static str,
}

/// The first repeated member name in a token's JOSE header, if any. RFC 7515 §4 (RFC 7516 §4
/// for a JWE) lets a parser either reject a header with a duplicate member name or read only
/// the last one; this page rejects it, so that no two libraries can disagree on what was
/// checked (`{"alg":"HS256","alg":"none"}`). Every signature of a JWS in the JSON serialization
/// is read, its unprotected header too, and a name in both its protected and unprotected
/// headers counts (RFC 7515 §7.2.1: they must be disjoint). For a JWE only the protected header
/// is read here; the decrypter refuses the rest.
pub fn duplicate_header_member(d: &Decoded) -> Option<DuplicateHeader> {
    match &d.json {
        Some(j) if j.signatures.len() > 1 => {
            j.signatures.iter().enumerate().find_map(|(i, s)| duplicate_in(s, &format!("signature {}'s ", i + 1)))
        }
        _ => duplicate_in(d, "the "),
    }
}

fn duplicate_in(d: &Decoded, whose: &str) -> Option<DuplicateHeader> {
    let jwe = d.form == Form::Jwe;
    let rule = if jwe {
        "RFC 7516 §4 requires a parser to reject it or keep only the last member, and this page rejects it."
    } else {
        "RFC 7515 §4 requires a parser to reject it or keep only the last member, and this page rejects it."
    };
    let unprotected = if jwe { None } else { d.unprotected.as_ref() };
    for (text, which) in [(d.header.as_ref(), "protected"), (unprotected, "unprotected")] {
        let Some((text, Ok(doc))) = text.map(|t| (t.text.as_str(), &t.parsed)) else { continue };
        if let Some(dup) = doc.duplicates.first() {
            let found = format!("{whose}{which} header has {}", repeated(text, &doc.root, dup));
            return Some(DuplicateHeader { found, rule });
        }
    }
    fn members(t: Option<&super::token::JsonText>) -> &[json::Member] {
        match t.and_then(|t| t.root()).map(|r| &r.value) {
            Some(Value::Object(m)) => m,
            _ => &[],
        }
    }
    let protected: std::collections::HashSet<&str> =
        members(d.header.as_ref()).iter().map(|m| m.key.as_str()).collect();
    let both = members(unprotected).iter().find(|m| protected.contains(m.key.as_str()))?;
    Some(DuplicateHeader {
        found: format!("\"{}\" is in both {whose}protected and unprotected headers", super::text::visible(&both.key)),
        rule: "RFC 7515 §7.2.1 requires the two headers to be disjoint, so this page rejects it.",
    })
}

/// `"alg" twice ("HS256", then "none")`, or `"kty" more than once inside "jwk"`.
fn repeated(text: &str, root: &Node, dup: &json::Duplicate) -> String {
    let name = super::text::visible(&dup.key);
    let Value::Object(members) = &root.value else { return format!("\"{name}\" more than once") };
    let same: Vec<&json::Member> = members.iter().filter(|m| m.key == dup.key).collect();
    if same.len() < 2 {
        return match members.iter().find(|m| m.value.span.contains(&dup.again.start)) {
            Some(m) => format!("\"{name}\" more than once inside \"{}\"", super::text::visible(&m.key)),
            None => format!("\"{name}\" more than once"),
        };
    }
    let times = if same.len() == 2 { "twice".to_string() } else { format!("{} times", same.len()) };
    let values: Vec<String> = same.iter().map(|m| shown(text.get(m.value.span.clone()).unwrap_or_default())).collect();
    format!("\"{name}\" {times} ({})", values.join(", then "))
}

/// A value's source text for a message: on one line, invisible characters made visible, cut
/// after 40 characters.
fn shown(source: &str) -> String {
    let line: String = source.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let line = super::text::visible(&line).into_owned();
    if line.chars().count() <= 40 { line } else { line.chars().take(40).chain(std::iter::once('…')).collect() }
}

/// The verdict on a token whose header repeats a member name ([`duplicate_header_member`]):
/// with a key, `invalid` (a JWE: `decrypt-failed`) before any cryptography; without one,
/// `unverified`, saying it will be refused.
pub fn duplicate_header(d: &Decoded, has_key: bool) -> Option<Outcome> {
    let DuplicateHeader { found, rule } = duplicate_header_member(d)?;
    let why = format!("Two libraries can read two different values from such a header: {rule}");
    let jwe = d.form == Form::Jwe;
    Some(match (has_key, jwe) {
        (true, false) => {
            Outcome::new(Verdict::Invalid, format!("Invalid: {found}, so the signature is not checked. {why}"))
        }
        (true, true) => Outcome::new(
            Verdict::DecryptFailed,
            format!("Not decrypted: {found}, so no decryption is attempted. {why}"),
        ),
        (false, false) => Outcome::new(
            Verdict::Unverified,
            format!("Not verified: {found}, so this token will be refused (invalid) with any key. {why}"),
        ),
        (false, true) => Outcome::new(
            Verdict::Unverified,
            format!("Not decrypted: {found}, so this token will be refused with any key. {why}"),
        ),
    })
}

/// Display names and `kid`s of the keys in a deployment's `trusted-keys.json` (a JWKS
/// whose entries may carry a `name`), read without cryptography, so the page knows whether
/// to ask. One item per entry of `keys`, in order, so that a JWKS entry's index finds its
/// name; `None` for an entry that is not an object (no key). Entries without a `kid` have
/// `None` there (they match by thumbprint).
pub fn trusted_key_names(text: &str) -> Vec<Option<(Option<String>, Option<String>)>> {
    let Ok(doc) = json::parse(text) else { return Vec::new() };
    match doc.root.get("keys").map(|k| &k.value) {
        Some(Value::Array(items)) => items
            .iter()
            .map(|k| {
                let s = |n: &str| k.get(n).and_then(Node::as_str).map(str::to_string);
                k.is_object().then(|| (s("kid"), s("name")))
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Details of an X.509 certificate a key came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertInfo {
    /// The subject, most specific first: `CN=example.com, O=Example`.
    pub subject: String,
    pub issuer: String,
    /// Validity, in seconds since 1970.
    pub not_before: i64,
    pub not_after: i64,
}

/// What the page shows about one key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeySummary {
    /// "RSA public key, 2048 bits, from an X.509 certificate (CN=…)".
    pub description: String,
    /// RFC 7638 SHA-256 thumbprint, base64url.
    pub thumbprint: String,
    pub cert: Option<CertInfo>,
}

/// Warnings about keys that depend on the time: certificates outside their validity.
pub fn key_time_warnings(keys: &[KeySummary], now: i64) -> Vec<Warning> {
    keys.iter()
        .filter_map(|k| {
            let c = k.cert.as_ref()?;
            let message = if now > c.not_after {
                format!("the certificate ({}) expired {}", c.subject, super::claims::relative(c.not_after, now))
            } else if now < c.not_before {
                format!(
                    "the certificate ({}) is not valid until {}",
                    c.subject,
                    super::claims::format_utc(c.not_before)
                )
            } else {
                return None;
            };
            Some(Warning { code: WarningCode::CertificateExpired, message })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(s: &str) -> String {
        crate::jwt::base64url::encode(s.as_bytes())
    }

    /// (verdict, message) of the verdict that needs no key, or `None`.
    fn prelim(token: &str, has_key: bool) -> Option<(&'static str, String)> {
        preliminary(&crate::jwt::decode(token), has_key).map(|o| (o.verdict.as_str(), o.message))
    }

    #[test]
    fn a_repeated_header_member_is_refused_before_any_key() {
        let payload = b64(r#"{"sub":"x"}"#);
        let token = |header: &str| format!("{}.{payload}.c2ln", b64(header));
        let dup = token(r#"{"alg":"HS256","alg":"none"}"#);
        // With a key: invalid, naming the member and its values, citing RFC 7515 §4.
        let (v, m) = prelim(&dup, true).expect("decided without cryptography");
        assert_eq!(v, "invalid", "{m}");
        for says in ["the protected header has \"alg\" twice (\"HS256\", then \"none\")", "RFC 7515 §4", "not checked"]
        {
            assert!(m.contains(says), "{m:?} should say {says:?}");
        }
        // Without one: unverified, saying it will be refused (not unsecured).
        let (v, m) = prelim(&dup, false).expect("decided without cryptography");
        assert_eq!(v, "unverified", "{m}");
        assert!(m.contains("will be refused") && m.contains("RFC 7515 §4"), "{m}");
        // Any member, any number of times, and inside a nested object.
        let (v, m) = prelim(&token(r#"{"alg":"HS256","kid":"a","kid":"b","kid":"c"}"#), true).unwrap();
        assert_eq!(v, "invalid");
        assert!(m.contains("\"kid\" 3 times (\"a\", then \"b\", then \"c\")"), "{m}");
        let (v, m) = prelim(&token(r#"{"alg":"RS256","jwk":{"kty":"RSA","kty":"EC"}}"#), true).unwrap();
        assert_eq!(v, "invalid");
        assert!(m.contains("\"kty\" more than once inside \"jwk\""), "{m}");
        // Names and values are shown, never obeyed.
        let (_, m) = prelim(&token("{\"alg\":\"HS256\",\"a\u{202e}\":1,\"a\u{202e}\":2}"), true).unwrap();
        assert!(m.contains("\"a⟨U+202E⟩\" twice (1, then 2)"), "{m}");
        // Claims never decide: a repeated claim leaves the signature to be checked.
        let claims = format!("{}.{}.c2ln", b64(r#"{"alg":"HS256"}"#), b64(r#"{"sub":"a","sub":"b"}"#));
        assert_eq!(prelim(&claims, true), None);
        assert!(prelim(&claims, false).is_some_and(|(v, m)| v == "unverified" && m.starts_with("Not verified: paste")));
    }

    #[test]
    fn a_repeated_header_member_in_the_json_serialization() {
        let p = b64(r#"{"sub":"x"}"#);
        let general = |second: &str, header: &str| {
            format!(
                r#"{{"payload":"{p}","signatures":[{{"protected":"{}","signature":"c2ln"}},{{"protected":"{}","header":{header},"signature":"c2ln"}}]}}"#,
                b64(r#"{"alg":"HS256"}"#),
                b64(second)
            )
        };
        // The second signature's protected header, or its unprotected one: the whole JWS.
        let (v, m) = prelim(&general(r#"{"alg":"ES256","alg":"none"}"#, "{}"), true).unwrap();
        assert_eq!(v, "invalid");
        assert!(m.contains("signature 2's protected header has \"alg\" twice"), "{m}");
        let (v, m) = prelim(&general(r#"{"alg":"ES256"}"#, r#"{"kid":"a","kid":"b"}"#), true).unwrap();
        assert_eq!(v, "invalid");
        assert!(m.contains("signature 2's unprotected header has \"kid\" twice"), "{m}");
        // A name in both the protected and the unprotected header (RFC 7515 §7.2.1).
        let flat = format!(
            r#"{{"payload":"{p}","protected":"{}","header":{{"alg":"none"}},"signature":"c2ln"}}"#,
            b64(r#"{"alg":"HS256"}"#)
        );
        let (v, m) = prelim(&flat, true).unwrap();
        assert_eq!(v, "invalid");
        assert!(
            m.contains("\"alg\" is in both the protected and unprotected headers") && m.contains("RFC 7515 §7.2.1"),
            "{m}"
        );
        assert_eq!(prelim(&general(r#"{"alg":"ES256"}"#, r#"{"kid":"a"}"#), true), None);
    }

    #[test]
    fn a_jwe_with_a_repeated_protected_member_fails_to_decrypt() {
        let jwe = format!(
            "{}..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA",
            b64(r#"{"alg":"dir","enc":"A128GCM","enc":"A256GCM"}"#)
        );
        let (v, m) = prelim(&jwe, true).unwrap();
        assert_eq!(v, "decrypt-failed", "{m}");
        assert!(m.contains("\"enc\" twice (\"A128GCM\", then \"A256GCM\")") && m.contains("RFC 7516 §4"), "{m}");
        let (v, m) = prelim(&jwe, false).unwrap();
        assert_eq!(v, "unverified", "{m}");
        assert!(m.contains("will be refused"), "{m}");
    }

    #[test]
    fn alg_none_with_a_signature_says_it_must_be_empty() {
        let h = b64(r#"{"alg":"none"}"#);
        let (v, m) = prelim(&format!("{h}.e30."), true).unwrap();
        assert_eq!(v, "unsecured");
        assert!(m.contains("no signature to check") && !m.contains("RFC 7518 §3.6"), "{m}");
        for (sig, carries) in
            [("c2ln", "3 bytes"), ("AA", "1 byte;"), ("c2!n", "4 characters that are not even base64url")]
        {
            for has_key in [true, false] {
                let (v, m) = prelim(&format!("{h}.e30.{sig}"), has_key).unwrap();
                assert_eq!(v, "unsecured", "{m}");
                assert!(m.contains("RFC 7518 §3.6") && m.contains(&format!("carries {carries}")), "{m}");
            }
        }
    }

    #[test]
    fn certificate_times() {
        let k = KeySummary {
            description: String::new(),
            thumbprint: String::new(),
            cert: Some(CertInfo { subject: "CN=x".into(), issuer: String::new(), not_before: 100, not_after: 200 }),
        };
        let codes = |now| key_time_warnings(std::slice::from_ref(&k), now).len();
        assert_eq!((codes(50), codes(150), codes(250)), (1, 0, 1));
    }
}
