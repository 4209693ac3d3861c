//! Every cost is linear in what was pasted: each decode and verify/decrypt path runs on
//! growing inputs (n, 2n, 4n, 8n) and the test fails if its work grows faster than the
//! input. Work is counted, not timed: a counting global allocator (bytes and number of
//! allocations, per thread, so that tests running side by side do not mix) and the core's
//! own work counters (`limits::Work`: signature checks, bytes checked, key × recipient
//! attempts, PBKDF2 iterations). The per-request caps themselves (`limits`) are checked
//! here too: no request does more than they allow, whatever the token.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use jwt_lens::jwt::base64url::encode;
use jwt_lens::jwt::jwk::{self, SecretEncoding};
use jwt_lens::jwt::{decode, jwe, jws::verify, lint};

struct Counting;

thread_local! {
    static BYTES: Cell<u64> = const { Cell::new(0) };
    static COUNT: Cell<u64> = const { Cell::new(0) };
    /// Bytes allocated and not yet freed (by this thread).
    static LIVE: Cell<i64> = const { Cell::new(0) };
}

fn live(delta: i64) {
    let _ = LIVE.try_with(|l| l.set(l.get().saturating_add(delta)));
}

fn note(bytes: usize) {
    let _ = BYTES.try_with(|b| b.set(b.get().saturating_add(bytes as u64)));
    let _ = COUNT.try_with(|c| c.set(c.get().saturating_add(1)));
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        live(layout.size() as i64);
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        live(layout.size() as i64);
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        live(-(layout.size() as i64));
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(new_size.saturating_sub(layout.size()));
        live(new_size as i64 - layout.size() as i64);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// What one run cost: bytes allocated, allocations, and the core's own work counter.
#[derive(Debug, Clone, Copy)]
struct Cost {
    bytes: u64,
    allocations: u64,
    work: u64,
}

fn measure(f: impl FnOnce() -> u64) -> Cost {
    let (b0, c0) = (BYTES.with(Cell::get), COUNT.with(Cell::get));
    let work = f();
    Cost { bytes: BYTES.with(Cell::get) - b0, allocations: COUNT.with(Cell::get) - c0, work }
}

/// Runs `run` on the inputs `make(n)`, `make(2n)`, `make(4n)`, `make(8n)`; fails if any
/// measure's marginal cost per added input byte from 4n to 8n is more than `SLACK` times
/// what it is from n to 2n (or than its average at n, whichever is more). Linear work gives
/// a ratio of about 1, whatever fixed part the inputs share (a ciphertext, a header);
/// quadratic work gives about 4. (Cost per byte would not do: with a fixed part that costs
/// less per byte than the growing one, it rises towards the growing part's rate even when
/// the work is exactly linear.)
fn linear(name: &str, n: usize, make: impl Fn(usize) -> String, run: impl Fn(&str) -> u64) {
    const SLACK: f64 = 1.6;
    let mut rows = Vec::new();
    for k in [1, 2, 4, 8] {
        let input = make(n * k);
        // Once before measuring: whatever is lazily set up once does not count.
        run(&input);
        let cost = measure(|| run(&input));
        rows.push((input.len(), cost));
    }
    let table: Vec<String> = rows
        .iter()
        .map(|(len, c)| format!("{len} bytes in: {} bytes, {} allocations, work {}", c.bytes, c.allocations, c.work))
        .collect();
    eprintln!("{name}:\n  {}", table.join("\n  "));
    // What is measured, and how to read it from a cost.
    type Measure = (&'static str, fn(&Cost) -> u64);
    let measures: [Measure; 3] =
        [("bytes allocated", |c| c.bytes), ("allocations", |c| c.allocations), ("work", |c| c.work)];
    for (what, of) in measures {
        let at = |i: usize| (rows[i].0 as f64, of(&rows[i].1) as f64);
        let slope = |i: usize, j: usize| (at(j).1 - at(i).1) / (at(j).0 - at(i).0).max(1.0);
        let (low, high) = (slope(0, 1).max(at(0).1 / at(0).0.max(1.0)), slope(2, 3));
        // Tiny counts (a few allocations for a whole input) are constant, not a trend.
        if at(3).1 - at(2).1 < 64.0 {
            continue;
        }
        assert!(
            high <= low * SLACK + 1e-9,
            "{name}: {what} per added input byte grew from {low:.3} (n to 2n) to {high:.3} (4n to 8n), faster than linear:\n  {}",
            table.join("\n  ")
        );
    }
}

/// The check itself: quadratic work (one copy of the input per 64 bytes of it) fails it…
#[test]
#[should_panic(expected = "faster than linear")]
fn the_check_catches_quadratic_work() {
    linear("quadratic", 64, |n| "x".repeat(n * 64), |s| (0..s.len() / 64).map(|_| s.to_string().len() as u64).sum());
}

/// …and linear work behind a large fixed part (the shape of a JWE's recipients beside its
/// ciphertext) passes it.
#[test]
fn the_check_passes_linear_work_with_a_fixed_part() {
    let fixed = "f".repeat(20_000);
    linear(
        "linear with a fixed part",
        8,
        |n| format!("{fixed}{}", "r".repeat(n * 100)),
        |s| {
            let growing = s.trim_start_matches('f');
            let kept: Vec<String> =
                growing.as_bytes().chunks(10).map(|c| String::from_utf8_lossy(c).into_owned()).collect();
            kept.len() as u64
        },
    );
}

const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";

fn hs256(header: &str, payload_b64: &str) -> String {
    let signer = jwt_lens::jwt::jws::sign::Signer::Hmac(jwk::Secret::new(SECRET.to_vec()));
    let input = format!("{}.{payload_b64}", encode(header.as_bytes()));
    let sig =
        jwt_lens::jwt::jws::sign::sign(jwt_lens::jwt::alg::JwsAlg::Hs256, &signer, input.as_bytes()).expect("HS256");
    format!("{input}.{}", encode(&sig))
}

/// A claims set of about `n` kilobytes.
fn claims(n: usize) -> String {
    let members: Vec<String> = (0..n.max(1)).map(|i| format!("\"c{i}\":\"{}\"", "x".repeat(1000))).collect();
    format!("{{{}}}", members.join(","))
}

fn secret() -> Result<jwk::KeySet, jwk::KeyError> {
    jwk::parse(std::str::from_utf8(SECRET).unwrap(), SecretEncoding::Utf8)
}

/// Decoding, linting and verifying a pasted text, as the page and the worker do.
fn decode_and_verify(text: &str) -> u64 {
    let d = decode(text);
    let _ = lint(&d, 1_700_000_000);
    let (_, work) = verify::verify_counted(&d, &secret(), None);
    work.total()
}

#[test]
fn compact_jws_with_a_growing_payload() {
    linear(
        "compact JWS",
        8,
        |n| hs256(r#"{"alg":"HS256","typ":"JWT"}"#, &encode(claims(n).as_bytes())),
        decode_and_verify,
    );
}

/// Ed448 (RFC 8032 §5.2): verifying a compact JWS whose payload grows (SHAKE256 over the
/// message, once), and reading a JWKS of a growing number of Ed448 keys (one point
/// decompression and re-encoding each).
#[test]
fn ed448_jws_and_keys() {
    let bundle = jwt_lens::jwt::jwk::keygen::generate("ed448").expect("an Ed448 key");
    let (private, public) = (bundle.private_jwk.unwrap(), bundle.public_jwk.unwrap());
    let signer = jwt_lens::jwt::jws::sign::parse_signer(&private, SecretEncoding::Utf8).expect("the private JWK");
    let key = jwk::parse(&public, SecretEncoding::Utf8);
    linear(
        "compact Ed448 JWS",
        8,
        |n| {
            let input = format!("{}.{}", encode(br#"{"alg":"Ed448"}"#), encode(claims(n).as_bytes()));
            let sig = jwt_lens::jwt::jws::sign::sign(jwt_lens::jwt::alg::JwsAlg::Ed448, &signer, input.as_bytes())
                .expect("Ed448");
            format!("{input}.{}", encode(&sig))
        },
        |text| {
            let (outcome, work) = verify::verify_counted(&decode(text), &key, None);
            assert_eq!(outcome.verdict.as_str(), "verified", "{}", outcome.message);
            work.total()
        },
    );
    linear(
        "a JWKS of n·10 Ed448 keys",
        8,
        |n| format!("{{\"keys\":[{}]}}", vec![public.as_str(); n * 10].join(",")),
        |text| jwk::parse(text, SecretEncoding::Utf8).map_or(0, |set| set.keys.len() as u64),
    );
}

/// A JWS JSON serialization with `n` signatures over a payload of about `kb` kilobytes,
/// only the first of them good.
fn jws_json(n: usize, kb: usize) -> String {
    let payload = encode(claims(kb).as_bytes());
    let good = hs256(r#"{"alg":"HS256"}"#, &payload);
    let mut parts = good.split('.');
    let (h, _, s) = (parts.next().unwrap(), parts.next(), parts.next().unwrap());
    let mut sigs = vec![format!(r#"{{"protected":"{h}","signature":"{s}"}}"#)];
    for i in 1..n {
        sigs.push(format!(
            r#"{{"protected":"{}","header":{{"kid":"k{i}"}},"signature":"{}"}}"#,
            encode(br#"{"alg":"HS256"}"#),
            encode(&[i as u8; 32])
        ));
    }
    format!(r#"{{"payload":"{payload}","signatures":[{}]}}"#, sigs.join(","))
}

/// Fails on the old decoder, which decoded, parsed and pretty-printed the payload once per
/// signature: its bytes allocated per input byte grew from 62.6 at n to 431.9 at 8n.
#[test]
fn jws_json_with_many_signatures_decodes_the_payload_once() {
    linear(
        "JWS JSON, n signatures over n KB (decode)",
        8,
        |n| jws_json(n, n),
        |t| {
            let d = decode(t);
            let _ = lint(&d, 1_700_000_000);
            0
        },
    );
}

/// Signature checks are capped (`limits::MAX_SIGNATURE_CHECKS`), so however many
/// signatures share the payload, checking them costs at most 64 signing inputs.
#[test]
fn jws_json_with_many_signatures_verifies_in_linear_work() {
    linear("JWS JSON, n signatures over n/8 KB (verify)", 64, |n| jws_json(n, n / 8), decode_and_verify);
}

const DIR_KEY: &str = "0123456789abcdef";

fn dir_jwe(kb: usize) -> String {
    let plaintext = claims(kb);
    let e = jwe::Encryption {
        plaintext: plaintext.as_bytes(),
        alg: "dir",
        enc: "A128GCM",
        key: DIR_KEY,
        encoding: SecretEncoding::Utf8,
        cty: None,
        zip: false,
    };
    jwe::encrypt(&e).expect("encrypt")
}

fn decrypt_with(key: &'static str) -> impl Fn(&str) -> u64 {
    move |t: &str| {
        let d = decode(t);
        let _ = lint(&d, 1_700_000_000);
        let (_, work) = jwe::decrypt_counted(t, &jwe::parse_keys(key, SecretEncoding::Utf8));
        work.total()
    }
}

#[test]
fn compact_jwe_with_a_growing_ciphertext() {
    linear("compact JWE (dir, A128GCM)", 8, dir_jwe, decrypt_with(DIR_KEY));
}

/// A JSON JWE with `n` recipients over about `kb` kilobytes of ciphertext. With `dir`
/// every recipient reaches content decryption: the old decrypter decrypted the whole
/// ciphertext once per recipient (and key).
fn json_jwe(n: usize, kb: usize, recipient: impl Fn(usize) -> String) -> String {
    let t = dir_jwe(kb);
    let p: Vec<&str> = t.split('.').collect();
    let each: Vec<String> = (0..n).map(recipient).collect();
    format!(
        r#"{{"protected":"{}","recipients":[{}],"iv":"{}","ciphertext":"{}","tag":"{}"}}"#,
        encode(br#"{"enc":"A128GCM"}"#),
        each.join(","),
        p[2],
        p[3],
        p[4]
    )
}

#[test]
fn json_jwe_with_many_recipients_decrypts_in_linear_work() {
    let dir = |i: usize| format!(r#"{{"header":{{"alg":"dir","kid":"r{i}"}}}}"#);
    // A key of the right length that is not the one: every recipient fails at the tag.
    linear("JSON JWE, n dir recipients over n/8 KB", 32, |n| json_jwe(n, n / 8, dir), decrypt_with("fedcba9876543210"));
}

#[test]
fn pbes2_recipients_run_bounded_pbkdf2() {
    let pbes2 = |i: usize| {
        format!(
            r#"{{"header":{{"alg":"PBES2-HS256+A128KW","p2s":"{}","p2c":1000}},"encrypted_key":"{}"}}"#,
            encode(format!("salt{i}").as_bytes()),
            encode(&[7u8; 24])
        )
    };
    linear("JSON JWE, n PBES2 recipients (p2c 1000)", 8, |n| json_jwe(n, 1, pbes2), decrypt_with("a password"));
    // However many recipients, however high their counts: at most the total.
    let high = |i: usize| pbes2(i).replace("\"p2c\":1000", &format!("\"p2c\":{}", jwt_lens::jwt::limits::MAX_P2C / 4));
    let (d, work) = jwe::decrypt_counted(&json_jwe(40, 1, high), &jwe::parse_keys("a password", SecretEncoding::Utf8));
    assert_eq!(d.outcome.verdict.as_str(), "error", "{}", d.outcome.message);
    assert!(work.pbkdf2_iterations <= jwt_lens::jwt::limits::MAX_PBKDF2_ITERATIONS, "{work:?}");
    assert!(d.outcome.message.contains("PBKDF2 iterations"), "{}", d.outcome.message);
}

/// Decoding and linting only.
fn decode_only(text: &str) -> u64 {
    let d = decode(text);
    let _ = lint(&d, 1_700_000_000);
    0
}

/// The RFC 8725bis checks read a token once: a character outside base64url at the very end
/// (found after every part is read), a long `typ` spelled with `application/` (quoted back
/// in its warning), and a JSON serialization.
#[test]
fn best_practices_checks_read_once() {
    let token = |header: &str, n: usize| hs256(header, &encode(claims(n).as_bytes()));
    linear("a part ending in '+'", 8, |n| format!("{}+", token(r#"{"alg":"HS256"}"#, n)), decode_only);
    linear(
        "a long typ",
        8,
        |n| token(&format!(r#"{{"alg":"HS256","typ":"application/{}+jwt"}}"#, "x".repeat(n * 1000)), 1),
        decode_only,
    );
    linear("a JWS JSON serialization", 8, |n| jws_json(1, n), decode_only);
}

#[test]
fn wide_and_deep_json() {
    let token = |payload: String| hs256(r#"{"alg":"HS256"}"#, &encode(payload.as_bytes()));
    linear(
        "an object with n·100 members",
        8,
        |n| {
            let members: Vec<String> = (0..n * 100).map(|i| format!("\"k{i}\":{i}")).collect();
            token(format!("{{{}}}", members.join(",")))
        },
        decode_only,
    );
    linear(
        "an object with one name n·100 times",
        8,
        |n| {
            let members: Vec<String> = (0..n * 100).map(|i| format!("\"a\":{i}")).collect();
            token(format!("{{{}}}", members.join(",")))
        },
        decode_only,
    );
    linear(
        "n·10 structures 100 deep",
        8,
        |n| {
            let deep = format!("{}1{}", "[".repeat(100), "]".repeat(100));
            token(format!("{{\"d\":[{}]}}", vec![deep; n * 10].join(",")))
        },
        decode_only,
    );
    linear(
        "a header with n·100 members",
        8,
        |n| {
            let members: Vec<String> = (0..n * 100).map(|i| format!("\"h{i}\":\"{i}\"")).collect();
            hs256(&format!("{{\"alg\":\"HS256\",{}}}", members.join(",")), &encode(b"{}"))
        },
        decode_and_verify,
    );
    linear(
        "JSON nested too deep, n·200 levels",
        8,
        |n| token(format!("{}1{}", "[".repeat(n * 200), "]".repeat(n * 200))),
        decode_only,
    );
}

#[test]
fn the_cleaner_on_big_pasted_text() {
    let t = || hs256(r#"{"alg":"HS256"}"#, &encode(b"{}"));
    linear(
        "a curl command with n KB of other headers",
        8,
        |n| {
            let other: Vec<String> = (0..n * 10).map(|i| format!("-H 'X-Other-{i}: {}'", "v".repeat(80))).collect();
            format!("curl https://example.com {} -H 'Authorization: Bearer {}'", other.join(" "), t())
        },
        decode_only,
    );
    linear(
        "a token wrapped over n·100 lines",
        8,
        |n| {
            let long = hs256(r#"{"alg":"HS256"}"#, &encode(claims(n).as_bytes()));
            let lines: Vec<String> = long
                .as_bytes()
                .chunks(long.len() / (n * 100))
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .collect();
            lines.join("\n")
        },
        decode_only,
    );
    linear(
        "a cookie line with n·100 cookies",
        8,
        |n| {
            let cookies: Vec<String> = (0..n * 100).map(|i| format!("c{i}=v{i}")).collect();
            format!("Cookie: {}; token={}", cookies.join("; "), t())
        },
        decode_only,
    );
    linear(
        "a token response with n·100 members",
        8,
        |n| {
            let members: Vec<String> = (0..n * 100).map(|i| format!("\"m{i}\":\"v{i}\"")).collect();
            format!("{{{},\"access_token\":\"{}\"}}", members.join(","), t())
        },
        decode_only,
    );
    linear("text that is no token, n KB", 8, |n| "not a token at all, ".repeat(n * 50), decode_only);
}

/// The teaching and workflow panels' core: token diff, share links, byte links.
#[test]
fn diff_share_and_links() {
    use jwt_lens::jwt::{diff, share, teach::link};
    let wide = |n: usize, tag: &str| {
        let members: Vec<String> = (0..n * 100).map(|i| format!("\"k{i}\":\"{tag}{i}\"")).collect();
        hs256(r#"{"alg":"HS256","typ":"JWT"}"#, &encode(format!("{{{}}}", members.join(",")).as_bytes()))
    };
    linear(
        "diff of two tokens with n·100 members",
        8,
        |n| format!("{}\n{}", wide(n, "a"), wide(n, "b")),
        |t| {
            let (l, r) = t.split_once('\n').unwrap();
            let _ = diff::diff(&decode(l), &decode(r));
            0
        },
    );
    for mode in [share::ShareMode::Full, share::ShareMode::NoSignature, share::ShareMode::Redacted] {
        linear(
            &format!("share link ({mode:?})"),
            8,
            |n| wide(n, "a"),
            |t| {
                let _ = share::share_fragment(t, mode);
                0
            },
        );
    }
    linear(
        "byte links across the payload",
        8,
        |n| wide(n, "a"),
        |t| {
            let d = decode(t);
            // 64 cursor positions spread over the token (one link per user action).
            for at in (0..t.len()).step_by(t.len() / 64 + 1) {
                let _ = link::from_token(&d, at, true);
            }
            0
        },
    );
}

/// Key text as people paste it: the recogniser (`keytext`) and every key reader are linear
/// in the text, however many words in it look like the start of a key.
#[test]
fn key_text_in_every_form() {
    const SPKI: &str = "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=";
    let read = |text: &str| {
        for e in SecretEncoding::ALL {
            let _ = jwk::parse(text, e);
        }
        let _ = jwt_lens::jwt::jws::sign::parse_signer(text, SecretEncoding::Utf8);
        let _ = jwe::parse_keys(text, SecretEncoding::Utf8);
        0
    };
    linear(
        "n·1000 words that start like base64 DER, then a key",
        8,
        |n| format!("{}{SPKI}", "MIIJ x ".repeat(n * 1000)),
        read,
    );
    linear("n·1000 words that start like hex DER", 8, |n| "30 82 zz ".repeat(n * 1000), read);
    linear(
        "a PEM after n KB of explanatory text",
        8,
        |n| format!("{}\n-----BEGIN PUBLIC KEY-----\n{SPKI}\n-----END PUBLIC KEY-----\n", "notes ".repeat(n * 170)),
        read,
    );
    linear(
        "a JWKS of n·10 keys inside text",
        8,
        |n| {
            let key = r#"{"kty":"OKP","crv":"Ed25519","x":"Gb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE"}"#;
            format!("jwks = {{\"keys\":[{}]}};", vec![key; n * 10].join(","))
        },
        read,
    );
}

/// Issuing an SD-JWT (`sd_issue::issue`) whose every claim, array element or nested member
/// is selected, with as many decoys, and presenting it with every disclosure and a KB-JWT
/// (`sd_issue::present`): linear in the number of disclosures.
mod sd_issuing {
    use super::linear;
    use jwt_lens::jwt::json::{self, Value};
    use jwt_lens::jwt::jwk::{SecretEncoding, keygen};
    use jwt_lens::jwt::sd::SdAlg;
    use jwt_lens::jwt::sd_issue::{IssueRequest, KbRequest, issue, present};
    use std::sync::OnceLock;

    /// A fresh P-256 holder key pair (private PEM, public JWK), made once.
    fn holder() -> &'static (String, String) {
        static KEY: OnceLock<(String, String)> = OnceLock::new();
        KEY.get_or_init(|| {
            let k = keygen::generate("p-256").expect("key");
            (k.private_pem.expect("private"), k.public_jwk.expect("public"))
        })
    }

    /// Every member of the payload (and of each object member, one level down) and every
    /// element of each array member, as JSON Pointers.
    fn pointers(payload: &str) -> Vec<String> {
        let doc = json::parse(payload).expect("payload");
        let mut out = Vec::new();
        if let Value::Object(members) = &doc.root.value {
            for m in members {
                out.push(format!("/{}", m.key));
                match &m.value.value {
                    Value::Object(inner) => out.extend(inner.iter().map(|i| format!("/{}/{}", m.key, i.key))),
                    Value::Array(items) => out.extend((0..items.len()).map(|i| format!("/{}/{i}", m.key))),
                    _ => {}
                }
            }
        }
        out
    }

    fn issued(payload: &str) -> String {
        let selected = pointers(payload);
        let req = IssueRequest {
            header: r#"{"alg":"HS256","typ":"dc+sd-jwt"}"#,
            payload,
            disclose: &selected,
            decoys: selected.len(),
            sd_alg: SdAlg::Sha256,
            holder_key: Some(&holder().1),
            key: "0123456789abcdef0123456789abcdef",
            encoding: SecretEncoding::Utf8,
            alg: "HS256",
        };
        issue(&req).expect("issued").sd_jwt
    }

    /// Flat claims, an array's elements, and objects whose members are disclosed inside
    /// their own disclosure.
    fn payloads(n: usize) -> [String; 3] {
        let flat: Vec<String> = (0..n).map(|i| format!("\"c{i}\":\"value {i}\"")).collect();
        let items: Vec<String> = (0..n).map(|i| format!("\"item {i}\"")).collect();
        let nested: Vec<String> = (0..n).map(|i| format!("\"o{i}\":{{\"a\":{i},\"b\":[{i}]}}")).collect();
        [
            format!("{{{}}}", flat.join(",")),
            format!("{{\"list\":[{}]}}", items.join(",")),
            format!("{{{}}}", nested.join(",")),
        ]
    }

    #[test]
    fn issuing_many_disclosures_is_linear() {
        for (i, name) in ["flat claims", "array elements", "nested objects"].into_iter().enumerate() {
            linear(
                &format!("SD-JWT issuance, n {name} (and n decoys)"),
                64,
                |n| payloads(n)[i].clone(),
                |payload| issued(payload).len() as u64,
            );
        }
    }

    #[test]
    fn presenting_many_disclosures_is_linear() {
        for (i, name) in ["flat claims", "array elements", "nested objects"].into_iter().enumerate() {
            linear(
                &format!("SD-JWT presentation with a KB-JWT, n {name}"),
                64,
                |n| issued(&payloads(n)[i]),
                |sd_jwt| {
                    let all: Vec<usize> = (0..sd_jwt.matches('~').count() - 1).collect();
                    let kb = KbRequest { key: &holder().0, alg: "ES256", aud: "https://v.example", nonce: "n", iat: 1 };
                    present(sd_jwt, &all, Some(&kb)).expect("presented").text.len() as u64
                },
            );
        }
    }

    /// The Encoder's round over the protocol: the page's question text, the worker's answer
    /// (`service::answer_json`) and the extras' reader of it (`Answer::from_json`), for an
    /// issuance and a presentation of n disclosures.
    #[test]
    fn the_encoder_s_questions_and_answers_are_linear() {
        use jwt_lens::jwt::protocol::{Answer, KbJwtRequest, PresentRequest, SdIssueRequest};
        use jwt_lens::jwt::service::answer_json;
        let ask = |question: String| {
            let text = answer_json(&question).expect("an answer");
            match Answer::from_json(&text) {
                Ok(Answer::SdIssue(r)) => r.token.expect("issued").len() + r.disclosures.len(),
                Ok(Answer::Present(r)) => r.token.expect("presented").len() + r.kept.len(),
                other => panic!("{other:?}"),
            }
        };
        linear(
            "SD-JWT issuance over the protocol, n nested objects",
            64,
            |n| payloads(n)[2].clone(),
            |payload| {
                let disclose = pointers(payload);
                let req = SdIssueRequest {
                    id: 1,
                    header: r#"{"alg":"HS256"}"#.into(),
                    payload: payload.into(),
                    decoys: disclose.len(),
                    disclose,
                    sd_alg: "sha-256".into(),
                    holder_key: Some(holder().1.clone()),
                    alg: "HS256".into(),
                    key: "0123456789abcdef0123456789abcdef".into(),
                    encoding: SecretEncoding::Utf8,
                };
                ask(req.to_json()) as u64
            },
        );
        linear(
            "SD-JWT presentation over the protocol, n nested objects",
            64,
            |n| issued(&payloads(n)[2]),
            |sd_jwt| {
                let req = PresentRequest {
                    id: 2,
                    sd_jwt: sd_jwt.into(),
                    keep: (0..sd_jwt.matches('~').count() - 1).collect(),
                    kb: Some(KbJwtRequest {
                        key: holder().0.clone(),
                        alg: "ES256".into(),
                        aud: "https://v.example".into(),
                        nonce: "n".into(),
                        iat: 1,
                    }),
                };
                ask(req.to_json()) as u64
            },
        );
    }
}

/// An SD-JWT whose issuer payload is `payload`, followed by `disclosures` (JSON texts).
fn sd_jwt(payload: &str, disclosures: &[String]) -> String {
    let mut text = format!("{}.{}.c2ln~", encode(br#"{"alg":"ES256"}"#), encode(payload.as_bytes()));
    for d in disclosures {
        text.push_str(&encode(d.as_bytes()));
        text.push('~');
    }
    text
}

fn sd_digest(disclosure: &str) -> String {
    jwt_lens::jwt::sd::SdAlg::Sha256.digest(&encode(disclosure.as_bytes()))
}

/// Processing an SD-JWT and checking its key binding, as the worker does.
fn sd_process(text: &str) -> u64 {
    let r = jwt_lens::jwt::sd::process(text);
    let _ = jwt_lens::jwt::profile::kb::check(text, 1_700_000_000, verify::verify);
    (r.disclosures.len() + r.decoys + r.problems.len()) as u64
}

#[test]
fn sd_jwt_with_many_disclosures() {
    linear(
        "SD-JWT, 64n disclosures, half of them array elements",
        8,
        |n| {
            let mut ds = Vec::new();
            let (mut sd, mut list) = (Vec::new(), Vec::new());
            for i in 0..64 * n {
                let d = if i % 2 == 0 {
                    format!(r#"["salt{i}","c{i}",{{"v":[{i},"x"]}}]"#)
                } else {
                    format!(r#"["salt{i}",{i}]"#)
                };
                if i % 2 == 0 {
                    sd.push(format!("\"{}\"", sd_digest(&d)));
                } else {
                    list.push(format!(r#"{{"...":"{}"}}"#, sd_digest(&d)));
                }
                ds.push(d);
            }
            sd_jwt(&format!(r#"{{"_sd":[{}],"list":[{}]}}"#, sd.join(","), list.join(",")), &ds)
        },
        sd_process,
    );
}

#[test]
fn sd_jwt_with_disclosures_nested_in_disclosures() {
    // A chain: each disclosure is the only claim of the next, deeper than the bound (128).
    linear(
        "SD-JWT, a chain of 40n disclosures",
        1,
        |n| {
            let mut ds = vec![r#"["s","x",0]"#.to_string()];
            for i in 1..40 * n {
                let prev = sd_digest(ds.last().map(String::as_str).unwrap_or_default());
                ds.push(format!(r#"["s{i}","x{i}",{{"_sd":["{prev}"],"pad":"{}"}}]"#, "p".repeat(32)));
            }
            let top = sd_digest(ds.last().map(String::as_str).unwrap_or_default());
            sd_jwt(&format!(r#"{{"_sd":["{top}"]}}"#), &ds)
        },
        sd_process,
    );
}

#[test]
fn sd_jwt_with_many_decoys_and_repeated_digests() {
    linear(
        "SD-JWT, 256n decoys in _sd and arrays, 64n repeated",
        8,
        |n| {
            let decoys: Vec<String> = (0..256 * n).map(|i| format!("\"{}\"", sd_digest(&i.to_string()))).collect();
            let elements: Vec<String> =
                (0..256 * n).map(|i| format!(r#"{{"...":"{}"}}"#, sd_digest(&format!("e{i}")))).collect();
            let repeated = vec![format!("\"{}\"", sd_digest("r")); 64 * n];
            sd_jwt(
                &format!(
                    r#"{{"_sd":[{}],"o":{{"_sd":[{}]}},"a":[{}]}}"#,
                    decoys.join(","),
                    repeated.join(","),
                    elements.join(",")
                ),
                &[],
            )
        },
        sd_process,
    );
}

#[test]
fn sd_jwt_with_many_disclosures_under_long_names() {
    // 100 nested objects with names of 10n bytes, and 16n disclosures at the bottom: the
    // pointer to each is long, and is not copied whole for each of them.
    linear(
        "SD-JWT, 16n disclosures 100 levels under names of 10n bytes",
        8,
        |n| {
            let leaves: Vec<String> = (0..16 * n).map(|i| format!(r#"["s{i}","c{i}",{i}]"#)).collect();
            let digests: Vec<String> = leaves.iter().map(|d| format!("\"{}\"", sd_digest(d))).collect();
            let mut payload = format!(r#"{{"_sd":[{}]}}"#, digests.join(","));
            for i in 0..100 {
                payload = format!(r#"{{"{}{i}":{payload}}}"#, "n".repeat(10 * n));
            }
            sd_jwt(&payload, &leaves)
        },
        sd_process,
    );
}

/// Recognising and inspecting a token's profile, as the page and the worker do.
fn recognise_and_inspect(text: &str) -> u64 {
    let d = decode(text);
    let _ = jwt_lens::jwt::profile::recognise(&d);
    let i = jwt_lens::jwt::profile::inspect(text, text, 1_800_000_000, verify::verify);
    i.checks.len() as u64
}

#[test]
fn profiles_on_wide_tokens() {
    let token =
        |header: &str, payload: String| format!("{}.{}.c2ln", encode(header.as_bytes()), encode(payload.as_bytes()));
    // Every profile's claims looked up among many members (the last duplicate wins).
    let id = r#""iss":"i","sub":"s","aud":"a","exp":1,"iat":1,"nonce":"n","at_hash":"h","c_hash":"c""#;
    linear(
        "an ID token with n·100 other claims",
        8,
        |n| {
            let members: Vec<String> = (0..n * 100).map(|i| format!("\"k{i}\":{i}")).collect();
            token(r#"{"alg":"RS256"}"#, format!("{{{},{id}}}", members.join(",")))
        },
        recognise_and_inspect,
    );
    linear(
        "an access token whose aud has n·100 entries",
        8,
        |n| {
            token(
                r#"{"typ":"at+jwt","alg":"RS256"}"#,
                format!("{{\"aud\":[{}]}}", vec!["\"https://rs\""; n * 100].join(",")),
            )
        },
        recognise_and_inspect,
    );
    linear(
        "an SD-JWT VC with n·100 claims and an events object of n·100 members",
        8,
        |n| {
            let members: Vec<String> = (0..n * 100).map(|i| format!("\"e{i}\":{{}}")).collect();
            format!(
                "{}~",
                token(r#"{"typ":"dc+sd-jwt"}"#, format!("{{\"events\":{{{}}},\"vct\":\"v\"}}", members.join(",")))
            )
        },
        recognise_and_inspect,
    );
    // A DPoP proof whose jwk and claims are wide; its key is read once.
    linear(
        "a DPoP proof with n·100 jwk members and a long htu",
        8,
        |n| {
            let extra: Vec<String> = (0..n * 100).map(|i| format!("\"m{i}\":{i}")).collect();
            let jwk = format!(
                r#"{{{},"kty":"OKP","crv":"Ed25519","x":"Gb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE"}}"#,
                extra.join(",")
            );
            let htu = format!("https://rs/{}", "p".repeat(n * 1000));
            token(
                &format!(r#"{{"typ":"dpop+jwt","alg":"EdDSA","jwk":{jwk}}}"#),
                format!(r#"{{"jti":"j","htm":"GET","htu":"{htu}","iat":1800000000}}"#),
            )
        },
        recognise_and_inspect,
    );
}

/// ML-DSA (FIPS 204): a token with a growing payload verifies in work linear in it (μ is
/// one SHAKE256 over the signing input), and a JWKS of many AKP keys, each kilobytes of
/// `pub`, is read in work linear in the number of keys.
#[test]
fn ml_dsa_tokens_and_key_sets() {
    use jwt_lens::jwt::alg::JwsAlg;
    use jwt_lens::jwt::jwk::mldsa::{MlDsaPrivateKey, Randomness};
    use jwt_lens::jwt::jwk::{PrivateKey, PublicKey};
    use jwt_lens::jwt::jws::sign::{Signer, sign_with};
    let private = MlDsaPrivateKey::from_seed(JwsAlg::MlDsa65, &[9; 32]).expect("a key");
    let public = PublicKey::MlDsa(private.public()).jwk();
    let signer = Signer::Private(PrivateKey::MlDsa(private));
    let keys = jwk::parse(&public, SecretEncoding::Utf8);
    linear(
        "compact ML-DSA-65 JWS",
        8,
        |n| {
            let input = format!("{}.{}", encode(br#"{"alg":"ML-DSA-65"}"#), encode(claims(n).as_bytes()));
            let sig = sign_with(JwsAlg::MlDsa65, &signer, input.as_bytes(), Randomness::Deterministic).expect("signs");
            format!("{input}.{}", encode(&sig))
        },
        |text| {
            let d = decode(text);
            let (outcome, work) = verify::verify_counted(&d, &keys, None);
            assert_eq!(outcome.verdict, verify::Verdict::Verified, "{}", outcome.message);
            work.total()
        },
    );
    linear(
        "a JWKS of n·4 AKP keys",
        2,
        |n| format!("{{\"keys\":[{}]}}", vec![public.as_str(); n * 4].join(",")),
        |text| {
            let set = jwk::parse(text, SecretEncoding::Utf8).expect("the JWKS");
            set.keys.len() as u64
        },
    );
}

/// A JWKS of private AKP keys keeps each key as its seed and public key, not its expanded
/// form: reading 16 ML-DSA-87 keys (each checked to give its `pub`) leaves under 16 KB per
/// key held, where a key held expanded would take tens of kilobytes more.
#[test]
fn private_akp_keys_are_held_as_seeds() {
    use jwt_lens::jwt::alg::JwsAlg;
    use jwt_lens::jwt::jwk::PublicKey;
    use jwt_lens::jwt::jwk::mldsa::MlDsaPrivateKey;
    let jwks = format!(
        "{{\"keys\":[{}]}}",
        (0..16u8)
            .map(|i| {
                let key = MlDsaPrivateKey::from_seed(JwsAlg::MlDsa87, &[i; 32]).expect("a key");
                let public = PublicKey::MlDsa(key.public()).jwk();
                format!("{},\"priv\":\"{}\"}}", public.trim_end_matches('}'), encode(&[i; 32]))
            })
            .collect::<Vec<_>>()
            .join(",")
    );
    let before = LIVE.with(Cell::get);
    let keys = jwk::read(&jwks, SecretEncoding::Utf8).expect("the JWKS");
    let held = LIVE.with(Cell::get) - before;
    let per_key = held / 16;
    eprintln!("a JWKS of 16 private ML-DSA-87 keys ({} bytes): {held} bytes held, {per_key} per key", jwks.len());
    assert!(per_key < 16 * 1024, "{per_key} bytes held per private ML-DSA-87 key");
    drop(keys);
}

/// A key set reads at most `MAX_PRIVATE_AKP_KEYS` private ML-DSA keys (each costs a KeyGen
/// to check its `pub`); the entries past it are skipped, each saying why, and public AKP
/// keys after them are still read.
#[test]
fn private_akp_keys_past_the_cap_are_skipped() {
    use jwt_lens::jwt::alg::JwsAlg;
    use jwt_lens::jwt::jwk::PublicKey;
    use jwt_lens::jwt::jwk::mldsa::MlDsaPrivateKey;
    use jwt_lens::jwt::limits::MAX_PRIVATE_AKP_KEYS;
    let key = MlDsaPrivateKey::from_seed(JwsAlg::MlDsa44, &[1; 32]).expect("a key");
    let public = PublicKey::MlDsa(key.public()).jwk();
    let private = format!("{},\"priv\":\"{}\"}}", public.trim_end_matches('}'), encode(&[1; 32]));
    let mut entries = vec![private.as_str(); MAX_PRIVATE_AKP_KEYS + 3];
    entries.push(&public);
    let set = jwk::parse(&format!("{{\"keys\":[{}]}}", entries.join(",")), SecretEncoding::Utf8).expect("the JWKS");
    assert_eq!(set.keys.len(), MAX_PRIVATE_AKP_KEYS + 1, "{:?}", set.skipped);
    let why = format!(
        "skipped: the key set has more than {MAX_PRIVATE_AKP_KEYS} private ML-DSA keys, and each costs a key generation to check, so the rest are not read"
    );
    assert_eq!(set.skipped.len(), 3);
    assert!(set.skipped.iter().all(|s| s.ends_with(&why)), "{:?}", set.skipped);
    assert!(set.skipped[0].starts_with(&format!("entry {} ", MAX_PRIVATE_AKP_KEYS + 1)), "{}", set.skipped[0]);
}

/// The disclosed payload's marks (`json::pointer_spans`, the SD panel): n pointers into an
/// object whose name is repeated n times. Each repeat costs its own value, never the
/// pointers again (once n × n: a 280 KB payload took 20 s natively).
#[test]
fn pointer_spans_with_repeated_names() {
    use jwt_lens::jwt::json;
    let make = |n: usize| {
        let inner: Vec<String> = (0..n).map(|i| format!("\"k{i}\":0")).collect();
        format!("{{\"a\":{{{}}}{}}}", inner.join(","), ",\"a\":0".repeat(n))
    };
    linear("pointer spans, repeated names", 400, make, |text| {
        let doc = json::parse(text).expect("JSON");
        let n = match &doc.root.get("a").map(|a| &a.value) {
            Some(json::Value::Object(m)) => m.len(),
            _ => text.matches("\"a\":0").count(),
        };
        let pointers: Vec<String> = (0..n).map(|i| format!("/a/k{i}")).collect();
        let refs: Vec<&str> = pointers.iter().map(String::as_str).collect();
        json::pointer_spans(&doc.root, &refs).len() as u64
    });
}
