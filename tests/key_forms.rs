//! A public key is never a secret, whatever its form (issue 13, item 1).
//!
//! Fresh keys of every type each run (the openssl tool for RSA and certificates, the
//! core's own generator for the curves and ML-DSA), written in every form people paste them: PEM
//! plain, after a byte-order mark, after explanatory text, in quotes, as a JSON string,
//! with `\n` escapes, CRLF, indentation, on one line; bare base64, base64url and hex DER,
//! with and without line breaks; JWK, JWKS, either inside other text; an `x5c` array.
//! For each, every byte string the page could derive from the text (the text, trimmed,
//! decoded as base64 or hex, the DER, the unwrapped PEM, its base64 body) is used as an
//! HMAC key by an attacker, and the forged HS256 token must not verify in any secret
//! encoding; nor may any reader of key text (verify, sign, decrypt) take the text as a
//! secret or password.

mod common;

use base64::Engine as _;
use common::openssl;
use hmac::{Hmac, KeyInit as _, Mac as _};
use jwt_lens::jwt::jwk::{self, KeyErrorKind, Material, SecretEncoding};
use jwt_lens::jwt::jws::sign::{self, Signer};
use jwt_lens::jwt::jws::verify::{self, Verdict};
use jwt_lens::jwt::{decode, jwe, jwk::keygen, jwk::pasted};
use proptest::prelude::*;
use sha2::Sha256;

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).expect("PEM is text")
}

/// The base64 body of a PEM block (its lines, joined).
fn pem_body(pem: &str) -> String {
    pem.lines().filter(|l| !l.starts_with("-----") && !l.contains(':')).collect::<Vec<_>>().concat()
}

fn der_of(pem: &str) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD.decode(pem_body(pem)).expect("PEM body")
}

/// Fresh PEM texts of every kind of key and certificate.
fn fresh_pems() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (name, args) in [
        ("RSA", vec!["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"]),
        ("P-256", vec!["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]),
        ("Ed25519", vec!["genpkey", "-algorithm", "Ed25519"]),
        ("Ed448", vec!["genpkey", "-algorithm", "Ed448"]),
    ] {
        let private = text(openssl(&args, b""));
        let public = text(openssl(&["pkey", "-pubout"], private.as_bytes()));
        let cert = text(openssl(
            &["req", "-x509", "-new", "-key", "/dev/stdin", "-subj", "/CN=key forms test", "-days", "2"],
            private.as_bytes(),
        ));
        if name == "Ed448" {
            // A certificate of over 16 KiB of DER (many names), as big as an ML-DSA-87
            // certificate with extensions: its hex and base64 forms are long runs too.
            let names: Vec<String> = (0..500).map(|i| format!("DNS:host-{i:04}.a-long-subdomain.example")).collect();
            let san = format!("subjectAltName={}", names.join(","));
            out.push((
                "Ed448 certificate of over 16 KiB".into(),
                text(openssl(
                    &["req", "-x509", "-new", "-key", "/dev/stdin", "-subj", "/CN=big", "-days", "2", "-addext", &san],
                    private.as_bytes(),
                )),
            ));
        }
        out.push((format!("{name} SPKI"), public));
        out.push((format!("{name} PKCS#8"), private.clone()));
        out.push((format!("{name} certificate"), cert));
        if name == "RSA" {
            out.push((
                "RSA PKCS#1 public".into(),
                text(openssl(
                    &["rsa", "-pubin", "-RSAPublicKey_out"],
                    openssl(&["pkey", "-pubout"], private.as_bytes()).as_slice(),
                )),
            ));
            out.push(("RSA PKCS#1 private".into(), text(openssl(&["rsa", "-traditional"], private.as_bytes()))));
        }
        if name == "P-256" {
            out.push(("P-256 SEC1".into(), text(openssl(&["ec"], private.as_bytes()))));
        }
    }
    // ML-DSA (FIPS 204): SPKI and PKCS#8 with the RFC 9881 identifiers, kilobytes of key.
    for kind in ["p-384", "p-521", "secp256k1", "ed25519", "ed448", "ml-dsa-44", "ml-dsa-65", "ml-dsa-87"] {
        let b = keygen::generate(kind).expect("key generation");
        out.push((format!("{kind} SPKI (core)"), b.public_pem.expect("public PEM")));
        out.push((format!("{kind} PKCS#8 (core)"), b.private_pem.expect("private PEM")));
    }
    out
}

/// Every form of one PEM text that people paste.
fn forms(pem: &str) -> Vec<(&'static str, String)> {
    let body = pem_body(pem);
    let der = der_of(pem);
    let url = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&der);
    let hex: String = der.iter().map(|b| format!("{b:02x}")).collect();
    let escaped = pem.trim_end().replace('\n', "\\n");
    let wrapped: String = body.as_bytes().chunks(64).map(|c| format!("{}\n", String::from_utf8_lossy(c))).collect();
    vec![
        ("PEM", pem.to_string()),
        ("PEM after a BOM", format!("\u{FEFF}{pem}")),
        ("PEM after explanatory text", format!("Subject: CN=example\nIssuer: CN=example\n{pem}")),
        ("PEM in quotes", format!("\"{pem}\"")),
        ("PEM as a JSON string", format!("\"{escaped}\"")),
        ("PEM with \\n escapes", escaped.clone()),
        ("PEM with CRLF", pem.replace('\n', "\r\n")),
        ("PEM indented", pem.lines().map(|l| format!("        {l}\n")).collect()),
        ("PEM on one line", pem.trim_end().replace('\n', " ")),
        ("PEM in a config line", format!("PUBLIC_KEY=\"{escaped}\"")),
        ("bare base64 DER", body.clone()),
        ("bare base64 DER, wrapped", wrapped),
        ("bare base64url DER", url.clone()),
        ("base64 DER in text", format!("The key: {body} (from the console)")),
        ("base64url DER ending text", format!("The key: {url}")),
        ("base64 DER in an x5c array", format!("[\"{body}\"]")),
        ("hex DER", hex.clone()),
        ("hex DER with 0x", format!("0x{hex}")),
    ]
}

/// JWK forms of a key, from the core's converter.
fn jwk_forms(pem: &str) -> Vec<(&'static str, String)> {
    let Ok(b) = keygen::convert(pem, SecretEncoding::Utf8) else { return Vec::new() };
    let mut out = Vec::new();
    if let Some(j) = b.public_jwk {
        out.push(("JWK inside text", format!("const key = {j};")));
        out.push(("JWK", j));
    }
    if let Some(j) = b.private_jwk {
        out.push(("private JWK", j));
    }
    if let Some(j) = b.jwks {
        out.push(("JWKS inside text", format!("GET /jwks.json → {j}")));
        out.push(("JWKS", j));
    }
    out
}

/// Every byte string the page could derive from key text.
fn derived(text: &str, der: &[u8]) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = vec![text.as_bytes().to_vec(), text.trim().as_bytes().to_vec(), der.to_vec()];
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for engine in [
        base64::engine::general_purpose::STANDARD,
        base64::engine::general_purpose::STANDARD_NO_PAD,
        base64::engine::general_purpose::URL_SAFE,
        base64::engine::general_purpose::URL_SAFE_NO_PAD,
    ] {
        if let Ok(b) = engine.decode(&compact) {
            out.push(b);
        }
    }
    let digits = compact.trim_start_matches("0x");
    if digits.len().is_multiple_of(2) && digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        out.push((0..digits.len()).step_by(2).map(|i| u8::from_str_radix(&digits[i..i + 2], 16).unwrap()).collect());
    }
    let unwrapped = pasted::unwrap(text);
    out.push(unwrapped.text.as_bytes().to_vec());
    out.push(pem_body(&unwrapped.text).into_bytes());
    out.sort();
    out.dedup();
    out.retain(|b| !b.is_empty());
    out
}

fn hs256(secret: &[u8]) -> String {
    let b64 = |b: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b);
    let input = format!("{}.{}", b64(br#"{"alg":"HS256","typ":"JWT"}"#), b64(br#"{"sub":"admin"}"#));
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("any length");
    mac.update(input.as_bytes());
    format!("{input}.{}", b64(&mac.finalize().into_bytes()))
}

/// No reader of key text takes `text` as a secret, and no HS256 token made from a byte
/// string derived from it verifies. Returns a description of each failure.
fn check(name: &str, text: &str, der: &[u8]) -> Vec<String> {
    let mut bad = Vec::new();
    for enc in SecretEncoding::ALL {
        match jwk::parse(text, enc) {
            Ok(set) if set.keys.iter().any(|k| matches!(k.material, Material::Secret(_))) => {
                bad.push(format!("{name} / {enc:?}: read as a secret"))
            }
            Ok(set) if set.keys.is_empty() => bad.push(format!("{name} / {enc:?}: read as nothing")),
            Ok(_) => {}
            Err(e) if e.kind() == KeyErrorKind::NotASecret || e.kind() == KeyErrorKind::Unreadable => {}
            Err(e) => bad.push(format!("{name} / {enc:?}: unexpected error {e:?}")),
        }
        if let Ok(Signer::Hmac(_)) = sign::parse_signer(text, enc) {
            bad.push(format!("{name} / {enc:?}: the encoder signs with it as an HMAC secret"));
        }
        if let Ok((keys, _)) = jwe::parse_keys(text, enc)
            && keys.iter().any(|k| matches!(k.material, Material::Secret(_)))
        {
            bad.push(format!("{name} / {enc:?}: a JWE secret or PBES2 password"));
        }
        let set = jwk::parse(text, enc);
        for bytes in derived(text, der) {
            let o = verify::verify(&decode(&hs256(&bytes)), &set);
            if o.verdict == Verdict::Verified {
                bad.push(format!(
                    "{name} / {enc:?}: an HS256 token forged with {} derived bytes verified",
                    bytes.len()
                ));
            } else if o.verdict != Verdict::Error || !o.warnings.iter().any(|w| w.code.as_str() == "alg-key-mismatch") {
                bad.push(format!(
                    "{name} / {enc:?}: {} with {:?}, not error with alg-key-mismatch: {}",
                    o.verdict.as_str(),
                    o.warnings.iter().map(|w| w.code.as_str()).collect::<Vec<_>>(),
                    o.message
                ));
            }
        }
    }
    bad
}

#[test]
fn no_form_of_any_key_is_ever_a_secret() {
    let mut bad = Vec::new();
    let mut checked = 0;
    for (kind, pem) in fresh_pems() {
        let der = der_of(&pem);
        for (form, text) in forms(&pem).into_iter().chain(jwk_forms(&pem)) {
            checked += 1;
            bad.extend(check(&format!("{kind}, {form}"), &text, &der));
        }
    }
    assert!(checked > 300, "only {checked} forms checked");
    assert!(bad.is_empty(), "{} failures:\n{}", bad.len(), bad.join("\n"));
}

#[test]
fn every_pem_form_is_read_as_the_key_and_says_how() {
    for (kind, pem) in fresh_pems() {
        let plain = jwk::parse(&pem, SecretEncoding::Utf8).expect("plain PEM");
        for (form, text) in forms(&pem) {
            let set = jwk::parse(&text, SecretEncoding::Utf8).unwrap_or_else(|e| panic!("{kind}, {form}: {e}"));
            assert_eq!(set.keys[0].thumbprint, plain.keys[0].thumbprint, "{kind}, {form}");
            let described = set.keys[0].describe();
            if form != "PEM" {
                assert!(described.contains("; pasted "), "{kind}, {form}: {described}");
            }
        }
    }
}

#[test]
fn empty_secrets_never_verify_and_weak_ones_warn_in_every_encoding() {
    let token = hs256(b"");
    for (text, enc) in [
        ("=", SecretEncoding::Base64),
        ("0x", SecretEncoding::Hex),
        (r#"{"kty":"oct","k":""}"#, SecretEncoding::Utf8),
        (r#"{"keys":[{"kty":"oct","k":""}]}"#, SecretEncoding::Utf8),
    ] {
        let o = verify::verify(&decode(&token), &jwk::parse(text, enc));
        assert_eq!(o.verdict, Verdict::Error, "{text:?} {enc:?}: {}", o.message);
        assert!(o.message.contains("empty") || o.message.contains("length zero"), "{text:?}: {}", o.message);
        assert!(!matches!(sign::parse_signer(text, enc), Ok(Signer::Hmac(_))), "{text:?} signs");
    }
    // "secret", typed in each encoding: weak whether read as text or decoded.
    for (text, enc) in [
        ("secret", SecretEncoding::Utf8),
        ("c2VjcmV0", SecretEncoding::Base64),
        ("736563726574", SecretEncoding::Hex),
        ("secret", SecretEncoding::Base64),
    ] {
        let set = jwk::parse(text, enc).expect("a secret");
        let Material::Secret(s) = &set.keys[0].material else { panic!("not a secret") };
        let o = verify::verify(&decode(&hs256(s.bytes())), &Ok(set.clone()));
        let codes: Vec<&str> = o.warnings.iter().map(|w| w.code.as_str()).collect();
        assert_eq!(o.verdict, Verdict::Verified, "{text:?} {enc:?}");
        assert!(codes.contains(&"weak-secret") && codes.contains(&"short-secret"), "{text:?} {enc:?}: {codes:?}");
    }
}

#[test]
fn a_pbes2_jwe_with_a_public_key_as_password_is_refused() {
    let (_, pem) = fresh_pems().into_iter().find(|(k, _)| k == "P-256 SPKI").expect("a P-256 key");
    // The attacker's JWE, made by Node's crypto (this page refuses to make it): the public
    // key's PEM text as the PBES2 password.
    let token = pbes2_jwe_by_node(&pem);
    for text in [pem.clone(), format!("\u{FEFF}{pem}"), pem_body(&pem)] {
        let d = jwe::decrypt(&token, &jwe::parse_keys(&text, SecretEncoding::Utf8));
        assert_eq!(d.outcome.verdict, Verdict::Error, "{}", d.outcome.message);
        assert!(d.plaintext.is_none());
        assert!(d.outcome.warnings.iter().any(|w| w.code.as_str() == "alg-key-mismatch"), "{:?}", d.outcome);
    }
}

/// A compact JWE (`PBES2-HS256+A128KW`, `A128GCM`, 1000 iterations) with `password`,
/// made by Node's crypto.
fn pbes2_jwe_by_node(password: &str) -> String {
    const SCRIPT: &str = r#"
const crypto = require('node:crypto');
const password = Buffer.from(process.env.PBES2_PASSWORD);
const b64 = (b) => Buffer.from(b).toString('base64url');
const alg = 'PBES2-HS256+A128KW', p2c = 1000, p2s = crypto.randomBytes(16);
const header = b64(JSON.stringify({ alg, enc: 'A128GCM', p2s: b64(p2s), p2c }));
const kek = crypto.pbkdf2Sync(password, Buffer.concat([Buffer.from(alg), Buffer.from([0]), p2s]), p2c, 16, 'sha256');
const cek = crypto.randomBytes(16);
const w = crypto.createCipheriv('id-aes128-wrap', kek, Buffer.from('A6A6A6A6A6A6A6A6', 'hex'));
const wrapped = Buffer.concat([w.update(cek), w.final()]);
const iv = crypto.randomBytes(12);
const c = crypto.createCipheriv('aes-128-gcm', cek, iv);
c.setAAD(Buffer.from(header));
const ct = Buffer.concat([c.update('{"sub":"admin"}'), c.final()]);
process.stdout.write([header, b64(wrapped), b64(iv), b64(ct), b64(c.getAuthTag())].join('.'));
"#;
    let out = std::process::Command::new("node")
        .args(["-e", SCRIPT])
        .env("PBES2_PASSWORD", password)
        .output()
        .expect("node runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("a token")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever text surrounds a public key, it is never a secret.
    #[test]
    fn text_around_a_key_never_makes_it_a_secret(
        before in "[ -~\n\t]{0,40}",
        after in "[ -~\n]{0,40}",
        crlf in any::<bool>(),
        indent in "[ \t]{0,6}",
    ) {
        let pem = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n";
        let der = der_of(pem);
        let mut body: String = pem.lines().map(|l| format!("{indent}{l}\n")).collect();
        if crlf {
            body = body.replace('\n', "\r\n");
        }
        for text in [format!("{before}{body}{after}"), format!("{before} {} {after}", pem_body(pem))] {
            let bad = check("generated", &text, &der);
            prop_assert!(bad.is_empty(), "{:?}: {}", text, bad.join("\n"));
        }
    }
}

/// An ML-DSA public key pasted in any form (AKP JWK, JWKS, PEM SPKI, bare base64, base64url
/// or hex DER, in text…) is read as that key: one RFC 7638 thumbprint, over `alg`, `kty`
/// and `pub` (RFC 9964), whichever form it came in.
#[test]
fn an_ml_dsa_public_key_has_one_thumbprint_in_every_form() {
    for kind in ["ml-dsa-44", "ml-dsa-65", "ml-dsa-87"] {
        let b = keygen::generate(kind).expect("key generation");
        let public = b.public_pem.clone().expect("SPKI");
        let mut n = 0;
        for (form, text) in forms(&public).into_iter().chain(jwk_forms(&public)) {
            let set = jwk::parse(&text, SecretEncoding::Utf8).unwrap_or_else(|e| panic!("{kind}, {form}: {e}"));
            assert_eq!(set.keys[0].thumbprint, b.thumbprint, "{kind}, {form}");
            assert!(set.keys[0].describe().starts_with(&format!("{} public key", b.alg)), "{kind}, {form}");
            n += 1;
        }
        assert!(n >= 20, "{kind}: {n} forms");
    }
}
