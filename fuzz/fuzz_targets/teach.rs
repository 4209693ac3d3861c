//! What the teaching and workflow panels do with a pasted token: byte links both ways, the
//! tamper demo, claims checks, share links and the diff. Never a panic; every link stays
//! inside the token and the part; a tampered token still decodes.
#![no_main]
use jwt_lens::jwt::{self, Part, diff, teach::link, share, claims::validate, teach::tamper};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks positions; the rest is the pasted text.
    let (pick, rest) = data.split_first().map_or((0, data), |(p, r)| (*p as usize, r));
    let text = String::from_utf8_lossy(rest);
    let d = jwt::decode(&text);
    let len = d.input.token.len();
    for exact in [false, true] {
        for at in [pick % (len + 1), len.saturating_sub(1), pick * 7 % (len + 2)] {
            if let Some(l) = link::from_token(&d, at, exact) {
                assert!(l.chars.end <= len && l.chars.start < l.chars.end, "chars {:?} of {len}", l.chars);
                assert!(l.bytes.start < l.bytes.end);
            }
        }
        for part in [Part::Header, Part::Payload] {
            let r = pick % 40..pick % 40 + pick % 13;
            if let Some(l) = link::from_shown(&d, part, r, exact) {
                assert!(l.chars.end <= len, "chars {:?} of {len}", l.chars);
            }
        }
    }
    if let Some(t) = tamper::tamper(&text) {
        assert_ne!(t.token, d.input.token);
        assert!(jwt::decode(&t.token).problems.is_empty() || !d.problems.is_empty());
    }
    let e = validate::Expectations {
        now: pick as i64 * 1_000_000_000,
        leeway: pick as i64 - 100,
        iss: Some("a".into()),
        aud: Some("b".into()),
        sub: Some(String::new()),
        required: validate::parse_required(&text[..boundary(&text, 64)]),
    };
    let _ = validate::validate(d.claims(), &e);
    let _ = validate::parse_time(&text);
    for mode in share::ShareMode::ALL {
        if let Ok(f) = share::share_fragment(&text, mode) {
            assert!(f.starts_with("#token="));
        }
    }
    let other = jwt::decode(&text[boundary(&text, text.len() / 2)..]);
    let _ = diff::diff(&d, &other);
});

/// The largest char boundary of `s` at or below `i`.
fn boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
