//! The parts of the decoder view, each rendering one aspect of a decoded token.

use leptos::prelude::*;

use super::browser;
use super::code::{Code, Run, fill_code, fill_runs, fill_runs_now};
use super::dom::{self, Tree};
use super::link::{self, Focus, Linking};
use super::widgets::untrusted;
use crate::jwt::alg::{JwsAlg, SignatureSize};
use crate::jwt::claims;
use crate::jwt::json::{Node, Value};
use crate::jwt::text::hex;
use crate::jwt::token::{Form, JsonText};
use crate::jwt::{Decoded, Part, Payload, Warning};
use wasm_bindgen::JsCast;

/// The CSS classes of a segment in the colour-coded token.
fn seg_class(part: Part) -> &'static str {
    match part {
        Part::Header => "seg seg-header",
        Part::Payload => "seg seg-payload",
        Part::Signature => "seg seg-signature",
        Part::EncryptedKey => "seg seg-encrypted-key",
        Part::Iv => "seg seg-iv",
        Part::Ciphertext => "seg seg-ciphertext",
        Part::Tag => "seg seg-tag",
        Part::Extra => "seg seg-extra",
    }
}

/// The most characters of the colour-coded token marked one by one (each is an element).
const MAX_MARKED: usize = 256;

/// The most parts of a token colour-coded (and listed in the legend) one by one: a JWE has
/// five; the rest of a token with more is shown as one run.
const MAX_PARTS_SHOWN: usize = 8;

/// Fills the colour-coded token: one run per segment and dot, the character a problem
/// points at marked (made visible if it is whitespace or invisible), and every hidden
/// character shown as its escape. Says whether the text shown is the token's, one for one.
fn fill_encoded(el: &web_sys::Element, d: &Decoded) -> bool {
    let token = &d.input.token;
    let bad: Vec<usize> = d.problems.iter().filter_map(|p| p.location.token_char).collect();
    // (start, end, shown, marked) of each piece shown otherwise, in token order.
    let mut marks: Vec<(usize, usize, String, bool)> = Vec::new();
    let shown = &d.segments[..d.segments.len().min(MAX_PARTS_SHOWN)];
    // Characters before the segment, counted as the segments go (they are in token order).
    let (mut counted_to, mut start_char) = (0, 0);
    for seg in shown {
        let text = &token[seg.range.clone()];
        start_char += token.get(counted_to..seg.range.start).map_or(0, |t| t.chars().count());
        counted_to = seg.range.start;
        // A bad character inside this segment (not its first, where whole-part problems point).
        let mark = bad.iter().copied().find(|&c| c > start_char && c < start_char + text.chars().count());
        if mark.is_none() && text.bytes().all(|b| b.is_ascii_graphic()) {
            continue;
        }
        for (k, (at, ch)) in text.char_indices().enumerate() {
            if marks.len() >= MAX_MARKED {
                // Past the cap, the rest of the segment is one run, its hidden characters
                // escaped in place: the DOM stays small whatever the token holds.
                let rest = &text[at..];
                marks.push((seg.range.start + at, seg.range.end, untrusted(rest), false));
                break;
            }
            if Some(start_char + k) == mark || crate::jwt::text::is_invisible(ch) {
                let shown =
                    if ch.is_whitespace() { format!("⟨U+{:04X}⟩", ch as u32) } else { untrusted(&ch.to_string()) };
                marks.push((seg.range.start + at, seg.range.start + at + ch.len_utf8(), shown, true));
            }
        }
    }
    let mut runs = Vec::new();
    let mut pending = marks.iter().peekable();
    for (i, seg) in shown.iter().enumerate() {
        if i > 0 {
            runs.push(Run { text: ".", class: Some("dot") });
        }
        let class = Some(seg_class(seg.part));
        let mut from = seg.range.start;
        while let Some((at, end, shown, marked)) = pending.next_if(|(at, ..)| *at < seg.range.end) {
            runs.push(Run { text: &token[from..*at], class });
            runs.push(Run { text: shown, class: if *marked { Some("bad-char") } else { class } });
            from = *end;
        }
        runs.push(Run { text: &token[from..seg.range.end], class });
    }
    // Past the parts any token has, the rest (dots and all) is one run, its hidden
    // characters escaped: a paste of a million dots is not a million elements.
    let rest_raw = match (shown.last(), d.segments.last()) {
        (Some(a), Some(b)) if d.segments.len() > shown.len() => token.get(a.range.end..b.range.end).unwrap_or(""),
        _ => "",
    };
    let rest = untrusted(rest_raw);
    runs.push(Run { text: &rest, class: Some("seg seg-extra") });
    // An SD-JWT's disclosures and key-binding JWT after the issuer-signed JWT, each after
    // its `~` (hidden characters escaped; the worker reads them: `sd::process`).
    let raw = d.sd.as_ref().map_or("", |c| token.get(c.jwt.end..).unwrap_or_default());
    let tail = untrusted(raw);
    let pieces = tail.split('~').count();
    let kb = d.sd.as_ref().is_some_and(|c| c.kb_jwt.is_some());
    for (i, piece) in tail.split('~').enumerate().skip(1) {
        runs.push(Run { text: "~", class: Some("dot") });
        let class = if kb && i + 1 == pieces { "seg seg-kb" } else { "seg seg-disclosure" };
        runs.push(Run { text: piece, class: Some(class) });
    }
    let exact = tail == raw && rest == rest_raw;
    runs.retain(|r| !r.text.is_empty());
    fill_runs_now(el, &runs);
    marks.is_empty() && exact
}

/// The token, colour-coded by part, with a second cue (underline style) per part and a
/// legend, so that the parts can be told apart without colour.
pub fn encoded_token(el: &web_sys::Element, decoded: Memo<Decoded>, linking: Linking) {
    let mut t = Tree::new();
    t.open("div").class("encoded-wrap").mark();
    t.open("div").class("encoded-head").open("span").class("form").attr("data-testid", "token-form").mark();
    t.close().close();
    t.open("div").class("encoded").attr("data-testid", "encoded-token");
    t.attr("aria-label", "Token parts, colour-coded").attr("role", "group").attr("tabindex", "0");
    t.attr("aria-describedby", "byte-link").mark().close();
    t.open("div").class("slot").mark().close();
    t.open("ul").class("legend").attr("aria-label", "Parts").mark().close();
    t.close();
    let Some([wrap, form, encoded, link_host, legend]) = t.append_n(el) else { return };
    link::byte_link(&link_host, decoded, linking);
    let target: web_sys::EventTarget = encoded.clone().into();
    let at_point = encoded.clone();
    dom::bind(move || {
        let mut t = Tree::new();
        let one_for_one = decoded.with(|d| {
            dom::set_attr(&wrap, "class", Some(if d.is_empty() { "encoded-wrap hidden" } else { "encoded-wrap" }));
            let (text, key) = match d.form {
                Form::Jws => ("JWS (signed): header · payload · signature", "jws"),
                Form::Jwe => ("JWE (encrypted): header · encrypted key · IV · ciphertext · tag", "jwe"),
                Form::Unrecognised => ("Not a complete compact token", "unrecognised"),
            };
            dom::set_attr(&form, "data-form", Some(key));
            form.set_text_content(Some(text));
            for seg in d.segments.iter().take(MAX_PARTS_SHOWN) {
                t.open("li").class(&format!("legend-item seg-{}", seg.part.slug()));
                t.text(seg.part.title()).text(" · ").text(&seg.range.len().to_string()).text(" chars").close();
            }
            if let Some(more) = d.segments.len().checked_sub(MAX_PARTS_SHOWN).filter(|&n| n > 0) {
                t.open("li").class("legend-item seg-extra").text(&format!("{more} more parts")).close();
            }
            fill_encoded(&encoded, d)
        });
        t.fill(&legend);
        linking.one_for_one.set(one_for_one);
    });
    let focus = linking.focus;
    dom::on(&target, "mousemove", move |ev| {
        let Some(ev) = ev.dyn_ref::<web_sys::MouseEvent>() else { return };
        let at =
            decoded.with_untracked(|d| link::token_char_at(&at_point, &d.input.token, ev.client_x(), ev.client_y()));
        if let Some(at) = at
            && focus.with_untracked(|f| f != &Some(Focus::Token(at)))
        {
            focus.set(Some(Focus::Token(at)));
        }
    });
    dom::on(&target, "keydown", move |ev| {
        let Some(ev) = ev.dyn_ref::<web_sys::KeyboardEvent>() else { return };
        let at = match focus.get_untracked() {
            Some(Focus::Token(at)) => at,
            _ => 0,
        };
        if let Some(next) = decoded.with_untracked(|d| link::step(&d.input.token, at, &ev.key())) {
            ev.prevent_default();
            focus.set(Some(Focus::Token(next)));
        }
    });
    let leave = move |_| {
        if focus.with_untracked(|f| matches!(f, Some(Focus::Token(_)))) {
            focus.set(None);
        }
    };
    dom::on(&target, "mouseleave", leave);
    dom::on(&target, "blur", leave);
    dom::on(&target, "focus", move |_| {
        if focus.with_untracked(Option::is_none) {
            focus.set(Some(Focus::Token(0)));
        }
    });
}

/// One `role=alert` per decode problem (UI contract: `data-code`).
pub fn problems(el: &web_sys::Element, decoded: Memo<Decoded>) {
    let el = el.clone();
    // The problems shown (code, location, message): an alert put in again is announced
    // again, so an edit that leaves them as they were leaves the alerts alone.
    let shown: std::cell::RefCell<Vec<(&'static str, String, String)>> = Default::default();
    dom::bind(move || {
        let now: Vec<_> = decoded.with(|d| {
            d.problems.iter().map(|p| (p.code.as_str(), p.location.to_string(), untrusted(&p.message))).collect()
        });
        if *shown.borrow() == now {
            return;
        }
        let mut t = Tree::new();
        for (code, location, message) in &now {
            t.open("div").class("problem").attr("role", "alert").attr("data-code", code);
            t.leaf("strong", "", location).text(": ").text(message).close();
        }
        t.fill(&el);
        *shown.borrow_mut() = now;
    });
}

/// The warnings list (UI contract: `role=list` named Warnings, `data-code` per item). The
/// list is built again only when its codes change; otherwise each message is set in place
/// (a message that follows the clock, "expired 30 s ago", keeps the focus and selection).
pub fn warnings(el: &web_sys::Element, warnings: Memo<Vec<Warning>>) {
    let mut t = Tree::new();
    t.open("div").class("warnings-wrap");
    t.open("h2").class("section-title").mark().close();
    t.open("ul").class("warnings").attr("role", "list").attr("aria-label", "Warnings");
    t.attr("data-testid", "warnings").mark().close();
    t.close();
    let Some([title, list]) = t.append_n(el) else { return };
    // The codes listed, and each item's message element.
    let shown: std::cell::RefCell<(Vec<&'static str>, Vec<web_sys::Element>)> = Default::default();
    dom::bind(move || {
        warnings.with(|ws| {
            dom::set_text(
                &title,
                &if ws.is_empty() { "No warnings".to_string() } else { format!("Warnings ({})", ws.len()) },
            );
            let codes: Vec<&'static str> = ws.iter().map(|w| w.code.as_str()).collect();
            let mut shown = shown.borrow_mut();
            if shown.0 == codes && shown.1.len() == ws.len() {
                for (el, w) in shown.1.iter().zip(ws) {
                    dom::set_text(el, &untrusted(&w.message));
                }
                return;
            }
            let mut t = Tree::new();
            for w in ws {
                let (label, url) = w.code.reference();
                t.open("li").class("warning").attr("data-code", w.code.as_str());
                t.leaf("span", "warning-code", w.code.as_str());
                t.open("span").class("warning-message").mark().text(&untrusted(&w.message)).close();
                t.open("span").class("warning-why").text(w.code.why()).text(" ").link(url, label).close();
                t.close();
            }
            *shown = (codes, t.fill(&list));
        });
    });
}

/// What to show for a JSON-ish part: highlighted when it parsed, as text when not.
pub(super) fn json_code(j: &JsonText, exact: bool) -> Code {
    match &j.pretty {
        Some(p) if !exact => Code::Marked(p.clone()),
        _ => plain_code(&j.text, exact),
    }
}

/// Decoded text that is not pretty-printed JSON: exactly as decoded when asked ("Exact
/// bytes"), else with its hidden characters shown as `⟨U+202E⟩` (line feeds kept).
pub(super) fn plain_code(text: &str, exact: bool) -> Code {
    Code::Plain(if exact { text.to_string() } else { crate::jwt::text::visible_lines(text).into_owned() })
}

/// The decoded bytes exactly as they are, with line ends made visible.
fn exact_note(text: &str) -> String {
    let crlf = text.matches("\r\n").count();
    let lf = text.matches('\n').count() - crlf;
    let mut bits = vec![format!("{} bytes", text.len())];
    if crlf > 0 {
        bits.push(format!("{crlf} CRLF line end{}", if crlf == 1 { "" } else { "s" }));
    }
    if lf > 0 {
        bits.push(format!("{lf} LF line end{}", if lf == 1 { "" } else { "s" }));
    }
    bits.join(", ")
}

/// A decoded pane: its heading row (title, note, a toggle for the exact decoded text, a copy
/// button) and its code block, a named region (UI contract: the header and payload panes),
/// built into `el`, with `slots` empty hosts after the block. Marked: the note, the toggle,
/// the copy button, the block, then the slots.
fn pane(el: &web_sys::Element, title: &str, what: &str, slots: usize) -> Vec<web_sys::Element> {
    let mut t = Tree::new();
    t.open("section").class(&format!("pane pane-{what}")).attr("data-pane", what);
    t.open("div").class("pane-head");
    t.leaf("h2", &format!("pane-title title-{what}"), title);
    t.open("span").class("pane-note").mark().close();
    t.open("span").class("field-actions");
    t.open("label").class("toggle");
    t.open("input").attr("type", "checkbox").attr("data-testid", &format!("exact-{what}")).mark().close();
    t.text("Exact bytes").close();
    dom::copy_button(&mut t, what);
    t.close().close();
    t.open("pre").class("code").attr("role", "region").attr("aria-label", title);
    t.attr("data-testid", &format!("{what}-pane")).attr("tabindex", "0").mark().close();
    for _ in 0..slots {
        t.open("div").class("slot").mark().close();
    }
    t.close();
    t.append(el)
}

/// Wires a pane built by [`pane`]: its note, its toggle, its copy button and its block.
fn wire_pane(marks: &[web_sys::Element], exact: RwSignal<bool>, code: Memo<Code>, note: impl Fn() -> String + 'static) {
    let [note_el, toggle, copy, pre, ..] = marks else { return };
    dom::bind_text(note_el, note);
    let toggle: web_sys::HtmlInputElement = toggle.clone().unchecked_into();
    let t = toggle.clone();
    dom::bind(move || t.set_checked(exact.get()));
    dom::on(&toggle.clone().into(), "change", move |_| exact.set(toggle.checked()));
    dom::wire_copy(copy, move || code.with(|c| c.text().to_string()));
    let pre = pre.clone();
    dom::bind(move || code.with(|c| fill_code(&pre, c, fill_runs)));
}

/// The decoded header (UI contract: region `Header`), with its unprotected part and what
/// each parameter means.
pub fn header_pane(el: &web_sys::Element, decoded: Memo<Decoded>, exact: RwSignal<bool>) {
    let code =
        Memo::new(move |_| decoded.with(|d| d.header.as_ref().map_or(Code::Empty, |h| json_code(h, exact.get()))));
    let marks = pane(el, "Header", "header", 2);
    wire_pane(&marks, exact, code, move || {
        decoded.with(|d| d.header.as_ref().map(|h| exact_note(&h.text)).unwrap_or_default())
    });
    let [.., unprotected, params] = &marks[..] else { return };
    let (unprotected, params) = (unprotected.clone(), params.clone());
    dom::bind(move || {
        let (mut u, mut p) = (Tree::new(), Tree::new());
        decoded.with(|d| {
            unprotected_tree(&mut u, d);
            params_tree(&mut p, d);
        });
        u.fill(&unprotected);
        p.fill(&params);
    });
}

/// The unprotected header of a JSON-serialized JWS: part of the JOSE header, not signed.
fn unprotected_tree(t: &mut Tree, d: &Decoded) {
    let Some(u) = d.unprotected.as_ref() else { return };
    let text = u.pretty.as_ref().map_or(&u.text, |p| &p.text);
    t.open("div").class("unprotected").attr("data-testid", "unprotected-header");
    t.leaf("h3", "section-title", "Unprotected header (not covered by the signature)");
    t.leaf("pre", "code", text).close();
}

/// Short explanations of the header parameters present.
fn params_tree(t: &mut Tree, d: &Decoded) {
    let Some(Value::Object(members)) = d.header_json().map(|h| &h.value) else { return };
    let alg_info = d.alg.as_deref().and_then(JwsAlg::parse).map(JwsAlg::family);
    let mut open = false;
    for m in members {
        let Some(desc) = claims::describe_header(&m.key) else { continue };
        if !open {
            t.open("ul").class("params");
            open = true;
        }
        t.open("li").leaf("code", "", &m.key).text(" ").text(desc.title).text(": ").text(desc.meaning);
        if let (true, Some(f)) = (m.key == "alg", alg_info) {
            t.text(&format!(" — {f}"));
        }
        t.text(" ").link(desc.url, desc.spec).close();
    }
    if open {
        t.close();
    }
}

/// The decoded payload (UI contract: region `Payload`).
pub fn payload_pane(el: &web_sys::Element, decoded: Memo<Decoded>, exact: RwSignal<bool>) {
    let code = Memo::new(move |_| {
        decoded.with(|d| match &d.payload {
            Payload::Json(j) => json_code(j, exact.get()),
            Payload::Text(t) => plain_code(t, exact.get()),
            Payload::Binary(b) => Code::Plain(hex_spaced(b)),
            Payload::Absent | Payload::Detached | Payload::Encrypted => Code::Empty,
        })
    });
    let marks = pane(el, "Payload", "payload", 0);
    wire_pane(&marks, exact, code, move || {
        decoded.with(|d| match &d.payload {
            Payload::Json(j) if d.unencoded_payload => {
                format!("unencoded (b64: false), {}", exact_note(&j.text))
            }
            Payload::Json(j) => exact_note(&j.text),
            Payload::Text(t) => format!("text, not JSON; {}", exact_note(t)),
            Payload::Binary(b) => format!("binary, {} bytes, shown as hex", b.len()),
            Payload::Detached => "empty: detached content (RFC 7515 Appendix F)".into(),
            Payload::Encrypted => {
                "encrypted: with the recipient's key, the plaintext appears under Decrypted payload".into()
            }
            Payload::Absent => String::new(),
        })
    });
}

pub(super) fn hex_spaced(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            out.push(if i % 16 == 0 { '\n' } else { ' ' });
        }
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// The signature, or a JWE's authentication tag (UI contract: region `Signature`).
pub fn signature_pane(el: &web_sys::Element, decoded: Memo<Decoded>) {
    let mut t = Tree::new();
    t.open("section").class("pane pane-signature").attr("data-pane", "signature");
    t.open("div").class("pane-head");
    t.open("h2").class("pane-title title-signature").mark().close();
    t.open("span").class("field-actions");
    dom::copy_button(&mut t, "signature");
    t.close().close();
    t.open("div").class("sig-region").attr("role", "region").attr("aria-label", "Signature");
    t.attr("data-testid", "signature-pane").mark().close();
    t.open("div").class("slot").mark().close();
    t.close();
    let Some([title, copy, body, parts]) = t.append_n(el) else { return };
    dom::wire_copy(&copy, move || {
        decoded.with_untracked(|d| {
            d.signature_segment().map(|s| d.input.token[s.range.clone()].to_string()).unwrap_or_default()
        })
    });
    dom::bind(move || {
        let (mut b, mut p) = (Tree::new(), Tree::new());
        decoded.with(|d| {
            title.set_text_content(Some(if d.form == Form::Jwe { "Authentication tag" } else { "Signature" }));
            signature_tree(&mut b, d);
            jwe_parts_tree(&mut p, d);
        });
        b.fill(&body);
        p.fill(&parts);
    });
}

/// The signature (or tag) as base64url, hex and length, against what its algorithm expects.
fn signature_tree(t: &mut Tree, d: &Decoded) {
    let jwe = d.form == Form::Jwe;
    let Some(seg) = d.signature_segment() else { return };
    let bytes = seg.bytes.as_deref();
    let length = match bytes {
        Some(b) => format!("{} bytes", b.len()),
        None => "not decodable".to_string(),
    };
    let alg = d.alg.as_deref();
    let expected = alg.filter(|_| !jwe).map(|a| match JwsAlg::parse(a).map(JwsAlg::signature_size) {
        Some(SignatureSize::Exact(n)) => format!("{a} expects {n} bytes"),
        Some(SignatureSize::RsaModulus) => format!("{a} expects the RSA modulus size (256 bytes for 2048 bits)"),
        Some(SignatureSize::Empty) => format!("{a} expects no signature"),
        None => format!("\"{a}\" is not a JWS algorithm this page knows"),
    });
    let mismatch = match (bytes, alg.and_then(JwsAlg::parse)) {
        (Some(b), Some(a)) => !jwe && !a.signature_len_fits(b.len()),
        _ => false,
    };
    t.open("dl").class("sig");
    t.leaf("dt", "", "base64url").leaf("dd", "mono", &d.input.token[seg.range.clone()]);
    t.leaf("dt", "", "hex").leaf("dd", "mono", &bytes.map(hex).unwrap_or_default());
    t.leaf("dt", "", "length").open("dd").attr("data-testid", "signature-length");
    if mismatch {
        t.class("mismatch");
    }
    t.text(&length);
    if let Some(e) = expected {
        t.text(&untrusted(&format!(" ({e})")));
    }
    t.close().close();
}

/// A JWE's other parts and their lengths.
fn jwe_parts_tree(t: &mut Tree, d: &Decoded) {
    if d.form != Form::Jwe {
        return;
    }
    t.open("ul").class("jwe-parts").attr("data-testid", "jwe-parts");
    for s in [Part::EncryptedKey, Part::Iv, Part::Ciphertext].into_iter().filter_map(|p| d.segment(p)) {
        let len = s.bytes.as_ref().map_or("not decodable".to_string(), |b| format!("{} bytes", b.len()));
        t.open("li").leaf("span", &format!("chip seg-{}", s.part.slug()), s.part.title()).text(" ").text(&len).close();
    }
    t.close();
}

/// The clock-following parts of the claims panel: the status line, with the two times it
/// reads, and each time's relative text.
#[derive(Default)]
struct Ticking {
    status: Option<web_sys::Element>,
    exp: Option<i64>,
    nbf: Option<i64>,
    relative: Vec<(web_sys::Element, i64)>,
}

impl Ticking {
    fn tick(&self, now: i64) {
        if let Some(el) = &self.status {
            let v = claims::validity_of(self.exp, self.nbf, now);
            dom::set_attr(el, "class", Some(&format!("status status-{}", v.keyword())));
            dom::set_attr(el, "data-status", Some(v.keyword()));
            dom::set_text(el, &v.summary(now));
        }
        for (el, seconds) in &self.relative {
            dom::set_text(el, &claims::relative(*seconds, now));
        }
    }
}

/// Every claim with its meaning; times as dates, ticking live. Only the status line and the
/// relative times follow the clock; the table is built once per token.
pub fn claims_panel(el: &web_sys::Element, decoded: Memo<Decoded>, now: RwSignal<i64>) {
    let ticking = std::rc::Rc::new(std::cell::RefCell::new(Ticking::default()));
    let (host, shared) = (el.clone(), ticking.clone());
    dom::bind(move || {
        let mut t = Tree::new();
        let times = decoded.with(|d| claims_tree(&mut t, d));
        let mut marks = t.fill(&host).into_iter();
        let mut k = Ticking { status: marks.next(), ..Ticking::default() };
        if let Some((exp, nbf, times)) = times {
            (k.exp, k.nbf) = (exp, nbf);
            k.relative = marks.zip(times).collect();
        }
        k.tick(now.get_untracked());
        *shared.borrow_mut() = k;
    });
    dom::bind(move || {
        let now = now.get();
        ticking.borrow().tick(now);
    });
}

/// The claims panel's markup (none unless the payload is a JSON object); the status line
/// and then each time's relative text are marked. Its `exp` and `nbf`, and the times.
#[allow(clippy::type_complexity)]
fn claims_tree(t: &mut Tree, d: &Decoded) -> Option<(Option<i64>, Option<i64>, Vec<i64>)> {
    let claims = d.claims().filter(|c| c.is_object())?;
    let Value::Object(members) = &claims.value else { return None };
    let src = match &d.payload {
        Payload::Json(j) => j.text.as_str(),
        _ => "",
    };
    let time = |name| claims::claim_time(claims, name).map(|t| t.seconds);
    t.open("section").class("pane pane-claims").attr("data-pane", "claims");
    t.open("div").class("pane-head").leaf("h2", "pane-title", "Claims").close();
    t.open("p").attr("data-testid", "claims-status").mark().close();
    t.open("table").class("claims").attr("data-testid", "claims");
    t.open("thead").open("tr");
    for h in ["Claim", "Value", "Meaning"] {
        t.open("th").attr("scope", "col").text(h).close();
    }
    t.close().close().open("tbody");
    let shown = members.len().min(MAX_CLAIM_ROWS);
    let mut times = Vec::new();
    for m in members.iter().take(shown) {
        times.extend(claim_row(t, m.key.as_str(), &m.value, src));
    }
    t.close().close();
    if members.len() > shown {
        t.leaf("p", "pane-note", &format!("{} more claims are in the payload above.", members.len() - shown));
    }
    t.close();
    Some((time("exp"), time("nbf"), times))
}

/// How many claims the table lists; the payload pane shows them all.
const MAX_CLAIM_ROWS: usize = 50;
/// How much of a claim value the table shows.
const MAX_VALUE_CHARS: usize = 300;

/// One claim's row; a time's relative text is marked, and its seconds returned.
fn claim_row(t: &mut Tree, name: &str, value: &Node, src: &str) -> Option<i64> {
    let raw = src.get(value.span.clone()).unwrap_or("");
    let text = match &value.value {
        Value::String(s) => s.as_str(),
        _ => raw,
    };
    let text: String = if text.chars().count() > MAX_VALUE_CHARS {
        text.chars().take(MAX_VALUE_CHARS).chain(std::iter::once('…')).collect()
    } else {
        text.to_string()
    };
    let is_string = matches!(value.value, Value::String(_));
    t.open("tr").attr("data-claim", name);
    t.open("th").attr("scope", "row").leaf("code", "", &untrusted(name)).close();
    t.open("td").leaf("span", if is_string { "claim-value str" } else { "claim-value" }, &untrusted(&text));
    let time = claims::TIME_CLAIMS.contains(&name).then(|| claims::time_of(value)).flatten();
    if let Some(tm) = &time {
        let offset = browser::utc_offset_minutes(tm.seconds);
        t.open("div").class("time").attr("data-testid", &format!("time-{name}"));
        t.leaf("span", "time-utc", &claims::format_utc(tm.seconds));
        t.leaf(
            "span",
            "time-local",
            &if offset == 0 {
                "local: the same (this browser's time zone is UTC)".to_string()
            } else {
                format!("local: {}", claims::format_time(tm.seconds, offset))
            },
        );
        t.open("span").class("time-rel").mark().close();
        if tm.millis {
            t.text(" (read as milliseconds)");
        }
        t.close();
    }
    t.close();
    t.open("td").class("meaning");
    if let Some(c) = claims::describe_claim(name) {
        t.text(c.title).text(": ").text(c.meaning).text(" ").link(c.url, c.spec);
    }
    t.close().close();
    time.map(|tm| tm.seconds)
}
