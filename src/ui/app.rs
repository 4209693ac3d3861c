//! The whole page: the top bar and the tabbed views. The Decoder is the first load; the
//! Encoder lives in the extras and is loaded the first time its tab is opened.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::bridge::Bridge;
use super::decoder;
use super::dom::{self, Tree};
use super::state::Views;
use super::{browser, crypto, present};

/// The page mounted in an element: dropping it disposes of the page's signals and
/// effects and empties the element (the page itself lives as long as its tab; the
/// component tests mount and drop one page per test).
pub struct Mounted {
    owner: Owner,
    root: web_sys::Element,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.owner.cleanup();
        self.root.set_text_content(None);
    }
}

/// Builds the page into `root`.
pub fn mount(root: &web_sys::Element) -> Mounted {
    // Effects run as tasks of the browser's microtask queue (a second call changes nothing).
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = Owner::new();
    owner.with(|| app(root));
    Mounted { owner, root: root.clone() }
}

/// The whole page: the top bar and the tabbed views.
fn app(root: &web_sys::Element) {
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
    let asked = std::cell::Cell::new(false);
    dom::bind(move || {
        let on = shown.get();
        if asked.get() || on {
            asked.set(true);
            bridge.show("encoder", on);
        }
    });
    dom::bind(move || browser::apply_theme(theme.get()));
    browser::register_service_worker();

    let mut t = Tree::new();
    t.open("header").class("topbar");
    t.open("div").class("brand");
    t.open("span").class("logo").attr("aria-hidden", "true").text("◆").close();
    t.leaf("h1", "", "JWT Lens").leaf("span", "tagline", "JSON Web Token debugger — runs in your browser");
    t.close();
    t.open("span").class("privacy").attr("data-testid", "privacy-indicator");
    t.attr(
        "title",
        "This page's Content-Security-Policy forbids any connection to another origin: tokens and keys are \
         decoded, verified and decrypted here, and never sent anywhere. After a first visit it works with the \
         network off.",
    );
    t.text("Offline — nothing leaves this page").close();
    present::present_controls(&mut t);
    t.open("button").attr("type", "button").class("theme-toggle").attr("data-testid", "theme-toggle");
    t.attr("title", "Switch between the system theme, light and dark").mark().close();
    t.close();
    t.open("div").class("tabs").attr("role", "tablist").attr("aria-label", "Views").mark();
    for (id, panel, label) in [("tab-decoder", "panel-decoder", "Decoder"), ("tab-encoder", "panel-encoder", "Encoder")]
    {
        t.open("button").attr("type", "button").attr("role", "tab").attr("id", id).attr("data-testid", id);
        t.attr("aria-controls", panel).mark().text(label).close();
    }
    t.close();
    // Both views stay mounted, so each keeps its state while the other is shown.
    t.open("main");
    t.open("div").attr("role", "tabpanel").attr("id", "panel-decoder").attr("aria-labelledby", "tab-decoder");
    t.attr("data-testid", "decoder-panel").mark().close();
    t.open("div").attr("role", "tabpanel").attr("id", "panel-encoder").attr("aria-labelledby", "tab-encoder");
    t.attr("data-testid", "encoder-panel").mark();
    // The extras mount the Encoder here, replacing the note.
    t.open("div").attr("id", "slot-encoder");
    t.open("p").class("hint").attr("data-testid", "encoder-loading").attr("aria-busy", "true");
    t.text("Loading the encoder…").close().close();
    t.close().close();
    t.open("footer").class("footer").leaf(
        "span",
        "",
        "Tokens are decoded on this page only; nothing is sent anywhere.",
    );
    t.close();
    let Some([toggle, tabs, tab_decoder, tab_encoder, decoder_panel, encoder_panel]) = t.append_n(root) else {
        return;
    };

    dom::bind_text(&toggle, move || format!("Theme: {}", theme.get().label()));
    dom::on(&toggle, "click", move |_| theme.update(|t| *t = t.next()));
    for (tab, encoder) in [(&tab_decoder, false), (&tab_encoder, true)] {
        let tab = tab.clone();
        let t = tab.clone();
        dom::bind(move || {
            let selected = shown.get() == encoder;
            dom::set_attr(&t, "aria-selected", Some(if selected { "true" } else { "false" }));
            dom::set_attr(&t, "tabindex", Some(if selected { "0" } else { "-1" }));
        });
        dom::on(&tab, "click", move |_| shown.set(encoder));
    }
    dom::bind_hidden(&decoder_panel, move || shown.get());
    dom::bind_hidden(&encoder_panel, move || !shown.get());
    // Arrow keys move between the tabs, as the ARIA tabs pattern has it.
    dom::on(&tabs, "keydown", move |ev| {
        let Some(ev) = ev.dyn_ref::<web_sys::KeyboardEvent>() else { return };
        if matches!(ev.key().as_str(), "ArrowLeft" | "ArrowRight" | "Home" | "End") {
            ev.prevent_default();
            shown.update(|s| *s = !*s);
            let tab = if shown.get_untracked() { &tab_encoder } else { &tab_decoder };
            if let Some(tab) = tab.dyn_ref::<web_sys::HtmlElement>() {
                let _ = tab.focus();
            }
        }
    });
    decoder::decoder(&decoder_panel, inputs);
}
