//! Everyday workflow: checking claims against what you expect (with your own clock and
//! leeway), sharing a link that carries the token only, and comparing two tokens.

use leptos::prelude::*;

use super::browser;
use super::widgets::{check_item, untrusted};
use crate::jwt::claims::validate::{self, Expectations};
use crate::jwt::diff::{self, Change};
use crate::jwt::share::{self, ShareMode};
use crate::jwt::{self, Decoded, Part};

/// A labelled one-line text input.
#[component]
fn Field(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] placeholder: &'static str,
) -> impl IntoView {
    view! {
        <label class="field" for=id>
            <span>{label}</span>
            <input type="text" id=id data-testid=id spellcheck="false" autocomplete="off" placeholder=placeholder
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
        </label>
    }
}

/// Claims checked against expectations: each check passes, fails or is skipped, with why.
#[component]
pub fn ClaimsCheck(decoded: Memo<Decoded>, now: RwSignal<i64>) -> impl IntoView {
    let at = RwSignal::new(String::new());
    let frozen = RwSignal::new(None::<i64>);
    let leeway = RwSignal::new("0".to_string());
    let iss = RwSignal::new(String::new());
    let aud = RwSignal::new(String::new());
    let sub = RwSignal::new(String::new());
    let required = RwSignal::new(String::new());
    // "Now": the typed time, else the frozen clock, else the live one.
    let typed = Memo::new(move |_| at.with(|t| validate::parse_time(t)));
    let clock = Memo::new(move |_| typed.get().or(frozen.get()).unwrap_or_else(|| now.get()));
    let checks = Memo::new(move |_| {
        let e = Expectations {
            now: clock.get(),
            leeway: leeway.with(|l| l.trim().parse::<i64>().unwrap_or(0)),
            iss: iss.with(|v| (!v.is_empty()).then(|| v.clone())),
            aud: aud.with(|v| (!v.is_empty()).then(|| v.clone())),
            sub: sub.with(|v| (!v.is_empty()).then(|| v.clone())),
            required: required.with(|r| validate::parse_required(r)),
        };
        decoded.with(|d| if d.header.is_none() { Vec::new() } else { validate::validate(d.claims(), &e) })
    });
    let bad_time = move || at.with(|t| !t.trim().is_empty()) && typed.get().is_none();
    view! {
        <section class="pane claims-check" data-testid="claims-validation" data-pane="claims">
            <div class="pane-head"><h2 class="pane-title" tabindex="-1" data-autofocus>"Validate claims"</h2></div>
            <div class="form-grid">
                <Field id="check-now" label="Now (UTC date-time or seconds)" value=at placeholder="2026-11-29T12:00:00Z"/>
                <label class="toggle">
                    <input type="checkbox" data-testid="freeze-clock" prop:checked=move || frozen.with(Option::is_some)
                        on:change=move |ev| frozen.set(event_target_checked(&ev).then(|| now.get_untracked()))/>
                    "Freeze the clock"
                </label>
                <Field id="check-leeway" label="Leeway (seconds)" value=leeway/>
                <Field id="check-iss" label="Expected issuer (iss)" value=iss/>
                <Field id="check-aud" label="Expected audience (aud)" value=aud/>
                <Field id="check-sub" label="Expected subject (sub)" value=sub/>
                <Field id="check-required" label="Required claims" value=required placeholder="exp, iat, jti"/>
            </div>
            <p class="hint" data-testid="check-clock">
                {move || if bad_time() {
                    "That time is not understood: use 2026-11-29T12:00:00Z or NumericDate seconds. Using the clock instead.".to_string()
                } else {
                    format!("Checked at {}{}", jwt::claims::format_utc(clock.get()),
                        if typed.get().is_some() { " (typed)" } else if frozen.with(Option::is_some) { " (frozen)" } else { " (live clock)" })
                }}
            </p>
            <ul class="checks" data-testid="claims-checks">
                {move || checks.with(|cs| cs.iter().map(|c| check_item(&c.name, c.status, &c.reason)).collect_view())}
            </ul>
        </section>
    }
}

/// A link to this page with the token in its fragment, and never a key.
#[component]
pub fn SharePanel(decoded: Memo<Decoded>, shown: RwSignal<bool>) -> impl IntoView {
    let mode = RwSignal::new(ShareMode::Full);
    let link = Memo::new(move |_| {
        let fragment =
            decoded.with(|d| share::share_fragment(&d.input.token, mode.get())).map_err(|e| e.to_string())?;
        Ok::<String, String>(format!("{}{fragment}", browser::page_address()))
    });
    let copied = RwSignal::new(false);
    view! {
        <Show when=move || shown.get()>
            <section class="share" data-testid="share-panel" aria-label="Share">
                <h2 class="pane-title" tabindex="-1" data-autofocus>"Share link"</h2>
                <label class="select-label" for="share-mode">"Share"</label>
                <select id="share-mode" data-testid="share-mode" prop:value=move || mode.get().as_str()
                    on:change=move |ev| mode.set(ShareMode::from_value(&event_target_value(&ev)))>
                    {ShareMode::ALL.map(|m| view! { <option value=m.as_str()>{m.label()}</option> }).collect_view()}
                </select>
                <p class="banner warn" data-testid="share-warning" role="note">
                    "This link carries the token: anyone who has it can read every claim (and, with the signature, \
                     replay the token where it is still valid). It never carries a key or a secret, and the token \
                     stays after the #, which browsers do not send to servers."
                </p>
                {move || match link.get() {
                    Ok(l) => view! {
                        <div class="share-row">
                            <input type="text" readonly class="mono share-link" aria-label="Share link" data-testid="share-link" prop:value=l.clone()/>
                            <button type="button" class="small" data-testid="copy-share-link" on:click=move |_| {
                                browser::copy_text(&l);
                                copied.set(true);
                            }>{move || if copied.get() { "Copied" } else { "Copy link" }}</button>
                        </div>
                    }.into_any(),
                    Err(e) => view! { <p class="problem" data-testid="share-error">{untrusted(&e)}</p> }.into_any(),
                }}
            </section>
        </Show>
    }
}

/// Two tokens side by side: which header members and claims differ.
#[component]
pub fn DiffPanel(decoded: Memo<Decoded>, shown: RwSignal<bool>) -> impl IntoView {
    let other = RwSignal::new(String::new());
    let result = Memo::new(move |_| {
        let text = other.get();
        if text.trim().is_empty() {
            return None;
        }
        let right = jwt::decode(&text);
        Some(decoded.with(|d| diff::diff(d, &right)))
    });
    let part = |p: Part| if p == Part::Header { "header" } else { "payload" };
    view! {
        <Show when=move || shown.get()>
            <section class="diff" data-testid="diff-panel" aria-label="Compare tokens">
                <label for="diff-input">"Second token"</label>
                <textarea id="diff-input" data-testid="diff-input" class="key-input" spellcheck="false" autocomplete="off" data-autofocus
                    placeholder="Paste another token to compare it with the one above"
                    prop:value=move || other.get() on:input=move |ev| other.set(event_target_value(&ev))></textarea>
                {move || result.get().map(|r| {
                    let summary = if r.is_same() {
                        "The two tokens have the same header, claims and signature.".to_string()
                    } else {
                        let n = r.members.iter().filter(|m| m.change != Change::Same).count();
                        format!("{n} {} differ{}; the signatures are {}.", if n == 1 { "member" } else { "members" }, if n == 1 { "s" } else { "" },
                            if r.signature == Change::Same { "the same" } else { "different" })
                    };
                    let rows: Vec<_> = r.members.iter().map(|m| view! {
                        <tr data-member=m.name.clone() data-part=part(m.part) data-change=m.change.as_str() class=format!("diff-{}", m.change.as_str())>
                            <td>{part(m.part)}</td>
                            <th scope="row"><code>{untrusted(&m.name)}</code></th>
                            <td class="mono">{m.left.as_deref().map(untrusted)}</td>
                            <td class="mono">{m.right.as_deref().map(untrusted)}</td>
                            <td>{m.change.as_str()}</td>
                        </tr>
                    }).collect();
                    let notes: Vec<_> = r.notes.iter().map(|n| view! { <li>{untrusted(n)}</li> }).collect();
                    view! {
                        <p data-testid="diff-summary">{summary}</p>
                        <table class="claims token-diff" data-testid="token-diff">
                            <thead><tr><th scope="col">"Part"</th><th scope="col">"Member"</th><th scope="col">"This token"</th><th scope="col">"Second token"</th><th scope="col">"Change"</th></tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                        <ul class="hint">{notes}</ul>
                    }
                })}
            </section>
        </Show>
    }
}
