//! Third-party JWE vectors (tests/data, see its README) through the page's own
//! `jwe::decrypt`: RFC 7516 Appendix A, RFC 7519 A.2 (nested), the RFC 7520 cookbook
//! (compact and JSON, every key management and content encryption it has, X25519) and
//! Wycheproof's JOSE JWE cases. A valid record must decrypt to its plaintext; an invalid
//! one must not decrypt.

use jwt_lens::jwt::json::{self, Node};
use jwt_lens::jwt::jwe;
use jwt_lens::jwt::keys::SecretEncoding;
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
