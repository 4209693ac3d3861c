//! The tamper demo: one character of one string claim changed, so that the signature no
//! longer holds. (The signature walkthrough's messages are in `protocol`; the worker's
//! `jws::walkthrough` computes its answer.)

use crate::jwt::json::{self, Value};

/// The tamper demo: the token with one character of one payload claim changed, and the
/// header and signature left as they were, so the signature no longer holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tampered {
    pub token: String,
    /// The claim that was changed, and its value before and after (as JSON text).
    pub claim: String,
    pub before: String,
    pub after: String,
}

/// Changes the last letter or digit of a string claim (`sub`, `name` or `email` if there is
/// one, else the first string claim) of a compact JWS, keeping the JSON valid. `None` when
/// the token has no such claim.
pub fn tamper(token: &str) -> Option<Tampered> {
    let d = crate::jwt::token::decode(token);
    if d.form != crate::jwt::token::Form::Jws || d.json.is_some() || d.unencoded_payload {
        return None;
    }
    let crate::jwt::token::Payload::Json(j) = &d.payload else { return None };
    let Value::Object(members) = &j.root()?.value else { return None };
    let candidate = |m: &&json::Member| {
        matches!(m.value.value, Value::String(_)) && last_plain_alnum(&j.text[m.value.span.clone()]).is_some()
    };
    let member = ["sub", "name", "email"]
        .iter()
        .find_map(|name| members.iter().filter(|m| m.key == *name).find(candidate))
        .or_else(|| members.iter().find(candidate))?;
    let span = member.value.span.clone();
    let raw = j.text.get(span.clone())?;
    let at = last_plain_alnum(raw)?;
    let old = raw.as_bytes()[at];
    let new = match old {
        b'9' => b'0',
        b'z' => b'a',
        b'Z' => b'A',
        b => b + 1,
    };
    let mut after = raw.to_string();
    after.replace_range(at..at + 1, &(new as char).to_string());
    let mut text = j.text.clone();
    text.replace_range(span, &after);
    // Segment ranges are in the token as found in the pasted text (without a Bearer prefix,
    // quotes, a curl command…), not in the pasted text itself.
    let found = &d.input.token;
    let header = found.get(d.segment(crate::jwt::problem::Part::Header)?.range.clone())?;
    let signature = found.get(d.segment(crate::jwt::problem::Part::Signature)?.range.clone())?;
    Some(Tampered {
        token: format!("{header}.{}.{signature}", crate::jwt::base64url::encode(text.as_bytes())),
        claim: member.key.clone(),
        before: raw.to_string(),
        after,
    })
}

/// The byte offset of the last ASCII letter or digit of a JSON string lexeme that is not
/// part of an escape sequence.
fn last_plain_alnum(raw: &str) -> Option<usize> {
    let bytes = raw.as_bytes();
    let (mut i, mut last) = (1, None);
    while i + 1 < bytes.len() {
        match bytes[i] {
            b'\\' => i += if bytes.get(i + 1) == Some(&b'u') { 6 } else { 2 },
            b if b.is_ascii_alphanumeric() => {
                last = Some(i);
                i += 1;
            }
            _ => i += 1,
        }
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::json::Node;

    #[test]
    fn tamper_changes_one_character_of_a_claim() {
        // RFC 7515 A.1: no sub, name or email; "iss":"joe" is the first string claim.
        let a1 = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        let t = tamper(a1).unwrap();
        assert_eq!((t.claim.as_str(), t.before.as_str(), t.after.as_str()), ("iss", "\"joe\"", "\"jof\""));
        let d = crate::jwt::decode(&t.token);
        assert!(d.problems.is_empty());
        assert!(t.token.starts_with("eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9."));
        assert!(t.token.ends_with(".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
        let claims = d.claims().unwrap();
        assert_eq!(claims.get("iss").and_then(Node::as_str), Some("jof"));
        // sub is preferred; escapes are left alone; 9 wraps to 0.
        let tok = |p: &str| format!("eyJhbGciOiJIUzI1NiJ9.{}.c2ln", crate::jwt::base64url::encode(p.as_bytes()));
        let t = tamper(&tok(r#"{"iss":"a","sub":"user-1049\u0041!"}"#)).unwrap();
        assert_eq!((t.claim.as_str(), t.after.as_str()), ("sub", r#""user-1040\u0041!""#));
        assert!(tamper(&tok(r#"{"n":1,"s":"--"}"#)).is_none());
        assert!(tamper("not a token").is_none());
        // Found by fuzzing: a token pasted with a curl command around it.
        let pasted = format!("curl -H \"Authorization: Bearer {a1}\" https://x");
        let t = tamper(&pasted).unwrap();
        assert!(crate::jwt::decode(&t.token).problems.is_empty(), "{}", t.token);
        assert_eq!(t.after, "\"jof\"");
        assert!(tamper("").is_none());
    }
}
