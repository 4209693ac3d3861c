//! The Decoder view: paste a token, see every part decoded.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;

use super::browser;
use super::encoder::{Handoff, Views};
use super::jwe::DecryptedPane;
use super::link::Linking;
use super::panes::{ClaimsPanel, EncodedToken, HeaderPane, PayloadPane, Problems, SignaturePane, Warnings};
use super::verifier::{Crypto, Slot};
use super::verify::{KeyInfo, KeyInput, VerdictBox, set_secret};
use crate::jwt::protocol::Request;
use crate::jwt::verdict::{SecretEncoding, key_time_warnings, preliminary};
use crate::jwt::{self, Decoded};
use zeroize::Zeroize;

/// Above this size the token box stops wrapping lines: laying out a wrapped megabyte
/// costs the browser twice as long as one long line, and nobody reads it there anyway.
const NOWRAP_BYTES: usize = 64 * 1024;

/// Above this size a paste is decoded in a task of its own, after the browser has laid out
/// the pasted text, so that no single task holds the page for both.
const DEFER_BYTES: usize = 256 * 1024;

/// Counts changes of the token box, so that a deferred large paste never overwrites a
/// later edit.
static EDITS: AtomicU32 = AtomicU32::new(0);

/// The decoder: token input on one side, decoded parts on the other.
#[component]
pub fn Decoder() -> impl IntoView {
    let scrubbed_query = browser::scrub_token_from_query();
    // A token in the fragment wins; then one remembered on this device (only if the user
    // opted in, which is what storing it means); then the example.
    let stored = browser::stored_token();
    let remember = RwSignal::new(stored.is_some());
    let start = browser::token_from_fragment().or(stored).unwrap_or_else(|| super::EXAMPLE_TOKEN.to_string());
    // `token` follows every keystroke; `shown` is what the page itself puts into the text
    // area (the first token, a fragment, a clear). Binding the text area to `shown` rather
    // than `token` keeps each keystroke from writing the whole value back, which for a
    // large paste would make the browser lay the text out twice.
    let token = RwSignal::new(start.clone());
    let shown = RwSignal::new(start);
    // Whether the text is large enough to stop wrapping; set at once on input, before the
    // browser lays the new text out.
    let big = RwSignal::new(false);
    let load = move |t: String| {
        EDITS.fetch_add(1, Ordering::Relaxed);
        big.set(t.len() > NOWRAP_BYTES);
        shown.set(t.clone());
        token.set(t);
    };

    let hash = window_event_listener(ev::hashchange, move |_| {
        if let Some(t) = browser::token_from_fragment() {
            load(t);
        }
    });
    let now = RwSignal::new(browser::now_seconds());
    let tick = set_interval_with_handle(move || now.set(browser::now_seconds()), Duration::from_secs(1)).ok();
    on_cleanup(move || {
        hash.remove();
        if let Some(t) = tick {
            t.clear();
        }
    });

    let decoded: Memo<Decoded> = Memo::new(move |_| token.with(|t| jwt::decode(t)));
    let linking = Linking::new();

    // Verification. Verdicts that need no key are decided here; the rest are asked of
    // the verifier whenever the token, key, encoding or detached payload changes (never on
    // a clock tick), and only the answer to the latest question is kept.
    let key_text = RwSignal::new(String::new());
    let encoding = RwSignal::new(SecretEncoding::Utf8);
    let detached = RwSignal::new(String::new());
    let use_embedded = RwSignal::new(false);
    // The deployment's trusted keys (trusted-keys.json beside the page), used while the key
    // box is empty for a token whose kid names one of them.
    let trusted = RwSignal::new(None::<String>);
    browser::fetch_trusted_keys(move |text| {
        if !crate::jwt::verdict::trusted_key_names(&text).is_empty() {
            trusted.set(Some(text));
        }
    });
    let use_trusted = move || {
        key_text.with(|k| k.trim().is_empty())
            && !use_embedded.get()
            && trusted.with(Option::is_some)
            && decoded.with(|d| d.form == jwt::Form::Jws && d.header_member("kid").is_some())
    };
    let has_key = move || use_embedded.get() || key_text.with(|k| !k.trim().is_empty()) || use_trusted();
    // Remember the token on this device, only while asked to.
    Effect::new(move |_| {
        if remember.get() {
            // The token found in the paste, never the paste (a curl command can carry a
            // password, a cookie line other cookies); nothing when no token was found.
            match token.with(|t| decoded.with(|d| jwt::share::token_in(t, d))) {
                Some(t) => browser::store_token(&t),
                None => browser::clear_storage(),
            }
        } else {
            browser::clear_storage();
        }
    });
    let clear_all = move |_| {
        remember.set(false);
        browser::clear_storage();
        load(String::new());
        set_secret(key_text, String::new());
        detached.set(String::new());
        use_embedded.set(false);
    };
    let prelim = Memo::new(move |_| decoded.with(|d| preliminary(d, has_key())));
    // "Open in decoder" from the encoder: the token and the key that verifies it.
    let views = expect_context::<Views>();
    Effect::new(move |_| {
        if let Some(Handoff::ToDecoder { token: t, key: k, encoding: e }) = views.handoff.get() {
            load(t);
            set_secret(key_text, k);
            encoding.set(e);
            use_embedded.set(false);
            views.handoff.set(None);
        }
    });
    let edit_in_encoder = move |_| {
        let parts = decoded.with(|d| {
            let text =
                |j: &crate::jwt::token::JsonText| j.pretty.as_ref().map_or_else(|| j.text.clone(), |p| p.text.clone());
            let header = d.header.as_ref().map(text)?;
            let payload = match &d.payload {
                crate::jwt::Payload::Json(j) => text(j),
                crate::jwt::Payload::Text(t) => t.clone(),
                _ => String::new(),
            };
            Some((header, payload))
        });
        if let Some((header, payload)) = parts {
            views.handoff.set(Some(Handoff::ToEncoder { header, payload }));
            views.encoder_shown.set(true);
        }
    };

    let crypto = expect_context::<Crypto>();
    let report = crypto.report;
    // One question at a time for the verdict: the helper shows only the answer to the latest.
    Effect::new(move |_| {
        if prelim.with(Option::is_some) {
            return crypto.withdraw(Slot::Verdict);
        }
        let trusted_keys = if use_trusted() { trusted.get() } else { None };
        let trusted = trusted_keys.is_some();
        let mut request = Request {
            id: 0,
            token: token.get(),
            key: trusted_keys.unwrap_or_else(|| key_text.get()),
            encoding: encoding.get(),
            detached: detached.with(|p| (!p.is_empty()).then(|| p.clone())),
            use_embedded: use_embedded.get(),
            trusted,
        };
        crypto.ask(Slot::Verdict, |id| {
            request.id = id;
            request.to_json()
        });
        request.key.zeroize();
    });
    // The report: only ever the answer to the question being asked.
    let current = move || if prelim.with(Option::is_some) { None } else { report.get() };
    let outcome = Memo::new(move |_| {
        if let Some(o) = prelim.get() {
            return o;
        }
        let jwe = decoded.with(|d| d.form == jwt::Form::Jwe);
        crypto.outcome(Slot::Verdict, if jwe { "Decrypting…" } else { "Checking the signature…" })
    });
    let busy = Memo::new(move |_| prelim.with(Option::is_none) && crypto.pending(Slot::Verdict));
    let key_report = Memo::new(move |_| current().map(|r| (r.keys, r.skipped, r.outcome.key)));
    let is_jwe = Memo::new(move |_| decoded.with(|d| d.form == jwt::Form::Jwe));
    let plaintext = Memo::new(move |_| {
        if !is_jwe.get() || busy.get() {
            return None;
        }
        current().and_then(|r| r.plaintext)
    });
    let open_nested = Callback::new(move |t: String| {
        load(t);
        set_secret(key_text, String::new());
    });
    let warnings = Memo::new(move |_| {
        let mut all = decoded.with(|d| jwt::lint(d, now.get()));
        if let Some(r) = current() {
            all.extend(r.outcome.warnings.iter().cloned());
            all.extend(key_time_warnings(&r.keys, now.get()));
        }
        all
    });

    // The teaching and workflow panels live in the extras (loaded on first use): they learn
    // the token, key and encoding from here, and mount into the slots below.
    let publish = move || token.with(|t| key_text.with(|k| browser::publish_state(t, k, encoding.get().value())));
    Effect::new(move |_| publish());
    let tool = move |id: &'static str, panel: &'static str, label: &'static str| {
        let on = RwSignal::new(false);
        view! {
            <button type="button" class="small tool" data-testid=id aria-pressed=move || on.get().to_string()
                on:click=move |_| {
                    on.update(|v| *v = !*v);
                    if browser::extras(panel, on.get_untracked()) {
                        publish();
                    }
                }>{label}</button>
        }
    };

    view! {
        <div class="tools" data-pane="tools">
            {tool("gallery-toggle", "gallery", "Examples")}
            {tool("walk-toggle", "walk", "Signature, step by step")}
            {tool("checks-toggle", "checks", "Validate claims")}
            {tool("share-toggle", "share", "Share link")}
            {tool("diff-toggle", "diff", "Compare with another token")}
        </div>
        <div id="slot-tools" data-pane="tools"></div>
        {scrubbed_query.then(|| view! {
            <div class="banner warn" role="note" data-testid="query-token-warning">
                "This page's address carried a token in its query string, so it was already sent to \
                 the server that served the page (and may sit in its logs). It was removed from the \
                 address bar and not loaded. Pass tokens after # instead: the fragment never leaves \
                 the browser."
            </div>
        })}
        <div class="decoder">
            <section class="column input-column" aria-label="Token" data-pane="token">
                <div class="field-head">
                    <label for="token-input">"Encoded token"</label>
                    <span class="field-actions">
                        <CopyButton what="token" text=Signal::derive(move || decoded.with(|d| d.input.token.clone()))/>
                        <button type="button" class="small" data-testid="edit-in-encoder" on:click=edit_in_encoder
                            disabled=move || decoded.with(|d| d.header.is_none())>
                            "Edit this token"
                        </button>
                        <button type="button" class="small" aria-label="Clear token" data-testid="clear-token" on:click=move |_| load(String::new())>
                            "Clear"
                        </button>
                        <button type="button" class="small" data-testid="clear-all" on:click=clear_all
                            title="Clear the token, the key and anything remembered on this device">
                            "Clear all"
                        </button>
                    </span>
                </div>
                <textarea
                    id="token-input"
                    data-testid="token-input"
                    class="token-input"
                    spellcheck="false"
                    autocomplete="off"
                    autocapitalize="off"
                    placeholder="Paste a JWT, a Bearer header, a cookie or a curl command"
                    prop:value=move || shown.get()
                    class:nowrap=move || big.get()
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        big.set(value.len() > NOWRAP_BYTES);
                        let edit = EDITS.fetch_add(1, Ordering::Relaxed).wrapping_add(1);
                        if value.len() > DEFER_BYTES {
                            // Unless the text changed again meanwhile: the last edit wins.
                            request_animation_frame(move || set_timeout(move || {
                                if EDITS.load(Ordering::Relaxed) == edit {
                                    token.set(value);
                                }
                            }, Duration::ZERO));
                        } else {
                            token.set(value);
                        }
                    }
                ></textarea>
                <label class="toggle remember">
                    <input type="checkbox" data-testid="remember-token"
                        prop:checked=move || remember.get()
                        on:change=move |ev| remember.set(event_target_checked(&ev))/>
                    "Remember the token on this device (never the key; off by default)"
                </label>
                <CleaningNotes decoded=decoded/>
                <EncodedToken decoded=decoded linking=linking/>
                <Problems decoded=decoded/>
                <KeyInput key_text=key_text encoding=encoding detached=detached use_embedded=use_embedded decoded=decoded/>
                {move || trusted.with(|t| t.as_ref().map(|t| {
                    let n = crate::jwt::verdict::trusted_key_names(t).len();
                    view! {
                        <p class="hint" data-testid="trusted-keys-note">
                            {format!("{n} key{} trusted by this deployment (trusted-keys.json) verify matching tokens while the key box is empty.", if n == 1 { "" } else { "s" })}
                        </p>
                    }
                }))}
                <VerdictBox outcome=outcome busy=busy/>
                <div id="slot-example"></div>
                <KeyInfo keys=key_report now=now jwe=is_jwe/>
                <Warnings warnings=warnings/>
            </section>
            <section class="column output-column" aria-label="Decoded">
                <HeaderPane decoded=decoded exact=linking.header_exact/>
                <PayloadPane decoded=decoded exact=linking.payload_exact/>
                <DecryptedPane plaintext=plaintext is_jwe=is_jwe open=open_nested/>
                <ClaimsPanel decoded=decoded now=now/>
                <div id="slot-checks"></div>
                <SignaturePane decoded=decoded/>
                <div id="slot-walk"></div>
            </section>
        </div>
    }
}

/// What was stripped from the pasted text to find the token.
#[component]
fn CleaningNotes(decoded: Memo<Decoded>) -> impl IntoView {
    move || {
        decoded.with(|d| {
            (!d.input.notes.is_empty()).then(|| {
                let text = d.input.notes.join("; ");
                view! {
                    <p class="cleaning" data-testid="cleaning-notes">
                        <span class="cleaning-label">"Cleaned up: "</span>{super::untrusted(&text)}
                    </p>
                }
            })
        })
    }
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
