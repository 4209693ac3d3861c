//! Project Wycheproof's primitive signature vectors (tests/data/wycheproof, Apache-2.0)
//! through `verify::verify_signature`, the very check the page runs once it has chosen a
//! key, with keys read by the page's own key parser (PEM). Every "valid" case verifies,
//! every "invalid" case does not; "acceptable" cases are counted with what we decided.

mod common;
use common::{hex, items, text, wycheproof};

use jwt_lens::jwt::alg::JwsAlg;
use jwt_lens::jwt::json::Node;
use jwt_lens::jwt::jwk::{self, Key};
use jwt_lens::jwt::jws::verify;
use jwt_lens::jwt::verdict::SecretEncoding;

#[derive(Default, Debug)]
struct Tally {
    valid: usize,
    invalid: usize,
    acceptable_accepted: usize,
    acceptable_rejected: usize,
    skipped_groups: usize,
}

/// Runs every test of a file; `alg_of` names the JWS algorithm for a group, or `None` to
/// skip a group JWS cannot express (say, a PSS salt length other than the hash length).
fn run(file: &str, alg_of: impl Fn(&Node) -> Option<&'static str>, key_of: impl Fn(&Node, &Node) -> Key) -> Tally {
    let (_, doc) = wycheproof(file);
    let mut t = Tally::default();
    let mut wrong = Vec::new();
    for group in items(doc.root.get("testGroups").expect("testGroups")) {
        let Some(alg) = alg_of(group) else {
            t.skipped_groups += 1;
            continue;
        };
        for case in items(group.get("tests").expect("tests")) {
            let key = key_of(group, case);
            let sig = hex(if case.get("sig").is_some() { text(case, "sig") } else { text(case, "tag") });
            let ok = verify::verify_signature(
                JwsAlg::parse(alg).expect("a JWS algorithm"),
                &key,
                &hex(text(case, "msg")),
                &sig,
            )
            .is_ok();
            let id = case.get("tcId").and_then(Node::as_f64).unwrap_or_default();
            match text(case, "result") {
                "valid" if ok => t.valid += 1,
                "invalid" if !ok => t.invalid += 1,
                "acceptable" if ok => t.acceptable_accepted += 1,
                "acceptable" => t.acceptable_rejected += 1,
                r => wrong.push(format!("{file} tcId {id} ({}): expected {r}, verified {ok}", text(case, "comment"))),
            }
        }
    }
    assert!(wrong.is_empty(), "{} wrong:\n{}", wrong.len(), wrong.join("\n"));
    println!("{file}: {t:?}");
    t
}

fn pem_key(group: &Node, _: &Node) -> Key {
    let set = jwk::parse(text(group, "publicKeyPem"), SecretEncoding::Utf8).expect("the group's PEM key");
    set.keys.into_iter().next().expect("one key")
}

fn sha_bits(group: &Node) -> &'static str {
    match text(group, "sha") {
        "SHA-256" => "256",
        "SHA-384" => "384",
        "SHA-512" => "512",
        _ => "",
    }
}

#[test]
fn rsa_pkcs1_v1_5() {
    for f in [
        "2048_sha256",
        "2048_sha384",
        "2048_sha512",
        "3072_sha256",
        "3072_sha384",
        "3072_sha512",
        "4096_sha256",
        "4096_sha384",
        "4096_sha512",
    ] {
        let t = run(
            &format!("rsa_signature_{f}_test.json"),
            |g| match sha_bits(g) {
                "256" => Some("RS256"),
                "384" => Some("RS384"),
                "512" => Some("RS512"),
                _ => None,
            },
            pem_key,
        );
        assert!(t.valid > 0 && t.invalid > 0);
    }
}

#[test]
fn rsa_pss() {
    for f in [
        "2048_sha256_mgf1_32",
        "2048_sha384_mgf1_48",
        "3072_sha256_mgf1_32",
        "4096_sha256_mgf1_32",
        "4096_sha384_mgf1_48",
        "4096_sha512_mgf1_64",
    ] {
        let t = run(
            &format!("rsa_pss_{f}_test.json"),
            |g| {
                // JWA PS* fixes MGF1 with the same hash and a salt as long as the hash.
                let hash_len = g.get("sLen").and_then(Node::as_f64)? as usize;
                let same_mgf = text(g, "mgfSha") == text(g, "sha");
                match (sha_bits(g), hash_len, same_mgf) {
                    ("256", 32, true) => Some("PS256"),
                    ("384", 48, true) => Some("PS384"),
                    ("512", 64, true) => Some("PS512"),
                    _ => None,
                }
            },
            pem_key,
        );
        assert!(t.valid > 0 && t.invalid > 0);
    }
}

#[test]
fn ecdsa_p1363() {
    for (f, alg) in [("secp256r1_sha256", "ES256"), ("secp384r1_sha384", "ES384"), ("secp521r1_sha512", "ES512")] {
        let t = run(&format!("ecdsa_{f}_p1363_test.json"), |_| Some(alg), pem_key);
        assert!(t.valid > 0 && t.invalid > 0);
    }
}

#[test]
fn ed25519() {
    let t = run("ed25519_test.json", |_| Some("EdDSA"), pem_key);
    assert!(t.valid > 0 && t.invalid > 0);
}

/// Ed448 (RFC 8032 §5.2): with `Ed448` (RFC 9864) and with `EdDSA` (RFC 8037), the key
/// read as PEM and as the group's JWK.
#[test]
fn ed448() {
    for alg in ["Ed448", "EdDSA"] {
        let t = run("ed448_test.json", |_| Some(alg), pem_key);
        assert!(t.valid > 0 && t.invalid > 0);
        let t = run("ed448_test.json", |_| Some(alg), jwk_key);
        assert!(t.valid > 0 && t.invalid > 0);
    }
}

fn jwk_key(group: &Node, _: &Node) -> Key {
    let jwk = group.get("publicKeyJwk").expect("the group's JWK");
    jwk::parse_jwk(jwk, false, 0).expect("the group's JWK key")
}

#[test]
fn hmac() {
    for (f, alg, bits) in [("sha256", "HS256", 256.0), ("sha384", "HS384", 384.0), ("sha512", "HS512", 512.0)] {
        let t = run(
            &format!("hmac_{f}_test.json"),
            // JWS uses the whole MAC; truncated tags are not JWS signatures.
            |g| (g.get("tagSize").and_then(Node::as_f64) == Some(bits)).then_some(alg),
            |_, case| {
                let key_hex = text(case, "key");
                if key_hex.is_empty() {
                    // An empty key box means "no key"; an empty HMAC key is built directly.
                    return Key::secret(Vec::new(), SecretEncoding::Hex);
                }
                jwk::parse(key_hex, SecretEncoding::Hex).expect("hex key").keys.remove(0)
            },
        );
        assert!(t.valid > 0 && t.invalid > 0);
    }
}
