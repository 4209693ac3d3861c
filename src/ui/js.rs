//! The page's JavaScript: one module, so the first load fetches one file rather than one per
//! Rust module that needs a few lines of JavaScript (each function's Rust caller says what it
//! is for). Only the page calls these; the extras, a classic-script program, cannot import a
//! module, and a function nobody calls is not linked, nor is this snippet.
//!
//! - `build_tree` (`ui::dom`): builds a `Tree` in one call. Text only: a fixed list of tags,
//!   lower-case attribute names without event handlers, styles or sources, `href` only
//!   `https:` or `#`.
//! - `build_runs` (`ui::code`): a text block's text nodes and spans in one call, from the
//!   whole text and the runs as UTF-16 offsets; only text nodes and spans with class names
//!   from a fixed list. If asked (`lazy`: the decoded panes), a large text's first chunks
//!   get their spans at once; a later chunk with many runs is first one text node (the
//!   same characters: only the colours wait) and gets its spans when it comes within a
//!   screen of the block's visible part (an IntersectionObserver on the block), a few
//!   chunks a frame: an 87 KB payload pasted is a few hundred nodes rather than thousands,
//!   and a 1 MB one never builds the spans nobody scrolls to. Ranges into a chunk that gets
//!   its spans (the byte-link highlights, the selection) are moved to the same characters
//!   in the new nodes.
//! - `char_at_point`, `set_highlight`, `selection_in` (`ui::link`): offsets are UTF-16 code
//!   units of an element's text content; highlights use the CSS Custom Highlight API.
//! - `extras` (`ui::bridge`): shows or hides a panel of the extras, loading them first if
//!   need be (they then take `port`, their end of the channel).

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(inline_js = r#"
const TAGS = /^(a|button|code|dd|div|dl|dt|footer|h1|h2|h3|header|input|kbd|label|li|main|option|p|pre|section|select|span|strong|table|tbody|td|textarea|th|thead|tr|ul)$/;
export function build_tree(parent, text, ops, replace) {
  const doc = parent.ownerDocument || parent, frag = doc.createDocumentFragment(), refs = [], stack = [frag];
  let top = frag, i = 0;
  const s = () => text.slice(ops[i++], ops[i++]);
  while (i < ops.length) {
    const op = ops[i++];
    if (op === 0) {
      const tag = s(), e = doc.createElement(TAGS.test(tag) ? tag : 'span');
      top.appendChild(e);
      stack.push(top = e);
    } else if (op === 1) {
      const n = s(), v = s();
      const name = n.toLowerCase();
      if (/^[a-z][a-z0-9-]*$/.test(name) && !/^(on|style|src|formaction|ping|background|action)/.test(name)
        && (name !== 'href' || /^(https:|#)/.test(v))) top.setAttribute(name, v);
    } else if (op === 2) top.appendChild(doc.createTextNode(s()));
    else if (op === 3) { stack.pop(); top = stack[stack.length - 1]; }
    else refs.push(top);
  }
  if (replace) parent.textContent = '';
  parent.appendChild(frag);
  return refs;
}
const later = new WeakMap(), watching = new WeakMap();
function fill(to, text, ops, i, end, names, base) {
  for (; i < end; i += 3) {
    const piece = text.slice(ops[i] - base, ops[i + 1] - base), c = ops[i + 2];
    if (c) {
      const s = to.ownerDocument.createElement('span');
      s.className = names[c - 1];
      s.textContent = piece;
      to.append(s);
    } else to.append(piece);
  }
}
function colour(chunk) {
  const job = later.get(chunk);
  if (!job || !chunk.isConnected) return;
  later.delete(chunk);
  const text = chunk.textContent, node = chunk.firstChild, sel = getSelection(), moved = [];
  const ranges = [...(globalThis.CSS?.highlights?.values() || [])].flatMap((h) => [...h]);
  for (let i = 0; i < sel.rangeCount; i++) ranges.push(sel.getRangeAt(i));
  const at = (n, o) => (n === node ? o : n === chunk ? (o && text.length) : -1);
  for (const r of ranges) if (r instanceof Range) moved.push([r, at(r.startContainer, r.startOffset), at(r.endContainer, r.endOffset)]);
  chunk.textContent = '';
  const [ops, names, base] = job;
  fill(chunk, text, ops, 0, ops.length, names, base);
  const walk = (x) => locate(chunk, x) || [chunk, chunk.childNodes.length];
  for (const [r, s, e] of moved) {
    if (s >= 0) r.setStart(...walk(s));
    if (e >= 0) r.setEnd(...walk(e));
  }
}
export function build_runs(el, text, ops, classes, lazy) {
  const names = classes.split('\n'), frag = new DocumentFragment(), queue = [], chunked = ops[2] === 0xffffffff;
  watching.get(el)?.disconnect();
  if (!chunked) fill(frag, text, ops, 0, ops.length, names, 0);
  let io, busy;
  const drain = () => {
    queue.splice(0, 4).forEach(colour);
    busy = queue.length && requestAnimationFrame(drain);
  };
  for (let i = 0, n = 0, j; chunked && i < ops.length; n++, i = j) {
    for (j = i + 3; j < ops.length && ops[j + 2] !== 0xffffffff; j += 3);
    const chunk = frag.appendChild(document.createElement('span'));
    chunk.className = 'chunk';
    if (!lazy || n < 2 || j - i < 30) {
      fill(chunk, text, ops, i + 3, j, names, 0);
      continue;
    }
    chunk.textContent = text.slice(ops[i + 3], ops[j - 2]);
    later.set(chunk, [ops.slice(i + 3, j), names, ops[i + 3]]);
    io ??= new IntersectionObserver((es) => {
      for (const e of es) if (e.isIntersecting) io.unobserve(e.target), queue.push(e.target);
      if (!busy) drain();
    }, { root: el, rootMargin: '100% 0px' });
    watching.set(el, io);
    io.observe(chunk);
  }
  el.textContent = '';
  el.append(frag);
}
function texts(el) {
  const w = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const out = [];
  for (let n = w.nextNode(); n; n = w.nextNode()) out.push(n);
  return out;
}
function locate(el, at) {
  let seen = 0;
  for (const n of texts(el)) {
    if (at <= seen + n.data.length) return [n, at - seen];
    seen += n.data.length;
  }
  return null;
}
function offset_of(el, node, off) {
  const r = el.ownerDocument.createRange();
  r.selectNodeContents(el);
  r.setEnd(node, off);
  return r.toString().length;
}
export function char_at_point(el, x, y) {
  const doc = el.ownerDocument;
  let node = null, off = 0;
  if (doc.caretPositionFromPoint) {
    const p = doc.caretPositionFromPoint(x, y);
    if (p) { node = p.offsetNode; off = p.offset; }
  } else if (doc.caretRangeFromPoint) {
    const r = doc.caretRangeFromPoint(x, y);
    if (r) { node = r.startContainer; off = r.startOffset; }
  }
  if (!node || node.nodeType !== 3 || !el.contains(node)) return -1;
  // A caret lies between two characters: take the one whose box holds the point.
  for (const c of [off, off - 1]) {
    if (c < 0 || c >= node.data.length) continue;
    const r = doc.createRange();
    r.setStart(node, c);
    r.setEnd(node, c + 1);
    for (const b of r.getClientRects()) {
      if (x >= b.left && x <= b.right && y >= b.top && y <= b.bottom) return offset_of(el, node, c);
    }
  }
  return -1;
}
export function set_highlight(name, els, ranges) {
  if (!globalThis.CSS || !CSS.highlights || typeof Highlight !== 'function') return;
  const h = new Highlight();
  for (let i = 0; i + 2 < ranges.length; i += 3) {
    const el = els[ranges[i]];
    if (!el) continue;
    const a = locate(el, ranges[i + 1]), b = locate(el, ranges[i + 2]);
    if (!a || !b) continue;
    const r = el.ownerDocument.createRange();
    r.setStart(a[0], a[1]);
    r.setEnd(b[0], b[1]);
    h.add(r);
  }
  if (h.size) CSS.highlights.set(name, h); else CSS.highlights.delete(name);
}
export function selection_in(el) {
  const s = el.ownerDocument.getSelection();
  if (!s || s.rangeCount === 0 || s.isCollapsed) return '';
  const r = s.getRangeAt(0);
  if (!el.contains(r.startContainer) || !el.contains(r.endContainer)) return '';
  return offset_of(el, r.startContainer, r.startOffset) + ',' + offset_of(el, r.endContainer, r.endOffset);
}
let loading = false;
const queue = [];
export function extras(panel, on, port) {
  if (globalThis.jwtLensExtras) {
    globalThis.jwtLensExtras(panel, on);
    return;
  }
  queue.push([panel, on]);
  if (loading) return;
  loading = true;
  const s = document.createElement('script');
  s.src = globalThis.jwtLensExtrasUrl || './extras.js';
  s.onload = () => wasm_bindgen({ module_or_path: globalThis.jwtLensExtrasWasm || './extras_bg.wasm' }).then(() => {
    const connect = globalThis.jwtLensExtrasConnect;
    delete globalThis.jwtLensExtrasConnect;
    if (connect) connect(port);
    for (const [p, o] of queue.splice(0)) globalThis.jwtLensExtras(p, o);
  });
  s.onerror = () => { loading = false; };
  document.head.appendChild(s);
}
"#)]
extern "C" {
    pub fn build_tree(parent: &web_sys::Node, text: &str, ops: &[u32], replace: bool) -> js_sys::Array;
    pub fn build_runs(el: &web_sys::Element, text: &str, ops: &[u32], classes: &str, lazy: bool);
    pub fn char_at_point(el: &web_sys::Element, x: i32, y: i32) -> i32;
    pub fn set_highlight(name: &str, els: &js_sys::Array, ranges: &[u32]);
    pub fn selection_in(el: &web_sys::Element) -> String;
    pub fn extras(panel: &str, on: bool, port: &web_sys::MessagePort);
}
