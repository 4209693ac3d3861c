//! What the encoder needs that involves no cryptography: the key kinds it offers (its
//! algorithms are `alg`'s), JSON compaction, and editing single header or claim members in the user's own
//! text without disturbing the rest of it. (Its messages to the worker are in `protocol`.)

use super::json::{self, Value};

/// The kinds of key the encoder generates: the value `keygen::generate` takes, and a label.
pub const KEY_KINDS: [(&str, &str); 11] = [
    ("hmac-256", "HMAC secret, 256 bits"),
    ("hmac-384", "HMAC secret, 384 bits"),
    ("hmac-512", "HMAC secret, 512 bits"),
    ("rsa-2048", "RSA 2048"),
    ("rsa-3072", "RSA 3072"),
    ("rsa-4096", "RSA 4096 (slow: tens of seconds)"),
    ("p-256", "EC P-256"),
    ("p-384", "EC P-384"),
    ("p-521", "EC P-521"),
    ("secp256k1", "EC secp256k1"),
    ("ed25519", "Ed25519"),
];

/// JSON text without insignificant whitespace, every string and number kept exactly as
/// written (what libraries emit); `None` if the text is not JSON.
pub fn compact(text: &str) -> Option<String> {
    let doc = json::parse(text).ok()?;
    Some(json::compact(text, &doc.root))
}

/// Sets a member of a JSON object text to a raw JSON value (`"\"HS256\""`, `1700000000`),
/// replacing the last member of that name or adding it first; the rest of the text is
/// left exactly as it was. `None` if the text is not a JSON object.
pub fn set_member(text: &str, name: &str, raw_value: &str) -> Option<String> {
    let doc = json::parse(text).ok()?;
    let Value::Object(members) = &doc.root.value else { return None };
    if let Some(m) = members.iter().rev().find(|m| m.key == name) {
        return Some(format!("{}{raw_value}{}", &text[..m.value.span.start], &text[m.value.span.end..]));
    }
    let open = doc.root.span.start + 1;
    let sep = if members.is_empty() { "" } else { ", " };
    Some(format!("{}{}: {raw_value}{sep}{}", &text[..open], json::quote(name), &text[open..]))
}

/// The header's `alg`, if the header text is an object with a string `alg`.
pub fn header_alg(text: &str) -> Option<String> {
    json::parse(text).ok()?.root.get("alg")?.as_str().map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_keeps_lexemes() {
        assert_eq!(
            compact("{ \"a\" : 1.50 ,\n \"b\": [ true, \"\\u00e9\" ] }").as_deref(),
            Some("{\"a\":1.50,\"b\":[true,\"\\u00e9\"]}")
        );
        assert_eq!(compact("nope"), None);
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
        assert_eq!(header_alg("{\"alg\":\"PS384\"}").as_deref(), Some("PS384"));
    }
}
