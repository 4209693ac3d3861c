//! The views' shared state: which view is shown, and what the decoder holds (its token,
//! key, encoding, detached payload). Everything that fills the decoder from outside (the
//! URL fragment, "Clear all", the extras' bridge, the encoder's "Open in decoder") goes
//! through [`DecoderInputs`], so no view imports another.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use leptos::prelude::*;

use super::widgets::set_secret;
use crate::jwt::verdict::SecretEncoding;

thread_local! {
    /// The key the example gallery chose for the nested token of the next decrypted JWE
    /// (the extras hold both the gallery and the decrypted pane).
    static NESTED_KEY: RefCell<Option<zeroize::Zeroizing<String>>> = const { RefCell::new(None) };
}

/// Sets (or clears) the key for the nested token of the next decrypted JWE.
pub fn set_nested_key(key: Option<&str>) {
    NESTED_KEY.with(|k| *k.borrow_mut() = key.map(|k| zeroize::Zeroizing::new(k.to_string())));
}

/// Takes the key for the nested token of the next decrypted JWE, if the gallery set one.
pub fn take_nested_key() -> Option<String> {
    NESTED_KEY.with(|k| k.borrow_mut().take()).map(|k| (*k).clone())
}

/// Which view is shown: the Decoder tab, or the Encoder tab (loaded on first use).
#[derive(Clone, Copy)]
pub struct Views {
    pub encoder_shown: RwSignal<bool>,
}

/// Above this size the token box stops wrapping lines: laying out a wrapped megabyte
/// costs the browser twice as long as one long line, and nobody reads it there anyway.
pub const NOWRAP_BYTES: usize = 64 * 1024;

/// Above this size a paste is decoded in a task of its own, after the browser has laid out
/// the pasted text, so that no single task holds the page for both.
const DEFER_BYTES: usize = 256 * 1024;

/// Counts changes of the token box, so that a deferred large paste never overwrites a
/// later edit.
static EDITS: AtomicU32 = AtomicU32::new(0);

/// What the decoder holds.
#[derive(Clone, Copy)]
pub struct DecoderInputs {
    /// The token box's text, following every keystroke.
    pub token: RwSignal<String>,
    /// What the page itself puts into the token box (the first token, a fragment, a
    /// clear). Binding the text area to this rather than `token` keeps each keystroke from
    /// writing the whole value back, which for a large paste would make the browser lay
    /// the text out twice.
    pub shown: RwSignal<String>,
    /// Whether the text is large enough to stop wrapping; set at once on input, before the
    /// browser lays the new text out.
    pub big: RwSignal<bool>,
    /// The verification key box.
    pub key_text: RwSignal<String>,
    pub encoding: RwSignal<SecretEncoding>,
    /// Content for a token whose payload is detached.
    pub detached: RwSignal<String>,
    /// Whether to check against the key the token carries itself.
    pub use_embedded: RwSignal<bool>,
}

impl DecoderInputs {
    pub fn new(first: String) -> Self {
        DecoderInputs {
            token: RwSignal::new(first.clone()),
            shown: RwSignal::new(first),
            big: RwSignal::new(false),
            key_text: RwSignal::new(String::new()),
            encoding: RwSignal::new(SecretEncoding::Utf8),
            detached: RwSignal::new(String::new()),
            use_embedded: RwSignal::new(false),
        }
    }

    /// The page puts a token into the token box.
    pub fn load(&self, t: String) {
        EDITS.fetch_add(1, Ordering::Relaxed);
        self.big.set(t.len() > NOWRAP_BYTES);
        self.shown.set(t.clone());
        self.token.set(t);
    }

    /// The user typed or pasted into the token box: a large paste is decoded after the
    /// browser has laid it out, unless the text changed again meanwhile (the last edit wins).
    pub fn typed(&self, value: String) {
        self.big.set(value.len() > NOWRAP_BYTES);
        let edit = EDITS.fetch_add(1, Ordering::Relaxed).wrapping_add(1);
        let token = self.token;
        if value.len() > DEFER_BYTES {
            request_animation_frame(move || {
                set_timeout(
                    move || {
                        if EDITS.load(Ordering::Relaxed) == edit {
                            token.set(value);
                        }
                    },
                    Duration::ZERO,
                )
            });
        } else {
            token.set(value);
        }
    }

    /// "Open in decoder" from the encoder: the token and the key that verifies (or
    /// decrypts) it.
    pub fn open(&self, token: String, key: String, encoding: SecretEncoding) {
        self.load(token);
        set_secret(self.key_text, key);
        self.encoding.set(encoding);
        self.use_embedded.set(false);
    }
}
