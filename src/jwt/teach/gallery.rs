//! The example gallery for teaching: tokens that load with one click, each with the key that
//! checks it, the verdict, warnings and problems the page gives, and a plain explanation.
//!
//! The data is `gallery.json`, written once by `cargo run --example gallery --features crypto`
//! with demo keys that are public by design. It ships inside the verifier worker (so it costs
//! the page's first load nothing); the page asks for it with `{"kind":"gallery","id":…}` and
//! reads the answer with [`parse`], which also reads the file itself.

use crate::jwt::json::{self, Node, Value};
use crate::jwt::verdict::SecretEncoding;

/// The gallery's data, as generated (`cargo run --example gallery --features crypto`).
#[cfg(feature = "crypto")]
pub const GALLERY_JSON: &str = include_str!("gallery.json");

/// The groups examples belong to, in the order the page shows them.
pub const GROUPS: [&str; 3] = ["Algorithms", "Encryption", "Broken and attacked"];

/// One example of the gallery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// Stable, kebab-case: `hs256`, `alg-confusion`, …
    pub id: String,
    /// One of [`GROUPS`].
    pub group: String,
    pub title: String,
    pub token: String,
    /// The key to paste into the key box (a secret, PEM, JWK or JWKS; for a JWE the
    /// decryption key).
    pub key: String,
    pub encoding: SecretEncoding,
    /// For a nested JWT: the key that verifies the inner token.
    pub nested_key: Option<String>,
    /// What the page concludes (`data-verdict`).
    pub verdict: String,
    /// The warning codes the page shows, sorted.
    pub warnings: Vec<String>,
    /// The decode problem codes, in the order the decoder reports them.
    pub problems: Vec<String>,
    /// What the page concludes and why, and what a developer should learn.
    pub explain: String,
}

/// Reads the gallery: the generated file, or the worker's answer to a `gallery` request.
pub fn parse(text: &str) -> Result<Vec<Example>, String> {
    let doc = json::parse(text)
        .map_err(|e| format!("the gallery is not valid JSON: line {}, column {}: {}", e.line, e.column, e.message))?;
    let Some(Value::Array(items)) = doc.root.get("examples").map(|n| &n.value) else {
        return Err("the gallery has no \"examples\" array".into());
    };
    items.iter().enumerate().map(|(i, item)| example(item).map_err(|e| format!("example {}: {e}", i + 1))).collect()
}

/// The gallery's note about its demo keys.
pub fn note(text: &str) -> Option<String> {
    json::parse(text).ok()?.root.get("note")?.as_str().map(str::to_string)
}

fn example(item: &Node) -> Result<Example, String> {
    if !item.is_object() {
        return Err("not an object".into());
    }
    let text = |name: &str| -> Result<String, String> {
        item.get(name).and_then(Node::as_str).map(str::to_string).ok_or_else(|| format!("no \"{name}\" string"))
    };
    let codes = |name: &str| -> Result<Vec<String>, String> {
        match item.get(name).map(|n| &n.value) {
            Some(Value::Array(items)) => items
                .iter()
                .map(|c| c.as_str().map(str::to_string).ok_or_else(|| format!("\"{name}\" holds a non-string")))
                .collect(),
            _ => Err(format!("no \"{name}\" array")),
        }
    };
    let encoding_name = text("encoding")?;
    let encoding = SecretEncoding::ALL
        .into_iter()
        .find(|e| e.value() == encoding_name)
        .ok_or_else(|| format!("the encoding \"{encoding_name}\" is not utf8, base64 or hex"))?;
    let nested_key = match item.get("nested_key") {
        None => None,
        Some(n) if n.value == Value::Null => None,
        Some(n) => Some(n.as_str().ok_or("\"nested_key\" is not a string")?.to_string()),
    };
    Ok(Example {
        id: text("id")?,
        group: text("group")?,
        title: text("title")?,
        token: text("token")?,
        key: text("key")?,
        encoding,
        nested_key,
        verdict: text("verdict")?,
        warnings: codes("warnings")?,
        problems: codes("problems")?,
        explain: text("explain")?,
    })
}

/// The worker's answer to `{"kind":"gallery","id":…}`: the gallery with `kind` and the
/// request's `id` added, on one line.
#[cfg(feature = "crypto")]
pub fn gallery_answer(request: &str) -> String {
    let id = json::parse(request).ok().and_then(|d| d.root.get("id").and_then(Node::as_f64)).unwrap_or(0.0) as u32;
    let body = crate::jwt::signing::compact(GALLERY_JSON).unwrap_or_else(|| "{\"examples\":[]}".into());
    let rest = body.strip_prefix('{').unwrap_or("\"examples\":[]}");
    let sep = if rest.starts_with('}') { "" } else { "," };
    format!("{{\"kind\":\"gallery\",\"id\":{id}{sep}{rest}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"{"note":"Demo keys.","examples":[
        {"id":"a","group":"Algorithms","title":"A","token":"x.y.z","key":"k","encoding":"hex",
         "verdict":"verified","warnings":["long-lifetime"],"problems":[],"explain":"Because."},
        {"id":"b","group":"Encryption","title":"B","token":"t","key":"k2","encoding":"utf8","nested_key":"n",
         "verdict":"decrypted","warnings":[],"problems":["payload-base64"],"explain":"So."}]}"#;

    #[test]
    fn reads_examples() {
        let got = parse(SMALL).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(
            got[0],
            Example {
                id: "a".into(),
                group: "Algorithms".into(),
                title: "A".into(),
                token: "x.y.z".into(),
                key: "k".into(),
                encoding: SecretEncoding::Hex,
                nested_key: None,
                verdict: "verified".into(),
                warnings: vec!["long-lifetime".into()],
                problems: Vec::new(),
                explain: "Because.".into(),
            }
        );
        assert_eq!((got[1].nested_key.as_deref(), got[1].encoding), (Some("n"), SecretEncoding::Utf8));
        assert_eq!(got[1].problems, ["payload-base64"]);
        assert_eq!(note(SMALL).as_deref(), Some("Demo keys."));
    }

    #[test]
    fn says_what_is_wrong() {
        let err = |text: &str| parse(text).unwrap_err();
        assert!(err("{").contains("line 1"), "{}", err("{"));
        assert!(err("{\"note\":\"n\"}").contains("no \"examples\""));
        assert!(err(&SMALL.replace("\"hex\"", "\"base32\"")).starts_with("example 1: the encoding \"base32\""));
        assert_eq!(err(&SMALL.replace("\"title\":\"B\",", "")), "example 2: no \"title\" string");
        assert_eq!(err(&SMALL.replace("[\"long-lifetime\"]", "[1]")), "example 1: \"warnings\" holds a non-string");
        assert_eq!(err("{\"examples\":[1]}"), "example 1: not an object");
    }

    #[cfg(feature = "crypto")]
    #[test]
    fn the_worker_answers_with_the_gallery() {
        let answer = crate::jwt::service::answer_json("{\"kind\":\"gallery\",\"id\":42}").unwrap();
        let doc = json::parse(&answer).unwrap();
        assert_eq!(doc.root.get("kind").and_then(Node::as_str), Some("gallery"));
        assert_eq!(doc.root.get("id").and_then(Node::as_f64), Some(42.0));
        assert!(!answer.contains('\n'));
        let examples = parse(&answer).unwrap();
        assert_eq!(examples, parse(GALLERY_JSON).unwrap());
        assert!(!examples.is_empty());
        assert_eq!(note(&answer), note(GALLERY_JSON));
    }
}
