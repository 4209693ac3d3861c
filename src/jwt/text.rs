//! Untrusted text made safe to read: the one rule for which characters a token, key or
//! certificate may not show as they are, and the two ways the page writes them instead
//! (`⟨U+202E⟩` in sentences, tables and notes; `\u202e` inside JSON).
//!
//! A bidi control can make `txt.exe` read as `exe.txt`, a zero-width character can make
//! `admin` and `ad​min` look the same, a control character can end a line or vanish, and a
//! tag character can carry a whole hidden sentence. None of them is shown raw.

use std::borrow::Cow;

/// Characters that are never shown as they are: control characters (C0, DEL, C1), format
/// characters (general category Cf: bidi controls, zero-width characters, the BOM, tag
/// characters…), the line and paragraph separators, and the other default-ignorable
/// characters that print as nothing (Hangul fillers, the combining grapheme joiner…).
/// Variation selectors are judged by [`hides`], which knows what precedes them.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            // Cf, Unicode 16.
            '\u{00AD}' | '\u{0600}'..='\u{0605}' | '\u{061C}' | '\u{06DD}' | '\u{070F}'
            | '\u{0890}'..='\u{0891}' | '\u{08E2}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}' | '\u{110CD}' | '\u{13430}'..='\u{1343F}' | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            // Line and paragraph separators (Zl, Zp).
            | '\u{2028}' | '\u{2029}'
            // Other default-ignorable code points: they print as nothing.
            | '\u{034F}' | '\u{115F}'..='\u{1160}' | '\u{17B4}'..='\u{17B5}' | '\u{3164}' | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}' | '\u{E0000}'..='\u{E00FF}' | '\u{E01F0}'..='\u{E0FFF}')
}

/// Variation selectors: one after a visible character picks its glyph (the emoji form of
/// ❤️, say); anywhere else, or in a run, they print as nothing and can carry hidden data.
pub fn is_variation_selector(c: char) -> bool {
    matches!(c, '\u{180B}'..='\u{180D}' | '\u{180F}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

/// Whether `c` is a character [`is_hidden`] names or a variation selector: one that may
/// not be shown raw, at least in some places.
pub fn is_invisible(c: char) -> bool {
    is_hidden(c) || is_variation_selector(c)
}

/// The rule: whether `c`, following `prev` in the same text, must be shown as an escape.
/// A variation selector is shown as it is only right after a visible non-ASCII character
/// or an ASCII digit, `#` or `*` (the keycap bases), and never after another selector.
pub fn hides(prev: Option<char>, c: char) -> bool {
    if is_hidden(c) {
        return true;
    }
    if !is_variation_selector(c) {
        return false;
    }
    !prev.is_some_and(|p| {
        !is_invisible(p) && !p.is_whitespace() && (!p.is_ascii() || p.is_ascii_digit() || matches!(p, '#' | '*'))
    })
}

/// Text from a token, key or certificate as the page shows it outside JSON: every
/// character [`hides`] names replaced by a visible `⟨U+202E⟩` (the code point, never a
/// surrogate half), the rest unchanged. Applying it twice changes nothing more.
pub fn visible(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// [`visible`] for a block of text laid out in lines (a payload that is text, JSON that
/// does not parse, a decrypted plaintext): line feeds, carriage returns and tabs stay, as
/// the block shows them as the layout they are.
pub fn visible_lines(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

fn escape(text: &str, layout: bool) -> Cow<'_, str> {
    let escaped = |prev: Option<char>, c: char| !(layout && matches!(c, '\n' | '\r' | '\t')) && hides(prev, c);
    let mut prev = None;
    if !text.chars().any(|c| escaped(prev.replace(c), c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut prev = None;
    for c in text.chars() {
        if escaped(prev.replace(c), c) {
            out.push_str(&format!("⟨U+{:04X}⟩", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Bytes as lower-case hex, two digits a byte, unseparated: how the page writes bytes that
/// are not text (a MAC, a hash, a signature in the walkthrough and the diff).
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// Writes `c` as a JSON escape (`\u202e`; a character beyond the BMP as its UTF-16
/// surrogate pair, `\udb40\udc01`, as JSON requires): the same JSON value, made visible.
pub fn push_json_escape(out: &mut String, c: char) {
    let mut units = [0u16; 2];
    for u in c.encode_utf16(&mut units) {
        out.push_str(&format!("\\u{:04x}", u));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON pretty-printer passes printable ASCII without asking the rule
    /// (`json::Pretty::push_visible`): no such character is invisible.
    #[test]
    fn printable_ascii_is_never_invisible() {
        for c in ' '..='~' {
            assert!(!is_invisible(c) && !hides(None, c), "{c:?}");
        }
    }

    /// One representative of every class that must be escaped, with its escape.
    const HIDDEN: &[(char, &str)] = &[
        // Bidi embeddings, overrides, isolates, marks.
        ('\u{202A}', "⟨U+202A⟩"),
        ('\u{202B}', "⟨U+202B⟩"),
        ('\u{202C}', "⟨U+202C⟩"),
        ('\u{202D}', "⟨U+202D⟩"),
        ('\u{202E}', "⟨U+202E⟩"),
        ('\u{2066}', "⟨U+2066⟩"),
        ('\u{2067}', "⟨U+2067⟩"),
        ('\u{2068}', "⟨U+2068⟩"),
        ('\u{2069}', "⟨U+2069⟩"),
        ('\u{200E}', "⟨U+200E⟩"),
        ('\u{200F}', "⟨U+200F⟩"),
        ('\u{061C}', "⟨U+061C⟩"),
        // Zero-width.
        ('\u{200B}', "⟨U+200B⟩"),
        ('\u{200C}', "⟨U+200C⟩"),
        ('\u{200D}', "⟨U+200D⟩"),
        ('\u{2060}', "⟨U+2060⟩"),
        ('\u{FEFF}', "⟨U+FEFF⟩"),
        // C0, DEL, C1.
        ('\u{0000}', "⟨U+0000⟩"),
        ('\u{0007}', "⟨U+0007⟩"),
        ('\t', "⟨U+0009⟩"),
        ('\n', "⟨U+000A⟩"),
        ('\r', "⟨U+000D⟩"),
        ('\u{001B}', "⟨U+001B⟩"),
        ('\u{007F}', "⟨U+007F⟩"),
        ('\u{0080}', "⟨U+0080⟩"),
        ('\u{0085}', "⟨U+0085⟩"),
        ('\u{009F}', "⟨U+009F⟩"),
        // Other Cf.
        ('\u{00AD}', "⟨U+00AD⟩"),
        ('\u{0600}', "⟨U+0600⟩"),
        ('\u{180E}', "⟨U+180E⟩"),
        ('\u{2062}', "⟨U+2062⟩"),
        ('\u{206F}', "⟨U+206F⟩"),
        ('\u{FFF9}', "⟨U+FFF9⟩"),
        ('\u{1D173}', "⟨U+1D173⟩"),
        ('\u{E0001}', "⟨U+E0001⟩"),
        ('\u{E0041}', "⟨U+E0041⟩"),
        // Line and paragraph separators.
        ('\u{2028}', "⟨U+2028⟩"),
        ('\u{2029}', "⟨U+2029⟩"),
        // Default-ignorable fillers.
        ('\u{034F}', "⟨U+034F⟩"),
        ('\u{115F}', "⟨U+115F⟩"),
        ('\u{3164}', "⟨U+3164⟩"),
        ('\u{FFA0}', "⟨U+FFA0⟩"),
    ];

    #[test]
    fn every_class_is_escaped_alone_and_inside_text() {
        for &(c, escape) in HIDDEN {
            assert!(is_hidden(c), "{:04X}", c as u32);
            assert_eq!(visible(&c.to_string()), escape);
            let inside = format!("ad{c}min");
            assert_eq!(visible(&inside), format!("ad{escape}min"));
            assert!(!visible(&inside).contains(c));
        }
    }

    #[test]
    fn escapes_are_code_points_never_surrogate_halves() {
        // Every hidden character in the supplementary planes, one escape each.
        for c in ['\u{110BD}', '\u{13430}', '\u{1BCA0}', '\u{1D17A}', '\u{E0000}', '\u{E007F}', '\u{E01F0}'] {
            let shown = visible(&c.to_string()).into_owned();
            assert_eq!(shown, format!("⟨U+{:X}⟩", c as u32));
            assert!(!shown.contains("U+D8") && !shown.contains("U+DB") && !shown.contains("U+DC"), "{shown}");
        }
        // A tag-character sentence (invisible "ASCII smuggling") is spelt out.
        let smuggled: String = "hi".chars().map(|c| char::from_u32(0xE0000 + c as u32).unwrap()).collect();
        assert_eq!(visible(&format!("ok{smuggled}")), "ok⟨U+E0068⟩⟨U+E0069⟩");
        // In JSON, outside the BMP: a surrogate pair, as JSON requires (and as it parses back).
        let mut out = String::new();
        push_json_escape(&mut out, '\u{E0001}');
        push_json_escape(&mut out, '\u{202E}');
        assert_eq!(out, "\\udb40\\udc01\\u202e");
        let back = crate::jwt::json::parse(&format!("\"{out}\"")).unwrap();
        assert_eq!(back.root.as_str(), Some("\u{E0001}\u{202E}"));
    }

    #[test]
    fn idempotent() {
        let samples = [
            "a\u{202E}b\u{200B}c\u{0000}\u{7F}\u{85}\u{2028}",
            "\u{FE0F}\u{FE0F}x\u{FE0F}\u{FE0F}",
            "❤\u{FE0F} \u{FE0F}",
            "⟨U+202E⟩ already shown",
            "\u{E0001}\u{E0041}",
        ];
        for s in samples {
            let once = visible(s).into_owned();
            assert_eq!(visible(&once), once, "{s:?}");
            assert!(matches!(visible(&once), Cow::Borrowed(_)), "{s:?}");
            assert!(!once.chars().any(is_hidden), "{once:?}");
        }
    }

    #[test]
    fn ordinary_text_is_unchanged_and_borrowed() {
        for s in [
            "",
            "admin",
            "Ünïcödé, naïve café — «quotes» ‘ok’ …",
            "שלום עולם",
            "مرحبا بالعالم",
            "日本語のテキスト",
            "한국어 텍스트",
            "Привет, мир",
            "नमस्ते दुनिया",
            "ไทย",
            "emoji 🎉🔐😀 👍🏽 ❤\u{FE0F} 1\u{FE0F}\u{20E3} 葛\u{E0100}",
            "spaces\u{00A0}and\u{2003}wide\u{3000}ones",
            "⟨U+202E⟩",
        ] {
            assert!(matches!(visible(s), Cow::Borrowed(_)), "{s:?} changed to {:?}", visible(s));
        }
    }

    #[test]
    fn every_code_point_alone_after_a_letter_and_after_an_emoji() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for s in [c.to_string(), format!("a{c}"), format!("❤{c}")] {
                let once = visible(&s);
                assert!(!once.chars().any(is_hidden), "{s:?}");
                assert_eq!(visible(&once), once, "{s:?}");
                // Only what the rule names changes, and only into its escape.
                let expected: String = s
                    .chars()
                    .scan(None, |prev, ch| {
                        let hide = hides(prev.replace(ch), ch);
                        Some(if hide { format!("⟨U+{:04X}⟩", ch as u32) } else { ch.to_string() })
                    })
                    .collect();
                assert_eq!(once, expected);
            }
            // In JSON, every escaped character reads back as itself.
            if is_invisible(c) {
                let mut escape = String::from('"');
                push_json_escape(&mut escape, c);
                escape.push('"');
                let back = crate::jwt::json::parse(&escape).unwrap();
                assert_eq!(back.root.as_str(), Some(c.to_string().as_str()), "{escape}");
            }
        }
    }

    #[test]
    fn blocks_keep_their_line_breaks_and_tabs() {
        assert!(matches!(visible_lines("a\r\nb ❤\u{FE0F}\n\tשלום"), Cow::Borrowed(_)));
        assert_eq!(visible_lines("a\u{202E}b\r\n\tc\u{0}\n\u{FE0F}"), "a⟨U+202E⟩b\r\n\tc⟨U+0000⟩\n⟨U+FE0F⟩");
        assert_eq!(visible("a\r\n\tb"), "a⟨U+000D⟩⟨U+000A⟩⟨U+0009⟩b");
    }

    #[test]
    fn variation_selectors_only_right_after_a_visible_character() {
        assert_eq!(visible("\u{FE0F}x"), "⟨U+FE0F⟩x");
        assert_eq!(visible("❤\u{FE0F}\u{FE0F}"), "❤\u{FE0F}⟨U+FE0F⟩");
        assert_eq!(visible("a \u{FE0E}"), "a ⟨U+FE0E⟩");
        assert_eq!(visible("\u{200B}\u{FE0F}"), "⟨U+200B⟩⟨U+FE0F⟩");
        assert_eq!(visible("\"\u{E0100}"), "\"⟨U+E0100⟩");
        assert_eq!(visible("a\u{FE0F}"), "a⟨U+FE0F⟩");
        assert_eq!(visible("#\u{FE0F}\u{20E3}"), "#\u{FE0F}\u{20E3}");
    }
}
