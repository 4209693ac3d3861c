//! The kinds of key the encoder generates (`keygen::generate`): the value its select sends
//! and the label it shows. No cryptography: the page lists them.

/// A kind of key the encoder generates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    Hmac256,
    Hmac384,
    Hmac512,
    Rsa2048,
    Rsa3072,
    Rsa4096,
    P256,
    P384,
    P521,
    Secp256k1,
    Ed25519,
    Ed448,
    /// ML-DSA (FIPS 204) keys, each for its one algorithm (RFC 9964).
    MlDsa44,
    MlDsa65,
    MlDsa87,
}

impl KeyKind {
    /// Every kind, in the order the encoder offers them.
    pub const ALL: [KeyKind; 15] = [
        KeyKind::Hmac256,
        KeyKind::Hmac384,
        KeyKind::Hmac512,
        KeyKind::Rsa2048,
        KeyKind::Rsa3072,
        KeyKind::Rsa4096,
        KeyKind::P256,
        KeyKind::P384,
        KeyKind::P521,
        KeyKind::Secp256k1,
        KeyKind::Ed25519,
        KeyKind::Ed448,
        KeyKind::MlDsa44,
        KeyKind::MlDsa65,
        KeyKind::MlDsa87,
    ];

    /// The kind's name in a keys question and the select's value: `rsa-2048`, `p-256`, …
    pub fn name(self) -> &'static str {
        match self {
            KeyKind::Hmac256 => "hmac-256",
            KeyKind::Hmac384 => "hmac-384",
            KeyKind::Hmac512 => "hmac-512",
            KeyKind::Rsa2048 => "rsa-2048",
            KeyKind::Rsa3072 => "rsa-3072",
            KeyKind::Rsa4096 => "rsa-4096",
            KeyKind::P256 => "p-256",
            KeyKind::P384 => "p-384",
            KeyKind::P521 => "p-521",
            KeyKind::Secp256k1 => "secp256k1",
            KeyKind::Ed25519 => "ed25519",
            KeyKind::Ed448 => "ed448",
            KeyKind::MlDsa44 => "ml-dsa-44",
            KeyKind::MlDsa65 => "ml-dsa-65",
            KeyKind::MlDsa87 => "ml-dsa-87",
        }
    }

    /// What the encoder's select shows.
    pub fn label(self) -> &'static str {
        match self {
            KeyKind::Hmac256 => "HMAC secret, 256 bits",
            KeyKind::Hmac384 => "HMAC secret, 384 bits",
            KeyKind::Hmac512 => "HMAC secret, 512 bits",
            KeyKind::Rsa2048 => "RSA 2048",
            KeyKind::Rsa3072 => "RSA 3072",
            KeyKind::Rsa4096 => "RSA 4096 (slow: tens of seconds)",
            KeyKind::P256 => "EC P-256",
            KeyKind::P384 => "EC P-384",
            KeyKind::P521 => "EC P-521",
            KeyKind::Secp256k1 => "EC secp256k1",
            KeyKind::Ed25519 => "Ed25519",
            KeyKind::Ed448 => "Ed448",
            KeyKind::MlDsa44 => "ML-DSA-44 (post-quantum)",
            KeyKind::MlDsa65 => "ML-DSA-65 (post-quantum)",
            KeyKind::MlDsa87 => "ML-DSA-87 (post-quantum)",
        }
    }

    /// The kind of that exact name.
    pub fn parse(name: &str) -> Option<KeyKind> {
        KeyKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::KeyKind;

    #[test]
    fn names_read_back() {
        for k in KeyKind::ALL.into_iter() {
            assert_eq!(KeyKind::parse(k.name()), Some(k));
        }
        assert_eq!(KeyKind::parse("RSA-2048"), None);
        assert_eq!(KeyKind::parse(""), None);
    }
}
