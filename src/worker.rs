//! The verifier worker's message loop: a JSON request in (verify, sign, encrypt, keys), a
//! JSON answer out, through the same `service::answer_json` the tests call. It says "ready"
//! once it listens, so the page never posts into the void while the module is still
//! loading. It also answers the benchmark's `bench` requests (`bench_answer`), timing core
//! operations with the worker's own clock; the page never sends those.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::jwt::service;

/// The message the worker posts once it is listening.
pub const READY: &str = "ready";

pub fn run() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        let Some(text) = ev.data().as_string() else { return };
        let Some(answer) = service::answer_json(&text).or_else(|| bench_answer(&text)) else {
            return;
        };
        let _ = reply.post_message(&JsValue::from_str(&answer));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page: its handler is never dropped.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
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
    use crate::jwt::{base64url, json, jwe, keys, sign, token, verify};
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
        "verify" => {
            let set = keys::parse(&key, SecretEncoding::Utf8);
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
                ok = sign::sign(&alg, &signer, input.as_bytes())
                    .map(|sig| format!("{input}.{}", base64url::encode(&sig)))
                    .is_ok();
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
