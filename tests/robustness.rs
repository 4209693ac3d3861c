//! Fuzz-like property tests: no input makes the core panic, and what it reports stays
//! consistent. A small deterministic generator keeps the run reproducible and fast;
//! `cargo fuzz` targets come with the hardening work.

use jwt_lens::jwt::{self, base64url, json};

/// SplitMix64: tiny, deterministic, good enough to shake inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Characters that matter to the decoder, plus a few that should never matter.
const ALPHABET: &[char] = &[
    'e', 'y', 'J', 'A', 'z', '0', '9', '-', '_', '.', '.', '=', '+', '/', ' ', '\n', '\r', '"', '\'', '{', '}', '[',
    ']', ':', ',', '\\', 'é', '😀', '\u{200B}', '\u{202E}', '\0', 'B', 'e', 'a', 'r',
];

fn seeds() -> Vec<String> {
    let e = |s: &str| base64url::encode(s.as_bytes());
    vec![
        // RFC 7515 Appendix A.1.
        "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk".into(),
        format!("{}.{}.", e(r#"{"alg":"none"}"#), e(r#"{"exp":1e400,"iat":-1e300,"nbf":1700000000000}"#)),
        format!("{}.AAAA.AAAA.AAAA.AAAA", e(r#"{"alg":"RSA1_5","enc":"A128GCM","crit":["zip"]}"#)),
        format!("{}.$02.c2ln", e(r#"{"alg":"HS256","b64":false,"crit":["b64"],"kid":"../x"}"#)),
        format!("Bearer {}.{}.c2ln", e(r#"{"alg":"HS256","jku":"https://x"}"#), e(r#"[[[[{"a":"\ud800"}]]]]"#)),
    ]
}

fn check(input: &str) {
    let decoded = jwt::decode(input);
    let chars = decoded.input.token.chars().count();
    for p in &decoded.problems {
        if let Some(c) = p.location.token_char {
            assert!(c <= chars, "{p} points past the token ({chars} chars) for {input:?}");
        }
        assert!(!p.to_string().is_empty());
    }
    for seg in &decoded.segments {
        assert!(
            decoded.input.token.get(seg.range.clone()).is_some(),
            "segment range off a char boundary for {input:?}"
        );
    }
    for now in [i64::MIN, 0, 1_700_000_000, i64::MAX] {
        let _ = jwt::lint(&decoded, now);
    }
    if let Some(claims) = decoded.claims() {
        let _ = jwt::claims::validity(claims, 0).summary(i64::MAX);
    }
    // The token's profile and its checks, the input as its own companion too.
    let _ = jwt::profile::recognise(&decoded);
    let now = [i64::MIN, 1_700_000_000, i64::MAX][input.len() % 3];
    let i = jwt::profile::inspect(input, input, now, jwt::jws::verify::verify);
    assert!(i.checks.iter().all(|c| !c.id.is_empty() && !c.message.is_empty()));
}

#[test]
fn random_strings_never_panic() {
    let mut rng = Rng(1);
    for _ in 0..20_000 {
        let len = rng.below(80);
        let s: String = (0..len).map(|_| ALPHABET[rng.below(ALPHABET.len())]).collect();
        check(&s);
        let _ = json::parse(&s);
        let _ = base64url::decode_lenient(&s);
    }
}

#[test]
fn mutated_tokens_never_panic() {
    let mut rng = Rng(2);
    for seed in seeds() {
        check(&seed);
        for _ in 0..5_000 {
            let mut chars: Vec<char> = seed.chars().collect();
            for _ in 0..=rng.below(4) {
                let at = rng.below(chars.len() + 1);
                match rng.below(3) {
                    0 if at < chars.len() => {
                        chars.remove(at);
                    }
                    1 if at < chars.len() => chars[at] = ALPHABET[rng.below(ALPHABET.len())],
                    _ => chars.insert(at, ALPHABET[rng.below(ALPHABET.len())]),
                }
            }
            check(&chars.into_iter().collect::<String>());
        }
    }
}

#[test]
fn mutated_json_inside_valid_base64_never_panics() {
    // Mutate the decoded JSON rather than the base64, so the JSON reader and lint see
    // every odd structure rather than mostly base64 errors.
    let mut rng = Rng(3);
    let bodies = [
        r#"{"alg":"HS256","typ":"JWT","kid":"k","crit":["b64"],"b64":false}"#,
        r#"{"exp":1300819380,"iat":1e3,"nbf":-5,"aud":["a","b"],"x":{"y":[true,null,0.5e-3]}}"#,
        // Profiles: a DPoP proof's header and claims, an ID token, a logout token, an SD-JWT VC.
        r#"{"typ":"dpop+jwt","alg":"EdDSA","jwk":{"kty":"OKP","crv":"Ed25519","x":"Gb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE"}}"#,
        r#"{"jti":"j","htm":"GET","htu":"https://rs/r","iat":1700000000,"ath":"x","cnf":{"jkt":"t"}}"#,
        r#"{"iss":"i","sub":"s","aud":["a","b"],"exp":1,"iat":1,"nonce":"n","azp":"a","at_hash":"h","c_hash":"c"}"#,
        r#"{"iss":"i","aud":"a","iat":1,"jti":"j","sid":"s","events":{"http://schemas.openid.net/event/backchannel-logout":{}}}"#,
        r#"{"typ":"dc+sd-jwt","vct":"v","iss":"i","cnf":{"jwk":{}},"status":{"status_list":{"idx":1,"uri":"u"}},"_sd":["x"]}"#,
    ];
    for body in bodies {
        for _ in 0..5_000 {
            let mut bytes = body.as_bytes().to_vec();
            for _ in 0..=rng.below(3) {
                let at = rng.below(bytes.len());
                const PIECES: &[u8] = b"{}[]\",:\\0123456789eE+-.tfn \xff\xc3";
                bytes[at] = PIECES[rng.below(PIECES.len())];
            }
            let seg = base64url::encode(&bytes);
            check(&format!("{seg}.{seg}.{seg}"));
            if let Ok(text) = std::str::from_utf8(&bytes)
                && let Ok(doc) = json::parse(text)
            {
                let _ = json::pretty(text, &doc.root);
            }
        }
    }
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let deep = "[".repeat(100_000);
    let token = format!("{}.{}.c2ln", base64url::encode(deep.as_bytes()), base64url::encode(deep.as_bytes()));
    let d = jwt::decode(&token);
    let codes: Vec<&str> = d.problems.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(codes, ["header-json", "payload-json"]);
    assert!(d.problems[0].message.contains("nested deeper than 128 levels"));
}

/// JWE decryption never panics and never yields a plaintext for a mutated token: every
/// vector JWE, with one character changed, removed or inserted at a random place, goes
/// through `jwe::decrypt` with its own key.
#[test]
fn mutated_jwe_never_panics_nor_decrypts() {
    use jwt_lens::jwt::json::Node;
    use jwt_lens::jwt::jwe;
    use jwt_lens::jwt::verdict::{SecretEncoding, Verdict};
    let mut cases = Vec::new();
    for file in ["rfc.jsonl", "cookbook.jsonl"] {
        let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
        for line in std::fs::read_to_string(path).expect("vectors").lines().filter(|l| !l.is_empty()) {
            let doc = json::parse(line).expect("record");
            if doc.root.get("kind").and_then(Node::as_str) != Some("jwe") {
                continue;
            }
            let token = doc.root.get("token").and_then(Node::as_str).unwrap_or_default().to_string();
            let key = doc.root.get("key").map(|k| line[k.span.clone()].to_string()).unwrap_or_default();
            cases.push((token, key));
        }
    }
    assert!(cases.len() >= 15, "{} JWE vectors", cases.len());
    let mut rng = Rng(7);
    let alphabet: Vec<char> = "AQgw_-.eyJ0=+/ ".chars().collect();
    let mut runs = 0;
    for (token, key) in &cases {
        let keys = jwe::parse_keys(key, SecretEncoding::Utf8);
        // RSA keys make each attempt slow in a debug build: fewer mutations for those.
        let n = if key.contains("\"RSA\"") { 6 } else { 40 };
        for _ in 0..n {
            let mut chars: Vec<char> = token.chars().collect();
            let at = rng.below(chars.len());
            match rng.below(3) {
                0 => chars[at] = alphabet[rng.below(alphabet.len())],
                1 => {
                    chars.remove(at);
                }
                _ => chars.insert(at, alphabet[rng.below(alphabet.len())]),
            }
            let mutated: String = chars.into_iter().collect();
            if mutated.trim() == token.as_str() {
                continue;
            }
            let d = jwe::decrypt(&mutated, &keys);
            // Changing one base64url character can leave the bytes the same only in the
            // unused low bits of the last character, which strict decoding refuses.
            assert_ne!(d.outcome.verdict, Verdict::Decrypted, "{mutated} decrypted");
            runs += 1;
        }
    }
    println!("{runs} mutated JWEs refused");
}

/// Up to 10 MB is read; beyond, the decoder refuses at once with a located message.
#[test]
fn inputs_up_to_ten_megabytes_are_read_and_larger_ones_refused() {
    use jwt_lens::jwt::verdict::{Verdict, preliminary};
    let header = base64url::encode(br#"{"alg":"HS256"}"#);
    let claims = format!("{{\"sub\":\"{}\"}}", "x".repeat(7 * 1024 * 1024));
    let big = format!("{header}.{}.c2ln", base64url::encode(claims.as_bytes()));
    assert!(big.len() < jwt::token::MAX_INPUT_BYTES);
    let d = jwt::decode(&big);
    assert!(d.problems.is_empty(), "{:?}", d.problems);
    assert!(d.claims().is_some());

    let huge = format!("{big}{}", "A".repeat(jwt::token::MAX_INPUT_BYTES));
    let d = jwt::decode(&huge);
    let codes: Vec<&str> = d.problems.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(codes, ["too-large"]);
    assert!(d.problems[0].message.contains("up to 10.0 MB"), "{}", d.problems[0].message);
    assert_eq!(preliminary(&d, false).map(|o| o.verdict), Some(Verdict::Unverified));
    assert_eq!(preliminary(&d, true).map(|o| o.verdict), Some(Verdict::Invalid));
}

/// Secrets never show in `Debug` output, error messages or reports: what a log or a panic
/// message could carry.
#[test]
fn secrets_never_appear_in_debug_output_or_messages() {
    use jwt_lens::jwt::jwk;
    use jwt_lens::jwt::protocol::Request;
    use jwt_lens::jwt::verdict::SecretEncoding;
    let secret = "a-very-secret-value-that-must-not-leak-42";
    let set = jwk::parse(secret, SecretEncoding::Utf8).expect("a secret");
    let debug = format!("{set:?}");
    assert!(!debug.contains(secret) && debug.contains("redacted"), "{debug}");
    // Hex and base64 forms too.
    let hex: String = secret.bytes().map(|b| format!("{b:02x}")).collect();
    assert!(!format!("{:?}", jwk::parse(&hex, SecretEncoding::Hex)).contains(&hex));
    // A verification report (what crosses from the worker to the page) never quotes it.
    let token = format!("{}.{}.c2ln", base64url::encode(br#"{"alg":"HS256"}"#), base64url::encode(b"{}"));
    let report = jwt_lens::jwt::service::answer_json(
        &Request { id: 1, token, key: secret.into(), encoding: SecretEncoding::Utf8, ..Request::default() }.to_json(),
    )
    .expect("answered");
    assert!(!report.contains(secret), "{report}");
}

/// The Encoder's SD-JWT questions, through the worker's entry point as the page writes them:
/// mutated payloads, odd JSON Pointers, any disclosure indexes, mutated SD-JWTs to present
/// (with and without a KB-JWT) are always answered, never a panic, and a refusal is a
/// sentence.
#[test]
fn mutated_sd_jwt_questions_are_answered_never_panic() {
    use jwt_lens::jwt::protocol::{Answer, KbJwtRequest, PresentRequest, SdIssueRequest};
    use jwt_lens::jwt::service::answer_json;
    use jwt_lens::jwt::verdict::SecretEncoding;
    let ask = |question: String| match Answer::from_json(&answer_json(&question).expect("answered")) {
        Ok(Answer::SdIssue(r)) => r.token,
        Ok(Answer::Present(r)) => r.token,
        other => panic!("{other:?}"),
    };
    let refusal_is_a_sentence = |token: &Result<String, jwt_lens::jwt::protocol::Refused>| {
        if let Err(e) = token {
            assert!(e.0.ends_with('.') && e.0.len() > 10, "{e}");
        }
    };
    let holder = r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}"#;
    let issue = SdIssueRequest {
        id: 1,
        header: r#"{"alg":"HS256"}"#.into(),
        payload: r#"{"a":1,"b":[1,{"c":[2,3]}],"d":{"e":"f"}}"#.into(),
        disclose: vec!["/a".into(), "/b/1".into(), "/b/1/c/0".into(), "/d/e".into()],
        decoys: 2,
        sd_alg: "sha-256".into(),
        holder_key: Some(holder.into()),
        alg: "HS256".into(),
        key: "0123456789abcdef0123456789abcdef".into(),
        encoding: SecretEncoding::Utf8,
    };
    let sd_jwt = ask(issue.to_json()).expect("issued");
    let pointers =
        ["", "/", "//", "/~", "/~2", "/a/", "/b/-", "/b/01", "/b/99999999999999999999999", "/b/1/c/0/x", "/é"];
    let mut rng = Rng(16);
    for _ in 0..400 {
        let mut payload: Vec<char> = issue.payload.chars().collect();
        for _ in 0..rng.below(3) {
            let at = rng.below(payload.len());
            payload[at] = ALPHABET[rng.below(ALPHABET.len())];
        }
        let mut disclose = issue.disclose.clone();
        disclose.push(pointers[rng.below(pointers.len())].into());
        let turn = rng.below(disclose.len());
        disclose.rotate_left(turn);
        let req = SdIssueRequest {
            payload: payload.into_iter().collect(),
            disclose,
            decoys: [0, 1, 10_001][rng.below(3)],
            sd_alg: ["sha-256", "sha-512", "SHA-256", ""][rng.below(4)].into(),
            holder_key: [None, Some(holder.into()), Some("{}".into())][rng.below(3)].clone(),
            ..issue.clone()
        };
        refusal_is_a_sentence(&ask(req.to_json()));

        let mut text: Vec<char> = sd_jwt.chars().collect();
        for _ in 0..rng.below(3) {
            let at = rng.below(text.len());
            text[at] = ['~', '.', 'A', '_', '='][rng.below(5)];
        }
        let kb = KbJwtRequest { key: holder.into(), alg: "EdDSA".into(), aud: "v".into(), nonce: "n".into(), iat: 1 };
        let req = PresentRequest {
            id: 2,
            sd_jwt: text.into_iter().collect(),
            keep: vec![rng.below(6), [0, usize::MAX][rng.below(2)]],
            kb: [None, Some(kb.clone()), Some(KbJwtRequest { alg: "HS256".into(), ..kb })][rng.below(3)].clone(),
        };
        refusal_is_a_sentence(&ask(req.to_json()));
    }
}
