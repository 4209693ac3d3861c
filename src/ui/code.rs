//! A `<pre>` that shows text, optionally syntax-highlighted. It is filled directly through
//! the DOM (one text node per token, no HTML parsing), which keeps large payloads fast and
//! makes injection impossible: token content only ever becomes text nodes.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::jwt::json::Pretty;

/// Above this many highlighted pieces, text is shown plain: building hundreds of
/// thousands of spans would freeze the page for a 1 MB token.
pub const MAX_MARKS: usize = 20_000;

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
        code.with(|c| fill(&el, c));
    });
    view! {
        <pre node_ref=pre class="code" role="region" aria-label=label data-testid=testid tabindex="0"></pre>
    }
}

fn fill(el: &web_sys::HtmlElement, code: &Code) {
    match code {
        Code::Empty => el.set_text_content(None),
        Code::Plain(text) => el.set_text_content(Some(text)),
        Code::Marked(p) if p.marks.len() > MAX_MARKS => el.set_text_content(Some(&p.text)),
        Code::Marked(p) => {
            el.set_text_content(None);
            let Some(doc) = el.owner_document() else { return };
            let frag = doc.create_document_fragment();
            let mut at = 0;
            for (range, mark) in &p.marks {
                if range.start > at {
                    let _ = frag.append_with_str_1(&p.text[at..range.start]);
                }
                if let Ok(span) = doc.create_element("span") {
                    span.set_class_name(mark.class());
                    span.set_text_content(Some(&p.text[range.clone()]));
                    let _ = frag.append_child(&span);
                }
                at = range.end;
            }
            if at < p.text.len() {
                let _ = frag.append_with_str_1(&p.text[at..]);
            }
            let _ = el.append_child(frag.unchecked_ref());
        }
    }
}
