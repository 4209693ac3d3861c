//! What the encoder needs that involves no cryptography: the page's sign request and the
//! worker's answer (as JSON), JSON compaction, and editing single header or claim members
//! in the user's own text without disturbing the rest of it.

use super::json::{self, Node, Value};
use super::verdict::SecretEncoding;

/// What the page asks the worker to encrypt: a payload, or the signed token (nested).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EncryptRequest {
    pub id: u32,
    pub plaintext: String,
    pub alg: String,
    pub enc: String,
    /// The recipient's public key, or the shared secret or password.
    pub key: String,
    pub encoding: SecretEncoding,
    /// `cty` for the header: `JWT` when the plaintext is a signed token.
    pub cty: Option<String>,
    /// Compress first (`zip: DEF`).
    pub zip: bool,
}

/// The worker's answer: the compact JWE, or why it cannot encrypt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncryptReport {
    pub id: u32,
    pub token: Result<String, String>,
}

impl EncryptRequest {
    pub fn to_json(&self) -> String {
        format!(
            "{{\"kind\":\"encrypt\",\"id\":{},\"plaintext\":{},\"alg\":{},\"enc\":{},\"key\":{},\"encoding\":{},\"cty\":{},\"zip\":{}}}",
            self.id,
            json::quote(&self.plaintext),
            json::quote(&self.alg),
            json::quote(&self.enc),
            json::quote(&self.key),
            json::quote(self.encoding.value()),
            json::quote_or_null(self.cty.as_deref()),
            self.zip
        )
    }

    pub fn from_json(text: &str) -> Option<EncryptRequest> {
        let doc = json::parse(text).ok()?;
        let r = &doc.root;
        Some(EncryptRequest {
            id: r.get("id")?.as_f64()? as u32,
            plaintext: r.get("plaintext")?.as_str()?.to_string(),
            alg: r.get("alg")?.as_str()?.to_string(),
            enc: r.get("enc")?.as_str()?.to_string(),
            key: r.get("key")?.as_str()?.to_string(),
            encoding: SecretEncoding::from_value(r.get("encoding")?.as_str()?),
            cty: r.get("cty").and_then(Node::as_str).map(str::to_string),
            zip: r.get("zip").is_some_and(|b| b.value == Value::Bool(true)),
        })
    }
}

impl EncryptReport {
    pub fn to_json(&self) -> String {
        format!("{{\"kind\":\"encrypt\",\"id\":{},{}}}", self.id, token_members(&self.token))
    }

    pub fn from_json(text: &str) -> Option<EncryptReport> {
        let doc = json::parse(text).ok()?;
        let r = &doc.root;
        Some(EncryptReport { id: r.get("id")?.as_f64()? as u32, token: token_of(r) })
    }
}

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

/// What the page asks the worker to sign.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SignRequest {
    pub id: u32,
    /// The header as typed.
    pub header: String,
    /// The payload as typed.
    pub payload: String,
    pub alg: String,
    pub key: String,
    pub encoding: SecretEncoding,
    /// Sign the bytes exactly as typed, rather than compacted JSON.
    pub exact: bool,
}

/// The worker's answer: the token, or why it cannot sign; and what the decoder needs to
/// verify the token at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignReport {
    pub id: u32,
    pub token: Result<String, String>,
    /// The key to put into the decoder's key box: the public half as a JWK, or the
    /// secret itself (never leaves the page).
    pub verify_key: Option<String>,
    /// How `verify_key` is encoded, for a secret.
    pub verify_encoding: SecretEncoding,
    /// The signing key's RFC 7638 thumbprint, for the `kid` helper.
    pub thumbprint: Option<String>,
}

/// A report's outcome as its two JSON members, `"token"` and `"error"` (one is null).
fn token_members(token: &Result<String, String>) -> String {
    let (t, e) = match token {
        Ok(t) => (Some(t.as_str()), None),
        Err(e) => (None, Some(e.as_str())),
    };
    format!("\"token\":{},\"error\":{}", json::quote_or_null(t), json::quote_or_null(e))
}

/// Reads `"token"` and `"error"` back: the token if there is one, else the error.
fn token_of(r: &Node) -> Result<String, String> {
    let s = |k: &str| r.get(k).and_then(Node::as_str).map(str::to_string);
    match (s("token"), s("error")) {
        (Some(t), _) => Ok(t),
        (None, e) => Err(e.unwrap_or_default()),
    }
}

impl SignRequest {
    pub fn to_json(&self) -> String {
        format!(
            "{{\"kind\":\"sign\",\"id\":{},\"header\":{},\"payload\":{},\"alg\":{},\"key\":{},\"encoding\":{},\"exact\":{}}}",
            self.id,
            json::quote(&self.header),
            json::quote(&self.payload),
            json::quote(&self.alg),
            json::quote(&self.key),
            json::quote(self.encoding.value()),
            self.exact
        )
    }

    pub fn from_json(text: &str) -> Option<SignRequest> {
        let doc = json::parse(text).ok()?;
        let r = &doc.root;
        Some(SignRequest {
            id: r.get("id")?.as_f64()? as u32,
            header: r.get("header")?.as_str()?.to_string(),
            payload: r.get("payload")?.as_str()?.to_string(),
            alg: r.get("alg")?.as_str()?.to_string(),
            key: r.get("key")?.as_str()?.to_string(),
            encoding: SecretEncoding::from_value(r.get("encoding")?.as_str()?),
            exact: r.get("exact").is_some_and(|b| b.value == Value::Bool(true)),
        })
    }
}

impl SignReport {
    pub fn to_json(&self) -> String {
        format!(
            "{{\"kind\":\"sign\",\"id\":{},{},\"verify_key\":{},\"verify_encoding\":{},\"thumbprint\":{}}}",
            self.id,
            token_members(&self.token),
            json::quote_or_null(self.verify_key.as_deref()),
            json::quote(self.verify_encoding.value()),
            json::quote_or_null(self.thumbprint.as_deref())
        )
    }

    pub fn from_json(text: &str) -> Option<SignReport> {
        let doc = json::parse(text).ok()?;
        let r = &doc.root;
        let s = |k: &str| r.get(k).and_then(Node::as_str).map(str::to_string);
        Some(SignReport {
            id: r.get("id")?.as_f64()? as u32,
            token: token_of(r),
            verify_key: s("verify_key"),
            verify_encoding: SecretEncoding::from_value(&s("verify_encoding").unwrap_or_default()),
            thumbprint: s("thumbprint"),
        })
    }
}

/// A request for keys: generate one of a kind, or convert a pasted key.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeysRequest {
    pub id: u32,
    /// A kind to generate (`rsa-2048`, `p-256`, …), or empty to convert `key`.
    pub generate: String,
    pub key: String,
    pub encoding: SecretEncoding,
}

/// A key in every format, as text the page shows (see `keygen::KeyBundle`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeysReport {
    pub id: u32,
    pub error: Option<String>,
    /// The algorithm the key is for.
    pub alg: String,
    pub description: String,
    pub thumbprint: String,
    /// (label, text) pairs: "Private key (PKCS#8 PEM)", "Public JWK", …
    pub formats: Vec<(String, String)>,
}

impl KeysRequest {
    pub fn to_json(&self) -> String {
        format!(
            "{{\"kind\":\"keys\",\"id\":{},\"generate\":{},\"key\":{},\"encoding\":{}}}",
            self.id,
            json::quote(&self.generate),
            json::quote(&self.key),
            json::quote(self.encoding.value())
        )
    }

    pub fn from_json(text: &str) -> Option<KeysRequest> {
        let doc = json::parse(text).ok()?;
        let r = &doc.root;
        Some(KeysRequest {
            id: r.get("id")?.as_f64()? as u32,
            generate: r.get("generate")?.as_str()?.to_string(),
            key: r.get("key")?.as_str()?.to_string(),
            encoding: SecretEncoding::from_value(r.get("encoding")?.as_str()?),
        })
    }
}

impl KeysReport {
    pub fn to_json(&self) -> String {
        let formats: Vec<String> =
            self.formats.iter().map(|(l, t)| format!("[{},{}]", json::quote(l), json::quote(t))).collect();
        format!(
            "{{\"kind\":\"keys\",\"id\":{},\"error\":{},\"alg\":{},\"description\":{},\"thumbprint\":{},\"formats\":[{}]}}",
            self.id,
            json::quote_or_null(self.error.as_deref()),
            json::quote(&self.alg),
            json::quote(&self.description),
            json::quote(&self.thumbprint),
            formats.join(",")
        )
    }

    pub fn from_json(text: &str) -> Option<KeysReport> {
        let doc = json::parse(text).ok()?;
        let r = &doc.root;
        let s = |k: &str| r.get(k).and_then(Node::as_str).unwrap_or_default().to_string();
        let formats = match r.get("formats").map(|n| &n.value) {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|i| match &i.value {
                    Value::Array(pair) => {
                        Some((pair.first()?.as_str()?.to_string(), pair.get(1)?.as_str()?.to_string()))
                    }
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        Some(KeysReport {
            id: r.get("id")?.as_f64()? as u32,
            error: r.get("error").and_then(Node::as_str).map(str::to_string),
            alg: s("alg"),
            description: s("description"),
            thumbprint: s("thumbprint"),
            formats,
        })
    }
}

/// Which kind of message a JSON text is (`"kind"`), for routing.
pub fn message_kind(text: &str) -> Option<String> {
    json::parse(text).ok()?.root.get("kind")?.as_str().map(str::to_string)
}

/// JSON text without insignificant whitespace, every string and number kept exactly as
/// written (what libraries emit); `None` if the text is not JSON.
pub fn compact(text: &str) -> Option<String> {
    let doc = json::parse(text).ok()?;
    Some(super::diff::compact(text, &doc.root))
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

    #[test]
    fn messages_round_trip() {
        let req = SignRequest {
            id: 3,
            header: "{\"alg\":\"HS256\"}".into(),
            payload: "x\ny".into(),
            alg: "HS256".into(),
            key: "k".into(),
            encoding: SecretEncoding::Base64,
            exact: true,
        };
        assert_eq!(SignRequest::from_json(&req.to_json()), Some(req));
        for token in [Ok("a.b.c".to_string()), Err("no key".to_string())] {
            let rep = SignReport {
                id: 4,
                token,
                verify_key: Some("{\"kty\":\"EC\"}".into()),
                verify_encoding: SecretEncoding::Hex,
                thumbprint: None,
            };
            assert_eq!(SignReport::from_json(&rep.to_json()), Some(rep));
        }
        assert_eq!(message_kind("{\"kind\":\"sign\"}").as_deref(), Some("sign"));
    }
}
