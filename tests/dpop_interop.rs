//! Interoperability of DPoP (RFC 9449): proofs made at test time by an independent
//! implementation (npm `jose`, tests/interop/dpop.mjs) with fresh keys (ES256, RS256,
//! PS256, EdDSA), alone and with `ath` beside an access token bound by `cnf.jkt`, pass every
//! check here and verify against their own `jwk`; a tampered proof, one signed by another
//! key, a wrong `ath`, a token bound to another key, a private `jwk` and an HS256 proof fail
//! with the check that names why. Needs `node` with `npm install` done and `openssl`.

use std::collections::BTreeSet;
use std::time::{SystemTime, UNIX_EPOCH};

mod common;
use common::{node, text};

use jwt_lens::jwt::json;
use jwt_lens::jwt::profile::{BindingKind, CheckStatus, Profile};
use jwt_lens::jwt::protocol::{Answer, InspectRequest, Question};
use jwt_lens::jwt::service;
use jwt_lens::jwt::verdict::Verdict;

#[test]
fn proofs_made_by_jose_verify_here_and_broken_ones_fail_the_right_check() {
    let out = node("dpop.mjs", &[], "");
    let now = SystemTime::now().duration_since(UNIX_EPOCH).expect("a clock after 1970").as_secs() as i64;
    let mut wrong = Vec::new();
    let mut seen = BTreeSet::new();
    for line in out.lines() {
        let doc = json::parse(line).expect("a JSON record");
        let r = &doc.root;
        let (alg, case, fails) = (text(r, "alg"), text(r, "case"), text(r, "fails"));
        let access = text(r, "access_token");
        let q = Question::Inspect(InspectRequest {
            id: 1,
            token: text(r, "proof").to_string(),
            companion: access.to_string(),
            now,
        });
        let Some(Answer::Inspect(a)) = service::answer(&q) else { panic!("no inspect answer") };
        let name = format!("{alg} {case}");
        seen.insert(name.clone());
        if a.profile != Profile::Dpop {
            wrong.push(format!("{name}: recognised as {}", a.profile.as_str()));
            continue;
        }
        let binding = a.binding.as_ref().expect("a binding verdict");
        assert_eq!(binding.kind, BindingKind::Dpop);
        let failed: Vec<&str> =
            a.checks.iter().filter(|c| c.status == CheckStatus::Fail).map(|c| c.id.as_str()).collect();
        let skipped: Vec<&str> =
            a.checks.iter().filter(|c| c.status == CheckStatus::Skip).map(|c| c.id.as_str()).collect();
        if fails.is_empty() {
            let want_skipped: &[&str] = if access.is_empty() { &["dpop-ath", "dpop-jkt"] } else { &[] };
            if !failed.is_empty() || skipped != want_skipped || binding.outcome.verdict != Verdict::Verified {
                wrong.push(format!("{name}: failed {failed:?}, skipped {skipped:?}, {}", binding.outcome.message));
            }
        } else {
            if failed != [fails] {
                wrong.push(format!("{name}: wanted {fails} alone to fail, failed {failed:?}: {:#?}", a.checks));
            }
            // The binding verdict is the signature's: only a proof whose signature or key
            // is refused is not verified.
            let verified = binding.outcome.verdict == Verdict::Verified;
            let want_verified = matches!(fails, "dpop-ath" | "dpop-jkt");
            if verified != want_verified {
                wrong.push(format!(
                    "{name}: binding {}: {}",
                    binding.outcome.verdict.as_str(),
                    binding.outcome.message
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{} records wrong:\n{}", wrong.len(), wrong.join("\n"));
    for alg in ["ES256", "RS256", "PS256", "EdDSA"] {
        for case in
            ["alone", "with-access-token", "tampered", "signed-by-another-key", "wrong-ath", "wrong-jkt", "private-jwk"]
        {
            assert!(seen.contains(&format!("{alg} {case}")), "no {alg} {case} record");
        }
    }
    assert!(seen.contains("HS256 hs256"));
    println!("dpop interop: {} proofs made by jose checked", seen.len());
}
