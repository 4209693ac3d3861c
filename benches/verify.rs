//! The core's verification time per algorithm, natively (release build). Reads the JSONL
//! records of `tests/interop/sign.mjs` (tokens and keys made by Node's crypto) on stdin:
//!
//!     node tests/interop/sign.mjs | cargo bench --bench verify
//!
//! For each algorithm it times `verify::verify` (key already parsed) and `jwk::parse` +
//! `verify` (what one key paste costs), then `sign::sign`, then key generation, and
//! prints medians. Ed448, which sign.mjs does not make, is timed with a key generated here
//! (tests/ed448_interop.rs checks such tokens against Node's crypto); then ML-DSA at each
//! level with keys generated here (keygen, sign hedged and deterministic, verify).

use std::collections::BTreeMap;
use std::io::Read as _;
use std::time::Instant;

use jwt_lens::jwt::json::{self, Node};
use jwt_lens::jwt::jws::verify;
use jwt_lens::jwt::protocol::SignRequest;
use jwt_lens::jwt::token::decode;
use jwt_lens::jwt::verdict::{SecretEncoding, Verdict};
use jwt_lens::jwt::{jwk, jwk::keygen, jws::sign};

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).expect("stdin");
    let mut chosen: BTreeMap<String, (String, String, SecretEncoding)> = BTreeMap::new();
    for line in input.lines() {
        let doc = json::parse(line).expect("JSON record");
        let s = |k: &str| doc.root.get(k).and_then(Node::as_str).unwrap_or_default().to_string();
        let wanted = matches!(s("format").as_str(), "pem_spki" | "secret_base64");
        if s("case") == "signed" && wanted {
            chosen.entry(s("alg")).or_insert((s("token"), s("key"), SecretEncoding::from_value(&s("encoding"))));
        }
    }
    if chosen.is_empty() {
        eprintln!("no records on stdin: run  node tests/interop/sign.mjs | cargo bench --bench verify");
        std::process::exit(2);
    }
    // Ed448 (`Ed448` and `EdDSA` with an Ed448 key): a key generated here, its public JWK.
    let ed448 = keygen::generate("ed448").expect("an Ed448 key");
    let ed448_private = ed448.private_pem.clone().expect("PKCS#8");
    for alg in ["Ed448", "EdDSA"] {
        let req = SignRequest {
            header: format!("{{\"alg\":\"{alg}\",\"typ\":\"JWT\"}}"),
            payload: "{\"sub\":\"bench\"}".into(),
            alg: alg.into(),
            key: ed448_private.clone(),
            encoding: SecretEncoding::Utf8,
            ..SignRequest::default()
        };
        let token = sign::answer(&req).token.expect("an Ed448 token");
        let name = if alg == "EdDSA" { "EdDSA/448" } else { alg };
        chosen.insert(name.into(), (token, ed448.public_jwk.clone().expect("a JWK"), SecretEncoding::Utf8));
    }
    println!("{:<9} {:>14} {:>22}", "alg", "verify (µs)", "parse key + verify (µs)");
    for (alg, (token, key, encoding)) in &chosen {
        let d = decode(token);
        let set = jwk::parse(key, *encoding);
        assert_eq!(verify::verify(&d, &set).verdict, Verdict::Verified, "{alg}");
        let runs = 200;
        let mut verify_us = Vec::with_capacity(runs);
        let mut both_us = Vec::with_capacity(runs);
        for _ in 0..runs {
            let t = Instant::now();
            std::hint::black_box(verify::verify(&d, &set));
            verify_us.push(t.elapsed().as_secs_f64() * 1e6);
            let t = Instant::now();
            std::hint::black_box(verify::verify(&d, &jwk::parse(key, *encoding)));
            both_us.push(t.elapsed().as_secs_f64() * 1e6);
        }
        println!("{alg:<9} {:>14.1} {:>22.1}", median(verify_us), median(both_us));
    }

    // Signing, with the private keys Node made (PKCS#8 PEM), and key generation.
    let mut private: BTreeMap<String, String> = BTreeMap::new();
    for line in input.lines() {
        let doc = json::parse(line).expect("JSON record");
        let s = |k: &str| doc.root.get(k).and_then(Node::as_str).unwrap_or_default().to_string();
        if s("case") == "signed" && matches!(s("format").as_str(), "pem_pkcs8_private" | "secret_hex") {
            private.entry(s("alg")).or_insert(s("key"));
        }
    }
    private.insert("Ed448".into(), ed448_private.clone());
    println!("\n{:<8} {:>14}", "alg", "sign (µs)");
    for (alg, key) in &private {
        let req = SignRequest {
            header: format!("{{\"alg\":\"{alg}\",\"typ\":\"JWT\"}}"),
            payload: "{\"sub\":\"bench\"}".into(),
            alg: alg.clone(),
            key: key.clone(),
            encoding: if jwt_lens::jwt::alg::JwsAlg::parse(alg).is_some_and(|a| a.is_hmac()) {
                SecretEncoding::Hex
            } else {
                SecretEncoding::Utf8
            },
            ..SignRequest::default()
        };
        let signer = sign::parse_signer(&req.key, req.encoding).expect("signing key");
        let input = b"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJiZW5jaCJ9";
        let us: Vec<f64> = (0..100)
            .map(|_| {
                let t = Instant::now();
                let alg = jwt_lens::jwt::alg::JwsAlg::parse(alg).expect("a JWS algorithm");
                std::hint::black_box(sign::sign(alg, &signer, input).expect("sign"));
                t.elapsed().as_secs_f64() * 1e6
            })
            .collect();
        println!("{alg:<8} {:>14.1}", median(us));
    }
    println!("\n{:<10} {:>8} {:>14}", "key", "runs", "generate (ms)");
    for (kind, runs) in [("rsa-2048", 9), ("rsa-4096", 5), ("p-256", 50), ("ed25519", 50), ("ed448", 50)] {
        let ms: Vec<f64> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(keygen::generate(kind).expect("keygen"));
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        println!("{kind:<10} {runs:>8} {:>14.1}", median(ms));
    }
    ml_dsa();
}

/// ML-DSA (FIPS 204) at each level, with keys generated here (Node's crypto has no JOSE
/// framing for it): key generation, signing hedged and deterministic, verifying (key already
/// parsed), and parsing the AKP public JWK + verifying.
fn ml_dsa() {
    use jwt_lens::jwt::alg::JwsAlg;
    use jwt_lens::jwt::jwk::mldsa::Randomness;
    let time = |runs: usize, mut f: Box<dyn FnMut() + '_>| -> f64 {
        median(
            (0..runs)
                .map(|_| {
                    let t = Instant::now();
                    f();
                    t.elapsed().as_secs_f64() * 1e6
                })
                .collect(),
        )
    };
    println!(
        "\n{:<10} {:>12} {:>16} {:>22} {:>12} {:>22}",
        "alg", "keygen (µs)", "sign hedged (µs)", "sign deterministic (µs)", "verify (µs)", "parse key + verify (µs)"
    );
    for (kind, alg) in [("ml-dsa-44", JwsAlg::MlDsa44), ("ml-dsa-65", JwsAlg::MlDsa65), ("ml-dsa-87", JwsAlg::MlDsa87)]
    {
        let keygen_us = time(50, Box::new(|| drop(std::hint::black_box(keygen::generate(kind).expect("keygen")))));
        let b = keygen::generate(kind).expect("keygen");
        let signer =
            sign::parse_signer(b.private_jwk.as_deref().unwrap_or_default(), SecretEncoding::Utf8).expect("key");
        let input = format!(
            "{}.eyJzdWIiOiJiZW5jaCJ9",
            jwt_lens::jwt::base64url::encode(format!("{{\"alg\":\"{alg}\"}}").as_bytes())
        );
        let sign_with = |r| sign::sign_with(alg, &signer, input.as_bytes(), r).expect("sign");
        let hedged = time(200, Box::new(|| drop(std::hint::black_box(sign_with(Randomness::Hedged)))));
        let deterministic = time(200, Box::new(|| drop(std::hint::black_box(sign_with(Randomness::Deterministic)))));
        let token = format!("{input}.{}", jwt_lens::jwt::base64url::encode(&sign_with(Randomness::Hedged)));
        let public = b.public_jwk.clone().unwrap_or_default();
        let d = decode(&token);
        let set = jwk::parse(&public, SecretEncoding::Utf8);
        assert_eq!(verify::verify(&d, &set).verdict, Verdict::Verified, "{alg}");
        let verify_us = time(200, Box::new(|| drop(std::hint::black_box(verify::verify(&d, &set)))));
        let both = time(
            200,
            Box::new(|| drop(std::hint::black_box(verify::verify(&d, &jwk::parse(&public, SecretEncoding::Utf8))))),
        );
        println!("{alg:<10} {keygen_us:>12.1} {hedged:>16.1} {deterministic:>22.1} {verify_us:>12.1} {both:>22.1}");
    }
}
