//! Property tests (proptest): base64url round trips, sign → verify and encrypt → decrypt
//! round trips over generated headers, claims and plaintexts, SD-JWTs that disclose exactly
//! their disclosures (made by hand, and issued and presented by `sd_issue`), and decoding
//! that never panics on generated or mutated tokens.

use jwt_lens::jwt::protocol::Request;
use jwt_lens::jwt::protocol::SignRequest;
use jwt_lens::jwt::verdict::{SecretEncoding, Verdict};
use jwt_lens::jwt::{self, base64url, jwe, jws::sign, service};
use proptest::prelude::*;

/// Keys for every signing family, made once (openssl-free: the core's own generator).
fn keys() -> &'static [(&'static str, String)] {
    use std::sync::OnceLock;
    static KEYS: OnceLock<Vec<(&'static str, String)>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut out = vec![("HS256", "a-property-test-secret-32-bytes!".to_string())];
        for (alg, kind) in [("ES256", "p-256"), ("ES256K", "secp256k1"), ("EdDSA", "ed25519")] {
            let b = jwt::jwk::keygen::generate(kind).expect("keygen");
            out.push((alg, b.private_jwk.expect("private JWK")));
        }
        out
    })
}

fn json_string() -> impl Strategy<Value = String> {
    // Any Unicode, quotes, backslashes and controls included: the JSON writer must escape.
    any::<String>().prop_map(|s| jwt::json::quote(&s))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn base64url_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let text = base64url::encode(&bytes);
        prop_assert!(!text.contains('=') && !text.contains('+') && !text.contains('/'));
        prop_assert_eq!(base64url::decode_strict(&text).ok(), Some(bytes.clone()));
        prop_assert_eq!(base64url::decode_lenient(&text).0, Some(bytes));
    }

    #[test]
    fn strict_base64url_refuses_what_it_would_not_write(text in "[A-Za-z0-9_=+/ -]{0,64}") {
        if let Ok(bytes) = base64url::decode_strict(&text) {
            prop_assert_eq!(base64url::encode(&bytes), text);
        }
    }

    /// The page's number reader (no float tables) agrees with Rust's exact parser: to the
    /// bit on up to 15 significant digits with an exponent within ±22 and on integers below
    /// 2^128, and within 16 units in the last place on any other JSON number.
    #[test]
    fn small_number_reader_agrees_with_rusts_parser(
        minus in any::<bool>(),
        int in "(0|[1-9][0-9]{0,24})",
        frac in proptest::option::of("[0-9]{1,24}"),
        exp in proptest::option::of((any::<bool>(), 0u32..330)),
    ) {
        let mut text = format!("{}{int}", if minus { "-" } else { "" });
        if let Some(f) = &frac {
            text.push('.');
            text.push_str(f);
        }
        if let Some((neg, e)) = exp {
            text.push_str(&format!("e{}{e}", if neg { "-" } else { "+" }));
        }
        let want: f64 = text.parse().unwrap();
        let got = jwt::json::number::small(&text);
        let digits = format!("{int}{}", frac.as_deref().unwrap_or("")).trim_start_matches('0').trim_end_matches('0').len();
        let e10 = exp.map_or(0, |(neg, e)| if neg { -i64::from(e) } else { i64::from(e) }) - frac.as_ref().map_or(0, |f| f.len() as i64);
        if digits <= 15 && (-22..=22).contains(&e10) || frac.is_none() && exp.is_none() {
            prop_assert_eq!(got.to_bits(), want.to_bits(), "{}", text);
        } else {
            let ulps = (got.to_bits() as i64 - want.to_bits() as i64).unsigned_abs();
            prop_assert!(ulps <= 16 || (got - want).abs() <= f64::MIN_POSITIVE, "{}: {} vs {} ({} ulps)", text, got, want, ulps);
        }
    }

    #[test]
    fn decode_never_panics(text in any::<String>()) {
        let d = jwt::decode(&text);
        let _ = jwt::lint(&d, 1_700_000_000);
    }

    #[test]
    fn signed_tokens_verify_and_altered_ones_do_not(
        which in 0usize..4,
        kid in json_string(),
        sub in json_string(),
        extra in proptest::collection::vec((json_string(), any::<i64>()), 0..4),
        flip in any::<usize>(),
    ) {
        let (alg, key) = &keys()[which];
        let members: Vec<String> = extra.iter().map(|(k, v)| format!("{k}:{v}")).collect();
        let payload = format!("{{\"sub\":{sub}{}{}}}", if members.is_empty() { "" } else { "," }, members.join(","));
        let report = sign::answer(&SignRequest {
            id: 1,
            header: format!("{{\"alg\":\"{alg}\",\"kid\":{kid}}}"),
            payload,
            alg: alg.to_string(),
            key: key.clone(),
            encoding: SecretEncoding::Utf8,
            exact: true,
            deterministic: false,
        });
        let token = report.token.expect("signs");
        let verify_key = report.verify_key.expect("a key to verify with");
        let ask = |t: &str| service::verify(&Request { id: 1, token: t.into(), key: verify_key.clone(), ..Request::default() }).outcome.verdict;
        prop_assert_eq!(ask(&token), Verdict::Verified);
        // One character of the payload segment changed: never verified.
        let dots: Vec<usize> = token.match_indices('.').map(|(i, _)| i).collect();
        let (start, end) = (dots[0] + 1, dots[1]);
        let at = start + flip % (end - start);
        let mut bytes = token.clone().into_bytes();
        bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
        let altered = String::from_utf8(bytes).expect("ascii");
        prop_assert_ne!(ask(&altered), Verdict::Verified);
    }

    #[test]
    fn encrypted_tokens_decrypt_to_their_plaintext(
        plaintext in proptest::collection::vec(any::<u8>(), 0..2048),
        alg in prop_oneof![Just("dir"), Just("A128KW"), Just("A256GCMKW")],
        enc in prop_oneof![Just("A128GCM"), Just("A256GCM"), Just("A128CBC-HS256")],
        zip in any::<bool>(),
    ) {
        let key = match (alg, enc) {
            ("dir", "A128GCM") => "0123456789abcdef",
            ("dir", _) | ("A256GCMKW", _) => "0123456789abcdef0123456789abcdef",
            _ => "0123456789abcdef",
        };
        // Text only: the encoder encrypts what is typed.
        let text = String::from_utf8_lossy(&plaintext).into_owned();
        let e = jwe::Encryption { plaintext: text.as_bytes(), alg, enc, key, encoding: SecretEncoding::Utf8, cty: None, zip };
        let token = jwe::encrypt(&e).expect("encrypts");
        let d = jwe::decrypt(&token, &jwe::parse_keys(key, SecretEncoding::Utf8));
        prop_assert_eq!(d.outcome.verdict, Verdict::Decrypted);
        prop_assert_eq!(d.plaintext, Some(text.into_bytes()));
    }
}

/// An SD-JWT of generated claims: each claim (`c0`, `c1`, …, with a generated string value)
/// is plain, or selectively disclosable and then disclosed or not; each element of a list
/// likewise; some decoys. Returns the SD-JWT and the payload a verifier must see.
fn sd_jwt_of(claims: &[(String, u8)], list: &[(i64, u8)], decoys: usize) -> (String, serde_json::Value) {
    let digest = |d: &str| jwt::sd::SdAlg::Sha256.digest(d);
    let (mut members, mut sd, mut items, mut disclosures) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut expected = serde_json::Map::new();
    let mut shown = Vec::new();
    for (i, (value, how)) in claims.iter().enumerate() {
        let name = format!("c{i}");
        let quoted = jwt::json::quote(value);
        match how % 3 {
            0 => members.push(format!("\"{name}\":{quoted}")),
            n => {
                let d = base64url::encode(format!("[\"salt{i}\", \"{name}\", {quoted}]").as_bytes());
                sd.push(format!("\"{}\"", digest(&d)));
                if n == 1 {
                    disclosures.push(d);
                } else {
                    continue;
                }
            }
        }
        expected.insert(name, serde_json::Value::String(value.clone()));
    }
    for (i, (value, how)) in list.iter().enumerate() {
        match how % 3 {
            0 => items.push(value.to_string()),
            n => {
                let d = base64url::encode(format!("[\"el{i}\", {value}]").as_bytes());
                items.push(format!("{{\"...\":\"{}\"}}", digest(&d)));
                if n == 1 {
                    disclosures.push(d);
                } else {
                    continue;
                }
            }
        }
        shown.push(serde_json::Value::from(*value));
    }
    for i in 0..decoys {
        sd.push(format!("\"{}\"", digest(&format!("decoy{i}"))));
    }
    members.push(format!("\"_sd\":[{}]", sd.join(",")));
    members.push(format!("\"list\":[{}]", items.join(",")));
    expected.insert("list".into(), serde_json::Value::Array(shown));
    let payload = format!("{{{}}}", members.join(","));
    let mut text = format!("eyJhbGciOiJFUzI1NiJ9.{}.c2ln~", base64url::encode(payload.as_bytes()));
    for d in &disclosures {
        text.push_str(d);
        text.push('~');
    }
    (text, serde_json::Value::Object(expected))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// What is disclosed is exactly what a verifier sees (RFC 9901 §7.1), whatever the
    /// values, and the undisclosed digests are counted.
    #[test]
    fn sd_jwt_discloses_exactly_its_disclosures(
        claims in proptest::collection::vec((any::<String>(), any::<u8>()), 0..12),
        list in proptest::collection::vec((any::<i64>(), any::<u8>()), 0..8),
        decoys in 0usize..4,
    ) {
        let (text, expected) = sd_jwt_of(&claims, &list, decoys);
        let r = jwt::sd::process(&text);
        prop_assert_eq!(r.problems.len(), 0, "{:?}", r.problems);
        let got: serde_json::Value = serde_json::from_str(r.payload.as_deref().unwrap_or_default()).expect("JSON");
        prop_assert_eq!(got, expected);
        let hidden = claims.iter().filter(|(_, h)| h % 3 == 2).count() + list.iter().filter(|(_, h)| h % 3 == 2).count();
        prop_assert_eq!(r.decoys, hidden + decoys);
    }

    #[test]
    fn sd_process_never_panics(text in "[A-Za-z0-9_.~{}\\[\\]\":,-]{0,300}") {
        let r = jwt::sd::process(&text);
        if let Some(p) = &r.payload {
            prop_assert!(jwt::json::parse(p).is_ok());
        }
        let _ = jwt::profile::kb::check(&text, 1_700_000_000, jwt::jws::verify::verify);
    }
}

/// A generated JSON value for issuance: scalars (strings of any text), and objects and
/// arrays of them two levels deep. Member names are any text without duplicates (SD-JWT's
/// reserved `_sd` and `...` left out).
fn issue_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value as J;
    let name = any::<String>().prop_filter("reserved", |n| n != "_sd" && n != "..." && n != "_sd_alg");
    let leaf = prop_oneof![
        any::<String>().prop_map(J::String),
        any::<i32>().prop_map(J::from),
        any::<bool>().prop_map(J::Bool),
        Just(J::Null),
    ];
    leaf.prop_recursive(2, 16, 4, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(J::Array),
            proptest::collection::btree_map(name.clone(), inner, 0..4).prop_map(|m| J::Object(m.into_iter().collect())),
        ]
    })
}

/// Every JSON Pointer (RFC 6901) below `v` (not `v` itself), parents before children.
fn pointers_in(v: &serde_json::Value, at: &str, out: &mut Vec<String>) {
    let escape = |t: &str| t.replace('~', "~0").replace('/', "~1");
    let children: Vec<(String, &serde_json::Value)> = match v {
        serde_json::Value::Object(m) => m.iter().map(|(k, x)| (format!("{at}/{}", escape(k)), x)).collect(),
        serde_json::Value::Array(a) => a.iter().enumerate().map(|(i, x)| (format!("{at}/{i}"), x)).collect(),
        _ => Vec::new(),
    };
    for (p, x) in children {
        out.push(p.clone());
        pointers_in(x, &p, out);
    }
}

/// `v` as a verifier sees it when the selectors `selected` were made disclosable and only
/// `kept` (with their parents) were presented: every selected member or element not kept is
/// gone, with what it holds.
fn seen(v: &serde_json::Value, at: &str, selected: &[String], kept: &[String]) -> serde_json::Value {
    use serde_json::Value as J;
    let escape = |t: &str| t.replace('~', "~0").replace('/', "~1");
    let shown =
        |p: &str| !selected.iter().any(|s| s == p) || kept.iter().any(|k| k == p || k.starts_with(&format!("{p}/")));
    match v {
        J::Object(m) => J::Object(
            m.iter()
                .filter_map(|(k, x)| {
                    let p = format!("{at}/{}", escape(k));
                    shown(&p).then(|| (k.clone(), seen(x, &p, selected, kept)))
                })
                .collect(),
        ),
        J::Array(a) => J::Array(
            a.iter()
                .enumerate()
                .filter_map(|(i, x)| {
                    let p = format!("{at}/{i}");
                    shown(&p).then(|| seen(x, &p, selected, kept))
                })
                .collect(),
        ),
        x => x.clone(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Issued here (`sd_issue`), any selection of claims and elements at any depth, with
    /// decoys; presented with any part of its disclosures: `sd::process` gives exactly what
    /// was kept (with the parents `present` adds), and counts the rest as hidden digests.
    #[test]
    fn issued_sd_jwts_disclose_exactly_what_is_presented(
        payload in proptest::collection::btree_map(
            any::<String>().prop_filter("reserved", |n| n != "_sd" && n != "..." && n != "_sd_alg" && n != "cnf"),
            issue_value(),
            0..6,
        ),
        pick in any::<u64>(),
        keep in any::<u64>(),
        decoys in 0usize..6,
    ) {
        use jwt::sd_issue::{IssueRequest, issue, present};
        let original = serde_json::Value::Object(payload.into_iter().collect());
        let mut all = Vec::new();
        pointers_in(&original, "", &mut all);
        let selected: Vec<String> = all.iter().enumerate().filter(|(i, _)| pick >> (i % 64) & 1 == 1).map(|(_, p)| p.clone()).collect();
        let text = original.to_string();
        let issued = issue(&IssueRequest {
            header: r#"{"alg":"HS256"}"#,
            payload: &text,
            disclose: &selected,
            decoys,
            sd_alg: jwt::sd::SdAlg::Sha384,
            holder_key: None,
            key: "a-property-test-secret-32-bytes!",
            encoding: SecretEncoding::Utf8,
            alg: "HS256",
        });
        let issued = issued.map_err(|e| TestCaseError::fail(format!("{e}")))?;
        let asked: Vec<usize> = (0..issued.disclosures.len()).filter(|i| keep >> (i % 64) & 1 == 1).collect();
        let presented = present(&issued.sd_jwt, &asked, None).map_err(|e| TestCaseError::fail(format!("{e}")))?;
        let kept: Vec<String> = presented.kept.iter().map(|&i| issued.disclosures[i].pointer.clone()).collect();
        let r = jwt::sd::process(&presented.text);
        prop_assert_eq!(r.problems.len(), 0, "{:?}", r.problems);
        let got: serde_json::Value = serde_json::from_str(r.payload.as_deref().unwrap_or_default()).expect("JSON");
        prop_assert_eq!(got, seen(&original, "", &selected, &kept));
    }
}
