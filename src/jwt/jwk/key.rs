//! The key model: [`Key`] (a [`Material`] with its `kid`, `alg`, `use`, `key_ops`,
//! thumbprint and [`Origin`]), [`KeySet`], and [`read`], the one reader of key text.

use crate::jwt::base64url;
use sha2::{Digest as _, Sha256};

pub use super::error::{EpkError, KeyError, KeyErrorKind};
pub(crate) use super::json::ephemeral;
pub use super::json::{PRIVATE_MEMBERS, confirmation, embedded, jwk_thumbprint, parse_jwk};
pub use super::private::PrivateKey;
pub use super::public::PublicKey;
pub(crate) use super::public::ed448_key;
pub(crate) use super::public::trim_zeros;
pub(crate) use super::secret::weak_default;
pub use super::secret::{Secret, secret_bytes};
use super::*;
pub use crate::jwt::verdict::{CertInfo, SecretEncoding};

/// What a key is: a secret, a public key or a private key.
#[derive(Debug, Clone, PartialEq)]
pub enum Material {
    Secret(Secret),
    Public(PublicKey),
    Private(PrivateKey),
}

impl Material {
    /// What the key is, with its article: "an HMAC secret", "an RSA private key".
    pub fn kind(&self) -> &'static str {
        match self {
            Material::Secret(_) => "an HMAC secret",
            Material::Private(p) => p.kind(),
            Material::Public(PublicKey::Rsa(_)) => "an RSA public key",
            Material::Public(PublicKey::P256(_)) => "an EC P-256 public key",
            Material::Public(PublicKey::P384(_)) => "an EC P-384 public key",
            Material::Public(PublicKey::P521(_)) => "an EC P-521 public key",
            Material::Public(PublicKey::Secp256k1(_)) => "an EC secp256k1 public key",
            Material::Public(PublicKey::Ed25519(_)) => "an Ed25519 public key",
            Material::Public(PublicKey::X25519(_)) => "an X25519 public key",
            Material::Public(PublicKey::Ed448(_)) => "an Ed448 public key",
            Material::Public(PublicKey::MlDsa(k)) => match k.alg() {
                crate::jwt::alg::JwsAlg::MlDsa44 => "an ML-DSA-44 public key",
                crate::jwt::alg::JwsAlg::MlDsa87 => "an ML-DSA-87 public key",
                _ => "an ML-DSA-65 public key",
            },
        }
    }

    /// The public key: itself, or a private key's public half; `None` for a secret.
    pub fn public(&self) -> Option<PublicKey> {
        match self {
            Material::Secret(_) => None,
            Material::Public(p) => Some(p.clone()),
            Material::Private(p) => Some(p.public()),
        }
    }
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

impl Origin {
    /// Read from PEM or DER text (rather than JSON or a secret).
    pub(super) fn is_pem(&self) -> bool {
        matches!(
            self,
            Origin::PemSpki
                | Origin::PemPkcs1
                | Origin::Certificate(_)
                | Origin::PrivatePkcs8
                | Origin::PrivatePkcs1
                | Origin::PrivateSec1
        )
    }
}

/// A key and what is known about it.
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
    pub(super) fn new(material: Material, origin: Origin) -> Self {
        let members = match &material {
            Material::Secret(s) => vec![("k", base64url::encode(s.bytes())), ("kty", "oct".into())],
            Material::Public(p) => p.jwk_members(),
            Material::Private(p) => p.public().jwk_members(),
        };
        let weak = match &material {
            Material::Secret(s) => weak_default(s.bytes()),
            Material::Public(_) | Material::Private(_) => None,
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
    /// an X.509 certificate (CN=example.com)". A private key is described by its public
    /// half, which is what verifying uses.
    pub fn describe(&self) -> String {
        let what = match &self.material {
            Material::Secret(s) => format!("HMAC secret, {} bytes ({} bits)", s.bytes().len(), s.bytes().len() * 8),
            Material::Public(p) => p.describe(),
            Material::Private(p) => p.public().describe(),
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
        use rsa::traits::PublicKeyParts as _;
        match &self.material {
            Material::Secret(s) => Some(s.bytes().len() * 8),
            Material::Public(PublicKey::Rsa(k)) => Some(k.n().bit_width() as usize),
            Material::Private(PrivateKey::Rsa(k)) => Some(k.n().bit_width() as usize),
            Material::Public(_) | Material::Private(_) => None,
        }
    }
}

/// RFC 7638 §3: SHA-256 over the required members, lexicographically ordered, no spaces.
pub(super) fn thumbprint(members: &[(&str, String)]) -> String {
    let body: Vec<String> = members.iter().map(|(k, v)| format!("\"{k}\":\"{v}\"")).collect();
    base64url::encode(&Sha256::digest(format!("{{{}}}", body.join(",")).as_bytes()))
}

/// Every key in a pasted text, and notes on entries that were skipped (a JWKS entry of an
/// unsupported type, say).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KeySet {
    pub keys: Vec<Key>,
    pub skipped: Vec<String>,
}

impl KeySet {
    /// What the page lists of each key: its description, thumbprint and certificate.
    pub fn summaries(&self) -> Vec<crate::jwt::verdict::KeySummary> {
        summaries(&self.keys)
    }
}

/// What the page lists of each key: its description, thumbprint and certificate.
pub fn summaries(keys: &[Key]) -> Vec<crate::jwt::verdict::KeySummary> {
    keys.iter()
        .map(|k| crate::jwt::verdict::KeySummary {
            description: k.describe(),
            thumbprint: k.thumbprint.clone(),
            cert: match &k.origin {
                Origin::Certificate(c) => Some(c.clone()),
                _ => None,
            },
        })
        .collect()
}

/// What pasted key text holds, each key read whole: what [`read`] gives.
#[derive(Debug, Clone, PartialEq)]
pub enum KeyText {
    /// Nothing but white space.
    Empty,
    /// A secret, one JWK, or the key of each PEM block.
    Keys(Vec<Key>),
    /// A JWKS: each entry read on its own, in order.
    Jwks(Vec<Result<Key, KeyError>>),
}

/// The one reader of key text: a secret, every PEM block, a JWK or a JWKS, in every form
/// people paste them ([`pasted::unwrap`]). PEM that cannot be read is never a secret.
pub fn read(text: &str, encoding: SecretEncoding) -> Result<KeyText, KeyError> {
    read_as(text, encoding, false)
}

/// [`read`]; with `signatures_only`, a key for key agreement (X25519) is refused as soon as
/// it is recognised, before its bytes are looked at.
pub(super) fn read_as(text: &str, encoding: SecretEncoding, signatures_only: bool) -> Result<KeyText, KeyError> {
    if text.len() > crate::jwt::token::MAX_INPUT_BYTES {
        return Err(KeyError::TooLarge);
    }
    if text.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}').is_empty() {
        return Ok(KeyText::Empty);
    }
    // Keys in every form people paste them (PEM after text, bare DER, a JWK in text…).
    let unwrapped = pasted::unwrap(text);
    let mut read = match unwrapped.shape {
        // Whatever is wrong with it, a PEM block is never a secret.
        pasted::Shape::Pem => {
            KeyText::Keys(pem::parse_pem(&unwrapped.text, signatures_only).map_err(KeyError::never_a_secret)?.keys)
        }
        pasted::Shape::Json => match json::parse_jwk_text(&unwrapped.text, signatures_only)? {
            json::JwkText::One(key) => KeyText::Keys(vec![key?]),
            json::JwkText::Set(entries) => KeyText::Jwks(entries),
        },
        pasted::Shape::Other => {
            let bytes = secret_bytes(text, encoding)?;
            let mut key = Key::new(Material::Secret(Secret::from_zeroizing(bytes)), Origin::Secret(encoding));
            // A well-known default is weak whatever encoding it was typed in.
            key.weak = key.weak.or_else(|| weak_default(text.trim().as_bytes()));
            return Ok(KeyText::Keys(vec![key]));
        }
    };
    if let Some(how) = unwrapped.how() {
        let keys: Vec<&mut Key> = match &mut read {
            KeyText::Empty => Vec::new(),
            KeyText::Keys(keys) => keys.iter_mut().collect(),
            KeyText::Jwks(entries) => entries.iter_mut().filter_map(|e| e.as_mut().ok()).collect(),
        };
        for key in keys {
            key.how = Some(how.clone());
        }
    }
    Ok(read)
}

/// A key as it verifies signatures: a private key gives its public half; an X25519 key
/// (for key agreement) verifies nothing.
pub(crate) fn for_signatures(mut key: Key) -> Result<Key, KeyError> {
    match &key.material {
        Material::Public(PublicKey::X25519(_)) | Material::Private(PrivateKey::X25519(_)) => {
            Err(if key.origin.is_pem() {
                KeyError::X25519NotForSignatures.never_a_secret()
            } else {
                KeyError::OkpForAgreement
            })
        }
        Material::Private(p) => {
            key.material = Material::Public(p.public());
            Ok(key)
        }
        Material::Secret(_) | Material::Public(_) => Ok(key),
    }
}

/// The keys of a pasted text that can verify a signature: secrets, public keys, and the
/// public half of private keys; a JWKS entry that cannot is noted as skipped. An empty text
/// gives an empty set.
pub fn parse(text: &str, encoding: SecretEncoding) -> Result<KeySet, KeyError> {
    match read_as(text, encoding, true)? {
        KeyText::Empty => Ok(KeySet::default()),
        KeyText::Keys(keys) => {
            Ok(KeySet { keys: keys.into_iter().map(for_signatures).collect::<Result<_, _>>()?, skipped: Vec::new() })
        }
        KeyText::Jwks(entries) => {
            let mut set = KeySet::default();
            for (index, entry) in entries.into_iter().enumerate() {
                match entry.and_then(for_signatures) {
                    Ok(k) => set.keys.push(k),
                    Err(e) => set.skipped.push(format!("entry {} skipped: {e}", index + 1)),
                }
            }
            if set.keys.is_empty() {
                return Err(match set.skipped.first() {
                    Some(first) => KeyError::JwksUnusable { first: first.clone() },
                    None => KeyError::JwksEmpty,
                });
            }
            Ok(set)
        }
    }
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
                got.as_ref().map(|b| b.as_slice()).map_err(|e| e.to_string()),
                want.map_err(|e| e.to_string()),
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
            assert_eq!(parse(text, SecretEncoding::Utf8).map(|_| ()).unwrap_err().to_string(), *want, "{text}");
        }
    }

    /// Ed448 JWKs (RFC 8037 §2): a 57-byte `x` that is a canonical point, a 57-byte `d`
    /// that gives `x`; each refusal says which.
    #[test]
    fn ed448_jwk_errors_are_exact() {
        // Wycheproof ed448_test.json's key; its last byte holds only the sign bit.
        let x = "QZYQpTSvEn9YOwSBjNt_D_MAsCXy4BaCvK4z_Wkc7gOVEd8M3caQ7peEJuizjlDOWvfc-6UPcEwA";
        let mut bytes = base64url::decode_strict(x).unwrap();
        bytes[56] |= 0x01;
        let unused_bit = base64url::encode(&bytes);
        let seed = base64url::encode(&[3u8; 57]);
        let cases = [
            (r#"{"kty":"OKP","crv":"Ed448","x":"AAAA"}"#.to_string(), "an Ed448 \"x\" has 57 bytes, not 3"),
            (
                format!(r#"{{"kty":"OKP","crv":"Ed448","x":"{unused_bit}"}}"#),
                "the Ed448 public key is not a valid point",
            ),
            (format!(r#"{{"kty":"OKP","crv":"Ed448","x":"{x}","d":"AAAA"}}"#), "an Ed448 \"d\" has 57 bytes, not 3"),
            (
                format!(r#"{{"kty":"OKP","crv":"Ed448","x":"{x}","d":"{seed}"}}"#),
                "the JWK's private \"d\" does not belong to its public members",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(parse(&text, SecretEncoding::Utf8).map(|_| ()).unwrap_err().to_string(), want, "{text}");
        }
        let key = parse(&format!(r#"{{"kty":"OKP","crv":"Ed448","x":"{x}"}}"#), SecretEncoding::Utf8).unwrap();
        assert_eq!(key.keys[0].describe(), "Ed448 public key, from a JWK");
    }

    /// Ed448 PKCS#8 (RFC 8410 §7): v1 (the seed alone) and v2 (with the public key, which
    /// must be the seed's) read as the same private key.
    #[test]
    fn ed448_pkcs8_v1_and_v2() {
        use ed448_goldilocks::pkcs8::EncodePrivateKey as _;
        let pem = |der: &[u8]| der::pem::encode_string("PRIVATE KEY", der::pem::LineEnding::LF, der).expect("PEM");
        let sk = ed448_goldilocks::SigningKey::from(ed448_goldilocks::SecretKey::from([5u8; 57]));
        let v2 = sk.to_pkcs8_der().expect("PKCS#8 v2");
        let v1 = ed448::pkcs8::EncodePrivateKey::to_pkcs8_der(&ed448::pkcs8::KeypairBytes {
            secret_key: [5u8; 57],
            public_key: None,
        })
        .expect("PKCS#8 v1");
        assert_ne!(v1.as_bytes(), v2.as_bytes());
        let read = |der: &[u8]| parse(&pem(der), SecretEncoding::Utf8).map(|set| set.keys[0].thumbprint.clone());
        assert_eq!(read(v1.as_bytes()).unwrap(), read(v2.as_bytes()).unwrap());
    }

    /// RFC 5958 §2: a PKCS#8 v2 key (`OneAsymmetricKey`) may carry its public key; one that
    /// carries another key's, or bits that are not whole bytes, contradicts itself and is
    /// refused, for every kind of key (before, only Ed448 was checked, and not for unused bits).
    #[test]
    fn a_pkcs8_v2_key_must_carry_its_own_public_key() {
        use der::{Decode as _, Encode as _, asn1::BitStringRef};
        let der = |pem: &str| der::pem::decode_vec(pem.as_bytes()).expect("PEM").1;
        let pem = |der: &[u8]| der::pem::encode_string("PRIVATE KEY", der::pem::LineEnding::LF, der).expect("PEM");
        let bits = |b: &super::super::keygen::KeyBundle| {
            let spki = der(b.public_pem.as_deref().expect("public PEM"));
            spki::SubjectPublicKeyInfoRef::from_der(&spki).expect("SPKI").subject_public_key.raw_bytes().to_vec()
        };
        for (kind, article) in [
            ("ed25519", "an Ed25519 private key"),
            ("ed448", "an Ed448 private key"),
            ("p-256", "an EC P-256 private key"),
            ("secp256k1", "an EC secp256k1 private key"),
            ("ml-dsa-44", "an ML-DSA-44 private key"),
            ("rsa-2048", "an RSA private key"),
        ] {
            let [one, other] = [0, 1].map(|_| super::super::keygen::generate(kind).expect("key"));
            let private = der(one.private_pem.as_deref().expect("private PEM"));
            let with = |unused: u8, public: &[u8]| {
                let mut info = pkcs8::PrivateKeyInfoRef::from_der(&private).expect("PKCS#8");
                info.public_key = Some(BitStringRef::new(unused, public).expect("bits"));
                pem(&info.to_der().expect("DER"))
            };
            let read = |text: String| parse(&text, SecretEncoding::Utf8).map(|set| set.keys[0].thumbprint.clone());
            let v1 = read(pem(&private)).expect("v1");
            assert_eq!(read(with(0, &bits(&one))).as_ref(), Ok(&v1), "{kind}: its own public key");
            let refused = format!(
                "this PKCS#8 file holds {article} and, beside it (RFC 5958 v2), a public key that is not that key's: the file contradicts itself"
            );
            for (what, text) in [("another key's", with(0, &bits(&other))), ("unused bits", with(1, &bits(&one)))] {
                assert_eq!(read(text).unwrap_err().to_string(), refused, "{kind}: {what}");
            }
        }
    }

    /// An EC private key also carries its public key inside, in SEC1's `publicKey` (RFC 5915
    /// §3): one that is another key's is refused too, in PKCS#8 and in SEC1 PEM alike.
    #[test]
    fn an_ec_private_key_must_carry_its_own_public_point() {
        use der::{Decode as _, Encode as _, asn1::OctetStringRef};
        let der = |pem: &str| der::pem::decode_vec(pem.as_bytes()).expect("PEM").1;
        for kind in ["p-256", "p-384", "p-521", "secp256k1"] {
            let [one, other] = [0, 1].map(|_| super::super::keygen::generate(kind).expect("key"));
            let [one, other] = [&one, &other].map(|b| der(b.private_pem.as_deref().expect("private PEM")));
            let sec1_of = |pkcs8: &[u8]| {
                pkcs8::PrivateKeyInfoRef::from_der(pkcs8).expect("PKCS#8").private_key.as_bytes().to_vec()
            };
            let (own_sec1, other_sec1) = (sec1_of(&one), sec1_of(&other));
            let mut forged = sec1::EcPrivateKey::from_der(&own_sec1).expect("SEC1");
            let theirs = sec1::EcPrivateKey::from_der(&other_sec1).expect("SEC1");
            assert!(forged.public_key.is_some(), "{kind}: the export carries its public point");
            forged.public_key = theirs.public_key;
            let forged_sec1 = forged.to_der().expect("DER");
            let mut info = pkcs8::PrivateKeyInfoRef::from_der(&one).expect("PKCS#8");
            info.private_key = OctetStringRef::new(&forged_sec1).expect("octets");
            let forged_pkcs8 = info.to_der().expect("DER");
            // A SEC1 PEM names its curve itself (inside PKCS#8, the algorithm does).
            let curve = info.algorithm.parameters.expect("curve").decode_as().expect("curve OID");
            let alone = |mut key: sec1::EcPrivateKey<'_>| {
                key.parameters = Some(sec1::EcParameters::NamedCurve(curve));
                key.to_der().expect("DER")
            };
            let (own_alone, forged_alone) =
                (alone(sec1::EcPrivateKey::from_der(&own_sec1).expect("SEC1")), alone(forged));
            let pem = |label, der: &[u8]| der::pem::encode_string(label, der::pem::LineEnding::LF, der).expect("PEM");
            let read = |text: String| parse(&text, SecretEncoding::Utf8).map(|set| set.keys[0].thumbprint.clone());
            let own = read(pem("PRIVATE KEY", &one)).expect("its own PKCS#8");
            assert_eq!(read(pem("EC PRIVATE KEY", &own_alone)), Ok(own), "{kind}: its own SEC1");
            for (label, der) in [("PRIVATE KEY", &forged_pkcs8), ("EC PRIVATE KEY", &forged_alone)] {
                assert!(read(pem(label, der)).is_err(), "{kind} {label}: another key's point was accepted");
            }
        }
    }

    #[test]
    fn secrets_never_print() {
        let s = Secret::new(b"hunter2".to_vec());
        assert_eq!(format!("{s:?}"), "Secret(7 bytes, redacted)");
        let set = parse("hunter2", SecretEncoding::Utf8).unwrap();
        assert!(!format!("{set:?}").contains("hunter2"));
    }

    /// RFC 7515 A.3's P-256 key, private JWK and its public members.
    const P256_X: &str = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
    const P256_Y: &str = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";
    const P256_D: &str = "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI";

    /// A key a token carries (`cnf.jwk`) is refused by the reader itself when it has any
    /// private or secret member, rather than read as its public half.
    #[test]
    fn a_confirmation_key_with_a_private_member_is_refused() {
        let node = |text: &str| crate::jwt::json::parse(text).expect("JSON").root;
        let public = format!(r#"{{"kty":"EC","crv":"P-256","x":"{P256_X}","y":"{P256_Y}"}}"#);
        assert!(confirmation(&node(&public)).is_ok());
        for (text, member) in [
            (format!(r#"{{"kty":"EC","crv":"P-256","x":"{P256_X}","y":"{P256_Y}","d":"{P256_D}"}}"#), "d"),
            (r#"{"kty":"oct","k":"c2VjcmV0"}"#.to_string(), "k"),
            (r#"{"kty":"AKP","alg":"ML-DSA-44","pub":"AA","priv":"AA"}"#.to_string(), "priv"),
        ] {
            assert_eq!(confirmation(&node(&text)).unwrap_err(), KeyError::PrivateInToken { member }, "{text}");
        }
    }

    #[test]
    fn one_reader_gives_private_keys_whole_and_verifying_their_public_half() {
        let private = format!(r#"{{"kty":"EC","crv":"P-256","x":"{P256_X}","y":"{P256_Y}","d":"{P256_D}","kid":"a"}}"#);
        let public = format!(r#"{{"kty":"EC","crv":"P-256","x":"{P256_X}","y":"{P256_Y}"}}"#);
        let Ok(KeyText::Keys(read)) = read(&private, SecretEncoding::Utf8) else { panic!("one key") };
        let Material::Private(key) = &read[0].material else { panic!("a private key") };
        let verifying = parse(&private, SecretEncoding::Utf8).unwrap();
        assert_eq!(verifying.keys[0].material, Material::Public(key.public()));
        // Same thumbprint, kid and description whichever way it was read.
        let public = parse(&public, SecretEncoding::Utf8).unwrap();
        assert_eq!(read[0].thumbprint, public.keys[0].thumbprint);
        assert_eq!((read[0].kid.as_deref(), verifying.keys[0].kid.as_deref()), (Some("a"), Some("a")));
        assert_eq!(verifying.keys[0].describe(), "EC P-256 public key, the public half of a private JWK, kid \"a\"");
    }

    #[test]
    fn a_private_jwk_whose_d_is_not_its_own_is_refused() {
        // x and y of RFC 7515 A.3 with the d of another key.
        let other = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE";
        let jwk = format!(r#"{{"kty":"EC","crv":"P-256","x":"{P256_X}","y":"{P256_Y}","d":"{other}"}}"#);
        assert_eq!(parse(&jwk, SecretEncoding::Utf8).unwrap_err(), KeyError::JwkMismatch);
    }

    #[test]
    fn key_agreement_keys_are_read_but_never_verify() {
        // RFC 8037 A.6's X25519 public key, as a JWK and as SPKI (RFC 8410 §10.1's form).
        let jwk = r#"{"kty":"OKP","crv":"X25519","x":"3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08"}"#;
        let Ok(KeyText::Keys(keys)) = read(jwk, SecretEncoding::Utf8) else { panic!("one key") };
        assert!(matches!(keys[0].material, Material::Public(PublicKey::X25519(_))));
        assert_eq!(parse(jwk, SecretEncoding::Utf8).unwrap_err(), KeyError::OkpForAgreement);
        let spki = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VuAyEA3p7bfXt9wbTTW2HC7OQ1Nz+DQ8hbeGdNrfx+FG+IK08=\n-----END PUBLIC KEY-----";
        let Ok(KeyText::Keys(keys)) = read(spki, SecretEncoding::Utf8) else { panic!("one key") };
        assert_eq!(
            keys[0].material,
            Material::Public(PublicKey::X25519(
                [
                    0xde, 0x9e, 0xdb, 0x7d, 0x7b, 0x7d, 0xc1, 0xb4, 0xd3, 0x5b, 0x61, 0xc2, 0xec, 0xe4, 0x35, 0x37,
                    0x3f, 0x83, 0x43, 0xc8, 0x5b, 0x78, 0x67, 0x4d, 0xad, 0xfc, 0x7e, 0x14, 0x6f, 0x88, 0x2b, 0x4f
                ]
                .into()
            ))
        );
        let e = parse(spki, SecretEncoding::Utf8).unwrap_err();
        assert_eq!(e.to_string(), "this is an X25519 key, which is for key agreement (JWE), not signatures");
        assert_eq!(e.kind(), KeyErrorKind::NotASecret);
    }

    #[test]
    fn a_private_key_after_a_certificate_signs() {
        let key = keygen::generate("p-256").unwrap();
        let text = format!("{}\n{}", key.public_pem.unwrap(), key.private_pem.unwrap());
        let signer = crate::jwt::jws::sign::signing_key(&text, SecretEncoding::Utf8).unwrap();
        assert_eq!(signer.thumbprint, key.thumbprint);
        assert!(matches!(signer.material, Material::Private(PrivateKey::P256(_))));
        // And the first private entry of a JWKS.
        let jwks = format!(r#"{{"keys":[{},{}]}}"#, key.public_jwk.unwrap(), key.private_jwk.unwrap());
        let signer = crate::jwt::jws::sign::signing_key(&jwks, SecretEncoding::Utf8).unwrap();
        assert!(matches!(signer.material, Material::Private(PrivateKey::P256(_))));
    }
}
