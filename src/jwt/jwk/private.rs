//! Private keys: what signs a JWS or decrypts a JWE, and the public key each holds.

use super::PublicKey;

/// A private key. Its secret parts are wiped when dropped (each crate zeroizes its own).
pub enum PrivateKey {
    Rsa(Box<rsa::PrivateKey>),
    P256(p256::ecdsa::SigningKey),
    P384(p384::ecdsa::SigningKey),
    P521(p521::ecdsa::SigningKey),
    Secp256k1(k256::ecdsa::SigningKey),
    Ed25519(ed25519_dalek::SigningKey),
    /// An X25519 private key (RFC 8037): it cannot sign, only decrypt JWE (`ECDH-ES`).
    X25519(x25519_dalek::StaticSecret),
    /// An Ed448 private key (RFC 8032 §5.2.5): its 57-byte seed, expanded; the crate wipes it.
    Ed448(Box<ed448_goldilocks::SigningKey>),
    /// An ML-DSA private key (FIPS 204), held as the crate's key made from its seed.
    MlDsa(super::mldsa::MlDsaPrivateKey),
}

impl PrivateKey {
    /// The public key of this private key.
    pub fn public(&self) -> PublicKey {
        match self {
            PrivateKey::Rsa(k) => PublicKey::Rsa(k.to_public_key()),
            PrivateKey::P256(k) => PublicKey::P256(*k.verifying_key()),
            PrivateKey::P384(k) => PublicKey::P384(*k.verifying_key()),
            PrivateKey::P521(k) => PublicKey::P521(*k.verifying_key()),
            PrivateKey::Secp256k1(k) => PublicKey::Secp256k1(*k.verifying_key()),
            PrivateKey::Ed25519(k) => PublicKey::Ed25519(k.verifying_key()),
            PrivateKey::X25519(k) => PublicKey::X25519(x25519_dalek::PublicKey::from(k)),
            PrivateKey::Ed448(k) => PublicKey::Ed448(k.verifying_key()),
            PrivateKey::MlDsa(k) => PublicKey::MlDsa(k.public()),
        }
    }

    /// What the key is, with its article: "an RSA private key".
    pub fn kind(&self) -> &'static str {
        match self {
            PrivateKey::Rsa(_) => "an RSA private key",
            PrivateKey::P256(_) => "an EC P-256 private key",
            PrivateKey::P384(_) => "an EC P-384 private key",
            PrivateKey::P521(_) => "an EC P-521 private key",
            PrivateKey::Secp256k1(_) => "an EC secp256k1 private key",
            PrivateKey::Ed25519(_) => "an Ed25519 private key",
            PrivateKey::X25519(_) => "an X25519 private key",
            PrivateKey::Ed448(_) => "an Ed448 private key",
            PrivateKey::MlDsa(k) => k.kind(),
        }
    }
}

/// The Ed448 private key of a 57-byte seed (RFC 8032 §5.2.5), `None` for another length;
/// the seed's copy made here is wiped (the key itself is wiped by the crate when dropped).
pub(crate) fn ed448_from_seed(seed: &[u8]) -> Option<PrivateKey> {
    let mut bytes = ed448_goldilocks::SecretKey::default();
    if seed.len() != bytes.len() {
        return None;
    }
    bytes.copy_from_slice(seed);
    let key = ed448_goldilocks::SigningKey::from(&bytes);
    zeroize::Zeroize::zeroize(bytes.as_mut_slice());
    Some(PrivateKey::Ed448(Box::new(key)))
}

impl Clone for PrivateKey {
    fn clone(&self) -> Self {
        match self {
            PrivateKey::Rsa(k) => PrivateKey::Rsa(k.clone()),
            PrivateKey::P256(k) => PrivateKey::P256(k.clone()),
            PrivateKey::P384(k) => PrivateKey::P384(k.clone()),
            PrivateKey::P521(k) => PrivateKey::P521(k.clone()),
            PrivateKey::Secp256k1(k) => PrivateKey::Secp256k1(k.clone()),
            PrivateKey::Ed25519(k) => PrivateKey::Ed25519(k.clone()),
            PrivateKey::X25519(k) => PrivateKey::X25519(k.clone()),
            PrivateKey::Ed448(k) => PrivateKey::Ed448(k.clone()),
            PrivateKey::MlDsa(k) => PrivateKey::MlDsa(k.clone()),
        }
    }
}

/// Two private keys are equal when their public keys are (a private key determines its
/// public key, and no comparison of secret parts is needed).
impl PartialEq for PrivateKey {
    fn eq(&self, other: &Self) -> bool {
        self.public() == other.public()
    }
}

impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PrivateKey({}, redacted)", self.kind())
    }
}
