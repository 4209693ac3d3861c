//! The benchmark's handlers (feature `bench`, off by default: the release worker does not
//! have them): `bench` questions from e2e/bench-core.mjs (`protocol::Bench`), timing core
//! operations with the worker's own clock. `scripts/bench.sh` builds the worker with them
//! into its own folder.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use zeroize::Zeroize;

use super::{post, verify_offloaded};
use crate::jwt::jws::verify;
use crate::jwt::protocol::{Answer, Bench, BenchReport};

/// Answers a `bench` question (`verify` as a task of its own: it awaits WebCrypto); its
/// key is zeroized once used.
pub(super) fn handle(mut b: Bench, reply: web_sys::DedicatedWorkerGlobalScope) {
    if b.op == "verify" {
        wasm_bindgen_futures::spawn_local(async move {
            let report = bench_verify(&b).await;
            b.key.zeroize();
            post(&reply, &Answer::Bench(report));
        });
        return;
    }
    let report = bench_answer(&b);
    b.key.zeroize();
    if let Some(report) = report {
        post(&reply, &Answer::Bench(report));
    }
}

/// Milliseconds from the worker's monotonic clock (`performance.now()`).
fn now_ms() -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("performance"))
        .ok()
        .and_then(|p| {
            let now = js_sys::Reflect::get(&p, &JsValue::from_str("now")).ok()?;
            now.dyn_ref::<js_sys::Function>()?.call0(&p).ok()?.as_f64()
        })
        .unwrap_or(0.0)
}

/// How many runs a benchmark asks for: 100 if it does not say, at least 1.
fn iterations(b: &Bench) -> usize {
    b.iterations.unwrap_or(100.0).max(1.0) as usize
}

/// Times one core operation, as the benchmark (e2e/bench-core.mjs) asks:
/// `{"kind":"bench","op":"decode"|"verify-wasm"|"sign"|"keygen"|"decrypt","token","key","alg","header","payload","iterations"}`
/// (`verify` is [`bench_verify`]). Keys are read once, as a caller would keep them; each
/// iteration does the rest (decoding included). Answers `{"kind":"bench","us":…,"ok":…}`:
/// microseconds per operation, and whether the last one succeeded.
fn bench_answer(b: &Bench) -> Option<BenchReport> {
    use crate::jwt::verdict::{SecretEncoding, Verdict};
    use crate::jwt::{base64url, jwe, jwk, jws::sign, token};
    let n = iterations(b);
    let (tok, key, alg) = (&b.token, &b.key, &b.alg);
    let mut ok = false;
    let start;
    match b.op.as_str() {
        "decode" => {
            start = now_ms();
            for _ in 0..n {
                ok = token::decode(tok).problems.is_empty();
            }
        }
        "verify-wasm" => {
            let set = jwk::parse(key, SecretEncoding::Utf8);
            start = now_ms();
            for _ in 0..n {
                ok = verify::verify(&token::decode(tok), &set).verdict == Verdict::Verified;
            }
        }
        "sign" => {
            let signer = sign::parse_signer(key, SecretEncoding::Utf8).ok()?;
            let (header, payload) = (&b.header, &b.payload);
            start = now_ms();
            for _ in 0..n {
                let input =
                    format!("{}.{}", base64url::encode(header.as_bytes()), base64url::encode(payload.as_bytes()));
                ok = crate::jwt::alg::JwsAlg::parse(alg)
                    .and_then(|alg| sign::sign(alg, &signer, input.as_bytes()).ok())
                    .map(|sig| format!("{input}.{}", base64url::encode(&sig)))
                    .is_some();
            }
        }
        // Key generation of the kind named in `alg` (`ml-dsa-65`, `p-256`…).
        "keygen" => {
            start = now_ms();
            for _ in 0..n {
                ok = jwk::keygen::generate(alg).is_ok();
            }
        }
        "decrypt" => {
            let set = jwe::parse_keys(key, SecretEncoding::Utf8);
            start = now_ms();
            for _ in 0..n {
                ok = jwe::decrypt(tok, &set).outcome.verdict == Verdict::Decrypted;
            }
        }
        _ => return None,
    }
    let us = (now_ms() - start) * 1000.0 / n as f64;
    Some(BenchReport { id: b.id, us, ok })
}

/// The benchmark's `verify` (what the page does: WebCrypto for RSA and NIST-curve ECDSA,
/// the core for everything else), timed over its awaits; `verify-wasm` is the core alone.
async fn bench_verify(b: &Bench) -> BenchReport {
    use crate::jwt::verdict::{SecretEncoding, Verdict};
    use crate::jwt::{jwk, token};
    let n = iterations(b);
    let set = jwk::parse(&b.key, SecretEncoding::Utf8);
    let mut ok = false;
    let start = now_ms();
    for _ in 0..n {
        let d = token::decode(&b.token);
        let outcome = verify_offloaded(|offload| verify::verify_offloading(&d, &set, None, offload)).await;
        ok = outcome.verdict == Verdict::Verified;
    }
    let us = (now_ms() - start) * 1000.0 / n as f64;
    BenchReport { id: b.id, us, ok }
}
