//! Presenting and moving fast: presenter mode (large type, high contrast, one pane at a
//! time), the segment palette, and keyboard shortcuts with their help overlay.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::browser;

/// What presenter mode can show on its own (`data-pane` values), with labels.
const FOCUS: [(&str, &str); 8] = [
    ("all", "Everything"),
    ("token", "Token, key and verdict"),
    ("header", "Header"),
    ("payload", "Payload"),
    ("claims", "Claims"),
    ("signature", "Signature"),
    ("walkthrough", "Signature, step by step"),
    ("tools", "Examples and tools"),
];

/// The segment palettes: the default is safe for the common colour-vision deficiencies.
const PALETTES: [(&str, &str); 3] = [
    ("safe", "Colour-blind safe (Okabe–Ito)"),
    ("classic", "Classic (jwt.io colours)"),
    ("mono", "No colour (underlines only)"),
];

/// The shortcuts: key, what it does, and the element it acts on (clicked, or focused for
/// text fields).
const SHORTCUTS: [(&str, &str, &str); 11] = [
    ("/", "Focus the token", "#token-input"),
    ("k", "Focus the key", "#key-input"),
    ("c", "Copy the token", "[data-testid=copy-token]"),
    ("x", "Clear the token", "[data-testid=clear-token]"),
    ("d", "Show the Decoder", "#tab-decoder"),
    ("e", "Show the Encoder", "#tab-encoder"),
    ("g", "Show or hide the examples", "[data-testid=gallery-toggle]"),
    ("w", "Show or hide the signature walkthrough", "[data-testid=walk-toggle]"),
    ("s", "Show or hide the share link", "[data-testid=share-toggle]"),
    ("p", "Presenter mode on or off", "[data-testid=presenter-toggle]"),
    ("?", "This list", "[data-testid=shortcuts-toggle]"),
];

fn act(selector: &str) {
    let Some(el) = document().query_selector(selector).ok().flatten() else { return };
    let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() else { return };
    if matches!(el.tag_name().as_str(), "TEXTAREA" | "INPUT") {
        let _ = el.focus();
    } else {
        el.click();
    }
}

/// Whether a key press belongs to a text field (or carries a modifier): then it is typing.
fn typing(ev: &web_sys::KeyboardEvent) -> bool {
    if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
        return true;
    }
    ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|el| {
        matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.has_attribute("contenteditable")
    })
}

/// The top bar's presenting controls and the shortcut help.
#[component]
pub fn PresentControls() -> impl IntoView {
    let presenter = RwSignal::new(false);
    let focus = RwSignal::new("all".to_string());
    let palette = RwSignal::new("safe".to_string());
    let help = RwSignal::new(false);
    let enabled = RwSignal::new(true);
    Effect::new(move |_| {
        browser::set_root_attribute("data-presenter", presenter.get().then_some("on"));
        let f = focus.get();
        browser::set_root_attribute("data-focus", (presenter.get() && f != "all").then_some(f.as_str()));
    });
    Effect::new(move |_| {
        palette.with(|p| browser::set_root_attribute("data-palette", (p != "safe").then_some(p.as_str())))
    });
    let keys = window_event_listener(ev::keydown, move |ev| {
        if ev.key() == "Escape" && help.get_untracked() {
            help.set(false);
            return;
        }
        if !enabled.get_untracked() || typing(&ev) {
            return;
        }
        let key = ev.key();
        if let Some((_, _, target)) = SHORTCUTS.iter().find(|(k, _, _)| *k == key) {
            ev.prevent_default();
            act(target);
        }
    });
    on_cleanup(move || keys.remove());
    let close: NodeRef<leptos::html::Button> = NodeRef::new();
    Effect::new(move |_| {
        if help.get() {
            if let Some(b) = close.get() {
                let _ = b.focus();
            }
        }
    });
    view! {
        <span class="present-controls">
            <label class="select-label" for="palette">"Colours"</label>
            <select id="palette" data-testid="palette" prop:value=move || palette.get()
                on:change=move |ev| palette.set(event_target_value(&ev))>
                {PALETTES.map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
            </select>
            <button type="button" data-testid="presenter-toggle" aria-pressed=move || presenter.get().to_string()
                on:click=move |_| presenter.update(|p| *p = !*p)>"Presenter mode"</button>
            <Show when=move || presenter.get()>
                <label class="select-label" for="presenter-focus">"Show"</label>
                <select id="presenter-focus" data-testid="presenter-focus" prop:value=move || focus.get()
                    on:change=move |ev| focus.set(event_target_value(&ev))>
                    {FOCUS.map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                </select>
            </Show>
            <button type="button" data-testid="shortcuts-toggle" aria-haspopup="dialog" title="Keyboard shortcuts (?)"
                on:click=move |_| help.update(|h| *h = !*h)>"Shortcuts"</button>
        </span>
        <Show when=move || help.get()>
            <div class="overlay" on:click=move |_| help.set(false)>
                <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" data-testid="shortcuts-help"
                    on:click=|ev| ev.stop_propagation()>
                    <h2 id="shortcuts-title">"Keyboard shortcuts"</h2>
                    <p class="hint">"Single keys, when the focus is not in a text field. Esc closes this list."</p>
                    <table class="shortcuts">
                        <tbody>
                            {SHORTCUTS.map(|(k, what, _)| view! { <tr><th scope="row"><kbd>{k}</kbd></th><td>{what}</td></tr> }).collect_view()}
                            <tr><th scope="row"><kbd>"←"</kbd>" "<kbd>"→"</kbd></th><td>"In the colour-coded token: move through its characters and see the bytes each carries"</td></tr>
                        </tbody>
                    </table>
                    <label class="toggle">
                        <input type="checkbox" data-testid="shortcuts-enabled" prop:checked=move || enabled.get()
                            on:change=move |ev| enabled.set(event_target_checked(&ev))/>
                        "Single-key shortcuts on"
                    </label>
                    <button type="button" node_ref=close data-testid="shortcuts-close" on:click=move |_| help.set(false)>"Close"</button>
                </div>
            </div>
        </Show>
    }
}
