//! The page's side of every cryptographic operation. The page's own wasm has none: JSON
//! messages (verify or sign requests) go to the verifier worker (`verifier_loader.js`,
//! built from `src/bin/verifier.rs`), started the first time one is needed, and its JSON
//! answers come back here and are routed by kind. Builds that include the `crypto`
//! feature (the component tests) answer in this thread instead, through the same
//! `service::answer_json` the worker runs.

use std::rc::Rc;

use leptos::prelude::*;

use crate::jwt::signing::{self, EncryptReport, KeysReport, SignReport};
use crate::jwt::verdict::Report;
use crate::jwt::walk::Walkthrough;

/// Set in the ids of requests about a nested token, so their answers go to `inner_report`.
pub const INNER: u32 = 0x8000_0000;

/// The shared channel to the verifier, and the latest answers it gave.
#[derive(Clone, Copy)]
pub struct Crypto {
    send: StoredValue<Rc<dyn Fn(String)>, LocalStorage>,
    /// The latest verification report.
    pub report: RwSignal<Option<Report>>,
    /// The latest report on the token nested inside a decrypted JWE (request ids with
    /// [`INNER`] set).
    pub inner_report: RwSignal<Option<Report>>,
    /// The latest signing report.
    pub signed: RwSignal<Option<SignReport>>,
    /// The latest encryption report.
    pub encrypted: RwSignal<Option<EncryptReport>>,
    /// The latest key generation or conversion report.
    pub keys: RwSignal<Option<KeysReport>>,
    /// The latest signature walkthrough.
    pub walk: RwSignal<Option<Walkthrough>>,
    /// The example gallery, as the worker sent it (JSON).
    pub gallery: RwSignal<Option<String>>,
    /// Set if the worker could not start or died.
    pub failed: RwSignal<Option<String>>,
}

impl Crypto {
    pub fn new() -> Self {
        let report = RwSignal::new(None);
        let inner_report = RwSignal::new(None);
        let encrypted = RwSignal::new(None);
        let signed = RwSignal::new(None);
        let keys = RwSignal::new(None);
        let failed = RwSignal::new(None);
        let walk = RwSignal::new(None);
        let gallery = RwSignal::new(None);
        let route = move |text: String| match signing::message_kind(&text).as_deref() {
            Some("verify") => {
                let r = Report::from_json(&text);
                if r.as_ref().is_some_and(|r| r.id & INNER != 0) { inner_report.set(r) } else { report.set(r) }
            }
            Some("sign") => signed.set(SignReport::from_json(&text)),
            Some("keys") => keys.set(KeysReport::from_json(&text)),
            Some("encrypt") => encrypted.set(EncryptReport::from_json(&text)),
            Some("walk") => walk.set(Walkthrough::from_json(&text)),
            Some("gallery") => gallery.set(Some(text)),
            _ => {}
        };
        let send = channel(route, move |e| failed.set(Some(e)));
        Crypto {
            send: StoredValue::new_local(Rc::new(send)),
            report,
            inner_report,
            encrypted,
            signed,
            keys,
            walk,
            gallery,
            failed,
        }
    }

    /// Sends a JSON request.
    pub fn send(&self, json: String) {
        self.send.with_value(|send| send(json));
    }
}

impl Default for Crypto {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(feature = "crypto")]
fn channel(on_message: impl Fn(String) + 'static, _on_fail: impl Fn(String) + 'static) -> impl Fn(String) {
    move |text: String| {
        if let Some(answer) = crate::jwt::service::answer_json(&text) {
            on_message(answer);
        }
    }
}

#[cfg(not(feature = "crypto"))]
fn channel(on_message: impl Fn(String) + 'static, on_fail: impl Fn(String) + 'static) -> impl Fn(String) {
    use std::cell::RefCell;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;

    /// What the worker posts once it listens (see `jwt_lens::worker::READY`).
    const READY: &str = "ready";

    #[derive(Default)]
    struct State {
        worker: Option<web_sys::Worker>,
        ready: bool,
        /// Requests sent before the worker listens, in order.
        queued: Vec<String>,
    }

    let state = Rc::new(RefCell::new(State::default()));
    let on_message = Rc::new(on_message);
    let on_fail = Rc::new(on_fail);
    let fail = on_fail.clone();

    let start = {
        let state = state.clone();
        move || -> Result<web_sys::Worker, String> {
            // Trunk builds the worker for wasm-bindgen's no-modules target: a classic worker.
            let worker = web_sys::Worker::new(&super::browser::worker_url())
                .map_err(|e| format!("Error: the verifier could not start: {}", e.as_string().unwrap_or_default()))?;
            let on_msg = {
                let state = state.clone();
                let on_message = on_message.clone();
                Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                    let Some(text) = ev.data().as_string() else { return };
                    if text == READY {
                        let mut st = state.borrow_mut();
                        st.ready = true;
                        let queued = std::mem::take(&mut st.queued);
                        if let Some(w) = st.worker.clone() {
                            for q in queued {
                                let _ = w.post_message(&JsValue::from_str(&q));
                            }
                        }
                    } else {
                        on_message(text);
                    }
                })
            };
            let on_error = {
                let on_fail = on_fail.clone();
                Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                    on_fail("Error: the verifier stopped unexpectedly; reload the page to restart it.".to_string());
                })
            };
            worker.set_onmessage(Some(on_msg.as_ref().unchecked_ref()));
            worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            // The worker lives as long as the page.
            on_msg.forget();
            on_error.forget();
            Ok(worker)
        }
    };

    move |json: String| {
        if state.borrow().worker.is_none() {
            match start() {
                Ok(w) => state.borrow_mut().worker = Some(w),
                Err(e) => return fail(e),
            }
        }
        let mut st = state.borrow_mut();
        match (&st.worker, st.ready) {
            (Some(w), true) => {
                let _ = w.post_message(&JsValue::from_str(&json));
            }
            _ => st.queued.push(json),
        }
    }
}
