//! Links between the encoded token and its decoded views, byte for byte.
//!
//! Base64url carries 3 bytes in every 4 characters, so character `c` of a segment belongs
//! to the group `c / 4`, which decodes to bytes `3 * (c / 4) ..` of the part. The decoded
//! header and payload are shown either exactly (the pane's text is the decoded bytes) or
//! pretty-printed, where every lexeme remembers the source span it was copied from
//! (`Pretty::sources`); strings and numbers are copied verbatim, so a byte maps to one
//! character of the pane. Binary payloads are shown as hex, two digits and a space per byte.
//!
//! All ranges are byte ranges: in the cleaned token, in the decoded part, and in the
//! pane's text. Nothing here panics on any input; positions out of range give `None`.

use std::ops::Range;

use crate::jwt::json::{Mark, Pretty};
use crate::jwt::problem::Part;
use crate::jwt::token::{Decoded, JsonText, Payload};

/// One link: a run of token characters, the bytes they carry, and where those bytes are
/// shown in the part's pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub part: Part,
    /// The characters, as a byte range of the cleaned token (whole base64 groups).
    pub chars: Range<usize>,
    /// The decoded bytes of the part they carry.
    pub bytes: Range<usize>,
    /// Where the pane shows those bytes (byte ranges of its text; several when the
    /// pretty-printer split them, none when they are layout only, like whitespace).
    pub shown: Vec<Range<usize>>,
}

/// What a pane shows for a part.
enum Shown<'a> {
    /// The decoded bytes as text, exactly.
    Exact(usize),
    /// Pretty-printed JSON.
    Pretty(&'a Pretty),
    /// Hex, `"xx "` per byte.
    Hex(usize),
}

/// What the pane of `part` shows: `exact` is the pane's "Exact bytes" toggle.
fn shown(d: &Decoded, part: Part, exact: bool) -> Option<Shown<'_>> {
    match part {
        Part::Header => d.header.as_ref().and_then(|h| json(h, exact)),
        Part::Payload => match &d.payload {
            Payload::Json(j) => json(j, exact),
            Payload::Text(t) => exact_or_plain(t, exact),
            Payload::Binary(b) => Some(Shown::Hex(b.len())),
            _ => None,
        },
        _ => None,
    }
}

fn json(j: &JsonText, exact: bool) -> Option<Shown<'_>> {
    match &j.pretty {
        Some(p) if !exact => Some(Shown::Pretty(p)),
        _ => exact_or_plain(&j.text, exact),
    }
}

/// Text that is not pretty-printed JSON: shown exactly when asked or when it has no hidden
/// character; otherwise the pane shows it through `text::visible_lines` (hidden characters
/// as `⟨U+202E⟩`), no longer the bytes one for one, and no link is made.
fn exact_or_plain(text: &str, exact: bool) -> Option<Shown<'_>> {
    let same = exact || matches!(crate::jwt::text::visible_lines(text), std::borrow::Cow::Borrowed(_));
    same.then_some(Shown::Exact(text.len()))
}

/// How many bytes a part decodes to, and whether its characters are the bytes
/// themselves (an unencoded payload, RFC 7797).
fn part_len(d: &Decoded, part: Part) -> Option<(usize, bool)> {
    let seg = d.segment(part)?;
    if part == Part::Payload && d.unencoded_payload {
        return Some((seg.range.len(), true));
    }
    seg.bytes.as_ref().map(|b| (b.len(), false))
}

/// The link for the token character at byte offset `at` of the cleaned token.
pub fn from_token(d: &Decoded, at: usize, exact: bool) -> Option<Link> {
    if d.json.is_some() {
        return None;
    }
    let seg = d.segments.iter().find(|s| s.range.contains(&at) && matches!(s.part, Part::Header | Part::Payload))?;
    let (len, raw) = part_len(d, seg.part)?;
    let offset = at - seg.range.start;
    let (chars, bytes) = if raw {
        (at..at + 1, offset..offset + 1)
    } else {
        let group = offset / 4;
        let start = seg.range.start + group * 4;
        (start..(start + 4).min(seg.range.end), (group * 3).min(len)..(group * 3 + 3).min(len))
    };
    if bytes.is_empty() {
        return None;
    }
    let shown = bytes_to_shown(&shown(d, seg.part, exact)?, &bytes);
    Some(Link { part: seg.part, chars, bytes, shown })
}

/// The link for a selection `range` (bytes of the pane's text) in the pane of `part`.
pub fn from_shown(d: &Decoded, part: Part, range: Range<usize>, exact: bool) -> Option<Link> {
    if d.json.is_some() || range.is_empty() {
        return None;
    }
    let seg = d.segment(part)?;
    let (len, raw) = part_len(d, part)?;
    let bytes = shown_to_bytes(&shown(d, part, exact)?, &range)?;
    let bytes = bytes.start.min(len)..bytes.end.min(len);
    if bytes.is_empty() {
        return None;
    }
    let chars = if raw {
        seg.range.start + bytes.start..seg.range.start + bytes.end
    } else {
        let start = seg.range.start + bytes.start / 3 * 4;
        let end = seg.range.start + bytes.end.div_ceil(3) * 4;
        start..end.min(seg.range.end)
    };
    let shown = vec![range];
    Some(Link { part, chars, bytes, shown })
}

/// Whether a pretty-printed lexeme is a verbatim copy of its source, byte for byte.
fn verbatim(p: &Pretty, i: usize) -> bool {
    let (range, mark) = &p.marks[i];
    *mark != Mark::Invisible && p.sources.get(i).is_some_and(|s| s.len() == range.len())
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> Option<Range<usize>> {
    let r = a.start.max(b.start)..a.end.min(b.end);
    (!r.is_empty()).then_some(r)
}

fn bytes_to_shown(view: &Shown<'_>, bytes: &Range<usize>) -> Vec<Range<usize>> {
    match view {
        Shown::Exact(len) => overlap(bytes, &(0..*len)).into_iter().collect(),
        Shown::Hex(len) => {
            let b = bytes.start.min(*len)..bytes.end.min(*len);
            (!b.is_empty()).then(|| b.start * 3..b.end * 3 - 1).into_iter().collect()
        }
        Shown::Pretty(p) => {
            let mut out: Vec<Range<usize>> = Vec::new();
            for (i, (range, _)) in p.marks.iter().enumerate() {
                let Some(source) = p.sources.get(i) else { continue };
                let Some(hit) = overlap(source, bytes) else { continue };
                let r = if verbatim(p, i) {
                    range.start + (hit.start - source.start)..range.start + (hit.end - source.start)
                } else {
                    range.clone()
                };
                match out.last_mut() {
                    Some(last) if last.end == r.start => last.end = r.end,
                    _ => out.push(r),
                }
            }
            out
        }
    }
}

fn shown_to_bytes(view: &Shown<'_>, range: &Range<usize>) -> Option<Range<usize>> {
    match view {
        Shown::Exact(len) => overlap(range, &(0..*len)),
        Shown::Hex(len) => {
            let r = range.start / 3..range.end.div_ceil(3);
            overlap(&r, &(0..*len))
        }
        Shown::Pretty(p) => {
            let mut out: Option<Range<usize>> = None;
            for (i, (shown, _)) in p.marks.iter().enumerate() {
                let Some(source) = p.sources.get(i) else { continue };
                let Some(hit) = overlap(shown, range) else { continue };
                let r = if verbatim(p, i) {
                    source.start + (hit.start - shown.start)..source.start + (hit.end - shown.start)
                } else {
                    source.clone()
                };
                if r.is_empty() {
                    continue;
                }
                out = Some(match out {
                    Some(o) => o.start.min(r.start)..o.end.max(r.end),
                    None => r,
                });
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::decode;

    // RFC 7515 A.1's header and claims.
    const TOKEN: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    fn pane_text(d: &Decoded, part: Part, exact: bool) -> String {
        let j = match part {
            Part::Header => d.header.as_ref().unwrap(),
            _ => match &d.payload {
                Payload::Json(j) => j,
                _ => unreachable!(),
            },
        };
        if exact { j.text.clone() } else { j.pretty.as_ref().unwrap().text.clone() }
    }

    #[test]
    fn a_character_links_to_the_three_bytes_of_its_group() {
        let d = decode(TOKEN);
        // "eyJp" decodes to `{"i`.
        let l = from_token(&d, 41, true).unwrap();
        assert_eq!(l.part, Part::Payload);
        assert_eq!(l.chars, 41..45);
        assert_eq!(l.bytes, 0..3);
        let text = pane_text(&d, Part::Payload, true);
        assert_eq!(&text[l.shown[0].clone()], "{\"i");
    }

    #[test]
    fn pretty_panes_map_through_source_spans() {
        let d = decode(TOKEN);
        let text = pane_text(&d, Part::Payload, false);
        // Bytes 9..12 of `{"iss":"joe",\r\n "exp"...` are `joe`: group 3, characters 12..16.
        let seg = d.segment(Part::Payload).unwrap().range.start;
        let l = from_token(&d, seg + 13, false).unwrap();
        assert_eq!(l.bytes, 9..12);
        let shown: String = l.shown.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(shown, "oe\"");
        // Selecting "joe" in the pretty pane links back to the same characters.
        let at = text.find("joe").unwrap();
        let back = from_shown(&d, Part::Payload, at..at + 3, false).unwrap();
        assert_eq!(back.bytes, 8..11);
        assert_eq!(back.chars, seg + 8..seg + 16);
    }

    #[test]
    fn the_last_group_is_clipped_to_the_segment() {
        let d = decode(TOKEN);
        let header = d.segment(Part::Header).unwrap();
        let l = from_token(&d, header.range.end - 1, true).unwrap();
        assert_eq!(l.chars.end, header.range.end);
        assert_eq!(l.bytes.end, d.header.as_ref().unwrap().text.len());
    }

    #[test]
    fn signature_and_dots_have_no_link() {
        let d = decode(TOKEN);
        assert!(from_token(&d, 40, false).is_none(), "the dot");
        assert!(from_token(&d, TOKEN.len() - 1, false).is_none(), "the signature");
        assert!(from_token(&d, TOKEN.len() + 10, false).is_none());
    }

    #[test]
    fn whitespace_selections_link_to_nothing_or_to_their_neighbours() {
        let d = decode(TOKEN);
        // The indentation before the first key carries no bytes of its own.
        assert!(from_shown(&d, Part::Payload, 2..3, false).is_none());
        assert!(from_shown(&d, Part::Payload, 0..0, false).is_none());
        assert!(from_shown(&d, Part::Payload, 10_000..10_005, false).is_none());
    }

    #[test]
    fn binary_payloads_link_to_their_hex() {
        let d = decode("eyJhbGciOiJIUzI1NiJ9.__79.sig");
        let l = from_token(&d, 21, false).unwrap();
        assert_eq!(l.bytes, 0..3);
        assert_eq!(l.shown, vec![0..8]);
        let back = from_shown(&d, Part::Payload, 3..5, false).unwrap();
        assert_eq!(back.bytes, 1..2);
    }

    #[test]
    fn unencoded_payloads_link_character_for_character() {
        let d = decode("eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19.$02x.sig");
        assert!(d.unencoded_payload);
        let seg = d.segment(Part::Payload).unwrap().range.clone();
        let l = from_token(&d, seg.start + 1, true).unwrap();
        assert_eq!(l.chars, seg.start + 1..seg.start + 2);
        assert_eq!(l.bytes, 1..2);
    }

    #[test]
    fn text_shown_with_escapes_links_only_in_exact_bytes() {
        let b64 = crate::jwt::base64url::encode;
        let plain = decode(&format!("eyJhbGciOiJIUzI1NiJ9.{}.sig", b64(b"hello\nworld")));
        let sneaky = decode(&format!("eyJhbGciOiJIUzI1NiJ9.{}.sig", b64("he\u{202E}llo".as_bytes())));
        let broken = decode(&format!("{}.e30.sig", b64("{\"alg\u{200B}".as_bytes())));
        let at = |d: &Decoded, part| d.segment(part).unwrap().range.start;
        // Text without hidden characters is shown as it is, and linked either way.
        assert!(from_token(&plain, at(&plain, Part::Payload), false).is_some());
        // With them, the pane shows ⟨U+202E⟩ (not the bytes one for one): linked only exactly.
        for (d, part) in [(&sneaky, Part::Payload), (&broken, Part::Header)] {
            assert!(from_token(d, at(d, part), false).is_none());
            assert!(from_shown(d, part, 0..2, false).is_none());
            assert!(from_token(d, at(d, part), true).is_some());
            assert!(from_shown(d, part, 0..2, true).is_some());
        }
    }

    #[test]
    fn never_panics_on_any_position() {
        for token in [TOKEN, "", ".", "a.b.c", "eyJ.eyJ.", "e30.e30.", "eyJhbGciOiJub25lIn0.W1tbXV0.", "€.€.€"] {
            let d = decode(token);
            for at in 0..token.len() + 3 {
                for exact in [false, true] {
                    let _ = from_token(&d, at, exact);
                    for part in [Part::Header, Part::Payload, Part::Signature] {
                        let _ = from_shown(&d, part, at..at + 5, exact);
                        let _ = from_shown(&d, part, at + 5..at, exact);
                    }
                }
            }
        }
    }
}
