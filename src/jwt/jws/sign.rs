//! Signing compact JWS (RFC 7515 §5.1) with every algorithm the verifier checks, from a
//! secret, a private PEM (PKCS#8, PKCS#1, SEC1) or a private JWK. Deterministic
//! algorithms (HS*, RS*, EdDSA, Ed448; ES* through RFC 6979) reproduce published examples byte
//! for byte; PS* salts and RSA blinding use the operating system's randomness.

use hmac::Hmac;
use rsa::signature::{RandomizedSigner as _, SignatureEncoding as _, Signer as _};
use sha2::{Sha256, Sha384, Sha512};

use crate::jwt::alg::JwsAlg;
use crate::jwt::base64url;
use crate::jwt::json::{self, Node};
use crate::jwt::jwk::mldsa::Randomness;
use crate::jwt::jwk::{self, KeyError, KeyText, Material, PrivateKey, Secret};
use crate::jwt::protocol::{Refused, SignReport, SignRequest};
use crate::jwt::verdict::SecretEncoding;

/// A key that can sign: a secret, or a private key (selected from what [`jwk::read`] gave).
// One value per request, moved rarely: boxing the large variant would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum Signer {
    Hmac(Secret),
    Private(PrivateKey),
}

impl Signer {
    /// The key itself, as the key model holds it.
    pub fn into_material(self) -> Material {
        match self {
            Signer::Hmac(s) => Material::Secret(s),
            Signer::Private(p) => Material::Private(p),
        }
    }

    /// What the key is, with its article: "an HMAC secret", "an RSA private key".
    pub fn kind(&self) -> &'static str {
        match self {
            Signer::Hmac(_) => "an HMAC secret",
            Signer::Private(p) => p.kind(),
        }
    }

    /// The signing key a key's material is, if it is one (a secret or a private key).
    pub fn from_material(material: Material) -> Option<Signer> {
        match material {
            Material::Secret(s) => Some(Signer::Hmac(s)),
            Material::Private(p) => Some(Signer::Private(p)),
            Material::Public(_) => None,
        }
    }
}

/// Reads a signing key from pasted text.
pub fn parse_signer(text: &str, encoding: SecretEncoding) -> Result<Signer, KeyError> {
    signing_key(text, encoding).and_then(|k| Signer::from_material(k.material).ok_or(KeyError::PublicOnly))
}

/// The key pasted text signs with: the first secret or private key [`jwk::read`] finds in
/// it (a PEM's first private key, a JWKS's first private entry).
pub fn signing_key(text: &str, encoding: SecretEncoding) -> Result<jwk::Key, KeyError> {
    let keys = match jwk::read(text, encoding).map_err(KeyError::needing_private)? {
        KeyText::Empty => return Err(KeyError::NoSigningKey),
        KeyText::Keys(keys) => keys,
        KeyText::Jwks(entries) => {
            let first_error = entries.iter().enumerate().find_map(|(i, e)| e.as_ref().err().map(|e| (i, e.clone())));
            let keys: Vec<_> = entries.into_iter().flatten().collect();
            match (keys.is_empty(), first_error) {
                (true, Some((i, e))) => {
                    return Err(KeyError::JwksUnusable { first: format!("entry {} skipped: {e}", i + 1) });
                }
                (true, None) => return Err(KeyError::JwksEmpty),
                _ => keys,
            }
        }
    };
    keys.into_iter().find(|k| !matches!(k.material, Material::Public(_))).ok_or(KeyError::PublicOnly)
}

/// Reads a private JWK (for JWE decryption keys in a JWKS).
pub fn from_private_jwk(jwk: &Node) -> Result<Signer, KeyError> {
    Signer::from_material(jwk::parse_jwk(jwk, false, 0)?.material).ok_or(KeyError::PublicOnly)
}

/// Why a signature could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignError {
    /// The HMAC implementation refused the secret.
    HmacKey,
    /// The RSA implementation failed.
    Rsa { why: String },
    /// The algorithm is one the encoder offers, but needs another kind of key.
    WrongKey { alg: JwsAlg, kind: &'static str },
    /// The algorithm is not one this page signs with (`none`, an unknown name, or
    /// `Ed25519` or `Ed448` with a key of another kind).
    UnknownAlg { alg: String },
    /// The ML-DSA implementation made no signature (no randomness for a hedged one).
    MlDsa,
}

impl std::fmt::Display for SignError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SignError::HmacKey => f.write_str("the secret cannot be used as an HMAC key"),
            SignError::Rsa { why } => write!(f, "RSA signing failed: {why}"),
            SignError::WrongKey { alg, kind } => write!(f, "{alg} cannot be signed with {kind}"),
            SignError::UnknownAlg { alg } => write!(f, "the algorithm \"{alg}\" cannot be signed here"),
            SignError::MlDsa => f.write_str("ML-DSA signing failed (no randomness available?)"),
        }
    }
}

impl std::error::Error for SignError {}

/// Why a sign request from the page could not be answered with a token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequestError {
    /// The header text is not JSON.
    HeaderNotJson { line: usize, column: usize, message: json::JsonSyntax },
    /// The header is JSON but not an object.
    HeaderNotObject,
    /// The header's `alg` is not the algorithm chosen.
    AlgMismatch { header: String, chosen: String },
    /// The header has no `alg` string.
    NoAlg,
    /// The key text gives no signing key.
    Key(KeyError),
    /// The key cannot make this signature.
    Sign(SignError),
}

impl std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RequestError::HeaderNotJson { line, column, message } => {
                write!(f, "The header is not valid JSON (line {line}, column {column}): {message}.")
            }
            RequestError::HeaderNotObject => f.write_str("The header must be a JSON object."),
            RequestError::AlgMismatch { header, chosen } => {
                write!(f, "The header's alg is \"{header}\" but the algorithm chosen is \"{chosen}\".")
            }
            RequestError::NoAlg => f.write_str("The header has no \"alg\" string."),
            RequestError::Key(e) => write!(f, "Cannot sign: {e}."),
            RequestError::Sign(e) => write!(f, "Cannot sign: {e}."),
        }
    }
}

impl std::error::Error for RequestError {}

/// Signs `input` with `alg`, or says why this key cannot. ML-DSA signatures are hedged.
pub fn sign(alg: JwsAlg, signer: &Signer, input: &[u8]) -> Result<Vec<u8>, SignError> {
    sign_with(alg, signer, input, Randomness::Hedged)
}

/// [`sign`], ML-DSA with the given randomness (hedged or deterministic, FIPS 204 §3.4); the
/// other algorithms have no such choice and ignore it.
pub fn sign_with(alg: JwsAlg, signer: &Signer, input: &[u8], randomness: Randomness) -> Result<Vec<u8>, SignError> {
    fn mac<M: hmac::Mac + hmac::KeyInit>(key: &[u8], input: &[u8]) -> Result<Vec<u8>, SignError> {
        let mut m = <M as hmac::KeyInit>::new_from_slice(key).map_err(|_| SignError::HmacKey)?;
        m.update(input);
        Ok(m.finalize().into_bytes().to_vec())
    }
    macro_rules! rsa_sign {
        ($scheme:ident, $d:ty, $k:expr) => {{
            let sk = rsa::$scheme::SigningKey::<$d>::new((**$k).clone());
            sk.try_sign_with_rng(&mut getrandom::SysRng, input)
                .map(|s| s.to_vec())
                .map_err(|e| SignError::Rsa { why: e.to_string() })
        }};
    }
    match (alg, signer) {
        (JwsAlg::Hs256, Signer::Hmac(s)) => mac::<Hmac<Sha256>>(s.bytes(), input),
        (JwsAlg::Hs384, Signer::Hmac(s)) => mac::<Hmac<Sha384>>(s.bytes(), input),
        (JwsAlg::Hs512, Signer::Hmac(s)) => mac::<Hmac<Sha512>>(s.bytes(), input),
        (JwsAlg::Rs256, Signer::Private(PrivateKey::Rsa(k))) => rsa_sign!(pkcs1v15, Sha256, k),
        (JwsAlg::Rs384, Signer::Private(PrivateKey::Rsa(k))) => rsa_sign!(pkcs1v15, Sha384, k),
        (JwsAlg::Rs512, Signer::Private(PrivateKey::Rsa(k))) => rsa_sign!(pkcs1v15, Sha512, k),
        (JwsAlg::Ps256, Signer::Private(PrivateKey::Rsa(k))) => rsa_sign!(pss, Sha256, k),
        (JwsAlg::Ps384, Signer::Private(PrivateKey::Rsa(k))) => rsa_sign!(pss, Sha384, k),
        (JwsAlg::Ps512, Signer::Private(PrivateKey::Rsa(k))) => rsa_sign!(pss, Sha512, k),
        // ECDSA signatures are made low-S (s ≤ n/2): both forms verify, but the verifier
        // warns about high-S (malleability), and a signature should have one canonical form.
        (JwsAlg::Es256, Signer::Private(PrivateKey::P256(k))) => {
            let sig: p256::ecdsa::Signature = k.sign(input);
            Ok(sig.normalize_s().to_bytes().to_vec())
        }
        (JwsAlg::Es384, Signer::Private(PrivateKey::P384(k))) => {
            let sig: p384::ecdsa::Signature = k.sign(input);
            Ok(sig.normalize_s().to_bytes().to_vec())
        }
        (JwsAlg::Es512, Signer::Private(PrivateKey::P521(k))) => {
            let sig: p521::ecdsa::Signature = k.sign(input);
            Ok(sig.normalize_s().to_bytes().to_vec())
        }
        (JwsAlg::Es256k, Signer::Private(PrivateKey::Secp256k1(k))) => {
            let sig: k256::ecdsa::Signature = k.sign(input);
            Ok(sig.normalize_s().to_bytes().to_vec())
        }
        (JwsAlg::EdDsa | JwsAlg::Ed25519, Signer::Private(PrivateKey::Ed25519(k))) => {
            Ok(k.sign(input).to_bytes().to_vec())
        }
        // Pure Ed448 with the empty context (RFC 8032 §5.2.6, RFC 8037 §3.1): deterministic.
        (JwsAlg::EdDsa | JwsAlg::Ed448, Signer::Private(PrivateKey::Ed448(k))) => {
            Ok(k.sign_raw(input).to_bytes().to_vec())
        }
        // Pure ML-DSA with the empty context string (RFC 9964 §4), with the key's own algorithm.
        (JwsAlg::MlDsa44 | JwsAlg::MlDsa65 | JwsAlg::MlDsa87, Signer::Private(PrivateKey::MlDsa(k)))
            if k.alg() == alg =>
        {
            k.sign(input, randomness).ok_or(SignError::MlDsa)
        }
        (a, s) if JwsAlg::SIGNING.contains(&a) => Err(SignError::WrongKey { alg: a, kind: s.kind() }),
        (a, _) => Err(SignError::UnknownAlg { alg: a.name().to_string() }),
    }
}

/// Answers a sign request from the page.
pub fn answer(req: &SignRequest) -> SignReport {
    let mut report = SignReport {
        id: req.id,
        token: Err(Refused(String::new())),
        verify_key: None,
        verify_encoding: req.encoding,
        thumbprint: None,
        hedged: None,
    };
    report.token = build(req, &mut report).map_err(|e| Refused(e.to_string()));
    report
}

fn build(req: &SignRequest, report: &mut SignReport) -> Result<String, RequestError> {
    let header = if req.exact { Some(req.header.clone()) } else { json::compact_text(&req.header) };
    let Some(header) = header.filter(|h| json::parse(h).is_ok_and(|d| d.root.is_object())) else {
        return Err(match json::parse(&req.header) {
            Err(e) => RequestError::HeaderNotJson { line: e.line, column: e.column, message: e.message },
            Ok(_) => RequestError::HeaderNotObject,
        });
    };
    let chosen = JwsAlg::parse(&req.alg);
    let alg = match (super::header_alg(&header), chosen) {
        (None, _) => return Err(RequestError::NoAlg),
        (Some(a), Some(chosen)) if JwsAlg::parse(&a) == Some(chosen) => chosen,
        // Neither is an algorithm this page signs.
        (Some(a), None) if JwsAlg::parse(&a).is_none() => {
            return Err(RequestError::Sign(SignError::UnknownAlg { alg: req.alg.clone() }));
        }
        (Some(a), _) => return Err(RequestError::AlgMismatch { header: a.to_string(), chosen: req.alg.clone() }),
    };
    let payload = if req.exact {
        req.payload.clone()
    } else {
        json::compact_text(&req.payload).unwrap_or_else(|| req.payload.clone())
    };

    let key = signing_key(&req.key, req.encoding).map_err(RequestError::Key)?;
    // What the decoder needs to verify this token: the public half, or the secret.
    report.thumbprint = Some(key.thumbprint.clone());
    report.verify_key = Some(match &key.material {
        Material::Secret(_) => req.key.clone(),
        Material::Public(p) => p.jwk(),
        Material::Private(p) => p.public().jwk(),
    });
    let signer = Signer::from_material(key.material).ok_or(RequestError::Key(KeyError::PublicOnly))?;
    let input = format!("{}.{}", base64url::encode(header.as_bytes()), base64url::encode(payload.as_bytes()));
    let randomness = if req.deterministic { Randomness::Deterministic } else { Randomness::Hedged };
    let sig = sign_with(alg, &signer, input.as_bytes(), randomness).map_err(RequestError::Sign)?;
    if alg.scheme() == crate::jwt::alg::Scheme::MlDsa {
        report.hedged = Some(randomness == Randomness::Hedged);
    }
    Ok(format!("{input}.{}", base64url::encode(&sig)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::jws::verify::{Verdict, verify};
    use crate::jwt::token::decode;

    /// RFC 7515 Appendix A.2's RSA private key.
    const RFC7515_RSA: &str = r#"{"kty":"RSA","n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ","e":"AQAB","d":"Eq5xpGnNCivDflJsRQBXHx1hdR1k6Ulwe2JZD50LpXyWPEAeP88vLNO97IjlA7_GQ5sLKMgvfTeXZx9SE-7YwVol2NXOoAJe46sui395IW_GO-pWJ1O0BkTGoVEn2bKVRUCgu-GjBVaYLU6f3l9kJfFNS3E0QbVdxzubSu3Mkqzjkn439X0M_V51gfpRLI9JYanrC4D4qAdGcopV_0ZHHzQlBjudU2QvXt4ehNYTCBr6XCLQUShb1juUO1ZdiYoFaFQT5Tw8bGUl_x_jTj3ccPDVZFD9pIuhLhBOneufuBiB4cS98l2SR_RQyGWSeWjnczT0QU91p1DhOVRuOopznQ","p":"4BzEEOtIpmVdVEZNCqS7baC4crd0pqnRH_5IB3jw3bcxGn6QLvnEtfdUdiYrqBdss1l58BQ3KhooKeQTa9AB0Hw_Py5PJdTJNPY8cQn7ouZ2KKDcmnPGBY5t7yLc1QlQ5xHdwW1VhvKn-nXqhJTBgIPgtldC-KDV5z-y2XDwGUc","q":"uQPEfgmVtjL0Uyyx88GZFF1fOunH3-7cepKmtH4pxhtCoHqpWmT8YAmZxaewHgHAjLYsp1ZSe7zFYHj7C6ul7TjeLQeZD_YwD66t62wDmpe_HlB-TnBA-njbglfIsRLtXlnDzQkv5dTltRJ11BKBBypeeF6689rjcJIDEz9RWdc"}"#;

    /// RFC 7515 Appendix A.1's key, header and payload (exact bytes, CRLF included).
    const A1_KEY: &str =
        r#"{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#;

    fn sign_req(header: &str, payload: &str, alg: &str, key: &str, exact: bool) -> SignReport {
        answer(&SignRequest {
            id: 1,
            header: header.into(),
            payload: payload.into(),
            alg: alg.into(),
            key: key.into(),
            encoding: SecretEncoding::Utf8,
            exact,
            deterministic: false,
        })
    }

    #[test]
    fn ecdsa_signatures_are_low_s() {
        // High-S would make about half of these carry the verifier's `high-s` warning.
        for curve in ["p-256", "p-384", "p-521", "secp256k1"] {
            let keys = crate::jwt::jwk::keygen::generate(curve).unwrap();
            let alg = keys.alg.clone();
            let private = keys.private_pem.clone().unwrap();
            let public = keys.public_pem.clone().unwrap();
            for i in 0..12 {
                let token =
                    sign_req(&format!("{{\"alg\":\"{alg}\"}}"), &format!("{{\"n\":{i}}}"), &alg, &private, false)
                        .token
                        .unwrap();
                let d = crate::jwt::decode(&token);
                let outcome =
                    crate::jwt::jws::verify::verify(&d, &crate::jwt::jwk::parse(&public, SecretEncoding::Utf8));
                assert_eq!(outcome.verdict, crate::jwt::verdict::Verdict::Verified, "{alg}");
                assert!(outcome.warnings.iter().all(|w| w.code.as_str() != "high-s"), "{alg} #{i}");
            }
        }
    }

    #[test]
    fn reproduces_rfc7515_a1_byte_for_byte() {
        let r = sign_req(
            "{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}",
            "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}",
            "HS256",
            A1_KEY,
            true,
        );
        assert_eq!(
            r.token.as_deref(),
            Ok(
                "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
            )
        );
        // Compact mode signs other bytes, so another signature.
        let r = sign_req("{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}", "{\"iss\":\"joe\"}", "HS256", A1_KEY, false);
        assert!(r.token.unwrap().starts_with("eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9."));
    }

    #[test]
    fn refuses_what_it_cannot_sign() {
        let h = r#"{"alg":"HS256"}"#;
        let cases: &[(&str, &str, &str, &str)] = &[
            (h, "RS256", "secret", "The header's alg is \"HS256\" but the algorithm chosen is \"RS256\"."),
            (
                "{\"alg\":",
                "HS256",
                "secret",
                "The header is not valid JSON (line 1, column 8): the text ends where a value was expected.",
            ),
            (h, "HS256", "", "Cannot sign: no signing key yet: paste a secret, a private key PEM or a private JWK."),
            (
                h,
                "HS256",
                r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#,
                "Cannot sign: this is a public key or certificate, which can only verify; signing needs the private key (a PKCS#8, PKCS#1 or SEC1 PEM, or a JWK with \"d\").",
            ),
            // Key text is read whole before anything is selected from it: a public JWK that
            // cannot be read says why, as it does to the verifier.
            (
                h,
                "HS256",
                r#"{"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"}"#,
                "Cannot sign: P-256 coordinates must be exactly 32 bytes each (x has 3, y has 3).",
            ),
            (r#"{"alg":"ES256"}"#, "ES256", "secret", "Cannot sign: ES256 cannot be signed with an HMAC secret."),
        ];
        for (header, alg, key, want) in cases {
            assert_eq!(
                sign_req(header, "{}", alg, key, false).token,
                Err(Refused(want.to_string())),
                "{header} {alg} {key}"
            );
        }
    }

    #[test]
    fn every_alg_round_trips_through_the_verifier() {
        // Fixed private keys as JWKs: RFC 7515 A.2 (RSA), A.3 (P-256), A.4 (P-521),
        // RFC 8037 A.1 (Ed25519); P-384 and secp256k1 from small fixed scalars.
        let rsa = RFC7515_RSA;
        let p256 = r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"}"#;
        let p521 = r#"{"kty":"EC","crv":"P-521","x":"AekpBQ8ST8a8VcfVOTNl353vSrDCLLJXmPk06wTjxrrjcBpXp5EOnYG_NjFZ6OvLFV1jSfS9tsz4qUxcWceqwQGk","y":"ADSmRA43Z1DSNx_RvcLI87cdL07l6jQyyBXMoxVg_l2Th-x3S1WDhjDly79ajL4Kkd0AZMaZmh9ubmf63e3kyMj2","d":"AY5pb7A0UFiB3RELSD64fTLOSV_jazdF7fLYyuTw8lOfRhWg6Y6rUrPAxerEzgdRhajnu0ferB0d53vM9mE15j2C"}"#;
        let ed = r#"{"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
        let cases: &[(&str, &str)] = &[
            ("HS256", A1_KEY),
            ("HS384", A1_KEY),
            ("HS512", A1_KEY),
            ("RS256", rsa),
            ("RS384", rsa),
            ("RS512", rsa),
            ("PS256", rsa),
            ("PS384", rsa),
            ("PS512", rsa),
            ("ES256", p256),
            ("ES512", p521),
            ("EdDSA", ed),
        ];
        for (alg, key) in cases {
            let header = format!("{{\"alg\":\"{alg}\",\"typ\":\"JWT\"}}");
            let r = sign_req(&header, "{\"sub\":\"round trip\"}", alg, key, false);
            let token = r.token.unwrap_or_else(|e| panic!("{alg}: {e}"));
            let verify_key = r.verify_key.expect("a key for the decoder");
            let outcome = verify(&decode(&token), &jwk::parse(&verify_key, SecretEncoding::Utf8));
            assert_eq!(outcome.verdict, Verdict::Verified, "{alg}: {}", outcome.message);
        }
    }

    /// Every algorithm of the table signs with a key of the table's key type, its
    /// signature has the table's size, and the verifier finds it valid; `none` is never
    /// signed, and a key of another type is refused.
    #[test]
    fn signatures_have_the_sizes_the_table_says() {
        use crate::jwt::alg::{Curve, KeyType, SignatureSize};
        use crate::jwt::jws::verify::{Validity, verify_signature};
        let p384 = crate::jwt::jwk::keygen::generate("p-384").unwrap();
        let k256 = crate::jwt::jwk::keygen::generate("secp256k1").unwrap();
        let ed448 = crate::jwt::jwk::keygen::generate("ed448").unwrap();
        let ml_dsa = ["ml-dsa-44", "ml-dsa-65", "ml-dsa-87"].map(|k| crate::jwt::jwk::keygen::generate(k).unwrap());
        let p256 = r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"}"#;
        let p521 = r#"{"kty":"EC","crv":"P-521","x":"AekpBQ8ST8a8VcfVOTNl353vSrDCLLJXmPk06wTjxrrjcBpXp5EOnYG_NjFZ6OvLFV1jSfS9tsz4qUxcWceqwQGk","y":"ADSmRA43Z1DSNx_RvcLI87cdL07l6jQyyBXMoxVg_l2Th-x3S1WDhjDly79ajL4Kkd0AZMaZmh9ubmf63e3kyMj2","d":"AY5pb7A0UFiB3RELSD64fTLOSV_jazdF7fLYyuTw8lOfRhWg6Y6rUrPAxerEzgdRhajnu0ferB0d53vM9mE15j2C"}"#;
        let ed = r#"{"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
        let key_for = |t: KeyType| -> String {
            match t {
                KeyType::Oct => A1_KEY.into(),
                KeyType::Rsa => RFC7515_RSA.into(),
                KeyType::Ec(Curve::P256) => p256.into(),
                KeyType::Ec(Curve::P384) => p384.private_pem.clone().unwrap(),
                KeyType::Ec(Curve::P521) => p521.into(),
                KeyType::Ec(Curve::Secp256k1) => k256.private_pem.clone().unwrap(),
                KeyType::Okp(Curve::Ed25519) => ed.into(),
                KeyType::Okp(Curve::Ed448) => ed448.private_jwk.clone().unwrap(),
                KeyType::Akp(JwsAlg::MlDsa44) => ml_dsa[0].private_jwk.clone().unwrap(),
                KeyType::Akp(JwsAlg::MlDsa65) => ml_dsa[1].private_jwk.clone().unwrap(),
                KeyType::Akp(JwsAlg::MlDsa87) => ml_dsa[2].private_jwk.clone().unwrap(),
                other => panic!("no JWS algorithm needs {other:?}"),
            }
        };
        let input = b"eyJhbGciOiJub25lIn0.eyJzdWIiOiJzaXplcyJ9";
        for alg in JwsAlg::ALL {
            let Some(kind) = alg.key_type() else {
                assert_eq!(alg, JwsAlg::None);
                let any = parse_signer(A1_KEY, SecretEncoding::Utf8).unwrap();
                let refused = sign(alg, &any, input).unwrap_err();
                assert_eq!(refused.to_string(), "the algorithm \"none\" cannot be signed here");
                continue;
            };
            let text = key_for(kind);
            let signer = parse_signer(&text, SecretEncoding::Utf8).unwrap();
            let sig = sign(alg, &signer, input).unwrap_or_else(|e| panic!("{alg}: {e}"));
            match alg.signature_size() {
                SignatureSize::Exact(n) => assert_eq!(sig.len(), n, "{alg}"),
                // RFC 7515 A.2's key has a 2048-bit modulus.
                SignatureSize::RsaModulus => assert_eq!(sig.len(), 256, "{alg}"),
                SignatureSize::Empty => panic!("{alg} has a key type but no signature"),
            }
            assert!(alg.signature_len_fits(sig.len()), "{alg}");
            // The verifier, with the public half the sign request hands the decoder.
            let header = format!("{{\"alg\":\"{alg}\"}}");
            let r = sign_req(&header, "{}", alg.name(), &text, false);
            let verify_key = r.verify_key.unwrap_or_else(|| panic!("{alg}: {:?}", r.token));
            let key = jwk::parse(&verify_key, SecretEncoding::Utf8).unwrap().keys.remove(0);
            assert_eq!(verify_signature(alg, &key, input, &sig), Ok(Validity::Valid), "{alg}");
            // A key of another type: refused by the signer and by the verifier alike.
            let other = if kind == KeyType::Oct { KeyType::Rsa } else { KeyType::Oct };
            let wrong = parse_signer(&key_for(other), SecretEncoding::Utf8).unwrap();
            assert!(sign(alg, &wrong, input).is_err(), "{alg}");
            let wrong_key = jwk::parse(&key_for(other), SecretEncoding::Utf8).unwrap().keys.remove(0);
            let refused = verify_signature(alg, &wrong_key, input, &sig).unwrap_err();
            assert_eq!(refused.to_string(), format!("{alg} needs {}", alg.verifying_key()));
        }
    }

    #[test]
    fn reproduces_rfc7515_a2_rs256_byte_for_byte() {
        let want = include_str!("../../../tests/data/rfc.jsonl")
            .lines()
            .find(|l| l.contains("\"rfc7515:A.2\""))
            .and_then(|l| json::parse(l).ok())
            .and_then(|d| d.root.get("token").and_then(Node::as_str).map(str::to_string))
            .expect("RFC 7515 A.2 in tests/data/rfc.jsonl");
        let rsa = RFC7515_RSA;
        let r = sign_req(
            "{\"alg\":\"RS256\"}",
            "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}",
            "RS256",
            rsa,
            true,
        );
        assert_eq!(r.token.as_deref(), Ok(want.as_str()));
    }

    /// RFC 8032 §7.4's Ed448 vectors with the empty context (pure Ed448, as JOSE signs):
    /// the private JWK of each seed signs the message byte for byte, and it verifies.
    #[test]
    fn reproduces_rfc8032_ed448_signatures() {
        use crate::jwt::jws::verify::{Validity, verify_signature};
        let hex = |h: &str| -> Vec<u8> {
            (0..h.len()).step_by(2).map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap()).collect()
        };
        let vectors = [
            (
                "6c82a562cb808d10d632be89c8513ebf6c929f34ddfa8c9f63c9960ef6e348a3528c8a3fcc2f044e39a3fc5b94492f8f032e7549a20098f95b",
                "5fd7449b59b461fd2ce787ec616ad46a1da1342485a70e1f8a0ea75d80e96778edf124769b46c7061bd6783df1e50f6cd1fa1abeafe8256180",
                "",
                "533a37f6bbe457251f023c0d88f976ae2dfb504a843e34d2074fd823d41a591f2b233f034f628281f2fd7a22ddd47d7828c59bd0a21bfd3980ff0d2028d4b18a9df63e006c5d1c2d345b925d8dc00b4104852db99ac5c7cdda8530a113a0f4dbb61149f05a7363268c71d95808ff2e652600",
            ),
            (
                "c4eab05d357007c632f3dbb48489924d552b08fe0c353a0d4a1f00acda2c463afbea67c5e8d2877c5e3bc397a659949ef8021e954e0a12274e",
                "43ba28f430cdff456ae531545f7ecd0ac834a55d9358c0372bfa0c6c6798c0866aea01eb00742802b8438ea4cb82169c235160627b4c3a9480",
                "03",
                "26b8f91727bd62897af15e41eb43c377efb9c610d48f2335cb0bd0087810f4352541b143c4b981b7e18f62de8ccdf633fc1bf037ab7cd779805e0dbcc0aae1cbcee1afb2e027df36bc04dcecbf154336c19f0af7e0a6472905e799f1953d2a0ff3348ab21aa4adafd1d234441cf807c03a00",
            ),
        ];
        for (seed, public, msg, want) in vectors {
            let jwk = format!(
                r#"{{"kty":"OKP","crv":"Ed448","x":"{}","d":"{}"}}"#,
                base64url::encode(&hex(public)),
                base64url::encode(&hex(seed))
            );
            let signer = parse_signer(&jwk, SecretEncoding::Utf8).unwrap();
            for alg in [JwsAlg::Ed448, JwsAlg::EdDsa] {
                assert_eq!(sign(alg, &signer, &hex(msg)).unwrap(), hex(want), "{alg} {msg}");
                let key = jwk::parse(&jwk, SecretEncoding::Utf8).unwrap().keys.remove(0);
                assert_eq!(verify_signature(alg, &key, &hex(msg), &hex(want)), Ok(Validity::Valid));
            }
            // A `d` that does not give `x` is refused.
            let other = jwk.replace(&base64url::encode(&hex(public)), &base64url::encode(&[0x11; 57]));
            assert!(parse_signer(&other, SecretEncoding::Utf8).is_err());
        }
    }

    #[test]
    fn reproduces_rfc8037_ed25519_signature() {
        // RFC 8037 Appendix A.4: header {"alg":"EdDSA"}, payload "Example of Ed25519 signing".
        let ed = r#"{"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
        let r = sign_req("{\"alg\":\"EdDSA\"}", "Example of Ed25519 signing", "EdDSA", ed, true);
        assert_eq!(
            r.token.as_deref(),
            Ok(
                "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"
            )
        );
    }
}
