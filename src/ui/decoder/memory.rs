//! The opt-in memory of the token on this device (never a key; off by default).

use leptos::prelude::*;

use super::super::browser;
use super::super::dom::{self, Tree};
use crate::jwt::{self, Decoded};
use wasm_bindgen::JsCast;

/// Whether to remember the token: on at start only if a token is remembered (the user
/// opted in before).
pub fn remembering() -> RwSignal<bool> {
    RwSignal::new(browser::stored_token().is_some())
}

/// Keeps the stored token in step with the token box while `remember` is on; stores
/// nothing (and forgets) while it is off.
pub fn keep(remember: RwSignal<bool>, token: RwSignal<String>, decoded: Memo<Decoded>) {
    Effect::new(move |_| {
        if remember.get() {
            // The token found in the paste, never the paste (a curl command can carry a
            // password, a cookie line other cookies); nothing when no token was found.
            match token.with(|t| decoded.with(|d| jwt::share::token_in(t, d))) {
                Some(t) => browser::store_token(&t),
                None => browser::clear_storage(),
            }
        } else {
            browser::clear_storage();
        }
    });
}

/// The "Remember the token" checkbox, appended to `el`.
pub fn remember_token(el: &web_sys::Element, remember: RwSignal<bool>) {
    let mut t = Tree::new();
    t.open("label").class("toggle remember");
    t.open("input").attr("type", "checkbox").attr("data-testid", "remember-token").mark().close();
    t.text("Remember the token on this device (never the key; off by default)").close();
    let Some([input]) = t.append_n(el) else { return };
    let input: web_sys::HtmlInputElement = input.unchecked_into();
    let i = input.clone();
    dom::bind(move || i.set_checked(remember.get()));
    dom::on(&input.clone().into(), "change", move |_| remember.set(input.checked()));
}
