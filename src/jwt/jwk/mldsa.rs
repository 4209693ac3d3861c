//! ML-DSA keys (FIPS 204) as JOSE uses them (RFC 9964): the public key of one parameter set
//! (44, 65 or 87), the private key as its 32-byte seed, and their DER forms with the RFC
//! 9881 identifiers (SubjectPublicKeyInfo; PKCS#8 whose private key is the CHOICE of a
//! seed, an expanded key, or both). The lattice arithmetic is RustCrypto's `ml-dsa`; only
//! the framing is here.

use der::asn1::{ContextSpecific, ObjectIdentifier, OctetStringRef};
use der::{Decode as _, Reader as _, SliceReader, Tag, TagNumber};
use ml_dsa::{MlDsa44, MlDsa65, MlDsa87, MlDsaParams, SigningKey, VerifyingKey};
use zeroize::Zeroizing;

use super::KeyError;
use crate::jwt::alg::JwsAlg;

/// id-ml-dsa-44, -65, -87 (RFC 9881 §2; NIST's sigAlgs arc).
pub(crate) const ML_DSA_44: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.3.17");
pub(crate) const ML_DSA_65: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.3.18");
pub(crate) const ML_DSA_87: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.3.19");

/// The seed every ML-DSA private key is made from (FIPS 204 Algorithm 1: ξ), in bytes.
pub const SEED_LEN: usize = 32;

/// The ML-DSA algorithm an OID names, if it names one.
pub(crate) fn alg_of_oid(oid: &ObjectIdentifier) -> Option<JwsAlg> {
    match *oid {
        o if o == ML_DSA_44 => Some(JwsAlg::MlDsa44),
        o if o == ML_DSA_65 => Some(JwsAlg::MlDsa65),
        o if o == ML_DSA_87 => Some(JwsAlg::MlDsa87),
        _ => None,
    }
}

/// The public key's size in bytes (FIPS 204 Table 2), from the algorithm table's parameter
/// set; 0 for an algorithm that is not ML-DSA.
pub const fn public_len(alg: JwsAlg) -> usize {
    match alg.ml_dsa() {
        Some(p) => p.public_len(),
        None => 0,
    }
}

/// The expanded private key's size in bytes (FIPS 204 Table 2), as PKCS#8 may carry it.
pub const fn expanded_len(alg: JwsAlg) -> usize {
    match alg.ml_dsa() {
        Some(p) => p.expanded_len(),
        None => 0,
    }
}

/// An ML-DSA public key of one parameter set, held as its encoding (pkEncode: ρ ‖ t1) and
/// expanded (pkDecode, which cannot fail on bytes of the right size) only when it is used:
/// an expanded key holds the matrix A, tens of kilobytes, so a key set of thousands of keys
/// would otherwise take hundreds of megabytes. The page reads its keys again with each
/// question anyway.
#[derive(Clone, PartialEq, Eq)]
pub struct MlDsaPublicKey {
    alg: JwsAlg,
    bytes: Vec<u8>,
}

/// Runs the same code on the expanded key of whichever parameter set (`$k`, a
/// `VerifyingKey<P>`); `None` if the bytes are not the parameter set's size.
macro_rules! expanded {
    ($key:expr, $k:ident => $e:expr) => {{
        fn decode<P: MlDsaParams>(bytes: &[u8]) -> Option<VerifyingKey<P>> {
            let enc = ml_dsa::EncodedVerifyingKey::<P>::try_from(bytes).ok()?;
            Some(VerifyingKey::<P>::decode(&enc))
        }
        match $key.alg {
            JwsAlg::MlDsa44 => decode::<MlDsa44>(&$key.bytes).map(|$k| $e),
            JwsAlg::MlDsa87 => decode::<MlDsa87>(&$key.bytes).map(|$k| $e),
            _ => decode::<MlDsa65>(&$key.bytes).map(|$k| $e),
        }
    }};
}

/// Why an ML-DSA signature does not verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MlDsaFailure {
    /// Not the parameter set's signature size.
    Length { expected: usize, actual: usize },
    /// The right size, but not a signature: its hint is not a valid encoding, or z is out
    /// of range (FIPS 204 Algorithm 27 sigDecode and the ‖z‖∞ bound of Algorithm 8).
    Malformed,
    /// A context string over 255 bytes (FIPS 204 Algorithm 3); JOSE's is empty.
    Context,
    /// Checked, and it does not match.
    Mismatch,
}

impl MlDsaPublicKey {
    /// The key from its encoding (FIPS 204 Algorithm 23 pkDecode), for `alg`'s parameter set:
    /// any bytes of the right size are a key.
    pub fn from_bytes(alg: JwsAlg, bytes: &[u8]) -> Result<MlDsaPublicKey, KeyError> {
        if !matches!(alg, JwsAlg::MlDsa44 | JwsAlg::MlDsa65 | JwsAlg::MlDsa87) {
            return Err(KeyError::AkpAlg { alg: alg.name().to_string() });
        }
        if bytes.len() != public_len(alg) {
            return Err(KeyError::MlDsaPublicLength { alg, actual: bytes.len() });
        }
        Ok(MlDsaPublicKey { alg, bytes: bytes.to_vec() })
    }

    /// The algorithm (and parameter set) this key is for.
    pub fn alg(&self) -> JwsAlg {
        self.alg
    }

    /// The key's encoding (FIPS 204 Algorithm 22 pkEncode): ρ (32 bytes) ‖ t1.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.bytes.clone()
    }

    /// Pure ML-DSA verification (FIPS 204 Algorithm 3) of `sig` over `msg` with the
    /// context string `ctx` (JOSE's is empty, RFC 9964 §4).
    pub fn verify(&self, msg: &[u8], ctx: &[u8], sig: &[u8]) -> Result<(), MlDsaFailure> {
        fn check<P: MlDsaParams>(k: &VerifyingKey<P>, msg: &[u8], ctx: &[u8], sig: &[u8]) -> Result<(), MlDsaFailure> {
            let sig = ml_dsa::Signature::<P>::try_from(sig).map_err(|_| MlDsaFailure::Malformed)?;
            if k.verify_with_context(msg, ctx, &sig) { Ok(()) } else { Err(MlDsaFailure::Mismatch) }
        }
        let expected = match self.alg.signature_size() {
            crate::jwt::alg::SignatureSize::Exact(n) => n,
            _ => 0,
        };
        if sig.len() != expected {
            return Err(MlDsaFailure::Length { expected, actual: sig.len() });
        }
        if ctx.len() > 255 {
            return Err(MlDsaFailure::Context);
        }
        expanded!(self, k => check(&k, msg, ctx, sig)).unwrap_or(Err(MlDsaFailure::Mismatch))
    }

    /// μ, the message representative FIPS 204 Algorithm 3 computes: SHAKE256(tr ‖ 0 ‖
    /// |ctx| ‖ ctx ‖ M, 64 bytes), with tr = SHAKE256(public key, 64 bytes).
    pub fn mu(&self, msg: &[u8], ctx: &[u8]) -> Option<[u8; 64]> {
        use ml_dsa::signature::digest::Update as _;
        let mu = expanded!(self, k => k.compute_mu(|h| { h.update(msg); Ok(()) }, ctx).ok())??;
        mu.as_slice().try_into().ok()
    }

    /// The key as SubjectPublicKeyInfo DER (RFC 9881 §4: no parameters).
    pub fn spki_der(&self) -> Result<Vec<u8>, spki::Error> {
        use ml_dsa::pkcs8::EncodePublicKey as _;
        expanded!(self, k => k.to_public_key_der().map(|d| d.as_bytes().to_vec()))
            .unwrap_or(Err(spki::Error::KeyMalformed))
    }
}

impl std::fmt::Debug for MlDsaPublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MlDsaPublicKey({})", self.alg())
    }
}

/// An ML-DSA private key: its 32-byte seed, and the public key the seed gives. The expanded
/// key (for ML-DSA-87 the matrix Â alone is about 57 KB) is made again from the seed when the
/// key signs, never kept: a JWKS of thousands of private AKP keys costs a few kilobytes per
/// key, as one of public keys does.
#[derive(Clone)]
pub struct MlDsaPrivateKey {
    seed: Zeroizing<[u8; SEED_LEN]>,
    public: MlDsaPublicKey,
}

/// Runs the same code on the signing key `$seed` gives for `$alg`'s parameter set (`$k`, a
/// `SigningKey<P>`, wiped when dropped).
macro_rules! expand {
    ($alg:expr, $seed:expr, $k:ident => $e:expr) => {{
        let xi = ml_dsa::Seed::from(*$seed);
        match $alg {
            JwsAlg::MlDsa44 => {
                let $k = SigningKey::<MlDsa44>::from_seed(&xi);
                $e
            }
            JwsAlg::MlDsa87 => {
                let $k = SigningKey::<MlDsa87>::from_seed(&xi);
                $e
            }
            _ => {
                let $k = SigningKey::<MlDsa65>::from_seed(&xi);
                $e
            }
        }
    }};
}

/// How an ML-DSA signature is made (FIPS 204 §3.4): with fresh randomness mixed in
/// (hedged, the default FIPS 204 recommends), or with none (deterministic: the same key and
/// message always give the same signature).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Randomness {
    #[default]
    Hedged,
    Deterministic,
}

impl MlDsaPrivateKey {
    /// The key its seed gives (FIPS 204 Algorithm 6 ML-DSA.KeyGen_internal).
    pub fn from_seed(alg: JwsAlg, seed: &[u8]) -> Result<MlDsaPrivateKey, KeyError> {
        let seed: [u8; SEED_LEN] = seed.try_into().map_err(|_| KeyError::MlDsaSeedLength { actual: seed.len() })?;
        let seed = Zeroizing::new(seed);
        if !matches!(alg, JwsAlg::MlDsa44 | JwsAlg::MlDsa65 | JwsAlg::MlDsa87) {
            return Err(KeyError::AkpAlg { alg: alg.name().to_string() });
        }
        let bytes = expand!(alg, &*seed, k => AsRef::<VerifyingKey<_>>::as_ref(&k).encode().to_vec());
        Ok(MlDsaPrivateKey { seed, public: MlDsaPublicKey { alg, bytes } })
    }

    /// The algorithm (and parameter set) this key is for.
    pub fn alg(&self) -> JwsAlg {
        self.public.alg
    }

    /// The 32-byte seed ξ: the private key as JOSE (`priv`) and PKCS#8 write it.
    pub fn seed(&self) -> Zeroizing<[u8; SEED_LEN]> {
        self.seed.clone()
    }

    /// The public key of this private key.
    pub fn public(&self) -> MlDsaPublicKey {
        self.public.clone()
    }

    /// Pure ML-DSA (FIPS 204 Algorithm 2) over `msg` with the empty context string, as JOSE
    /// signs (RFC 9964 §4). `None` if the crate could not sign (no randomness, or a rejection
    /// loop that never ends: practically impossible).
    pub fn sign(&self, msg: &[u8], randomness: Randomness) -> Option<Vec<u8>> {
        use ml_dsa::SignatureEncoding as _;
        expand!(self.alg(), &*self.seed, k => {
            let expanded = k.expanded_key();
            let sig = match randomness {
                Randomness::Hedged => expanded.sign_randomized(msg, &[], &mut getrandom::SysRng),
                Randomness::Deterministic => expanded.sign_deterministic(msg, &[]),
            };
            sig.ok().map(|s| s.to_vec())
        })
    }

    /// The key as PKCS#8 DER in RFC 9881's seed form (`seed [0] IMPLICIT OCTET STRING`).
    pub fn pkcs8_der(&self) -> Result<Zeroizing<Vec<u8>>, pkcs8::Error> {
        use ml_dsa::pkcs8::EncodePrivateKey as _;
        expand!(self.alg(), &*self.seed, k => k.to_pkcs8_der().map(|d| Zeroizing::new(d.as_bytes().to_vec())))
    }

    /// The expanded private key (FIPS 204 Algorithm 24 skEncode), to compare with one a
    /// PKCS#8 key carries beside its seed.
    fn expanded(&self) -> Zeroizing<Vec<u8>> {
        #[allow(deprecated)]
        let bytes = expand!(self.alg(), &*self.seed, k => k.expanded_key().to_expanded().to_vec());
        Zeroizing::new(bytes)
    }

    /// "an ML-DSA-65 private key"
    pub fn kind(&self) -> &'static str {
        match self.alg() {
            JwsAlg::MlDsa44 => "an ML-DSA-44 private key",
            JwsAlg::MlDsa87 => "an ML-DSA-87 private key",
            _ => "an ML-DSA-65 private key",
        }
    }
}

/// The private key of a PKCS#8 `PrivateKeyInfo` whose algorithm is `alg` (RFC 9881 §6):
/// `seed [0] IMPLICIT OCTET STRING (SIZE (32))`, `expandedKey OCTET STRING`, or `both
/// SEQUENCE { seed, expandedKey }`. The seed is what a JOSE key is (`priv`): an expanded key
/// alone is refused, and one beside a seed must be what the seed expands to.
pub(crate) fn from_pkcs8(alg: JwsAlg, info: &pkcs8::PrivateKeyInfoRef<'_>) -> Result<MlDsaPrivateKey, KeyError> {
    if info.algorithm.parameters.is_some() {
        return Err(KeyError::MlDsaParameters { alg });
    }
    let malformed = || KeyError::MlDsaPrivate { alg };
    let bytes = info.private_key.as_bytes();
    let mut reader = SliceReader::new(bytes).map_err(|_| malformed())?;
    let key = match Tag::peek(&reader).map_err(|_| malformed())? {
        Tag::ContextSpecific { constructed: false, number: TagNumber(0) } => {
            let seed = ContextSpecific::<&OctetStringRef>::decode_implicit(&mut reader, TagNumber(0))
                .ok()
                .flatten()
                .ok_or_else(malformed)?;
            MlDsaPrivateKey::from_seed(alg, seed.value.as_bytes())?
        }
        Tag::OctetString => return Err(KeyError::MlDsaExpandedOnly { alg }),
        Tag::Sequence => {
            let (seed, expanded) = reader
                .sequence(|r| {
                    let seed = <&OctetStringRef>::decode(r)?;
                    let expanded = <&OctetStringRef>::decode(r)?;
                    Ok::<_, der::Error>((seed.as_bytes(), expanded.as_bytes()))
                })
                .map_err(|_| malformed())?;
            let key = MlDsaPrivateKey::from_seed(alg, seed)?;
            use subtle::ConstantTimeEq as _;
            let same = expanded.len() == expanded_len(alg) && bool::from(key.expanded().as_slice().ct_eq(expanded));
            if !same {
                return Err(KeyError::MlDsaSeedMismatch { alg });
            }
            key
        }
        _ => return Err(malformed()),
    };
    reader.finish().map_err(|_| malformed())?;
    Ok(key)
}

/// An ML-DSA public key from the bits of a SubjectPublicKeyInfo whose algorithm is `alg`
/// (RFC 9881 §4), whose parameters must be absent.
pub(crate) fn from_spki(alg: JwsAlg, parameters: bool, bits: &[u8]) -> Result<MlDsaPublicKey, KeyError> {
    if parameters {
        return Err(KeyError::MlDsaParameters { alg });
    }
    MlDsaPublicKey::from_bytes(alg, bits)
}

/// The PKCS#8 `both` form of a key (RFC 9881 §6), for tests of the reader.
#[cfg(test)]
pub(crate) fn pkcs8_both(key: &MlDsaPrivateKey, expanded: Option<&[u8]>) -> Vec<u8> {
    use der::Encode as _;
    let oid = match key.alg() {
        JwsAlg::MlDsa44 => ML_DSA_44,
        JwsAlg::MlDsa87 => ML_DSA_87,
        _ => ML_DSA_65,
    };
    let seed = key.seed();
    let own = key.expanded();
    let seed = OctetStringRef::new(seed.as_ref()).unwrap().to_der().unwrap();
    let expanded = OctetStringRef::new(expanded.unwrap_or(&own)).unwrap().to_der().unwrap();
    let mut body = seed;
    body.extend(expanded);
    let both = der::asn1::AnyRef::new(Tag::Sequence, &body).unwrap().to_der().unwrap();
    let private_key = OctetStringRef::new(&both).unwrap();
    let info = pkcs8::PrivateKeyInfoRef::new(spki::AlgorithmIdentifierRef { oid, parameters: None }, private_key);
    info.to_der().unwrap()
}

/// The PKCS#8 `expandedKey` form of a key (RFC 9881 §6), for tests of the reader.
#[cfg(test)]
pub(crate) fn pkcs8_expanded_only(key: &MlDsaPrivateKey) -> Vec<u8> {
    use der::Encode as _;
    let oid = match key.alg() {
        JwsAlg::MlDsa44 => ML_DSA_44,
        JwsAlg::MlDsa87 => ML_DSA_87,
        _ => ML_DSA_65,
    };
    let own = key.expanded();
    let inner = OctetStringRef::new(&own).unwrap().to_der().unwrap();
    let private_key = OctetStringRef::new(&inner).unwrap();
    let info = pkcs8::PrivateKeyInfoRef::new(spki::AlgorithmIdentifierRef { oid, parameters: None }, private_key);
    info.to_der().unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::jwk::{self, KeyText, Material, PrivateKey, PublicKey, keygen};
    use crate::jwt::jws::sign::{self, Signer};
    use crate::jwt::jws::verify::{self, Validity, Verdict};
    use crate::jwt::protocol::SignRequest;
    use crate::jwt::verdict::SecretEncoding;

    const LEVELS: [JwsAlg; 3] = [JwsAlg::MlDsa44, JwsAlg::MlDsa65, JwsAlg::MlDsa87];

    fn kind(alg: JwsAlg) -> &'static str {
        match alg {
            JwsAlg::MlDsa44 => "ml-dsa-44",
            JwsAlg::MlDsa65 => "ml-dsa-65",
            _ => "ml-dsa-87",
        }
    }

    fn private(text: &str) -> MlDsaPrivateKey {
        match jwk::read(text, SecretEncoding::Utf8) {
            Ok(KeyText::Keys(mut keys)) => match keys.remove(0).material {
                Material::Private(PrivateKey::MlDsa(k)) => k,
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn sizes_are_the_crates() {
        for alg in LEVELS {
            let k = MlDsaPrivateKey::from_seed(alg, &[7; 32]).unwrap();
            assert_eq!(k.public().to_bytes().len(), public_len(alg), "{alg}");
            assert_eq!(k.expanded().len(), expanded_len(alg), "{alg}");
            let sig = k.sign(b"x", Randomness::Deterministic).unwrap();
            assert_eq!(crate::jwt::alg::SignatureSize::Exact(sig.len()), alg.signature_size(), "{alg}");
        }
    }

    /// Every form a generated key is exported in reads back as the same key, signs (the
    /// private forms) and verifies (the public ones), with one thumbprint.
    #[test]
    fn every_form_reads_back_signs_and_verifies() {
        for alg in LEVELS {
            let b = keygen::generate(kind(alg)).unwrap();
            assert_eq!(b.alg, alg.name());
            let jwk = b.private_jwk.clone().unwrap();
            assert!(jwk.starts_with(&format!("{{\"alg\":\"{alg}\",\"kty\":\"AKP\",\"pub\":\"")), "{jwk}");
            assert!(jwk.contains("\"priv\":\""), "{jwk}");
            let pem = b.private_pem.clone().unwrap();
            assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----"));
            assert_eq!(private(&jwk).seed(), private(&pem).seed(), "{alg}");
            for text in
                [&jwk, &pem, b.public_pem.as_ref().unwrap(), b.public_jwk.as_ref().unwrap(), b.jwks.as_ref().unwrap()]
            {
                assert_eq!(keygen::convert(text, SecretEncoding::Utf8).unwrap().thumbprint, b.thumbprint, "{alg}");
            }
            for (key, deterministic) in [(&jwk, false), (&pem, true)] {
                let r = sign::answer(&SignRequest {
                    header: format!("{{\"alg\":\"{alg}\"}}"),
                    payload: "{\"sub\":\"pq\"}".into(),
                    alg: alg.name().into(),
                    key: key.clone(),
                    deterministic,
                    ..SignRequest::default()
                });
                assert_eq!(r.hedged, Some(!deterministic), "{alg}");
                let token = r.token.unwrap();
                for public in [b.public_pem.as_ref().unwrap(), b.public_jwk.as_ref().unwrap(), &r.verify_key.unwrap()] {
                    let o = verify::verify(&crate::jwt::decode(&token), &jwk::parse(public, SecretEncoding::Utf8));
                    assert_eq!(o.verdict, Verdict::Verified, "{alg}: {}", o.message);
                    assert!(o.message.contains(&format!("{alg} public key")), "{}", o.message);
                }
            }
        }
    }

    #[test]
    fn deterministic_signatures_repeat_and_hedged_ones_do_not() {
        let k = Signer::Private(PrivateKey::MlDsa(MlDsaPrivateKey::from_seed(JwsAlg::MlDsa44, &[1; 32]).unwrap()));
        let s = |r| sign::sign_with(JwsAlg::MlDsa44, &k, b"a.b", r).unwrap();
        assert_eq!(s(Randomness::Deterministic), s(Randomness::Deterministic));
        assert_ne!(s(Randomness::Hedged), s(Randomness::Hedged));
        // Another level's algorithm with this key: refused, by the signer and the verifier.
        let e = sign::sign(JwsAlg::MlDsa65, &k, b"a.b").unwrap_err();
        assert_eq!(e.to_string(), "ML-DSA-65 cannot be signed with an ML-DSA-44 private key");
    }

    #[test]
    fn a_key_is_for_its_own_algorithm_only() {
        let k = MlDsaPrivateKey::from_seed(JwsAlg::MlDsa44, &[2; 32]).unwrap();
        let public = PublicKey::MlDsa(k.public()).jwk();
        let input = "eyJhbGciOiJNTC1EU0EtNjUifQ.e30";
        let sig = k.sign(input.as_bytes(), Randomness::Hedged).unwrap();
        let token = format!("{input}.{}", crate::jwt::base64url::encode(&sig));
        let o = verify::verify(&crate::jwt::decode(&token), &jwk::parse(&public, SecretEncoding::Utf8));
        assert_eq!(o.verdict, Verdict::Error, "{}", o.message);
        assert!(
            o.message.contains("ML-DSA-65 needs an ML-DSA-65 public key (AKP), and the key (ML-DSA-44 public key"),
            "{}",
            o.message
        );
        // The same key pinned by its JWK's alg, relabelled: the pub has the wrong size.
        let relabelled = public.replace("ML-DSA-44", "ML-DSA-65");
        let e = jwk::parse(&relabelled, SecretEncoding::Utf8).unwrap_err();
        assert_eq!(e.to_string(), "an ML-DSA-65 public key has 1952 bytes; this one has 1312");
        // At the primitive level: the right key verifies, truncated and tampered ones do not.
        let key = jwk::parse(&public, SecretEncoding::Utf8).unwrap().keys.remove(0);
        assert_eq!(verify::verify_signature(JwsAlg::MlDsa44, &key, input.as_bytes(), &sig), Ok(Validity::Valid));
        let e = verify::verify_signature(JwsAlg::MlDsa44, &key, input.as_bytes(), &sig[1..]).unwrap_err();
        assert_eq!(e.to_string(), "an ML-DSA-44 signature has 2420 bytes; this one has 2419");
        let mut tampered = sig.clone();
        tampered[0] ^= 1;
        let e = verify::verify_signature(JwsAlg::MlDsa44, &key, input.as_bytes(), &tampered).unwrap_err();
        assert_eq!(e.to_string(), "the signature does not match");
        let e = verify::verify_signature(JwsAlg::MlDsa65, &key, input.as_bytes(), &sig).unwrap_err();
        assert_eq!(e.to_string(), "ML-DSA-65 needs an ML-DSA-65 public key (AKP)");
    }

    #[test]
    fn akp_jwks_are_read_strictly() {
        let k = MlDsaPrivateKey::from_seed(JwsAlg::MlDsa65, &[3; 32]).unwrap();
        let other = MlDsaPrivateKey::from_seed(JwsAlg::MlDsa65, &[4; 32]).unwrap();
        let b = crate::jwt::base64url::encode;
        let pub_ = b(&k.public().to_bytes());
        let cases: Vec<(String, &str)> = vec![
            (format!(r#"{{"kty":"AKP","pub":"{pub_}"}}"#), "the JWK has no \"alg\""),
            (
                format!(r#"{{"kty":"AKP","alg":"ES256","pub":"{pub_}"}}"#),
                "an AKP key's \"alg\" must be ML-DSA-44, ML-DSA-65 or ML-DSA-87, not \"ES256\"",
            ),
            (r#"{"kty":"AKP","alg":"ML-DSA-65"}"#.to_string(), "the JWK has no \"pub\""),
            (
                format!(r#"{{"kty":"AKP","alg":"ML-DSA-65","pub":"{pub_}","priv":"{}"}}"#, b(other.seed().as_ref())),
                "the AKP JWK's private \"priv\" seed does not give its \"pub\"",
            ),
            (
                format!(r#"{{"kty":"AKP","alg":"ML-DSA-65","pub":"{pub_}","priv":"AAAA"}}"#),
                "an ML-DSA private key is its 32-byte seed; this one has 3 bytes",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(jwk::parse(&text, SecretEncoding::Utf8).unwrap_err().to_string(), want, "{text}");
        }
        // RFC 7638 with RFC 9964's members: {"alg","kty","pub"}, in that order.
        let text = format!(r#"{{"pub":"{pub_}","kty":"AKP","alg":"ML-DSA-65","kid":"k"}}"#);
        let key = jwk::parse(&text, SecretEncoding::Utf8).unwrap().keys.remove(0);
        use sha2::Digest as _;
        let canonical = format!(r#"{{"alg":"ML-DSA-65","kty":"AKP","pub":"{pub_}"}}"#);
        assert_eq!(key.thumbprint, b(&sha2::Sha256::digest(canonical.as_bytes())));
        assert_eq!(key.describe(), "ML-DSA-65 public key, from a JWK, kid \"k\"");
    }

    #[test]
    fn pkcs8_forms() {
        use der::Encode as _;
        let pem = |der: &[u8]| der::pem::encode_string("PRIVATE KEY", der::pem::LineEnding::LF, der).unwrap();
        for alg in LEVELS {
            let k = MlDsaPrivateKey::from_seed(alg, &[5; 32]).unwrap();
            // seed (what keygen writes), both, both with another key's expanded key, expandedKey.
            assert_eq!(private(&pem(&k.pkcs8_der().unwrap())).seed(), k.seed());
            assert_eq!(private(&pem(&pkcs8_both(&k, None))).seed(), k.seed());
            let other = MlDsaPrivateKey::from_seed(alg, &[6; 32]).unwrap();
            let e = jwk::read(&pem(&pkcs8_both(&k, Some(&other.expanded()))), SecretEncoding::Utf8).unwrap_err();
            assert_eq!(
                e.to_string(),
                format!("this {alg} private key's seed does not expand to the expanded key stored beside it")
            );
            let e = jwk::read(&pem(&pkcs8_expanded_only(&k)), SecretEncoding::Utf8).unwrap_err();
            assert!(e.to_string().starts_with(&format!("this {alg} private key holds only the expanded key")), "{e}");
            // A public key with parameters (RFC 9881 says absent) is refused.
            let spki = k.public().spki_der().unwrap();
            let mut info = spki::SubjectPublicKeyInfoRef::from_der(&spki).unwrap();
            info.algorithm.parameters = Some(der::asn1::AnyRef::NULL);
            let with =
                der::pem::encode_string("PUBLIC KEY", der::pem::LineEnding::LF, &info.to_der().unwrap()).unwrap();
            let e = jwk::read(&with, SecretEncoding::Utf8).unwrap_err();
            assert_eq!(
                e.to_string(),
                format!("the {alg} algorithm identifier has parameters; RFC 9881 says they are absent")
            );
        }
    }
}
