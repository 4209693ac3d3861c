//! PEM and DER keys: SubjectPublicKeyInfo, PKCS#1 (RSA public and private), X.509
//! certificates, PKCS#8 and SEC1 private keys, each read with its RustCrypto crate.

use der::asn1::{ObjectIdentifier, OctetStringRef};
use der::{Decode as _, pem};
use rsa::pkcs1::{self, DecodeRsaPrivateKey as _};
use zeroize::Zeroizing;

use super::public::{ec_from_point, ed448_key, rsa_key};
use super::{Key, KeyError, KeySet, Material, Origin, PrivateKey, PublicKey};
use crate::jwt::verdict::CertInfo;

const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const RSASSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const ED448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.113");
const X25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.110");
const P256_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const P384_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const P521_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");
const K256_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.10");

/// Every PEM block of the text, each a key; the first block that cannot be read fails all.
/// With `signatures_only`, a key for key agreement (X25519) is refused as it is met.
pub(crate) fn parse_pem(text: &str, signatures_only: bool) -> Result<KeySet, KeyError> {
    let mut set = KeySet::default();
    let blocks: Vec<&str> = text.split("-----BEGIN").filter(|b| !b.trim().is_empty()).collect();
    for (i, block) in blocks.iter().enumerate() {
        let block = format!("-----BEGIN{block}");
        let end = block
            .find("-----END")
            .and_then(|e| block.get(e + 8..).and_then(|rest| rest.find("-----")).map(|f| e + 8 + f + 5));
        let Some(armoured) = end.and_then(|end| block.get(..end)) else {
            return Err(KeyError::PemNoEnd { block: i + 1 });
        };
        let (label, der) =
            pem::decode_vec(armoured.as_bytes()).map_err(|why| KeyError::PemUnreadable { block: i + 1, why })?;
        let der = Zeroizing::new(der);
        let key = match label {
            "PUBLIC KEY" => Key::new(Material::Public(from_spki(&der, signatures_only)?), Origin::PemSpki),
            "RSA PUBLIC KEY" => Key::new(Material::Public(rsa_from_pkcs1_public(&der)?), Origin::PemPkcs1),
            "CERTIFICATE" => from_certificate(&der, signatures_only)?,
            "PRIVATE KEY" => Key::new(Material::Private(from_pkcs8(&der, signatures_only)?), Origin::PrivatePkcs8),
            "RSA PRIVATE KEY" => Key::new(Material::Private(rsa_from_pkcs1_private(&der)?), Origin::PrivatePkcs1),
            "EC PRIVATE KEY" => Key::new(Material::Private(from_sec1(&der)?), Origin::PrivateSec1),
            "ENCRYPTED PRIVATE KEY" => return Err(KeyError::EncryptedPrivateKey),
            "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => return Err(KeyError::CertificateRequest),
            other => return Err(KeyError::PemLabel { label: other.to_string() }),
        };
        set.keys.push(key);
    }
    if set.keys.is_empty() {
        return Err(KeyError::NoPemBlock);
    }
    Ok(set)
}

/// A curve OID to its JOSE name, for messages and for picking the crate.
pub(crate) fn curve_name(oid: &ObjectIdentifier) -> Option<&'static str> {
    match *oid {
        o if o == P256_OID => Some("P-256"),
        o if o == P384_OID => Some("P-384"),
        o if o == P521_OID => Some("P-521"),
        o if o == K256_OID => Some("secp256k1"),
        _ => None,
    }
}

fn unsupported_algorithm(oid: &ObjectIdentifier) -> KeyError {
    KeyError::AlgorithmUnsupported { oid: oid.to_string() }
}

/// A public key from the parts of a SubjectPublicKeyInfo.
fn from_spki_parts(
    alg: &ObjectIdentifier,
    params: Option<ObjectIdentifier>,
    bits: &[u8],
    signatures_only: bool,
) -> Result<PublicKey, KeyError> {
    match *alg {
        o if o == RSA_ENCRYPTION || o == RSASSA_PSS => rsa_from_pkcs1_public(bits),
        o if o == EC_PUBLIC_KEY => match params.as_ref().and_then(curve_name) {
            Some(c) => ec_from_point(c, bits),
            None => {
                Err(KeyError::EcCurveUnknown { curve: params.map_or("(not named)".to_string(), |p| p.to_string()) })
            }
        },
        o if o == ED25519 => {
            let bytes: [u8; 32] = bits.try_into().map_err(|_| KeyError::Ed25519Length)?;
            Ok(PublicKey::Ed25519(ed25519_dalek::VerifyingKey::from_bytes(&bytes).map_err(|_| KeyError::Ed25519Point)?))
        }
        // RFC 8410 §4: the 57-byte public key, as RFC 8032 §5.2.2 encodes it.
        o if o == ED448 => {
            if bits.len() != 57 {
                return Err(KeyError::Ed448Length);
            }
            ed448_key(bits).map(PublicKey::Ed448).ok_or(KeyError::Ed448Point)
        }
        o if o == X25519 && signatures_only => Err(KeyError::X25519NotForSignatures),
        // RFC 8410 §4: the 32-byte u-coordinate, as it is.
        o if o == X25519 => {
            let bytes: [u8; 32] = bits.try_into().map_err(|_| KeyError::X25519Length)?;
            Ok(PublicKey::X25519(x25519_dalek::PublicKey::from(bytes)))
        }
        // RFC 9881 §4: the parameters were checked absent by the caller.
        o if let Some(alg) = super::mldsa::alg_of_oid(&o) => {
            Ok(PublicKey::MlDsa(super::mldsa::from_spki(alg, false, bits)?))
        }
        o => Err(unsupported_algorithm(&o)),
    }
}

/// A public key from SubjectPublicKeyInfo DER (RFC 5280 §4.1.2.7).
pub(crate) fn from_spki(der: &[u8], signatures_only: bool) -> Result<PublicKey, KeyError> {
    let spki = spki::SubjectPublicKeyInfoRef::from_der(der).map_err(KeyError::Spki)?;
    mldsa_parameters(&spki.algorithm.oid, spki.algorithm.parameters.is_some())?;
    let params = spki.algorithm.parameters.and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
    let bits = spki.subject_public_key.as_bytes().ok_or(KeyError::SpkiBits)?;
    from_spki_parts(&spki.algorithm.oid, params, bits, signatures_only)
}

/// The public key of an X.509 certificate, with its subject, issuer and validity.
pub(crate) fn from_certificate(der: &[u8], signatures_only: bool) -> Result<Key, KeyError> {
    let cert = x509_cert::Certificate::from_der(der).map_err(KeyError::Certificate)?;
    let tbs = cert.tbs_certificate();
    let spki = tbs.subject_public_key_info();
    mldsa_parameters(&spki.algorithm.oid, spki.algorithm.parameters.is_some())?;
    let params = spki.algorithm.parameters.as_ref().and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
    let bits = spki.subject_public_key.as_bytes().ok_or(KeyError::CertificateBits)?;
    let public = from_spki_parts(&spki.algorithm.oid, params, bits, signatures_only)?;
    let validity = tbs.validity();
    let info = CertInfo {
        subject: name_string(tbs.subject()),
        issuer: name_string(tbs.issuer()),
        not_before: validity.not_before.to_unix_duration().as_secs() as i64,
        not_after: validity.not_after.to_unix_duration().as_secs() as i64,
    };
    Ok(Key::new(Material::Public(public), Origin::Certificate(info)))
}

/// A distinguished name as "CN=example.com, O=Example, C=FR", most specific first. Written
/// here rather than with `Name`'s `Display`, which links const-oid's whole OID name
/// database (over 100 KB of wasm) to print a handful of attribute names.
fn name_string(name: &x509_cert::name::Name) -> String {
    const SHORT: &[(&str, &str)] = &[
        ("2.5.4.3", "CN"),
        ("2.5.4.6", "C"),
        ("2.5.4.7", "L"),
        ("2.5.4.8", "ST"),
        ("2.5.4.10", "O"),
        ("2.5.4.11", "OU"),
        ("2.5.4.5", "serialNumber"),
        ("0.9.2342.19200300.100.1.25", "DC"),
        ("0.9.2342.19200300.100.1.1", "UID"),
        ("1.2.840.113549.1.9.1", "emailAddress"),
    ];
    let mut parts: Vec<String> = name
        .iter()
        .map(|atv| {
            let oid = atv.oid.to_string();
            let key = SHORT.iter().find(|(o, _)| *o == oid).map_or(oid.as_str(), |(_, n)| n).to_string();
            // Directory strings (UTF8String, PrintableString, IA5String…) carry their text
            // as the value's bytes.
            format!("{key}={}", String::from_utf8_lossy(atv.value.value()))
        })
        .collect();
    parts.reverse();
    if parts.is_empty() { "(empty name)".to_string() } else { parts.join(", ") }
}

/// An ML-DSA algorithm identifier must have no parameters (RFC 9881 §2).
fn mldsa_parameters(oid: &ObjectIdentifier, present: bool) -> Result<(), KeyError> {
    match super::mldsa::alg_of_oid(oid) {
        Some(alg) if present => Err(KeyError::MlDsaParameters { alg }),
        _ => Ok(()),
    }
}

fn rsa_from_pkcs1_public(der: &[u8]) -> Result<PublicKey, KeyError> {
    let k = pkcs1::RsaPublicKeyRef::from_der(der).map_err(KeyError::Pkcs1Public)?;
    rsa_key(k.modulus.as_bytes(), k.public_exponent.as_bytes())
}

/// An RSA private key from PKCS#1 DER (RFC 8017 Appendix A.1.2). Its public key is read
/// first, so that a key the `rsa` crate refuses for its size says so as a public key would.
fn rsa_from_pkcs1_private(der: &[u8]) -> Result<PrivateKey, KeyError> {
    let k = pkcs1::RsaPrivateKeyRef::from_der(der).map_err(KeyError::Pkcs1Private)?;
    rsa_key(k.modulus.as_bytes(), k.public_exponent.as_bytes())?;
    rsa::PrivateKey::from_pkcs1_der(der)
        .map(|k| PrivateKey::Rsa(Box::new(k)))
        .map_err(|e| KeyError::RsaPrivate { why: e.to_string() })
}

/// A private key from PKCS#8 DER (RFC 5958): RSA, EC on a named curve, Ed25519, Ed448,
/// X25519, ML-DSA. A v2 key's public key, when given, must be whole bytes and the private
/// key's own: a file that contradicts itself is refused, whichever key it would be read as.
pub(crate) fn from_pkcs8(der: &[u8], signatures_only: bool) -> Result<PrivateKey, KeyError> {
    let info = pkcs8::PrivateKeyInfoRef::from_der(der).map_err(KeyError::Pkcs8)?;
    let key = private_of(&info, der, signatures_only)?;
    if let Some(given) = &info.public_key {
        let params = info.algorithm.parameters.and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
        let given = given.as_bytes().and_then(|bits| from_spki_parts(&info.algorithm.oid, params, bits, false).ok());
        if given != Some(key.public()) {
            return Err(KeyError::Pkcs8PublicKey { kind: key.kind() });
        }
    }
    Ok(key)
}

/// The private key of a PKCS#8 `info` (whose DER is `der`), without its public key.
fn private_of(info: &pkcs8::PrivateKeyInfoRef<'_>, der: &[u8], signatures_only: bool) -> Result<PrivateKey, KeyError> {
    match info.algorithm.oid {
        o if o == RSA_ENCRYPTION || o == RSASSA_PSS => rsa_from_pkcs1_private(info.private_key.as_bytes()),
        o if o == EC_PUBLIC_KEY => {
            let curve = info.algorithm.parameters.and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
            ec_private(curve, der, EcPrivateDer::Pkcs8)
        }
        // RFC 8410 §7: an OCTET STRING holding the 32-byte seed.
        o if o == ED25519 => {
            let seed = <&OctetStringRef>::from_der(info.private_key.as_bytes())
                .ok()
                .and_then(|s| s.as_bytes().try_into().ok());
            let seed: Zeroizing<[u8; 32]> = Zeroizing::new(seed.ok_or_else(|| KeyError::Ed25519Private {
                why: "its seed is not an OCTET STRING of 32 bytes".to_string(),
            })?);
            Ok(PrivateKey::Ed25519(ed25519_dalek::SigningKey::from_bytes(&seed)))
        }
        o if o == ED448 => {
            // RFC 8410 §7: an OCTET STRING holding the 57-byte seed.
            let seed = <&OctetStringRef>::from_der(info.private_key.as_bytes()).map_err(|_| KeyError::Ed448Private)?;
            super::private::ed448_from_seed(seed.as_bytes()).ok_or(KeyError::Ed448Private)
        }
        o if let Some(alg) = super::mldsa::alg_of_oid(&o) => {
            Ok(PrivateKey::MlDsa(super::mldsa::from_pkcs8(alg, info)?))
        }
        o if o == X25519 && signatures_only => Err(KeyError::X25519NotForSignatures),
        o if o == X25519 => {
            // RFC 8410 §7: the private key is an OCTET STRING holding the 32-byte scalar.
            let scalar =
                <&OctetStringRef>::from_der(info.private_key.as_bytes()).map_err(|_| KeyError::X25519Private)?;
            let scalar: [u8; 32] = scalar.as_bytes().try_into().map_err(|_| KeyError::X25519Private)?;
            Ok(PrivateKey::X25519(x25519_dalek::StaticSecret::from(scalar)))
        }
        o => Err(unsupported_algorithm(&o)),
    }
}

fn from_sec1(der: &[u8]) -> Result<PrivateKey, KeyError> {
    let key = sec1::EcPrivateKey::from_der(der).map_err(KeyError::Sec1)?;
    ec_private(key.parameters.and_then(|p| p.named_curve()), der, EcPrivateDer::Sec1)
}

/// How an EC private key is wrapped.
#[derive(Clone, Copy)]
enum EcPrivateDer {
    Pkcs8,
    Sec1,
}

/// An EC private key, for the curve its OID names.
fn ec_private(curve: Option<ObjectIdentifier>, der: &[u8], format: EcPrivateDer) -> Result<PrivateKey, KeyError> {
    use p256::pkcs8::DecodePrivateKey as _;
    macro_rules! private {
        ($krate:ident, $variant:ident, $name:literal) => {{
            let secret = match format {
                EcPrivateDer::Pkcs8 => $krate::SecretKey::from_pkcs8_der(der).ok(),
                EcPrivateDer::Sec1 => $krate::SecretKey::from_sec1_der(der).ok(),
            };
            PrivateKey::$variant(secret.ok_or(KeyError::EcPrivate { curve: $name })?.into())
        }};
    }
    Ok(match curve.as_ref().and_then(curve_name) {
        Some("P-256") => private!(p256, P256, "P-256"),
        Some("P-384") => private!(p384, P384, "P-384"),
        Some("P-521") => private!(p521, P521, "P-521"),
        Some("secp256k1") => private!(k256, Secp256k1, "secp256k1"),
        _ => return Err(KeyError::EcPrivateCurve),
    })
}
