//! The Leptos front end. Components here render what the core (`crate::jwt`) returns and
//! never decide anything about tokens themselves.

mod browser;
mod code;
mod decoder;
mod panes;
mod verifier;
mod verify;

use leptos::prelude::*;

pub use decoder::Decoder;

/// An example token shown on a first visit, as jwt.io does: HS256 over a short-lived claims
/// set whose times have passed, so that the time display and warnings have something to
/// show. Demo key (HMAC, UTF-8): `jwt-lens-demo-secret-do-not-use-in-production`.
pub const EXAMPLE_TOKEN: &str = include_str!("example-token.txt");

/// The whole page: the top bar and the tabbed views.
#[component]
pub fn App() -> impl IntoView {
    let theme = RwSignal::new(browser::Theme::System);
    provide_context(verifier::Crypto::new());
    Effect::new(move |_| browser::apply_theme(theme.get()));
    view! {
        <header class="topbar">
            <div class="brand">
                <span class="logo" aria-hidden="true">"◆"</span>
                <h1>"JWT Lens"</h1>
                <span class="tagline">"JSON Web Token debugger — runs in your browser"</span>
            </div>
            <button
                type="button"
                class="theme-toggle"
                data-testid="theme-toggle"
                title="Switch between the system theme, light and dark"
                on:click=move |_| theme.update(|t| *t = t.next())
            >
                {move || format!("Theme: {}", theme.get().label())}
            </button>
        </header>
        <div class="tabs" role="tablist" aria-label="Views">
            <button type="button" role="tab" id="tab-decoder" aria-selected="true" aria-controls="panel-decoder">
                "Decoder"
            </button>
        </div>
        <main role="tabpanel" id="panel-decoder" aria-labelledby="tab-decoder" data-testid="decoder-panel">
            <Decoder/>
        </main>
        <footer class="footer">
            <span>"Tokens are decoded on this page only; nothing is sent anywhere."</span>
        </footer>
    }
}
