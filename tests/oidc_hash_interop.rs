//! Interoperability of the ID token hashes (`at_hash`, `c_hash`: OpenID Connect Core
//! §3.1.3.6, §3.3.2.11) with an independent implementation, npm `oidc-token-hash` 5.2.0
//! (tests/interop/oidc-hash.mjs), over a fresh access token and code on every run, for
//! every kind of alg: those whose name carries the hash (RS256, PS384, ES512, HS256,
//! ES256K) and those whose hash OpenID Connect Token Hash Algorithms 1.0 gives (EdDSA with
//! each curve, Ed25519, Ed448, ML-DSA-44/65/87). Its values pass here, each against the
//! value it was made from, and the half hashes it refuses for an alg (made with other
//! algs' hashes) fail here. One difference is by design: alg `EdDSA` names no curve and the
//! inspect question carries no key, so the other curve's form passes here too, with a
//! message naming the curve it implies. Needs `node` with `npm install` done.

mod common;
use common::{node, text};

use jwt_lens::jwt::base64url::encode;
use jwt_lens::jwt::json::{self, Value};
use jwt_lens::jwt::profile::{CheckStatus, Profile};
use jwt_lens::jwt::protocol::Inspection;
use jwt_lens::jwt::protocol::{Answer, InspectRequest, Question};
use jwt_lens::jwt::service;

const NOW: i64 = 1_800_000_000;

/// An ID token (its signature is not checked by the profile's rules) with `alg`, `at_hash`
/// and `c_hash`.
fn id_token(alg: &str, at_hash: &str, c_hash: &str) -> String {
    let header = format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#);
    let payload = format!(
        r#"{{"iss":"https://op.example","sub":"u1","aud":"client","exp":{},"iat":{NOW},"nonce":"n","at_hash":"{at_hash}","c_hash":"{c_hash}"}}"#,
        NOW + 600
    );
    format!("{}.{}.c2lnbmF0dXJl", encode(header.as_bytes()), encode(payload.as_bytes()))
}

fn inspect(token: &str, companion: &str) -> Inspection {
    let q = Question::Inspect(InspectRequest {
        id: 1,
        token: token.to_string(),
        companion: companion.to_string(),
        now: NOW,
    });
    let Some(Answer::Inspect(a)) = service::answer(&q) else { panic!("no inspect answer") };
    assert_eq!(a.profile, Profile::IdToken, "{token}");
    a
}

fn check<'a>(a: &'a Inspection, id: &str) -> (CheckStatus, &'a str) {
    let c = a.checks.iter().find(|c| c.id == id).unwrap_or_else(|| panic!("no {id} check: {:?}", a.checks));
    (c.status, c.message.as_str())
}

#[test]
fn token_hashes_made_by_oidc_token_hash_pass_here_and_the_ones_it_refuses_fail() {
    let out = node("oidc-hash.mjs", &[], "");
    let mut wrong = Vec::new();
    let mut algs = Vec::new();
    for line in out.lines() {
        let doc = json::parse(line).expect("a JSON record");
        let r = &doc.root;
        let (alg, crv) = (text(r, "alg"), text(r, "crv"));
        let (access, code) = (text(r, "access_token"), text(r, "code"));
        let name = format!("{alg} {crv}");
        algs.push(name.clone());
        let token = id_token(alg, text(r, "at_hash"), text(r, "c_hash"));
        let statuses = |companion: &str| {
            let a = inspect(&token, companion);
            (check(&a, "at-hash").0, check(&a, "c-hash").0)
        };
        for (companion, want) in [
            (access, (CheckStatus::Pass, CheckStatus::Skip)),
            (code, (CheckStatus::Skip, CheckStatus::Pass)),
            ("another-value", (CheckStatus::Fail, CheckStatus::Fail)),
        ] {
            let got = statuses(companion);
            if got != want {
                wrong.push(format!("{name}, {companion}: {got:?}, wanted {want:?}"));
            }
        }
        let others = match r.get("wrong").map(|n| &n.value) {
            Some(Value::Array(items)) => items.as_slice(),
            _ => &[],
        };
        assert!(!others.is_empty(), "{name}: no wrong values");
        for other in others {
            let (value, with) = (text(other, "value"), text(other, "with"));
            let a = inspect(&id_token(alg, value, text(r, "c_hash")), access);
            let (status, message) = check(&a, "at-hash");
            // EdDSA: the other curve's hash (Ed448's SHAKE256 for an Ed25519 key, SHA-512 for
            // an Ed448 key) passes, saying which curve the value belongs to.
            let other_curve = match (alg, crv, with) {
                ("EdDSA", "Ed25519", "Ed448") => Some("Ed448's hash"),
                ("EdDSA", "Ed448", "RS512") => Some("Ed25519's hash"),
                _ => None,
            };
            match other_curve {
                Some(curve) if status != CheckStatus::Pass || !message.contains(curve) => {
                    wrong.push(format!("{name}, {with}'s hash: {status:?} {message}"))
                }
                None if status != CheckStatus::Fail => {
                    wrong.push(format!("{name}, {with}'s hash, which oidc-token-hash refuses: {status:?} {message}"))
                }
                _ => {}
            }
        }
    }
    assert_eq!(algs.len(), 12, "{algs:?}");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
