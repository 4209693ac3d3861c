//! Claims (RFC 7519 §4, OpenID Connect Core §2 and §5.1, RFC 8693, RFC 9068, RFC 7800) and
//! header parameters (RFC 7515 §4.1, RFC 7516 §4.1, RFC 7518, RFC 7797, RFC 8555): what each
//! means, with a link to its section, and the times in a token.

pub mod validate;

use crate::jwt::json::{Node, Value};

/// A documented name: what it is called, what it means, and where it is specified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Described {
    pub name: &'static str,
    pub title: &'static str,
    pub meaning: &'static str,
    pub spec: &'static str,
    pub url: &'static str,
}

const fn d(
    name: &'static str,
    title: &'static str,
    meaning: &'static str,
    (spec, url): (&'static str, &'static str),
) -> Described {
    Described { name, title, meaning, spec, url }
}

/// A section of an RFC: its label and the link to that very section.
macro_rules! rfc {
    ($n:literal, $section:literal) => {
        (concat!("RFC ", $n, " §", $section), concat!("https://www.rfc-editor.org/rfc/rfc", $n, "#section-", $section))
    };
}

/// A section of OpenID Connect Core 1.0, by its number and the anchor the spec gives it.
macro_rules! oidc {
    ($section:literal, $anchor:literal) => {
        (
            concat!("OpenID Connect Core §", $section),
            concat!("https://openid.net/specs/openid-connect-core-1_0.html#", $anchor),
        )
    };
}

/// Registered and common claims: RFC 7519 §4.1, OpenID Connect Core (ID Token, standard
/// claims), token exchange (RFC 8693), JWT access tokens (RFC 9068) and proof of possession
/// (RFC 7800).
pub const CLAIMS: &[Described] = &[
    d("iss", "Issuer", "who issued the token", rfc!("7519", "4.1.1")),
    d("sub", "Subject", "whom the token is about, unique within the issuer", rfc!("7519", "4.1.2")),
    d("aud", "Audience", "who the token is for; a recipient not named here must reject it", rfc!("7519", "4.1.3")),
    d("exp", "Expiration time", "the token must not be accepted on or after this time", rfc!("7519", "4.1.4")),
    d("nbf", "Not before", "the token must not be accepted before this time", rfc!("7519", "4.1.5")),
    d("iat", "Issued at", "when the token was issued", rfc!("7519", "4.1.6")),
    d("jti", "JWT ID", "a unique identifier, used to stop replay", rfc!("7519", "4.1.7")),
    d("auth_time", "Authentication time", "when the user last authenticated", oidc!("2", "IDToken")),
    d(
        "nonce",
        "Nonce",
        "ties an ID token to the client's authentication request, against replay",
        oidc!("2", "IDToken"),
    ),
    d("acr", "Authentication context class", "how strongly the user was authenticated", oidc!("2", "IDToken")),
    d("amr", "Authentication methods", "how the user authenticated (e.g. pwd, otp, mfa)", oidc!("2", "IDToken")),
    d("azp", "Authorized party", "the client the ID token was issued to", oidc!("2", "IDToken")),
    d(
        "at_hash",
        "Access token hash",
        "half of the hash of the access token issued with this ID token",
        oidc!("3.1.3.6", "CodeIDToken"),
    ),
    d(
        "c_hash",
        "Code hash",
        "half of the hash of the authorization code issued with this ID token",
        oidc!("3.3.2.11", "HybridIDToken"),
    ),
    d(
        "sid",
        "Session ID",
        "the user's session at the issuer",
        (
            "OpenID Connect Front-Channel Logout §3",
            "https://openid.net/specs/openid-connect-frontchannel-1_0.html#OPLogout",
        ),
    ),
    d("name", "Full name", "the user's full name", oidc!("5.1", "StandardClaims")),
    d("given_name", "Given name", "the user's given (first) name", oidc!("5.1", "StandardClaims")),
    d("family_name", "Family name", "the user's family (last) name", oidc!("5.1", "StandardClaims")),
    d("middle_name", "Middle name", "the user's middle name", oidc!("5.1", "StandardClaims")),
    d("nickname", "Nickname", "a casual name of the user", oidc!("5.1", "StandardClaims")),
    d(
        "preferred_username",
        "Preferred username",
        "the name the user likes to be called; not unique, not stable",
        oidc!("5.1", "StandardClaims"),
    ),
    d("profile", "Profile URL", "the user's profile page", oidc!("5.1", "StandardClaims")),
    d("picture", "Picture URL", "the user's picture", oidc!("5.1", "StandardClaims")),
    d("website", "Website", "the user's web page or blog", oidc!("5.1", "StandardClaims")),
    d(
        "email",
        "E-mail",
        "the user's e-mail address; trust it only if email_verified is true",
        oidc!("5.1", "StandardClaims"),
    ),
    d(
        "email_verified",
        "E-mail verified",
        "whether the issuer verified the e-mail address",
        oidc!("5.1", "StandardClaims"),
    ),
    d("gender", "Gender", "the user's gender", oidc!("5.1", "StandardClaims")),
    d("birthdate", "Birthdate", "the user's birthday (YYYY-MM-DD)", oidc!("5.1", "StandardClaims")),
    d("zoneinfo", "Time zone", "the user's time zone (e.g. Europe/Paris)", oidc!("5.1", "StandardClaims")),
    d("locale", "Locale", "the user's locale (e.g. en-US)", oidc!("5.1", "StandardClaims")),
    d("phone_number", "Phone number", "the user's phone number", oidc!("5.1", "StandardClaims")),
    d(
        "phone_number_verified",
        "Phone number verified",
        "whether the issuer verified the phone number",
        oidc!("5.1", "StandardClaims"),
    ),
    d("address", "Address", "the user's postal address", oidc!("5.1.1", "AddressClaim")),
    d("updated_at", "Updated at", "when the user's information was last updated", oidc!("5.1", "StandardClaims")),
    d("act", "Actor", "who acts on behalf of the subject (delegation)", rfc!("8693", "4.1")),
    d("scope", "Scope", "the scopes granted, space-separated", rfc!("8693", "4.2")),
    d("client_id", "Client ID", "the OAuth client the token was issued to", rfc!("8693", "4.3")),
    d("may_act", "Authorized actor", "who may act on behalf of the subject", rfc!("8693", "4.4")),
    d("roles", "Roles", "roles of the subject", rfc!("9068", "2.2.3.1")),
    d("groups", "Groups", "groups the subject belongs to", rfc!("9068", "2.2.3.1")),
    d("entitlements", "Entitlements", "what the subject is entitled to", rfc!("9068", "2.2.3.1")),
    d("cnf", "Confirmation", "the key the presenter must prove possession of", rfc!("7800", "3.1")),
];

/// Header parameters of JWS and JWE (RFC 7515 §4.1, RFC 7516 §4.1, RFC 7518 §4.6–4.8), of
/// unencoded payloads (RFC 7797) and of ACME (RFC 8555).
pub const HEADER_PARAMS: &[Described] = &[
    d("alg", "Algorithm", "how the token is signed or its key is encrypted", rfc!("7515", "4.1.1")),
    d("jku", "JWK Set URL", "a URL of keys; following it lets the token choose its own key", rfc!("7515", "4.1.2")),
    d(
        "jwk",
        "JSON Web Key",
        "a key carried by the token itself; proves nothing about the signer",
        rfc!("7515", "4.1.3"),
    ),
    d("kid", "Key ID", "a hint naming the key; only a hint, never a key", rfc!("7515", "4.1.4")),
    d("x5u", "X.509 URL", "a URL of a certificate chain; never fetched here", rfc!("7515", "4.1.5")),
    d("x5c", "X.509 chain", "a certificate chain carried by the token itself", rfc!("7515", "4.1.6")),
    d("x5t", "X.509 SHA-1 thumbprint", "the SHA-1 thumbprint of the signing certificate", rfc!("7515", "4.1.7")),
    d(
        "x5t#S256",
        "X.509 SHA-256 thumbprint",
        "the SHA-256 thumbprint of the signing certificate",
        rfc!("7515", "4.1.8"),
    ),
    d("typ", "Type", "the media type of the whole token, e.g. JWT", rfc!("7515", "4.1.9")),
    d("cty", "Content type", "the media type of the payload; JWT for a nested token", rfc!("7515", "4.1.10")),
    d("crit", "Critical", "extensions the recipient must understand, or reject the token", rfc!("7515", "4.1.11")),
    d("enc", "Encryption", "the content encryption algorithm of a JWE", rfc!("7516", "4.1.2")),
    d("zip", "Compression", "the plaintext is compressed (DEF) before encryption", rfc!("7516", "4.1.3")),
    d("epk", "Ephemeral public key", "the sender's one-time key for ECDH-ES", rfc!("7518", "4.6.1.1")),
    d("apu", "Agreement PartyUInfo", "information about the sender, for ECDH-ES", rfc!("7518", "4.6.1.2")),
    d("apv", "Agreement PartyVInfo", "information about the recipient, for ECDH-ES", rfc!("7518", "4.6.1.3")),
    d("iv", "Initialization vector", "the IV of AES-GCM key wrapping of the content key", rfc!("7518", "4.7.1.1")),
    d("tag", "Authentication tag", "the tag of AES-GCM key wrapping of the content key", rfc!("7518", "4.7.1.2")),
    d("p2s", "PBES2 salt", "salt for deriving the key from a password", rfc!("7518", "4.8.1.1")),
    d("p2c", "PBES2 count", "PBKDF2 iterations for deriving the key from a password", rfc!("7518", "4.8.1.2")),
    d("b64", "Base64url-encode payload", "false means the payload is not encoded", rfc!("7797", "3")),
    d("url", "Request URL (ACME)", "the URL this signed ACME request is meant for", rfc!("8555", "6.4.1")),
    d("nonce", "Nonce (ACME)", "a one-time value from the ACME server, against replay", rfc!("8555", "6.5.2")),
];

/// Whether a header parameter is defined by JWS, JWE or JWA themselves (RFC 7515, 7516,
/// 7518), which `crit` must never list (RFC 7515 §4.1.11), rather than by an extension.
pub fn is_core_header(name: &str) -> bool {
    describe_header(name).is_some_and(|d| ["RFC 7515 ", "RFC 7516 ", "RFC 7518 "].iter().any(|r| d.spec.starts_with(r)))
}

/// Clock skew allowed for an `iat` in the future (the lint's `iat-in-future`, a KB-JWT's
/// `kb-iat`).
pub const IAT_SKEW_SECONDS: i64 = 60;

/// The claims whose values are NumericDates (RFC 7519 §2).
pub const TIME_CLAIMS: &[&str] = &["exp", "nbf", "iat", "auth_time", "updated_at"];

/// Looks up a claim's description.
pub fn describe_claim(name: &str) -> Option<&'static Described> {
    CLAIMS.iter().find(|c| c.name == name)
}

/// Looks up a header parameter's description.
pub fn describe_header(name: &str) -> Option<&'static Described> {
    HEADER_PARAMS.iter().find(|c| c.name == name)
}

/// Seconds since 1970 beyond which a NumericDate is taken to be in milliseconds:
/// 10^11 s is the year 5138, while 10^11 ms is March 1973.
const MILLIS_THRESHOLD: f64 = 1e11;

/// A NumericDate read from a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Time {
    /// Whole seconds since 1970-01-01T00:00:00Z (fractions are dropped).
    pub seconds: i64,
    /// Whether the value looked like milliseconds and was divided by 1000 to get `seconds`.
    pub millis: bool,
}

/// Reads a NumericDate, if the value is a finite number in a range dates can show.
pub fn time_of(node: &Node) -> Option<Time> {
    let Value::Number(n) = node.value else {
        return None;
    };
    if !n.is_finite() {
        return None;
    }
    let millis = n.abs() >= MILLIS_THRESHOLD;
    let secs = if millis { n / 1000.0 } else { n };
    // Years 0000 to 9999 and a little around: what ISO 8601 dates can show.
    if !(-62_167_219_200.0..=253_402_300_799.0).contains(&secs) {
        return None;
    }
    Some(Time { seconds: secs.floor() as i64, millis })
}

/// Reads a time claim from a claims set.
pub fn claim_time(claims: &Node, name: &str) -> Option<Time> {
    time_of(claims.get(name)?)
}

/// Days since 1970-01-01 to a civil date (proleptic Gregorian), after Howard Hinnant's
/// `civil_from_days`.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Formats a time with an offset from UTC, in minutes east of Greenwich:
/// `2011-03-22T18:43:00Z` for offset 0, `2011-03-22 19:43:00 UTC+01:00` otherwise.
pub fn format_time(seconds: i64, offset_minutes: i32) -> String {
    let local = seconds + i64::from(offset_minutes) * 60;
    let (days, secs) = (local.div_euclid(86_400), local.rem_euclid(86_400));
    let (y, mo, d) = civil_from_days(days);
    let (h, mi, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    if offset_minutes == 0 {
        format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
    } else {
        let sign = if offset_minutes < 0 { '-' } else { '+' };
        let off = offset_minutes.unsigned_abs();
        format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02} UTC{sign}{:02}:{:02}", off / 60, off % 60)
    }
}

/// ISO 8601 in UTC: `2011-03-22T18:43:00Z`.
pub fn format_utc(seconds: i64) -> String {
    format_time(seconds, 0)
}

/// A duration in words, at the precision a person wants: "42 s", "5 min", "3 h 20 min",
/// "12 days", "2 years".
pub fn format_duration(seconds: i64) -> String {
    let s = seconds.unsigned_abs();
    const MIN: u64 = 60;
    const HOUR: u64 = 3600;
    const DAY: u64 = 86_400;
    match s {
        0..MIN => format!("{s} s"),
        MIN..HOUR => format!("{} min", s / MIN),
        HOUR..DAY => match s % HOUR / MIN {
            0 => format!("{} h", s / HOUR),
            m => format!("{} h {m} min", s / HOUR),
        },
        _ if s < 2 * DAY => format!("1 day {} h", (s - DAY) / HOUR),
        _ if s < 365 * DAY => format!("{} days", s / DAY),
        _ => {
            let years = s / (365 * DAY);
            format!("{years} year{}", if years == 1 { "" } else { "s" })
        }
    }
}

/// When a time is relative to now: "in 42 min", "3 days ago", "now".
pub fn relative(seconds: i64, now: i64) -> String {
    let delta = seconds.saturating_sub(now);
    if delta == 0 {
        "now".to_string()
    } else if delta > 0 {
        format!("in {}", format_duration(delta))
    } else {
        format!("{} ago", format_duration(delta))
    }
}

/// Whether the token's times allow it now (RFC 7519 §4.1.4, §4.1.5), without leeway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Validity {
    /// No `exp` and no `nbf`.
    NoTimes,
    /// Valid now; `expires` is the `exp` time if there is one.
    Valid { expires: Option<i64> },
    /// `exp` has passed.
    Expired { at: i64 },
    /// `nbf` is still ahead.
    NotYetValid { from: i64 },
}

/// Judges the times of a claims set at `now`.
pub fn validity(claims: &Node, now: i64) -> Validity {
    validity_of(claim_time(claims, "exp").map(|t| t.seconds), claim_time(claims, "nbf").map(|t| t.seconds), now)
}

/// Judges a claims set's `exp` and `nbf` (seconds, as [`claim_time`] reads them) at `now`:
/// what [`validity`] says, for a caller that keeps only the two times.
pub fn validity_of(exp: Option<i64>, nbf: Option<i64>, now: i64) -> Validity {
    match (exp, nbf) {
        (Some(exp), _) if now >= exp => Validity::Expired { at: exp },
        (_, Some(nbf)) if now < nbf => Validity::NotYetValid { from: nbf },
        (None, None) => Validity::NoTimes,
        (exp, _) => Validity::Valid { expires: exp },
    }
}

impl Validity {
    /// A one-line status: "Valid now — expires in 42 min".
    pub fn summary(&self, now: i64) -> String {
        match *self {
            Validity::NoTimes => "No exp or nbf: the token never expires by its own claims".into(),
            Validity::Valid { expires: Some(exp) } => {
                format!("Valid now: expires {}", relative(exp, now))
            }
            Validity::Valid { expires: None } => "Valid now: no expiry (no exp claim)".into(),
            Validity::Expired { at } => format!("Expired {}", relative(at, now)),
            Validity::NotYetValid { from } => {
                format!("Not yet valid: becomes valid {}", relative(from, now))
            }
        }
    }

    /// A stable keyword for the page (`data-status`).
    pub fn keyword(&self) -> &'static str {
        match self {
            Validity::NoTimes => "no-times",
            Validity::Valid { .. } => "valid",
            Validity::Expired { .. } => "expired",
            Validity::NotYetValid { .. } => "not-yet-valid",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::json::parse;

    #[test]
    fn every_registered_name_links_to_its_section() {
        let claims = [
            "iss sub aud exp nbf iat jti",                // RFC 7519 §4.1
            "auth_time nonce acr amr azp at_hash c_hash", // OpenID Connect Core §2, §3.1.3.6, §3.3.2.11
            "sid",                                        // OpenID Connect Front-Channel Logout §3
            "name given_name family_name middle_name nickname preferred_username profile picture website",
            "email email_verified gender birthdate zoneinfo locale phone_number phone_number_verified",
            "address updated_at",                                    // OpenID Connect Core §5.1
            "act scope client_id may_act roles groups entitlements", // RFC 8693 §4, RFC 9068 §2.2.3.1
            "cnf",                                                   // RFC 7800 §3.1
        ];
        let headers = [
            "alg jku jwk kid x5u x5c x5t x5t#S256 typ cty crit", // RFC 7515 §4.1
            "enc zip",                                           // RFC 7516 §4.1
            "epk apu apv iv tag p2s p2c",                        // RFC 7518 §4.6.1, §4.7.1, §4.8.1
            "b64 url nonce",                                     // RFC 7797 §3, RFC 8555 §6.4.1, §6.5.2
        ];
        let check = |kind: &str, name: &str, found: Option<&Described>| {
            let c = found.unwrap_or_else(|| panic!("no description of the {kind} {name}"));
            assert_eq!(c.name, name);
            assert!(c.url.starts_with("https://") && c.url.contains('#'), "{name}: {}", c.url);
            assert!(!c.title.is_empty() && !c.meaning.is_empty() && !c.spec.is_empty(), "{name}");
            // An RFC's label and link name the same section.
            if let Some((n, section)) = c.spec.strip_prefix("RFC ").and_then(|l| l.split_once(" §")) {
                assert_eq!(c.url, format!("https://www.rfc-editor.org/rfc/rfc{n}#section-{section}"), "{name}");
            }
        };
        for name in claims.iter().flat_map(|l| l.split_whitespace()) {
            check("claim", name, describe_claim(name));
        }
        for name in headers.iter().flat_map(|l| l.split_whitespace()) {
            check("header parameter", name, describe_header(name));
        }
        for table in [CLAIMS, HEADER_PARAMS] {
            for (i, c) in table.iter().enumerate() {
                assert!(table[..i].iter().all(|o| o.name != c.name), "{} is described twice", c.name);
                check("entry", c.name, Some(c));
            }
        }
        assert_eq!(describe_claim("exp").map(|c| c.url), Some("https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4"));
        assert_eq!(
            describe_claim("c_hash").map(|c| (c.spec, c.url)),
            Some((
                "OpenID Connect Core §3.3.2.11",
                "https://openid.net/specs/openid-connect-core-1_0.html#HybridIDToken"
            ))
        );
        // crit may name an extension's parameter, never one of JWS, JWE or JWA themselves.
        assert!(is_core_header("alg") && is_core_header("p2c") && is_core_header("iv"));
        assert!(!is_core_header("b64") && !is_core_header("url") && !is_core_header("private"));
    }

    #[test]
    fn formats_dates() {
        let cases: &[(i64, i32, &str)] = &[
            (0, 0, "1970-01-01T00:00:00Z"),
            (1_300_819_380, 0, "2011-03-22T18:43:00Z"),
            (951_782_400, 0, "2000-02-29T00:00:00Z"),
            (-1, 0, "1969-12-31T23:59:59Z"),
            (253_402_300_799, 0, "9999-12-31T23:59:59Z"),
            (1_300_819_380, 60, "2011-03-22 19:43:00 UTC+01:00"),
            (1_300_819_380, -330, "2011-03-22 13:13:00 UTC-05:30"),
        ];
        for &(secs, off, want) in cases {
            assert_eq!(format_time(secs, off), want);
        }
    }

    #[test]
    fn relative_times_read_naturally() {
        let cases: &[(i64, &str)] = &[
            (0, "now"),
            (42, "in 42 s"),
            (-42 * 60, "42 min ago"),
            (3600, "in 1 h"),
            (3 * 3600 + 20 * 60, "in 3 h 20 min"),
            (-(86_400 + 7200), "1 day 2 h ago"),
            (-3 * 86_400, "3 days ago"),
            (800 * 86_400, "in 2 years"),
            (400 * 86_400, "in 1 year"),
        ];
        for &(delta, want) in cases {
            assert_eq!(relative(1_000_000 + delta, 1_000_000), want, "delta {delta}");
        }
    }

    #[test]
    fn reads_times_and_spots_milliseconds() {
        let doc = parse(r#"{"exp":1300819380,"iat":1300819380123,"nbf":1.5,"x":"1","big":1e300}"#).unwrap();
        let c = &doc.root;
        assert_eq!(claim_time(c, "exp"), Some(Time { seconds: 1_300_819_380, millis: false }));
        assert_eq!(claim_time(c, "iat"), Some(Time { seconds: 1_300_819_380, millis: true }));
        assert_eq!(claim_time(c, "nbf"), Some(Time { seconds: 1, millis: false }));
        assert_eq!(claim_time(c, "x"), None);
        assert_eq!(claim_time(c, "big"), None);
    }

    #[test]
    fn judges_validity() {
        let doc = parse(r#"{"exp":2000,"nbf":1000}"#).unwrap();
        let cases: &[(i64, &str, &str)] = &[
            (999, "not-yet-valid", "Not yet valid: becomes valid in 1 s"),
            (1000, "valid", "Valid now: expires in 16 min"),
            (2000, "expired", "Expired now"),
            (2060, "expired", "Expired 1 min ago"),
        ];
        for &(now, keyword, summary) in cases {
            let v = validity(&doc.root, now);
            assert_eq!((v.keyword(), v.summary(now).as_str()), (keyword, summary), "now {now}");
        }
        assert_eq!(validity(&parse("{}").unwrap().root, 0), Validity::NoTimes);
    }
}
