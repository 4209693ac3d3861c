//! Presenting and moving fast: presenter mode (large type, high contrast, one pane at a
//! time), the segment palette, and keyboard shortcuts with their help overlay.

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

fn by_id(id: &str) -> Option<web_sys::HtmlElement> {
    document().get_element_by_id(id)?.dyn_into().ok()
}

fn root_has(name: &str) -> bool {
    document().document_element().is_some_and(|r| r.has_attribute(name))
}

/// Shows or hides the shortcut help, focusing its Close button when shown.
fn show_help(on: bool) {
    if let Some(d) = by_id("shortcuts-overlay") {
        d.set_hidden(!on);
    }
    if on && let Some(b) = by_id("shortcuts-close") {
        let _ = b.focus();
    }
}

/// Applies presenter mode and its pane choice (root attributes the style sheet reads).
fn apply_presenter(on: bool) {
    browser::set_root_attribute("data-presenter", on.then_some("on"));
    let focus = document()
        .get_element_by_id("presenter-focus")
        .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|s| s.value())
        .filter(|f| on && f != "all");
    browser::set_root_attribute("data-focus", focus.as_deref());
    if let Some(b) = by_id("presenter-toggle") {
        let _ = b.set_attribute("aria-pressed", if on { "true" } else { "false" });
    }
    if let Some(w) = by_id("presenter-focus-wrap") {
        w.set_hidden(!on);
    }
}

/// The controls and the help as markup built once from the tables above (nothing in it
/// comes from a token): one string costs the first load far less than an element-by-element
/// view.
fn controls_html() -> String {
    let options = |list: &[(&str, &str)]| -> String {
        list.iter().map(|(v, l)| format!(r#"<option value="{v}">{l}</option>"#)).collect()
    };
    format!(
        concat!(
            r#"<label class="select-label" for="palette">Colours</label>"#,
            r#"<select id="palette" data-testid="palette">{}</select>"#,
            r#"<button type="button" id="presenter-toggle" data-testid="presenter-toggle" aria-pressed="false">Presenter mode</button>"#,
            r#"<span id="presenter-focus-wrap" hidden><label class="select-label" for="presenter-focus">Show</label>"#,
            r#"<select id="presenter-focus" data-testid="presenter-focus">{}</select></span>"#,
            r#"<button type="button" id="shortcuts-toggle" data-testid="shortcuts-toggle" aria-haspopup="dialog" title="Keyboard shortcuts (?)">Shortcuts</button>"#,
        ),
        options(&PALETTES),
        options(&FOCUS)
    )
}

fn help_html() -> String {
    let rows: String = SHORTCUTS
        .iter()
        .map(|(k, what, _)| format!(r#"<tr><th scope="row"><kbd>{k}</kbd></th><td>{what}</td></tr>"#))
        .collect();
    format!(
        concat!(
            r#"<div class="dialog" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" data-testid="shortcuts-help">"#,
            r#"<h2 id="shortcuts-title">Keyboard shortcuts</h2>"#,
            r#"<p class="hint">Single keys, when the focus is not in a text field. Esc closes this list.</p>"#,
            r#"<table class="shortcuts"><tbody>{}"#,
            r#"<tr><th scope="row"><kbd>←</kbd> <kbd>→</kbd></th><td>In the colour-coded token: move through its characters and see the bytes each carries</td></tr>"#,
            r#"</tbody></table>"#,
            r#"<label class="toggle"><input type="checkbox" id="shortcuts-enabled" data-testid="shortcuts-enabled" checked>Single-key shortcuts on</label>"#,
            r#"<button type="button" id="shortcuts-close" data-testid="shortcuts-close">Close</button></div>"#,
        ),
        rows
    )
}

/// Listens on `target` for `event` for the life of the page.
fn listen(target: &web_sys::EventTarget, event: &str, f: impl FnMut(web_sys::Event) + 'static) {
    let f = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(f);
    let _ = target.add_event_listener_with_callback(event, f.as_ref().unchecked_ref());
    f.forget();
}

fn target_id(ev: &web_sys::Event) -> String {
    ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).map(|e| e.id()).unwrap_or_default()
}

/// The top bar's presenting controls and the shortcut help. (Plain DOM state, no signals,
/// constant markup with delegated listeners: this is on the first load.)
#[component]
pub fn PresentControls() -> impl IntoView {
    let doc: web_sys::EventTarget = document().into();
    listen(&doc, "click", |ev| match target_id(&ev).as_str() {
        "presenter-toggle" => apply_presenter(!root_has("data-presenter")),
        "shortcuts-toggle" => show_help(by_id("shortcuts-overlay").is_some_and(|d| d.hidden())),
        // The backdrop or Close; a click inside the dialog is neither.
        "shortcuts-overlay" | "shortcuts-close" => show_help(false),
        _ => {}
    });
    listen(&doc, "change", |ev| match target_id(&ev).as_str() {
        "palette" => {
            let v = by_id("palette")
                .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .map(|s| s.value())
                .unwrap_or_default();
            browser::set_root_attribute("data-palette", (v != "safe").then_some(v.as_str()));
        }
        "presenter-focus" => apply_presenter(true),
        _ => {}
    });
    listen(&doc, "keydown", |ev| {
        let Ok(ev) = ev.dyn_into::<web_sys::KeyboardEvent>() else { return };
        let help_open = by_id("shortcuts-overlay").is_some_and(|d| !d.hidden());
        if ev.key() == "Escape" && help_open {
            show_help(false);
            return;
        }
        let enabled = document()
            .get_element_by_id("shortcuts-enabled")
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            .is_none_or(|c| c.checked());
        if !enabled || typing(&ev) {
            return;
        }
        let key = ev.key();
        if let Some((_, _, target)) = SHORTCUTS.iter().find(|(k, _, _)| *k == key) {
            ev.prevent_default();
            act(target);
        }
    });
    view! {
        <span class="present-controls" inner_html=controls_html()></span>
        <div class="overlay" id="shortcuts-overlay" hidden inner_html=help_html()></div>
    }
}
