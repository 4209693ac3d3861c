//! Token decoding (compact JWS/JWE, the JSON serializations, pasted text with Bearer,
//! cookies, curl…) and linting: never a panic, and every location stays inside the token.
#![no_main]
use jwt_lens::jwt;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let d = jwt::decode(&text);
    let chars = d.input.token.chars().count();
    for p in &d.problems {
        if let Some(c) = p.location.token_char {
            assert!(c <= chars, "{p} points past the token");
        }
        let _ = p.to_string();
    }
    for s in &d.segments {
        assert!(d.input.token.get(s.range.clone()).is_some(), "segment off a char boundary");
    }
    for now in [0, 1_700_000_000, i64::MAX] {
        let _ = jwt::lint(&d, now);
    }
});
