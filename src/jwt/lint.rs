//! Security and claim warnings: what a careful reviewer would point out about a token,
//! without any key. Each warning has a stable code (part of the UI contract), a message
//! about this token, a one-line reason, and the spec section it comes from.

use super::alg::{self, JwsAlg, KeyFamily, KeyManagement};
use super::base64url::Base64Issue;
use super::claims::{self, IAT_SKEW_SECONDS, Validity};
use super::json::{Document, Node, Value};
use super::limits::MAX_P2C;
use super::profile::{Profile, media_type};
use super::token::{Decoded, Form};
use super::warning::{Warning, WarningCode};

/// How long a token may live before `long-lifetime` is raised: one day.
pub const LONG_LIFETIME_SECONDS: i64 = 86_400;

/// A count from the header as a message shows it: an integer as `{}` prints it (the
/// page carries no float formatting, about 7 KB of its first load); anything else, which
/// no count should be, as the token writes it.
fn count_text(d: &Decoded, n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 9e18 {
        let sign = if n == 0.0 && n.is_sign_negative() { "-" } else { "" };
        return format!("{sign}{}", n as i64);
    }
    let written = |j: &super::token::JsonText| {
        let node = j.root()?.get("p2c")?;
        j.text.get(node.span.clone()).map(str::to_string)
    };
    d.header.as_ref().and_then(written).or_else(|| d.unprotected.as_ref().and_then(written)).unwrap_or_default()
}

/// Every warning about a decoded token at time `now` (seconds since 1970).
pub fn lint(d: &Decoded, now: i64) -> Vec<Warning> {
    let mut out = Vec::new();
    let mut warn = |code, message: String| out.push(Warning { code, message });

    if let Some(a) = d.alg.as_deref() {
        if JwsAlg::parse(a) == Some(JwsAlg::None) {
            let mut message = match d.signature_segment().filter(|s| !s.range.is_empty()) {
                None => "alg is \"none\": this token is unsecured and carries no signature".to_string(),
                Some(s) => format!(
                    "alg is \"none\": this token is unsecured, yet it carries a signature ({} characters), which RFC 7518 §3.6 requires to be empty",
                    s.range.len()
                ),
            };
            let algs = match d.header_json().map(|h| &h.value) {
                Some(Value::Object(members)) => members.iter().filter(|m| m.key == "alg").count(),
                _ => 0,
            };
            if algs > 1 {
                let times = if algs == 2 { "twice".to_string() } else { format!("{algs} times") };
                message.push_str(&format!("; the header names alg {times}, and \"none\" is only the last"));
            }
            warn(WarningCode::AlgNone, message);
        } else if alg::is_none_variant(a) {
            warn(
                WarningCode::AlgNone,
                format!(
                    "alg is \"{a}\": not a registered algorithm (names are case-sensitive), but some libraries have treated it as \"none\""
                ),
            );
        }
        let key_management = if d.form == Form::Jwe { KeyManagement::parse(a) } else { None };
        if key_management.is_some_and(KeyManagement::is_deprecated) {
            warn(
                WarningCode::DeprecatedAlg,
                format!("alg is \"{a}\" (RSAES-PKCS1-v1_5 key encryption), which JOSE deprecates"),
            );
        }
        if d.form != Form::Jwe && JwsAlg::parse(a) == Some(JwsAlg::EdDsa) {
            warn(
                WarningCode::DeprecatedAlg,
                "alg EdDSA still verifies, but RFC 9864 deprecates it for Ed25519 and Ed448".into(),
            );
        }
        if key_management.is_some_and(|k| k.family() == KeyFamily::Pbes2)
            && let Some(n) = d.header_member("p2c").and_then(|n| n.as_f64())
        {
            if n < 1000.0 {
                warn(
                    WarningCode::LowPbes2Count,
                    format!("p2c is {}: fewer than the 1000 PBKDF2 iterations RFC 7518 recommends", count_text(d, n)),
                );
            } else if n > f64::from(MAX_P2C) {
                warn(
                    WarningCode::HighPbes2Count,
                    format!(
                        "p2c is {}: more than the {MAX_P2C} iterations this page runs, so it does not decrypt",
                        count_text(d, n)
                    ),
                );
            }
        }
        let jwe = d.form == Form::Jwe;
        let enc = !jwe && d.header_member("enc").is_some();
        if (jwe && JwsAlg::parse(a).is_some()) || (d.form == Form::Jws && (KeyManagement::parse(a).is_some() || enc)) {
            let parts = if jwe { 5 } else { 3 };
            let and_enc = if enc { " and enc" } else { "" };
            warn(
                WarningCode::JwsJweConfusion,
                format!("the header mixes JWS and JWE: a {parts}-part token with alg \"{a}\"{and_enc}"),
            );
        } else if key_management.is_some_and(|k| !k.needs_secret())
            && !d.header_member("cty").and_then(Node::as_str).is_some_and(|c| media_type(c).eq_ignore_ascii_case("JWT"))
        {
            warn(
                WarningCode::JwsJweConfusion,
                "anyone with the public key can make this JWE, and no cty \"JWT\" says a signed JWT is inside".into(),
            );
        }
    }

    if d.form == Form::Jwe && d.header_member("zip").is_some() {
        warn(WarningCode::JweCompression, "the content was compressed (zip) before it was encrypted".into());
    }

    if d.json_serialization {
        warn(
            WarningCode::JwtFormat,
            "the token is in the JSON serialization, not the compact one every JWT uses".into(),
        );
    } else if let Some((part, c)) = d.outside_base64url {
        warn(WarningCode::JwtFormat, format!("{} holds {}", part.title(), super::base64url::char_name(c)));
    }

    // The parts of a compact token (five at most): a paste of a million dots is one problem
    // (too many parts), not half a million warnings.
    for seg in d.segments.iter().take(5) {
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

    if let Some(h) = &d.header
        && let Ok(doc) = &h.parsed
    {
        duplicates(
            doc,
            "the header",
            "the panes show every occurrence, and the token is refused when verified or decrypted",
            &mut warn,
        );
        lint_header(d, &doc.root, &mut warn);
    }

    if let Some(claims) = d.claims() {
        if let super::token::Payload::Json(j) = &d.payload
            && let Ok(doc) = &j.parsed
        {
            duplicates(doc, "the payload", "this page uses the last", &mut warn);
        }
        if claims.is_object() {
            lint_claims(claims, now, &mut warn);
            untyped(d, claims, &mut warn);
        }
    }
    out
}

/// A `duplicate-member` warning for each member name that occurs again in a part's JSON:
/// "`part` has "name" more than once; `consequence`".
fn duplicates(doc: &Document, part: &str, consequence: &str, warn: &mut impl FnMut(WarningCode, String)) {
    for dup in &doc.duplicates {
        warn(
            WarningCode::DuplicateMember,
            format!("{part} has \"{}\" more than once; {consequence}", super::text::visible(&dup.key)),
        );
    }
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

    if let Some(t) = h.get("typ").and_then(Node::as_str)
        && let Some(want) = typ_spelling(t)
    {
        warn(WarningCode::ExplicitTyping, format!("typ is \"{}\"; write \"{want}\"", super::text::visible(t)));
    }

    if let Some(kid) = h.get("kid").and_then(Node::as_str)
        && let Some(why) = suspicious_kid(kid)
    {
        warn(WarningCode::SuspiciousKid, format!("kid \"{}\" contains {why}", ellipsis(kid, 60)));
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
        if claims::is_core_header(name) && !understood {
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
        if let Some(t) = claims::claim_time(claims, name)
            && t.millis
        {
            warn(
                WarningCode::MsTimestamp,
                format!(
                    "{name} looks like milliseconds; read as seconds it is far in the future (shown here divided by 1000: {})",
                    claims::format_utc(t.seconds)
                ),
            );
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
    if let Some(iat) = iat
        && iat.seconds > now.saturating_add(IAT_SKEW_SECONDS)
    {
        warn(
            WarningCode::IatInFuture,
            format!(
                "iat is {} ({}): issued in the future",
                claims::format_utc(iat.seconds),
                claims::relative(iat.seconds, now)
            ),
        );
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

/// The types whose spelling `explicit-typing` knows: RFC 7519's `JWT`, then each profile's
/// explicit type (`Profile::typ`), gathered when the crate is compiled.
const KNOWN_TYPES: [&str; known_types_count()] = {
    let mut known = ["JWT"; known_types_count()];
    let (mut i, mut n) = (0, 1);
    while i < Profile::ALL.len() {
        if let Some(t) = Profile::ALL[i].typ() {
            known[n] = t;
            n += 1;
        }
        i += 1;
    }
    known
};

/// How many [`KNOWN_TYPES`] there are.
const fn known_types_count() -> usize {
    let (mut i, mut n) = (0, 1);
    while i < Profile::ALL.len() {
        if Profile::ALL[i].typ().is_some() {
            n += 1;
        }
        i += 1;
    }
    n
}

/// How RFC 8725bis §3.11 would write a `typ`, if not as it is: a known type (RFC 7519's
/// `JWT`, or a profile's explicit type) in its own case, and any type without
/// `application/` when no other `/` follows.
fn typ_spelling(typ: &str) -> Option<&str> {
    let bare = media_type(typ);
    let want = KNOWN_TYPES
        .into_iter()
        .find(|t| t.eq_ignore_ascii_case(bare))
        .or((bare.len() < typ.len() && !bare.is_empty() && !bare.contains('/')).then_some(bare))?;
    (want != typ).then_some(want)
}

/// `explicit-typing`: claims that mark a kind of token with an explicit type of its own
/// (RFC 8417's `events`, RFC 9449's `htm` and `htu`) under no `typ`, or `typ: JWT`.
fn untyped(d: &Decoded, claims: &Node, warn: &mut impl FnMut(WarningCode, String)) {
    if d.header_json()
        .and_then(|h| h.get("typ"))
        .and_then(Node::as_str)
        .is_some_and(|t| !media_type(t).eq_ignore_ascii_case("JWT"))
    {
        return;
    }
    let why = if claims.get("events").is_some_and(Node::is_object) {
        "events mark a security event token, but typ is not secevent+jwt or logout+jwt"
    } else if claims.get("htm").is_some() && claims.get("htu").is_some() {
        "htm and htu mark a DPoP proof, but typ is not dpop+jwt"
    } else {
        return;
    };
    warn(WarningCode::ExplicitTyping, why.into());
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
        (["*)", ")(", "(|", "(&"].into_iter().any(|f| kid.contains(f)), "an LDAP filter"),
        (kid.chars().any(|c| c.is_control() || super::text::is_invisible(c)), "control or invisible characters"),
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

    #[test]
    fn a_low_pbes2_count_is_shown_as_written_and_integers_as_integers() {
        let message = |p2c: &str| {
            let header = format!(r#"{{"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2s":"AAAAAAAAAAA","p2c":{p2c}}}"#);
            let jwe = format!("{}.AAAA.AAAA.AAAA.AAAA", encode(header.as_bytes()));
            let d = decode(&jwe);
            let w = lint(&d, NOW).into_iter().find(|w| w.code == WarningCode::LowPbes2Count);
            w.map(|w| w.message.split(':').next().unwrap_or_default().to_string())
        };
        // As `{}` prints these floats.
        for (p2c, shown) in [
            ("500", "500"),
            ("500.0", "500"),
            ("1e2", "100"),
            ("-0", "-0"),
            ("0", "0"),
            ("-1e17", "-100000000000000000"),
        ] {
            assert_eq!(message(p2c).as_deref(), Some(format!("p2c is {shown}").as_str()), "{p2c}");
            let n: f64 = p2c.parse().unwrap();
            assert_eq!(format!("{n}"), shown);
        }
        // Not a count: as the token writes it.
        assert_eq!(message("999.5").as_deref(), Some("p2c is 999.5"));
        assert_eq!(message("1000"), None);
    }

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
            (r#"{"alg":"HS256","kid":"*)(uid=*"}"#, &["suspicious-kid"]),
            (r#"{"alg":"HS256","kid":"key (2024)"}"#, &[]),
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
    fn alg_none_says_what_it_carries() {
        let message = |header: &str, sig: &str| {
            let t = format!("{}.{}.{sig}", encode(header.as_bytes()), encode(br#"{"exp":1700000600}"#));
            lint(&decode(&t), NOW).into_iter().find(|w| w.code == WarningCode::AlgNone).map(|w| w.message)
        };
        let none = r#"{"alg":"none"}"#;
        assert!(message(none, "").is_some_and(|m| m.ends_with("carries no signature")));
        assert!(message(none, "c2ln").is_some_and(|m| m.contains("(4 characters)") && m.contains("RFC 7518 §3.6")));
        let m = message(r#"{"alg":"HS256","alg":"none"}"#, "c2ln").unwrap_or_default();
        assert!(m.ends_with("the header names alg twice, and \"none\" is only the last"), "{m}");
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
        assert_eq!(got, ["deprecated-alg", "jws-jwe-confusion"]);
        let w = lint(&decode(&jwe), NOW).into_iter().find(|w| w.code == WarningCode::DeprecatedAlg);
        assert!(w.is_some_and(|w| w.message.ends_with("which JOSE deprecates")));
    }

    fn jwe_codes(header: &str) -> Vec<&'static str> {
        let jwe = format!("{}.AAAA.AAAA.AAAA.AAAA", encode(header.as_bytes()));
        lint(&decode(&jwe), NOW).iter().map(|w| w.code.as_str()).collect()
    }

    /// Each RFC 8725bis check fires on its bad input and not on the good one beside it.
    #[test]
    fn best_practices_checks() {
        let ok = r#"{"exp":1700000600}"#;
        // deprecated-alg on EdDSA (RFC 9864), not on Ed25519, and not on a JWE's alg.
        assert_eq!(codes(r#"{"alg":"EdDSA"}"#, ok), ["deprecated-alg"]);
        let t = format!("{}.{}.c2ln", encode(br#"{"alg":"EdDSA"}"#), encode(ok.as_bytes()));
        assert!(
            lint(&decode(&t), NOW).iter().any(|w| w.message.ends_with("RFC 9864 deprecates it for Ed25519 and Ed448"))
        );
        assert_eq!(codes(r#"{"alg":"Ed25519"}"#, ok), Vec::<&str>::new());
        // Case variants of none.
        for none in ["NONE", "None", "nonE"] {
            assert_eq!(codes(&format!(r#"{{"alg":"{none}"}}"#), ok), ["alg-none"], "{none}");
        }
        // p2c: too low, within, too high (this page's hard limit).
        let pbes2 = |p2c: &str| {
            jwe_codes(&format!(r#"{{"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2s":"AAAAAAAAAAA","p2c":{p2c}}}"#))
        };
        assert_eq!(pbes2("999"), ["low-pbes2-count"]);
        assert_eq!(pbes2("600000"), Vec::<&str>::new());
        assert_eq!(pbes2("600001"), ["high-pbes2-count"]);
        assert_eq!(pbes2("1e12"), ["high-pbes2-count"]);
        let high =
            format!("{}.AAAA.AAAA.AAAA.AAAA", encode(br#"{"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2c":1e9}"#));
        let m = lint(&decode(&high), NOW).into_iter().find(|w| w.code == WarningCode::HighPbes2Count);
        assert!(m.is_some_and(|w| w.message.starts_with(&format!("p2c is 1000000000: more than the {MAX_P2C} "))));
        // JWS/JWE confusion: a public-key JWE without a signed JWT inside, mixed headers.
        assert_eq!(jwe_codes(r#"{"alg":"RSA-OAEP","enc":"A128GCM"}"#), ["jws-jwe-confusion"]);
        assert_eq!(jwe_codes(r#"{"alg":"ECDH-ES","enc":"A128GCM","cty":"JWT"}"#), Vec::<&str>::new());
        assert_eq!(jwe_codes(r#"{"alg":"A128KW","enc":"A128GCM"}"#), Vec::<&str>::new());
        assert_eq!(jwe_codes(r#"{"alg":"HS256","enc":"A128GCM"}"#), ["jws-jwe-confusion"]);
        assert_eq!(codes(r#"{"alg":"dir"}"#, ok), ["jws-jwe-confusion"]);
        assert_eq!(codes(r#"{"alg":"HS256","enc":"A128GCM"}"#, ok), ["jws-jwe-confusion"]);
        // zip: said without decrypting.
        assert_eq!(jwe_codes(r#"{"alg":"dir","enc":"A128GCM","zip":"DEF"}"#), ["jwe-compression"]);
        // typ spelling.
        for (typ, want) in [
            ("JWT", None),
            ("at+jwt", None),
            ("example+jwt", None),
            ("jwt", Some("JWT")),
            ("application/at+jwt", Some("at+jwt")),
            ("AT+JWT", Some("at+jwt")),
            ("application/example+jwt", Some("example+jwt")),
            ("application/vnd.x/y", None),
            ("text/plain", None),
            ("application/", None),
        ] {
            let got = codes(&format!(r#"{{"alg":"HS256","typ":"{typ}"}}"#), ok);
            assert_eq!(got, want.map_or(vec![], |_| vec!["explicit-typing"]), "{typ}");
            assert_eq!(typ_spelling(typ), want, "{typ}");
        }
        // Explicit typing: a security event or a DPoP proof under typ JWT or none.
        let set = r#"{"exp":1700000600,"events":{"https://example.com/e":{}}}"#;
        let dpop = r#"{"exp":1700000600,"htm":"GET","htu":"https://example.com/"}"#;
        assert_eq!(codes(r#"{"alg":"ES256"}"#, set), ["explicit-typing"]);
        assert_eq!(codes(r#"{"alg":"ES256","typ":"JWT"}"#, dpop), ["explicit-typing"]);
        assert_eq!(codes(r#"{"alg":"ES256","typ":"secevent+jwt"}"#, set), Vec::<&str>::new());
        assert_eq!(codes(r#"{"alg":"ES256","typ":"dpop+jwt"}"#, dpop), Vec::<&str>::new());
        // Characters outside base64url, and the JSON serialization.
        let h = encode(br#"{"alg":"HS256"}"#);
        let p = encode(ok.as_bytes());
        let got = |t: &str| lint(&decode(t), NOW).into_iter().map(|w| (w.code.as_str(), w.message)).collect::<Vec<_>>();
        assert_eq!(got(&format!("{h}.{p}.c2ln")), []);
        assert_eq!(got(&format!("{h}.{p}.c2l+")), [("jwt-format", "Signature holds '+' (U+002B)".to_string())]);
        assert_eq!(got(&format!("{h}.{p}x\"y.c2ln")).first().map(|w| w.0), Some("jwt-format"));
        // Every part is checked (a decoded part passed the decoder's same check); `=` is padding's.
        assert_eq!(
            got(&format!("{h}/.{p}.c2ln")).iter().find(|w| w.0 == "jwt-format").map(|w| w.1.as_str()),
            Some("Header holds '/' (U+002F)")
        );
        assert!(!got(&format!("{h}.{p}.c2lu=")).iter().any(|w| w.0 == "jwt-format"));
        let json = format!(r#"{{"payload":"{p}","protected":"{h}","signature":"c2ln"}}"#);
        assert_eq!(got(&json).into_iter().map(|w| w.0).collect::<Vec<_>>(), ["jwt-format"]);
        let jwe =
            r#"{"protected":"eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0","iv":"AAAA","ciphertext":"AAAA","tag":"AAAA"}"#;
        assert_eq!(got(jwe).into_iter().map(|w| w.0).collect::<Vec<_>>(), ["jwt-format"]);
    }

    /// The numbers the reasons name are the limits the page keeps.
    #[test]
    fn reasons_name_the_limits() {
        assert_eq!(crate::jwt::limits::MAX_P2C, 600_000);
        assert!(WarningCode::HighPbes2Count.why().contains("600,000 here"));
        assert_eq!(crate::jwt::limits::SUGGESTED_INFLATED, 250_000);
        assert!(WarningCode::JweCompression.why().contains("250 KB"));
    }

    /// The sentences of a text: each ends with '.', '!' or '?' followed by a space or the end.
    fn sentences(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut start = 0;
        let bytes = text.as_bytes();
        for (i, b) in bytes.iter().enumerate() {
            if matches!(b, b'.' | b'!' | b'?') && bytes.get(i + 1).is_none_or(|n| *n == b' ') {
                out.push(text[start..=i].trim());
                start = i + 1;
            }
        }
        if !text[start..].trim().is_empty() {
            out.push(text[start..].trim());
        }
        out
    }

    #[test]
    fn every_code_explains_the_attack_in_two_sentences() {
        assert_eq!(sentences("One. Two (RFC 7518 §3.2) and 0.5 more."), ["One.", "Two (RFC 7518 §3.2) and 0.5 more."]);
        for code in WarningCode::ALL {
            let why = code.why();
            let s = sentences(why);
            assert_eq!(s.len(), 2, "{}: {why:?} has {} sentences: {s:#?}", code.as_str(), s.len());
            assert!(why.ends_with('.'), "{}", code.as_str());
            for abbreviation in ["e.g.", "i.e.", "etc.", "cf.", "vs."] {
                assert!(!why.to_lowercase().contains(abbreviation), "{}: avoid {abbreviation}", code.as_str());
            }
            for sentence in s {
                assert!(sentence.starts_with(char::is_uppercase), "{}: {sentence:?}", code.as_str());
                assert!(sentence.len() > 30, "{}: {sentence:?} says too little", code.as_str());
            }
            assert_eq!(WarningCode::from_code(code.as_str()), Some(code));
        }
    }

    #[test]
    fn every_reference_links_to_its_section() {
        for code in WarningCode::ALL {
            let (label, url) = code.reference();
            let (rfc, section) = label
                .strip_prefix("RFC ")
                .and_then(|l| l.split_once(" §"))
                .unwrap_or_else(|| panic!("{}: label {label:?}", code.as_str()));
            assert!(section.split('.').all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())), "{label}");
            // An RFC, or the draft that replaces RFC 8725 (not yet numbered).
            if rfc == "8725bis" {
                assert_eq!(
                    url,
                    format!("https://datatracker.ietf.org/doc/html/draft-ietf-oauth-rfc8725bis#section-{section}")
                );
                continue;
            }
            assert!(rfc.len() == 4 && rfc.bytes().all(|b| b.is_ascii_digit()), "{label}");
            assert_eq!(url, format!("https://www.rfc-editor.org/rfc/rfc{rfc}#section-{section}"), "{}", code.as_str());
        }
    }
}
