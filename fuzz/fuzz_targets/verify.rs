//! The worker's whole verify path with arbitrary tokens and arbitrary keys: the input is
//! split at its first NUL byte into token and key text.
#![no_main]
use jwt_lens::jwt::service;
use jwt_lens::jwt::protocol::{Answer, Request};
use jwt_lens::jwt::verdict::SecretEncoding;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (token, key) = text.split_once('\0').unwrap_or((&text, ""));
    for encoding in SecretEncoding::ALL {
        let req = Request { id: 1, token: token.into(), key: key.into(), encoding, ..Request::default() };
        let answer = service::answer_json(&req.to_json()).expect("a verify request is answered");
        assert!(matches!(Answer::from_json(&answer), Ok(Answer::Verify(_))), "the report reads back");
    }
});
