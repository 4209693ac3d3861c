//! The verifier worker's one entry point: a JSON message from the page in (a verify or a
//! sign request, told apart by `"kind"`), a JSON answer out. Component tests call it in
//! the page's own thread; the worker calls it for real.

use super::jwk::keygen;
use super::signing::{self, EncryptReport, EncryptRequest, KeysReport, KeysRequest, SignRequest};
use super::verdict::Request;
use super::{jws::sign, jws::verify};

/// Answers one message; `None` for a message it does not know.
pub fn answer_json(text: &str) -> Option<String> {
    match signing::message_kind(text)?.as_str() {
        "verify" => Some(verify::answer(&Request::from_json(text)?).to_json()),
        "sign" => Some(sign::answer(&SignRequest::from_json(text)?).to_json()),
        "keys" => Some(keys_answer(&KeysRequest::from_json(text)?).to_json()),
        "encrypt" => Some(encrypt_answer(&EncryptRequest::from_json(text)?).to_json()),
        "walk" => Some(super::jws::walkthrough::walk(&super::teach::walk::WalkRequest::from_json(text)?).to_json()),
        "gallery" => Some(super::teach::gallery::gallery_answer(text)),
        _ => None,
    }
}

/// Encrypts to compact JWE.
pub fn encrypt_answer(req: &EncryptRequest) -> EncryptReport {
    let token = super::jwe::encrypt(&super::jwe::Encryption {
        plaintext: req.plaintext.as_bytes(),
        alg: &req.alg,
        enc: &req.enc,
        key: &req.key,
        encoding: req.encoding,
        cty: req.cty.as_deref(),
        zip: req.zip,
    })
    .map_err(|e| format!("Cannot encrypt: {e}."));
    EncryptReport { id: req.id, token }
}

/// Generates or converts a key, and lists its formats.
pub fn keys_answer(req: &KeysRequest) -> KeysReport {
    let result =
        if req.generate.is_empty() { keygen::convert(&req.key, req.encoding) } else { keygen::generate(&req.generate) };
    let b = match result {
        Ok(b) => b,
        Err(e) => return KeysReport { id: req.id, error: Some(e.to_string()), ..KeysReport::default() },
    };
    // A secret has no PEM form: its base64url text takes the private key's place.
    let private_label = if b.public_pem.is_some() { "Private key (PKCS#8 PEM)" } else { "Secret (base64url)" };
    let formats = [
        (private_label, b.private_pem),
        ("Public key (SPKI PEM)", b.public_pem),
        ("Private JWK", b.private_jwk),
        ("Public JWK", b.public_jwk),
        ("JWKS (kid = thumbprint)", b.jwks),
    ]
    .into_iter()
    .filter_map(|(label, text)| Some((label.to_string(), text?)))
    .collect();
    KeysReport { id: req.id, error: None, alg: b.alg, description: b.description, thumbprint: b.thumbprint, formats }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwt::signing::{KeysReport, SignReport};
    use crate::jwt::verdict::{Report, Verdict};

    #[test]
    fn routes_by_kind() {
        let sign = SignRequest {
            id: 5,
            header: "{\"alg\":\"HS256\"}".into(),
            payload: "{}".into(),
            alg: "HS256".into(),
            key: "0123456789abcdef0123456789abcdef".into(),
            ..SignRequest::default()
        };
        let signed = SignReport::from_json(&answer_json(&sign.to_json()).unwrap()).unwrap();
        let token = signed.token.unwrap();
        let req = Request { id: 6, token, key: sign.key.clone(), ..Request::default() };
        let report = Report::from_json(&answer_json(&req.to_json()).unwrap()).unwrap();
        assert_eq!((report.id, report.outcome.verdict), (6, Verdict::Verified));

        let keys = KeysRequest { id: 7, generate: "ed25519".into(), ..KeysRequest::default() };
        let got = KeysReport::from_json(&answer_json(&keys.to_json()).unwrap()).unwrap();
        let labels: Vec<&str> = got.formats.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Private key (PKCS#8 PEM)",
                "Public key (SPKI PEM)",
                "Private JWK",
                "Public JWK",
                "JWKS (kid = thumbprint)"
            ]
        );
        assert_eq!((got.id, got.alg.as_str(), got.error), (7, "EdDSA", None));
        let secret = KeysReport::from_json(
            &answer_json(&KeysRequest { generate: "hmac-256".into(), ..keys }.to_json()).unwrap(),
        )
        .unwrap();
        assert_eq!(secret.formats[0].0, "Secret (base64url)");
        let enc = EncryptRequest {
            id: 8,
            plaintext: "hello".into(),
            alg: "dir".into(),
            enc: "A128GCM".into(),
            key: "0123456789abcdef".into(),
            ..EncryptRequest::default()
        };
        let sealed = EncryptReport::from_json(&answer_json(&enc.to_json()).unwrap()).unwrap();
        let jwe = sealed.token.unwrap();
        let req = Request { id: 9, token: jwe, key: enc.key.clone(), ..Request::default() };
        let report = Report::from_json(&answer_json(&req.to_json()).unwrap()).unwrap();
        assert_eq!((report.outcome.verdict, report.plaintext.as_deref()), (Verdict::Decrypted, Some(&b"hello"[..])));
        assert_eq!(answer_json("{\"kind\":\"other\"}"), None);
        assert_eq!(answer_json("not json"), None);
    }
}
