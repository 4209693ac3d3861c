//! Key parsing: secrets in every encoding, PEM (SPKI, PKCS#1, X.509, PKCS#8, SEC1), DER
//! inside PEM, JWK and JWKS, for verification, signing, decryption, encryption and export;
//! key text as people paste it (keytext: PEM after text, bare base64 and hex DER, DER
//! inside text). Checks the rule too: text read as a secret never holds a key, and bytes
//! that are DER of a key, written as base64 or hex, alone or inside text, are never a secret.
#![no_main]
use jwt_lens::jwt::verdict::SecretEncoding;
use jwt_lens::jwt::{jwe, jwk::keygen, jwk, jwk::pasted, jws::sign};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for e in SecretEncoding::ALL {
        let _ = jwk::parse(&text, e);
    }
    let _ = pasted::unwrap(&text);
    let _ = pasted::find_der(&text);
    for e in SecretEncoding::ALL {
        if let Ok(set) = jwk::parse(&text, e)
            && set.keys.iter().any(|k| matches!(k.material, jwk::Material::Secret(_)))
            && !text.contains("\"kty\"")
        {
            assert_eq!(pasted::not_a_secret(&text, None), None, "a secret that holds a key: {text:?}");
        }
    }
    // DER of a key, however written, is never a secret.
    if data.len() >= pasted::MIN_KEY_DER && pasted::der_kind(data).is_some() {
        let b64 = jwt_lens::jwt::base64url::encode(data);
        let hex: String = data.iter().map(|b| format!("{b:02x}")).collect();
        for form in [b64.clone(), format!("key: {b64} (prod)"), hex] {
            for e in SecretEncoding::ALL {
                if let Ok(set) = jwk::parse(&form, e) {
                    assert!(
                        set.keys.iter().all(|k| !matches!(k.material, jwk::Material::Secret(_))),
                        "DER read as a secret: {form:?}"
                    );
                }
            }
        }
    }
    let _ = sign::parse_signer(&text, SecretEncoding::Utf8);
    let _ = jwe::parse_keys(&text, SecretEncoding::Utf8);
    // Raw bytes as the body of a PEM block: the DER parsers see arbitrary input.
    for label in ["PUBLIC KEY", "PRIVATE KEY", "CERTIFICATE", "EC PRIVATE KEY", "RSA PRIVATE KEY", "RSA PUBLIC KEY"] {
        let pem = format!(
            "-----BEGIN {label}-----\n{}\n-----END {label}-----",
            jwt_lens::jwt::base64url::encode(data).replace('-', "+").replace('_', "/")
        );
        let _ = jwk::parse(&pem, SecretEncoding::Utf8);
        let _ = sign::parse_signer(&pem, SecretEncoding::Utf8);
    }
    if data.len() < 512 {
        let _ = keygen::convert(&text, SecretEncoding::Utf8);
    }
});
