//! RFC 9901's examples (tests/data/sd-jwt, see its README) processed here: each disclosure's
//! digest is the one the RFC prints, each presentation's disclosed payload is the Processed
//! SD-JWT Payload the RFC prints, each issuance discloses everything with no problem, the
//! decoys are the ones the RFC lists, and `sd_hash` covers what §4.3.1 and §8.1 say. Then
//! every refusal code, each from a tampered vector.
#![cfg(feature = "crypto")]

use std::collections::BTreeSet;

use jwt_lens::jwt::base64url::encode;
use jwt_lens::jwt::json;
use jwt_lens::jwt::sd::{DisclosureStatus, Presentation, SdAlg, SdProblemCode, SdReport, process};

fn data(name: &str) -> String {
    let path = format!("{}/tests/data/sd-jwt/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `digest disclosure` lines.
fn disclosures(example: &str) -> Vec<(String, String)> {
    data(&format!("{example}/disclosures.txt"))
        .lines()
        .filter_map(|l| l.split_once(' '))
        .map(|(h, d)| (h.to_string(), d.to_string()))
        .collect()
}

fn value(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

fn codes(r: &SdReport) -> Vec<&str> {
    r.problems.iter().map(|p| p.code.as_str()).collect()
}

/// An SD-JWT whose issuer-signed JWT has `payload` (the signature is not checked here).
fn unsigned(payload: &str, disclosures: &[&str]) -> String {
    let mut text = format!("eyJhbGciOiJFUzI1NiJ9.{}.c2ln~", encode(payload.as_bytes()));
    for d in disclosures {
        text.push_str(d);
        text.push('~');
    }
    text
}

const EXAMPLES: [&str; 8] =
    ["simple", "flat", "structured", "recursive", "simple_structured", "complex_ekyc", "arf-pid", "jsonld"];

#[test]
fn every_disclosure_has_the_digest_the_rfc_prints() {
    let mut n = 0;
    for example in EXAMPLES {
        for (digest, disclosure) in disclosures(example) {
            assert_eq!(SdAlg::Sha256.digest(&disclosure), digest, "{example}: {disclosure}");
            n += 1;
        }
    }
    assert!(n > 60, "{n} disclosures");
}

#[test]
fn every_payload_with_all_its_disclosures_discloses_everything() {
    for example in EXAMPLES.into_iter().filter(|e| *e != "simple") {
        let payload = data(&format!("{example}/payload.json"));
        let all = disclosures(example);
        let refs: Vec<&str> = all.iter().map(|(_, d)| d.as_str()).collect();
        let r = process(&unsigned(&payload, &refs));
        assert_eq!(codes(&r), Vec::<&str>::new(), "{example}");
        for (d, (digest, _)) in r.disclosures.iter().zip(&all) {
            assert_eq!((&d.digest, d.status), (digest, Some(DisclosureStatus::Matched)), "{example}");
            assert!(d.path.is_some(), "{example}");
        }
        let disclosed = r.payload.unwrap_or_default();
        assert!(!disclosed.contains("\"_sd\"") && !disclosed.contains("\"...\""), "{example}: {disclosed}");
        assert!(!disclosed.contains("_sd_alg"), "{example}: {disclosed}");
    }
}

#[test]
fn the_decoys_are_the_ones_the_rfc_lists() {
    // Appendix A.1 adds six decoy digests; with every disclosure, they alone match nothing.
    let payload = data("simple_structured/payload.json");
    let all = disclosures("simple_structured");
    let refs: Vec<&str> = all.iter().map(|(_, d)| d.as_str()).collect();
    let r = process(&unsigned(&payload, &refs));
    assert_eq!(r.decoys, data("simple_structured/decoys.txt").lines().count());
    assert_eq!(r.decoys, 6);
    // Its presentation discloses two of the address's claims: the rest are undisclosed too.
    let r = process(&data("simple_structured/presentation.txt"));
    assert_eq!(r.decoys, all.len() + 6 - 2);
}

#[test]
fn presentations_disclose_the_processed_payload_the_rfc_prints() {
    for example in ["simple", "simple_structured", "complex_ekyc", "arf-pid", "jsonld"] {
        let r = process(&data(&format!("{example}/presentation.txt")));
        assert_eq!(codes(&r), Vec::<&str>::new(), "{example}");
        assert!(r.disclosures.iter().all(|d| d.status == Some(DisclosureStatus::Matched)), "{example}");
        let got = value(r.payload.as_deref().unwrap_or_default());
        assert_eq!(got, value(&data(&format!("{example}/processed.json"))), "{example}");
    }
    // The disclosed claims follow the others, in the order of their digests (as the RFC's
    // example and the reference implementation have them); strings as written.
    let r = process(&data("simple/presentation.txt"));
    assert_eq!(r.payload, json::compact_text(&data("simple/processed.json")));
    let paths: Vec<_> = r.disclosures.iter().map(|d| d.path.as_deref().unwrap_or_default()).collect();
    assert_eq!(paths, ["/family_name", "/address", "/given_name", "/nationalities/0"]);
    assert_eq!(r.disclosures[3].name, None);
    assert_eq!(r.disclosures[3].value.as_deref(), Some("\"US\""));
    assert_eq!(r.disclosures[0].salt.as_deref(), Some("eluV5Og3gSNII8EYnsxA_A"));
}

#[test]
fn issuances_disclose_everything() {
    for example in ["simple", "arf-pid", "jsonld"] {
        let r = process(&data(&format!("{example}/issuance.txt")));
        assert_eq!(codes(&r), Vec::<&str>::new(), "{example}");
        assert!(r.disclosures.iter().all(|d| d.status == Some(DisclosureStatus::Matched)), "{example}");
        assert_eq!(r.decoys, 0, "{example}");
    }
}

#[test]
fn sd_hash_covers_what_the_rfc_says() {
    // §4.3.1: the compact SD-JWT up to its last ~; §8.1: built from the JSON serialization.
    let cases = [
        ("simple/presentation.txt", "fMV05vuMARs3uG0Dg0BYd_7mQR9EGBkRof0cTZyuqXE"),
        ("json_flattened/presentation.json", "I2Mcv0qJlB0swb9M9dtZKFKdqAw9UCPr906BwSxGpxw"),
        ("json_general/presentation.json", "m7a0LPRUL2ea-LI7eKhEjf0dsjRv0YdieV_1_-Ngj3I"),
    ];
    for (file, sd_hash) in cases {
        let p = Presentation::read(&data(file));
        assert!(p.kb_jwt.is_some(), "{file}");
        assert_eq!(SdAlg::Sha256.digest(&p.hashed), sd_hash, "{file}");
    }
    let kb = value(&data("simple/kb_payload.json"));
    assert_eq!(kb["sd_hash"], "fMV05vuMARs3uG0Dg0BYd_7mQR9EGBkRof0cTZyuqXE");
}

#[test]
fn reads_the_json_serialization() {
    let issued = process(&data("json_flattened/issuance.json"));
    assert_eq!((codes(&issued), issued.disclosures.len()), (vec![], 4));
    for file in ["json_flattened/presentation.json", "json_general/presentation.json"] {
        let r = process(&data(file));
        assert_eq!(codes(&r), Vec::<&str>::new(), "{file}");
        let got = value(r.payload.as_deref().unwrap_or_default());
        assert_eq!(got["family_name"], "Doe", "{file}");
        assert_eq!(got["given_name"], "John", "{file}");
        assert_eq!(got.get("_sd"), None, "{file}");
        assert_eq!(r.decoys, 2, "{file}");
    }
}

/// Every refusal, from a tampered vector or a made-up SD-JWT: (what, text, code).
fn refusals() -> Vec<(&'static str, String, SdProblemCode)> {
    let simple = data("simple/presentation.txt");
    let issued = data("simple/issuance.txt");
    let (jwt, rest) = issued.split_once('~').unwrap_or_default();
    let first = rest.split('~').next().unwrap_or_default();
    let d = |json: &str| encode(json.as_bytes());
    let digest = |json: &str| SdAlg::Sha256.digest(&d(json));
    let a = r#"["salt", "a", 1]"#;
    let el = r#"["salt", 1]"#;
    vec![
        (
            "a forged disclosure (its value changed)",
            simple.replacen("WyJlbHVWNU9nM2dTTklJOEVZbnN4QV9BIiwgImZhbWlseV9uYW1lIiwgIkRvZSJd", &d(r#"["eluV5Og3gSNII8EYnsxA_A", "family_name", "Roe"]"#), 1),
            SdProblemCode::UnreferencedDisclosure,
        ),
        ("a digest twice", unsigned(&format!(r#"{{"_sd": ["{0}"], "o": {{"_sd": ["{0}"]}}}}"#, digest(a)), &[&d(a)]), SdProblemCode::RepeatedDigest),
        ("a disclosure twice", format!("{jwt}~{first}~{first}~"), SdProblemCode::DuplicateDisclosure),
        ("the name _sd", unsigned("{}", &[&d(r#"["s", "_sd", []]"#)]), SdProblemCode::ForbiddenName),
        ("a name already there", unsigned(&format!(r#"{{"a": 0, "_sd": ["{}"]}}"#, digest(a)), &[&d(a)]), SdProblemCode::NameExists),
        ("a claim's disclosure in an array", unsigned(&format!(r#"{{"l": [{{"...": "{}"}}]}}"#, digest(a)), &[&d(a)]), SdProblemCode::WrongForm),
        ("an element's disclosure in _sd", unsigned(&format!(r#"{{"_sd": ["{}"]}}"#, digest(el)), &[&d(el)]), SdProblemCode::WrongForm),
        ("_sd not an array of strings", unsigned(r#"{"_sd": [1]}"#, &[]), SdProblemCode::BadSdArray),
        ("_sd_alg md5", unsigned(r#"{"_sd_alg": "md5"}"#, &[]), SdProblemCode::UnsupportedAlg),
        ("a disclosure of one element", unsigned("{}", &[&d(r#"["s"]"#)]), SdProblemCode::MalformedDisclosure),
        ("a padded disclosure", format!("{jwt}~{first}==~"), SdProblemCode::MalformedDisclosure),
        ("a payload that is an array", unsigned("[]", &[]), SdProblemCode::PayloadNotObject),
        ("an empty disclosure", format!("{jwt}~~{first}~"), SdProblemCode::EmptyDisclosure),
        ("disclosures nested 200 deep", nested(200), SdProblemCode::TooDeep),
        (
            "disclosures that are not strings",
            r#"{"payload": "e30", "protected": "eyJhbGciOiJFUzI1NiJ9", "signature": "c2ln", "header": {"disclosures": [1]}}"#.to_string(),
            SdProblemCode::BadJsonSerialization,
        ),
        (
            "more disclosures than the page reads",
            format!("{jwt}{}", "~".repeat(jwt_lens::jwt::limits::MAX_DISCLOSURES + 2)),
            SdProblemCode::TooManyDisclosures,
        ),
    ]
}

/// `n` disclosures, each the only claim of the next.
fn nested(n: usize) -> String {
    let mut ds = vec![encode(br#"["s", "x", 0]"#)];
    for i in 1..n {
        let prev = SdAlg::Sha256.digest(ds.last().map(String::as_str).unwrap_or_default());
        ds.push(encode(format!(r#"["s{i}", "x", {{"_sd": ["{prev}"]}}]"#).as_bytes()));
    }
    let top = SdAlg::Sha256.digest(ds.last().map(String::as_str).unwrap_or_default());
    let refs: Vec<&str> = ds.iter().map(String::as_str).collect();
    unsigned(&format!(r#"{{"_sd": ["{top}"]}}"#), &refs)
}

#[test]
fn every_refusal_code_is_reported() {
    let mut covered = BTreeSet::new();
    for (what, text, code) in refusals() {
        let r = process(&text);
        assert!(codes(&r).contains(&code.as_str()), "{what}: {:?}", r.problems);
        for p in &r.problems {
            assert!(p.message.contains("RFC 9901 §"), "{what}: {}", p.message);
            assert_eq!(SdProblemCode::parse(&p.code).map(|c| c.as_str()), Some(p.code.as_str()));
        }
        covered.insert(code.as_str());
    }
    let all: BTreeSet<&str> = SdProblemCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(covered, all, "a refusal code without a test");
}

#[test]
fn a_forged_disclosure_is_not_put_in_place() {
    let text = refusals().into_iter().next().map(|(_, text, _)| text).unwrap_or_default();
    let r = process(&text);
    assert_eq!(r.disclosures[0].status, Some(DisclosureStatus::Unmatched));
    let got = value(r.payload.as_deref().unwrap_or_default());
    assert_eq!(got.get("family_name"), None);
    assert_eq!(got["given_name"], "John");
}

mod key_binding {
    use super::*;
    use jwt_lens::jwt::alg::JwsAlg;
    use jwt_lens::jwt::jwk::SecretEncoding;
    use jwt_lens::jwt::jwk::keygen;
    use jwt_lens::jwt::jws::sign::{parse_signer, sign};
    use jwt_lens::jwt::jws::verify::verify;
    use jwt_lens::jwt::profile::kb::{CHECK_IDS, check};
    use jwt_lens::jwt::profile::{Binding, Check, CheckStatus};
    use jwt_lens::jwt::verdict::Verdict;

    /// The RFC's KB-JWTs were made at 1748536865.
    const NOW: i64 = 1_748_536_900;

    fn statuses(checks: &[Check]) -> Vec<(&str, &str)> {
        checks.iter().map(|c| (c.id.as_str(), c.status.as_str())).collect()
    }

    fn verdict(binding: &Option<Binding>) -> Option<Verdict> {
        binding.as_ref().map(|b| b.outcome.verdict)
    }

    #[test]
    fn the_rfc_presentations_are_bound() {
        for file in [
            "simple/presentation.txt",
            "arf-pid/presentation.txt",
            "jsonld/presentation.txt",
            "json_flattened/presentation.json",
            "json_general/presentation.json",
        ] {
            let (checks, binding) = check(&data(file), NOW, verify);
            let ids: Vec<&str> = checks.iter().map(|c| c.id.as_str()).collect();
            assert_eq!(ids, CHECK_IDS, "{file}");
            assert!(checks.iter().all(|c| c.status == CheckStatus::Pass), "{file}: {checks:#?}");
            assert!(checks.iter().all(|c| c.message.contains("RFC ")), "{file}: {checks:#?}");
            assert_eq!(verdict(&binding), Some(Verdict::Verified), "{file}: {binding:?}");
            let message = binding.map(|b| b.outcome.message).unwrap_or_default();
            assert!(message.contains("not say who issued"), "{message}");
        }
    }

    #[test]
    fn an_sd_jwt_without_kb_jwt_has_no_binding() {
        assert_eq!(check(&data("simple/issuance.txt"), NOW, verify), (vec![], None));
    }

    #[test]
    fn a_replayed_kb_jwt_is_invalid() {
        // The RFC's KB-JWT after other disclosures: its sd_hash covers another presentation.
        let presented = data("simple/presentation.txt");
        let kb = presented.rsplit('~').next().unwrap_or_default();
        let (checks, binding) = check(&format!("{}{kb}", data("simple/issuance.txt")), NOW, verify);
        assert!(statuses(&checks).contains(&("kb-sd-hash", "fail")));
        assert!(statuses(&checks).contains(&("kb-signature", "pass")));
        assert_eq!(verdict(&binding), Some(Verdict::Invalid));
    }

    /// A holder key: its private JWK and public JWK.
    fn holder() -> (String, String) {
        let k = keygen::generate("p-256").expect("a P-256 key");
        (k.private_jwk.unwrap_or_default(), k.public_jwk.unwrap_or_default())
    }

    /// A public JWK's SPKI PEM.
    fn pem(public_jwk: &str) -> String {
        let k = keygen::convert(public_jwk, SecretEncoding::Utf8).expect("a key");
        k.public_pem.expect("a public PEM")
    }

    /// An SD-JWT+KB: an issuer payload with `cnf` (raw JSON, or none), no disclosure, and a
    /// KB-JWT with this header and these claims (`sd_hash` added when `None` is not asked),
    /// signed with `alg` by `private`.
    fn presentation(cnf: Option<&str>, header: &str, claims: &str, alg: JwsAlg, private: &str) -> String {
        let issuer = match cnf {
            Some(c) => format!(r#"{{"iss": "https://issuer.example", "cnf": {c}}}"#),
            None => r#"{"iss": "https://issuer.example"}"#.to_string(),
        };
        let sd_jwt = unsigned(&issuer, &[]);
        let sd_hash = SdAlg::Sha256.digest(&sd_jwt);
        let claims = claims.replace("SD_HASH", &sd_hash);
        let input = format!("{}.{}", encode(header.as_bytes()), encode(claims.as_bytes()));
        let signer = parse_signer(private, SecretEncoding::Utf8).expect("a signing key");
        let sig = sign(alg, &signer, input.as_bytes()).expect("signed");
        format!("{sd_jwt}{input}.{}", encode(&sig))
    }

    const CLAIMS: &str =
        r#"{"iat": 1748536865, "aud": "https://verifier.example", "nonce": "n-0S6", "sd_hash": "SD_HASH"}"#;
    const HEADER: &str = r#"{"alg": "ES256", "typ": "kb+jwt"}"#;

    #[test]
    fn each_rule_is_checked() {
        let (private, public) = holder();
        let (other, _) = holder();
        let cnf = format!(r#"{{"jwk": {public}}}"#);
        let cnf = Some(cnf.as_str());
        let es = JwsAlg::Es256;
        let private_cnf = format!(r#"{{"jwk": {private}}}"#);
        // What, the presentation, a check's (id, status), the binding verdict.
        type Case<'a> = (&'a str, String, (&'a str, &'a str), Option<Verdict>);
        let cases: Vec<Case> = vec![
            (
                "all good",
                presentation(cnf, HEADER, CLAIMS, es, &private),
                ("kb-signature", "pass"),
                Some(Verdict::Verified),
            ),
            (
                "typ JWT",
                presentation(cnf, r#"{"alg": "ES256", "typ": "JWT"}"#, CLAIMS, es, &private),
                ("kb-typ", "fail"),
                Some(Verdict::Invalid),
            ),
            (
                "no typ",
                presentation(cnf, r#"{"alg": "ES256"}"#, CLAIMS, es, &private),
                ("kb-typ", "fail"),
                Some(Verdict::Invalid),
            ),
            (
                "HS256",
                presentation(
                    cnf,
                    r#"{"alg": "HS256", "typ": "kb+jwt"}"#,
                    CLAIMS,
                    JwsAlg::Hs256,
                    "a shared secret of enough length!",
                ),
                ("kb-alg", "fail"),
                Some(Verdict::Invalid),
            ),
            (
                "iat in the future",
                presentation(cnf, HEADER, &CLAIMS.replace("1748536865", "1848536865"), es, &private),
                ("kb-iat", "fail"),
                Some(Verdict::Verified),
            ),
            (
                "aud an array",
                presentation(
                    cnf,
                    HEADER,
                    &CLAIMS.replace(r#""https://verifier.example""#, r#"["a", "b"]"#),
                    es,
                    &private,
                ),
                ("kb-aud", "fail"),
                Some(Verdict::Verified),
            ),
            (
                "no nonce",
                presentation(cnf, HEADER, &CLAIMS.replace(r#""nonce": "n-0S6", "#, ""), es, &private),
                ("kb-nonce", "fail"),
                Some(Verdict::Verified),
            ),
            (
                "no sd_hash",
                presentation(cnf, HEADER, &CLAIMS.replace(r#", "sd_hash": "SD_HASH""#, ""), es, &private),
                ("kb-sd-hash", "fail"),
                Some(Verdict::Invalid),
            ),
            ("no cnf", presentation(None, HEADER, CLAIMS, es, &private), ("kb-cnf", "fail"), Some(Verdict::Error)),
            (
                "cnf by thumbprint",
                presentation(Some(r#"{"jkt": "abc"}"#), HEADER, CLAIMS, es, &private),
                ("kb-cnf", "skip"),
                Some(Verdict::Error),
            ),
            (
                "a private cnf.jwk",
                presentation(Some(&private_cnf), HEADER, CLAIMS, es, &private),
                ("kb-cnf", "fail"),
                Some(Verdict::Error),
            ),
            // cnf.jwk is one JWK object, read as a token's key is, never as a pasted key:
            // a key set (holding the private key, or two keys), a PEM or a secret string is
            // not a holder key, even when the KB-JWT is signed with what it holds.
            (
                "cnf.jwk a key set holding the private key",
                presentation(Some(&format!(r#"{{"jwk": {{"keys": [{private}]}}}}"#)), HEADER, CLAIMS, es, &private),
                ("kb-cnf", "fail"),
                Some(Verdict::Error),
            ),
            (
                "cnf.jwk a key set of two",
                presentation(
                    Some(&format!(r#"{{"jwk": {{"keys": [{public}, {public}]}}}}"#)),
                    HEADER,
                    CLAIMS,
                    es,
                    &private,
                ),
                ("kb-cnf", "fail"),
                Some(Verdict::Error),
            ),
            (
                "cnf.jwk a PEM string",
                presentation(
                    Some(&format!(r#"{{"jwk": {}}}"#, serde_json::Value::String(pem(&public)))),
                    HEADER,
                    CLAIMS,
                    es,
                    &private,
                ),
                ("kb-cnf", "fail"),
                Some(Verdict::Error),
            ),
            (
                "cnf.jwk a secret string",
                presentation(Some(r#"{"jwk": "hunter2hunter2hunter2hunter2hunter2"}"#), HEADER, CLAIMS, es, &private),
                ("kb-cnf", "fail"),
                Some(Verdict::Error),
            ),
            (
                "typ as a media type",
                presentation(cnf, r#"{"alg": "ES256", "typ": "application/KB+JWT"}"#, CLAIMS, es, &private),
                ("kb-typ", "pass"),
                Some(Verdict::Verified),
            ),
            (
                "signed by another key",
                presentation(cnf, HEADER, CLAIMS, es, &other),
                ("kb-signature", "fail"),
                Some(Verdict::Invalid),
            ),
        ];
        for (what, text, status, want) in cases {
            let (checks, binding) = check(&text, NOW, verify);
            assert!(statuses(&checks).contains(&status), "{what}: {checks:#?}");
            assert_eq!(verdict(&binding), want, "{what}: {binding:?}");
            assert!(checks.iter().all(|c| c.message.contains("RFC ")), "{what}: {checks:#?}");
        }
    }
}

/// What the fuzz target asserts (fuzz/fuzz_targets/sd.rs), on its seeds and on every prefix
/// of one: the disclosed payload is JSON, paths point into it, codes are known.
#[test]
fn the_fuzz_target_holds_on_its_seeds_and_their_prefixes() {
    let dir = format!("{}/fuzz/seeds/sd", env!("CARGO_MANIFEST_DIR"));
    let mut texts: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
        .collect();
    assert!(texts.len() >= 9);
    let simple = data("simple/presentation.txt");
    texts.extend((0..simple.len()).step_by(7).map(|n| simple[..n].to_string()));
    for text in texts {
        let r = process(&text);
        if let Some(payload) = &r.payload {
            assert!(json::parse(payload).is_ok(), "{payload}");
        }
        for p in &r.problems {
            assert!(SdProblemCode::parse(&p.code).is_some());
            assert!(p.disclosure.is_none_or(|i| i < r.disclosures.len()));
        }
        let _ = jwt_lens::jwt::profile::kb::check(&text, 0, jwt_lens::jwt::jws::verify::verify);
    }
}

/// Any one character of a disclosure changed (to another base64url character, or removed):
/// the disclosure is never put in place (its digest no longer matches), and the rest stands.
#[test]
fn a_disclosure_changed_anywhere_is_never_put_in_place() {
    let text = data("simple/presentation.txt");
    let parts: Vec<&str> = text.split('~').collect();
    let (jwt, kb) = (parts[0], parts[parts.len() - 1]);
    let disclosures = &parts[1..parts.len() - 1];
    let mut n = 0;
    for (which, d) in disclosures.iter().enumerate() {
        for at in 0..d.len() {
            for replacement in ["A", "_", ""] {
                if &d[at..at + 1] == replacement {
                    continue;
                }
                let changed = format!("{}{replacement}{}", &d[..at], &d[at + 1..]);
                let mut all: Vec<&str> = disclosures.to_vec();
                all[which] = &changed;
                let r = process(&format!("{jwt}~{}~{kb}", all.join("~")));
                assert_ne!(r.disclosures[which].status, Some(DisclosureStatus::Matched), "{changed}");
                assert!(r.disclosures[which].path.is_none(), "{changed}");
                let others = r.disclosures.iter().enumerate().filter(|(i, _)| *i != which);
                assert!(others.clone().all(|(_, d)| d.status == Some(DisclosureStatus::Matched)), "{changed}");
                assert!(!r.problems.is_empty());
                n += 1;
            }
        }
    }
    assert!(n > 500, "{n} changes");
}
