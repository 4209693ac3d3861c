//! Interoperability of Ed448 (RFC 8032) in JOSE with Node's crypto module (OpenSSL), fresh
//! keys on every run (tests/interop/ed448.mjs), both ways: tokens Node signs with `alg`
//! `Ed448` (RFC 9864 §2.3) and `EdDSA` (RFC 8037) verify here with the key as a JWK, a PEM
//! SubjectPublicKeyInfo or bare base64 DER (one thumbprint, Node's own RFC 7638 computation);
//! tampered ones and another key's do not; the fully-specified names refuse the other
//! curve. Tokens signed here, with keys generated here and with Node's private keys, verify
//! with Node's crypto. Needs `node` (20 or later) on the PATH.

mod common;
use common::{node, text};

use jwt_lens::jwt::json;
use jwt_lens::jwt::jwk::{self, keygen};
use jwt_lens::jwt::jws::sign;
use jwt_lens::jwt::protocol::{Request, SignRequest};
use jwt_lens::jwt::service;
use jwt_lens::jwt::verdict::{SecretEncoding, Verdict};

#[test]
fn tokens_signed_by_node_verify_here_in_every_key_form() {
    let out = node("ed448.mjs", &[], "");
    let mut wrong = Vec::new();
    let mut verified = 0;
    for line in out.lines() {
        let doc = json::parse(line).expect("a JSON record");
        let r = &doc.root;
        let (alg, case, format, key) = (text(r, "alg"), text(r, "case"), text(r, "format"), text(r, "key"));
        if case == "private" {
            continue;
        }
        let name = format!("{alg} {case} {format}");
        // One thumbprint for the key in every form (Node computed it from its own JWK).
        if case == "signed" {
            let set = jwk::parse(key, SecretEncoding::Utf8).unwrap_or_else(|e| panic!("{name}: {e}"));
            if set.keys[0].thumbprint != text(r, "thumbprint")
                || !set.keys[0].describe().starts_with("Ed448 public key")
            {
                wrong.push(format!("{name}: {} {}", set.keys[0].thumbprint, set.keys[0].describe()));
            }
        }
        let req = Request {
            token: text(r, "token").to_string(),
            key: key.to_string(),
            encoding: SecretEncoding::Utf8,
            ..Request::default()
        };
        let report = service::verify(&req);
        let got = report.outcome.verdict.as_str();
        verified += usize::from(report.outcome.verdict == Verdict::Verified);
        let want = match text(r, "expect") {
            "valid" => "verified",
            other => other,
        };
        if got != want {
            wrong.push(format!("{name}: {got} ({})", report.outcome.message));
        }
    }
    assert!(wrong.is_empty(), "{} records wrong:\n{}", wrong.len(), wrong.join("\n"));
    // Ed448 and EdDSA × JWK, PEM, bare DER.
    assert_eq!(verified, 6);
    println!(
        "ed448 interop: {verified} tokens signed by Node's crypto verified; tampered, other-key and other-curve ones refused"
    );
}

#[test]
fn tokens_signed_here_verify_with_node() {
    let out = node("ed448.mjs", &[], "");
    let mut lines = Vec::new();
    // Keys generated here: the private PEM and JWK sign, the public PEM and JWK check.
    let bundle = keygen::generate("ed448").expect("an Ed448 key");
    assert_eq!(bundle.alg, "Ed448");
    let (public_pem, public_jwk) = (bundle.public_pem.clone().unwrap(), bundle.public_jwk.clone().unwrap());
    for private in [bundle.private_pem.clone().unwrap(), bundle.private_jwk.clone().unwrap()] {
        for alg in ["Ed448", "EdDSA"] {
            for public in [&public_pem, &public_jwk] {
                let mut line = record(alg, &private, public);
                // OpenSSL reads our PKCS#8 and JWK private exports too: the same public key.
                line.insert_str(line.len() - 1, &format!(",\"private\":{}", json::quote(&private)));
                lines.push((format!("{alg} generated here"), line));
            }
        }
    }
    // Node's private keys (PKCS#8 PEM, JWK), read and used here.
    for doc in out.lines().filter_map(|l| json::parse(l).ok()) {
        let r = &doc.root;
        if text(r, "case") != "private" {
            continue;
        }
        let public = text(r, "public");
        let key = jwk::parse(text(r, "key"), SecretEncoding::Utf8).expect("Node's private key");
        assert_eq!(key.keys[0].thumbprint, text(r, "thumbprint"), "{}", text(r, "format"));
        for alg in ["Ed448", "EdDSA"] {
            lines.push((format!("{alg} {}", text(r, "format")), record(alg, text(r, "key"), public)));
        }
    }
    let input: String = lines.iter().map(|(_, l)| format!("{l}\n")).collect();
    let answers = node("ed448.mjs", &["verify"], &input);
    let answers: Vec<&str> = answers.lines().collect();
    assert_eq!(answers.len(), lines.len());
    let wrong: Vec<&String> =
        lines.iter().zip(&answers).filter(|(_, a)| **a != "true").map(|((name, _), _)| name).collect();
    assert!(wrong.is_empty(), "Node rejects Ed448 tokens signed here: {wrong:?}");
    assert_eq!(lines.len(), 12);
    // And a tampered one is not accepted by Node either (the check has teeth).
    let (_, good) = &lines[0];
    let tampered = good.replacen("\"token\":\"eyJ", "\"token\":\"eyK", 1);
    assert_eq!(node("ed448.mjs", &["verify"], &format!("{tampered}\n")).trim(), "false");
    println!("ed448 interop: {} tokens signed here verified by Node's crypto", lines.len());
}

/// A line for `ed448.mjs verify`: a token signed here with `private`, and the public key.
fn record(alg: &str, private: &str, public: &str) -> String {
    let req = SignRequest {
        header: format!("{{\"alg\":\"{alg}\",\"typ\":\"JWT\"}}"),
        payload: "{\"sub\":\"signed by JWT Lens\"}".into(),
        alg: alg.into(),
        key: private.into(),
        encoding: SecretEncoding::Utf8,
        ..SignRequest::default()
    };
    let token = sign::answer(&req).token.unwrap_or_else(|e| panic!("{alg}: {e}"));
    format!("{{\"alg\":{},\"token\":{},\"key\":{}}}", json::quote(alg), json::quote(&token), json::quote(public))
}
