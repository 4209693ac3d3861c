//! SD-JWT processing (RFC 9901: disclosures, digests at every depth, the JSON
//! serialization) and key binding: never a panic, the disclosed payload is always JSON, each
//! disclosure's path points into it, and every problem has its stable code.
#![no_main]
use jwt_lens::jwt::{self, json, sd};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let r = sd::process(&text);
    if let Some(payload) = &r.payload {
        assert!(json::parse(payload).is_ok(), "the disclosed payload is not JSON: {payload}");
    }
    for d in &r.disclosures {
        if let Some(path) = &d.path {
            assert!(r.payload.is_some() && path.starts_with('/'), "a path without a payload: {path}");
        }
    }
    for p in &r.problems {
        assert!(sd::SdProblemCode::parse(&p.code).is_some(), "unknown code {}", p.code);
        assert!(p.disclosure.is_none_or(|i| i < r.disclosures.len()), "{p:?} points past the disclosures");
    }
    for now in [0, 1_700_000_000, i64::MAX] {
        let _ = jwt::profile::kb::check(&text, now, jwt::jws::verify::verify);
    }
});
