//! The signature walkthrough's messages: what the page asks the verifier (a token and a
//! key) and what it answers (the signature check, step by step). No cryptography here: the
//! page builds the request and reads the answer; `walkthrough` (in the worker) computes it.
//!
//! Both travel as JSON text, written and read by this module (`"kind":"walk"`).

use crate::jwt::json::{self, Node, Value};
use crate::jwt::verdict::SecretEncoding;

/// What the page asks: walk through the signature check of `token` with `key`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WalkRequest {
    /// Echoed in the answer, so the page keeps only the answer to its latest question.
    pub id: u32,
    pub token: String,
    pub key: String,
    pub encoding: SecretEncoding,
}

/// One value shown in a step: a stable slug (`"hash"`, `"em"`, `"computed"`, …), its
/// label, and its text (lowercase hex unless it is text).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WalkField {
    pub key: String,
    pub label: String,
    pub value: String,
}

/// One step of the check: a stable slug (`"signing-input"`, `"hmac"`, `"compare"`, …), a
/// title, one or two plain sentences, and the values it computed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WalkStep {
    pub key: String,
    pub title: String,
    pub explain: String,
    pub fields: Vec<WalkField>,
}

/// The signature check, step by step.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Walkthrough {
    pub id: u32,
    /// The token's `alg`, as written.
    pub alg: String,
    pub steps: Vec<WalkStep>,
    /// Whether the signature holds; `None` when the check could not run (see `error`).
    pub holds: Option<bool>,
    /// The byte index where the computed and the expected values first differ.
    pub first_difference: Option<usize>,
    /// Why there is no walkthrough (no key, wrong key type, a JWE, alg `none`, …).
    pub error: Option<String>,
}

impl WalkField {
    pub fn new(key: impl Into<String>, label: impl Into<String>, value: impl Into<String>) -> Self {
        WalkField { key: key.into(), label: label.into(), value: value.into() }
    }
}

impl WalkStep {
    pub fn new(key: impl Into<String>, title: impl Into<String>, explain: impl Into<String>) -> Self {
        WalkStep { key: key.into(), title: title.into(), explain: explain.into(), fields: Vec::new() }
    }

    /// Adds a field (builder style).
    pub fn field(mut self, key: impl Into<String>, label: impl Into<String>, value: impl Into<String>) -> Self {
        self.fields.push(WalkField::new(key, label, value));
        self
    }

    /// The value of the field with this slug.
    pub fn value(&self, key: &str) -> Option<&str> {
        self.fields.iter().find(|f| f.key == key).map(|f| f.value.as_str())
    }
}

impl Walkthrough {
    /// The step with this slug.
    pub fn step(&self, key: &str) -> Option<&WalkStep> {
        self.steps.iter().find(|s| s.key == key)
    }
}

// ---- JSON wire format ----

fn items(node: Option<&Node>) -> &[Node] {
    match node.map(|n| &n.value) {
        Some(Value::Array(items)) => items,
        _ => &[],
    }
}

fn string(node: &Node, name: &str) -> String {
    node.get(name).and_then(Node::as_str).unwrap_or_default().to_string()
}

impl WalkRequest {
    pub fn to_json(&self) -> String {
        format!(
            "{{\"kind\":\"walk\",\"id\":{},\"token\":{},\"key\":{},\"encoding\":{}}}",
            self.id,
            json::quote(&self.token),
            json::quote(&self.key),
            json::quote(self.encoding.value())
        )
    }

    pub fn from_json(text: &str) -> Option<WalkRequest> {
        let doc = json::parse(text).ok()?;
        let r = &doc.root;
        Some(WalkRequest {
            id: r.get("id")?.as_f64()? as u32,
            token: r.get("token")?.as_str()?.to_string(),
            key: r.get("key")?.as_str()?.to_string(),
            encoding: SecretEncoding::from_value(r.get("encoding").and_then(Node::as_str).unwrap_or_default()),
        })
    }
}

impl Walkthrough {
    pub fn to_json(&self) -> String {
        let steps: Vec<String> = self
            .steps
            .iter()
            .map(|s| {
                let fields: Vec<String> = s
                    .fields
                    .iter()
                    .map(|f| {
                        format!(
                            "{{\"key\":{},\"label\":{},\"value\":{}}}",
                            json::quote(&f.key),
                            json::quote(&f.label),
                            json::quote(&f.value)
                        )
                    })
                    .collect();
                format!(
                    "{{\"key\":{},\"title\":{},\"explain\":{},\"fields\":[{}]}}",
                    json::quote(&s.key),
                    json::quote(&s.title),
                    json::quote(&s.explain),
                    fields.join(",")
                )
            })
            .collect();
        format!(
            "{{\"kind\":\"walk\",\"id\":{},\"alg\":{},\"steps\":[{}],\"holds\":{},\"first_difference\":{},\"error\":{}}}",
            self.id,
            json::quote(&self.alg),
            steps.join(","),
            self.holds.map_or("null".to_string(), |h| h.to_string()),
            self.first_difference.map_or("null".to_string(), |i| i.to_string()),
            json::quote_or_null(self.error.as_deref())
        )
    }

    pub fn from_json(text: &str) -> Option<Walkthrough> {
        let doc = json::parse(text).ok()?;
        let r = &doc.root;
        let steps = items(r.get("steps"))
            .iter()
            .filter(|s| s.is_object())
            .map(|s| WalkStep {
                key: string(s, "key"),
                title: string(s, "title"),
                explain: string(s, "explain"),
                fields: items(s.get("fields"))
                    .iter()
                    .filter(|f| f.is_object())
                    .map(|f| WalkField { key: string(f, "key"), label: string(f, "label"), value: string(f, "value") })
                    .collect(),
            })
            .collect();
        Some(Walkthrough {
            id: r.get("id")?.as_f64()? as u32,
            alg: string(r, "alg"),
            steps,
            holds: match r.get("holds").map(|h| &h.value) {
                Some(Value::Bool(b)) => Some(*b),
                _ => None,
            },
            first_difference: r
                .get("first_difference")
                .and_then(Node::as_f64)
                .filter(|i| *i >= 0.0 && i.fract() == 0.0)
                .map(|i| i as usize),
            error: r.get("error").and_then(Node::as_str).map(str::to_string),
        })
    }
}

/// The tamper demo: the token with one character of one payload claim changed, and the
/// header and signature left as they were, so the signature no longer holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tampered {
    pub token: String,
    /// The claim that was changed, and its value before and after (as JSON text).
    pub claim: String,
    pub before: String,
    pub after: String,
}

/// Changes the last letter or digit of a string claim (`sub`, `name` or `email` if there is
/// one, else the first string claim) of a compact JWS, keeping the JSON valid. `None` when
/// the token has no such claim.
pub fn tamper(token: &str) -> Option<Tampered> {
    let d = crate::jwt::token::decode(token);
    if d.form != crate::jwt::token::Form::Jws || d.json.is_some() || d.unencoded_payload {
        return None;
    }
    let crate::jwt::token::Payload::Json(j) = &d.payload else { return None };
    let Value::Object(members) = &j.root()?.value else { return None };
    let candidate = |m: &&json::Member| {
        matches!(m.value.value, Value::String(_)) && last_plain_alnum(&j.text[m.value.span.clone()]).is_some()
    };
    let member = ["sub", "name", "email"]
        .iter()
        .find_map(|name| members.iter().filter(|m| m.key == *name).find(candidate))
        .or_else(|| members.iter().find(candidate))?;
    let span = member.value.span.clone();
    let raw = j.text.get(span.clone())?;
    let at = last_plain_alnum(raw)?;
    let old = raw.as_bytes()[at];
    let new = match old {
        b'9' => b'0',
        b'z' => b'a',
        b'Z' => b'A',
        b => b + 1,
    };
    let mut after = raw.to_string();
    after.replace_range(at..at + 1, &(new as char).to_string());
    let mut text = j.text.clone();
    text.replace_range(span, &after);
    // Segment ranges are in the token as found in the pasted text (without a Bearer prefix,
    // quotes, a curl command…), not in the pasted text itself.
    let found = &d.input.token;
    let header = found.get(d.segment(crate::jwt::problem::Part::Header)?.range.clone())?;
    let signature = found.get(d.segment(crate::jwt::problem::Part::Signature)?.range.clone())?;
    Some(Tampered {
        token: format!("{header}.{}.{signature}", crate::jwt::base64url::encode(text.as_bytes())),
        claim: member.key.clone(),
        before: raw.to_string(),
        after,
    })
}

/// The byte offset of the last ASCII letter or digit of a JSON string lexeme that is not
/// part of an escape sequence.
fn last_plain_alnum(raw: &str) -> Option<usize> {
    let bytes = raw.as_bytes();
    let (mut i, mut last) = (1, None);
    while i + 1 < bytes.len() {
        match bytes[i] {
            b'\\' => i += if bytes.get(i + 1) == Some(&b'u') { 6 } else { 2 },
            b if b.is_ascii_alphanumeric() => {
                last = Some(i);
                i += 1;
            }
            _ => i += 1,
        }
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_messages_round_trip() {
        let req = WalkRequest {
            id: 3,
            token: "a.b.c".into(),
            key: "-----BEGIN PUBLIC KEY-----\n\"q\"\\\t\u{1}é".into(),
            encoding: SecretEncoding::Base64,
        };
        let text = req.to_json();
        assert!(text.starts_with("{\"kind\":\"walk\""), "{text}");
        assert_eq!(WalkRequest::from_json(&text), Some(req));

        let walk = Walkthrough {
            id: 4,
            alg: "HS256".into(),
            steps: vec![
                WalkStep::new("signing-input", "Signing input", "The \"text\"\nsigned.")
                    .field("signing-input", "Text", "eyJ…")
                    .field("signing-input-hex", "Bytes", "6579"),
                WalkStep::new("compare", "Compare", "")
                    .field("computed", "Computed", "00")
                    .field("actual", "Actual", "01"),
                WalkStep::default(),
            ],
            holds: Some(false),
            first_difference: Some(0),
            error: None,
        };
        let text = walk.to_json();
        assert!(text.contains("\"kind\":\"walk\""), "{text}");
        assert_eq!(Walkthrough::from_json(&text), Some(walk));

        let failed = Walkthrough { id: 5, error: Some("Error: no key.".into()), ..Walkthrough::default() };
        assert_eq!(Walkthrough::from_json(&failed.to_json()), Some(failed));
        assert_eq!(Walkthrough::from_json("not json"), None);
        assert_eq!(WalkRequest::from_json("{\"kind\":\"walk\"}"), None);
    }

    #[test]
    fn tamper_changes_one_character_of_a_claim() {
        // RFC 7515 A.1: no sub, name or email; "iss":"joe" is the first string claim.
        let a1 = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        let t = tamper(a1).unwrap();
        assert_eq!((t.claim.as_str(), t.before.as_str(), t.after.as_str()), ("iss", "\"joe\"", "\"jof\""));
        let d = crate::jwt::decode(&t.token);
        assert!(d.problems.is_empty());
        assert!(t.token.starts_with("eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9."));
        assert!(t.token.ends_with(".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
        let claims = d.claims().unwrap();
        assert_eq!(claims.get("iss").and_then(Node::as_str), Some("jof"));
        // sub is preferred; escapes are left alone; 9 wraps to 0.
        let tok = |p: &str| format!("eyJhbGciOiJIUzI1NiJ9.{}.c2ln", crate::jwt::base64url::encode(p.as_bytes()));
        let t = tamper(&tok(r#"{"iss":"a","sub":"user-1049\u0041!"}"#)).unwrap();
        assert_eq!((t.claim.as_str(), t.after.as_str()), ("sub", r#""user-1040\u0041!""#));
        assert!(tamper(&tok(r#"{"n":1,"s":"--"}"#)).is_none());
        assert!(tamper("not a token").is_none());
        // Found by fuzzing: a token pasted with a curl command around it.
        let pasted = format!("curl -H \"Authorization: Bearer {a1}\" https://x");
        let t = tamper(&pasted).unwrap();
        assert!(crate::jwt::decode(&t.token).problems.is_empty(), "{}", t.token);
        assert_eq!(t.after, "\"jof\"");
        assert!(tamper("").is_none());
    }
}
