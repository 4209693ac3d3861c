//! Signature verification of a compact JWS (RFC 7515 §5.2), strict where the RFCs are
//! strict, and honest about why a token does not verify.
//!
//! The order of checks is fixed and tested: a header that repeats a member name is `invalid`
//! before anything else (RFC 7515 §4: two libraries could read two different `alg`s from it);
//! a token that cannot be parsed is `invalid`;
//! an algorithm the page does not support, or a key that cannot check this algorithm, is
//! an `error`; then `crit`, then strict base64url of every part, then the signature's
//! shape, and only then any cryptography. Claims never take part: an expired token with a
//! good signature is `verified` (the claims panel says it is expired).

use hmac::Hmac;
use rsa::signature::Verifier as _;
use sha2::{Sha256, Sha384, Sha512};

use crate::jwt::alg::{JwsAlg, KeyType, Scheme, SignatureSize};
use crate::jwt::base64url;
use crate::jwt::json::{Node, Value};
use crate::jwt::jwk::{self, Key, KeyError, KeySet, Material, Origin, PublicKey};
use crate::jwt::limits::Work;
use crate::jwt::problem::Part;
use crate::jwt::protocol::{Report, Request};
use crate::jwt::token::Decoded;
use crate::jwt::verdict::{KeySummary, preliminary};
pub use crate::jwt::verdict::{Outcome, Verdict};
use crate::jwt::warning::{Warning, WarningCode};

/// Whether `alg` can be checked with this key: a key type the algorithm table accepts.
pub(crate) fn fits(alg: JwsAlg, key: &Material) -> bool {
    let have = match key {
        Material::Secret(_) => KeyType::Oct,
        Material::Public(k) => k.key_type(),
        // A private key checks nothing here: the verifier is given its public half.
        Material::Private(_) => return false,
    };
    alg.accepts(have)
}

/// A signature that holds: plainly, or as an ECDSA signature whose s is in the upper half
/// of the curve order (high-S), which RFC 7518 allows and the verdict warns about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validity {
    Valid,
    /// Valid, with a high-S ECDSA signature (its twin n − s verifies too).
    ValidHighS,
}

/// Why one signature does not verify with one key. The wording is the verdict's.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignatureError {
    /// The algorithm is not one this page verifies (`none`).
    Unsupported(JwsAlg),
    /// The key is not of the type the algorithm needs.
    WrongKey(JwsAlg),
    /// The key and the algorithm do not go together (a checked pair that slipped through).
    KeyDoesNotFit,
    /// The secret is refused as an HMAC key.
    HmacKey,
    /// The signature has been checked and does not match.
    Mismatch,
    /// An RSA signature whose length is not the modulus's.
    RsaLength { modulus: usize, actual: usize },
    /// An ECDSA signature that is not r ‖ s of the curve's size; `der` if it looks like DER.
    EcdsaLength { expected: usize, actual: usize, der: bool },
    /// r or s is zero, or not below the curve order (CVE-2022-21449).
    EcdsaRange,
    /// An Ed25519 signature that does not have 64 bytes.
    Ed25519Length { actual: usize },
    /// An Ed448 signature that does not have 114 bytes.
    Ed448Length { actual: usize },
    /// An ML-DSA signature that is not its parameter set's size (FIPS 204 Table 2).
    MlDsaLength { alg: JwsAlg, expected: usize, actual: usize },
    /// An ML-DSA signature of the right size that does not decode: its hint is not a
    /// valid encoding, or z is out of range (FIPS 204 Algorithms 27 and 8).
    MlDsaMalformed,
}

impl std::fmt::Display for SignatureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SignatureError::Unsupported(alg) => write!(f, "the algorithm \"{alg}\" is not supported"),
            SignatureError::WrongKey(alg) => write!(f, "{alg} needs {}", alg.verifying_key()),
            SignatureError::KeyDoesNotFit => f.write_str("this key does not fit the algorithm"),
            SignatureError::HmacKey => f.write_str("the secret cannot be used as an HMAC key"),
            SignatureError::Mismatch => f.write_str("the signature does not match"),
            SignatureError::RsaLength { modulus, actual } => {
                write!(f, "an RSA signature is as long as the modulus, {modulus} bytes; this one has {actual}")
            }
            SignatureError::EcdsaLength { expected, actual, der } => write!(
                f,
                "an ECDSA signature here is r‖s, exactly {expected} bytes; this one has {actual}{}",
                if *der { " and looks DER-encoded, which JWS does not use" } else { "" }
            ),
            SignatureError::EcdsaRange => f.write_str("the signature's r or s is zero or not below the curve order"),
            SignatureError::Ed25519Length { actual } => {
                write!(f, "an Ed25519 signature has 64 bytes; this one has {actual}")
            }
            SignatureError::Ed448Length { actual } => {
                write!(f, "an Ed448 signature has 114 bytes; this one has {actual}")
            }
            SignatureError::MlDsaLength { alg, expected, actual } => {
                write!(f, "an {alg} signature has {expected} bytes; this one has {actual}")
            }
            SignatureError::MlDsaMalformed => {
                f.write_str("the ML-DSA signature is malformed: its hint is not a valid encoding, or z is out of range")
            }
        }
    }
}

impl std::error::Error for SignatureError {}

/// Verifies a decoded token with the keys read from the key box.
pub fn verify(d: &Decoded, keys: &Result<KeySet, KeyError>) -> Outcome {
    verify_with(d, keys, None)
}

/// One signature check that a caller may do elsewhere, once every check of algorithm, key,
/// shape and range has passed here: the verifier worker hands RSA and NIST-curve ECDSA
/// checks to the browser's WebCrypto (native code, several times faster than this crate's
/// constant-time arithmetic in wasm). Only the final "does this signature verify" is asked;
/// high-S, r and s in range, the RSA signature's length and the PSS salt length (the hash
/// length, RFC 7518 §3.5) are still decided here.
pub struct Offload<'a> {
    /// The JWS algorithm: `RS256`…`PS512`, `ES256`, `ES384`, `ES512` (those with
    /// [`JwsAlg::webcrypto`] parameters).
    pub alg: JwsAlg,
    pub key: &'a PublicKey,
    /// The key's RFC 7638 thumbprint: names it for a cache of imported keys.
    pub id: &'a str,
    pub msg: &'a [u8],
    pub sig: &'a [u8],
}

impl Offload<'_> {
    /// The key as SubjectPublicKeyInfo DER (RFC 5280), as WebCrypto imports it.
    pub fn spki(&self) -> Option<Vec<u8>> {
        use p256::pkcs8::EncodePublicKey;
        let doc = match self.key {
            PublicKey::Rsa(k) => rsa::pkcs8::EncodePublicKey::to_public_key_der(k).ok()?,
            PublicKey::P256(k) => k.to_public_key_der().ok()?,
            PublicKey::P384(k) => p384::pkcs8::EncodePublicKey::to_public_key_der(k).ok()?,
            PublicKey::P521(k) => p521::pkcs8::EncodePublicKey::to_public_key_der(&p521::PublicKey::from(k)).ok()?,
            _ => return None,
        };
        Some(doc.as_bytes().to_vec())
    }
}

/// Answers an [`Offload`]: `Some(valid)`, or `None` to let this crate check it.
pub type Offloader<'a> = &'a mut dyn FnMut(&Offload<'_>) -> Option<bool>;

/// No offloading: every check is done here.
fn here(_: &Offload<'_>) -> Option<bool> {
    None
}

/// Verifies, with the content of a token whose payload is detached (RFC 7515 Appendix F;
/// with `b64: false`, RFC 7797 §5.2). `detached` is ignored when the token has a payload.
pub fn verify_with(d: &Decoded, keys: &Result<KeySet, KeyError>, detached: Option<&[u8]>) -> Outcome {
    verify_offloading(d, keys, detached, &mut here)
}

/// [`verify_with`], with the final signature checks offered to `offload` first.
pub fn verify_offloading(
    d: &Decoded,
    keys: &Result<KeySet, KeyError>,
    detached: Option<&[u8]>,
    offload: Offloader<'_>,
) -> Outcome {
    verify_counted_offloading(d, keys, detached, offload).0
}

/// [`verify_with`], and the work it took: signature checks and bytes checked, within the
/// limits of [`crate::jwt::limits`] (`tests/cost.rs` holds it linear in the input).
pub fn verify_counted(d: &Decoded, keys: &Result<KeySet, KeyError>, detached: Option<&[u8]>) -> (Outcome, Work) {
    verify_counted_offloading(d, keys, detached, &mut here)
}

fn verify_counted_offloading(
    d: &Decoded,
    keys: &Result<KeySet, KeyError>,
    detached: Option<&[u8]>,
    offload: Offloader<'_>,
) -> (Outcome, Work) {
    let mut work = Work::default();
    let outcome = match d.json.as_ref().filter(|j| j.signatures.len() > 1) {
        None => verify_one(d, keys, detached, offload, None, &mut work),
        Some(json) => verify_json(d, &json.signatures, keys, detached, offload, &mut work),
    };
    (outcome, work)
}

/// What the verdict on a JWS JSON serialization with several signatures says of its rule.
pub const JSON_RULE: &str =
    "This page accepts a JWS JSON serialization when at least one signature verifies with the key.";

/// How many signatures a verdict names one by one; the rest are counted.
const LISTED: usize = 10;

/// The JSON serialization with several signatures (RFC 7515 §7.2), whose shared payload is
/// `d`'s. Each is checked, and each one's result is said; the token verifies if one of
/// them does with the given key (RFC 7515 §7.2 leaves the policy to the application; this
/// is what jose libraries do), and the verdict says that rule.
fn verify_json(
    d: &Decoded,
    signatures: &[Decoded],
    keys: &Result<KeySet, KeyError>,
    detached: Option<&[u8]>,
    offload: Offloader<'_>,
    work: &mut Work,
) -> Outcome {
    let n = signatures.len();
    // A header member name repeated in any signature's headers refuses the whole JWS (RFC
    // 7515 §4), before any signature is checked: a parser must reject such a JWS.
    if let Some(outcome) = crate::jwt::verdict::duplicate_header(d, has_key(keys)) {
        return outcome;
    }
    if !has_key(keys) {
        return preliminary(d, false).unwrap_or_else(|| Outcome::new(Verdict::Unverified, "Not verified."));
    }
    // RFC 7797 §3: every signature must read the payload alike, or one payload would be
    // shown one way and verified another.
    let unencoded: Vec<usize> = (0..n).filter(|&i| signatures[i].unencoded_payload).collect();
    if !unencoded.is_empty() && unencoded.len() < n {
        let encoded: Vec<usize> = (0..n).filter(|i| !unencoded.contains(i)).collect();
        return Outcome::new(
            Verdict::Invalid,
            format!(
                "Invalid: {} b64 false (the payload as it stands) and {} not (the payload base64url-encoded); RFC 7797 §3 requires the same b64 value in every signature of a JWS, so that its payload is read one way, and no signature is checked.",
                capital(&numbered(&unencoded, "has", "have")),
                numbered(&encoded, "does", "do")
            ),
        );
    }
    // The shared payload: what it decoded to, and strict base64url, once for all.
    if let Some(p) = d.problems.iter().find(|p| p.location.part == Some(Part::Payload)) {
        return Outcome::new(Verdict::Invalid, format!("Invalid: the payload cannot be parsed ({p})."));
    }
    let payload = d.payload_text();
    if !d.unencoded_payload
        && let Err(e) = base64url::decode_strict(payload)
    {
        return Outcome::new(
            Verdict::Invalid,
            format!("Invalid: the payload is not canonical base64url ({}).", e.describe()),
        );
    }
    let mut outcomes: Vec<Outcome> = Vec::with_capacity(n.min(LISTED + 1));
    let mut verified: Vec<usize> = Vec::new();
    let mut first_ok: Option<Outcome> = None;
    let mut all_errors = true;
    let mut warnings: Vec<Warning> = Vec::new();
    for (i, s) in signatures.iter().enumerate() {
        let o = verify_one(s, keys, detached, offload, Some(payload), work);
        if work.stopped {
            return Outcome::new(
                Verdict::Error,
                format!("{} (at signature {} of {n})", o.message.trim_end_matches('.'), i + 1) + ".",
            );
        }
        all_errors &= o.verdict == Verdict::Error;
        if o.verdict == Verdict::Verified {
            verified.push(i);
            if first_ok.is_none() {
                first_ok = Some(o.clone());
            }
        } else {
            for w in &o.warnings {
                if !warnings.contains(w) {
                    warnings.push(w.clone());
                }
            }
        }
        if outcomes.len() <= LISTED {
            outcomes.push(o);
        }
    }
    let failed: Vec<usize> = (0..n).filter(|i| !verified.contains(i)).collect();
    let reasons = |which: &[usize]| -> String {
        let mut each: Vec<String> = which
            .iter()
            .take(LISTED)
            .filter_map(|&i| {
                outcomes.get(i).map(|o| format!("signature {}: {}", i + 1, o.message.trim_end_matches('.')))
            })
            .collect();
        if which.len() > LISTED {
            each.push(format!("and {} more", which.len() - LISTED));
        }
        each.join("; ")
    };
    let Some(mut out) = first_ok else {
        let verdict = if all_errors { Verdict::Error } else { Verdict::Invalid };
        let mut out =
            Outcome::new(verdict, format!("No signature of the {n} verifies ({}). {JSON_RULE}", reasons(&failed)));
        out.warnings = warnings;
        return out;
    };
    let first = verified.first().copied().unwrap_or_default();
    let others = if failed.is_empty() {
        format!("Every signature of the {n} verified.")
    } else {
        format!("{} not ({}).", capital(&numbered(&failed, "did", "did")), reasons(&failed))
    };
    let also = if verified.len() > 1 {
        format!(" {} verified too.", capital(numbered(&verified[1..], "", "").trim_end()))
    } else {
        String::new()
    };
    out.message = format!("Signature {} of {n} verified: {}{also} {others} {JSON_RULE}", first + 1, out.message);
    out
}

/// `S` for `s` at the start of a sentence.
fn capital(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// `signature 2 has`, `signatures 1 and 3 have`, `signatures 1, 2 and 4 have`, naming
/// at most [`LISTED`] of them.
fn numbered(which: &[usize], one: &str, many: &str) -> String {
    let mut names: Vec<String> = which.iter().take(LISTED).map(|i| (i + 1).to_string()).collect();
    if which.len() > LISTED {
        names.push(format!("{} more", which.len() - LISTED));
    }
    let list = match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    };
    let (noun, verb) = if which.len() == 1 { ("signature", one) } else { ("signatures", many) };
    format!("{noun} {list} {verb}")
}

/// Whether the key box gave anything: a key, or text that is not one (an `error`).
fn has_key(keys: &Result<KeySet, KeyError>) -> bool {
    !matches!(keys, Ok(set) if set.keys.is_empty())
}

/// Verifies one signature: a compact token, or one signature of a JSON-serialized JWS.
/// `shared` is the payload of a JSON serialization with several signatures, whose `d`
/// holds only its own header and signature (`protected..signature`).
fn verify_one(
    d: &Decoded,
    keys: &Result<KeySet, KeyError>,
    detached: Option<&[u8]>,
    offload: Offloader<'_>,
    shared: Option<&str>,
    work: &mut Work,
) -> Outcome {
    if let Some(outcome) = preliminary(d, has_key(keys)) {
        return outcome;
    }
    if let Some(p) = d.problems.first() {
        return Outcome::new(Verdict::Invalid, format!("Invalid: the token cannot be parsed ({p})."));
    }
    let alg_name = d.alg.as_deref().unwrap_or_default();
    let Some(alg) = JwsAlg::parse(alg_name).filter(|a| a.scheme() != Scheme::Unsecured) else {
        let why = if crate::jwt::alg::is_none_variant(alg_name) {
            format!(
                "\"{alg_name}\" is not \"none\": algorithm names are case-sensitive (RFC 7515 §4.1.1), and this one is not registered"
            )
        } else {
            format!("the algorithm \"{alg_name}\" is not a JWS algorithm this page verifies")
        };
        return Outcome::new(Verdict::Error, format!("Error: {why}."));
    };
    let set = match keys {
        Ok(set) => set,
        Err(e) => return key_error_outcome(e, alg.is_hmac()),
    };
    // The algorithm is checked against the key before any cryptography (RFC 8725 §3.1).
    let kid = d.header_member("kid").and_then(Node::as_str);
    let (candidates, skipped) = candidates(set, alg, kid);
    if candidates.is_empty() {
        let mut out = Outcome::new(Verdict::Error, format!("Error: {}.", skipped.join("; ")));
        if set.keys.iter().any(|k| alg.is_hmac() != matches!(k.material, Material::Secret(_))) {
            out.warnings.push(Warning {
                code: WarningCode::AlgKeyMismatch,
                message: if alg.is_hmac() {
                    format!("{alg} needs the shared secret, but the key box holds a public key; using it as an HMAC secret is the algorithm-confusion attack")
                } else {
                    format!("{alg} needs {}, but the key box holds a secret", alg.verifying_key())
                },
            });
        }
        return out;
    }

    if let Some(why) = header_refusal(d).or_else(|| non_canonical(d)) {
        return Outcome::new(Verdict::Invalid, format!("Invalid: {why}."));
    }
    let Some(sig_seg) = d.segment(Part::Signature) else {
        return Outcome::new(Verdict::Invalid, "Invalid: the token has no signature.");
    };
    let (Some(header_seg), Some(payload_seg)) = (d.segment(Part::Header), d.segment(Part::Payload)) else {
        return Outcome::new(Verdict::Invalid, "Invalid: the token is incomplete.");
    };
    // The signing input: ASCII(protected) '.' payload, the payload as it stands in the token
    // (or, for several JSON signatures, as they share it), or the detached content.
    let protected = d.input.token.get(header_seg.range.clone()).unwrap_or_default();
    let payload = shared.unwrap_or_else(|| d.input.token.get(payload_seg.range.clone()).unwrap_or_default());
    let mut signing_input: Vec<u8> = Vec::with_capacity(protected.len() + 1 + payload.len());
    signing_input.extend_from_slice(protected.as_bytes());
    signing_input.push(b'.');
    match detached.filter(|_| payload.is_empty()) {
        Some(content) if d.unencoded_payload => signing_input.extend_from_slice(content),
        Some(content) => signing_input.extend_from_slice(base64url::encode(content).as_bytes()),
        None => signing_input.extend_from_slice(payload.as_bytes()),
    }
    let signature = sig_seg.bytes.as_deref().unwrap_or_default();

    let mut warnings = Vec::new();
    if let Some(w) = kid_mismatch(set, kid) {
        warnings.push(w);
    }
    let mut reasons = Vec::new();
    for &i in &candidates {
        let key = &set.keys[i];
        if let Err(why) = work.signature_check(signing_input.len()) {
            return Outcome::new(Verdict::Error, format!("Error: {why}."));
        }
        match check(alg, key, &signing_input, signature, offload) {
            Ok(validity) => {
                if validity == Validity::ValidHighS {
                    warnings.push(Warning { code: WarningCode::HighS, message: "the signature's s is in the upper half of the curve order (high-S); accepted, as RFC 7518 allows".into() });
                }
                key_warnings(alg, key, &mut warnings);
                let which =
                    if set.keys.len() > 1 { format!(" (key {} of {})", i + 1, set.keys.len()) } else { String::new() };
                return Outcome {
                    verdict: Verdict::Verified,
                    message: format!(
                        "Signature verified with the {}{which}. Thumbprint {}.",
                        key.describe(),
                        key.thumbprint
                    ),
                    key: Some(i),
                    warnings,
                };
            }
            Err(why) => reasons.push(why.to_string()),
        }
    }
    for &i in &candidates {
        key_warnings(alg, &set.keys[i], &mut warnings);
    }
    if payload.is_empty() && detached.is_none() {
        reasons.push("the payload is empty: if its content is detached, paste it as the detached payload".into());
    }
    let message = if candidates.len() == 1 {
        format!("Invalid: {}.", reasons.first().cloned().unwrap_or_default())
    } else {
        format!(
            "Invalid: none of the {} keys that fit {alg} verifies the signature ({}).",
            candidates.len(),
            reasons.join("; ")
        )
    };
    Outcome { verdict: Verdict::Invalid, message, key: None, warnings }
}

/// Checks one signature over `msg` with one key, exactly as [`verify`] does once it has
/// chosen the key: whether it holds (and whether with a high-S ECDSA signature), or why
/// not. For third-party primitive vectors (Wycheproof) and the walkthrough.
pub fn verify_signature(alg: JwsAlg, key: &Key, msg: &[u8], sig: &[u8]) -> Result<Validity, SignatureError> {
    verify_signature_offloading(alg, key, msg, sig, &mut here)
}

/// [`verify_signature`], with the final check offered to `offload` first (the browser
/// tests compare WebCrypto with this crate on the same vectors).
pub fn verify_signature_offloading(
    alg: JwsAlg,
    key: &Key,
    msg: &[u8],
    sig: &[u8],
    offload: Offloader<'_>,
) -> Result<Validity, SignatureError> {
    if alg.scheme() == Scheme::Unsecured {
        return Err(SignatureError::Unsupported(alg));
    }
    if !fits(alg, &key.material) {
        return Err(SignatureError::WrongKey(alg));
    }
    check(alg, key, msg, sig, offload)
}

/// The verdict when the key box cannot give a key: `error`; text refused as a secret because
/// it is or holds a key also carries `alg-key-mismatch`.
pub(crate) fn key_error_outcome(e: &KeyError, hmac: bool) -> Outcome {
    match e.kind() {
        jwk::KeyErrorKind::NotASecret if hmac => {
            let mut out = Outcome::new(Verdict::Error, format!("Error: {e}."));
            out.warnings.push(Warning {
                code: WarningCode::AlgKeyMismatch,
                message: "the key box holds a key or certificate where a shared secret is needed; using its text or bytes as the secret is the algorithm-confusion attack".into(),
            });
            out
        }
        jwk::KeyErrorKind::EmptySecret => Outcome::new(Verdict::Error, format!("Error: {e}.")),
        _ => Outcome::new(Verdict::Error, format!("Error: the key cannot be read: {e}.")),
    }
}

/// Which keys may check this token, and why the others may not.
pub(crate) fn candidates(set: &KeySet, alg: JwsAlg, kid: Option<&str>) -> (Vec<usize>, Vec<String>) {
    let mut skipped = Vec::new();
    let mut out = Vec::new();
    let strict = selects_by_kid(set);
    for (i, key) in set.keys.iter().enumerate() {
        let name = if set.keys.len() > 1 {
            format!("key {} ({})", i + 1, key.describe())
        } else {
            format!("the key ({})", key.describe())
        };
        if let (Some(want), true) = (kid, strict)
            && key.kid.as_deref() != Some(want)
        {
            skipped.push(format!("{name} does not have the token's kid \"{want}\""));
            continue;
        }
        if !fits(alg, &key.material) {
            skipped.push(if alg.is_hmac() {
                format!("{alg} needs the shared HMAC secret, and {name} is a public key, which is never used as an HMAC secret")
            } else {
                format!("{alg} needs {}, and {name} is not one", alg.verifying_key())
            });
            continue;
        }
        if let Some(pinned) = key.alg.as_deref().filter(|&a| JwsAlg::parse(a) != Some(alg)) {
            skipped.push(format!("{name} is pinned to alg \"{pinned}\", not \"{alg}\""));
            continue;
        }
        if key.use_.as_deref().is_some_and(|u| u != "sig") {
            skipped.push(format!("{name} is marked use \"{}\", not \"sig\"", key.use_.as_deref().unwrap_or_default()));
            continue;
        }
        if let Some(ops) = key.key_ops.as_ref().filter(|ops| !ops.iter().any(|o| o == "verify")) {
            skipped.push(format!("{name} has key_ops {ops:?}, without \"verify\""));
            continue;
        }
        out.push(i);
    }
    (out, skipped)
}

/// Whether the token's `kid` picks keys from this set: a JWKS (a `keys` array, of any
/// length) or several keys of which one has a `kid`. A single pasted key is checked
/// whatever its `kid`, with a `kid-mismatch` warning when it differs ([`kid_mismatch`]):
/// the page says whether the signature holds, and that a verifier selecting keys by `kid`
/// would not pick this key.
fn selects_by_kid(set: &KeySet) -> bool {
    set.keys.iter().any(|k| k.kid.is_some())
        && (set.keys.len() > 1 || set.keys.iter().any(|k| matches!(k.origin, Origin::Jwks { .. })))
}

/// The `kid-mismatch` warning: one pasted key whose `kid` is not the token's.
fn kid_mismatch(set: &KeySet, kid: Option<&str>) -> Option<Warning> {
    if selects_by_kid(set) {
        return None;
    }
    let [key] = set.keys.as_slice() else { return None };
    let (want, have) = (kid?, key.kid.as_deref()?);
    (want != have).then(|| Warning {
        code: WarningCode::KidMismatch,
        message: format!(
            "the token's kid is \"{}\" but the key's is \"{}\": the signature was checked with this key anyway, yet a verifier that selects keys by kid would not pick it",
            crate::jwt::text::visible(want),
            crate::jwt::text::visible(have)
        ),
    })
}

/// Why a token is refused before any cryptography, whatever the key: its `crit` and `b64`
/// (RFC 7515 §4.1.11, RFC 7797), or a part that is not strict base64url (RFC 7515 §2).
/// The wording is the verdict's, after "Invalid: ".
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// `crit` is in an unprotected header (RFC 7515 §4.1.11).
    CritUnprotected,
    /// `b64` is in an unprotected header (RFC 7797 §3).
    B64Unprotected,
    /// `crit` is not an array.
    CritNotArray,
    /// `crit` is an empty array.
    CritEmpty,
    /// `crit` lists `b64`, which the header does not have.
    CritB64Absent,
    /// `crit` lists an extension this page does not understand.
    CritUnknown(String),
    /// `crit` holds something other than strings.
    CritNotStrings,
    /// `b64` is not a boolean: the JSON type it is (RFC 7797 §3).
    B64NotBoolean(&'static str),
    /// `b64` is false, but `crit` does not list it (RFC 7797 §6).
    B64NotCritical,
    /// A part is not canonical base64url.
    NonCanonical { part: Part, issue: base64url::Base64Issue },
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::CritUnprotected => f.write_str("\"crit\" is in the unprotected header; it must be integrity-protected, in the protected header only (RFC 7515 §4.1.11)"),
            Refusal::B64Unprotected => f.write_str("\"b64\" is in the unprotected header; it must be integrity-protected, in the protected header only (RFC 7797 §3)"),
            Refusal::CritNotArray => f.write_str("crit must be an array of names (RFC 7515 §4.1.11)"),
            Refusal::CritEmpty => f.write_str("crit must not be empty (RFC 7515 §4.1.11)"),
            Refusal::CritB64Absent => f.write_str("crit lists \"b64\", which the header does not have"),
            Refusal::CritUnknown(name) => write!(
                f,
                "crit lists \"{name}\", an extension this page does not understand, so the token must be rejected (RFC 7515 §4.1.11)"
            ),
            Refusal::CritNotStrings => f.write_str("crit must hold strings only"),
            Refusal::B64NotBoolean(kind) => write!(f, "\"b64\" is {kind}, but it must be true or false (RFC 7797 §3)"),
            Refusal::B64NotCritical => f.write_str("b64 is false but crit does not list \"b64\"; RFC 7797 §6 requires it, so that recipients that do not know b64 reject the token instead of checking another signing input"),
            Refusal::NonCanonical { part, issue } => {
                write!(f, "the {} is not canonical base64url ({})", part.title().to_lowercase(), issue.describe())
            }
        }
    }
}

impl std::error::Error for Refusal {}

/// The header's refusals, in the verifier's order: `crit` or `b64` unprotected, `crit`,
/// `b64`, then `b64: false` without `crit` listing it.
pub(crate) fn header_refusal(d: &Decoded) -> Option<Refusal> {
    let header = d.header_json();
    if let Some(r) = unprotected_problem(d).or_else(|| crit_problem(header)).or_else(|| b64_problem(header)) {
        return Some(r);
    }
    let b64_in_crit = header.and_then(|h| h.get("crit")).is_some_and(|c| match &c.value {
        Value::Array(items) => items.iter().any(|i| i.as_str() == Some("b64")),
        _ => false,
    });
    (d.unencoded_payload && !b64_in_crit).then_some(Refusal::B64NotCritical)
}

/// `crit` and `b64` must be integrity-protected: in the protected header, never in the
/// unprotected one of the JSON serialization (RFC 7515 §4.1.11, RFC 7797 §3). A verifier
/// that read them there would let anyone change how the token is checked.
fn unprotected_problem(d: &Decoded) -> Option<Refusal> {
    let unprotected = d.unprotected.as_ref()?.root()?;
    if unprotected.get("crit").is_some() {
        return Some(Refusal::CritUnprotected);
    }
    if unprotected.get("b64").is_some() {
        return Some(Refusal::B64Unprotected);
    }
    None
}

/// RFC 7797 §3: `b64` is a boolean.
fn b64_problem(header: Option<&Node>) -> Option<Refusal> {
    let b64 = header?.get("b64")?;
    (!matches!(b64.value, Value::Bool(_))).then(|| Refusal::B64NotBoolean(b64.value.type_name()))
}

/// RFC 7515 §4.1.11: every name in `crit` must be understood; this page understands `b64`.
fn crit_problem(header: Option<&Node>) -> Option<Refusal> {
    let crit = header?.get("crit")?;
    let Value::Array(items) = &crit.value else {
        return Some(Refusal::CritNotArray);
    };
    if items.is_empty() {
        return Some(Refusal::CritEmpty);
    }
    for item in items {
        match item.as_str() {
            Some("b64") if header?.get("b64").is_some() => {}
            Some("b64") => return Some(Refusal::CritB64Absent),
            Some(name) => return Some(Refusal::CritUnknown(name.to_string())),
            None => return Some(Refusal::CritNotStrings),
        }
    }
    None
}

/// Strict base64url: a padded or non-canonical part never verifies (RFC 7515 §2).
pub(crate) fn non_canonical(d: &Decoded) -> Option<Refusal> {
    d.segments.iter().filter(|s| !(s.part == Part::Payload && d.unencoded_payload)).find_map(|seg| {
        let text = d.input.token.get(seg.range.clone())?;
        base64url::decode_strict(text).err().map(|issue| Refusal::NonCanonical { part: seg.part, issue })
    })
}

/// RSASSA-PKCS1-v1_5 or RSASSA-PSS (salt as long as the hash, RFC 7518 §3.5) with hash `$d`.
macro_rules! rsa_verify {
    ($scheme:ident, $d:ty, $k:expr, $msg:expr, $sig:expr) => {{
        let vk = rsa::$scheme::VerifyingKey::<$d>::new($k.clone());
        rsa::$scheme::Signature::try_from($sig).is_ok_and(|s| vk.verify($msg, &s).is_ok())
    }};
}

/// Checks one signature with a key that fits the algorithm.
fn check(alg: JwsAlg, whole: &Key, msg: &[u8], sig: &[u8], offload: Offloader<'_>) -> Result<Validity, SignatureError> {
    let key = &whole.material;
    let id = whole.thumbprint.as_str();
    const BAD: SignatureError = SignatureError::Mismatch;
    fn mac<M: hmac::Mac + hmac::KeyInit>(key: &[u8], msg: &[u8], sig: &[u8]) -> Result<Validity, SignatureError> {
        let mut m = <M as hmac::KeyInit>::new_from_slice(key).map_err(|_| SignatureError::HmacKey)?;
        m.update(msg);
        // Constant-time comparison.
        m.verify_slice(sig).map(|_| Validity::Valid).map_err(|_| BAD)
    }
    let high = |high: bool| if high { Validity::ValidHighS } else { Validity::Valid };
    // The r ‖ s size of an ECDSA signature, from the table.
    let ec_len = match alg.signature_size() {
        SignatureSize::Exact(n) => n,
        _ => 0,
    };
    // ECDSA on a NIST curve: r ‖ s of the table's size, in range; high-S noted; the final
    // check offered to the caller (WebCrypto in the worker).
    macro_rules! nist_ecdsa {
        ($krate:ident, $public:expr, $k:expr) => {{
            let s =
                ecdsa_sig::<$krate::ecdsa::Signature>(sig, ec_len, |b| $krate::ecdsa::Signature::from_slice(b).ok())?;
            let high = high(s.normalize_s() != s);
            match offload(&Offload { alg, key: $public, id, msg, sig }) {
                Some(ok) => ok.then_some(high).ok_or(BAD),
                None => $k.verify(msg, &s).map(|_| high).map_err(|_| BAD),
            }
        }};
    }
    match (alg, key) {
        (JwsAlg::Hs256, Material::Secret(s)) => mac::<Hmac<Sha256>>(s.bytes(), msg, sig),
        (JwsAlg::Hs384, Material::Secret(s)) => mac::<Hmac<Sha384>>(s.bytes(), msg, sig),
        (JwsAlg::Hs512, Material::Secret(s)) => mac::<Hmac<Sha512>>(s.bytes(), msg, sig),
        (
            JwsAlg::Rs256 | JwsAlg::Rs384 | JwsAlg::Rs512 | JwsAlg::Ps256 | JwsAlg::Ps384 | JwsAlg::Ps512,
            Material::Public(p @ PublicKey::Rsa(k)),
        ) => {
            let size = rsa::traits::PublicKeyParts::size(k);
            if sig.len() != size {
                return Err(SignatureError::RsaLength { modulus: size, actual: sig.len() });
            }
            let offloaded = offload(&Offload { alg, key: p, id, msg, sig });
            let ok = offloaded.unwrap_or_else(|| match alg {
                JwsAlg::Rs256 => rsa_verify!(pkcs1v15, Sha256, k, msg, sig),
                JwsAlg::Rs384 => rsa_verify!(pkcs1v15, Sha384, k, msg, sig),
                JwsAlg::Rs512 => rsa_verify!(pkcs1v15, Sha512, k, msg, sig),
                JwsAlg::Ps256 => rsa_verify!(pss, Sha256, k, msg, sig),
                JwsAlg::Ps384 => rsa_verify!(pss, Sha384, k, msg, sig),
                JwsAlg::Ps512 => rsa_verify!(pss, Sha512, k, msg, sig),
                _ => false,
            });
            if ok { Ok(Validity::Valid) } else { Err(BAD) }
        }
        (JwsAlg::Es256, Material::Public(p @ PublicKey::P256(k))) => nist_ecdsa!(p256, p, k),
        (JwsAlg::Es384, Material::Public(p @ PublicKey::P384(k))) => nist_ecdsa!(p384, p, k),
        (JwsAlg::Es512, Material::Public(p @ PublicKey::P521(k))) => nist_ecdsa!(p521, p, k),
        (JwsAlg::Es256k, Material::Public(PublicKey::Secp256k1(k))) => {
            let s = ecdsa_sig::<k256::ecdsa::Signature>(sig, ec_len, |b| k256::ecdsa::Signature::from_slice(b).ok())?;
            // The k256 crate only accepts low-S; RFC 8812 does not require it, so normalise
            // and report high-S as a warning instead.
            let low = s.normalize_s();
            k.verify(msg, &low).map(|_| high(low != s)).map_err(|_| BAD)
        }
        (JwsAlg::EdDsa | JwsAlg::Ed25519, Material::Public(PublicKey::Ed25519(k))) => {
            let bytes: [u8; 64] = sig.try_into().map_err(|_| SignatureError::Ed25519Length { actual: sig.len() })?;
            // Strict verification (RFC 8032 §5.1.7): non-canonical and small-order values fail.
            k.verify_strict(msg, &ed25519_dalek::Signature::from_bytes(&bytes))
                .map(|_| Validity::Valid)
                .map_err(|_| BAD)
        }
        (JwsAlg::EdDsa | JwsAlg::Ed448, Material::Public(PublicKey::Ed448(k))) => {
            let bytes: &[u8; 114] = sig.try_into().map_err(|_| SignatureError::Ed448Length { actual: sig.len() })?;
            ed448_verify(k, msg, bytes).then_some(Validity::Valid).ok_or(BAD)
        }
        // Pure ML-DSA with the empty context string (RFC 9964 §4), in RustCrypto: WebCrypto
        // has no ML-DSA in most browsers.
        (JwsAlg::MlDsa44 | JwsAlg::MlDsa65 | JwsAlg::MlDsa87, Material::Public(PublicKey::MlDsa(k)))
            if k.alg() == alg =>
        {
            use crate::jwt::jwk::mldsa::MlDsaFailure;
            k.verify(msg, &[], sig).map(|_| Validity::Valid).map_err(|e| match e {
                MlDsaFailure::Length { expected, actual } => SignatureError::MlDsaLength { alg, expected, actual },
                MlDsaFailure::Malformed => SignatureError::MlDsaMalformed,
                MlDsaFailure::Context | MlDsaFailure::Mismatch => BAD,
            })
        }
        _ => Err(SignatureError::KeyDoesNotFit),
    }
}

/// Ed448 verification (RFC 8032 §5.2.7), pure Ed448 with the empty context as JOSE uses it
/// (RFC 8037 §3.1), as strict as Ed25519's `verify_strict`: S must be below L and R a
/// canonical encoding of a point of the prime-order group (not the identity), or the
/// signature fails before the equation [S]B = R + [k]A is checked (cofactorless).
pub(crate) fn ed448_verify(key: &ed448_goldilocks::VerifyingKey, msg: &[u8], sig: &[u8; 114]) -> bool {
    let Ok(s) = ed448_goldilocks::Signature::from_slice(sig) else { return false };
    // ed448-goldilocks 0.14.0-pre.15 ignores the unused bits 448..454 of R's last byte
    // (Wycheproof ed448 tcId 63-65 verify with it alone): re-encoding R refuses any
    // encoding but the canonical one, as RFC 8032 §5.2.3 requires.
    let canonical_r = crate::jwt::jwk::ed448_key(s.r_bytes()).is_some();
    canonical_r && key.verify_raw(&s, msg).is_ok()
}

/// Parses an r‖s signature of exactly `len` bytes (RFC 7518 §3.4), with 1 ≤ r, s < n.
fn ecdsa_sig<S>(sig: &[u8], len: usize, parse: impl Fn(&[u8]) -> Option<S>) -> Result<S, SignatureError> {
    if sig.len() != len {
        let der = sig.first() == Some(&0x30) && sig.len() > 8 && sig.len() < len + 10;
        return Err(SignatureError::EcdsaLength { expected: len, actual: sig.len(), der });
    }
    // CVE-2022-21449: r = 0 or s = 0 (or ≥ n) must never verify.
    parse(sig).ok_or(SignatureError::EcdsaRange)
}

/// Warnings about the key itself: weak or short secrets, short RSA keys.
fn key_warnings(alg: JwsAlg, key: &Key, out: &mut Vec<Warning>) {
    let mut push = |code: WarningCode, message: String| {
        if !out.iter().any(|w| w.code == code) {
            out.push(Warning { code, message });
        }
    };
    match &key.material {
        Material::Secret(s) => {
            let bytes = s.bytes();
            if let Some(weak) = key.weak {
                push(WarningCode::WeakSecret, format!("the secret \"{}\" is a well-known default", mask(weak)));
            }
            if let Some(min) = alg.min_secret_len().filter(|&min| bytes.len() < min) {
                push(
                    WarningCode::ShortSecret,
                    format!("the secret has {} bits; {alg} needs at least {}", bytes.len() * 8, min * 8),
                );
            }
        }
        Material::Public(PublicKey::Rsa(_)) => {
            if let Some(bits) = key.bits().filter(|&b| b < 2048) {
                push(WarningCode::ShortRsaKey, format!("the RSA key has {bits} bits; at least 2048 are required"));
            }
        }
        Material::Public(_) | Material::Private(_) => {}
    }
}

/// Shows a known weak secret only partly, so that the page never prints a whole secret.
fn mask(s: &str) -> String {
    let shown: String = s.chars().take(3).collect();
    format!("{shown}{}", "•".repeat(s.chars().count().saturating_sub(3).min(5)))
}

/// What `service::verify` reads from a request before any check: the decoded token and the keys
/// (`None` for a JWE or the deployment's trusted keys, which are read later). The worker
/// reads them once for both of its passes.
pub struct Prepared {
    d: Decoded,
    keyset: Option<Result<KeySet, KeyError>>,
}

impl Prepared {
    /// The decoded token when it is a JWE (decrypted by `jwe::answer`, not verified here).
    pub fn jwe(&self) -> Option<&Decoded> {
        (self.d.form == crate::jwt::token::Form::Jwe).then_some(&self.d)
    }
}

pub fn prepare(req: &Request) -> Prepared {
    let d = crate::jwt::token::decode(&req.token);
    let keyset = (d.form != crate::jwt::token::Form::Jwe && !req.trusted).then(|| {
        if req.use_embedded {
            match d.header_json() {
                Some(h) => jwk::embedded(h),
                None => Err(KeyError::NoHeader),
            }
        } else {
            jwk::parse(&req.key, req.encoding)
        }
    });
    Prepared { d, keyset }
}

/// Verifies a JWS with what [`prepare`] read, the final signature checks offered to
/// `offload` first (the worker's WebCrypto path).
pub fn answer_prepared(req: &Request, p: &Prepared, offload: Offloader<'_>) -> Report {
    let Some(keyset) = &p.keyset else {
        if p.d.form == crate::jwt::token::Form::Jwe {
            // `service::verify` hands a JWE to `jwe::answer`; it never reaches this.
            let outcome = Outcome::new(Verdict::Error, "A JWE is decrypted, not verified.");
            return Report { id: req.id, outcome, keys: Vec::new(), skipped: Vec::new(), plaintext: None };
        }
        return trusted_answer(req, &p.d, offload);
    };
    let outcome = verify_offloading(&p.d, keyset, req.detached.as_deref().map(str::as_bytes), offload);
    let (keys, skipped) = match keyset {
        Ok(set) => (set.summaries(), set.skipped.clone()),
        Err(_) => (Vec::new(), Vec::new()),
    };
    Report { id: req.id, outcome, keys, skipped, plaintext: None }
}

/// Verifies with the deployment's trusted keys: only those whose `kid` or RFC 7638
/// thumbprint is the token's `kid`.
fn trusted_answer(req: &Request, d: &Decoded, offload: Offloader<'_>) -> Report {
    let report = |outcome: Outcome, keys: Vec<KeySummary>| Report {
        id: req.id,
        outcome,
        keys,
        skipped: Vec::new(),
        plaintext: None,
    };
    let Some(kid) = d.header_member("kid").and_then(Node::as_str) else {
        return report(
            Outcome::new(
                Verdict::Unverified,
                "Not verified: the token has no kid to match a key trusted by this deployment; paste a key to check it.",
            ),
            Vec::new(),
        );
    };
    // The page asks with trusted keys only for a token with a kid, as if a key were pasted.
    if let Some(outcome) = crate::jwt::verdict::duplicate_header(d, true) {
        return report(outcome, Vec::new());
    }
    let names = crate::jwt::verdict::trusted_key_names(&req.key);
    let set = match jwk::parse(&req.key, jwk::SecretEncoding::Utf8) {
        Ok(set) => set,
        Err(e) => {
            return report(
                Outcome::new(
                    Verdict::Unverified,
                    format!("Not verified: this deployment's trusted-keys.json cannot be read ({e})."),
                ),
                Vec::new(),
            );
        }
    };
    let matching: Vec<(usize, jwk::Key)> = set
        .keys
        .into_iter()
        .filter(|k| k.kid.as_deref() == Some(kid) || k.thumbprint == kid)
        .map(|k| {
            (
                match k.origin {
                    Origin::Jwks { index, .. } => index,
                    _ => 0,
                },
                k,
            )
        })
        .collect();
    if matching.is_empty() {
        return report(
            Outcome::new(
                Verdict::Unverified,
                format!(
                    "Not verified: no key trusted by this deployment has kid \"{kid}\"; paste a key to check the signature."
                ),
            ),
            Vec::new(),
        );
    }
    let name =
        |index: usize| names.get(index).and_then(|e| e.as_ref()?.1.clone()).unwrap_or_else(|| format!("kid \"{kid}\""));
    let label: Vec<String> = matching.iter().map(|(i, _)| name(*i)).collect();
    // Matched already (by kid or thumbprint): each now answers to the token's kid.
    let trusted = KeySet {
        keys: matching.iter().map(|(_, k)| jwk::Key { kid: Some(kid.to_string()), ..k.clone() }).collect(),
        skipped: Vec::new(),
    };
    let summary = trusted
        .summaries()
        .into_iter()
        .zip(&label)
        .map(|(mut s, l)| {
            s.description = format!("{l}: trusted by this deployment (trusted-keys.json); {}", s.description);
            s
        })
        .collect();
    let mut outcome = verify_offloading(d, &Ok(trusted), req.detached.as_deref().map(str::as_bytes), offload);
    let who = outcome.key.and_then(|i| label.get(i)).cloned().unwrap_or_else(|| label.join(", "));
    outcome.message = format!("{} Key: \"{who}\", trusted by this deployment.", outcome.message);
    report(outcome, summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::base64url::encode;
    use crate::jwt::jwk::{self, SecretEncoding};
    use crate::jwt::token::decode;
    use p256::ecdsa::signature::Signer as _;

    /// A 1024-bit RSA public key (made with `openssl genpkey -algorithm RSA -pkeyopt
    /// rsa_keygen_bits:1024`), too short for JWA.
    const RSA1024: &str = "-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDKzU+abMApllarDi+FFX8ry8dN
ZPFRWTT+xrflq2USe7tTfZadTWBCx0r3zXpQTYpHykkLX5t5Y5rS1W8ICnP1q7br
cNMAm5UoPzKaPSswwxjx5hqO7mOjOi/M7EOA4FTwDzbYL1Dxf+vPxKszvNgKHXNY
5jO6k9LdFAzJOwRjuwIDAQAB
-----END PUBLIC KEY-----";

    fn hs256(secret: &[u8], header: &str, payload: &str) -> String {
        let input = format!("{}.{}", encode(header.as_bytes()), encode(payload.as_bytes()));
        let mut mac = <Hmac<Sha256> as hmac::KeyInit>::new_from_slice(secret).unwrap();
        hmac::Mac::update(&mut mac, input.as_bytes());
        format!("{input}.{}", encode(&hmac::Mac::finalize(mac).into_bytes()))
    }

    /// (verdict, warning codes, message) for a token and a pasted key.
    fn run(token: &str, key: &str, encoding: SecretEncoding) -> (&'static str, Vec<&'static str>, String) {
        let o = verify(&decode(token), &jwk::parse(key, encoding));
        (o.verdict.as_str(), o.warnings.iter().map(|w| w.code.as_str()).collect(), o.message)
    }

    const LONG: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn secrets_and_their_warnings() {
        let h = r#"{"alg":"HS256"}"#;
        let cases: &[(&str, &str, &str, &[&str])] = &[
            (LONG, LONG, "verified", &[]),
            ("secret", "secret", "verified", &["weak-secret", "short-secret"]),
            ("your-256-bit-secret", "your-256-bit-secret", "verified", &["weak-secret", "short-secret"]),
            ("0123456789abcdef", "0123456789abcdef", "verified", &["short-secret"]),
            (LONG, "0123456789abcdef0123456789abcdeF", "invalid", &[]),
        ];
        for &(signed_with, pasted, verdict, warnings) in cases {
            let (v, w, m) = run(&hs256(signed_with.as_bytes(), h, "{}"), pasted, SecretEncoding::Utf8);
            assert_eq!((v, w.as_slice()), (verdict, warnings), "{signed_with:?} / {pasted:?}: {m}");
        }
        // A weak secret is never printed whole.
        let (_, _, m) = run(&hs256(b"secret", h, "{}"), "secret", SecretEncoding::Utf8);
        assert!(!m.contains("\"secret\""));
    }

    /// An SD-JWT (RFC 9901): the main verdict is the issuer signature's, over the text
    /// before the first `~`; disclosures and a KB-JWT after it are not signed by the issuer.
    #[test]
    fn an_sd_jwt_is_verified_by_its_issuer_signed_part() {
        let jwt = hs256(LONG.as_bytes(), r#"{"alg":"HS256","typ":"dc+sd-jwt"}"#, r#"{"_sd":[]}"#);
        let d1 = "WyIyR0xDNDJzS1F2ZUNmR2ZyeU5STjl3IiwgImdpdmVuX25hbWUiLCAiSm9obiJd";
        for sd in [format!("{jwt}~"), format!("{jwt}~{d1}~"), format!("{jwt}~{d1}~a.b.c"), format!("{jwt}~~")] {
            let d = decode(&sd);
            assert_eq!((d.form, d.problems.as_slice()), (crate::jwt::Form::Jws, &[][..]), "{sd}");
            assert!(d.sd.is_some());
            assert_eq!(run(&sd, LONG, SecretEncoding::Utf8).0, "verified", "{sd}");
        }
        // The issuer part tampered: invalid whatever follows.
        let (head, sig) = jwt.rsplit_once('.').unwrap();
        let other = format!("{head}.{}{}~{d1}~", &sig[..sig.len() - 2], if sig.ends_with("AA") { "BA" } else { "AA" });
        assert_eq!(run(&other, LONG, SecretEncoding::Utf8).0, "invalid");
    }

    #[test]
    fn strictness_before_any_crypto() {
        let good = hs256(LONG.as_bytes(), r#"{"alg":"HS256"}"#, "{}");
        let cases: Vec<(String, &str, &str)> = vec![
            (format!("{good}="), "invalid", "not canonical base64url"),
            (
                hs256(LONG.as_bytes(), r#"{"alg":"HS256","crit":["exp"],"exp":1}"#, "{}"),
                "invalid",
                "does not understand",
            ),
            (hs256(LONG.as_bytes(), r#"{"alg":"HS256","b64":false}"#, "x"), "invalid", "RFC 7797 §6"),
            (hs256(LONG.as_bytes(), r#"{"alg":"HS1"}"#, "{}"), "error", "not a JWS algorithm"),
            (hs256(LONG.as_bytes(), r#"{"alg":"hs256"}"#, "{}"), "error", "not a JWS algorithm"),
            (hs256(LONG.as_bytes(), r#"{"alg":"HS256","kid":"x"}"#, "{}"), "verified", "HMAC secret"),
        ];
        for (token, verdict, says) in cases {
            let (v, _, m) = run(&token, LONG, SecretEncoding::Utf8);
            assert_eq!(v, verdict, "{token}: {m}");
            assert!(m.contains(says), "{m:?} should say {says:?}");
        }
    }

    /// A P-256 signing key, its public JWK, and an ES256 signing input.
    fn p256_fixture() -> (p256::ecdsa::SigningKey, String, String) {
        let sk = p256::ecdsa::SigningKey::from_slice(&[7u8; 32]).unwrap();
        let point = sk.verifying_key().to_sec1_point(false);
        let bytes = point.as_bytes();
        let jwk =
            format!(r#"{{"kty":"EC","crv":"P-256","x":"{}","y":"{}"}}"#, encode(&bytes[1..33]), encode(&bytes[33..65]));
        (sk, jwk, format!("{}.{}", encode(br#"{"alg":"ES256"}"#), encode(b"{}")))
    }

    #[test]
    fn ecdsa_signatures_must_be_r_s_of_the_right_size_and_range() {
        let (sk, jwk, input) = p256_fixture();
        let sig: p256::ecdsa::Signature = sk.sign(input.as_bytes());
        let low = sig.normalize_s();
        let (r, s) = low.split_scalars();
        let high = p256::ecdsa::Signature::from_scalars(r, -*s).unwrap();
        let cases: Vec<(Vec<u8>, &str, &[&str], &str)> = vec![
            (low.to_bytes().to_vec(), "verified", &[], "EC P-256 public key"),
            (high.to_bytes().to_vec(), "verified", &["high-s"], "EC P-256 public key"),
            // CVE-2022-21449, the "psychic signature": r = s = 0.
            (vec![0; 64], "invalid", &[], "r or s is zero"),
            (low.to_der().as_bytes().to_vec(), "invalid", &[], "looks DER-encoded"),
            (low.to_bytes()[..63].to_vec(), "invalid", &[], "exactly 64 bytes"),
        ];
        for (sig, verdict, warnings, says) in cases {
            let (v, w, m) = run(&format!("{input}.{}", encode(&sig)), &jwk, SecretEncoding::Utf8);
            assert_eq!((v, w.as_slice()), (verdict, warnings), "{m}");
            assert!(m.contains(says), "{m:?} should say {says:?}");
        }
    }

    #[test]
    fn offloading_asks_only_the_final_check_and_its_answer_decides() {
        let (sk, jwk, input) = p256_fixture();
        let keys = jwk::parse(&jwk, SecretEncoding::Utf8);
        let low: p256::ecdsa::Signature = sk.sign(input.as_bytes());
        let low = low.normalize_s();
        let (r, s) = low.split_scalars();
        let high = p256::ecdsa::Signature::from_scalars(r, -*s).unwrap();
        let token = |sig: &[u8]| decode(&format!("{input}.{}", encode(sig)));
        let ask = |d: &Decoded, answer: Option<bool>| {
            let mut asked = Vec::new();
            let o = verify_offloading(d, &keys, None, &mut |o: &Offload<'_>| {
                asked.push((o.alg.name(), o.spki().map(|k| k.len()), o.msg.len(), o.sig.len()));
                answer
            });
            (o.verdict.as_str(), o.warnings.iter().map(|w| w.code.as_str()).collect::<Vec<_>>(), asked)
        };
        // The offloaded answer decides, once asked: even "invalid" for a good signature.
        let (v, w, asked) = ask(&token(&low.to_bytes()), Some(false));
        assert_eq!((v, w.len()), ("invalid", 0));
        assert_eq!(asked, vec![("ES256", Some(91), input.len(), 64)]);
        assert_eq!(ask(&token(&low.to_bytes()), Some(true)).0, "verified");
        // High-S is still the core's finding; None lets the core check.
        assert_eq!(ask(&token(&high.to_bytes()), Some(true)).1, vec!["high-s"]);
        assert_eq!(ask(&token(&high.to_bytes()), None).0, "verified");
        // What the core refuses never reaches the offloader: r = s = 0, a DER signature, the
        // wrong length, a tampered base64url encoding, an HMAC.
        for sig in [vec![0u8; 64], low.to_der().as_bytes().to_vec(), low.to_bytes()[..63].to_vec()] {
            let (v, _, asked) = ask(&token(&sig), Some(true));
            assert_eq!((v, asked.len()), ("invalid", 0));
        }
        let hs = decode(&hs256(b"0123456789abcdef0123456789abcdef", r#"{"alg":"HS256"}"#, "{}"));
        let secret = jwk::parse("0123456789abcdef0123456789abcdef", SecretEncoding::Utf8);
        let mut asked = 0;
        let o = verify_offloading(&hs, &secret, None, &mut |_: &Offload<'_>| {
            asked += 1;
            Some(false)
        });
        assert_eq!((o.verdict.as_str(), asked), ("verified", 0));
    }

    #[test]
    fn trusted_keys_verify_only_a_matching_kid_and_are_named() {
        let secret = b"a-trusted-secret-of-32-bytes-ok!";
        let k = encode(secret);
        let jwks = format!(
            r#"{{"keys":[{{"kty":"oct","kid":"k1","name":"Staging HMAC","k":"{k}"}},{{"kty":"oct","k":"{k}"}}]}}"#
        );
        let ask = |token: String| {
            crate::jwt::service::verify(&Request {
                id: 1,
                token,
                key: jwks.clone(),
                trusted: true,
                ..Request::default()
            })
            .outcome
        };
        let o = ask(hs256(secret, r#"{"alg":"HS256","kid":"k1"}"#, "{}"));
        assert_eq!(o.verdict, Verdict::Verified, "{}", o.message);
        assert!(o.message.contains("\"Staging HMAC\", trusted by this deployment"), "{}", o.message);
        // The second entry has no kid: it matches by its RFC 7638 thumbprint.
        let thumb = jwk::Key::secret(secret.to_vec(), SecretEncoding::Utf8).thumbprint;
        let o = ask(hs256(secret, &format!(r#"{{"alg":"HS256","kid":"{thumb}"}}"#), "{}"));
        assert_eq!(o.verdict, Verdict::Verified, "{}", o.message);
        // Another kid, or none: not verified, and no trusted key is tried.
        assert_eq!(ask(hs256(secret, r#"{"alg":"HS256","kid":"other"}"#, "{}")).verdict, Verdict::Unverified);
        assert_eq!(ask(hs256(secret, r#"{"alg":"HS256"}"#, "{}")).verdict, Verdict::Unverified);
        // The right kid with a forged signature is invalid.
        assert_eq!(
            ask(hs256(b"another-secret-of-32-bytes-okay!", r#"{"alg":"HS256","kid":"k1"}"#, "{}")).verdict,
            Verdict::Invalid
        );
    }

    #[test]
    fn a_trusted_key_is_named_by_its_own_entry_whatever_comes_before_it() {
        let (a, b) = (b"the-first-trusted-secret-32-byte", b"the-other-trusted-secret-32-byte");
        // Entries that are no key (a string, a number) come first: they are skipped, and
        // the names still belong to the keys they are written with.
        let jwks = format!(
            r#"{{"keys":["x",7,{{"kty":"oct","kid":"a","name":"Key A","k":"{}"}},{{"kty":"oct","kid":"b","name":"Key B","k":"{}"}}]}}"#,
            encode(a),
            encode(b)
        );
        for (secret, kid, name) in [(a, "a", "Key A"), (b, "b", "Key B")] {
            let o = crate::jwt::service::verify(&Request {
                id: 1,
                token: hs256(secret, &format!(r#"{{"alg":"HS256","kid":"{kid}"}}"#), "{}"),
                key: jwks.clone(),
                trusted: true,
                ..Request::default()
            })
            .outcome;
            assert_eq!(o.verdict, Verdict::Verified, "{}", o.message);
            assert!(o.message.contains(&format!("Key: \"{name}\", trusted")), "{}", o.message);
        }
    }

    #[test]
    fn a_repeated_header_member_is_invalid_even_with_a_good_signature() {
        // Both carry a real HS256 signature under LONG: neither verifies.
        for (header, says) in [
            (r#"{"alg":"HS256","alg":"none"}"#, r#""alg" twice ("HS256", then "none")"#),
            (r#"{"alg":"none","alg":"HS256"}"#, r#""alg" twice ("none", then "HS256")"#),
            (r#"{"alg":"HS256","typ":"JWT","typ":"JWT"}"#, r#""typ" twice"#),
        ] {
            let token = hs256(LONG.as_bytes(), header, r#"{"sub":"x"}"#);
            let (v, w, m) = run(&token, LONG, SecretEncoding::Utf8);
            assert_eq!((v, w.as_slice()), ("invalid", &[][..]), "{header}: {m}");
            assert!(m.contains(says) && m.contains("RFC 7515 §4"), "{m:?} should say {says:?}");
            // Whatever the key: the same refusal, before the key is even read.
            assert_eq!(run(&token, "-----BEGIN PUBLIC KEY-----", SecretEncoding::Utf8).0, "invalid");
            let (v, _, m) = run(&token, "", SecretEncoding::Utf8);
            assert_eq!(v, "unverified");
            assert!(m.contains("will be refused"), "{m}");
            // The page's verdict is the worker's.
            assert_eq!(
                preliminary(&decode(&token), true).map(|o| o.message),
                Some(verify(&decode(&token), &jwk::parse(LONG, SecretEncoding::Utf8)).message)
            );
        }
        // The key the token carries changes nothing.
        let jwk = format!(r#"{{"kty":"oct","k":"{}"}}"#, encode(LONG.as_bytes()));
        let token = hs256(LONG.as_bytes(), &format!(r#"{{"alg":"HS256","alg":"HS256","jwk":{jwk}}}"#), "{}");
        let o =
            crate::jwt::service::verify(&Request { id: 1, token, use_embedded: true, ..Request::default() }).outcome;
        assert_eq!(o.verdict, Verdict::Invalid, "{}", o.message);
        // A repeated claim is only a warning: the signature decides.
        let (v, _, m) =
            run(&hs256(LONG.as_bytes(), r#"{"alg":"HS256"}"#, r#"{"sub":"a","sub":"b"}"#), LONG, SecretEncoding::Utf8);
        assert_eq!(v, "verified", "{m}");
    }

    #[test]
    fn a_repeated_header_member_refuses_every_serialization_and_path() {
        let good = hs256(LONG.as_bytes(), r#"{"alg":"HS256"}"#, "{}");
        let dup = hs256(LONG.as_bytes(), r#"{"alg":"HS256","alg":"none"}"#, "{}");
        let parts = |t: &str| t.split('.').map(str::to_string).collect::<Vec<_>>();
        let (g, d) = (parts(&good), parts(&dup));
        // JSON serialization: the first signature verifies, the second has a repeated member.
        let general = format!(
            r#"{{"payload":"{}","signatures":[{{"protected":"{}","signature":"{}"}},{{"protected":"{}","signature":"{}"}}]}}"#,
            g[1], g[0], g[2], d[0], d[2]
        );
        let (v, _, m) = run(&general, LONG, SecretEncoding::Utf8);
        assert_eq!(v, "invalid", "{m}");
        assert!(m.contains("signature 2's protected header has \"alg\" twice"), "{m}");
        let flattened = format!(r#"{{"payload":"{}","protected":"{}","signature":"{}"}}"#, d[1], d[0], d[2]);
        assert_eq!(run(&flattened, LONG, SecretEncoding::Utf8).0, "invalid");
        // alg in both the protected and the unprotected header (RFC 7515 §7.2.1).
        let both = format!(
            r#"{{"payload":"{}","protected":"{}","header":{{"alg":"none"}},"signature":"{}"}}"#,
            g[1], g[0], g[2]
        );
        let (v, _, m) = run(&both, LONG, SecretEncoding::Utf8);
        assert_eq!(v, "invalid", "{m}");
        assert!(m.contains("RFC 7515 §7.2.1"), "{m}");

        // Trusted keys: refused too, whether a trusted key has the kid or not.
        let jwks = format!(r#"{{"keys":[{{"kty":"oct","kid":"k1","k":"{}"}}]}}"#, encode(LONG.as_bytes()));
        for kid in ["k1", "other"] {
            let token = hs256(LONG.as_bytes(), &format!(r#"{{"alg":"HS256","kid":"{kid}","alg":"HS256"}}"#), "{}");
            let o = crate::jwt::service::verify(&Request {
                id: 1,
                token,
                key: jwks.clone(),
                trusted: true,
                ..Request::default()
            })
            .outcome;
            assert_eq!(o.verdict, Verdict::Invalid, "{}", o.message);
            assert!(o.message.contains("RFC 7515 §4"), "{}", o.message);
        }

        // A JWE: decrypt-failed, with the page's own words; also from the decrypter itself.
        let jwe = format!(
            "{}..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA",
            encode(br#"{"alg":"dir","alg":"A128KW","enc":"A128GCM"}"#)
        );
        let key = encode(&[7u8; 16]);
        let r = crate::jwt::service::verify(&Request {
            id: 1,
            token: jwe.clone(),
            key: key.clone(),
            encoding: SecretEncoding::Base64,
            ..Request::default()
        });
        assert_eq!(r.outcome.verdict, Verdict::DecryptFailed, "{}", r.outcome.message);
        assert_eq!(Some(r.outcome.message), preliminary(&decode(&jwe), true).map(|o| o.message));
        let direct = crate::jwt::jwe::decrypt(&jwe, &crate::jwt::jwe::parse_keys(&key, SecretEncoding::Base64));
        assert_eq!(direct.outcome.verdict, Verdict::DecryptFailed, "{}", direct.outcome.message);
        assert!(
            direct.outcome.message.contains("\"alg\" more than once") && direct.outcome.message.contains("RFC 7516 §4")
        );
        let r = crate::jwt::service::verify(&Request { id: 1, token: jwe, ..Request::default() });
        assert_eq!(r.outcome.verdict, Verdict::Unverified, "{}", r.outcome.message);
    }

    #[test]
    fn a_json_serialization_is_unsecured_only_if_every_signature_is() {
        let good = hs256(LONG.as_bytes(), r#"{"alg":"HS256"}"#, "{}");
        let g: Vec<&str> = good.split('.').collect();
        let none = encode(br#"{"alg":"none"}"#);
        let mixed = format!(
            r#"{{"payload":"{}","signatures":[{{"protected":"{none}","signature":""}},{{"protected":"{}","signature":"{}"}}]}}"#,
            g[1], g[0], g[2]
        );
        // The page's key-free verdict does not stop at signature 1: the worker is asked.
        assert_eq!(preliminary(&decode(&mixed), true), None);
        assert_eq!(preliminary(&decode(&mixed), false).map(|o| o.verdict), Some(Verdict::Unverified));
        let (v, _, m) = run(&mixed, LONG, SecretEncoding::Utf8);
        assert_eq!(v, "verified", "{m}");
        assert!(m.contains("Signature 2 of 2 verified"), "{m}");
        let all_none = format!(
            r#"{{"payload":"{}","signatures":[{{"protected":"{none}","signature":""}},{{"protected":"{none}","signature":""}}]}}"#,
            g[1]
        );
        assert_eq!(preliminary(&decode(&all_none), true).map(|o| o.verdict), Some(Verdict::Unsecured));
    }

    #[test]
    fn alg_none_stays_unsecured_and_says_its_signature_must_be_empty() {
        let h = encode(br#"{"alg":"none"}"#);
        let (v, _, m) = run(&format!("{h}.e30.{}", encode(&[1u8; 32])), LONG, SecretEncoding::Utf8);
        assert_eq!(v, "unsecured");
        assert!(m.contains("RFC 7518 §3.6") && m.contains("carries 32 bytes"), "{m}");
    }

    #[test]
    fn keys_that_cannot_check_the_token() {
        let rs = format!("{}.{}.{}", encode(br#"{"alg":"RS256"}"#), encode(b"{}"), encode(&[1u8; 128]));
        let (v, w, m) = run(&rs, RSA1024, SecretEncoding::Utf8);
        assert_eq!((v, w.as_slice()), ("invalid", &["short-rsa-key"][..]), "{m}");

        // A public key is never an HMAC secret.
        let hs = hs256(RSA1024.as_bytes(), r#"{"alg":"HS256"}"#, "{}");
        let (v, w, m) = run(&hs, RSA1024, SecretEncoding::Utf8);
        assert_eq!((v, w.as_slice()), ("error", &["alg-key-mismatch"][..]), "{m}");
        assert!(m.contains("never used as an HMAC secret"));

        let jwk = format!(r#"{{"kty":"oct","k":"{}","alg":"HS512"}}"#, encode(LONG.as_bytes()));
        let (v, _, m) = run(&hs256(LONG.as_bytes(), r#"{"alg":"HS256"}"#, "{}"), &jwk, SecretEncoding::Utf8);
        assert_eq!(v, "error");
        assert!(m.contains("pinned to alg \"HS512\""), "{m}");

        let jwks = format!(r#"{{"keys":[{{"kty":"oct","k":"{}","kid":"a"}}]}}"#, encode(LONG.as_bytes()));
        let (v, _, m) = run(&hs256(LONG.as_bytes(), r#"{"alg":"HS256","kid":"b"}"#, "{}"), &jwks, SecretEncoding::Utf8);
        assert_eq!(v, "error");
        assert!(m.contains("kid \"b\""), "{m}");
    }

    /// A JWS JSON serialization (general) over `payload` as it stands in the JSON: one
    /// signature per protected header, HS256 with `secret` over `protected.payload`.
    fn general(payload: &str, signatures: &[(&str, &[u8])], unprotected: Option<&str>) -> String {
        let each: Vec<String> = signatures
            .iter()
            .map(|(header, secret)| {
                let protected = encode(header.as_bytes());
                let mut mac = <Hmac<Sha256> as hmac::KeyInit>::new_from_slice(secret).unwrap();
                hmac::Mac::update(&mut mac, format!("{protected}.{payload}").as_bytes());
                let sig = encode(&hmac::Mac::finalize(mac).into_bytes());
                let header = unprotected.map(|u| format!(r#","header":{u}"#)).unwrap_or_default();
                format!(r#"{{"protected":"{protected}"{header},"signature":"{sig}"}}"#)
            })
            .collect();
        format!(r#"{{"payload":"{payload}","signatures":[{}]}}"#, each.join(","))
    }

    const OTHER: &[u8] = b"another-secret-of-32-bytes-okay!";

    #[test]
    fn several_signatures_each_get_a_result_and_the_rule_is_stated() {
        let p = encode(br#"{"sub":"x"}"#);
        let h = r#"{"alg":"HS256"}"#;
        let token = general(&p, &[(h, OTHER), (h, LONG.as_bytes()), (h, OTHER)], None);
        let (v, _, m) = run(&token, LONG, SecretEncoding::Utf8);
        assert_eq!(v, "verified", "{m}");
        assert!(m.starts_with("Signature 2 of 3 verified: Signature verified with"), "{m}");
        assert!(m.contains("Signatures 1 and 3 did not (signature 1: Invalid: the signature does not match; signature 3: Invalid: the signature does not match)."), "{m}");
        assert!(m.ends_with(JSON_RULE), "{m}");
        // Every one verifies; none does.
        let (v, _, m) =
            run(&general(&p, &[(h, LONG.as_bytes()), (h, LONG.as_bytes())], None), LONG, SecretEncoding::Utf8);
        assert_eq!(v, "verified", "{m}");
        assert!(
            m.contains("Signature 2 verified too. Every signature of the 2 verified.") && m.ends_with(JSON_RULE),
            "{m}"
        );
        let (v, _, m) = run(&general(&p, &[(h, OTHER), (h, OTHER)], None), LONG, SecretEncoding::Utf8);
        assert_eq!(v, "invalid", "{m}");
        assert!(m.starts_with("No signature of the 2 verifies (signature 1: ") && m.ends_with(JSON_RULE), "{m}");
        // No key: not verified (it was "invalid").
        let keys = Ok(KeySet { keys: Vec::new(), skipped: Vec::new() });
        assert_eq!(verify(&decode(&general(&p, &[(h, OTHER), (h, OTHER)], None)), &keys).verdict, Verdict::Unverified);
    }

    #[test]
    fn several_signatures_must_read_the_payload_alike() {
        // The same payload text, read as raw content by signature 1 (b64 false) and as
        // base64url by signature 2: both signatures are good, and the payload means two
        // things. RFC 7797 §3 forbids the mix.
        let p = encode(br#"{"admin":true}"#);
        let raw = r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#;
        let token = general(&p, &[(raw, LONG.as_bytes()), (r#"{"alg":"HS256"}"#, LONG.as_bytes())], None);
        let (v, _, m) = run(&token, LONG, SecretEncoding::Utf8);
        assert_eq!(v, "invalid", "{m}");
        assert!(
            m.contains("Signature 1 has b64 false") && m.contains("signature 2 does not") && m.contains("RFC 7797 §3"),
            "{m}"
        );
        // Alike, either way: verified, and the payload shown reads as the verified one does.
        for header in [raw, r#"{"alg":"HS256"}"#] {
            let token = general(&p, &[(header, OTHER), (header, LONG.as_bytes())], None);
            let d = decode(&token);
            let o = verify(&d, &jwk::parse(LONG, SecretEncoding::Utf8));
            assert_eq!(o.verdict, Verdict::Verified, "{}", o.message);
            assert!(d.json.as_ref().unwrap().signatures.iter().all(|s| s.unencoded_payload == d.unencoded_payload));
        }
    }

    #[test]
    fn b64_and_crit_are_refused_outside_the_protected_header() {
        let p = encode(br#"{"sub":"x"}"#);
        let h = r#"{"alg":"HS256"}"#;
        for (unprotected, says) in
            [(r#"{"b64":false}"#, "RFC 7797 §3"), (r#"{"crit":["exp"],"exp":1}"#, "RFC 7515 §4.1.11")]
        {
            // Flattened (one signature) and general with two.
            let general2 = general(&p, &[(h, LONG.as_bytes()), (h, LONG.as_bytes())], Some(unprotected));
            let one = general(&p, &[(h, LONG.as_bytes())], Some(unprotected));
            for token in [one, general2] {
                let (v, _, m) = run(&token, LONG, SecretEncoding::Utf8);
                assert_eq!(v, "invalid", "{unprotected}: {m}");
                assert!(m.contains("unprotected header") && m.contains(says), "{m}");
            }
        }
        // b64 is a boolean (RFC 7797 §3): "false" as a string is no b64 at all.
        let (v, _, m) = run(
            &hs256(LONG.as_bytes(), r#"{"alg":"HS256","b64":"false","crit":["b64"]}"#, "{}"),
            LONG,
            SecretEncoding::Utf8,
        );
        assert_eq!(v, "invalid", "{m}");
        assert!(m.contains("must be true or false (RFC 7797 §3)"), "{m}");
    }

    #[test]
    fn one_key_with_another_kid_is_checked_and_warned_about() {
        let k = encode(LONG.as_bytes());
        let token = hs256(LONG.as_bytes(), r#"{"alg":"HS256","kid":"b"}"#, "{}");
        let jwk = format!(r#"{{"kty":"oct","k":"{k}","kid":"a"}}"#);
        let (v, w, m) = run(&token, &jwk, SecretEncoding::Utf8);
        assert_eq!((v, w.as_slice()), ("verified", &["kid-mismatch"][..]), "{m}");
        let o = verify(&decode(&token), &jwk::parse(&jwk, SecretEncoding::Utf8));
        assert!(o.warnings[0].message.contains(r#"the token's kid is "b" but the key's is "a""#), "{:?}", o.warnings);
        // A forged signature: invalid, and the same warning.
        let forged = hs256(OTHER, r#"{"alg":"HS256","kid":"b"}"#, "{}");
        let (v, w, m) = run(&forged, &jwk, SecretEncoding::Utf8);
        assert_eq!((v, w.as_slice()), ("invalid", &["kid-mismatch"][..]), "{m}");
        // The same kid, or a key without one: no warning.
        let same = format!(r#"{{"kty":"oct","k":"{k}","kid":"b"}}"#);
        assert_eq!(run(&token, &same, SecretEncoding::Utf8).1, Vec::<&str>::new());
        assert_eq!(run(&token, LONG, SecretEncoding::Utf8).1, Vec::<&str>::new());
        // In a JWKS, kid selects: one entry or several.
        for jwks in [
            format!(r#"{{"keys":[{jwk}]}}"#),
            format!(r#"{{"keys":[{jwk},{{"kty":"oct","k":"{}","kid":"c"}}]}}"#, encode(OTHER)),
        ] {
            let (v, w, m) = run(&token, &jwks, SecretEncoding::Utf8);
            assert_eq!((v, w.as_slice()), ("error", &[][..]), "{m}");
        }
    }

    /// The verifier and the table agree on every name: `EdDSA` and the fully-specified
    /// `Ed25519` (RFC 9864) verify with an Ed25519 key and the signature pane knows both;
    /// `Ed448` needs an Ed448 key; other spellings are unknown everywhere.
    #[test]
    fn eddsa_names_agree_with_the_table() {
        use crate::jwt::alg::{JwsAlg, SignatureSize};
        use ed25519_dalek::Signer as _;
        let sk = ed25519_dalek::SigningKey::from_bytes(&[9u8; 32]);
        let jwk = format!(r#"{{"kty":"OKP","crv":"Ed25519","x":"{}"}}"#, encode(sk.verifying_key().as_bytes()));
        let token = |alg: &str| {
            let input = format!("{}.{}", encode(format!(r#"{{"alg":"{alg}"}}"#).as_bytes()), encode(b"{}"));
            format!("{input}.{}", encode(&sk.sign(input.as_bytes()).to_bytes()))
        };
        for alg in ["EdDSA", "Ed25519"] {
            let (v, _, m) = run(&token(alg), &jwk, SecretEncoding::Utf8);
            assert_eq!(v, "verified", "{alg}: {m}");
            let known = JwsAlg::parse(alg).map(JwsAlg::signature_size);
            assert_eq!(known, Some(SignatureSize::Exact(64)), "{alg}");
        }
        let (v, _, m) = run(&token("Ed448"), &jwk, SecretEncoding::Utf8);
        assert_eq!(
            (v, m.as_str()),
            (
                "error",
                "Error: Ed448 needs an Ed448 public key, and the key (Ed25519 public key, from a JWK) is not one."
            )
        );
        for alg in ["ed25519", "EDDSA", "Ed25519 "] {
            let (v, _, m) = run(&token(alg), &jwk, SecretEncoding::Utf8);
            assert_eq!(v, "error", "{alg}: {m}");
            assert!(m.contains("is not a JWS algorithm this page verifies"), "{m}");
            assert_eq!(JwsAlg::parse(alg), None);
        }
        // A key pinned to one name does not check the other: names are compared exactly.
        let pinned =
            format!(r#"{{"kty":"OKP","crv":"Ed25519","alg":"EdDSA","x":"{}"}}"#, encode(sk.verifying_key().as_bytes()));
        let (v, _, m) = run(&token("Ed25519"), &pinned, SecretEncoding::Utf8);
        assert_eq!(v, "error", "{m}");
        assert!(m.contains("pinned to alg \"EdDSA\", not \"Ed25519\""), "{m}");
    }

    /// Ed448 (RFC 8032 §5.2): `Ed448` (RFC 9864 §2.3) and `EdDSA` (RFC 8037) verify with an
    /// Ed448 key, the key deciding the curve; `Ed448` refuses an Ed25519 key and `Ed25519`
    /// an Ed448 key, before any cryptography; a changed byte or a wrong length fails.
    #[test]
    fn ed448_with_both_names() {
        let sk = ed448_goldilocks::SigningKey::from(ed448_goldilocks::SecretKey::from([7u8; 57]));
        let x = encode(sk.verifying_key().as_bytes());
        let jwk = format!(r#"{{"kty":"OKP","crv":"Ed448","x":"{x}"}}"#);
        let token = |alg: &str| {
            let input = format!("{}.{}", encode(format!(r#"{{"alg":"{alg}"}}"#).as_bytes()), encode(b"{}"));
            format!("{input}.{}", encode(&sk.sign_raw(input.as_bytes()).to_bytes()))
        };
        for alg in ["Ed448", "EdDSA"] {
            let (v, _, m) = run(&token(alg), &jwk, SecretEncoding::Utf8);
            assert_eq!(v, "verified", "{alg}: {m}");
            assert!(m.starts_with("Signature verified with the Ed448 public key, from a JWK. Thumbprint "), "{m}");
            let mut forged = token(alg);
            forged.replace_range(forged.len() - 3..forged.len() - 2, "A");
            assert_ne!(run(&forged, &jwk, SecretEncoding::Utf8).0, "verified", "{alg}");
        }
        let (v, _, m) = run(&token("Ed25519"), &jwk, SecretEncoding::Utf8);
        assert_eq!(
            (v, m.as_str()),
            (
                "error",
                "Error: Ed25519 needs an Ed25519 public key, and the key (Ed448 public key, from a JWK) is not one."
            )
        );
        // An Ed25519 signature's length under EdDSA with an Ed448 key.
        let short = format!("{}.{}", token("EdDSA").rsplit_once('.').unwrap().0, encode(&[1u8; 64]));
        let (v, _, m) = run(&short, &jwk, SecretEncoding::Utf8);
        assert_eq!((v, m.as_str()), ("invalid", "Invalid: an Ed448 signature has 114 bytes; this one has 64."));
        // A key pinned to one name does not check the other.
        let pinned = format!(r#"{{"kty":"OKP","crv":"Ed448","alg":"Ed448","x":"{x}"}}"#);
        let (v, _, m) = run(&token("EdDSA"), &pinned, SecretEncoding::Utf8);
        assert_eq!(v, "error", "{m}");
        assert!(m.contains("pinned to alg \"Ed448\", not \"EdDSA\""), "{m}");
    }

    #[test]
    fn signature_checks_per_request_are_capped() {
        let p = encode(br#"{"sub":"x"}"#);
        let h = r#"{"alg":"HS256"}"#;
        let many: Vec<(&str, &[u8])> = (0..100).map(|_| (h, OTHER)).collect();
        let d = decode(&general(&p, &many, None));
        let (o, work) = verify_counted(&d, &jwk::parse(LONG, SecretEncoding::Utf8), None);
        assert_eq!(o.verdict, Verdict::Error, "{}", o.message);
        assert!(
            o.message.contains("at most 64 signature checks") && o.message.contains("(at signature 65 of 100)"),
            "{}",
            o.message
        );
        assert_eq!(work.signature_checks, crate::jwt::limits::MAX_SIGNATURE_CHECKS);
        // Under the cap, every signature is checked once.
        let (o, work) =
            verify_counted(&decode(&general(&p, &many[..64], None)), &jwk::parse(LONG, SecretEncoding::Utf8), None);
        assert_eq!((o.verdict, work.signature_checks), (Verdict::Invalid, 64), "{}", o.message);
    }
}
