//! The verifier worker's message loop: a `protocol::Question` in (verify, sign, encrypt,
//! keys, walk, gallery), its `protocol::Answer` out, through the same `service::answer` the
//! tests call; each question is parsed once. It says "ready" once it listens, so the page
//! never posts into the void while the module is still loading. Built with the `bench`
//! feature (the benchmark's build, never a release), it also answers the benchmark's
//! `bench` questions ([`bench`]); the page never sends those.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use zeroize::Zeroize;

use crate::jwt::alg::JwsAlg;
use crate::jwt::protocol::{Answer, Question};
use crate::jwt::{jws::verify, service};

#[cfg(feature = "bench")]
mod bench;

/// The message the worker posts once it is listening.
pub const READY: &str = "ready";

// RSA and NIST-curve ECDSA signatures are checked by the browser's WebCrypto (native code)
// once the core has checked everything else (`verify::Offload`). Imported keys are kept
// (at most 32). (The worker is built for wasm-bindgen's no-modules target, which takes no
// inline JS: this goes through web-sys.)
thread_local! {
    /// Imported keys by algorithm and RFC 7638 thumbprint.
    static SUBTLE_KEYS: std::cell::RefCell<Vec<(JwsAlg, String, web_sys::CryptoKey)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

fn cached_key(alg: JwsAlg, id: &str) -> Option<web_sys::CryptoKey> {
    if id.is_empty() {
        return None;
    }
    SUBTLE_KEYS.with(|k| k.borrow().iter().find(|(a, i, _)| *a == alg && i == id).map(|(_, _, key)| key.clone()))
}

/// The WebCrypto parameters of a JWS algorithm, made once.
fn subtle_params(alg: JwsAlg) -> Option<(js_sys::Object, js_sys::Object)> {
    thread_local! {
        static PARAMS: std::cell::RefCell<Vec<(JwsAlg, js_sys::Object, js_sys::Object)>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    if let Some(p) =
        PARAMS.with(|p| p.borrow().iter().find(|(a, ..)| *a == alg).map(|(_, i, v)| (i.clone(), v.clone())))
    {
        return Some(p);
    }
    let (import, verify) = make_subtle_params(alg)?;
    PARAMS.with(|p| p.borrow_mut().push((alg, import.clone(), verify.clone())));
    Some((import, verify))
}

/// The WebCrypto parameters of a JWS algorithm, from the algorithm table: for importing
/// the key (`RsaHashedImportParams`, `EcKeyImportParams`), and for verifying (`{name}`,
/// `RsaPssParams`, `EcdsaParams`).
fn make_subtle_params(alg: JwsAlg) -> Option<(js_sys::Object, js_sys::Object)> {
    let w = alg.webcrypto()?;
    let obj = |pairs: &[(&str, JsValue)]| {
        let o = js_sys::Object::new();
        for (k, v) in pairs {
            let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
        }
        o
    };
    let s = |v: &str| JsValue::from_str(v);
    let (name, hash) = (("name", s(w.name)), s(w.hash.name()));
    Some(match (w.named_curve, w.salt_length) {
        (Some(curve), _) => (obj(&[name.clone(), ("namedCurve", s(curve.name()))]), obj(&[name, ("hash", hash)])),
        (None, Some(salt)) => {
            (obj(&[name.clone(), ("hash", hash)]), obj(&[name, ("saltLength", JsValue::from_f64(salt as f64))]))
        }
        (None, None) => (obj(&[name.clone(), ("hash", hash)]), obj(&[name])),
    })
}

/// Whether WebCrypto verifies `sig` over `msg` with the key (`spki`, needed only when the
/// key `id` is not imported yet); `None` if it cannot say.
async fn subtle_verify(alg: JwsAlg, id: &str, spki: Option<&[u8]>, msg: &[u8], sig: &[u8]) -> Option<bool> {
    use wasm_bindgen_futures::JsFuture;
    let (import, params) = subtle_params(alg)?;
    let crypto: web_sys::Crypto =
        js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("crypto")).ok()?.dyn_into().ok()?;
    let subtle = crypto.subtle();
    let key = match cached_key(alg, id) {
        Some(key) => key,
        None => {
            let usages = js_sys::Array::of1(&JsValue::from_str("verify"));
            let data = js_sys::Uint8Array::from(spki?);
            let promise = subtle.import_key_with_object("spki", &data, &import, false, &usages).ok()?;
            let key: web_sys::CryptoKey = JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
            SUBTLE_KEYS.with(|k| {
                if id.is_empty() {
                    return;
                }
                let mut k = k.borrow_mut();
                if k.len() >= 32 {
                    k.remove(0);
                }
                k.push((alg, id.to_string(), key.clone()));
            });
            key
        }
    };
    // WebCrypto copies the signature and data when called.
    let promise = subtle.verify_with_object_and_u8_array_and_u8_array(&params, &key, sig, msg).ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}

/// One check handed to WebCrypto, and what it said (`None`: WebCrypto could not do it,
/// the core checks it itself).
struct Job {
    alg: JwsAlg,
    id: String,
    msg: Vec<u8>,
    sig: Vec<u8>,
    valid: Option<bool>,
}

impl Job {
    fn is(&self, o: &verify::Offload<'_>) -> bool {
        self.alg == o.alg && self.id == o.id && self.msg == o.msg && self.sig == o.sig
    }
}

/// Verifies with WebCrypto doing the final checks. The core runs a pass in which each check
/// it has no answer for yet is assumed valid and noted; WebCrypto then checks those. If it
/// agrees with every assumption, that pass's outcome stands (the usual case: one pass, one
/// WebCrypto call); otherwise the core runs again with the answers known, until a pass asks
/// nothing new. A check WebCrypto cannot do is left to the core.
pub async fn verify_offloaded<T>(pass: impl Fn(verify::Offloader<'_>) -> T) -> T {
    verify_offloaded_counting(pass).await.0
}

/// [`verify_offloaded`], also saying how many checks WebCrypto answered.
pub async fn verify_offloaded_counting<T>(pass: impl Fn(verify::Offloader<'_>) -> T) -> (T, usize) {
    let mut known: Vec<Job> = Vec::new();
    let mut answered = 0;
    loop {
        let mut new: Vec<(Job, Option<Vec<u8>>)> = Vec::new();
        let out = pass(&mut |o: &verify::Offload<'_>| {
            if let Some(job) = known.iter().find(|j| j.is(o)) {
                return job.valid;
            }
            // The key's SPKI is only encoded if WebCrypto does not hold the key yet.
            let spki = if cached_key(o.alg, o.id).is_some() { None } else { Some(o.spki()?) };
            let job = Job { alg: o.alg, id: o.id.to_string(), msg: o.msg.to_vec(), sig: o.sig.to_vec(), valid: None };
            new.push((job, spki));
            Some(true)
        });
        if new.is_empty() {
            return (out, answered);
        }
        let mut held = true;
        for (mut job, spki) in new {
            job.valid = subtle_verify(job.alg, &job.id, spki.as_deref(), &job.msg, &job.sig).await;
            answered += usize::from(job.valid.is_some());
            held &= job.valid == Some(true);
            known.push(job);
        }
        if held {
            return (out, answered);
        }
    }
}

pub fn run() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        // Questions carry keys, and some answers too (a generated key, the key that verifies
        // a signed token): the copies held here are zeroized once used.
        let Some(mut text) = ev.data().as_string() else { return };
        let question = Question::from_json(&text);
        text.zeroize();
        let Some(question) = question else { return };
        let reply = reply.clone();
        #[cfg(feature = "bench")]
        let question = match question {
            Question::Bench(b) => return bench::handle(b, reply),
            q => q,
        };
        let mut question = question;
        if let Question::Verify(_) = &question {
            // Verification awaits WebCrypto: it runs as a task of its own.
            wasm_bindgen_futures::spawn_local(async move {
                let Question::Verify(req) = &question else { return };
                let prepared = verify::prepare(req);
                let report = verify_offloaded(|offload| service::verify_prepared(req, &prepared, offload)).await;
                question.zeroize();
                post(&reply, &Answer::Verify(report));
            });
            return;
        }
        let answer = service::answer(&question);
        question.zeroize();
        if let Some(answer) = answer {
            post(&reply, &answer);
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page: its handler is never dropped.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
}

/// Posts an answer; its text is zeroized once posted (the browser holds its own copy).
pub(crate) fn post(reply: &web_sys::DedicatedWorkerGlobalScope, answer: &Answer) {
    let mut text = answer.to_json();
    let _ = reply.post_message(&JsValue::from_str(&text));
    text.zeroize();
}
