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
// conversion per string; this snippet receives the whole text once, with the runs as UTF-16
// offsets, and builds the nodes in JS. It only ever creates text nodes and spans with
// class names from a fixed list: no HTML is parsed.
//
// A large text's first chunks get their spans at once; a later chunk with many runs is
// first one text node (the same characters: only the colours wait) and gets its spans when
// it comes within a screen of the block's visible part (an IntersectionObserver on the
// block), at most a few chunks a frame. An 87 KB payload pasted is then a few hundred nodes
// rather than thousands, and a 1 MB one never builds the spans nobody scrolls to. Ranges
// into a chunk that gets its spans (the byte-link highlights, the selection) are moved to
// the same characters in the new nodes.
#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
const CHUNK = 0xffffffff, EAGER = 2, DENSE = 8, PER_FRAME = 4;
const observers = new WeakMap(), later = new WeakMap();
function fill(parent, text, ops, from, to, names, base) {
  const doc = parent.ownerDocument;
  for (let i = from; i < to; i += 3) {
    const piece = text.slice(ops[i] - base, ops[i + 1] - base), cls = ops[i + 2];
    if (cls === 0) {
      parent.appendChild(doc.createTextNode(piece));
    } else {
      const span = doc.createElement('span');
      span.className = names[cls - 1];
      span.textContent = piece;
      parent.appendChild(span);
    }
  }
}
function offset_in(chunk, node, off) {
  if (node === chunk) return off === 0 ? 0 : chunk.textContent.length;
  return chunk.firstChild === node ? off : -1;
}
function locate(chunk, at) {
  const w = chunk.ownerDocument.createTreeWalker(chunk, NodeFilter.SHOW_TEXT);
  let seen = 0, last = null;
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    if (at <= seen + n.data.length) return [n, at - seen];
    seen += n.data.length;
    last = n;
  }
  return last ? [last, last.data.length] : [chunk, 0];
}
function colour(chunk) {
  const job = later.get(chunk);
  if (!job || !chunk.isConnected) return;
  later.delete(chunk);
  const [ops, base, names] = job;
  const text = chunk.textContent;
  const moved = [];
  const doc = chunk.ownerDocument, sel = doc.getSelection();
  const ranges = [];
  if (globalThis.CSS && CSS.highlights) for (const h of CSS.highlights.values()) for (const r of h) ranges.push(r);
  if (sel) for (let i = 0; i < sel.rangeCount; i++) ranges.push(sel.getRangeAt(i));
  for (const r of ranges) {
    if (!(r instanceof Range)) continue;
    const s = chunk.contains(r.startContainer) ? offset_in(chunk, r.startContainer, r.startOffset) : -1;
    const e = chunk.contains(r.endContainer) ? offset_in(chunk, r.endContainer, r.endOffset) : -1;
    if (s >= 0 || e >= 0) moved.push([r, s, e]);
  }
  chunk.textContent = '';
  fill(chunk, text, ops, 0, ops.length, names, base);
  for (const [r, s, e] of moved) {
    if (s >= 0) { const [n, o] = locate(chunk, s); r.setStart(n, o); }
    if (e >= 0) { const [n, o] = locate(chunk, e); r.setEnd(n, o); }
  }
}
function watch(el) {
  const queue = [];
  let asked = false;
  const drain = () => {
    asked = false;
    for (const chunk of queue.splice(0, PER_FRAME)) colour(chunk);
    if (queue.length) { asked = true; requestAnimationFrame(drain); }
  };
  const io = new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (!e.isIntersecting) continue;
      io.unobserve(e.target);
      queue.push(e.target);
    }
    if (queue.length && !asked) drain();
  }, { root: el, rootMargin: '100% 0px' });
  return io;
}
export function build_runs(el, text, ops, classes) {
  const names = classes.split('\n');
  const frag = el.ownerDocument.createDocumentFragment();
  const old = observers.get(el);
  if (old) { old.disconnect(); observers.delete(el); }
  if (ops.length < 3 || ops[2] !== CHUNK) {
    fill(frag, text, ops, 0, ops.length, names, 0);
  } else {
    let io = null;
    for (let i = 0, n = 0; i < ops.length; n++) {
      let j = i + 3;
      while (j < ops.length && ops[j + 2] !== CHUNK) j += 3;
      const chunk = el.ownerDocument.createElement('span');
      chunk.className = 'chunk';
      if (n < EAGER || j - i - 3 <= DENSE * 3 || typeof IntersectionObserver !== 'function') {
        fill(chunk, text, ops, i + 3, j, names, 0);
      } else {
        const base = ops[i + 3];
        chunk.textContent = text.slice(base, ops[j - 2]);
        later.set(chunk, [ops.slice(i + 3, j), base, names]);
        if (!io) { io = watch(el); observers.set(el, io); }
        io.observe(chunk);
      }
      frag.appendChild(chunk);
      i = j;
    }
  }
  el.textContent = '';
  el.appendChild(frag);
}
"#)]
extern "C" {
    fn build_runs(el: &web_sys::Element, text: &str, ops: &[u32], classes: &str);
}

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
            let take = if !chunked || rest.len() <= room { rest.len() } else { ceil_char_boundary(rest, room) };
            let piece = &rest[..take];
            let len16 = if piece.is_ascii() { piece.len() } else { piece.encode_utf16().count() } as u32;
            byte_ranges.push((text.len(), text.len() + piece.len()));
            text.push_str(piece);
            ops.extend([at16, at16 + len16, class]);
            at16 += len16;
            rest = &rest[take..];
            bytes += take;
            lines += piece.bytes().filter(|&b| b == b'\n').count();
            if chunked && (bytes >= CHUNK_BYTES || lines >= CHUNK_LINES) {
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
/// thousands of runs).
pub fn fill_runs(el: &web_sys::Element, runs: &[Run<'_>]) {
    let p = plan(runs);
    build_runs(el, &p.text, &p.ops, &p.classes.join("\n"));
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
