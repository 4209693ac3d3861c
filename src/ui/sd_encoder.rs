//! (extras) The Encoder's SD-JWT step (RFC 9901): issue the token being edited as an SD-JWT,
//! with the claims and array elements the user names made selectively disclosable, decoys,
//! `_sd_alg` and a holder key in `cnf`; then make a presentation of it: pick the disclosures
//! to reveal and add a KB-JWT signed by the holder's key for an `aud` and a `nonce`; hand it to
//! the decoder. The worker issues and presents (`sd_issue`); this asks and shows.

use leptos::prelude::*;

use super::ask::{Question, Reply, ask};
use super::browser;
use super::crypto::{Crypto, Slot};
use super::port;
use super::state::Views;
use super::widgets::{CopyButton, set_secret, untrusted};
use crate::jwt::alg::JwsAlg;
use crate::jwt::protocol::{KbJwtRequest, PresentReport, PresentRequest, Refused, SdIssueReport, SdIssueRequest};
use crate::jwt::verdict::SecretEncoding;
use zeroize::Zeroize;

impl Question for SdIssueRequest {
    type Answer = SdIssueReport;
    fn set_id(&mut self, id: u32) {
        self.id = id;
    }
    fn to_json(&self) -> String {
        SdIssueRequest::to_json(self)
    }
    fn forget(&mut self) {
        self.key.zeroize();
        // A holder key may be pasted private (only its public half is used).
        if let Some(k) = &mut self.holder_key {
            k.zeroize();
        }
    }
    fn answer(crypto: &Crypto, _: Slot) -> Option<SdIssueReport> {
        crypto.answers()?.sd_issued.get()
    }
}

impl Question for PresentRequest {
    type Answer = PresentReport;
    fn set_id(&mut self, id: u32) {
        self.id = id;
    }
    fn to_json(&self) -> String {
        PresentRequest::to_json(self)
    }
    fn forget(&mut self) {
        if let Some(kb) = &mut self.kb {
            kb.key.zeroize();
        }
    }
    fn answer(crypto: &Crypto, _: Slot) -> Option<PresentReport> {
        crypto.answers()?.presented.get()
    }
}

/// Why a reply holds no token: the worker's refusal, or why it did not answer; `None` while
/// waiting or when there is a token.
fn refusal<T>(reply: &Reply<T>, token: fn(&T) -> &Result<String, Refused>) -> Option<String> {
    match reply.result() {
        Ok(r) => token(r).as_ref().err().map(|e| e.0.clone()),
        Err(e) => (!e.is_empty()).then_some(e),
    }
}

/// The `_sd_alg`s the issuer offers.
const SD_ALGS: [&str; 3] = ["sha-256", "sha-384", "sha-512"];

/// The SD-JWT step of the Encoder, under its signed token.
#[component]
pub fn SdIssuePanel(
    /// The token being edited and how it is signed (the Encoder's).
    header: RwSignal<String>,
    payload: RwSignal<String>,
    alg: RwSignal<JwsAlg>,
    key: RwSignal<String>,
    encoding: RwSignal<SecretEncoding>,
) -> impl IntoView {
    let views = expect_context::<Views>();
    let on = RwSignal::new(false);
    let pointers = RwSignal::new(String::new());
    let decoys = RwSignal::new(2usize);
    let sd_alg = RwSignal::new(SD_ALGS[0].to_string());
    let holder = RwSignal::new(String::new());
    let issued = ask(Slot::SdIssue, move || {
        if !on.get() || key.with(|k| k.trim().is_empty()) {
            return None;
        }
        let holder_key = holder.with(|h| (!h.trim().is_empty()).then(|| h.clone()));
        Some(SdIssueRequest {
            id: 0,
            header: header.get(),
            payload: payload.get(),
            disclose: pointers.with(|p| p.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect()),
            decoys: decoys.get(),
            sd_alg: sd_alg.get(),
            holder_key,
            alg: alg.get().name().to_string(),
            key: key.get(),
            encoding: encoding.get(),
        })
    });
    let report = Memo::new(move |_| issued.with(|r| r.result().ok().cloned()));
    let sd_jwt = move || report.with(|r| r.as_ref().and_then(|r| r.token.clone().ok()).unwrap_or_default());
    let issue_error = move || issued.with(|r| refusal(r, |r| &r.token));

    // The presentation: which disclosures to keep (all, until the user unticks some; by
    // pointer, so that a disclosure re-issued at another place keeps its choice, and no
    // other one inherits it), and the key binding.
    let dropped = RwSignal::new(Vec::<String>::new());
    let kb_key = RwSignal::new(String::new());
    let kb_alg = RwSignal::new(JwsAlg::Es256);
    let aud = RwSignal::new("https://verifier.example".to_string());
    let nonce = RwSignal::new(browser::random_id());
    let presented = ask(Slot::Present, move || {
        let (token, keep) = report.with(|r| {
            let r = r.as_ref()?;
            let keep = dropped.with(|d| {
                r.disclosures.iter().enumerate().filter(|(_, x)| !d.contains(&x.pointer)).map(|(i, _)| i).collect()
            });
            Some((r.token.as_ref().ok()?.clone(), keep))
        })?;
        let kb = kb_key.with(|k| !k.trim().is_empty()).then(|| KbJwtRequest {
            key: kb_key.get(),
            alg: kb_alg.get().name().to_string(),
            aud: aud.get(),
            nonce: nonce.get(),
            iat: browser::now_seconds(),
        });
        Some(PresentRequest { id: 0, sd_jwt: token, keep, kb })
    });
    let presentation =
        move || presented.with(|r| r.result().ok().and_then(|p| p.token.clone().ok())).unwrap_or_default();
    let present_error = move || presented.with(|r| refusal(r, |r| &r.token));
    let open = move |_| {
        let verify = report.with_untracked(|r| r.as_ref().map(|r| (r.verify_key.clone(), r.verify_encoding)));
        let text = presentation();
        if let Some((k, e)) = verify
            && !text.is_empty()
        {
            port::open_in_decoder(text, k.unwrap_or_default(), e);
        }
    };
    let asymmetric: Vec<JwsAlg> = JwsAlg::SIGNING.iter().copied().filter(|a| !a.is_hmac()).collect();

    view! {
        <div class="sd-issue" role="group" aria-label="SD-JWT">
            <label class="toggle">
                <input type="checkbox" data-testid="sd-issue-toggle"
                    prop:checked=move || on.get() on:change=move |ev| on.set(event_target_checked(&ev))/>
                "Issue as an SD-JWT: selectively disclosable claims (RFC 9901)"
            </label>
            <div hidden=move || !on.get()>
                <div class="field-head"><label for="sd-disclose">"Disclosable claims (JSON Pointers, one per line)"</label></div>
                <textarea id="sd-disclose" data-testid="sd-disclose" class="key-input" spellcheck="false"
                    placeholder="/given_name\n/address/street\n/nationalities/0"
                    prop:value=move || pointers.get() on:input=move |ev| pointers.set(event_target_value(&ev))></textarea>
                <div class="field-head">
                    <label for="sd-decoy-count">"Decoy digests"</label>
                    <input id="sd-decoy-count" data-testid="sd-decoy-count" type="number" min="0" max="100"
                        prop:value=move || decoys.get().to_string()
                        on:input=move |ev| decoys.set(event_target_value(&ev).parse::<usize>().unwrap_or(0).min(100))/>
                    <label class="select-label" for="sd-alg">"_sd_alg"</label>
                    <select id="sd-alg" data-testid="sd-alg" on:change=move |ev| sd_alg.set(event_target_value(&ev))>
                        {SD_ALGS.iter().map(|a| view! { <option value=*a>{*a}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field-head"><label for="sd-holder-key">"Holder public key for cnf (optional: binds the SD-JWT to it)"</label></div>
                <textarea id="sd-holder-key" data-testid="sd-holder-key" class="key-input" spellcheck="false" autocomplete="off"
                    placeholder="A public key PEM or JWK (a private one gives its public half)"
                    prop:value=move || holder.get() on:input=move |ev| set_secret(holder, event_target_value(&ev))></textarea>
                <div class="field-head">
                    <label for="sd-token">"SD-JWT"</label>
                    <span class="field-actions"><CopyButton what="SD-JWT" text=Signal::derive(sd_jwt)/></span>
                </div>
                <textarea id="sd-token" data-testid="sd-token" class="signed" readonly
                    aria-busy=move || if issued.with(Reply::waiting) { "true" } else { "false" }>{sd_jwt}</textarea>
                {move || issue_error().filter(|_| views.encoder_shown.get()).map(|e| view! {
                    <div class="problem" role="alert" data-code="cannot-issue">{untrusted(&e)}</div>
                })}
                <fieldset class="sd-keep">
                    <legend>"Disclosures to reveal in the presentation"</legend>
                    {move || report.with(|r| r.as_ref().map(|r| r.disclosures.iter().enumerate().map(|(i, d)| {
                        let what = format!("{} ({})", d.pointer, d.name.as_deref().unwrap_or("array element"));
                        let (pointer, toggled) = (d.pointer.clone(), d.pointer.clone());
                        view! {
                            <label class="toggle">
                                <input type="checkbox" data-testid="sd-keep" value=i.to_string()
                                    prop:checked=move || dropped.with(|x| !x.contains(&pointer))
                                    on:change=move |ev| {
                                        let keep = event_target_checked(&ev);
                                        dropped.update(|x| {
                                            x.retain(|p| *p != toggled);
                                            if !keep {
                                                x.push(toggled.clone());
                                            }
                                        });
                                    }/>
                                {untrusted(&what)}
                            </label>
                        }
                    }).collect_view()))}
                </fieldset>
                <div class="field-head">
                    <label for="kb-key">"Holder private key (adds a KB-JWT)"</label>
                    <span class="field-actions">
                        <label class="select-label" for="kb-alg">"KB-JWT algorithm"</label>
                        <select id="kb-alg" data-testid="kb-alg" prop:value=move || kb_alg.get().name()
                            on:change=move |ev| if let Some(a) = JwsAlg::parse(&event_target_value(&ev)) { kb_alg.set(a) }>
                            {asymmetric.iter().map(|a| view! { <option value=a.name()>{a.name()}</option> }).collect_view()}
                        </select>
                    </span>
                </div>
                <textarea id="kb-key" data-testid="kb-key" class="key-input" spellcheck="false" autocomplete="off"
                    placeholder="The private half of the holder key: a private key PEM or JWK"
                    prop:value=move || kb_key.get() on:input=move |ev| set_secret(kb_key, event_target_value(&ev))></textarea>
                <div class="field-head">
                    <label for="kb-aud">"aud"</label>
                    <input id="kb-aud" data-testid="kb-aud" prop:value=move || aud.get() on:input=move |ev| aud.set(event_target_value(&ev))/>
                    <label for="kb-nonce">"nonce"</label>
                    <input id="kb-nonce" data-testid="kb-nonce" prop:value=move || nonce.get() on:input=move |ev| nonce.set(event_target_value(&ev))/>
                </div>
                <div class="field-head">
                    <label for="sd-presentation">"Presentation"</label>
                    <span class="field-actions">
                        <CopyButton what="presentation" text=Signal::derive(presentation)/>
                        <button type="button" class="small" data-testid="open-presentation"
                            disabled=move || presentation().is_empty() on:click=open>"Open in decoder"</button>
                    </span>
                </div>
                <textarea id="sd-presentation" data-testid="sd-presentation" class="signed" readonly
                    aria-busy=move || if presented.with(Reply::waiting) { "true" } else { "false" }>{presentation}</textarea>
                {move || present_error().filter(|_| views.encoder_shown.get()).map(|e| view! {
                    <div class="problem" role="alert" data-code="cannot-present">{untrusted(&e)}</div>
                })}
            </div>
        </div>
    }
}
