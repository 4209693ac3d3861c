//! The page's DOM without a view framework. A subtree is described in Rust ([`Tree`]: its
//! elements, attributes and texts, in document order) and built by one call into
//! JavaScript; what changes is kept up to date by [`bind`], a reactive effect over the
//! decoder's signals. A view written this way costs the first load a fraction of a
//! framework view (one generic builder instead of code generated per element), and builds
//! a pane of a hundred elements in one crossing instead of a hundred.
//!
//! Only ever text: the builder creates elements from a fixed list of tag names, sets
//! attributes other than event handlers, styles, sources and actions (a link's `href` only
//! to an `https:` or `#` address; a name that is not plain lower-case letters, digits and
//! dashes is dropped), and adds text nodes. Tag and attribute names are `&'static str`:
//! literals of this program, never text from a token. Nothing is parsed as HTML, so token content can only
//! become text. (The extras, a program that cannot import the page's JavaScript, do not
//! use the builder; [`bind`] and [`set_attr`], a plain effect and a web-sys call, serve
//! them too, through `widgets::bind_busy`.)

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use super::js::build_tree;

const OPEN: u32 = 0;
const ATTR: u32 = 1;
const TEXT: u32 = 2;
const CLOSE: u32 = 3;
const MARK: u32 = 4;

/// A DOM subtree to build: elements opened and closed in document order, with their
/// attributes and texts. [`Tree::mark`] asks for the open element back from the build.
#[derive(Default)]
pub struct Tree {
    text: String,
    ops: Vec<u32>,
    /// The text's length in UTF-16 code units (JavaScript's string offsets).
    at: u32,
}

impl Tree {
    pub fn new() -> Tree {
        Tree::default()
    }

    fn string(&mut self, s: &str) {
        let len = if s.is_ascii() { s.len() } else { s.encode_utf16().count() } as u32;
        self.ops.extend([self.at, self.at + len]);
        self.at += len;
        self.text.push_str(s);
    }

    /// Opens an element (closed by [`Tree::close`]).
    pub fn open(&mut self, tag: &'static str) -> &mut Tree {
        self.ops.push(OPEN);
        self.string(tag);
        self
    }

    /// An attribute of the open element.
    pub fn attr(&mut self, name: &'static str, value: &str) -> &mut Tree {
        self.ops.push(ATTR);
        self.string(name);
        self.string(value);
        self
    }

    pub fn class(&mut self, class: &str) -> &mut Tree {
        self.attr("class", class)
    }

    /// A text node in the open element (none for an empty text).
    pub fn text(&mut self, text: &str) -> &mut Tree {
        if !text.is_empty() {
            self.ops.push(TEXT);
            self.string(text);
        }
        self
    }

    pub fn close(&mut self) -> &mut Tree {
        self.ops.push(CLOSE);
        self
    }

    /// The open element is returned by the build, after those marked before it.
    pub fn mark(&mut self) -> &mut Tree {
        self.ops.push(MARK);
        self
    }

    /// An element holding one text: `<tag class=class>text</tag>`.
    pub fn leaf(&mut self, tag: &'static str, class: &str, text: &str) -> &mut Tree {
        self.open(tag);
        if !class.is_empty() {
            self.class(class);
        }
        self.text(text).close()
    }

    /// A link to a reference that opens apart from the page.
    pub fn link(&mut self, href: &str, label: &str) -> &mut Tree {
        self.open("a").attr("href", href).attr("target", "_blank").attr("rel", "noopener noreferrer");
        self.text(label).close()
    }

    /// Appends the subtree to `parent`; the marked elements, in order.
    pub fn append(&self, parent: &web_sys::Node) -> Vec<web_sys::Element> {
        refs(build_tree(parent, &self.text, &self.ops, false))
    }

    /// Appends the subtree to `parent`; its `N` marked elements (none if it marked others).
    pub fn append_n<const N: usize>(&self, parent: &web_sys::Node) -> Option<[web_sys::Element; N]> {
        self.append(parent).try_into().ok()
    }

    /// Replaces `parent`'s content with the subtree; the marked elements, in order.
    pub fn fill(&self, parent: &web_sys::Node) -> Vec<web_sys::Element> {
        refs(build_tree(parent, &self.text, &self.ops, true))
    }
}

fn refs(a: js_sys::Array) -> Vec<web_sys::Element> {
    a.iter().map(JsCast::unchecked_into).collect()
}

/// Runs `f` now (in the next microtask, before the browser paints) and again whenever a
/// signal it read changes, for as long as the current reactive owner lives. Every binding
/// shares this one effect type.
pub fn bind(f: impl Fn() + 'static) {
    bind_boxed(Box::new(f));
}

fn bind_boxed(f: Box<dyn Fn()>) {
    Effect::new(move |_| f());
}

/// Keeps an element's text content to `f`'s.
pub fn bind_text(el: &web_sys::Element, f: impl Fn() -> String + 'static) {
    let el = el.clone();
    bind(move || set_text(&el, &f()));
}

/// Sets an element's text content, unless it already is that text: what follows the clock
/// is set every second, and an unchanged page must not make the browser restyle it.
pub fn set_text(el: &web_sys::Element, text: &str) {
    if el.text_content().as_deref() != Some(text) {
        el.set_text_content(Some(text));
    }
}

/// Keeps an attribute to `f`'s value (none: the attribute is removed).
pub fn bind_attr(el: &web_sys::Element, name: &'static str, f: impl Fn() -> Option<String> + 'static) {
    let el = el.clone();
    bind(move || set_attr(&el, name, f().as_deref()));
}

/// Keeps the `hidden` attribute to `f`.
pub fn bind_hidden(el: &web_sys::Element, f: impl Fn() -> bool + 'static) {
    let el = el.clone();
    bind(move || set_attr(&el, "hidden", f().then_some("")));
}

/// Sets an attribute, or removes it (none); an attribute that already has the value is left
/// alone (as [`set_text`]).
pub fn set_attr(el: &web_sys::Element, name: &str, value: Option<&str>) {
    if el.get_attribute(name).as_deref() == value {
        return;
    }
    let _ = match value {
        Some(v) => el.set_attribute(name, v),
        None => el.remove_attribute(name),
    };
}

/// Listens for `event` on `target` for the life of the page.
pub fn on(target: &web_sys::EventTarget, event: &str, f: impl FnMut(web_sys::Event) + 'static) {
    on_boxed(target, event, Box::new(f));
}

fn on_boxed(target: &web_sys::EventTarget, event: &str, f: Box<dyn FnMut(web_sys::Event)>) {
    let f = Closure::wrap(f);
    let _ = target.add_event_listener_with_callback(event, f.as_ref().unchecked_ref());
    f.forget();
}

/// The markup of a copy button, marked (wired by [`wire_copy`]): "Copy token" names it.
pub fn copy_button(t: &mut Tree, what: &str) {
    t.open("button").attr("type", "button").class("small");
    t.attr("aria-label", &format!("Copy {what}")).attr("data-testid", &format!("copy-{}", what.replace(' ', "-")));
    t.mark().text("Copy").close();
}

/// Makes a copy button copy `text()` when pressed, saying "Copied" for a moment.
pub fn wire_copy(button: &web_sys::Element, text: impl Fn() -> String + 'static) {
    let b = button.clone();
    on(button, "click", move |_| {
        super::browser::copy_text(&text());
        b.set_text_content(Some("Copied"));
        let b = b.clone();
        set_timeout(move || b.set_text_content(Some("Copy")), std::time::Duration::from_millis(1200));
    });
}
