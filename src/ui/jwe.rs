//! What a decrypted JWE shows: the plaintext exactly as decrypted (UI contract: region
//! `Decrypted payload`), a pretty-printed copy when it is JSON, and a nested token
//! (`cty: JWT`) decoded as a token of its own, with its own key box and verdict.

use leptos::prelude::*;

use super::code::{Code, CodeBlock};
use super::decoder::CopyButton;
use super::encoder::{Handoff, Views};
use super::panes::{hex_spaced, json_code};
use super::verifier::{Crypto, Slot, Status};
use super::verify::{EncodingSelect, pending, set_secret};
use crate::jwt::alg::{ContentEncryption, KeyManagement};
use crate::jwt::protocol::{EncryptRequest, Request};
use crate::jwt::token::JsonText;
use crate::jwt::verdict::{SecretEncoding, preliminary};
use crate::jwt::{self, Decoded, Form, Payload};
use zeroize::Zeroize;

/// The plaintext of the current JWE, once it decrypted.
#[component]
pub fn DecryptedPane(
    plaintext: Memo<Option<Vec<u8>>>,
    /// Whether the current token is a JWE at all.
    is_jwe: Memo<bool>,
    /// Loads a token into the decoder ("Open in the decoder").
    open: Callback<String>,
) -> impl IntoView {
    let text = Memo::new(move |_| plaintext.with(|p| p.as_ref().map(|b| String::from_utf8(b.clone()))));
    let exact = Memo::new(move |_| {
        text.with(|t| match t {
            Some(Ok(s)) => super::panes::plain_code(s, false),
            Some(Err(e)) => Code::Plain(hex_spaced(e.as_bytes())),
            None => Code::Empty,
        })
    });
    let note = move || {
        plaintext.with(|p| match p {
            None => "Decrypted content appears here once the key decrypts the token.".to_string(),
            Some(b) => match std::str::from_utf8(b) {
                Ok(s) if matches!(crate::jwt::text::visible_lines(s), std::borrow::Cow::Owned(_)) => {
                    format!("{} bytes of UTF-8 text as decrypted, its invisible characters shown as ⟨U+…⟩", b.len())
                }
                Ok(_) => format!("{} bytes of UTF-8 text, exactly as decrypted", b.len()),
                Err(_) => format!("{} bytes, not UTF-8: shown as hex", b.len()),
            },
        })
    };
    // A JSON plaintext, pretty-printed, outside the region (which holds the exact text).
    let pretty = Memo::new(move |_| {
        text.with(|t| match t {
            Some(Ok(s)) if s.trim_start().starts_with(['{', '[']) => {
                let j = JsonText::new(s.clone());
                j.pretty.as_ref().filter(|p| p.text != *s).map(|_| json_code(&j, false))
            }
            _ => None,
        })
    });
    // A nested JWT: a compact JWS inside.
    let inner = Memo::new(move |_| {
        text.with(|t| match t {
            Some(Ok(s)) => {
                let d = jwt::decode(s.trim());
                (d.form == Form::Jws && d.header_json().is_some()).then_some(d)
            }
            _ => None,
        })
    });
    view! {
        <section class="pane pane-decrypted" class:hidden=move || !is_jwe.get()>
            <div class="pane-head">
                <h2 class="pane-title title-decrypted">"Decrypted payload"</h2>
                <span class="pane-note" data-testid="decrypted-note">{note}</span>
            </div>
            <CodeBlock code=exact label="Decrypted payload" testid="decrypted-pane"/>
            {move || pretty.get().map(|code| view! {
                <h3 class="section-title">"Pretty-printed"</h3>
                <CodeBlock code=code label="Decrypted payload, pretty-printed" testid="decrypted-pretty" region=false/>
            })}
            {move || inner.get().map(|d| view! { <NestedToken decoded=d open=open/> })}
        </section>
    }
}

/// A token found inside a decrypted JWE: decoded, with its own key box and verdict.
#[component]
fn NestedToken(decoded: Decoded, open: Callback<String>) -> impl IntoView {
    let crypto = expect_context::<Crypto>();
    let token = decoded.input.token.clone();
    let header = decoded.header.as_ref().map_or(Code::Empty, |h| json_code(h, false));
    let payload = match &decoded.payload {
        Payload::Json(j) => json_code(j, false),
        Payload::Text(t) => super::panes::plain_code(t, false),
        Payload::Binary(b) => Code::Plain(hex_spaced(b)),
        _ => Code::Empty,
    };
    let segments: Vec<_> = decoded
        .segments
        .iter()
        .enumerate()
        .map(|(i, seg)| {
            let class = format!("seg seg-{}", seg.part.slug());
            let text = super::untrusted(&token[seg.range.clone()]);
            view! { {(i > 0).then_some(view! { <span class="dot">"."</span> })}<span class=class>{text}</span> }
        })
        .collect();
    // A key the gallery supplied for this nested token, taken once.
    let preset = super::browser::take_nested_key();
    let key_text = RwSignal::new(preset.unwrap_or_default());
    let encoding = RwSignal::new(SecretEncoding::Utf8);
    let prelim = {
        let d = decoded.clone();
        Memo::new(move |_| preliminary(&d, key_text.with(|k| !k.trim().is_empty())))
    };
    // This view now owns the nested slot: nothing a previous nested token asked shows here.
    untrack(|| crypto.withdraw(Slot::Nested));
    {
        let token = token.clone();
        Effect::new(move |_| {
            if prelim.with(Option::is_some) {
                return crypto.withdraw(Slot::Nested);
            }
            let mut request = Request {
                id: 0,
                token: token.clone(),
                key: key_text.get(),
                encoding: encoding.get(),
                detached: None,
                use_embedded: false,
                trusted: false,
            };
            crypto.ask(Slot::Nested, |id| {
                request.id = id;
                request.to_json()
            });
            request.key.zeroize();
        });
    }
    let busy = Memo::new(move |_| prelim.with(Option::is_none) && crypto.pending(Slot::Nested));
    let outcome = Memo::new(move |_| {
        if let Some(o) = prelim.get() {
            return o;
        }
        crypto.outcome(Slot::Nested, "Checking the nested token's signature…")
    });
    let word = move || outcome.with(|o| o.verdict.as_str());
    let open_token = token.clone();
    view! {
        <div class="nested" data-testid="nested-token">
            <div class="pane-head">
                <h3 class="section-title">"Nested token (a signed JWT inside the JWE)"</h3>
                <button type="button" class="small" data-testid="open-nested"
                    on:click=move |_| open.run(open_token.clone())>"Open in the decoder"</button>
            </div>
            <div class="encoded nested-encoded" data-testid="nested-encoded">{segments}</div>
            <h4 class="section-title">"Nested header"</h4>
            <CodeBlock code=header label="Nested token header" testid="nested-header" region=false/>
            <h4 class="section-title">"Nested payload"</h4>
            <CodeBlock code=payload label="Nested token payload" testid="nested-payload" region=false/>
            <div class="field-head">
                <label for="nested-key">"Nested token key"</label>
                <span class="field-actions">
                    <EncodingSelect id="nested-secret-encoding" label="Nested secret encoding" encoding=encoding/>
                </span>
            </div>
            <textarea id="nested-key" data-testid="nested-key-input" class="key-input" spellcheck="false" autocomplete="off"
                placeholder="The signer's public key or secret, to verify the nested token"
                prop:value=move || key_text.get()
                on:input=move |ev| set_secret(key_text, event_target_value(&ev))></textarea>
            <div class="verdict" aria-live="polite" data-testid="nested-verdict" data-verdict=word
                aria-busy=move || if busy.get() { "true" } else { "false" }>
                <span class="verdict-word">{word}</span>
                <span class="verdict-text">{move || outcome.with(|o| super::untrusted(&o.message))}</span>
                {pending("nested-verdict-pending", "nested-cancel-work", Slot::Nested)}
            </div>
        </div>
    }
}

/// The encoder's JWE step: encrypt the signed token (a nested JWT) or the payload to a
/// recipient's public key, a shared secret or a password, as compact JWE.
#[component]
pub fn EncryptPanel(
    /// The signed token, when there is one.
    signed: Signal<String>,
    /// The payload as typed.
    payload: RwSignal<String>,
) -> impl IntoView {
    let crypto = expect_context::<Crypto>();
    let views = expect_context::<Views>();
    let on = RwSignal::new(false);
    let alg = RwSignal::new(KeyManagement::RsaOaep256.name().to_string());
    let enc = RwSignal::new(ContentEncryption::A256Gcm.name().to_string());
    let what = RwSignal::new("token".to_string());
    let key = RwSignal::new(String::new());
    let encoding = RwSignal::new(SecretEncoding::Utf8);
    Effect::new(move |_| {
        if !on.get() {
            return crypto.withdraw(Slot::Encrypt);
        }
        let nested = what.get() == "token";
        let mut req = EncryptRequest {
            id: 0,
            plaintext: if nested { signed.get() } else { payload.get() },
            alg: alg.get(),
            enc: enc.get(),
            key: key.get(),
            encoding: encoding.get(),
            cty: nested.then(|| "JWT".to_string()),
            zip: false,
        };
        let ready = !req.key.trim().is_empty() && !req.plaintext.is_empty();
        crypto.ask_if(Slot::Encrypt, ready, |id| {
            req.id = id;
            req.to_json()
        });
        req.key.zeroize();
    });
    let result = Memo::new(move |_| {
        if key.with(|k| k.trim().is_empty()) {
            return Err(
                "No encryption key yet: paste the recipient's public key (PEM or JWK), or a shared secret or password."
                    .to_string(),
            );
        }
        if what.get() == "token" && signed.with(String::is_empty) {
            return Err("Nothing to encrypt yet: the token is not signed (see the signing key above).".to_string());
        }
        match (crypto.status(Slot::Encrypt), crypto.encrypted.get()) {
            (Status::Failed(e), _) => Err(e),
            (Status::Cancelled, _) => Err("Cancelled.".to_string()),
            (_, Some(r)) => r.token,
            _ => Err(String::new()),
        }
    });
    let token = move || result.with(|r| r.as_ref().ok().cloned().unwrap_or_default());
    let pending = move || result.with(|r| matches!(r, Err(e) if e.is_empty()));
    let open = move |_| {
        if let Ok(t) = result.get_untracked() {
            // A secret decrypts; for a public key the decoder needs the private half.
            let secret = !key.with_untracked(|k| k.trim_start().starts_with(['-', '{']));
            let k = if secret { key.get_untracked() } else { String::new() };
            views.handoff.set(Some(Handoff::ToDecoder { token: t, key: k, encoding: encoding.get_untracked() }));
            views.encoder_shown.set(false);
        }
    };
    view! {
        <div class="encrypt-panel">
            <label class="toggle">
                <input type="checkbox" data-testid="encrypt-toggle"
                    prop:checked=move || on.get()
                    on:change=move |ev| on.set(event_target_checked(&ev))/>
                "Encrypt (JWE): seal the signed token (nested JWT) or the payload for a recipient"
            </label>
            <div class="encrypt-body" class:hidden=move || !on.get()>
                <div class="jwe-options">
                    <span class="jwe-option">
                        <label class="select-label" for="jwe-alg">"Key management"</label>
                        <select id="jwe-alg" data-testid="jwe-alg" prop:value=move || alg.get()
                            on:change=move |ev| alg.set(event_target_value(&ev))>
                            {KeyManagement::ALL.iter().filter(|a| a.encrypts()).map(|a| view! { <option value=a.name()>{a.name()}</option> }).collect_view()}
                        </select>
                    </span>
                    <span class="jwe-option">
                        <label class="select-label" for="jwe-enc">"Content encryption"</label>
                        <select id="jwe-enc" data-testid="jwe-enc" prop:value=move || enc.get()
                            on:change=move |ev| enc.set(event_target_value(&ev))>
                            {ContentEncryption::ALL.iter().map(|e| view! { <option value=e.name()>{e.name()}</option> }).collect_view()}
                        </select>
                    </span>
                    <span class="jwe-option">
                        <label class="select-label" for="jwe-content">"Encrypt"</label>
                        <select id="jwe-content" data-testid="jwe-content" prop:value=move || what.get()
                            on:change=move |ev| what.set(event_target_value(&ev))>
                            <option value="token">"the signed token (cty: JWT)"</option>
                            <option value="payload">"the payload as typed"</option>
                        </select>
                    </span>
                </div>
                <div class="field-head">
                    <label for="encryption-key">"Encryption key"</label>
                    <span class="field-actions">
                        <EncodingSelect id="encryption-secret-encoding" label="Encryption secret encoding" encoding=encoding/>
                    </span>
                </div>
                <textarea id="encryption-key" data-testid="encryption-key" class="key-input" spellcheck="false" autocomplete="off"
                    placeholder="The recipient's public key (PEM, certificate, JWK; RSA, EC P-256/384/521 or X25519), or a shared secret (dir, AES key wrap) or password (PBES2)"
                    prop:value=move || key.get()
                    on:input=move |ev| set_secret(key, event_target_value(&ev))></textarea>
                <div class="field-head">
                    <label for="encrypted-token">"Encrypted token"</label>
                    <span class="field-actions">
                        <CopyButton what="encrypted token" text=Signal::derive(token)/>
                        <button type="button" class="small" data-testid="open-encrypted-in-decoder"
                            disabled=move || result.with(|r| r.is_err()) on:click=open>"Open in decoder"</button>
                    </span>
                </div>
                <textarea id="encrypted-token" data-testid="encrypted-token" class="signed" readonly
                    aria-busy=move || if pending() { "true" } else { "false" }>{token}</textarea>
                {move || result.with(|r| match r {
                    Err(e) if !e.is_empty() && on.get() && views.encoder_shown.get() => {
                        Some(view! { <div class="problem" role="alert" data-code="cannot-encrypt">{super::untrusted(e)}</div> })
                    }
                    _ => None,
                })}
            </div>
        </div>
    }
}
