//! Text blocks filled directly through the DOM: one text node or span per run, never HTML
//! parsing, so token content can only ever become text. Large texts are split into block
//! chunks with `content-visibility: auto`, so the browser lays out only what is scrolled
//! into view: a 1 MB payload renders in milliseconds instead of freezing the page.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

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
            runs.push(Run {
                text: &p.text[plain_from..range.start],
                class: None,
            });
        }
        runs.push(Run {
            text: &p.text[range.clone()],
            class: Some(mark.class()),
        });
        plain_from = range.end;
    }
    if plain_from < p.text.len() {
        runs.push(Run {
            text: &p.text[plain_from..],
            class: None,
        });
    }
    runs
}

/// Replaces an element's content with the runs, chunked when the text is large.
pub fn fill_runs(el: &web_sys::Element, runs: &[Run<'_>]) {
    el.set_text_content(None);
    let Some(doc) = el.owner_document() else {
        return;
    };
    let total: usize = runs.iter().map(|r| r.text.len()).sum();
    let chunked = total > CHUNK_BYTES;
    let new_chunk = || -> Option<web_sys::Element> {
        let c = doc.create_element("span").ok()?;
        c.set_class_name("chunk");
        Some(c)
    };
    let append = |parent: &web_sys::Node, text: &str, class: Option<&str>| match class
        .and_then(|class| doc.create_element("span").ok().map(|s| (s, class)))
    {
        Some((span, class)) => {
            span.set_class_name(class);
            span.set_text_content(Some(text));
            let _ = parent.append_child(&span);
        }
        None => {
            let _ = parent.append_child(&doc.create_text_node(text));
        }
    };

    let frag = doc.create_document_fragment();
    let mut chunk = if chunked { new_chunk() } else { None };
    let (mut bytes, mut lines) = (0, 0);
    for run in runs {
        let mut text = run.text;
        while !text.is_empty() {
            let room = CHUNK_BYTES.saturating_sub(bytes).max(1);
            let take = if !chunked || text.len() <= room {
                text.len()
            } else {
                ceil_char_boundary(text, room)
            };
            let piece = &text[..take];
            let parent: &web_sys::Node = match &chunk {
                Some(c) => c,
                None => &frag,
            };
            append(parent, piece, run.class);
            text = &text[take..];
            bytes += take;
            lines += piece.bytes().filter(|&b| b == b'\n').count();
            if chunked && (bytes >= CHUNK_BYTES || lines >= CHUNK_LINES) {
                if let Some(done) = chunk.take() {
                    let _ = frag.append_child(&done);
                }
                chunk = new_chunk();
                bytes = 0;
                lines = 0;
            }
        }
    }
    if let Some(last) = chunk.filter(|c| c.has_child_nodes()) {
        let _ = frag.append_child(&last);
    }
    let _ = el.append_child(frag.unchecked_ref());
}

fn ceil_char_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
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
) -> impl IntoView {
    let pre: NodeRef<html::Pre> = NodeRef::new();
    Effect::new(move |_| {
        let Some(el) = pre.get() else { return };
        code.with(|c| match c {
            Code::Empty => el.set_text_content(None),
            Code::Plain(t) => fill_runs(
                &el,
                &[Run {
                    text: t,
                    class: None,
                }],
            ),
            Code::Marked(p) => fill_runs(&el, &pretty_runs(p)),
        });
    });
    view! {
        <pre node_ref=pre class="code" role="region" aria-label=label data-testid=testid tabindex="0"></pre>
    }
}
