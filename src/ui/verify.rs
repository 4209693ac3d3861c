//! The verification part of the decoder: key box, secret encoding, what the key was
//! recognised as, the detached payload, and the verdict.

use leptos::prelude::*;

use super::crypto::Slot;
use super::state::Demo;
use super::widgets::{EncodingSelect, pending, set_secret, untrusted};
use crate::jwt::claims;
use crate::jwt::verdict::{KeySummary, Outcome, SecretEncoding};
use crate::jwt::{Decoded, Payload};

/// The key box and its options.
#[component]
pub fn KeyInput(
    /// The pasted key text.
    key_text: RwSignal<String>,
    /// How a plain secret is read.
    encoding: RwSignal<SecretEncoding>,
    /// Content for a token whose payload is detached.
    detached: RwSignal<String>,
    /// Whether to check against the key the token carries itself.
    use_embedded: RwSignal<bool>,
    decoded: Memo<Decoded>,
    /// The built-in example's demo secret, while the example is shown
    /// (`DecoderInputs::demo`): labelled as a demo while the key box holds it.
    demo: RwSignal<Option<Demo>>,
) -> impl IntoView {
    let demo_shown = move || demo.get().is_some_and(|d| key_text.with(|k| k == d.secret));
    let has_embedded =
        move || decoded.with(|d| d.header_json().is_some_and(|h| h.get("jwk").is_some() || h.get("x5c").is_some()));
    let detached_payload = move || decoded.with(|d| matches!(d.payload, Payload::Detached));
    view! {
        <div class="key-box">
            <div class="field-head">
                <label for="key-input">"Verification key"</label>
                <span class="field-actions">
                    <EncodingSelect id="secret-encoding" label="Secret encoding" encoding=encoding/>
                    <button type="button" class="small" aria-label="Clear key" data-testid="clear-key" on:click=move |_| set_secret(key_text, String::new())>
                        "Clear"
                    </button>
                </span>
            </div>
            <textarea
                id="key-input"
                data-testid="key-input"
                class="key-input"
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                placeholder="Paste an HMAC secret, a PEM public key or certificate, a private key (its public half is used), a JWK or a JWKS. For a JWE: the recipient's private key, the shared secret or the password."
                prop:value=move || key_text.get()
                on:input=move |ev| set_secret(key_text, event_target_value(&ev))
            ></textarea>
            <p class="demo-note" data-testid="demo-key-note" hidden=move || !demo_shown()>
                <strong>"Demo secret"</strong>" of the example token: it is public, so replace it with your own."
            </p>
            <p class="hint">"The key stays in this page: it is never stored, logged or put in the address."</p>
            {move || has_embedded().then(|| view! {
                <label class="toggle embedded">
                    <input type="checkbox" data-testid="use-embedded-key"
                        prop:checked=move || use_embedded.get()
                        on:change=move |ev| use_embedded.set(event_target_checked(&ev))/>
                    "Check against the key embedded in the token (jwk / x5c): this proves only that the token is self-consistent, not who signed it"
                </label>
            })}
            {move || detached_payload().then(|| view! {
                <div class="field-head"><label for="detached-payload">"Detached payload"</label></div>
                <textarea id="detached-payload" data-testid="detached-payload" class="detached-input" spellcheck="false"
                    placeholder="The content signed by this token, whose payload part is empty (RFC 7515 Appendix F)"
                    prop:value=move || detached.get()
                    on:input=move |ev| detached.set(event_target_value(&ev))></textarea>
            })}
        </div>
    }
}

/// The keys read from the key box, the JWKS entries skipped, and the index of the key that
/// verified.
pub type KeysRead = (Vec<KeySummary>, Vec<String>, Option<usize>);

/// What the key box was recognised as: each key with its thumbprint, certificate details,
/// skipped JWKS entries, and which key verified.
#[component]
pub fn KeyInfo(
    /// The keys, skipped entries and the index of the key that verified, from the latest report.
    keys: Memo<Option<KeysRead>>,
    now: RwSignal<i64>,
    /// Whether the token is a JWE (the key decrypted rather than verified).
    jwe: Memo<bool>,
) -> impl IntoView {
    move || {
        keys.with(|k| {
            let (keys, skipped, used) = k.as_ref()?;
            if keys.is_empty() {
                return None;
            }
            let items: Vec<_> = keys
                .iter()
                .enumerate()
                .map(|(i, k)| {
                    let cert = k.cert.as_ref().map(|c| {
                        let (nb, na) = (c.not_before, c.not_after);
                        view! {
                            <dl class="cert">
                                <dt>"Subject"</dt><dd data-testid="cert-subject">{untrusted(&c.subject)}</dd>
                                <dt>"Issuer"</dt><dd data-testid="cert-issuer">{untrusted(&c.issuer)}</dd>
                                <dt>"Valid"</dt>
                                <dd>{claims::format_utc(nb)}" to "{claims::format_utc(na)}" ("
                                    {move || if now.get() > na { format!("expired {}", claims::relative(na, now.get())) } else { format!("expires {}", claims::relative(na, now.get())) }}
                                ")"</dd>
                            </dl>
                        }
                    });
                    let verified = *used == Some(i);
                    view! {
                        <li class:used=verified data-testid="key-item" data-used=if verified { "true" } else { "false" }>
                            <span class="key-desc">{untrusted(&k.description)}</span>
                            {verified.then_some(view! { <span class="key-used">{if jwe.get() { " ✓ decrypted the token" } else { " ✓ verified the signature" }}</span> })}
                            <span class="key-thumb">"RFC 7638 thumbprint: "<code>{k.thumbprint.clone()}</code></span>
                            {cert}
                        </li>
                    }
                })
                .collect();
            let skipped: Vec<_> = skipped.iter().map(|s| view! { <li class="skipped">{untrusted(s)}</li> }).collect();
            let title = if keys.len() == 1 { "Key recognised".to_string() } else { format!("{} keys recognised", keys.len()) };
            Some(view! {
                <div class="key-info" data-testid="key-info">
                    <h3 class="section-title">{title}</h3>
                    <ul>{items}{skipped}</ul>
                </div>
            })
        })
    }
}

/// The verdict (UI contract: exactly one, always present, `data-verdict`, and
/// `aria-busy="true"` while the verifier is working). While it works, a spinner and a
/// Cancel button show (`verdict-pending`, `cancel-work`; shown by the style sheet).
#[component]
pub fn VerdictBox(outcome: Memo<Outcome>, busy: Memo<bool>) -> impl IntoView {
    let word = move || outcome.with(|o| o.verdict.as_str());
    view! {
        <div class="verdict" role="status" data-testid="verdict" data-verdict=word
            aria-busy=move || if busy.get() { "true" } else { "false" }>
            <span class="verdict-word">{word}</span>
            <span class="verdict-text">{move || outcome.with(|o| untrusted(&o.message))}</span>
            {pending("verdict-pending", "cancel-work", Slot::Verdict)}
        </div>
    }
}
