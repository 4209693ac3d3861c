//! The deployment's trusted keys (`trusted-keys.json` beside the page): used while the key
//! box is empty, for a token whose `kid` names one of them.

use leptos::prelude::*;

use super::super::browser;
use super::super::dom::{self, Tree};
use super::super::state::DecoderInputs;
use crate::jwt::verdict::trusted_key_names;
use crate::jwt::{self, Decoded};

/// The trusted keys' text, once fetched (none if the file is missing or names no key).
#[derive(Clone, Copy)]
pub struct TrustedKeys(RwSignal<Option<String>>);

impl TrustedKeys {
    /// Fetches them (served pages only).
    pub fn fetch() -> Self {
        let trusted = RwSignal::new(None::<String>);
        browser::fetch_trusted_keys(move |text| {
            if trusted_key_names(&text).iter().any(Option::is_some) {
                trusted.set(Some(text));
            }
        });
        TrustedKeys(trusted)
    }

    /// The keys to verify the current token with, if they apply: the key box is empty, the
    /// embedded key is not asked for, and the token is a JWS with a `kid` (tracked).
    pub fn applying(&self, inputs: DecoderInputs, decoded: Memo<Decoded>) -> Option<String> {
        let applies = inputs.key_text.with(|k| k.trim().is_empty())
            && !inputs.use_embedded.get()
            && decoded.with(|d| d.form == jwt::Form::Jws && d.header_member("kid").is_some());
        if applies { self.0.get() } else { None }
    }
}

/// How many keys this deployment trusts, kept in `el` (UI contract: `trusted-keys-note`;
/// nothing until they are fetched).
pub fn trusted_note(el: &web_sys::Element, trusted: TrustedKeys) {
    let el = el.clone();
    dom::bind(move || {
        let mut t = Tree::new();
        trusted.0.with(|k| {
            if let Some(k) = k {
                let n = trusted_key_names(k).iter().flatten().count();
                let s = if n == 1 { "" } else { "s" };
                t.open("p").class("hint").attr("data-testid", "trusted-keys-note");
                t.text(&format!(
                    "{n} key{s} trusted by this deployment (trusted-keys.json) verify matching tokens while the key box is empty."
                ));
                t.close();
            }
        });
        t.fill(&el);
    });
}
