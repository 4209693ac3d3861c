//! Third-party vectors (tests/data, see its README) through the decoder: every compact
//! token decodes into the form its record names, valid ones without a single problem,
//! and nothing panics. Verification against the same records comes with the verifier.

use jwt_lens::jwt::json::{self, Node};
use jwt_lens::jwt::{self, Form};

struct Record {
    id: String,
    kind: String,
    token: String,
    expect: String,
    disputed: bool,
}

fn records(file: &str) -> Vec<Record> {
    let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let doc = json::parse(line).unwrap_or_else(|e| panic!("{file}: {e:?}"));
            let s = |k: &str| {
                doc.root
                    .get(k)
                    .and_then(Node::as_str)
                    .unwrap_or_default()
                    .to_string()
            };
            Record {
                id: s("id"),
                kind: s("kind"),
                // JSON-serialized tokens are objects, not strings; they are skipped below.
                token: s("token"),
                expect: s("expect"),
                disputed: doc.root.get("disputed").is_some(),
            }
        })
        .collect()
}

/// Decodes every compact token of a file; returns how many were checked.
fn check_file(file: &str) -> usize {
    let mut checked = 0;
    for r in records(file) {
        let form = match r.kind.as_str() {
            "jws" => Form::Jws,
            "jwe" => Form::Jwe,
            _ => continue,
        };
        let d = jwt::decode(&r.token);
        let _ = jwt::lint(&d, 1_700_000_000);
        if r.expect == "valid" && !r.disputed {
            assert_eq!(d.form, form, "{}", r.id);
            assert!(d.problems.is_empty(), "{}: {:?}", r.id, d.problems);
            assert!(d.header_json().is_some_and(Node::is_object), "{}", r.id);
        }
        checked += 1;
    }
    checked
}

#[test]
fn rfc_examples_decode_cleanly() {
    let n = check_file("rfc.jsonl");
    assert!(n >= 14, "only {n} compact RFC tokens");
    println!("rfc.jsonl: {n} compact tokens decoded");
}

#[test]
fn rfc7520_cookbook_decodes_cleanly() {
    let n = check_file("cookbook.jsonl");
    assert!(n >= 17, "only {n} compact cookbook tokens");
    println!("cookbook.jsonl: {n} compact tokens decoded");
}

#[test]
fn wycheproof_tokens_never_break_the_decoder() {
    let n = check_file("wycheproof-jose.jsonl");
    assert!(n >= 500, "only {n} compact Wycheproof tokens");
    println!("wycheproof-jose.jsonl: {n} compact tokens decoded");
}
