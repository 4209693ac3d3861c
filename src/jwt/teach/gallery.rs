//! The example gallery for teaching: tokens that load with one click, each with the key that
//! checks it, the verdict, warnings and problems the page gives, and a plain explanation.
//!
//! The data is `gallery.json`, written once by `cargo run --example gallery --features crypto`
//! with demo keys that are public by design. It ships inside the verifier worker (so it costs
//! the page's first load nothing), which reads it with [`parse`] and [`note`]; the page asks
//! for it with `{"kind":"gallery","id":…}` and gets it as a `protocol::Gallery`.

use serde::{Deserialize, Serialize};

use crate::jwt::json::{self, Node, Value};
use crate::jwt::verdict::SecretEncoding;

/// The gallery's data, as generated (`cargo run --example gallery --features crypto`).
#[cfg(feature = "crypto")]
pub const GALLERY_JSON: &str = include_str!("gallery.json");

/// The groups examples belong to, in the order the page shows them.
pub const GROUPS: [&str; 4] = ["Algorithms", "Encryption", "Broken and attacked", "SD-JWT and DPoP"];

/// One example of the gallery (on the wire, with the same member names as in the file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    #[serde(default)]
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

/// Why the gallery's file could not be read: what is wrong, and where (examples are
/// numbered from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum GalleryError {
    /// The file is not JSON.
    NotJson { line: usize, column: usize, message: crate::jwt::json::JsonSyntax },
    /// The file has no `examples` array.
    NoExamples,
    /// An example is not a JSON object.
    NotAnObject { example: usize },
    /// An example lacks a string member.
    NoString { example: usize, name: &'static str },
    /// An example lacks an array member.
    NoArray { example: usize, name: &'static str },
    /// An example's array member holds something other than strings.
    NonString { example: usize, name: &'static str },
    /// An example's encoding is not one the key box knows.
    UnknownEncoding { example: usize, encoding: String },
    /// An example's `nested_key` is neither a string nor null.
    NestedKeyNotString { example: usize },
}

impl std::fmt::Display for GalleryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GalleryError::NotJson { line, column, message } => {
                write!(f, "the gallery is not valid JSON: line {line}, column {column}: {message}")
            }
            GalleryError::NoExamples => f.write_str("the gallery has no \"examples\" array"),
            GalleryError::NotAnObject { example } => write!(f, "example {example}: not an object"),
            GalleryError::NoString { example, name } => write!(f, "example {example}: no \"{name}\" string"),
            GalleryError::NoArray { example, name } => write!(f, "example {example}: no \"{name}\" array"),
            GalleryError::NonString { example, name } => {
                write!(f, "example {example}: \"{name}\" holds a non-string")
            }
            GalleryError::UnknownEncoding { example, encoding } => {
                write!(f, "example {example}: the encoding \"{encoding}\" is not utf8, base64 or hex")
            }
            GalleryError::NestedKeyNotString { example } => {
                write!(f, "example {example}: \"nested_key\" is not a string")
            }
        }
    }
}

impl std::error::Error for GalleryError {}

/// Reads the gallery's file.
pub fn parse(text: &str) -> Result<Vec<Example>, GalleryError> {
    let doc =
        json::parse(text).map_err(|e| GalleryError::NotJson { line: e.line, column: e.column, message: e.message })?;
    let Some(Value::Array(items)) = doc.root.get("examples").map(|n| &n.value) else {
        return Err(GalleryError::NoExamples);
    };
    items.iter().enumerate().map(|(i, item)| read_example(item, i + 1)).collect()
}

/// The gallery's note about its demo keys.
pub fn note(text: &str) -> Option<String> {
    json::parse(text).ok()?.root.get("note")?.as_str().map(str::to_string)
}

/// Reads example number `example` (from 1) of the file, or of the worker's answer
/// (`protocol::Gallery`, read by the page's codec).
pub(crate) fn read_example(item: &Node, example: usize) -> Result<Example, GalleryError> {
    if !item.is_object() {
        return Err(GalleryError::NotAnObject { example });
    }
    let text = |name: &'static str| -> Result<String, GalleryError> {
        item.get(name).and_then(Node::as_str).map(str::to_string).ok_or(GalleryError::NoString { example, name })
    };
    let codes = |name: &'static str| -> Result<Vec<String>, GalleryError> {
        match item.get(name).map(|n| &n.value) {
            Some(Value::Array(items)) => items
                .iter()
                .map(|c| c.as_str().map(str::to_string).ok_or(GalleryError::NonString { example, name }))
                .collect(),
            _ => Err(GalleryError::NoArray { example, name }),
        }
    };
    let encoding_name = text("encoding")?;
    let encoding = SecretEncoding::ALL
        .into_iter()
        .find(|e| e.value() == encoding_name)
        .ok_or(GalleryError::UnknownEncoding { example, encoding: encoding_name })?;
    let nested_key = match item.get("nested_key") {
        None => None,
        Some(n) if n.value == Value::Null => None,
        Some(n) => Some(n.as_str().ok_or(GalleryError::NestedKeyNotString { example })?.to_string()),
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
        let err = |text: &str| parse(text).unwrap_err().to_string();
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
        use crate::jwt::protocol::{Answer, gallery_question};
        let answer = crate::jwt::service::answer_json(&gallery_question(42)).unwrap();
        assert!(answer.starts_with("{\"kind\":\"gallery\",\"id\":42,"), "{}", &answer[..40]);
        assert!(!answer.contains('\n'));
        let Ok(Answer::Gallery(g)) = Answer::from_json(&answer) else { panic!("not a gallery") };
        assert_eq!(g.examples, parse(GALLERY_JSON).unwrap());
        assert!(!g.examples.is_empty());
        assert_eq!(g.note, note(GALLERY_JSON));
    }
}
