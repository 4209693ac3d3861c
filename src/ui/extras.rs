//! The extras: the teaching and workflow panels (examples, share link, token diff, claims
//! checks, the signature walkthrough and the tamper demo) and the Encoder (with its JWE
//! step and Keys panel). They are a program of their own (`src/bin/extras.rs`), loaded the
//! first time the user opens one of them, so that the page's first load stays small; they
//! mount into slots the page leaves for them.
//!
//! The two programs share no memory (see `ui::bridge` for the channel between them). The
//! extras ask the page's one verifier through the channel (`Crypto::remote`), and put a
//! token or key into the page the way a user would, by setting the text area and firing an
//! `input` event, or send it over the channel ("Open in decoder").

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::clock::clock;
use super::crypto::Crypto;
use super::encoder::{Editing, Encoder};
use super::inspect::{InspectPanel, SdPanel, inspection};
use super::jwe::DecryptedMore;
use super::port;
use super::state::Views;
use super::teach::{ExampleNote, Gallery, Inputs, WalkPanel};
use super::widgets::set_secret;
use super::workflow::{ClaimsCheck, DiffPanel, SharePanel};
use crate::jwt::verdict::SecretEncoding;
use crate::jwt::{self, Decoded};
use zeroize::Zeroize;

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

/// The panel each tool-row button opens (`data-testid`).
fn panel_testid(panel: &str) -> Option<&'static str> {
    Some(match panel {
        "gallery" => "gallery",
        "walk" => "walkthrough",
        "checks" => "claims-validation",
        "share" => "share-panel",
        "diff" => "diff-panel",
        _ => return None,
    })
}

/// Brings a panel just opened into view and moves the focus into it: to its control
/// marked `data-autofocus` (its heading, or the field it asks for first), else to the
/// panel. A panel whose top is already in the upper part of the screen stays where it is;
/// any other is scrolled to the top of the screen (not merely into it: the walkthrough
/// grows as its steps arrive). Runs once the panel is drawn, so that a button pressed far
/// from where its panel opens never leaves the screen unchanged.
fn reveal(testid: &'static str) {
    request_animation_frame(move || {
        let Some(panel) = document().query_selector(&format!("[data-testid={testid}]")).ok().flatten() else { return };
        let top = panel.get_bounding_client_rect().top();
        let height = window().inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0);
        if top < 0.0 || top > height * 0.6 {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Start);
            panel.scroll_into_view_with_scroll_into_view_options(&options);
        }
        let target = panel.query_selector("[data-autofocus]").ok().flatten().unwrap_or(panel);
        if let Ok(target) = target.dyn_into::<web_sys::HtmlElement>() {
            let focus = web_sys::FocusOptions::new();
            focus.set_prevent_scroll(true);
            let _ = target.focus_with_options(&focus);
        }
    });
}

fn mount(slot: &str, view: impl FnOnce() -> AnyView + 'static) {
    if let Some(el) = document().get_element_by_id(slot).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        // What the page put there while the extras loaded ("Loading the encoder…").
        el.set_text_content(None);
        leptos::mount::mount_to(el, view).forget();
    }
}

/// Waits for the page's end of the channel (`jwtLensExtrasConnect`, which the page calls
/// once and deletes), then mounts the panels (hidden) and answers the page's calls.
pub fn start() {
    let connected = std::cell::Cell::new(false);
    let connect = Closure::<dyn FnMut(JsValue)>::new(move |port: JsValue| {
        if !connected.replace(true) {
            connect(port.unchecked_into());
        }
    });
    let _ = js_sys::Reflect::set(&js_sys::global(), &JsValue::from_str("jwtLensExtrasConnect"), connect.as_ref());
    connect.forget();
}

// The browser's constructable style sheets (no web-sys feature needed for two calls).
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = CSSStyleSheet)]
    type StyleSheet;
    #[wasm_bindgen(constructor, js_class = "CSSStyleSheet", catch)]
    fn new() -> Result<StyleSheet, JsValue>;
    #[wasm_bindgen(method, js_name = replaceSync, catch)]
    fn replace_sync(this: &StyleSheet, text: &str) -> Result<(), JsValue>;
}

/// The extras' own styles (`style/extras.css`), adopted by the document before anything of
/// theirs is shown: the page's style sheet, part of the first load, leaves them out.
fn adopt_styles() {
    let Ok(sheet) = StyleSheet::new() else { return };
    if sheet.replace_sync(include_str!("../../style/extras.css")).is_err() {
        return;
    }
    let doc = document();
    let sheets = doc.adopted_style_sheets();
    sheets.push(&sheet);
    doc.set_adopted_style_sheets(&sheets);
}

fn connect(page: web_sys::MessagePort) {
    adopt_styles();
    let owner = Owner::new();
    owner.set();
    let crypto = Crypto::remote(page.clone());
    provide_context(crypto);
    let views = Views { encoder_shown: RwSignal::new(false) };
    provide_context(views);
    let editing = Editing::new();
    let token = RwSignal::new(String::new());
    let key_text = RwSignal::new(String::new());
    let encoding = RwSignal::new(SecretEncoding::Utf8);
    // What the page's JWE decrypted to.
    let decrypted: RwSignal<Option<Vec<u8>>> = RwSignal::new(None);
    // The access token or code the inspection checks the token against.
    let companion = RwSignal::new(String::new());
    // The page's messages: its state, "Edit this token", and the verifier's answers.
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        let data = ev.data();
        let field = |i| js_sys::Reflect::get_u32(&data, i).ok().and_then(|v| v.as_string()).unwrap_or_default();
        match field(0).as_str() {
            "state" => {
                let (t, mut k, e) = (field(1), field(2), SecretEncoding::from_value(&field(3)));
                // No token ("Clear", "Clear all"): the access token beside it goes too.
                if t.is_empty() && companion.with_untracked(|c| !c.is_empty()) {
                    set_secret(companion, String::new());
                }
                if token.with_untracked(|x| *x != t) {
                    token.set(t);
                }
                if key_text.with_untracked(|x| *x != k) {
                    set_secret(key_text, k);
                } else {
                    k.zeroize();
                }
                if encoding.get_untracked() != e {
                    encoding.set(e);
                }
                // Effects run before the page can read this: the inspection it shows is then
                // this token's (or pending).
                port::token_shown(js_sys::Reflect::get_u32(&data, 4).unwrap_or(JsValue::UNDEFINED));
            }
            "edit" => editing.edit(field(1), field(2)),
            "plaintext" => {
                let n = js_sys::Reflect::get_u32(&data, 1).unwrap_or(JsValue::UNDEFINED);
                let bytes =
                    js_sys::Reflect::get_u32(&data, 2).ok().and_then(|v| v.dyn_into::<js_sys::Uint8Array>().ok());
                decrypted.set(bytes.map(|a| a.to_vec()));
                // Effects run before the page can read this: it then shows what was set.
                port::plaintext_shown(n);
            }
            "answer" => {
                let mut answer = field(1);
                crypto.receive(&answer);
                answer.zeroize();
            }
            "failed" => {
                let id = js_sys::Reflect::get_u32(&data, 1).ok().and_then(|v| v.as_f64()).unwrap_or_default();
                crypto.failed(id as u32, field(2));
            }
            _ => {}
        }
    });
    page.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    port::keep(page);

    let decoded: Memo<Decoded> = Memo::new(move |_| token.with(|t| jwt::decode(t)));
    let now = clock();
    let profile = Memo::new(move |_| decoded.with(|d| (!d.is_empty()).then(|| jwt::profile::recognise(d))));
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
    // After the first mount, which starts the executor its effect needs.
    let inspected = inspection(token, profile, companion, now);
    mount("slot-inspect", move || {
        view! { <InspectPanel reply=inspected profile=profile companion=companion/> }.into_any()
    });
    mount("slot-sd", move || view! { <SdPanel reply=inspected/> }.into_any());
    mount("slot-walk", move || view! { <WalkPanel inputs=inputs shown=walk/> }.into_any());
    // The rest of the decrypted pane (the page hides it until it shows the page's plaintext).
    let open_nested = Callback::new(move |t: String| port::open_in_decoder(t, String::new(), encoding.get_untracked()));
    mount("slot-decrypted", move || view! { <DecryptedMore plaintext=decrypted.into() open=open_nested/> }.into_any());
    // The Encoder mounts the first time its tab is shown.
    let encoder_mounted = std::cell::Cell::new(false);
    let open = Closure::<dyn FnMut(String, bool)>::new(move |panel: String, on: bool| {
        let signal = match panel.as_str() {
            "gallery" => gallery,
            "share" => share,
            "diff" => diff,
            "checks" => checks,
            "walk" => walk,
            "encoder" => {
                if on && !encoder_mounted.replace(true) {
                    owner.with(|| mount("slot-encoder", move || view! { <Encoder editing=editing/> }.into_any()));
                }
                views.encoder_shown
            }
            _ => return,
        };
        signal.set(on);
        if on && let Some(testid) = panel_testid(&panel) {
            reveal(testid);
        }
    });
    let _ = js_sys::Reflect::set(&js_sys::global(), &JsValue::from_str("jwtLensExtras"), open.as_ref());
    open.forget();
}
