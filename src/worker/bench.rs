//! The benchmark's handlers (feature `bench`, off by default: the release worker does not
//! have them): `bench` requests from e2e/bench-core.mjs, timing core operations with the
//! worker's own clock. `scripts/bench.sh` builds the worker with them into its own folder.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::verify_offloaded;
use crate::jwt::jws::verify;

/// Answers a `bench` request, if `text` is one; whether it was.
pub(super) fn handle(text: &str, reply: &web_sys::DedicatedWorkerGlobalScope) -> bool {
    if bench_verify(text, reply.clone()) {
        return true;
    }
    let Some(answer) = bench_answer(text) else { return false };
    let _ = reply.post_message(&JsValue::from_str(&answer));
    true
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

/// Times one core operation, as the benchmark (e2e/bench-core.mjs) asks:
/// `{"kind":"bench","op":"decode"|"verify"|"sign"|"decrypt","token","key","alg","header","payload","iterations"}`.
/// Keys are read once, as a caller would keep them; each iteration does the rest
/// (decoding included). Answers `{"kind":"bench","us":…,"ok":…}`: microseconds per
/// operation, and whether the last one succeeded.
fn bench_answer(text: &str) -> Option<String> {
    use crate::jwt::verdict::{SecretEncoding, Verdict};
    use crate::jwt::{base64url, json, jwe, jwk, jws::sign, jws::verify, token};
    let doc = json::parse(text).ok()?;
    let r = &doc.root;
    if r.get("kind")?.as_str()? != "bench" {
        return None;
    }
    let s = |k: &str| r.get(k).and_then(json::Node::as_str).unwrap_or_default().to_string();
    let n = r.get("iterations").and_then(json::Node::as_f64).unwrap_or(100.0).max(1.0) as usize;
    let (tok, key, alg) = (s("token"), s("key"), s("alg"));
    let mut ok = false;
    let start;
    match s("op").as_str() {
        "decode" => {
            start = now_ms();
            for _ in 0..n {
                ok = token::decode(&tok).problems.is_empty();
            }
        }
        "verify-wasm" => {
            let set = jwk::parse(&key, SecretEncoding::Utf8);
            start = now_ms();
            for _ in 0..n {
                ok = verify::verify(&token::decode(&tok), &set).verdict == Verdict::Verified;
            }
        }
        "sign" => {
            let signer = sign::parse_signer(&key, SecretEncoding::Utf8).ok()?;
            let (header, payload) = (s("header"), s("payload"));
            start = now_ms();
            for _ in 0..n {
                let input =
                    format!("{}.{}", base64url::encode(header.as_bytes()), base64url::encode(payload.as_bytes()));
                ok = crate::jwt::alg::JwsAlg::parse(&alg)
                    .and_then(|alg| sign::sign(alg, &signer, input.as_bytes()).ok())
                    .map(|sig| format!("{input}.{}", base64url::encode(&sig)))
                    .is_some();
            }
        }
        "decrypt" => {
            let set = jwe::parse_keys(&key, SecretEncoding::Utf8);
            start = now_ms();
            for _ in 0..n {
                ok = jwe::decrypt(&tok, &set).outcome.verdict == Verdict::Decrypted;
            }
        }
        _ => return None,
    }
    let us = (now_ms() - start) * 1000.0 / n as f64;
    Some(format!(
        "{{\"kind\":\"bench\",\"id\":{},\"us\":{us},\"ok\":{ok}}}",
        r.get("id").and_then(json::Node::as_f64).unwrap_or(0.0)
    ))
}

/// The benchmark's `verify` (what the page does: WebCrypto for RSA and NIST-curve ECDSA,
/// the core for everything else), timed over its awaits; `verify-wasm` is the core alone.
fn bench_verify(text: &str, reply: web_sys::DedicatedWorkerGlobalScope) -> bool {
    use crate::jwt::verdict::{SecretEncoding, Verdict};
    use crate::jwt::{json, jwk, token};
    let Ok(doc) = json::parse(text) else { return false };
    let r = &doc.root;
    let s = |k: &str| r.get(k).and_then(json::Node::as_str).unwrap_or_default().to_string();
    if s("kind") != "bench" || s("op") != "verify" {
        return false;
    }
    let n = r.get("iterations").and_then(json::Node::as_f64).unwrap_or(100.0).max(1.0) as usize;
    let id = r.get("id").and_then(json::Node::as_f64).unwrap_or(0.0);
    let (tok, key) = (s("token"), s("key"));
    wasm_bindgen_futures::spawn_local(async move {
        let set = jwk::parse(&key, SecretEncoding::Utf8);
        let mut ok = false;
        let start = now_ms();
        for _ in 0..n {
            let d = token::decode(&tok);
            let outcome = verify_offloaded(|offload| verify::verify_offloading(&d, &set, None, offload)).await;
            ok = outcome.verdict == Verdict::Verified;
        }
        let us = (now_ms() - start) * 1000.0 / n as f64;
        let _ = reply
            .post_message(&JsValue::from_str(&format!("{{\"kind\":\"bench\",\"id\":{id},\"us\":{us},\"ok\":{ok}}}")));
    });
    true
}
