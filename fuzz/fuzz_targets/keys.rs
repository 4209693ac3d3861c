//! Key parsing: secrets in every encoding, PEM (SPKI, PKCS#1, X.509, PKCS#8, SEC1), DER
//! inside PEM, JWK and JWKS, for verification, signing, decryption, encryption and export.
#![no_main]
use jwt_lens::jwt::verdict::SecretEncoding;
use jwt_lens::jwt::{jwe, keygen, keys, sign};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for e in SecretEncoding::ALL {
        let _ = keys::parse(&text, e);
    }
    let _ = sign::parse_signer(&text, SecretEncoding::Utf8);
    let _ = jwe::parse_keys(&text, SecretEncoding::Utf8);
    // Raw bytes as the body of a PEM block: the DER parsers see arbitrary input.
    for label in ["PUBLIC KEY", "PRIVATE KEY", "CERTIFICATE", "EC PRIVATE KEY", "RSA PRIVATE KEY", "RSA PUBLIC KEY"] {
        let pem = format!(
            "-----BEGIN {label}-----\n{}\n-----END {label}-----",
            jwt_lens::jwt::base64url::encode(data).replace('-', "+").replace('_', "/")
        );
        let _ = keys::parse(&pem, SecretEncoding::Utf8);
        let _ = sign::parse_signer(&pem, SecretEncoding::Utf8);
    }
    if data.len() < 512 {
        let _ = keygen::convert(&text, SecretEncoding::Utf8);
    }
});
