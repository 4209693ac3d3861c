//! The verifier worker's one entry point: a [`Question`] from the page in (verify, sign,
//! encrypt, keys, walk, gallery), its [`Answer`] out. Component tests call it in the page's
//! own thread; the worker calls it for real (and answers `bench` questions itself).

use super::jwk::keygen;
use super::protocol::{
    Answer, EncryptReport, EncryptRequest, Gallery, InspectRequest, Inspection, KeysReport, KeysRequest, Question,
    Refused, Report, Request,
};
use super::teach::gallery;
use super::{jws::sign, jws::verify};

/// Answers one question; `None` for the benchmark's, which only the worker answers.
pub fn answer(question: &Question) -> Option<Answer> {
    Some(match question {
        Question::Verify(r) => Answer::Verify(self::verify(r)),
        Question::Sign(r) => Answer::Sign(sign::answer(r)),
        Question::Keys(r) => Answer::Keys(keys_answer(r)),
        Question::Encrypt(r) => Answer::Encrypt(encrypt_answer(r)),
        Question::Walk(r) => Answer::Walk(super::jws::walkthrough::walk(r)),
        Question::Inspect(r) => Answer::Inspect(inspect(r)),
        Question::Gallery { id } => Answer::Gallery(Gallery {
            id: *id,
            note: gallery::note(gallery::GALLERY_JSON),
            examples: gallery::parse(gallery::GALLERY_JSON).unwrap_or_default(),
        }),
        #[cfg(feature = "bench")]
        Question::Bench(_) => return None,
    })
}

/// Answers a verify question: a JWE is decrypted ([`super::jwe::answer`]), any other token
/// verified ([`verify::answer_prepared`]). The component tests and the core's own tests
/// call this; the worker calls [`verify_prepared`] with its WebCrypto offloader.
pub fn verify(req: &Request) -> Report {
    verify_prepared(req, &verify::prepare(req), &mut |_| None)
}

/// [`verify`] with what [`verify::prepare`] read, the final signature checks offered to
/// `offload` first.
pub fn verify_prepared(req: &Request, p: &verify::Prepared, offload: verify::Offloader<'_>) -> Report {
    match p.jwe() {
        Some(d) => super::jwe::answer(req, d),
        None => verify::answer_prepared(req, p, offload),
    }
}

/// Answers an inspect question: the token's profile, checks, disclosures and binding verdict.
pub fn inspect(req: &InspectRequest) -> Inspection {
    let i = super::profile::inspect(&req.token, &req.companion, req.now, verify::verify);
    Inspection { id: req.id, profile: i.profile, checks: i.checks, sd: i.sd, binding: i.binding }
}

/// Answers one question's JSON text with the answer's; `None` for text that is no question
/// it answers. The question read from the text is zeroized once answered.
pub fn answer_json(text: &str) -> Option<String> {
    let mut question = Question::from_json(text)?;
    let answer = answer(&question);
    question.zeroize();
    Some(answer?.to_json())
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
    .map_err(|e| Refused(format!("Cannot encrypt: {e}.")));
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
    use crate::jwt::protocol::{Report, Request, SignReport, SignRequest};
    use crate::jwt::verdict::Verdict;

    /// The answer to a question's text, read back.
    fn ask(question: String) -> Answer {
        Answer::from_json(&answer_json(&question).expect("an answer")).expect("a readable answer")
    }

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
        let Answer::Sign(SignReport { id: 5, token: Ok(token), .. }) = ask(sign.to_json()) else {
            panic!("not signed")
        };
        let req = Request { id: 6, token, key: sign.key.clone(), ..Request::default() };
        let Answer::Verify(report) = ask(req.to_json()) else { panic!("not a report") };
        assert_eq!((report.id, report.outcome.verdict), (6, Verdict::Verified));

        let keys = KeysRequest { id: 7, generate: "ed25519".into(), ..KeysRequest::default() };
        let Answer::Keys(got) = ask(keys.to_json()) else { panic!("not keys") };
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
        let Answer::Keys(secret) = ask(KeysRequest { generate: "hmac-256".into(), ..keys }.to_json()) else {
            panic!("not keys")
        };
        assert_eq!(secret.formats[0].0, "Secret (base64url)");
        let enc = EncryptRequest {
            id: 8,
            plaintext: "hello".into(),
            alg: "dir".into(),
            enc: "A128GCM".into(),
            key: "0123456789abcdef".into(),
            ..EncryptRequest::default()
        };
        let Answer::Encrypt(EncryptReport { id: 8, token: Ok(jwe) }) = ask(enc.to_json()) else {
            panic!("not encrypted")
        };
        let req = Request { id: 9, token: jwe, key: enc.key.clone(), ..Request::default() };
        let Answer::Verify(report @ Report { id: 9, .. }) = ask(req.to_json()) else { panic!("not a report") };
        assert_eq!((report.outcome.verdict, report.plaintext.as_deref()), (Verdict::Decrypted, Some(&b"hello"[..])));
        assert_eq!(answer_json("{\"kind\":\"other\"}"), None);
        assert_eq!(answer_json("not json"), None);
        // The benchmark's question is answered by the worker built with `bench` only.
        assert_eq!(answer_json("{\"kind\":\"bench\",\"id\":1,\"op\":\"decode\"}"), None);
    }
}
