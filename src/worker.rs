//! The verifier worker's message loop: a JSON request in (verify or sign), a JSON answer
//! out, through the same `service::answer_json` the tests call. It says "ready" once it listens, so the page
//! never posts into the void while the module is still loading.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::jwt::service;

/// The message the worker posts once it is listening.
pub const READY: &str = "ready";

pub fn run() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        let Some(answer) = ev.data().as_string().as_deref().and_then(service::answer_json) else {
            return;
        };
        let _ = reply.post_message(&JsValue::from_str(&answer));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page: its handler is never dropped.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
}
