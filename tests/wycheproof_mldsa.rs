//! Project Wycheproof's ML-DSA vectors (tests/data/wycheproof, Apache-2.0), every case.
//!
//! `mldsa_{44,65,87}_verify_test.json`: each group's public key read by the page's own key
//! reader from its SubjectPublicKeyInfo (as PEM) and, cross-checked, as an AKP JWK; each
//! case with an empty context through `verify::verify_signature`, the check the page runs
//! once it has chosen a key (JOSE signs with the empty context, RFC 9964 §4). A case with a
//! non-empty context cannot be a JOSE signature: it goes through the same key's context API
//! at the primitive level (`MlDsaPublicKey::verify`), and the JOSE check must refuse it.
//!
//! `mldsa_{44,65,87}_sign_seed_test.json`: keys from seeds (and from their PKCS#8, read by
//! the page's PEM reader) must give the stated public key; every deterministic signature
//! over a message with the empty context is reproduced byte for byte by the signer JOSE
//! uses. The cases JOSE cannot express (a non-empty context, a given `rnd`, or μ alone:
//! FIPS 204's internal interface) are reproduced with the `ml-dsa` crate's own functions,
//! and each signature that is valid also verifies here.

mod common;
use common::{hex, items, text, wycheproof};

use jwt_lens::jwt::alg::JwsAlg;
use jwt_lens::jwt::base64url;
use jwt_lens::jwt::json::Node;
use jwt_lens::jwt::jwk::mldsa::{MlDsaPrivateKey, Randomness};
use jwt_lens::jwt::jwk::{self, Key, KeyText, Material, PrivateKey, PublicKey};
use jwt_lens::jwt::jws::verify;
use jwt_lens::jwt::verdict::SecretEncoding;

const LEVELS: [(&str, JwsAlg); 3] = [("44", JwsAlg::MlDsa44), ("65", JwsAlg::MlDsa65), ("87", JwsAlg::MlDsa87)];

fn pem(label: &str, der: &[u8]) -> String {
    der::pem::encode_string(label, der::pem::LineEnding::LF, der).expect("PEM")
}

fn flags(case: &Node) -> Vec<&str> {
    items(case.get("flags").expect("flags")).iter().filter_map(Node::as_str).collect()
}

#[derive(Default, Debug)]
struct VerifyTally {
    valid: usize,
    invalid: usize,
    /// Invalid because the group's public key is refused by the key reader.
    key_refused: usize,
    /// Cases with a non-empty context, checked at the primitive level.
    with_context: usize,
}

#[test]
fn verify_every_case() {
    for (level, alg) in LEVELS {
        let file = format!("mldsa_{level}_verify_test.json");
        let (_, doc) = wycheproof(&file);
        let mut t = VerifyTally::default();
        let mut wrong = Vec::new();
        for group in items(doc.root.get("testGroups").expect("testGroups")) {
            let spki = jwk::parse(&pem("PUBLIC KEY", &hex(text(group, "publicKeyDer"))), SecretEncoding::Utf8);
            let akp = format!(
                r#"{{"kty":"AKP","alg":"{alg}","pub":"{}"}}"#,
                base64url::encode(&hex(text(group, "publicKey")))
            );
            let from_jwk = jwk::parse(&akp, SecretEncoding::Utf8);
            let key: Option<Key> = match (spki, from_jwk) {
                (Ok(mut s), Ok(j)) => {
                    // One key, one thumbprint, whichever way it was pasted.
                    assert_eq!(s.keys[0].thumbprint, j.keys[0].thumbprint, "{file}");
                    Some(s.keys.remove(0))
                }
                (Err(a), Err(b)) => {
                    assert_eq!(a.to_string(), b.to_string(), "{file}");
                    None
                }
                (a, b) => panic!("{file}: SPKI and AKP JWK disagree: {a:?} / {b:?}"),
            };
            for case in items(group.get("tests").expect("tests")) {
                let id = text(case, "tcId");
                let (msg, sig, ctx) = (hex(text(case, "msg")), hex(text(case, "sig")), hex(text(case, "ctx")));
                let expected = text(case, "result");
                let ok = match &key {
                    None => {
                        t.key_refused += 1;
                        false
                    }
                    Some(key) if ctx.is_empty() => verify::verify_signature(alg, key, &msg, &sig).is_ok(),
                    Some(key) => {
                        t.with_context += 1;
                        let Material::Public(PublicKey::MlDsa(k)) = &key.material else { panic!("{file}") };
                        // Never a JOSE signature: JOSE's context is empty.
                        if verify::verify_signature(alg, key, &msg, &sig).is_ok() {
                            wrong.push(format!("{file} tcId {id}: verifies with the empty context"));
                        }
                        k.verify(&msg, &ctx, &sig).is_ok()
                    }
                };
                match expected {
                    "valid" if ok => t.valid += 1,
                    "invalid" if !ok => t.invalid += 1,
                    r => {
                        wrong.push(format!("{file} tcId {id} ({}): expected {r}, verified {ok}", text(case, "comment")))
                    }
                }
            }
        }
        assert!(wrong.is_empty(), "{} wrong:\n{}", wrong.len(), wrong.join("\n"));
        let total = doc.root.get("numberOfTests").and_then(Node::as_f64).unwrap_or_default() as usize;
        assert_eq!(t.valid + t.invalid, total, "{file}: every case run");
        println!("{file}: {t:?}");
    }
}

#[derive(Default, Debug)]
struct SignTally {
    keys: usize,
    keys_refused: usize,
    /// Reproduced by the JOSE signer (deterministic, empty context).
    jose: usize,
    /// Reproduced with the crate's context, `rnd` or μ interfaces.
    primitive: usize,
    invalid_refused: usize,
}

#[test]
fn sign_seed_every_case() {
    for (level, alg) in LEVELS {
        let file = format!("mldsa_{level}_sign_seed_test.json");
        let (_, doc) = wycheproof(&file);
        let mut t = SignTally::default();
        let mut wrong = Vec::new();
        for group in items(doc.root.get("testGroups").expect("testGroups")) {
            let seed = hex(text(group, "privateSeed"));
            let Ok(key) = MlDsaPrivateKey::from_seed(alg, &seed) else {
                // A seed that is not 32 bytes: every case of the group must be invalid.
                t.keys_refused += 1;
                for case in items(group.get("tests").expect("tests")) {
                    assert_eq!(text(case, "result"), "invalid", "{file} tcId {}", text(case, "tcId"));
                    assert!(flags(case).contains(&"IncorrectPrivateKeyLength"), "{file}");
                    t.invalid_refused += 1;
                }
                continue;
            };
            t.keys += 1;
            assert_eq!(key.public().to_bytes(), hex(text(group, "publicKey")), "{file}: the seed's public key");
            if group.get("privateKeyPkcs8").is_some() {
                let text = pem("PRIVATE KEY", &hex(text(group, "privateKeyPkcs8")));
                let Ok(KeyText::Keys(keys)) = jwk::read(&text, SecretEncoding::Utf8) else { panic!("{file}: PKCS#8") };
                let Material::Private(PrivateKey::MlDsa(k)) = &keys[0].material else { panic!("{file}") };
                assert_eq!(k.seed(), key.seed(), "{file}: PKCS#8 seed");
            }
            let public =
                jwk::parse(&PublicKey::MlDsa(key.public()).jwk(), SecretEncoding::Utf8).unwrap().keys.remove(0);
            for case in items(group.get("tests").expect("tests")) {
                let id = text(case, "tcId");
                let f = flags(case);
                let (ctx, want) = (hex(text(case, "ctx")), hex(text(case, "sig")));
                let rnd = case.get("rnd").map(|_| hex(text(case, "rnd")));
                let made: Option<Vec<u8>> = match (case.get("msg"), rnd) {
                    (Some(_), None) if ctx.is_empty() => {
                        let msg = hex(text(case, "msg"));
                        let sig = key.sign(&msg, Randomness::Deterministic);
                        if let Some(s) = &sig {
                            assert!(verify::verify_signature(alg, &public, &msg, s).is_ok(), "{file} {id}");
                            t.jose += 1;
                        }
                        sig
                    }
                    (msg, rnd) => {
                        t.primitive += 1;
                        primitive(alg, &seed, msg.map(|_| hex(text(case, "msg"))), &ctx, rnd, &hex(text(case, "mu")))
                    }
                };
                match (text(case, "result"), made) {
                    ("valid", Some(sig)) if sig == want => {}
                    ("invalid", None) => t.invalid_refused += 1,
                    (r, made) => wrong.push(format!(
                        "{file} tcId {id} ({} {f:?}): expected {r}, made {:?}",
                        text(case, "comment"),
                        made.map(|s| s == want)
                    )),
                }
            }
        }
        assert!(wrong.is_empty(), "{} wrong:\n{}", wrong.len(), wrong.join("\n"));
        println!("{file}: {t:?}");
    }
}

/// A signature through the `ml-dsa` crate's interfaces that JOSE does not use: a context
/// string, a given `rnd` (FIPS 204 Algorithm 7 with M′ = 0 ‖ |ctx| ‖ ctx ‖ M), or μ alone.
fn primitive(
    alg: JwsAlg,
    seed: &[u8],
    msg: Option<Vec<u8>>,
    ctx: &[u8],
    rnd: Option<Vec<u8>>,
    mu: &[u8],
) -> Option<Vec<u8>> {
    use ml_dsa::{MlDsa44, MlDsa65, MlDsa87, MlDsaParams, SignatureEncoding as _, SigningKey};
    fn run<P: MlDsaParams>(
        seed: &[u8],
        msg: Option<Vec<u8>>,
        ctx: &[u8],
        rnd: Option<Vec<u8>>,
        mu: &[u8],
    ) -> Option<Vec<u8>> {
        let seed: [u8; 32] = seed.try_into().ok()?;
        let key = SigningKey::<P>::from_seed(&seed.into());
        let sk = key.expanded_key();
        match (msg, rnd) {
            (Some(m), None) => sk.sign_deterministic(&m, ctx).ok().map(|s| s.to_vec()),
            (Some(m), Some(rnd)) => {
                let rnd: [u8; 32] = rnd.try_into().ok()?;
                let len = u8::try_from(ctx.len()).ok()?;
                Some(sk.sign_internal(&[&[0, len], ctx, &m], &rnd.into()).to_vec())
            }
            (None, _) => {
                let mu: [u8; 64] = mu.try_into().ok()?;
                Some(sk.sign_mu_deterministic(&mu.into()).to_vec())
            }
        }
    }
    match alg {
        JwsAlg::MlDsa44 => run::<MlDsa44>(seed, msg, ctx, rnd, mu),
        JwsAlg::MlDsa65 => run::<MlDsa65>(seed, msg, ctx, rnd, mu),
        _ => run::<MlDsa87>(seed, msg, ctx, rnd, mu),
    }
}
