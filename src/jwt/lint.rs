//! Security and claim warnings: what a careful reviewer would point out about a token,
//! without any key. Each warning has a stable code (part of the UI contract), a message
//! about this token, a one-line reason, and the spec section it comes from.

use super::alg;
use super::base64url::Base64Issue;
use super::claims::{self, Validity};
use super::json::{Node, Value};
use super::token::{Decoded, Form};

/// What a warning is about. The kebab-case codes are stable: never change or reuse one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WarningCode {
    AlgNone,
    MissingExp,
    Expired,
    NotYetValid,
    IatInFuture,
    LongLifetime,
    MsTimestamp,
    SuspiciousKid,
    TokenSuppliedKey,
    UnknownCrit,
    DuplicateMember,
    Padding,
    NonCanonicalBase64,
    UnencodedPayload,
    DeprecatedAlg,
    AlgKeyMismatch,
    WeakSecret,
    ShortSecret,
    ShortRsaKey,
    HighS,
    CertificateExpired,
    InvalidCurve,
    LowPbes2Count,
}

impl WarningCode {
    /// Every code, for reading codes back from text.
    pub const ALL: [WarningCode; 23] = [
        WarningCode::AlgNone,
        WarningCode::MissingExp,
        WarningCode::Expired,
        WarningCode::NotYetValid,
        WarningCode::IatInFuture,
        WarningCode::LongLifetime,
        WarningCode::MsTimestamp,
        WarningCode::SuspiciousKid,
        WarningCode::TokenSuppliedKey,
        WarningCode::UnknownCrit,
        WarningCode::DuplicateMember,
        WarningCode::Padding,
        WarningCode::NonCanonicalBase64,
        WarningCode::UnencodedPayload,
        WarningCode::DeprecatedAlg,
        WarningCode::AlgKeyMismatch,
        WarningCode::WeakSecret,
        WarningCode::ShortSecret,
        WarningCode::ShortRsaKey,
        WarningCode::HighS,
        WarningCode::CertificateExpired,
        WarningCode::InvalidCurve,
        WarningCode::LowPbes2Count,
    ];

    /// The code with this kebab-case name.
    pub fn from_code(code: &str) -> Option<WarningCode> {
        Self::ALL.into_iter().find(|c| c.as_str() == code)
    }

    pub fn as_str(self) -> &'static str {
        self.info().0
    }

    /// Why this matters, in one line.
    pub fn why(self) -> &'static str {
        self.info().1
    }

    /// The spec section, as a label and a link.
    pub fn reference(self) -> (&'static str, &'static str) {
        let (_, _, label, url) = self.info();
        (label, url)
    }

    fn info(self) -> (&'static str, &'static str, &'static str, &'static str) {
        const BCP: &str = "https://www.rfc-editor.org/rfc/rfc8725";
        const JWT: &str = "https://www.rfc-editor.org/rfc/rfc7519";
        const JWS: &str = "https://www.rfc-editor.org/rfc/rfc7515";
        match self {
            WarningCode::AlgNone => (
                "alg-none",
                "An unsecured token has no signature: anyone can write one, so it must never be accepted where a signed token is expected.",
                "RFC 8725 §3.1",
                BCP,
            ),
            WarningCode::MissingExp => (
                "missing-exp",
                "Without exp the token is valid forever; a leaked token can be replayed at any time.",
                "RFC 7519 §4.1.4",
                JWT,
            ),
            WarningCode::Expired => {
                ("expired", "A recipient must reject a token on or after its exp time.", "RFC 7519 §4.1.4", JWT)
            }
            WarningCode::NotYetValid => {
                ("not-yet-valid", "A recipient must reject a token before its nbf time.", "RFC 7519 §4.1.5", JWT)
            }
            WarningCode::IatInFuture => (
                "iat-in-future",
                "A token issued in the future points to a wrong clock at the issuer or a forged token.",
                "RFC 7519 §4.1.6",
                JWT,
            ),
            WarningCode::LongLifetime => (
                "long-lifetime",
                "A long-lived bearer token gives a thief a long window; prefer short tokens and refresh them.",
                "RFC 8725 §3.10",
                BCP,
            ),
            WarningCode::MsTimestamp => (
                "ms-timestamp",
                "NumericDate is in seconds; a value in milliseconds puts the time thousands of years away, so exp never passes.",
                "RFC 7519 §2",
                JWT,
            ),
            WarningCode::SuspiciousKid => (
                "suspicious-kid",
                "kid is attacker-controlled input: used in a file path, URL or SQL query it enables path traversal or injection.",
                "RFC 8725 §3.10",
                BCP,
            ),
            WarningCode::TokenSuppliedKey => (
                "token-supplied-key",
                "A key named or carried by the token itself lets an attacker choose the key that verifies their own signature; it is never fetched or trusted here.",
                "RFC 8725 §3.10",
                BCP,
            ),
            WarningCode::UnknownCrit => (
                "unknown-crit",
                "A recipient must reject a token whose crit names an extension it does not understand.",
                "RFC 7515 §4.1.11",
                JWS,
            ),
            WarningCode::DuplicateMember => (
                "duplicate-member",
                "With a member twice, two libraries can read two different values from one token; strict parsers must reject it.",
                "RFC 7515 §4",
                JWS,
            ),
            WarningCode::Padding => (
                "padding",
                "JOSE base64url has no '=' padding; a padded token is not canonical and will not verify here.",
                "RFC 7515 §2",
                JWS,
            ),
            WarningCode::NonCanonicalBase64 => (
                "non-canonical-base64",
                "Unused bits set in the last character give one token several encodings, which defeats replay caches and signature pinning.",
                "RFC 4648 §3.5",
                "https://www.rfc-editor.org/rfc/rfc4648",
            ),
            WarningCode::UnencodedPayload => (
                "unencoded-payload",
                "With b64:false the payload is signed as raw bytes; recipients that do not know RFC 7797 compute a different signing input.",
                "RFC 7797 §3",
                "https://www.rfc-editor.org/rfc/rfc7797",
            ),
            WarningCode::AlgKeyMismatch => (
                "alg-key-mismatch",
                "Using a public key as an HMAC secret (or the other way round) lets anyone who knows the public key forge tokens: the algorithm must be checked against the key before any crypto.",
                "RFC 8725 §2.1",
                BCP,
            ),
            WarningCode::WeakSecret => (
                "weak-secret",
                "This secret is on lists attackers try first; a token signed with it can be forged offline in seconds.",
                "RFC 8725 §3.5",
                BCP,
            ),
            WarningCode::ShortSecret => (
                "short-secret",
                "An HMAC key shorter than the hash output weakens the MAC; RFC 7518 requires at least as many bits as the hash.",
                "RFC 7518 §3.2",
                "https://www.rfc-editor.org/rfc/rfc7518#section-3.2",
            ),
            WarningCode::ShortRsaKey => (
                "short-rsa-key",
                "RSA keys under 2048 bits can be factored with enough resources; RFC 7518 requires 2048 bits or more.",
                "RFC 7518 §3.3",
                "https://www.rfc-editor.org/rfc/rfc7518#section-3.3",
            ),
            WarningCode::HighS => (
                "high-s",
                "For every ECDSA signature (r, s) the pair (r, n − s) is also valid; accepting both makes signatures malleable.",
                "RFC 7518 §3.4",
                "https://www.rfc-editor.org/rfc/rfc7518#section-3.4",
            ),
            WarningCode::CertificateExpired => (
                "certificate-expired",
                "The certificate holding this key is outside its validity period; a relying party checking the chain would refuse it.",
                "RFC 5280 §4.1.2.5",
                "https://www.rfc-editor.org/rfc/rfc5280#section-4.1.2.5",
            ),
            WarningCode::InvalidCurve => (
                "invalid-curve",
                "The JWE's ephemeral public key is not a point on its curve (or is a low-order X25519 point); a decrypter that used it anyway would leak bits of its private key to the sender (invalid-curve attack).",
                "RFC 8725 §3.4",
                "https://www.rfc-editor.org/rfc/rfc8725#section-3.4",
            ),
            WarningCode::LowPbes2Count => (
                "low-pbes2-count",
                "The password-based key encryption uses few PBKDF2 iterations (p2c), so the password is cheap to guess offline.",
                "RFC 7518 §4.8.1.2",
                "https://www.rfc-editor.org/rfc/rfc7518#section-4.8.1.2",
            ),
            WarningCode::DeprecatedAlg => (
                "deprecated-alg",
                "RSA1_5 key encryption is open to padding-oracle attacks (Bleichenbacher); use RSA-OAEP.",
                "RFC 8725 §3.2",
                BCP,
            ),
        }
    }
}

/// One warning about one token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub code: WarningCode,
    /// What was found in this token.
    pub message: String,
}

/// How long a token may live before `long-lifetime` is raised: one day.
pub const LONG_LIFETIME_SECONDS: i64 = 86_400;

/// Clock skew allowed before `iat-in-future` is raised.
pub const IAT_SKEW_SECONDS: i64 = 60;

/// Every warning about a decoded token at time `now` (seconds since 1970).
pub fn lint(d: &Decoded, now: i64) -> Vec<Warning> {
    let mut out = Vec::new();
    let mut warn = |code, message: String| out.push(Warning { code, message });

    if let Some(a) = d.alg.as_deref() {
        if a == "none" {
            warn(WarningCode::AlgNone, "alg is \"none\": this token is unsecured and carries no signature".into());
        } else if alg::is_none_variant(a) {
            warn(
                WarningCode::AlgNone,
                format!(
                    "alg is \"{a}\": not a registered algorithm (names are case-sensitive), but some libraries have treated it as \"none\""
                ),
            );
        }
        if d.form == Form::Jwe && a == "RSA1_5" {
            warn(WarningCode::DeprecatedAlg, "alg is \"RSA1_5\" (RSAES-PKCS1-v1_5 key encryption)".into());
        }
        if d.form == Form::Jwe && a.starts_with("PBES2-") {
            if let Some(n) = d.header_member("p2c").and_then(|n| n.as_f64()).filter(|n| *n < 1000.0) {
                warn(
                    WarningCode::LowPbes2Count,
                    format!("p2c is {n}: fewer than the 1000 PBKDF2 iterations RFC 7518 recommends"),
                );
            }
        }
    }

    for seg in &d.segments {
        let part = seg.part.title();
        if seg.tolerated.iter().any(|(_, i)| matches!(i, Base64Issue::Padding { .. })) {
            warn(WarningCode::Padding, format!("{part} ends in '=' padding"));
        }
        if let Some((_, Base64Issue::NonCanonical { ch, .. })) =
            seg.tolerated.iter().find(|(_, i)| matches!(i, Base64Issue::NonCanonical { .. }))
        {
            warn(WarningCode::NonCanonicalBase64, format!("{part} ends in '{ch}', which has unused bits set"));
        }
    }

    if let Some(h) = &d.header {
        if let Ok(doc) = &h.parsed {
            for dup in &doc.duplicates {
                warn(
                    WarningCode::DuplicateMember,
                    format!("the header has \"{}\" more than once; this page uses the last", dup.key),
                );
            }
            lint_header(d, &doc.root, &mut warn);
        }
    }

    if let Some(claims) = d.claims() {
        if let super::token::Payload::Json(j) = &d.payload {
            if let Ok(doc) = &j.parsed {
                for dup in &doc.duplicates {
                    warn(
                        WarningCode::DuplicateMember,
                        format!("the payload has \"{}\" more than once; this page uses the last", dup.key),
                    );
                }
            }
        }
        if claims.is_object() {
            lint_claims(claims, now, &mut warn);
        }
    }
    out
}

fn lint_header(d: &Decoded, h: &Node, warn: &mut impl FnMut(WarningCode, String)) {
    for name in ["jwk", "jku", "x5u", "x5c"] {
        if let Some(v) = h.get(name) {
            let shown = match v.as_str() {
                Some(s) => format!(": {}", ellipsis(s, 80)),
                None => String::new(),
            };
            warn(
                WarningCode::TokenSuppliedKey,
                format!("the header carries \"{name}\"{shown}; it is shown, never fetched or trusted"),
            );
        }
    }

    if let Some(kid) = h.get("kid").and_then(Node::as_str) {
        if let Some(why) = suspicious_kid(kid) {
            warn(WarningCode::SuspiciousKid, format!("kid \"{}\" contains {why}", ellipsis(kid, 60)));
        }
    }

    let b64 = h.get("b64").map(|n| &n.value);
    let crit: Vec<&str> = match h.get("crit").map(|n| &n.value) {
        Some(Value::Array(items)) => items.iter().filter_map(Node::as_str).collect(),
        Some(_) => {
            warn(WarningCode::UnknownCrit, "crit must be an array of header parameter names".into());
            Vec::new()
        }
        None => Vec::new(),
    };
    if h.get("crit").is_some_and(|n| matches!(&n.value, Value::Array(items) if items.is_empty())) {
        warn(WarningCode::UnknownCrit, "crit is an empty array, which RFC 7515 §4.1.11 forbids".into());
    }
    for name in &crit {
        // What this page understands: b64 (RFC 7797), for a JWS.
        let understood = *name == "b64" && d.form != Form::Jwe;
        if claims::describe_header(name).is_some() && !understood {
            warn(
                WarningCode::UnknownCrit,
                format!("crit lists \"{name}\", a parameter of the JOSE specs themselves, which it must not"),
            );
        } else if !understood {
            warn(
                WarningCode::UnknownCrit,
                format!(
                    "crit lists \"{name}\", an extension this page does not understand: a recipient must reject the token"
                ),
            );
        } else if h.get(name).is_none() {
            warn(WarningCode::UnknownCrit, format!("crit lists \"{name}\", but the header has no such member"));
        }
    }
    if b64 == Some(&Value::Bool(false)) {
        let in_crit = crit.contains(&"b64");
        warn(
            WarningCode::UnencodedPayload,
            if in_crit {
                "b64 is false: the payload is not base64url-encoded and is signed as it is".into()
            } else {
                "b64 is false but crit does not list \"b64\" (RFC 7797 §6 requires it): recipients that ignore b64 compute another signing input".into()
            },
        );
    }
}

fn lint_claims(claims: &Node, now: i64, warn: &mut impl FnMut(WarningCode, String)) {
    for &name in claims::TIME_CLAIMS {
        if let Some(t) = claims::claim_time(claims, name) {
            if t.millis {
                warn(
                    WarningCode::MsTimestamp,
                    format!(
                        "{name} looks like milliseconds; read as seconds it is far in the future (shown here divided by 1000: {})",
                        claims::format_utc(t.seconds)
                    ),
                );
            }
        }
    }
    let exp = claims::claim_time(claims, "exp");
    let iat = claims::claim_time(claims, "iat");
    if exp.is_none() {
        let why = match claims.get("exp") {
            Some(v) => format!("exp is {}, not a NumericDate, so the token has no usable expiry", v.value.type_name()),
            None => "there is no exp claim: the token never expires".into(),
        };
        warn(WarningCode::MissingExp, why);
    }
    match claims::validity(claims, now) {
        Validity::Expired { at } => {
            warn(WarningCode::Expired, format!("expired {} ({})", claims::relative(at, now), claims::format_utc(at)))
        }
        Validity::NotYetValid { from } => warn(
            WarningCode::NotYetValid,
            format!("not valid until {} ({})", claims::format_utc(from), claims::relative(from, now)),
        ),
        _ => {}
    }
    if let Some(iat) = iat {
        if iat.seconds > now.saturating_add(IAT_SKEW_SECONDS) {
            warn(
                WarningCode::IatInFuture,
                format!(
                    "iat is {} ({}): issued in the future",
                    claims::format_utc(iat.seconds),
                    claims::relative(iat.seconds, now)
                ),
            );
        }
    }
    if let Some(exp) = exp {
        let (start, from) = match (iat, claims::claim_time(claims, "nbf")) {
            (Some(t), _) => (t.seconds, "iat"),
            (None, Some(t)) => (t.seconds, "nbf"),
            (None, None) => (now, "now"),
        };
        let life = exp.seconds.saturating_sub(start);
        if life > LONG_LIFETIME_SECONDS {
            warn(
                WarningCode::LongLifetime,
                format!("the token lives {} from {from} to exp", claims::format_duration(life)),
            );
        }
    }
}

/// What makes a `kid` look like an injection attempt, if anything.
fn suspicious_kid(kid: &str) -> Option<&'static str> {
    let lower = kid.to_ascii_lowercase();
    let checks: &[(bool, &'static str)] = &[
        (kid.contains("..") || kid.starts_with('/') || kid.contains('\\'), "a file path (path traversal)"),
        (lower.contains("://") || lower.starts_with("file:") || lower.starts_with("data:"), "a URL"),
        (kid.contains(['\'', '"', '`']), "quotes"),
        (
            lower.contains("--")
                || lower.contains(';')
                || lower.contains(" or ")
                || lower.contains("union")
                || lower.contains("select "),
            "SQL",
        ),
        (kid.contains(['|', '$', '<', '>', '\0']) || kid.contains("&&"), "shell or markup characters"),
        (kid.chars().any(|c| c.is_control() || super::base64url::is_invisible(c)), "control or invisible characters"),
    ];
    checks.iter().find(|(hit, _)| *hit).map(|&(_, why)| why)
}

fn ellipsis(s: &str, max: usize) -> String {
    if s.chars().count() <= max { s.to_string() } else { s.chars().take(max).chain(std::iter::once('…')).collect() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::base64url::encode;
    use crate::jwt::token::decode;

    const NOW: i64 = 1_700_000_000;

    fn codes(header: &str, payload: &str) -> Vec<&'static str> {
        let t = format!("{}.{}.c2ln", encode(header.as_bytes()), encode(payload.as_bytes()));
        lint(&decode(&t), NOW).iter().map(|w| w.code.as_str()).collect()
    }

    #[test]
    fn header_warnings() {
        let ok = r#"{"exp":1700000600}"#;
        let cases: &[(&str, &[&str])] = &[
            (r#"{"alg":"HS256"}"#, &[]),
            (r#"{"alg":"none"}"#, &["alg-none"]),
            (r#"{"alg":"nOnE"}"#, &["alg-none"]),
            (r#"{"alg":"RS256","jku":"https://evil.example/jwks"}"#, &["token-supplied-key"]),
            (r#"{"alg":"RS256","jwk":{"kty":"RSA"},"x5c":["MII"]}"#, &["token-supplied-key", "token-supplied-key"]),
            (r#"{"alg":"HS256","kid":"../../dev/null"}"#, &["suspicious-kid"]),
            (r#"{"alg":"HS256","kid":"x' UNION SELECT 'k"}"#, &["suspicious-kid"]),
            (r#"{"alg":"HS256","kid":"2024-rotation-1"}"#, &[]),
            (r#"{"alg":"HS256","crit":["exp"],"exp":1}"#, &["unknown-crit"]),
            (r#"{"alg":"HS256","crit":["alg"]}"#, &["unknown-crit"]),
            (r#"{"alg":"HS256","crit":[]}"#, &["unknown-crit"]),
            (r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#, &["unencoded-payload"]),
            (r#"{"alg":"HS256","b64":false}"#, &["unencoded-payload"]),
            (r#"{"alg":"HS256","alg":"none"}"#, &["alg-none", "duplicate-member"]),
        ];
        for (header, want) in cases {
            let mut got = codes(header, ok);
            got.sort_unstable();
            let mut want = want.to_vec();
            want.sort_unstable();
            assert_eq!(got, want, "header {header}");
        }
    }

    #[test]
    fn claim_warnings() {
        let h = r#"{"alg":"HS256"}"#;
        let cases: &[(&str, &[&str])] = &[
            (r#"{"exp":1700000600,"iat":1699999990}"#, &[]),
            (r#"{"sub":"x"}"#, &["missing-exp"]),
            (r#"{"exp":"tomorrow"}"#, &["missing-exp"]),
            (r#"{"exp":1699999999}"#, &["expired"]),
            (r#"{"exp":1700000600,"nbf":1700000300}"#, &["not-yet-valid"]),
            (r#"{"exp":1700000600,"iat":1700000300}"#, &["iat-in-future"]),
            (r#"{"exp":1700000600,"iat":1700000030}"#, &[]),
            (r#"{"exp":1800000000,"iat":1700000000}"#, &["long-lifetime"]),
            (r#"{"exp":1700000600000}"#, &["ms-timestamp"]),
            (r#"{"exp":1700000600,"sub":"a","sub":"b"}"#, &["duplicate-member"]),
        ];
        for (payload, want) in cases {
            assert_eq!(codes(h, payload), *want, "payload {payload}");
        }
    }

    #[test]
    fn base64_warnings_and_jwe() {
        let t = format!("{}=.{}.c2m", encode(br#"{"alg":"HS256"}"#), encode(br#"{"exp":1700000600}"#));
        let got: Vec<&str> = lint(&decode(&t), NOW).iter().map(|w| w.code.as_str()).collect();
        assert_eq!(got, ["padding", "non-canonical-base64"]);

        let jwe = format!("{}.AAAA.AAAA.AAAA.AAAA", encode(br#"{"alg":"RSA1_5","enc":"A128GCM"}"#));
        let got: Vec<&str> = lint(&decode(&jwe), NOW).iter().map(|w| w.code.as_str()).collect();
        assert_eq!(got, ["deprecated-alg"]);
    }

    #[test]
    fn every_code_is_documented() {
        for code in [WarningCode::AlgNone, WarningCode::DeprecatedAlg, WarningCode::Padding] {
            assert!(code.why().ends_with('.'));
            assert!(code.reference().1.starts_with("https://www.rfc-editor.org/"));
        }
    }
}
