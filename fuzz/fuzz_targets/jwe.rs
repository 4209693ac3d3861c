//! JWE parsing and decryption (compact and JSON) with fixed keys of every kind that needs
//! no slow RSA operation: a shared secret, a P-256 key, an X25519 key and a JWKS of them.
#![no_main]
use jwt_lens::jwt::jwe;
use jwt_lens::jwt::verdict::{SecretEncoding, Verdict};
use libfuzzer_sys::fuzz_target;

const KEYS: [&str; 3] = [
    "0123456789abcdef0123456789abcdef",
    r#"{"kty":"EC","crv":"P-256","x":"gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0","y":"SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps","d":"0_NxaRPUMQoAJt50Gz8YiTr8gRTwyEaCumd-MToTmIo"}"#,
    r#"{"keys":[{"kty":"OKP","crv":"X25519","kid":"x","x":"3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08","d":"XasIfmJKikt54X-Lg4AO5m87sSkmGLb9HC-LJ_-I4Os"},{"kty":"oct","kid":"k","k":"GawgguFyGrWKav7AX4VKUg"}]}"#,
];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = jwe::parse(&text);
    for key in KEYS {
        let d = jwe::decrypt(&text, &jwe::parse_keys(key, SecretEncoding::Utf8));
        // A plaintext only ever comes with the verdict that says it decrypted.
        assert_eq!(d.plaintext.is_some(), d.outcome.verdict == Verdict::Decrypted);
    }
});
