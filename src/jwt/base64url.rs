//! Base64url (RFC 4648 §5) as JOSE uses it: no padding, no line breaks (RFC 7515 §2).
//!
//! Every segment is checked here character by character, so that a problem can be
//! reported at the exact place it is. The decoding itself is done by the `base64` crate.
//! Two entry points:
//! - [`decode_strict`] is what verification uses: anything but canonical, unpadded
//!   base64url is refused.
//! - [`decode_lenient`] is what the decoder view uses: it also decodes padded and
//!   non-canonical text, and reports what it tolerated, so that a user still sees the part.

use base64::Engine as _;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// Canonical, unpadded base64url: the only form JOSE allows.
const STRICT: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_encode_padding(false).with_decode_padding_mode(DecodePaddingMode::RequireNone),
);

/// Unpadded base64url that ignores the unused low bits of the last character.
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(true),
);

/// Something wrong with a base64url text. Offsets are byte offsets into the text given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base64Issue {
    /// A character outside the base64url alphabet; the text cannot be decoded.
    InvalidChar { offset: usize, ch: char },
    /// The length leaves one lone character (length mod 4 is 1); it cannot be decoded.
    BadLength { len: usize },
    /// Trailing `=` padding, which JOSE forbids; tolerated by the lenient decoder.
    Padding { offset: usize },
    /// The last character has non-zero unused bits, so another text decodes to the same
    /// bytes; tolerated by the lenient decoder.
    NonCanonical { offset: usize, ch: char },
}

impl Base64Issue {
    /// Whether the text could not be decoded at all.
    pub fn is_fatal(&self) -> bool {
        matches!(self, Base64Issue::InvalidChar { .. } | Base64Issue::BadLength { .. })
    }

    /// The byte offset the issue points at, if it points at one character.
    pub fn offset(&self) -> Option<usize> {
        match *self {
            Base64Issue::InvalidChar { offset, .. }
            | Base64Issue::Padding { offset }
            | Base64Issue::NonCanonical { offset, .. } => Some(offset),
            Base64Issue::BadLength { .. } => None,
        }
    }

    /// A sentence that says what is wrong, without the location (the caller adds it).
    pub fn describe(&self) -> String {
        match *self {
            Base64Issue::InvalidChar { ch, .. } => match ch {
                '+' | '/' => format!(
                    "'{ch}' belongs to standard base64, not base64url (which uses '{}')",
                    if ch == '+' { '-' } else { '_' }
                ),
                '=' => "'=' padding may only end the text, and JOSE forbids it there too".into(),
                c if c.is_whitespace() => format!("whitespace ({}) is not allowed", char_name(c)),
                c => format!("{} is not a base64url character", char_name(c)),
            },
            Base64Issue::BadLength { len } => format!(
                "{len} characters cannot be base64url: one character too many or too few \
                 (a length that leaves 1 after dividing by 4 is impossible)"
            ),
            Base64Issue::Padding { .. } => "'=' padding is forbidden in JOSE (RFC 7515 §2); decoded anyway".into(),
            Base64Issue::NonCanonical { ch, .. } => format!(
                "the last character '{ch}' has unused bits set: not canonical base64url, \
                 so the same bytes have another encoding; decoded anyway"
            ),
        }
    }
}

/// A readable name for a character in a message: quoted if visible, U+ code if not.
pub fn char_name(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        '\t' => "a tab".into(),
        '\n' => "a line feed".into(),
        '\r' => "a carriage return".into(),
        c if c.is_control() || c.is_whitespace() || super::text::is_invisible(c) => {
            format!("U+{:04X}", c as u32)
        }
        c => format!("'{c}' (U+{:04X})", c as u32),
    }
}

fn is_alphabet(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

fn sextet(b: u8) -> u8 {
    match b {
        b'A'..=b'Z' => b - b'A',
        b'a'..=b'z' => b - b'a' + 26,
        b'0'..=b'9' => b - b'0' + 52,
        b'-' => 62,
        _ => 63,
    }
}

/// Checks a text and returns the unpadded body to decode plus every issue found.
fn scan(text: &str) -> (&str, Vec<Base64Issue>) {
    let body = text.trim_end_matches('=');
    let mut issues = Vec::new();
    if body.len() < text.len() {
        issues.push(Base64Issue::Padding { offset: body.len() });
    }
    // Bytes first (fast); characters only to name the first bad one.
    if !body.bytes().all(is_alphabet)
        && let Some((offset, ch)) = body.char_indices().find(|&(_, c)| !(c.is_ascii() && is_alphabet(c as u8)))
    {
        issues.push(Base64Issue::InvalidChar { offset, ch });
        return (body, issues);
    }
    if body.len() % 4 == 1 {
        issues.push(Base64Issue::BadLength { len: body.len() });
        return (body, issues);
    }
    // With 2 or 3 characters in the last quantum, the last one carries 4 or 2 unused bits.
    let unused_mask = match body.len() % 4 {
        2 => 0b1111,
        3 => 0b11,
        _ => 0,
    };
    if let Some(&last) = body.as_bytes().last()
        && sextet(last) & unused_mask != 0
    {
        issues.push(Base64Issue::NonCanonical { offset: body.len() - 1, ch: last as char });
    }
    (body, issues)
}

/// Decodes canonical unpadded base64url, or says what is wrong with it (the first issue).
pub fn decode_strict(text: &str) -> Result<Vec<u8>, Base64Issue> {
    let (body, issues) = scan(text);
    if let Some(first) = issues.into_iter().next() {
        return Err(first);
    }
    STRICT.decode(body).map_err(|_| Base64Issue::BadLength { len: body.len() })
}

/// Decodes base64url, tolerating padding and unused bits: the bytes (if decodable) and
/// every issue found, tolerated or not.
pub fn decode_lenient(text: &str) -> (Option<Vec<u8>>, Vec<Base64Issue>) {
    let (body, issues) = scan(text);
    if issues.iter().any(Base64Issue::is_fatal) {
        return (None, issues);
    }
    match LENIENT.decode(body) {
        Ok(bytes) => (Some(bytes), issues),
        // `scan` rules out every error the crate can report; keep this total anyway.
        Err(_) => (None, vec![Base64Issue::BadLength { len: body.len() }]),
    }
}

/// Encodes bytes as canonical unpadded base64url.
pub fn encode(bytes: &[u8]) -> String {
    STRICT.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_accepts_only_canonical_unpadded() {
        let cases: &[(&str, Result<&[u8], Base64Issue>)] = &[
            ("", Ok(b"")),
            ("QQ", Ok(b"A")),
            ("QUI", Ok(b"AB")),
            ("QUJD", Ok(b"ABC")),
            ("_-8", Ok(&[0xff, 0xef])),
            ("QQ==", Err(Base64Issue::Padding { offset: 2 })),
            ("QR", Err(Base64Issue::NonCanonical { offset: 1, ch: 'R' })),
            ("QUJ", Err(Base64Issue::NonCanonical { offset: 2, ch: 'J' })),
            ("Q", Err(Base64Issue::BadLength { len: 1 })),
            ("QUJDR", Err(Base64Issue::BadLength { len: 5 })),
            ("QU+D", Err(Base64Issue::InvalidChar { offset: 2, ch: '+' })),
            ("QU/D", Err(Base64Issue::InvalidChar { offset: 2, ch: '/' })),
            ("QU D", Err(Base64Issue::InvalidChar { offset: 2, ch: ' ' })),
            ("Q=UJ", Err(Base64Issue::InvalidChar { offset: 1, ch: '=' })),
            ("QUé", Err(Base64Issue::InvalidChar { offset: 2, ch: 'é' })),
        ];
        for (text, want) in cases {
            let got = decode_strict(text);
            assert_eq!(got.as_deref().map_err(Clone::clone), want.clone(), "input {text:?}");
        }
    }

    #[test]
    fn lenient_decodes_padding_and_unused_bits_but_reports_them() {
        let (bytes, issues) = decode_lenient("QR==");
        assert_eq!(bytes.as_deref(), Some(&b"A"[..]));
        assert_eq!(issues, vec![Base64Issue::Padding { offset: 2 }, Base64Issue::NonCanonical { offset: 1, ch: 'R' }]);
        let (bytes, issues) = decode_lenient("QU*D");
        assert_eq!(bytes, None);
        assert_eq!(issues, vec![Base64Issue::InvalidChar { offset: 2, ch: '*' }]);
    }

    #[test]
    fn round_trips_every_length() {
        let data: Vec<u8> = (0..=255u8).collect();
        for n in 0..data.len() {
            let text = encode(&data[..n]);
            assert_eq!(decode_strict(&text).unwrap(), &data[..n]);
        }
    }

    #[test]
    fn messages_name_the_character() {
        let issue = Base64Issue::InvalidChar { offset: 0, ch: '+' };
        assert_eq!(issue.describe(), "'+' belongs to standard base64, not base64url (which uses '-')");
        let issue = Base64Issue::InvalidChar { offset: 0, ch: '\u{200B}' };
        assert_eq!(issue.describe(), "U+200B is not a base64url character");
    }
}
