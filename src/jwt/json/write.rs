//! Writing JSON text from what the located reader read: the compact form (whitespace
//! outside strings removed, every string, member name and number copied exactly as
//! written), optionally with hidden characters escaped so that it is safe to show; and
//! one member of the user's own JSON text set without disturbing the rest of it.

use super::{Node, Value, parse, quote};

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

/// JSON text without insignificant whitespace, every string and number kept exactly as
/// written (what libraries emit); `None` if the text is not JSON.
pub fn compact_text(text: &str) -> Option<String> {
    let doc = parse(text).ok()?;
    Some(compact(text, &doc.root))
}

/// Sets a member of a JSON object text to a raw JSON value (`"\"HS256\""`, `1700000000`),
/// replacing the last member of that name or adding it first; the rest of the text is
/// left exactly as it was. `None` if the text is not a JSON object.
pub fn set_member(text: &str, name: &str, raw_value: &str) -> Option<String> {
    let doc = parse(text).ok()?;
    let Value::Object(members) = &doc.root.value else { return None };
    if let Some(m) = members.iter().rev().find(|m| m.key == name) {
        return Some(format!("{}{raw_value}{}", &text[..m.value.span.start], &text[m.value.span.end..]));
    }
    let open = doc.root.span.start + 1;
    let sep = if members.is_empty() { "" } else { ", " };
    Some(format!("{}{}: {raw_value}{sep}{}", &text[..open], quote(name), &text[open..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_keeps_lexemes() {
        assert_eq!(
            compact_text("{ \"a\" : 1.50 ,\n \"b\": [ true, \"\\u00e9\" ] }").as_deref(),
            Some("{\"a\":1.50,\"b\":[true,\"\\u00e9\"]}")
        );
        assert_eq!(compact_text("nope"), None);
    }

    #[test]
    fn set_member_edits_in_place() {
        let cases: &[(&str, &str, &str, Option<&str>)] = &[
            (
                "{\n  \"alg\": \"HS256\",\n  \"typ\": \"JWT\"\n}",
                "alg",
                "\"ES256\"",
                Some("{\n  \"alg\": \"ES256\",\n  \"typ\": \"JWT\"\n}"),
            ),
            ("{\"typ\":\"JWT\"}", "alg", "\"RS256\"", Some("{\"alg\": \"RS256\", \"typ\":\"JWT\"}")),
            ("{}", "exp", "1700000000", Some("{\"exp\": 1700000000}")),
            ("{\"a\":1,\"a\":2}", "a", "3", Some("{\"a\":1,\"a\":3}")),
            ("[1]", "a", "1", None),
            ("{", "a", "1", None),
        ];
        for (text, name, value, want) in cases {
            assert_eq!(set_member(text, name, value).as_deref(), *want, "{text}");
        }
    }
}
