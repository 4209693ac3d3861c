//! Third-party JWE vectors (tests/data, see its README) through the page's own
//! `jwe::decrypt`: RFC 7516 Appendix A, RFC 7519 A.2 (nested), the RFC 7520 cookbook
//! (compact and JSON, every key management and content encryption it has, X25519) and
//! Wycheproof's JOSE JWE cases. A valid record must decrypt to its plaintext; an invalid
//! one must not decrypt.

use jwt_lens::jwt::json::{self, Node};
use jwt_lens::jwt::jwe;
use jwt_lens::jwt::jwk::SecretEncoding;
use jwt_lens::jwt::verdict::Verdict;

struct Record {
    id: String,
    token: String,
    key: String,
    valid: bool,
    plaintext: Option<String>,
    why: String,
    flags: Vec<String>,
}

fn records(file: &str) -> Vec<Record> {
    let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|line| {
            let doc = json::parse(line).unwrap_or_else(|e| panic!("{file}: {e:?}"));
            let s = |k: &str| doc.root.get(k).and_then(Node::as_str).map(str::to_string);
            let kind = s("kind").unwrap_or_default();
            if kind != "jwe" && kind != "jwe-json" {
                return None;
            }
            let raw = |k: &str| match doc.root.get(k) {
                Some(n) if n.as_str().is_some() => n.as_str().unwrap_or_default().to_string(),
                Some(n) => line[n.span.clone()].to_string(),
                None => String::new(),
            };
            Some(Record {
                id: s("id").unwrap_or_default(),
                token: raw("token"),
                key: raw("key"),
                valid: s("expect").as_deref() == Some("valid"),
                plaintext: s("plaintext"),
                why: s("why").unwrap_or_default(),
                flags: match doc.root.get("flags").map(|f| &f.value) {
                    Some(json::Value::Array(items)) => {
                        items.iter().filter_map(|i| i.as_str().map(str::to_string)).collect()
                    }
                    _ => Vec::new(),
                },
            })
        })
        .collect()
}

/// Decrypts every JWE record of a file; returns (valid, invalid) counts checked.
fn check(file: &str) -> (usize, usize) {
    let (mut valid, mut invalid) = (0, 0);
    for r in records(file) {
        let keys = jwe::parse_keys(&r.key, SecretEncoding::Utf8);
        let d = jwe::decrypt(&r.token, &keys);
        // Wycheproof's "rejectsValidJsonSerialization" expects a compact-only API to
        // refuse a valid JWE in the JSON serialization. The page reads that serialization
        // (RFC 7516 §7.2) on purpose, so this valid token must decrypt.
        let expect_valid = r.valid || r.flags.iter().any(|f| f == "JsonSerialization");
        if expect_valid {
            assert_eq!(d.outcome.verdict, Verdict::Decrypted, "{} ({}): {}", r.id, r.why, d.outcome.message);
            if let Some(p) = &r.plaintext {
                assert_eq!(d.plaintext.as_deref(), Some(p.as_bytes()), "{}", r.id);
            }
            valid += 1;
        } else {
            assert_ne!(d.outcome.verdict, Verdict::Decrypted, "{} ({}) decrypted but must not", r.id, r.why);
            assert!(d.plaintext.is_none(), "{}", r.id);
            invalid += 1;
        }
    }
    (valid, invalid)
}

#[test]
fn rfc_examples_decrypt() {
    let (valid, _) = check("rfc.jsonl");
    assert!(valid >= 7, "only {valid} RFC JWE examples");
}

#[test]
fn cookbook_examples_decrypt() {
    let (valid, _) = check("cookbook.jsonl");
    assert!(valid >= 23, "only {valid} cookbook JWE examples");
}

#[test]
fn wycheproof_jose_jwe_cases() {
    let (valid, invalid) = check("wycheproof-jose.jsonl");
    println!("wycheproof JWE: {valid} valid decrypted, {invalid} invalid refused");
    assert!(valid >= 50 && invalid >= 70, "{valid} valid, {invalid} invalid");
}

/// A raw RFC 7520 cookbook file of tests/data/cookbook, with its JSON text.
fn cookbook(file: &str) -> (String, json::Document) {
    let path = format!("{}/tests/data/cookbook/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc = json::parse(&text).unwrap_or_else(|e| panic!("{path}: {e:?}"));
    (text, doc)
}

#[test]
fn rfc7520_5_13_every_recipient_decrypts_the_general_serialization() {
    let (text, doc) = cookbook("5_13.encrypting_to_multiple_recipients.json");
    let input = doc.root.get("input").expect("input");
    let plaintext = input.get("plaintext").and_then(Node::as_str).expect("plaintext");
    let token = &text[doc.root.get("output").and_then(|o| o.get("json")).expect("json").span.clone()];
    let json::Value::Array(keys) = &input.get("key").expect("keys").value else { panic!("keys") };
    assert_eq!(keys.len(), 3, "RSA1_5, ECDH-ES+A256KW and A256GCMKW recipients");
    for key in keys {
        let d = jwe::decrypt(token, &jwe::parse_keys(&text[key.span.clone()], SecretEncoding::Utf8));
        assert_eq!(d.outcome.verdict, Verdict::Decrypted, "{}", d.outcome.message);
        assert_eq!(d.plaintext.as_deref(), Some(plaintext.as_bytes()));
    }
    // All three as one JWKS: the matching kid is found.
    let jwks = format!("{{\"keys\":[{}]}}", keys.iter().map(|k| &text[k.span.clone()]).collect::<Vec<_>>().join(","));
    assert_eq!(jwe::decrypt(token, &jwe::parse_keys(&jwks, SecretEncoding::Utf8)).outcome.verdict, Verdict::Decrypted);
}

#[test]
fn rfc7520_6_nested_jwt_decrypts_to_a_jws_that_verifies() {
    use jwt_lens::jwt::jwk;
    use jwt_lens::jwt::jws::verify;
    let (text, doc) = cookbook("6.nesting_signatures_and_encryption.json");
    let sign = doc.root.get("sign").expect("sign");
    let encrypt = doc.root.get("encrypt").expect("encrypt");
    let jws = sign.get("output").and_then(|o| o.get("compact")).and_then(Node::as_str).expect("jws");
    let key = &text[encrypt.get("input").and_then(|i| i.get("key")).expect("key").span.clone()];
    let output = encrypt.get("output").expect("output");
    for form in ["compact", "json", "json_flat"] {
        let node = output.get(form).expect(form);
        let token = node.as_str().map_or_else(|| text[node.span.clone()].to_string(), str::to_string);
        let d = jwe::decrypt(&token, &jwe::parse_keys(key, SecretEncoding::Utf8));
        assert_eq!(d.outcome.verdict, Verdict::Decrypted, "{form}: {}", d.outcome.message);
        assert_eq!(d.plaintext.as_deref(), Some(jws.as_bytes()), "{form}");
    }
    // The nested token verifies with the signer's key (RFC 7520 §6 signs with PS256).
    let signer = &text[sign.get("input").and_then(|i| i.get("key")).expect("signer").span.clone()];
    let outcome = verify::verify(&jwt_lens::jwt::decode(jws), &jwk::parse(signer, SecretEncoding::Utf8));
    assert_eq!(outcome.verdict, Verdict::Verified, "{}", outcome.message);
}
