//! JWE interoperability with an independent implementation, the npm `jose` library
//! (panva/jose, on Node's WebCrypto), with fresh keys on every run:
//!
//! - tokens jose encrypted (compact, flattened and general JSON; every key management
//!   algorithm but RSA1_5, with X25519; every content encryption; `zip: DEF`; a nested
//!   JWT) decrypt here to jose's plaintext, and tampered ones or other keys do not;
//! - tokens this core encrypted (key pairs made by the openssl tool) decrypt in jose.
//!
//! Needs `node` with `npm install` done (jose is a devDependency) and `openssl` on the PATH.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::time::Instant;

mod common;
use common::{node, openssl};

use jwt_lens::jwt::base64url;
use jwt_lens::jwt::json::{self, Node, Value};
use jwt_lens::jwt::jwe::{self, Encryption};
use jwt_lens::jwt::verdict::{SecretEncoding, Verdict};

/// A string member of a JSON line, or "".
fn member(doc: &Node, name: &str) -> String {
    doc.get(name).and_then(Node::as_str).unwrap_or_default().to_string()
}

#[test]
fn tokens_encrypted_by_jose_decrypt_and_tampered_ones_do_not() {
    let started = Instant::now();
    let text = node("jwe.mjs", &[], "");
    let mut wrong = Vec::new();
    // alg → [valid records, of which decrypted, invalid records, of which refused]
    let mut counts: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    let mut encs: BTreeMap<String, usize> = BTreeMap::new();
    let (mut valid, mut invalid) = (0, 0);
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let doc = json::parse(line).unwrap_or_else(|e| panic!("not a JSON record ({e:?}): {line}")).root;
        let s = |k: &str| member(&doc, k);
        let encoding = SecretEncoding::from_value(&s("encoding"));
        let result = jwe::decrypt(&s("token"), &jwe::parse_keys(&s("key"), encoding));
        let decrypted = result.outcome.verdict == Verdict::Decrypted;
        let want = s("expect") == "valid";
        let name = format!("{} {} [{}]", s("alg"), s("enc"), s("case"));
        let entry = counts.entry(s("alg")).or_default();
        if want {
            valid += 1;
            entry[0] += 1;
            entry[1] += usize::from(decrypted && result.plaintext.as_deref() == Some(s("plaintext").as_bytes()));
            *encs.entry(s("enc")).or_default() += 1;
            if !decrypted {
                wrong.push(format!(
                    "{name}: not decrypted: {} ({})",
                    result.outcome.verdict.as_str(),
                    result.outcome.message
                ));
            } else if result.plaintext.as_deref() != Some(s("plaintext").as_bytes()) {
                wrong.push(format!(
                    "{name}: decrypted to {:?}, jose encrypted {:?}",
                    result.plaintext.as_deref().map(String::from_utf8_lossy),
                    s("plaintext")
                ));
            }
        } else {
            invalid += 1;
            entry[2] += 1;
            entry[3] += usize::from(!decrypted);
            if decrypted {
                wrong.push(format!("{name}: decrypted, but it must not ({})", result.outcome.message));
            }
        }
    }
    for (alg, [v, ok, i, refused]) in &counts {
        println!(
            "jose → JWT Lens  {alg:<20} decrypted {ok:>2} of {v:>2} valid, refused {refused:>2} of {i:>2} tampered or other-key"
        );
    }
    println!("jose → JWT Lens  valid per enc: {encs:?}");
    println!(
        "jose → JWT Lens  {valid} valid and {invalid} invalid records, {} wrong, in {:.1} s",
        wrong.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(wrong.is_empty(), "{} of {} records wrong:\n{}", wrong.len(), valid + invalid, wrong.join("\n"));
    assert!(valid >= 40 && invalid >= 15, "only {valid} valid and {invalid} invalid records were checked");
    assert_eq!(encs.len(), 6, "every content encryption appears: {encs:?}");
}

// ---- our core encrypts, jose decrypts ----

/// A fresh key pair from the openssl tool.
struct Pair {
    /// PKCS#8 private key PEM (for jose).
    private_pem: String,
    /// SPKI public key PEM (for our encoder).
    public_pem: String,
    /// The public key as a JWK (for our encoder), built from the SPKI.
    public_jwk: String,
}

fn pair(kind: &str) -> Pair {
    let curve = format!("ec_paramgen_curve:{kind}");
    let args: Vec<&str> = match kind {
        "RSA" => vec!["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
        "X25519" => vec!["genpkey", "-algorithm", "X25519"],
        _ => vec!["genpkey", "-algorithm", "EC", "-pkeyopt", &curve],
    };
    let private_pem = String::from_utf8(openssl(&args, b"")).expect("PEM");
    let public_pem = String::from_utf8(openssl(&["pkey", "-pubout"], private_pem.as_bytes())).expect("PEM");
    let der = openssl(&["pkey", "-pubout", "-outform", "DER"], private_pem.as_bytes());
    let public_jwk = match kind {
        "RSA" => String::new(),
        // RFC 8410: the SPKI ends with the 32-byte key.
        "X25519" => format!(r#"{{"kty":"OKP","crv":"X25519","x":"{}"}}"#, base64url::encode(&der[der.len() - 32..])),
        // The SPKI ends with the uncompressed point 04 ‖ x ‖ y.
        curve => {
            let size = match curve {
                "P-256" => 32,
                "P-384" => 48,
                _ => 66,
            };
            let point = &der[der.len() - 2 * size..];
            format!(
                r#"{{"kty":"EC","crv":"{curve}","x":"{}","y":"{}"}}"#,
                base64url::encode(&point[..size]),
                base64url::encode(&point[size..])
            )
        }
    };
    assert!(private_pem.contains("BEGIN PRIVATE KEY"), "{kind}: openssl did not write PKCS#8");
    Pair { private_pem, public_pem, public_jwk }
}

fn random(n: usize) -> Vec<u8> {
    let mut bytes = vec![0u8; n];
    std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes)).expect("/dev/urandom");
    bytes
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn enc_key_len(enc: &str) -> usize {
    match enc {
        "A128GCM" => 16,
        "A192GCM" => 24,
        "A256GCM" | "A128CBC-HS256" => 32,
        "A192CBC-HS384" => 48,
        _ => 64,
    }
}

fn kw_len(alg: &str) -> usize {
    if alg.contains("128") {
        16
    } else if alg.contains("192") {
        24
    } else {
        32
    }
}

/// One token for jose: what we encrypted and how jose gets the key.
struct Sent {
    name: String,
    token: String,
    plaintext: String,
    /// The JSON member(s) naming jose's decryption key.
    jose_key: String,
}

#[test]
fn tokens_encrypted_here_decrypt_with_jose() {
    let started = Instant::now();
    let pairs: BTreeMap<&str, Pair> =
        ["RSA", "P-256", "P-384", "P-521", "X25519"].into_iter().map(|k| (k, pair(k))).collect();
    let keygen = started.elapsed();

    // [alg, enc, curve or RSA (asymmetric), recipient key form]
    let cases: &[(&str, &str, &str, &str)] = &[
        ("RSA-OAEP", "A128GCM", "RSA", "pem"),
        ("RSA-OAEP", "A256CBC-HS512", "RSA", "pem"),
        ("RSA-OAEP-256", "A256GCM", "RSA", "pem"),
        ("RSA-OAEP-256", "A128CBC-HS256", "RSA", "pem"),
        ("A128KW", "A128GCM", "", "base64"),
        ("A128KW", "A192CBC-HS384", "", "hex"),
        ("A192KW", "A192GCM", "", "base64"),
        ("A192KW", "A256CBC-HS512", "", "hex"),
        ("A256KW", "A256GCM", "", "base64"),
        ("A256KW", "A128CBC-HS256", "", "jwk"),
        ("dir", "A128GCM", "", "base64"),
        ("dir", "A192GCM", "", "hex"),
        ("dir", "A256GCM", "", "base64"),
        ("dir", "A128CBC-HS256", "", "hex"),
        ("dir", "A192CBC-HS384", "", "base64"),
        ("dir", "A256CBC-HS512", "", "hex"),
        ("ECDH-ES", "A128GCM", "P-256", "pem"),
        ("ECDH-ES", "A192CBC-HS384", "P-384", "pem"),
        ("ECDH-ES", "A256GCM", "P-521", "jwk"),
        ("ECDH-ES", "A256CBC-HS512", "X25519", "pem"),
        ("ECDH-ES", "A192GCM", "X25519", "jwk"),
        ("ECDH-ES+A128KW", "A256GCM", "P-256", "jwk"),
        ("ECDH-ES+A128KW", "A128GCM", "P-384", "pem"),
        ("ECDH-ES+A128KW", "A128CBC-HS256", "P-521", "pem"),
        ("ECDH-ES+A128KW", "A192GCM", "X25519", "pem"),
        ("ECDH-ES+A256KW", "A192CBC-HS384", "P-256", "pem"),
        ("ECDH-ES+A256KW", "A256CBC-HS512", "P-384", "jwk"),
        ("ECDH-ES+A256KW", "A192GCM", "P-521", "pem"),
        ("ECDH-ES+A256KW", "A128GCM", "X25519", "jwk"),
        ("A128GCMKW", "A128GCM", "", "base64"),
        ("A128GCMKW", "A128CBC-HS256", "", "hex"),
        ("A256GCMKW", "A256GCM", "", "base64"),
        ("A256GCMKW", "A256CBC-HS512", "", "hex"),
        ("PBES2-HS256+A128KW", "A128GCM", "", "password"),
        ("PBES2-HS256+A128KW", "A192CBC-HS384", "", "password"),
        ("PBES2-HS512+A256KW", "A256GCM", "", "password"),
    ];
    // Cases encrypted once more with a nested JWT (`cty: JWT`) or `zip: DEF`: (alg, enc, cty, zip).
    let extras: &[(&str, &str, Option<&str>, bool)] = &[
        ("RSA-OAEP-256", "A256GCM", Some("JWT"), false),
        ("ECDH-ES+A128KW", "A256GCM", Some("JWT"), false),
        ("dir", "A256GCM", None, true),
        ("RSA-OAEP-256", "A128CBC-HS256", None, true),
    ];

    let nested = {
        use jwt_lens::jwt::jws::sign;
        use jwt_lens::jwt::protocol::SignRequest;
        let req = SignRequest {
            header: r#"{"alg":"HS256","typ":"JWT"}"#.into(),
            payload: r#"{"sub":"nested","name":"José ✓"}"#.into(),
            alg: "HS256".into(),
            key: hex(&random(32)),
            encoding: SecretEncoding::Hex,
            ..SignRequest::default()
        };
        sign::answer(&req).token.expect("an HS256 JWS to nest")
    };

    let mut sent: Vec<Sent> = Vec::new();
    let runs =
        cases.iter().enumerate().map(|(i, c)| (i, c, None, false)).chain(extras.iter().map(|&(alg, enc, cty, zip)| {
            let i = cases.iter().position(|c| c.0 == alg && c.1 == enc).expect("an extra is one of the cases");
            (i, &cases[i], cty, zip)
        }));
    for (i, &(alg, enc, kind, form), cty, zip) in runs {
        let (key, encoding, jose_key) = if !kind.is_empty() {
            let p = &pairs[kind];
            let key = if form == "jwk" { p.public_jwk.clone() } else { p.public_pem.clone() };
            (key, SecretEncoding::Utf8, format!(r#""pem":{}"#, json::quote(&p.private_pem)))
        } else if form == "password" {
            let password = format!("pässwörd {} ✓", hex(&random(6)));
            let b64u = base64url::encode(password.as_bytes());
            (password, SecretEncoding::Utf8, format!(r#""secret_b64u":"{b64u}""#))
        } else {
            let bytes = random(if alg == "dir" { enc_key_len(enc) } else { kw_len(alg) });
            let b64u = base64url::encode(&bytes);
            match form {
                "hex" => (hex(&bytes), SecretEncoding::Hex, format!(r#""secret_hex":"{}""#, hex(&bytes))),
                "jwk" => {
                    let jwk = format!(r#"{{"kty":"oct","k":"{b64u}"}}"#);
                    (jwk.clone(), SecretEncoding::Utf8, format!(r#""jwk":{jwk}"#))
                }
                _ => (b64u.clone(), SecretEncoding::Base64, format!(r#""secret_b64u":"{b64u}""#)),
            }
        };
        let plaintext = match (cty, zip) {
            (Some(_), _) => nested.clone(),
            (_, true) => format!("{} — zip DEF ✓", "compressible JWE plaintext, ".repeat(50)),
            _ => format!("encrypted by JWT Lens with {alg} and {enc} — “ünïcödé” ✓ {}", hex(&random(4))),
        };
        let name = format!(
            "{alg} {enc} ({kind}{}{form} key){}{}",
            if kind.is_empty() { "" } else { " " },
            cty.map(|c| format!(" cty {c}")).unwrap_or_default(),
            if zip { " zip DEF" } else { "" }
        );
        let e = Encryption { plaintext: plaintext.as_bytes(), alg, enc, key: &key, encoding, cty, zip };
        let token = jwe::encrypt(&e).unwrap_or_else(|err| panic!("case {i}, {name}: our encrypt failed: {err}"));
        // The header says what was asked for.
        let header = String::from_utf8(base64url::decode_strict(token.split('.').next().unwrap()).unwrap()).unwrap();
        let header = json::parse(&header).expect("a JSON header").root;
        assert_eq!(member(&header, "alg"), alg, "{name}: {token}");
        assert_eq!(member(&header, "enc"), enc, "{name}: {token}");
        assert_eq!(header.get("cty").and_then(Node::as_str), cty, "{name}: {token}");
        assert_eq!(member(&header, "zip") == "DEF", zip, "{name}: {token}");
        sent.push(Sent { name, token, plaintext, jose_key });
    }
    let encrypted = started.elapsed();

    let input: String = sent
        .iter()
        .map(|s| {
            format!(
                "{{\"token\":{},{},\"plaintext\":{}}}\n",
                json::quote(&s.token),
                s.jose_key,
                json::quote(&s.plaintext)
            )
        })
        .collect();
    let answers = node("jwe.mjs", &["decrypt"], &input);
    let answers: Vec<&str> = answers.lines().collect();
    assert_eq!(answers.len(), sent.len(), "one answer per token:\n{}", answers.join("\n"));
    let mut wrong = Vec::new();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (s, answer) in sent.iter().zip(&answers) {
        let doc = json::parse(answer).unwrap_or_else(|e| panic!("not JSON ({e:?}): {answer}")).root;
        let ok = matches!(doc.get("ok").map(|n| &n.value), Some(Value::Bool(true)));
        if !ok {
            wrong.push(format!("{}: jose refused it: {}\n  token: {}", s.name, member(&doc, "error"), s.token));
        } else if member(&doc, "plaintext") != s.plaintext {
            wrong.push(format!(
                "{}: jose decrypted {:?}, we encrypted {:?}",
                s.name,
                member(&doc, "plaintext"),
                s.plaintext
            ));
        } else {
            *counts.entry(s.name.split(' ').next().unwrap()).or_default() += 1;
        }
    }
    for (alg, n) in &counts {
        println!("JWT Lens → jose  {alg:<20} {n:>2} decrypted by jose");
    }
    println!(
        "JWT Lens → jose  {} tokens, {} wrong; keygen {:.1} s, encrypting {:.1} s, total {:.1} s",
        sent.len(),
        wrong.len(),
        keygen.as_secs_f64(),
        (encrypted - keygen).as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    assert!(wrong.is_empty(), "{} of {} tokens wrong:\n{}", wrong.len(), sent.len(), wrong.join("\n"));
    assert_eq!(sent.len(), cases.len() + extras.len());
}
