//! The example gallery (`src/jwt/gallery.json`, as committed: nothing is regenerated here):
//! every example gives exactly the verdict, warnings and problems it states, through the same
//! decode, lint and `service::verify` the page and its worker use.
#![cfg(feature = "crypto")]

use std::collections::{BTreeSet, HashSet};

use jwt_lens::jwt::protocol::Request;
use jwt_lens::jwt::teach::gallery::{self, Example, GALLERY_JSON, GROUPS};
use jwt_lens::jwt::verdict::Verdict;
use jwt_lens::jwt::{Form, WarningCode, decode, json, lint, service};

/// 2026-11-29T00:00:00Z, the time the gallery's warnings were recorded at.
const NOW: i64 = 1_795_910_400;

fn examples() -> Vec<Example> {
    gallery::parse(GALLERY_JSON).unwrap_or_else(|e| panic!("gallery.json: {e}"))
}

fn request(token: &str, key: &str, e: &Example) -> Request {
    Request {
        id: 1,
        token: token.into(),
        key: key.into(),
        encoding: e.encoding,
        detached: None,
        use_embedded: false,
        trusted: false,
    }
}

#[test]
fn every_example_gives_what_it_states() {
    for e in examples() {
        let d = decode(&e.token);
        let report = service::verify(&request(&e.token, &e.key, &e));
        let o = &report.outcome;
        assert_eq!(o.verdict.as_str(), e.verdict, "{}: {}", e.id, o.message);
        let warnings: BTreeSet<&str> = lint(&d, NOW).iter().chain(&o.warnings).map(|w| w.code.as_str()).collect();
        let stated: BTreeSet<&str> = e.warnings.iter().map(String::as_str).collect();
        assert_eq!(warnings, stated, "{}: warnings ({})", e.id, o.message);
        assert_eq!(stated.len(), e.warnings.len(), "{}: a warning is listed twice", e.id);
        let problems: Vec<&str> = d.problems.iter().map(|p| p.code.as_str()).collect();
        assert_eq!(problems, e.problems, "{}: problems", e.id);
    }
}

#[test]
fn the_nested_token_verifies_with_its_own_key() {
    let all = examples();
    let with_inner: Vec<&Example> = all.iter().filter(|e| e.nested_key.is_some()).collect();
    assert_eq!(with_inner.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["nested"]);
    let e = with_inner[0];
    let header = decode(&e.token).header_json().and_then(|h| h.get("cty")).and_then(|c| c.as_str().map(String::from));
    assert_eq!(header.as_deref(), Some("JWT"));
    let outer = service::verify(&request(&e.token, &e.key, e));
    assert_eq!(outer.outcome.verdict, Verdict::Decrypted, "{}", outer.outcome.message);
    let inner = String::from_utf8(outer.plaintext.expect("plaintext")).expect("the inner token is text");
    assert_eq!(decode(&inner).alg.as_deref(), Some("ES256"));
    let checked = service::verify(&request(&inner, e.nested_key.as_deref().unwrap_or_default(), e));
    assert_eq!(checked.outcome.verdict, Verdict::Verified, "{}", checked.outcome.message);
}

#[test]
fn the_gallery_is_complete_and_well_formed() {
    let all = examples();
    let ids: Vec<&str> = all.iter().map(|e| e.id.as_str()).collect();
    let unique: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids in {ids:?}");
    for id in [
        "hs256",
        "rs256",
        "ps256",
        "es256",
        "es384",
        "es512",
        "es256k",
        "eddsa",
        "jwe",
        "ecdh-es",
        "nested",
        "expired",
        "not-yet-valid",
        "alg-none",
        "tampered",
        "wrong-key",
        "alg-confusion",
        "psychic",
        "jku",
        "bad-base64",
        "duplicate-alg",
    ] {
        assert!(unique.contains(id), "no example {id}");
    }
    for e in &all {
        assert!(GROUPS.contains(&e.group.as_str()), "{}: group {}", e.id, e.group);
        assert!(!e.title.trim().is_empty() && !e.explain.trim().is_empty(), "{}: title and explanation", e.id);
        assert!(!e.token.is_empty() && !e.key.is_empty(), "{}: token and key", e.id);
        assert!(Verdict::ALL.iter().any(|v| v.as_str() == e.verdict), "{}: verdict {}", e.id, e.verdict);
        for w in &e.warnings {
            assert!(WarningCode::from_code(w).is_some(), "{}: warning {w}", e.id);
        }
    }
    // Examples of a group stay together, groups in their order.
    let order: Vec<usize> = all.iter().map(|e| GROUPS.iter().position(|g| *g == e.group).unwrap()).collect();
    assert!(order.windows(2).all(|w| w[0] <= w[1]), "groups out of order: {order:?}");

    let note = gallery::note(GALLERY_JSON).expect("note");
    assert!(note.contains("Demo keys") && note.contains("never use them for anything real"), "{note}");
    assert!(json::parse(GALLERY_JSON).unwrap().duplicates.is_empty());
}

/// The signed tokens that decode carry the demo payload: the issuer, a subject and a name.
#[test]
fn claims_are_readable() {
    for e in examples().iter().filter(|e| e.problems.is_empty()) {
        let d = decode(&e.token);
        if d.form == Form::Jwe {
            continue;
        }
        let claims = d.claims().unwrap_or_else(|| panic!("{}: no claims", e.id));
        let get = |k: &str| claims.get(k).and_then(|n| n.as_str().map(String::from));
        assert_eq!(get("iss").as_deref(), Some("https://demo.jwt-lens.example"), "{}", e.id);
        assert!(get("sub").is_some() && get("name").is_some(), "{}", e.id);
    }
}
