//! Keys, recognised from whatever is pasted: a secret (UTF-8, base64 or hex), PEM (SPKI or
//! PKCS#1 public keys, X.509 certificates, PKCS#8, PKCS#1 or SEC1 private keys), a JWK or
//! a JWKS. [`read`] is the one reader of key text: it gives each key whole, a [`Secret`], a
//! [`PublicKey`] or a [`PrivateKey`], with its `kid`, `alg`, `use`, `key_ops`, RFC 7638
//! thumbprint and where it came from. Each task selects from what it read: [`parse`] the
//! keys that verify (the public half of a private key), `jws::sign` a secret or private
//! key, `jwe` the keys that decrypt or receive, `keygen` what it exports.
//!
//! A public key is never a secret: [`secret_bytes`] is the one road from text to secret
//! bytes, and refuses key text in every pasted form ([`pasted::not_a_secret`]).
//!
//! [`KeyKind`] (the kinds of key the encoder generates) needs no cryptography; everything
//! else here reads or makes keys, with the `crypto` feature.

#[cfg(feature = "crypto")]
mod error;
#[cfg(feature = "crypto")]
mod json;
#[cfg(feature = "crypto")]
mod key;
#[cfg(feature = "crypto")]
pub mod keygen;
pub mod kinds;
#[cfg(feature = "crypto")]
pub mod mldsa;
#[cfg(feature = "crypto")]
pub mod pasted;
#[cfg(feature = "crypto")]
mod pem;
#[cfg(feature = "crypto")]
mod private;
#[cfg(feature = "crypto")]
mod public;
#[cfg(feature = "crypto")]
mod secret;

#[cfg(feature = "crypto")]
pub use self::key::*;
pub use self::kinds::KeyKind;
