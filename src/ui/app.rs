//! The whole page: the top bar and the tabbed views. The Decoder is the first load; the
//! Encoder lives in the extras and is loaded the first time its tab is opened.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::bridge::Bridge;
use super::decoder::{self, Decoder};
use super::state::Views;
use super::{browser, crypto, present};

/// The whole page: the top bar and the tabbed views.
#[component]
pub fn App() -> impl IntoView {
    let theme = RwSignal::new(browser::Theme::System);
    let crypto = crypto::Crypto::new();
    provide_context(crypto);
    let views = Views { encoder_shown: RwSignal::new(false) };
    provide_context(views);
    let inputs = decoder::first_inputs();
    let bridge = Bridge::new(inputs, views, crypto);
    provide_context(bridge);
    let shown = views.encoder_shown;
    // The Encoder is loaded the first time its tab is shown; from then on the extras
    // know whether it is shown (a hidden panel holds no live alerts).
    Effect::new(move |asked: Option<bool>| {
        let on = shown.get();
        let asked = asked.unwrap_or(false) || on;
        if asked {
            bridge.show("encoder", on);
        }
        asked
    });
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
                <Decoder inputs=inputs/>
            </div>
            <div role="tabpanel" id="panel-encoder" aria-labelledby="tab-encoder" data-testid="encoder-panel" hidden=move || !shown.get()>
                // The extras mount the Encoder here, replacing the note.
                <div id="slot-encoder"><p class="hint" data-testid="encoder-loading" aria-busy="true">"Loading the encoder…"</p></div>
            </div>
        </main>
        <footer class="footer">
            <span>"Tokens are decoded on this page only; nothing is sent anywhere."</span>
        </footer>
    }
}
