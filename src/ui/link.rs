//! Byte-level links between the colour-coded token and the decoded panes: point at (or
//! move the keyboard cursor over) a character of the token and the bytes it carries light
//! up in the header or payload pane; select text in a pane and the characters that carry
//! it light up in the token. The core (`jwt::teach::link`) does the arithmetic; the highlights
//! use the CSS Custom Highlight API, so the DOM of the panes is never changed.

use std::ops::Range;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::jwt::teach::link::{self, Link};
use crate::jwt::{Decoded, Part};

// Offsets crossing into `ui::js` are UTF-16 code units of an element's text content.
use super::js::{char_at_point, selection_in, set_highlight};

/// Where the user's attention is: a character of the token (a byte offset of the cleaned
/// token), or a selection in a pane (a byte range of its text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Focus {
    Token(usize),
    Pane(Part, Range<usize>),
}

/// The state shared by the token view, the panes and the link line.
#[derive(Clone, Copy)]
pub struct Linking {
    pub focus: RwSignal<Option<Focus>>,
    /// The panes' "Exact bytes" toggles: what their text is.
    pub header_exact: RwSignal<bool>,
    pub payload_exact: RwSignal<bool>,
    /// Whether the colour-coded token shows the token's characters one for one (not when
    /// a bad character is shown as an escape).
    pub one_for_one: RwSignal<bool>,
}

impl Linking {
    pub fn new() -> Self {
        Linking {
            focus: RwSignal::new(None),
            header_exact: RwSignal::new(false),
            payload_exact: RwSignal::new(false),
            one_for_one: RwSignal::new(true),
        }
    }

    fn exact(&self, part: Part) -> bool {
        if part == Part::Header { self.header_exact.get() } else { self.payload_exact.get() }
    }

    fn exact_untracked(&self, part: Part) -> bool {
        if part == Part::Header { self.header_exact.get_untracked() } else { self.payload_exact.get_untracked() }
    }
}

impl Default for Linking {
    fn default() -> Self {
        Self::new()
    }
}

fn utf16_at(text: &str, byte: usize) -> u32 {
    let byte = floor_boundary(text, byte);
    text[..byte].encode_utf16().count() as u32
}

fn byte_at(text: &str, utf16: usize) -> usize {
    let mut seen = 0;
    for (at, c) in text.char_indices() {
        if seen >= utf16 {
            return at;
        }
        seen += c.len_utf16();
    }
    text.len()
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn by_testid(id: &str) -> Option<web_sys::Element> {
    document().query_selector(&format!("[data-testid={id}]")).ok().flatten()
}

fn pane_id(part: Part) -> &'static str {
    if part == Part::Header { "header-pane" } else { "payload-pane" }
}

/// The text a pane shows, for converting offsets (hex is ASCII: none needed).
fn pane_text(d: &Decoded, part: Part, exact: bool) -> Option<&str> {
    let j = match part {
        Part::Header => d.header.as_ref()?,
        _ => match &d.payload {
            crate::jwt::Payload::Json(j) => j,
            crate::jwt::Payload::Text(t) => return Some(t),
            _ => return None,
        },
    };
    Some(match (&j.pretty, exact) {
        (Some(p), false) => &p.text,
        _ => &j.text,
    })
}

/// The character of the token under the pointer, as a byte offset of the token.
pub fn token_char_at(el: &web_sys::Element, token: &str, x: i32, y: i32) -> Option<usize> {
    let at = char_at_point(el, x, y);
    (at >= 0).then(|| byte_at(token, at as usize))
}

/// Moves a keyboard cursor over the token by one character (or to an end).
pub fn step(token: &str, at: usize, key: &str) -> Option<usize> {
    let at = floor_boundary(token, at);
    match key {
        "ArrowRight" => token[at..].chars().next().map(|c| (at + c.len_utf8()).min(token.len().saturating_sub(1))),
        "ArrowLeft" => token[..at].chars().next_back().map(|c| at - c.len_utf8()).or(Some(0)),
        "Home" => Some(0),
        "End" => token.char_indices().next_back().map(|(i, _)| i),
        _ => None,
    }
}

/// A short, visible rendering of some bytes: their text if printable, else nothing.
fn as_text(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    text.chars().map(|c| if c.is_control() || crate::jwt::text::is_invisible(c) { '·' } else { c }).collect()
}

/// The line that says what is linked (built into `el`), and the effects that light it up.
pub fn byte_link(el: &web_sys::Element, decoded: Memo<Decoded>, linking: Linking) {
    let focus = linking.focus;
    let current: Memo<Option<Link>> = Memo::new(move |_| {
        let f = focus.get()?;
        if !linking.one_for_one.get() {
            return None;
        }
        decoded.with(|d| match f {
            Focus::Token(at) => {
                let part = d.segments.iter().find(|s| s.range.contains(&at)).map(|s| s.part)?;
                link::from_token(d, at, linking.exact(part))
            }
            Focus::Pane(part, range) => link::from_shown(d, part, range, linking.exact(part)),
        })
    });
    // Light up both ends of the link (or nothing).
    super::dom::bind(move || {
        let els = js_sys::Array::new();
        let mut ranges: Vec<u32> = Vec::new();
        let cursor = focus.with(|f| match f {
            Some(Focus::Token(at)) => Some(*at),
            _ => None,
        });
        decoded.with(|d| {
            let token = &d.input.token;
            if let (Some(l), Some(enc)) = (current.get(), by_testid("encoded-token")) {
                els.push(&enc);
                ranges.extend([0, utf16_at(token, l.chars.start), utf16_at(token, l.chars.end)]);
                if let Some(pane) = by_testid(pane_id(l.part)) {
                    els.push(&pane);
                    let exact = linking.exact(l.part);
                    for r in &l.shown {
                        let (a, b) = match pane_text(d, l.part, exact) {
                            Some(t) => (utf16_at(t, r.start), utf16_at(t, r.end)),
                            None => (r.start as u32, r.end as u32),
                        };
                        ranges.extend([1, a, b]);
                    }
                }
            }
            set_highlight("jl-link", &els, &ranges);
            // The keyboard cursor's own character, within the group.
            let cursor_els = js_sys::Array::new();
            let mut cursor_ranges: Vec<u32> = Vec::new();
            if let (Some(at), Some(enc), true) = (cursor, by_testid("encoded-token"), linking.one_for_one.get()) {
                let end = at + token.get(at..).and_then(|t| t.chars().next()).map_or(0, char::len_utf8);
                cursor_els.push(&enc);
                cursor_ranges.extend([0, utf16_at(token, at), utf16_at(token, end)]);
            }
            set_highlight("jl-cursor", &cursor_els, &cursor_ranges);
        });
    });
    // A selection in the header or payload pane links back to the token. (The decoder
    // lives as long as the page; a decoder unmounted, as in the component tests, leaves a
    // listener that does nothing, never one that reads its disposed signals.) A text box's own selection
    // moving (every paste or keystroke in the token or key box fires one, at the box) says
    // nothing about the panes: reading the document's selection then would only make the
    // browser lay out the freshly decoded panes early, ahead of the verdict.
    let alive = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let living = alive.clone();
    on_cleanup(move || alive.store(false, std::sync::atomic::Ordering::Relaxed));
    let on_selection = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        if !living.load(std::sync::atomic::Ordering::Relaxed)
            || ev.target().is_some_and(|t| !t.has_type::<web_sys::Document>())
        {
            return;
        }
        for part in [Part::Header, Part::Payload] {
            let Some(pane) = by_testid(pane_id(part)) else { continue };
            let sel = selection_in(&pane);
            let Some((a, b)) = sel.split_once(',') else { continue };
            let (Ok(a), Ok(b)) = (a.parse::<usize>(), b.parse::<usize>()) else { continue };
            let exact = linking.exact_untracked(part);
            let range = decoded.with_untracked(|d| match pane_text(d, part, exact) {
                Some(t) => byte_at(t, a)..byte_at(t, b),
                None => a..b,
            });
            focus.set(Some(Focus::Pane(part, range)));
            return;
        }
        if focus.with_untracked(|f| matches!(f, Some(Focus::Pane(..)))) {
            focus.set(None);
        }
    });
    let _ = document().add_event_listener_with_callback("selectionchange", on_selection.as_ref().unchecked_ref());
    on_selection.forget();

    let line = move || {
        let Some(l) = current.get() else {
            return "Point at a character of the token (or focus it and use the arrow keys) to see the bytes it \
                    carries; select text in the header or payload to see the characters that carry it."
                .to_string();
        };
        decoded.with(|d| {
            let seg = d.segment(l.part).map_or(0, |s| s.range.start);
            let chars = d.input.token.get(l.chars.clone()).unwrap_or("");
            let bytes: &[u8] = match l.part {
                Part::Header => d.header.as_ref().map_or(&[][..], |h| h.text.as_bytes()),
                _ => match &d.payload {
                    crate::jwt::Payload::Json(j) => j.text.as_bytes(),
                    crate::jwt::Payload::Text(t) => t.as_bytes(),
                    crate::jwt::Payload::Binary(b) => b,
                    _ => &[],
                },
            };
            let bytes = bytes.get(l.bytes.clone()).unwrap_or(&[]);
            let hex: Vec<String> = bytes.iter().take(24).map(|b| format!("{b:02x}")).collect();
            let more = if bytes.len() > 24 { " …" } else { "" };
            format!(
                "{} characters {}–{} “{}” carry bytes {}–{}: {}{} “{}”",
                l.part.title(),
                l.chars.start - seg,
                l.chars.end - seg - 1,
                super::widgets::untrusted(&chars.chars().take(48).collect::<String>()),
                l.bytes.start,
                l.bytes.end - 1,
                hex.join(" "),
                more,
                as_text(&bytes[..bytes.len().min(48)]),
            )
        })
    };
    let mut t = super::dom::Tree::new();
    t.open("p").class("byte-link").attr("id", "byte-link").attr("data-testid", "byte-link");
    t.attr("aria-live", "polite").mark().close();
    let Some([p]) = t.append_n(el) else { return };
    super::dom::bind(move || {
        current.with(|l| {
            let l = l.as_ref();
            super::dom::set_attr(&p, "data-part", l.map(|l| l.part.slug()));
            super::dom::set_attr(&p, "data-chars", l.map(|l| format!("{}-{}", l.chars.start, l.chars.end)).as_deref());
            super::dom::set_attr(&p, "data-bytes", l.map(|l| format!("{}-{}", l.bytes.start, l.bytes.end)).as_deref());
        });
        p.set_text_content(Some(&line()));
    });
}
