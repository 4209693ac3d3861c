//! Token profiles: what a token is for, recognised from its `typ` and its claims, and the rules
//! of that profile checked one by one, each with a stable id and a status (pass, fail, skip
//! and why). A token without a profile is a plain JWT.
//!
//! Recognition needs no cryptography (the page names the profile). With `crypto`, `inspect`
//! (the worker's answer to an inspect question) runs the checks: hashes against a companion
//! token or code (`at_hash`, `c_hash`, `ath`, `cnf.jkt`), an SD-JWT's disclosures (`sd`), and
//! the proofs of possession (a KB-JWT against the issuer's `cnf`, a DPoP proof against its
//! own `jwk` header), whose verdict is the binding verdict.
//!
//! `recognise` is here (the page runs it; see its rule order); `rules.rs` holds the checks
//! of each profile, `dpop.rs` the DPoP proof's (RFC 9449) and `kb.rs` the KB-JWT's (RFC
//! 9901 §4.3); the SD-JWT's disclosures are `sd`'s. Check ids are stable, kebab-case,
//! prefixed by their profile (`access-`, `id-`, `at-hash`, `c-hash`, `logout-`, `set-`,
//! `request-`, `assertion-`, `dpop-`, `kb-`, `vc-`); every message names its section.

#[cfg(feature = "crypto")]
pub mod kb;

use serde::{Deserialize, Serialize};

use super::verdict::Outcome;

/// A token's profile; `as_str` is its stable name (`data-profile`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Profile {
    /// A JWT with no profile this page knows.
    Jwt,
    /// OAuth 2.0 access token (RFC 9068, `typ: at+jwt`).
    AccessToken,
    /// OpenID Connect ID token.
    IdToken,
    /// OpenID Connect back-channel logout token (`typ: logout+jwt`).
    LogoutToken,
    /// Security event token (RFC 8417, `typ: secevent+jwt`).
    SecurityEvent,
    /// JWT-secured authorization request (RFC 9101, `typ: oauth-authz-req+jwt`).
    RequestObject,
    /// Client assertion (RFC 7523).
    ClientAssertion,
    /// DPoP proof (RFC 9449, `typ: dpop+jwt`).
    Dpop,
    /// Key-binding JWT of an SD-JWT presentation (RFC 9901, `typ: kb+jwt`).
    KeyBinding,
    /// SD-JWT (RFC 9901).
    SdJwt,
    /// SD-JWT verifiable credential (`typ: dc+sd-jwt`, formerly `vc+sd-jwt`).
    SdJwtVc,
}

impl Profile {
    pub const ALL: [Profile; 11] = [
        Profile::Jwt,
        Profile::AccessToken,
        Profile::IdToken,
        Profile::LogoutToken,
        Profile::SecurityEvent,
        Profile::RequestObject,
        Profile::ClientAssertion,
        Profile::Dpop,
        Profile::KeyBinding,
        Profile::SdJwt,
        Profile::SdJwtVc,
    ];

    /// The explicit type (`typ`, RFC 8725 §3.11) its tokens carry, which names the profile
    /// by itself: its stable name, for RFC 9068, Back-Channel Logout, RFC 8417, RFC 9101,
    /// RFC 9449, RFC 9901's KB-JWT and SD-JWT VC. None for the profiles known by their
    /// claims alone (an ID token, a client assertion, an SD-JWT, a plain JWT).
    pub const fn typ(self) -> Option<&'static str> {
        match self {
            Profile::Jwt | Profile::IdToken | Profile::ClientAssertion | Profile::SdJwt => None,
            p => Some(p.as_str()),
        }
    }

    /// The stable name (`data-profile`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Profile::Jwt => "jwt",
            Profile::AccessToken => "at+jwt",
            Profile::IdToken => "id-token",
            Profile::LogoutToken => "logout+jwt",
            Profile::SecurityEvent => "secevent+jwt",
            Profile::RequestObject => "oauth-authz-req+jwt",
            Profile::ClientAssertion => "client-assertion",
            Profile::Dpop => "dpop+jwt",
            Profile::KeyBinding => "kb+jwt",
            Profile::SdJwt => "sd-jwt",
            Profile::SdJwtVc => "dc+sd-jwt",
        }
    }

    /// The profile with this stable name.
    pub fn parse(name: &str) -> Option<Profile> {
        Profile::ALL.into_iter().find(|p| p.as_str() == name)
    }

    /// What the page calls it.
    pub fn title(self) -> &'static str {
        match self {
            Profile::Jwt => "JWT (no profile recognised)",
            Profile::AccessToken => "OAuth 2.0 access token (RFC 9068)",
            Profile::IdToken => "OpenID Connect ID token",
            Profile::LogoutToken => "OpenID Connect logout token",
            Profile::SecurityEvent => "Security event token (RFC 8417)",
            Profile::RequestObject => "Authorization request object (RFC 9101)",
            Profile::ClientAssertion => "Client assertion (RFC 7523)",
            Profile::Dpop => "DPoP proof (RFC 9449)",
            Profile::KeyBinding => "Key-binding JWT of an SD-JWT (RFC 9901)",
            Profile::SdJwt => "SD-JWT (RFC 9901)",
            Profile::SdJwtVc => "SD-JWT verifiable credential",
        }
    }
}

/// The outcome of one rule of a profile: the claims checks' (one concept, one type).
pub use super::claims::validate::CheckStatus;

/// One rule of a profile, checked: its stable id (`data-check`, kebab-case, e.g.
/// `at-hash`, `kb-sd-hash`), its status, and a sentence for the user (with the section of the
/// specification it comes from).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    pub id: String,
    pub status: CheckStatus,
    pub message: String,
}

/// What a binding verdict is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BindingKind {
    /// An SD-JWT presentation's KB-JWT, checked against the `cnf` key of the issuer-signed JWT.
    KeyBinding,
    /// A DPoP proof, checked against the public key in its own `jwk` header.
    Dpop,
}

impl BindingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            BindingKind::KeyBinding => "key-binding",
            BindingKind::Dpop => "dpop",
        }
    }

    pub fn parse(name: &str) -> Option<BindingKind> {
        [BindingKind::KeyBinding, BindingKind::Dpop].into_iter().find(|k| k.as_str() == name)
    }
}

/// The verdict on a proof of possession, beside the main verdict (which stays the issuer
/// signature's): `Verified`, `Invalid`, `Unverified` or `Error`, and a message that says what
/// it proves (possession of a key by the holder, not who issued the token).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Binding {
    pub kind: BindingKind,
    pub outcome: Outcome,
}

/// Everything [`inspect`] found about one token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspected {
    pub profile: Profile,
    pub checks: Vec<Check>,
    pub sd: Option<super::sd::SdReport>,
    pub binding: Option<Binding>,
}

/// The `events` member of an OpenID Connect back-channel logout token (Back-Channel Logout
/// 1.0 §2.4).
pub const LOGOUT_EVENT: &str = "http://schemas.openid.net/event/backchannel-logout";

/// Claims only an OpenID Connect ID token carries (OpenID Connect Core §2, §3.1.3.6,
/// §3.3.2.11; Front-Channel Logout §3 for `sid`).
const OIDC_ONLY: [&str; 8] = ["nonce", "auth_time", "azp", "at_hash", "c_hash", "sid", "acr", "amr"];

/// A `typ` value without its optional `application/` prefix (RFC 7515 §4.1.9), case kept.
pub fn media_type(typ: &str) -> &str {
    const PREFIX: &str = "application/";
    match typ.get(..PREFIX.len()) {
        Some(p) if p.eq_ignore_ascii_case(PREFIX) => &typ[PREFIX.len()..],
        _ => typ,
    }
}

/// Whether a `typ` names this media type: case-insensitively, with or without
/// `application/` (RFC 7515 §4.1.9).
pub fn typ_is(typ: &str, name: &str) -> bool {
    media_type(typ).eq_ignore_ascii_case(name)
}

/// The profile a `typ` names by itself: the explicit types of RFC 9068, Back-Channel
/// Logout, RFC 8417, RFC 9101, RFC 9449, RFC 9901 and SD-JWT VC, whose media types are
/// the profiles' own names (`vc+sd-jwt` is SD-JWT VC's older one; any other `…+sd-jwt`,
/// and `sd-jwt` itself, is an SD-JWT).
fn by_typ(typ: &str) -> Option<Profile> {
    let t = media_type(typ);
    let named =
        Profile::ALL.into_iter().filter(|p| !matches!(p, Profile::Jwt | Profile::IdToken | Profile::ClientAssertion));
    if let Some(p) = named.into_iter().find(|p| t.eq_ignore_ascii_case(p.as_str())) {
        return Some(p);
    }
    let lower_ends = |suffix: &str| {
        t.len() >= suffix.len() && t.get(t.len() - suffix.len()..).is_some_and(|e| e.eq_ignore_ascii_case(suffix))
    };
    if t.eq_ignore_ascii_case("vc+sd-jwt") {
        Some(Profile::SdJwtVc)
    } else if lower_ends("+sd-jwt") {
        Some(Profile::SdJwt)
    } else {
        None
    }
}

/// A token's profile, from its header and claims alone (no cryptography, no allocation):
/// what the page names. The rules, in order, the first that holds deciding:
///
/// 1. a `typ` naming a profile (compared as RFC 7515 §4.1.9 says: case-insensitively, with
///    or without `application/`): `at+jwt`, `logout+jwt`, `secevent+jwt`,
///    `oauth-authz-req+jwt`, `dpop+jwt`, `kb+jwt`, `dc+sd-jwt` or the older `vc+sd-jwt`
///    (SD-JWT VC), `sd-jwt` or any other `…+sd-jwt` (SD-JWT);
/// 2. an SD-JWT by its form: the compact `<jwt>~<disclosure>~…` (a `~`: [`super::sd::split`]),
///    or `_sd` / `_sd_alg` in the payload;
/// 3. any other `typ` but `JWT` or `JOSE` names a type this page does not know: a plain JWT (claims
///    do not override what the issuer said the token is); so is a JWE (its claims are
///    encrypted) and a payload that is not a JSON object;
/// 4. a logout token by its `events` member `http://schemas.openid.net/event/backchannel-logout`
///    (Back-Channel Logout §2.4), even without `typ`; any other `events` object is a
///    security event token (RFC 8417 §2.2);
/// 5. an OpenID Connect ID token: `iss`, `sub`, `aud`, `exp` and `iat`, and a claim only
///    ID tokens carry (`nonce`, `auth_time`, `azp`, `at_hash`, `c_hash`, `sid`, `acr`,
///    `amr`);
/// 6. a client assertion (RFC 7523 §3): `iss` and `sub` the same string, `aud`, `exp` and
///    `jti`, and none of those ID-token claims;
/// 7. otherwise a plain JWT.
pub fn recognise(d: &super::token::Decoded) -> Profile {
    use super::json::Node;
    let typ = d.header_member("typ").and_then(Node::as_str);
    if let Some(p) = typ.and_then(by_typ) {
        return p;
    }
    let claims = d.claims().filter(|c| c.is_object());
    // `contains('~')` is `sd::split(…).is_some()` without building the parts.
    if d.sd.is_some()
        || d.input.token.contains('~')
        || claims.is_some_and(|c| c.get("_sd").is_some() || c.get("_sd_alg").is_some())
    {
        return Profile::SdJwt;
    }
    // `JWT` and `JOSE` (RFC 7519 §5.1, RFC 7515 §4.1.9) name no profile.
    if typ.is_some_and(|t| !typ_is(t, "jwt") && !typ_is(t, "jose")) || d.form == super::token::Form::Jwe {
        return Profile::Jwt;
    }
    let Some(c) = claims else { return Profile::Jwt };
    if let Some(events) = c.get("events").filter(|e| e.is_object()) {
        return if events.get(LOGOUT_EVENT).is_some() { Profile::LogoutToken } else { Profile::SecurityEvent };
    }
    let has = |name: &str| c.get(name).is_some();
    let oidc = OIDC_ONLY.into_iter().any(has);
    if oidc && ["iss", "sub", "aud", "exp", "iat"].into_iter().all(has) {
        return Profile::IdToken;
    }
    let iss = c.get("iss").and_then(Node::as_str);
    if !oidc
        && iss.is_some()
        && iss == c.get("sub").and_then(Node::as_str)
        && ["aud", "exp", "jti"].into_iter().all(has)
    {
        return Profile::ClientAssertion;
    }
    Profile::Jwt
}

/// How [`inspect`] checks a signature with a key the token itself binds (a DPoP proof's
/// `jwk` header, a KB-JWT's `cnf`): `jws::verify::verify`, handed in by `service`. The
/// profile module cannot import `jws`: `protocol` carries this module's types, and `jws`
/// uses `protocol` (no import cycle, ARCHITECTURE.md).
#[cfg(feature = "crypto")]
pub use kb::Verifier;

#[cfg(feature = "crypto")]
mod dpop;
#[cfg(feature = "crypto")]
mod rules;

/// Inspects a pasted token (as pasted: it is cleaned here as the decoder cleans it): its
/// profile and the profile's checks, against `companion` (an access token or code, or empty)
/// and `now` (seconds since the epoch); an SD-JWT's disclosures; the binding verdict, whose
/// signature `verify` checks.
#[cfg(feature = "crypto")]
pub fn inspect(token: &str, companion: &str, now: i64, verify: Verifier) -> Inspected {
    let d = super::token::decode(token);
    let profile = recognise(&d);
    // A bearer credential: this copy is wiped when dropped.
    let mut companion = zeroize::Zeroizing::new(super::clean::clean(companion).token);
    // An `Authorization: DPoP <token>` header's value (RFC 9449 §7.1).
    if companion.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("dpop ")) {
        companion = zeroize::Zeroizing::new(companion[5..].trim_start().to_string());
    }
    let mut checks = rules::Checks::default();
    let mut binding = None;
    let mut sd = None;
    match profile {
        Profile::Jwt => {}
        Profile::AccessToken => rules::access_token(&mut checks, &d),
        Profile::IdToken => rules::id_token(&mut checks, &d, &companion),
        Profile::LogoutToken => rules::logout_token(&mut checks, &d),
        Profile::SecurityEvent => rules::security_event(&mut checks, &d),
        Profile::RequestObject => rules::request_object(&mut checks, &d),
        Profile::ClientAssertion => rules::client_assertion(&mut checks, &d),
        Profile::Dpop => binding = Some(dpop::check(&mut checks, &d, &companion, now, verify)),
        Profile::KeyBinding => rules::key_binding_alone(&mut checks, &d),
        Profile::SdJwt | Profile::SdJwtVc => {
            if profile == Profile::SdJwtVc {
                rules::sd_jwt_vc(&mut checks, &d);
            }
            // The presentation read and processed once: its report, and its KB-JWT's checks.
            let p = super::sd::Presentation::read(token);
            let report = super::sd::process_presentation(&p);
            let (kb, b) = kb::check_presentation(&p, &report, now, verify);
            checks.extend(kb);
            binding = b;
            sd = Some(report);
        }
    }
    Inspected { profile, checks: checks.0, sd, binding }
}
