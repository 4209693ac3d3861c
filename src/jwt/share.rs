//! Share links: a URL fragment (`#token=…`) that carries the token and nothing else, in
//! full, without its signature, or with its claim values redacted.
//!
//! The fragment never reaches a server, and the page reads `#token=` back with
//! `decodeURIComponent`; so every character outside base64url and `.` is percent-encoded,
//! which lets a token in the JSON serialization travel too.

use super::base64url;
use super::clean;
use super::json::{Value, compact};
use super::token::{self, Form, Payload};

/// How much of the token a link carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ShareMode {
    /// The token as it is.
    #[default]
    Full,
    /// A compact JWS without its signature (`header.payload.`): it shows everything, but
    /// cannot be replayed.
    NoSignature,
    /// A compact JWS without its signature, every claim value but `exp`, `nbf` and `iat`
    /// replaced by `"[redacted]"`.
    Redacted,
}

/// The claims whose values a redacted link keeps: times are what people debug.
pub const KEPT_CLAIMS: &[&str] = &["exp", "nbf", "iat"];

/// The string that replaces every other claim value.
pub const REDACTED: &str = "[redacted]";

impl ShareMode {
    pub const ALL: [ShareMode; 3] = [ShareMode::Full, ShareMode::NoSignature, ShareMode::Redacted];

    /// A stable value for the page (`<option value>`, `data-mode`).
    pub fn as_str(self) -> &'static str {
        match self {
            ShareMode::Full => "full",
            ShareMode::NoSignature => "no-signature",
            ShareMode::Redacted => "redacted",
        }
    }

    /// The mode named by [`as_str`](Self::as_str); anything else is `Full`.
    pub fn from_value(v: &str) -> Self {
        match v {
            "no-signature" => ShareMode::NoSignature,
            "redacted" => ShareMode::Redacted,
            _ => ShareMode::Full,
        }
    }

    /// How the page names the mode.
    pub fn label(self) -> &'static str {
        match self {
            ShareMode::Full => "Full token",
            ShareMode::NoSignature => "Without the signature",
            ShareMode::Redacted => "Claims redacted (times kept), without the signature",
        }
    }
}

/// Why a token cannot be shared in the mode asked for; the message is the page's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ShareError {
    /// The pasted text is larger than the decoder reads.
    TooLarge,
    /// Nothing was pasted.
    NoToken,
    /// No token was found in the pasted text (a link never carries the text around it).
    NotFound,
    /// The mode needs a compact JWS, and the token is in the JSON serialization.
    JsonSerialization { mode: ShareMode },
    /// The mode needs a compact JWS, and the token is a compact JWE.
    Jwe { mode: ShareMode },
    /// The mode needs a compact JWS, and the token has this many dot-separated parts.
    Parts { parts: usize, mode: ShareMode },
    /// Redaction needs a compact JWS.
    NotJws,
    /// The payload of a `b64: false` JWS cannot be redacted.
    UnencodedPayload,
    /// The payload is detached: there is nothing to redact.
    DetachedPayload,
    /// The payload segment is not base64url.
    PayloadNotDecoded,
    /// The payload is not JSON.
    PayloadNotJson,
    /// The payload is JSON with a syntax error.
    PayloadInvalidJson,
    /// The payload is JSON, but not an object (`found`: "an array", "a string", …).
    PayloadNotObject { found: &'static str },
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        /// What the mode would do to a compact JWS.
        fn what(mode: ShareMode) -> &'static str {
            match mode {
                ShareMode::Redacted => "redact",
                _ => "remove the signature of",
            }
        }
        match *self {
            ShareError::TooLarge => f.write_str("the token is larger than this page decodes, so it cannot be shared"),
            ShareError::NoToken => f.write_str("there is no token to share"),
            ShareError::NotFound => f.write_str(
                "no token was found in the pasted text, so there is nothing to share: a link carries a \
                 token and nothing else (never the text around it)",
            ),
            ShareError::JsonSerialization { mode } => write!(
                f,
                "the token is in the JSON serialization; this page can only {} a compact JWS, so share it in full",
                what(mode)
            ),
            ShareError::Jwe { mode } => write!(
                f,
                "the token is a JWE (5 parts): it is encrypted, and this page can only {} a compact JWS, \
                 so share it in full",
                what(mode)
            ),
            ShareError::Parts { parts, mode } => write!(
                f,
                "the token has {parts} parts, but this page can only {} a compact JWS (3 parts separated by dots)",
                what(mode)
            ),
            ShareError::NotJws => f.write_str("only a compact JWS can be redacted"),
            ShareError::UnencodedPayload => f.write_str(
                "the payload is not base64url-encoded (b64: false), so it cannot be redacted; \
                 share it without the signature instead",
            ),
            ShareError::DetachedPayload => {
                f.write_str("the payload is detached (empty), so there is nothing to redact")
            }
            ShareError::PayloadNotDecoded => f.write_str("the payload could not be decoded, so it cannot be redacted"),
            ShareError::PayloadNotJson => f.write_str("the payload is not JSON, so it cannot be redacted"),
            ShareError::PayloadInvalidJson => f.write_str("the payload is not valid JSON, so it cannot be redacted"),
            ShareError::PayloadNotObject { found } => {
                write!(f, "the payload is {found}, not a JSON object, so it cannot be redacted")
            }
        }
    }
}

impl std::error::Error for ShareError {}

/// The URL fragment, `#token=…`, that carries the token in the pasted text (found as the
/// decoder finds it: without a `Bearer ` prefix, quotes, line breaks) in the given mode;
/// or why it cannot be shared that way.
pub fn share_fragment(token: &str, mode: ShareMode) -> Result<String, ShareError> {
    if token.len() > token::MAX_INPUT_BYTES {
        return Err(ShareError::TooLarge);
    }
    let cleaned = clean::clean(token).token;
    if cleaned.is_empty() {
        return Err(ShareError::NoToken);
    }
    if mode != ShareMode::Full {
        // Say first why the mode needs another kind of token.
        compact_jws(&cleaned, mode)?;
    }
    let Some(cleaned) = token_only(token) else {
        return Err(ShareError::NotFound);
    };
    let shared = match mode {
        ShareMode::Full => cleaned,
        ShareMode::NoSignature => {
            let (header, payload) = compact_jws(&cleaned, mode)?;
            format!("{header}.{payload}.")
        }
        ShareMode::Redacted => {
            let (header, _) = compact_jws(&cleaned, mode)?;
            format!("{header}.{}.", redacted_payload(&cleaned)?)
        }
    };
    Ok(format!("#token={}", percent_encode(&shared)))
}

/// The top-level members a JWS or JWE in the JSON serialization may have (RFC 7515 §7.2,
/// RFC 7516 §7.2).
const JSON_MEMBERS: &[&str] = &[
    "payload",
    "signatures",
    "protected",
    "header",
    "signature",
    "unprotected",
    "recipients",
    "encrypted_key",
    "iv",
    "ciphertext",
    "tag",
    "aad",
];

/// The token in a pasted text (found as the decoder finds it), and only if it is a token
/// through and through: a compact JWS or JWE whose segments hold nothing but base64url and
/// padding (but the payload of a `b64: false` JWS), or a JSON serialization with no member
/// but its own. This is what a share link carries and what "Remember the token" keeps: the
/// text around a token (a curl command's password, a cookie line's other cookies) and a
/// paste in which no token was found are never shared or stored.
pub fn token_only(pasted: &str) -> Option<String> {
    token_in(pasted, &token::decode(pasted))
}

/// [`token_only`], given `decode(pasted)` already.
pub fn token_in(pasted: &str, d: &token::Decoded) -> Option<String> {
    if d.form == Form::Unrecognised || d.input.token.is_empty() {
        return None;
    }
    let cleaned = clean::clean(pasted).token;
    if cleaned.starts_with('{') {
        // A JSON serialization, with no member but its own.
        let doc = super::json::parse(&cleaned).ok()?;
        let Value::Object(members) = &doc.root.value else { return None };
        return members.iter().all(|m| JSON_MEMBERS.contains(&m.key.as_str())).then_some(cleaned);
    }
    let token = &d.input.token;
    let plain_byte = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'=');
    let plain = |s: &str| s.bytes().all(plain_byte);
    let only = d.segments.iter().all(|s| {
        (d.unencoded_payload && s.part == super::Part::Payload) || token.get(s.range.clone()).is_some_and(plain)
    }) && d.sd.as_ref().is_none_or(|c| {
        // An SD-JWT's disclosures and KB-JWT: base64url, `~` and the KB-JWT's dots only.
        token.get(c.jwt.end..).is_some_and(|tail| tail.bytes().all(|b| plain_byte(b) || b == b'~' || b == b'.'))
    });
    only.then(|| token.clone())
}

/// The header and payload segments of a compact JWS, or why the mode needs one.
fn compact_jws(token: &str, mode: ShareMode) -> Result<(&str, &str), ShareError> {
    if token.starts_with('{') {
        return Err(ShareError::JsonSerialization { mode });
    }
    // An SD-JWT's modes apply to its issuer-signed JWT, before the first `~`.
    let token = token.split('~').next().unwrap_or(token);
    let parts: Vec<&str> = token.split('.').collect();
    match parts.as_slice() {
        [header, payload, _] => Ok((header, payload)),
        [_, _, _, _, _] => Err(ShareError::Jwe { mode }),
        _ => Err(ShareError::Parts { parts: parts.len(), mode }),
    }
}

/// The payload segment of the redacted token: base64url of the claims as compact JSON,
/// in their order (duplicates too), every value but the kept times replaced.
fn redacted_payload(token: &str) -> Result<String, ShareError> {
    let d = token::decode(token);
    if d.form != Form::Jws {
        // `compact_jws` has already refused these; keep this total anyway.
        return Err(ShareError::NotJws);
    }
    if d.unencoded_payload {
        return Err(ShareError::UnencodedPayload);
    }
    let json = match &d.payload {
        Payload::Json(j) => j,
        Payload::Detached => return Err(ShareError::DetachedPayload),
        Payload::Absent => return Err(ShareError::PayloadNotDecoded),
        _ => return Err(ShareError::PayloadNotJson),
    };
    let Some(root) = json.root() else {
        return Err(ShareError::PayloadInvalidJson);
    };
    let Value::Object(members) = &root.value else {
        return Err(ShareError::PayloadNotObject { found: root.value.type_name() });
    };
    let src = json.text.as_str();
    let mut out = String::from("{");
    for (i, m) in members.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(src.get(m.key_span.clone()).unwrap_or("\"\""));
        out.push(':');
        if KEPT_CLAIMS.contains(&m.key.as_str()) {
            out.push_str(&compact(src, &m.value));
        } else {
            out.push('"');
            out.push_str(REDACTED);
            out.push('"');
        }
    }
    out.push('}');
    Ok(base64url::encode(out.as_bytes()))
}

/// Percent-encodes every byte outside base64url (`A–Z a–z 0–9 - _`) and `.`, as
/// `encodeURIComponent` would, so `decodeURIComponent` gives the text back.
pub fn percent_encode(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::json::Node;
    use crate::jwt::token::decode;

    /// RFC 7515 Appendix A.1.
    const A1: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    fn b64(s: &str) -> String {
        base64url::encode(s.as_bytes())
    }

    /// What the page reads back from a fragment: the inverse of `percent_encode`
    /// (`decodeURIComponent` in the browser).
    fn percent_decode(text: &str) -> String {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }

    fn shared(token: &str, mode: ShareMode) -> String {
        let fragment = share_fragment(token, mode).unwrap_or_else(|e| panic!("{mode:?}: {e}"));
        percent_decode(fragment.strip_prefix("#token=").expect("starts with #token="))
    }

    fn keys(node: &Node) -> Vec<&str> {
        match &node.value {
            Value::Object(ms) => ms.iter().map(|m| m.key.as_str()).collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn modes_have_stable_values() {
        for mode in ShareMode::ALL {
            assert_eq!(ShareMode::from_value(mode.as_str()), mode);
        }
        assert_eq!(ShareMode::ALL.map(ShareMode::as_str), ["full", "no-signature", "redacted"]);
        assert_eq!(ShareMode::from_value("nonsense"), ShareMode::Full);
    }

    #[test]
    fn full_carries_the_token_only() {
        assert_eq!(share_fragment(A1, ShareMode::Full).unwrap(), format!("#token={A1}"));
        // What was around the token is not shared.
        assert_eq!(
            share_fragment(&format!("Authorization: Bearer {A1}\n"), ShareMode::Full).unwrap(),
            format!("#token={A1}")
        );
        assert_eq!(
            share_fragment("  ", ShareMode::Full).map_err(|e| e.to_string()),
            Err("there is no token to share".into())
        );
    }

    #[test]
    fn full_percent_encodes_a_json_serialized_token() {
        let json = r#"{"payload":"eyJhIjoxfQ","signatures":[{"protected":"eyJhbGciOiJIUzI1NiJ9","signature":"c2ln"}]}"#;
        let fragment = share_fragment(json, ShareMode::Full).unwrap();
        assert!(fragment.starts_with("#token=%7B%22payload%22%3A%22eyJhIjoxfQ%22%2C"), "{fragment}");
        assert!(fragment[1..].bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.%=".contains(&b)), "{fragment}");
        let back = shared(json, ShareMode::Full);
        assert_eq!(back, json);
        let (a, b) = (decode(json), decode(&back));
        assert_eq!(a.header, b.header);
        assert_eq!(a.payload, b.payload);
        assert!(b.json.is_some());
        assert_eq!(percent_encode("a+b/c=é&"), "a%2Bb%2Fc%3D%C3%A9%26");
    }

    #[test]
    fn no_signature_keeps_header_and_payload() {
        let back = shared(A1, ShareMode::NoSignature);
        let (h, rest) = A1.split_once('.').unwrap();
        let (p, _) = rest.split_once('.').unwrap();
        assert_eq!(back, format!("{h}.{p}."));
        let (a, b) = (decode(A1), decode(&back));
        assert_eq!(a.header, b.header);
        assert_eq!(a.payload, b.payload);
        assert_eq!(b.signature(), Some(&[][..]));
    }

    #[test]
    fn signature_removal_needs_a_compact_jws() {
        let jwe = "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d";
        for mode in [ShareMode::NoSignature, ShareMode::Redacted] {
            let err = share_fragment(jwe, mode).unwrap_err().to_string();
            assert!(err.starts_with("the token is a JWE (5 parts)"), "{err}");
            let err = share_fragment(r#"{"payload":"e30","signature":"c2ln"}"#, mode).unwrap_err().to_string();
            assert!(err.starts_with("the token is in the JSON serialization"), "{err}");
            let err = share_fragment("a.b", mode).unwrap_err().to_string();
            assert!(err.starts_with("the token has 2 parts"), "{err}");
        }
        assert!(share_fragment(jwe, ShareMode::Full).is_ok());
    }

    #[test]
    fn redacted_keeps_times_header_and_keys() {
        let header = r#"{"alg":"RS256","kid":"k1","typ":"JWT"}"#;
        let payload = "{\"sub\":\"alice\", \"exp\": 1700000000,\"iat\":1.5e9,\"nbf\":1699990000,\
                       \"roles\":[\"admin\"],\"n\\u00e9\":{\"a\":1},\"sub\":\"bob\",\"email\":null}";
        let token = format!("{}.{}.c2ln", b64(header), b64(payload));
        let back = shared(&token, ShareMode::Redacted);
        assert!(back.starts_with(&format!("{}.", b64(header))));
        assert!(back.ends_with('.'));
        let (a, b) = (decode(&token), decode(&back));
        assert_eq!(a.header, b.header);
        // The one problem is the removed signature, which the page reports as it should.
        let codes: Vec<&str> = b.problems.iter().map(|p| p.code.as_str()).collect();
        assert_eq!(codes, ["empty-segment"]);
        let claims = b.claims().unwrap();
        assert_eq!(keys(claims), keys(a.claims().unwrap()));
        let Payload::Json(j) = &b.payload else { panic!("not JSON") };
        assert_eq!(
            j.text,
            "{\"sub\":\"[redacted]\",\"exp\":1700000000,\"iat\":1.5e9,\"nbf\":1699990000,\"roles\":\"[redacted]\",\
             \"n\\u00e9\":\"[redacted]\",\"sub\":\"[redacted]\",\"email\":\"[redacted]\"}"
        );
        assert_eq!(b.signature(), Some(&[][..]));
    }

    #[test]
    fn redaction_needs_a_json_object_payload() {
        let h = b64(r#"{"alg":"HS256"}"#);
        let cases = [
            (
                format!("{h}.{}.c2ln", b64("[1,2]")),
                "the payload is an array, not a JSON object, so it cannot be redacted",
            ),
            (format!("{h}.{}.c2ln", b64("hello")), "the payload is not JSON, so it cannot be redacted"),
            (format!("{h}.{}.c2ln", b64("{\"a\":")), "the payload is not valid JSON, so it cannot be redacted"),
            (format!("{h}..c2ln"), "the payload is detached (empty), so there is nothing to redact"),
            (format!("{h}.e!.c2ln"), "the payload could not be decoded, so it cannot be redacted"),
        ];
        for (token, want) in cases {
            let carried = !token.contains('!');
            if carried {
                assert_eq!(
                    share_fragment(&token, ShareMode::Redacted).map_err(|e| e.to_string()),
                    Err(want.to_string()),
                    "{token}"
                );
            }
            // A segment with a character outside base64url is not carried at all.
            assert_eq!(share_fragment(&token, ShareMode::NoSignature).is_ok(), carried, "{token}");
        }
        let unencoded = format!("{}.{{\"a\":1}}.c2ln", b64(r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#));
        let err = share_fragment(&unencoded, ShareMode::Redacted).unwrap_err().to_string();
        assert!(err.starts_with("the payload is not base64url-encoded (b64: false)"), "{err}");
        // Without the signature, the unencoded payload travels percent-encoded.
        assert_eq!(decode(&shared(&unencoded, ShareMode::NoSignature)).claims(), decode(&unencoded).claims());
    }

    #[test]
    fn only_the_token_is_ever_carried_never_the_text_around_it() {
        // The token is found in a curl command, a cookie line, a header: only it travels.
        for pasted in [
            format!("curl -u user:hunter2 -H 'Authorization: Bearer {A1}' https://x"),
            format!("Cookie: sid=hunter2; session={A1}; theme=dark"),
            format!("Authorization: Bearer {A1}"),
        ] {
            assert_eq!(token_only(&pasted).as_deref(), Some(A1), "{pasted}");
            for mode in ShareMode::ALL {
                let fragment = share_fragment(&pasted, mode).unwrap();
                assert!(!fragment.contains("hunter2") && !fragment.contains("curl"), "{fragment}");
            }
        }
        // No token found: the paste itself would travel; nothing does.
        for pasted in [
            "curl -u user:hunter2 https://api.example.com/x",
            "user:hunter2@host.example.com",
            "hunter2 is the password",
            &format!("{A1} password=hunter2"),
            &format!("{A1}\u{202E}"),
            r#"{"password":"hunter2","x":"a.b.c"}"#,
            r#"{"payload":"e30","signature":"c2ln","password":"hunter2"}"#,
            &format!("{A1}~password hunter2~"),
            &format!("{A1}~WyJhIiwiYiJd~\u{202E}"),
        ] {
            assert_eq!(token_only(pasted), None, "{pasted}");
            for mode in ShareMode::ALL {
                assert!(share_fragment(pasted, mode).is_err(), "{pasted} {mode:?}");
            }
        }
        // Tokens of every form are carried whole.
        let json = r#"{"payload":"eyJhIjoxfQ","signatures":[{"protected":"eyJhbGciOiJIUzI1NiJ9","signature":"c2ln"}]}"#;
        let unencoded = format!("{}.{{\"a\":1}}.c2ln", b64(r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#));
        let jwe = "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d";
        let sd = format!("{A1}~WyJhIiwiYiJd~~{A1}");
        for t in [A1, json, &unencoded, jwe, &format!("{}..c2ln", b64(r#"{"alg":"HS256"}"#)), &sd] {
            assert_eq!(token_only(t).as_deref(), Some(t));
            assert_eq!(token_only(&format!("  \"{t}\"\n")).as_deref(), Some(t));
        }
    }

    #[test]
    fn odd_input_never_panics() {
        for input in ["", ".", "..", "...", "a.b.c", "é.é.é", "{", "%", "\u{202E}.x.y", "a.b.c.d.e.f"] {
            for mode in ShareMode::ALL {
                let _ = share_fragment(input, mode);
            }
        }
    }
}
