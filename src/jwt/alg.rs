//! The one algorithm table: every JWS algorithm (RFC 7518 §3, RFC 8037 §3.1, RFC 8812
//! §3.2, RFC 9864 §2.2), JWE key management algorithm (RFC 7518 §4, RFC 8037 §3.2) and
//! content encryption algorithm (RFC 7518 §5) the tool handles, and everything each one
//! implies: its family, hash, sizes, the key it needs and, where the worker hands the check
//! to the browser, its WebCrypto parameters.
//!
//! Algorithm names are compared with text here only, in `parse`: exactly, case-sensitively
//! (RFC 7515 §4.1.1). Everything else matches on the enums. This module needs no
//! cryptography, so the page (without the `crypto` feature) reads the same table as the
//! verifier.

/// A hash function an algorithm uses (FIPS 180-4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HashAlg {
    /// SHA-1: only inside `RSA-OAEP`'s OAEP padding (RFC 7518 §4.3).
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl HashAlg {
    /// The name as FIPS 180-4 and WebCrypto write it: `SHA-256`.
    pub const fn name(self) -> &'static str {
        match self {
            HashAlg::Sha1 => "SHA-1",
            HashAlg::Sha256 => "SHA-256",
            HashAlg::Sha384 => "SHA-384",
            HashAlg::Sha512 => "SHA-512",
        }
    }

    /// The output size in bytes.
    pub const fn size(self) -> usize {
        match self {
            HashAlg::Sha1 => 20,
            HashAlg::Sha256 => 32,
            HashAlg::Sha384 => 48,
            HashAlg::Sha512 => 64,
        }
    }
}

/// A named curve a key lies on (RFC 7518 §6.2.1.1, RFC 8037 §2, RFC 8812 §3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Curve {
    P256,
    P384,
    P521,
    Secp256k1,
    Ed25519,
    X25519,
    Ed448,
}

impl Curve {
    /// The JWK `crv` name: `P-256`, `secp256k1`, `Ed25519`.
    pub const fn name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
            Curve::Secp256k1 => "secp256k1",
            Curve::Ed25519 => "Ed25519",
            Curve::X25519 => "X25519",
            Curve::Ed448 => "Ed448",
        }
    }
}

/// The type of key an algorithm needs (RFC 7518 §6.1 `kty`, RFC 8037 §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyType {
    /// A shared secret (`oct`): an HMAC key, a key-wrap key, a `dir` key or a password.
    Oct,
    Rsa,
    /// An elliptic-curve key on this curve (`EC`).
    Ec(Curve),
    /// An octet key pair on this curve (`OKP`).
    Okp(Curve),
    /// An algorithm key pair (`AKP`, RFC 9964 §5): bound to this one algorithm by its `alg`.
    Akp(JwsAlg),
}

impl KeyType {
    /// The JWK `kty`: `oct`, `RSA`, `EC` or `OKP`.
    pub const fn kty(self) -> &'static str {
        match self {
            KeyType::Oct => "oct",
            KeyType::Rsa => "RSA",
            KeyType::Ec(_) => "EC",
            KeyType::Okp(_) => "OKP",
            KeyType::Akp(_) => "AKP",
        }
    }
}

/// An ML-DSA parameter set (FIPS 204 Table 1), from which its sizes follow (Table 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MlDsaParameters {
    /// The challenge c̃'s size in bytes (λ/4).
    pub challenge: usize,
    /// k: the rows of A; t1 and the hint have k polynomials.
    pub k: usize,
    /// ℓ: the columns of A; z has ℓ polynomials.
    pub l: usize,
    /// The bits of each coefficient of z (1 + log2 γ1).
    pub z_bits: usize,
    /// ω: the most 1s the hint may hold.
    pub omega: usize,
    /// The bits of each coefficient of s1 and s2 (bitlen 2η).
    pub eta_bits: usize,
}

impl MlDsaParameters {
    /// The public key's size: ρ and t1 (FIPS 204 Algorithm 22 pkEncode).
    pub const fn public_len(self) -> usize {
        32 + 32 * 10 * self.k
    }

    /// The signature's size: c̃, z and the hint (Algorithm 26 sigEncode).
    pub const fn signature_len(self) -> usize {
        self.challenge + 32 * self.l * self.z_bits + self.omega + self.k
    }

    /// The expanded private key's size: ρ, K, tr, s1, s2 and t0 (Algorithm 24 skEncode).
    pub const fn expanded_len(self) -> usize {
        32 + 32 + 64 + 32 * ((self.l + self.k) * self.eta_bits + 13 * self.k)
    }
}

/// ML-DSA-44, -65 and -87 (FIPS 204 Table 1).
const ML_DSA_44: MlDsaParameters = MlDsaParameters { challenge: 32, k: 4, l: 4, z_bits: 18, omega: 80, eta_bits: 3 };
const ML_DSA_65: MlDsaParameters = MlDsaParameters { challenge: 48, k: 6, l: 5, z_bits: 20, omega: 55, eta_bits: 4 };
const ML_DSA_87: MlDsaParameters = MlDsaParameters { challenge: 64, k: 8, l: 7, z_bits: 20, omega: 75, eta_bits: 3 };

/// What the signature of a JWS algorithm should look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureSize {
    /// Always this many bytes.
    Exact(usize),
    /// As many bytes as the RSA modulus (256 for a 2048-bit key).
    RsaModulus,
    /// No signature at all (`alg: none`).
    Empty,
}

/// How a JWS algorithm signs: what the verifier, the signer and the walkthrough do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// No signature (RFC 7518 §3.6).
    Unsecured,
    /// HMAC with SHA-2 (RFC 7518 §3.2).
    Hmac,
    /// RSASSA-PKCS1-v1_5 (RFC 7518 §3.3).
    RsaPkcs1,
    /// RSASSA-PSS, its salt as long as the hash (RFC 7518 §3.5).
    RsaPss,
    /// ECDSA, the signature r ‖ s (RFC 7518 §3.4, RFC 8812 §3.2).
    Ecdsa,
    /// EdDSA (RFC 8037 §3.1, RFC 9864 §2.2).
    EdDsa,
    /// Pure ML-DSA (FIPS 204) with the empty context string (RFC 9964).
    MlDsa,
}

/// WebCrypto's parameters for a JWS algorithm whose final check the verifier worker hands
/// to the browser (W3C Web Cryptography API: `RsaHashedImportParams`, `RsaPssParams`,
/// `EcKeyImportParams`, `EcdsaParams`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WebCrypto {
    /// The algorithm's `name`: `RSASSA-PKCS1-v1_5`, `RSA-PSS` or `ECDSA`.
    pub name: &'static str,
    /// The hash: at import for RSA, at verification for ECDSA.
    pub hash: HashAlg,
    /// The curve, given at import (ECDSA only).
    pub named_curve: Option<Curve>,
    /// The PSS salt length in bytes, given at verification (RSA-PSS only).
    pub salt_length: Option<usize>,
}

/// A JWS algorithm the tool knows (the `alg` of a JWS).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JwsAlg {
    Hs256,
    Hs384,
    Hs512,
    Rs256,
    Rs384,
    Rs512,
    Ps256,
    Ps384,
    Ps512,
    Es256,
    Es384,
    Es512,
    Es256k,
    /// `EdDSA` (RFC 8037): with an Ed25519 or an Ed448 key, the key deciding which.
    EdDsa,
    /// The fully-specified `Ed25519` (RFC 9864 §2.2): `EdDSA` with an Ed25519 key.
    Ed25519,
    /// `none`: an unsecured JWS (RFC 7518 §3.6).
    None,
    /// The fully-specified `Ed448` (RFC 9864 §2.3): `EdDSA` with an Ed448 key.
    Ed448,
    /// ML-DSA-44, ML-DSA-65, ML-DSA-87 (FIPS 204, RFC 9964 §4): post-quantum signatures.
    MlDsa44,
    MlDsa65,
    MlDsa87,
}

impl JwsAlg {
    /// Every JWS algorithm the tool knows, in display order.
    pub const ALL: [JwsAlg; 20] = [
        JwsAlg::Hs256,
        JwsAlg::Hs384,
        JwsAlg::Hs512,
        JwsAlg::Rs256,
        JwsAlg::Rs384,
        JwsAlg::Rs512,
        JwsAlg::Ps256,
        JwsAlg::Ps384,
        JwsAlg::Ps512,
        JwsAlg::Es256,
        JwsAlg::Es384,
        JwsAlg::Es512,
        JwsAlg::Es256k,
        JwsAlg::EdDsa,
        JwsAlg::Ed25519,
        JwsAlg::Ed448,
        JwsAlg::MlDsa44,
        JwsAlg::MlDsa65,
        JwsAlg::MlDsa87,
        JwsAlg::None,
    ];

    /// The algorithms the encoder offers, in order (the `Algorithm` select's values): every
    /// one of [`Self::ALL`] but `none`. The UI contract's fourteen (`HS256` … `EdDSA`) come
    /// first, as before; the fully-specified `Ed25519` and `Ed448` (RFC 9864) and ML-DSA
    /// (RFC 9964) follow.
    pub const SIGNING: &'static [JwsAlg] = JwsAlg::ALL.split_at(19).0;

    /// The algorithm of this exact, case-sensitive name (RFC 7515 §4.1.1).
    pub fn parse(name: &str) -> Option<JwsAlg> {
        JwsAlg::ALL.into_iter().find(|a| a.name() == name)
    }

    /// The registered name (`HS256`, `ES256K`, `EdDSA`, `none`).
    pub const fn name(self) -> &'static str {
        match self {
            JwsAlg::Hs256 => "HS256",
            JwsAlg::Hs384 => "HS384",
            JwsAlg::Hs512 => "HS512",
            JwsAlg::Rs256 => "RS256",
            JwsAlg::Rs384 => "RS384",
            JwsAlg::Rs512 => "RS512",
            JwsAlg::Ps256 => "PS256",
            JwsAlg::Ps384 => "PS384",
            JwsAlg::Ps512 => "PS512",
            JwsAlg::Es256 => "ES256",
            JwsAlg::Es384 => "ES384",
            JwsAlg::Es512 => "ES512",
            JwsAlg::Es256k => "ES256K",
            JwsAlg::EdDsa => "EdDSA",
            JwsAlg::Ed25519 => "Ed25519",
            JwsAlg::None => "none",
            JwsAlg::Ed448 => "Ed448",
            JwsAlg::MlDsa44 => "ML-DSA-44",
            JwsAlg::MlDsa65 => "ML-DSA-65",
            JwsAlg::MlDsa87 => "ML-DSA-87",
        }
    }

    /// What the algorithm is, in a few words (shown after `alg` in the header pane).
    pub const fn family(self) -> &'static str {
        match self {
            JwsAlg::Hs256 => "HMAC with SHA-256",
            JwsAlg::Hs384 => "HMAC with SHA-384",
            JwsAlg::Hs512 => "HMAC with SHA-512",
            JwsAlg::Rs256 => "RSASSA-PKCS1-v1_5 with SHA-256",
            JwsAlg::Rs384 => "RSASSA-PKCS1-v1_5 with SHA-384",
            JwsAlg::Rs512 => "RSASSA-PKCS1-v1_5 with SHA-512",
            JwsAlg::Ps256 => "RSASSA-PSS with SHA-256",
            JwsAlg::Ps384 => "RSASSA-PSS with SHA-384",
            JwsAlg::Ps512 => "RSASSA-PSS with SHA-512",
            JwsAlg::Es256 => "ECDSA with P-256 and SHA-256",
            JwsAlg::Es384 => "ECDSA with P-384 and SHA-384",
            JwsAlg::Es512 => "ECDSA with P-521 and SHA-512",
            JwsAlg::Es256k => "ECDSA with secp256k1 and SHA-256",
            JwsAlg::EdDsa => "EdDSA (Ed25519: 64 bytes, Ed448: 114 bytes)",
            JwsAlg::Ed25519 => "EdDSA with Ed25519 (fully specified, RFC 9864)",
            JwsAlg::None => "no signature (unsecured JWS)",
            JwsAlg::Ed448 => "EdDSA with Ed448 (fully specified, RFC 9864)",
            JwsAlg::MlDsa44 => "ML-DSA-44 (FIPS 204, post-quantum)",
            JwsAlg::MlDsa65 => "ML-DSA-65 (FIPS 204, post-quantum)",
            JwsAlg::MlDsa87 => "ML-DSA-87 (FIPS 204, post-quantum)",
        }
    }

    /// How it signs.
    pub const fn scheme(self) -> Scheme {
        match self {
            JwsAlg::Hs256 | JwsAlg::Hs384 | JwsAlg::Hs512 => Scheme::Hmac,
            JwsAlg::Rs256 | JwsAlg::Rs384 | JwsAlg::Rs512 => Scheme::RsaPkcs1,
            JwsAlg::Ps256 | JwsAlg::Ps384 | JwsAlg::Ps512 => Scheme::RsaPss,
            JwsAlg::Es256 | JwsAlg::Es384 | JwsAlg::Es512 | JwsAlg::Es256k => Scheme::Ecdsa,
            JwsAlg::EdDsa | JwsAlg::Ed25519 | JwsAlg::Ed448 => Scheme::EdDsa,
            JwsAlg::None => Scheme::Unsecured,
            JwsAlg::MlDsa44 | JwsAlg::MlDsa65 | JwsAlg::MlDsa87 => Scheme::MlDsa,
        }
    }

    /// Whether this is an HMAC, checked with a shared secret.
    pub const fn is_hmac(self) -> bool {
        matches!(self.scheme(), Scheme::Hmac)
    }

    /// The hash the signing input goes through; `None` for `none`, EdDSA and ML-DSA (whose
    /// hashing is part of the signature scheme: RFC 8032 §5.1, FIPS 204 §5.2).
    pub const fn hash(self) -> Option<HashAlg> {
        match self {
            JwsAlg::Hs256 | JwsAlg::Rs256 | JwsAlg::Ps256 | JwsAlg::Es256 | JwsAlg::Es256k => Some(HashAlg::Sha256),
            JwsAlg::Hs384 | JwsAlg::Rs384 | JwsAlg::Ps384 | JwsAlg::Es384 => Some(HashAlg::Sha384),
            JwsAlg::Hs512 | JwsAlg::Rs512 | JwsAlg::Ps512 | JwsAlg::Es512 => Some(HashAlg::Sha512),
            JwsAlg::EdDsa | JwsAlg::Ed25519 | JwsAlg::Ed448 | JwsAlg::None => None,
            JwsAlg::MlDsa44 | JwsAlg::MlDsa65 | JwsAlg::MlDsa87 => None,
        }
    }

    /// The shortest HMAC secret this algorithm allows, in bytes: the hash output size (RFC
    /// 7518 §3.2); `None` for the others.
    pub const fn min_secret_len(self) -> Option<usize> {
        match (self.scheme(), self.hash()) {
            (Scheme::Hmac, Some(h)) => Some(h.size()),
            _ => None,
        }
    }

    /// What the signature looks like.
    pub const fn signature_size(self) -> SignatureSize {
        match self {
            JwsAlg::Hs256 => SignatureSize::Exact(32),
            JwsAlg::Hs384 => SignatureSize::Exact(48),
            JwsAlg::Hs512 | JwsAlg::Es256 | JwsAlg::Es256k | JwsAlg::EdDsa | JwsAlg::Ed25519 => {
                SignatureSize::Exact(64)
            }
            JwsAlg::Es384 => SignatureSize::Exact(96),
            JwsAlg::Es512 => SignatureSize::Exact(132),
            JwsAlg::Rs256 | JwsAlg::Rs384 | JwsAlg::Rs512 | JwsAlg::Ps256 | JwsAlg::Ps384 | JwsAlg::Ps512 => {
                SignatureSize::RsaModulus
            }
            JwsAlg::None => SignatureSize::Empty,
            JwsAlg::Ed448 => SignatureSize::Exact(114),
            JwsAlg::MlDsa44 => SignatureSize::Exact(const { ML_DSA_44.signature_len() }),
            JwsAlg::MlDsa65 => SignatureSize::Exact(const { ML_DSA_65.signature_len() }),
            JwsAlg::MlDsa87 => SignatureSize::Exact(const { ML_DSA_87.signature_len() }),
        }
    }

    /// Its ML-DSA parameter set (FIPS 204 Table 1), for the three ML-DSA algorithms.
    pub const fn ml_dsa(self) -> Option<MlDsaParameters> {
        match self {
            JwsAlg::MlDsa44 => Some(ML_DSA_44),
            JwsAlg::MlDsa65 => Some(ML_DSA_65),
            JwsAlg::MlDsa87 => Some(ML_DSA_87),
            _ => None,
        }
    }

    /// Whether a signature of `len` bytes has a shape this algorithm can produce, as far as
    /// can be told without the key (an RSA signature's length is the key's). `EdDSA` also
    /// names Ed448, whose signatures have 114 bytes (RFC 8037 §3.1).
    pub const fn signature_len_fits(self, len: usize) -> bool {
        match self.signature_size() {
            SignatureSize::Exact(n) => len == n || (matches!(self, JwsAlg::EdDsa) && len == 114),
            SignatureSize::RsaModulus => true,
            SignatureSize::Empty => len == 0,
        }
    }

    /// The key that checks (or, private, makes) its signatures; `None` for `none`. `EdDSA`
    /// names Ed25519 here, and also accepts Ed448 ([`Self::accepts`]).
    pub const fn key_type(self) -> Option<KeyType> {
        Some(match self.scheme() {
            Scheme::Hmac => KeyType::Oct,
            Scheme::RsaPkcs1 | Scheme::RsaPss => KeyType::Rsa,
            Scheme::Ecdsa => KeyType::Ec(match self {
                JwsAlg::Es384 => Curve::P384,
                JwsAlg::Es512 => Curve::P521,
                JwsAlg::Es256k => Curve::Secp256k1,
                _ => Curve::P256,
            }),
            Scheme::EdDsa if matches!(self, JwsAlg::Ed448) => KeyType::Okp(Curve::Ed448),
            Scheme::EdDsa => KeyType::Okp(Curve::Ed25519),
            Scheme::MlDsa => KeyType::Akp(self),
            Scheme::Unsecured => return None,
        })
    }

    /// Whether a key of this type checks (or, private, makes) its signatures: the table's
    /// key type, and for `EdDSA` (RFC 8037 §3.1) an Ed448 key as well, the key deciding
    /// the curve. `Ed25519` and `Ed448` (RFC 9864) take their own curve only.
    pub fn accepts(self, key: KeyType) -> bool {
        self.key_type() == Some(key) || (self == JwsAlg::EdDsa && key == KeyType::Okp(Curve::Ed448))
    }

    /// The key it needs to verify, as the verdict says it: "an EC P-256 public key".
    pub const fn verifying_key(self) -> &'static str {
        match self.key_type() {
            Some(KeyType::Oct) => "the shared HMAC secret",
            Some(KeyType::Rsa) => "an RSA public key",
            Some(KeyType::Ec(Curve::P384)) => "an EC P-384 public key",
            Some(KeyType::Ec(Curve::P521)) => "an EC P-521 public key",
            Some(KeyType::Ec(Curve::Secp256k1)) => "an EC secp256k1 public key",
            Some(KeyType::Ec(_)) => "an EC P-256 public key",
            Some(KeyType::Okp(Curve::Ed448)) => "an Ed448 public key",
            Some(KeyType::Okp(_)) if matches!(self, JwsAlg::EdDsa) => "an Ed25519 or Ed448 public key",
            Some(KeyType::Okp(_)) => "an Ed25519 public key",
            Some(KeyType::Akp(JwsAlg::MlDsa44)) => "an ML-DSA-44 public key (AKP)",
            Some(KeyType::Akp(JwsAlg::MlDsa87)) => "an ML-DSA-87 public key (AKP)",
            Some(KeyType::Akp(_)) => "an ML-DSA-65 public key (AKP)",
            None => "no key",
        }
    }

    /// WebCrypto's parameters where the verifier worker hands the final check to the
    /// browser: RSA and NIST-curve ECDSA. HMAC, ES256K (WebCrypto has no secp256k1) and
    /// EdDSA (WebCrypto's Ed25519 is less strict than `verify_strict`) stay in the core.
    pub const fn webcrypto(self) -> Option<WebCrypto> {
        let Some(hash) = self.hash() else { return None };
        match (self.scheme(), self.key_type()) {
            (Scheme::RsaPkcs1, _) => {
                Some(WebCrypto { name: "RSASSA-PKCS1-v1_5", hash, named_curve: None, salt_length: None })
            }
            // The salt is as long as the hash (RFC 7518 §3.5).
            (Scheme::RsaPss, _) => {
                Some(WebCrypto { name: "RSA-PSS", hash, named_curve: None, salt_length: Some(hash.size()) })
            }
            (Scheme::Ecdsa, Some(KeyType::Ec(c @ (Curve::P256 | Curve::P384 | Curve::P521)))) => {
                Some(WebCrypto { name: "ECDSA", hash, named_curve: Some(c), salt_length: None })
            }
            _ => None,
        }
    }
}

impl std::fmt::Display for JwsAlg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Whether a name is `none` in some other spelling, which some libraries once accepted.
pub fn is_none_variant(name: &str) -> bool {
    name != "none" && name.eq_ignore_ascii_case("none")
}

/// Whether a name is `none` in any spelling: where the shape of a token is judged (an empty
/// signature is the normal shape of all of them), not whether it verifies.
pub fn is_none_any_case(name: &str) -> bool {
    name.eq_ignore_ascii_case("none")
}

/// How a JWE key management algorithm gets the content encryption key (RFC 7518 §4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyFamily {
    /// The content key encrypted to an RSA key: `RSA1_5`, `RSA-OAEP`, `RSA-OAEP-256`.
    RsaEncryption,
    /// The content key wrapped with AES key wrap (RFC 3394) under a shared key.
    AesKeyWrap,
    /// The shared key is the content key (`dir`).
    Direct,
    /// Key agreement: the content key derived from ECDH-ES (`ECDH-ES`).
    EcdhEs,
    /// Key agreement, then AES key wrap with the derived key (`ECDH-ES+A128KW`…).
    EcdhEsKeyWrap,
    /// The content key encrypted with AES-GCM under a shared key (`A128GCMKW`…).
    AesGcmKeyWrap,
    /// A key derived from a password by PBKDF2, then AES key wrap (`PBES2-…`).
    Pbes2,
}

/// A JWE key management algorithm (the `alg` of a JWE, RFC 7518 §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyManagement {
    Rsa1_5,
    RsaOaep,
    RsaOaep256,
    A128Kw,
    A192Kw,
    A256Kw,
    Dir,
    EcdhEs,
    EcdhEsA128Kw,
    EcdhEsA192Kw,
    EcdhEsA256Kw,
    A128GcmKw,
    A192GcmKw,
    A256GcmKw,
    Pbes2Hs256A128Kw,
    Pbes2Hs384A192Kw,
    Pbes2Hs512A256Kw,
}

impl KeyManagement {
    /// Every key management algorithm the tool knows, in display order: those the encoder
    /// offers first (the `Key management` select, [`Self::encrypts`]),
    /// then `RSA1_5`, only decrypted.
    pub const ALL: [KeyManagement; 17] = [
        KeyManagement::RsaOaep,
        KeyManagement::RsaOaep256,
        KeyManagement::A128Kw,
        KeyManagement::A192Kw,
        KeyManagement::A256Kw,
        KeyManagement::Dir,
        KeyManagement::EcdhEs,
        KeyManagement::EcdhEsA128Kw,
        KeyManagement::EcdhEsA192Kw,
        KeyManagement::EcdhEsA256Kw,
        KeyManagement::A128GcmKw,
        KeyManagement::A192GcmKw,
        KeyManagement::A256GcmKw,
        KeyManagement::Pbes2Hs256A128Kw,
        KeyManagement::Pbes2Hs384A192Kw,
        KeyManagement::Pbes2Hs512A256Kw,
        KeyManagement::Rsa1_5,
    ];

    /// The algorithm of this exact, case-sensitive name (RFC 7516 §4.1.1).
    pub fn parse(name: &str) -> Option<KeyManagement> {
        KeyManagement::ALL.into_iter().find(|a| a.name() == name)
    }

    /// The registered name (`RSA-OAEP-256`, `ECDH-ES+A128KW`, `PBES2-HS256+A128KW`).
    pub const fn name(self) -> &'static str {
        match self {
            KeyManagement::Rsa1_5 => "RSA1_5",
            KeyManagement::RsaOaep => "RSA-OAEP",
            KeyManagement::RsaOaep256 => "RSA-OAEP-256",
            KeyManagement::A128Kw => "A128KW",
            KeyManagement::A192Kw => "A192KW",
            KeyManagement::A256Kw => "A256KW",
            KeyManagement::Dir => "dir",
            KeyManagement::EcdhEs => "ECDH-ES",
            KeyManagement::EcdhEsA128Kw => "ECDH-ES+A128KW",
            KeyManagement::EcdhEsA192Kw => "ECDH-ES+A192KW",
            KeyManagement::EcdhEsA256Kw => "ECDH-ES+A256KW",
            KeyManagement::A128GcmKw => "A128GCMKW",
            KeyManagement::A192GcmKw => "A192GCMKW",
            KeyManagement::A256GcmKw => "A256GCMKW",
            KeyManagement::Pbes2Hs256A128Kw => "PBES2-HS256+A128KW",
            KeyManagement::Pbes2Hs384A192Kw => "PBES2-HS384+A192KW",
            KeyManagement::Pbes2Hs512A256Kw => "PBES2-HS512+A256KW",
        }
    }

    /// How it gets the content key.
    pub const fn family(self) -> KeyFamily {
        match self {
            KeyManagement::Rsa1_5 | KeyManagement::RsaOaep | KeyManagement::RsaOaep256 => KeyFamily::RsaEncryption,
            KeyManagement::A128Kw | KeyManagement::A192Kw | KeyManagement::A256Kw => KeyFamily::AesKeyWrap,
            KeyManagement::Dir => KeyFamily::Direct,
            KeyManagement::EcdhEs => KeyFamily::EcdhEs,
            KeyManagement::EcdhEsA128Kw | KeyManagement::EcdhEsA192Kw | KeyManagement::EcdhEsA256Kw => {
                KeyFamily::EcdhEsKeyWrap
            }
            KeyManagement::A128GcmKw | KeyManagement::A192GcmKw | KeyManagement::A256GcmKw => KeyFamily::AesGcmKeyWrap,
            KeyManagement::Pbes2Hs256A128Kw | KeyManagement::Pbes2Hs384A192Kw | KeyManagement::Pbes2Hs512A256Kw => {
                KeyFamily::Pbes2
            }
        }
    }

    /// The size in bytes of the key-encryption key that wraps the content key: for AES
    /// key wrap, AES-GCM key wrap, ECDH-ES with key wrap and PBES2 (from the `A128`/`A192`/
    /// `A256` part; `PBES2-HS256+A128KW`'s `HS256` says nothing about it). `None` for RSA,
    /// `dir` and `ECDH-ES`, whose key sizes are the key's or the content encryption's.
    pub const fn wrap_key_len(self) -> Option<usize> {
        match self {
            KeyManagement::A128Kw
            | KeyManagement::EcdhEsA128Kw
            | KeyManagement::A128GcmKw
            | KeyManagement::Pbes2Hs256A128Kw => Some(16),
            KeyManagement::A192Kw
            | KeyManagement::EcdhEsA192Kw
            | KeyManagement::A192GcmKw
            | KeyManagement::Pbes2Hs384A192Kw => Some(24),
            KeyManagement::A256Kw
            | KeyManagement::EcdhEsA256Kw
            | KeyManagement::A256GcmKw
            | KeyManagement::Pbes2Hs512A256Kw => Some(32),
            KeyManagement::Rsa1_5 | KeyManagement::RsaOaep | KeyManagement::RsaOaep256 => None,
            KeyManagement::Dir | KeyManagement::EcdhEs => None,
        }
    }

    /// The hash inside: OAEP's (RFC 7518 §4.3) or PBES2's PBKDF2 HMAC (§4.8).
    pub const fn hash(self) -> Option<HashAlg> {
        match self {
            KeyManagement::RsaOaep => Some(HashAlg::Sha1),
            KeyManagement::RsaOaep256 | KeyManagement::Pbes2Hs256A128Kw => Some(HashAlg::Sha256),
            KeyManagement::Pbes2Hs384A192Kw => Some(HashAlg::Sha384),
            KeyManagement::Pbes2Hs512A256Kw => Some(HashAlg::Sha512),
            _ => None,
        }
    }

    /// Whether the key it needs is a shared secret or password (`oct`), not a key pair.
    pub const fn needs_secret(self) -> bool {
        matches!(self.family(), KeyFamily::AesKeyWrap | KeyFamily::Direct | KeyFamily::AesGcmKeyWrap | KeyFamily::Pbes2)
    }

    /// Whether the encoder encrypts with it: all but `RSA1_5`, which is deprecated and
    /// vulnerable (RFC 8725 §3.2) and only decrypted.
    pub const fn encrypts(self) -> bool {
        !self.is_deprecated()
    }

    /// Whether its use is warned about (`deprecated-alg`): `RSA1_5`, open to padding
    /// oracles (RFC 8725 §3.2).
    pub const fn is_deprecated(self) -> bool {
        matches!(self, KeyManagement::Rsa1_5)
    }
}

impl std::fmt::Display for KeyManagement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// How a content encryption algorithm protects the content (RFC 7518 §5.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContentFamily {
    /// AES-CBC with HMAC-SHA-2, encrypt-then-MAC (RFC 7518 §5.2).
    AesCbcHmac,
    /// AES-GCM (RFC 7518 §5.3).
    AesGcm,
}

/// A JWE content encryption algorithm (the `enc` of a JWE, RFC 7518 §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContentEncryption {
    A128Gcm,
    A192Gcm,
    A256Gcm,
    A128CbcHs256,
    A192CbcHs384,
    A256CbcHs512,
}

impl ContentEncryption {
    /// Every content encryption algorithm the tool knows, in display order.
    pub const ALL: [ContentEncryption; 6] = [
        ContentEncryption::A128Gcm,
        ContentEncryption::A192Gcm,
        ContentEncryption::A256Gcm,
        ContentEncryption::A128CbcHs256,
        ContentEncryption::A192CbcHs384,
        ContentEncryption::A256CbcHs512,
    ];

    /// The algorithm of this exact, case-sensitive name (RFC 7516 §4.1.2).
    pub fn parse(name: &str) -> Option<ContentEncryption> {
        ContentEncryption::ALL.into_iter().find(|e| e.name() == name)
    }

    /// The registered name (`A256GCM`, `A128CBC-HS256`).
    pub const fn name(self) -> &'static str {
        match self {
            ContentEncryption::A128Gcm => "A128GCM",
            ContentEncryption::A192Gcm => "A192GCM",
            ContentEncryption::A256Gcm => "A256GCM",
            ContentEncryption::A128CbcHs256 => "A128CBC-HS256",
            ContentEncryption::A192CbcHs384 => "A192CBC-HS384",
            ContentEncryption::A256CbcHs512 => "A256CBC-HS512",
        }
    }

    /// How it protects the content.
    pub const fn family(self) -> ContentFamily {
        match self {
            ContentEncryption::A128Gcm | ContentEncryption::A192Gcm | ContentEncryption::A256Gcm => {
                ContentFamily::AesGcm
            }
            _ => ContentFamily::AesCbcHmac,
        }
    }

    /// The AES key size in bytes: 16, 24 or 32.
    pub const fn aes_key_len(self) -> usize {
        match self {
            ContentEncryption::A128Gcm | ContentEncryption::A128CbcHs256 => 16,
            ContentEncryption::A192Gcm | ContentEncryption::A192CbcHs384 => 24,
            ContentEncryption::A256Gcm | ContentEncryption::A256CbcHs512 => 32,
        }
    }

    /// The content encryption key's size in bytes: the AES key, and for AES-CBC-HMAC an
    /// HMAC key of the same size before it (RFC 7518 §5.2.2.1).
    pub const fn key_len(self) -> usize {
        match self.family() {
            ContentFamily::AesGcm => self.aes_key_len(),
            ContentFamily::AesCbcHmac => 2 * self.aes_key_len(),
        }
    }

    /// The IV's size in bytes: 96 bits for GCM, one AES block for CBC.
    pub const fn iv_len(self) -> usize {
        match self.family() {
            ContentFamily::AesGcm => 12,
            ContentFamily::AesCbcHmac => 16,
        }
    }

    /// The authentication tag's size in bytes: 128 bits for GCM; for AES-CBC-HMAC the HMAC
    /// truncated to the AES key's size (RFC 7518 §5.2.2.1).
    pub const fn tag_len(self) -> usize {
        match self.family() {
            ContentFamily::AesGcm => 16,
            ContentFamily::AesCbcHmac => self.aes_key_len(),
        }
    }

    /// The HMAC's hash, for AES-CBC-HMAC.
    pub const fn hash(self) -> Option<HashAlg> {
        match self {
            ContentEncryption::A128CbcHs256 => Some(HashAlg::Sha256),
            ContentEncryption::A192CbcHs384 => Some(HashAlg::Sha384),
            ContentEncryption::A256CbcHs512 => Some(HashAlg::Sha512),
            _ => None,
        }
    }
}

impl std::fmt::Display for ContentEncryption {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_parses_and_prints_back() {
        for a in JwsAlg::ALL {
            assert_eq!(JwsAlg::parse(a.name()), Some(a));
            assert_eq!(a.to_string(), a.name());
        }
        for a in KeyManagement::ALL {
            assert_eq!(KeyManagement::parse(a.name()), Some(a));
            assert_eq!(a.to_string(), a.name());
        }
        for e in ContentEncryption::ALL {
            assert_eq!(ContentEncryption::parse(e.name()), Some(e));
            assert_eq!(e.to_string(), e.name());
        }
        // Each list names each algorithm once.
        let names: Vec<&str> = JwsAlg::ALL
            .iter()
            .map(|a| a.name())
            .chain(KeyManagement::ALL.iter().map(|a| a.name()))
            .chain(ContentEncryption::ALL.iter().map(|e| e.name()))
            .collect();
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "{names:?}");
    }

    #[test]
    fn unknown_and_wrong_case_names_do_not_parse() {
        for name in [
            "",
            "hs256",
            "Hs256",
            "HS256 ",
            " HS256",
            "HS1",
            "NONE",
            "None",
            "nOnE",
            "eddsa",
            "EDDSA",
            "ed25519",
            "ed448",
            "ED448",
            "ES256k",
            "es256k",
            "RS256\0",
            "ml-dsa-65",
            "ML-DSA-65 ",
            "MLDSA65",
            "ML-DSA",
            "ML-DSA-128",
            "HS256\u{200b}",
        ] {
            assert_eq!(JwsAlg::parse(name), None, "{name:?}");
        }
        for name in ["", "rsa-oaep", "Dir", "DIR", "a128kw", "ECDH-ES+a128kw", "pbes2-hs256+a128kw", "RSA-OAEP-384"] {
            assert_eq!(KeyManagement::parse(name), None, "{name:?}");
        }
        for name in ["", "a128gcm", "A128CBC-hs256", "A128CBC", "A512GCM"] {
            assert_eq!(ContentEncryption::parse(name), None, "{name:?}");
        }
        // The three namespaces are apart: a JWE `enc` is not a JWS `alg`.
        assert_eq!(JwsAlg::parse("A128GCM"), None);
        assert_eq!(KeyManagement::parse("HS256"), None);
    }

    #[test]
    fn none_spellings() {
        assert!(!is_none_variant("none") && is_none_variant("NONE") && is_none_variant("nOnE"));
        assert!(!is_none_variant("HS256") && !is_none_variant("non"));
        assert!(is_none_any_case("none") && is_none_any_case("None") && !is_none_any_case("nonE1"));
    }

    #[test]
    fn sizes_agree_with_hashes_and_curves() {
        for a in JwsAlg::ALL {
            match (a.scheme(), a.signature_size(), a.hash(), a.key_type()) {
                (Scheme::Hmac, SignatureSize::Exact(n), Some(h), Some(KeyType::Oct)) => {
                    assert_eq!((n, a.min_secret_len()), (h.size(), Some(h.size())), "{a}");
                }
                (Scheme::Ecdsa, SignatureSize::Exact(n), Some(_), Some(KeyType::Ec(c))) => {
                    let scalar = match c {
                        Curve::P521 => 66,
                        Curve::P384 => 48,
                        _ => 32,
                    };
                    assert_eq!(n, 2 * scalar, "{a}");
                }
                (Scheme::RsaPkcs1 | Scheme::RsaPss, SignatureSize::RsaModulus, Some(_), Some(KeyType::Rsa)) => {}
                (Scheme::EdDsa, SignatureSize::Exact(64), None, Some(KeyType::Okp(Curve::Ed25519))) => {}
                (Scheme::EdDsa, SignatureSize::Exact(114), None, Some(KeyType::Okp(Curve::Ed448))) => {}
                // FIPS 204 Table 2: λ/4 + ℓ·32·(1 + bitlen(γ1 − 1)) + ω + k bytes.
                (Scheme::MlDsa, SignatureSize::Exact(n), None, Some(KeyType::Akp(bound))) => {
                    assert_eq!(bound, a, "{a}");
                    let (lambda, l, gamma1_bits, omega, k) = match a {
                        JwsAlg::MlDsa44 => (128, 4, 18, 80, 4),
                        JwsAlg::MlDsa65 => (192, 5, 20, 55, 6),
                        _ => (256, 7, 20, 75, 8),
                    };
                    assert_eq!(n, lambda / 4 + l * 32 * gamma1_bits + omega + k, "{a}");
                }
                (Scheme::Unsecured, SignatureSize::Empty, None, None) => {}
                other => panic!("{a}: {other:?}"),
            }
            assert_eq!(a.min_secret_len().is_some(), a.is_hmac(), "{a}");
        }
        assert!(JwsAlg::EdDsa.signature_len_fits(114) && !JwsAlg::Ed25519.signature_len_fits(114));
        assert!(JwsAlg::Ed448.signature_len_fits(114) && !JwsAlg::Ed448.signature_len_fits(64));
        // EdDSA takes an Ed25519 or an Ed448 key (RFC 8037); the fully-specified names their own.
        let (ed25519, ed448) = (KeyType::Okp(Curve::Ed25519), KeyType::Okp(Curve::Ed448));
        assert!(JwsAlg::EdDsa.accepts(ed25519) && JwsAlg::EdDsa.accepts(ed448));
        assert!(JwsAlg::Ed25519.accepts(ed25519) && !JwsAlg::Ed25519.accepts(ed448));
        assert!(JwsAlg::Ed448.accepts(ed448) && !JwsAlg::Ed448.accepts(ed25519));
        assert!(!JwsAlg::EdDsa.accepts(KeyType::Okp(Curve::X25519)) && !JwsAlg::None.accepts(KeyType::Oct));
        for a in JwsAlg::ALL {
            assert_eq!(a.key_type().is_some_and(|k| a.accepts(k)), a.key_type().is_some(), "{a}");
        }
        assert!(JwsAlg::Es256.signature_len_fits(64) && !JwsAlg::Es256.signature_len_fits(70));
        assert!(JwsAlg::None.signature_len_fits(0) && !JwsAlg::None.signature_len_fits(1));
        assert!(JwsAlg::Rs256.signature_len_fits(512));
        for k in KeyManagement::ALL {
            let wraps = matches!(
                k.family(),
                KeyFamily::AesKeyWrap | KeyFamily::AesGcmKeyWrap | KeyFamily::EcdhEsKeyWrap | KeyFamily::Pbes2
            );
            assert_eq!(k.wrap_key_len().is_some(), wraps, "{k}");
            // The key-wrap size is the name's AES size, after any `+`.
            if let Some(n) = k.wrap_key_len() {
                let aes = k.name().rsplit('+').next().unwrap_or_default();
                assert!(aes.starts_with(&format!("A{}", n * 8)), "{k}");
            }
        }
        for e in ContentEncryption::ALL {
            assert!(e.name().starts_with(&format!("A{}", e.aes_key_len() * 8)), "{e}");
            if let Some(h) = e.hash() {
                assert_eq!((e.key_len(), e.tag_len()), (h.size(), h.size() / 2), "{e}");
            }
        }
    }

    #[test]
    fn the_encoder_lists() {
        let names: Vec<&str> = JwsAlg::SIGNING.iter().map(|a| a.name()).collect();
        assert_eq!(
            names,
            [
                "HS256",
                "HS384",
                "HS512",
                "RS256",
                "RS384",
                "RS512",
                "PS256",
                "PS384",
                "PS512",
                "ES256",
                "ES384",
                "ES512",
                "ES256K",
                "EdDSA",
                "Ed25519",
                "Ed448",
                "ML-DSA-44",
                "ML-DSA-65",
                "ML-DSA-87"
            ]
        );
        assert!(!JwsAlg::SIGNING.contains(&JwsAlg::None));
        let encrypts: Vec<&str> = KeyManagement::ALL.iter().filter(|k| k.encrypts()).map(|k| k.name()).collect();
        assert_eq!(
            encrypts,
            [
                "RSA-OAEP",
                "RSA-OAEP-256",
                "A128KW",
                "A192KW",
                "A256KW",
                "dir",
                "ECDH-ES",
                "ECDH-ES+A128KW",
                "ECDH-ES+A192KW",
                "ECDH-ES+A256KW",
                "A128GCMKW",
                "A192GCMKW",
                "A256GCMKW",
                "PBES2-HS256+A128KW",
                "PBES2-HS384+A192KW",
                "PBES2-HS512+A256KW"
            ]
        );
        let encs: Vec<&str> = ContentEncryption::ALL.iter().map(|e| e.name()).collect();
        assert_eq!(encs, ["A128GCM", "A192GCM", "A256GCM", "A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512"]);
    }

    #[test]
    fn webcrypto_parameters() {
        let w =
            |a: JwsAlg| a.webcrypto().map(|w| (w.name, w.hash.name(), w.named_curve.map(Curve::name), w.salt_length));
        assert_eq!(w(JwsAlg::Rs384), Some(("RSASSA-PKCS1-v1_5", "SHA-384", None, None)));
        assert_eq!(w(JwsAlg::Ps512), Some(("RSA-PSS", "SHA-512", None, Some(64))));
        assert_eq!(w(JwsAlg::Es256), Some(("ECDSA", "SHA-256", Some("P-256"), None)));
        assert_eq!(w(JwsAlg::Es512), Some(("ECDSA", "SHA-512", Some("P-521"), None)));
        for a in [
            JwsAlg::Hs256,
            JwsAlg::Es256k,
            JwsAlg::EdDsa,
            JwsAlg::Ed25519,
            JwsAlg::None,
            JwsAlg::MlDsa65,
            JwsAlg::Ed448,
        ] {
            assert_eq!(a.webcrypto(), None, "{a}");
        }
    }
}
