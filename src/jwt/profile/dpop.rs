//! DPoP proofs (RFC 9449): a JWT that a client signs with its own key and sends beside an
//! access token, whose header carries the public half of that key (`jwk`). Checked as
//! §4.3 says a server checks one, as far as a page that did not receive the request can:
//! `typ`, a public `jwk` and an asymmetric `alg` that fits it, `jti`, `htm`, `htu`, `iat`
//! near now, the signature against the header's own key; with the access token pasted
//! beside it, `ath` and the token's `cnf.jkt` against the key's RFC 7638 thumbprint.
//!
//! The signature check proves that whoever made the proof holds the private half of the
//! key in its header, nothing more: the binding verdict says so.

use super::rules::{self, Checks};
use super::{Binding, BindingKind, Verifier};
use crate::jwt::alg::{JwsAlg, Scheme};
use crate::jwt::base64url;
use crate::jwt::claims::{format_duration, relative, time_of};
use crate::jwt::json::{Node, Value};
use crate::jwt::jwk::{self, KeySet};
use crate::jwt::token::{self, Decoded};
use crate::jwt::verdict::{Outcome, Verdict};

/// How far `iat` may be from now, either way, in seconds. RFC 9449 §4.3 step 11 and §11.1
/// leave the window to the server; proofs are made just before each request, so a few
/// minutes is what servers allow.
pub const IAT_WINDOW: i64 = 300;

/// Checks a DPoP proof, appending its checks to `c`, with the access token `companion`
/// (cleaned; empty when none); returns the binding verdict on its signature.
pub(super) fn check(c: &mut Checks, d: &Decoded, companion: &str, now: i64, verify: Verifier) -> Binding {
    rules::typ(c, "dpop-typ", d, "dpop+jwt", "RFC 9449 §4.2", "requires");
    // The key is the protected header's (the one the signature is checked with), never an
    // unprotected header's of a JSON serialization.
    let jwk = d.header_json().and_then(|h| h.get("jwk"));
    let key = public_key(c, jwk, d);
    let alg = algorithm(c, d, jwk, key.as_ref());
    rules::string(c, "dpop-jti", d, "jti", "RFC 9449 §4.2");
    method(c, d);
    target(c, d);
    issued(c, d, now);
    let outcome = match (&key, &alg) {
        (Some(set), Some(_)) => signature(c, d, set, verify),
        _ => {
            c.skip(
                "dpop-signature",
                "Not checked: the proof's jwk or alg is refused above (RFC 9449 §4.3 steps 5 to 7).",
            );
            Outcome::new(
                Verdict::Invalid,
                "DPoP proof refused before its signature was checked: its header's jwk or alg is not what RFC 9449 §4.2 requires (see the checks).",
            )
        }
    };
    access_token_hash(c, d, companion);
    access_token_key(c, companion, key.as_ref());
    Binding { kind: BindingKind::Dpop, outcome }
}

/// The header's `jwk`: present, an object, no private member, a public key this page reads.
fn public_key(c: &mut Checks, jwk: Option<&Node>, d: &Decoded) -> Option<KeySet> {
    const SPEC: &str = "RFC 9449 §4.2";
    let Some(jwk) = jwk else {
        c.fail(
            "dpop-jwk",
            format!("The header has no jwk; {SPEC} requires the public key the proof is signed with there."),
        );
        return None;
    };
    if !jwk.is_object() {
        c.fail("dpop-jwk", format!("jwk is {}; {SPEC} requires a JWK, a JSON object.", jwk.value.type_name()));
        return None;
    }
    let private: Vec<&str> = jwk::PRIVATE_MEMBERS.into_iter().filter(|m| jwk.get(m).is_some()).collect();
    if !private.is_empty() {
        c.fail(
            "dpop-jwk",
            format!(
                "jwk carries private key members ({}); {SPEC} forbids them (§4.3 step 7): a proof is sent with every request, so that key must be taken as disclosed.",
                private.join(", ")
            ),
        );
        return None;
    }
    let read = d.header_json().map_or(Err(jwk::KeyError::NoEmbeddedKey), jwk::embedded);
    match read {
        Ok(set) => {
            let thumbprint = set.keys.first().map(|k| k.thumbprint.as_str()).unwrap_or_default();
            let what = set.keys.first().map(|k| k.material.kind()).unwrap_or_default();
            c.pass("dpop-jwk", format!("jwk is {what}, with no private member, as {SPEC} requires; its RFC 7638 thumbprint is {thumbprint}."));
            Some(set)
        }
        Err(e) => {
            c.fail("dpop-jwk", format!("jwk cannot be read as a public key ({e}); {SPEC} requires one."));
            None
        }
    }
}

/// `alg`: an asymmetric JWS algorithm (not `none`, not a MAC) that the jwk's key (`read`,
/// when it could be read) is for, by the algorithm table (`JwsAlg::accepts`).
fn algorithm(c: &mut Checks, d: &Decoded, jwk: Option<&Node>, read: Option<&KeySet>) -> Option<JwsAlg> {
    const SPEC: &str = "RFC 9449 §4.2";
    let name = d.alg.as_deref().unwrap_or_default();
    let Some(alg) = JwsAlg::parse(name) else {
        c.fail(
            "dpop-alg",
            format!("alg \"{name}\" is not a JWS algorithm this page knows; {SPEC} requires an asymmetric one."),
        );
        return None;
    };
    if matches!(alg.scheme(), Scheme::Unsecured | Scheme::Hmac) {
        c.fail(
            "dpop-alg",
            format!("alg is \"{alg}\"; {SPEC} requires an asymmetric signature algorithm (not none, not a MAC): the proof shows possession of a private key."),
        );
        return None;
    }
    let key = read.and_then(|set| set.keys.first()).and_then(|k| match &k.material {
        jwk::Material::Public(p) => Some(p),
        _ => None,
    });
    let Some(key) = key else {
        let why = if jwk.is_some_and(Node::is_object) { "the jwk is refused above" } else { "there is no jwk" };
        c.pass("dpop-alg", format!("alg is {alg}, an asymmetric algorithm, as {SPEC} requires ({why}, so there is no key to match it with)."));
        return Some(alg);
    };
    if alg.accepts(key.key_type()) {
        c.pass("dpop-alg", format!("alg is {alg}, an asymmetric algorithm that fits the jwk, as {SPEC} requires."));
        Some(alg)
    } else {
        c.fail(
            "dpop-alg",
            format!(
                "alg is {alg}, which needs {}, but the jwk is an {} (RFC 9449 §4.3 step 5).",
                alg.verifying_key(),
                key.describe()
            ),
        );
        None
    }
}

/// `htm`: an HTTP method (RFC 9110 §9.1: a token).
fn method(c: &mut Checks, d: &Decoded) {
    let htm = d.claims().and_then(|cl| cl.get("htm"));
    let token =
        |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
    match htm.map(|n| &n.value) {
        Some(Value::String(m)) if token(m) => c.pass(
            "dpop-htm",
            format!("htm is {m}; the server compares it with the request's method, which this page cannot know (RFC 9449 §4.2, §4.3 step 8)."),
        ),
        Some(Value::String(_)) => c.fail("dpop-htm", "htm is not an HTTP method (RFC 9449 §4.2, RFC 9110 §9.1)."),
        Some(v) => c.fail("dpop-htm", format!("htm is {}; RFC 9449 §4.2 requires the HTTP method, a string.", v.type_name())),
        None => c.fail("dpop-htm", "htm is missing; RFC 9449 §4.2 requires the request's HTTP method."),
    }
}

/// `htu`: the request's HTTP(S) URI, without query and fragment.
fn target(c: &mut Checks, d: &Decoded) {
    let htu = d.claims().and_then(|cl| cl.get("htu"));
    let http = |s: &str| {
        ["http://", "https://"]
            .iter()
            .any(|p| s.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)) && s.len() > p.len())
    };
    match htu.map(|n| &n.value) {
        Some(Value::String(u)) if !http(u) => c.fail("dpop-htu", "htu is not an absolute http or https URI; RFC 9449 §4.2 requires the request's target URI."),
        Some(Value::String(u)) if u.contains(['?', '#']) => {
            c.fail("dpop-htu", "htu has a query or a fragment; RFC 9449 §4.2 requires the target URI without them.")
        }
        Some(Value::String(_)) => c.pass(
            "dpop-htu",
            "htu is an http(s) URI without query or fragment; the server compares it with the request's URI, which this page cannot know (RFC 9449 §4.2, §4.3 step 9).",
        ),
        Some(v) => c.fail("dpop-htu", format!("htu is {}; RFC 9449 §4.2 requires the request's URI, a string.", v.type_name())),
        None => c.fail("dpop-htu", "htu is missing; RFC 9449 §4.2 requires the request's target URI."),
    }
}

/// `iat`: a NumericDate within [`IAT_WINDOW`] of now.
fn issued(c: &mut Checks, d: &Decoded, now: i64) {
    let window = format_duration(IAT_WINDOW);
    match d.claims().and_then(|cl| cl.get("iat")) {
        None => c.fail("dpop-iat", "iat is missing; RFC 9449 §4.2 requires it."),
        Some(n) => match time_of(n) {
            None => c.fail("dpop-iat", format!("iat is {}, not a NumericDate; RFC 9449 §4.2 requires one.", n.value.type_name())),
            Some(t) if t.millis => c.fail(
                "dpop-iat",
                "iat looks like milliseconds; a NumericDate counts seconds (RFC 7519 §2, RFC 9449 §4.2).",
            ),
            Some(t) if t.seconds.saturating_sub(now).unsigned_abs() <= IAT_WINDOW.unsigned_abs() => c.pass(
                "dpop-iat",
                format!("iat is {}, within this page's window of {window} either side of now (RFC 9449 §4.3 step 11, §11.1 leave the window to the server).", relative(t.seconds, now)),
            ),
            Some(t) => c.fail(
                "dpop-iat",
                format!("iat is {}, outside this page's window of {window} either side of now: a proof is made for one request, just before it (RFC 9449 §4.3 step 11, §11.1).", relative(t.seconds, now)),
            ),
        },
    }
}

/// The signature against the header's own key, as any JWS is verified; the verdict says
/// what it proves.
fn signature(c: &mut Checks, d: &Decoded, set: &KeySet, verify: Verifier) -> Outcome {
    let outcome = verify(d, &Ok(set.clone()));
    let thumbprint = set.keys.first().map(|k| k.thumbprint.as_str()).unwrap_or_default();
    if outcome.verdict == Verdict::Verified {
        c.pass(
            "dpop-signature",
            "The signature verifies with the public key in the proof's own jwk header (RFC 9449 §4.3 step 6).",
        );
        Outcome {
            verdict: Verdict::Verified,
            message: format!(
                "DPoP proof verified with the public key in its own jwk header (thumbprint {thumbprint}). It proves that whoever made it holds that key's private half, nothing more: not who they are, nor that the key is one to trust (RFC 9449 §4.3 step 6); whether it is the key the access token is bound to is the jkt check."
            ),
            ..outcome
        }
    } else {
        c.fail(
            "dpop-signature",
            format!(
                "The signature does not verify with the key in the proof's own jwk header: {} (RFC 9449 §4.3 step 6).",
                outcome.message.trim_end_matches('.')
            ),
        );
        Outcome {
            message: format!("DPoP proof not verified with the key in its own jwk header: {}", outcome.message),
            ..outcome
        }
    }
}

/// `ath`: base64url of SHA-256 of the access token's ASCII octets (RFC 9449 §4.2).
fn access_token_hash(c: &mut Checks, d: &Decoded, companion: &str) {
    let ath = d.claims().and_then(|cl| cl.get("ath"));
    if companion.is_empty() {
        return match ath {
            Some(_) => c.skip(
                "dpop-ath",
                "ath is present; paste the access token beside the proof to check it (RFC 9449 §4.2).",
            ),
            None => c.skip(
                "dpop-ath",
                "No ath and no access token pasted: a proof sent with an access token must carry ath (RFC 9449 §4.2).",
            ),
        };
    }
    let want = base64url::encode(&rules::digest(crate::jwt::alg::HashAlg::Sha256, companion.as_bytes()));
    match ath.map(|n| &n.value) {
        Some(Value::String(a)) if *a == want => c.pass("dpop-ath", "ath is the base64url SHA-256 hash of the pasted access token, as RFC 9449 §4.2 and §4.3 step 12 require."),
        Some(Value::String(a)) => c.fail(
            "dpop-ath",
            format!("ath is {a}, but the base64url SHA-256 hash of the pasted access token is {want}: the proof was made for another access token (RFC 9449 §4.3 step 12)."),
        ),
        Some(v) => c.fail("dpop-ath", format!("ath is {}; RFC 9449 §4.2 requires a base64url hash, a string.", v.type_name())),
        None => c.fail("dpop-ath", "ath is missing, but an access token is pasted: RFC 9449 §4.2 requires ath in a proof sent with one."),
    }
}

/// The access token's `cnf.jkt` against the RFC 7638 thumbprint of the proof's key (RFC
/// 9449 §6.1, §4.3 step 12).
fn access_token_key(c: &mut Checks, companion: &str, key: Option<&KeySet>) {
    if companion.is_empty() {
        return c.skip("dpop-jkt", "Paste the access token beside the proof to compare its cnf.jkt with the proof key's thumbprint (RFC 9449 §6.1).");
    }
    let at = token::decode(companion);
    let Some(claims) = at.claims().filter(|cl| cl.is_object()) else {
        return c.skip(
            "dpop-jkt",
            "The access token is not a JWT whose claims this page can read: only its issuer knows the key it is bound to (token introspection, RFC 9449 §6.2).",
        );
    };
    let jkt = claims.get("cnf").and_then(|cnf| cnf.get("jkt"));
    let Some(jkt) = jkt.and_then(Node::as_str) else {
        return c.fail(
            "dpop-jkt",
            "The access token has no cnf.jkt string: it is not bound to a DPoP key, and a DPoP proof cannot bind it (RFC 9449 §6.1).",
        );
    };
    let Some(thumbprint) = key.and_then(|s| s.keys.first()).map(|k| k.thumbprint.as_str()) else {
        return c.skip(
            "dpop-jkt",
            "The proof's jwk is refused above, so there is no thumbprint to compare with cnf.jkt (RFC 9449 §6.1).",
        );
    };
    if jkt == thumbprint {
        c.pass("dpop-jkt", format!("The access token's cnf.jkt is the RFC 7638 thumbprint of the proof's key, {thumbprint}: the token is bound to this key (RFC 9449 §6.1)."))
    } else {
        c.fail(
            "dpop-jkt",
            format!("The access token's cnf.jkt is {jkt}, but the proof's key has thumbprint {thumbprint}: the token is bound to another key (RFC 9449 §6.1, §4.3 step 12)."),
        )
    }
}

#[cfg(test)]
mod tests {
    use crate::jwt::alg::JwsAlg;
    use crate::jwt::base64url::encode;
    use crate::jwt::jwk::keygen;
    use crate::jwt::jws::sign;
    use crate::jwt::profile::rules::tests::{run, status, statuses, token};
    use crate::jwt::profile::{BindingKind, Inspected, Profile};
    use crate::jwt::verdict::{SecretEncoding, Verdict};

    const NOW: i64 = 1_800_000_000;

    struct Pair {
        public: String,
        private: String,
        thumbprint: String,
    }

    fn pair(kind: &str) -> Pair {
        let k = keygen::generate(kind).expect("a key");
        Pair {
            public: k.public_jwk.expect("public"),
            private: k.private_jwk.expect("private"),
            thumbprint: k.thumbprint,
        }
    }

    /// A proof signed with `key`'s private half, its header `header` (JSON members) and
    /// its claims `claims`.
    fn signed(alg: JwsAlg, key: &Pair, header: &str, claims: &str) -> String {
        let h = format!(r#"{{"alg":"{}",{header}}}"#, alg.name());
        let input = format!("{}.{}", encode(h.as_bytes()), encode(claims.as_bytes()));
        let signer = sign::parse_signer(&key.private, SecretEncoding::Utf8).expect("signer");
        let sig = sign::sign(alg, &signer, input.as_bytes()).expect("signature");
        format!("{input}.{}", encode(&sig))
    }

    fn claims(extra: &str) -> String {
        format!(
            r#"{{"jti":"e1j3V_bKic8-LAEB","htm":"POST","htu":"https://server.example.com/token","iat":{}{extra}}}"#,
            NOW - 10
        )
    }

    fn header(key: &Pair) -> String {
        format!(r#""typ":"dpop+jwt","jwk":{}"#, key.public)
    }

    const IDS: [&str; 10] = [
        "dpop-typ",
        "dpop-jwk",
        "dpop-alg",
        "dpop-jti",
        "dpop-htm",
        "dpop-htu",
        "dpop-iat",
        "dpop-signature",
        "dpop-ath",
        "dpop-jkt",
    ];

    fn expect(i: &Inspected, fails: &[&str], skips: &[&str]) {
        let want: Vec<(String, &str)> = IDS
            .iter()
            .map(|id| {
                (
                    id.to_string(),
                    if fails.contains(id) {
                        "fail"
                    } else if skips.contains(id) {
                        "skip"
                    } else {
                        "pass"
                    },
                )
            })
            .collect();
        assert_eq!(statuses(i), want, "{:#?}", i.checks);
        for c in &i.checks {
            assert!(c.message.contains("RFC 9449 §"), "{}: {}", c.id, c.message);
        }
    }

    fn binding(i: &Inspected) -> Verdict {
        let b = i.binding.as_ref().expect("a binding verdict");
        assert_eq!(b.kind, BindingKind::Dpop);
        b.outcome.verdict
    }

    /// An access token bound to `thumbprint` (`cnf.jkt`).
    fn access_token(thumbprint: &str) -> String {
        token(r#"{"alg":"ES256","typ":"at+jwt"}"#, &format!(r#"{{"sub":"u","cnf":{{"jkt":"{thumbprint}"}}}}"#))
    }

    fn ath(access: &str) -> String {
        encode(&super::rules::digest(crate::jwt::alg::HashAlg::Sha256, access.as_bytes()))
    }

    #[test]
    fn a_proof_verifies_with_its_own_key_and_says_what_that_proves() {
        for (kind, alg) in [
            ("p-256", JwsAlg::Es256),
            ("ed25519", JwsAlg::EdDsa),
            ("p-384", JwsAlg::Es384),
            ("ed448", JwsAlg::Ed448),
            ("ed448", JwsAlg::EdDsa),
        ] {
            let key = pair(kind);
            let proof = signed(alg, &key, &header(&key), &claims(""));
            let i = run(&proof, "");
            assert_eq!(i.profile, Profile::Dpop);
            expect(&i, &[], &["dpop-ath", "dpop-jkt"]);
            assert_eq!(binding(&i), Verdict::Verified, "{kind}");
            let message = &i.binding.as_ref().unwrap().outcome.message;
            assert!(message.contains("nothing more") && message.contains(&key.thumbprint), "{message}");
        }
    }

    #[test]
    fn with_its_access_token_ath_and_jkt_are_checked() {
        let key = pair("p-256");
        let access = access_token(&key.thumbprint);
        let proof = signed(JwsAlg::Es256, &key, &header(&key), &claims(&format!(r#","ath":"{}""#, ath(&access))));
        let i = run(&proof, &access);
        expect(&i, &[], &[]);
        // As the Authorization header carries it.
        expect(&run(&proof, &format!("Authorization: DPoP {access}")), &[], &[]);
        // ath present but no access token pasted.
        expect(&run(&proof, ""), &[], &["dpop-ath", "dpop-jkt"]);
        // Another access token: ath is wrong, and its cnf.jkt names another key.
        let other = access_token(&pair("p-256").thumbprint);
        expect(&run(&proof, &other), &["dpop-ath", "dpop-jkt"], &[]);
        // An access token without cnf is not DPoP-bound; an opaque one is the server's to know.
        let plain = token(r#"{"alg":"ES256"}"#, r#"{"sub":"u"}"#);
        let p = signed(JwsAlg::Es256, &key, &header(&key), &claims(&format!(r#","ath":"{}""#, ath(&plain))));
        expect(&run(&p, &plain), &["dpop-jkt"], &[]);
        let opaque = "2YotnFZFEjr1zCsicMWpAA";
        let p = signed(JwsAlg::Es256, &key, &header(&key), &claims(&format!(r#","ath":"{}""#, ath(opaque))));
        expect(&run(&p, opaque), &[], &["dpop-jkt"]);
        // No ath although an access token is pasted.
        expect(&run(&signed(JwsAlg::Es256, &key, &header(&key), &claims("")), &access), &["dpop-ath"], &[]);
    }

    #[test]
    fn a_tampered_proof_does_not_verify() {
        let key = pair("p-256");
        let proof = signed(JwsAlg::Es256, &key, &header(&key), &claims(""));
        let (head, _) = proof.rsplit_once('.').unwrap();
        let other = signed(JwsAlg::Es256, &key, &header(&key), &claims(r#","nonce":"x""#));
        let forged = format!("{head}.{}", other.rsplit_once('.').unwrap().1);
        let i = run(&forged, "");
        expect(&i, &["dpop-signature"], &["dpop-ath", "dpop-jkt"]);
        assert_eq!(binding(&i), Verdict::Invalid);
        // Signed by another key than the header's.
        let i = run(&signed(JwsAlg::Es256, &pair("p-256"), &header(&key), &claims("")), "");
        assert_eq!((status(&i, "dpop-signature"), binding(&i)), ("fail", Verdict::Invalid));
    }

    #[test]
    fn a_private_jwk_a_mac_or_a_mismatched_alg_is_refused() {
        let key = pair("p-256");
        let private = format!(r#""typ":"dpop+jwt","jwk":{}"#, key.private);
        let i = run(&signed(JwsAlg::Es256, &key, &private, &claims("")), "");
        expect(&i, &["dpop-jwk"], &["dpop-signature", "dpop-ath", "dpop-jkt"]);
        assert_eq!(binding(&i), Verdict::Invalid);
        assert!(i.checks[1].message.contains("(d)"), "{}", i.checks[1].message);
        // HS256 with an oct jwk: both refused.
        let secret = Pair {
            public: String::new(),
            private: r#"{"kty":"oct","k":"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA"}"#.into(),
            thumbprint: String::new(),
        };
        let oct = format!(r#""typ":"dpop+jwt","jwk":{}"#, secret.private);
        let i = run(&signed(JwsAlg::Hs256, &secret, &oct, &claims("")), "");
        expect(&i, &["dpop-jwk", "dpop-alg"], &["dpop-signature", "dpop-ath", "dpop-jkt"]);
        // HS256 beside a public jwk.
        let i = run(&signed(JwsAlg::Hs256, &secret, &header(&key), &claims("")), "");
        expect(&i, &["dpop-alg"], &["dpop-signature", "dpop-ath", "dpop-jkt"]);
        // ES384 does not fit a P-256 key; none is no signature.
        let i = run(&token(&format!(r#"{{"alg":"ES384",{}}}"#, header(&key)), &claims("")), "");
        assert_eq!((status(&i, "dpop-alg"), status(&i, "dpop-signature")), ("fail", "skip"));
        let i = run(&token(&format!(r#"{{"alg":"none",{}}}"#, header(&key)), &claims("")), "");
        assert_eq!(status(&i, "dpop-alg"), "fail");
        // The algorithm table decides the fit (`JwsAlg::accepts`), for every key type: EdDSA
        // takes Ed448 as well as Ed25519, Ed25519 only its own curve, an AKP key its one alg.
        let ed448 = pair("ed448");
        let i = run(&signed(JwsAlg::EdDsa, &ed448, &header(&ed448), &claims("")), "");
        expect(&i, &[], &["dpop-ath", "dpop-jkt"]);
        let i = run(&signed(JwsAlg::Ed448, &ed448, &header(&ed448), &claims("")), "");
        expect(&i, &[], &["dpop-ath", "dpop-jkt"]);
        let i = run(&token(&format!(r#"{{"alg":"Ed25519",{}}}"#, header(&ed448)), &claims("")), "");
        assert_eq!((status(&i, "dpop-alg"), status(&i, "dpop-signature")), ("fail", "skip"));
        let message = &i.checks.iter().find(|c| c.id == "dpop-alg").expect("dpop-alg").message;
        assert!(message.contains("needs an Ed25519 public key, but the jwk is an Ed448 public key"), "{message}");
        let mldsa = pair("ml-dsa-44");
        let i = run(&signed(JwsAlg::MlDsa44, &mldsa, &header(&mldsa), &claims("")), "");
        expect(&i, &[], &["dpop-ath", "dpop-jkt"]);
        let i = run(&token(&format!(r#"{{"alg":"ML-DSA-65",{}}}"#, header(&mldsa)), &claims("")), "");
        assert_eq!((status(&i, "dpop-alg"), status(&i, "dpop-signature")), ("fail", "skip"));
        // No jwk, or one that is no key.
        let i = run(&token(r#"{"alg":"ES256","typ":"dpop+jwt"}"#, &claims("")), "");
        assert_eq!((status(&i, "dpop-jwk"), status(&i, "dpop-alg")), ("fail", "pass"));
        let i = run(
            &token(
                r#"{"alg":"ES256","typ":"dpop+jwt","jwk":{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}}"#,
                &claims(""),
            ),
            "",
        );
        assert_eq!(status(&i, "dpop-jwk"), "fail");
        let i = run(&token(r#"{"alg":"ES256","typ":"dpop+jwt","jwk":"key"}"#, &claims("")), "");
        assert_eq!(status(&i, "dpop-jwk"), "fail");
    }

    #[test]
    fn claims_typ_and_iat_window() {
        let key = pair("p-256");
        let h = header(&key);
        let i = run(&signed(JwsAlg::Es256, &key, &h, "{}"), "");
        expect(&i, &["dpop-jti", "dpop-htm", "dpop-htu", "dpop-iat"], &["dpop-ath", "dpop-jkt"]);
        let odd = r#"{"jti":5,"htm":"GET /","htu":"https://rs.example/r?x=1","iat":"now"}"#;
        let i = run(&signed(JwsAlg::Es256, &key, &h, odd), "");
        expect(&i, &["dpop-jti", "dpop-htm", "dpop-htu", "dpop-iat"], &["dpop-ath", "dpop-jkt"]);
        let i = run(&signed(JwsAlg::Es256, &key, &h, r#"{"jti":"j","htm":"GET","htu":"ftp://x/y#f","iat":1}"#), "");
        expect(&i, &["dpop-htu", "dpop-iat"], &["dpop-ath", "dpop-jkt"]);
        let iat = |t: i64| format!(r#"{{"jti":"j","htm":"GET","htu":"https://rs/r","iat":{t}}}"#);
        for (t, want) in [(NOW - 300, "pass"), (NOW + 300, "pass"), (NOW - 301, "fail"), (NOW + 301, "fail")] {
            let i = run(&signed(JwsAlg::Es256, &key, &h, &iat(t)), "");
            assert_eq!(status(&i, "dpop-iat"), want, "{t}");
            assert!(i.checks[6].message.contains("5 min"), "{}", i.checks[6].message);
        }
        // Milliseconds are not seconds, even when they are now.
        let i = run(&signed(JwsAlg::Es256, &key, &h, &iat(NOW * 1000)), "");
        assert_eq!(status(&i, "dpop-iat"), "fail");
        // typ is what makes it a proof; application/DPoP+JWT is the same type.
        let t = format!(r#""typ":"application/DPoP+JWT","jwk":{}"#, key.public);
        assert_eq!(status(&run(&signed(JwsAlg::Es256, &key, &t, &claims("")), ""), "dpop-typ"), "pass");
        let mut c = super::Checks::default();
        let d =
            crate::jwt::token::decode(&signed(JwsAlg::Es256, &key, &format!(r#""jwk":{}"#, key.public), &claims("")));
        let b = super::check(&mut c, &d, "", NOW, crate::jwt::jws::verify::verify);
        assert_eq!((c.0[0].status.as_str(), b.outcome.verdict), ("fail", Verdict::Verified));
    }
}
