//! The first screen's example (`src/ui/example-token.txt`, verified with the demo secret of
//! `src/ui/example-secret.txt`): made by an independent implementation (Node's crypto, i.e.
//! OpenSSL: `tests/interop/example.mjs`), it verifies here, raises no warning about its
//! secret, and stays valid for years, its one warning being `long-lifetime` (a token valid
//! for years lives longer than a day whatever its iat or nbf; without an exp it would
//! raise `missing-exp` instead). Needs `node` on the PATH (scripts/test.sh makes sure of it).
#![cfg(feature = "crypto")]

mod common;
use common::node;

use jwt_lens::jwt::protocol::Request;
use jwt_lens::jwt::verdict::{SecretEncoding, Verdict};
use jwt_lens::jwt::{WarningCode, decode, lint, service};

const TOKEN: &str = include_str!("../src/ui/example-token.txt");
const SECRET: &str = include_str!("../src/ui/example-secret.txt");

/// 2026-01-01T00:00:00Z, the example's iat and nbf.
const ISSUED: i64 = 1_767_225_600;
/// 2036-01-01T00:00:00Z, its exp.
const EXPIRES: i64 = 2_082_758_400;

#[test]
fn the_example_is_what_node_crypto_makes() {
    assert_eq!(node("example.mjs", &[], ""), TOKEN, "run: node tests/interop/example.mjs > src/ui/example-token.txt");
}

#[test]
fn the_example_verifies_with_its_demo_secret_and_no_key_warning() {
    let request = |key: &str| Request {
        id: 1,
        token: TOKEN.into(),
        key: key.into(),
        encoding: SecretEncoding::Utf8,
        ..Request::default()
    };
    let report = service::verify(&request(SECRET));
    assert_eq!(report.outcome.verdict, Verdict::Verified, "{}", report.outcome.message);
    // Neither weak-secret (a well-known default) nor short-secret (under 32 bytes).
    assert!(report.outcome.warnings.is_empty(), "{:?}", report.outcome.warnings);
    assert!(SECRET.len() >= 32);
    // One character off, and it does not.
    let other = format!("{}X", &SECRET[..SECRET.len() - 1]);
    assert_eq!(service::verify(&request(&other)).outcome.verdict, Verdict::Invalid);
}

#[test]
fn the_example_is_valid_for_years_with_only_the_long_lifetime_warning() {
    let d = decode(TOKEN);
    assert!(d.problems.is_empty(), "{:?}", d.problems);
    // From its issue, through 2026-12-01 (when it became the first screen), to its last second.
    for now in [ISSUED, 1_796_083_200, EXPIRES - 86_400, EXPIRES - 1] {
        let codes: Vec<WarningCode> = lint(&d, now).into_iter().map(|w| w.code).collect();
        assert_eq!(codes, [WarningCode::LongLifetime], "at {now}");
    }
    let codes: Vec<WarningCode> = lint(&d, EXPIRES + 1).into_iter().map(|w| w.code).collect();
    assert!(codes.contains(&WarningCode::Expired));
}
