//! (extras) What a token's profile asks of it: the profile's checks, the access token or code
//! they are checked against, the binding verdict (a KB-JWT against the issuer's `cnf`, a DPoP
//! proof against its own key), and an SD-JWT's disclosures and disclosed payload. The worker
//! computes all of it (`protocol::Inspection`, `profile::inspect`); this renders it.
//!
//! The page names the profile (it needs no cryptography) and leaves two slots: `#slot-inspect`
//! under the verdict, `#slot-sd` under the payload. It hides both until the extras say they
//! follow the token it shows (`port::token_shown`), so no other token's checks show there.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::ask::{Question, Reply, ask};
use super::code::{Run, fill_runs_dom};
use super::crypto::{Crypto, Slot};
use super::widgets::{check_item, pending, set_secret, untrusted};
use crate::jwt::json::{Mark, pointer_spans};
use crate::jwt::profile::{BindingKind, Profile};
use crate::jwt::protocol::{InspectRequest, Inspection};
use crate::jwt::sd::DisclosureStatus;
use crate::jwt::token::JsonText;
use zeroize::Zeroize;

impl Question for InspectRequest {
    type Answer = Inspection;
    fn set_id(&mut self, id: u32) {
        self.id = id;
    }
    fn to_json(&self) -> String {
        InspectRequest::to_json(self)
    }
    fn forget(&mut self) {
        self.companion.zeroize();
    }
    fn answer(crypto: &Crypto, _: Slot) -> Option<Inspection> {
        crypto.answers()?.inspection.get()
    }
}

/// The inspection of the decoder's token: asked again whenever the token or the companion
/// changes (not when the clock ticks: `now` is read when asking); nothing for a token whose
/// profile is a plain JWT, unless a companion is given.
pub fn inspection(
    token: RwSignal<String>,
    profile: Memo<Option<Profile>>,
    companion: RwSignal<String>,
    now: RwSignal<i64>,
) -> Memo<Reply<Inspection>> {
    ask(Slot::Inspect, move || {
        let profile = profile.get()?;
        let companion = companion.get();
        if profile == Profile::Jwt && companion.trim().is_empty() {
            return None;
        }
        Some(InspectRequest { id: 0, token: token.get(), companion, now: now.get_untracked() })
    })
}

/// Under the verdict: the binding verdict, the profile's checks, the companion input.
#[component]
pub fn InspectPanel(
    reply: Memo<Reply<Inspection>>,
    profile: Memo<Option<Profile>>,
    companion: RwSignal<String>,
) -> impl IntoView {
    let shown = move || profile.get().is_some_and(|p| p != Profile::Jwt) || !companion.with(String::is_empty);
    // Each part reads only what it shows from the answer (which may list 1,000 disclosures).
    let binding = move || reply.with(|r| r.result().ok().and_then(|i| i.binding.clone()));
    let checks =
        move || reply.with(|r| r.result().ok().filter(|i| !i.checks.is_empty()).map(|i| (i.profile, i.checks.clone())));
    let why = move || reply.with(|r| r.result().err().filter(|e| !e.is_empty()));
    view! {
        <section class="inspect" aria-label="Profile checks" hidden=move || !shown()>
            {move || reply.with(Reply::waiting).then(|| pending("inspect-pending", "inspect-cancel", Slot::Inspect))}
            {move || why().map(|e| view! { <p class="error" role="alert">{untrusted(&e)}</p> })}
            {move || binding().map(|b| {
                let word = b.outcome.verdict.as_str();
                let what = match b.kind {
                    BindingKind::KeyBinding => "Key binding (KB-JWT)",
                    BindingKind::Dpop => "DPoP proof",
                };
                view! {
                    <div class="verdict binding" role="status" data-testid="binding-verdict" data-verdict=word data-kind=b.kind.as_str()>
                        <span class="verdict-word">{word}</span>
                        <span class="verdict-text"><strong>{what}": "</strong>{untrusted(&b.outcome.message)}</span>
                    </div>
                }
            })}
            {move || checks().map(|(profile, checks)| view! {
                <h3 class="inspect-title">{format!("{} checks", profile.title())}</h3>
                <ul class="checks" data-testid="profile-checks">
                    {checks.iter().map(|c| check_item(&c.id, c.status, &c.message)).collect_view()}
                </ul>
            })}
            <div class="field-head"><label for="companion-input">"Access token or code"</label></div>
            <textarea id="companion-input" data-testid="companion-input" class="companion-input" spellcheck="false"
                autocomplete="off" autocapitalize="off" rows="2"
                placeholder="For at_hash, c_hash, a DPoP proof's ath and cnf.jkt: the access token or authorization code"
                prop:value=move || companion.get()
                on:input=move |ev| set_secret(companion, event_target_value(&ev))></textarea>
        </section>
    }
}

/// Lights up, or puts out, what a disclosure is linked to on the page: its digest in the
/// payload pane (a JSON string whose text is the digest) or, nested, the value of the
/// disclosure that holds it, and its own text in the colour-coded token. Plain DOM classes
/// on the page's elements: the extras cannot import the page's JavaScript, and the text
/// shown is not changed.
fn light(digest: &str, encoded: &str, on: bool) {
    let doc = document();
    let quoted = format!("\"{digest}\"");
    let mark = |selector: &str, lit: &dyn Fn(&str) -> bool| {
        let Ok(list) = doc.query_selector_all(selector) else { return };
        for i in 0..list.length() {
            let Some(el) = list.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
            if !on {
                let _ = el.class_list().remove_1("sd-lit");
            } else if el.text_content().is_some_and(|t| lit(&t)) {
                let _ = el.class_list().add_1("sd-lit");
            }
        }
    };
    mark("[data-testid=payload-pane] span", &|t| t == quoted);
    mark(".disclosure-value code", &|t| t.contains(&quoted));
    mark(".seg-disclosure", &|t| t == encoded);
}

/// Under the payload: an SD-JWT's disclosures, the digests nothing disclosed, its problems,
/// and the disclosed payload.
#[component]
pub fn SdPanel(reply: Memo<Reply<Inspection>>) -> impl IntoView {
    let sd = Memo::new(move |_| reply.with(|r| r.result().ok().and_then(|i| i.sd.clone())));
    // The disclosed payload, pretty-printed, each claim or element that a disclosure put
    // there marked (`sd-disclosed`: the name of a claim, the value of an array element).
    let payload_pre: NodeRef<leptos::html::Pre> = NodeRef::new();
    Effect::new(move |_| {
        let Some(el) = payload_pre.get() else { return };
        sd.with(|s| {
            let Some(s) = s else { return el.set_text_content(None) };
            let j = JsonText::new(s.payload.clone().unwrap_or_default());
            let (Some(p), Some(root)) = (&j.pretty, j.root()) else {
                let text = crate::jwt::text::visible_lines(&j.text);
                return fill_runs_dom(&el, &[Run { text: &text, class: None }]);
            };
            let pointers: Vec<&str> = s
                .disclosures
                .iter()
                .filter(|d| d.status == Some(DisclosureStatus::Matched))
                .filter_map(|d| d.path.as_deref())
                .collect();
            let disclosed: std::collections::HashSet<usize> =
                pointer_spans(root, &pointers).into_iter().map(|r| r.start).collect();
            let mut runs = Vec::with_capacity(p.marks.len() + 1);
            let mut plain_from = 0;
            for ((range, mark), source) in p.marks.iter().zip(&p.sources) {
                // A name, a value, or the bracket that opens an object or array element.
                let text = &p.text[range.clone()];
                let lit = disclosed.contains(&source.start)
                    && (*mark != Mark::Punct || text.starts_with('{') || text.starts_with('['));
                if *mark == Mark::Punct && !lit {
                    continue;
                }
                if range.start > plain_from {
                    runs.push(Run { text: &p.text[plain_from..range.start], class: None });
                }
                let class = if lit { "sd-disclosed" } else { mark.class() };
                runs.push(Run { text, class: Some(class) });
                plain_from = range.end;
            }
            runs.push(Run { text: &p.text[plain_from..], class: None });
            runs.retain(|r| !r.text.is_empty());
            fill_runs_dom(&el, &runs);
        });
    });
    move || {
        sd.get().map(|s| {
            let n = s.disclosures.len();
            let decoys = s.decoys;
            view! {
                <section class="pane sd" role="region" aria-label="Disclosures" data-testid="disclosures">
                    <h2>{format!("Disclosures ({}, digests by {})", n + s.unlisted_disclosures, untrusted(&s.sd_alg))}</h2>
                    <ul class="problems">
                        {s.problems.iter().map(|p| view! {
                            <li class="problem" role="alert" data-code=p.code.clone()>{untrusted(&p.message)}</li>
                        }).collect_view()}
                    </ul>
                    {(s.unlisted_problems > 0).then(|| view! {
                        <p class="pane-note">{format!("… and {} more problems, not listed.", s.unlisted_problems)}</p>
                    })}
                    <ol class="disclosures">
                        {s.disclosures.iter().map(|d| {
                            let status = d.status.map_or("invalid", |s| s.as_str());
                            let claim = d.name.as_deref().map_or_else(|| "(array element)".to_string(), untrusted);
                            let (digest, encoded) = (d.digest.clone(), d.encoded.clone());
                            let on = move |lit: bool| light(&digest, &encoded, lit);
                            let (enter, leave, focus, blur) = (on.clone(), on.clone(), on.clone(), on);
                            view! {
                                <li class=format!("disclosure disclosure-{status}") data-testid="disclosure" tabindex="0"
                                    title="Its digest in the payload and its text in the token light up"
                                    on:mouseenter=move |_| enter(true) on:mouseleave=move |_| leave(false)
                                    on:focusin=move |_| focus(true) on:focusout=move |_| blur(false)
                                    data-name=d.name.clone() data-digest=d.digest.clone() data-status=status>
                                    <div class="disclosure-head">
                                        <code class="disclosure-name">{claim}</code>
                                        <span class="disclosure-status">{status}</span>
                                        {d.path.as_ref().map(|p| view! { <span class="disclosure-path">" at "<code>{untrusted(p)}</code></span> })}
                                    </div>
                                    {d.value.as_ref().map(|v| view! { <div class="disclosure-value"><code>{untrusted(v)}</code></div> })}
                                    <dl class="disclosure-bytes">
                                        <dt>"digest"</dt><dd><code>{untrusted(&d.digest)}</code></dd>
                                        {d.salt.as_ref().map(|s| view! { <dt>"salt"</dt><dd><code>{untrusted(s)}</code></dd> })}
                                        <dt>"encoded"</dt><dd><code class="disclosure-encoded">{untrusted(&d.encoded)}</code></dd>
                                    </dl>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                    {(s.unlisted_disclosures > 0).then(|| view! {
                        <p class="pane-note" data-testid="sd-unlisted" data-count=s.unlisted_disclosures.to_string()>
                            {format!("… and {} more disclosures: all are checked and in the disclosed payload, the first {} are listed.", s.unlisted_disclosures, n)}
                        </p>
                    })}
                    <p class="sd-decoys" data-testid="sd-decoys" data-count=decoys.to_string()>
                        {format!(
                            "{decoys} digest{} in the payload match{} no disclosure: decoys, or claims this presentation does not disclose (the two cannot be told apart).",
                            if decoys == 1 { "" } else { "s" },
                            if decoys == 1 { "es" } else { "" }
                        )}
                    </p>
                </section>
                <section class="pane sd">
                    <h2>"Disclosed payload"</h2>
                    <p class="pane-note">"Highlighted: what the disclosures put in place."</p>
                    <pre node_ref=payload_pre class="code" role="region" aria-label="Disclosed payload" data-testid="sd-payload" tabindex="0"></pre>
                </section>
            }
        })
    }
}
