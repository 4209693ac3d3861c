//! The page's side of the bridge to the extras: the teaching and workflow panels and the
//! Encoder are a program of their own (`src/bin/extras.rs`, `ui::extras`), loaded the first
//! time one of them is opened: a classic script (wasm-bindgen's no-modules glue, which
//! defines the global `wasm_bindgen`) beside the page, or blob: URLs the single file leaves
//! in globals.
//!
//! The two programs share no memory and no global holds a key: they talk over a
//! `MessageChannel` opened on first use. The page keeps one port; the extras take the
//! other once (`jwtLensExtrasConnect`, deleted as it is used). Messages are arrays, their
//! first item naming them:
//! - to the extras: `state` (token, key, encoding, and the token's number: what the decoder
//!   holds), `edit` (header,
//!   payload: "Edit this token"), `plaintext` (number, bytes: what the decoder's JWE
//!   decrypted to, for their part of the decrypted pane), `answer` (the verifier's
//!   answer to a question of theirs), `failed` (id, why: the verifier could not answer it);
//! - from the extras: `ask` (slot, id, question), `withdraw` and `cancel` (slot): their
//!   questions go to the page's one verifier ([`Crypto::relay`]); `plaintext-shown`
//!   (number: their part of the decrypted pane now shows that plaintext); `token-shown`
//!   (number: their inspection now follows that token, `#slot-inspect`, `#slot-sd`); `open` (token, key, encoding: the encoder's "Open in decoder").
//!
//! Which panel is shown goes through `globalThis.jwtLensExtras(panel, shown)`: no secret.

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::crypto::{Crypto, Slot};
use super::state::{DecoderInputs, Views};
use crate::jwt::verdict::SecretEncoding;

use super::js::extras;

struct Channel {
    /// The page's end.
    ours: web_sys::MessagePort,
    /// The extras' end, until they take it.
    theirs: web_sys::MessagePort,
}

thread_local! {
    static CHANNEL: RefCell<Option<Channel>> = const { RefCell::new(None) };
}

/// The page's end of the channel to the extras.
#[derive(Clone, Copy)]
pub struct Bridge {
    inputs: DecoderInputs,
    views: Views,
    crypto: Crypto,
    /// The number of the last plaintext the extras show.
    plaintext_shown: RwSignal<u32>,
    /// The number of the token last sent to the extras (it changes when the token does),
    /// the last token sent, and the number of the one they follow.
    token_sent: RwSignal<u32>,
    last_token: StoredValue<String>,
    token_shown: RwSignal<u32>,
}

impl Bridge {
    pub fn new(inputs: DecoderInputs, views: Views, crypto: Crypto) -> Self {
        Bridge {
            inputs,
            views,
            crypto,
            plaintext_shown: RwSignal::new(0),
            token_sent: RwSignal::new(0),
            last_token: StoredValue::new(String::new()),
            token_shown: RwSignal::new(0),
        }
    }

    /// Shows or hides a panel of the extras (`gallery`, `walk`, `checks`, `share`, `diff`,
    /// `encoder`), loading them on first use (`decrypted` only loads them).
    pub fn show(&self, panel: &str, on: bool) {
        if let Some(theirs) = self.channel(|c| c.theirs.clone()) {
            extras(panel, on, &theirs);
        }
    }

    /// Tells the extras what the decoder holds (nothing before they were first asked for).
    pub fn publish(&self) {
        let DecoderInputs { token, key_text, encoding, .. } = self.inputs;
        // Still tracked (the caller re-publishes when they change), but no copy of the key
        // crosses into JavaScript before the extras exist.
        let (_, _, encoding) = (token.track(), key_text.track(), encoding.get());
        if CHANNEL.with(|c| c.borrow().is_none()) {
            return;
        }
        token.with(|t| {
            if self.last_token.with_value(|l| l != t) {
                self.last_token.set_value(t.clone());
                self.token_sent.set(self.token_sent.get_untracked().wrapping_add(1));
            }
            let n = self.token_sent.get_untracked();
            key_text.with(|k| {
                send(&["state".into(), t.as_str().into(), k.as_str().into(), encoding.value().into(), n.into()])
            })
        });
    }

    /// Whether the extras follow the token the decoder shows (tracked): until then the
    /// slots of its inspection are hidden, so they never show another token's.
    pub fn token_followed(&self) -> bool {
        self.token_shown.get() == self.token_sent.get()
    }

    /// Plaintext number `n`, what the decoder's JWE decrypted to, for the extras' part of
    /// the decrypted pane (loading them for the first one).
    pub fn decrypted(&self, n: u32, plaintext: &[u8]) {
        self.show("decrypted", true);
        send(&["plaintext".into(), n.into(), js_sys::Uint8Array::from(plaintext).into()]);
    }

    /// The number of the last plaintext the extras show.
    pub fn decrypted_shown(&self) -> RwSignal<u32> {
        self.plaintext_shown
    }

    /// "Edit this token": the header and payload, for the encoder.
    pub fn edit(&self, header: &str, payload: &str) {
        self.channel(|_| ());
        send(&["edit".into(), header.into(), payload.into()]);
    }

    /// Runs `f` on the channel, opening it first if need be (and telling the extras the
    /// decoder's state through it); `None` if the browser cannot open one.
    fn channel<T>(&self, f: impl FnOnce(&Channel) -> T) -> Option<T> {
        let opened = CHANNEL.with(|c| c.borrow().is_some());
        if !opened {
            let channel = web_sys::MessageChannel::new().ok()?;
            let this = *self;
            let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                this.receive(&ev.data());
            });
            channel.port1().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            on_message.forget();
            CHANNEL.with(|c| *c.borrow_mut() = Some(Channel { ours: channel.port1(), theirs: channel.port2() }));
            self.publish();
        }
        CHANNEL.with(|c| c.borrow().as_ref().map(f))
    }

    /// A message from the extras.
    fn receive(&self, data: &JsValue) {
        let item = |i| js_sys::Reflect::get_u32(data, i).unwrap_or(JsValue::UNDEFINED);
        let text = |i| item(i).as_string().unwrap_or_default();
        let number = |i| item(i).as_f64().map_or(u32::MAX, |n| n as u32);
        let slot = || Slot::from_index(number(1));
        match text(0).as_str() {
            "ask" => {
                if let Some(slot) = slot() {
                    let port = CHANNEL.with(|c| c.borrow().as_ref().map(|c| c.ours.clone()));
                    if let Some(port) = port {
                        self.crypto.relay(slot, number(2), text(3), port);
                    }
                }
            }
            "withdraw" => slot().into_iter().for_each(|s| self.crypto.withdraw(s)),
            "cancel" => slot().into_iter().for_each(|s| self.crypto.cancel(s)),
            "plaintext-shown" => self.plaintext_shown.set(number(1)),
            "token-shown" => self.token_shown.set(number(1)),
            "open" => {
                self.inputs.open(text(1), text(2), SecretEncoding::from_value(&text(3)));
                self.views.encoder_shown.set(false);
            }
            _ => {}
        }
    }
}

/// Posts a message to the extras, if the channel is open.
fn send(message: &[JsValue]) {
    CHANNEL.with(|c| {
        if let Some(c) = c.borrow().as_ref() {
            let _ = c.ours.post_message(&message.iter().collect::<js_sys::Array>());
        }
    });
}
