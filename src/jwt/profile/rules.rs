//! The rules of each profile but DPoP's (`dpop.rs`) and the SD-JWT's own (`sd`, `kb`),
//! checked one by one. Each check has a stable id, prefixed by its profile (`access-…`,
//! `id-…`, `logout-…`, `set-…`, `request-…`, `assertion-…`, `kb-…`, `vc-…`; the ID
//! token's hashes are `at-hash` and `c-hash`), and a message naming the section it comes
//! from.

use sha2::{Digest as _, Sha256, Sha384, Sha512};

use super::{Check, CheckStatus, LOGOUT_EVENT, typ_is};
use crate::jwt::alg::{HashAlg, JwsAlg, Scheme};
use crate::jwt::base64url;
use crate::jwt::claims::time_of;
use crate::jwt::json::{Node, Value};
use crate::jwt::token::Decoded;

/// The checks of one inspection, in order.
#[derive(Debug, Default)]
pub(crate) struct Checks(pub Vec<Check>);

impl Checks {
    fn add(&mut self, id: &str, status: CheckStatus, message: String) {
        self.0.push(Check { id: id.to_string(), status, message });
    }

    pub fn pass(&mut self, id: &str, message: impl Into<String>) {
        self.add(id, CheckStatus::Pass, message.into());
    }

    pub fn fail(&mut self, id: &str, message: impl Into<String>) {
        self.add(id, CheckStatus::Fail, message.into());
    }

    pub fn skip(&mut self, id: &str, message: impl Into<String>) {
        self.add(id, CheckStatus::Skip, message.into());
    }

    /// Appends checks made elsewhere (a KB-JWT's).
    #[allow(dead_code)]
    pub fn extend(&mut self, more: impl IntoIterator<Item = Check>) {
        self.0.extend(more);
    }
}

/// A claim of the token, if its payload is a JSON object.
fn claim<'a>(d: &'a Decoded, name: &str) -> Option<&'a Node> {
    d.claims()?.get(name)
}

/// `name` is a non-empty string.
pub(crate) fn string(c: &mut Checks, id: &str, d: &Decoded, name: &str, cite: &str) {
    match claim(d, name).map(|n| &n.value) {
        Some(Value::String(s)) if !s.is_empty() => c.pass(id, format!("{name} is present, as {cite} requires.")),
        Some(Value::String(_)) => c.fail(id, format!("{name} is an empty string; {cite} requires a value.")),
        Some(v) => c.fail(id, format!("{name} is {}; {cite} requires a string.", v.type_name())),
        None => c.fail(id, format!("{name} is missing; {cite} requires it.")),
    }
}

/// `name` is a NumericDate (RFC 7519 §2).
pub(crate) fn time(c: &mut Checks, id: &str, d: &Decoded, name: &str, cite: &str) {
    match claim(d, name) {
        Some(n) if time_of(n).is_some() => c.pass(id, format!("{name} is a NumericDate, as {cite} requires.")),
        Some(n) => c.fail(
            id,
            format!(
                "{name} is {}, not a NumericDate (seconds since 1970, RFC 7519 §2); {cite} requires one.",
                n.value.type_name()
            ),
        ),
        None => c.fail(id, format!("{name} is missing; {cite} requires it.")),
    }
}

/// What is wrong with an `aud` claim (RFC 7519 §4.1.3: a string or an array of strings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BadAudience {
    Missing,
    EmptyArray,
    EmptyString,
    NotStrings,
    Type(&'static str),
}

impl std::fmt::Display for BadAudience {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BadAudience::Missing => f.write_str("aud is missing"),
            BadAudience::EmptyArray => f.write_str("aud is an empty array"),
            BadAudience::EmptyString => f.write_str("aud is an empty string"),
            BadAudience::NotStrings => f.write_str("aud holds something other than non-empty strings"),
            BadAudience::Type(t) => write!(f, "aud is {t}, not a string or an array of strings (RFC 7519 §4.1.3)"),
        }
    }
}

/// How many audiences `aud` names, or what is wrong with it.
fn audiences(d: &Decoded) -> Result<usize, BadAudience> {
    match claim(d, "aud").map(|n| &n.value) {
        Some(Value::String(s)) if !s.is_empty() => Ok(1),
        Some(Value::String(_)) => Err(BadAudience::EmptyString),
        Some(Value::Array(items)) if items.is_empty() => Err(BadAudience::EmptyArray),
        Some(Value::Array(items)) if items.iter().all(|i| i.as_str().is_some_and(|s| !s.is_empty())) => Ok(items.len()),
        Some(Value::Array(_)) => Err(BadAudience::NotStrings),
        Some(v) => Err(BadAudience::Type(v.type_name())),
        None => Err(BadAudience::Missing),
    }
}

/// `aud` names at least one audience.
pub(crate) fn audience(c: &mut Checks, id: &str, d: &Decoded, cite: &str) {
    match audiences(d) {
        Ok(_) => c.pass(id, format!("aud is present, as {cite} requires.")),
        Err(why) => c.fail(id, format!("{why}; {cite} requires an audience.")),
    }
}

/// The token's `typ`, if it is a string.
fn typ_of(d: &Decoded) -> Option<&str> {
    d.header_member("typ").and_then(Node::as_str)
}

/// `typ` is `want` (RFC 7515 §4.1.9: case-insensitive, `application/` optional). `how`
/// is what the specification says of it ("requires", "recommends").
pub(crate) fn typ(c: &mut Checks, id: &str, d: &Decoded, want: &str, cite: &str, how: &str) {
    match typ_of(d) {
        Some(t) if typ_is(t, want) => c.pass(id, format!("typ is \"{t}\", as {cite} {how}.")),
        Some(t) => c.fail(
            id,
            format!("typ is \"{t}\"; {cite} {how} \"{want}\" (compared case-insensitively, application/ optional: RFC 7515 §4.1.9), so that it cannot be taken for another kind of JWT."),
        ),
        None => c.fail(
            id,
            format!("typ is missing; {cite} {how} \"{want}\", so that it cannot be taken for another kind of JWT."),
        ),
    }
}

/// The token is signed: its `alg` is a JWS algorithm and not `none`.
pub(crate) fn signed(c: &mut Checks, id: &str, d: &Decoded, cite: &str) {
    match d.alg.as_deref().map(|a| (a, JwsAlg::parse(a))) {
        Some((_, Some(a))) if a.scheme() != Scheme::Unsecured => {
            c.pass(id, format!("alg is {a}, a signature, as {cite} requires."))
        }
        Some((name, Some(_))) => c.fail(id, format!("alg is \"{name}\": the token is unsigned, which {cite} forbids.")),
        Some((name, None)) => {
            c.fail(id, format!("alg \"{name}\" is not a JWS algorithm; {cite} requires a signed token."))
        }
        None => c.fail(id, format!("alg is missing; {cite} requires a signed token.")),
    }
}

/// OAuth 2.0 access token (RFC 9068 §2.1, §2.2).
pub(crate) fn access_token(c: &mut Checks, d: &Decoded) {
    const CLAIMS: &str = "RFC 9068 §2.2";
    typ(c, "access-typ", d, "at+jwt", "RFC 9068 §2.1", "requires");
    signed(c, "access-alg", d, "RFC 9068 §2.1");
    string(c, "access-iss", d, "iss", CLAIMS);
    time(c, "access-exp", d, "exp", CLAIMS);
    audience(c, "access-aud", d, CLAIMS);
    string(c, "access-sub", d, "sub", CLAIMS);
    string(c, "access-client-id", d, "client_id", CLAIMS);
    time(c, "access-iat", d, "iat", CLAIMS);
    string(c, "access-jti", d, "jti", CLAIMS);
}

/// The hash `at_hash` and `c_hash` use for a token signed with `alg`: the one of its
/// `alg` (OpenID Connect Core §3.1.3.6); for EdDSA, whose name carries no hash, SHA-512
/// with Ed25519 (OpenID Connect Token Hash Algorithms 1.0, after connect issue #1125; Ed448
/// is not verified here). `None` for `none`.
pub(crate) fn token_hash(alg: JwsAlg) -> Option<HashAlg> {
    match alg.scheme() {
        Scheme::EdDsa => Some(HashAlg::Sha512),
        Scheme::Unsecured => None,
        _ => alg.hash(),
    }
}

/// The digest of `bytes` with `hash`.
pub(crate) fn digest(hash: HashAlg, bytes: &[u8]) -> Vec<u8> {
    match hash {
        HashAlg::Sha256 => Sha256::digest(bytes).to_vec(),
        HashAlg::Sha384 => Sha384::digest(bytes).to_vec(),
        HashAlg::Sha512 => Sha512::digest(bytes).to_vec(),
        // No token hash uses SHA-1 (`token_hash` never gives it).
        HashAlg::Sha1 => sha1::Sha1::digest(bytes).to_vec(),
    }
}

/// base64url of the left-most half of the hash of `value`'s ASCII octets (OpenID Connect
/// Core §3.1.3.6).
pub(crate) fn half_hash(hash: HashAlg, value: &str) -> String {
    let full = digest(hash, value.as_bytes());
    base64url::encode(full.get(..full.len() / 2).unwrap_or_default())
}

/// OpenID Connect ID token (OpenID Connect Core §2, §3.1.3.7), `at_hash` and `c_hash`
/// against `companion` (an access token or an authorization code).
pub(crate) fn id_token(c: &mut Checks, d: &Decoded, companion: &str) {
    const CORE: &str = "OpenID Connect Core §2";
    string(c, "id-iss", d, "iss", CORE);
    string(c, "id-sub", d, "sub", CORE);
    audience(c, "id-aud", d, CORE);
    time(c, "id-exp", d, "exp", CORE);
    time(c, "id-iat", d, "iat", CORE);
    let azp = claim(d, "azp");
    match (audiences(d), azp.map(|n| &n.value)) {
        (Ok(n), Some(Value::String(_))) if n > 1 => c.pass(
            "id-azp",
            format!("The token has {n} audiences and azp names the party it was issued to, as OpenID Connect Core §3.1.3.7 step 4 asks."),
        ),
        (Ok(n), None) if n > 1 => c.fail(
            "id-azp",
            format!("The token has {n} audiences but no azp: OpenID Connect Core §3.1.3.7 step 4 says a client should find azp naming the authorized party."),
        ),
        (_, Some(Value::String(_))) => c.pass(
            "id-azp",
            "azp is present; the client should check that it is its own client_id (OpenID Connect Core §3.1.3.7 step 5).",
        ),
        (_, Some(v)) => c.fail("id-azp", format!("azp is {}; OpenID Connect Core §2 makes it a string.", v.type_name())),
        (_, None) => c.skip("id-azp", "One audience and no azp: azp is needed only with several audiences (OpenID Connect Core §3.1.3.7 step 4)."),
    }
    match claim(d, "nonce").map(|n| &n.value) {
        Some(Value::String(_)) => c.skip(
            "id-nonce",
            "nonce is present, but this page cannot know the nonce the client sent in its authentication request: the client must compare them (OpenID Connect Core §3.1.3.7 step 11).",
        ),
        Some(v) => c.fail("id-nonce", format!("nonce is {}; OpenID Connect Core §2 makes it a string.", v.type_name())),
        None => c.skip(
            "id-nonce",
            "No nonce: an ID token must carry one when the authentication request sent one, which this page cannot know (OpenID Connect Core §3.1.2.1, §3.1.3.7 step 11).",
        ),
    }
    hashes(c, d, companion);
}

/// `at_hash` (§3.1.3.6) and `c_hash` (§3.3.2.11) against the companion, which is one or
/// the other: the one it matches passes, and the other is skipped.
fn hashes(c: &mut Checks, d: &Decoded, companion: &str) {
    let claims =
        [("at-hash", "at_hash", "§3.1.3.6", "access token"), ("c-hash", "c_hash", "§3.3.2.11", "authorization code")];
    let alg = d.alg.as_deref().and_then(JwsAlg::parse);
    let hash = alg.and_then(token_hash);
    let computed = hash.filter(|_| !companion.is_empty()).map(|h| half_hash(h, companion));
    let matched = |name: &str| {
        let value = claim(d, name).and_then(Node::as_str);
        value.is_some() && value == computed.as_deref()
    };
    let any_match = claims.iter().any(|(_, name, _, _)| matched(name));
    for (id, name, section, what) in claims {
        let cite = format!("OpenID Connect Core {section}");
        let Some(node) = claim(d, name) else {
            c.skip(id, format!("No {name} in the token: nothing to check ({cite})."));
            continue;
        };
        let Some(value) = node.as_str() else {
            c.fail(id, format!("{name} is {}; {cite} makes it a string.", node.value.type_name()));
            continue;
        };
        let Some(hash) = hash else {
            let alg = d.alg.as_deref().unwrap_or_default();
            c.fail(id, format!("{name} is the half hash of the {what} with the hash of the token's alg ({cite}), and alg \"{alg}\" has none."));
            continue;
        };
        let how = format!(
            "the left-most half of {} of the pasted value, base64url ({cite}{})",
            hash.name(),
            if alg.is_some_and(|a| a.scheme() == Scheme::EdDsa) {
                "; for EdDSA, SHA-512 as with Ed25519: OpenID Connect Token Hash Algorithms 1.0"
            } else {
                ""
            }
        );
        match computed.as_deref() {
            None => c.skip(id, format!("{name} is present; paste the {what} beside the token to check it ({cite}).")),
            Some(_) if matched(name) => c.pass(id, format!("{name} matches the pasted {what}: {value} is {how}.")),
            Some(_) if any_match => c.skip(
                id,
                format!(
                    "The pasted value is the other one (it matches the other hash), so {name} is not checked ({cite})."
                ),
            ),
            Some(h) => c.fail(
                id,
                format!(
                    "{name} is {value}, but {how} is {h}: the pasted value is not the {what} issued with this token."
                ),
            ),
        }
    }
}

/// OpenID Connect back-channel logout token (Back-Channel Logout 1.0 §2.4).
pub(crate) fn logout_token(c: &mut Checks, d: &Decoded) {
    const SPEC: &str = "OpenID Connect Back-Channel Logout 1.0 §2.4";
    typ(c, "logout-typ", d, "logout+jwt", SPEC, "recommends");
    string(c, "logout-iss", d, "iss", SPEC);
    audience(c, "logout-aud", d, SPEC);
    time(c, "logout-iat", d, "iat", SPEC);
    string(c, "logout-jti", d, "jti", SPEC);
    match claim(d, "events") {
        None => {
            c.fail("logout-events", format!("events is missing; {SPEC} requires it, with the member {LOGOUT_EVENT}."))
        }
        Some(e) if !e.is_object() => {
            c.fail("logout-events", format!("events is {}; {SPEC} requires a JSON object.", e.value.type_name()))
        }
        Some(e) => match e.get(LOGOUT_EVENT) {
            Some(v) if v.is_object() => {
                c.pass("logout-events", format!("events has the member {LOGOUT_EVENT}, an object, as {SPEC} requires."))
            }
            Some(v) => c.fail(
                "logout-events",
                format!(
                    "The member {LOGOUT_EVENT} of events is {}; {SPEC} requires a JSON object (usually {{}}).",
                    v.value.type_name()
                ),
            ),
            None => c.fail("logout-events", format!("events has no member {LOGOUT_EVENT}; {SPEC} requires it.")),
        },
    }
    let sub = claim(d, "sub").and_then(Node::as_str).is_some();
    let sid = claim(d, "sid").and_then(Node::as_str).is_some();
    match (sub, sid) {
        (true, true) => {
            c.pass("logout-sub-sid", format!("sub and sid are both present; {SPEC} requires at least one."))
        }
        (true, false) => c.pass("logout-sub-sid", format!("sub is present; {SPEC} requires sub or sid.")),
        (false, true) => c.pass("logout-sub-sid", format!("sid is present; {SPEC} requires sub or sid.")),
        (false, false) => {
            c.fail("logout-sub-sid", format!("Neither sub nor sid is a string here; {SPEC} requires one of them."))
        }
    }
    match claim(d, "nonce") {
        None => {
            c.pass("logout-nonce", format!("No nonce, as {SPEC} requires (a nonce would let it pass for an ID token)."))
        }
        Some(_) => c.fail(
            "logout-nonce",
            format!("nonce is present; {SPEC} forbids it in a logout token, so that it cannot pass for an ID token."),
        ),
    }
}

/// Security event token (RFC 8417 §2.2, §2.3).
pub(crate) fn security_event(c: &mut Checks, d: &Decoded) {
    const SPEC: &str = "RFC 8417 §2.2";
    typ(c, "set-typ", d, "secevent+jwt", "RFC 8417 §2.3", "recommends");
    match claim(d, "events") {
        Some(e) if e.is_object() => c.pass("set-events", format!("events is a JSON object, as {SPEC} requires.")),
        Some(e) => c.fail("set-events", format!("events is {}; {SPEC} requires a JSON object.", e.value.type_name())),
        None => c.fail("set-events", format!("events is missing; {SPEC} requires it.")),
    }
    string(c, "set-iss", d, "iss", SPEC);
    time(c, "set-iat", d, "iat", SPEC);
    string(c, "set-jti", d, "jti", SPEC);
}

/// JWT-secured authorization request (RFC 9101 §4, §10.8).
pub(crate) fn request_object(c: &mut Checks, d: &Decoded) {
    typ(c, "request-typ", d, "oauth-authz-req+jwt", "RFC 9101 §10.8", "recommends");
    signed(c, "request-alg", d, "RFC 9101 §4");
    string(c, "request-client-id", d, "client_id", "RFC 9101 §4 (with RFC 6749 §4.1.1)");
    string(c, "request-response-type", d, "response_type", "RFC 9101 §4 (with RFC 6749 §4.1.1)");
    for (id, name) in [("request-iss", "iss"), ("request-aud", "aud")] {
        match claim(d, name) {
            Some(_) => c.pass(id, format!("{name} is present, as RFC 9101 §4 recommends for a signed request object.")),
            None => c.fail(id, format!("{name} is missing; RFC 9101 §4 recommends it in a signed request object (§10.8: against its reuse elsewhere).")),
        }
    }
}

/// Client assertion (RFC 7523 §3; `jti` as OpenID Connect Core §9 requires of one).
pub(crate) fn client_assertion(c: &mut Checks, d: &Decoded) {
    const SPEC: &str = "RFC 7523 §3";
    string(c, "assertion-iss", d, "iss", SPEC);
    let iss = claim(d, "iss").and_then(Node::as_str);
    match claim(d, "sub").and_then(Node::as_str) {
        Some(sub) if Some(sub) == iss => {
            c.pass("assertion-sub", format!("sub is the same as iss: the client authenticating itself ({SPEC}, §2.2)."))
        }
        Some(_) => c.fail(
            "assertion-sub",
            format!("sub differs from iss; a client assertion names the client in both ({SPEC}, §2.2)."),
        ),
        None => c.fail("assertion-sub", format!("sub is missing or not a string; {SPEC} requires it.")),
    }
    audience(c, "assertion-aud", d, SPEC);
    time(c, "assertion-exp", d, "exp", SPEC);
    string(c, "assertion-jti", d, "jti", "RFC 7523 §3 and OpenID Connect Core §9");
}

/// A KB-JWT pasted alone (RFC 9901 §4.3): its shape; `sd_hash` and the signature need the
/// presentation it ends.
pub(crate) fn key_binding_alone(c: &mut Checks, d: &Decoded) {
    const SPEC: &str = "RFC 9901 §4.3";
    typ(c, "kb-typ", d, "kb+jwt", SPEC, "requires");
    time(c, "kb-iat", d, "iat", SPEC);
    audience(c, "kb-aud", d, SPEC);
    string(c, "kb-nonce", d, "nonce", SPEC);
    match claim(d, "sd_hash").map(|n| &n.value) {
        Some(Value::String(s)) if !s.is_empty() => c.pass(
            "kb-sd-hash",
            format!("sd_hash is present ({SPEC}); its value can be checked only against the presentation it ends: paste the whole SD-JWT."),
        ),
        Some(v) => c.fail("kb-sd-hash", format!("sd_hash is {}; {SPEC} requires a base64url digest.", v.type_name())),
        None => c.fail("kb-sd-hash", format!("sd_hash is missing; {SPEC} requires it.")),
    }
    c.skip(
        "kb-signature",
        format!("Not checked: a KB-JWT is signed with the key in the cnf claim of the SD-JWT it ends, which is not pasted ({SPEC}, §7.3)."),
    );
}

/// SD-JWT VC (draft-ietf-oauth-sd-jwt-vc §3.2): the claims of the issuer-signed payload.
/// What the disclosures hold is the SD-JWT's own business (`sd::process`).
pub(crate) fn sd_jwt_vc(c: &mut Checks, d: &Decoded) {
    const SPEC: &str = "draft-ietf-oauth-sd-jwt-vc";
    match typ_of(d) {
        Some(t) if typ_is(t, "dc+sd-jwt") => c.pass("vc-typ", format!("typ is \"{t}\", as {SPEC} §3.2.1 requires.")),
        Some(t) => c.pass(
            "vc-typ",
            format!("typ is \"{t}\", the older name; {SPEC} §3.2.1 now requires \"dc+sd-jwt\", and verifiers may accept both during the transition."),
        ),
        None => c.fail("vc-typ", format!("typ is missing; {SPEC} §3.2.1 requires \"dc+sd-jwt\".")),
    }
    match claim(d, "vct").map(|n| &n.value) {
        Some(Value::String(s)) if !s.is_empty() => c.pass(
            "vc-vct",
            format!("vct is a string in the issuer-signed payload (never selectively disclosable), as {SPEC} §3.2.2.1 requires."),
        ),
        Some(v) => c.fail("vc-vct", format!("vct is {}; {SPEC} §3.2.2.1 requires a non-empty string.", v.type_name())),
        None => c.fail(
            "vc-vct",
            format!("vct is not in the issuer-signed payload; {SPEC} §3.2.2.1 requires it there, never selectively disclosable."),
        ),
    }
    match claim(d, "iss").map(|n| &n.value) {
        Some(Value::String(s)) if !s.is_empty() => {
            c.pass("vc-iss", format!("iss is a string, as {SPEC} §3.2.2.2 says."))
        }
        Some(v) => c.fail("vc-iss", format!("iss is {}; {SPEC} §3.2.2.2 requires a string (a URI).", v.type_name())),
        None => c.skip(
            "vc-iss",
            format!(
                "No iss: {SPEC} §3.2.2.2 makes it optional; the issuer's key must then be found another way (x5c)."
            ),
        ),
    }
    let times = ["iat", "nbf", "exp"];
    let wrong: Vec<String> = times
        .iter()
        .filter_map(|&t| {
            claim(d, t).filter(|n| time_of(n).is_none()).map(|n| format!("{t} is {}", n.value.type_name()))
        })
        .collect();
    let present: Vec<&str> = times.into_iter().filter(|&t| claim(d, t).is_some()).collect();
    if !wrong.is_empty() {
        c.fail("vc-times", format!("{}; {SPEC} §3.2.2.2 requires NumericDates.", wrong.join(", ")));
    } else if present.is_empty() {
        c.skip("vc-times", format!("No iat, nbf or exp: each is optional ({SPEC} §3.2.2.2)."));
    } else {
        c.pass(
            "vc-times",
            format!(
                "{} {} NumericDates, as {SPEC} §3.2.2.2 requires.",
                present.join(", "),
                if present.len() == 1 { "is a" } else { "are" }
            ),
        );
    }
    let kb = d.sd.as_ref().is_some_and(|s| s.kb_jwt.is_some());
    match claim(d, "cnf") {
        Some(cnf) if cnf.is_object() => c.pass("vc-cnf", format!("cnf is an object naming the holder's key ({SPEC} §3.2.2.2, RFC 7800 §3.1).")),
        Some(cnf) => c.fail("vc-cnf", format!("cnf is {}; {SPEC} §3.2.2.2 requires a JSON object (RFC 7800 §3.1).", cnf.value.type_name())),
        None if kb => c.fail(
            "vc-cnf",
            format!("The presentation ends with a KB-JWT, but the issuer-signed payload has no cnf to check it against; {SPEC} §3.2.2.2 requires cnf for key binding."),
        ),
        None => c.skip("vc-cnf", format!("No cnf and no KB-JWT: the credential is not bound to a holder key ({SPEC} §3.2.2.2).")),
    }
    match claim(d, "status") {
        None => c.skip("vc-status", format!("No status: a status mechanism is optional ({SPEC} §3.2.2.2).")),
        Some(s) if !s.is_object() => {
            c.fail("vc-status", format!("status is {}; {SPEC} §3.2.2.2 requires a JSON object.", s.value.type_name()))
        }
        Some(s) => match s.get("status_list") {
            None => c.pass("vc-status", format!("status is a JSON object ({SPEC} §3.2.2.2).")),
            Some(l) => {
                let idx = l.get("idx").and_then(Node::as_f64).is_some_and(|i| i >= 0.0 && i.fract() == 0.0);
                let uri = l.get("uri").and_then(Node::as_str).is_some_and(|u| !u.is_empty());
                if idx && uri {
                    c.pass("vc-status", "status.status_list has an index idx and a uri, as the Token Status List (draft-ietf-oauth-status-list §6.1) requires.")
                } else {
                    c.fail(
                        "vc-status",
                        "status.status_list needs idx, a non-negative integer, and uri, a string (draft-ietf-oauth-status-list §6.1).",
                    )
                }
            }
        },
    }
}
