//! Secrets: HMAC keys, `dir` and key-wrap secrets, PBES2 passwords. [`secret_bytes`] is the
//! one road from pasted text to secret bytes, and refuses text that is a key or certificate.

use std::fmt;

use zeroize::Zeroizing;

use super::KeyError;
use crate::jwt::base64url;
use crate::jwt::verdict::SecretEncoding;

/// A secret. Its bytes are wiped when dropped and never printed.
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

/// The one road from pasted text to secret bytes (HMAC keys, `dir` and key-wrap secrets,
/// PBES2 passwords). Text that is, contains or decodes to a key or certificate is refused
/// ([`KeyError::NotASecret`]: [`super::pasted::not_a_secret`]), and so is a secret of no
/// bytes ([`KeyError::EmptySecret`]).
pub fn secret_bytes(text: &str, encoding: SecretEncoding) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    if let Some(what) = super::pasted::not_a_secret(text, None) {
        return Err(KeyError::NotASecret { what });
    }
    let bytes = decode_secret(text, encoding)?;
    if bytes.is_empty() {
        return Err(KeyError::EmptySecret);
    }
    if encoding != SecretEncoding::Utf8
        && let Some(what) = super::pasted::not_a_secret("", Some(&bytes))
    {
        return Err(KeyError::NotASecret { what: format!("{what} once decoded from {}", encoding.label()) });
    }
    Ok(bytes)
}

/// The secret of an `oct` JWK, under the rules of [`secret_bytes`]: never empty, never the
/// DER of a key or certificate.
pub(crate) fn oct_secret(k: Vec<u8>) -> Result<Secret, KeyError> {
    let k = Zeroizing::new(k);
    if k.is_empty() {
        return Err(KeyError::EmptyJwkSecret);
    }
    if let Some(what) = super::pasted::not_a_secret("", Some(&k)) {
        return Err(KeyError::NotASecret { what: format!("(the JWK's \"k\") {what}") });
    }
    Ok(Secret(k))
}

/// Decodes a secret as its encoding says. UTF-8 secrets are taken byte for byte, spaces
/// and line breaks included; base64 and hex ignore whitespace.
pub(crate) fn decode_secret(text: &str, encoding: SecretEncoding) -> Result<Zeroizing<Vec<u8>>, KeyError> {
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
                    Err(KeyError::SecretNotBase64 { why })
                }
            }
        }
        SecretEncoding::Hex => {
            let compact: Zeroizing<String> =
                Zeroizing::new(text.chars().filter(|c| !c.is_ascii_whitespace()).collect());
            let digits = compact.strip_prefix("0x").unwrap_or(&compact);
            if let Some((i, c)) = digits.char_indices().find(|(_, c)| !c.is_ascii_hexdigit()) {
                return Err(KeyError::SecretNotHex { character: base64url::char_name(c), position: i + 1 });
            }
            if digits.len() % 2 == 1 {
                return Err(KeyError::SecretOddHex { digits: digits.len() });
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
