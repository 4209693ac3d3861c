//! The signature walkthrough's messages: what the page asks the verifier (a token and a
//! key) and what it answers (the signature check, step by step). No cryptography here: the
//! page builds the request and reads the answer; `walkthrough` (in the worker) computes it.
//!
//! Both travel as JSON text, written and read by this module (`"kind":"walk"`).

use super::json::{self, Node, Value};
use super::verdict::SecretEncoding;

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

fn opt_str(v: Option<&str>) -> String {
    v.map_or("null".to_string(), json::quote)
}

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
            opt_str(self.error.as_deref())
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
}
