//! The example gallery (`src/jwt/teach/gallery.json`, as committed: nothing is regenerated
//! here): every example gives exactly the verdict, warnings and problems it states, through
//! the same decode, lint and `service::verify` the page and its worker use; the SD-JWT and
//! DPoP examples give, through `service::inspect` (the worker's answer to the page's inspect
//! question), the profile, disclosures, SD-JWT problems and binding verdict their
//! explanations describe.
#![cfg(feature = "crypto")]

use std::collections::{BTreeSet, HashSet};

use jwt_lens::jwt::profile::CheckStatus;
use jwt_lens::jwt::protocol::{InspectRequest, Inspection, Request};
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
        "sd-jwt-vc",
        "sd-jwt-kb",
        "sd-forged-disclosure",
        "sd-replayed-kb",
        "dpop-access-token",
        "dpop-proof",
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

/// The signed tokens that decode carry the demo payload: the issuer, a subject and a name
/// (not the SD-JWT and DPoP examples, whose claims their profiles define: see below).
#[test]
fn claims_are_readable() {
    for e in examples().iter().filter(|e| e.problems.is_empty() && e.group != SD_GROUP) {
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

/// The group of the SD-JWT (RFC 9901) and DPoP (RFC 9449) examples.
const SD_GROUP: &str = "SD-JWT and DPoP";

/// What the worker's inspection gives for one example of [`SD_GROUP`].
struct Inspected {
    id: &'static str,
    profile: &'static str,
    /// Each disclosure's `data-status`, in the order of the token.
    statuses: &'static [&'static str],
    /// The SD-JWT's problem codes, in order.
    sd_problems: &'static [&'static str],
    /// How many payload digests no disclosure matches (`sd-decoys`' `data-count`).
    decoys: usize,
    /// The binding verdict (`binding-verdict`'s `data-verdict`), if any.
    binding: Option<&'static str>,
    /// The checks that fail.
    failed: &'static [&'static str],
}

const INSPECTED: [Inspected; 6] = [
    Inspected {
        id: "sd-jwt-vc",
        profile: "dc+sd-jwt",
        statuses: &["matched"; 6],
        sd_problems: &[],
        decoys: 3,
        binding: None,
        failed: &[],
    },
    Inspected {
        id: "sd-jwt-kb",
        profile: "dc+sd-jwt",
        statuses: &["matched"; 5],
        sd_problems: &[],
        // The 3 decoys and the email left out.
        decoys: 4,
        binding: Some("verified"),
        failed: &[],
    },
    Inspected {
        id: "sd-forged-disclosure",
        profile: "dc+sd-jwt",
        statuses: &["matched", "unmatched"],
        sd_problems: &["sd-unreferenced-disclosure"],
        decoys: DECOYS_FORGED,
        binding: Some("verified"),
        failed: &[],
    },
    Inspected {
        id: "sd-replayed-kb",
        profile: "dc+sd-jwt",
        statuses: &["matched"; 3],
        sd_problems: &[],
        decoys: DECOYS_REPLAYED,
        binding: Some("invalid"),
        failed: &["kb-sd-hash"],
    },
    Inspected {
        id: "dpop-access-token",
        profile: "at+jwt",
        statuses: &[],
        sd_problems: &[],
        decoys: 0,
        binding: None,
        failed: &[],
    },
    Inspected {
        id: "dpop-proof",
        profile: "dpop+jwt",
        statuses: &[],
        sd_problems: &[],
        decoys: 0,
        binding: Some("verified"),
        // Made in November 2026: outside any server's window for ever after.
        failed: &["dpop-iat"],
    },
];

/// The forged presentation reaches the top-level digests only (the address is not
/// disclosed): those of given_name, email and address, the one decoy among them, and the
/// FR element's in nationalities (the other two decoys are inside the address).
const DECOYS_FORGED: usize = 5;
/// The replayed one likewise, with given_name and email disclosed: address, the decoy, FR.
const DECOYS_REPLAYED: usize = 3;

fn inspect(token: &str, companion: &str, now: i64) -> Inspection {
    service::inspect(&InspectRequest { id: 1, token: token.into(), companion: companion.into(), now })
}

fn example(id: &str) -> Example {
    examples().into_iter().find(|e| e.id == id).unwrap_or_else(|| panic!("no example {id}"))
}

fn status(i: &Inspection, check: &str) -> Option<CheckStatus> {
    i.checks.iter().find(|c| c.id == check).map(|c| c.status)
}

#[test]
fn the_sd_jwt_and_dpop_examples_inspect_as_explained() {
    let all = examples();
    let group: Vec<&str> = all.iter().filter(|e| e.group == SD_GROUP).map(|e| e.id.as_str()).collect();
    assert_eq!(group, INSPECTED.map(|w| w.id), "the group's examples, in order");
    // Now, and decades later: kb-iat holds as long as the KB-JWT was made in the past, and a
    // DPoP proof is out of the server's window for ever.
    for now in [NOW, 3_786_912_000] {
        for want in &INSPECTED {
            let e = example(want.id);
            let i = inspect(&e.token, "", now);
            let id = want.id;
            assert_eq!(i.profile.as_str(), want.profile, "{id}: profile");
            let sd = i.sd.clone().unwrap_or_default();
            assert_eq!(i.sd.is_some(), want.profile.contains("sd-jwt"), "{id}: an SD-JWT report");
            let statuses: Vec<&str> =
                sd.disclosures.iter().map(|d| d.status.map_or("invalid", |s| s.as_str())).collect();
            assert_eq!(statuses, want.statuses, "{id}: disclosures");
            let problems: Vec<&str> = sd.problems.iter().map(|p| p.code.as_str()).collect();
            assert_eq!(problems, want.sd_problems, "{id}: SD-JWT problems");
            assert_eq!(sd.decoys, want.decoys, "{id}: digests no disclosure matches");
            let binding = i.binding.as_ref().map(|b| b.outcome.verdict.as_str());
            assert_eq!(binding, want.binding, "{id}: binding ({:?})", i.binding.as_ref().map(|b| &b.outcome.message));
            let failed: Vec<&str> =
                i.checks.iter().filter(|c| c.status == CheckStatus::Fail).map(|c| c.id.as_str()).collect();
            assert_eq!(failed, want.failed, "{id}: failed checks");
        }
    }
}

/// What each SD-JWT example discloses, and what its explanation says of it.
#[test]
fn the_sd_jwt_examples_disclose_what_they_say() {
    let disclosed = |id: &str| {
        let i = inspect(&example(id).token, "", NOW);
        let payload = i.sd.and_then(|s| s.payload).unwrap_or_else(|| panic!("{id}: no disclosed payload"));
        let root = json::parse(&payload).unwrap_or_else(|e| panic!("{id}: {e:?}")).root;
        (payload, root)
    };
    let text = |n: &json::Node, path: &[&str]| {
        let mut at = Some(n);
        for p in path {
            at = at.and_then(|n| n.get(p));
        }
        at.and_then(|n| n.as_str().map(String::from))
    };
    let (issued_text, issued) = disclosed("sd-jwt-vc");
    for (path, want) in [
        (&["given_name"][..], "Alice"),
        (&["family_name"], "Example"),
        (&["email"], "alice@demo.jwt-lens.example"),
        (&["address", "street_address"], "1 Lens Street"),
        (&["iss"], "https://demo.jwt-lens.example"),
    ] {
        assert_eq!(text(&issued, path).as_deref(), Some(want), "{path:?}");
    }
    assert!(issued.get("_sd").is_none() && issued.get("_sd_alg").is_none());
    let nationalities = issued.get("nationalities").map(|n| json::compact(&issued_text, n));
    assert_eq!(nationalities.as_deref(), Some("[\"DE\",\"FR\"]"), "the array element is put back in place");

    let (_, presented) = disclosed("sd-jwt-kb");
    assert_eq!(text(&presented, &["given_name"]).as_deref(), Some("Alice"));
    assert_eq!(text(&presented, &["address", "street_address"]).as_deref(), Some("1 Lens Street"));
    assert!(presented.get("email").is_none(), "the presentation leaves email out");

    // The forged given_name is put nowhere.
    let (_, forged) = disclosed("sd-forged-disclosure");
    assert!(forged.get("given_name").is_none() && forged.get("family_name").is_some());
    let e = example("sd-forged-disclosure");
    assert!(
        e.token
            .split('~')
            .any(|d| jwt_lens::jwt::base64url::decode_strict(d).is_ok_and(|b| b.windows(7).any(|w| w == b"Mallory")))
    );

    // The replayed KB-JWT is the presentation's, word for word.
    let kb = |id: &str| example(id).token.rsplit_once('~').map(|(_, kb)| kb.to_string()).unwrap_or_default();
    assert!(!kb("sd-jwt-kb").is_empty());
    assert_eq!(kb("sd-replayed-kb"), kb("sd-jwt-kb"));
    assert_eq!(text(&disclosed("sd-replayed-kb").1, &["email"]).as_deref(), Some("alice@demo.jwt-lens.example"));
    let i = inspect(&example("sd-replayed-kb").token, "", NOW);
    assert_eq!(status(&i, "kb-signature"), Some(CheckStatus::Pass), "the stolen KB-JWT is genuinely signed");
}

/// The DPoP proof binds to the access token of the example before it: with that token pasted
/// beside it, ath and cnf.jkt are checked and pass.
#[test]
fn the_dpop_proof_goes_with_its_access_token() {
    let proof = example("dpop-proof");
    let access = example("dpop-access-token");
    let alone = inspect(&proof.token, "", NOW);
    assert_eq!(
        (status(&alone, "dpop-ath"), status(&alone, "dpop-jkt")),
        (Some(CheckStatus::Skip), Some(CheckStatus::Skip))
    );
    let beside = inspect(&proof.token, &access.token, NOW);
    assert_eq!(
        (status(&beside, "dpop-ath"), status(&beside, "dpop-jkt")),
        (Some(CheckStatus::Pass), Some(CheckStatus::Pass))
    );
    assert_eq!(beside.binding.map(|b| b.outcome.verdict), Some(Verdict::Verified));
    // Another access token is refused (the SD-JWT's issuer-signed JWT is not this one).
    let other = example("es256").token;
    let wrong = inspect(&proof.token, &other, NOW);
    assert_eq!(status(&wrong, "dpop-ath"), Some(CheckStatus::Fail));
    // The proof's key box holds the key of its own jwk header.
    let header = proof.token.split('.').next().and_then(|h| jwt_lens::jwt::base64url::decode_strict(h).ok());
    let header = String::from_utf8(header.unwrap_or_default()).unwrap_or_default();
    let doc = json::parse(&header).expect("the proof's header");
    assert_eq!(doc.root.get("jwk").map(|j| json::compact(&header, j)), Some(proof.key.clone()));
}

/// The SD-JWT and DPoP explanations teach what their examples are for, naming the sections.
#[test]
fn the_sd_jwt_and_dpop_explanations_name_their_lessons() {
    for (id, words) in [
        ("sd-jwt-vc", &["salt", "decoy", "nested", "array element", "RFC 9901 §4.2"][..]),
        ("sd-jwt-kb", &["KB-JWT", "sd_hash", "possession", "not who issued", "§4.3"]),
        ("sd-forged-disclosure", &["sd-unreferenced-disclosure", "§7.1", "proves who presents"]),
        ("sd-replayed-kb", &["sd_hash", "kb-sd-hash", "§4.3.1", "nonce"]),
        ("dpop-access-token", &["cnf.jkt", "RFC 7638", "Access token or code"]),
        ("dpop-proof", &["own jwk header", "ath", "dpop-iat", "missing-exp", "token-supplied-key"]),
    ] {
        let e = example(id);
        for w in words {
            assert!(e.explain.contains(w), "{id}: the explanation does not say {w:?}");
        }
        for w in &e.warnings {
            assert!(e.explain.contains(w.as_str()), "{id}: the explanation does not explain {w}");
        }
    }
}
