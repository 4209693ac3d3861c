//! The encoder's JWE step: encrypt the signed token (a nested JWT) or the payload to a
//! recipient's public key, a shared secret or a password, as compact JWE. Part of the
//! extras (loaded with the Encoder).

use leptos::prelude::*;

use super::ask::{Question, Reply, ask};
use super::crypto::{Crypto, Slot};
use super::port;
use super::state::Views;
use super::widgets::{CopyButton, EncodingSelect, set_secret, untrusted};
use crate::jwt::alg::{ContentEncryption, KeyManagement};
use crate::jwt::protocol::{EncryptReport, EncryptRequest};
use crate::jwt::verdict::SecretEncoding;
use zeroize::Zeroize;

/// The encoder's JWE step: encrypt the signed token (a nested JWT) or the payload to a
/// recipient's public key, a shared secret or a password, as compact JWE.
#[component]
pub fn EncryptPanel(
    /// The signed token, when there is one.
    signed: Signal<String>,
    /// The payload as typed.
    payload: RwSignal<String>,
) -> impl IntoView {
    let views = expect_context::<Views>();
    let on = RwSignal::new(false);
    let alg = RwSignal::new(KeyManagement::RsaOaep256.name().to_string());
    let enc = RwSignal::new(ContentEncryption::A256Gcm.name().to_string());
    let what = RwSignal::new("token".to_string());
    let key = RwSignal::new(String::new());
    let encoding = RwSignal::new(SecretEncoding::Utf8);
    let reply = ask(Slot::Encrypt, move || {
        if !on.get() {
            return None;
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
        if req.key.trim().is_empty() || req.plaintext.is_empty() {
            req.forget();
            return None;
        }
        Some(req)
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
        reply.with(|r| r.result().and_then(|r| r.token.clone().map_err(|e| e.0)))
    });
    let token = move || result.with(|r| r.as_ref().ok().cloned().unwrap_or_default());
    // Busy while a question awaits its answer; nothing asked (no key, nothing to encrypt) is not busy.
    let pending = move || reply.with(Reply::waiting);
    let open = move |_| {
        if let Ok(t) = result.get_untracked() {
            // A secret decrypts; for a public key the decoder needs the private half.
            let secret = !key.with_untracked(|k| k.trim_start().starts_with(['-', '{']));
            let k = if secret { key.get_untracked() } else { String::new() };
            port::open_in_decoder(t, k, encoding.get_untracked());
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
                        Some(view! { <div class="problem" role="alert" data-code="cannot-encrypt">{untrusted(e)}</div> })
                    }
                    _ => None,
                })}
            </div>
        </div>
    }
}

impl Question for EncryptRequest {
    type Answer = EncryptReport;
    fn set_id(&mut self, id: u32) {
        self.id = id;
    }
    fn to_json(&self) -> String {
        EncryptRequest::to_json(self)
    }
    fn forget(&mut self) {
        self.key.zeroize();
        self.plaintext.zeroize();
    }
    fn answer(crypto: &Crypto, _: Slot) -> Option<EncryptReport> {
        crypto.answers()?.encrypted.get()
    }
}
