//! The parts of the decoder view, each rendering one aspect of a decoded token.

use leptos::prelude::*;

use super::browser;
use super::code::{Code, CodeBlock, Run, fill_runs};
use super::link::{self, ByteLink, Focus, Linking};
use super::widgets::{CopyButton, untrusted};
use crate::jwt::alg::{JwsAlg, SignatureSize};
use crate::jwt::claims;
use crate::jwt::json::{Node, Value};
use crate::jwt::text::hex;
use crate::jwt::token::{Form, JsonText};
use crate::jwt::{Decoded, Part, Payload, Warning};

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

/// Fills the colour-coded token: one run per segment and dot, the character a problem
/// points at marked (made visible if it is whitespace or invisible), and every hidden
/// character shown as its escape. Says whether the text shown is the token's, one for one.
fn fill_encoded(el: &web_sys::Element, d: &Decoded) -> bool {
    let token = &d.input.token;
    let bad: Vec<usize> = d.problems.iter().filter_map(|p| p.location.token_char).collect();
    // (start, end, shown, marked) of each piece shown otherwise, in token order.
    let mut marks: Vec<(usize, usize, String, bool)> = Vec::new();
    for seg in &d.segments {
        let text = &token[seg.range.clone()];
        let start_char = token[..seg.range.start].chars().count();
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
    for (i, seg) in d.segments.iter().enumerate() {
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
    let exact = tail == raw;
    runs.retain(|r| !r.text.is_empty());
    fill_runs(el, &runs);
    marks.is_empty() && exact
}

/// The token, colour-coded by part, with a second cue (underline style) per part and a
/// legend, so that the parts can be told apart without colour.
#[component]
pub fn EncodedToken(decoded: Memo<Decoded>, linking: Linking) -> impl IntoView {
    let node: NodeRef<leptos::html::Div> = NodeRef::new();
    Effect::new(move |_| {
        if let Some(el) = node.get() {
            let one_for_one = decoded.with(|d| fill_encoded(&el, d));
            linking.one_for_one.set(one_for_one);
        }
    });
    let focus = linking.focus;
    let on_move = move |ev: leptos::ev::MouseEvent| {
        let Some(el) = node.get_untracked() else { return };
        let at = decoded.with_untracked(|d| link::token_char_at(&el, &d.input.token, ev.client_x(), ev.client_y()));
        if let Some(at) = at
            && focus.with_untracked(|f| f != &Some(Focus::Token(at)))
        {
            focus.set(Some(Focus::Token(at)));
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let at = match focus.get_untracked() {
            Some(Focus::Token(at)) => at,
            _ => 0,
        };
        if let Some(next) = decoded.with_untracked(|d| link::step(&d.input.token, at, &ev.key())) {
            ev.prevent_default();
            focus.set(Some(Focus::Token(next)));
        }
    };
    let leave = move || {
        if focus.with_untracked(|f| matches!(f, Some(Focus::Token(_)))) {
            focus.set(None);
        }
    };
    let form = move || {
        let (text, key) = match decoded.with(|d| d.form) {
            Form::Jws => ("JWS (signed): header · payload · signature", "jws"),
            Form::Jwe => ("JWE (encrypted): header · encrypted key · IV · ciphertext · tag", "jwe"),
            Form::Unrecognised => ("Not a complete compact token", "unrecognised"),
        };
        view! { <span class="form" data-testid="token-form" data-form=key>{text}</span> }
    };
    let legend = move || {
        decoded.with(|d| {
            d.segments
                .iter()
                .map(|seg| {
                    let class = format!("legend-item seg-{}", seg.part.slug());
                    view! { <li class=class>{seg.part.title()}" · "{seg.range.len()}" chars"</li> }
                })
                .collect_view()
        })
    };
    view! {
        <div class="encoded-wrap" class:hidden=move || decoded.with(Decoded::is_empty)>
            <div class="encoded-head">{form}</div>
            <div node_ref=node class="encoded" data-testid="encoded-token" aria-label="Token parts, colour-coded"
                role="group" tabindex="0" aria-describedby="byte-link"
                on:mousemove=on_move
                on:mouseleave=move |_| leave()
                on:focus=move |_| if focus.with_untracked(Option::is_none) { focus.set(Some(Focus::Token(0))) }
                on:blur=move |_| leave()
                on:keydown=on_key></div>
            <ByteLink decoded=decoded linking=linking/>
            <ul class="legend" aria-label="Parts">{legend}</ul>
        </div>
    }
}

/// One `role=alert` per decode problem (UI contract: `data-code`).
#[component]
pub fn Problems(decoded: Memo<Decoded>) -> impl IntoView {
    move || {
        decoded.with(|d| {
            d.problems
                .iter()
                .map(|p| {
                    view! {
                        <div class="problem" role="alert" data-code=p.code.as_str()>
                            <strong>{p.location.to_string()}</strong>": "{untrusted(&p.message)}
                        </div>
                    }
                })
                .collect_view()
        })
    }
}

/// The warnings list (UI contract: `role=list` named Warnings, `data-code` per item).
#[component]
pub fn Warnings(warnings: Memo<Vec<Warning>>) -> impl IntoView {
    view! {
        <div class="warnings-wrap">
            <h2 class="section-title">{move || warnings.with(|w| if w.is_empty() { "No warnings".to_string() } else { format!("Warnings ({})", w.len()) })}</h2>
            <ul class="warnings" role="list" aria-label="Warnings" data-testid="warnings">
                {move || {
                    warnings.with(|ws| {
                        ws.iter()
                            .map(|w| {
                                let (label, url) = w.code.reference();
                                view! {
                                    <li class="warning" data-code=w.code.as_str()>
                                        <span class="warning-code">{w.code.as_str()}</span>
                                        <span class="warning-message">{untrusted(&w.message)}</span>
                                        <span class="warning-why">{w.code.why()}" "
                                            <a href=url target="_blank" rel="noopener noreferrer">{label}</a>
                                        </span>
                                    </li>
                                }
                            })
                            .collect_view()
                    })
                }}
            </ul>
        </div>
    }
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

/// A pane's heading row: title, a toggle for the exact decoded text, and a copy button.
#[component]
fn PaneHead(
    title: &'static str,
    what: &'static str,
    exact: RwSignal<bool>,
    text: Signal<String>,
    #[prop(into)] note: Signal<String>,
) -> impl IntoView {
    view! {
        <div class="pane-head">
            <h2 class=format!("pane-title title-{what}")>{title}</h2>
            <span class="pane-note">{move || note.get()}</span>
            <span class="field-actions">
                <label class="toggle">
                    <input type="checkbox" data-testid=format!("exact-{what}")
                        prop:checked=move || exact.get()
                        on:change=move |ev| exact.set(event_target_checked(&ev))/>
                    "Exact bytes"
                </label>
                <CopyButton what=what text=text/>
            </span>
        </div>
    }
}

/// The decoded header (UI contract: region `Header`).
#[component]
pub fn HeaderPane(decoded: Memo<Decoded>, exact: RwSignal<bool>) -> impl IntoView {
    let code =
        Memo::new(move |_| decoded.with(|d| d.header.as_ref().map_or(Code::Empty, |h| json_code(h, exact.get()))));
    let note =
        Signal::derive(move || decoded.with(|d| d.header.as_ref().map(|h| exact_note(&h.text)).unwrap_or_default()));
    let text = Signal::derive(move || code.with(|c| c.text().to_string()));
    view! {
        <section class="pane pane-header" data-pane="header">
            <PaneHead title="Header" what="header" exact=exact text=text note=note/>
            <CodeBlock code=code label="Header" testid="header-pane" fill=fill_runs/>
            <Unprotected decoded=decoded/>
            <HeaderParams decoded=decoded/>
        </section>
    }
}

/// The unprotected header of a JSON-serialized JWS: part of the JOSE header, not signed.
#[component]
fn Unprotected(decoded: Memo<Decoded>) -> impl IntoView {
    move || {
        decoded.with(|d| {
            let u = d.unprotected.as_ref()?;
            let text = u.pretty.as_ref().map_or_else(|| u.text.clone(), |p| p.text.clone());
            Some(view! {
                <div class="unprotected" data-testid="unprotected-header">
                    <h3 class="section-title">"Unprotected header (not covered by the signature)"</h3>
                    <pre class="code">{text}</pre>
                </div>
            })
        })
    }
}

/// Short explanations of the header parameters present.
#[component]
fn HeaderParams(decoded: Memo<Decoded>) -> impl IntoView {
    move || {
        decoded.with(|d| {
            let Some(Value::Object(members)) = d.header_json().map(|h| &h.value) else { return None };
            let alg_info = d.alg.as_deref().and_then(JwsAlg::parse).map(JwsAlg::family);
            let items: Vec<_> = members
                .iter()
                .filter_map(|m| {
                    let desc = claims::describe_header(&m.key)?;
                    let extra = (m.key == "alg").then_some(alg_info).flatten().map(|f| format!(" — {f}"));
                    Some(view! {
                        <li><code>{m.key.clone()}</code>" "{desc.title}": "{desc.meaning}{extra}" "
                            <a href=desc.url target="_blank" rel="noopener noreferrer">{desc.spec}</a></li>
                    })
                })
                .collect();
            (!items.is_empty()).then(|| view! { <ul class="params">{items}</ul> })
        })
    }
}

/// The decoded payload (UI contract: region `Payload`).
#[component]
pub fn PayloadPane(decoded: Memo<Decoded>, exact: RwSignal<bool>) -> impl IntoView {
    let code = Memo::new(move |_| {
        decoded.with(|d| match &d.payload {
            Payload::Json(j) => json_code(j, exact.get()),
            Payload::Text(t) => plain_code(t, exact.get()),
            Payload::Binary(b) => Code::Plain(hex_spaced(b)),
            Payload::Absent | Payload::Detached | Payload::Encrypted => Code::Empty,
        })
    });
    let note = Signal::derive(move || {
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
    let text = Signal::derive(move || code.with(|c| c.text().to_string()));
    view! {
        <section class="pane pane-payload" data-pane="payload">
            <PaneHead title="Payload" what="payload" exact=exact text=text note=note/>
            <CodeBlock code=code label="Payload" testid="payload-pane" fill=fill_runs/>
        </section>
    }
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
#[component]
pub fn SignaturePane(decoded: Memo<Decoded>) -> impl IntoView {
    let text = Signal::derive(move || {
        decoded.with(|d| d.signature_segment().map(|s| d.input.token[s.range.clone()].to_string()).unwrap_or_default())
    });
    let body = move || {
        decoded.with(|d| {
            let jwe = d.form == Form::Jwe;
            let seg = d.signature_segment()?;
            let encoded = d.input.token[seg.range.clone()].to_string();
            let bytes = seg.bytes.as_deref();
            let length = match bytes {
                Some(b) => format!("{} bytes", b.len()),
                None => "not decodable".to_string(),
            };
            let expected = if jwe {
                None
            } else {
                d.alg.as_deref().map(|a| match JwsAlg::parse(a).map(JwsAlg::signature_size) {
                    Some(SignatureSize::Exact(n)) => format!("{a} expects {n} bytes"),
                    Some(SignatureSize::RsaModulus) => format!("{a} expects the RSA modulus size (256 bytes for 2048 bits)"),
                    Some(SignatureSize::Empty) => format!("{a} expects no signature"),
                    None => format!("\"{a}\" is not a JWS algorithm this page knows"),
                })
            };
            let mismatch = match (bytes, d.alg.as_deref().and_then(JwsAlg::parse)) {
                (Some(b), Some(a)) => !jwe && !a.signature_len_fits(b.len()),
                _ => false,
            };
            Some(view! {
                <dl class="sig">
                    <dt>"base64url"</dt><dd class="mono">{encoded}</dd>
                    <dt>"hex"</dt><dd class="mono">{bytes.map(hex).unwrap_or_default()}</dd>
                    <dt>"length"</dt>
                    <dd data-testid="signature-length" class:mismatch=mismatch>{length}{expected.map(|e| untrusted(&format!(" ({e})")))}</dd>
                </dl>
            })
        })
    };
    let other_parts = move || {
        decoded.with(|d| {
            (d.form == Form::Jwe).then(|| {
                let rows: Vec<_> = [Part::EncryptedKey, Part::Iv, Part::Ciphertext]
                    .into_iter()
                    .filter_map(|p| d.segment(p))
                    .map(|s| {
                        let len = s.bytes.as_ref().map_or("not decodable".to_string(), |b| format!("{} bytes", b.len()));
                        view! { <li><span class=format!("chip seg-{}", s.part.slug())>{s.part.title()}</span>" "{len}</li> }
                    })
                    .collect();
                view! { <ul class="jwe-parts" data-testid="jwe-parts">{rows}</ul> }
            })
        })
    };
    let title = move || decoded.with(|d| if d.form == Form::Jwe { "Authentication tag" } else { "Signature" });
    view! {
        <section class="pane pane-signature" data-pane="signature">
            <div class="pane-head">
                <h2 class="pane-title title-signature">{title}</h2>
                <span class="field-actions"><CopyButton what="signature" text=text/></span>
            </div>
            <div class="sig-region" role="region" aria-label="Signature" data-testid="signature-pane">{body}</div>
            {other_parts}
        </section>
    }
}

/// Every claim with its meaning; times as dates, ticking live.
#[component]
pub fn ClaimsPanel(decoded: Memo<Decoded>, now: RwSignal<i64>) -> impl IntoView {
    move || {
        decoded.with(|d| {
            let claims = d.claims().filter(|c| c.is_object())?;
            let Value::Object(members) = &claims.value else { return None };
            let src = match &d.payload {
                Payload::Json(j) => j.text.clone(),
                _ => String::new(),
            };
            // Only the status line and the relative times follow the clock; the table is
            // built once per token. The status needs only the two times (not a copy of
            // every claim).
            let time = |name| claims::claim_time(claims, name).map(|t| t.seconds);
            let (exp, nbf) = (time("exp"), time("nbf"));
            let status = Memo::new(move |_| {
                let v = claims::validity_of(exp, nbf, now.get());
                (v.keyword(), v.summary(now.get()))
            });
            let shown = members.len().min(MAX_CLAIM_ROWS);
            let rows: Vec<_> = members.iter().take(shown).map(|m| claim_row(m.key.as_str(), &m.value, &src, now)).collect();
            let more = (members.len() > shown).then(|| view! {
                <p class="pane-note">{format!("{} more claims are in the payload above.", members.len() - shown)}</p>
            });
            Some(view! {
                <section class="pane pane-claims" data-pane="claims">
                    <div class="pane-head"><h2 class="pane-title">"Claims"</h2></div>
                    <p class=move || format!("status status-{}", status.get().0) data-testid="claims-status" data-status=move || status.get().0>{move || status.get().1}</p>
                    <table class="claims" data-testid="claims">
                        <thead><tr><th scope="col">"Claim"</th><th scope="col">"Value"</th><th scope="col">"Meaning"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                    {more}
                </section>
            })
        })
    }
}

/// How many claims the table lists; the payload pane shows them all.
const MAX_CLAIM_ROWS: usize = 50;
/// How much of a claim value the table shows.
const MAX_VALUE_CHARS: usize = 300;

fn claim_row(name: &str, value: &Node, src: &str, now: RwSignal<i64>) -> impl IntoView + use<> {
    let raw = src.get(value.span.clone()).unwrap_or("");
    let text = match &value.value {
        Value::String(s) => s.clone(),
        _ => raw.to_string(),
    };
    let text = if text.chars().count() > MAX_VALUE_CHARS {
        text.chars().take(MAX_VALUE_CHARS).chain(std::iter::once('…')).collect()
    } else {
        text
    };
    let time = claims::TIME_CLAIMS.contains(&name).then(|| claims::time_of(value)).flatten().map(|t| {
        let offset = browser::utc_offset_minutes(t.seconds);
        let millis = t.millis.then_some(" (read as milliseconds)");
        view! {
            <div class="time" data-testid=format!("time-{name}")>
                <span class="time-utc">{claims::format_utc(t.seconds)}</span>
                <span class="time-local">{if offset == 0 {
                    "local: the same (this browser's time zone is UTC)".to_string()
                } else {
                    format!("local: {}", claims::format_time(t.seconds, offset))
                }}</span>
                <span class="time-rel">{move || claims::relative(t.seconds, now.get())}</span>
                {millis}
            </div>
        }
    });
    let desc = claims::describe_claim(name).map(|c| {
        view! { {c.title}": "{c.meaning}" "<a href=c.url target="_blank" rel="noopener noreferrer">{c.spec}</a> }
    });
    let is_string = matches!(value.value, Value::String(_));
    view! {
        <tr data-claim=name.to_string()>
            <th scope="row"><code>{untrusted(name)}</code></th>
            <td><span class:str=is_string class="claim-value">{untrusted(&text)}</span>{time}</td>
            <td class="meaning">{desc}</td>
        </tr>
    }
}
