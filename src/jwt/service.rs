//! The verifier worker's one entry point: a [`Question`] from the page in (verify, sign,
//! encrypt, keys, walk, inspect, sd-issue, present, gallery), its [`Answer`] out. Component tests call it in the page's
//! own thread; the worker calls it for real (and answers `bench` questions itself).

use super::jwk::Material;
use super::jwk::keygen;
use super::protocol::{
    Answer, EncryptReport, EncryptRequest, Gallery, InspectRequest, Inspection, KeysReport, KeysRequest, PresentReport,
    PresentRequest, Question, Refused, Report, Request, SdDisclosure, SdIssueReport, SdIssueRequest,
};
use super::sd::SdAlg;
use super::sd_issue::{self, IssueError, IssueRequest, KbRequest};
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
        Question::SdIssue(r) => Answer::SdIssue(sd_issue_answer(r)),
        Question::Present(r) => Answer::Present(present_answer(r)),
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
    let sd = i.sd.map(|mut sd| {
        let max = super::limits::MAX_LISTED;
        sd.unlisted_disclosures += sd.disclosures.len().saturating_sub(max);
        sd.unlisted_problems += sd.problems.len().saturating_sub(max);
        sd.disclosures.truncate(max);
        sd.problems.truncate(max);
        sd
    });
    Inspection { id: req.id, profile: i.profile, checks: i.checks, sd, binding: i.binding }
}

/// Issues an SD-JWT ([`sd_issue::issue`]), and says how the decoder verifies its issuer's
/// signature.
pub fn sd_issue_answer(req: &SdIssueRequest) -> SdIssueReport {
    let mut report = SdIssueReport {
        id: req.id,
        token: Err(Refused(String::new())),
        disclosures: Vec::new(),
        verify_key: None,
        verify_encoding: req.encoding,
    };
    let Some(sd_alg) = SdAlg::parse(&req.sd_alg) else {
        report.token = Err(Refused(IssueError::SdAlgUnsupported { name: req.sd_alg.clone() }.to_string()));
        return report;
    };
    let issued = sd_issue::issue(&IssueRequest {
        header: &req.header,
        payload: &req.payload,
        disclose: &req.disclose,
        decoys: req.decoys,
        sd_alg,
        holder_key: req.holder_key.as_deref().filter(|k| !k.trim().is_empty()),
        key: &req.key,
        encoding: req.encoding,
        alg: &req.alg,
    });
    match issued {
        Ok(issued) => {
            // What the decoder needs to verify the issuer's signature: the public half, or
            // the secret (as a sign answer gives it).
            report.verify_key = sign::signing_key(&req.key, req.encoding).ok().map(|key| match &key.material {
                Material::Secret(_) => req.key.clone(),
                Material::Public(p) => p.jwk(),
                Material::Private(p) => p.public().jwk(),
            });
            report.disclosures = issued
                .disclosures
                .into_iter()
                .map(|d| SdDisclosure {
                    pointer: d.pointer,
                    name: d.name,
                    encoded: d.encoded,
                    digest: d.digest,
                    parent: d.parent,
                })
                .collect();
            report.token = Ok(issued.sd_jwt);
        }
        Err(e) => report.token = Err(Refused(e.to_string())),
    }
    report
}

/// Makes a presentation of an SD-JWT ([`sd_issue::present`]): the disclosures kept, and a
/// KB-JWT when asked.
pub fn present_answer(req: &PresentRequest) -> PresentReport {
    let kb =
        req.kb.as_ref().map(|kb| KbRequest { key: &kb.key, alg: &kb.alg, aud: &kb.aud, nonce: &kb.nonce, iat: kb.iat });
    match sd_issue::present(&req.sd_jwt, &req.keep, kb.as_ref()) {
        Ok(p) => PresentReport {
            id: req.id,
            token: Ok(p.text),
            kept: p.kept,
            parents_added: p.parents_added,
            sd_hash: p.sd_hash,
        },
        Err(e) => PresentReport {
            id: req.id,
            token: Err(Refused(e.to_string())),
            kept: Vec::new(),
            parents_added: Vec::new(),
            sd_hash: None,
        },
    }
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

    /// An SD-JWT with more disclosures than an answer lists: the first ones are listed, the
    /// rest counted, and all of them are in the disclosed payload.
    #[test]
    fn an_inspection_lists_the_first_disclosures_and_counts_the_rest() {
        use sha2::Digest;
        let b64 = |b: &[u8]| crate::jwt::base64url::encode(b);
        let n = crate::jwt::limits::MAX_LISTED + 500;
        let disclosures: Vec<String> = (0..n).map(|i| b64(format!(r#"["s{i}","c{i}",{i}]"#).as_bytes())).collect();
        let digests: Vec<String> =
            disclosures.iter().map(|d| format!("\"{}\"", b64(&sha2::Sha256::digest(d.as_bytes())))).collect();
        let payload = format!(r#"{{"_sd":[{}]}}"#, digests.join(","));
        let token =
            format!("{}.{}.c2ln~{}~", b64(br#"{"alg":"ES256"}"#), b64(payload.as_bytes()), disclosures.join("~"));
        let i = inspect(&InspectRequest { id: 1, token, companion: String::new(), now: 0 });
        let sd = i.sd.expect("an SD-JWT");
        assert_eq!((sd.disclosures.len(), sd.unlisted_disclosures), (crate::jwt::limits::MAX_LISTED, 500));
        assert_eq!((sd.problems.len(), sd.unlisted_problems), (0, 0));
        let shown = sd.payload.expect("a disclosed payload");
        assert!(shown.contains(&format!(r#""c{}":{}"#, n - 1, n - 1)), "{}", &shown[shown.len() - 60..]);
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

    /// The Encoder's SD-JWT round: issue (nested disclosures, decoys, `cnf`), present two
    /// disclosures with a KB-JWT, then inspect the presentation as the decoder does: the
    /// binding verifies and every kept disclosure is matched; the issuer's key verifies it.
    #[test]
    fn issues_presents_and_the_inspection_verifies_the_binding() {
        use crate::jwt::profile::{BindingKind, Profile};
        use crate::jwt::protocol::{KbJwtRequest, PresentRequest, SdIssueRequest};
        use crate::jwt::sd::DisclosureStatus;

        let issuer = keygen::generate("p-256").expect("an issuer key");
        let holder = keygen::generate("ed25519").expect("a holder key");
        let issue = SdIssueRequest {
            id: 21,
            header: "{\"alg\":\"ES256\",\"typ\":\"dc+sd-jwt\"}".into(),
            payload: r#"{"iss":"https://issuer.example","vct":"urn:x","given_name":"Ada","nationalities":["DE","FR"],"address":{"street":"Main 1","city":"Berlin"}}"#.into(),
            disclose: vec!["/given_name".into(), "/nationalities/1".into(), "/address".into(), "/address/city".into()],
            decoys: 3,
            sd_alg: "sha-256".into(),
            holder_key: holder.public_jwk.clone(),
            alg: "ES256".into(),
            key: issuer.private_pem.clone().expect("a PEM"),
            ..SdIssueRequest::default()
        };
        let Answer::SdIssue(issued) = ask(issue.to_json()) else { panic!("not issued") };
        let sd_jwt = issued.token.clone().expect("an SD-JWT");
        assert_eq!(issued.id, 21);
        assert!(sd_jwt.ends_with('~'));
        assert_eq!(issued.disclosures.len(), 4);
        let at = |pointer: &str| issued.disclosures.iter().position(|d| d.pointer == pointer).expect(pointer);
        let (city, address, fr) = (at("/address/city"), at("/address"), at("/nationalities/1"));
        assert_eq!(issued.disclosures[city].parent, Some(address));
        assert_eq!(
            (issued.disclosures[fr].name.as_deref(), issued.disclosures[city].name.as_deref()),
            (None, Some("city"))
        );
        assert!(issued.disclosures.iter().all(|d| sd_jwt.contains(&format!("~{}~", d.encoded))));

        // The issuer's signature verifies with the key the answer gives the decoder.
        let verify_key = issued.verify_key.clone().expect("a verify key");
        assert!(verify_key.contains("\"kty\":\"EC\"") && !verify_key.contains("\"d\""), "{verify_key}");
        let req = Request {
            id: 22,
            token: sd_jwt.clone(),
            key: verify_key,
            encoding: issued.verify_encoding,
            ..Request::default()
        };
        let Answer::Verify(report) = ask(req.to_json()) else { panic!("not a report") };
        assert_eq!(report.outcome.verdict, Verdict::Verified, "{}", report.outcome.message);

        let iat = 1_700_000_000;
        let present = PresentRequest {
            id: 23,
            sd_jwt: sd_jwt.clone(),
            keep: vec![city, fr],
            kb: Some(KbJwtRequest {
                key: holder.private_pem.clone().expect("a PEM"),
                alg: "EdDSA".into(),
                aud: "https://verifier.example".into(),
                nonce: "n-0S6_WzA2Mj".into(),
                iat,
            }),
        };
        let Answer::Present(presented) = ask(present.to_json()) else { panic!("not presented") };
        let text = presented.token.clone().expect("a presentation");
        let mut kept = vec![city, fr, address];
        kept.sort();
        assert_eq!((presented.id, &presented.kept, &presented.parents_added), (23, &kept, &vec![address]));
        assert!(presented.sd_hash.is_some());
        assert!(!text.contains(&issued.disclosures[at("/given_name")].encoded));

        let i = crate::jwt::profile::inspect(&text, "", iat + 10, verify::verify);
        assert_eq!(i.profile, Profile::SdJwtVc);
        let binding = i.binding.expect("a binding verdict");
        assert_eq!(binding.kind, BindingKind::KeyBinding);
        assert_eq!(binding.outcome.verdict, Verdict::Verified, "{}", binding.outcome.message);
        let sd = i.sd.expect("disclosures");
        assert_eq!(sd.disclosures.len(), 3);
        assert!(sd.disclosures.iter().all(|d| d.status == Some(DisclosureStatus::Matched)), "{sd:?}");
        // To the verifier the withheld given_name is one more digest like the three decoys.
        assert_eq!(sd.decoys, 4);
        let payload = sd.payload.expect("the disclosed payload");
        assert!(payload.contains("Berlin") && payload.contains("FR") && !payload.contains("Ada"), "{payload}");

        // Refusals are worded from the typed error.
        let Answer::SdIssue(bad) = ask(SdIssueRequest { sd_alg: "md5".into(), ..issue.clone() }.to_json()) else {
            panic!("not answered")
        };
        assert_eq!(
            bad.token,
            Err(Refused(
                "\"md5\" is not an _sd_alg this page hashes with: sha-256, sha-384 or sha-512 (RFC 9901 §4.1.1)."
                    .into()
            ))
        );
        assert_eq!((bad.disclosures.len(), bad.verify_key), (0, None));
        let Answer::SdIssue(bad) = ask(SdIssueRequest { disclose: vec!["/nope".into()], ..issue.clone() }.to_json())
        else {
            panic!("not answered")
        };
        assert_eq!(
            bad.token,
            Err(Refused("/nope names no claim or array element of the payload (RFC 6901 §4).".into()))
        );
        let Answer::Present(bad) = ask(PresentRequest { keep: vec![9], ..present.clone() }.to_json()) else {
            panic!("not answered")
        };
        assert_eq!(bad.token, Err(Refused("There is no disclosure 10: this SD-JWT has 4.".into())));
        assert!(bad.kept.is_empty());

        // A blank holder key binds no key: no cnf.
        let Answer::SdIssue(unbound) =
            ask(SdIssueRequest { holder_key: Some(" \n".into()), ..issue.clone() }.to_json())
        else {
            panic!("not answered")
        };
        let unbound = unbound.token.expect("issued");
        let payload = unbound.split(['.', '~']).nth(1).and_then(|p| crate::jwt::base64url::decode_strict(p).ok());
        assert!(!String::from_utf8(payload.expect("a payload")).expect("UTF-8").contains("\"cnf\""));

        // A presentation without a KB-JWT, and the keys wiped once asked.
        let Answer::Present(plain) = ask(PresentRequest { kb: None, ..present.clone() }.to_json()) else {
            panic!("not presented")
        };
        assert!(plain.token.expect("a presentation").ends_with('~'));
        assert_eq!(plain.sd_hash, None);
        let mut q = Question::SdIssue(issue);
        q.zeroize();
        let Question::SdIssue(wiped) = q else { unreachable!() };
        assert_eq!((wiped.key.as_str(), wiped.holder_key.as_deref()), ("", Some("")));
        let mut q = Question::Present(present);
        q.zeroize();
        let Question::Present(wiped) = q else { unreachable!() };
        assert_eq!(wiped.kb.map(|kb| kb.key), Some(String::new()));
    }
}
