//! Generating keys with the operating system's randomness (the browser's
//! `crypto.getRandomValues` in wasm), and exporting or converting a key to every format
//! the tool reads: PKCS#8 and SPKI PEM, private and public JWK, and a JWKS whose `kid`
//! is the RFC 7638 thumbprint.

use der::pem::{self, LineEnding};
use getrandom::SysRng;
use getrandom::rand_core::{TryRng as _, UnwrapErr};
use rsa::pkcs8::{EncodePrivateKey as _, EncodePublicKey as _};
use rsa::traits::PrivateKeyParts as _;
use zeroize::Zeroizing;

use crate::jwt::alg::JwsAlg;
use crate::jwt::base64url;
use crate::jwt::jwk::KeyKind;
use crate::jwt::jwk::{self, KeyError, KeyText, Material, PrivateKey, PublicKey, trim_zeros};
use crate::jwt::verdict::SecretEncoding;

/// Why a key could not be generated, exported or converted.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeygenError {
    /// The operating system (or the browser) gave no random bytes.
    NoRandomness { why: String },
    /// The `rsa` crate could not generate a key.
    Rsa { why: String },
    /// 64 draws gave no valid scalar for the curve (practically impossible).
    NoScalar,
    /// A kind of key this page does not generate.
    UnknownKind { kind: String },
    /// A key could not be written as DER or PEM.
    Encoding { why: String },
    /// The pasted key could not be read, or has no form to convert to.
    Key(KeyError),
}

impl std::fmt::Display for KeygenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeygenError::NoRandomness { why } => write!(f, "no randomness available: {why}"),
            KeygenError::Rsa { why } => write!(f, "RSA key generation failed: {why}"),
            KeygenError::NoScalar => f.write_str("could not draw a valid scalar"),
            KeygenError::UnknownKind { kind } => write!(f, "unknown key kind \"{kind}\""),
            KeygenError::Encoding { why } => f.write_str(why),
            KeygenError::Key(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for KeygenError {}

fn encoding(e: impl std::fmt::Display) -> KeygenError {
    KeygenError::Encoding { why: e.to_string() }
}

/// A key in every format the page offers. Private parts are wiped when dropped.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeyBundle {
    /// The algorithm this key is for, to preselect.
    pub alg: String,
    /// What the key is.
    pub description: String,
    /// PKCS#8 PEM, or for a secret its base64url text.
    pub private_pem: Option<String>,
    pub public_pem: Option<String>,
    pub private_jwk: Option<String>,
    pub public_jwk: Option<String>,
    /// A JWKS of the public key with `kid` = thumbprint.
    pub jwks: Option<String>,
    pub thumbprint: String,
}

pub(crate) fn random_bytes(n: usize) -> Result<Zeroizing<Vec<u8>>, KeygenError> {
    let mut buf = Zeroizing::new(vec![0u8; n]);
    SysRng.try_fill_bytes(&mut buf).map_err(|e| KeygenError::NoRandomness { why: e.to_string() })?;
    Ok(buf)
}

/// Generates a key of a kind named as [`KeyKind::name`] says (`rsa-2048`, `p-256`, …).
pub fn generate(kind: &str) -> Result<KeyBundle, KeygenError> {
    let Some(kind) = KeyKind::parse(kind) else {
        return Err(KeygenError::UnknownKind { kind: kind.to_string() });
    };
    let private = match kind {
        KeyKind::Hmac256 | KeyKind::Hmac384 | KeyKind::Hmac512 => {
            // As many bytes as the hash's output (RFC 7518 §3.2).
            let (alg, len) = match kind {
                KeyKind::Hmac256 => (JwsAlg::Hs256, 32),
                KeyKind::Hmac384 => (JwsAlg::Hs384, 48),
                _ => (JwsAlg::Hs512, 64),
            };
            let secret = random_bytes(len)?;
            return Ok(bundle_secret(&secret, alg.name()));
        }
        KeyKind::Rsa2048 | KeyKind::Rsa3072 | KeyKind::Rsa4096 => {
            let bits = match kind {
                KeyKind::Rsa2048 => 2048,
                KeyKind::Rsa3072 => 3072,
                _ => 4096,
            };
            let key = rsa::PrivateKey::new(&mut UnwrapErr(SysRng), bits)
                .map_err(|e| KeygenError::Rsa { why: e.to_string() })?;
            PrivateKey::Rsa(Box::new(key))
        }
        KeyKind::P256 => PrivateKey::P256(ec_random(32, 0xff, |b| p256::SecretKey::from_slice(b).ok())?.into()),
        KeyKind::P384 => PrivateKey::P384(ec_random(48, 0xff, |b| p384::SecretKey::from_slice(b).ok())?.into()),
        // A P-521 scalar has 521 bits: the first of its 66 bytes holds one.
        KeyKind::P521 => PrivateKey::P521(ec_random(66, 0x01, |b| p521::SecretKey::from_slice(b).ok())?.into()),
        KeyKind::Secp256k1 => {
            PrivateKey::Secp256k1(ec_random(32, 0xff, |b| k256::SecretKey::from_slice(b).ok())?.into())
        }
        // RFC 8032 §5.2.5: the private key is 57 random bytes.
        KeyKind::Ed448 => {
            let seed = random_bytes(57)?;
            super::private::ed448_from_seed(&seed).ok_or(KeygenError::NoScalar)?
        }
        KeyKind::Ed25519 => {
            let seed = random_bytes(32)?;
            let mut bytes = [0u8; 32];
            bytes.copy_from_slice(&seed);
            let key = ed25519_dalek::SigningKey::from_bytes(&bytes);
            zeroize::Zeroize::zeroize(&mut bytes);
            PrivateKey::Ed25519(key)
        }
        KeyKind::MlDsa44 | KeyKind::MlDsa65 | KeyKind::MlDsa87 => {
            let alg = match kind {
                KeyKind::MlDsa44 => JwsAlg::MlDsa44,
                KeyKind::MlDsa65 => JwsAlg::MlDsa65,
                _ => JwsAlg::MlDsa87,
            };
            // FIPS 204 Algorithm 1: a random 32-byte seed ξ, the key made from it.
            let seed = random_bytes(super::mldsa::SEED_LEN)?;
            PrivateKey::MlDsa(super::mldsa::MlDsaPrivateKey::from_seed(alg, &seed).map_err(KeygenError::Key)?)
        }
    };
    bundle_private(&private)
}

/// A random scalar: random bytes (the first masked) until the curve accepts them.
pub(crate) fn ec_random<K>(len: usize, first_mask: u8, make: impl Fn(&[u8]) -> Option<K>) -> Result<K, KeygenError> {
    for _ in 0..64 {
        let mut bytes = random_bytes(len)?;
        if let Some(first) = bytes.first_mut() {
            *first &= first_mask;
        }
        if let Some(k) = make(&bytes) {
            return Ok(k);
        }
    }
    Err(KeygenError::NoScalar)
}

/// Every format of a pasted key: a private key (PEM or JWK) gives them all, a public key
/// or certificate the public ones, a secret its JWK.
pub fn convert(text: &str, encoding: SecretEncoding) -> Result<KeyBundle, KeygenError> {
    let key = match jwk::read(text, encoding).map_err(KeygenError::Key)? {
        KeyText::Empty => None,
        // A private key or secret first, as the signer takes it; else the first key.
        KeyText::Keys(keys) => {
            let private = keys.iter().position(|k| !matches!(k.material, Material::Public(_)));
            keys.into_iter().nth(private.unwrap_or(0))
        }
        KeyText::Jwks(entries) => {
            let keys: Vec<jwk::Key> = entries.into_iter().flatten().collect();
            let private = keys.iter().position(|k| !matches!(k.material, Material::Public(_)));
            keys.into_iter().nth(private.unwrap_or(0))
        }
    };
    let key = key.ok_or(KeygenError::Key(KeyError::NoKeyToConvert))?;
    match &key.material {
        Material::Secret(s) => Ok(bundle_secret(s.bytes(), JwsAlg::Hs256.name())),
        Material::Private(p) => bundle_private(p),
        Material::Public(public) => {
            let mut b = bundle_public(public)?;
            b.description = key.describe();
            Ok(b)
        }
    }
}

fn bundle_secret(secret: &[u8], alg: &str) -> KeyBundle {
    let k = base64url::encode(secret);
    let key = jwk::Key::secret(secret.to_vec(), SecretEncoding::Base64);
    KeyBundle {
        alg: alg.to_string(),
        description: format!("HMAC secret, {} bits", secret.len() * 8),
        private_pem: Some(k.clone()),
        private_jwk: Some(jwk_text(&[("kty", "oct".into()), ("k", k.clone())])),
        public_pem: None,
        public_jwk: None,
        jwks: Some(format!(
            "{{\"keys\":[{}]}}",
            jwk_text(&[("kty", "oct".into()), ("kid", key.thumbprint.clone()), ("k", k)])
        )),
        thumbprint: key.thumbprint,
    }
}

fn bundle_public(public: &PublicKey) -> Result<KeyBundle, KeygenError> {
    let der = match public {
        PublicKey::Rsa(k) => k.to_public_key_der().map_err(encoding)?,
        PublicKey::P256(k) => p256::PublicKey::from(k).to_public_key_der().map_err(encoding)?,
        PublicKey::P384(k) => p384::PublicKey::from(k).to_public_key_der().map_err(encoding)?,
        PublicKey::P521(k) => p521::PublicKey::from(k).to_public_key_der().map_err(encoding)?,
        PublicKey::Secp256k1(k) => k256::PublicKey::from(k).to_public_key_der().map_err(encoding)?,
        PublicKey::Ed25519(k) => k.to_public_key_der().map_err(encoding)?,
        PublicKey::X25519(_) => return Err(KeygenError::Key(KeyError::X25519NoConversion)),
        PublicKey::Ed448(k) => k.to_public_key_der().map_err(encoding)?,
        PublicKey::MlDsa(k) => k.spki_der().map(spki::Document::try_from).map_err(encoding)?.map_err(encoding)?,
    };
    let members = public.jwk_members();
    let key = jwk::Key::from_public(public.clone());
    let mut with_kid = members.clone();
    with_kid.push(("kid", key.thumbprint.clone()));
    with_kid.push(("use", "sig".into()));
    Ok(KeyBundle {
        alg: default_alg(public).to_string(),
        description: public.describe(),
        private_pem: None,
        private_jwk: None,
        public_pem: Some(pem::encode_string("PUBLIC KEY", LineEnding::LF, der.as_bytes()).map_err(encoding)?),
        public_jwk: Some(jwk_text(&members)),
        jwks: Some(format!("{{\"keys\":[{}]}}", jwk_text(&with_kid))),
        thumbprint: key.thumbprint,
    })
}

/// The algorithm a key of this kind signs (or, for X25519, agrees keys) with by default.
fn default_alg(public: &PublicKey) -> &'static str {
    use crate::jwt::alg::KeyManagement;
    match public {
        PublicKey::Rsa(_) => JwsAlg::Rs256.name(),
        PublicKey::P256(_) => JwsAlg::Es256.name(),
        PublicKey::P384(_) => JwsAlg::Es384.name(),
        PublicKey::P521(_) => JwsAlg::Es512.name(),
        PublicKey::Secp256k1(_) => JwsAlg::Es256k.name(),
        PublicKey::Ed25519(_) => JwsAlg::EdDsa.name(),
        PublicKey::X25519(_) => KeyManagement::EcdhEs.name(),
        PublicKey::Ed448(_) => JwsAlg::Ed448.name(),
        PublicKey::MlDsa(k) => k.alg().name(),
    }
}

fn bundle_private(private: &PrivateKey) -> Result<KeyBundle, KeygenError> {
    let b = |x: &[u8]| base64url::encode(x);
    let public = private.public();
    let (der, private_members): Parts = match private {
        PrivateKey::Rsa(k) => {
            let primes = k.primes();
            let (p, q) = (primes.first().map(|p| p.to_be_bytes()), primes.get(1).map(|q| q.to_be_bytes()));
            let mut m = vec![("d", b(&trim_zeros(&k.d().to_be_bytes())))];
            if let (Some(p), Some(q)) = (p, q) {
                m.push(("p", b(&trim_zeros(&p))));
                m.push(("q", b(&trim_zeros(&q))));
            }
            if let (Some(dp), Some(dq), Some(qi)) = (k.dp(), k.dq(), k.crt_coefficient()) {
                m.push(("dp", b(&trim_zeros(&dp.to_be_bytes()))));
                m.push(("dq", b(&trim_zeros(&dq.to_be_bytes()))));
                m.push(("qi", b(&trim_zeros(&qi.to_be_bytes()))));
            }
            let der = k.to_pkcs8_der().map_err(encoding)?;
            (Zeroizing::new(der.as_bytes().to_vec()), m)
        }
        PrivateKey::P256(k) => ec_parts(p256::SecretKey::from(k).to_pkcs8_der(), &k.to_bytes())?,
        PrivateKey::P384(k) => ec_parts(p384::SecretKey::from(k).to_pkcs8_der(), &k.to_bytes())?,
        PrivateKey::P521(k) => ec_parts(p521::SecretKey::from(k).to_pkcs8_der(), &k.to_bytes())?,
        PrivateKey::Secp256k1(k) => ec_parts(k256::SecretKey::from(k).to_pkcs8_der(), &k.to_bytes())?,
        PrivateKey::Ed25519(k) => {
            // PKCS#8 v1 without the public key (RFC 8410 §7): OpenSSL 3.0 cannot read the
            // v2 form that `SigningKey::to_pkcs8_der` writes.
            let v1 = ed25519_dalek::pkcs8::KeypairBytes { secret_key: k.to_bytes(), public_key: None };
            let der = v1.to_pkcs8_der().map_err(encoding)?;
            (Zeroizing::new(der.as_bytes().to_vec()), vec![("d", b(k.as_bytes()))])
        }
        PrivateKey::X25519(_) => return Err(KeygenError::Key(KeyError::X25519NoConversion)),
        PrivateKey::Ed448(k) => {
            // PKCS#8 v1 (RFC 8410 §7), the seed alone, as for Ed25519.
            // `KeypairBytes` wipes its copy of the seed when dropped (ed448's `zeroize`).
            let v1 = ed448::pkcs8::KeypairBytes { secret_key: (*k.as_bytes()).into(), public_key: None };
            let der = v1.to_pkcs8_der().map_err(encoding)?;
            (Zeroizing::new(der.as_bytes().to_vec()), vec![("d", b(k.as_bytes().as_slice()))])
        }
        // RFC 9881's seed form, and the seed as `priv` (RFC 9964 §5).
        PrivateKey::MlDsa(k) => (k.pkcs8_der().map_err(encoding)?, vec![("priv", b(k.seed().as_ref()))]),
    };
    let mut bundle = bundle_public(&public)?;
    let mut members = public.jwk_members();
    members.extend(private_members);
    bundle.private_jwk = Some(jwk_text(&members));
    bundle.private_pem = Some(pem::encode_string("PRIVATE KEY", LineEnding::LF, &der).map_err(encoding)?);
    bundle.description = format!("{} and its private key", public.describe().replace(" public key", ""));
    Ok(bundle)
}

/// A private key's parts: its PKCS#8 DER, and its private JWK members.
type Parts = (Zeroizing<Vec<u8>>, Vec<(&'static str, String)>);

fn ec_parts<E: std::fmt::Display>(der: Result<pkcs8::SecretDocument, E>, d: &[u8]) -> Result<Parts, KeygenError> {
    let der = der.map_err(encoding)?;
    Ok((Zeroizing::new(der.as_bytes().to_vec()), vec![("d", base64url::encode(d))]))
}

use super::public::jwk_text;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::jws::sign;
    use crate::jwt::jws::verify::{Verdict, verify};
    use crate::jwt::protocol::SignRequest;
    use crate::jwt::token::decode;

    /// Every kind generates a key whose private formats sign and whose public formats
    /// verify, and converting any format gives the same thumbprint.
    #[test]
    fn generated_keys_sign_and_verify_in_every_format() {
        for kind in ["hmac-256", "hmac-512", "rsa-2048", "p-256", "p-384", "p-521", "secp256k1", "ed25519", "ed448"] {
            let b = generate(kind).unwrap_or_else(|e| panic!("{kind}: {e}"));
            let (signing, enc) = if kind.starts_with("hmac") {
                (b.private_pem.clone().unwrap(), SecretEncoding::Base64)
            } else {
                (b.private_pem.clone().unwrap(), SecretEncoding::Utf8)
            };
            for key in [signing.clone(), b.private_jwk.clone().unwrap()] {
                let enc = if key.starts_with('{') { SecretEncoding::Utf8 } else { enc };
                let req = SignRequest {
                    header: format!("{{\"alg\":\"{}\"}}", b.alg),
                    payload: "{}".into(),
                    alg: b.alg.clone(),
                    key,
                    encoding: enc,
                    ..SignRequest::default()
                };
                let token = sign::answer(&req).token.unwrap_or_else(|e| panic!("{kind}: {e}"));
                let checks: Vec<(String, SecretEncoding)> = if kind.starts_with("hmac") {
                    vec![(signing.clone(), SecretEncoding::Base64), (b.jwks.clone().unwrap(), SecretEncoding::Utf8)]
                } else {
                    vec![b.public_pem.clone().unwrap(), b.public_jwk.clone().unwrap(), b.jwks.clone().unwrap()]
                        .into_iter()
                        .map(|k| (k, SecretEncoding::Utf8))
                        .collect()
                };
                for (k, e) in checks {
                    let o = verify(&decode(&token), &jwk::parse(&k, e));
                    assert_eq!(o.verdict, Verdict::Verified, "{kind} with {k}: {}", o.message);
                }
            }
            if !kind.starts_with("hmac") {
                for text in
                    [b.private_pem.clone().unwrap(), b.public_pem.clone().unwrap(), b.private_jwk.clone().unwrap()]
                {
                    assert_eq!(convert(&text, SecretEncoding::Utf8).unwrap().thumbprint, b.thumbprint, "{kind}");
                }
            }
        }
    }
}
