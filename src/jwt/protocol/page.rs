//! The page's codec: the page writes questions and reads answers in the same JSON as the
//! worker's `serde_json` (the tests below hold the two to each other), but without
//! `serde_json`, which would cost the page's first load about 37 KB of gzipped wasm
//! (measured: 233,394 → 270,810 bytes) where its budget has 4 left. Answers are read with
//! the located reader the page carries anyway (`json`), in one pass: one parse of the text
//! ([`parse`], which gives its id), then what is needed taken from it. The page's program
//! takes only a verify report ([`report_of`]) and never makes an [`Answer`]; the answers
//! only the extras ask for (the walkthrough, the gallery and the inspection for their
//! panels; sign, encrypt, keys, sd-issue and present for the Encoder) are read by
//! [`extras`], which only the extras' `Crypto` calls, so the page links neither it nor
//! those types (2.3 KB of gzipped wasm for the walkthrough and gallery, measured; about
//! 4 KB more for the Encoder's three; 2.3 KB more for their signals).

use super::{
    Answer, EncryptReport, EncryptRequest, Gallery, InspectRequest, Inspection, KbJwtRequest, KeysReport, KeysRequest,
    PresentReport, PresentRequest, Refused, Report, Request, SdDisclosure, SdIssueReport, SdIssueRequest, SignReport,
    SignRequest, Unreadable, WalkField, WalkRequest, WalkStep, Walkthrough,
};
use crate::jwt::json::{self, Node, Value, quote, quote_or_null};
use crate::jwt::profile::{Binding, BindingKind, Check, CheckStatus, Profile};
use crate::jwt::sd::{DisclosureReport, DisclosureStatus, SdProblem, SdReport};
use crate::jwt::verdict::{CertInfo, KeySummary, Outcome, SecretEncoding, Verdict};
use crate::jwt::warning::{Warning, WarningCode};

impl Request {
    /// The question as JSON text (`"kind":"verify"`).
    pub fn to_json(&self) -> String {
        format!(
            "{{\"kind\":\"verify\",\"id\":{},\"token\":{},\"key\":{},\"encoding\":{},\"detached\":{},\"use_embedded\":{},\"trusted\":{}}}",
            self.id,
            quote(&self.token),
            quote(&self.key),
            quote(self.encoding.value()),
            quote_or_null(self.detached.as_deref()),
            self.use_embedded,
            self.trusted
        )
    }
}

impl SignRequest {
    /// The question as JSON text (`"kind":"sign"`).
    pub fn to_json(&self) -> String {
        format!(
            "{{\"kind\":\"sign\",\"id\":{},\"header\":{},\"payload\":{},\"alg\":{},\"key\":{},\"encoding\":{},\"exact\":{},\"deterministic\":{}}}",
            self.id,
            quote(&self.header),
            quote(&self.payload),
            quote(&self.alg),
            quote(&self.key),
            quote(self.encoding.value()),
            self.exact,
            self.deterministic
        )
    }
}

impl EncryptRequest {
    /// The question as JSON text (`"kind":"encrypt"`).
    pub fn to_json(&self) -> String {
        format!(
            "{{\"kind\":\"encrypt\",\"id\":{},\"plaintext\":{},\"alg\":{},\"enc\":{},\"key\":{},\"encoding\":{},\"cty\":{},\"zip\":{}}}",
            self.id,
            quote(&self.plaintext),
            quote(&self.alg),
            quote(&self.enc),
            quote(&self.key),
            quote(self.encoding.value()),
            quote_or_null(self.cty.as_deref()),
            self.zip
        )
    }
}

impl KeysRequest {
    /// The question as JSON text (`"kind":"keys"`).
    pub fn to_json(&self) -> String {
        format!(
            "{{\"kind\":\"keys\",\"id\":{},\"generate\":{},\"key\":{},\"encoding\":{}}}",
            self.id,
            quote(&self.generate),
            quote(&self.key),
            quote(self.encoding.value())
        )
    }
}

impl WalkRequest {
    /// The question as JSON text (`"kind":"walk"`).
    pub fn to_json(&self) -> String {
        format!(
            "{{\"kind\":\"walk\",\"id\":{},\"token\":{},\"key\":{},\"encoding\":{}}}",
            self.id,
            quote(&self.token),
            quote(&self.key),
            quote(self.encoding.value())
        )
    }
}

impl InspectRequest {
    /// The question as JSON text (`"kind":"inspect"`).
    pub fn to_json(&self) -> String {
        format!(
            "{{\"kind\":\"inspect\",\"id\":{},\"token\":{},\"companion\":{},\"now\":{}}}",
            self.id,
            quote(&self.token),
            quote(&self.companion),
            self.now
        )
    }
}

impl SdIssueRequest {
    /// The question as JSON text (`"kind":"sd-issue"`).
    pub fn to_json(&self) -> String {
        let disclose: Vec<String> = self.disclose.iter().map(|p| quote(p)).collect();
        format!(
            "{{\"kind\":\"sd-issue\",\"id\":{},\"header\":{},\"payload\":{},\"disclose\":[{}],\"decoys\":{},\"sd_alg\":{},\"holder_key\":{},\"alg\":{},\"key\":{},\"encoding\":{}}}",
            self.id,
            quote(&self.header),
            quote(&self.payload),
            disclose.join(","),
            self.decoys,
            quote(&self.sd_alg),
            quote_or_null(self.holder_key.as_deref()),
            quote(&self.alg),
            quote(&self.key),
            quote(self.encoding.value())
        )
    }
}

impl PresentRequest {
    /// The question as JSON text (`"kind":"present"`).
    pub fn to_json(&self) -> String {
        let keep: Vec<String> = self.keep.iter().map(usize::to_string).collect();
        let kb = match &self.kb {
            Some(KbJwtRequest { key, alg, aud, nonce, iat }) => format!(
                "{{\"key\":{},\"alg\":{},\"aud\":{},\"nonce\":{},\"iat\":{iat}}}",
                quote(key),
                quote(alg),
                quote(aud),
                quote(nonce)
            ),
            None => "null".to_string(),
        };
        format!(
            "{{\"kind\":\"present\",\"id\":{},\"sd_jwt\":{},\"keep\":[{}],\"kb\":{kb}}}",
            self.id,
            quote(&self.sd_jwt),
            keep.join(",")
        )
    }
}

/// The gallery question as JSON text (`"kind":"gallery"`).
pub fn gallery_question(id: u32) -> String {
    format!("{{\"kind\":\"gallery\",\"id\":{id}}}")
}

// ---- reading answers ----

/// A whole number that fits `T`.
fn whole<T: TryFrom<i64>>(n: Option<&Node>) -> Option<T> {
    let f = n?.as_f64()?;
    if f.fract() != 0.0 || !(-9.0e15..=9.0e15).contains(&f) {
        return None;
    }
    T::try_from(f as i64).ok()
}

fn string(r: &Node, name: &str) -> Option<String> {
    r.get(name)?.as_str().map(str::to_string)
}

/// A member that may be `null` or absent (serde's `Option`): `Some(None)` then, `None` if it
/// is there but not what `read` reads.
fn nullable<T>(r: &Node, name: &str, read: impl FnOnce(&Node) -> Option<T>) -> Option<Option<T>> {
    match r.get(name) {
        None => Some(None),
        Some(n) if n.value == Value::Null => Some(None),
        Some(n) => read(n).map(Some),
    }
}

fn boolean(n: &Node) -> Option<bool> {
    match n.value {
        Value::Bool(b) => Some(b),
        _ => None,
    }
}

/// An array member, each item read by `read`; `None` if any is not. (A plain loop: the
/// page carries one copy of it per item type.)
fn array<T>(r: &Node, name: &str, mut read: impl FnMut(&Node) -> Option<T>) -> Option<Vec<T>> {
    let Value::Array(items) = &r.get(name)?.value else { return None };
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        out.push(read(item)?);
    }
    Some(out)
}

/// `[a, b]`, two strings.
fn pair(n: &Node) -> Option<(&str, &str)> {
    match &n.value {
        Value::Array(p) if p.len() == 2 => Some((p.first()?.as_str()?, p.get(1)?.as_str()?)),
        _ => None,
    }
}

fn encoding(r: &Node, name: &str) -> Option<SecretEncoding> {
    let v = r.get(name)?.as_str()?;
    SecretEncoding::ALL.into_iter().find(|e| e.value() == v)
}

/// serde's `Result`: `{"Ok": token}` or `{"Err": why}`.
fn token(r: &Node) -> Option<Result<String, Refused>> {
    let t = r.get("token")?;
    match &t.value {
        Value::Object(m) if m.len() == 1 => match (string(t, "Ok"), string(t, "Err")) {
            (Some(ok), None) => Some(Ok(ok)),
            (None, Some(err)) => Some(Err(Refused(err))),
            _ => None,
        },
        _ => None,
    }
}

fn outcome(o: &Node) -> Option<Outcome> {
    let verdict = o.get("verdict")?.as_str()?;
    Some(Outcome {
        verdict: Verdict::ALL.into_iter().find(|v| v.as_str() == verdict)?,
        message: string(o, "message")?,
        key: nullable(o, "key", |k| whole(Some(k)))?,
        warnings: array(o, "warnings", |w| {
            let (code, message) = pair(w)?;
            Some(Warning { code: WarningCode::from_code(code)?, message: message.to_string() })
        })?,
    })
}

fn key_summary(k: &Node) -> Option<KeySummary> {
    Some(KeySummary {
        description: string(k, "description")?,
        thumbprint: string(k, "thumbprint")?,
        cert: nullable(k, "cert", |c| {
            Some(CertInfo {
                subject: string(c, "subject")?,
                issuer: string(c, "issuer")?,
                not_before: whole(c.get("not_before"))?,
                not_after: whole(c.get("not_after"))?,
            })
        })?,
    })
}

fn report(r: &Node, id: u32) -> Option<Report> {
    Some(Report {
        id,
        outcome: outcome(r.get("outcome")?)?,
        keys: array(r, "keys", key_summary)?,
        skipped: array(r, "skipped", |s| s.as_str().map(str::to_string))?,
        plaintext: nullable(r, "plaintext", |p| crate::jwt::base64url::decode_strict(p.as_str()?).ok())?,
    })
}

fn walkthrough(r: &Node, id: u32) -> Option<Walkthrough> {
    Some(Walkthrough {
        id,
        alg: string(r, "alg")?,
        steps: array(r, "steps", |s| {
            Some(WalkStep {
                key: string(s, "key")?,
                title: string(s, "title")?,
                explain: string(s, "explain")?,
                fields: array(s, "fields", |f| {
                    Some(WalkField { key: string(f, "key")?, label: string(f, "label")?, value: string(f, "value")? })
                })?,
            })
        })?,
        holds: nullable(r, "holds", boolean)?,
        first_difference: nullable(r, "first_difference", |i| whole(Some(i)))?,
        error: nullable(r, "error", |e| e.as_str().map(str::to_string))?,
    })
}

fn inspection(r: &Node, id: u32) -> Option<Inspection> {
    let text = |n: &Node, name: &str| nullable(n, name, |v| v.as_str().map(str::to_string));
    Some(Inspection {
        id,
        profile: Profile::parse(r.get("profile")?.as_str()?)?,
        checks: array(r, "checks", |c| {
            Some(Check {
                id: string(c, "id")?,
                status: CheckStatus::parse(c.get("status")?.as_str()?)?,
                message: string(c, "message")?,
            })
        })?,
        sd: nullable(r, "sd", |sd| {
            Some(SdReport {
                sd_alg: string(sd, "sd_alg")?,
                disclosures: array(sd, "disclosures", |d| {
                    Some(DisclosureReport {
                        encoded: string(d, "encoded")?,
                        salt: text(d, "salt")?,
                        name: text(d, "name")?,
                        value: text(d, "value")?,
                        digest: string(d, "digest")?,
                        status: nullable(d, "status", |s| DisclosureStatus::parse(s.as_str()?))?,
                        path: text(d, "path")?,
                    })
                })?,
                payload: text(sd, "payload")?,
                decoys: whole(sd.get("decoys"))?,
                problems: array(sd, "problems", |p| {
                    Some(SdProblem {
                        code: string(p, "code")?,
                        disclosure: nullable(p, "disclosure", |i| whole(Some(i)))?,
                        message: string(p, "message")?,
                    })
                })?,
                unlisted_disclosures: whole(sd.get("unlisted_disclosures"))?,
                unlisted_problems: whole(sd.get("unlisted_problems"))?,
            })
        })?,
        binding: nullable(r, "binding", |b| {
            Some(Binding { kind: BindingKind::parse(b.get("kind")?.as_str()?)?, outcome: outcome(b.get("outcome")?)? })
        })?,
    })
}

/// Reads the answers of the kinds only the extras ask for (the walkthrough, the gallery and
/// the inspection for their panels; sign, encrypt, keys, sd-issue and present for the
/// Encoder), from their parsed text;
/// `None` for any other.
pub type ExtrasReader = fn(&Node, u32) -> Option<Answer>;

/// The [`ExtrasReader`].
pub fn extras(r: &Node, id: u32) -> Option<Answer> {
    let s = |name: &str| nullable(r, name, |v| v.as_str().map(str::to_string));
    Some(match r.get("kind")?.as_str()? {
        "walk" => Answer::Walk(walkthrough(r, id)?),
        "inspect" => Answer::Inspect(inspection(r, id)?),
        "gallery" => {
            let mut i = 0;
            Answer::Gallery(Gallery {
                id,
                note: nullable(r, "note", |v| v.as_str().map(str::to_string))?,
                examples: array(r, "examples", |e| {
                    i += 1;
                    crate::jwt::teach::gallery::read_example(e, i).ok()
                })?,
            })
        }
        "sign" => Answer::Sign(SignReport {
            id,
            token: token(r)?,
            verify_key: s("verify_key")?,
            verify_encoding: encoding(r, "verify_encoding")?,
            thumbprint: s("thumbprint")?,
            hedged: nullable(r, "hedged", boolean)?,
        }),
        "encrypt" => Answer::Encrypt(EncryptReport { id, token: token(r)? }),
        "sd-issue" => Answer::SdIssue(SdIssueReport {
            id,
            token: token(r)?,
            disclosures: array(r, "disclosures", |d| {
                Some(SdDisclosure {
                    pointer: string(d, "pointer")?,
                    name: nullable(d, "name", |v| v.as_str().map(str::to_string))?,
                    encoded: string(d, "encoded")?,
                    digest: string(d, "digest")?,
                    parent: nullable(d, "parent", |i| whole(Some(i)))?,
                })
            })?,
            verify_key: s("verify_key")?,
            verify_encoding: encoding(r, "verify_encoding")?,
        }),
        "present" => Answer::Present(PresentReport {
            id,
            token: token(r)?,
            kept: array(r, "kept", |i| whole(Some(i)))?,
            parents_added: array(r, "parents_added", |i| whole(Some(i)))?,
            sd_hash: s("sd_hash")?,
        }),
        "keys" => Answer::Keys(KeysReport {
            id,
            error: s("error")?,
            alg: string(r, "alg")?,
            description: string(r, "description")?,
            thumbprint: string(r, "thumbprint")?,
            formats: array(r, "formats", |f| pair(f).map(|(l, t)| (l.to_string(), t.to_string())))?,
        }),
        _ => return None,
    })
}

/// Reads the answer from its parsed text; the extras' kinds only with `extras`.
fn answer(r: &Node, id: u32, extras: Option<ExtrasReader>) -> Option<Answer> {
    Some(match r.get("kind")?.as_str()? {
        "verify" => Answer::Verify(report(r, id)?),
        _ => return extras?(r, id),
    })
}

impl Answer {
    /// Reads an answer of any kind: one parse of the text. An answer that cannot be read
    /// says the id it carries, if that much could be read.
    pub fn from_json(text: &str) -> Result<Answer, Unreadable> {
        Answer::read(text, Some(extras))
    }

    /// [`Answer::from_json`], reading the extras' kinds (walk, gallery, sign, encrypt,
    /// keys, inspect, sd-issue, present) only with `extras`.
    pub fn read(text: &str, extras: Option<ExtrasReader>) -> Result<Answer, Unreadable> {
        let (doc, id) = parse(text)?;
        answer(&doc.root, id, extras).ok_or(Unreadable { id: Some(id) })
    }
}

/// An answer's text parsed, with the id it carries: what the page's `Crypto` reads first,
/// before it reads a verify report from it ([`report_of`]) or hands it to the extras' reader
/// ([`extras`]). The page's program never makes an [`Answer`], so it links none of the
/// extras' answer types.
pub fn parse(text: &str) -> Result<(json::Document, u32), Unreadable> {
    let doc = json::parse(text).map_err(|_| Unreadable { id: None })?;
    match whole(doc.root.get("id")) {
        Some(id) => Ok((doc, id)),
        None => Err(Unreadable { id: None }),
    }
}

/// The verify report in a parsed answer; `None` if it is another kind or unreadable.
pub fn report_of(r: &Node, id: u32) -> Option<Report> {
    (r.get("kind")?.as_str()? == "verify").then(|| report(r, id)).flatten()
}

#[cfg(test)]
mod tests {
    use super::super::Question;
    use super::super::tests::{answers, questions};
    use super::*;

    #[test]
    fn the_worker_reads_what_the_page_writes() {
        for (text, question) in questions() {
            assert!(text.starts_with("{\"kind\":"), "{text}");
            let read: Question = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(read, question, "{text}");
        }
    }

    #[test]
    fn the_page_reads_what_the_worker_writes() {
        for answer in answers() {
            let text = answer.to_json();
            assert!(text.starts_with("{\"kind\":"), "{text}");
            assert_eq!(Answer::from_json(&text).as_ref(), Ok(&answer), "{text}");
        }
        assert_eq!(Answer::from_json("{\"kind\":\"verify\",\"id\":12}"), Err(Unreadable { id: Some(12) }));
        assert_eq!(Answer::from_json("{\"kind\":\"other\",\"id\":3}"), Err(Unreadable { id: Some(3) }));
        assert_eq!(Answer::from_json("{\"kind\":\"verify\",\"id\":-1}"), Err(Unreadable { id: None }));
        assert_eq!(Answer::from_json("not json"), Err(Unreadable { id: None }));
        // Without the extras' reader, only verify answers are read.
        for answer in answers() {
            let read = Answer::read(&answer.to_json(), None);
            match answer {
                Answer::Verify(_) => assert_eq!(read, Ok(answer)),
                _ => assert_eq!(read, Err(Unreadable { id: Some(answer.id()) })),
            }
        }
    }

    #[test]
    fn the_gallery_answer_reads_back() {
        #[cfg(feature = "crypto")]
        {
            let text = crate::jwt::service::answer_json(&gallery_question(42)).expect("an answer");
            let Ok(Answer::Gallery(g)) = Answer::from_json(&text) else { panic!("not a gallery") };
            assert_eq!(g.id, 42);
            assert!(!g.examples.is_empty());
        }
    }
}
