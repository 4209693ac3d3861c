//! Presenting and moving fast: presenter mode (large type, high contrast, one pane at a
//! time), the segment palette, and keyboard shortcuts with their help overlay.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::browser;
use super::dom::Tree;

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

/// The controls (in the top bar) and the help (a dialog, hidden), built from the tables
/// above: nothing in them comes from a token.
fn controls(t: &mut Tree) {
    let select = |t: &mut Tree, id: &str, list: &[(&str, &str)]| {
        t.open("select").attr("id", id).attr("data-testid", id);
        for (v, l) in list {
            t.open("option").attr("value", v).text(l).close();
        }
        t.close();
    };
    let button = |t: &mut Tree, id: &str| {
        t.open("button").attr("type", "button").attr("id", id).attr("data-testid", id);
    };
    t.open("span").class("present-controls");
    t.open("label").class("select-label").attr("for", "palette").text("Colours").close();
    select(t, "palette", &PALETTES);
    button(t, "presenter-toggle");
    t.attr("aria-pressed", "false").text("Presenter mode").close();
    t.open("span").attr("id", "presenter-focus-wrap").attr("hidden", "");
    t.open("label").class("select-label").attr("for", "presenter-focus").text("Show").close();
    select(t, "presenter-focus", &FOCUS);
    t.close();
    button(t, "shortcuts-toggle");
    t.attr("aria-haspopup", "dialog").attr("title", "Keyboard shortcuts (?)").text("Shortcuts").close();
    t.close();
    t.open("div").class("overlay").attr("id", "shortcuts-overlay").attr("hidden", "");
    t.open("div").class("dialog").attr("role", "dialog").attr("aria-modal", "true");
    t.attr("aria-labelledby", "shortcuts-title").attr("data-testid", "shortcuts-help");
    t.open("h2").attr("id", "shortcuts-title").text("Keyboard shortcuts").close();
    t.leaf("p", "hint", "Single keys, when the focus is not in a text field. Esc closes this list.");
    t.open("table").class("shortcuts").open("tbody");
    for (k, what, _) in SHORTCUTS {
        t.open("tr").open("th").attr("scope", "row").leaf("kbd", "", k).close().leaf("td", "", what).close();
    }
    t.open("tr").open("th").attr("scope", "row").leaf("kbd", "", "←").text(" ").leaf("kbd", "", "→").close();
    t.leaf("td", "", "In the colour-coded token: move through its characters and see the bytes each carries");
    t.close().close().close();
    t.open("label").class("toggle");
    t.open("input").attr("type", "checkbox").attr("id", "shortcuts-enabled").attr("data-testid", "shortcuts-enabled");
    t.attr("checked", "").close().text("Single-key shortcuts on").close();
    button(t, "shortcuts-close");
    t.text("Close").close();
    t.close().close();
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

/// The top bar's presenting controls and the shortcut help, added to the tree (plain DOM
/// state, no signals, constant markup with delegated listeners).
pub fn present_controls(t: &mut Tree) {
    controls(t);
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
}
