//! Interoperability: tokens signed at test time by an independent implementation (Node's
//! crypto module, i.e. OpenSSL; certificates by the openssl tool) with fresh keys, in
//! every algorithm and key format, verify here; tampered ones and other keys do not.
//! Needs `node` on the PATH (scripts/test.sh makes sure of it).

use std::collections::BTreeMap;
use std::process::Command;

use jwt_lens::jwt::json::{self, Node};
use jwt_lens::jwt::verdict::{Request, SecretEncoding, Verdict};
use jwt_lens::jwt::verify;

#[test]
fn tokens_signed_by_openssl_verify_and_tampered_ones_do_not() {
    let script = format!("{}/tests/interop/sign.mjs", env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("node").arg(&script).output().unwrap_or_else(|e| panic!("cannot run node {script}: {e}"));
    assert!(out.status.success(), "{script} failed: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("utf-8 output");

    let mut wrong = Vec::new();
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let (mut valid, mut rejected) = (0, 0);
    for line in text.lines() {
        let doc = json::parse(line).expect("a JSON record");
        let s = |k: &str| doc.root.get(k).and_then(Node::as_str).unwrap_or_default().to_string();
        let req = Request {
            token: s("token"),
            key: s("key"),
            encoding: SecretEncoding::from_value(&s("encoding")),
            ..Request::default()
        };
        let report = verify::answer(&req);
        let verified = report.outcome.verdict == Verdict::Verified;
        let want = s("expect") == "valid";
        if verified != want {
            wrong.push(format!(
                "{} {} {}: {} ({})",
                s("alg"),
                s("format"),
                s("case"),
                report.outcome.verdict.as_str(),
                report.outcome.message
            ));
        }
        let entry = counts.entry(format!("{} {}", s("alg"), s("format"))).or_default();
        if want {
            entry.0 += 1;
            valid += usize::from(verified);
        } else {
            entry.1 += 1;
            rejected += usize::from(!verified);
        }
    }
    assert!(wrong.is_empty(), "{} records wrong:\n{}", wrong.len(), wrong.join("\n"));
    let formats = counts.len();
    println!(
        "interop: {valid} tokens signed by Node's crypto verified, {rejected} tampered or wrong-key tokens rejected, over {formats} algorithm × key-format pairs"
    );
    assert!(valid >= 80 && formats >= 80, "{valid} valid over {formats} pairs");
}
