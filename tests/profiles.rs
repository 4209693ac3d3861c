//! Recognising a token's profile (`profile::recognise`, no cryptography): each of the 11
//! profiles from its `typ` and claims, in the rule order its documentation gives, and the
//! worker's inspect answer naming the same profile.

use jwt_lens::jwt::base64url::encode;
use jwt_lens::jwt::profile::{self, Profile};
use jwt_lens::jwt::protocol::{Answer, InspectRequest, Question};
use jwt_lens::jwt::{decode, service};

fn token(header: &str, payload: &str) -> String {
    format!("{}.{}.c2lnbmF0dXJl", encode(header.as_bytes()), encode(payload.as_bytes()))
}

fn recognised(text: &str) -> &'static str {
    profile::recognise(&decode(text)).as_str()
}

const ID_CLAIMS: &str = r#""iss":"https://op","sub":"u","aud":"c","exp":1900000000,"iat":1800000000"#;
const LOGOUT: &str = r#"{"iss":"https://op","aud":"c","iat":1,"jti":"j","sid":"s","events":{"http://schemas.openid.net/event/backchannel-logout":{}}}"#;

/// One token of each profile, as people paste them.
fn one_of_each() -> Vec<(Profile, String)> {
    vec![
        (
            Profile::Jwt,
            token(r#"{"alg":"HS256","typ":"JWT"}"#, r#"{"sub":"1234567890","name":"John Doe","iat":1516239022}"#),
        ),
        (
            Profile::AccessToken,
            token(
                r#"{"alg":"RS256","typ":"at+jwt","kid":"k"}"#,
                r#"{"iss":"https://as","sub":"u","aud":"rs","exp":1,"iat":1,"jti":"j","client_id":"c"}"#,
            ),
        ),
        (
            Profile::IdToken,
            token(r#"{"alg":"RS256","kid":"k"}"#, &format!(r#"{{{ID_CLAIMS},"nonce":"n-0S6_WzA2Mj"}}"#)),
        ),
        (Profile::LogoutToken, token(r#"{"alg":"RS256","typ":"logout+jwt"}"#, LOGOUT)),
        (
            Profile::SecurityEvent,
            token(
                r#"{"alg":"ES256","typ":"secevent+jwt"}"#,
                r#"{"iss":"https://tx","iat":1,"jti":"j","events":{"urn:example:e":{}}}"#,
            ),
        ),
        (
            Profile::RequestObject,
            token(r#"{"alg":"PS256","typ":"oauth-authz-req+jwt"}"#, r#"{"client_id":"c","response_type":"code"}"#),
        ),
        (
            Profile::ClientAssertion,
            token(
                r#"{"alg":"RS256"}"#,
                r#"{"iss":"client","sub":"client","aud":"https://as/token","exp":1,"jti":"j"}"#,
            ),
        ),
        (
            Profile::Dpop,
            token(
                r#"{"alg":"ES256","typ":"dpop+jwt","jwk":{"kty":"EC"}}"#,
                r#"{"jti":"j","htm":"GET","htu":"https://rs/r","iat":1}"#,
            ),
        ),
        (
            Profile::KeyBinding,
            token(r#"{"alg":"ES256","typ":"kb+jwt"}"#, r#"{"iat":1,"aud":"v","nonce":"n","sd_hash":"h"}"#),
        ),
        (
            Profile::SdJwt,
            format!("{}~WyJzIiwibiIsInYiXQ~", token(r#"{"alg":"ES256"}"#, r#"{"_sd":["x"],"_sd_alg":"sha-256"}"#)),
        ),
        (
            Profile::SdJwtVc,
            format!("{}~", token(r#"{"alg":"ES256","typ":"dc+sd-jwt"}"#, r#"{"vct":"urn:x","_sd":[]}"#)),
        ),
    ]
}

#[test]
fn each_of_the_eleven_profiles_is_recognised() {
    let cases = one_of_each();
    assert_eq!(cases.len(), Profile::ALL.len());
    for (want, text) in &cases {
        assert_eq!(recognised(text), want.as_str(), "{text}");
        assert_eq!(Profile::parse(want.as_str()), Some(*want));
    }
}

#[test]
fn the_inspect_answer_names_the_same_profile() {
    for (want, text) in one_of_each() {
        let q = Question::Inspect(InspectRequest {
            id: 7,
            token: text.clone(),
            companion: String::new(),
            now: 1_800_000_000,
        });
        let Some(Answer::Inspect(a)) = service::answer(&q) else { panic!("no inspect answer for {text}") };
        assert_eq!((a.id, a.profile), (7, want), "{text}");
        assert_eq!(a.checks.is_empty(), want == Profile::Jwt || want == Profile::SdJwt, "{want:?}: {:?}", a.checks);
        assert_eq!(a.binding.is_some(), want == Profile::Dpop, "{want:?}");
    }
}

/// RFC 7515 §4.1.9: `typ` is compared case-insensitively, and `application/` may be left
/// out or written.
#[test]
fn typ_is_a_media_type() {
    for typ in ["at+jwt", "AT+JWT", "application/at+jwt", "Application/At+Jwt"] {
        assert_eq!(recognised(&token(&format!(r#"{{"typ":"{typ}"}}"#), "{}")), "at+jwt", "{typ}");
    }
    for (typ, want) in [
        ("vc+sd-jwt", "dc+sd-jwt"),
        ("application/dc+sd-jwt", "dc+sd-jwt"),
        ("example+sd-jwt", "sd-jwt"),
        ("sd-jwt", "sd-jwt"),
        ("application/DPoP+jwt", "dpop+jwt"),
        ("secevent+jwt", "secevent+jwt"),
        // Not profiles: the page's own names that are no media types, and near misses.
        ("id-token", "jwt"),
        ("client-assertion", "jwt"),
        ("at+jwt ", "jwt"),
        ("applicationat+jwt", "jwt"),
        ("x-at+jwt", "jwt"),
        ("", "jwt"),
    ] {
        assert_eq!(recognised(&token(&format!(r#"{{"typ":"{typ}"}}"#), "{}")), want, "{typ:?}");
    }
}

#[test]
fn rule_order() {
    // typ first: an access token that also looks like an ID token.
    let t = token(r#"{"typ":"at+jwt"}"#, &format!(r#"{{{ID_CLAIMS},"nonce":"n","_sd":[]}}"#));
    assert_eq!(recognised(&t), "at+jwt");
    // An SD-JWT by its form or its _sd claims, whatever its claims or (unknown) typ.
    assert_eq!(
        recognised(&format!("{}~", token(r#"{"typ":"JWT"}"#, &format!("{{{ID_CLAIMS},\"nonce\":\"n\"}}")))),
        "sd-jwt"
    );
    assert_eq!(recognised(&token(r#"{"alg":"ES256"}"#, r#"{"_sd_alg":"sha-256"}"#)), "sd-jwt");
    assert_eq!(recognised(&token(r#"{"typ":"foo+jwt"}"#, r#"{"_sd":[]}"#)), "sd-jwt");
    // A typ naming another type wins over the claims.
    assert_eq!(recognised(&token(r#"{"typ":"token-introspection+jwt"}"#, LOGOUT)), "jwt");
    assert_eq!(recognised(&token(r#"{"typ":"application/jwt"}"#, LOGOUT)), "logout+jwt");
    assert_eq!(recognised(&token(r#"{"typ":"JOSE"}"#, LOGOUT)), "logout+jwt");
    // A logout token without typ; any other events object is a SET.
    assert_eq!(recognised(&token(r#"{"alg":"RS256"}"#, LOGOUT)), "logout+jwt");
    assert_eq!(recognised(&token(r#"{"alg":"RS256"}"#, r#"{"events":{"urn:e":{}}}"#)), "secevent+jwt");
    assert_eq!(recognised(&token(r#"{"alg":"RS256"}"#, r#"{"events":["urn:e"]}"#)), "jwt");
    // An ID token needs all five claims and one only ID tokens carry.
    for oidc in ["nonce", "auth_time", "azp", "at_hash", "c_hash", "sid", "acr", "amr"] {
        assert_eq!(recognised(&token("{}", &format!(r#"{{{ID_CLAIMS},"{oidc}":"x"}}"#))), "id-token", "{oidc}");
    }
    assert_eq!(recognised(&token("{}", &format!("{{{ID_CLAIMS}}}"))), "jwt");
    assert_eq!(recognised(&token("{}", r#"{"iss":"a","sub":"b","aud":"c","exp":1,"nonce":"n"}"#)), "jwt");
    // A client assertion: iss == sub, aud, exp, jti, and no ID-token claim.
    let assertion = r#""iss":"c","sub":"c","aud":"https://as","exp":1,"jti":"j""#;
    assert_eq!(recognised(&token("{}", &format!("{{{assertion}}}"))), "client-assertion");
    assert_eq!(recognised(&token("{}", &format!(r#"{{{assertion},"iat":1}}"#))), "client-assertion");
    assert_eq!(recognised(&token("{}", &format!(r#"{{{assertion},"nonce":"n"}}"#))), "jwt");
    assert_eq!(recognised(&token("{}", r#"{"iss":"c","sub":"d","aud":"a","exp":1,"jti":"j"}"#)), "jwt");
    assert_eq!(recognised(&token("{}", r#"{"iss":"c","sub":"c","aud":"a","exp":1}"#)), "jwt");
    assert_eq!(recognised(&token("{}", r#"{"iss":1,"sub":1,"aud":"a","exp":1,"jti":"j"}"#)), "jwt");
}

#[test]
fn what_is_no_jwt_is_a_plain_jwt() {
    for text in ["", "abc", "a.b.c", "a.b.c.d.e", "{}", "[1,2]", &token("[]", "[]"), &token("{}", "\"text\"")] {
        assert_eq!(recognised(text), "jwt", "{text:?}");
    }
    // A JWE's claims are encrypted; its typ may still name a profile.
    let jwe = format!("{}.a.b.c.d", encode(br#"{"alg":"dir","enc":"A128GCM"}"#));
    assert_eq!(recognised(&jwe), "jwt");
    let jwe = format!("{}.a.b.c.d", encode(br#"{"alg":"dir","enc":"A128GCM","typ":"logout+jwt"}"#));
    assert_eq!(recognised(&jwe), "logout+jwt");
}
