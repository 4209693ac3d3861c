//! The extras: the teaching and workflow panels (examples, share link, token diff, claims
//! checks, the signature walkthrough and the tamper demo). They are a program of their own
//! (`src/bin/extras.rs`), loaded the first time the user opens one of them, so that the
//! page's first load stays small; they mount into slots the decoder leaves for them.
//!
//! The two programs share no memory. The page posts its token, key and encoding through a
//! `MessageChannel` whose other port it hands to the extras once they load (no global
//! holds the key), and calls `globalThis.jwtLensExtras(panel, shown)`; the extras put a token or key into the page the
//! way a user would, by setting the text area and firing an `input` event.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::teach::{ExampleNote, Gallery, Inputs, WalkPanel};
use super::workflow::{ClaimsCheck, DiffPanel, SharePanel};
use crate::jwt::verdict::SecretEncoding;
use crate::jwt::{self, Decoded};
use zeroize::Zeroize;

thread_local! {
    /// The extras' end of the page's channel.
    static PORT: std::cell::RefCell<Option<web_sys::MessagePort>> = const { std::cell::RefCell::new(None) };
}

/// Sends the page the key for the nested token of the next decrypted JWE (the example
/// gallery's), or none: through the channel, never a global.
pub fn send_nested_key(key: Option<&str>) {
    PORT.with(|p| {
        if let Some(port) = p.borrow().as_ref() {
            let _ = port.post_message(&key.map_or(JsValue::UNDEFINED, JsValue::from_str));
        }
    });
}

/// Sets a field of the page as a user would: its value, then the event it listens to.
pub fn set_field(id: &str, value: &str, event: &str) {
    let Some(el) = document().get_element_by_id(id) else { return };
    if let Some(t) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        t.set_value(value);
    } else if let Some(s) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
        s.set_value(value);
    }
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    if let Ok(ev) = web_sys::Event::new_with_event_init_dict(event, &init) {
        let _ = el.dispatch_event(&ev);
    }
}

fn mount(slot: &str, view: impl FnOnce() -> AnyView + 'static) {
    if let Some(el) = document().get_element_by_id(slot).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        leptos::mount::mount_to(el, view).forget();
    }
}

/// Mounts the panels (hidden) and answers the page's calls.
pub fn start() {
    let owner = Owner::new();
    owner.set();
    provide_context(super::verifier::Crypto::teaching());
    let token = RwSignal::new(String::new());
    let key_text = RwSignal::new(String::new());
    let encoding = RwSignal::new(SecretEncoding::Utf8);
    // The page's state arrives through its end of a MessageChannel, handed over once
    // (`jwtLensExtrasConnect`, which the page deletes): the key is in no global.
    let on_state = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        let data = ev.data();
        let field = |i| js_sys::Reflect::get_u32(&data, i).ok().and_then(|v| v.as_string()).unwrap_or_default();
        let (t, mut k, e) = (field(0), field(1), SecretEncoding::from_value(&field(2)));
        if token.with_untracked(|x| *x != t) {
            token.set(t);
        }
        if key_text.with_untracked(|x| *x != k) {
            super::verify::set_secret(key_text, k);
        } else {
            k.zeroize();
        }
        if encoding.get_untracked() != e {
            encoding.set(e);
        }
    });
    let on_state: js_sys::Function = on_state.into_js_value().unchecked_into();
    let connected = std::cell::Cell::new(false);
    let connect = Closure::<dyn FnMut(JsValue)>::new(move |port: JsValue| {
        if !connected.replace(true) {
            let port: web_sys::MessagePort = port.unchecked_into();
            port.set_onmessage(Some(&on_state));
            PORT.with(|p| *p.borrow_mut() = Some(port));
        }
    });
    let _ = js_sys::Reflect::set(&js_sys::global(), &JsValue::from_str("jwtLensExtrasConnect"), connect.as_ref());
    connect.forget();
    let decoded: Memo<Decoded> = Memo::new(move |_| token.with(|t| jwt::decode(t)));
    let now = RwSignal::new(super::browser::now_seconds());
    let _ = set_interval_with_handle(move || now.set(super::browser::now_seconds()), std::time::Duration::from_secs(1));
    let load = Callback::new(|t: String| set_field("token-input", &t, "input"));
    let set_key = Callback::new(|(key, encoding): (String, SecretEncoding)| {
        set_field("secret-encoding", encoding.value(), "change");
        set_field("key-input", &key, "input");
    });
    let inputs = Inputs { decoded, token, key_text, encoding, load, set_key };
    let [gallery, share, diff, checks, walk] = std::array::from_fn(|_| RwSignal::new(false));
    let chosen = RwSignal::new(None);
    mount("slot-tools", move || {
        view! {
            <Gallery inputs=inputs shown=gallery chosen=chosen/>
            <SharePanel decoded=decoded shown=share/>
            <DiffPanel decoded=decoded shown=diff/>
        }
        .into_any()
    });
    mount("slot-example", move || view! { <ExampleNote chosen=chosen token=token/> }.into_any());
    mount("slot-checks", move || {
        view! { <Show when=move || checks.get()><ClaimsCheck decoded=decoded now=now/></Show> }.into_any()
    });
    mount("slot-walk", move || view! { <WalkPanel inputs=inputs shown=walk/> }.into_any());
    let open = Closure::<dyn FnMut(String, bool)>::new(move |panel: String, on: bool| {
        let signal = match panel.as_str() {
            "gallery" => gallery,
            "share" => share,
            "diff" => diff,
            "checks" => checks,
            "walk" => walk,
            _ => return,
        };
        signal.set(on);
    });
    let _ = js_sys::Reflect::set(&js_sys::global(), &JsValue::from_str("jwtLensExtras"), open.as_ref());
    open.forget();
    std::mem::forget(owner);
}
