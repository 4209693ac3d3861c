//! Selective Disclosure for JWTs (SD-JWT, RFC 9901): an issuer-signed JWT whose claims are
//! replaced by digests, the disclosures that reveal some of them, and an optional key-binding
//! JWT (KB-JWT) by which the holder proves possession of the key the issuer bound (`cnf`).
//!
//! `split` (no cryptography) finds the parts of the compact form `<jwt>~<disclosure>~…~[<kb-jwt>]`
//! for the decoder. With `crypto`, `process` hashes each disclosure with `_sd_alg`, matches it to
//! the payload's digests at every depth, and builds the disclosed payload; `key_binding` checks
//! the KB-JWT. Work is linear in the text (RFC 9901 §7.1 done once per digest).

#[cfg(feature = "crypto")]
pub mod issue;

use std::ops::Range;

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
    /// It is not base64url of a JSON array of two or three elements as §4.2 says.
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
    /// Where it landed, as a JSON Pointer into the disclosed payload (`/address/street`).
    pub path: Option<String>,
}

/// What [`process`] found in an SD-JWT.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SdReport {
    /// `_sd_alg` as written, or `sha-256` when absent.
    pub sd_alg: String,
    pub disclosures: Vec<DisclosureReport>,
    /// The disclosed payload (every matched disclosure in place, `_sd`, `_sd_alg` and
    /// unmatched array digests removed) as pretty-printed JSON; `None` when the issuer
    /// payload is not a JSON object.
    pub payload: Option<String>,
    /// Digests in the payload, at every depth reached, that no disclosure matches.
    pub decoys: usize,
    /// What is wrong, each with a stable code (`sd-…`), in order.
    pub problems: Vec<SdProblem>,
}

/// One problem of an SD-JWT: its stable code (`data-code`), the disclosure it concerns (its
/// index, when it concerns one), and the sentence the page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SdProblem {
    pub code: String,
    pub disclosure: Option<usize>,
    pub message: String,
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
        assert_eq!((c.disclosures, c.kb_jwt), (vec![6..8], Some(9..14)));
        let c = split("a.b.c~").expect("sd-jwt");
        assert_eq!((c.disclosures, c.kb_jwt), (vec![], None));
        let c = split("a.b.c~~x~").expect("sd-jwt");
        assert_eq!(c.disclosures, vec![6..6, 7..8]);
    }
}
