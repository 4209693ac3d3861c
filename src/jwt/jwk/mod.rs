//! Keys for verification, recognised from whatever is pasted: an HMAC secret (UTF-8,
//! base64 or hex), PEM (SPKI or PKCS#1 public keys, X.509 certificates, PKCS#8, PKCS#1
//! or SEC1 private keys, of which only the public half is kept), a JWK or a JWKS.
//!
//! Every key says where it came from, so the page can tell the user exactly what it
//! understood, and carries its RFC 7638 thumbprint.

#![cfg(feature = "crypto")]

pub mod keygen;
pub mod pasted;

use std::fmt;

use ed25519_dalek::pkcs8::DecodePrivateKey as _;
use rsa::pkcs1;
use rsa::traits::PublicKeyParts as _;
use sha2::{Digest as _, Sha256};
use x509_cert::der::{Decode as _, asn1::ObjectIdentifier, pem};
use zeroize::Zeroizing;

use crate::jwt::base64url;
use crate::jwt::json::{self, Node, Value};
pub use crate::jwt::verdict::{CertInfo, SecretEncoding};

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

/// An HMAC secret. Its bytes are wiped when dropped and never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Zeroizing<Vec<u8>>);

impl Secret {
    pub fn new(bytes: Vec<u8>) -> Self {
        Secret(Zeroizing::new(bytes))
    }

    /// Bytes already held in wiped memory.
    pub fn from_zeroizing(bytes: Zeroizing<Vec<u8>>) -> Self {
        Secret(bytes)
    }

    pub fn bytes(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({} bytes, redacted)", self.0.len())
    }
}

/// A public key that can check signatures.
#[derive(Debug, Clone, PartialEq)]
pub enum PublicKey {
    Rsa(rsa::PublicKey),
    P256(p256::ecdsa::VerifyingKey),
    P384(p384::ecdsa::VerifyingKey),
    P521(p521::ecdsa::VerifyingKey),
    Secp256k1(k256::ecdsa::VerifyingKey),
    Ed25519(ed25519_dalek::VerifyingKey),
}

impl PublicKey {
    /// "RSA public key, 2048 bits", "EC P-256 public key", …
    pub fn describe(&self) -> String {
        match self {
            PublicKey::Rsa(k) => format!("RSA public key, {} bits", k.n().bit_width()),
            PublicKey::P256(_) => "EC P-256 public key".into(),
            PublicKey::P384(_) => "EC P-384 public key".into(),
            PublicKey::P521(_) => "EC P-521 public key".into(),
            PublicKey::Secp256k1(_) => "EC secp256k1 public key".into(),
            PublicKey::Ed25519(_) => "Ed25519 public key".into(),
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
            PublicKey::Ed25519(k) => {
                vec![("crv", "Ed25519".into()), ("kty", "OKP".into()), ("x", base64url::encode(k.as_bytes()))]
            }
        }
    }
}

/// A big-endian unsigned integer without its leading zero octets (one octet is kept for
/// zero), as JWK writes integers (RFC 7518 §2, Base64urlUInt).
fn trim_zeros(bytes: &[u8]) -> Vec<u8> {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len().saturating_sub(1));
    bytes[start..].to_vec()
}

/// What a key is: a secret or a public key.
#[derive(Debug, Clone, PartialEq)]
pub enum Material {
    Secret(Secret),
    Public(PublicKey),
}

/// Where a key came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Secret(SecretEncoding),
    PemSpki,
    PemPkcs1,
    Certificate(CertInfo),
    PrivatePkcs8,
    PrivatePkcs1,
    PrivateSec1,
    Jwk {
        private: bool,
    },
    /// Entry `index` (0-based) of a JWKS.
    Jwks {
        index: usize,
        private: bool,
    },
    /// Carried by the token itself, in the named header parameter (`jwk` or `x5c`).
    Embedded(&'static str),
}

/// A key ready to verify with, and what is known about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub material: Material,
    pub origin: Origin,
    /// `kid` of a JWK.
    pub kid: Option<String>,
    /// `alg` a JWK is pinned to.
    pub alg: Option<String>,
    /// `use` of a JWK (`sig` or `enc`).
    pub use_: Option<String>,
    /// `key_ops` of a JWK.
    pub key_ops: Option<Vec<String>>,
    /// The RFC 7638 SHA-256 thumbprint, base64url.
    pub thumbprint: String,
    /// How unusual key text was read ("pasted as base64 DER without PEM armour").
    pub how: Option<String>,
    /// For a secret: the well-known default it is, as typed or as decoded.
    pub weak: Option<&'static str>,
}

impl Key {
    fn new(material: Material, origin: Origin) -> Self {
        let members = match &material {
            Material::Secret(s) => vec![("k", base64url::encode(s.bytes())), ("kty", "oct".into())],
            Material::Public(p) => p.jwk_members(),
        };
        let weak = match &material {
            Material::Secret(s) => weak_default(s.bytes()),
            Material::Public(_) => None,
        };
        Key {
            thumbprint: thumbprint(&members),
            material,
            origin,
            kid: None,
            alg: None,
            use_: None,
            key_ops: None,
            how: None,
            weak,
        }
    }

    /// A key from a public key (for thumbprints of keys made or converted here).
    pub fn from_public(public: PublicKey) -> Key {
        Key::new(Material::Public(public), Origin::PemSpki)
    }

    /// A key from secret bytes (what `parse` builds for a secret; also for an empty HMAC
    /// key, which an empty key box cannot express).
    pub fn secret(bytes: Vec<u8>, encoding: SecretEncoding) -> Key {
        Key::new(Material::Secret(Secret::new(bytes)), Origin::Secret(encoding))
    }

    /// What the key is and where it came from, in words: "RSA public key, 2048 bits, from
    /// an X.509 certificate (CN=example.com)".
    pub fn describe(&self) -> String {
        let what = match &self.material {
            Material::Secret(s) => format!("HMAC secret, {} bytes ({} bits)", s.bytes().len(), s.bytes().len() * 8),
            Material::Public(p) => p.describe(),
        };
        let from = match &self.origin {
            Origin::Secret(SecretEncoding::Utf8) => "read as UTF-8 text".to_string(),
            Origin::Secret(SecretEncoding::Base64) => "decoded from base64".to_string(),
            Origin::Secret(SecretEncoding::Hex) => "decoded from hex".to_string(),
            Origin::PemSpki => "from a public key (SPKI)".to_string(),
            Origin::PemPkcs1 => "from an RSA public key (PKCS#1)".to_string(),
            Origin::Certificate(c) => format!("from an X.509 certificate ({})", c.subject),
            Origin::PrivatePkcs8 => "the public half of a PKCS#8 private key".to_string(),
            Origin::PrivatePkcs1 => "the public half of a PKCS#1 RSA private key".to_string(),
            Origin::PrivateSec1 => "the public half of a SEC1 EC private key".to_string(),
            Origin::Jwk { private: false } => "from a JWK".to_string(),
            Origin::Jwk { private: true } => "the public half of a private JWK".to_string(),
            Origin::Embedded(param) => {
                format!("embedded in the token's own \"{param}\" header, so it proves nothing about who signed")
            }
            Origin::Jwks { index, private } => {
                format!("from entry {} of a JWKS{}", index + 1, if *private { " (its public half)" } else { "" })
            }
        };
        let kid = self.kid.as_ref().map(|k| format!(", kid \"{k}\"")).unwrap_or_default();
        let how = self.how.as_ref().map(|h| format!("; {h}")).unwrap_or_default();
        format!("{what}, {from}{kid}{how}")
    }

    /// The key size in bits, for RSA keys and secrets.
    pub fn bits(&self) -> Option<usize> {
        match &self.material {
            Material::Secret(s) => Some(s.bytes().len() * 8),
            Material::Public(PublicKey::Rsa(k)) => Some(k.n().bit_width() as usize),
            Material::Public(_) => None,
        }
    }
}

/// Secrets attackers try first; a tiny list on purpose: the common defaults of tutorials
/// and libraries, and this page's own demo secret.
pub(crate) const WEAK_SECRETS: &[&str] = &[
    "secret",
    "your-256-bit-secret",
    "your-384-bit-secret",
    "your-512-bit-secret",
    "password",
    "changeme",
    "change-me",
    "changeit",
    "123456",
    "12345678",
    "jwt-secret",
    "jwt_secret",
    "jwtsecret",
    "supersecret",
    "super-secret",
    "mysecret",
    "my-secret",
    "my_secret",
    "mysecretkey",
    "my-secret-key",
    "my_secret_key",
    "secretkey",
    "secret-key",
    "secret_key",
    "SECRET_KEY",
    "shhhhh",
    "keyboard cat",
    "test",
    "testing",
    "key",
    "private",
    "default",
    "admin",
    "qwerty",
    "letmein",
    "s3cr3t",
    "hello",
    "token",
    "abc123",
    "your_jwt_secret",
    "your-secret-key",
    "your_secret_key",
    "jwt-lens-demo-secret-do-not-use-in-production",
];

/// The well-known default these bytes are, if any.
pub(crate) fn weak_default(bytes: &[u8]) -> Option<&'static str> {
    WEAK_SECRETS.iter().copied().find(|w| w.as_bytes() == bytes)
}

/// RFC 7638 §3: SHA-256 over the required members, lexicographically ordered, no spaces.
fn thumbprint(members: &[(&str, String)]) -> String {
    let body: Vec<String> = members.iter().map(|(k, v)| format!("\"{k}\":\"{v}\"")).collect();
    base64url::encode(&Sha256::digest(format!("{{{}}}", body.join(",")).as_bytes()))
}

/// Why a pasted key could not be read, or could not be used as a secret. The message says
/// exactly what is wrong; the kind lets callers react without matching on words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError {
    pub message: String,
    pub kind: KeyErrorKind,
}

/// What kind of failure a [`KeyError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KeyErrorKind {
    /// The text cannot be read as what it looks like.
    #[default]
    Unreadable,
    /// The text is, contains or decodes to a public key, private key or certificate, so it
    /// is never used as an HMAC secret or a PBES2 password (the algorithm-confusion attack).
    NotASecret,
    /// The secret has no bytes: an HMAC key of length zero proves nothing.
    EmptySecret,
    /// The key is public where a private key is needed (signing, decrypting).
    PublicOnly,
}

impl KeyError {
    pub fn new(message: impl Into<String>) -> Self {
        KeyError { message: message.into(), kind: KeyErrorKind::Unreadable }
    }

    pub fn of_kind(kind: KeyErrorKind, message: impl Into<String>) -> Self {
        KeyError { message: message.into(), kind }
    }

    /// The same error, from text that is key material and so never a secret.
    pub fn never_a_secret(self) -> Self {
        match self.kind {
            KeyErrorKind::Unreadable => KeyError { kind: KeyErrorKind::NotASecret, ..self },
            _ => self,
        }
    }
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

fn err<T>(message: impl Into<String>) -> Result<T, KeyError> {
    Err(KeyError::new(message))
}

/// Every key in a pasted text, and notes on entries that were skipped (a JWKS entry of an
/// unsupported type, say).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KeySet {
    pub keys: Vec<Key>,
    pub skipped: Vec<String>,
}

/// Reads keys from pasted text. An empty text gives an empty set.
pub fn parse(text: &str, encoding: SecretEncoding) -> Result<KeySet, KeyError> {
    if text.len() > crate::jwt::token::MAX_INPUT_BYTES {
        return err("the key text is larger than the 10 MB this page reads");
    }
    if text.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}').is_empty() {
        return Ok(KeySet::default());
    }
    // Keys in every form people paste them (PEM after text, bare DER, a JWK in text…).
    let unwrapped = crate::jwt::jwk::pasted::unwrap(text);
    let mut set = match unwrapped.shape {
        // Whatever is wrong with it, a PEM block is never a secret.
        crate::jwt::jwk::pasted::Shape::Pem => parse_pem(&unwrapped.text).map_err(KeyError::never_a_secret)?,
        crate::jwt::jwk::pasted::Shape::Json => parse_jwk_text(&unwrapped.text)?,
        crate::jwt::jwk::pasted::Shape::Other => {
            let bytes = secret_bytes(text, encoding)?;
            let mut key = Key::new(Material::Secret(Secret(bytes)), Origin::Secret(encoding));
            // A well-known default is weak whatever encoding it was typed in.
            key.weak = key.weak.or_else(|| weak_default(text.trim().as_bytes()));
            return Ok(KeySet { keys: vec![key], skipped: Vec::new() });
        }
    };
    if let Some(how) = unwrapped.how() {
        for key in &mut set.keys {
            key.how = Some(how.clone());
        }
    }
    Ok(set)
}

/// The one road from pasted text to secret bytes (HMAC keys, `dir` and key-wrap secrets,
/// PBES2 passwords). Text that is, contains or decodes to a key or certificate is refused
/// ([`KeyErrorKind::NotASecret`]: [`crate::jwt::jwk::pasted::not_a_secret`]), and so is a secret of
/// no bytes ([`KeyErrorKind::EmptySecret`]).
pub fn secret_bytes(text: &str, encoding: SecretEncoding) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    if let Some(what) = crate::jwt::jwk::pasted::not_a_secret(text, None) {
        return Err(not_a_secret(&what));
    }
    let bytes = decode_secret(text, encoding)?;
    if bytes.is_empty() {
        return Err(KeyError::of_kind(
            KeyErrorKind::EmptySecret,
            "the secret is empty (0 bytes once decoded); an HMAC key of length zero is never accepted",
        ));
    }
    if encoding != SecretEncoding::Utf8
        && let Some(what) = crate::jwt::jwk::pasted::not_a_secret("", Some(&bytes))
    {
        return Err(not_a_secret(&format!("{what} once decoded from {}", encoding.label())));
    }
    Ok(bytes)
}

/// The refusal of [`secret_bytes`], saying what the text looked like.
fn not_a_secret(what: &str) -> KeyError {
    KeyError::of_kind(
        KeyErrorKind::NotASecret,
        format!(
            "the key text {what}; a key or certificate is never used as a shared secret or password, since anyone who has the public key could then forge tokens (the algorithm-confusion attack, RFC 8725 §2.1)"
        ),
    )
}

/// Decodes a secret as its encoding says. UTF-8 secrets are taken byte for byte, spaces
/// and line breaks included; base64 and hex ignore whitespace.
fn decode_secret(text: &str, encoding: SecretEncoding) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    match encoding {
        SecretEncoding::Utf8 => Ok(Zeroizing::new(text.as_bytes().to_vec())),
        SecretEncoding::Base64 => {
            let compact: Zeroizing<String> = Zeroizing::new(
                text.chars()
                    .filter(|c| !c.is_ascii_whitespace())
                    .map(|c| match c {
                        '+' => '-',
                        '/' => '_',
                        c => c,
                    })
                    .collect(),
            );
            match base64url::decode_lenient(&compact) {
                (Some(bytes), _) => Ok(Zeroizing::new(bytes)),
                (None, issues) => {
                    let why = issues.iter().find(|i| i.is_fatal()).map(|i| i.describe()).unwrap_or_default();
                    err(format!("the secret is not base64: {why}"))
                }
            }
        }
        SecretEncoding::Hex => {
            let compact: Zeroizing<String> =
                Zeroizing::new(text.chars().filter(|c| !c.is_ascii_whitespace()).collect());
            let digits = compact.strip_prefix("0x").unwrap_or(&compact);
            if let Some((i, c)) = digits.char_indices().find(|(_, c)| !c.is_ascii_hexdigit()) {
                return err(format!("the secret is not hex: {} at position {}", base64url::char_name(c), i + 1));
            }
            if digits.len() % 2 == 1 {
                return err(format!("the secret is not hex: {} digits is an odd number", digits.len()));
            }
            Ok(Zeroizing::new(
                digits
                    .as_bytes()
                    .chunks_exact(2)
                    .filter_map(|p| u8::from_str_radix(std::str::from_utf8(p).ok()?, 16).ok())
                    .collect(),
            ))
        }
    }
}

// ---- PEM and DER ----

fn parse_pem(text: &str) -> Result<KeySet, KeyError> {
    let mut set = KeySet::default();
    let blocks: Vec<&str> = text.split("-----BEGIN").filter(|b| !b.trim().is_empty()).collect();
    for (i, block) in blocks.iter().enumerate() {
        let block = format!("-----BEGIN{block}");
        let end = block.find("-----END").and_then(|e| block[e + 8..].find("-----").map(|f| e + 8 + f + 5));
        let Some(end) = end else {
            return err(format!("PEM block {} has no \"-----END …-----\" line", i + 1));
        };
        let (label, der) = match pem::decode_vec(&block.as_bytes()[..end]) {
            Ok(x) => x,
            Err(e) => return err(format!("PEM block {} cannot be read: {e}", i + 1)),
        };
        let der = Zeroizing::new(der);
        let key = match label {
            "PUBLIC KEY" => Key::new(Material::Public(from_spki(&der)?), Origin::PemSpki),
            "RSA PUBLIC KEY" => Key::new(Material::Public(rsa_from_pkcs1_public(&der)?), Origin::PemPkcs1),
            "CERTIFICATE" => from_certificate(&der)?,
            "PRIVATE KEY" => Key::new(Material::Public(from_pkcs8(&der)?), Origin::PrivatePkcs8),
            "RSA PRIVATE KEY" => Key::new(Material::Public(rsa_from_pkcs1_private(&der)?), Origin::PrivatePkcs1),
            "EC PRIVATE KEY" => Key::new(Material::Public(from_sec1(&der)?), Origin::PrivateSec1),
            "ENCRYPTED PRIVATE KEY" => {
                return err(
                    "this private key is encrypted with a passphrase; decrypt it first (openssl pkcs8 -in key.pem) or paste the public key",
                );
            }
            "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => {
                return err("this is a certificate signing request, not a key or certificate");
            }
            other => return err(format!("a PEM \"{other}\" block is not a key this page reads")),
        };
        set.keys.push(key);
    }
    if set.keys.is_empty() {
        return err("no PEM block found");
    }
    Ok(set)
}

/// A curve OID to the key type, for messages and for picking the crate.
pub(crate) fn curve_name(oid: &ObjectIdentifier) -> Option<&'static str> {
    match *oid {
        o if o == P256_OID => Some("P-256"),
        o if o == P384_OID => Some("P-384"),
        o if o == P521_OID => Some("P-521"),
        o if o == K256_OID => Some("secp256k1"),
        _ => None,
    }
}

fn ec_from_point(curve: &str, point: &[u8]) -> Result<PublicKey, KeyError> {
    let bad = || KeyError::new(format!("the {curve} public key is not a valid point on the curve"));
    Ok(match curve {
        "P-256" => PublicKey::P256(p256::ecdsa::VerifyingKey::from_sec1_bytes(point).map_err(|_| bad())?),
        "P-384" => PublicKey::P384(p384::ecdsa::VerifyingKey::from_sec1_bytes(point).map_err(|_| bad())?),
        "P-521" => PublicKey::P521(p521::ecdsa::VerifyingKey::from_sec1_bytes(point).map_err(|_| bad())?),
        "secp256k1" => PublicKey::Secp256k1(k256::ecdsa::VerifyingKey::from_sec1_bytes(point).map_err(|_| bad())?),
        other => return err(format!("the curve {other} is not supported")),
    })
}

fn unsupported_algorithm(oid: &ObjectIdentifier) -> KeyError {
    let what = match *oid {
        o if o == ED448 => "Ed448 keys are not supported yet (no maintained RustCrypto implementation)".to_string(),
        o if o == X25519 => "this is an X25519 key, which is for key agreement (JWE), not signatures".to_string(),
        o => format!("keys of algorithm {o} are not supported"),
    };
    KeyError::new(what)
}

fn from_spki_parts(
    alg: &ObjectIdentifier,
    params: Option<ObjectIdentifier>,
    bits: &[u8],
) -> Result<PublicKey, KeyError> {
    match *alg {
        o if o == RSA_ENCRYPTION || o == RSASSA_PSS => rsa_from_pkcs1_public(bits),
        o if o == EC_PUBLIC_KEY => {
            let curve = params.as_ref().and_then(curve_name);
            match curve {
                Some(c) => ec_from_point(c, bits),
                None => err(format!(
                    "the EC key's curve {} is not one of P-256, P-384, P-521, secp256k1",
                    params.map_or("(not named)".to_string(), |p| p.to_string())
                )),
            }
        }
        o if o == ED25519 => {
            let bytes: [u8; 32] = bits.try_into().map_err(|_| KeyError::new("an Ed25519 public key has 32 bytes"))?;
            Ok(PublicKey::Ed25519(
                ed25519_dalek::VerifyingKey::from_bytes(&bytes)
                    .map_err(|_| KeyError::new("the Ed25519 public key is not a valid point"))?,
            ))
        }
        o => Err(unsupported_algorithm(&o)),
    }
}

fn from_spki(der: &[u8]) -> Result<PublicKey, KeyError> {
    let spki = x509_cert::spki::SubjectPublicKeyInfoRef::from_der(der)
        .map_err(|e| KeyError::new(format!("the public key is not valid SubjectPublicKeyInfo DER: {e}")))?;
    let params = spki.algorithm.parameters.and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
    let bits = spki
        .subject_public_key
        .as_bytes()
        .ok_or_else(|| KeyError::new("the public key bit string is not whole bytes"))?;
    from_spki_parts(&spki.algorithm.oid, params, bits)
}

fn from_certificate(der: &[u8]) -> Result<Key, KeyError> {
    let cert = x509_cert::Certificate::from_der(der)
        .map_err(|e| KeyError::new(format!("the certificate is not valid X.509 DER: {e}")))?;
    let tbs = cert.tbs_certificate();
    let spki = tbs.subject_public_key_info();
    let params = spki.algorithm.parameters.as_ref().and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
    let bits = spki
        .subject_public_key
        .as_bytes()
        .ok_or_else(|| KeyError::new("the certificate's public key bit string is not whole bytes"))?;
    let public = from_spki_parts(&spki.algorithm.oid, params, bits)?;
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

fn rsa_key(n: &[u8], e: &[u8]) -> Result<PublicKey, KeyError> {
    let n = trim_zeros(n);
    let e = trim_zeros(e);
    let bits = |b: &[u8]| (b.len() * 8) as u32;
    let n_big =
        rsa::BoxedUint::from_be_slice(&n, bits(&n)).map_err(|_| KeyError::new("the RSA modulus cannot be read"))?;
    let e_big = rsa::BoxedUint::from_be_slice(&e, bits(&e).max(64))
        .map_err(|_| KeyError::new("the RSA exponent cannot be read"))?;
    // 512 bits up: small keys are read so the page can say they are too small (a warning)
    // rather than refuse to look at them.
    rsa::PublicKey::new_with_size_limits(n_big, e_big, 512..=16384)
        .map(PublicKey::Rsa)
        .map_err(|e| KeyError::new(format!("the RSA public key is not valid: {e}")))
}

fn rsa_from_pkcs1_public(der: &[u8]) -> Result<PublicKey, KeyError> {
    let k = pkcs1::RsaPublicKeyRef::from_der(der)
        .map_err(|e| KeyError::new(format!("the RSA public key is not valid PKCS#1 DER: {e}")))?;
    rsa_key(k.modulus.as_bytes(), k.public_exponent.as_bytes())
}

fn rsa_from_pkcs1_private(der: &[u8]) -> Result<PublicKey, KeyError> {
    let k = pkcs1::RsaPrivateKeyRef::from_der(der)
        .map_err(|e| KeyError::new(format!("the RSA private key is not valid PKCS#1 DER: {e}")))?;
    rsa_key(k.modulus.as_bytes(), k.public_exponent.as_bytes())
}

fn from_pkcs8(der: &[u8]) -> Result<PublicKey, KeyError> {
    let info = rsa::pkcs8::PrivateKeyInfoRef::from_der(der)
        .map_err(|e| KeyError::new(format!("the private key is not valid PKCS#8 DER: {e}")))?;
    match info.algorithm.oid {
        o if o == RSA_ENCRYPTION || o == RSASSA_PSS => rsa_from_pkcs1_private(info.private_key.as_bytes()),
        o if o == EC_PUBLIC_KEY => {
            let curve = info.algorithm.parameters.and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
            ec_from_private(curve, der, EcPrivateDer::Pkcs8)
        }
        o if o == ED25519 => Ok(PublicKey::Ed25519(
            ed25519_dalek::SigningKey::from_pkcs8_der(der)
                .map_err(|e| KeyError::new(format!("the Ed25519 private key is not valid: {e}")))?
                .verifying_key(),
        )),
        o => Err(unsupported_algorithm(&o)),
    }
}

fn from_sec1(der: &[u8]) -> Result<PublicKey, KeyError> {
    let key = sec1::EcPrivateKey::from_der(der)
        .map_err(|e| KeyError::new(format!("the EC private key is not valid SEC1 DER: {e}")))?;
    ec_from_private(key.parameters.and_then(|p| p.named_curve()), der, EcPrivateDer::Sec1)
}

/// How an EC private key is wrapped.
#[derive(Clone, Copy)]
enum EcPrivateDer {
    Pkcs8,
    Sec1,
}

/// The public half of an EC private key, for the curve its OID names.
fn ec_from_private(curve: Option<ObjectIdentifier>, der: &[u8], format: EcPrivateDer) -> Result<PublicKey, KeyError> {
    macro_rules! public_half {
        ($krate:ident, $variant:ident, $name:literal) => {{
            let secret = match format {
                EcPrivateDer::Pkcs8 => $krate::SecretKey::from_pkcs8_der(der).ok(),
                EcPrivateDer::Sec1 => $krate::SecretKey::from_sec1_der(der).ok(),
            };
            let secret = secret.ok_or_else(|| KeyError::new(format!("the {} private key is not valid", $name)))?;
            PublicKey::$variant(secret.public_key().into())
        }};
    }
    Ok(match curve.as_ref().and_then(curve_name) {
        Some("P-256") => public_half!(p256, P256, "P-256"),
        Some("P-384") => public_half!(p384, P384, "P-384"),
        Some("P-521") => public_half!(p521, P521, "P-521"),
        Some("secp256k1") => public_half!(k256, Secp256k1, "secp256k1"),
        _ => return err("the EC private key does not name a supported curve (P-256, P-384, P-521, secp256k1)"),
    })
}

/// The key a token carries in its own header (`jwk`, or the first certificate of `x5c`),
/// for a user who asks to check against it. Such a check only shows the token is
/// self-consistent: whoever made the token chose the key (RFC 8725 §3.10).
pub fn embedded(header: &Node) -> Result<KeySet, KeyError> {
    if let Some(jwk) = header.get("jwk") {
        let mut key = parse_jwk(jwk, false, 0)?;
        key.origin = Origin::Embedded("jwk");
        return Ok(KeySet { keys: vec![key], skipped: Vec::new() });
    }
    if let Some(x5c) = header.get("x5c") {
        let Value::Array(certs) = &x5c.value else { return err("\"x5c\" must be an array of base64 certificates") };
        let first = certs.first().and_then(Node::as_str).ok_or_else(|| KeyError::new("\"x5c\" is empty"))?;
        // x5c holds standard base64 (RFC 7515 §4.1.6), not base64url.
        let der = decode_secret(first, SecretEncoding::Base64)?;
        let mut key = from_certificate(&der)?;
        key.origin = Origin::Embedded("x5c");
        return Ok(KeySet { keys: vec![key], skipped: Vec::new() });
    }
    err("the token carries no \"jwk\" or \"x5c\" header")
}

// ---- JWK and JWKS (RFC 7517) ----

fn parse_jwk_text(text: &str) -> Result<KeySet, KeyError> {
    let doc = json::parse(text).map_err(|e| {
        KeyError::new(format!(
            "the key looks like JSON (a JWK) but is not valid JSON: line {}, column {}: {}",
            e.line, e.column, e.message
        ))
    })?;
    let root = &doc.root;
    if let Some(keys) = root.get("keys") {
        let Value::Array(items) = &keys.value else { return err("a JWKS's \"keys\" must be an array") };
        let mut set = KeySet::default();
        for (index, item) in items.iter().enumerate() {
            match parse_jwk(item, true, index) {
                Ok(k) => set.keys.push(k),
                Err(e) => set.skipped.push(format!("entry {} skipped: {e}", index + 1)),
            }
        }
        if set.keys.is_empty() {
            return err(match set.skipped.first() {
                Some(first) => format!("the JWKS has no key this page can use ({first})"),
                None => "the JWKS is empty".to_string(),
            });
        }
        return Ok(set);
    }
    Ok(KeySet { keys: vec![parse_jwk(root, false, 0)?], skipped: Vec::new() })
}

fn member<'a>(jwk: &'a Node, name: &str) -> Result<&'a str, KeyError> {
    match jwk.get(name) {
        Some(n) => n.as_str().ok_or_else(|| KeyError::new(format!("the JWK's \"{name}\" must be a string"))),
        None => err(format!("the JWK has no \"{name}\"")),
    }
}

fn member_bytes(jwk: &Node, name: &str) -> Result<Vec<u8>, KeyError> {
    base64url::decode_strict(member(jwk, name)?)
        .map_err(|e| KeyError::new(format!("the JWK's \"{name}\" is not base64url: {}", e.describe())))
}

/// The secret of an `oct` JWK, under the rules of [`secret_bytes`]: never empty, never the
/// DER of a key or certificate.
pub(crate) fn oct_secret(k: Vec<u8>) -> Result<Secret, KeyError> {
    let k = Zeroizing::new(k);
    if k.is_empty() {
        return Err(KeyError::of_kind(
            KeyErrorKind::EmptySecret,
            "the JWK's \"k\" is empty; an HMAC key of length zero is never accepted",
        ));
    }
    if let Some(what) = crate::jwt::jwk::pasted::not_a_secret("", Some(&k)) {
        return Err(not_a_secret(&format!("(the JWK's \"k\") {what}")));
    }
    Ok(Secret(k))
}

/// Reads one JWK (RFC 7517 §4, RFC 7518 §6, RFC 8037 §2).
pub fn parse_jwk(jwk: &Node, in_set: bool, index: usize) -> Result<Key, KeyError> {
    if !jwk.is_object() {
        return err("a JWK must be a JSON object");
    }
    let kty = member(jwk, "kty")?;
    let private = jwk.get("d").is_some();
    let origin = if in_set { Origin::Jwks { index, private } } else { Origin::Jwk { private } };
    let material = match kty {
        "oct" => Material::Secret(oct_secret(member_bytes(jwk, "k")?)?),
        "RSA" => Material::Public(rsa_key(&member_bytes(jwk, "n")?, &member_bytes(jwk, "e")?)?),
        "EC" => {
            let crv = member(jwk, "crv")?;
            let size = match crv {
                "P-256" | "secp256k1" => 32,
                "P-384" => 48,
                "P-521" => 66,
                other => {
                    return err(format!("the EC curve \"{other}\" is not supported (P-256, P-384, P-521, secp256k1)"));
                }
            };
            let (x, y) = (member_bytes(jwk, "x")?, member_bytes(jwk, "y")?);
            if x.len() != size || y.len() != size {
                return err(format!(
                    "{crv} coordinates must be exactly {size} bytes each (x has {}, y has {})",
                    x.len(),
                    y.len()
                ));
            }
            let point: Vec<u8> = std::iter::once(4).chain(x).chain(y).collect();
            Material::Public(ec_from_point(crv, &point)?)
        }
        "OKP" => match member(jwk, "crv")? {
            "Ed25519" => {
                let x = member_bytes(jwk, "x")?;
                let bytes: [u8; 32] = x
                    .as_slice()
                    .try_into()
                    .map_err(|_| KeyError::new(format!("an Ed25519 \"x\" has 32 bytes, not {}", x.len())))?;
                Material::Public(PublicKey::Ed25519(
                    ed25519_dalek::VerifyingKey::from_bytes(&bytes)
                        .map_err(|_| KeyError::new("the Ed25519 key is not a valid point"))?,
                ))
            }
            "Ed448" => return err("Ed448 keys are not supported yet (no maintained RustCrypto implementation)"),
            "X25519" | "X448" => return err("this OKP key is for key agreement (JWE), not signatures"),
            other => return err(format!("the OKP curve \"{other}\" is not supported")),
        },
        other => return err(format!("the key type \"{other}\" is not supported (oct, RSA, EC, OKP)")),
    };
    let mut key = Key::new(material, origin);
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
    Ok(key)
}

/// The RFC 7638 thumbprint from a JWK's own members.
pub fn jwk_thumbprint(jwk: &Node, kty: &str) -> Option<String> {
    let names: &[&str] = match kty {
        "RSA" => &["e", "kty", "n"],
        "EC" => &["crv", "kty", "x", "y"],
        "OKP" => &["crv", "kty", "x"],
        "oct" => &["k", "kty"],
        _ => return None,
    };
    let members: Option<Vec<(&str, String)>> =
        names.iter().map(|&n| jwk.get(n).and_then(Node::as_str).map(|v| (n, v.to_string()))).collect();
    Some(thumbprint(&members?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_in_each_encoding() {
        // A secret as typed, its encoding, and the bytes (or the error) it reads as.
        type Case<'a> = (&'a str, SecretEncoding, Result<&'a [u8], &'a str>);
        let cases: &[Case] = &[
            ("secret", SecretEncoding::Utf8, Ok(b"secret")),
            (" sp ace\n", SecretEncoding::Utf8, Ok(b" sp ace\n")),
            ("c2VjcmV0", SecretEncoding::Base64, Ok(b"secret")),
            ("c2VjcmV0Pz8/", SecretEncoding::Base64, Ok(b"secret???")),
            ("c2VjcmV0Pz8_", SecretEncoding::Base64, Ok(b"secret???")),
            ("c2Vj\ncmU=", SecretEncoding::Base64, Ok(b"secre")),
            (
                "c2V*",
                SecretEncoding::Base64,
                Err("the secret is not base64: '*' (U+002A) is not a base64url character"),
            ),
            ("0x00ff 10", SecretEncoding::Hex, Ok(&[0, 255, 16])),
            ("abc", SecretEncoding::Hex, Err("the secret is not hex: 3 digits is an odd number")),
            ("zz", SecretEncoding::Hex, Err("the secret is not hex: 'z' (U+007A) at position 1")),
        ];
        for (text, enc, want) in cases {
            let got = secret_bytes(text, *enc);
            assert_eq!(
                got.as_ref().map(|b| b.as_slice()).map_err(|e| e.message.as_str()),
                want.map_err(|e| e),
                "{text:?} {enc:?}"
            );
        }
    }

    #[test]
    fn rfc7638_thumbprint() {
        // RFC 7638 §3.1.
        let jwk = r#"{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}"#;
        let set = parse(jwk, SecretEncoding::Utf8).unwrap();
        assert_eq!(set.keys[0].thumbprint, "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
        // The same key's thumbprint computed from the key material agrees.
        let Material::Public(p) = &set.keys[0].material else { panic!() };
        assert_eq!(thumbprint(&p.jwk_members()), "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
        assert_eq!(set.keys[0].describe(), "RSA public key, 2048 bits, from a JWK, kid \"2011-04-29\"");
    }

    #[test]
    fn jwk_errors_are_exact() {
        let cases: &[(&str, &str)] = &[
            (
                "{",
                "the key looks like JSON (a JWK) but is not valid JSON: line 1, column 2: the text ends where a member name in double quotes was expected",
            ),
            (r#"{"n":"AQAB"}"#, "the JWK has no \"kty\""),
            (
                r#"{"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"}"#,
                "P-256 coordinates must be exactly 32 bytes each (x has 3, y has 3)",
            ),
            (r#"{"kty":"OKP","crv":"X25519","x":"AAAA"}"#, "this OKP key is for key agreement (JWE), not signatures"),
            (
                r#"{"kty":"oct","k":"a+b"}"#,
                "the JWK's \"k\" is not base64url: '+' belongs to standard base64, not base64url (which uses '-')",
            ),
            (r#"{"keys":[]}"#, "the JWKS is empty"),
            (
                r#"{"keys":[{"kty":"XYZ"}]}"#,
                "the JWKS has no key this page can use (entry 1 skipped: the key type \"XYZ\" is not supported (oct, RSA, EC, OKP))",
            ),
            ("-----BEGIN PUBLIC KEY-----\nAAAA\n", "PEM block 1 has no \"-----END …-----\" line"),
            (
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----",
                "this private key is encrypted with a passphrase; decrypt it first (openssl pkcs8 -in key.pem) or paste the public key",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(parse(text, SecretEncoding::Utf8).map(|_| ()).unwrap_err().message, *want, "{text}");
        }
    }

    #[test]
    fn secrets_never_print() {
        let s = Secret::new(b"hunter2".to_vec());
        assert_eq!(format!("{s:?}"), "Secret(7 bytes, redacted)");
        let set = parse("hunter2", SecretEncoding::Utf8).unwrap();
        assert!(!format!("{set:?}").contains("hunter2"));
    }
}
