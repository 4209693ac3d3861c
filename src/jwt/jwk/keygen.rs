//! Generating keys with the operating system's randomness (the browser's
//! `crypto.getRandomValues` in wasm), and exporting or converting a key to every format
//! the tool reads: PKCS#8 and SPKI PEM, private and public JWK, and a JWKS whose `kid`
//! is the RFC 7638 thumbprint.

use getrandom::SysRng;
use getrandom::rand_core::{TryRng as _, UnwrapErr};
use rsa::pkcs8::{EncodePrivateKey as _, EncodePublicKey as _};
use rsa::traits::PrivateKeyParts as _;
use x509_cert::der::pem::{self, LineEnding};
use zeroize::Zeroizing;

use crate::jwt::base64url;
use crate::jwt::json;
use crate::jwt::jwk::{self, Material, PublicKey, trim_zeros};
use crate::jwt::jws::sign::{self, Signer};
use crate::jwt::verdict::SecretEncoding;

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

pub(crate) fn random_bytes(n: usize) -> Result<Zeroizing<Vec<u8>>, String> {
    let mut buf = Zeroizing::new(vec![0u8; n]);
    SysRng.try_fill_bytes(&mut buf).map_err(|e| format!("no randomness available: {e}"))?;
    Ok(buf)
}

/// Generates a key of a kind from [`KEY_KINDS`](crate::jwt::signing::KEY_KINDS).
pub fn generate(kind: &str) -> Result<KeyBundle, String> {
    let signer = match kind {
        "hmac-256" | "hmac-384" | "hmac-512" => {
            let bits: usize = kind[5..].parse().unwrap_or(256);
            let secret = random_bytes(bits / 8)?;
            return Ok(bundle_secret(&secret, &format!("HS{bits}")));
        }
        "rsa-2048" | "rsa-3072" | "rsa-4096" => {
            let bits: usize = kind[4..].parse().unwrap_or(2048);
            let key = rsa::PrivateKey::new(&mut UnwrapErr(SysRng), bits)
                .map_err(|e| format!("RSA key generation failed: {e}"))?;
            Signer::Rsa(Box::new(key))
        }
        "p-256" => Signer::P256(ec_random(32, 0xff, |b| p256::SecretKey::from_slice(b).ok())?.into()),
        "p-384" => Signer::P384(ec_random(48, 0xff, |b| p384::SecretKey::from_slice(b).ok())?.into()),
        // A P-521 scalar has 521 bits: the first of its 66 bytes holds one.
        "p-521" => Signer::P521(ec_random(66, 0x01, |b| p521::SecretKey::from_slice(b).ok())?.into()),
        "secp256k1" => Signer::Secp256k1(ec_random(32, 0xff, |b| k256::SecretKey::from_slice(b).ok())?.into()),
        "ed25519" => {
            let seed = random_bytes(32)?;
            let seed: [u8; 32] = seed.as_slice().try_into().map_err(|_| "seed".to_string())?;
            Signer::Ed25519(ed25519_dalek::SigningKey::from_bytes(&seed))
        }
        other => return Err(format!("unknown key kind \"{other}\"")),
    };
    bundle_signer(&signer)
}

/// A random scalar: random bytes (the first masked) until the curve accepts them.
pub(crate) fn ec_random<K>(len: usize, first_mask: u8, make: impl Fn(&[u8]) -> Option<K>) -> Result<K, String> {
    for _ in 0..64 {
        let mut bytes = random_bytes(len)?;
        bytes[0] &= first_mask;
        if let Some(k) = make(&bytes) {
            return Ok(k);
        }
    }
    Err("could not draw a valid scalar".into())
}

/// Every format of a pasted key: a private key (PEM or JWK) gives them all, a public key
/// or certificate the public ones, a secret its JWK.
pub fn convert(text: &str, encoding: SecretEncoding) -> Result<KeyBundle, String> {
    if let Ok(signer) = sign::parse_signer(text, encoding) {
        return match &signer {
            Signer::Hmac(s) => Ok(bundle_secret(s.bytes(), "HS256")),
            _ => bundle_signer(&signer),
        };
    }
    let set = jwk::parse(text, encoding).map_err(|e| e.to_string())?;
    let key = set.keys.first().ok_or("no key to convert")?;
    let Material::Public(public) = &key.material else { return Err("no key to convert".into()) };
    let mut b = bundle_public(public)?;
    b.description = key.describe();
    Ok(b)
}

fn jwk_text(members: &[(&str, String)]) -> String {
    let body: Vec<String> = members.iter().map(|(k, v)| format!("\"{k}\":{}", json::quote(v))).collect();
    format!("{{{}}}", body.join(","))
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

fn bundle_public(public: &PublicKey) -> Result<KeyBundle, String> {
    let der = match public {
        PublicKey::Rsa(k) => k.to_public_key_der().map_err(|e| e.to_string())?,
        PublicKey::P256(k) => p256::PublicKey::from(k).to_public_key_der().map_err(|e| e.to_string())?,
        PublicKey::P384(k) => p384::PublicKey::from(k).to_public_key_der().map_err(|e| e.to_string())?,
        PublicKey::P521(k) => p521::PublicKey::from(k).to_public_key_der().map_err(|e| e.to_string())?,
        PublicKey::Secp256k1(k) => k256::PublicKey::from(k).to_public_key_der().map_err(|e| e.to_string())?,
        PublicKey::Ed25519(k) => k.to_public_key_der().map_err(|e| e.to_string())?,
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
        public_pem: Some(pem::encode_string("PUBLIC KEY", LineEnding::LF, der.as_bytes()).map_err(|e| e.to_string())?),
        public_jwk: Some(jwk_text(&members)),
        jwks: Some(format!("{{\"keys\":[{}]}}", jwk_text(&with_kid))),
        thumbprint: key.thumbprint,
    })
}

fn default_alg(public: &PublicKey) -> &'static str {
    match public {
        PublicKey::Rsa(_) => "RS256",
        PublicKey::P256(_) => "ES256",
        PublicKey::P384(_) => "ES384",
        PublicKey::P521(_) => "ES512",
        PublicKey::Secp256k1(_) => "ES256K",
        PublicKey::Ed25519(_) => "EdDSA",
    }
}

fn bundle_signer(signer: &Signer) -> Result<KeyBundle, String> {
    let b = |x: &[u8]| base64url::encode(x);
    let (public, der, private_members): Parts = match signer {
        Signer::Rsa(k) => {
            let public = PublicKey::Rsa(k.to_public_key());
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
            let der = k.to_pkcs8_der().map_err(|e| e.to_string())?;
            (public, Zeroizing::new(der.as_bytes().to_vec()), m)
        }
        Signer::P256(k) => {
            ec_parts(PublicKey::P256(*k.verifying_key()), p256::SecretKey::from(k).to_pkcs8_der(), &k.to_bytes())?
        }
        Signer::P384(k) => {
            ec_parts(PublicKey::P384(*k.verifying_key()), p384::SecretKey::from(k).to_pkcs8_der(), &k.to_bytes())?
        }
        Signer::P521(k) => {
            ec_parts(PublicKey::P521(*k.verifying_key()), p521::SecretKey::from(k).to_pkcs8_der(), &k.to_bytes())?
        }
        Signer::Secp256k1(k) => {
            ec_parts(PublicKey::Secp256k1(*k.verifying_key()), k256::SecretKey::from(k).to_pkcs8_der(), &k.to_bytes())?
        }
        Signer::Ed25519(k) => {
            // PKCS#8 v1 without the public key (RFC 8410 §7): OpenSSL 3.0 cannot read the
            // v2 form that `SigningKey::to_pkcs8_der` writes.
            let v1 = ed25519_dalek::pkcs8::KeypairBytes { secret_key: k.to_bytes(), public_key: None };
            let der = v1.to_pkcs8_der().map_err(|e| e.to_string())?;
            (
                PublicKey::Ed25519(k.verifying_key()),
                Zeroizing::new(der.as_bytes().to_vec()),
                vec![("d", b(k.as_bytes()))],
            )
        }
        Signer::Hmac(_) => return Err("secrets have no PEM form".into()),
        Signer::X25519(_) => return Err("X25519 keys (for JWE key agreement) cannot be converted here".into()),
    };
    let mut bundle = bundle_public(&public)?;
    let mut members = public.jwk_members();
    members.extend(private_members);
    bundle.private_jwk = Some(jwk_text(&members));
    bundle.private_pem = Some(pem::encode_string("PRIVATE KEY", LineEnding::LF, &der).map_err(|e| e.to_string())?);
    bundle.description = format!("{} and its private key", public.describe().replace(" public key", ""));
    Ok(bundle)
}

/// A private key's parts: its public key, its PKCS#8 DER, and its private JWK members.
type Parts = (PublicKey, Zeroizing<Vec<u8>>, Vec<(&'static str, String)>);

fn ec_parts<E: std::fmt::Display>(
    public: PublicKey,
    der: Result<rsa::pkcs8::SecretDocument, E>,
    d: &[u8],
) -> Result<Parts, String> {
    let der = der.map_err(|e| e.to_string())?;
    Ok((public, Zeroizing::new(der.as_bytes().to_vec()), vec![("d", base64url::encode(d))]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::jws::verify::{Verdict, verify};
    use crate::jwt::protocol::SignRequest;
    use crate::jwt::token::decode;

    /// Every kind generates a key whose private formats sign and whose public formats
    /// verify, and converting any format gives the same thumbprint.
    #[test]
    fn generated_keys_sign_and_verify_in_every_format() {
        for kind in ["hmac-256", "hmac-512", "rsa-2048", "p-256", "p-384", "p-521", "secp256k1", "ed25519"] {
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
