//! Key binding (RFC 9901 §4.3, §7.3): the KB-JWT at the end of an SD-JWT+KB, checked rule by
//! rule (`kb-typ`, `kb-alg`, `kb-iat`, `kb-aud`, `kb-nonce`, `kb-sd-hash`, `kb-cnf`,
//! `kb-signature`), and its signature checked with the key the issuer bound (`cnf.jwk` of the
//! issuer-signed payload). Its verdict is the binding verdict: it proves that the presenter
//! holds that key, not who issued the token (the issuer signature's verdict says that).
//!
//! The signature itself is checked by the function the caller passes ([`Verifier`], in the
//! worker `jws::verify::verify`): `profile` may not name `jws`, whose protocol answers carry
//! `profile`'s types (an import cycle, `tests/architecture.rs`).

use super::{Binding, BindingKind, Check, CheckStatus};
use crate::jwt::alg::{JwsAlg, Scheme};
use crate::jwt::claims::IAT_SKEW_SECONDS;
use crate::jwt::json::{self, Value};
use crate::jwt::jwk::{self, KeyError, KeySet};
use crate::jwt::sd::{Presentation, SdAlg, SdReport, process_presentation};
use crate::jwt::token::{self, Decoded};
use crate::jwt::verdict::{Outcome, Verdict};

/// Checks a JWS's signature with a key set, as the verdict does: `jws::verify::verify`.
pub type Verifier = fn(&Decoded, &Result<KeySet, KeyError>) -> Outcome;

/// The stable ids of the key-binding checks (`data-check`), in the order they are listed.
pub const CHECK_IDS: [&str; 8] =
    ["kb-typ", "kb-alg", "kb-iat", "kb-aud", "kb-nonce", "kb-sd-hash", "kb-cnf", "kb-signature"];

/// The key-binding checks of a pasted SD-JWT+KB (cleaned as the decoder cleans it) and the
/// binding verdict; no checks and no binding when it has no KB-JWT. `now` is seconds since
/// the epoch; `verify` checks a signature (`jws::verify::verify`).
pub fn check(text: &str, now: i64, verify: Verifier) -> (Vec<Check>, Option<Binding>) {
    let p = Presentation::read(text);
    let report = process_presentation(&p);
    check_presentation(&p, &report, now, verify)
}

fn pass(id: &str, message: String) -> Check {
    Check { id: id.to_string(), status: CheckStatus::Pass, message }
}

fn fail(id: &str, message: String) -> Check {
    Check { id: id.to_string(), status: CheckStatus::Fail, message }
}

fn skip(id: &str, message: String) -> Check {
    Check { id: id.to_string(), status: CheckStatus::Skip, message }
}

/// The public key the issuer bound (`cnf.jwk`, RFC 9901 §4.1.2, RFC 7800 §3.2) as a key
/// set, or the failed `kb-cnf` check (fail, or skip for another confirmation method).
fn holder_key(report: &SdReport) -> Result<(KeySet, String), Check> {
    const ID: &str = "kb-cnf";
    let payload = report.payload.as_deref().unwrap_or_default();
    let doc = json::parse(payload).ok();
    let Some(cnf) = doc.as_ref().and_then(|d| d.root.get("cnf")) else {
        return Err(fail(
            ID,
            "the issuer-signed payload has no cnf claim, so it binds no holder key to check the KB-JWT with (RFC 9901 §4.1.2, §7.3 step 5.1)".into(),
        ));
    };
    let Some(jwk) = cnf.get("jwk") else {
        let methods: Vec<&str> = match &cnf.value {
            Value::Object(members) => members.iter().map(|m| m.key.as_str()).collect(),
            _ => Vec::new(),
        };
        return Err(skip(
            ID,
            format!(
                "cnf has no jwk (it has {}): only a key given by value (cnf.jwk, RFC 7800 §3.2) can be checked here (RFC 9901 §4.1.2)",
                if methods.is_empty() { "no member".to_string() } else { methods.join(", ") }
            ),
        ));
    };
    if let Some(m) = jwk::PRIVATE_MEMBERS.iter().find(|m| jwk.get(m).is_some()) {
        return Err(fail(
            ID,
            format!(
                "cnf.jwk has the private member \"{m}\": the issuer must bind the holder's public key, never a private or secret one (RFC 7800 §3.2, RFC 9901 §4.1.2)"
            ),
        ));
    }
    // Exactly one JWK object: never the lenient reader of pasted keys, which would take a
    // key set, a PEM string or a secret here.
    match jwk::confirmation(jwk) {
        Ok(set) => match set.keys.first() {
            Some(key) => {
                let what = format!("{}, thumbprint {}", key.describe(), key.thumbprint);
                Ok((set, what))
            }
            None => Err(fail(ID, "cnf.jwk holds no key (RFC 9901 §4.1.2)".into())),
        },
        Err(e) => Err(fail(ID, format!("cnf.jwk is not a usable public key: {e} (RFC 9901 §4.1.2)"))),
    }
}

/// [`check`] on a presentation already read and processed.
pub fn check_presentation(
    p: &Presentation,
    report: &SdReport,
    now: i64,
    verify: Verifier,
) -> (Vec<Check>, Option<Binding>) {
    let Some(kb) = p.kb_jwt.as_deref() else { return (Vec::new(), None) };
    let d = token::decode(kb);
    let claims = d.claims();
    let claim = |name: &str| claims.and_then(|c| c.get(name));
    let mut checks = Vec::with_capacity(CHECK_IDS.len());

    // typ (§4.3, §7.3 step 5.4), from the protected header only (a KB-JWT in the JSON
    // serialization could carry an unprotected one), compared as a media type (RFC 7515
    // §4.1.9), as `recognise` does.
    let typ_ok = match d.header_json().and_then(|h| h.get("typ")).map(|n| &n.value) {
        Some(Value::String(t)) if super::typ_is(t, "kb+jwt") => {
            checks.push(pass("kb-typ", "typ is kb+jwt (RFC 9901 §4.3)".into()));
            true
        }
        Some(Value::String(t)) => {
            checks.push(fail("kb-typ", format!("typ is \"{t}\"; a KB-JWT's must be kb+jwt (RFC 9901 §4.3, §7.3)")));
            false
        }
        _ => {
            checks.push(fail("kb-typ", "the KB-JWT has no typ; it must be kb+jwt (RFC 9901 §4.3, §7.3)".into()));
            false
        }
    };

    // alg (§4.3, §7.3 step 5.2): a digital signature, never none nor a MAC.
    let alg_name = d.alg.as_deref().unwrap_or_default();
    let alg_ok = match JwsAlg::parse(alg_name).map(|a| a.scheme()) {
        None if d.alg.is_none() => {
            checks.push(fail("kb-alg", "the KB-JWT has no alg (RFC 9901 §4.3)".into()));
            false
        }
        None => {
            checks.push(fail("kb-alg", format!("alg \"{alg_name}\" is not a JWS signature algorithm (RFC 9901 §4.3)")));
            false
        }
        Some(Scheme::Unsecured) => {
            checks.push(fail("kb-alg", "alg is none: a KB-JWT must be signed (RFC 9901 §4.3, §7.3 step 5.2)".into()));
            false
        }
        Some(Scheme::Hmac) => {
            checks.push(fail(
                "kb-alg",
                format!(
                    "alg {alg_name} is a MAC with a shared secret: a KB-JWT is signed with the holder's private key (RFC 9901 §4.3, §7.3 step 5.2)"
                ),
            ));
            false
        }
        Some(_) => {
            checks.push(pass("kb-alg", format!("alg {alg_name} is a digital signature (RFC 9901 §4.3)")));
            true
        }
    };

    // iat (§4.3, §7.3 step 5.5).
    checks.push(match claim("iat").map(|n| &n.value) {
        Some(Value::Number(iat)) => {
            let iat = iat.floor() as i64;
            if iat > now.saturating_add(IAT_SKEW_SECONDS) {
                fail(
                    "kb-iat",
                    format!(
                        "iat is {} seconds in the future: the KB-JWT claims to be issued later than now (RFC 9901 §4.3, §7.3 step 5.5)",
                        iat.saturating_sub(now)
                    ),
                )
            } else {
                pass(
                    "kb-iat",
                    format!(
                        "issued {} seconds ago; whether that is recent enough is the verifier's policy (RFC 9901 §7.3 step 5.5)",
                        now.saturating_sub(iat).max(0)
                    ),
                )
            }
        }
        Some(v) => fail("kb-iat", format!("iat is {}, not a number of seconds (RFC 9901 §4.3)", v.type_name())),
        None => fail("kb-iat", "the KB-JWT has no iat (RFC 9901 §4.3)".into()),
    });

    // aud and nonce (§4.3, §7.3 step 5.6): what the verifier compares with its own.
    checks.push(match claim("aud").map(|n| &n.value) {
        Some(Value::String(aud)) => pass(
            "kb-aud",
            format!("aud is \"{aud}\": the verifier must check that it names itself (RFC 9901 §4.3, §7.3 step 5.6)"),
        ),
        Some(v) => fail("kb-aud", format!("aud is {}; it must be a single string (RFC 9901 §4.3)", v.type_name())),
        None => fail("kb-aud", "the KB-JWT has no aud (RFC 9901 §4.3)".into()),
    });
    checks.push(match claim("nonce").map(|n| &n.value) {
        Some(Value::String(nonce)) => pass(
            "kb-nonce",
            format!(
                "nonce is \"{nonce}\": the verifier must check that it is the one it gave for this transaction (RFC 9901 §4.3, §7.3 step 5.6)"
            ),
        ),
        Some(v) => fail("kb-nonce", format!("nonce is {}; it must be a string (RFC 9901 §4.3)", v.type_name())),
        None => fail("kb-nonce", "the KB-JWT has no nonce (RFC 9901 §4.3)".into()),
    });

    // sd_hash (§4.3.1, §8.1).
    let covered = if p.json {
        "the SD-JWT built from the JSON serialization as RFC 9901 §8.1 says"
    } else {
        "the presentation up to and including its last ~"
    };
    let sd_hash_ok = match (claim("sd_hash").map(|n| &n.value), SdAlg::parse(&report.sd_alg)) {
        (_, None) => {
            checks.push(skip(
                "kb-sd-hash",
                format!(
                    "_sd_alg \"{}\" is not supported, so sd_hash cannot be computed (RFC 9901 §4.3.1)",
                    report.sd_alg
                ),
            ));
            false
        }
        (Some(Value::String(got)), Some(alg)) => {
            let want = alg.digest(&p.hashed);
            if *got == want {
                checks.push(pass(
                    "kb-sd-hash",
                    format!("sd_hash is the {} of {covered} (RFC 9901 §4.3.1)", alg.as_str()),
                ));
                true
            } else {
                checks.push(fail(
                    "kb-sd-hash",
                    format!(
                        "sd_hash is {got}, but the {} of {covered} is {want}: the KB-JWT was made for another presentation (RFC 9901 §4.3.1, §7.3 step 5.7)",
                        alg.as_str()
                    ),
                ));
                false
            }
        }
        (Some(v), Some(_)) => {
            checks.push(fail("kb-sd-hash", format!("sd_hash is {}, not a string (RFC 9901 §4.3)", v.type_name())));
            false
        }
        (None, Some(_)) => {
            checks.push(fail("kb-sd-hash", "the KB-JWT has no sd_hash (RFC 9901 §4.3)".into()));
            false
        }
    };

    // cnf.jwk and the signature (§4.3.2, §7.3 steps 5.1 and 5.3).
    let (set, what) = match holder_key(report) {
        Ok((set, what)) => {
            checks.push(pass("kb-cnf", format!("cnf.jwk is {what} (RFC 9901 §4.1.2)")));
            (set, what)
        }
        Err(c) => {
            let why = c.message.clone();
            checks.push(c);
            checks.push(skip("kb-signature", format!("not checked: {why}")));
            let outcome = Outcome::new(
                Verdict::Error,
                format!(
                    "Key binding not checked: {why}. A KB-JWT proves that the presenter holds the private key the issuer bound in cnf, not who issued the token."
                ),
            );
            return (checks, Some(Binding { kind: BindingKind::KeyBinding, outcome }));
        }
    };
    let outcome = verify(&d, &Ok(set));
    let signed = outcome.verdict == Verdict::Verified;
    // The verdict's sentence without its own "Invalid: " or "Error: ".
    let reason = outcome
        .message
        .split_once(": ")
        .filter(|(head, _)| matches!(*head, "Invalid" | "Error"))
        .map_or(outcome.message.as_str(), |(_, rest)| rest)
        .trim_end_matches('.');
    checks.push(if signed {
        pass("kb-signature", format!("the KB-JWT's signature verifies with cnf.jwk ({what}) (RFC 9901 §7.3 step 5.3)"))
    } else {
        fail(
            "kb-signature",
            format!("the KB-JWT's signature does not verify with cnf.jwk: {reason} (RFC 9901 §7.3 step 5.3)"),
        )
    });

    const PROVES: &str = "This proves that the presenter holds the private key the issuer bound in cnf; it does not say who issued the token (the issuer signature's verdict does).";
    const WOULD: &str = "A valid one would prove that the presenter holds the private key the issuer bound in cnf, not who issued the token.";
    let others = checks.iter().filter(|c| c.status == CheckStatus::Fail).count();
    let (verdict, message) = if signed && sd_hash_ok && typ_ok && alg_ok {
        let rest = if others > 0 {
            format!(
                " {others} other rule{} of the KB-JWT fail{}: see the checks.",
                plural(others),
                if others == 1 { "s" } else { "" }
            )
        } else {
            String::new()
        };
        (
            Verdict::Verified,
            format!(
                "Key binding verified: the KB-JWT is signed with cnf.jwk ({what}) and its sd_hash covers this presentation. {PROVES}{rest}"
            ),
        )
    } else if outcome.verdict == Verdict::Error && alg_ok {
        (Verdict::Error, format!("Key binding not checked: {reason}. {WOULD}"))
    } else {
        let mut why = Vec::new();
        if !signed {
            why.push(format!("the signature does not verify with cnf.jwk ({reason})"));
        }
        if !alg_ok {
            why.push("its alg is not a digital signature".to_string());
        }
        if !sd_hash_ok {
            why.push("its sd_hash does not cover this presentation".to_string());
        }
        if !typ_ok {
            why.push("its typ is not kb+jwt".to_string());
        }
        (Verdict::Invalid, format!("Key binding invalid: {}. {WOULD}", why.join("; ")))
    };
    let mut out = Outcome::new(verdict, message);
    out.warnings = outcome.warnings;
    (checks, Some(Binding { kind: BindingKind::KeyBinding, outcome: out }))
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::jws::verify::verify;

    const PRESENTATION: &str = include_str!("../../../tests/data/sd-jwt/simple/presentation.txt");

    #[test]
    fn checks_the_rfc_example_and_says_what_it_proves() {
        let (checks, binding) = check(PRESENTATION, 1_748_536_900, verify);
        let got: Vec<(&str, CheckStatus)> = checks.iter().map(|c| (c.id.as_str(), c.status)).collect();
        let want: Vec<(&str, CheckStatus)> = CHECK_IDS.iter().map(|id| (*id, CheckStatus::Pass)).collect();
        assert_eq!(got, want);
        let outcome = binding.map(|b| (b.kind, b.outcome)).expect("a binding verdict");
        assert_eq!((outcome.0, outcome.1.verdict), (BindingKind::KeyBinding, Verdict::Verified));
        assert!(outcome.1.message.contains("holds the private key the issuer bound"));
        // A KB-JWT dated after now (beyond the skew) fails kb-iat only.
        let (checks, _) = check(PRESENTATION, 1_748_536_000, verify);
        let failed: Vec<&str> =
            checks.iter().filter(|c| c.status == CheckStatus::Fail).map(|c| c.id.as_str()).collect();
        assert_eq!(failed, ["kb-iat"]);
    }

    #[test]
    fn no_kb_jwt_no_binding() {
        let sd_jwt = PRESENTATION.rsplit_once('~').map(|(head, _)| format!("{head}~")).unwrap_or_default();
        assert_eq!(check(&sd_jwt, 0, verify), (Vec::new(), None));
        assert_eq!(check("", 0, verify), (Vec::new(), None));
    }
}
