//! Problems that stop a part of a token from being decoded, each with a stable code and
//! a location. All user-facing wording for decode problems lives in this file.

use std::fmt;

/// A part of a compact token (RFC 7515 §3.1, RFC 7516 §3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    Header,
    Payload,
    Signature,
    EncryptedKey,
    Iv,
    Ciphertext,
    Tag,
    /// A segment beyond those a JWS or JWE has.
    Extra,
}

impl Part {
    /// The part's name as a user reads it, capitalised.
    pub fn title(self) -> &'static str {
        match self {
            Part::Header => "Header",
            Part::Payload => "Payload",
            Part::Signature => "Signature",
            Part::EncryptedKey => "Encrypted key",
            Part::Iv => "Initialization vector",
            Part::Ciphertext => "Ciphertext",
            Part::Tag => "Authentication tag",
            Part::Extra => "Extra segment",
        }
    }

    /// A short, stable, lowercase name: CSS classes and problem codes are built from it.
    pub fn slug(self) -> &'static str {
        match self {
            Part::Header => "header",
            Part::Payload => "payload",
            Part::Signature => "signature",
            Part::EncryptedKey => "encrypted-key",
            Part::Iv => "iv",
            Part::Ciphertext => "ciphertext",
            Part::Tag => "tag",
            Part::Extra => "extra",
        }
    }
}

/// What went wrong. The kebab-case codes are part of the page's public interface
/// (`data-code`, see the UI contract): never change or reuse one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProblemCode {
    /// Not 3 (JWS) or 5 (JWE) dot-separated parts.
    TokenParts,
    /// A part that must have content is empty.
    EmptySegment,
    /// A part is not base64url.
    Base64(Part),
    /// The decoded header is not UTF-8.
    HeaderUtf8,
    /// The header is not JSON.
    HeaderJson,
    /// The header is JSON but not an object.
    HeaderNotObject,
    /// The header has no `alg` string.
    MissingAlg,
    /// A JWE header has no `enc` string.
    MissingEnc,
    /// The payload is not UTF-8 (it is shown as hex).
    PayloadUtf8,
    /// The payload should be JSON but is not.
    PayloadJson,
    /// The pasted text is larger than the page decodes ([`MAX_INPUT_BYTES`](super::token::MAX_INPUT_BYTES)).
    TooLarge,
}

impl ProblemCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemCode::TokenParts => "token-parts",
            ProblemCode::EmptySegment => "empty-segment",
            ProblemCode::Base64(part) => match part {
                Part::Header => "header-base64",
                Part::Payload => "payload-base64",
                Part::Signature => "signature-base64",
                Part::EncryptedKey => "encrypted-key-base64",
                Part::Iv => "iv-base64",
                Part::Ciphertext => "ciphertext-base64",
                Part::Tag => "tag-base64",
                Part::Extra => "extra-base64",
            },
            ProblemCode::HeaderUtf8 => "header-utf8",
            ProblemCode::HeaderJson => "header-json",
            ProblemCode::HeaderNotObject => "header-not-object",
            ProblemCode::MissingAlg => "missing-alg",
            ProblemCode::MissingEnc => "missing-enc",
            ProblemCode::PayloadUtf8 => "payload-utf8",
            ProblemCode::PayloadJson => "payload-json",
            ProblemCode::TooLarge => "too-large",
        }
    }
}

/// Where a problem is. Every field is optional because not every problem has all of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    pub part: Option<Part>,
    /// 0-based character index into the (cleaned) token.
    pub token_char: Option<usize>,
    /// 0-based byte offset into the part's decoded bytes.
    pub decoded_byte: Option<usize>,
    /// 1-based line and column in the part's decoded JSON text.
    pub line_column: Option<(usize, usize)>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut places: Vec<String> = Vec::new();
        if let Some(c) = self.token_char {
            places.push(format!("token character {}", c + 1));
        }
        if let Some(b) = self.decoded_byte {
            places.push(format!("decoded byte {}", b + 1));
        }
        if let Some((line, column)) = self.line_column {
            places.push(format!("line {line}, column {column}"));
        }
        match (self.part, places.is_empty()) {
            (Some(part), true) => write!(f, "{}", part.title()),
            (Some(part), false) => write!(f, "{} ({})", part.title(), places.join(", ")),
            (None, false) => write!(f, "Token ({})", places.join(", ")),
            (None, true) => write!(f, "Token"),
        }
    }
}

/// A decode problem: a code, a location, and a sentence saying what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub code: ProblemCode,
    pub location: Location,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_part_and_place() {
        let p = Problem {
            code: ProblemCode::HeaderJson,
            location: Location {
                part: Some(Part::Header),
                token_char: Some(0),
                line_column: Some((2, 5)),
                decoded_byte: None,
            },
            message: "expected ':'".into(),
        };
        assert_eq!(p.to_string(), "Header (token character 1, line 2, column 5): expected ':'");
        assert_eq!(p.code.as_str(), "header-json");
        assert_eq!(Location::default().to_string(), "Token");
    }
}
