//! The Encoder view: edit a header and payload, choose an algorithm and a key, and get
//! the signed token, as a server would issue it. Signing happens in the verifier worker.
//! Part of the extras: loaded the first time the Encoder tab is opened, mounted into the
//! page's `#slot-encoder`.

use leptos::prelude::*;

use super::ask::{Question, Reply, ask};
use super::browser;
use super::clock::clock;
use super::crypto::{Crypto, Slot};
use super::encrypt::EncryptPanel;
use super::port;
use super::sd_encoder::SdIssuePanel;
use super::state::Views;
use super::widgets::{CopyButton, EncodingSelect, set_secret, untrusted};
use crate::jwt::alg::{JwsAlg, Scheme};
use crate::jwt::claims;
use crate::jwt::json;
use crate::jwt::jwk::KeyKind;
use crate::jwt::jws::header_alg;
use crate::jwt::protocol::{KeysReport, KeysRequest, SignReport, SignRequest};
use crate::jwt::verdict::SecretEncoding;
use zeroize::Zeroize;

const DEFAULT_HEADER: &str = "{\n  \"alg\": \"HS256\",\n  \"typ\": \"JWT\"\n}";
const DEFAULT_PAYLOAD: &str = "{\n  \"sub\": \"1234567890\",\n  \"name\": \"Ada Lovelace\",\n  \"iat\": 1764547200\n}";

/// The algorithm the encoder offers of this name, if it offers it.
fn offered(name: &str) -> Option<JwsAlg> {
    JwsAlg::parse(name).filter(|a| JwsAlg::SIGNING.contains(a))
}

/// The token being edited: the header, the payload and the algorithm. They exist as soon
/// as the extras start, so that "Edit this token" can fill them before the Encoder mounts.
#[derive(Clone, Copy)]
pub struct Editing {
    pub header: RwSignal<String>,
    pub payload: RwSignal<String>,
    pub alg: RwSignal<JwsAlg>,
}

impl Editing {
    pub fn new() -> Self {
        Editing {
            header: RwSignal::new(DEFAULT_HEADER.to_string()),
            payload: RwSignal::new(DEFAULT_PAYLOAD.to_string()),
            alg: RwSignal::new(JwsAlg::Hs256),
        }
    }

    /// "Edit this token" from the decoder: its header and payload, and its alg when it is
    /// one the encoder signs with.
    pub fn edit(&self, h: String, p: String) {
        if let Some(a) = header_alg(&h).as_deref().and_then(offered) {
            self.alg.set(a);
        }
        self.header.set(h);
        self.payload.set(p);
    }
}

impl Default for Editing {
    fn default() -> Self {
        Self::new()
    }
}

/// The encoder.
#[component]
pub fn Encoder(editing: Editing) -> impl IntoView {
    let views = expect_context::<Views>();
    let Editing { header, payload, alg } = editing;
    let key = RwSignal::new(String::new());
    let encoding = RwSignal::new(SecretEncoding::Utf8);
    let exact = RwSignal::new(false);
    // ML-DSA only: hedged (fresh randomness, FIPS 204's default) unless asked otherwise.
    let deterministic = RwSignal::new(false);
    let last_good = RwSignal::new(None::<String>);

    // Editing alg in the header sets the select; choosing in the select sets the header.
    let on_header = move |text: String| {
        if let Some(a) = header_alg(&text).as_deref().and_then(offered) {
            alg.set(a);
        }
        header.set(text);
    };
    let on_alg = move |a: JwsAlg| {
        if let Some(h) = header.with(|h| json::set_member(h, "alg", &json::quote(a.name()))) {
            header.set(h);
        }
        alg.set(a);
    };

    // Sign on every change; only the answer to the latest request counts.
    let reply = ask(Slot::Sign, move || {
        let mut req = SignRequest {
            id: 0,
            header: header.get(),
            payload: payload.get(),
            alg: alg.get().name().to_string(),
            key: key.get(),
            encoding: encoding.get(),
            exact: exact.get(),
            deterministic: alg.get().scheme() == Scheme::MlDsa && deterministic.get(),
        };
        if req.key.trim().is_empty() {
            req.forget();
            return None;
        }
        Some(req)
    });
    let result = Memo::new(move |_| {
        if key.with(|k| k.trim().is_empty()) {
            return Err(
                "No signing key yet: paste a secret, a private key PEM (PKCS#8, PKCS#1, SEC1) or a private JWK."
                    .to_string(),
            );
        }
        reply.with(|r| r.result().and_then(|r| r.token.clone().map_err(|e| e.0)))
    });
    // Busy while a question awaits its answer; nothing asked (no key yet) is not busy.
    let pending = move || reply.with(Reply::waiting);
    Effect::new(move |_| {
        if let Ok(t) = result.get() {
            last_good.set(Some(t));
        }
    });
    let token = move || result.with(|r| r.as_ref().ok().cloned().unwrap_or_default());

    // Claim helpers.
    let set_claim = move |name: &str, value: String| {
        if let Some(p) = payload.with(|p| json::set_member(p, name, &value)) {
            payload.set(p);
        }
    };
    let now = move || browser::now_seconds();
    let custom_minutes = RwSignal::new(30i64);
    let thumbprint = move || reply.with(|r| r.result().ok().and_then(|r| r.thumbprint.clone()));
    // How the shown ML-DSA signature was made, as the signer says.
    let hedged = move || reply.with(|r| r.result().ok().filter(|r| r.token.is_ok()).and_then(|r| r.hedged));
    let payload_error = move || payload.with(|p| json_error(p));
    let header_error = move || header.with(|h| json_error(h));

    let open_in_decoder = move |_| {
        if let Reply::Ready(r) = reply.get_untracked()
            && let (Ok(t), Some(k)) = (r.token, r.verify_key)
        {
            port::open_in_decoder(t, k, r.verify_encoding);
        }
    };

    view! {
        <div class="encoder">
            <section class="column" aria-label="Token to sign">
                <div class="field-head">
                    <label for="header-editor">"Header JSON"</label>
                    <span class="field-actions">
                        <label class="select-label" for="algorithm">"Algorithm"</label>
                        <select id="algorithm" data-testid="algorithm"
                            prop:value=move || alg.get().name()
                            on:change=move |ev| if let Some(a) = offered(&event_target_value(&ev)) { on_alg(a) }>
                            {JwsAlg::SIGNING.iter().map(|a| view! { <option value=a.name()>{a.name()}</option> }).collect_view()}
                        </select>
                    </span>
                </div>
                <textarea id="header-editor" data-testid="header-editor" class="editor" spellcheck="false"
                    prop:value=move || header.get()
                    on:input=move |ev| on_header(event_target_value(&ev))></textarea>
                {move || header_error().map(|e| view! { <p class="field-error">"Header: "{e}</p> })}
                <div class="field-head">
                    <label for="payload-editor">"Payload JSON"</label>
                </div>
                <textarea id="payload-editor" data-testid="payload-editor" class="editor tall" spellcheck="false"
                    prop:value=move || payload.get()
                    on:input=move |ev| payload.set(event_target_value(&ev))></textarea>
                {move || payload_error().map(|e| view! { <p class="field-error">"Payload: "{e}</p> })}
                <div class="helpers" role="group" aria-label="Claim helpers">
                    <button type="button" class="small" on:click=move |_| set_claim("iat", now().to_string())>"iat = now"</button>
                    <button type="button" class="small" on:click=move |_| set_claim("nbf", now().to_string())>"nbf = now"</button>
                    <button type="button" class="small" on:click=move |_| set_claim("exp", (now() + 300).to_string())>"exp = +5 min"</button>
                    <button type="button" class="small" on:click=move |_| set_claim("exp", (now() + 3600).to_string())>"exp = +1 h"</button>
                    <button type="button" class="small" on:click=move |_| set_claim("exp", (now() + 86_400).to_string())>"exp = +1 day"</button>
                    <span class="custom-exp">
                        <label for="exp-minutes">"exp = now +"</label>
                        <input id="exp-minutes" type="number" min="1" step="1" data-testid="exp-minutes"
                            prop:value=move || custom_minutes.get().to_string()
                            on:input=move |ev| custom_minutes.set(event_target_value(&ev).parse().unwrap_or(0))/>
                        <button type="button" class="small" data-testid="set-exp-custom"
                            on:click=move |_| set_claim("exp", (now() + custom_minutes.get_untracked().max(0) * 60).to_string())>"min"</button>
                    </span>
                    <button type="button" class="small" on:click=move |_| set_claim("jti", json::quote(&browser::random_id()))>"random jti"</button>
                    <button type="button" class="small" disabled=move || thumbprint().is_none()
                        on:click=move |_| if let Some(t) = thumbprint()
                            && let Some(h) = header.with(|h| json::set_member(h, "kid", &json::quote(&t)))
                        {
                            header.set(h)
                        }>"kid = key thumbprint"</button>
                </div>
                <ClaimTimes payload=payload/>
                {move || (alg.get().scheme() == Scheme::MlDsa).then(|| view! {
                    <div class="field-head">
                        <label class="select-label" for="mldsa-mode">"ML-DSA signing"</label>
                        <select id="mldsa-mode" data-testid="mldsa-mode"
                            prop:value=move || if deterministic.get() { "deterministic" } else { "hedged" }
                            on:change=move |ev| deterministic.set(event_target_value(&ev) == "deterministic")>
                            <option value="hedged">"Hedged: fresh randomness each time (FIPS 204's default)"</option>
                            <option value="deterministic">"Deterministic: the same key and input, the same signature"</option>
                        </select>
                    </div>
                })}
                <label class="toggle">
                    <input type="checkbox" data-testid="exact-bytes"
                        prop:checked=move || exact.get()
                        on:change=move |ev| exact.set(event_target_checked(&ev))/>
                    "Sign the header and payload byte for byte as typed (otherwise compacted JSON, as libraries emit)"
                </label>
            </section>
            <section class="column" aria-label="Signing">
                <div class="field-head">
                    <label for="signing-key">"Signing key"</label>
                    <span class="field-actions">
                        <EncodingSelect id="signing-secret-encoding" label="Signing secret encoding" encoding=encoding/>
                        <button type="button" class="small" aria-label="Clear signing key" on:click=move |_| set_secret(key, String::new())>"Clear"</button>
                    </span>
                </div>
                <textarea id="signing-key" data-testid="signing-key" class="key-input" spellcheck="false" autocomplete="off"
                    placeholder="A secret, a private key PEM (PKCS#8, PKCS#1, SEC1) or a private JWK"
                    prop:value=move || key.get()
                    on:input=move |ev| set_secret(key, event_target_value(&ev))></textarea>
                <p class="hint">"The key stays in this page: it is never stored, logged or put in the address."</p>
                <div class="field-head">
                    <label for="signed-token">"Signed token"</label>
                    <span class="field-actions">
                        <CopyButton what="signed token" text=Signal::derive(token)/>
                        <button type="button" class="small" data-testid="open-in-decoder"
                            disabled=move || result.with(|r| r.is_err())
                            on:click=open_in_decoder>"Open in decoder"</button>
                    </span>
                </div>
                <textarea id="signed-token" data-testid="signed-token" class="signed" readonly
                    aria-busy=move || if pending() { "true" } else { "false" }>{token}</textarea>
                {move || hedged().map(|h| view! {
                    <p class="hint" data-testid="signed-mode" data-hedged=h.to_string()>
                        {if h {
                            "Signed hedged (FIPS 204 §3.4): signing again gives another signature; each one verifies."
                        } else {
                            "Signed deterministically (FIPS 204 §3.4): the same key and input always give this signature."
                        }}
                    </p>
                })}
                // Only while the encoder is shown: a hidden panel must not hold live alerts.
                {move || result.with(|r| match r {
                    Err(e) if !e.is_empty() && views.encoder_shown.get() => {
                        Some(view! { <div class="problem" role="alert" data-code="cannot-sign">{untrusted(e)}</div> })
                    }
                    _ => None,
                })}
                {move || (result.with(|r| r.is_err()) && last_good.get().is_some()).then(|| view! {
                    <p class="stale" data-testid="stale-token">"Last good token (stale): "<code>{last_good.get().unwrap_or_default()}</code></p>
                })}
                <EncryptPanel signed=Signal::derive(token) payload=payload/>
                <SdIssuePanel header=header payload=payload alg=alg key=key encoding=encoding/>
                <KeysPanel key=key encoding=encoding on_alg=on_alg/>
            </section>
        </div>
    }
}

/// Generate a key, or convert the signing key, and show it in every format.
#[component]
fn KeysPanel(
    /// The signing key box, which a generated key fills.
    key: RwSignal<String>,
    encoding: RwSignal<SecretEncoding>,
    /// Sets the algorithm (and the header's alg) to fit a generated key.
    on_alg: impl Fn(JwsAlg) + Copy + 'static,
) -> impl IntoView {
    let crypto = expect_context::<Crypto>();
    let kind = RwSignal::new("p-256".to_string());
    let generating = RwSignal::new(false);
    let started = RwSignal::new(0i64);
    let now = clock();
    // Asked on a click only: a kind to generate, or empty to convert the signing key.
    let wanted = RwSignal::new(None::<String>);
    let request = move |generate: String| {
        generating.set(!generate.is_empty());
        started.set(browser::now_seconds());
        now.set(browser::now_seconds());
        wanted.set(Some(generate));
    };
    let reply = ask(Slot::Keys, move || {
        wanted.get().map(|generate| KeysRequest {
            id: 0,
            generate,
            key: key.get_untracked(),
            encoding: encoding.get_untracked(),
        })
    });
    let report = Memo::new(move |_| match reply.get() {
        Reply::Ready(r) => Some(r),
        _ => None,
    });
    // A generated key goes into the signing key box, with its algorithm.
    Effect::new(move |_| {
        if let Some(r) = report.get() {
            if generating.get_untracked()
                && r.error.is_none()
                && let Some((_, first)) = r.formats.first()
            {
                let alg = JwsAlg::parse(&r.alg);
                let hmac = alg.is_some_and(JwsAlg::is_hmac);
                encoding.set(if hmac { SecretEncoding::Base64 } else { SecretEncoding::Utf8 });
                set_secret(key, first.clone());
                if let Some(a) = alg {
                    on_alg(a);
                }
            }
            generating.set(false);
        }
    });
    let busy = move || reply.with(Reply::waiting);
    view! {
        <div class="keys-panel" role="group" aria-label="Keys">
            <div class="field-head">
                <label class="select-label" for="key-kind">"Key type"</label>
                <select id="key-kind" data-testid="key-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                    {KeyKind::ALL.map(|k| view! { <option value=k.name() selected=k == KeyKind::P256>{k.label()}</option> }).collect_view()}
                </select>
                <button type="button" class="small" data-testid="generate-key" on:click=move |_| request(kind.get_untracked())>"Generate key"</button>
                <button type="button" class="small" data-testid="convert-key" disabled=move || key.with(|k| k.trim().is_empty())
                    on:click=move |_| request(String::new())>"Convert the signing key"</button>
                <button type="button" class="small" aria-label="Clear keys" data-testid="clear-keys"
                    on:click=move |_| { crypto.cancel(Slot::Keys); set_secret(key, String::new()); }>"Clear keys"</button>
            </div>
            {move || busy().then(|| view! {
                <p class="hint" data-testid="keys-busy" aria-live="polite">
                    {move || format!("Working in the background… {} s (RSA 4096 can take tens of seconds; the page stays usable; Clear keys stops it)", (now.get() - started.get()).max(0))}
                </p>
            })}
            {move || report.get().map(|r| match r.error {
                Some(e) => view! { <div class="problem" role="alert" data-code="keys">{untrusted(&e)}</div> }.into_any(),
                None => view! {
                    <div class="key-formats" data-testid="key-formats">
                        <p class="hint">{untrusted(&r.description)}" · RFC 7638 thumbprint "<code>{r.thumbprint.clone()}</code></p>
                        {r.formats.into_iter().map(|(label, text)| {
                            let copy = text.clone();
                            view! {
                                <div class="key-format">
                                    <div class="field-head">
                                        <span class="select-label">{label.clone()}</span>
                                        <span class="field-actions"><CopyButton what="key" text=Signal::derive(move || copy.clone())/></span>
                                    </div>
                                    <textarea class="key-output" readonly aria-label=label.clone() data-testid="key-format" data-label=label>{text}</textarea>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                }.into_any(),
            })}
        </div>
    }
}

/// "line 2, column 5: expected ':' …", for an editor whose text is not JSON.
fn json_error(text: &str) -> Option<String> {
    json::parse(text).err().map(|e| format!("line {}, column {}: {}", e.line, e.column, e.message))
}

/// The payload's times as dates, next to the numbers.
#[component]
fn ClaimTimes(payload: RwSignal<String>) -> impl IntoView {
    move || {
        payload.with(|p| {
            let doc = json::parse(p).ok()?;
            let items: Vec<_> = claims::TIME_CLAIMS
                .iter()
                .filter_map(|&name| {
                    let t = claims::claim_time(&doc.root, name)?;
                    Some(view! { <li><code>{name}</code>" "{claims::format_utc(t.seconds)}</li> })
                })
                .collect();
            (!items.is_empty()).then(|| view! { <ul class="claim-times" data-testid="claim-times">{items}</ul> })
        })
    }
}

impl Question for SignRequest {
    type Answer = SignReport;
    fn set_id(&mut self, id: u32) {
        self.id = id;
    }
    fn to_json(&self) -> String {
        SignRequest::to_json(self)
    }
    fn forget(&mut self) {
        self.key.zeroize();
    }
    fn answer(crypto: &Crypto, _: Slot) -> Option<SignReport> {
        crypto.answers()?.signed.get()
    }
}

impl Question for KeysRequest {
    type Answer = KeysReport;
    fn set_id(&mut self, id: u32) {
        self.id = id;
    }
    fn to_json(&self) -> String {
        KeysRequest::to_json(self)
    }
    fn forget(&mut self) {
        self.key.zeroize();
    }
    fn answer(crypto: &Crypto, _: Slot) -> Option<KeysReport> {
        crypto.answers()?.keys.get()
    }
}
