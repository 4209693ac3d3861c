//! The verification part of the decoder: key box, secret encoding, what the key was
//! recognised as, the detached payload, and the verdict.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use zeroize::Zeroize;

use super::crypto::Slot;
use super::dom::{self, Tree};
use super::state::DecoderInputs;
use super::widgets::{bind_busy, encoding_select, pending_tree, set_secret, untrusted, wire_encoding, wire_pending};
use crate::jwt::claims;
use crate::jwt::verdict::{KeySummary, Outcome};
use crate::jwt::{Decoded, Payload};

const KEY_PLACEHOLDER: &str = "Paste an HMAC secret, a PEM public key or certificate, a private key (its public half is used), a JWK or a JWKS. For a JWE: the recipient's private key, the shared secret or the password.";

/// The key box and its options, appended to `el`: the key text (through [`set_secret`]),
/// its encoding, the demo note, and, when the token calls for them, the embedded-key
/// checkbox and the detached payload.
pub fn key_input(el: &web_sys::Element, inputs: DecoderInputs, decoded: Memo<Decoded>) {
    let DecoderInputs { key_text, encoding, detached, use_embedded, demo, .. } = inputs;
    let mut t = Tree::new();
    t.open("div").class("key-box");
    t.open("div").class("field-head");
    t.open("label").attr("for", "key-input").text("Verification key").close();
    t.open("span").class("field-actions");
    encoding_select(&mut t, "secret-encoding", "Secret encoding");
    t.open("button").attr("type", "button").class("small").attr("aria-label", "Clear key");
    t.attr("data-testid", "clear-key").mark().text("Clear").close();
    t.close().close();
    t.open("textarea").attr("id", "key-input").attr("data-testid", "key-input").class("key-input");
    t.attr("spellcheck", "false").attr("autocomplete", "off").attr("autocapitalize", "off");
    t.attr("placeholder", KEY_PLACEHOLDER).mark().close();
    t.open("p").class("demo-note").attr("data-testid", "demo-key-note").attr("hidden", "").mark();
    t.leaf("strong", "", "Demo secret").text(" of the example token: it is public, so replace it with your own.");
    t.close();
    t.leaf("p", "hint", "The key stays in this page: it is never stored, logged or put in the address.");
    t.open("div").class("slot").mark().close();
    t.open("div").class("slot").mark().close();
    t.close();
    let Some([select, clear, area, note, embedded, detached_host]) = t.append_n(el) else { return };
    wire_encoding(&select, encoding);
    dom::on(&clear, "click", move |_| set_secret(key_text, String::new()));
    wire_text(&area, key_text, move |text| set_secret(key_text, text));
    dom::bind_hidden(&note, move || !demo.with(|d| d.as_ref().is_some_and(|d| key_text.with(|k| *k == d.secret))));

    // The embedded-key checkbox and the detached payload are built once, and are in the
    // page only while the token calls for them.
    let Some(doc) = el.owner_document() else { return };
    let stash = doc.create_document_fragment();
    let mut t = Tree::new();
    t.open("label").class("toggle embedded");
    t.open("input").attr("type", "checkbox").attr("data-testid", "use-embedded-key").mark().close();
    t.text("Check against the key embedded in the token (jwk / x5c): this proves only that the token is self-consistent, not who signed it");
    t.close();
    if let Some([input]) = t.append_n(&stash) {
        let input: web_sys::HtmlInputElement = input.unchecked_into();
        let i = input.clone();
        dom::bind(move || i.set_checked(use_embedded.get()));
        dom::on(&input.clone().into(), "change", move |_| use_embedded.set(input.checked()));
    }
    let has_embedded = Memo::new(move |_| {
        decoded.with(|d| d.header_json().is_some_and(|h| h.get("jwk").is_some() || h.get("x5c").is_some()))
    });
    shown_when(&embedded, stash, has_embedded);

    let stash = doc.create_document_fragment();
    let mut t = Tree::new();
    t.open("div").class("field-head");
    t.open("label").attr("for", "detached-payload").text("Detached payload").close();
    t.close();
    t.open("textarea").attr("id", "detached-payload").attr("data-testid", "detached-payload");
    t.class("detached-input").attr("spellcheck", "false");
    t.attr("placeholder", "The content signed by this token, whose payload part is empty (RFC 7515 Appendix F)");
    t.mark().close();
    if let Some([area]) = t.append_n(&stash) {
        wire_text(&area, detached, move |text| detached.set(text));
    }
    let is_detached = Memo::new(move |_| decoded.with(|d| matches!(d.payload, Payload::Detached)));
    shown_when(&detached_host, stash, is_detached);
}

/// Puts the nodes of `stash` in `slot` while `shown`, and back in `stash` while not (so
/// that they are absent from the page, as if never built, and keep their wiring).
fn shown_when(slot: &web_sys::Element, stash: web_sys::DocumentFragment, shown: Memo<bool>) {
    let slot = slot.clone();
    dom::bind(move || {
        if shown.get() {
            let _ = slot.append_child(&stash);
        } else {
            while let Some(c) = slot.first_child() {
                if stash.append_child(&c).is_err() {
                    break;
                }
            }
        }
    });
}

/// Keeps a textarea's value to `text` (set only when it differs, so typing keeps the
/// caret), and hands each input to `input`. The copies of the value read here are
/// zeroized (the key box's text is a secret).
fn wire_text(area: &web_sys::Element, text: RwSignal<String>, input: impl Fn(String) + 'static) {
    let area: web_sys::HtmlTextAreaElement = area.clone().unchecked_into();
    let a = area.clone();
    dom::bind(move || {
        text.with(|v| {
            let mut now = a.value();
            if now != *v {
                a.set_value(v);
            }
            now.zeroize();
        })
    });
    dom::on(&area.clone().into(), "input", move |_| input(area.value()));
}

/// The keys read from the key box, the JWKS entries skipped, and the index of the key that
/// verified.
pub type KeysRead = (Vec<KeySummary>, Vec<String>, Option<usize>);

/// A certificate's validity line, marked in the list, and its dates: its text follows the
/// clock ("expires in 3 days").
struct Validity {
    el: web_sys::Element,
    not_before: i64,
    not_after: i64,
}

impl Validity {
    fn tick(&self, now: i64) {
        let (nb, na) = (self.not_before, self.not_after);
        let when = if now > na { "expired" } else { "expires" };
        let text =
            format!("{} to {} ({when} {})", claims::format_utc(nb), claims::format_utc(na), claims::relative(na, now));
        dom::set_text(&self.el, &text);
    }
}

/// What the key box was recognised as, built into `el` whenever it changes (nothing while
/// there are no keys): each key with its thumbprint, certificate details, skipped JWKS
/// entries, and which key verified. Only each certificate's validity line follows the clock.
pub fn key_info(el: &web_sys::Element, keys: Memo<Option<KeysRead>>, now: RwSignal<i64>, jwe: Memo<bool>) {
    let ticking: Rc<RefCell<Vec<Validity>>> = Rc::default();
    let (host, shared) = (el.clone(), ticking.clone());
    dom::bind(move || {
        let mut t = Tree::new();
        let dates = keys.with(|k| key_info_tree(&mut t, k.as_ref(), jwe.get()));
        let validity: Vec<Validity> = t
            .fill(&host)
            .into_iter()
            .zip(dates)
            .map(|(el, (not_before, not_after))| Validity { el, not_before, not_after })
            .collect();
        let now = now.get_untracked();
        for v in &validity {
            v.tick(now);
        }
        *shared.borrow_mut() = validity;
    });
    dom::bind(move || {
        let now = now.get();
        for v in ticking.borrow().iter() {
            v.tick(now);
        }
    });
}

/// The key list's markup (none without keys); each certificate's validity line is marked,
/// and its dates returned in order.
fn key_info_tree(t: &mut Tree, k: Option<&KeysRead>, jwe: bool) -> Vec<(i64, i64)> {
    let mut dates = Vec::new();
    let Some((keys, skipped, used)) = k else { return dates };
    if keys.is_empty() {
        return dates;
    }
    let title = if keys.len() == 1 { "Key recognised".to_string() } else { format!("{} keys recognised", keys.len()) };
    t.open("div").class("key-info").attr("data-testid", "key-info");
    t.leaf("h3", "section-title", &title);
    t.open("ul");
    for (i, k) in keys.iter().enumerate() {
        let verified = *used == Some(i);
        t.open("li");
        if verified {
            t.class("used");
        }
        t.attr("data-testid", "key-item").attr("data-used", if verified { "true" } else { "false" });
        t.leaf("span", "key-desc", &untrusted(&k.description));
        if verified {
            t.leaf("span", "key-used", if jwe { " ✓ decrypted the token" } else { " ✓ verified the signature" });
        }
        t.open("span").class("key-thumb").text("RFC 7638 thumbprint: ").leaf("code", "", &k.thumbprint).close();
        if let Some(c) = &k.cert {
            t.open("dl").class("cert");
            t.leaf("dt", "", "Subject").open("dd").attr("data-testid", "cert-subject").text(&untrusted(&c.subject));
            t.close();
            t.leaf("dt", "", "Issuer").open("dd").attr("data-testid", "cert-issuer").text(&untrusted(&c.issuer));
            t.close();
            t.leaf("dt", "", "Valid").open("dd").mark().close();
            t.close();
            dates.push((c.not_before, c.not_after));
        }
        t.close();
    }
    for s in skipped {
        t.leaf("li", "skipped", &untrusted(s));
    }
    t.close().close();
    dates
}

/// The verdict, appended to `el` (UI contract: exactly one, always present,
/// `data-verdict`, `aria-busy="true"` while the verifier works; after a moment the spinner
/// and its Cancel button show, `verdict-pending`, `cancel-work`).
pub fn verdict_box(el: &web_sys::Element, outcome: Memo<Outcome>, busy: Memo<bool>) {
    let mut t = Tree::new();
    t.open("div").class("verdict").attr("role", "status").attr("data-testid", "verdict").mark();
    t.open("span").class("verdict-word").mark().close();
    t.open("span").class("verdict-text").mark().close();
    pending_tree(&mut t, "verdict-pending", "cancel-work");
    t.close();
    let Some([verdict, word, text, cancel]) = t.append_n(el) else { return };
    wire_pending(&cancel, Slot::Verdict);
    bind_busy(&verdict, move || busy.get());
    dom::bind(move || {
        outcome.with(|o| {
            let w = o.verdict.as_str();
            dom::set_attr(&verdict, "data-verdict", Some(w));
            dom::set_text(&word, w);
            dom::set_text(&text, &untrusted(&o.message));
        })
    });
}
