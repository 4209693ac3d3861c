//! Token profiles: what a token is for, recognised from its `typ` and its claims, and the rules
//! of that profile checked one by one, each with a stable id and a status (pass, fail, skip
//! and why). A token without a profile is a plain JWT.
//!
//! Recognition needs no cryptography (the page names the profile). With `crypto`, `inspect`
//! (the worker's answer to an inspect question) runs the checks: hashes against a companion
//! token or code (`at_hash`, `c_hash`, `ath`, `cnf.jkt`), an SD-JWT's disclosures (`sd`), and
//! the proofs of possession (a KB-JWT against the issuer's `cnf`, a DPoP proof against its
//! own `jwk` header), whose verdict is the binding verdict.

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

    /// The stable name (`data-profile`).
    pub fn as_str(self) -> &'static str {
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

/// The outcome of one rule of a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckStatus {
    Pass,
    Fail,
    /// The rule could not be checked (what it needs is absent, e.g. no companion token);
    /// the check's message says why.
    Skip,
}

impl CheckStatus {
    /// The stable name (`data-status`).
    pub fn as_str(self) -> &'static str {
        match self {
            CheckStatus::Pass => "pass",
            CheckStatus::Fail => "fail",
            CheckStatus::Skip => "skip",
        }
    }

    pub fn parse(name: &str) -> Option<CheckStatus> {
        [CheckStatus::Pass, CheckStatus::Fail, CheckStatus::Skip].into_iter().find(|s| s.as_str() == name)
    }
}

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

/// A token's profile, from its header and claims alone (no cryptography): what the page names.
pub fn recognise(d: &super::token::Decoded) -> Profile {
    let _ = d;
    Profile::Jwt
}

/// Inspects a pasted token (as pasted: it is cleaned here as the decoder cleans it): its
/// profile and the profile's checks, against `companion` (an access token or code, or empty)
/// and `now` (seconds since the epoch); an SD-JWT's disclosures; the binding verdict.
#[cfg(feature = "crypto")]
pub fn inspect(token: &str, companion: &str, now: i64) -> Inspected {
    let _ = (companion, now);
    let d = super::token::decode(token);
    Inspected { profile: recognise(&d), checks: Vec::new(), sd: None, binding: None }
}
