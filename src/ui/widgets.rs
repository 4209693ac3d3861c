//! What every view shows the same way: untrusted text, the copy button, the secret
//! encoding select, a key box's text, and a verdict's busy state with its spinner and
//! Cancel button.

use std::time::Duration;

use leptos::prelude::*;
use zeroize::Zeroize;

use super::browser;
use super::crypto::{Crypto, Slot};
use super::dom::{self, Tree};
use crate::jwt::verdict::SecretEncoding;
use wasm_bindgen::JsCast;

/// Text that comes from a token, key or certificate (or a message quoting one), as every
/// view shows it: through [`crate::jwt::text::visible`], the one rendering path, so bidi,
/// zero-width, control and other invisible characters appear as `⟨U+202E⟩` and cannot
/// reorder or hide what is read. Only the JSON panes write them otherwise (`\u202e`).
pub(crate) fn untrusted(text: &str) -> String {
    crate::jwt::text::visible(text).into_owned()
}

/// A button that copies some text, with feedback.
#[component]
pub fn CopyButton(
    /// Names what is copied, for the accessible name ("Copy token").
    what: &'static str,
    /// The text to copy.
    text: Signal<String>,
) -> impl IntoView {
    let copied = RwSignal::new(false);
    view! {
        <button
            type="button"
            class="small"
            aria-label=format!("Copy {what}")
            data-testid=format!("copy-{}", what.replace(' ', "-"))
            on:click=move |_| {
                browser::copy_text(&text.get_untracked());
                copied.set(true);
                set_timeout(move || copied.set(false), Duration::from_millis(1200));
            }
        >
            {move || if copied.get() { "Copied" } else { "Copy" }}
        </button>
    }
}

/// Replaces the text of a key box, zeroizing the text it held (and the copy it was given).
pub fn set_secret(key_text: RwSignal<String>, mut text: String) {
    key_text.update(|k| {
        k.zeroize();
        k.push_str(&text);
    });
    text.zeroize();
}

/// How a plain secret is read (UI contract: values `utf8`, `base64`, `hex`); the `id` is
/// also the `data-testid`, and `label` the accessible name.
#[component]
pub fn EncodingSelect(id: &'static str, label: &'static str, encoding: RwSignal<SecretEncoding>) -> impl IntoView {
    view! {
        <label class="select-label" for=id>{label}</label>
        <select id=id data-testid=id
            prop:value=move || encoding.get().value()
            on:change=move |ev| encoding.set(SecretEncoding::from_value(&event_target_value(&ev)))>
            {SecretEncoding::ALL.map(|e| view! { <option value=e.value()>{e.label()}</option> }).collect_view()}
        </select>
    }
}

/// Work in progress, inside a verdict: a spinner and a button that stops the slot's work.
/// The style sheet shows them only while the verdict is `aria-busy` and has been for a
/// moment (`data-slow`, kept by [`bind_busy`]). `testid` names the spinner,
/// `cancel_testid` the button.
pub fn pending(testid: &'static str, cancel_testid: &'static str, slot: Slot) -> impl IntoView {
    let crypto = expect_context::<Crypto>();
    view! {
        <span class="pending" data-testid=testid>
            <span class="spinner"></span>
            <button type="button" class="small" data-testid=cancel_testid on:click=move |_| crypto.cancel(slot)>"Cancel"</button>
        </span>
    }
}

/// One checked rule (a claims check, a profile's check): its id, status and why, as an item
/// of a `ul.checks` (`data-check`, `data-status`).
pub fn check_item(id: &str, status: crate::jwt::claims::validate::CheckStatus, why: &str) -> impl IntoView + use<> {
    let status = status.as_str();
    let mark = match status {
        "pass" => "✓",
        "fail" => "✗",
        _ => "–",
    };
    view! {
        <li class=format!("check check-{status}") data-check=id.to_string() data-status=status>
            <span class="check-mark" aria-hidden="true">{mark}</span>
            <code>{untrusted(id)}</code>" "
            <span class="check-status">{status}</span>": "
            <span>{untrusted(why)}</span>
        </li>
    }
}

/// The page's [`EncodingSelect`], as markup: its label and its select (marked; wired by
/// [`wire_encoding`]). The extras keep the component (they cannot use `ui::dom`).
pub fn encoding_select(t: &mut Tree, id: &str, label: &str) {
    t.open("label").class("select-label").attr("for", id).text(label).close();
    t.open("select").attr("id", id).attr("data-testid", id).mark();
    for e in SecretEncoding::ALL {
        t.open("option").attr("value", e.value()).text(e.label()).close();
    }
    t.close();
}

/// Keeps a select built by [`encoding_select`] and `encoding` in step.
pub fn wire_encoding(select: &web_sys::Element, encoding: RwSignal<SecretEncoding>) {
    let select: web_sys::HtmlSelectElement = select.clone().unchecked_into();
    let s = select.clone();
    dom::bind(move || s.set_value(encoding.get().value()));
    dom::on(&select.clone().into(), "change", move |_| encoding.set(SecretEncoding::from_value(&select.value())));
}

/// How long work runs before a verdict shows its spinner and Cancel button.
const SLOW: Duration = Duration::from_millis(300);

/// Keeps a verdict's `aria-busy` to `busy`, and `data-slow` on it once `busy` has held for
/// a moment ([`SLOW`]): the style sheet shows the verdict's spinner and Cancel button then.
/// A quick answer, the usual case, never shows them, so the frame after a paste neither
/// lays them out nor starts the spinner's animation (about 0.8 of a 6 ms frame after a key
/// paste, measured; a style-sheet delay still did both).
pub fn bind_busy(el: &web_sys::Element, busy: impl Fn() -> bool + 'static) {
    let el = el.clone();
    // Each change of `busy` starts a new period; a timer set in an earlier one does nothing.
    let period = std::rc::Rc::new(std::cell::Cell::new(0u32));
    dom::bind(move || {
        let busy = busy();
        dom::set_attr(&el, "aria-busy", Some(if busy { "true" } else { "false" }));
        let now = period.get().wrapping_add(1);
        period.set(now);
        dom::set_attr(&el, "data-slow", None);
        if busy {
            let (el, period) = (el.clone(), period.clone());
            set_timeout(
                move || {
                    if period.get() == now {
                        dom::set_attr(&el, "data-slow", Some(""));
                    }
                },
                SLOW,
            );
        }
    });
}

/// The page's [`pending`], as markup: the spinner and its Cancel button (marked; wired by
/// [`wire_pending`]).
pub fn pending_tree(t: &mut Tree, testid: &str, cancel_testid: &str) {
    t.open("span").class("pending").attr("data-testid", testid);
    t.open("span").class("spinner").close();
    t.open("button").attr("type", "button").class("small").attr("data-testid", cancel_testid);
    t.mark().text("Cancel").close();
    t.close();
}

/// Makes the Cancel button of [`pending_tree`] stop the slot's work.
pub fn wire_pending(button: &web_sys::Element, slot: Slot) {
    let Some(crypto) = use_context::<Crypto>() else { return };
    dom::on(button, "click", move |_| crypto.cancel(slot));
}
