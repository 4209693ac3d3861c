//! The opt-in memory of the token on this device (never a key; off by default).

use leptos::prelude::*;

use super::super::browser;
use crate::jwt::{self, Decoded};

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

/// The "Remember the token" checkbox.
#[component]
pub fn RememberToken(remember: RwSignal<bool>) -> impl IntoView {
    view! {
        <label class="toggle remember">
            <input type="checkbox" data-testid="remember-token"
                prop:checked=move || remember.get()
                on:change=move |ev| remember.set(event_target_checked(&ev))/>
            "Remember the token on this device (never the key; off by default)"
        </label>
    }
}
