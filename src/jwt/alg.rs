//! Algorithm names (RFC 7518 §3, §4, §5; RFC 8037 §3.1; RFC 8812 §3.2) and what the
//! decoder can tell from them without a key. Names are case-sensitive (RFC 7515 §4.1.1).

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

/// A JWS algorithm the tool knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JwsAlg {
    pub name: &'static str,
    pub family: &'static str,
    pub signature: SignatureSize,
}

/// Every registered JWS algorithm the tool knows, in display order.
pub const JWS_ALGS: &[JwsAlg] = &[
    JwsAlg { name: "HS256", family: "HMAC with SHA-256", signature: SignatureSize::Exact(32) },
    JwsAlg { name: "HS384", family: "HMAC with SHA-384", signature: SignatureSize::Exact(48) },
    JwsAlg { name: "HS512", family: "HMAC with SHA-512", signature: SignatureSize::Exact(64) },
    JwsAlg { name: "RS256", family: "RSASSA-PKCS1-v1_5 with SHA-256", signature: SignatureSize::RsaModulus },
    JwsAlg { name: "RS384", family: "RSASSA-PKCS1-v1_5 with SHA-384", signature: SignatureSize::RsaModulus },
    JwsAlg { name: "RS512", family: "RSASSA-PKCS1-v1_5 with SHA-512", signature: SignatureSize::RsaModulus },
    JwsAlg { name: "PS256", family: "RSASSA-PSS with SHA-256", signature: SignatureSize::RsaModulus },
    JwsAlg { name: "PS384", family: "RSASSA-PSS with SHA-384", signature: SignatureSize::RsaModulus },
    JwsAlg { name: "PS512", family: "RSASSA-PSS with SHA-512", signature: SignatureSize::RsaModulus },
    JwsAlg { name: "ES256", family: "ECDSA with P-256 and SHA-256", signature: SignatureSize::Exact(64) },
    JwsAlg { name: "ES384", family: "ECDSA with P-384 and SHA-384", signature: SignatureSize::Exact(96) },
    JwsAlg { name: "ES512", family: "ECDSA with P-521 and SHA-512", signature: SignatureSize::Exact(132) },
    JwsAlg { name: "ES256K", family: "ECDSA with secp256k1 and SHA-256", signature: SignatureSize::Exact(64) },
    JwsAlg {
        name: "EdDSA",
        family: "EdDSA (Ed25519: 64 bytes, Ed448: 114 bytes)",
        signature: SignatureSize::Exact(64),
    },
    JwsAlg { name: "none", family: "no signature (unsecured JWS)", signature: SignatureSize::Empty },
];

/// Looks a JWS algorithm up by its exact, case-sensitive name.
pub fn jws_alg(name: &str) -> Option<&'static JwsAlg> {
    JWS_ALGS.iter().find(|a| a.name == name)
}

/// Whether a name is `none` in some other spelling, which some libraries once accepted.
pub fn is_none_variant(name: &str) -> bool {
    name != "none" && name.eq_ignore_ascii_case("none")
}
