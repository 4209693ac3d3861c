//! The messages between the page and the verifier worker, as Rust types. The page asks a
//! [`Question`] (verify, which also decrypts a JWE; sign; encrypt; keys; walk; inspect;
//! `sd-issue` and `present` for SD-JWTs; gallery; and the benchmark's `bench`), the worker answers with an [`Answer`] carrying the question's
//! id. Both travel as JSON text, tagged by `"kind"`, and are parsed once on each side: the
//! worker reads questions and writes answers with `serde_json`; the page writes questions
//! and reads answers with its own codec ([`page`]), the same JSON without `serde_json`'s
//! cost to its first load. Nothing here needs cryptography: the page builds questions and
//! reads answers; `service` (in the worker) computes them.
//!
//! Questions carry keys, and some answers too (a generated key, the key that verifies a
//! signed token): whoever holds their text zeroizes it once used, and nothing here logs
//! or keeps it.
//!
//! The located reader (`json`) stays for what the user pastes: a debugger needs spans,
//! member order and duplicates, which serde drops.

mod page;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use page::{ExtrasReader, extras, gallery_question, parse as parse_answer, report_of};

use super::profile::{Binding, BindingKind, Check, CheckStatus, Profile};
use super::sd::{DisclosureStatus, SdReport};
use super::teach::gallery::Example;
use super::verdict::{KeySummary, Outcome, SecretEncoding};
use super::warning::{Warning, WarningCode};

/// What the page asks the verifier: check a token's signature, or decrypt a JWE.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Request {
    /// Echoed in the report, so the page keeps only the answer to its latest question.
    pub id: u32,
    pub token: String,
    pub key: String,
    pub encoding: SecretEncoding,
    /// Content of a detached payload, if the user gave one.
    pub detached: Option<String>,
    /// Check against the key embedded in the token instead of the key box.
    pub use_embedded: bool,
    /// `key` is the deployment's `trusted-keys.json`: only a key whose `kid` (or RFC 7638
    /// thumbprint) is the token's `kid` may verify it, and the verdict names it.
    pub trusted: bool,
}

/// What the verifier answers to a [`Request`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub id: u32,
    pub outcome: Outcome,
    /// Every key recognised in the key box, in order.
    pub keys: Vec<KeySummary>,
    /// Notes on JWKS entries that were skipped.
    pub skipped: Vec<String>,
    /// The plaintext of a JWE that decrypted (base64url on the wire).
    #[serde(with = "base64url_bytes")]
    pub plaintext: Option<Vec<u8>>,
}

/// What the page asks the worker to sign.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
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
    /// ML-DSA only: sign deterministically (the same key and input always give the same
    /// signature) rather than hedged with fresh randomness, the default (FIPS 204 §3.4).
    pub deterministic: bool,
}

/// Why the worker made no token: the sentence the page shows, worded by the signer or the
/// encrypter from its typed error (`SignError`, `RequestError`, `EncryptError`). On the
/// wire it is that string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for Refused {
    fn from(s: String) -> Self {
        Refused(s)
    }
}

/// The worker's answer to a [`SignRequest`]: the token, or the sentence saying why it
/// cannot sign (a message for the page, worded by the signer); and what the decoder needs
/// to verify the token at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignReport {
    pub id: u32,
    pub token: Result<String, Refused>,
    /// The key to put into the decoder's key box: the public half as a JWK, or the
    /// secret itself (never leaves the page).
    pub verify_key: Option<String>,
    /// How `verify_key` is encoded, for a secret.
    pub verify_encoding: SecretEncoding,
    /// The signing key's RFC 7638 thumbprint, for the `kid` helper.
    pub thumbprint: Option<String>,
    /// ML-DSA only: whether the signature was hedged (`true`) or deterministic (`false`);
    /// `None` for the other algorithms, whose signing has no such choice.
    pub hedged: Option<bool>,
}

/// What the page asks the worker to encrypt: a payload, or the signed token (nested).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
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

/// The worker's answer to an [`EncryptRequest`]: the compact JWE, or the sentence saying
/// why it cannot encrypt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EncryptReport {
    pub id: u32,
    pub token: Result<String, Refused>,
}

/// A request for keys: generate one of a kind, or convert a pasted key.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct KeysRequest {
    pub id: u32,
    /// A kind to generate (`rsa-2048`, `p-256`, …: `jwk::KeyKind`), or empty to
    /// convert `key`.
    pub generate: String,
    pub key: String,
    pub encoding: SecretEncoding,
}

/// A key in every format, as text the page shows (see `keygen::KeyBundle`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct KeysReport {
    pub id: u32,
    /// Why no key could be generated or converted.
    pub error: Option<String>,
    /// The algorithm the key is for.
    pub alg: String,
    pub description: String,
    pub thumbprint: String,
    /// (label, text) pairs: "Private key (PKCS#8 PEM)", "Public JWK", …
    pub formats: Vec<(String, String)>,
}

/// What the page asks for the signature walkthrough: the check of `token` with `key`, step
/// by step.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct WalkRequest {
    /// Echoed in the answer, so the page keeps only the answer to its latest question.
    pub id: u32,
    pub token: String,
    pub key: String,
    pub encoding: SecretEncoding,
}

/// One value shown in a step: a stable slug (`"hash"`, `"em"`, `"computed"`, …), its
/// label, and its text (lowercase hex unless it is text).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct WalkField {
    pub key: String,
    pub label: String,
    pub value: String,
}

/// One step of the check: a stable slug (`"signing-input"`, `"hmac"`, `"compare"`, …), a
/// title, one or two plain sentences, and the values it computed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct WalkStep {
    pub key: String,
    pub title: String,
    pub explain: String,
    pub fields: Vec<WalkField>,
}

/// The signature check, step by step: the answer to a [`WalkRequest`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
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

/// The example gallery, as the worker sends it (its data ships in the worker).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Gallery {
    pub id: u32,
    /// The gallery's note about its demo keys.
    pub note: Option<String>,
    pub examples: Vec<Example>,
}

/// What the extras ask about the decoder's token: its profile and that profile's checks, an
/// SD-JWT's disclosures, and the binding verdict (a KB-JWT, a DPoP proof). Needs no key: a
/// binding is checked against the key the token itself binds.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InspectRequest {
    pub id: u32,
    pub token: String,
    /// The access token or authorization code pasted beside it (`ath`, `at_hash`, `c_hash`,
    /// `cnf.jkt` are checked against it); empty when none.
    pub companion: String,
    /// The page's clock, in seconds since the epoch (the core reads no clock).
    pub now: i64,
}

/// The answer to an [`InspectRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inspection {
    pub id: u32,
    pub profile: Profile,
    pub checks: Vec<Check>,
    /// Set for an SD-JWT.
    pub sd: Option<SdReport>,
    /// Set when the token carries a proof of possession (a KB-JWT, or it is a DPoP proof).
    pub binding: Option<Binding>,
}

/// What the Encoder asks to issue an SD-JWT (RFC 9901 §4; `sd_issue::issue`): the claims and
/// array elements `disclose` names become disclosures, with decoys, `_sd_alg` and, when a
/// holder key is given, `cnf.jwk`; the issuer-signed JWT is signed as a [`SignRequest`] is.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SdIssueRequest {
    pub id: u32,
    /// The issuer-signed JWT's header as typed (it must carry `alg`).
    pub header: String,
    /// The claims as typed: a JSON object, as the holder sees it once all is disclosed.
    pub payload: String,
    /// JSON Pointers (RFC 6901) to the claims and array elements to make disclosable; one
    /// inside another's value makes a nested disclosure.
    pub disclose: Vec<String>,
    /// How many decoy digests to add (RFC 9901 §4.2.5).
    pub decoys: usize,
    /// `_sd_alg`'s name (`sha-256`, `sha-384`, `sha-512`).
    pub sd_alg: String,
    /// The holder's key (public, or private: only its public half goes into `cnf.jwk`), as
    /// pasted; `None` (or blank text) for no key binding.
    pub holder_key: Option<String>,
    /// The issuer's signing algorithm, key and how a secret in it is encoded.
    pub alg: String,
    pub key: String,
    pub encoding: SecretEncoding,
}

/// One disclosure of an issued SD-JWT (`sd_issue::IssuedDisclosure`), for the Encoder to
/// offer in a presentation.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SdDisclosure {
    /// The request's pointer that made it.
    pub pointer: String,
    /// The claim name; `None` for an array element.
    pub name: Option<String>,
    /// Its base64url text, as it stands in the SD-JWT.
    pub encoded: String,
    /// base64url of its `_sd_alg` digest (RFC 9901 §4.2.3).
    pub digest: String,
    /// The disclosure whose value holds its digest (an index into the list); `None` when
    /// the digest is in the issuer-signed payload.
    pub parent: Option<usize>,
}

/// The worker's answer to an [`SdIssueRequest`]: the SD-JWT (`<jwt>~<d1>~…~<dn>~`), or the
/// sentence saying why none was issued (worded from `sd_issue::IssueError`); its
/// disclosures in the order they stand in it; and what the decoder needs to verify the
/// issuer's signature at once (as in a [`SignReport`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SdIssueReport {
    pub id: u32,
    pub token: Result<String, Refused>,
    /// Empty when no SD-JWT was issued.
    pub disclosures: Vec<SdDisclosure>,
    /// The issuer's key to put into the decoder's key box: the public half as a JWK, or the
    /// secret itself (never leaves the page).
    pub verify_key: Option<String>,
    /// How `verify_key` is encoded, for a secret.
    pub verify_encoding: SecretEncoding,
}

/// The key binding a presentation adds (RFC 9901 §4.3; `sd_issue::KbRequest`): a KB-JWT
/// signed with the holder's private key.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct KbJwtRequest {
    /// The holder's private key, as pasted (PEM or JWK): the private half of the SD-JWT's
    /// `cnf.jwk`.
    pub key: String,
    /// The KB-JWT's signing algorithm (asymmetric).
    pub alg: String,
    /// `aud`: the verifier the presentation is for.
    pub aud: String,
    /// `nonce`: the verifier's challenge.
    pub nonce: String,
    /// `iat`: the page's clock, in seconds since the epoch (the core reads no clock).
    pub iat: i64,
}

/// What the Encoder asks to present an SD-JWT (RFC 9901 §4.3; `sd_issue::present`): the
/// disclosures to keep (with those they are nested in) and, optionally, a KB-JWT.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PresentRequest {
    pub id: u32,
    /// The SD-JWT as issued (ending with `~`, no KB-JWT).
    pub sd_jwt: String,
    /// The disclosures to keep, as indexes into the SD-JWT's disclosures.
    pub keep: Vec<usize>,
    /// The KB-JWT to add; `None` for none.
    pub kb: Option<KbJwtRequest>,
}

/// The worker's answer to a [`PresentRequest`]: the presentation, or the sentence saying
/// why none was made (worded from `sd_issue::IssueError`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PresentReport {
    pub id: u32,
    /// `<jwt>~<kept disclosures>~[<kb-jwt>]`.
    pub token: Result<String, Refused>,
    /// The disclosures kept, as indexes into the SD-JWT's, in its order.
    pub kept: Vec<usize>,
    /// Those kept without being asked for, because a kept disclosure is nested in them
    /// (RFC 9901 §7.1).
    pub parents_added: Vec<usize>,
    /// The KB-JWT's `sd_hash`, when there is one.
    pub sd_hash: Option<String>,
}

/// The benchmark's question (`e2e/bench-core.mjs`; the page never sends it, and only a
/// worker built with the `bench` feature answers it): time `op` (`decode`, `verify`,
/// `verify-wasm`, `sign`, `decrypt`) over `iterations` runs.
#[cfg(feature = "bench")]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Bench {
    pub id: u32,
    pub op: String,
    pub token: String,
    pub key: String,
    pub alg: String,
    pub header: String,
    pub payload: String,
    /// How many runs (100 if absent, at least 1).
    pub iterations: Option<f64>,
}

/// The benchmark's answer: microseconds per operation, and whether the last one succeeded.
#[cfg(feature = "bench")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BenchReport {
    pub id: u32,
    pub us: f64,
    pub ok: bool,
}

/// A question from the page, tagged by `"kind"`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Question {
    Verify(Request),
    Sign(SignRequest),
    Encrypt(EncryptRequest),
    Keys(KeysRequest),
    Walk(WalkRequest),
    Inspect(InspectRequest),
    #[serde(rename = "sd-issue")]
    SdIssue(SdIssueRequest),
    Present(PresentRequest),
    /// The example gallery (`{"kind":"gallery","id":…}`).
    Gallery {
        id: u32,
    },
    #[cfg(feature = "bench")]
    Bench(Bench),
}

/// The worker's answer, tagged by `"kind"`; each carries its question's id ([`Answer::id`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Answer {
    Verify(Report),
    Sign(SignReport),
    Encrypt(EncryptReport),
    Keys(KeysReport),
    Walk(Walkthrough),
    Inspect(Inspection),
    #[serde(rename = "sd-issue")]
    SdIssue(SdIssueReport),
    Present(PresentReport),
    Gallery(Gallery),
    #[cfg(feature = "bench")]
    Bench(BenchReport),
}

/// Why an answer could not be read: the id it carries, if even that could be read (so the
/// page can tell the slot that awaited it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable {
    pub id: Option<u32>,
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the verifier's answer could not be read")
    }
}

fn write<T: Serialize>(message: &T) -> String {
    // Writing these types cannot fail: every map key is a string, and serde_json writes a
    // non-finite float (a benchmark's time) as null.
    serde_json::to_string(message).unwrap_or_default()
}

impl Question {
    /// Reads a question (the worker); `None` if the text is not one.
    pub fn from_json(text: &str) -> Option<Question> {
        serde_json::from_str(text).ok()
    }

    /// The id the answer will carry.
    pub fn id(&self) -> u32 {
        match self {
            Question::Verify(r) => r.id,
            Question::Sign(r) => r.id,
            Question::Encrypt(r) => r.id,
            Question::Keys(r) => r.id,
            Question::Walk(r) => r.id,
            Question::Inspect(r) => r.id,
            Question::SdIssue(r) => r.id,
            Question::Present(r) => r.id,
            Question::Gallery { id } => *id,
            #[cfg(feature = "bench")]
            Question::Bench(r) => r.id,
        }
    }

    /// Zeroizes the key and every other text that may hold a secret (the encrypt request's
    /// plaintext may be a signed token; an SD-JWT's issuer and holder keys; a presentation's
    /// holder key; a benchmark's key).
    #[cfg(feature = "crypto")]
    pub fn zeroize(&mut self) {
        use zeroize::Zeroize;
        match self {
            Question::Verify(r) => r.key.zeroize(),
            Question::Sign(r) => r.key.zeroize(),
            Question::Encrypt(r) => {
                r.key.zeroize();
                r.plaintext.zeroize();
            }
            Question::Keys(r) => r.key.zeroize(),
            Question::Walk(r) => r.key.zeroize(),
            // A companion access token is a bearer credential.
            Question::Inspect(r) => r.companion.zeroize(),
            Question::SdIssue(r) => {
                r.key.zeroize();
                // A private key's public half is what it uses, but the text may be private.
                if let Some(k) = &mut r.holder_key {
                    k.zeroize();
                }
            }
            Question::Present(r) => {
                if let Some(kb) = &mut r.kb {
                    kb.key.zeroize();
                }
            }
            Question::Gallery { .. } => {}
            #[cfg(feature = "bench")]
            Question::Bench(r) => r.key.zeroize(),
        }
    }
}

impl Answer {
    /// The answer as JSON text (the worker).
    pub fn to_json(&self) -> String {
        write(self)
    }

    /// The id of the question it answers.
    pub fn id(&self) -> u32 {
        match self {
            Answer::Verify(r) => r.id,
            Answer::Sign(r) => r.id,
            Answer::Encrypt(r) => r.id,
            Answer::Keys(r) => r.id,
            Answer::Walk(r) => r.id,
            Answer::Inspect(r) => r.id,
            Answer::SdIssue(r) => r.id,
            Answer::Present(r) => r.id,
            Answer::Gallery(r) => r.id,
            #[cfg(feature = "bench")]
            Answer::Bench(r) => r.id,
        }
    }
}

impl Report {
    /// The answer as JSON text (`"kind":"verify"`).
    pub fn to_json(&self) -> String {
        Answer::Verify(self.clone()).to_json()
    }
}

// ---- types of other modules, as the wire names them ----

/// Reads a string naming one value of an enum through `find`.
struct Named<T> {
    find: fn(&str) -> Option<T>,
    what: &'static str,
}

impl<'de, T> serde::de::Visitor<'de> for Named<T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.what)
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
        (self.find)(v).ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(v), &self))
    }
}

/// A warning code travels as its stable kebab-case name (`high-s`).
impl Serialize for WarningCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for WarningCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(Named { find: WarningCode::from_code, what: "a warning code" })
    }
}

/// The stable names of the inspection's enums travel as their names (`at+jwt`, `pass`,
/// `matched`, `dpop`).
macro_rules! named {
    ($($t:ty: $what:literal),*) => {$(
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_str(Named { find: <$t>::parse, what: $what })
            }
        }
    )*};
}

named!(Profile: "a profile", CheckStatus: "a check status", DisclosureStatus: "a disclosure status", BindingKind: "a binding kind");

/// A warning travels as `[code, message]`.
impl Serialize for Warning {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (self.code, &self.message).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Warning {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (code, message) = <(WarningCode, String)>::deserialize(d)?;
        Ok(Warning { code, message })
    }
}

/// Bytes as a base64url string, or null.
mod base64url_bytes {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(b) => s.serialize_str(&crate::jwt::base64url::encode(b)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
        match Option::<String>::deserialize(d)? {
            Some(t) => crate::jwt::base64url::decode_strict(&t)
                .map(Some)
                .map_err(|_| serde::de::Error::custom("the plaintext is not base64url")),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::jwt::sd::{DisclosureReport, SdProblem};
    use crate::jwt::verdict::{CertInfo, Verdict};

    /// Every kind of question the page asks, as the page writes it, with what it means.
    pub(crate) fn questions() -> Vec<(String, Question)> {
        let verify = Request {
            id: 7,
            token: "a.b.c".into(),
            key: "-----BEGIN PUBLIC KEY-----\n\"quoted\"\\\t\u{1}é".into(),
            encoding: SecretEncoding::Hex,
            detached: Some("$.02".into()),
            use_embedded: true,
            trusted: true,
        };
        let sign = SignRequest {
            id: 3,
            header: "{\"alg\":\"HS256\"}".into(),
            payload: "x\ny".into(),
            alg: "HS256".into(),
            key: "k".into(),
            encoding: SecretEncoding::Base64,
            exact: true,
            deterministic: true,
        };
        let encrypt = EncryptRequest {
            id: 8,
            plaintext: "hello".into(),
            alg: "dir".into(),
            enc: "A128GCM".into(),
            key: "k".into(),
            encoding: SecretEncoding::Utf8,
            cty: Some("JWT".into()),
            zip: true,
        };
        let keys = KeysRequest { id: 9, generate: "p-256".into(), key: String::new(), encoding: SecretEncoding::Hex };
        let walk = WalkRequest {
            id: 4,
            token: "a.b.c".into(),
            key: "-----BEGIN PUBLIC KEY-----\n\"q\"\\\t\u{1}é".into(),
            encoding: SecretEncoding::Base64,
        };
        vec![
            (verify.to_json(), Question::Verify(verify.clone())),
            (
                Request { detached: None, ..verify.clone() }.to_json(),
                Question::Verify(Request { detached: None, ..verify }),
            ),
            (sign.to_json(), Question::Sign(sign)),
            (encrypt.to_json(), Question::Encrypt(encrypt.clone())),
            (
                EncryptRequest { cty: None, ..encrypt.clone() }.to_json(),
                Question::Encrypt(EncryptRequest { cty: None, ..encrypt }),
            ),
            (keys.to_json(), Question::Keys(keys)),
            (walk.to_json(), Question::Walk(walk)),
            (gallery_question(42), Question::Gallery { id: 42 }),
            {
                let inspect =
                    InspectRequest { id: 11, token: "a.b.c~WyJ4Il0~".into(), companion: "\"at\"\u{1}".into(), now: -3 };
                (inspect.to_json(), Question::Inspect(inspect))
            },
            {
                let issue = SdIssueRequest {
                    id: 13,
                    header: "{\"alg\":\"ES256\"}".into(),
                    payload: "{\"a\":[1,{\"b\":\"\u{1}é\"}]}".into(),
                    disclose: vec!["/a/1".into(), "/a/1/b".into(), "/x~1\"y\"".into()],
                    decoys: 4,
                    sd_alg: "sha-384".into(),
                    holder_key: Some("{\"kty\":\"EC\"}\n".into()),
                    alg: "ES256".into(),
                    key: "-----BEGIN PRIVATE KEY-----\n\"q\"".into(),
                    encoding: SecretEncoding::Hex,
                };
                (issue.to_json(), Question::SdIssue(issue))
            },
            {
                let issue = SdIssueRequest { id: 15, holder_key: None, ..SdIssueRequest::default() };
                (issue.to_json(), Question::SdIssue(issue))
            },
            {
                let present = PresentRequest {
                    id: 17,
                    sd_jwt: "a.b.c~WyJ4Il0~".into(),
                    keep: vec![0, 2, 9],
                    kb: Some(KbJwtRequest {
                        key: "{\"kty\":\"OKP\",\"d\":\"\\u0041\"}".into(),
                        alg: "EdDSA".into(),
                        aud: "https://v.example/\"a\"".into(),
                        nonce: "n\u{7f}".into(),
                        iat: -1_700_000_000,
                    }),
                };
                (present.to_json(), Question::Present(present))
            },
            {
                let present = PresentRequest { id: 19, sd_jwt: "a.b.c~".into(), keep: Vec::new(), kb: None };
                (present.to_json(), Question::Present(present))
            },
        ]
    }

    /// Every kind of answer the worker gives.
    pub(crate) fn answers() -> Vec<Answer> {
        let report = Report {
            id: 9,
            outcome: Outcome {
                verdict: Verdict::DecryptFailed,
                message: "Signature verified with \"k\"".into(),
                key: Some(1),
                warnings: vec![Warning { code: WarningCode::HighS, message: "high".into() }],
            },
            keys: vec![
                KeySummary { description: "a".into(), thumbprint: "t".into(), cert: None },
                KeySummary {
                    description: "b".into(),
                    thumbprint: "u".into(),
                    cert: Some(CertInfo {
                        subject: "CN=x".into(),
                        issuer: "CN=y".into(),
                        not_before: -5,
                        not_after: 1_900_000_000,
                    }),
                },
            ],
            skipped: vec!["entry 3 skipped".into()],
            plaintext: Some(vec![0, 159, 146, 150, b'a']),
        };
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
        let example = Example {
            id: "a".into(),
            group: "Algorithms".into(),
            title: "A".into(),
            token: "x.y.z".into(),
            key: "k".into(),
            encoding: SecretEncoding::Hex,
            nested_key: Some("n".into()),
            verdict: "verified".into(),
            warnings: vec!["long-lifetime".into()],
            problems: Vec::new(),
            explain: "Because.".into(),
        };
        vec![
            Answer::Verify(report.clone()),
            Answer::Verify(Report {
                outcome: Outcome::new(Verdict::Verified, "ok"),
                plaintext: None,
                keys: Vec::new(),
                ..report
            }),
            Answer::Sign(SignReport {
                id: 4,
                token: Ok("a.b.c".into()),
                verify_key: Some("{\"kty\":\"EC\"}".into()),
                verify_encoding: SecretEncoding::Hex,
                thumbprint: None,
                hedged: Some(false),
            }),
            Answer::Sign(SignReport {
                id: 5,
                token: Err(Refused("no key".into())),
                verify_key: None,
                verify_encoding: SecretEncoding::Utf8,
                thumbprint: Some("t".into()),
                hedged: None,
            }),
            Answer::Encrypt(EncryptReport { id: 6, token: Err(Refused("Cannot encrypt: no.".into())) }),
            Answer::Encrypt(EncryptReport { id: 6, token: Ok("a.b.c.d.e".into()) }),
            Answer::Keys(KeysReport {
                id: 7,
                error: None,
                alg: "EdDSA".into(),
                description: "d".into(),
                thumbprint: "t".into(),
                formats: vec![("Public JWK".into(), "{}".into()), ("JWKS".into(), "{\"keys\":[]}".into())],
            }),
            Answer::Keys(KeysReport { id: 8, error: Some("no".into()), ..KeysReport::default() }),
            Answer::Walk(walk),
            Answer::Walk(Walkthrough { id: 5, error: Some("Error: no key.".into()), ..Walkthrough::default() }),
            Answer::Gallery(Gallery { id: 8, note: Some("n".into()), examples: vec![example.clone()] }),
            Answer::Gallery(Gallery { id: 9, note: None, examples: vec![Example { nested_key: None, ..example }] }),
            Answer::Inspect(Inspection { id: 12, profile: Profile::Jwt, checks: Vec::new(), sd: None, binding: None }),
            Answer::Inspect(Inspection {
                id: 13,
                profile: Profile::SdJwtVc,
                checks: vec![Check { id: "vct".into(), status: CheckStatus::Skip, message: "no \"vct\"".into() }],
                sd: Some(SdReport {
                    sd_alg: "sha-256".into(),
                    disclosures: vec![
                        DisclosureReport {
                            encoded: "WyJ4Il0".into(),
                            salt: Some("s".into()),
                            name: Some("n".into()),
                            value: Some("{\"a\":[1,2.5e3]}".into()),
                            digest: "d".into(),
                            status: Some(DisclosureStatus::Matched),
                            path: Some("/n".into()),
                        },
                        DisclosureReport { status: Some(DisclosureStatus::Invalid), ..DisclosureReport::default() },
                    ],
                    payload: Some("{}".into()),
                    decoys: 3,
                    problems: vec![SdProblem { code: "sd-x".into(), disclosure: Some(1), message: "m".into() }],
                    unlisted_disclosures: 2,
                    unlisted_problems: 0,
                }),
                binding: Some(Binding { kind: BindingKind::KeyBinding, outcome: Outcome::new(Verdict::Invalid, "no") }),
            }),
            Answer::SdIssue(SdIssueReport {
                id: 14,
                token: Ok("a.b.c~WyJ4Il0~WyJ5Il0~".into()),
                disclosures: vec![
                    SdDisclosure {
                        pointer: "/a/1/b".into(),
                        name: Some("b\"\u{1}".into()),
                        encoded: "WyJ4Il0".into(),
                        digest: "d1".into(),
                        parent: Some(1),
                    },
                    SdDisclosure {
                        pointer: "/a/1".into(),
                        name: None,
                        encoded: "WyJ5Il0".into(),
                        digest: "d2".into(),
                        parent: None,
                    },
                ],
                verify_key: Some("{\"kty\":\"EC\"}".into()),
                verify_encoding: SecretEncoding::Base64,
            }),
            Answer::SdIssue(SdIssueReport {
                id: 16,
                token: Err(Refused("/x names no claim or array element of the payload (RFC 6901 §4).".into())),
                disclosures: Vec::new(),
                verify_key: None,
                verify_encoding: SecretEncoding::Utf8,
            }),
            Answer::Present(PresentReport {
                id: 18,
                token: Ok("a.b.c~WyJ4Il0~x.y.z".into()),
                kept: vec![0, 1, 7],
                parents_added: vec![1],
                sd_hash: Some("h".into()),
            }),
            Answer::Present(PresentReport {
                id: 20,
                token: Err(Refused("There is no disclosure 3: this SD-JWT has 2.".into())),
                kept: Vec::new(),
                parents_added: Vec::new(),
                sd_hash: None,
            }),
        ]
    }

    #[test]
    fn serde_round_trips() {
        for (_, question) in questions() {
            let text = serde_json::to_string(&question).unwrap();
            assert_eq!(Question::from_json(&text).as_ref(), Some(&question), "{text}");
        }
        for answer in answers() {
            let text = answer.to_json();
            assert_eq!(serde_json::from_str::<Answer>(&text).ok().as_ref(), Some(&answer), "{text}");
        }
        assert_eq!(Question::from_json("{\"kind\":\"other\",\"id\":1}"), None);
        assert_eq!(Question::from_json("not json"), None);
    }

    #[cfg(feature = "bench")]
    #[test]
    fn the_benchmark_asks_as_bench_core_writes() {
        // As e2e/bench-core.mjs writes it: extra members are ignored.
        let bench = Question::from_json(
            r#"{"op":"sign","alg":"HS256","keyAlg":"x","jwk":{"k":"v"},"key":"s","iterations":5,"kind":"bench","id":2}"#,
        );
        let Some(Question::Bench(b)) = bench else { panic!("{bench:?}") };
        assert_eq!((b.id, b.op.as_str(), b.key.as_str(), b.iterations), (2, "sign", "s", Some(5.0)));
        let answer = Answer::Bench(BenchReport { id: 2, us: 12.5, ok: true }).to_json();
        assert_eq!(answer, r#"{"kind":"bench","id":2,"us":12.5,"ok":true}"#);
    }
}
