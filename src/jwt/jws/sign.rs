//! Signing compact JWS (RFC 7515 §5.1) with every algorithm the verifier checks, from a
//! secret, a private PEM (PKCS#8, PKCS#1, SEC1) or a private JWK. Deterministic
//! algorithms (HS*, RS*, EdDSA; ES* through RFC 6979) reproduce published examples byte
//! for byte; PS* salts and RSA blinding use the operating system's randomness.

use hmac::Hmac;
use rsa::pkcs1::DecodeRsaPrivateKey as _;
use rsa::pkcs8::DecodePrivateKey as _;
use rsa::signature::{RandomizedSigner as _, SignatureEncoding as _, Signer as _};
use sha2::{Sha256, Sha384, Sha512};
use x509_cert::der::{Decode as _, asn1::ObjectIdentifier, pem};
use zeroize::Zeroizing;

use crate::jwt::base64url;
use crate::jwt::json::{self, Node};
use crate::jwt::jwk::{self, KeyError, KeyErrorKind, Material, PublicKey, Secret};
use crate::jwt::protocol::{SignReport, SignRequest};
use crate::jwt::signing;
use crate::jwt::verdict::SecretEncoding;

/// A key that can sign.
pub enum Signer {
    Hmac(Secret),
    Rsa(Box<rsa::PrivateKey>),
    P256(p256::ecdsa::SigningKey),
    P384(p384::ecdsa::SigningKey),
    P521(p521::ecdsa::SigningKey),
    Secp256k1(k256::ecdsa::SigningKey),
    Ed25519(ed25519_dalek::SigningKey),
    /// An X25519 private key (RFC 8037): it cannot sign, only decrypt JWE (`ECDH-ES`).
    X25519(x25519_dalek::StaticSecret),
}

impl Signer {
    pub fn kind(&self) -> &'static str {
        match self {
            Signer::Hmac(_) => "an HMAC secret",
            Signer::Rsa(_) => "an RSA private key",
            Signer::P256(_) => "an EC P-256 private key",
            Signer::P384(_) => "an EC P-384 private key",
            Signer::P521(_) => "an EC P-521 private key",
            Signer::Secp256k1(_) => "an EC secp256k1 private key",
            Signer::Ed25519(_) => "an Ed25519 private key",
            Signer::X25519(_) => "an X25519 private key",
        }
    }
}

pub(crate) const PUBLIC_ONLY: &str = "this is a public key or certificate, which can only verify; signing needs the private key (a PKCS#8, PKCS#1 or SEC1 PEM, or a JWK with \"d\")";

fn bad(what: &str) -> KeyError {
    KeyError::new(format!("the {what} is not valid"))
}

/// Reads a signing key from pasted text.
pub fn parse_signer(text: &str, encoding: SecretEncoding) -> Result<Signer, KeyError> {
    if text.len() > crate::jwt::token::MAX_INPUT_BYTES {
        return Err(KeyError::new("the key text is larger than the 10 MB this page reads"));
    }
    if text.trim().is_empty() {
        return Err(KeyError::new("no signing key yet: paste a secret, a private key PEM or a private JWK"));
    }
    // Keys in every form people paste them, read as the verifier reads them.
    let unwrapped = crate::jwt::jwk::pasted::unwrap(text);
    let trimmed = unwrapped.text.trim();
    if unwrapped.shape == crate::jwt::jwk::pasted::Shape::Pem {
        // Whatever is wrong with it, a PEM block is never a secret.
        return signer_from_pem(trimmed).map_err(KeyError::never_a_secret);
    }
    if unwrapped.shape == crate::jwt::jwk::pasted::Shape::Json {
        let doc = json::parse(trimmed).map_err(|e| {
            KeyError::new(format!(
                "the key looks like a JWK but is not valid JSON: line {}, column {}: {}",
                e.line, e.column, e.message
            ))
        })?;
        return from_jwk(&doc.root);
    }
    Ok(Signer::Hmac(Secret::from_zeroizing(jwk::secret_bytes(text, encoding)?)))
}

fn signer_from_pem(trimmed: &str) -> Result<Signer, KeyError> {
    let end = trimmed.find("-----END").and_then(|e| trimmed[e + 8..].find("-----").map(|f| e + 8 + f + 5));
    let block = &trimmed[..end.unwrap_or(trimmed.len())];
    let (label, der) =
        pem::decode_vec(block.as_bytes()).map_err(|e| KeyError::new(format!("the PEM cannot be read: {e}")))?;
    let der = Zeroizing::new(der);
    match label {
        "PRIVATE KEY" => from_pkcs8(&der),
        "RSA PRIVATE KEY" => {
            Ok(Signer::Rsa(Box::new(rsa::PrivateKey::from_pkcs1_der(&der).map_err(|_| bad("PKCS#1 RSA private key"))?)))
        }
        "EC PRIVATE KEY" => {
            let key = sec1::EcPrivateKey::from_der(&der).map_err(|_| bad("SEC1 EC private key"))?;
            let curve = key.parameters.and_then(|p| p.named_curve());
            ec_signer(curve.as_ref().and_then(jwk::curve_name), &der, true)
        }
        "PUBLIC KEY" | "RSA PUBLIC KEY" | "CERTIFICATE" => {
            Err(KeyError::of_kind(KeyErrorKind::PublicOnly, PUBLIC_ONLY))
        }
        "ENCRYPTED PRIVATE KEY" => Err(KeyError::new(
            "this private key is encrypted with a passphrase; decrypt it first (openssl pkcs8 -in key.pem)",
        )),
        other => Err(KeyError::new(format!("a PEM \"{other}\" block is not a private key"))),
    }
}

fn from_pkcs8(der: &[u8]) -> Result<Signer, KeyError> {
    let info = rsa::pkcs8::PrivateKeyInfoRef::from_der(der).map_err(|_| bad("PKCS#8 private key"))?;
    let oid = info.algorithm.oid;
    if oid == ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1") {
        return Ok(Signer::Rsa(Box::new(rsa::PrivateKey::from_pkcs8_der(der).map_err(|_| bad("RSA private key"))?)));
    }
    if oid == ObjectIdentifier::new_unwrap("1.3.101.112") {
        return Ok(Signer::Ed25519(
            ed25519_dalek::SigningKey::from_pkcs8_der(der).map_err(|_| bad("Ed25519 private key"))?,
        ));
    }
    if oid == ObjectIdentifier::new_unwrap("1.3.101.110") {
        // RFC 8410 §7: the private key is an OCTET STRING holding the 32-byte scalar.
        let inner = info.private_key.as_bytes();
        return match inner {
            [0x04, 0x20, rest @ ..] if rest.len() == 32 => Ok(x25519(rest)?),
            _ => Err(bad("X25519 private key")),
        };
    }
    let curve = info.algorithm.parameters.and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
    ec_signer(curve.as_ref().and_then(jwk::curve_name), der, false)
}

fn ec_signer(curve: Option<&str>, der: &[u8], sec1: bool) -> Result<Signer, KeyError> {
    macro_rules! signer {
        ($krate:ident, $variant:ident, $name:literal) => {{
            let secret = if sec1 {
                $krate::SecretKey::from_sec1_der(der).ok()
            } else {
                $krate::SecretKey::from_pkcs8_der(der).ok()
            };
            Signer::$variant(secret.ok_or_else(|| bad(concat!($name, " private key")))?.into())
        }};
    }
    Ok(match curve {
        Some("P-256") => signer!(p256, P256, "P-256"),
        Some("P-384") => signer!(p384, P384, "P-384"),
        Some("P-521") => signer!(p521, P521, "P-521"),
        Some("secp256k1") => signer!(k256, Secp256k1, "secp256k1"),
        _ => {
            return Err(KeyError::new("the private key is not RSA, Ed25519 or EC on P-256, P-384, P-521 or secp256k1"));
        }
    })
}

fn from_jwk(jwk: &Node) -> Result<Signer, KeyError> {
    let bytes = |name: &str| -> Result<Zeroizing<Vec<u8>>, KeyError> {
        let text =
            jwk.get(name).and_then(Node::as_str).ok_or_else(|| KeyError::new(format!("the JWK has no \"{name}\"")))?;
        base64url::decode_strict(text)
            .map(Zeroizing::new)
            .map_err(|e| KeyError::new(format!("the JWK's \"{name}\" is not base64url: {}", e.describe())))
    };
    let kty = jwk.get("kty").and_then(Node::as_str).unwrap_or_default();
    if kty != "oct" && jwk.get("d").is_none() {
        return Err(KeyError::of_kind(KeyErrorKind::PublicOnly, PUBLIC_ONLY));
    }
    match kty {
        "oct" => Ok(Signer::Hmac(jwk::oct_secret(bytes("k")?.to_vec())?)),
        "RSA" => {
            let big =
                |b: &[u8]| rsa::BoxedUint::from_be_slice(b, (b.len() * 8).max(64) as u32).map_err(|_| bad("RSA JWK"));
            let (n, e, d) = (bytes("n")?, bytes("e")?, bytes("d")?);
            let primes = match (jwk.get("p"), jwk.get("q")) {
                (Some(_), Some(_)) => vec![big(&bytes("p")?)?, big(&bytes("q")?)?],
                _ => Vec::new(),
            };
            let (n, e, d) = (big(&n)?, big(&e)?, big(&d)?);
            rsa::PrivateKey::from_components(n.clone(), e.clone(), d.clone(), primes.clone())
                .or_else(|_| rsa::PrivateKey::from_components_with_wide_primes(n, e, d, primes))
                .map(|k| Signer::Rsa(Box::new(k)))
                .map_err(|e| KeyError::new(format!("the RSA private JWK is not valid: {e}")))
        }
        "EC" => {
            let d = bytes("d")?;
            let crv = jwk.get("crv").and_then(Node::as_str).unwrap_or_default();
            macro_rules! signer {
                ($krate:ident, $variant:ident) => {
                    Signer::$variant($krate::SecretKey::from_slice(&d).map_err(|_| bad("EC private JWK"))?.into())
                };
            }
            Ok(match crv {
                "P-256" => signer!(p256, P256),
                "P-384" => signer!(p384, P384),
                "P-521" => signer!(p521, P521),
                "secp256k1" => signer!(k256, Secp256k1),
                other => return Err(KeyError::new(format!("the EC curve \"{other}\" is not supported"))),
            })
        }
        "OKP" => {
            let d = bytes("d")?;
            let seed: [u8; 32] = d.as_slice().try_into().map_err(|_| KeyError::new("an Ed25519 \"d\" has 32 bytes"))?;
            match jwk.get("crv").and_then(Node::as_str) {
                Some("Ed25519") => Ok(Signer::Ed25519(ed25519_dalek::SigningKey::from_bytes(&seed))),
                Some("X25519") => x25519(&seed),
                _ => Err(KeyError::new("only Ed25519 and X25519 OKP keys are supported")),
            }
        }
        other => Err(KeyError::new(format!("the key type \"{other}\" is not supported (oct, RSA, EC, OKP)"))),
    }
}

fn x25519(bytes: &[u8]) -> Result<Signer, KeyError> {
    let scalar: [u8; 32] = bytes.try_into().map_err(|_| KeyError::new("an X25519 private key has 32 bytes"))?;
    Ok(Signer::X25519(x25519_dalek::StaticSecret::from(scalar)))
}

/// Reads a private JWK (for JWE decryption keys in a JWKS).
pub fn from_private_jwk(jwk: &Node) -> Result<Signer, KeyError> {
    from_jwk(jwk)
}

/// Signs `input` with `alg`, or says why this key cannot.
pub fn sign(alg: &str, signer: &Signer, input: &[u8]) -> Result<Vec<u8>, String> {
    fn mac<M: hmac::Mac + hmac::KeyInit>(key: &[u8], input: &[u8]) -> Result<Vec<u8>, String> {
        let mut m = <M as hmac::KeyInit>::new_from_slice(key)
            .map_err(|_| "the secret cannot be used as an HMAC key".to_string())?;
        m.update(input);
        Ok(m.finalize().into_bytes().to_vec())
    }
    macro_rules! rsa_sign {
        ($scheme:ident, $d:ty, $k:expr) => {{
            let sk = rsa::$scheme::SigningKey::<$d>::new((**$k).clone());
            sk.try_sign_with_rng(&mut getrandom::SysRng, input)
                .map(|s| s.to_vec())
                .map_err(|e| format!("RSA signing failed: {e}"))
        }};
    }
    match (alg, signer) {
        ("HS256", Signer::Hmac(s)) => mac::<Hmac<Sha256>>(s.bytes(), input),
        ("HS384", Signer::Hmac(s)) => mac::<Hmac<Sha384>>(s.bytes(), input),
        ("HS512", Signer::Hmac(s)) => mac::<Hmac<Sha512>>(s.bytes(), input),
        ("RS256", Signer::Rsa(k)) => rsa_sign!(pkcs1v15, Sha256, k),
        ("RS384", Signer::Rsa(k)) => rsa_sign!(pkcs1v15, Sha384, k),
        ("RS512", Signer::Rsa(k)) => rsa_sign!(pkcs1v15, Sha512, k),
        ("PS256", Signer::Rsa(k)) => rsa_sign!(pss, Sha256, k),
        ("PS384", Signer::Rsa(k)) => rsa_sign!(pss, Sha384, k),
        ("PS512", Signer::Rsa(k)) => rsa_sign!(pss, Sha512, k),
        // ECDSA signatures are made low-S (s ≤ n/2): both forms verify, but the verifier
        // warns about high-S (malleability), and a signature should have one canonical form.
        ("ES256", Signer::P256(k)) => {
            let sig: p256::ecdsa::Signature = k.sign(input);
            Ok(sig.normalize_s().to_bytes().to_vec())
        }
        ("ES384", Signer::P384(k)) => {
            let sig: p384::ecdsa::Signature = k.sign(input);
            Ok(sig.normalize_s().to_bytes().to_vec())
        }
        ("ES512", Signer::P521(k)) => {
            let sig: p521::ecdsa::Signature = k.sign(input);
            Ok(sig.normalize_s().to_bytes().to_vec())
        }
        ("ES256K", Signer::Secp256k1(k)) => {
            let sig: k256::ecdsa::Signature = k.sign(input);
            Ok(sig.normalize_s().to_bytes().to_vec())
        }
        ("EdDSA" | "Ed25519", Signer::Ed25519(k)) => Ok(k.sign(input).to_bytes().to_vec()),
        (a, s) if signing::SIGNING_ALGS.contains(&a) => Err(format!("{a} cannot be signed with {}", s.kind())),
        (a, _) => Err(format!("the algorithm \"{a}\" cannot be signed here")),
    }
}

/// Answers a sign request from the page.
pub fn answer(req: &SignRequest) -> SignReport {
    let mut report = SignReport {
        id: req.id,
        token: Err(String::new()),
        verify_key: None,
        verify_encoding: req.encoding,
        thumbprint: None,
    };
    report.token = build(req, &mut report);
    report
}

fn build(req: &SignRequest, report: &mut SignReport) -> Result<String, String> {
    let header = if req.exact { Some(req.header.clone()) } else { signing::compact(&req.header) };
    let Some(header) = header.filter(|h| json::parse(h).is_ok_and(|d| d.root.is_object())) else {
        return Err(match json::parse(&req.header) {
            Err(e) => format!("The header is not valid JSON (line {}, column {}): {}.", e.line, e.column, e.message),
            Ok(_) => "The header must be a JSON object.".into(),
        });
    };
    match signing::header_alg(&header) {
        Some(a) if a == req.alg => {}
        Some(a) => return Err(format!("The header's alg is \"{a}\" but the algorithm chosen is \"{}\".", req.alg)),
        None => return Err("The header has no \"alg\" string.".into()),
    }
    let payload = if req.exact {
        req.payload.clone()
    } else {
        signing::compact(&req.payload).unwrap_or_else(|| req.payload.clone())
    };

    let signer = parse_signer(&req.key, req.encoding).map_err(|e| format!("Cannot sign: {e}."))?;
    // What the decoder needs to verify this token: the public half, or the secret.
    if let Ok(set) = jwk::parse(&req.key, req.encoding)
        && let Some(k) = set.keys.first()
    {
        report.thumbprint = Some(k.thumbprint.clone());
        report.verify_key = Some(match &k.material {
            Material::Public(p) => public_jwk(p),
            Material::Secret(_) => req.key.clone(),
        });
    }
    let input = format!("{}.{}", base64url::encode(header.as_bytes()), base64url::encode(payload.as_bytes()));
    let sig = sign(&req.alg, &signer, input.as_bytes()).map_err(|e| format!("Cannot sign: {e}."))?;
    Ok(format!("{input}.{}", base64url::encode(&sig)))
}

/// A public key as JWK text.
fn public_jwk(p: &PublicKey) -> String {
    let members: Vec<String> = p.jwk_members().iter().map(|(k, v)| format!("\"{k}\":{}", json::quote(v))).collect();
    format!("{{{}}}", members.join(","))
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
                r#"{"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"}"#,
                "Cannot sign: this is a public key or certificate, which can only verify; signing needs the private key (a PKCS#8, PKCS#1 or SEC1 PEM, or a JWK with \"d\").",
            ),
            (r#"{"alg":"ES256"}"#, "ES256", "secret", "Cannot sign: ES256 cannot be signed with an HMAC secret."),
        ];
        for (header, alg, key, want) in cases {
            assert_eq!(sign_req(header, "{}", alg, key, false).token, Err(want.to_string()), "{header} {alg} {key}");
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
