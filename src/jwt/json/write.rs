//! Writing JSON text from what the located reader read: the compact form (whitespace
//! outside strings removed, every string, member name and number copied exactly as
//! written), optionally with hidden characters escaped so that it is safe to show.

use super::{Node, Value};

/// A value as compact JSON text: whitespace outside strings removed, every string, member
/// name and number copied exactly as written in `src` (the text `node` was parsed from).
pub fn compact(src: &str, node: &Node) -> String {
    let mut out = String::with_capacity(node.span.len());
    write_compact(src, node, false, &mut out);
    out
}

/// [`compact`], with invisible and direction-changing characters inside strings and
/// names written as their `\u` escapes: the same JSON value, safe to show.
pub fn compact_visible(src: &str, node: &Node) -> String {
    let mut out = String::with_capacity(node.span.len());
    write_compact(src, node, true, &mut out);
    out
}

fn push_source(src: &str, span: &std::ops::Range<usize>, visible: bool, out: &mut String) {
    let text = src.get(span.clone()).unwrap_or_default();
    if visible && text.chars().any(crate::jwt::text::is_invisible) {
        let mut prev = None;
        for c in text.chars() {
            if crate::jwt::text::hides(prev, c) {
                crate::jwt::text::push_json_escape(out, c);
            } else {
                out.push(c);
            }
            prev = Some(c);
        }
    } else {
        out.push_str(text);
    }
}

fn write_compact(src: &str, node: &Node, visible: bool, out: &mut String) {
    match &node.value {
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_compact(src, item, visible, out);
            }
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            for (i, m) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_source(src, &m.key_span, visible, out);
                out.push(':');
                write_compact(src, &m.value, visible, out);
            }
            out.push('}');
        }
        _ => push_source(src, &node.span, visible, out),
    }
}
