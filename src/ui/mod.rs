//! The Leptos front end. Components here render what the core (`crate::jwt`) returns and
//! never decide anything about tokens themselves.

mod browser;
mod code;
mod decoder;
mod encoder;
pub mod extras;
mod jwe;
mod link;
mod panes;
mod present;
mod teach;
pub mod verifier;
mod verify;
mod workflow;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

pub use decoder::Decoder;
pub use encoder::Encoder;

/// Text that comes from a token, key or certificate (or a message quoting one), as every
/// view shows it: through [`crate::jwt::text::visible`], the one rendering path, so bidi,
/// zero-width, control and other invisible characters appear as `⟨U+202E⟩` and cannot
/// reorder or hide what is read. Only the JSON panes write them otherwise (`\u202e`).
pub(crate) fn untrusted(text: &str) -> String {
    crate::jwt::text::visible(text).into_owned()
}

/// An example token shown on a first visit, as jwt.io does: HS256 over a short-lived claims
/// set whose times have passed, so that the time display and warnings have something to
/// show. Demo key (HMAC, UTF-8): `jwt-lens-demo-secret-do-not-use-in-production`.
pub const EXAMPLE_TOKEN: &str = include_str!("example-token.txt");

/// The whole page: the top bar and the tabbed views.
#[component]
pub fn App() -> impl IntoView {
    let theme = RwSignal::new(browser::Theme::System);
    provide_context(verifier::Crypto::new());
    let views = encoder::Views { encoder_shown: RwSignal::new(false), handoff: RwSignal::new(None) };
    provide_context(views);
    let shown = views.encoder_shown;
    // Arrow keys move between the tabs, as the ARIA tabs pattern has it.
    let on_tab_key = move |ev: leptos::ev::KeyboardEvent| {
        if matches!(ev.key().as_str(), "ArrowLeft" | "ArrowRight" | "Home" | "End") {
            ev.prevent_default();
            shown.update(|s| *s = !*s);
            let id = if shown.get_untracked() { "tab-encoder" } else { "tab-decoder" };
            if let Some(el) = document().get_element_by_id(id) {
                let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        }
    };
    Effect::new(move |_| browser::apply_theme(theme.get()));
    browser::register_service_worker();
    view! {
        <header class="topbar">
            <div class="brand">
                <span class="logo" aria-hidden="true">"◆"</span>
                <h1>"JWT Lens"</h1>
                <span class="tagline">"JSON Web Token debugger — runs in your browser"</span>
            </div>
            <span class="privacy" data-testid="privacy-indicator"
                title="This page's Content-Security-Policy forbids any connection to another origin: tokens and keys are decoded, verified and decrypted here, and never sent anywhere. After a first visit it works with the network off.">
                "Offline — nothing leaves this page"
            </span>
            <present::PresentControls/>
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
        <div class="tabs" role="tablist" aria-label="Views" on:keydown=on_tab_key>
            <button type="button" role="tab" id="tab-decoder" data-testid="tab-decoder" aria-controls="panel-decoder"
                aria-selected=move || if shown.get() { "false" } else { "true" }
                tabindex=move || if shown.get() { "-1" } else { "0" }
                on:click=move |_| shown.set(false)>
                "Decoder"
            </button>
            <button type="button" role="tab" id="tab-encoder" data-testid="tab-encoder" aria-controls="panel-encoder"
                aria-selected=move || if shown.get() { "true" } else { "false" }
                tabindex=move || if shown.get() { "0" } else { "-1" }
                on:click=move |_| shown.set(true)>
                "Encoder"
            </button>
        </div>
        <main>
            // Both views stay mounted, so each keeps its state while the other is shown.
            <div role="tabpanel" id="panel-decoder" aria-labelledby="tab-decoder" data-testid="decoder-panel" hidden=move || shown.get()>
                <Decoder/>
            </div>
            <div role="tabpanel" id="panel-encoder" aria-labelledby="tab-encoder" data-testid="encoder-panel" hidden=move || !shown.get()>
                <Encoder/>
            </div>
        </main>
        <footer class="footer">
            <span>"Tokens are decoded on this page only; nothing is sent anywhere."</span>
        </footer>
    }
}
