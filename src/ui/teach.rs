//! Teaching: the signature checked step by step (computed in the worker), the tamper demo,
//! and the example gallery (its data also comes from the worker, so the page's first load
//! carries none of it).

use leptos::prelude::*;

use super::ask::{Question, Reply, ask};
use super::crypto::{Crypto, Slot, Status};
use super::widgets::untrusted;
use crate::jwt::protocol::{self, WalkField, WalkRequest, WalkStep, Walkthrough};
use crate::jwt::teach::gallery::{self, Example};
use crate::jwt::teach::tamper;
use crate::jwt::verdict::SecretEncoding;
use crate::jwt::{Decoded, Form};
use zeroize::Zeroize;

/// Everything the teaching panels need from the decoder.
#[derive(Clone, Copy)]
pub struct Inputs {
    pub decoded: Memo<Decoded>,
    pub token: RwSignal<String>,
    pub key_text: RwSignal<String>,
    pub encoding: RwSignal<SecretEncoding>,
    /// Puts a token into the token box (as a paste would).
    pub load: Callback<String>,
    /// Puts a key into the key box, with its secret encoding.
    pub set_key: Callback<(String, SecretEncoding)>,
}

/// The signature check, one step after the other, for the current token and key.
#[component]
pub fn WalkPanel(inputs: Inputs, shown: RwSignal<bool>) -> impl IntoView {
    let stepwise = RwSignal::new(false);
    let at = RwSignal::new(0usize);
    let Inputs { decoded, token, key_text, encoding, load, .. } = inputs;
    let ready =
        move || decoded.with(|d| d.form == Form::Jws && d.json.is_none()) && key_text.with(|k| !k.trim().is_empty());
    let reply = ask(Slot::Walk, move || {
        if !shown.get() || !ready() {
            return None;
        }
        at.set(0);
        Some(WalkRequest { id: 0, token: token.get(), key: key_text.get(), encoding: encoding.get() })
    });
    let current = Memo::new(move |_| match reply.get() {
        Reply::Ready(w) => Some(w),
        _ => None,
    });
    // The tamper demo: the token before it was tampered with, to undo.
    let original = RwSignal::new(None::<String>);
    let note = RwSignal::new(String::new());
    let tamper = move |_| {
        let t = token.get_untracked();
        match tamper::tamper(&t) {
            Some(x) => {
                note.set(format!(
                    "Changed the payload claim \"{}\" from {} to {}; the header and the signature are unchanged.",
                    untrusted(&x.claim),
                    untrusted(&x.before),
                    untrusted(&x.after)
                ));
                if original.with_untracked(Option::is_none) {
                    original.set(Some(t));
                }
                shown.set(true);
                load.run(x.token);
            }
            None => note
                .set("This token has no string claim to change (a compact JWS with a JSON payload is needed).".into()),
        }
    };
    let undo = move |_| {
        if let Some(t) = original.get_untracked() {
            original.set(None);
            note.set(String::new());
            load.run(t);
        }
    };
    let body = move || {
        if !decoded.with(|d| d.form == Form::Jws && d.json.is_none()) {
            return view! { <p class="hint">"The walkthrough is for a compact JWS (a signed token in three parts)."</p> }.into_any();
        }
        if key_text.with(|k| k.trim().is_empty()) {
            return view! { <p class="hint">"Paste the key above to see the signature checked step by step."</p> }
                .into_any();
        }
        let Some(w) = current.get() else {
            return match reply.get() {
                Reply::Failed(e) => view! { <p class="walk-error" data-testid="walk-error">{untrusted(&e)}</p> }.into_any(),
                Reply::Unreadable => {
                    view! { <p class="walk-error" data-testid="walk-error">"The verifier's answer could not be read."</p> }
                        .into_any()
                }
                _ => view! { <p class="hint" aria-busy="true">"Computing…"</p> }.into_any(),
            };
        };
        if let Some(e) = &w.error {
            return view! { <p class="walk-error" data-testid="walk-error">{untrusted(e)}</p> }.into_any();
        }
        let n = w.steps.len();
        let upto = if stepwise.get() { at.get().min(n.saturating_sub(1)) + 1 } else { n };
        let steps: Vec<_> = w.steps.iter().take(upto).enumerate().map(|(i, s)| step_view(i, s, &w)).collect();
        let last = upto == n;
        view! {
            <ol class="walk-steps">{steps}</ol>
            {last.then(|| result_view(&w))}
        }
        .into_any()
    };
    let count = move || current.with(|w| w.as_ref().map_or(0, |w| w.steps.len()));
    view! {
        <Show when=move || shown.get()>
        <section class="pane walkthrough" data-testid="walkthrough" data-pane="walkthrough">
            <div class="pane-head"><h2 class="pane-title" tabindex="-1" data-autofocus>"Signature, step by step"</h2></div>
            <div class="walk-tools">
                <button type="button" class="small" data-testid="tamper" on:click=tamper
                    title="Change one character of one payload claim and keep the signature: watch the check fail">
                    "Tamper with the payload"
                </button>
                <button type="button" class="small" data-testid="untamper" on:click=undo disabled=move || original.with(Option::is_none)>
                    "Undo tampering"
                </button>
                <span class="hint" data-testid="tamper-note" aria-live="polite">{move || note.with(|n| untrusted(n))}</span>
            </div>
                <div class="walk-tools">
                    <label class="toggle">
                        <input type="checkbox" data-testid="walk-stepwise" prop:checked=move || stepwise.get()
                            on:change=move |ev| { stepwise.set(event_target_checked(&ev)); at.set(0); }/>
                        "One step at a time"
                    </label>
                    <Show when=move || stepwise.get()>
                        <button type="button" class="small" data-testid="walk-prev" disabled=move || at.get() == 0
                            on:click=move |_| at.update(|a| *a = a.saturating_sub(1))>"Previous step"</button>
                        <button type="button" class="small" data-testid="walk-next" disabled=move || { at.get() + 1 >= count() }
                            on:click=move |_| at.update(|a| *a += 1)>"Next step"</button>
                        <span class="hint">{move || format!("Step {} of {}", (at.get() + 1).min(count()), count())}</span>
                    </Show>
                </div>
                <div class="walk-body" aria-live="polite">{body}</div>
        </section>
        </Show>
    }
}

fn step_view(i: usize, s: &WalkStep, w: &Walkthrough) -> impl IntoView + use<> {
    let fields: Vec<_> = s.fields.iter().map(|f| field_view(f, w.first_difference)).collect();
    view! {
        <li class="walk-step" data-step=s.key.clone()>
            <h3 class="walk-title">{untrusted(&format!("{}. {}", i + 1, s.title))}</h3>
            <p class="walk-explain">{untrusted(&s.explain)}</p>
            <dl class="walk-fields">{fields}</dl>
        </li>
    }
}

fn field_view(f: &WalkField, diff: Option<usize>) -> impl IntoView + use<> {
    let value = untrusted(&f.value);
    // Mark the first differing byte of the two compared values.
    let marked = match diff {
        Some(k) if matches!(f.key.as_str(), "computed" | "actual") && value.bytes().all(|b| b.is_ascii_hexdigit()) => {
            let (a, b) = (2 * k, 2 * k + 2);
            value.get(a..b).map(|m| (value[..a].to_string(), m.to_string(), value[b..].to_string()))
        }
        _ => None,
    };
    let dd = match marked {
        Some((before, m, after)) => view! {
            <dd class="mono" data-field=f.key.clone()>{before}<mark class="walk-diff">{m}</mark>{after}</dd>
        }
        .into_any(),
        None => view! { <dd class="mono" data-field=f.key.clone()>{value}</dd> }.into_any(),
    };
    view! { <dt>{untrusted(&f.label)}</dt>{dd} }
}

fn result_view(w: &Walkthrough) -> impl IntoView + use<> {
    let text = match (w.holds, w.first_difference) {
        (Some(true), _) => "The signature holds: what the key computes is what the token carries.".to_string(),
        (Some(false), Some(k)) => {
            format!(
                "The signature does not hold: the computed value and the token's first differ at byte {k} (marked)."
            )
        }
        (Some(false), None) => "The signature does not hold (see the last step).".to_string(),
        (None, _) => "The check could not run.".to_string(),
    };
    view! {
        <p class="walk-result" data-testid="walk-result" data-holds=w.holds.map(|h| h.to_string())>{text}</p>
    }
}

/// The example gallery: one click loads a token and its key.
#[component]
pub fn Gallery(inputs: Inputs, shown: RwSignal<bool>, chosen: RwSignal<Option<Example>>) -> impl IntoView {
    let crypto = expect_context::<Crypto>();
    // Asked once, the first time the gallery is shown (again only after a failure).
    let wanted = Memo::new(move |was: Option<&bool>| {
        let failed = matches!(crypto.status(Slot::Gallery), Status::Failed(_) | Status::Cancelled);
        shown.get() || (was.copied().unwrap_or(false) && !failed)
    });
    let reply = ask(Slot::Gallery, move || wanted.get().then_some(GalleryQuestion(0)));
    let data = Memo::new(move |_| match reply.get() {
        Reply::Ready(g) => Some(g),
        _ => None,
    });
    let pick = move |e: Example| {
        inputs.set_key.run((e.key.clone(), e.encoding));
        super::state::set_nested_key(e.nested_key.as_deref());
        inputs.load.run(e.token.clone());
        chosen.set(Some(e));
    };
    let list = move || {
        let Some(protocol::Gallery { examples, note, .. }) = data.get() else {
            if let Status::Failed(e) = crypto.status(Slot::Gallery) {
                return view! { <p class="walk-error">{untrusted(&e)}</p> }.into_any();
            }
            return view! { <p class="hint" aria-busy="true">"Loading the examples…"</p> }.into_any();
        };
        let groups: Vec<_> = gallery::GROUPS
            .iter()
            .map(|g| {
                let items: Vec<_> = examples
                    .iter()
                    .filter(|e| e.group == *g)
                    .map(|e| {
                        let e = e.clone();
                        let id = format!("example-{}", e.id);
                        let title = untrusted(&e.title);
                        view! {
                            <li><button type="button" class="example" data-testid=id on:click=move |_| pick(e.clone())>{title}</button></li>
                        }
                    })
                    .collect();
                view! { <h3 class="section-title">{*g}</h3><ul class="examples">{items}</ul> }
            })
            .collect();
        view! { <p class="hint">{untrusted(&note.unwrap_or_default())}</p>{groups} }.into_any()
    };
    view! {
        <Show when=move || shown.get()>
            <section class="gallery" data-testid="gallery" aria-label="Examples">
                <h2 class="pane-title" tabindex="-1" data-autofocus>"Examples"</h2>
                {list}
            </section>
        </Show>
    }
}

/// What the chosen example shows, and why (under the verdict).
#[component]
pub fn ExampleNote(chosen: RwSignal<Option<Example>>, token: RwSignal<String>) -> impl IntoView {
    move || {
        let e = chosen.get()?;
        // The note belongs to the example's token; an edit (or the tamper demo) ends it.
        if token.with(|t| t != &e.token) {
            return None;
        }
        let warnings = if e.warnings.is_empty() { "none".to_string() } else { e.warnings.join(", ") };
        Some(view! {
            <div class="example-note" data-testid="example-note" data-example=e.id.clone() data-expected=e.verdict.clone()>
                <strong>{untrusted(&format!("Example: {}", e.title))}</strong>
                <p>{untrusted(&e.explain)}</p>
                <p class="hint">{untrusted(&format!("Expected verdict: {}; warnings: {}. The keys are demo keys, public by design.", e.verdict, warnings))}</p>
            </div>
        })
    }
}

impl Question for WalkRequest {
    type Answer = Walkthrough;
    fn set_id(&mut self, id: u32) {
        self.id = id;
    }
    fn to_json(&self) -> String {
        WalkRequest::to_json(self)
    }
    fn forget(&mut self) {
        self.key.zeroize();
    }
    fn answer(crypto: &Crypto, _: Slot) -> Option<Walkthrough> {
        crypto.answers()?.walk.get()
    }
}

/// The example gallery's question (its data ships in the worker).
struct GalleryQuestion(u32);

impl Question for GalleryQuestion {
    type Answer = protocol::Gallery;
    fn set_id(&mut self, id: u32) {
        self.0 = id;
    }
    fn to_json(&self) -> String {
        protocol::gallery_question(self.0)
    }
    fn forget(&mut self) {}
    fn answer(crypto: &Crypto, _: Slot) -> Option<protocol::Gallery> {
        crypto.answers()?.gallery.get()
    }
}
