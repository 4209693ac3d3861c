//! Writes the example gallery (`src/jwt/teach/gallery.json`): tokens for teaching, each with
//! the key that checks it, what the page concludes, and why.
//!
//! `cargo run --example gallery --features crypto > src/jwt/teach/gallery.json`
//!
//! `… -- --keep src/jwt/teach/gallery.json` (reading the committed file first, not the one
//! being written) keeps the token, key and nested key of every example that file already
//! has, and makes new keys and tokens only for the examples it lacks: adding an example
//! changes no other one.
//!
//! The keys are generated here, once, with the crate's own key generation, and shipped as
//! data: they are demo keys, public by design. Tokens are signed and encrypted with the
//! crate's own code; deliberately broken ones are put together byte by byte. Each verdict,
//! warning and problem code is what the core itself gives (lint at `NOW`, then
//! `service::verify`); the generator writes nothing if a verdict differs from the one its
//! explanation assumes (warnings are recorded as found: check them against the texts).
//! Running it again makes new keys and tokens; `tests/gallery.rs` checks the committed file.

#[cfg(not(feature = "crypto"))]
fn main() {
    eprintln!("the gallery needs the crypto feature: cargo run --example gallery --features crypto");
    std::process::exit(2);
}

#[cfg(feature = "crypto")]
fn main() {
    generate::main();
}

#[cfg(feature = "crypto")]
mod generate {
    use std::collections::BTreeSet;

    use jwt_lens::jwt::jwk::Secret;
    use jwt_lens::jwt::jwk::keygen::{self, KeyBundle};
    use jwt_lens::jwt::jws::sign::{self, Signer};
    use jwt_lens::jwt::protocol::Request;
    use jwt_lens::jwt::protocol::{InspectRequest, SignRequest};
    use jwt_lens::jwt::sd::SdAlg;
    use jwt_lens::jwt::sd_issue::{self, IssueRequest, KbRequest};
    use jwt_lens::jwt::teach::gallery;
    use jwt_lens::jwt::verdict::{SecretEncoding, Verdict};
    use jwt_lens::jwt::{WarningCode, base64url, decode, json, jwe, lint, service};

    /// The time the recorded warnings hold at: 2026-11-29T00:00:00Z. Only `expired` and
    /// `not-yet-valid` depend on it, and neither changes before 2099.
    pub const NOW: i64 = 1_795_910_400;
    /// 2026-11-01T09:00:00Z: when the demo tokens were "issued".
    const IAT: i64 = 1_793_523_600;
    /// 2099-01-01T00:00:00Z: far enough for the gallery to keep working.
    const EXP: i64 = 4_070_908_800;
    const ISS: &str = "https://demo.jwt-lens.example";
    const AUD: &str = "https://api.demo.jwt-lens.example";
    const NOTE: &str = "Demo keys, generated once for this gallery. They are public: never use them for anything real.";

    struct Example {
        id: &'static str,
        group: &'static str,
        title: &'static str,
        token: String,
        key: String,
        encoding: SecretEncoding,
        nested_key: Option<String>,
        /// What the explanation assumes; checked against the core.
        expect: &'static str,
        explain: &'static str,
    }

    fn key(kind: &str) -> KeyBundle {
        keygen::generate(kind).unwrap_or_else(|e| panic!("{kind}: {e}"))
    }

    fn s(v: &Option<String>) -> String {
        v.clone().expect("key format")
    }

    /// A realistic small payload.
    fn claims(sub: &str, name: &str, extra: &str) -> String {
        format!(
            "{{\"iss\":\"{ISS}\",\"sub\":\"{sub}\",\"name\":\"{name}\",\"aud\":\"{AUD}\"{extra},\"iat\":{IAT},\"exp\":{EXP}}}"
        )
    }

    /// Signs exactly these header and payload texts with the crate's encoder.
    fn signed(header: &str, payload: &str, alg: &str, key: &str, encoding: SecretEncoding) -> String {
        let req = SignRequest {
            id: 0,
            header: header.into(),
            payload: payload.into(),
            alg: alg.into(),
            key: key.into(),
            encoding,
            exact: true,
            deterministic: false,
        };
        sign::answer(&req).token.unwrap_or_else(|e| panic!("{alg}: {e}"))
    }

    /// Signs a signing input put together by hand (for tokens the encoder would refuse).
    fn by_hand(header_b64: &str, payload_b64: &str, alg: &str, signer: &Signer) -> String {
        let input = format!("{header_b64}.{payload_b64}");
        let parsed = jwt_lens::jwt::alg::JwsAlg::parse(alg).unwrap_or_else(|| panic!("{alg}: not a JWS algorithm"));
        let sig = sign::sign(parsed, signer, input.as_bytes()).unwrap_or_else(|e| panic!("{alg}: {e}"));
        format!("{input}.{}", base64url::encode(&sig))
    }

    fn b64(text: &str) -> String {
        base64url::encode(text.as_bytes())
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn encrypt(
        plaintext: &str,
        alg: &str,
        enc: &str,
        key: &str,
        encoding: SecretEncoding,
        cty: Option<&str>,
    ) -> String {
        jwe::encrypt(&jwe::Encryption { plaintext: plaintext.as_bytes(), alg, enc, key, encoding, cty, zip: false })
            .unwrap_or_else(|e| panic!("{alg} {enc}: {e}"))
    }

    /// An EC key whose signatures on these tokens are all low-S. The crate signs ECDSA
    /// deterministically (RFC 6979) without normalizing s, so about half of its P-256, P-384
    /// and P-521 signatures are high-S, which the verifier accepts with a `high-s` warning:
    /// right for a real token, noise in a gallery of algorithms. Another key gives other
    /// signatures.
    fn low_s_key(kind: &str, tokens: impl Fn(&KeyBundle) -> Vec<String>) -> KeyBundle {
        for _ in 0..64 {
            let k = key(kind);
            let clean = tokens(&k).into_iter().all(|token| {
                let r = service::verify(&Request { token, key: s(&k.public_pem), ..Request::default() });
                r.outcome.verdict == Verdict::Verified && r.outcome.warnings.is_empty()
            });
            if clean {
                return k;
            }
        }
        panic!("{kind}: no key with low-S signatures in 64 tries");
    }

    #[allow(clippy::vec_init_then_push)] // one push per example, in gallery order, keys made on the way
    fn examples() -> Vec<Example> {
        use SecretEncoding::{Base64, Hex, Utf8};
        let hmac = key("hmac-256");
        let hmac_b64 = s(&hmac.private_pem);
        let hmac_signer = sign::parse_signer(&hmac_b64, Base64).expect("hmac");
        let rsa = key("rsa-2048");
        let rsa_other = key("rsa-2048");
        let rsa_recipient = key("rsa-2048");
        let p256_attacker = key("p-256");
        let p256_recipient = key("p-256");
        let ed = key("ed25519");
        let ed448 = key("ed448");
        let mldsa44 = key("ml-dsa-44");
        let mldsa65 = key("ml-dsa-65");
        let jwt = |alg: &str| format!("{{\"alg\":\"{alg}\",\"typ\":\"JWT\"}}");
        let jwt_kid = |alg: &str, kid: &str| format!("{{\"alg\":\"{alg}\",\"typ\":\"JWT\",\"kid\":\"{kid}\"}}");
        let alice = claims("user-1042", "Alice Example", ",\"role\":\"teacher\"");
        let carol = claims("user-3003", "Carol Example", ",\"role\":\"student\"");
        let es = |k: &KeyBundle, alg: &str| signed(&jwt(alg), &alice, alg, &s(&k.private_pem), Utf8);
        let es256 = |k: &KeyBundle| signed(&jwt_kid("ES256", &k.thumbprint), &alice, "ES256", &s(&k.private_pem), Utf8);
        let inner = |k: &KeyBundle| signed(&jwt("ES256"), &carol, "ES256", &s(&k.private_pem), Utf8);
        let p256 = low_s_key("p-256", |k| vec![es256(k), inner(k)]);
        let p384 = low_s_key("p-384", |k| vec![es(k, "ES384")]);
        let p521 = low_s_key("p-521", |k| vec![es(k, "ES512")]);
        let k256 = low_s_key("secp256k1", |k| vec![es(k, "ES256K")]);
        let mut out = Vec::new();

        // ---- Algorithms ----
        out.push(Example {
            id: "hs256",
            group: "Algorithms",
            title: "HS256: a shared secret (HMAC-SHA256)",
            token: signed(&jwt("HS256"), &alice, "HS256", &hmac_b64, Base64),
            key: hmac_b64.clone(),
            encoding: Base64,
            nested_key: None,
            expect: "verified",
            explain: "Verified: the HMAC over header and payload, recomputed with the 256-bit secret (read as base64), matches the signature. Whoever can verify an HS256 token can also forge one, so the secret must stay on the server. The long-lifetime warning is there because the demo tokens last until 2099; real tokens should live minutes or hours.",
        });
        out.push(Example {
            id: "rs256",
            group: "Algorithms",
            title: "RS256: RSA signature, public key as PEM",
            token: signed(&jwt("RS256"), &alice, "RS256", &s(&rsa.private_pem), Utf8),
            key: s(&rsa.public_pem),
            encoding: Utf8,
            nested_key: None,
            expect: "verified",
            explain: "Verified: the RSA PKCS#1 v1.5 signature checks with the 2048-bit public key in SPKI PEM form (\"BEGIN PUBLIC KEY\"). The issuer signs with the private key; anyone can verify with the public key, which cannot sign. The long-lifetime warning comes from the demo's expiry in 2099.",
        });
        out.push(Example {
            id: "ps256",
            group: "Algorithms",
            title: "PS256: RSA-PSS, public key as JWK",
            token: signed(&jwt("PS256"), &alice, "PS256", &s(&rsa.private_pem), Utf8),
            key: s(&rsa.public_jwk),
            encoding: Utf8,
            nested_key: None,
            expect: "verified",
            explain: "Verified with the same RSA key as the RS256 example, this time given as a JWK (kty RSA, n, e). PSS signatures are randomized, so signing the same claims twice gives different tokens, and both verify. The long-lifetime warning comes from the demo's expiry in 2099.",
        });
        out.push(Example {
            id: "es256",
            group: "Algorithms",
            title: "ES256: ECDSA P-256, key picked from a JWKS by kid",
            token: es256(&p256),
            key: s(&p256.jwks),
            encoding: Utf8,
            nested_key: None,
            expect: "verified",
            explain: "Verified: the key box holds a JWKS (a key set, as published at an issuer's jwks_uri), and the token's kid names the key to use. A kid only selects among keys you already trust; it never brings a key of its own. The long-lifetime warning comes from the demo's expiry in 2099.",
        });
        out.push(Example {
            id: "es384",
            group: "Algorithms",
            title: "ES384: ECDSA P-384, public key as PEM",
            token: es(&p384, "ES384"),
            key: s(&p384.public_pem),
            encoding: Utf8,
            nested_key: None,
            expect: "verified",
            explain: "Verified with a P-384 public key in PEM form. An ES384 signature is r and s side by side, 96 bytes, not the DER encoding OpenSSL writes; a library that mixes the two up fails here. The long-lifetime warning comes from the demo's expiry in 2099.",
        });
        out.push(Example {
            id: "es512",
            group: "Algorithms",
            title: "ES512: ECDSA P-521, public key as JWK",
            token: es(&p521, "ES512"),
            key: s(&p521.public_jwk),
            encoding: Utf8,
            nested_key: None,
            expect: "verified",
            explain: "Verified with a P-521 public JWK. Despite the name, ES512 uses the curve P-521 (not 512 bits): each half of the 132-byte signature has 66 bytes. The long-lifetime warning comes from the demo's expiry in 2099.",
        });
        out.push(Example {
            id: "es256k",
            group: "Algorithms",
            title: "ES256K: ECDSA secp256k1, public key as PEM",
            token: es(&k256, "ES256K"),
            key: s(&k256.public_pem),
            encoding: Utf8,
            nested_key: None,
            expect: "verified",
            explain: "Verified with a secp256k1 public key (the curve of Bitcoin and Ethereum, RFC 8812). It is not P-256: a P-256 key can never verify an ES256K token, and the page refuses the mix before any cryptography. The long-lifetime warning comes from the demo's expiry in 2099.",
        });
        out.push(Example {
            id: "eddsa",
            group: "Algorithms",
            title: "EdDSA: Ed25519, public key as JWK",
            token: signed(&jwt("EdDSA"), &alice, "EdDSA", &s(&ed.private_pem), Utf8),
            key: s(&ed.public_jwk),
            encoding: Utf8,
            nested_key: None,
            expect: "verified",
            explain: "Verified with an Ed25519 public key as a JWK (kty OKP, crv Ed25519). Ed25519 signatures are deterministic and need no random nonce, which makes them a safe default for new systems. RFC 9864 deprecates the name EdDSA, which does not say which curve (Ed25519 or Ed448): new tokens should name Ed25519, as the next example does, hence the deprecated-alg warning. The long-lifetime warning comes from the demo's expiry in 2099.",
        });
        out.push(Example {
            id: "ed25519",
            group: "Algorithms",
            title: "Ed25519: the fully-specified name (RFC 9864)",
            token: signed(&jwt("Ed25519"), &alice, "Ed25519", &s(&ed.private_pem), Utf8),
            key: s(&ed.public_pem),
            encoding: Utf8,
            nested_key: None,
            expect: "verified",
            explain: "Verified with the same Ed25519 key as the EdDSA example, as PEM. The alg Ed25519 names the curve too, so a verifier knows which key it needs from the header alone (RFC 9864). The same key signs the same bytes for EdDSA and Ed25519; only the header differs. The long-lifetime warning comes from the demo's expiry in 2099.",
        });
        out.push(Example {
            id: "ed448",
            group: "Algorithms",
            title: "Ed448: EdDSA on Curve448, public key as JWK",
            token: signed(&jwt("Ed448"), &alice, "Ed448", &s(&ed448.private_pem), Utf8),
            key: s(&ed448.public_jwk),
            encoding: Utf8,
            nested_key: None,
            expect: "verified",
            explain: "Verified with an Ed448 public key as a JWK (kty OKP, crv Ed448, 57 bytes). Ed448 aims at about 224-bit security, more than Ed25519's 128, with 114-byte signatures, and hashes with SHAKE256 instead of SHA-512. The long-lifetime warning comes from the demo's expiry in 2099.",
        });
        out.push(Example {
            id: "ml-dsa-65",
            group: "Algorithms",
            title: "ML-DSA-65: post-quantum (FIPS 204), AKP key as JWK",
            token: signed(&jwt("ML-DSA-65"), &alice, "ML-DSA-65", &s(&mldsa65.private_pem), Utf8),
            key: s(&mldsa65.public_jwk),
            encoding: Utf8,
            nested_key: None,
            expect: "verified",
            explain: "Verified with an ML-DSA-65 public key as a JWK of type AKP (RFC 9964): its alg is part of the key, and a key for one ML-DSA level never checks another's tokens. ML-DSA is a lattice signature, believed to resist quantum computers; the price is size: a 1,952-byte public key and a 3,309-byte signature, against Ed25519's 32 and 64. The long-lifetime warning comes from the demo's expiry in 2099.",
        });
        out.push(Example {
            id: "ml-dsa-44",
            group: "Algorithms",
            title: "ML-DSA-44: post-quantum, public key as PEM",
            token: signed(&jwt("ML-DSA-44"), &alice, "ML-DSA-44", &s(&mldsa44.private_pem), Utf8),
            key: s(&mldsa44.public_pem),
            encoding: Utf8,
            nested_key: None,
            expect: "verified",
            explain: "Verified with an ML-DSA-44 public key in SPKI PEM form, with the algorithm identifier of RFC 9881 (2.16.840.1.101.3.4.3.17). The smallest ML-DSA level: 1,312-byte key, 2,420-byte signature. Signing here is hedged (fresh randomness mixed in, FIPS 204's default), so signing the same claims twice gives two tokens, and both verify. The long-lifetime warning comes from the demo's expiry in 2099.",
        });

        // ---- Encryption ----
        let bob = claims("user-2001", "Bob Example", ",\"email\":\"bob@demo.jwt-lens.example\"");
        out.push(Example {
            id: "jwe",
            group: "Encryption",
            title: "JWE: RSA-OAEP-256 and A256GCM, private key as PEM",
            token: encrypt(&bob, "RSA-OAEP-256", "A256GCM", &s(&rsa_recipient.public_pem), Utf8, None),
            key: s(&rsa_recipient.private_pem),
            encoding: Utf8,
            nested_key: None,
            expect: "decrypted",
            explain: "Decrypted: the recipient's RSA private key (PKCS#8 PEM) decrypts the random content key, and the AES-GCM tag holds, so the claims were not altered. A JWE hides the claims but, on its own, does not prove who wrote them: anyone with the public key can encrypt. Hence the jws-jwe-confusion warning (RFC 8725bis §3.3): a verifier that expects a signed token must never take an encrypted one in its place.",
        });
        out.push(Example {
            id: "ecdh-es",
            group: "Encryption",
            title: "JWE: ECDH-ES+A256KW on P-256, private key as JWK",
            token: encrypt(&bob, "ECDH-ES+A256KW", "A256GCM", &s(&p256_recipient.public_jwk), Utf8, None),
            key: s(&p256_recipient.private_jwk),
            encoding: Utf8,
            nested_key: None,
            expect: "decrypted",
            explain: "Decrypted: the header's epk (the sender's one-time public key) and the recipient's private JWK agree on a shared secret, which unwraps the content key. The page checks that the epk lies on P-256 before using it, which stops invalid-curve attacks. As with the RSA JWE, anyone with the recipient's public key could have made it: the jws-jwe-confusion warning.",
        });
        let dir_secret = base64url::decode_strict(&s(&key("hmac-256").private_pem)).expect("secret");
        let dir_hex = hex(&dir_secret);
        out.push(Example {
            id: "nested",
            group: "Encryption",
            title: "Nested JWT: a signed token inside a JWE",
            token: encrypt(&inner(&p256), "dir", "A256GCM", &dir_hex, Hex, Some("JWT")),
            key: dir_hex.clone(),
            encoding: Hex,
            nested_key: Some(s(&p256.public_pem)),
            expect: "decrypted",
            explain: "Decrypted with a shared 256-bit secret (alg dir, given in hex); cty JWT says the plaintext is itself a token, an ES256-signed JWT, which the page decodes and verifies with the issuer's public key (the nested key). Sign, then encrypt: the signature proves who wrote the claims, the encryption hides them.",
        });

        // ---- Broken and attacked ----
        let old = format!(
            "{{\"iss\":\"{ISS}\",\"sub\":\"user-1042\",\"name\":\"Alice Example\",\"aud\":\"{AUD}\",\"iat\":1577869200,\"exp\":1577872800}}"
        );
        out.push(Example {
            id: "expired",
            group: "Broken and attacked",
            title: "Expired: a good signature on an old token",
            token: signed(&jwt_kid("RS256", &rsa.thumbprint), &old, "RS256", &s(&rsa.private_pem), Utf8),
            key: s(&rsa.jwks),
            encoding: Utf8,
            nested_key: None,
            expect: "verified",
            explain: "The signature is verified, and yet the token must be refused: its exp (1 January 2020 at 10:00 UTC, one hour after iat) has passed, which the expired warning says. The verdict is about the signature only; checking exp, nbf, iss and aud is a separate step that a server must never skip.",
        });
        let future = format!(
            "{{\"iss\":\"{ISS}\",\"sub\":\"user-1042\",\"name\":\"Alice Example\",\"aud\":\"{AUD}\",\"nbf\":{EXP},\"exp\":{}}}",
            EXP + 3600
        );
        out.push(Example {
            id: "not-yet-valid",
            group: "Broken and attacked",
            title: "Not yet valid: nbf in 2099",
            token: signed(&jwt("EdDSA"), &future, "EdDSA", &s(&ed.private_pem), Utf8),
            key: s(&ed.public_pem),
            encoding: Utf8,
            nested_key: None,
            expect: "verified",
            explain: "The Ed25519 signature (public key as PEM) is verified, but nbf says the token may not be used before 2099, hence the not-yet-valid warning: a server must refuse it until then. A token that becomes valid far in the future often means an issuer with a wrong clock, or a token minted in advance to be used later. The token's alg is EdDSA, the name RFC 9864 deprecates (deprecated-alg).",
        });
        let admin = claims("user-1042", "Alice Example", ",\"role\":\"admin\"");
        out.push(Example {
            id: "alg-none",
            group: "Broken and attacked",
            title: "alg none: a token with no signature",
            token: format!("{}.{}.", b64(&jwt("none")), b64(&admin)),
            key: hmac_b64.clone(),
            encoding: Base64,
            nested_key: None,
            expect: "unsecured",
            explain: "Unsecured: alg is none and the signature part is empty, so anyone could have written these claims (role admin included), and no key changes that. Libraries that once accepted alg none let attackers log in as anyone; a server must accept only the algorithms it expects.",
        });
        let tamper_secret = base64url::decode_strict(&s(&key("hmac-256").private_pem)).expect("secret");
        let tamper_hex = hex(&tamper_secret);
        let good = signed(&jwt("HS256"), &alice, "HS256", &tamper_hex, Hex);
        let tampered_payload = alice.replacen("user-1042", "user-1043", 1);
        let mut parts = good.split('.');
        let (h, _, sig) = (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap());
        out.push(Example {
            id: "tampered",
            group: "Broken and attacked",
            title: "Tampered: one character of the payload changed",
            token: format!("{h}.{}.{sig}", b64(&tampered_payload)),
            key: tamper_hex,
            encoding: Hex,
            nested_key: None,
            expect: "invalid",
            explain: "Invalid: after signing, sub was changed from user-1042 to user-1043, one character, and the HMAC over the new payload no longer matches the signature (the secret is given in hex). The claims look perfectly normal, which is exactly why they must never be trusted before the signature is checked.",
        });
        out.push(Example {
            id: "wrong-key",
            group: "Broken and attacked",
            title: "Wrong key: another RSA public key",
            token: signed(&jwt("RS256"), &alice, "RS256", &s(&rsa.private_pem), Utf8),
            key: s(&rsa_other.public_pem),
            encoding: Utf8,
            nested_key: None,
            expect: "invalid",
            explain: "Invalid: the token is signed correctly, but with a different RSA key from the one in the key box. The page cannot tell a forged token from a genuine token checked with the wrong key; compare the key's thumbprint with the issuer's published keys to find out which it is.",
        });
        let rsa_pem = s(&rsa.public_pem);
        let confused = Signer::Hmac(Secret::new(rsa_pem.as_bytes().to_vec()));
        out.push(Example {
            id: "alg-confusion",
            group: "Broken and attacked",
            title: "Algorithm confusion: HS256 keyed with the RSA public key",
            token: by_hand(&b64(&jwt("HS256")), &b64(&admin), "HS256", &confused),
            key: rsa_pem,
            encoding: Utf8,
            nested_key: None,
            expect: "error",
            explain: "Error, on purpose: the attacker switched alg to HS256 and computed the HMAC with the server's public RSA key, PEM text and all, as the secret (CVE-2016-10555). A library that lets the token's alg decide how to use the key would verify this forgery; the page checks alg against the key first, refuses to use a public key as an HMAC secret, and raises alg-key-mismatch.",
        });
        let header_b64 = b64(&jwt("ES256"));
        let payload_b64 = b64(&admin);
        out.push(Example {
            id: "psychic",
            group: "Broken and attacked",
            title: "Psychic signature: ECDSA with r = s = 0",
            token: format!("{header_b64}.{payload_b64}.{}", base64url::encode(&[0u8; 64])),
            key: s(&p256.public_jwk),
            encoding: Utf8,
            nested_key: None,
            expect: "invalid",
            explain: "Invalid: the signature is 64 zero bytes, so r = s = 0, which no valid ECDSA signature can have. Java 15 to 18 skipped that range check and accepted such a signature for any message and any key (CVE-2022-21449, \"psychic signatures\"); a verifier must reject r or s outside 1 to n-1.",
        });
        let jku_header = "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"jku\":\"https://attacker.example/keys.json\"}";
        out.push(Example {
            id: "jku",
            group: "Broken and attacked",
            title: "jku: the token points to the attacker's keys",
            token: signed(jku_header, &admin, "ES256", &s(&p256_attacker.private_pem), Utf8),
            key: s(&p256.public_pem),
            encoding: Utf8,
            nested_key: None,
            expect: "invalid",
            explain: "Invalid: the token was signed with the attacker's own key and its jku header points to a key set on the attacker's server; checked with the real issuer's public key, the signature fails. The page never fetches jku (token-supplied-key warning): a server that trusts keys named by the token lets anyone sign anything.",
        });
        // Standard base64 instead of base64url: the claims are chosen so that it gives a '/'.
        let std_payload = std_b64_with_slash();
        let utf8_secret = s(&key("hmac-256").private_pem);
        let utf8_signer = sign::parse_signer(&utf8_secret, Utf8).expect("secret");
        out.push(Example {
            id: "bad-base64",
            group: "Broken and attacked",
            title: "Bad base64url: a '/' in the payload",
            token: by_hand(&b64(&jwt("HS256")), &std_payload, "HS256", &utf8_signer),
            key: utf8_secret,
            encoding: Utf8,
            nested_key: None,
            expect: "invalid",
            explain: "Invalid: the payload was encoded with standard base64, and its '/' is not a base64url character (base64url writes '_' instead), so the token cannot be parsed, even though the HMAC (secret read as UTF-8 text) was computed over these very characters. JWTs use base64url without padding; a verifier that decodes leniently lets one token have several spellings. The jwt-format warning names the character outside base64url (RFC 8725bis §3.14); no claim warnings appear because the payload cannot be read.",
        });
        let dup_header = "{\"alg\":\"HS256\",\"alg\":\"none\",\"typ\":\"JWT\"}";
        out.push(Example {
            id: "duplicate-alg",
            group: "Broken and attacked",
            title: "Duplicate alg: HS256 first, none last",
            token: by_hand(&b64(dup_header), &b64(&admin), "HS256", &hmac_signer),
            key: hmac_b64,
            encoding: Base64,
            nested_key: None,
            expect: "invalid",
            explain: "Invalid: the header names alg twice, HS256 first and none last (duplicate-member), so the page refuses the token before checking its signature, as RFC 7515 §4 allows. A library that reads the first alg would verify the HS256 signature this token really carries, while one that keeps the last sees an unsigned token and may accept anything in it. Two parsers must never disagree on what was signed: reject any JOSE header that repeats a member name.",
        });

        // ---- SD-JWT and DPoP ----
        out.extend(sd_and_dpop());
        out
    }

    /// Whether a verdict's warnings include `high-s`.
    fn high_s(warnings: &[jwt_lens::jwt::Warning]) -> bool {
        warnings.iter().any(|w| w.code == WarningCode::HighS)
    }

    /// Whether an ECDSA token (and, for an SD-JWT with a KB-JWT, its key binding) verifies
    /// with low-S signatures only (see [`low_s_key`]).
    fn low_s(token: &str, key: &str) -> bool {
        let r = service::verify(&Request { token: token.into(), key: key.into(), ..Request::default() });
        let i = service::inspect(&InspectRequest { id: 0, token: token.into(), companion: String::new(), now: NOW });
        r.outcome.verdict == Verdict::Verified
            && !high_s(&r.outcome.warnings)
            && !i.binding.is_some_and(|b| high_s(&b.outcome.warnings))
    }

    /// A disclosure's index in an issued SD-JWT, by the pointer that made it.
    fn disclosure(issued: &sd_issue::Issued, pointer: &str) -> usize {
        issued
            .disclosures
            .iter()
            .position(|d| d.pointer == pointer)
            .unwrap_or_else(|| panic!("no disclosure {pointer}"))
    }

    /// The verifier the presentations are for.
    const VERIFIER: &str = "https://verifier.demo.jwt-lens.example";
    /// 2026-11-28T10:00:00Z: when the holder presented the credential (before [`NOW`], so
    /// the KB-JWT's kb-iat check passes at any later time).
    const PRESENTED: i64 = 1_795_860_000;

    /// The SD-JWT examples (RFC 9901): a credential as issued, a presentation with key binding,
    /// a forged disclosure and a replayed KB-JWT; then a DPoP proof (RFC 9449) and the access
    /// token it goes with. Keys are drawn again until every ECDSA signature is low-S.
    fn sd_and_dpop() -> Vec<Example> {
        use SecretEncoding::Utf8;
        let mut out = Vec::new();
        let payload = format!(
            "{{\"iss\":\"{ISS}\",\"vct\":\"{ISS}/credentials/identity\",\"sub\":\"user-1042\",\"given_name\":\"Alice\",\"family_name\":\"Example\",\"email\":\"alice@demo.jwt-lens.example\",\"address\":{{\"street_address\":\"1 Lens Street\",\"locality\":\"Demo City\",\"country\":\"DE\"}},\"nationalities\":[\"DE\",\"FR\"],\"status\":{{\"status_list\":{{\"idx\":412,\"uri\":\"{ISS}/status/1\"}}}},\"iat\":{IAT},\"exp\":{EXP}}}"
        );
        let disclose: Vec<String> =
            ["/given_name", "/family_name", "/email", "/address", "/address/street_address", "/nationalities/1"]
                .map(String::from)
                .to_vec();
        for _ in 0..256 {
            let issuer = key("p-256");
            let holder = key("p-256");
            let issuer_key = s(&issuer.public_jwk);
            let holder_key = s(&holder.private_pem);
            let kb = KbRequest {
                key: &holder_key,
                alg: "ES256",
                aud: VERIFIER,
                nonce: "XZOUco1u_gEPknxS78sWWg",
                iat: PRESENTED,
            };
            let issued = sd_issue::issue(&IssueRequest {
                header: "{\"alg\":\"ES256\",\"typ\":\"dc+sd-jwt\"}",
                payload: &payload,
                disclose: &disclose,
                decoys: 3,
                sd_alg: SdAlg::Sha256,
                holder_key: Some(&s(&holder.public_jwk)),
                key: &s(&issuer.private_pem),
                encoding: Utf8,
                alg: "ES256",
            })
            .unwrap_or_else(|e| panic!("issue: {e}"));
            let d = |pointer: &str| disclosure(&issued, pointer);
            let shown = [d("/given_name"), d("/family_name"), d("/address/street_address"), d("/nationalities/1")];
            let presented =
                sd_issue::present(&issued.sd_jwt, &shown, Some(&kb)).unwrap_or_else(|e| panic!("present: {e}"));
            // The holder's own disclosure of a given_name the issuer never signed.
            let forged = b64("[\"k8Wq2bPZ7xNw0d3Lr5TfHg\",\"given_name\",\"Mallory\"]");
            let with_forged = format!("{}{forged}~", issued.sd_jwt);
            let forged_at = issued.disclosures.len();
            let forgery = sd_issue::present(&with_forged, &[d("/family_name"), forged_at], Some(&kb))
                .unwrap_or_else(|e| panic!("present the forgery: {e}"));
            // A thief's presentation: other disclosures, the KB-JWT of the one above.
            let captured = presented.text.rsplit_once('~').map(|(_, kb)| kb.to_string()).unwrap_or_default();
            let other = sd_issue::present(&issued.sd_jwt, &[d("/given_name"), d("/family_name"), d("/email")], None)
                .unwrap_or_else(|e| panic!("present: {e}"));
            let replayed = format!("{}{captured}", other.text);
            if ![&issued.sd_jwt, &presented.text, &forgery.text].iter().all(|t| low_s(t, &issuer_key)) {
                continue;
            }
            out.push(Example {
                id: "sd-jwt-vc",
                group: "SD-JWT and DPoP",
                title: "SD-JWT VC as issued: disclosures, a nested one, an array element, decoys",
                token: issued.sd_jwt.clone(),
                key: issuer_key.clone(),
                encoding: Utf8,
                nested_key: None,
                expect: "verified",
                explain: "Verified: the issuer's ES256 signature (public key as JWK) covers the issuer-signed JWT, the part before the first ~ (typ dc+sd-jwt: an SD-JWT verifiable credential, vct its type, status where its revocation is published). That payload holds no given_name, family_name, email, address or second nationality, only their digests. Each part between two ~ is a disclosure, base64url of [salt, name, value], or [salt, value] for an array element (nationalities' \"FR\", which stands in the array as {\"...\": digest}); its SHA-256 (_sd_alg) digest is what an _sd array holds. street_address is nested: its digest is inside the address disclosure, so it can only be shown with its parent. The random salt stops anyone guessing a value from its digest, and the 3 decoy digests, which match no disclosure, hide how many claims there are. The signature covers the digests, not the disclosures: a disclosure counts only because its digest is signed (RFC 9901 §4.2, §7.1). cnf.jwk is the holder's public key. The long-lifetime warning comes from the demo's expiry in 2099.",
            });
            out.push(Example {
                id: "sd-jwt-kb",
                group: "SD-JWT and DPoP",
                title: "SD-JWT presentation with key binding (KB-JWT)",
                token: presented.text.clone(),
                key: issuer_key.clone(),
                encoding: Utf8,
                nested_key: None,
                expect: "verified",
                explain: "Verified, and the key binding too. The holder kept four of the six disclosures (given_name, family_name, the address with its street, the nationality FR) and left out email: its digest now counts among those no disclosure matches, with the 3 decoys, and nobody can tell which is which. After the last ~ comes the KB-JWT (typ kb+jwt), signed with the holder's private key: aud and nonce name the verifier and its challenge, iat says when it was made, and sd_hash is the SHA-256 of the presentation up to its last ~, so it covers exactly these disclosures. It verifies with the cnf.jwk the issuer signed, which proves that the presenter holds the holder's private key (possession), not who issued the credential: only the issuer signature, the main verdict, says that. The verifier must still check that aud names itself and that the nonce is the one it just gave (RFC 9901 §4.3, §7.3). The long-lifetime warning comes from the demo credential's expiry in 2099.",
            });
            out.push(Example {
                id: "sd-forged-disclosure",
                group: "SD-JWT and DPoP",
                title: "Forged disclosure: a claim the issuer never signed",
                token: forgery.text.clone(),
                key: issuer_key.clone(),
                encoding: Utf8,
                nested_key: None,
                expect: "verified",
                explain: "The issuer signature is verified, and yet the presentation must be refused. The holder left out Alice's given_name disclosure and wrote one of their own, [salt, \"given_name\", \"Mallory\"]: well formed, base64url like the others. But its SHA-256 digest appears nowhere in the signed payload nor in any other disclosure, so it is unmatched (sd-unreferenced-disclosure) and stays out of the disclosed payload; RFC 9901 §7.1 step 5 rejects the whole SD-JWT, as only a disclosure whose digest the issuer signed can be trusted. The holder even signed a KB-JWT over this very presentation, and the key binding verifies: it proves who presents, never that what is presented is genuine. The long-lifetime warning comes from the demo credential's expiry in 2099.",
            });
            out.push(Example {
                id: "sd-replayed-kb",
                group: "SD-JWT and DPoP",
                title: "Replayed KB-JWT: key binding taken from another presentation",
                token: replayed,
                key: issuer_key.clone(),
                encoding: Utf8,
                nested_key: None,
                expect: "verified",
                explain: "The issuer signature is verified, but the key binding is invalid. Someone who got hold of the SD-JWT and all its disclosures, but not the holder's private key, disclosed the email and reused the KB-JWT captured from the presentation example. Its signature still verifies with cnf.jwk, but its sd_hash is the digest of that other presentation, not of this one, so kb-sd-hash fails: sd_hash covers the issuer-signed JWT and every disclosure sent (RFC 9901 §4.3.1, §7.3), so a KB-JWT cannot be moved to another choice of disclosures. Replaying a whole presentation unchanged passes this check; the nonce and aud, which the verifier compares with its own, stop that. The long-lifetime warning comes from the demo credential's expiry in 2099.",
            });
            break;
        }
        assert_eq!(out.len(), 4, "no keys with low-S signatures for the SD-JWT examples in 256 tries");

        // DPoP: an access token bound to the client's key (cnf.jkt), and a proof made with it.
        let at_header = "{\"typ\":\"at+jwt\",\"alg\":\"ES256\"}";
        for _ in 0..256 {
            let server = key("p-256");
            let client = key("p-256");
            let access = format!(
                "{{\"iss\":\"{ISS}\",\"sub\":\"user-1042\",\"aud\":\"{AUD}\",\"client_id\":\"demo-wallet\",\"scope\":\"credentials:read\",\"jti\":\"at-5e2c7a91\",\"cnf\":{{\"jkt\":\"{}\"}},\"iat\":{IAT},\"exp\":{EXP}}}",
                client.thumbprint
            );
            let access_token = signed(at_header, &access, "ES256", &s(&server.private_pem), Utf8);
            let proof_header = format!("{{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":{}}}", s(&client.public_jwk));
            let proof_payload = format!(
                "{{\"jti\":\"d7Hq0cN2vXw9\",\"htm\":\"GET\",\"htu\":\"{AUD}/credentials\",\"iat\":{PRESENTED},\"ath\":\"{}\"}}",
                SdAlg::Sha256.digest(&access_token)
            );
            let proof = signed(&proof_header, &proof_payload, "ES256", &s(&client.private_pem), Utf8);
            if !low_s(&access_token, &s(&server.public_jwk)) || !low_s(&proof, &s(&client.public_jwk)) {
                continue;
            }
            out.push(Example {
                id: "dpop-access-token",
                group: "SD-JWT and DPoP",
                title: "DPoP-bound access token (at+jwt with cnf.jkt)",
                token: access_token,
                key: s(&server.public_jwk),
                encoding: Utf8,
                nested_key: None,
                expect: "verified",
                explain: "Verified with the authorization server's public key (JWK). An OAuth access token (typ at+jwt, RFC 9068) whose cnf.jkt is the RFC 7638 thumbprint of the client's key: a resource server accepts it only with a DPoP proof signed by that key on each request (RFC 9449 §6), so a stolen copy alone is useless. Copy it, load the next example and paste it into Access token or code to see the proof's ath and this cnf.jkt checked. The long-lifetime warning comes from the demo's expiry in 2099; real access tokens live minutes.",
            });
            out.push(Example {
                id: "dpop-proof",
                group: "SD-JWT and DPoP",
                title: "DPoP proof: checked against its own jwk header",
                token: proof,
                key: s(&client.public_jwk),
                encoding: Utf8,
                nested_key: None,
                expect: "verified",
                explain: "Verified with the public key the proof carries in its own jwk header (the key box holds the same key), and the binding verdict says the same: a DPoP proof is checked against that key by design, so it proves only that the sender holds its private half, not who the sender is. What ties the key to someone is the access token's cnf.jkt: paste the previous example's token into Access token or code and the page checks ath (the base64url SHA-256 of that token) and that cnf.jkt is this key's thumbprint. htm and htu name the one request the proof was made for, and jti lets the server refuse it twice. The dpop-iat check fails because the proof was made in November 2026: a server accepts one only minutes after it was made (RFC 9449 §4.3, §11.1). Both warnings are the design: a proof has no exp (its iat and the server's window bound its life: missing-exp), and its key comes from the token itself (token-supplied-key), which is why its signature alone proves so little.",
            });
            break;
        }
        assert_eq!(out.len(), 6, "no keys with low-S signatures for the DPoP examples in 256 tries");
        out
    }

    /// A payload whose standard base64 has a '/' (and no '+' or '=' padding), trying `jti`s in
    /// turn. ASCII text gives a '/' only from a '?' at a byte offset of 2 modulo 3: the
    /// picture's query string provides it.
    fn std_b64_with_slash() -> String {
        use base64::Engine as _;
        for n in 0..100 {
            for size in ["", "&s=64", "&s=128"] {
                let text = format!(
                    "{{\"iss\":\"{ISS}\",\"sub\":\"user-1042\",\"name\":\"Alice Example\",\"jti\":\"{n}\",\"picture\":\"{ISS}/avatar?u=1042{size}\",\"aud\":\"{AUD}\",\"iat\":{IAT},\"exp\":{EXP}}}"
                );
                let std = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
                if std.contains('/') && !std.contains(['+', '=']) {
                    return std;
                }
            }
        }
        panic!("no payload gives a '/'");
    }

    /// The examples of the file `--keep` names, if given.
    fn kept() -> Vec<gallery::Example> {
        let args: Vec<String> = std::env::args().skip(1).collect();
        match args.as_slice() {
            [] => Vec::new(),
            [flag, path] if flag == "--keep" => {
                let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
                gallery::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
            }
            _ => {
                eprintln!("usage: gallery [--keep <the committed gallery.json>]");
                std::process::exit(2);
            }
        }
    }

    pub fn main() {
        let kept = kept();
        let mut items = Vec::new();
        let mut failed = false;
        for mut e in examples() {
            // An example the kept file has keeps its token and keys; its verdict, warnings and
            // problems are found again, its title and explanation are this program's.
            if let Some(k) = kept.iter().find(|k| k.id == e.id) {
                (e.token, e.key, e.encoding, e.nested_key) =
                    (k.token.clone(), k.key.clone(), k.encoding, k.nested_key.clone());
            }
            let d = decode(&e.token);
            let req =
                Request { token: e.token.clone(), key: e.key.clone(), encoding: e.encoding, ..Request::default() };
            let report = service::verify(&req);
            let warnings: BTreeSet<&str> =
                lint(&d, NOW).iter().chain(&report.outcome.warnings).map(|w| w.code.as_str()).collect();
            let problems: Vec<&str> = d.problems.iter().map(|p| p.code.as_str()).collect();
            let verdict = report.outcome.verdict.as_str();
            eprintln!("{:<14} {verdict:<10} {warnings:?} {problems:?}\n    {}", e.id, report.outcome.message);
            if verdict != e.expect {
                eprintln!("    !! expected {}", e.expect);
                failed = true;
            }
            if let Some(inner_key) = &e.nested_key {
                let inner = String::from_utf8(report.plaintext.clone().unwrap_or_default()).unwrap_or_default();
                let r = service::verify(&Request { token: inner, key: inner_key.clone(), ..Request::default() });
                eprintln!("    inner: {} {}", r.outcome.verdict.as_str(), r.outcome.message);
                failed |= r.outcome.verdict.as_str() != "verified";
            }
            let list = |v: &mut dyn Iterator<Item = &str>| v.map(json::quote).collect::<Vec<_>>().join(", ");
            let mut fields = vec![
                ("id", json::quote(e.id)),
                ("group", json::quote(e.group)),
                ("title", json::quote(e.title)),
                ("token", json::quote(&e.token)),
                ("key", json::quote(&e.key)),
                ("encoding", json::quote(e.encoding.value())),
            ];
            if let Some(k) = &e.nested_key {
                fields.push(("nested_key", json::quote(k)));
            }
            fields.push(("verdict", json::quote(verdict)));
            fields.push(("warnings", format!("[{}]", list(&mut warnings.iter().copied()))));
            fields.push(("problems", format!("[{}]", list(&mut problems.iter().copied()))));
            fields.push(("explain", json::quote(e.explain)));
            let body: Vec<String> = fields.iter().map(|(k, v)| format!("      \"{k}\": {v}")).collect();
            items.push(format!("    {{\n{}\n    }}", body.join(",\n")));
        }
        if failed {
            eprintln!("a verdict differs from its explanation: nothing written");
            std::process::exit(1);
        }
        println!("{{\n  \"note\": {},\n  \"examples\": [\n{}\n  ]\n}}", json::quote(NOTE), items.join(",\n"));
    }
}
