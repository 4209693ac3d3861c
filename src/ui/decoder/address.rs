//! The page's address: a token in the fragment (`#token=`, `#id_token=`,
//! `#access_token=`) is loaded at start and on every `hashchange`; one in the query string
//! is never read, only removed from the address bar, with a warning.

use leptos::ev;
use leptos::prelude::*;

use super::super::browser;
use super::super::state::DecoderInputs;

/// An example token shown on a first visit, as jwt.io does: HS256 over a short-lived claims
/// set whose times have passed, so that the time display and warnings have something to
/// show. Demo key (HMAC, UTF-8): `jwt-lens-demo-secret-do-not-use-in-production`.
pub const EXAMPLE_TOKEN: &str = include_str!("../example-token.txt");

/// The token to show first: the fragment's; then one remembered on this device (only if
/// the user opted in, which is what storing it means); then the example.
pub fn first_token() -> String {
    browser::token_from_fragment().or_else(browser::stored_token).unwrap_or_else(|| EXAMPLE_TOKEN.to_string())
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

/// Removes a token from the query string, and says so (UI contract:
/// `query-token-warning`).
#[component]
pub fn QueryWarning() -> impl IntoView {
    browser::scrub_token_from_query().then(|| {
        view! {
            <div class="banner warn" role="note" data-testid="query-token-warning">
                "This page's address carried a token in its query string, so it was already sent to \
                 the server that served the page (and may sit in its logs). It was removed from the \
                 address bar and not loaded. Pass tokens after # instead: the fragment never leaves \
                 the browser."
            </div>
        }
    })
}
