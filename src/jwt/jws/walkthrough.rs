//! The signature walkthrough (for teaching): the check of a compact JWS with one key,
//! computed step by step, every intermediate value shown.
//!
//! The walk takes the same road as [`verify`](crate::jwt::jws::verify): the same keys (`jwk::parse`),
//! the same refusals (a key that cannot check this algorithm is an `error` with the
//! verifier's own words), the same key choice (the one that verifies, else the first that
//! fits). Its arithmetic is the crates' own: HMAC, SHA-2, RSA's `s^e mod n` by
//! `crypto-bigint` (re-exported by `rsa`), ECDSA's `u1·G + u2·Q` with the curve crates'
//! scalars and points (`elliptic_curve`, re-exported by each of them). Wherever the
//! step-by-step result and the crate's own verification could disagree, the crate decides.

use hmac::Hmac;
use p256::elliptic_curve::group::Curve as _;
use p256::elliptic_curve::ops::Reduce;
use p256::elliptic_curve::point::AffineCoordinates as _;
use p256::elliptic_curve::scalar::IsHigh as _;
use p256::elliptic_curve::{CurveArithmetic, Field, FieldBytes, Group, PrimeField};
use rsa::traits::PublicKeyParts as _;
use sha2::{Digest, Sha256, Sha384, Sha512};
use subtle::ConstantTimeEq as _;

use crate::jwt::alg::{HashAlg, JwsAlg, KeyType, Scheme, SignatureSize};
use crate::jwt::base64url;
use crate::jwt::json::Node;
use crate::jwt::jwk::{self, Key, KeyError, Material, PublicKey};
use crate::jwt::jws::verify::{self, Verdict};
use crate::jwt::problem::{Part, Problem, ProblemCode};
use crate::jwt::protocol::{WalkRequest, WalkStep, Walkthrough};
use crate::jwt::text::hex;
use crate::jwt::token::{self, Decoded, Form};

/// The longest value shown whole, in characters; longer ones are cut with their size.
const CAP: usize = 2_000;
/// How many bytes of the signing input are shown in hex.
const HEX_HEAD: usize = 64;

/// Why a token and a key have no walkthrough: the page shows this instead of the steps.
/// The wording is the page's, a whole sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WalkError {
    /// The token is in the JWS JSON serialization; the walk reads the compact one.
    JsonSerialization,
    /// The token is a JWE, which has no signature.
    Encrypted,
    /// The verifier refuses the token or the key before any signature check: its verdict's
    /// message (no key, `alg: none`, an unsupported algorithm, a key that cannot check it,
    /// a repeated header member).
    Refused(String),
    /// The token cannot be parsed: the first problem, as the page words it.
    Unparsable(String),
    /// The algorithm is not a JWS algorithm the page verifies.
    UnsupportedAlg(String),
    /// The key box cannot be read.
    Key(KeyError),
    /// A part is not canonical base64url (RFC 7515 §2).
    NonCanonical(verify::Refusal),
    /// The header's `crit` or `b64` refuses the token, as the verifier says it.
    Header(verify::Refusal),
    /// A header, payload or signature is missing.
    Incomplete,
    /// The signing input cannot be cut from the token.
    NoSigningInput,
    /// The signature is not canonical base64url.
    SignatureNotCanonical,
    /// The secret is refused as an HMAC key.
    HmacKey,
}

impl std::fmt::Display for WalkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WalkError::JsonSerialization => f.write_str("Error: the walkthrough reads the compact serialization (header.payload.signature) only; this token is in the JSON serialization."),
            WalkError::Encrypted => f.write_str("Error: this is an encrypted token (JWE): it has no signature to walk through; its integrity is the authentication tag of the content encryption."),
            WalkError::Refused(message) => f.write_str(message),
            WalkError::Unparsable(problem) => {
                write!(f, "Error: the token cannot be parsed ({problem}), so there is no signature check to show.")
            }
            WalkError::UnsupportedAlg(alg) => {
                write!(f, "Error: the algorithm \"{alg}\" is not a JWS algorithm this page verifies.")
            }
            WalkError::Key(e) => write!(f, "Error: the key cannot be read: {e}."),
            WalkError::NonCanonical(why) => write!(f, "Error: {why}, so the signature is not checked (RFC 7515 §2)."),
            WalkError::Header(why) => write!(f, "Invalid: {why}."),
            WalkError::Incomplete => {
                f.write_str("Error: the token is incomplete: a JWS has a header, a payload and a signature.")
            }
            WalkError::NoSigningInput => f.write_str("Error: the token is incomplete."),
            WalkError::SignatureNotCanonical => {
                f.write_str("Error: the signature is not canonical base64url, so it is not checked.")
            }
            WalkError::HmacKey => f.write_str("Error: the secret cannot be used as an HMAC key."),
        }
    }
}

impl std::error::Error for WalkError {}

/// Why a step of the arithmetic fails: the step's explanation says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum StepFailure {
    /// An RSA signature whose length is not the modulus's.
    RsaLength { modulus: usize, actual: usize },
    /// The RSA signature cannot be read as a number of the modulus's size.
    RsaNotANumber,
    /// The RSA signature, as a number, is not below the modulus (RFC 8017 §5.2.2).
    RsaNotBelowModulus,
    /// The modulus cannot hold a PSS encoding with this hash.
    PssModulusTooShort,
    /// EM does not end with `bc`.
    PssTrailer,
    /// EM is shorter than its parts.
    PssTooShort,
    /// EM's leftmost bits, which must be zero, are not.
    PssTopBits,
    /// DB, unmasked, is not zeros, `01` and the salt.
    PssDb,
    /// ECDSA's r or s is zero.
    EcdsaZero,
    /// ECDSA's r or s is not below the curve order.
    EcdsaNotBelowOrder,
    /// ECDSA's r or s cannot be read as a scalar.
    EcdsaUnreadable,
    /// ECDSA's s has no inverse mod n.
    EcdsaNoInverse,
    /// The key is not an EC key.
    NotEcKey,
}

impl std::fmt::Display for StepFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ecdsa = |f: &mut std::fmt::Formatter<'_>, why: &str| {
            write!(
                f,
                "{why}, so the signature fails before any arithmetic: both must lie in 1…n−1. Java 15–18 skipped this check and accepted r = s = 0 for any message and key (CVE-2022-21449, the \"psychic signature\")."
            )
        };
        match self {
            StepFailure::RsaLength { modulus, actual } => write!(
                f,
                "An RSA signature is exactly as long as the modulus, {modulus} bytes; this one has {actual}, so the public operation cannot be applied and the signature fails."
            ),
            StepFailure::RsaNotANumber => f.write_str("The signature cannot be read as a number of the modulus's size."),
            StepFailure::RsaNotBelowModulus => f.write_str("The signature, read as a number, is not below the modulus n, so it is not an RSA signature at all (RFC 8017 §5.2.2) and fails."),
            StepFailure::PssModulusTooShort => f.write_str("The modulus is too short for a PSS encoding with this hash."),
            StepFailure::PssTrailer => {
                f.write_str("EM does not end with the byte bc, so it is not a PSS encoding made with this key.")
            }
            StepFailure::PssTooShort => f.write_str("EM is too short."),
            StepFailure::PssTopBits => f.write_str("The leftmost bits of EM, which must be zero, are not."),
            StepFailure::PssDb => f.write_str("After unmasking, DB is not zeros, 01 and the salt, so the signature was not made with this key or over this input."),
            StepFailure::EcdsaZero => ecdsa(f, "r or s is zero"),
            StepFailure::EcdsaNotBelowOrder => ecdsa(f, "r or s is not below the curve order n"),
            StepFailure::EcdsaUnreadable => ecdsa(f, "r or s cannot be read"),
            StepFailure::EcdsaNoInverse => f.write_str("s has no inverse mod n"),
            StepFailure::NotEcKey => f.write_str("this key is not an EC key"),
        }
    }
}

impl std::error::Error for StepFailure {}

/// Walks through the signature check of `req.token` with `req.key`. Never panics: a token
/// or key that cannot be walked through gives an `error` saying why.
pub fn walk(req: &WalkRequest) -> Walkthrough {
    let d = token::decode(&req.token);
    let mut w = Walkthrough { id: req.id, alg: d.alg.clone().unwrap_or_default(), ..Walkthrough::default() };
    match prepare(req, &d) {
        Ok(p) => run(&p, &mut w),
        Err(why) => w.error = Some(why.to_string()),
    }
    w
}

/// What the walk needs once the token and the key are known to fit.
struct Prepared {
    alg: JwsAlg,
    key: Key,
    /// "Key used": which key, and why that one.
    key_label: String,
    signing_input: Vec<u8>,
    signature: Vec<u8>,
    /// Why the verifier rejects the token although its signature can be walked through.
    note: Option<String>,
}

fn prepare(req: &WalkRequest, d: &Decoded) -> Result<Prepared, WalkError> {
    if d.json.is_some() {
        return Err(WalkError::JsonSerialization);
    }
    if d.form == Form::Jwe {
        return Err(WalkError::Encrypted);
    }
    let keyset = jwk::parse(&req.key, req.encoding);
    // The verifier's own verdict decides what can be walked through: no token, no key,
    // `alg: none`, an unsupported alg or a key that cannot check it are its errors.
    let outcome = verify::verify(d, &keyset);
    match outcome.verdict {
        Verdict::Verified | Verdict::Invalid => {}
        _ => return Err(WalkError::Refused(outcome.message)),
    }
    // A header that repeats a member name is refused before any cryptography (RFC 7515 §4):
    // which of its algs would the walk show?
    if crate::jwt::verdict::duplicate_header_member(d).is_some() {
        return Err(WalkError::Refused(outcome.message));
    }
    // A payload that is not the JSON (or UTF-8) it should be is still signed bytes: the
    // walk goes on, and says that the verifier rejects the token all the same.
    let content = |p: &&Problem| matches!(p.code, ProblemCode::PayloadJson | ProblemCode::PayloadUtf8);
    if let Some(p) = d.problems.iter().find(|p| !content(p)) {
        return Err(WalkError::Unparsable(p.to_string()));
    }
    let note = d.problems.iter().find(content).map(|p| {
        format!(" The verifier rejects this token all the same, because its payload cannot be read ({p}); the signature covers the bytes as they are.")
    });
    let alg_name = d.alg.clone().unwrap_or_default();
    let Some(alg) = JwsAlg::parse(&alg_name).filter(|a| a.scheme() != Scheme::Unsecured) else {
        return Err(WalkError::UnsupportedAlg(alg_name));
    };
    let set = keyset.map_err(WalkError::Key)?;
    if outcome.verdict == Verdict::Invalid {
        // Refusals before any cryptography: the verifier never gets to the signature.
        if let Some(why) = verify::non_canonical(d) {
            return Err(WalkError::NonCanonical(why));
        }
        if let Some(why) = verify::header_refusal(d) {
            return Err(WalkError::Header(why));
        }
    }

    let kid = d.header_member("kid").and_then(Node::as_str);
    let (fitting, _) = verify::candidates(&set, alg, kid);
    let verified = match outcome.verdict {
        Verdict::Verified => outcome.key.filter(|i| fitting.contains(i)),
        _ => None,
    };
    let Some(index) = verified.or_else(|| fitting.first().copied()) else {
        return Err(WalkError::Refused(outcome.message));
    };
    let Some(key) = set.keys.get(index) else {
        return Err(WalkError::Refused(outcome.message));
    };
    let n = set.keys.len();
    let which = if n > 1 { format!("key {} of {n}: ", index + 1) } else { String::new() };
    // One pasted key is checked whatever its kid (the verdict warns kid-mismatch).
    let other_kid = kid.is_some() && key.kid.is_some() && key.kid.as_deref() != kid;
    let why = match (verified.is_some(), kid.is_some() && key.kid.as_deref() == kid, n > 1) {
        _ if other_kid => " (its kid is not the token's: a verifier that selects keys by kid would not pick it)",
        (_, true, _) => " (its kid is the token's)",
        (true, false, true) => " (the key that verifies)",
        (false, false, true) => " (the first key that fits the algorithm)",
        _ => "",
    };
    let key_label = format!("{which}{}{why}; thumbprint {}", key.describe(), key.thumbprint);

    let (Some(header), Some(payload), Some(sig)) =
        (d.segment(Part::Header), d.segment(Part::Payload), d.segment(Part::Signature))
    else {
        return Err(WalkError::Incomplete);
    };
    let token = d.input.token.as_bytes();
    let Some(signing_input) = token.get(header.range.start..payload.range.end) else {
        return Err(WalkError::NoSigningInput);
    };
    let signature = d
        .input
        .token
        .get(sig.range.clone())
        .map(base64url::decode_strict)
        .and_then(Result::ok)
        .ok_or(WalkError::SignatureNotCanonical)?;
    Ok(Prepared { alg, key: key.clone(), key_label, signing_input: signing_input.to_vec(), signature, note })
}

fn run(p: &Prepared, w: &mut Walkthrough) {
    let mut first = signing_input_step(&p.signing_input);
    if let Some(note) = &p.note {
        first.explain.push_str(note);
    }
    w.steps.push(first);
    match (&p.key.material, p.alg.scheme()) {
        (Material::Secret(s), _) => hmac_walk(p, s.bytes(), w),
        (Material::Public(PublicKey::Rsa(k)), Scheme::RsaPss) => pss_walk(p, k, w),
        (Material::Public(PublicKey::Rsa(k)), _) => pkcs1_walk(p, k, w),
        (Material::Public(PublicKey::Ed25519(k)), _) => ed25519_walk(p, k, w),
        (Material::Public(PublicKey::Ed448(k)), _) => ed448_walk(p, k, w),
        (Material::Public(PublicKey::MlDsa(k)), _) => mldsa_walk(p, k, w),
        // `jwk::parse` gives a private key's public half: no private key comes here.
        (Material::Public(_) | Material::Private(_), _) => ecdsa_walk(p, w),
    }
    // The crate's own verification has the last word.
    let library = verify::verify_signature(p.alg, &p.key, &p.signing_input, &p.signature).is_ok();
    if let Some(holds) = w.holds.filter(|&h| h != library) {
        w.holds = Some(library);
        if let Some(last) = w.steps.last_mut() {
            last.explain.push_str(&format!(
                " The library's own verification says the signature {} while the step-by-step arithmetic says it {}; the verdict follows the library.",
                if library { "holds" } else { "fails" },
                if holds { "holds" } else { "fails" }
            ));
        }
    }
}

fn signing_input_step(input: &[u8]) -> WalkStep {
    WalkStep::new(
        "signing-input",
        "Signing input",
        "The signature covers the ASCII text base64url(header) . base64url(payload), exactly as written in the token: everything before the second dot, not the decoded JSON. Re-encoding the JSON differently would change these bytes and break the signature.",
    )
    .field("signing-input", "ASCII text", cap_text(&String::from_utf8_lossy(input), input.len()))
    .field("signing-input-hex", "Bytes (hex)", head_hex(input))
}

// ---- HMAC ----

fn hmac_walk(p: &Prepared, secret: &[u8], w: &mut Walkthrough) {
    fn mac<M: hmac::Mac + hmac::KeyInit>(key: &[u8], msg: &[u8]) -> Option<Vec<u8>> {
        let mut m = <M as hmac::KeyInit>::new_from_slice(key).ok()?;
        m.update(msg);
        Some(m.finalize().into_bytes().to_vec())
    }
    let hash = p.alg.hash().unwrap_or(HashAlg::Sha256);
    let name = format!("HMAC-{}", hash.name());
    let computed = match hash {
        HashAlg::Sha384 => mac::<Hmac<Sha384>>(secret, &p.signing_input),
        HashAlg::Sha512 => mac::<Hmac<Sha512>>(secret, &p.signing_input),
        _ => mac::<Hmac<Sha256>>(secret, &p.signing_input),
    };
    let Some(computed) = computed else {
        w.error = Some(WalkError::HmacKey.to_string());
        return;
    };
    w.steps.push(
        WalkStep::new(
            "hmac",
            name.as_str(),
            format!("The verifier computes {name} of the signing input, keyed with the shared secret. Only someone who holds the same secret can compute this value, so the verifier can also forge tokens."),
        )
        .field("key", "Key used", &p.key_label)
        .field("hmac", name.as_str(), hex(&computed)),
    );
    let holds: bool = computed.ct_eq(&p.signature).into();
    let diff = first_difference(&computed, &p.signature);
    let verdict = match (holds, diff) {
        (true, _) => "They are equal: the signature holds.".to_string(),
        (false, _) if computed.len() != p.signature.len() => format!(
            "They differ: the token's signature has {} bytes where {name} gives {}.",
            p.signature.len(),
            computed.len()
        ),
        (false, Some(i)) => {
            format!("They differ from byte {i} on: the token was changed after signing, or signed with another secret.")
        }
        (false, None) => "They differ.".to_string(),
    };
    w.steps.push(
        WalkStep::new(
            "compare",
            "Compare with the signature",
            format!("The token is genuine if the computed HMAC equals the token's signature, byte for byte, compared in constant time so that timing tells an attacker nothing. {verdict}"),
        )
        .field("computed", "Computed HMAC", hex(&computed))
        .field("actual", "Signature in the token", cap_hex(&p.signature)),
    );
    w.holds = Some(holds);
    w.first_difference = if holds { None } else { diff };
}

// ---- hashes ----

/// A hash of the table, computed.
fn digest(h: HashAlg, parts: &[&[u8]]) -> Vec<u8> {
    fn run<D: Digest>(parts: &[&[u8]]) -> Vec<u8> {
        let mut d = D::new();
        for part in parts {
            d.update(part);
        }
        d.finalize().to_vec()
    }
    match h {
        HashAlg::Sha1 => run::<sha1::Sha1>(parts),
        HashAlg::Sha256 => run::<Sha256>(parts),
        HashAlg::Sha384 => run::<Sha384>(parts),
        HashAlg::Sha512 => run::<Sha512>(parts),
    }
}

/// The DER DigestInfo prefix that names a hash in PKCS#1 v1.5 (RFC 8017 §9.2); no JWS
/// algorithm signs SHA-1, so it has none here.
fn digest_info(h: HashAlg) -> Box<[u8]> {
    match h {
        HashAlg::Sha1 => Box::new([]),
        HashAlg::Sha256 => rsa::Pkcs1v15Sign::new::<Sha256>().prefix,
        HashAlg::Sha384 => rsa::Pkcs1v15Sign::new::<Sha384>().prefix,
        HashAlg::Sha512 => rsa::Pkcs1v15Sign::new::<Sha512>().prefix,
    }
}

fn hash_step(p: &Prepared) -> (HashAlg, Vec<u8>, WalkStep) {
    // Every algorithm walked through by hash (RSA, ECDSA) has one in the table.
    let h = p.alg.hash().unwrap_or(HashAlg::Sha256);
    let z = digest(h, &[&p.signing_input]);
    let step = WalkStep::new(
        "hash",
        format!("{} of the signing input", h.name()),
        format!(
            "{} does not sign the signing input itself but its {} hash, {} bytes that change completely if one bit of the input changes.",
            p.alg,
            h.name(),
            h.size()
        ),
    )
    .field("hash", h.name(), hex(&z));
    (h, z, step)
}

// ---- RSA ----

/// RSAVP1 (RFC 8017 §5.2.2): m = s^e mod n, as `size` bytes (I2OSP), by the big integers
/// of `crypto-bigint` that `rsa` itself uses.
fn rsa_public(k: &rsa::PublicKey, sig: &[u8]) -> Result<Vec<u8>, StepFailure> {
    let size = k.size();
    if sig.len() != size {
        return Err(StepFailure::RsaLength { modulus: size, actual: sig.len() });
    }
    let params = k.n_params();
    let n = params.modulus();
    let s = rsa::BoxedUint::from_be_slice(sig, params.bits_precision()).map_err(|_| StepFailure::RsaNotANumber)?;
    if s >= *n.as_ref() {
        return Err(StepFailure::RsaNotBelowModulus);
    }
    let m = s.pow_mod(k.e(), n).to_be_bytes();
    // I2OSP: m < n < 256^size, so any bytes beyond `size` are leading zeros.
    let mut em = vec![0u8; size.saturating_sub(m.len())];
    em.extend_from_slice(m.get(m.len().saturating_sub(size)..).unwrap_or_default());
    Ok(em)
}

fn rsa_step(p: &Prepared, k: &rsa::PublicKey, explain: &str) -> (WalkStep, Result<Vec<u8>, StepFailure>) {
    let result = rsa_public(k, &p.signature);
    let step = WalkStep::new(
        "rsa",
        "RSA public operation: m = s^e mod n",
        match &result {
            Ok(_) => format!(
                "The signature s, read as a big-endian number, is raised to the public exponent e modulo n. {explain}"
            ),
            Err(why) => why.to_string(),
        },
    )
    .field("key", "Key used", &p.key_label)
    .field("e", "Public exponent e (hex)", hex(&k.e().to_be_bytes_trimmed_vartime()))
    .field("signature", "Signature s (hex)", cap_hex(&p.signature));
    match &result {
        Ok(em) => (step.field("em", "Encoded message EM = s^e mod n", cap_hex(em)), result),
        Err(_) => (step, result),
    }
}

fn pkcs1_walk(p: &Prepared, k: &rsa::PublicKey, w: &mut Walkthrough) {
    let (h, z, step) = hash_step(p);
    w.steps.push(step);
    let (step, em) = rsa_step(
        p,
        k,
        "For a genuine signature this undoes the signer's private-key operation and gives back the encoded message EM, which PKCS#1 v1.5 lays out as 00 01 FF…FF 00 DigestInfo hash: the padding, the DER name of the hash algorithm, then the hash.",
    );
    w.steps.push(step);
    let em = match em {
        Ok(em) => em,
        Err(_) => {
            w.holds = Some(false);
            return;
        }
    };
    let size = em.len();
    let prefix = digest_info(h);
    let t_len = prefix.len() + z.len();
    if size < t_len + 11 {
        w.steps.push(WalkStep::new(
            "compare",
            "Compare with the expected encoding",
            format!("A {}-byte modulus is too short to hold the PKCS#1 v1.5 encoding of a {} hash, so no signature can hold.", size, h.name()),
        ));
        w.holds = Some(false);
        return;
    }
    let mut expected = vec![0x00, 0x01];
    expected.resize(size - t_len - 1, 0xff);
    expected.push(0x00);
    expected.extend_from_slice(&prefix);
    expected.extend_from_slice(&z);
    let holds: bool = expected.ct_eq(&em).into();
    let diff = first_difference(&expected, &em);
    let verdict = match diff {
        None => "They are equal: the signature holds.".to_string(),
        Some(i) if i < 2 => format!(
            "They differ from byte {i} on, in the 00 01 header: the signature was not made with this key's private half, or the token was changed."
        ),
        Some(i) if i < size - t_len => format!(
            "They differ from byte {i} on, in the padding or the DigestInfo: the signature was not made with this key, or not with {}.",
            p.alg
        ),
        Some(i) => format!("They differ from byte {i} on, in the hash: the token was changed after signing."),
    };
    w.steps.push(
        WalkStep::new(
            "compare",
            "Compare with the expected encoding",
            format!("The verifier builds the EM it expects from its own hash (00 01, FF bytes, 00, the DigestInfo naming {}, the hash) and compares it with the EM recovered from the signature. {verdict}", h.name()),
        )
        .field("digest-info", format!("DigestInfo prefix for {}", h.name()), hex(&prefix))
        .field("computed", "Expected EM, built from the hash", cap_hex(&expected))
        .field("actual", "EM recovered from the signature", cap_hex(&em)),
    );
    w.holds = Some(holds);
    w.first_difference = diff;
}

/// MGF1 (RFC 8017 §B.2.1) with the given hash.
fn mgf1(h: HashAlg, seed: &[u8], len: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(len + h.size());
    let mut counter: u32 = 0;
    while out.len() < len {
        out.extend_from_slice(&digest(h, &[seed, &counter.to_be_bytes()]));
        counter = counter.wrapping_add(1);
    }
    out.truncate(len);
    out
}

/// (salt, H′ computed, H from EM).
type Unmasked = (Vec<u8>, Vec<u8>, Vec<u8>);

/// EMSA-PSS decoding (RFC 8017 §9.1.2) up to H′: (salt, H′, H), or why the EM is malformed.
fn pss_unmask(h: HashAlg, m_hash: &[u8], em: &[u8], mod_bits: usize) -> Result<Unmasked, StepFailure> {
    let em_bits = mod_bits.saturating_sub(1);
    let em_len = em_bits.div_ceil(8);
    // When emBits is a multiple of 8, EM is one byte shorter than the modulus: drop the 00.
    let em = em.get(em.len().saturating_sub(em_len)..).unwrap_or_default();
    let h_len = h.size();
    if em_len < h_len + 2 || em.len() != em_len {
        return Err(StepFailure::PssModulusTooShort);
    }
    if em.last() != Some(&0xbc) {
        return Err(StepFailure::PssTrailer);
    }
    let db_len = em_len - h_len - 1;
    let (Some(masked_db), Some(hh)) = (em.get(..db_len), em.get(db_len..em_len - 1)) else {
        return Err(StepFailure::PssTooShort);
    };
    let top_bits = 8 * em_len - em_bits;
    let top_mask: u8 = if top_bits >= 8 { 0 } else { 0xff >> top_bits };
    if masked_db.first().is_some_and(|b| b & !top_mask != 0) {
        return Err(StepFailure::PssTopBits);
    }
    let mut db: Vec<u8> = masked_db.iter().zip(mgf1(h, hh, db_len)).map(|(a, b)| a ^ b).collect();
    if let Some(first) = db.first_mut() {
        *first &= top_mask;
    }
    let Some(one) = db.iter().position(|&b| b != 0).filter(|&i| db.get(i) == Some(&0x01)) else {
        return Err(StepFailure::PssDb);
    };
    let salt = db.get(one + 1..).unwrap_or_default().to_vec();
    let h_prime = digest(h, &[&[0u8; 8], m_hash, &salt]);
    Ok((salt, h_prime, hh.to_vec()))
}

fn pss_walk(p: &Prepared, k: &rsa::PublicKey, w: &mut Walkthrough) {
    let (h, z, step) = hash_step(p);
    w.steps.push(step);
    let (step, em) = rsa_step(
        p,
        k,
        "For a genuine signature this gives back the encoded message EM, which PSS (RFC 8017 §9.1) lays out as maskedDB ‖ H ‖ bc: H is a hash of the message hash and a random salt, and maskedDB is the salt, hidden under a mask derived from H. Its last byte is always bc.",
    );
    let em = match em {
        Ok(em) => {
            let h_len = h.size();
            let hh = em.len().checked_sub(h_len + 1).and_then(|start| em.get(start..start + h_len));
            w.steps.push(step.field("h", "H (the hash before bc)", hh.map(hex).unwrap_or_default()));
            em
        }
        Err(_) => {
            w.steps.push(step);
            w.holds = Some(false);
            return;
        }
    };
    let mod_bits = k.n().as_ref().bit_width_vartime() as usize;
    match pss_unmask(h, &z, &em, mod_bits) {
        Ok((salt, h_prime, hh)) => {
            let same = h_prime == hh;
            w.steps.push(
                WalkStep::new(
                    "unmask",
                    "Unmask the salt and recompute H",
                    format!(
                        "The mask is MGF1({0}) of H; XOR-ing it off maskedDB gives DB = 00…00 01 salt. The verifier then computes H′ = {0}(00 00 00 00 00 00 00 00 ‖ hash ‖ salt); the signature holds if H′ = H. {1}",
                        h.name(),
                        if same { "They are equal." } else { "They differ: the token was changed after signing." }
                    ),
                )
                .field("salt", format!("Salt ({} bytes)", salt.len()), hex(&salt))
                .field("computed", "H′, computed", hex(&h_prime))
                .field("actual", "H, from EM", hex(&hh)),
            );
        }
        Err(why) => w.steps.push(WalkStep::new("unmask", "Unmask the salt and recompute H", why.to_string())),
    }
    let ok = verify::verify_signature(p.alg, &p.key, &p.signing_input, &p.signature).is_ok();
    w.steps.push(
        WalkStep::new(
            "check",
            "PSS verification",
            format!(
                "The rsa crate's RSASSA-PSS verification (with {}, MGF1 and the salt as long as the hash, RFC 7518 §3.5) decides. {}",
                h.name(),
                if ok { "The signature holds." } else { "The signature fails." }
            ),
        )
        .field("result", "rsa crate's PSS verification", if ok { "holds" } else { "fails" }),
    );
    w.holds = Some(ok);
}

// ---- ECDSA ----

/// What the ECDSA arithmetic gave.
struct EcCheck {
    u1: Vec<u8>,
    u2: Vec<u8>,
    /// x(R′) mod n, or `None` when R′ is the point at infinity.
    x_r: Option<Vec<u8>>,
}

/// ECDSA verification (SEC 1 §4.1.4) with the curve's own scalars and points: whether s
/// is low, and u1 = z·s⁻¹, u2 = r·s⁻¹, R′ = u1·G + u2·Q, x(R′) mod n.
fn ec_math<C: CurveArithmetic>(
    q: &C::AffinePoint,
    z: &[u8],
    r: &[u8],
    s: &[u8],
) -> (Option<bool>, Result<EcCheck, StepFailure>) {
    let bytes = |b: &[u8]| {
        let mut fb = FieldBytes::<C>::default();
        (b.len() == fb.len()).then(|| {
            fb.copy_from_slice(b);
            fb
        })
    };
    let scalar = |b: &[u8]| bytes(b).and_then(|fb| Option::<C::Scalar>::from(C::Scalar::from_repr(fb)));
    let (r_s, s_s) = (scalar(r), scalar(s));
    let low_s = s_s.map(|s| !bool::from(s.is_high()));
    let zero = |b: &[u8]| b.iter().all(|&x| x == 0);
    let bad = match (zero(r), zero(s), r_s.is_none(), s_s.is_none()) {
        (true, _, _, _) | (_, true, _, _) => Some(StepFailure::EcdsaZero),
        (_, _, true, _) | (_, _, _, true) => Some(StepFailure::EcdsaNotBelowOrder),
        _ => None,
    };
    let (Some(r_s), Some(s_s), None) = (r_s, s_s, bad) else {
        return (low_s, Err(bad.unwrap_or(StepFailure::EcdsaUnreadable)));
    };
    // z: the hash as a number (zero-padded on the left to the field size; a longer hash,
    // which no JWS curve has, would keep its leftmost bytes), reduced mod n.
    let mut zb = FieldBytes::<C>::default();
    let size = zb.len();
    let take = z.get(..size.min(z.len())).unwrap_or_default();
    if let Some(tail) = zb.get_mut(size - take.len()..) {
        tail.copy_from_slice(take);
    }
    let z_s = <C::Scalar as Reduce<FieldBytes<C>>>::reduce(&zb);
    let Some(s_inv) = Option::<C::Scalar>::from(Field::invert(&s_s)) else {
        return (low_s, Err(StepFailure::EcdsaNoInverse));
    };
    let u1 = z_s * s_inv;
    let u2 = r_s * s_inv;
    let point = C::ProjectivePoint::generator() * u1 + C::ProjectivePoint::from(*q) * u2;
    let x_r = (!bool::from(point.is_identity()))
        .then(|| <C::Scalar as Reduce<FieldBytes<C>>>::reduce(&point.to_affine().x()).to_repr().to_vec());
    (low_s, Ok(EcCheck { u1: u1.to_repr().to_vec(), u2: u2.to_repr().to_vec(), x_r }))
}

fn ecdsa_walk(p: &Prepared, w: &mut Walkthrough) {
    let (_, z, step) = hash_step(p);
    w.steps.push(step);
    // The curve, and the size of r and of s: half the signature's (RFC 7518 §3.4).
    let (curve, size) = match (p.alg.key_type(), p.alg.signature_size()) {
        (Some(KeyType::Ec(c)), SignatureSize::Exact(n)) => (c.name(), n / 2),
        _ => ("P-256", 32),
    };
    let split = (p.signature.len() == 2 * size).then(|| p.signature.split_at_checked(size)).flatten();
    let Some((r, s)) = split else {
        let der = p.signature.first() == Some(&0x30) && p.signature.len() > 8 && p.signature.len() < 2 * size + 10;
        w.steps.push(
            WalkStep::new(
                "signature",
                "Split the signature into r and s",
                format!(
                    "An ECDSA signature in a JWS is r ‖ s, two {size}-byte numbers, {} bytes in all (RFC 7518 §3.4); this one has {}{}, so it fails.",
                    2 * size,
                    p.signature.len(),
                    if der { " and looks DER-encoded, which JWS does not use" } else { "" }
                ),
            )
            .field("signature", "Signature (hex)", cap_hex(&p.signature)),
        );
        w.holds = Some(false);
        return;
    };
    let (low_s, check) = match &p.key.material {
        Material::Public(PublicKey::P256(k)) => ec_math::<p256::NistP256>(k.as_affine(), &z, r, s),
        Material::Public(PublicKey::P384(k)) => ec_math::<p384::NistP384>(k.as_affine(), &z, r, s),
        Material::Public(PublicKey::P521(k)) => ec_math::<p521::NistP521>(k.as_affine(), &z, r, s),
        Material::Public(PublicKey::Secp256k1(k)) => ec_math::<k256::Secp256k1>(k.as_affine(), &z, r, s),
        _ => (None, Err(StepFailure::NotEcKey)),
    };
    let low = match low_s {
        Some(true) => "yes: s ≤ n/2".to_string(),
        Some(false) => "no (high-S): s > n/2; valid, as RFC 7518 allows, but n − s would be a second valid signature for the same token".to_string(),
        None => "not a number below n".to_string(),
    };
    w.steps.push(
        WalkStep::new(
            "signature",
            "Split the signature into r and s",
            format!("An ECDSA signature in a JWS is r ‖ s, two {size}-byte big-endian numbers (RFC 7518 §3.4), not DER. r is the x-coordinate (mod n) of a point the signer made from a secret random number; s ties it to the hash and the private key."),
        )
        .field("r", "r", hex(r))
        .field("s", "s", hex(s))
        .field("low-s", "s is low (≤ n/2)", low),
    );
    let explain = format!(
        "With z the hash read as a number, the verifier computes u1 = z·s⁻¹ and u2 = r·s⁻¹ mod n, then the point R′ = u1·G + u2·Q on {curve}, where G is the generator and Q the public key. The signature holds if x(R′) mod n equals r."
    );
    let check = match check {
        Ok(c) => c,
        Err(why) => {
            w.steps.push(WalkStep::new("check", "Check that x(u1·G + u2·Q) = r", why.to_string()).field(
                "key",
                "Key used",
                &p.key_label,
            ));
            w.holds = Some(false);
            return;
        }
    };
    let step = WalkStep::new("check", "Check that x(u1·G + u2·Q) = r", "")
        .field("key", "Key used", &p.key_label)
        .field("u1", "u1 = z·s⁻¹ mod n", hex(&check.u1))
        .field("u2", "u2 = r·s⁻¹ mod n", hex(&check.u2));
    let Some(x_r) = check.x_r else {
        w.steps.push(WalkStep {
            explain: format!(
                "{explain} Here R′ is the point at infinity, which has no x-coordinate, so the signature fails."
            ),
            ..step
        });
        w.holds = Some(false);
        return;
    };
    let holds: bool = x_r.ct_eq(r).into();
    let diff = first_difference(&x_r, r);
    let verdict = if holds {
        "They are equal: the signature holds.".to_string()
    } else {
        "They differ: the token was changed after signing, or signed with another key.".to_string()
    };
    w.steps.push(
        WalkStep { explain: format!("{explain} {verdict}"), ..step }
            .field("x-r", "x(R′) mod n", hex(&x_r))
            .field("computed", "x(R′) mod n, computed", hex(&x_r))
            .field("actual", "r, from the signature", hex(r)),
    );
    w.holds = Some(holds);
    w.first_difference = diff;
}

// ---- Ed25519 ----

fn ed25519_walk(p: &Prepared, k: &ed25519_dalek::VerifyingKey, w: &mut Walkthrough) {
    let a = k.as_bytes();
    let Ok(bytes) = <[u8; 64]>::try_from(p.signature.as_slice()) else {
        w.steps.push(
            WalkStep::new(
                "signature",
                "Split the signature into R and S",
                format!(
                    "An Ed25519 signature has exactly 64 bytes, R ‖ S; this one has {}, so it fails.",
                    p.signature.len()
                ),
            )
            .field("A", "Public key A", hex(a)),
        );
        w.holds = Some(false);
        return;
    };
    let (r, s) = bytes.split_at(32);
    w.steps.push(
        WalkStep::new(
            "signature",
            "Split the signature into R and S",
            "An Ed25519 signature (RFC 8032) is R ‖ S: R, 32 bytes, is a curve point the signer derived from its key and the message; S, 32 bytes, is a number below the group order. A is the public key, also a point.",
        )
        .field("R", "R (point)", hex(r))
        .field("S", "S (scalar)", hex(s))
        .field("A", "Public key A", hex(a)),
    );
    let kk = digest(HashAlg::Sha512, &[r, a, &p.signing_input]);
    let ok = k.verify_strict(&p.signing_input, &ed25519_dalek::Signature::from_bytes(&bytes)).is_ok();
    w.steps.push(
        WalkStep::new(
            "check",
            "Check that [S]B = R + [k]A",
            format!(
                "The verifier hashes R, the public key A and the message M together, k = SHA-512(R ‖ A ‖ M) read as a little-endian number mod the group order, and checks that S times the base point B equals R plus k times A. The check is strict (ed25519-dalek's verify_strict): S must be below the group order, and R and A must be canonical points not of small order. {}",
                if ok { "The equation holds." } else { "It does not hold: the token was changed after signing, or signed with another key." }
            ),
        )
        .field("key", "Key used", &p.key_label)
        .field("k", "k = SHA-512(R ‖ A ‖ M)", hex(&kk))
        .field("result", "ed25519-dalek verify_strict", if ok { "holds" } else { "fails" }),
    );
    w.holds = Some(ok);
}

/// Ed448 (RFC 8032 §5.2.7), as JOSE uses it (pure, empty context): R, S and A; k =
/// SHAKE256(dom4(0, "") ‖ R ‖ A ‖ M, 114) mod L; both sides of [S]B = R + [k]A, computed
/// with the crate's point arithmetic.
fn ed448_walk(p: &Prepared, k: &ed448_goldilocks::VerifyingKey, w: &mut Walkthrough) {
    use ed448_goldilocks::shake::{ExtendableOutput as _, Shake256, Update as _, XofReader as _};
    use ed448_goldilocks::{CompressedEdwardsY, EdwardsPoint, EdwardsScalar, WideEdwardsScalarBytes};
    let a = k.as_bytes();
    let Ok(bytes) = <&[u8; 114]>::try_from(p.signature.as_slice()) else {
        w.steps.push(
            WalkStep::new(
                "signature",
                "Split the signature into R and S",
                format!(
                    "An Ed448 signature has exactly 114 bytes, R ‖ S; this one has {}, so it fails.",
                    p.signature.len()
                ),
            )
            .field("A", "Public key A", hex(a)),
        );
        w.holds = Some(false);
        return;
    };
    let (r, s) = bytes.split_at(57);
    w.steps.push(
        WalkStep::new(
            "signature",
            "Split the signature into R and S",
            "An Ed448 signature (RFC 8032 §5.2) is R ‖ S: R, 57 bytes, is a point of the Edwards curve edwards448 the signer derived from its key and the message; S, 57 bytes, is a number below the group order L. A is the public key, also a point.",
        )
        .field("R", "R (point)", hex(r))
        .field("S", "S (scalar)", hex(s))
        .field("A", "Public key A", hex(a)),
    );
    // dom4(0, "") = "SigEd448" ‖ 0 (not prehashed) ‖ 0 (the context's length).
    let mut hash = [0u8; 114];
    let mut xof = Shake256::default();
    xof.update(b"SigEd448\x00\x00");
    xof.update(r);
    xof.update(a);
    xof.update(&p.signing_input);
    xof.finalize_xof().read(&mut hash);
    let kk = EdwardsScalar::from_bytes_mod_order_wide(&WideEdwardsScalarBytes::from(hash));
    // S as a number (reduced mod L only to show the arithmetic: the check refuses S ≥ L).
    let mut wide = [0u8; 114];
    wide[..57].copy_from_slice(s);
    let ss = EdwardsScalar::from_bytes_mod_order_wide(&WideEdwardsScalarBytes::from(wide));
    let compress = |pt: &EdwardsPoint| hex(&pt.to_affine().compress().to_bytes());
    let r_point = <[u8; 57]>::try_from(r)
        .ok()
        .and_then(|r| CompressedEdwardsY(r).decompress().into_option())
        .map(|r| r.to_edwards());
    let sb = compress(&(EdwardsPoint::GENERATOR * ss));
    let rka = r_point.map(|r| compress(&(r + k.to_edwards() * kk)));
    let ok = verify::ed448_verify(k, &p.signing_input, bytes);
    w.steps.push(
        WalkStep::new(
            "check",
            "Check that [S]B = R + [k]A",
            format!(
                "The verifier hashes a domain prefix, R, the public key A and the message M together, k = SHAKE256(dom4(0, \"\") ‖ R ‖ A ‖ M, 114 bytes) read as a little-endian number mod L, and checks that S times the base point B equals R plus k times A. JOSE uses pure Ed448 with an empty context: dom4(0, \"\") is \"SigEd448\", then a zero byte (not prehashed) and the context's length, zero (RFC 8032 §5.2, RFC 8037 §3.1). The check is strict: S must be below L, and R and A must be canonical encodings of points of the prime-order group. {}",
                if ok { "The equation holds." } else { "It does not hold: the token was changed after signing, or signed with another key." }
            ),
        )
        .field("key", "Key used", &p.key_label)
        .field("k", "k = SHAKE256(dom4 ‖ R ‖ A ‖ M, 114) mod L", hex(&kk.to_bytes_rfc_8032()))
        .field("SB", "[S]B", sb)
        .field("RkA", "R + [k]A", rka.unwrap_or_else(|| "R is not a point of the curve".into()))
        .field("result", "ed448-goldilocks verification", if ok { "holds" } else { "fails" }),
    );
    w.holds = Some(ok);
}

// ---- ML-DSA ----

fn mldsa_walk(p: &Prepared, k: &jwk::mldsa::MlDsaPublicKey, w: &mut Walkthrough) {
    use jwk::mldsa::MlDsaFailure;
    let alg = k.alg();
    // The parameters a teacher can show (FIPS 204 Table 1): the challenge's size (λ/4), ℓ
    // and k (z has ℓ polynomials, t1 and the hint k), z's bits per coefficient, and ω.
    let Some(params) = alg.ml_dsa() else { return };
    let (c_len, l, kk, gamma1_bits, omega) = (params.challenge, params.l, params.k, params.z_bits, params.omega);
    let z_len = l * 32 * gamma1_bits;
    let public = k.to_bytes();
    let (rho, t1) = public.split_at(32.min(public.len()));
    w.steps.push(
        WalkStep::new(
            "public-key",
            "Split the public key into ρ and t1",
            format!(
                "An {alg} public key (FIPS 204, as the AKP key's \"pub\" holds it) is ρ ‖ t1: ρ, 32 bytes, is the seed the matrix A is expanded from (k × ℓ = {kk} × {l} polynomials of 256 coefficients); t1, {} bytes, is {kk} polynomials of 256 coefficients, 10 bits each: the high bits of t = A·s1 + s2, where s1 and s2 are the small secret vectors.",
                t1.len()
            ),
        )
        .field("rho", "ρ (32 bytes)", hex(rho))
        .field("t1", format!("t1 ({} bytes)", t1.len()), cap_hex(t1)),
    );
    let expected = c_len + z_len + omega + kk;
    if p.signature.len() != expected {
        w.steps.push(WalkStep::new(
            "signature",
            "Split the signature into c̃, z and h",
            format!(
                "An {alg} signature has exactly {expected} bytes, c̃ ‖ z ‖ h; this one has {}, so it fails.",
                p.signature.len()
            ),
        ));
        w.holds = Some(false);
        return;
    }
    let (c_tilde, rest) = p.signature.split_at(c_len);
    let (z, h) = rest.split_at(z_len);
    w.steps.push(
        WalkStep::new(
            "signature",
            "Split the signature into c̃, z and h",
            format!(
                "An {alg} signature is c̃ ‖ z ‖ h: c̃, {c_len} bytes (λ/4), is the commitment hash the challenge c is derived from; z, {z_len} bytes, is {l} polynomials of 256 coefficients, {gamma1_bits} bits each, the response, which must be small (‖z‖∞ < γ1 − β); h, {} bytes, is the hint: at most ω = {omega} positions, then a count for each of the {kk} polynomials.",
                h.len()
            ),
        )
        .field("c-tilde", format!("c̃ ({c_len} bytes)"), hex(c_tilde))
        .field("z", format!("z ({z_len} bytes)"), cap_hex(z))
        .field("h", format!("h ({} bytes)", h.len()), hex(h)),
    );
    let mu = k.mu(&p.signing_input, &[]);
    w.steps.push(
        WalkStep::new(
            "message",
            "The message representative μ",
            "JOSE signs with pure ML-DSA and the empty context string (RFC 9964), so the message is M′ = 0x00 ‖ 0x00 ‖ M, M being the signing input. The verifier hashes it with the hash of the public key: μ = SHAKE256(tr ‖ M′, 64 bytes), where tr = SHAKE256(pub, 64 bytes). μ binds the signature to this key and these bytes.",
        )
        .field("mu", "μ (64 bytes)", mu.map(|m| hex(&m)).unwrap_or_default()),
    );
    let result = k.verify(&p.signing_input, &[], &p.signature);
    let ok = result.is_ok();
    let outcome = match result {
        Ok(()) => "c̃′ equals c̃: the signature holds.",
        Err(MlDsaFailure::Malformed) => {
            "The signature does not even decode: its hint is not a valid encoding, or z is too large (‖z‖∞ ≥ γ1 − β), so it fails before the lattice arithmetic."
        }
        Err(_) => {
            "c̃′ differs from c̃: the token was changed after signing, or signed with another key (or another context)."
        }
    };
    w.steps.push(
        WalkStep::new(
            "check",
            "Recompute the commitment and compare with c̃",
            format!(
                "The rest is lattice arithmetic, beyond a step-by-step view here: the verifier expands A from ρ and the challenge c (a polynomial with a few ±1 coefficients) from c̃, computes w′ = A·z − c·t1·2^13 over polynomials of 256 coefficients mod q = 8380417 (in the NTT domain), uses the hint h to recover w′'s high bits w′1, and hashes them with μ: c̃′ = SHAKE256(μ ‖ w1Encode(w′1), {c_len} bytes). The ml-dsa crate does this arithmetic and does not show w′1. {outcome}"
            ),
        )
        .field("key", "Key used", &p.key_label)
        .field("result", "ml-dsa verify (FIPS 204 Algorithm 3)", if ok { "holds" } else { "fails" }),
    );
    w.holds = Some(ok);
}

// ---- formatting ----

/// Hex, cut at about [`CAP`] characters with the size in bytes.
fn cap_hex(bytes: &[u8]) -> String {
    if bytes.len() * 2 <= CAP {
        return hex(bytes);
    }
    format!("{}… ({} bytes in all)", hex(bytes.get(..CAP / 2).unwrap_or_default()), bytes.len())
}

/// Text, cut at [`CAP`] characters with the size in bytes.
fn cap_text(text: &str, bytes: usize) -> String {
    match text.char_indices().nth(CAP) {
        Some((end, _)) => format!("{}… ({bytes} bytes in all)", text.get(..end).unwrap_or_default()),
        None => text.to_string(),
    }
}

/// The first [`HEX_HEAD`] bytes in hex, then the count if there are more.
fn head_hex(bytes: &[u8]) -> String {
    if bytes.len() <= HEX_HEAD {
        return hex(bytes);
    }
    format!("{}… ({} bytes in all)", hex(bytes.get(..HEX_HEAD).unwrap_or_default()), bytes.len())
}

/// The first byte index where `a` and `b` differ (where the shorter ends, if one is a
/// prefix of the other); `None` if they are equal.
fn first_difference(a: &[u8], b: &[u8]) -> Option<usize> {
    a.iter().zip(b).position(|(x, y)| x != y).or_else(|| (a.len() != b.len()).then(|| a.len().min(b.len())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::base64url::encode;
    use crate::jwt::json;
    use crate::jwt::jwk::SecretEncoding;
    use crate::jwt::protocol::{Answer, SignRequest};

    /// RFC 7515 Appendix A.2's RSA private key (the public half is the A.2 record's key).
    const RFC7515_RSA: &str = r#"{"kty":"RSA","n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ","e":"AQAB","d":"Eq5xpGnNCivDflJsRQBXHx1hdR1k6Ulwe2JZD50LpXyWPEAeP88vLNO97IjlA7_GQ5sLKMgvfTeXZx9SE-7YwVol2NXOoAJe46sui395IW_GO-pWJ1O0BkTGoVEn2bKVRUCgu-GjBVaYLU6f3l9kJfFNS3E0QbVdxzubSu3Mkqzjkn439X0M_V51gfpRLI9JYanrC4D4qAdGcopV_0ZHHzQlBjudU2QvXt4ehNYTCBr6XCLQUShb1juUO1ZdiYoFaFQT5Tw8bGUl_x_jTj3ccPDVZFD9pIuhLhBOneufuBiB4cS98l2SR_RQyGWSeWjnczT0QU91p1DhOVRuOopznQ","p":"4BzEEOtIpmVdVEZNCqS7baC4crd0pqnRH_5IB3jw3bcxGn6QLvnEtfdUdiYrqBdss1l58BQ3KhooKeQTa9AB0Hw_Py5PJdTJNPY8cQn7ouZ2KKDcmnPGBY5t7yLc1QlQ5xHdwW1VhvKn-nXqhJTBgIPgtldC-KDV5z-y2XDwGUc","q":"uQPEfgmVtjL0Uyyx88GZFF1fOunH3-7cepKmtH4pxhtCoHqpWmT8YAmZxaewHgHAjLYsp1ZSe7zFYHj7C6ul7TjeLQeZD_YwD66t62wDmpe_HlB-TnBA-njbglfIsRLtXlnDzQkv5dTltRJ11BKBBypeeF6689rjcJIDEz9RWdc"}"#;

    /// (token, key as JSON text) of a record of tests/data/rfc.jsonl.
    fn rfc(id: &str) -> (String, String) {
        let line = include_str!("../../../tests/data/rfc.jsonl")
            .lines()
            .find(|l| l.contains(&format!("\"id\": \"{id}\"")))
            .unwrap_or_else(|| panic!("{id} in tests/data/rfc.jsonl"));
        let doc = json::parse(line).expect("a JSON line");
        let token = doc.root.get("token").and_then(Node::as_str).expect("a token").to_string();
        let key = doc.root.get("key").map(|k| line[k.span.clone()].to_string()).expect("a key");
        (token, key)
    }

    fn walk_with(token: &str, key: &str) -> Walkthrough {
        walk(&WalkRequest { id: 1, token: token.into(), key: key.into(), encoding: SecretEncoding::Utf8 })
    }

    fn value<'a>(w: &'a Walkthrough, step: &str, field: &str) -> &'a str {
        w.step(step).and_then(|s| s.value(field)).unwrap_or_else(|| panic!("{step}/{field} in {w:#?}"))
    }

    fn slugs(w: &Walkthrough) -> Vec<&str> {
        w.steps.iter().map(|s| s.key.as_str()).collect()
    }

    /// A token signed here: (token, the key to verify it).
    fn signed(alg: &str, key: &str, payload: &str) -> (String, String) {
        let r = crate::jwt::jws::sign::answer(&SignRequest {
            id: 1,
            header: format!("{{\"alg\":\"{alg}\"}}"),
            payload: payload.into(),
            alg: alg.into(),
            key: key.into(),
            encoding: SecretEncoding::Utf8,
            exact: true,
            deterministic: false,
        });
        (r.token.unwrap_or_else(|e| panic!("{alg}: {e}")), r.verify_key.expect("a verify key"))
    }

    /// The token with one character of its payload changed (still canonical base64url).
    /// The token with one letter of its payload changed (the JSON stays valid).
    fn tamper(token: &str) -> String {
        let mut parts: Vec<String> = token.split('.').map(str::to_string).collect();
        let mut payload = crate::jwt::base64url::decode_strict(&parts[1]).expect("a payload");
        let i = payload.iter().position(u8::is_ascii_lowercase).expect("a letter");
        payload[i] = if payload[i] == b'z' { b'a' } else { payload[i] + 1 };
        parts[1] = encode(&payload);
        parts.join(".")
    }

    /// ML-DSA: the public key and the signature split into their parts with the sizes of
    /// FIPS 204 Table 2, μ shown, and the crate's check as the result; a tampered token and
    /// a signature of another key fail.
    #[test]
    fn walk_ml_dsa_each_level() {
        for (kind, alg, c, z, h) in [
            ("ml-dsa-44", "ML-DSA-44", 32, 2304, 84),
            ("ml-dsa-65", "ML-DSA-65", 48, 3200, 61),
            ("ml-dsa-87", "ML-DSA-87", 64, 4480, 83),
        ] {
            let b = crate::jwt::jwk::keygen::generate(kind).unwrap();
            let (token, key) = signed(alg, &b.private_jwk.clone().unwrap(), "{\"sub\":\"lattice\"}");
            let w = walk_with(&token, &key);
            assert_eq!((w.error.as_deref(), w.holds), (None, Some(true)), "{w:#?}");
            assert_eq!(slugs(&w), ["signing-input", "public-key", "signature", "message", "check"], "{alg}");
            assert_eq!(value(&w, "public-key", "rho").len(), 64, "{alg}");
            assert_eq!(value(&w, "signature", "c-tilde").len(), 2 * c, "{alg}");
            assert!(value(&w, "signature", "z").ends_with(&format!("({z} bytes in all)")), "{alg}");
            assert_eq!(value(&w, "signature", "h").len(), 2 * h, "{alg}");
            assert_eq!(value(&w, "message", "mu").len(), 128, "{alg}");
            assert_eq!(value(&w, "check", "result"), "holds");
            assert!(w.steps[4].explain.contains("beyond a step-by-step view"), "{alg}");
            let w = walk_with(&tamper(&token), &key);
            assert_eq!((w.error.as_deref(), w.holds), (None, Some(false)), "{w:#?}");
            assert!(w.steps[4].explain.contains("c̃′ differs from c̃"), "{alg}");
        }
    }

    #[test]
    fn walk_hs256_rfc7515_a1() {
        let (token, key) = rfc("rfc7515:A.1");
        let w = walk_with(&token, &key);
        assert_eq!((w.error.as_deref(), w.holds, w.first_difference), (None, Some(true), None), "{w:#?}");
        assert_eq!((w.id, w.alg.as_str()), (1, "HS256"));
        assert_eq!(slugs(&w), ["signing-input", "hmac", "compare"]);
        let mac = "7418dfb49799e0254ffa607dd8adbbba16d4254d69d6bff05b58055853848d79";
        assert_eq!(value(&w, "hmac", "hmac"), mac);
        assert_eq!(value(&w, "compare", "computed"), mac);
        assert_eq!(value(&w, "compare", "actual"), mac);
        let input = token.rsplit_once('.').map(|(i, _)| i).unwrap_or_default();
        assert_eq!(value(&w, "signing-input", "signing-input"), input);
        assert!(value(&w, "signing-input", "signing-input-hex").starts_with("65794a30"));
        assert!(
            value(&w, "signing-input", "signing-input-hex").ends_with(&format!("… ({} bytes in all)", input.len()))
        );
        assert!(value(&w, "hmac", "key").contains("HMAC secret, 64 bytes"), "{}", value(&w, "hmac", "key"));

        // One payload character changed: the HMAC differs, from byte 0 (a new hash).
        let w = walk_with(&tamper(&token), &key);
        assert_eq!((w.error.as_deref(), w.holds), (None, Some(false)), "{w:#?}");
        assert!(w.first_difference.is_some());
        assert_eq!(value(&w, "compare", "actual"), mac);
        assert_ne!(value(&w, "compare", "computed"), mac);
    }

    #[test]
    fn one_key_with_another_kid_is_walked_and_said_so() {
        // The verifier checks one pasted key whatever its kid (with a kid-mismatch warning):
        // the walkthrough shows that check, and says the kid differs.
        let secret = "0123456789abcdef0123456789abcdef";
        let r = crate::jwt::jws::sign::answer(&SignRequest {
            id: 1,
            header: r#"{"alg":"HS256","kid":"b"}"#.into(),
            payload: "{}".into(),
            alg: "HS256".into(),
            key: secret.into(),
            encoding: SecretEncoding::Utf8,
            exact: true,
            deterministic: false,
        });
        let token = r.token.expect("signed");
        let jwk = format!(r#"{{"kty":"oct","k":"{}","kid":"a"}}"#, encode(secret.as_bytes()));
        let w = walk_with(&token, &jwk);
        assert_eq!((w.error.as_deref(), w.holds), (None, Some(true)), "{w:#?}");
        assert!(value(&w, "hmac", "key").contains("its kid is not the token's"), "{}", value(&w, "hmac", "key"));
    }

    #[test]
    fn walk_goes_on_when_the_payload_is_not_json() {
        let (token, key) = signed("HS256", "0123456789abcdef0123456789abcdef", "{\"sub\":");
        let w = walk_with(&token, &key);
        assert_eq!((w.error.as_deref(), w.holds), (None, Some(true)), "{w:#?}");
        let first = w.step("signing-input").expect("a signing input");
        assert!(first.explain.contains("rejects this token"), "{}", first.explain);
    }

    #[test]
    fn walk_rs256_rfc7515_a2() {
        let (token, key) = rfc("rfc7515:A.2");
        let w = walk_with(&token, &key);
        assert_eq!((w.error.as_deref(), w.holds, w.first_difference), (None, Some(true), None), "{w:#?}");
        assert_eq!(slugs(&w), ["signing-input", "hash", "rsa", "compare"]);
        let em = value(&w, "rsa", "em");
        assert!(em.starts_with("0001ffff"), "{em}");
        assert_eq!(em.len(), 512);
        assert!(em.ends_with(value(&w, "hash", "hash")));
        assert!(em.contains("003031300d060960864801650304020105000420"), "the SHA-256 DigestInfo: {em}");
        assert_eq!(value(&w, "compare", "computed"), value(&w, "compare", "actual"));
        assert_eq!(value(&w, "rsa", "e"), "010001");

        let w = walk_with(&tamper(&token), &key);
        assert_eq!(w.holds, Some(false), "{w:#?}");
        // The padding still matches; the hash at the end differs.
        assert!(w.first_difference.is_some_and(|i| i >= 256 - 32), "{:?}", w.first_difference);
    }

    #[test]
    fn walk_ps256_ps512() {
        for alg in ["PS256", "PS512"] {
            let (token, key) = signed(alg, RFC7515_RSA, "{\"sub\":\"pss\"}");
            let w = walk_with(&token, &key);
            assert_eq!((w.error.as_deref(), w.holds, w.first_difference), (None, Some(true), None), "{alg}: {w:#?}");
            assert_eq!(slugs(&w), ["signing-input", "hash", "rsa", "unmask", "check"]);
            assert!(value(&w, "rsa", "em").ends_with("bc"));
            assert_eq!(value(&w, "unmask", "computed"), value(&w, "unmask", "actual"), "{alg}");
            assert_eq!(
                value(&w, "unmask", "salt").len(),
                value(&w, "hash", "hash").len(),
                "{alg}: salt as long as the hash"
            );
            assert_eq!(value(&w, "check", "result"), "holds");

            let w = walk_with(&tamper(&token), &key);
            assert_eq!((w.holds, w.first_difference), (Some(false), None), "{alg}: {w:#?}");
            assert_ne!(value(&w, "unmask", "computed"), value(&w, "unmask", "actual"));
        }
    }

    #[test]
    fn walk_ecdsa_rfc7515_a3_a4_and_es256k() {
        let (a3, a3_key) = rfc("rfc7515:A.3");
        let (a4, a4_key) = rfc("rfc7515:A.4");
        let k1 = crate::jwt::jwk::keygen::generate("secp256k1").expect("a secp256k1 key");
        let (k, k_key) = signed("ES256K", k1.private_pem.as_deref().expect("PEM"), "{\"sub\":\"k1\"}");
        for (name, token, key, size) in
            [("ES256", &a3, &a3_key, 32), ("ES512", &a4, &a4_key, 66), ("ES256K", &k, &k_key, 32)]
        {
            let w = walk_with(token, key);
            assert_eq!((w.error.as_deref(), w.holds, w.first_difference), (None, Some(true), None), "{name}: {w:#?}");
            assert_eq!(slugs(&w), ["signing-input", "hash", "signature", "check"], "{name}");
            let r = value(&w, "signature", "r");
            assert_eq!(r.len(), size * 2, "{name}");
            assert_eq!(value(&w, "signature", "s").len(), size * 2, "{name}");
            assert_eq!(value(&w, "check", "x-r"), r, "{name}");
            assert_eq!(value(&w, "check", "computed"), r, "{name}");
            assert_eq!(value(&w, "check", "actual"), r, "{name}");

            let w = walk_with(&tamper(token), key);
            assert_eq!(w.holds, Some(false), "{name}: {w:#?}");
            assert!(w.first_difference.is_some(), "{name}");
        }
    }

    #[test]
    fn walk_ecdsa_psychic_signature_and_bad_shapes() {
        let (token, key) = rfc("rfc7515:A.3");
        let input = token.rsplit_once('.').map(|(i, _)| i).unwrap_or_default();
        let w = walk_with(&format!("{input}.{}", encode(&[0u8; 64])), &key);
        assert_eq!((w.error.as_deref(), w.holds), (None, Some(false)), "{w:#?}");
        let check = w.step("check").expect("a check step");
        assert!(check.explain.contains("CVE-2022-21449"), "{}", check.explain);
        // r ≥ n.
        let w = walk_with(&format!("{input}.{}", encode(&[0xffu8; 64])), &key);
        assert_eq!(w.holds, Some(false));
        assert!(w.step("check").is_some_and(|s| s.explain.contains("not below the curve order")));
        // Wrong length.
        let w = walk_with(&format!("{input}.{}", encode(&[1u8; 63])), &key);
        assert_eq!((w.error.as_deref(), w.holds), (None, Some(false)));
        assert!(w.step("signature").is_some_and(|s| s.explain.contains("64 bytes in all")));
    }

    #[test]
    fn walk_eddsa_rfc8037_a4() {
        let (token, key) = rfc("rfc8037:A.4");
        let w = walk_with(&token, &key);
        assert_eq!((w.error.as_deref(), w.holds, w.first_difference), (None, Some(true), None), "{w:#?}");
        assert_eq!(slugs(&w), ["signing-input", "signature", "check"]);
        assert_eq!(value(&w, "signature", "A"), "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        assert_eq!((value(&w, "signature", "R").len(), value(&w, "signature", "S").len()), (64, 64));
        assert_eq!(value(&w, "check", "k").len(), 128);
        let w = walk_with(&tamper(&token), &key);
        assert_eq!(w.holds, Some(false));
    }

    /// Ed448 (RFC 8032 §7.4's 1-byte-message key), with `Ed448` and `EdDSA`: R, S, A of 57
    /// bytes, k of 57, and both sides of the equation equal exactly when it holds.
    #[test]
    fn walk_ed448_both_names() {
        let key = r#"{"kty":"OKP","crv":"Ed448","x":"Q7oo9DDN_0Vq5TFUX37NCsg0pV2TWMA3K_oMbGeYwIZq6gHrAHQoArhDjqTLghacI1FgYntMOpSA","d":"xOqwXTVwB8Yy89u0hImSTVUrCP4MNToNSh8ArNosRjr76mfF6NKHfF47w5emWZSe-AIelU4KEidO"}"#;
        for alg in ["Ed448", "EdDSA"] {
            let (token, public) = signed(alg, key, r#"{"sub":"ed448"}"#);
            let w = walk_with(&token, &public);
            assert_eq!((w.error.as_deref(), w.holds), (None, Some(true)), "{w:#?}");
            assert_eq!(slugs(&w), ["signing-input", "signature", "check"]);
            assert!(value(&w, "signature", "A").starts_with("43ba28f430cdff456ae531545f7ecd0a"), "{w:#?}");
            assert_eq!((value(&w, "signature", "R").len(), value(&w, "signature", "S").len()), (114, 114));
            assert_eq!(value(&w, "check", "k").len(), 114);
            assert_eq!(value(&w, "check", "SB"), value(&w, "check", "RkA"));
            assert_eq!(value(&w, "check", "result"), "holds");
            let w = walk_with(&tamper(&token), &public);
            assert_eq!(w.holds, Some(false));
            assert_ne!(value(&w, "check", "SB"), value(&w, "check", "RkA"));
        }
    }

    #[test]
    fn walk_refuses_what_the_verifier_refuses() {
        let (es, es_key) = rfc("rfc7515:A.3");
        let (hs, hs_key) = rfc("rfc7515:A.1");
        let (rs, rs_key) = rfc("rfc7515:A.2");
        let same = |token: &str, key: &str| {
            let w = walk_with(token, key);
            let o = verify::verify(&token::decode(token), &jwk::parse(key, SecretEncoding::Utf8));
            assert_eq!(o.verdict, Verdict::Error, "{}", o.message);
            assert_eq!((w.error.as_deref(), w.holds, w.first_difference), (Some(o.message.as_str()), None, None));
            w
        };
        same(&es, &hs_key);
        same(&es, &rs_key);
        let w = same(&hs, &rs_key);
        assert!(w.error.as_deref().is_some_and(|e| e.contains("never used as an HMAC secret")));
        same(&rs, &es_key);
        // No key, alg none, a JWE: errors saying why.
        for (token, key, says) in [
            (hs.as_str(), "", "paste a secret"),
            ("eyJhbGciOiJub25lIn0.e30.", "secret", "alg is \"none\""),
            ("eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA", "secret", "JWE"),
            ("eyJhbGciOiJIUzI1NiIsImNyaXQiOlsiZXhwIl0sImV4cCI6MX0.e30.AAAA", "secret", "crit"),
        ] {
            let w = walk_with(token, key);
            assert_eq!(w.holds, None, "{token}");
            assert!(w.error.as_deref().is_some_and(|e| e.contains(says)), "{token}: {:?} should say {says:?}", w.error);
        }
        // A header that repeats a member: refused as the verifier refuses it, whatever the key,
        // before any cryptography.
        for header in [r#"{"alg":"HS256","alg":"none"}"#, r#"{"alg":"HS256","alg":"HS256"}"#] {
            let dup = format!("{}.e30.{}", encode(header.as_bytes()), encode(&[0u8; 32]));
            let o = verify::verify(&token::decode(&dup), &jwk::parse(&hs_key, SecretEncoding::Utf8));
            assert_eq!(o.verdict, Verdict::Invalid, "{}", o.message);
            assert!(o.message.contains("RFC 7515 §4"), "{}", o.message);
            let w = walk_with(&dup, &hs_key);
            assert_eq!((w.error.as_deref(), w.holds), (Some(o.message.as_str()), None));
        }
    }

    /// A header whose `crit` or `b64` the verifier refuses: the walk says what the
    /// verifier says, word for word, whatever else is wrong with the token.
    #[test]
    fn header_refusals_are_the_verifiers() {
        let key = "0123456789abcdef0123456789abcdef";
        for header in [
            r#"{"alg":"HS256","crit":["exp"],"exp":1}"#,
            r#"{"alg":"HS256","crit":[]}"#,
            r#"{"alg":"HS256","crit":"b64"}"#,
            r#"{"alg":"HS256","crit":["b64"]}"#,
            r#"{"alg":"HS256","b64":"false","crit":["b64"]}"#,
            r#"{"alg":"HS256","b64":false}"#,
        ] {
            let token = format!("{}.e30.{}", encode(header.as_bytes()), encode(&[1u8; 32]));
            let o = verify::verify(&token::decode(&token), &jwk::parse(key, SecretEncoding::Utf8));
            assert_eq!(o.verdict, Verdict::Invalid, "{header}: {}", o.message);
            let w = walk_with(&token, key);
            assert_eq!((w.error.as_deref(), w.holds), (Some(o.message.as_str()), None), "{header}");
        }
    }

    #[test]
    fn walk_uses_the_key_the_verifier_would() {
        let (token, key) = rfc("rfc7515:A.3");
        let (_, other) = rfc("rfc7515:A.4");
        let (_, rsa) = rfc("rfc7515:A.2");
        let with_kid = |jwk: &str, kid: &str| format!("{},\"kid\":\"{kid}\"}}", jwk.trim_end().trim_end_matches('}'));
        // No kid in the token: the key that fits (the first, an RSA key, does not).
        let jwks = format!("{{\"keys\":[{rsa},{other},{key}]}}");
        let w = walk_with(&token, &jwks);
        assert_eq!(w.holds, Some(true), "{w:#?}");
        let used = value(&w, "check", "key");
        assert!(used.starts_with("key 3 of 3: EC P-256 public key"), "{used}");

        // A token with a kid: the key with that kid, even when it does not verify.
        let (k2, k2_key) =
            signed("ES256", &crate::jwt::jwk::keygen::generate("p-256").unwrap().private_pem.unwrap(), "{}");
        let header = encode(br#"{"alg":"ES256","kid":"b"}"#);
        let rest = k2.split_once('.').map(|(_, r)| r).unwrap_or_default();
        let jwks = format!("{{\"keys\":[{},{}]}}", with_kid(&key, "a"), with_kid(&k2_key, "b"));
        let w = walk_with(&format!("{header}.{rest}"), &jwks);
        assert_eq!(w.holds, Some(false), "the signature covered another header: {w:#?}");
        let used = value(&w, "check", "key");
        assert!(
            used.starts_with("key 2 of 2") && used.contains("kid \"b\"") && used.contains("its kid is the token's"),
            "{used}"
        );
    }

    #[test]
    fn walk_never_panics() {
        let (hs, hs_key) = rfc("rfc7515:A.1");
        let (rs, rs_key) = rfc("rfc7515:A.2");
        let (es, es_key) = rfc("rfc7515:A.4");
        let (ed, ed_key) = rfc("rfc8037:A.4");
        let mut tokens: Vec<String> = vec![
            String::new(),
            ".".into(),
            "..".into(),
            "a.b.c".into(),
            "eyJhbGciOiJIUzI1NiJ9..".into(),
            "eyJhbGciOiJSUzI1NiJ9.e30.".into(),
            "eyJhbGciOiJFUzI1NiJ9.e30.AA".into(),
            "eyJhbGciOiJFZERTQSJ9.e30.AAAA".into(),
            "eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19.$.02.AAAA".into(),
            "{\"payload\":\"e30\",\"signatures\":[]}".into(),
            "\u{202e}.\u{0}.\u{ffff}".into(),
            "x".repeat(5000),
        ];
        for t in [&hs, &rs, &es, &ed] {
            let (input, _) = t.rsplit_once('.').unwrap_or_default();
            tokens.push(format!("{input}.{}", encode(&[0xffu8; 600])));
            tokens.push(format!("{input}.{}", encode(&[0u8; 256])));
            tokens.push(format!("{input}="));
            tokens.push(format!("{input}.AAAA.AAAA"));
            tokens.push(format!("{}.{input}", "x".repeat(3000)));
        }
        let keys = [
            "",
            "secret",
            "\u{0}",
            "{",
            "{\"keys\":[]}",
            "-----BEGIN PUBLIC KEY-----",
            &hs_key,
            &rs_key,
            &es_key,
            &ed_key,
        ];
        for token in &tokens {
            for key in keys {
                for encoding in SecretEncoding::ALL {
                    let w = walk(&WalkRequest { id: 9, token: token.clone(), key: key.into(), encoding });
                    assert!(w.error.is_some() != w.holds.is_some(), "{token:?} / {key:?}: {w:#?}");
                    let w = Answer::Walk(w);
                    assert_eq!(Answer::from_json(&w.to_json()), Ok(w));
                }
            }
        }
        // Long values are cut.
        let long = format!("{}.{}", encode(br#"{"alg":"HS256"}"#), encode(&[b'a'; 3000]));
        let (token, key) =
            signed("HS256", "0123456789abcdef0123456789abcdef", std::str::from_utf8(&[b'a'; 3000]).unwrap());
        assert!(token.starts_with(&long[..20]));
        let w = walk_with(&token, &key);
        assert_eq!(w.holds, Some(true), "{w:#?}");
        let text = value(&w, "signing-input", "signing-input");
        assert!(text.chars().count() < 2_100 && text.ends_with("bytes in all)"), "{text}");
    }

    #[test]
    fn walk_is_routed_by_the_service() {
        let (token, key) = rfc("rfc7515:A.1");
        let req = WalkRequest { id: 12, token, key, encoding: SecretEncoding::Utf8 };
        let answer = crate::jwt::service::answer_json(&req.to_json()).expect("an answer");
        let Ok(Answer::Walk(w)) = Answer::from_json(&answer) else { panic!("not a walkthrough: {answer}") };
        assert_eq!((w.id, w.holds), (12, Some(true)));
        assert_eq!(w, walk(&req));
    }
}
