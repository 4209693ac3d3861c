//! The page's side of verification. The page's own wasm has no cryptography: requests go
//! to the verifier worker (`verifier_loader.js`, built from `src/bin/verifier.rs`), which
//! is started the first time a signature has to be checked. Builds that include the
//! `crypto` feature (the component tests) answer in this thread instead, with the same
//! `verify::answer` the worker runs.

use crate::jwt::verdict::{Report, Request};

/// Returns a function that sends a request; every report arrives through `on_report`,
/// and a worker that cannot start or dies is reported through `on_fail`.
#[cfg(feature = "crypto")]
pub fn sender(on_report: impl Fn(Report) + 'static, _on_fail: impl Fn(String) + 'static) -> impl Fn(Request) {
    move |req: Request| on_report(crate::jwt::verify::answer(&req))
}

#[cfg(not(feature = "crypto"))]
pub fn sender(on_report: impl Fn(Report) + 'static, on_fail: impl Fn(String) + 'static) -> impl Fn(Request) {
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;

    /// The worker's file, relative to the page, so the site works under any path.
    const WORKER_URL: &str = "./verifier_loader.js";
    /// What the worker posts once it listens (see `jwt_lens::worker::READY`).
    const READY: &str = "ready";

    #[derive(Default)]
    struct State {
        worker: Option<web_sys::Worker>,
        ready: bool,
        /// The latest request, held until the worker is ready; older ones are moot.
        queued: Option<String>,
    }

    let state = Rc::new(RefCell::new(State::default()));
    let on_report = Rc::new(on_report);
    let on_fail = Rc::new(on_fail);

    let fail = on_fail.clone();
    let start = {
        let state = state.clone();
        move || -> Result<web_sys::Worker, String> {
            // Trunk builds the worker for wasm-bindgen's no-modules target: a classic worker.
            let worker = web_sys::Worker::new(WORKER_URL)
                .map_err(|e| format!("the verifier could not start: {}", e.as_string().unwrap_or_default()))?;
            let on_message = {
                let state = state.clone();
                let on_report = on_report.clone();
                Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                    let Some(text) = ev.data().as_string() else { return };
                    if text == READY {
                        let mut st = state.borrow_mut();
                        st.ready = true;
                        if let (Some(w), Some(q)) = (st.worker.clone(), st.queued.take()) {
                            let _ = w.post_message(&JsValue::from_str(&q));
                        }
                    } else if let Some(report) = Report::from_json(&text) {
                        on_report(report);
                    }
                })
            };
            let on_error = {
                let on_fail = on_fail.clone();
                Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                    on_fail("Error: the verifier stopped unexpectedly; reload the page to restart it.".to_string());
                })
            };
            worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            // The worker lives as long as the page.
            on_message.forget();
            on_error.forget();
            Ok(worker)
        }
    };

    move |req: Request| {
        let json = req.to_json();
        let mut st = state.borrow_mut();
        if st.worker.is_none() {
            drop(st);
            match start() {
                Ok(w) => state.borrow_mut().worker = Some(w),
                Err(e) => return fail(e),
            }
            st = state.borrow_mut();
        }
        match (&st.worker, st.ready) {
            (Some(w), true) => {
                let _ = w.post_message(&JsValue::from_str(&json));
            }
            _ => st.queued = Some(json),
        }
    }
}
