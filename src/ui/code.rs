//! Text blocks filled directly through the DOM: one text node or span per run, never HTML
//! parsing, so token content can only ever become text. Large texts are split into block
//! chunks with `content-visibility: auto`, so the browser lays out only what is scrolled
//! into view: a 1 MB payload renders in milliseconds instead of freezing the page.

use leptos::html;
use leptos::prelude::*;

use crate::jwt::json::{Mark, Pretty};

/// About how many bytes of text go into one chunk.
const CHUNK_BYTES: usize = 4096;
/// How many lines go into one chunk at most.
const CHUNK_LINES: usize = 48;

/// What a code block shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Code {
    Empty,
    Plain(String),
    Marked(Pretty),
}

impl Code {
    /// The text as shown, for copying.
    pub fn text(&self) -> &str {
        match self {
            Code::Empty => "",
            Code::Plain(t) => t,
            Code::Marked(p) => &p.text,
        }
    }
}

/// A piece of text, with the CSS class of the span that carries it (none: a bare text node).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run<'a> {
    pub text: &'a str,
    pub class: Option<&'a str>,
}

/// The runs of pretty-printed JSON. Punctuation stays plain text (the block's own colour
/// is the punctuation colour), which halves the number of spans.
pub fn pretty_runs(p: &Pretty) -> Vec<Run<'_>> {
    let mut runs = Vec::with_capacity(p.marks.len() + 1);
    let mut plain_from = 0;
    for (range, mark) in &p.marks {
        if *mark == Mark::Punct {
            continue;
        }
        if range.start > plain_from {
            runs.push(Run { text: &p.text[plain_from..range.start], class: None });
        }
        runs.push(Run { text: &p.text[range.clone()], class: Some(mark.class()) });
        plain_from = range.end;
    }
    if plain_from < p.text.len() {
        runs.push(Run { text: &p.text[plain_from..], class: None });
    }
    runs
}

// Building thousands of nodes from Rust costs one JS call and one UTF-8 → UTF-16
// conversion per string; `build_runs` (`ui::js`) receives the whole text once, with the runs
// as UTF-16 offsets, builds the nodes in JS, and colours a large text's later chunks only
// when they come near the block's visible part. It only ever creates text nodes and spans
// with class names from a fixed list: no HTML is parsed.
use super::js::build_runs;

/// Marks the start of a chunk in the ops passed to `build_runs`.
const CHUNK: u32 = u32::MAX;

/// What to build for a list of runs: the whole text, and per node its range in UTF-16
/// code units (for the JS builder), in bytes (for the DOM one) and its class (0: a bare
/// text node; [`CHUNK`]: a new chunk starts).
struct Plan<'a> {
    text: String,
    ops: Vec<u32>,
    byte_ranges: Vec<(usize, usize)>,
    classes: Vec<&'a str>,
}

/// Splits the runs into nodes, in chunks when the text is large.
fn plan<'a>(runs: &[Run<'a>]) -> Plan<'a> {
    let total: usize = runs.iter().map(|r| r.text.len()).sum();
    let chunked = total > CHUNK_BYTES;
    let mut text = String::with_capacity(total);
    let mut classes: Vec<&str> = Vec::new();
    let mut ops: Vec<u32> = Vec::with_capacity(runs.len() * 3 + 3);
    let mut byte_ranges = Vec::with_capacity(runs.len() + 1);
    let mut at16: u32 = 0;
    let (mut bytes, mut lines) = (0, 0);
    if chunked {
        ops.extend([0, 0, CHUNK]);
        byte_ranges.push((0, 0));
    }
    for run in runs {
        let class = match run.class {
            None => 0,
            Some(c) => match classes.iter().position(|&k| k == c) {
                Some(i) => i as u32 + 1,
                None => {
                    classes.push(c);
                    classes.len() as u32
                }
            },
        };
        let mut rest = run.text;
        while !rest.is_empty() {
            let room = CHUNK_BYTES.saturating_sub(bytes).max(1);
            let mut take = if !chunked || rest.len() <= room { rest.len() } else { ceil_char_boundary(rest, room) };
            let newlines = rest[..take].bytes().filter(|&b| b == b'\n').count();
            let full = chunked && (bytes + take >= CHUNK_BYTES || lines + newlines >= CHUNK_LINES);
            // A chunk is a block: it ends after a line break, so the next line's
            // indentation starts the next chunk rather than making a line of its own.
            // (Cut after the last one, the piece keeps all its line breaks.)
            if let Some(nl) = rest[..take].rfind('\n').filter(|_| full) {
                take = nl + 1;
            }
            let piece = &rest[..take];
            let len16 = if piece.is_ascii() { piece.len() } else { piece.encode_utf16().count() } as u32;
            byte_ranges.push((text.len(), text.len() + piece.len()));
            text.push_str(piece);
            ops.extend([at16, at16 + len16, class]);
            at16 += len16;
            rest = &rest[take..];
            bytes += take;
            lines += newlines;
            if full {
                ops.extend([0, 0, CHUNK]);
                byte_ranges.push((0, 0));
                bytes = 0;
                lines = 0;
            }
        }
    }
    // A chunk opened after the last run would be empty.
    if ops.ends_with(&[0, 0, CHUNK]) {
        ops.truncate(ops.len() - 3);
        byte_ranges.pop();
    }
    Plan { text, ops, byte_ranges, classes }
}

/// Replaces an element's content with the runs, chunked when the text is large: one call
/// into JavaScript for the whole text (the page's panes, where an 87 KB payload has
/// thousands of runs). A large text's later chunks are coloured when they come near the
/// block's visible part: the characters are all there at once, only the spans wait.
pub fn fill_runs(el: &web_sys::Element, runs: &[Run<'_>]) {
    fill_planned(el, runs, true);
}

/// [`fill_runs`] with every span made at once: for a block whose spans carry meaning that
/// other code looks up (the colour-coded token's parts and disclosures).
pub fn fill_runs_now(el: &web_sys::Element, runs: &[Run<'_>]) {
    fill_planned(el, runs, false);
}

#[inline(never)]
fn fill_planned(el: &web_sys::Element, runs: &[Run<'_>], lazy: bool) {
    let p = plan(runs);
    build_runs(el, &p.text, &p.ops, &p.classes.join("\n"), lazy);
}

/// The same nodes as [`fill_runs`], made with one DOM call each: for the extras, a
/// program of their own that cannot import the page's JavaScript snippet.
pub fn fill_runs_dom(el: &web_sys::Element, runs: &[Run<'_>]) {
    let p = plan(runs);
    let doc = document();
    let frag = doc.create_document_fragment();
    let mut parent: web_sys::Node = frag.clone().into();
    for (op, &(start, end)) in p.ops.chunks_exact(3).zip(&p.byte_ranges) {
        let piece = &p.text[start..end];
        let made = match op[2] {
            CHUNK => doc.create_element("span").map(|span| {
                span.set_class_name("chunk");
                let _ = frag.append_child(&span);
                parent = span.into();
            }),
            0 => parent.append_child(&doc.create_text_node(piece)).map(drop),
            class => doc.create_element("span").map(|span| {
                span.set_class_name(p.classes.get(class as usize - 1).copied().unwrap_or_default());
                span.set_text_content(Some(piece));
                let _ = parent.append_child(&span);
            }),
        };
        if made.is_err() {
            return;
        }
    }
    el.set_text_content(None);
    let _ = el.append_child(&frag);
}

fn ceil_char_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Replaces an element's content with what a code block shows, its nodes made by `fill`.
pub fn fill_code(el: &web_sys::Element, code: &Code, fill: fn(&web_sys::Element, &[Run<'_>])) {
    match code {
        Code::Empty => el.set_text_content(None),
        Code::Plain(t) => fill(el, &[Run { text: t, class: None }]),
        Code::Marked(p) => fill(el, &pretty_runs(p)),
    }
}

/// A read-only code block that is also a named region (UI contract: the header and
/// payload panes).
#[component]
pub fn CodeBlock(
    /// What to show.
    #[prop(into)]
    code: Signal<Code>,
    /// The region's accessible name.
    label: &'static str,
    /// The `data-testid` of the region.
    testid: &'static str,
    /// Whether the block is a named region (a secondary view of the same text is not).
    #[prop(default = true)]
    region: bool,
    /// How the nodes are made: [`fill_runs`] on the page, [`fill_runs_dom`] in the
    /// extras (a function not called is not linked, nor is its JavaScript snippet).
    fill: fn(&web_sys::Element, &[Run<'_>]),
) -> impl IntoView {
    let pre: NodeRef<html::Pre> = NodeRef::new();
    Effect::new(move |_| {
        let Some(el) = pre.get() else { return };
        code.with(|c| fill_code(&el, c, fill));
    });
    view! {
        <pre node_ref=pre class="code" role=region.then_some("region") aria-label=label data-testid=testid tabindex="0"></pre>
    }
}
