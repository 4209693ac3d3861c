//! The page's address: a token in the fragment (`#token=`, `#id_token=`,
//! `#access_token=`) is loaded at start and on every `hashchange`; one in the query string
//! is never read, only removed from the address bar, with a warning.

use leptos::ev;
use leptos::prelude::*;

use super::super::browser;
use super::super::dom::Tree;
use super::super::state::DecoderInputs;

/// The example token shown on a first visit, as jwt.io does: HS256, valid from 2026 to
/// 2036, made by Node's crypto (`tests/interop/example.mjs`; `tests/example.rs` checks
/// it), so that the first screen shows a verified token, its claims and its times. Its one
/// warning is `long-lifetime`: a token valid for years lives longer than a day. The broken
/// and expired examples are in the gallery.
pub const EXAMPLE_TOKEN: &str = include_str!("../example-token.txt");

/// The example's demo secret (HMAC, UTF-8; 48 bytes, not a well-known default), shown in
/// the key box with the example only (`DecoderInputs::demo`): public, like any demo key.
pub const DEMO_SECRET: &str = include_str!("../example-secret.txt");

/// What the decoder holds first: the fragment's token; then one remembered on this device
/// (only if the user opted in, which is what storing it means); either without a key.
/// Otherwise the example, with its demo secret.
pub fn first_inputs() -> DecoderInputs {
    match browser::token_from_fragment().or_else(browser::stored_token) {
        Some(t) => DecoderInputs::new(t),
        None => DecoderInputs::example(EXAMPLE_TOKEN, DEMO_SECRET),
    }
}

/// Loads the fragment's token whenever the fragment changes, while the calling view lives.
pub fn follow_fragment(inputs: DecoderInputs) {
    let hash = window_event_listener(ev::hashchange, move |_| {
        if let Some(t) = browser::token_from_fragment() {
            inputs.load(t);
        }
    });
    on_cleanup(move || hash.remove());
}

/// Removes a token from the query string, and says so in `el` (UI contract:
/// `query-token-warning`).
pub fn query_warning(el: &web_sys::Element) {
    if !browser::scrub_token_from_query() {
        return;
    }
    let mut t = Tree::new();
    t.open("div").class("banner warn").attr("role", "note").attr("data-testid", "query-token-warning");
    t.text(
        "This page's address carried a token in its query string, so it was already sent to \
         the server that served the page (and may sit in its logs). It was removed from the \
         address bar and not loaded. Pass tokens after # instead: the fragment never leaves \
         the browser.",
    );
    t.close();
    t.append(el);
}
