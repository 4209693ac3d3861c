//! ML-DSA in JOSE (RFC 9964) against an independent implementation, npm
//! `@noble/post-quantum` (tests/interop/mldsa.mjs), with fresh keys on every run, at every
//! level, both ways: tokens noble signs (the JOSE framing written in the script) verify
//! here with noble's AKP public JWK, and with the public half of its private JWK, whose
//! `priv` seed must give the same key here; a tampered one does not. Tokens our core signs
//! (hedged and deterministic) with keys our core generates verify in noble, and a
//! tampered signature does not. Needs `node` with `npm install` done.

mod common;
use common::{node, text};

use jwt_lens::jwt::alg::JwsAlg;
use jwt_lens::jwt::json::{self, Node};
use jwt_lens::jwt::jwk::{self, keygen};
use jwt_lens::jwt::jws::{sign, verify};
use jwt_lens::jwt::protocol::SignRequest;
use jwt_lens::jwt::verdict::{SecretEncoding, Verdict};

const LEVELS: [JwsAlg; 3] = [JwsAlg::MlDsa44, JwsAlg::MlDsa65, JwsAlg::MlDsa87];

/// A member's JSON text, as it stands in `line`.
fn member<'a>(line: &'a str, r: &Node, name: &str) -> &'a str {
    &line[r.get(name).expect(name).span.clone()]
}

#[test]
fn tokens_noble_signs_verify_here() {
    let out = node("mldsa.mjs", &["sign"], "");
    let mut seen = Vec::new();
    for line in out.lines() {
        let doc = json::parse(line).expect("a JSON record");
        let r = &doc.root;
        let alg = text(r, "alg");
        seen.push(alg.to_string());
        let (public, private) = (member(line, r, "jwk"), member(line, r, "private_jwk"));
        let keys = jwk::parse(public, SecretEncoding::Utf8).expect("noble's AKP JWK");
        let from_seed = jwk::parse(private, SecretEncoding::Utf8).expect("noble's private AKP JWK");
        // The seed gives the same key here as in noble (FIPS 204 Algorithm 6).
        assert_eq!(keys.keys[0].thumbprint, from_seed.keys[0].thumbprint, "{alg}");
        for set in [keys, from_seed] {
            let o = verify::verify(&jwt_lens::jwt::decode(text(r, "token")), &Ok(set.clone()));
            assert_eq!(o.verdict, Verdict::Verified, "{alg}: {}", o.message);
            let o = verify::verify(&jwt_lens::jwt::decode(text(r, "tampered")), &Ok(set));
            assert_eq!(o.verdict, Verdict::Invalid, "{alg} tampered: {}", o.message);
        }
    }
    assert_eq!(seen, LEVELS.map(|a| a.name().to_string()));
}

#[test]
fn tokens_we_sign_verify_in_noble() {
    let mut lines = Vec::new();
    for alg in LEVELS {
        let kind = format!("ml-dsa-{}", &alg.name()[7..]);
        let b = keygen::generate(&kind).expect("key generation");
        for (key, deterministic) in [(b.private_jwk.clone().unwrap(), false), (b.private_pem.clone().unwrap(), true)] {
            let r = sign::answer(&SignRequest {
                header: format!("{{\"alg\":\"{alg}\",\"typ\":\"JWT\"}}"),
                payload: "{\"sub\":\"jwt-lens\"}".into(),
                alg: alg.name().into(),
                key,
                deterministic,
                ..SignRequest::default()
            });
            let token = r.token.unwrap_or_else(|e| panic!("{alg}: {e}"));
            lines.push(format!(
                "{{\"alg\":{},\"token\":{},\"jwk\":{}}}",
                json::quote(alg.name()),
                json::quote(&token),
                b.public_jwk.clone().unwrap()
            ));
        }
    }
    let out = node("mldsa.mjs", &["verify"], &lines.join("\n"));
    let results: Vec<String> = out.lines().map(str::to_string).collect();
    assert_eq!(results.len(), lines.len(), "{out}");
    for (line, result) in lines.iter().zip(&results) {
        let doc = json::parse(result).expect("a JSON record");
        let (ok, tampered) = (member(result, &doc.root, "ok"), member(result, &doc.root, "tampered_ok"));
        assert_eq!((ok, tampered), ("true", "false"), "{alg}: {result}", alg = &line[..24]);
    }
}
