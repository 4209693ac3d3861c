//! Turning whatever a person pasted into the token they meant, and saying what was removed.
//!
//! People paste tokens with surrounding whitespace, in quotes, with a `Bearer ` prefix, as a
//! whole `Authorization:` header line, as a cookie, inside a curl command, inside a JSON
//! token response, or wrapped over several lines. Each of these is recognised and undone,
//! and every step is reported so that nothing changes silently.

use super::json;

/// The token found in a pasted text and the notes on what was stripped to find it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    pub token: String,
    pub notes: Vec<String>,
}

/// Finds the token in a pasted text.
pub fn clean(input: &str) -> Cleaned {
    let mut notes = Vec::new();
    let mut text = input.trim();
    if text.len() != input.len() && !text.is_empty() {
        notes.push("removed surrounding whitespace".to_string());
    }

    let is_curl = text.starts_with("curl ");
    if let Some(value) = after_authorization(text) {
        notes.push(if is_curl {
            "took the token from the curl command's Authorization header".to_string()
        } else {
            "took the token from the Authorization header".to_string()
        });
        text = value;
    }
    if let Some(rest) = strip_prefix_ignore_case(text, "bearer ") {
        notes.push("removed the \"Bearer \" prefix".to_string());
        text = rest.trim_start();
    }
    if let Some(inner) = strip_quotes(text) {
        notes.push("removed surrounding quotes".to_string());
        text = inner.trim();
    }

    let mut owned: Option<String> = None;
    if text.starts_with('{') {
        if let Some((name, token)) = from_token_response(text) {
            notes.push(format!("took the token from the \"{name}\" member of the JSON"));
            owned = Some(token);
        }
    } else if let Some((name, token)) = from_pairs(text) {
        notes.push(format!("took the token from \"{name}=\""));
        text = token;
    }

    let mut token = owned.unwrap_or_else(|| text.to_string());
    // A byte scan (a line break is one byte in UTF-8): a char-set search decodes every
    // character of a large paste.
    if token.bytes().any(|b| b == b'\n' || b == b'\r') {
        let lines = token.matches('\n').count().max(token.matches('\r').count());
        token = token.split(['\n', '\r']).map(str::trim).collect();
        notes.push(format!(
            "joined the token's {} lines (removed {lines} line break{})",
            lines + 1,
            if lines == 1 { "" } else { "s" }
        ));
    }
    Cleaned { token, notes }
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

/// The text after an `Authorization:` header name, up to the end of that header (a line
/// break or the quote that closes a curl argument).
fn after_authorization(text: &str) -> Option<&str> {
    const NAME: &str = "authorization:";
    // A bare token has no colon: skip the lower-cased copy of a large paste.
    if !text.contains(':') {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    let at = lower.find(NAME)?;
    let opening_quote = text[..at].chars().next_back().filter(|c| matches!(c, '"' | '\''));
    let rest = text[at + NAME.len()..].trim_start();
    let end = rest.find(|c: char| c == '\n' || c == '\r' || Some(c) == opening_quote).unwrap_or(rest.len());
    let value = rest[..end].trim();
    // curl may end the line with a backslash continuation.
    Some(value.trim_end_matches('\\').trim_end())
}

fn strip_quotes(text: &str) -> Option<&str> {
    for q in ['"', '\'', '`'] {
        if text.len() >= 2 && text.starts_with(q) && text.ends_with(q) {
            return Some(&text[1..text.len() - 1]);
        }
    }
    None
}

/// Whether a text looks like the start of a compact JWS or JWE: a base64url JSON object.
fn looks_like_jwt(value: &str) -> bool {
    value.starts_with("eyJ") && value.contains('.')
}

/// A token inside `name=value` pairs: a cookie header, a query or fragment string.
fn from_pairs(text: &str) -> Option<(&str, &str)> {
    // A bare token has no '=' (unpadded base64url): nothing to split.
    if !text.contains('=') {
        return None;
    }
    let text = strip_prefix_ignore_case(text, "cookie:")
        .or_else(|| strip_prefix_ignore_case(text, "set-cookie:"))
        .unwrap_or(text);
    text.split([';', '&', '?', '#', ' ', '\n']).filter_map(|pair| pair.trim().split_once('=')).find(|(name, value)| {
        !name.is_empty()
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"_-.".contains(&b))
            && looks_like_jwt(value)
    })
}

/// A token inside a JSON object such as an OAuth token response. A JWS in the JSON
/// serialization (with `protected`/`payload`/`signature` members) is left as it is.
fn from_token_response(text: &str) -> Option<(String, String)> {
    let doc = json::parse(text).ok()?;
    let json::Value::Object(members) = &doc.root.value else {
        return None;
    };
    if members.iter().any(|m| m.key == "payload" || m.key == "ciphertext") {
        return None;
    }
    members.iter().find_map(|m| {
        let value = m.value.as_str()?;
        looks_like_jwt(value).then(|| (m.key.clone(), value.to_string()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln";

    fn check(input: &str, notes: &[&str]) {
        let got = clean(input);
        assert_eq!(got.token, T, "input {input:?}");
        assert_eq!(got.notes, notes, "input {input:?}");
    }

    #[test]
    fn recognises_what_people_paste() {
        check(T, &[]);
        check(&format!("  {T}\n"), &["removed surrounding whitespace"]);
        check(&format!("\"{T}\""), &["removed surrounding quotes"]);
        check(&format!("'{T}'"), &["removed surrounding quotes"]);
        check(&format!("Bearer {T}"), &["removed the \"Bearer \" prefix"]);
        check(&format!("bearer  {T}"), &["removed the \"Bearer \" prefix"]);
        check(
            &format!("Authorization: Bearer {T}"),
            &["took the token from the Authorization header", "removed the \"Bearer \" prefix"],
        );
        check(
            &format!("curl -s -H 'Authorization: Bearer {T}' https://api.example/x"),
            &["took the token from the curl command's Authorization header", "removed the \"Bearer \" prefix"],
        );
        check(
            &format!("curl https://api.example/x \\\n  -H \"authorization: Bearer {T}\" \\\n  -H 'Accept: */*'"),
            &["took the token from the curl command's Authorization header", "removed the \"Bearer \" prefix"],
        );
        check(&format!("session={T}"), &["took the token from \"session=\""]);
        check(&format!("Cookie: theme=dark; session={T}; lang=en"), &["took the token from \"session=\""]);
        check(&format!("https://app.example/cb#id_token={T}&state=x"), &["took the token from \"id_token=\""]);
        check(
            &format!("{{\"token_type\":\"Bearer\",\"access_token\":\"{T}\",\"expires_in\":3600}}"),
            &["took the token from the \"access_token\" member of the JSON"],
        );
        check(
            "eyJhbGciOiJIUzI1NiJ9.\neyJzdWIiOiIxIn0.\r\n  c2ln",
            &["joined the token's 3 lines (removed 2 line breaks)"],
        );
    }

    #[test]
    fn leaves_other_text_alone() {
        for text in ["", "abc", "a.b.c", "{\"payload\":\"eyJ.x\"}", "x=y", "eyJhbGc==.eyJ.sig"] {
            let got = clean(text);
            assert_eq!(got.token, text);
            assert!(got.notes.is_empty(), "{text:?}: {:?}", got.notes);
        }
    }
}
