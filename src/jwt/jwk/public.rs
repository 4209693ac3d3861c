//! Public keys: what verifies a signature or receives a JWE, their description and their
//! members as a JWK (RFC 7517, RFC 7518 §6, RFC 8037 §2).

use rsa::traits::PublicKeyParts as _;

use super::KeyError;
use crate::jwt::alg::{Curve, KeyType};
use crate::jwt::base64url;

/// A public key: it checks signatures, or (RSA, NIST curves, X25519) receives a JWE.
#[derive(Debug, Clone, PartialEq)]
pub enum PublicKey {
    Rsa(rsa::PublicKey),
    P256(p256::ecdsa::VerifyingKey),
    P384(p384::ecdsa::VerifyingKey),
    P521(p521::ecdsa::VerifyingKey),
    Secp256k1(k256::ecdsa::VerifyingKey),
    Ed25519(ed25519_dalek::VerifyingKey),
    /// An X25519 key (RFC 8037): for JWE key agreement (`ECDH-ES`), never for signatures.
    X25519(x25519_dalek::PublicKey),
    /// An Ed448 key (RFC 8032 §5.2, RFC 8037): for `Ed448` and `EdDSA` signatures.
    Ed448(ed448_goldilocks::VerifyingKey),
    /// An ML-DSA key (FIPS 204), for its one algorithm (`AKP`, RFC 9964).
    MlDsa(super::mldsa::MlDsaPublicKey),
}

impl PublicKey {
    /// Its key type in the algorithm table's terms (`JwsAlg::accepts` says which algorithms
    /// it checks).
    pub fn key_type(&self) -> KeyType {
        match self {
            PublicKey::Rsa(_) => KeyType::Rsa,
            PublicKey::P256(_) => KeyType::Ec(Curve::P256),
            PublicKey::P384(_) => KeyType::Ec(Curve::P384),
            PublicKey::P521(_) => KeyType::Ec(Curve::P521),
            PublicKey::Secp256k1(_) => KeyType::Ec(Curve::Secp256k1),
            PublicKey::Ed25519(_) => KeyType::Okp(Curve::Ed25519),
            PublicKey::X25519(_) => KeyType::Okp(Curve::X25519),
            PublicKey::Ed448(_) => KeyType::Okp(Curve::Ed448),
            PublicKey::MlDsa(k) => KeyType::Akp(k.alg()),
        }
    }

    /// "RSA public key, 2048 bits", "EC P-256 public key", …
    pub fn describe(&self) -> String {
        match self {
            PublicKey::Rsa(k) => format!("RSA public key, {} bits", k.n().bit_width()),
            PublicKey::P256(_) => "EC P-256 public key".into(),
            PublicKey::P384(_) => "EC P-384 public key".into(),
            PublicKey::P521(_) => "EC P-521 public key".into(),
            PublicKey::Secp256k1(_) => "EC secp256k1 public key".into(),
            PublicKey::Ed25519(_) => "Ed25519 public key".into(),
            PublicKey::X25519(_) => "X25519 public key".into(),
            PublicKey::Ed448(_) => "Ed448 public key".into(),
            PublicKey::MlDsa(k) => format!("{} public key", k.alg()),
        }
    }

    /// The RFC 7638 required members of this key as a public JWK, in lexicographic order.
    pub(crate) fn jwk_members(&self) -> Vec<(&'static str, String)> {
        fn ec(crv: &'static str, point: &[u8]) -> Vec<(&'static str, String)> {
            // An uncompressed SEC1 point: 0x04 || x || y.
            let coords = point.get(1..).unwrap_or_default();
            let (x, y) = coords.split_at(coords.len() / 2);
            vec![("crv", crv.into()), ("kty", "EC".into()), ("x", base64url::encode(x)), ("y", base64url::encode(y))]
        }
        let okp =
            |crv: &'static str, x: &[u8]| vec![("crv", crv.into()), ("kty", "OKP".into()), ("x", base64url::encode(x))];
        match self {
            PublicKey::Rsa(k) => vec![
                ("e", base64url::encode(&trim_zeros(&k.e().to_be_bytes()))),
                ("kty", "RSA".into()),
                ("n", base64url::encode(&trim_zeros(&k.n().to_be_bytes()))),
            ],
            PublicKey::P256(k) => ec("P-256", k.to_sec1_point(false).as_bytes()),
            PublicKey::P384(k) => ec("P-384", k.to_sec1_point(false).as_bytes()),
            PublicKey::P521(k) => ec("P-521", k.to_sec1_point(false).as_bytes()),
            PublicKey::Secp256k1(k) => ec("secp256k1", k.to_sec1_point(false).as_bytes()),
            PublicKey::Ed25519(k) => okp("Ed25519", k.as_bytes()),
            PublicKey::X25519(k) => okp("X25519", k.as_bytes()),
            PublicKey::Ed448(k) => okp("Ed448", k.as_bytes()),
            // RFC 9964 §5: an AKP key's required members are alg, kty and pub.
            PublicKey::MlDsa(k) => vec![
                ("alg", k.alg().name().into()),
                ("kty", crate::jwt::alg::KeyType::Akp(k.alg()).kty().into()),
                ("pub", base64url::encode(&k.to_bytes())),
            ],
        }
    }
}

/// JWK text of members, in the order given: `{"kty":"EC",…}`.
pub(crate) fn jwk_text(members: &[(&str, String)]) -> String {
    let body: Vec<String> = members.iter().map(|(k, v)| format!("\"{k}\":{}", crate::jwt::json::quote(v))).collect();
    format!("{{{}}}", body.join(","))
}

impl PublicKey {
    /// This key as a public JWK's text, its RFC 7638 members only.
    pub fn jwk(&self) -> String {
        jwk_text(&self.jwk_members())
    }
}

/// Big-endian bytes without their leading zeros (one zero stays for zero itself).
pub(crate) fn trim_zeros(bytes: &[u8]) -> Vec<u8> {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len().saturating_sub(1));
    bytes.get(start..).unwrap_or_default().to_vec()
}

/// The elliptic curves of ECDSA keys, as JOSE names them.
pub(crate) const EC_CURVES: [&str; 4] = ["P-256", "P-384", "P-521", "secp256k1"];

/// A public key from an uncompressed or compressed SEC1 point on a named curve.
pub(crate) fn ec_from_point(curve: &'static str, point: &[u8]) -> Result<PublicKey, KeyError> {
    let bad = || KeyError::EcPoint { curve };
    Ok(match curve {
        "P-256" => PublicKey::P256(p256::ecdsa::VerifyingKey::from_sec1_bytes(point).map_err(|_| bad())?),
        "P-384" => PublicKey::P384(p384::ecdsa::VerifyingKey::from_sec1_bytes(point).map_err(|_| bad())?),
        "P-521" => PublicKey::P521(p521::ecdsa::VerifyingKey::from_sec1_bytes(point).map_err(|_| bad())?),
        _ => PublicKey::Secp256k1(k256::ecdsa::VerifyingKey::from_sec1_bytes(point).map_err(|_| bad())?),
    })
}

/// An Ed448 public key from its 57-byte encoding (RFC 8032 §5.2.2), strictly: the crate
/// refuses a point off the curve, of small order or with torsion, and the identity; the
/// encoding must also be canonical (the y coordinate below p, and the last byte's seven
/// low bits clear), which re-encoding the point shows.
pub(crate) fn ed448_key(bytes: &[u8]) -> Option<ed448_goldilocks::VerifyingKey> {
    let bytes: &[u8; 57] = bytes.try_into().ok()?;
    let key = ed448_goldilocks::VerifyingKey::from_bytes(bytes).ok()?;
    (key.to_edwards().to_affine().compress().to_bytes() == *bytes).then_some(key)
}

/// An RSA public key from its modulus and exponent (big-endian).
pub(crate) fn rsa_key(n: &[u8], e: &[u8]) -> Result<PublicKey, KeyError> {
    let n = trim_zeros(n);
    let e = trim_zeros(e);
    let bits = |b: &[u8]| (b.len() * 8) as u32;
    let n_big = rsa::BoxedUint::from_be_slice(&n, bits(&n)).map_err(|_| KeyError::RsaModulus)?;
    let e_big = rsa::BoxedUint::from_be_slice(&e, bits(&e).max(64)).map_err(|_| KeyError::RsaExponent)?;
    // 512 bits up: small keys are read so the page can say they are too small (a warning)
    // rather than refuse to look at them.
    rsa::PublicKey::new_with_size_limits(n_big, e_big, 512..=16384)
        .map(PublicKey::Rsa)
        .map_err(|e| KeyError::RsaPublic { why: e.to_string() })
}
