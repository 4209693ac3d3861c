//! Why key text could not be read, or could not be used as what was asked of it.

use std::fmt;

/// Why a pasted key could not be read, or could not be used as a secret or for the task at
/// hand. `Display` is the exact sentence the page shows; [`KeyError::kind`] lets callers
/// react without matching on words.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyError {
    // ---- the text as a whole ----
    /// The text is over the 10 MB any input may have.
    TooLarge,
    /// Nothing to sign with: the key box is empty.
    NoSigningKey,
    /// Nothing to encrypt to: the key box is empty.
    NoRecipientKey,
    /// Nothing to decrypt with: the key box is empty.
    NoDecryptionKey,
    /// Nothing to convert: the text holds no key.
    NoKeyToConvert,
    /// The token has no header a key could be taken from.
    NoHeader,

    // ---- secrets ----
    /// The text is, contains or decodes to a key or certificate (`what` says which), so it
    /// is never a secret or password (the algorithm-confusion attack).
    NotASecret { what: String },
    /// The secret has no bytes once decoded.
    EmptySecret,
    /// An `oct` JWK's `k` has no bytes.
    EmptyJwkSecret,
    /// The secret is not base64 (`why` names the first bad character).
    SecretNotBase64 { why: String },
    /// The secret holds a character that is no hex digit, at a 1-based position.
    SecretNotHex { character: String, position: usize },
    /// The secret has an odd number of hex digits.
    SecretOddHex { digits: usize },

    // ---- PEM ----
    /// A PEM block (1-based) has no END line.
    PemNoEnd { block: usize },
    /// A PEM block (1-based) cannot be decoded.
    PemUnreadable { block: usize, why: der::pem::Error },
    /// An encrypted PKCS#8 key, to verify with: its public key will do.
    EncryptedPrivateKey,
    /// An encrypted PKCS#8 key, where the private key itself is needed.
    EncryptedPrivateKeyNeeded,
    /// A certificate signing request.
    CertificateRequest,
    /// A PEM block of a label this page does not read.
    PemLabel { label: String },
    /// The text has no PEM block at all.
    NoPemBlock,

    // ---- DER ----
    /// SubjectPublicKeyInfo DER that does not parse.
    Spki(der::Error),
    /// The SPKI's bit string has unused bits.
    SpkiBits,
    /// X.509 DER that does not parse.
    Certificate(der::Error),
    /// The certificate's public key bit string has unused bits.
    CertificateBits,
    /// PKCS#1 RSA public key DER that does not parse.
    Pkcs1Public(der::Error),
    /// PKCS#1 RSA private key DER that does not parse.
    Pkcs1Private(der::Error),
    /// PKCS#8 DER that does not parse.
    Pkcs8(der::Error),
    /// SEC1 EC private key DER that does not parse.
    Sec1(der::Error),
    /// An algorithm OID this page has no keys for.
    AlgorithmUnsupported { oid: String },
    /// An X25519 key (key agreement), where a signature key is needed (read from DER).
    X25519NotForSignatures,

    // ---- RSA ----
    /// The RSA modulus is not a number this page can hold.
    RsaModulus,
    /// The RSA exponent is not a number this page can hold.
    RsaExponent,
    /// The RSA public key is refused by the `rsa` crate (size, exponent).
    RsaPublic { why: String },
    /// An RSA private key (PEM) the `rsa` crate refuses.
    RsaPrivate { why: String },
    /// An RSA private JWK the `rsa` crate refuses.
    RsaPrivateJwk { why: String },

    // ---- EC and OKP ----
    /// An SPKI's EC curve is not one this page knows.
    EcCurveUnknown { curve: String },
    /// An EC private key names no supported curve.
    EcPrivateCurve,
    /// The public point is not on the named curve.
    EcPoint { curve: &'static str },
    /// The EC private key is not valid for its curve.
    EcPrivate { curve: &'static str },
    /// An Ed25519 public key (DER) that is not 32 bytes.
    Ed25519Length,
    /// An Ed25519 public key (DER) that is not a point.
    Ed25519Point,
    /// An Ed25519 private key (PKCS#8) the crate refuses.
    Ed25519Private { why: String },
    /// An X25519 private key (PKCS#8) whose scalar is not an OCTET STRING of 32 bytes.
    X25519Private,
    /// An X25519 public key (SPKI) that is not 32 bytes.
    X25519Length,
    /// An Ed448 public key (DER) that is not 57 bytes.
    Ed448Length,
    /// An Ed448 public key (DER or JWK) that is not a valid point in canonical encoding.
    Ed448Point,
    /// An Ed448 private key (PKCS#8) whose seed is not an OCTET STRING of 57 bytes.
    Ed448Private,
    /// A PKCS#8 v2 key (RFC 5958 `OneAsymmetricKey`) whose `publicKey` is not whole bytes
    /// or is not the public key of the private key beside it (`kind`, with its article).
    Pkcs8PublicKey { kind: &'static str },

    // ---- JWK and JWKS ----
    /// Text that looks like a JWK but is not JSON.
    JwkNotJson { line: usize, column: usize, message: String },
    /// A JWK that is not a JSON object.
    JwkNotObject,
    /// A JWKS whose `keys` is not an array.
    JwksKeysNotArray,
    /// A JWKS with no entries.
    JwksEmpty,
    /// A JWKS none of whose entries could be read (`first` is the first entry's note).
    JwksUnusable { first: String },
    /// A JWKS none of whose entries can decrypt (`first` is the first entry's note).
    JwksCannotDecrypt { first: Option<String> },
    /// A required JWK member is missing.
    JwkMissing { name: String },
    /// A JWK member that must be a string is not.
    JwkNotString { name: String },
    /// A JWK member that is not base64url.
    JwkNotBase64 { name: String, why: String },
    /// An EC JWK's curve this page does not support.
    JwkCurve { crv: String },
    /// EC coordinates of the wrong size.
    JwkCoordinates { crv: String, size: usize, x: usize, y: usize },
    /// An Ed25519 JWK's `x` of the wrong size.
    JwkEd25519X { len: usize },
    /// An Ed25519 JWK's `x` that is not a point.
    JwkEd25519Point,
    /// An Ed448 JWK's `x` of the wrong size.
    JwkEd448X { len: usize },
    /// An Ed448 JWK's `d` of the wrong size.
    JwkEd448D { len: usize },
    /// An OKP JWK's `d` of the wrong size (Ed25519 and X25519 keys have 32 bytes).
    JwkOkpD { crv: &'static str },
    /// An X25519 JWK's `x` of the wrong size.
    JwkX25519X,
    /// An OKP key for key agreement (X25519, X448), where a signature key is needed.
    OkpForAgreement,
    /// An OKP curve this page does not support.
    JwkOkpCurve { crv: String },
    /// A key type this page does not support.
    JwkKeyType { kty: String },
    /// A private JWK whose numbers are not valid.
    JwkPrivateNumbers { what: &'static str },
    /// A private JWK whose `d` does not belong to its public members.
    JwkMismatch,
    /// A key a token carries for others to check with (`cnf.jwk`) that has a private or
    /// secret member (`member`).
    PrivateInToken { member: &'static str },
    /// A JWKS entry past the first `limit` private ML-DSA keys of its set, not read.
    PrivateAkpLimit { limit: usize },

    // ---- the token's own key ----
    /// `x5c` is not an array.
    X5cNotArray,
    /// `x5c` is empty.
    X5cEmpty,
    /// The token carries no key.
    NoEmbeddedKey,

    // ---- what a key can do ----
    /// A public key where signing needs a private one.
    PublicOnly,
    /// A public key where decrypting needs a private key or a secret.
    DecryptNeedsPrivate,
    /// A key a JWE cannot be encrypted to (`what` describes it).
    CannotEncryptTo { what: String },
    /// An X25519 key (for JWE key agreement), which has no export here.
    X25519NoConversion,

    // ---- ML-DSA (AKP, RFC 9964; DER, RFC 9881) ----
    /// An ML-DSA public key of the wrong size for its parameter set.
    MlDsaPublicLength { alg: crate::jwt::alg::JwsAlg, actual: usize },
    /// An ML-DSA seed (`priv`, PKCS#8 `seed`) that is not 32 bytes.
    MlDsaSeedLength { actual: usize },
    /// An AKP JWK whose `alg` is not an ML-DSA algorithm.
    AkpAlg { alg: String },
    /// An AKP JWK whose `priv` seed does not give its `pub`.
    AkpMismatch,
    /// An ML-DSA algorithm identifier with parameters (RFC 9881 says they are absent).
    MlDsaParameters { alg: crate::jwt::alg::JwsAlg },
    /// An ML-DSA PKCS#8 private key that is none of RFC 9881's three forms.
    MlDsaPrivate { alg: crate::jwt::alg::JwsAlg },
    /// An ML-DSA PKCS#8 private key with only the expanded key: without its seed, it is no
    /// JOSE key.
    MlDsaExpandedOnly { alg: crate::jwt::alg::JwsAlg },
    /// An ML-DSA PKCS#8 private key whose seed does not expand to the expanded key beside it.
    MlDsaSeedMismatch { alg: crate::jwt::alg::JwsAlg },

    /// Any failure to read text that is PEM (or DER made PEM): whatever is wrong with it,
    /// it is key material and so never a secret. Shown as the failure it holds.
    InKeyText(Box<KeyError>),
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
    /// What kind of failure this is.
    pub fn kind(&self) -> KeyErrorKind {
        use KeyError::*;
        match self {
            NotASecret { .. } | InKeyText(_) => KeyErrorKind::NotASecret,
            EmptySecret | EmptyJwkSecret => KeyErrorKind::EmptySecret,
            PublicOnly | DecryptNeedsPrivate => KeyErrorKind::PublicOnly,
            _ => KeyErrorKind::Unreadable,
        }
    }
}

impl KeyError {
    /// The same error, from text that is key material and so never a secret.
    pub fn never_a_secret(self) -> Self {
        match self.kind() {
            KeyErrorKind::Unreadable => KeyError::InKeyText(Box::new(self)),
            _ => self,
        }
    }

    /// The error to show where the private key itself is needed (signing, decrypting): an
    /// encrypted private key's advice to paste the public key instead does not apply.
    pub fn needing_private(self) -> Self {
        match self {
            KeyError::EncryptedPrivateKey => KeyError::EncryptedPrivateKeyNeeded,
            KeyError::InKeyText(e) => KeyError::InKeyText(Box::new(e.needing_private())),
            e => e,
        }
    }
}

impl std::error::Error for KeyError {}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use KeyError::*;
        match self {
            TooLarge => f.write_str("the key text is larger than the 10 MB this page reads"),
            NoSigningKey => f.write_str("no signing key yet: paste a secret, a private key PEM or a private JWK"),
            NoRecipientKey => f.write_str("no key yet: paste the recipient's public key, or a shared secret"),
            NoDecryptionKey => {
                f.write_str("no decryption key yet: paste the recipient's private key, the shared secret or the password")
            }
            NoKeyToConvert => f.write_str("no key to convert"),
            NoHeader => f.write_str("the token has no readable header to take a key from"),
            NotASecret { what } => write!(
                f,
                "the key text {what}; a key or certificate is never used as a shared secret or password, since anyone who has the public key could then forge tokens (the algorithm-confusion attack, RFC 8725 §2.1)"
            ),
            EmptySecret => f.write_str(
                "the secret is empty (0 bytes once decoded); an HMAC key of length zero is never accepted",
            ),
            EmptyJwkSecret => {
                f.write_str("the JWK's \"k\" is empty; an HMAC key of length zero is never accepted")
            }
            SecretNotBase64 { why } => write!(f, "the secret is not base64: {why}"),
            SecretNotHex { character, position } => {
                write!(f, "the secret is not hex: {character} at position {position}")
            }
            SecretOddHex { digits } => write!(f, "the secret is not hex: {digits} digits is an odd number"),
            PemNoEnd { block } => write!(f, "PEM block {block} has no \"-----END …-----\" line"),
            PemUnreadable { block, why } => write!(f, "PEM block {block} cannot be read: {why}"),
            EncryptedPrivateKey => f.write_str(
                "this private key is encrypted with a passphrase; decrypt it first (openssl pkcs8 -in key.pem) or paste the public key",
            ),
            EncryptedPrivateKeyNeeded => f.write_str(
                "this private key is encrypted with a passphrase; decrypt it first (openssl pkcs8 -in key.pem)",
            ),
            CertificateRequest => f.write_str("this is a certificate signing request, not a key or certificate"),
            PemLabel { label } => write!(f, "a PEM \"{label}\" block is not a key this page reads"),
            NoPemBlock => f.write_str("no PEM block found"),
            Spki(e) => write!(f, "the public key is not valid SubjectPublicKeyInfo DER: {e}"),
            SpkiBits => f.write_str("the public key bit string is not whole bytes"),
            Certificate(e) => write!(f, "the certificate is not valid X.509 DER: {e}"),
            CertificateBits => f.write_str("the certificate's public key bit string is not whole bytes"),
            Pkcs1Public(e) => write!(f, "the RSA public key is not valid PKCS#1 DER: {e}"),
            Pkcs1Private(e) => write!(f, "the RSA private key is not valid PKCS#1 DER: {e}"),
            Pkcs8(e) => write!(f, "the private key is not valid PKCS#8 DER: {e}"),
            Sec1(e) => write!(f, "the EC private key is not valid SEC1 DER: {e}"),
            AlgorithmUnsupported { oid } => write!(f, "keys of algorithm {oid} are not supported"),
            X25519NotForSignatures => {
                f.write_str("this is an X25519 key, which is for key agreement (JWE), not signatures")
            }
            RsaModulus => f.write_str("the RSA modulus cannot be read"),
            RsaExponent => f.write_str("the RSA exponent cannot be read"),
            RsaPublic { why } => write!(f, "the RSA public key is not valid: {why}"),
            RsaPrivate { why } => write!(f, "the RSA private key is not valid: {why}"),
            RsaPrivateJwk { why } => write!(f, "the RSA private JWK is not valid: {why}"),
            EcCurveUnknown { curve } => {
                write!(f, "the EC key's curve {curve} is not one of P-256, P-384, P-521, secp256k1")
            }
            EcPrivateCurve => f.write_str(
                "the EC private key does not name a supported curve (P-256, P-384, P-521, secp256k1)",
            ),
            EcPoint { curve } => write!(f, "the {curve} public key is not a valid point on the curve"),
            EcPrivate { curve } => write!(f, "the {curve} private key is not valid"),
            Ed25519Length => f.write_str("an Ed25519 public key has 32 bytes"),
            Ed25519Point => f.write_str("the Ed25519 public key is not a valid point"),
            Ed25519Private { why } => write!(f, "the Ed25519 private key is not valid: {why}"),
            X25519Private => f.write_str("the X25519 private key is not valid"),
            X25519Length => f.write_str("an X25519 public key has 32 bytes"),
            Ed448Length => f.write_str("an Ed448 public key has 57 bytes"),
            Ed448Point => f.write_str("the Ed448 public key is not a valid point"),
            Ed448Private => f.write_str("the Ed448 private key is not valid"),
            Pkcs8PublicKey { kind } => write!(
                f,
                "this PKCS#8 file holds {kind} and, beside it (RFC 5958 v2), a public key that is not that key's: the file contradicts itself"
            ),
            JwkNotJson { line, column, message } => write!(
                f,
                "the key looks like JSON (a JWK) but is not valid JSON: line {line}, column {column}: {message}"
            ),
            JwkNotObject => f.write_str("a JWK must be a JSON object"),
            JwksKeysNotArray => f.write_str("a JWKS's \"keys\" must be an array"),
            JwksEmpty => f.write_str("the JWKS is empty"),
            JwksUnusable { first } => write!(f, "the JWKS has no key this page can use ({first})"),
            JwksCannotDecrypt { first } => match first {
                Some(first) => write!(f, "no entry of the JWKS can decrypt ({first})"),
                None => f.write_str("no entry of the JWKS can decrypt"),
            },
            JwkMissing { name } => write!(f, "the JWK has no \"{name}\""),
            JwkNotString { name } => write!(f, "the JWK's \"{name}\" must be a string"),
            JwkNotBase64 { name, why } => write!(f, "the JWK's \"{name}\" is not base64url: {why}"),
            JwkCurve { crv } => {
                write!(f, "the EC curve \"{crv}\" is not supported (P-256, P-384, P-521, secp256k1)")
            }
            JwkCoordinates { crv, size, x, y } => {
                write!(f, "{crv} coordinates must be exactly {size} bytes each (x has {x}, y has {y})")
            }
            JwkEd25519X { len } => write!(f, "an Ed25519 \"x\" has 32 bytes, not {len}"),
            JwkEd25519Point => f.write_str("the Ed25519 key is not a valid point"),
            JwkEd448X { len } => write!(f, "an Ed448 \"x\" has 57 bytes, not {len}"),
            JwkEd448D { len } => write!(f, "an Ed448 \"d\" has 57 bytes, not {len}"),
            JwkOkpD { crv } => write!(f, "an {crv} \"d\" has 32 bytes"),
            JwkX25519X => f.write_str("the X25519 JWK needs a 32-byte \"x\""),
            OkpForAgreement => f.write_str("this OKP key is for key agreement (JWE), not signatures"),
            JwkOkpCurve { crv } => write!(f, "the OKP curve \"{crv}\" is not supported"),
            JwkKeyType { kty } => write!(f, "the key type \"{kty}\" is not supported (oct, RSA, EC, OKP)"),
            JwkPrivateNumbers { what } => write!(f, "the {what} is not valid"),
            JwkMismatch => f.write_str("the JWK's private \"d\" does not belong to its public members"),
            PrivateAkpLimit { limit } => write!(
                f,
                "the key set has more than {limit} private ML-DSA keys, and each costs a key generation to check, so the rest are not read"
            ),
            PrivateInToken { member } => write!(
                f,
                "the key has the private member \"{member}\": a key a token carries must be public"
            ),
            X5cNotArray => f.write_str("\"x5c\" must be an array of base64 certificates"),
            X5cEmpty => f.write_str("\"x5c\" is empty"),
            NoEmbeddedKey => f.write_str("the token carries no \"jwk\" or \"x5c\" header"),
            PublicOnly => f.write_str(
                "this is a public key or certificate, which can only verify; signing needs the private key (a PKCS#8, PKCS#1 or SEC1 PEM, or a JWK with \"d\")",
            ),
            DecryptNeedsPrivate => f.write_str(
                "this is a public key or certificate: decrypting needs the recipient's private key (a PKCS#8, PKCS#1 or SEC1 PEM, or a JWK with \"d\"), or for dir, AES key wrap and PBES2 the shared secret or password",
            ),
            CannotEncryptTo { what } => write!(f, "a JWE cannot be encrypted to {what}"),
            X25519NoConversion => f.write_str("X25519 keys (for JWE key agreement) cannot be converted here"),
            MlDsaPublicLength { alg, actual } => write!(
                f,
                "an {alg} public key has {} bytes; this one has {actual}",
                super::mldsa::public_len(*alg)
            ),
            MlDsaSeedLength { actual } => {
                write!(f, "an ML-DSA private key is its 32-byte seed; this one has {actual} bytes")
            }
            AkpAlg { alg } => {
                use crate::jwt::alg::JwsAlg;
                write!(
                    f,
                    "an AKP key's \"alg\" must be {}, {} or {}, not \"{alg}\"",
                    JwsAlg::MlDsa44,
                    JwsAlg::MlDsa65,
                    JwsAlg::MlDsa87
                )
            }
            AkpMismatch => f.write_str("the AKP JWK's private \"priv\" seed does not give its \"pub\""),
            MlDsaParameters { alg } => {
                write!(f, "the {alg} algorithm identifier has parameters; RFC 9881 says they are absent")
            }
            MlDsaPrivate { alg } => write!(
                f,
                "the {alg} private key is not one of RFC 9881's forms (a 32-byte seed, an expanded key, or both)"
            ),
            MlDsaExpandedOnly { alg } => write!(
                f,
                "this {alg} private key holds only the expanded key, without the 32-byte seed it was made from; a JOSE (AKP) key is its seed, so export the key with its seed"
            ),
            MlDsaSeedMismatch { alg } => {
                write!(f, "this {alg} private key's seed does not expand to the expanded key stored beside it")
            }
            InKeyText(e) => e.fmt(f),
        }
    }
}

/// Why a JWE's ephemeral public key (`epk`, RFC 7518 §4.6.1.1) cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EpkError {
    /// `epk` is not a JSON object.
    NotObject,
    /// `epk` carries a private key.
    Private,
    /// A coordinate is missing.
    Missing { name: String },
    /// A coordinate is not base64url.
    NotBase64 { name: String, why: String },
    /// An X25519 `x` that is not 32 bytes.
    X25519Length,
    /// EC coordinates of the wrong size for the curve.
    Coordinates { crv: &'static str, size: usize, x: usize, y: usize },
    /// The point is not on its curve (an invalid-curve attack).
    OffCurve { crv: &'static str },
    /// A key type or curve ECDH-ES does not use here.
    Unsupported { kty: String, crv: String },
}

impl fmt::Display for EpkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EpkError::NotObject => f.write_str("\"epk\" must be a JWK object"),
            EpkError::Private => f.write_str("\"epk\" carries a private key (\"d\"); an ephemeral public key must not"),
            EpkError::Missing { name } => write!(f, "\"epk\" has no \"{name}\""),
            EpkError::NotBase64 { name, why } => write!(f, "\"epk\".\"{name}\" is not base64url: {why}"),
            EpkError::X25519Length => f.write_str("an X25519 \"epk\" has a 32-byte \"x\""),
            EpkError::Coordinates { crv, size, x, y } => {
                write!(f, "a {crv} \"epk\" has {size}-byte coordinates; these have {x} and {y}")
            }
            EpkError::OffCurve { crv } => write!(
                f,
                "the ephemeral public key (\"epk\") is not a point on {crv}: an invalid-curve attack would use such a point to learn the private key, so it is refused"
            ),
            EpkError::Unsupported { kty, crv } => write!(
                f,
                "the \"epk\" is kty \"{kty}\" crv \"{crv}\"; ECDH-ES works here with EC P-256, P-384, P-521 and OKP X25519"
            ),
        }
    }
}

impl std::error::Error for EpkError {}
