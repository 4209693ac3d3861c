//! JWK and JWKS (RFC 7517; key types of RFC 7518 §6 and RFC 8037 §2), and the key a token
//! carries in its own `jwk` or `x5c` header.

use zeroize::Zeroizing;

use super::public::{EC_CURVES, ec_from_point, ed448_key, rsa_key};
use super::secret::{decode_secret, oct_secret};
use super::{EpkError, Key, KeyError, KeySet, Material, Origin, PrivateKey, PublicKey, thumbprint};
use crate::jwt::base64url;
use crate::jwt::json::{self, Node, Value};
use crate::jwt::limits::MAX_PRIVATE_AKP_KEYS;
use crate::jwt::verdict::SecretEncoding;

/// What JWK text holds: one JWK, or a JWKS whose entries are each read or not.
// One value per request, moved rarely: boxing the large variant would buy nothing.
#[allow(clippy::large_enum_variant)]
pub(crate) enum JwkText {
    One(Result<Key, KeyError>),
    Set(Vec<Result<Key, KeyError>>),
}

/// Reads JWK or JWKS text: each JWKS entry on its own, so that one entry this page cannot
/// use does not hide the others, and at most `MAX_PRIVATE_AKP_KEYS` private ML-DSA keys. With `signatures_only`, a key for key agreement (X25519,
/// X448) is refused as it is met.
pub(crate) fn parse_jwk_text(text: &str, signatures_only: bool) -> Result<JwkText, KeyError> {
    let doc = json::parse(text).map_err(|e| KeyError::JwkNotJson {
        line: e.line,
        column: e.column,
        message: e.message.to_string(),
    })?;
    let root = &doc.root;
    if let Some(keys) = root.get("keys") {
        let Value::Array(items) = &keys.value else { return Err(KeyError::JwksKeysNotArray) };
        let mut private_akp = 0;
        let entries = items.iter().enumerate().map(|(index, item)| {
            if item.get("kty").and_then(Node::as_str) == Some("AKP") && item.get("priv").is_some() {
                private_akp += 1;
                if private_akp > MAX_PRIVATE_AKP_KEYS {
                    return Err(KeyError::PrivateAkpLimit { limit: MAX_PRIVATE_AKP_KEYS });
                }
            }
            read_jwk(item, true, index, signatures_only)
        });
        return Ok(JwkText::Set(entries.collect()));
    }
    Ok(JwkText::One(read_jwk(root, false, 0, signatures_only)))
}

fn member<'a>(jwk: &'a Node, name: &str) -> Result<&'a str, KeyError> {
    match jwk.get(name) {
        Some(n) => n.as_str().ok_or_else(|| KeyError::JwkNotString { name: name.to_string() }),
        None => Err(KeyError::JwkMissing { name: name.to_string() }),
    }
}

fn member_bytes(jwk: &Node, name: &str) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    base64url::decode_strict(member(jwk, name)?)
        .map(Zeroizing::new)
        .map_err(|e| KeyError::JwkNotBase64 { name: name.to_string(), why: e.describe() })
}

/// Reads one JWK (RFC 7517 §4, RFC 7518 §6, RFC 8037 §2): a secret (`oct`), a public key,
/// or with `d` a private key whose public members must be its own.
pub fn parse_jwk(jwk: &Node, in_set: bool, index: usize) -> Result<Key, KeyError> {
    read_jwk(jwk, in_set, index, false)
}

fn read_jwk(jwk: &Node, in_set: bool, index: usize, signatures_only: bool) -> Result<Key, KeyError> {
    if !jwk.is_object() {
        return Err(KeyError::JwkNotObject);
    }
    let kty = member(jwk, "kty")?;
    if kty == "AKP" {
        let material = akp(jwk)?;
        let private = matches!(material, Material::Private(_));
        let origin = if in_set { Origin::Jwks { index, private } } else { Origin::Jwk { private } };
        return Ok(with_members(Key::new(material, origin), jwk, kty));
    }
    let private = jwk.get("d").is_some();
    let origin = if in_set { Origin::Jwks { index, private } } else { Origin::Jwk { private } };
    let public = match kty {
        "oct" => None,
        "RSA" => Some(rsa_key(&member_bytes(jwk, "n")?, &member_bytes(jwk, "e")?)?),
        "EC" => {
            let crv = member(jwk, "crv")?;
            let Some(&crv) = EC_CURVES.iter().find(|&&c| c == crv) else {
                return Err(KeyError::JwkCurve { crv: crv.to_string() });
            };
            let size = match crv {
                "P-384" => 48,
                "P-521" => 66,
                _ => 32,
            };
            let (x, y) = (member_bytes(jwk, "x")?, member_bytes(jwk, "y")?);
            if x.len() != size || y.len() != size {
                return Err(KeyError::JwkCoordinates { crv: crv.to_string(), size, x: x.len(), y: y.len() });
            }
            let point: Vec<u8> = std::iter::once(4).chain(x.iter().copied()).chain(y.iter().copied()).collect();
            Some(ec_from_point(crv, &point)?)
        }
        "OKP" => match member(jwk, "crv")? {
            "Ed25519" => {
                let x = member_bytes(jwk, "x")?;
                let bytes: [u8; 32] = x.as_slice().try_into().map_err(|_| KeyError::JwkEd25519X { len: x.len() })?;
                Some(PublicKey::Ed25519(
                    ed25519_dalek::VerifyingKey::from_bytes(&bytes).map_err(|_| KeyError::JwkEd25519Point)?,
                ))
            }
            "X25519" | "X448" if signatures_only => return Err(KeyError::OkpForAgreement),
            "X25519" => {
                let x = member_bytes(jwk, "x")?;
                let bytes: [u8; 32] = x.as_slice().try_into().map_err(|_| KeyError::JwkX25519X)?;
                Some(PublicKey::X25519(x25519_dalek::PublicKey::from(bytes)))
            }
            "Ed448" => {
                let x = member_bytes(jwk, "x")?;
                if x.len() != 57 {
                    return Err(KeyError::JwkEd448X { len: x.len() });
                }
                Some(PublicKey::Ed448(ed448_key(&x).ok_or(KeyError::Ed448Point)?))
            }
            "X448" => return Err(KeyError::OkpForAgreement),
            other => return Err(KeyError::JwkOkpCurve { crv: other.to_string() }),
        },
        other => return Err(KeyError::JwkKeyType { kty: other.to_string() }),
    };
    let material = match public {
        None => Material::Secret(oct_secret(member_bytes(jwk, "k")?.to_vec())?),
        Some(public) if private => {
            let key = private_jwk(jwk, &public)?;
            if key.public() != public {
                return Err(KeyError::JwkMismatch);
            }
            Material::Private(key)
        }
        Some(public) => Material::Public(public),
    };
    Ok(with_members(Key::new(material, origin), jwk, kty))
}

/// A key read from a JWK, with the JWK's thumbprint, `kid`, `alg`, `use` and `key_ops`.
fn with_members(mut key: Key, jwk: &Node, kty: &str) -> Key {
    // RFC 7638 uses the JWK's own member values, as given.
    key.thumbprint = jwk_thumbprint(jwk, kty).unwrap_or(key.thumbprint);
    let text = |name: &str| jwk.get(name).and_then(Node::as_str).map(str::to_string);
    key.kid = text("kid");
    key.alg = text("alg");
    key.use_ = text("use");
    key.key_ops = match jwk.get("key_ops").map(|n| &n.value) {
        Some(Value::Array(ops)) => Some(ops.iter().filter_map(Node::as_str).map(str::to_string).collect()),
        _ => None,
    };
    key
}

/// An AKP JWK (RFC 9964 §5): `alg` (required: one ML-DSA algorithm, which the key is
/// bound to), `pub`, and for a private key `priv`, the 32-byte seed, which must give `pub`.
fn akp(jwk: &Node) -> Result<Material, KeyError> {
    use super::mldsa::{MlDsaPrivateKey, MlDsaPublicKey};
    use crate::jwt::alg::{JwsAlg, Scheme};
    let name = member(jwk, "alg")?;
    let alg = JwsAlg::parse(name)
        .filter(|a| a.scheme() == Scheme::MlDsa)
        .ok_or_else(|| KeyError::AkpAlg { alg: name.to_string() })?;
    let public = MlDsaPublicKey::from_bytes(alg, &member_bytes(jwk, "pub")?)?;
    if jwk.get("priv").is_none() {
        return Ok(Material::Public(PublicKey::MlDsa(public)));
    }
    let private = MlDsaPrivateKey::from_seed(alg, &member_bytes(jwk, "priv")?)?;
    if private.public() != public {
        return Err(KeyError::AkpMismatch);
    }
    Ok(Material::Private(PrivateKey::MlDsa(private)))
}

/// The private key of a JWK with `d`, of the type its public key already has.
fn private_jwk(jwk: &Node, public: &PublicKey) -> Result<PrivateKey, KeyError> {
    let d = member_bytes(jwk, "d")?;
    macro_rules! ec {
        ($krate:ident, $variant:ident) => {
            PrivateKey::$variant(
                $krate::SecretKey::from_slice(&d)
                    .map_err(|_| KeyError::JwkPrivateNumbers { what: "EC private JWK" })?
                    .into(),
            )
        };
    }
    let okp_d = |crv| -> Result<[u8; 32], KeyError> { d.as_slice().try_into().map_err(|_| KeyError::JwkOkpD { crv }) };
    Ok(match public {
        PublicKey::Rsa(_) => {
            let big = |b: &[u8]| {
                rsa::BoxedUint::from_be_slice(b, (b.len() * 8).max(64) as u32)
                    .map_err(|_| KeyError::JwkPrivateNumbers { what: "RSA JWK" })
            };
            let (n, e) = (member_bytes(jwk, "n")?, member_bytes(jwk, "e")?);
            let primes = match (jwk.get("p"), jwk.get("q")) {
                (Some(_), Some(_)) => vec![big(&member_bytes(jwk, "p")?)?, big(&member_bytes(jwk, "q")?)?],
                _ => Vec::new(),
            };
            let (n, e, d) = (big(&n)?, big(&e)?, big(&d)?);
            rsa::PrivateKey::from_components(n.clone(), e.clone(), d.clone(), primes.clone())
                .or_else(|_| rsa::PrivateKey::from_components_with_wide_primes(n, e, d, primes))
                .map(|k| PrivateKey::Rsa(Box::new(k)))
                .map_err(|e| KeyError::RsaPrivateJwk { why: e.to_string() })?
        }
        PublicKey::P256(_) => ec!(p256, P256),
        PublicKey::P384(_) => ec!(p384, P384),
        PublicKey::P521(_) => ec!(p521, P521),
        PublicKey::Secp256k1(_) => ec!(k256, Secp256k1),
        PublicKey::Ed25519(_) => PrivateKey::Ed25519(ed25519_dalek::SigningKey::from_bytes(&okp_d("Ed25519")?)),
        PublicKey::X25519(_) => PrivateKey::X25519(x25519_dalek::StaticSecret::from(okp_d("X25519")?)),
        // RFC 8037 §2: `d` is the 57-byte private key (RFC 8032 §5.2.5's seed).
        PublicKey::Ed448(_) => super::private::ed448_from_seed(&d).ok_or(KeyError::JwkEd448D { len: d.len() })?,
        // An AKP key's private part is its seed `priv`, read by `akp`.
        PublicKey::MlDsa(_) => return Err(KeyError::JwkMissing { name: "priv".to_string() }),
    })
}

/// The RFC 7638 thumbprint from a JWK's own members.
pub fn jwk_thumbprint(jwk: &Node, kty: &str) -> Option<String> {
    let names: &[&str] = match kty {
        "RSA" => &["e", "kty", "n"],
        "EC" => &["crv", "kty", "x", "y"],
        "OKP" => &["crv", "kty", "x"],
        "oct" => &["k", "kty"],
        "AKP" => &["alg", "kty", "pub"],
        _ => return None,
    };
    let members: Option<Vec<(&str, String)>> =
        names.iter().map(|&n| jwk.get(n).and_then(Node::as_str).map(|v| (n, v.to_string()))).collect();
    Some(thumbprint(&members?))
}

/// The key a token carries in its own header (`jwk`, or the first certificate of `x5c`),
/// for a user who asks to check against it. Such a check only shows the token is
/// self-consistent: whoever made the token chose the key (RFC 8725 §3.10).
pub fn embedded(header: &Node) -> Result<KeySet, KeyError> {
    if let Some(jwk) = header.get("jwk") {
        let mut key = super::for_signatures(read_jwk(jwk, false, 0, true)?)?;
        key.origin = Origin::Embedded("jwk");
        return Ok(KeySet { keys: vec![key], skipped: Vec::new() });
    }
    if let Some(x5c) = header.get("x5c") {
        let Value::Array(certs) = &x5c.value else { return Err(KeyError::X5cNotArray) };
        let first = certs.first().and_then(Node::as_str).ok_or(KeyError::X5cEmpty)?;
        // x5c holds standard base64 (RFC 7515 §4.1.6), not base64url.
        let der = decode_secret(first, SecretEncoding::Base64)?;
        let mut key = super::for_signatures(super::pem::from_certificate(&der, true)?)?;
        key.origin = Origin::Embedded("x5c");
        return Ok(KeySet { keys: vec![key], skipped: Vec::new() });
    }
    Err(KeyError::NoEmbeddedKey)
}

/// The members a JWK holds only for a private or secret key (RFC 7518 §6.2.2, §6.3.2, §6.4,
/// RFC 8037 §2, RFC 9964 §5): a key a token carries for others to check with must have none
/// of them.
pub const PRIVATE_MEMBERS: [&str; 9] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k", "priv"];

/// The key a token binds by value (`cnf.jwk`, RFC 7800 §3.2; an SD-JWT's holder key, RFC
/// 9901 §4.1.2): exactly one JWK object, a public key for signatures. Never a key set, a PEM
/// or any other pasted form, nor a secret, nor one with any private member (its public half
/// is not taken): the lenient reader of pasted keys is for what a user pastes, not for what
/// a token carries.
pub fn confirmation(jwk: &Node) -> Result<KeySet, KeyError> {
    if let Some(&member) = PRIVATE_MEMBERS.iter().find(|m| jwk.get(m).is_some()) {
        return Err(KeyError::PrivateInToken { member });
    }
    let key = super::for_signatures(read_jwk(jwk, false, 0, true)?)?;
    Ok(KeySet { keys: vec![key], skipped: Vec::new() })
}

/// A JWE's ephemeral public key (`epk`, RFC 7518 §4.6.1.1): EC on P-256, P-384 or P-521,
/// or X25519 (RFC 8037), checked to lie on its curve before any key agreement.
pub(crate) fn ephemeral(epk: &Node) -> Result<PublicKey, EpkError> {
    if !epk.is_object() {
        return Err(EpkError::NotObject);
    }
    if epk.get("d").is_some() {
        return Err(EpkError::Private);
    }
    let coord = |name: &str| -> Result<Vec<u8>, EpkError> {
        let text = epk.get(name).and_then(Node::as_str).ok_or_else(|| EpkError::Missing { name: name.to_string() })?;
        base64url::decode_strict(text).map_err(|e| EpkError::NotBase64 { name: name.to_string(), why: e.describe() })
    };
    let kty = epk.get("kty").and_then(Node::as_str).unwrap_or_default();
    let crv = epk.get("crv").and_then(Node::as_str).unwrap_or_default();
    match (kty, crv) {
        ("OKP", "X25519") => {
            let x: [u8; 32] = coord("x")?.try_into().map_err(|_| EpkError::X25519Length)?;
            Ok(PublicKey::X25519(x25519_dalek::PublicKey::from(x)))
        }
        ("EC", "P-256" | "P-384" | "P-521") => {
            let (crv, size) = match crv {
                "P-256" => ("P-256", 32),
                "P-384" => ("P-384", 48),
                _ => ("P-521", 66),
            };
            let (x, y) = (coord("x")?, coord("y")?);
            if x.len() != size || y.len() != size {
                return Err(EpkError::Coordinates { crv, size, x: x.len(), y: y.len() });
            }
            let point: Vec<u8> = std::iter::once(4).chain(x).chain(y).collect();
            ec_from_point(crv, &point).map_err(|_| EpkError::OffCurve { crv })
        }
        _ => Err(EpkError::Unsupported { kty: kty.to_string(), crv: crv.to_string() }),
    }
}
