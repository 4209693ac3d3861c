//! Selective Disclosure for JWTs (SD-JWT, RFC 9901): an issuer-signed JWT whose claims are
//! replaced by digests, the disclosures that reveal some of them, and an optional key-binding
//! JWT (KB-JWT) by which the holder proves possession of the key the issuer bound (`cnf`).
//!
//! `split` (no cryptography) finds the parts of the compact form
//! `<jwt>~<disclosure>~…~[<kb-jwt>]` for the decoder. With `crypto`, `Presentation::read` takes
//! a pasted SD-JWT apart (the compact form or the JWS JSON serialization of §8), and `process`
//! hashes each disclosure with `_sd_alg`, matches it to the payload's digests at every depth,
//! and builds the disclosed payload (`profile::kb` checks the KB-JWT). Work is linear in the
//! text (RFC 9901 §7.1 done once per digest).

use std::ops::Range;

#[cfg(feature = "crypto")]
mod process;
#[cfg(feature = "crypto")]
pub use process::{Presentation, process, process_presentation};

use serde::{Deserialize, Serialize};

/// The parts of a compact SD-JWT, as byte ranges of the text given to [`split`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Compact {
    /// The issuer-signed JWT (everything before the first `~`).
    pub jwt: Range<usize>,
    /// Each disclosure between two `~` (an empty one is kept, and refused later).
    pub disclosures: Vec<Range<usize>>,
    /// The key-binding JWT after the last `~`, when there is text there.
    pub kb_jwt: Option<Range<usize>>,
}

/// The parts of a compact SD-JWT, or `None` when the text has no `~` (a plain JWT).
/// Linear in the text; never fails otherwise.
pub fn split(text: &str) -> Option<Compact> {
    let first = text.find('~')?;
    let last = text.rfind('~').unwrap_or(first);
    let mut disclosures = Vec::new();
    if first < last {
        let mut at = first + 1;
        for piece in text[first + 1..last].split('~') {
            disclosures.push(at..at + piece.len());
            at += piece.len() + 1;
        }
    }
    let kb_jwt = (last + 1 < text.len()).then(|| last + 1..text.len());
    Some(Compact { jwt: 0..first, disclosures, kb_jwt })
}

/// What became of one disclosure; `as_str` is its stable name (`data-status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisclosureStatus {
    /// Its digest is in the payload (or in an earlier disclosure) exactly once: it is put in place.
    Matched,
    /// Its digest appears nowhere (RFC 9901 §7.1 step 5: the presentation is refused).
    Unmatched,
    /// Its digest, or its text, appears more than once.
    Duplicate,
    /// It is not base64url of a JSON array of two or three elements as §4.2 says, or it
    /// cannot stand where its digest is (a property's disclosure referenced from an array or
    /// an element's from `_sd`, a name already in its object, nested too deep): it is not
    /// put in place.
    Invalid,
}

impl DisclosureStatus {
    pub const ALL: [DisclosureStatus; 4] = [
        DisclosureStatus::Matched,
        DisclosureStatus::Unmatched,
        DisclosureStatus::Duplicate,
        DisclosureStatus::Invalid,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DisclosureStatus::Matched => "matched",
            DisclosureStatus::Unmatched => "unmatched",
            DisclosureStatus::Duplicate => "duplicate",
            DisclosureStatus::Invalid => "invalid",
        }
    }

    pub fn parse(name: &str) -> Option<DisclosureStatus> {
        DisclosureStatus::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

/// The longest JSON Pointer kept for a disclosure ([`DisclosureReport::path`]) or shown in a
/// message: past it, copying the pointer of each of many disclosures under long names would
/// cost the square of the text.
pub const MAX_POINTER: usize = 2048;

/// One disclosure as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DisclosureReport {
    /// Its base64url text as it stands in the presentation.
    pub encoded: String,
    pub salt: Option<String>,
    /// The claim name; `None` for an array element.
    pub name: Option<String>,
    /// The disclosed value as compact JSON text.
    pub value: Option<String>,
    /// base64url of `_sd_alg` over `encoded`.
    pub digest: String,
    pub status: Option<DisclosureStatus>,
    /// Where it landed, as a JSON Pointer into the disclosed payload (`/address/street`);
    /// `None` when it was not put in place, or when the pointer is longer than
    /// [`MAX_POINTER`] (2 KiB: names that long are made up, and one copy per
    /// disclosure would cost the square of the text).
    pub path: Option<String>,
}

/// What [`process`] found in an SD-JWT.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SdReport {
    /// `_sd_alg` as written, or `sha-256` when absent.
    pub sd_alg: String,
    pub disclosures: Vec<DisclosureReport>,
    /// The disclosed payload (every matched disclosure in place, `_sd`, `_sd_alg` and
    /// unmatched array digests removed) as compact JSON text, every string, name and number
    /// copied as written (the page pretty-prints it); `None` when the issuer payload is not a
    /// JSON object.
    pub payload: Option<String>,
    /// Digests in the payload, at every depth reached, that no disclosure matches.
    pub decoys: usize,
    /// What is wrong, each with a stable code (`sd-…`), in order.
    pub problems: Vec<SdProblem>,
    /// How many disclosures and problems are not listed above (past `limits::MAX_LISTED`
    /// each: the worker's answer lists the first ones; all are counted and checked).
    #[serde(default)]
    pub unlisted_disclosures: usize,
    #[serde(default)]
    pub unlisted_problems: usize,
}

/// One problem of an SD-JWT: its stable code (`data-code`, an [`SdProblemCode`]'s `as_str`),
/// the disclosure it concerns (its 0-based index, when it concerns one), and the sentence the
/// page shows (which names the disclosure 1-based and the section of RFC 9901).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SdProblem {
    pub code: String,
    pub disclosure: Option<usize>,
    pub message: String,
}

impl SdProblem {
    pub fn new(code: SdProblemCode, disclosure: Option<usize>, message: impl Into<String>) -> SdProblem {
        SdProblem { code: code.as_str().to_string(), disclosure, message: message.into() }
    }
}

/// What is wrong with an SD-JWT; `as_str` is the stable code (public: never renamed nor
/// reused). Each refuses the SD-JWT (RFC 9901 §7.1: "If any step fails, the SD-JWT is not
/// valid").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SdProblemCode {
    /// A disclosure whose digest appears nowhere in the payload nor in another disclosure
    /// (§7.1 step 5).
    UnreferencedDisclosure,
    /// A digest that appears more than once in the payload and the disclosures (§4.1, §7.1
    /// step 4).
    RepeatedDigest,
    /// The same disclosure given twice (§4: a Holder must not send one more than once).
    DuplicateDisclosure,
    /// A disclosure whose claim name is `_sd` or `...` (§4.2.1, §7.1 step 3.3.2.2).
    ForbiddenName,
    /// A disclosed claim name that its object already has (§4.2.1, §7.1 step 3.3.2.3).
    NameExists,
    /// A property's disclosure (three elements) referenced from an array, or an array
    /// element's (two elements) from `_sd` (§7.1 steps 3.3.2.1 and 3.3.3.1).
    WrongForm,
    /// An `_sd` member that is not an array of strings (§4.2.4.1).
    BadSdArray,
    /// An `_sd_alg` this page does not know (§4.1.1, §7.1 step 2.4): nothing is matched.
    UnsupportedAlg,
    /// A disclosure that is not base64url of a UTF-8 JSON array [salt, name, value] or
    /// [salt, value] whose salt (and name) are strings (§4.2).
    MalformedDisclosure,
    /// The issuer-signed JWT's payload is not a JSON object (§4.1).
    PayloadNotObject,
    /// Nothing between two `~` (§4: each disclosure is base64url, one character at least).
    EmptyDisclosure,
    /// Disclosures inside disclosures nest the disclosed payload deeper than the JSON reader
    /// allows ([`crate::jwt::json::MAX_DEPTH`]); the deeper value is left out (§4.2.6).
    TooDeep,
    /// The JWS JSON serialization's `disclosures` or `kb_jwt` is not what §8.1 says (an
    /// array of strings, a string; in the first unprotected header only, §8.3).
    BadJsonSerialization,
    /// More disclosures than this page reads (`limits::MAX_DISCLOSURES`): none is read.
    TooManyDisclosures,
}

impl SdProblemCode {
    pub const ALL: [SdProblemCode; 14] = [
        SdProblemCode::UnreferencedDisclosure,
        SdProblemCode::RepeatedDigest,
        SdProblemCode::DuplicateDisclosure,
        SdProblemCode::ForbiddenName,
        SdProblemCode::NameExists,
        SdProblemCode::WrongForm,
        SdProblemCode::BadSdArray,
        SdProblemCode::UnsupportedAlg,
        SdProblemCode::MalformedDisclosure,
        SdProblemCode::PayloadNotObject,
        SdProblemCode::EmptyDisclosure,
        SdProblemCode::TooDeep,
        SdProblemCode::BadJsonSerialization,
        SdProblemCode::TooManyDisclosures,
    ];

    /// The stable code (`data-code`).
    pub fn as_str(self) -> &'static str {
        match self {
            SdProblemCode::UnreferencedDisclosure => "sd-unreferenced-disclosure",
            SdProblemCode::RepeatedDigest => "sd-repeated-digest",
            SdProblemCode::DuplicateDisclosure => "sd-duplicate-disclosure",
            SdProblemCode::ForbiddenName => "sd-forbidden-name",
            SdProblemCode::NameExists => "sd-name-exists",
            SdProblemCode::WrongForm => "sd-wrong-form",
            SdProblemCode::BadSdArray => "sd-bad-sd-array",
            SdProblemCode::UnsupportedAlg => "sd-unsupported-alg",
            SdProblemCode::MalformedDisclosure => "sd-malformed-disclosure",
            SdProblemCode::PayloadNotObject => "sd-payload-not-object",
            SdProblemCode::EmptyDisclosure => "sd-empty-disclosure",
            SdProblemCode::TooDeep => "sd-too-deep",
            SdProblemCode::BadJsonSerialization => "sd-bad-json-serialization",
            SdProblemCode::TooManyDisclosures => "sd-too-many-disclosures",
        }
    }

    pub fn parse(code: &str) -> Option<SdProblemCode> {
        SdProblemCode::ALL.into_iter().find(|c| c.as_str() == code)
    }
}

/// The hash functions `_sd_alg` may name (RFC 9901 §4.1.1: names from the IANA "Named
/// Information Hash Algorithm" registry); `as_str` is the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SdAlg {
    /// `sha-256`, the default when `_sd_alg` is absent (§4.1.1).
    #[default]
    Sha256,
    Sha384,
    Sha512,
}

impl SdAlg {
    pub const ALL: [SdAlg; 3] = [SdAlg::Sha256, SdAlg::Sha384, SdAlg::Sha512];

    pub fn as_str(self) -> &'static str {
        match self {
            SdAlg::Sha256 => "sha-256",
            SdAlg::Sha384 => "sha-384",
            SdAlg::Sha512 => "sha-512",
        }
    }

    /// The hash a name stands for (case-sensitive, §4.1.1).
    pub fn parse(name: &str) -> Option<SdAlg> {
        SdAlg::ALL.into_iter().find(|a| a.as_str() == name)
    }

    /// The hash of `bytes`.
    #[cfg(feature = "crypto")]
    pub fn hash(self, bytes: &[u8]) -> Vec<u8> {
        use sha2::Digest as _;
        match self {
            SdAlg::Sha256 => sha2::Sha256::digest(bytes).to_vec(),
            SdAlg::Sha384 => sha2::Sha384::digest(bytes).to_vec(),
            SdAlg::Sha512 => sha2::Sha512::digest(bytes).to_vec(),
        }
    }

    /// base64url (no padding) of the hash of a text's bytes: a disclosure's digest (§4.2.3),
    /// or a KB-JWT's `sd_hash` (§4.3.1).
    #[cfg(feature = "crypto")]
    pub fn digest(self, text: &str) -> String {
        super::base64url::encode(&self.hash(text.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_the_compact_form() {
        assert_eq!(split("a.b.c"), None);
        let c = split("a.b.c~d1~d2~").expect("sd-jwt");
        assert_eq!((c.jwt, c.disclosures, c.kb_jwt), (0..5, vec![6..8, 9..11], None));
        let c = split("a.b.c~d1~k.b.j").expect("sd-jwt");
        assert_eq!((c.disclosures.len(), c.disclosures.first(), c.kb_jwt), (1, Some(&(6..8)), Some(9..14)));
        let c = split("a.b.c~").expect("sd-jwt");
        assert_eq!((c.disclosures, c.kb_jwt), (vec![], None));
        let c = split("a.b.c~~x~").expect("sd-jwt");
        assert_eq!(c.disclosures, vec![6..6, 7..8]);
    }
}
