//! What a decrypted JWE shows: the plaintext exactly as decrypted (UI contract: region
//! `Decrypted payload`; the page's), then a pretty-printed copy when it is JSON and a
//! nested token (`cty: JWT`) decoded as a token of its own, with its own key box and
//! verdict (the extras', loaded for the first plaintext).
//!
//! The extras' part can never show another plaintext than the page's: each plaintext the
//! page sends has a number, the extras acknowledge the number once they show it, and the
//! page hides their part while its plaintext has none or a number not yet acknowledged.

use leptos::prelude::*;

use super::ask::{Reply, ask};
use super::bridge::Bridge;
use super::code::{Code, CodeBlock, fill_code, fill_runs, fill_runs_dom};
use super::crypto::{Crypto, Slot};
use super::dom::{self, Tree};
use super::panes::{hex_spaced, json_code};
use super::widgets::{EncodingSelect, bind_busy, pending, set_secret, untrusted};
use crate::jwt::protocol::Request;
use crate::jwt::token::JsonText;
use crate::jwt::verdict::{SecretEncoding, preliminary};
use crate::jwt::{self, Decoded, Form, Payload};

/// The plaintext of the current JWE, once it decrypted (the page's part), appended to
/// `el`; the extras' part of it stays hidden until they show this very plaintext.
pub fn decrypted_pane(el: &web_sys::Element, plaintext: Memo<Option<Vec<u8>>>, is_jwe: Memo<bool>) {
    let Some(bridge) = use_context::<Bridge>() else { return };
    // Numbers each plaintext (a change of plaintext is a new number).
    let number = Memo::new(move |last: Option<&u32>| {
        plaintext.track();
        last.map_or(1, |n| n.wrapping_add(1))
    });
    dom::bind(move || {
        let n = number.get();
        plaintext.with(|p| {
            if let Some(bytes) = p {
                bridge.decrypted(n, bytes);
            }
        });
    });
    let acknowledged = bridge.decrypted_shown();
    let extras_hidden = move || plaintext.with(Option::is_none) || acknowledged.get() != number.get();
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
    let mut t = Tree::new();
    t.open("section").class("pane pane-decrypted").mark();
    t.open("div").class("pane-head");
    t.leaf("h2", "pane-title title-decrypted", "Decrypted payload");
    t.open("span").class("pane-note").attr("data-testid", "decrypted-note").mark().close();
    t.close();
    t.open("pre").class("code").attr("role", "region").attr("aria-label", "Decrypted payload");
    t.attr("data-testid", "decrypted-pane").attr("tabindex", "0").mark().close();
    // The extras mount the pretty-printed copy and the nested token here.
    t.open("div").attr("id", "slot-decrypted").attr("hidden", "").mark().close();
    t.close();
    let Some([section, note_el, pre, slot]) = t.append_n(el) else { return };
    dom::bind(move || {
        let class = if is_jwe.get() { "pane pane-decrypted" } else { "pane pane-decrypted hidden" };
        dom::set_attr(&section, "class", Some(class));
    });
    dom::bind_text(&note_el, note);
    dom::bind(move || exact.with(|c| fill_code(&pre, c, fill_runs)));
    dom::bind_hidden(&slot, extras_hidden);
}

/// The rest of a decrypted JWE (the extras' part): a pretty-printed copy of a JSON
/// plaintext, and a nested token.
#[component]
pub fn DecryptedMore(
    /// The page's plaintext, as the extras last received it.
    plaintext: Signal<Option<Vec<u8>>>,
    /// Loads a token into the decoder ("Open in the decoder").
    open: Callback<String>,
) -> impl IntoView {
    let text = Memo::new(move |_| plaintext.with(|p| p.as_ref().map(|b| String::from_utf8(b.clone()))));
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
        {move || pretty.get().map(|code| view! {
            <h3 class="section-title">"Pretty-printed"</h3>
            <CodeBlock code=code label="Decrypted payload, pretty-printed" testid="decrypted-pretty" region=false fill=fill_runs_dom/>
        })}
        {move || inner.get().map(|d| view! { <NestedToken decoded=d open=open/> })}
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
            let text = untrusted(&token[seg.range.clone()]);
            view! { {(i > 0).then_some(view! { <span class="dot">"."</span> })}<span class=class>{text}</span> }
        })
        .collect();
    // A key the gallery supplied for this nested token, taken once.
    let preset = super::state::take_nested_key();
    let key_text = RwSignal::new(preset.unwrap_or_default());
    let encoding = RwSignal::new(SecretEncoding::Utf8);
    let prelim = {
        let d = decoded.clone();
        Memo::new(move |_| preliminary(&d, key_text.with(|k| !k.trim().is_empty())))
    };
    // This view now owns the nested slot: nothing a previous nested token asked shows here.
    untrack(|| crypto.withdraw(Slot::Nested));
    let question_token = token.clone();
    let reply = ask(Slot::Nested, move || {
        prelim.with(Option::is_none).then(|| Request {
            id: 0,
            token: question_token.clone(),
            key: key_text.get(),
            encoding: encoding.get(),
            detached: None,
            use_embedded: false,
            trusted: false,
        })
    });
    let busy = Memo::new(move |_| prelim.with(Option::is_none) && reply.with(Reply::waiting));
    let verdict_el: NodeRef<leptos::html::Div> = NodeRef::new();
    verdict_el.on_load(move |el| bind_busy(&el, move || busy.get()));
    let outcome = Memo::new(move |_| {
        if let Some(o) = prelim.get() {
            return o;
        }
        reply.with(|r| r.outcome("Checking the nested token's signature…"))
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
            <CodeBlock code=header label="Nested token header" testid="nested-header" region=false fill=fill_runs_dom/>
            <h4 class="section-title">"Nested payload"</h4>
            <CodeBlock code=payload label="Nested token payload" testid="nested-payload" region=false fill=fill_runs_dom/>
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
            <div class="verdict" aria-live="polite" data-testid="nested-verdict" data-verdict=word node_ref=verdict_el>
                <span class="verdict-word">{word}</span>
                <span class="verdict-text">{move || outcome.with(|o| untrusted(&o.message))}</span>
                {pending("nested-verdict-pending", "nested-cancel-work", Slot::Nested)}
            </div>
        </div>
    }
}
