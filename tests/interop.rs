//! Interoperability: tokens signed at test time by an independent implementation (Node's
//! crypto module, i.e. OpenSSL; certificates by the openssl tool) with fresh keys, in
//! every algorithm and key format, verify here; tampered ones and other keys do not.
//! Needs `node` on the PATH (scripts/test.sh makes sure of it).

use std::collections::BTreeMap;

mod common;
use common::node;

use jwt_lens::jwt::json::{self, Node};
use jwt_lens::jwt::protocol::Request;
use jwt_lens::jwt::service;
use jwt_lens::jwt::verdict::{SecretEncoding, Verdict};

#[test]
fn tokens_signed_by_openssl_verify_and_tampered_ones_do_not() {
    let text = node("sign.mjs", &[], "");

    let mut wrong = Vec::new();
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let (mut valid, mut rejected) = (0, 0);
    for line in text.lines() {
        let doc = json::parse(line).expect("a JSON record");
        let s = |k: &str| doc.root.get(k).and_then(Node::as_str).unwrap_or_default().to_string();
        let req = Request {
            token: s("token"),
            key: s("key"),
            encoding: SecretEncoding::from_value(&s("encoding")),
            ..Request::default()
        };
        let report = service::verify(&req);
        let verified = report.outcome.verdict == Verdict::Verified;
        let want = s("expect") == "valid";
        if verified != want {
            wrong.push(format!(
                "{} {} {}: {} ({})",
                s("alg"),
                s("format"),
                s("case"),
                report.outcome.verdict.as_str(),
                report.outcome.message
            ));
        }
        let entry = counts.entry(format!("{} {}", s("alg"), s("format"))).or_default();
        if want {
            entry.0 += 1;
            valid += usize::from(verified);
        } else {
            entry.1 += 1;
            rejected += usize::from(!verified);
        }
    }
    assert!(wrong.is_empty(), "{} records wrong:\n{}", wrong.len(), wrong.join("\n"));
    let formats = counts.len();
    println!(
        "interop: {valid} tokens signed by Node's crypto verified, {rejected} tampered or wrong-key tokens rejected, over {formats} algorithm × key-format pairs"
    );
    assert!(valid >= 80 && formats >= 80, "{valid} valid over {formats} pairs");
}

#[test]
fn tokens_signed_here_verify_with_openssl() {
    use jwt_lens::jwt::jws::sign;
    use jwt_lens::jwt::protocol::SignRequest;

    let text = node("sign.mjs", &[], "");
    // Every private key Node made, in every format, and the public key it pairs with.
    let mut lines = Vec::new();
    let mut public_for: BTreeMap<String, String> = BTreeMap::new();
    let records: Vec<_> = text.lines().filter_map(|l| json::parse(l).ok()).collect();
    for doc in &records {
        let s = |k: &str| doc.root.get(k).and_then(Node::as_str).unwrap_or_default().to_string();
        if s("case") == "signed" && s("format") == "pem_spki" {
            public_for.insert(s("alg"), s("key"));
        }
    }
    for doc in &records {
        let s = |k: &str| doc.root.get(k).and_then(Node::as_str).unwrap_or_default().to_string();
        let private = matches!(
            s("format").as_str(),
            "pem_pkcs8_private" | "pem_pkcs1_private" | "pem_sec1_private" | "jwk_private" | "secret_hex"
        );
        if s("case") != "signed" || !private {
            continue;
        }
        let alg = s("alg");
        let req = SignRequest {
            header: format!("{{\"alg\":\"{alg}\",\"typ\":\"JWT\"}}"),
            payload: "{\"sub\":\"signed by JWT Lens\"}".into(),
            alg: alg.clone(),
            key: s("key"),
            encoding: SecretEncoding::from_value(&s("encoding")),
            ..SignRequest::default()
        };
        let token = sign::answer(&req).token.unwrap_or_else(|e| panic!("{alg} {}: {e}", s("format")));
        let key = if alg.starts_with("HS") {
            format!("\"secret_hex\":{}", json::quote(&s("key")))
        } else {
            format!("\"key\":{}", json::quote(&public_for[&alg]))
        };
        lines.push((
            format!("{alg} {}", s("format")),
            format!("{{\"alg\":{},\"token\":{},{key}}}", json::quote(&alg), json::quote(&token)),
        ));
    }
    let input: String = lines.iter().map(|(_, l)| format!("{l}\n")).collect();
    let answers = node("verify.mjs", &[], &input);
    let answers: Vec<&str> = answers.lines().collect();
    assert_eq!(answers.len(), lines.len());
    let wrong: Vec<&String> =
        lines.iter().zip(&answers).filter(|(_, a)| **a != "true").map(|((name, _), _)| name).collect();
    assert!(wrong.is_empty(), "OpenSSL rejects tokens signed here: {wrong:?}");
    println!(
        "interop: {} tokens signed by JWT Lens verified by Node's crypto (every alg, every private key format)",
        lines.len()
    );
    // RSA: 6 algs × (PKCS#8, PKCS#1, JWK); EC: 4 × (PKCS#8, SEC1, JWK); EdDSA: 2; HS: 3.
    assert_eq!(lines.len(), 35);
}
