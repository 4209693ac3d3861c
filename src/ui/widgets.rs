//! What every view shows the same way: untrusted text, the copy button, the secret
//! encoding select, a key box's text, and the spinner with its Cancel button.

use std::time::Duration;

use leptos::prelude::*;
use zeroize::Zeroize;

use super::browser;
use super::crypto::{Crypto, Slot};
use crate::jwt::verdict::SecretEncoding;

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
/// The style sheet shows them only while the verdict is `aria-busy`, after a moment (so
/// that quick answers do not flicker). `testid` names the spinner, `cancel_testid` the
/// button.
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
