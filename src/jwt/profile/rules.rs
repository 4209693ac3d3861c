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

/// A hash `at_hash` and `c_hash` are made with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenHash {
    Sha(HashAlg),
    /// SHAKE256 with this many bytes of output.
    Shake256(usize),
}

impl TokenHash {
    /// Its name: `SHA-256`, `SHAKE256 (114 bytes)`.
    pub(crate) fn name(self) -> String {
        match self {
            TokenHash::Sha(h) => h.name().to_string(),
            TokenHash::Shake256(n) => format!("SHAKE256 ({n} bytes)"),
        }
    }

    /// base64url of the left-most half of the hash of `value`'s ASCII octets (OpenID
    /// Connect Core §3.1.3.6).
    pub(crate) fn half(self, value: &str) -> String {
        let full = match self {
            TokenHash::Sha(h) => digest(h, value.as_bytes()),
            TokenHash::Shake256(n) => {
                use shake::digest::ExtendableOutput as _;
                let mut out = vec![0; n];
                shake::Shake256::digest_xof(value.as_bytes(), &mut out);
                out
            }
        };
        base64url::encode(full.get(..full.len() / 2).unwrap_or_default())
    }
}

/// The hashes `at_hash` and `c_hash` may be made with for a token signed with `alg`: its
/// `alg`'s (OpenID Connect Core §3.1.3.6) and, for the algorithms whose name carries no
/// hash, OpenID Connect Token Hash Algorithms 1.0's (after connect issue #1125): SHA-512
/// for Ed25519, SHAKE256 with Ed448's 114 bytes for Ed448, SHAKE256 with 64 bytes for
/// ML-DSA. `EdDSA` names no curve, so it has both of its curves' hashes; their halves are 32
/// and 57 bytes long, so a value can be only one of them. None for `none`.
pub(crate) fn token_hashes(alg: JwsAlg) -> &'static [TokenHash] {
    use TokenHash::{Sha, Shake256};
    match alg {
        JwsAlg::EdDsa => &[Sha(HashAlg::Sha512), Shake256(114)],
        JwsAlg::Ed25519 => &[Sha(HashAlg::Sha512)],
        JwsAlg::Ed448 => &[Shake256(114)],
        JwsAlg::MlDsa44 | JwsAlg::MlDsa65 | JwsAlg::MlDsa87 => &[Shake256(64)],
        JwsAlg::None => &[],
        _ => match alg.hash() {
            Some(HashAlg::Sha256) => &[Sha(HashAlg::Sha256)],
            Some(HashAlg::Sha384) => &[Sha(HashAlg::Sha384)],
            Some(HashAlg::Sha512) => &[Sha(HashAlg::Sha512)],
            _ => &[],
        },
    }
}

/// What the token hash of `alg` rests on, when OpenID Connect Core alone does not say it.
fn token_hash_source(alg: JwsAlg, hash: TokenHash) -> String {
    const GUIDE: &str = "OpenID Connect Token Hash Algorithms 1.0";
    match (alg, hash) {
        (JwsAlg::EdDsa, TokenHash::Sha(_)) => {
            format!("; alg EdDSA names no curve, and this is Ed25519's hash: {GUIDE}")
        }
        (JwsAlg::EdDsa, _) => format!("; alg EdDSA names no curve, and this is Ed448's hash: {GUIDE}"),
        (a, _) if a.hash().is_none() => format!("; the hash {GUIDE} gives {}", a.name()),
        _ => String::new(),
    }
}

/// The digest of `bytes` with `hash`.
pub(crate) fn digest(hash: HashAlg, bytes: &[u8]) -> Vec<u8> {
    match hash {
        HashAlg::Sha256 => Sha256::digest(bytes).to_vec(),
        HashAlg::Sha384 => Sha384::digest(bytes).to_vec(),
        HashAlg::Sha512 => Sha512::digest(bytes).to_vec(),
        // No token hash uses SHA-1 (`token_hashes` never gives it).
        HashAlg::Sha1 => sha1::Sha1::digest(bytes).to_vec(),
    }
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
    let hashes = alg.map_or(&[][..], token_hashes);
    let computed: Vec<(TokenHash, String)> =
        if companion.is_empty() { Vec::new() } else { hashes.iter().map(|&h| (h, h.half(companion))).collect() };
    // The hash whose half of the companion the claim is.
    let matched = |name: &str| {
        let value = claim(d, name).and_then(Node::as_str)?;
        computed.iter().find(|(_, half)| half == value).map(|&(h, _)| h)
    };
    let any_match = claims.iter().any(|(_, name, _, _)| matched(name).is_some());
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
        let Some(alg) = alg.filter(|_| !hashes.is_empty()) else {
            let alg = d.alg.as_deref().unwrap_or_default();
            c.fail(id, format!("{name} is the half hash of the {what} with the hash of the token's alg ({cite}), and alg \"{alg}\" has none."));
            continue;
        };
        let how = |h: TokenHash| {
            format!(
                "the left-most half of {} of the pasted value, base64url ({cite}{})",
                h.name(),
                token_hash_source(alg, h)
            )
        };
        if computed.is_empty() {
            c.skip(id, format!("{name} is present; paste the {what} beside the token to check it ({cite})."));
        } else if let Some(h) = matched(name) {
            c.pass(id, format!("{name} matches the pasted {what}: {value} is {}.", how(h)));
        } else if any_match {
            c.skip(
                id,
                format!(
                    "The pasted value is the other one (it matches the other hash), so {name} is not checked ({cite})."
                ),
            );
        } else {
            let each: Vec<String> = computed.iter().map(|(h, half)| format!("{} is {half}", how(*h))).collect();
            c.fail(
                id,
                format!(
                    "{name} is {value}, but {}: the pasted value is not the {what} issued with this token.",
                    each.join(", and ")
                ),
            );
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

#[cfg(test)]
pub(crate) mod tests {
    use crate::jwt::base64url::encode;
    use crate::jwt::jws::verify;
    use crate::jwt::profile::{Inspected, Profile, inspect};

    const NOW: i64 = 1_800_000_000;

    /// A compact token with this header and payload and a made-up signature.
    pub(crate) fn token(header: &str, payload: &str) -> String {
        format!("{}.{}.c2lnbmF0dXJl", encode(header.as_bytes()), encode(payload.as_bytes()))
    }

    pub(crate) fn run(token: &str, companion: &str) -> Inspected {
        inspect(token, companion, NOW, verify::verify)
    }

    /// Each check's id and status, in order.
    pub(crate) fn statuses(i: &Inspected) -> Vec<(String, &'static str)> {
        i.checks.iter().map(|c| (c.id.clone(), c.status.as_str())).collect()
    }

    pub(crate) fn status(i: &Inspected, id: &str) -> &'static str {
        let found = i.checks.iter().find(|c| c.id == id);
        found.unwrap_or_else(|| panic!("no check {id} in {:?}", statuses(i))).status.as_str()
    }

    /// Every check's message names the section it comes from.
    fn cited(i: &Inspected) {
        for c in &i.checks {
            assert!(c.message.contains('§'), "{}: {}", c.id, c.message);
        }
    }

    fn expect(i: &Inspected, want: &[(&str, &str)]) {
        cited(i);
        let got = statuses(i);
        let want: Vec<(String, &str)> = want.iter().map(|(id, s)| (id.to_string(), *s)).collect();
        assert_eq!(got, want, "{:#?}", i.checks);
    }

    #[test]
    fn access_token() {
        let good = r#"{"iss":"https://as","exp":1800000600,"aud":"https://rs","sub":"u","client_id":"c","iat":1800000000,"jti":"j"}"#;
        let i = run(&token(r#"{"alg":"RS256","typ":"at+jwt"}"#, good), "");
        assert_eq!((i.profile, &i.sd, &i.binding), (Profile::AccessToken, &None, &None));
        let ids = [
            "access-typ",
            "access-alg",
            "access-iss",
            "access-exp",
            "access-aud",
            "access-sub",
            "access-client-id",
            "access-iat",
            "access-jti",
        ];
        expect(&i, &ids.map(|id| (id, "pass")));
        // application/AT+JWT is the same type (RFC 7515 §4.1.9).
        let i = run(&token(r#"{"alg":"ES256","typ":"application/AT+JWT"}"#, good), "");
        assert_eq!(status(&i, "access-typ"), "pass");
        // Unsigned, and every claim missing or of the wrong type.
        let bad = r#"{"iss":7,"exp":"soon","aud":[],"sub":"","client_id":null}"#;
        let i = run(&token(r#"{"alg":"none","typ":"at+jwt"}"#, bad), "");
        expect(
            &i,
            &[("access-typ", "pass")].into_iter().chain(ids[1..].iter().map(|id| (*id, "fail"))).collect::<Vec<_>>(),
        );
    }

    const ID: &str = r#""iss":"https://op","sub":"u","aud":"client","exp":1800000600,"iat":1800000000"#;

    #[test]
    fn id_token_claims() {
        let i = run(&token(r#"{"alg":"RS256"}"#, &format!(r#"{{{ID},"nonce":"n"}}"#)), "");
        assert_eq!(i.profile, Profile::IdToken);
        expect(
            &i,
            &[
                ("id-iss", "pass"),
                ("id-sub", "pass"),
                ("id-aud", "pass"),
                ("id-exp", "pass"),
                ("id-iat", "pass"),
                ("id-azp", "skip"),
                ("id-nonce", "skip"),
                ("at-hash", "skip"),
                ("c-hash", "skip"),
            ],
        );
        assert!(i.checks[6].message.contains("cannot know"), "{}", i.checks[6].message);
        // Several audiences: azp is expected.
        let several = r#""iss":"https://op","sub":"u","aud":["a","b"],"exp":1800000600,"iat":1800000000,"acr":"1""#;
        let i = run(&token(r#"{"alg":"RS256"}"#, &format!("{{{several}}}")), "");
        assert_eq!((i.profile, status(&i, "id-azp")), (Profile::IdToken, "fail"));
        let i = run(&token(r#"{"alg":"RS256"}"#, &format!(r#"{{{several},"azp":"a"}}"#)), "");
        assert_eq!(status(&i, "id-azp"), "pass");
        let i = run(&token(r#"{"alg":"RS256"}"#, &format!(r#"{{{ID},"azp":"client","nonce":5}}"#)), "");
        assert_eq!((status(&i, "id-azp"), status(&i, "id-nonce")), ("pass", "fail"));
        let i = run(
            &token(
                r#"{"alg":"RS256"}"#,
                r#"{"iss":"https://op","sub":"u","aud":"c","exp":"x","iat":1,"nonce":"n","azp":[]}"#,
            ),
            "",
        );
        assert_eq!((status(&i, "id-exp"), status(&i, "id-azp")), ("fail", "fail"));
    }

    /// OpenID Connect Core Appendix A.4: the access token and code of its example, and their
    /// hashes in the ID token.
    #[test]
    fn at_hash_and_c_hash_against_the_companion() {
        let access = "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y";
        let code = "Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk";
        let both = format!(r#"{{{ID},"at_hash":"77QmUPtjPfzWtF2AnpK9RQ","c_hash":"LDktKdoQak3Pk0cnXxCltA"}}"#);
        let t = token(r#"{"alg":"RS256"}"#, &both);
        let hashes = |i: &Inspected| (status(i, "at-hash"), status(i, "c-hash"));
        assert_eq!(hashes(&run(&t, access)), ("pass", "skip"));
        assert_eq!(hashes(&run(&t, code)), ("skip", "pass"));
        assert_eq!(hashes(&run(&t, "")), ("skip", "skip"));
        assert_eq!(hashes(&run(&t, "another")), ("fail", "fail"));
        // Pasted as a header value.
        assert_eq!(hashes(&run(&t, &format!("Bearer {access}"))), ("pass", "skip"));
        let i = run(&t, "another");
        assert!(i.checks.iter().any(|c| c.id == "at-hash" && c.message.contains("SHA-256")), "{:?}", i.checks);
        // The hash is the alg's: SHA-384 for ES384 (the same value does not match there).
        assert_eq!(hashes(&run(&token(r#"{"alg":"ES384"}"#, &both), access)), ("fail", "fail"));
        let at = super::TokenHash::Sha(crate::jwt::alg::HashAlg::Sha384).half(access);
        let t = token(r#"{"alg":"ES384"}"#, &format!(r#"{{{ID},"at_hash":"{at}"}}"#));
        assert_eq!(hashes(&run(&t, access)), ("pass", "skip"));
        // EdDSA: SHA-512 (Ed25519).
        let at = super::TokenHash::Sha(crate::jwt::alg::HashAlg::Sha512).half("abc");
        assert_eq!(at, "3a81oZNherrMQXNJriBBMRLm-k6JqX6iCp7u5ktV05o");
        let t = token(r#"{"alg":"EdDSA"}"#, &format!(r#"{{{ID},"at_hash":"{at}"}}"#));
        assert_eq!(hashes(&run(&t, "abc")), ("pass", "skip"));
        // Ed448 and ML-DSA: SHAKE256 of 114 and of 64 bytes, and EdDSA either curve's
        // (OpenID Connect Token Hash Algorithms 1.0; the values are npm oidc-token-hash 5.2.0's).
        let ed448 = "SDNmYBNgqHccaGMIDMQRTY20RTD48eHuT5TqN-eLVznVoVvvGGpThsdXRMBSfh-qn4cm5GKhKk_r";
        let mldsa = "SDNmYBNgqHccaGMIDMQRTY20RTD48eHuT5TqN-eLVzk";
        for (alg, value, want) in [
            ("Ed448", ed448, "pass"),
            ("EdDSA", ed448, "pass"),
            ("ML-DSA-44", mldsa, "pass"),
            ("ML-DSA-87", mldsa, "pass"),
            ("Ed25519", at.as_str(), "pass"),
            ("Ed448", at.as_str(), "fail"),
            ("Ed25519", ed448, "fail"),
            ("ML-DSA-65", at.as_str(), "fail"),
            ("ML-DSA-65", ed448, "fail"),
        ] {
            let t = token(&format!(r#"{{"alg":"{alg}"}}"#), &format!(r#"{{{ID},"at_hash":"{value}"}}"#));
            assert_eq!(hashes(&run(&t, "abc")), (want, "skip"), "{alg} {value}");
        }
        let t = token(r#"{"alg":"EdDSA"}"#, &format!(r#"{{{ID},"at_hash":"{ed448}"}}"#));
        let i = run(&t, "abc");
        let message =
            |i: &Inspected| i.checks.iter().find(|c| c.id == "at-hash").map(|c| c.message.clone()).unwrap_or_default();
        assert!(
            message(&i).contains("SHAKE256 (114 bytes)") && message(&i).contains("Ed448's hash"),
            "{}",
            message(&i)
        );
        // A wrong value under EdDSA is compared with both curves' halves, and says both.
        let t = token(r#"{"alg":"EdDSA"}"#, &format!(r#"{{{ID},"at_hash":"{mldsa}"}}"#));
        let i = run(&t, "abc");
        assert_eq!(hashes(&i), ("fail", "skip"));
        assert!(message(&i).contains(&at) && message(&i).contains(ed448), "{}", message(&i));
        // alg none has no hash; a non-string hash is wrong.
        let t = token(r#"{"alg":"none"}"#, &format!(r#"{{{ID},"at_hash":"x","c_hash":1}}"#));
        assert_eq!(hashes(&run(&t, "abc")), ("fail", "fail"));
    }

    #[test]
    fn logout_token() {
        let good = r#"{"iss":"https://op","aud":"c","iat":1800000000,"jti":"j","sid":"s","events":{"http://schemas.openid.net/event/backchannel-logout":{}}}"#;
        let i = run(&token(r#"{"alg":"RS256","typ":"logout+jwt"}"#, good), "");
        let ids = [
            "logout-typ",
            "logout-iss",
            "logout-aud",
            "logout-iat",
            "logout-jti",
            "logout-events",
            "logout-sub-sid",
            "logout-nonce",
        ];
        assert_eq!(i.profile, Profile::LogoutToken);
        expect(&i, &ids.map(|id| (id, "pass")));
        // Without typ it is still a logout token, by its event; typ is then recommended.
        let bad = r#"{"iss":"https://op","aud":"c","iat":1800000000,"jti":"j","nonce":"n","events":{"http://schemas.openid.net/event/backchannel-logout":true}}"#;
        let i = run(&token(r#"{"alg":"RS256"}"#, bad), "");
        assert_eq!(i.profile, Profile::LogoutToken);
        let s = |id| status(&i, id);
        assert_eq!([s("logout-typ"), s("logout-events"), s("logout-sub-sid"), s("logout-nonce")], ["fail"; 4]);
        let i = run(&token(r#"{"typ":"logout+jwt"}"#, r#"{"events":[]}"#), "");
        assert_eq!((status(&i, "logout-events"), status(&i, "logout-iat")), ("fail", "fail"));
        let i = run(&token(r#"{"typ":"logout+jwt"}"#, r#"{"sub":"u","events":{"x":{}}}"#), "");
        assert_eq!((status(&i, "logout-events"), status(&i, "logout-sub-sid")), ("fail", "pass"));
    }

    #[test]
    fn security_event_token() {
        let good = r#"{"iss":"https://tx","iat":1800000000,"jti":"j","events":{"https://schemas.example/e":{}}}"#;
        let ids = ["set-typ", "set-events", "set-iss", "set-iat", "set-jti"];
        let i = run(&token(r#"{"alg":"ES256","typ":"secevent+jwt"}"#, good), "");
        assert_eq!(i.profile, Profile::SecurityEvent);
        expect(&i, &ids.map(|id| (id, "pass")));
        let i = run(&token(r#"{"alg":"ES256"}"#, good), "");
        assert_eq!((i.profile, status(&i, "set-typ")), (Profile::SecurityEvent, "fail"));
        let i = run(&token(r#"{"typ":"secevent+jwt"}"#, r#"{"events":"x","iat":"now"}"#), "");
        expect(
            &i,
            &[("set-typ", "pass")].into_iter().chain(ids[1..].iter().map(|id| (*id, "fail"))).collect::<Vec<_>>(),
        );
    }

    #[test]
    fn request_object() {
        let good = r#"{"iss":"c","aud":"https://as","client_id":"c","response_type":"code","scope":"openid"}"#;
        let ids =
            ["request-typ", "request-alg", "request-client-id", "request-response-type", "request-iss", "request-aud"];
        let i = run(&token(r#"{"alg":"PS256","typ":"oauth-authz-req+jwt"}"#, good), "");
        assert_eq!(i.profile, Profile::RequestObject);
        expect(&i, &ids.map(|id| (id, "pass")));
        let i = run(&token(r#"{"alg":"none","typ":"oauth-authz-req+jwt"}"#, "{}"), "");
        expect(
            &i,
            &[("request-typ", "pass")].into_iter().chain(ids[1..].iter().map(|id| (*id, "fail"))).collect::<Vec<_>>(),
        );
    }

    #[test]
    fn client_assertion() {
        let good = r#"{"iss":"client","sub":"client","aud":"https://as/token","exp":1800000600,"jti":"j"}"#;
        let ids = ["assertion-iss", "assertion-sub", "assertion-aud", "assertion-exp", "assertion-jti"];
        let i = run(&token(r#"{"alg":"RS256"}"#, good), "");
        assert_eq!(i.profile, Profile::ClientAssertion);
        expect(&i, &ids.map(|id| (id, "pass")));
        // Checked whatever recognised it: run the rules on a token that is no assertion.
        let mut c = super::Checks::default();
        let d = crate::jwt::token::decode(&token(r#"{"alg":"RS256"}"#, r#"{"iss":"a","sub":"b","exp":"x"}"#));
        super::client_assertion(&mut c, &d);
        let got: Vec<&str> = c.0.iter().map(|c| c.status.as_str()).collect();
        assert_eq!(got, ["pass", "fail", "fail", "fail", "fail"]);
    }

    #[test]
    fn key_binding_jwt_alone() {
        let good = r#"{"iat":1800000000,"aud":"https://verifier","nonce":"n","sd_hash":"abc"}"#;
        let i = run(&token(r#"{"alg":"ES256","typ":"kb+jwt"}"#, good), "");
        assert_eq!((i.profile, &i.binding), (Profile::KeyBinding, &None));
        let ids = ["kb-typ", "kb-iat", "kb-aud", "kb-nonce", "kb-sd-hash"];
        expect(&i, &ids.map(|id| (id, "pass")).into_iter().chain([("kb-signature", "skip")]).collect::<Vec<_>>());
        let i = run(&token(r#"{"alg":"ES256","typ":"kb+jwt"}"#, r#"{"sd_hash":1}"#), "");
        let s: Vec<&str> = ids[1..].iter().map(|id| status(&i, id)).collect();
        assert_eq!(s, ["fail"; 4]);
    }

    #[test]
    fn sd_jwt_vc() {
        let ids = ["vc-typ", "vc-vct", "vc-iss", "vc-times", "vc-cnf", "vc-status"];
        let good = r#"{"vct":"https://credentials.example/id","iss":"https://issuer","iat":1800000000,"exp":1900000000,"cnf":{"jwk":{}},"status":{"status_list":{"idx":3,"uri":"https://issuer/status"}},"_sd":[]}"#;
        let t = format!("{}~", token(r#"{"alg":"ES256","typ":"dc+sd-jwt"}"#, good));
        let i = run(&t, "");
        assert_eq!((i.profile, i.binding.is_none()), (Profile::SdJwtVc, true));
        assert!(i.sd.as_ref().is_some_and(|r| r.disclosures.is_empty()), "{:?}", i.sd);
        expect(&i, &ids.map(|id| (id, "pass")));
        // The older typ passes, with a note; optional claims absent are skipped.
        let i = run(&format!("{}~", token(r#"{"typ":"vc+sd-jwt"}"#, r#"{"vct":"x"}"#)), "");
        expect(
            &i,
            &[
                ("vc-typ", "pass"),
                ("vc-vct", "pass"),
                ("vc-iss", "skip"),
                ("vc-times", "skip"),
                ("vc-cnf", "skip"),
                ("vc-status", "skip"),
            ],
        );
        // A KB-JWT without cnf; vct missing (only disclosed); wrong types.
        let bad = r#"{"iss":1,"nbf":"x","status":{"status_list":{"idx":-1}},"_sd":["abc"]}"#;
        let mut i = run(&format!("{}~WyJzIiwidmN0IiwieCJd~a.b.c", token(r#"{"typ":"dc+sd-jwt"}"#, bad)), "");
        // The SD-JWT's own report and its KB-JWT's checks and binding verdict follow (`sd`, `kb`).
        assert!(i.sd.as_ref().is_some_and(|r| r.disclosures.len() == 1), "{:?}", i.sd);
        assert!(i.binding.is_some() && i.checks.iter().any(|c| c.id == "kb-signature"), "{:?}", i.checks);
        i.checks.retain(|c| c.id.starts_with("vc-"));
        expect(
            &i,
            &[
                ("vc-typ", "pass"),
                ("vc-vct", "fail"),
                ("vc-iss", "fail"),
                ("vc-times", "fail"),
                ("vc-cnf", "fail"),
                ("vc-status", "fail"),
            ],
        );
        let i = run(&format!("{}~", token(r#"{"typ":"dc+sd-jwt"}"#, r#"{"vct":2,"cnf":"k","status":[]}"#)), "");
        let s: Vec<&str> = ["vc-vct", "vc-cnf", "vc-status"].iter().map(|id| status(&i, id)).collect();
        assert_eq!(s, ["fail"; 3]);
    }

    #[test]
    fn a_plain_jwt_has_no_checks() {
        let i = run(&token(r#"{"alg":"HS256","typ":"JWT"}"#, r#"{"sub":"u","iat":1}"#), "anything");
        assert_eq!((i.profile, i.checks.len(), i.sd, i.binding), (Profile::Jwt, 0, None, None));
        for text in ["", "not a token", "a.b", "{}", "~~~"] {
            let _ = run(text, text);
        }
    }
}
