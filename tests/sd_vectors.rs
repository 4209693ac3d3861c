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
        ("more than 10 MiB", format!("{jwt}~{}~", "A".repeat(11 << 20)), SdProblemCode::TooLarge),
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
            assert!(p.message.contains("RFC 9901 §") || p.code == "sd-too-large", "{what}: {}", p.message);
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
