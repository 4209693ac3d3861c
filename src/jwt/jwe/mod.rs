//! JWE (RFC 7516): decrypting and encrypting with every algorithm of RFC 7518 §4–5 and
//! X25519 (RFC 8037). Every primitive is a RustCrypto crate (`aes-gcm`, `aes-kw`, `cbc`,
//! `hmac`, `rsa` OAEP and PKCS#1 v1.5, `p256`/`p384`/`p521` ECDH, `x25519-dalek`,
//! `pbkdf2`, `miniz_oxide`); this module only composes them as the RFCs say: the
//! Concat KDF (RFC 7518 §4.6.2) and the AES-CBC + HMAC composite (§5.2) are compositions
//! of SHA-2, HMAC and AES-CBC, not ciphers of their own.
//!
//! Decryption is strict and says why it fails, without padding-oracle detail: an RSA1_5
//! key that does not decrypt yields a random content key (RFC 7516 §11.5), so a wrong
//! key and an altered token fail alike, at the tag.

#![cfg(feature = "crypto")]

use aes_gcm::aead::consts::U12;
use aes_gcm::aead::{Aead as _, KeyInit as _, Payload};
use cbc::cipher::{BlockModeDecrypt as _, BlockModeEncrypt as _, KeyIvInit as _, block_padding::Pkcs7};
use getrandom::SysRng;
use hmac::{Hmac, Mac as _};
use sha2::{Digest as _, Sha256, Sha384, Sha512};
use subtle::ConstantTimeEq as _;
use zeroize::Zeroizing;

use crate::jwt::alg::{ContentEncryption as Enc, ContentFamily, HashAlg, KeyFamily, KeyManagement};
use crate::jwt::base64url;
use crate::jwt::json::{self, Node, Value};
use crate::jwt::jwk::keygen::{KeygenError, ec_random, random_bytes};
use crate::jwt::jwk::{
    self, EpkError, Key, KeyError, KeyErrorKind, KeyText, Material, PrivateKey, PublicKey, SecretEncoding,
};
use crate::jwt::limits::Work;
use crate::jwt::protocol::{Report, Request};
use crate::jwt::token::Decoded;
use crate::jwt::verdict::{Outcome, Verdict};
use crate::jwt::warning::{Warning, WarningCode};

/// The most PBES2 iterations one recipient may ask for, and the largest plaintext `zip:
/// DEF` may inflate to: with every other limit, in `limits`.
pub use crate::jwt::limits::{MAX_INFLATED, MAX_P2C, SUGGESTED_INFLATED};
/// RFC 7518 §4.8.1.2: "A minimum iteration count of 1000 is RECOMMENDED."
pub const MIN_P2C: u32 = 1000;
/// The iterations the encoder uses for PBES2.
pub const ENCRYPT_P2C: u32 = 100_000;

/// Why a step failed: the key cannot be used here (`error`), or decryption failed
/// (`decrypt-failed`), with a warning the failure reveals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub verdict: Verdict,
    pub message: String,
    pub warning: Option<Warning>,
}

fn unusable(message: impl Into<String>) -> Failure {
    Failure { verdict: Verdict::Error, message: message.into(), warning: None }
}

fn failed(message: impl Into<String>) -> Failure {
    Failure { verdict: Verdict::DecryptFailed, message: message.into(), warning: None }
}

const WRONG_KEY_OR_ALTERED: &str = "wrong key, or the token was altered";

// ---- the token ----

/// One recipient: its own header (JSON serialization only) and encrypted key.
#[derive(Debug, Clone)]
struct Recipient {
    header: Option<Node>,
    encrypted_key: Vec<u8>,
}

/// A JWE, compact or JSON, with every part decoded strictly.
#[derive(Debug, Clone)]
pub struct Jwe {
    /// The protected header exactly as base64url text (the AAD's first part).
    protected_b64: String,
    protected: Option<Node>,
    shared: Option<Node>,
    recipients: Vec<Recipient>,
    iv: Vec<u8>,
    ciphertext: Vec<u8>,
    tag: Vec<u8>,
    /// The JSON serialization's `aad`, as base64url text.
    aad_b64: Option<String>,
}

/// The JOSE header of one recipient: the union of the protected, shared unprotected and
/// per-recipient headers (RFC 7516 §7.2.1).
struct Header<'a>([Option<&'a Node>; 3]);

impl<'a> Header<'a> {
    fn get(&self, name: &str) -> Option<&'a Node> {
        self.0.iter().flatten().find_map(|h| h.get(name))
    }

    fn str(&self, name: &str) -> Option<&'a str> {
        self.get(name).and_then(Node::as_str)
    }

    fn bytes(&self, name: &str) -> Result<Vec<u8>, Failure> {
        let text = self
            .str(name)
            .ok_or_else(|| failed(format!("the header has no \"{name}\" string, which this alg needs")))?;
        base64url::decode_strict(text)
            .map_err(|e| failed(format!("the header's \"{name}\" is not strict base64url: {}", e.describe())))
    }
}

impl Jwe {
    fn header(&self, r: usize) -> Header<'_> {
        Header([self.protected.as_ref(), self.shared.as_ref(), self.recipients.get(r).and_then(|r| r.header.as_ref())])
    }

    /// The additional authenticated data (RFC 7516 §5.1 step 14, §7.2.1).
    fn aad(&self) -> Vec<u8> {
        let mut aad = self.protected_b64.as_bytes().to_vec();
        if let Some(extra) = &self.aad_b64 {
            aad.push(b'.');
            aad.extend_from_slice(extra.as_bytes());
        }
        aad
    }
}

fn part(text: &str, what: &str) -> Result<Vec<u8>, Failure> {
    base64url::decode_strict(text).map_err(|e| failed(format!("the {what} is not strict base64url: {}", e.describe())))
}

fn object(text: &str, what: &str) -> Result<Node, Failure> {
    let doc = json::parse(text)
        .map_err(|e| failed(format!("the {what} is not JSON (line {}, column {}): {}", e.line, e.column, e.message)))?;
    if let Some(dup) = doc.duplicates.first() {
        return Err(failed(format!(
            "the {what} has \"{}\" more than once, and two libraries can read two different values from it: RFC 7516 §4 requires a parser to reject it or keep only the last member, and this page rejects it",
            crate::jwt::text::visible(&dup.key)
        )));
    }
    if !doc.root.is_object() {
        return Err(failed(format!("the {what} is not a JSON object")));
    }
    Ok(doc.root)
}

fn protected_header(b64: &str) -> Result<Option<Node>, Failure> {
    if b64.is_empty() {
        return Ok(None);
    }
    let bytes = part(b64, "protected header")?;
    let text = String::from_utf8(bytes).map_err(|_| failed("the protected header is not UTF-8"))?;
    object(&text, "protected header").map(Some)
}

/// Reads a JWE from its compact (five parts) or JSON serialization.
pub fn parse(token: &str) -> Result<Jwe, Failure> {
    if token.len() > crate::jwt::token::MAX_INPUT_BYTES {
        return Err(failed("the token is larger than the 10 MB this page reads"));
    }
    let token = token.trim();
    if token.starts_with('{') {
        return parse_json(token);
    }
    let parts: Vec<&str> = token.split('.').collect();
    let [h, k, iv, c, t] = parts[..] else {
        return Err(failed(format!("a compact JWE has 5 parts; this has {}", parts.len())));
    };
    if h.is_empty() {
        return Err(failed("the protected header is empty; a compact JWE needs one"));
    }
    Ok(Jwe {
        protected_b64: h.to_string(),
        protected: protected_header(h)?,
        shared: None,
        recipients: vec![Recipient { header: None, encrypted_key: part(k, "encrypted key")? }],
        iv: part(iv, "initialization vector")?,
        ciphertext: part(c, "ciphertext")?,
        tag: part(t, "authentication tag")?,
        aad_b64: None,
    })
}

fn parse_json(text: &str) -> Result<Jwe, Failure> {
    let root = object(text, "JWE JSON")?;
    let string = |name: &str| -> Result<Option<&str>, Failure> {
        match root.get(name) {
            None => Ok(None),
            Some(n) => n.as_str().map(Some).ok_or_else(|| failed(format!("\"{name}\" must be a string"))),
        }
    };
    let ciphertext = string("ciphertext")?.ok_or_else(|| failed("the JWE JSON has no \"ciphertext\""))?;
    let protected_b64 = string("protected")?.unwrap_or_default().to_string();
    let header_object = |n: Option<&Node>, what: &str| -> Result<Option<Node>, Failure> {
        match n {
            None => Ok(None),
            Some(n) if n.is_object() => Ok(Some(n.clone())),
            Some(_) => Err(failed(format!("the {what} must be a JSON object"))),
        }
    };
    let recipient = |r: &Node| -> Result<Recipient, Failure> {
        let key = match r.get("encrypted_key") {
            None => Vec::new(),
            Some(k) => part(k.as_str().ok_or_else(|| failed("\"encrypted_key\" must be a string"))?, "encrypted key")?,
        };
        Ok(Recipient { header: header_object(r.get("header"), "recipient's header")?, encrypted_key: key })
    };
    let recipients = match root.get("recipients").map(|n| &n.value) {
        Some(Value::Array(items)) if !items.is_empty() => items.iter().map(recipient).collect::<Result<_, _>>()?,
        Some(_) => return Err(failed("\"recipients\" must be a non-empty array")),
        None => vec![recipient(&root)?],
    };
    let jwe = Jwe {
        protected: protected_header(&protected_b64)?,
        protected_b64,
        shared: header_object(root.get("unprotected"), "shared unprotected header")?,
        recipients,
        iv: part(string("iv")?.unwrap_or_default(), "initialization vector")?,
        ciphertext: part(ciphertext, "ciphertext")?,
        tag: part(string("tag")?.unwrap_or_default(), "authentication tag")?,
        aad_b64: string("aad")?.map(str::to_string),
    };
    if let Some(aad) = &jwe.aad_b64 {
        part(aad, "aad")?;
    }
    // RFC 7516 §7.2.1: the three headers' member names must be disjoint. The protected and
    // shared headers are read once, each recipient's against them: linear in the text.
    fn names(node: Option<&Node>) -> &[json::Member] {
        match node.map(|n| &n.value) {
            Some(Value::Object(members)) => members,
            _ => &[],
        }
    }
    let again = |name: &str| {
        failed(format!(
            "\"{}\" appears in more than one of the JWE's headers, which RFC 7516 §7.2.1 forbids",
            crate::jwt::text::visible(name)
        ))
    };
    let mut common: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for m in names(jwe.protected.as_ref()).iter().chain(names(jwe.shared.as_ref())) {
        if !common.insert(m.key.as_str()) {
            return Err(again(&m.key));
        }
    }
    for r in &jwe.recipients {
        if let Some(m) = names(r.header.as_ref()).iter().find(|m| common.contains(m.key.as_str())) {
            return Err(again(&m.key));
        }
    }
    Ok(jwe)
}

// ---- keys ----

/// A key the user pasted for decryption (a secret or a private key), with what a JWK said
/// about it (`kid`, `alg`, `use`).
pub type DecryptionKey = Key;

/// Reads the decryption keys in the key box: a secret or password, a private PEM, a
/// private JWK, or a JWKS (each private or secret entry; the others are noted as skipped).
pub fn parse_keys(text: &str, encoding: SecretEncoding) -> Result<(Vec<DecryptionKey>, Vec<String>), KeyError> {
    let can_decrypt = |k: &Key| !matches!(k.material, Material::Public(_));
    match jwk::read(text, encoding).map_err(KeyError::needing_private)? {
        KeyText::Empty => Err(KeyError::NoDecryptionKey),
        KeyText::Keys(keys) => {
            let keys: Vec<Key> = keys.into_iter().filter(can_decrypt).collect();
            if keys.is_empty() { Err(KeyError::DecryptNeedsPrivate) } else { Ok((keys, Vec::new())) }
        }
        KeyText::Jwks(entries) => {
            let (mut found, mut skipped) = (Vec::new(), Vec::new());
            for (i, entry) in entries.into_iter().enumerate() {
                match entry {
                    Ok(k) if can_decrypt(&k) => found.push(k),
                    Ok(_) => skipped.push(format!("JWKS entry {} skipped: {}", i + 1, KeyError::DecryptNeedsPrivate)),
                    Err(err) => skipped.push(format!("JWKS entry {} skipped: {err}", i + 1)),
                }
            }
            if found.is_empty() {
                return Err(KeyError::JwksCannotDecrypt { first: skipped.first().cloned() });
            }
            Ok((found, skipped))
        }
    }
}

// ---- decryption ----

/// What decrypting gave: the verdict and its reason, the plaintext when it decrypted,
/// and which recipient and key were used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decryption {
    pub outcome: Outcome,
    pub plaintext: Option<Vec<u8>>,
}

/// Decrypts a JWE with every key that may fit; the first that works wins.
pub fn decrypt(token: &str, keys: &Result<(Vec<DecryptionKey>, Vec<String>), KeyError>) -> Decryption {
    decrypt_counted(token, keys).0
}

/// [`decrypt`], and the work it took: key × recipient attempts, PBKDF2 iterations and
/// bytes decrypted, within the limits of [`crate::jwt::limits`] (summed over every recipient
/// and key: past one, the verdict is `error` and says which).
pub fn decrypt_counted(token: &str, keys: &Result<(Vec<DecryptionKey>, Vec<String>), KeyError>) -> (Decryption, Work) {
    let mut work = Work::default();
    let decryption = decrypt_within(token, keys, &mut work);
    (decryption, work)
}

fn decrypt_within(
    token: &str,
    keys: &Result<(Vec<DecryptionKey>, Vec<String>), KeyError>,
    work: &mut Work,
) -> Decryption {
    let fail = |f: Failure| Decryption {
        outcome: Outcome {
            verdict: f.verdict,
            message: f.message,
            key: None,
            warnings: f.warning.into_iter().collect(),
        },
        plaintext: None,
    };
    let jwe = match parse(token) {
        Ok(j) => j,
        Err(mut f) => {
            f.message = format!("Not decrypted: {}.", f.message);
            return fail(f);
        }
    };
    let keys = match keys {
        Ok((k, _)) => k,
        Err(e) => {
            // A key or certificate where a secret or password is needed: the same refusal,
            // and warning, as for an HMAC secret.
            let alg = jwe.header(0).str("alg").unwrap_or_default();
            let symmetric = KeyManagement::parse(alg).is_some_and(KeyManagement::needs_secret);
            let mut f = match e.kind() {
                KeyErrorKind::NotASecret | KeyErrorKind::EmptySecret => unusable(format!("Error: {e}.")),
                _ => unusable(format!("Error: the key cannot be read: {e}.")),
            };
            // Only where a secret or password is what the alg needs: an RSA or ECDH recipient
            // given such text has no mismatch to warn of, just a key that cannot be read.
            if symmetric && matches!(e.kind(), KeyErrorKind::NotASecret | KeyErrorKind::PublicOnly) {
                f.warning = Some(Warning {
                    code: WarningCode::AlgKeyMismatch,
                    message: format!(
                        "{alg} needs a shared secret or password, but the key box holds a key or certificate; it is never used as one"
                    ),
                });
            }
            return fail(f);
        }
    };
    let n = jwe.recipients.len();
    let mut failures: Vec<(usize, Failure)> = Vec::new();
    for r in 0..n {
        let header = jwe.header(r);
        let kid = header.str("kid");
        // Keys whose kid matches, or every key when none does.
        let matching: Vec<usize> =
            (0..keys.len()).filter(|&i| kid.is_some() && keys[i].kid.as_deref() == kid).collect();
        let candidates: Vec<usize> = if matching.is_empty() { (0..keys.len()).collect() } else { matching };
        for i in candidates {
            if let Err(why) = work.decryption_attempt() {
                return fail(unusable(format!("Error: {why} (at recipient {} of {n}).", r + 1)));
            }
            match decrypt_one(&jwe, r, &keys[i], work) {
                Ok((plaintext, notes)) => {
                    let mut outcome =
                        Outcome::new(Verdict::Decrypted, success_message(&header, n, r, keys.len(), i, &notes));
                    outcome.key = Some(i);
                    if header.str("zip").is_some() && plaintext.len() > SUGGESTED_INFLATED {
                        outcome.warnings.push(Warning {
                            code: WarningCode::JweCompression,
                            message: format!(
                                "zip inflated the content from {} to {} bytes, past the {SUGGESTED_INFLATED} a recipient should accept",
                                jwe.ciphertext.len(),
                                plaintext.len()
                            ),
                        });
                    }
                    return Decryption { outcome, plaintext: Some(plaintext) };
                }
                Err(f) if work.stopped => return fail(Failure { message: format!("Error: {}.", f.message), ..f }),
                Err(f) => failures.push((i, f)),
            }
        }
    }
    // Nothing decrypted: the most telling failure. A decryption failure says more than a
    // key that does not fit, and an invalid-curve warning is always kept.
    let warnings: Vec<Warning> = failures.iter().filter_map(|(_, f)| f.warning.clone()).fold(Vec::new(), |mut v, w| {
        if !v.contains(&w) {
            v.push(w);
        }
        v
    });
    let best = failures
        .iter()
        .find(|(_, f)| f.verdict == Verdict::DecryptFailed)
        .or_else(|| failures.first())
        .map(|(_, f)| f.clone())
        .unwrap_or_else(|| unusable("no key to decrypt with"));
    let prefix = if best.verdict == Verdict::DecryptFailed { "Not decrypted" } else { "Error" };
    let tried =
        if failures.len() > 1 { format!(" ({} key and recipient pairs tried)", failures.len()) } else { String::new() };
    Decryption {
        outcome: Outcome {
            verdict: best.verdict,
            message: format!("{prefix}: {}{tried}.", best.message),
            key: None,
            warnings,
        },
        plaintext: None,
    }
}

fn success_message(h: &Header<'_>, recipients: usize, r: usize, keys: usize, k: usize, notes: &[String]) -> String {
    let alg = h.str("alg").unwrap_or("?");
    let enc = h.str("enc").unwrap_or("?");
    let mut m = format!("Decrypted with {alg} and {enc}: the authentication tag is valid");
    if recipients > 1 {
        m.push_str(&format!(", for recipient {} of {recipients}", r + 1));
    }
    if keys > 1 {
        m.push_str(&format!(", with key {} of {keys}", k + 1));
    }
    for n in notes {
        m.push_str("; ");
        m.push_str(n);
    }
    m.push('.');
    m
}

/// Decrypts for one recipient with one key: the content key, then the content.
fn decrypt_one(jwe: &Jwe, r: usize, key: &DecryptionKey, work: &mut Work) -> Result<(Vec<u8>, Vec<String>), Failure> {
    let h = jwe.header(r);
    // What must be integrity-protected is read from the protected header only: `zip` (RFC
    // 7516 §4.1.3) and `crit` (RFC 7516 §4.1.13, RFC 7515 §4.1.11). In an unprotected header
    // anyone could add, change or remove it without breaking the tag.
    for (name, section) in [("zip", "RFC 7516 §4.1.3"), ("crit", "RFC 7516 §4.1.13, RFC 7515 §4.1.11")] {
        let (shared, own) = (jwe.shared.as_ref(), jwe.recipients.get(r).and_then(|r| r.header.as_ref()));
        if let Some(which) = [(shared, "shared unprotected header"), (own, "recipient's unprotected header")]
            .into_iter()
            .find_map(|(h, which)| h.and_then(|h| h.get(name)).map(|_| which))
        {
            return Err(failed(format!(
                "\"{name}\" is in the {which}; it must be integrity-protected, in the protected header only ({section})"
            )));
        }
    }
    let alg_name = h.str("alg").ok_or_else(|| failed("the header has no \"alg\" string (RFC 7516 §4.1.1)"))?;
    let enc_name = h.str("enc").ok_or_else(|| failed("the header has no \"enc\" string (RFC 7516 §4.1.2)"))?;
    let enc = Enc::parse(enc_name).ok_or_else(|| {
        let known: Vec<&str> = Enc::ALL.iter().map(|e| e.name()).collect();
        unusable(format!("the content encryption \"{enc_name}\" is not supported ({})", known.join(", ")))
    })?;
    if let Some(crit) = jwe.protected.as_ref().and_then(|p| p.get("crit")) {
        return Err(failed(format!(
            "the header lists {} in \"crit\", an extension this page does not implement, so it must not decrypt (RFC 7516 §4.1.13)",
            match &crit.value {
                Value::Array(items) =>
                    items.iter().map(|i| format!("\"{}\"", i.as_str().unwrap_or("?"))).collect::<Vec<_>>().join(", "),
                other => other.type_name().to_string(),
            }
        )));
    }
    let Some(alg) = KeyManagement::parse(alg_name) else {
        return Err(unusable(format!("the key management algorithm \"{alg_name}\" is not supported")));
    };
    if let Some(pinned) = &key.alg {
        // A `dir` key may name the content encryption it is for (RFC 7520 §5.6 does).
        let dir_for_enc = alg == KeyManagement::Dir && Enc::parse(pinned) == Some(enc);
        if KeyManagement::parse(pinned) != Some(alg) && !dir_for_enc {
            return Err(unusable(format!("the key is pinned to alg \"{pinned}\" but the token uses \"{alg}\"")));
        }
    }
    if key.use_.as_deref() == Some("sig") {
        return Err(unusable("the key is marked for signatures (\"use\": \"sig\"), not encryption"));
    }
    let encrypted_key = &jwe.recipients[r].encrypted_key;
    let cek = content_key(alg, enc, &h, encrypted_key, &key.material, work)?;
    let aad = jwe.aad();
    work.bytes(aad.len().saturating_add(jwe.ciphertext.len())).map_err(|l| unusable(l.to_string()))?;
    let mut plaintext = content_decrypt(enc, &cek, &jwe.iv, &aad, &jwe.ciphertext, &jwe.tag)?;
    let mut notes = Vec::new();
    match h.str("zip") {
        None => {}
        Some("DEF") => {
            plaintext = miniz_oxide::inflate::decompress_to_vec_with_limit(&plaintext, MAX_INFLATED).map_err(|e| {
                failed(format!(
                    "the plaintext is marked zip DEF but does not inflate{}",
                    if matches!(e.status, miniz_oxide::inflate::TINFLStatus::HasMoreOutput) {
                        format!(" within {} MiB", MAX_INFLATED / (1024 * 1024))
                    } else {
                        String::new()
                    }
                ))
            })?;
            notes.push("inflated (zip DEF)".to_string());
        }
        Some(other) => {
            return Err(unusable(format!("the compression \"zip\": \"{other}\" is not supported (only DEF)")));
        }
    }
    Ok((plaintext, notes))
}

/// The shared secret a key-management step needs, of `len` bytes if given; `what` names the
/// step in the refusal.
fn secret_of<'k>(key: &'k Material, what: &str, len: Option<usize>) -> Result<&'k [u8], Failure> {
    let Material::Secret(s) = key else {
        return Err(unusable(format!("{what} needs a shared secret, but the key is {}", key.kind())));
    };
    match len {
        Some(n) if s.bytes().len() != n => Err(unusable(format!(
            "{what} needs a {n}-byte ({}-bit) key; this secret has {} bytes (check the secret encoding)",
            n * 8,
            s.bytes().len()
        ))),
        _ => Ok(s.bytes()),
    }
}

/// The content encryption key for one recipient (RFC 7516 §5.2 steps 4–7).
fn content_key(
    alg: KeyManagement,
    enc: Enc,
    h: &Header<'_>,
    encrypted_key: &[u8],
    key: &Material,
    work: &mut Work,
) -> Result<Zeroizing<Vec<u8>>, Failure> {
    let must_be_empty = |what: &str| {
        if encrypted_key.is_empty() {
            Ok(())
        } else {
            Err(failed(format!("with {what} the encrypted key must be empty (RFC 7516 §5.2 step 6)")))
        }
    };
    let name = alg.name();
    // The key-wrap key's size, for the families that wrap.
    let kw_len = alg.wrap_key_len().unwrap_or(16);
    match alg.family() {
        KeyFamily::Direct => {
            must_be_empty(name)?;
            Ok(Zeroizing::new(secret_of(key, "dir with this enc", Some(enc.key_len()))?.to_vec()))
        }
        KeyFamily::AesKeyWrap => {
            let kek = secret_of(key, name, Some(kw_len))?;
            unwrap(kek, encrypted_key, enc)
        }
        KeyFamily::AesGcmKeyWrap => {
            let kek = secret_of(key, name, Some(kw_len))?;
            let iv = h.bytes("iv")?;
            let tag = h.bytes("tag")?;
            let cek = gcm_decrypt(kek, &iv, b"", encrypted_key, &tag)
                .map_err(|f| failed(format!("the content key does not unwrap: {}", f.message)))?;
            check_len(Zeroizing::new(cek), enc)
        }
        KeyFamily::Pbes2 => {
            let password = secret_of(key, name, None)?;
            let p2s = h.bytes("p2s")?;
            let p2c = h.get("p2c").and_then(Node::as_f64).ok_or_else(|| failed("the header has no \"p2c\" number"))?;
            if !(p2c >= 1.0 && p2c.fract() == 0.0) {
                return Err(failed(format!("\"p2c\" must be a positive integer, not {p2c}")));
            }
            if p2c > f64::from(MAX_P2C) {
                return Err(unusable(format!(
                    "\"p2c\" asks for {p2c} PBKDF2 iterations; this page stops at {MAX_P2C} so that no token can make it spin"
                )));
            }
            work.pbkdf2(p2c as u32).map_err(|l| unusable(l.to_string()))?;
            let kek = pbes2_kek(alg, password, &p2s, p2c as u32);
            unwrap(&kek, encrypted_key, enc)
        }
        KeyFamily::RsaEncryption => {
            let Material::Private(PrivateKey::Rsa(k)) = key else {
                return Err(unusable(format!("{name} needs an RSA private key, but the key is {}", key.kind())));
            };
            match alg.hash() {
                Some(HashAlg::Sha1) => k
                    .oaep_decrypt_with_rng::<sha1::Sha1, _>(&mut SysRng, encrypted_key)
                    .map_err(|_| {
                        failed(format!("RSA-OAEP decryption of the content key failed: {WRONG_KEY_OR_ALTERED}"))
                    })
                    .map(Zeroizing::new)
                    .and_then(|c| check_len(c, enc)),
                Some(_) => k
                    .oaep_decrypt_with_rng::<Sha256, _>(&mut SysRng, encrypted_key)
                    .map_err(|_| {
                        failed(format!("RSA-OAEP-256 decryption of the content key failed: {WRONG_KEY_OR_ALTERED}"))
                    })
                    .map(Zeroizing::new)
                    .and_then(|c| check_len(c, enc)),
                // RSA1_5, whose padding names no hash.
                None => {
                    // RFC 7516 §11.5: whatever the padding, go on with a key of the right
                    // length, random when the decrypted one is not; a wrong key then fails
                    // at the tag exactly like an altered token (no padding oracle).
                    let random = random_bytes(enc.key_len()).map_err(|e| unusable(e.to_string()))?;
                    let cek = k.decrypt_blinded(&mut SysRng, rsa::Pkcs1v15Encrypt, encrypted_key).ok();
                    Ok(match cek {
                        Some(c) if c.len() == enc.key_len() => Zeroizing::new(c),
                        _ => random,
                    })
                }
            }
        }
        KeyFamily::EcdhEs | KeyFamily::EcdhEsKeyWrap => {
            let direct = alg.family() == KeyFamily::EcdhEs;
            if direct {
                must_be_empty(name)?;
            }
            let epk = h.get("epk").ok_or_else(|| failed("the header has no \"epk\" (ephemeral public key)"))?;
            let z = agree(key, epk)?;
            let apu = optional_bytes(h, "apu")?;
            let apv = optional_bytes(h, "apv")?;
            // RFC 7518 §4.6.2: AlgorithmID is the enc for direct agreement, else the alg.
            let (id, len) = if direct { (enc.name(), enc.key_len()) } else { (name, kw_len) };
            let derived = concat_kdf(&z, id, &apu, &apv, len);
            if direct { Ok(derived) } else { unwrap(&derived, encrypted_key, enc) }
        }
    }
}

fn optional_bytes(h: &Header<'_>, name: &str) -> Result<Vec<u8>, Failure> {
    if h.get(name).is_some() { h.bytes(name) } else { Ok(Vec::new()) }
}

fn check_len(cek: Zeroizing<Vec<u8>>, enc: Enc) -> Result<Zeroizing<Vec<u8>>, Failure> {
    if cek.len() == enc.key_len() {
        Ok(cek)
    } else {
        Err(failed(format!("the content key has {} bytes; the enc needs {}", cek.len(), enc.key_len())))
    }
}

/// The AES key-wrap cipher for a key-encryption key of 16, 24 or 32 bytes, given to `$body`
/// as `$k`; `None` for any other length.
macro_rules! with_kek {
    ($kek:expr, |$k:ident| $body:expr) => {
        match $kek.len() {
            16 => aes_kw::KwAes128::new_from_slice($kek).ok().map(|$k| $body),
            24 => aes_kw::KwAes192::new_from_slice($kek).ok().map(|$k| $body),
            32 => aes_kw::KwAes256::new_from_slice($kek).ok().map(|$k| $body),
            _ => None,
        }
    };
}

/// AES key unwrap (RFC 3394) of the content key.
fn unwrap(kek: &[u8], wrapped: &[u8], enc: Enc) -> Result<Zeroizing<Vec<u8>>, Failure> {
    check_len(unwrap_raw(kek, wrapped)?, enc)
}

fn unwrap_raw(kek: &[u8], wrapped: &[u8]) -> Result<Zeroizing<Vec<u8>>, Failure> {
    // RFC 3394 §2: at least two 64-bit blocks are wrapped, so 24 bytes at least; the
    // crate would unwrap a single block (Wycheproof's aes_wrap tcId 11 and 13).
    if !wrapped.len().is_multiple_of(8) || wrapped.len() < 24 {
        return Err(failed(format!(
            "the encrypted key has {} bytes; an AES-wrapped key is a multiple of 8 and at least 24",
            wrapped.len()
        )));
    }
    let mut buf = Zeroizing::new(vec![0u8; wrapped.len()]);
    let result = with_kek!(kek, |k| k.unwrap_key(wrapped, &mut buf).map(<[u8]>::len));
    match result {
        Some(Ok(n)) => {
            buf.truncate(n);
            Ok(buf)
        }
        Some(Err(_)) => {
            Err(failed(format!("AES key unwrap failed (its integrity check did not hold): {WRONG_KEY_OR_ALTERED}")))
        }
        None => Err(unusable("the key-encryption key has the wrong length")),
    }
}

fn wrap(kek: &[u8], cek: &[u8]) -> Result<Vec<u8>, EncryptError> {
    let mut buf = vec![0u8; cek.len() + 8];
    let done = with_kek!(kek, |k| k.wrap_key(cek, &mut buf).map(<[u8]>::len));
    match done {
        Some(Ok(n)) => {
            buf.truncate(n);
            Ok(buf)
        }
        _ => Err(EncryptError::Wrap),
    }
}

/// The key-encryption key of a PBES2 algorithm (RFC 7518 §4.8.1.1): PBKDF2 with the
/// algorithm's HMAC, as long as its AES key wrap needs.
fn pbes2_kek(alg: KeyManagement, password: &[u8], p2s: &[u8], p2c: u32) -> Zeroizing<Vec<u8>> {
    // RFC 7518 §4.8.1.1: the salt is the alg name, a zero byte, then p2s.
    let mut salt = alg.name().as_bytes().to_vec();
    salt.push(0);
    salt.extend_from_slice(p2s);
    let mut kek = Zeroizing::new(vec![0u8; alg.wrap_key_len().unwrap_or(16)]);
    match alg.hash() {
        Some(HashAlg::Sha384) => pbkdf2::pbkdf2_hmac::<Sha384>(password, &salt, p2c, &mut kek),
        Some(HashAlg::Sha512) => pbkdf2::pbkdf2_hmac::<Sha512>(password, &salt, p2c, &mut kek),
        _ => pbkdf2::pbkdf2_hmac::<Sha256>(password, &salt, p2c, &mut kek),
    }
    kek
}

/// The Concat KDF of NIST SP 800-56A with SHA-256, as RFC 7518 §4.6.2 uses it.
fn concat_kdf(z: &[u8], alg_id: &str, apu: &[u8], apv: &[u8], len: usize) -> Zeroizing<Vec<u8>> {
    let field = |bytes: &[u8]| {
        let mut v = (bytes.len() as u32).to_be_bytes().to_vec();
        v.extend_from_slice(bytes);
        v
    };
    let mut other = field(alg_id.as_bytes());
    other.extend(field(apu));
    other.extend(field(apv));
    other.extend(((len * 8) as u32).to_be_bytes());
    let mut out = Zeroizing::new(Vec::with_capacity(len + 32));
    let mut counter: u32 = 1;
    while out.len() < len {
        let mut hash = Sha256::new();
        hash.update(counter.to_be_bytes());
        hash.update(z);
        hash.update(&other);
        out.extend_from_slice(&hash.finalize());
        counter += 1;
    }
    out.truncate(len);
    out
}

fn invalid_curve(message: String) -> Failure {
    Failure {
        verdict: Verdict::DecryptFailed,
        warning: Some(Warning { code: WarningCode::InvalidCurve, message: message.clone() }),
        message,
    }
}

/// The header's `epk`, read by [`jwk::ephemeral`]: a point off its curve fails with the
/// `invalid-curve` warning, a kind of key ECDH-ES does not use here is an error.
fn read_epk(epk: &Node) -> Result<PublicKey, Failure> {
    jwk::ephemeral(epk).map_err(|e| match e {
        EpkError::OffCurve { .. } => invalid_curve(e.to_string()),
        EpkError::Unsupported { .. } => unusable(e.to_string()),
        e => failed(e.to_string()),
    })
}

/// The shared secret Z of the recipient's private key and the token's `epk`.
fn agree(key: &Material, epk: &Node) -> Result<Zeroizing<Vec<u8>>, Failure> {
    let eph = read_epk(epk)?;
    let z = match (key, &eph) {
        (Material::Private(PrivateKey::P256(k)), PublicKey::P256(p)) => {
            p256::ecdh::diffie_hellman(k.as_nonzero_scalar(), p.as_affine()).raw_secret_bytes().to_vec()
        }
        (Material::Private(PrivateKey::P384(k)), PublicKey::P384(p)) => {
            p384::ecdh::diffie_hellman(k.as_nonzero_scalar(), p.as_affine()).raw_secret_bytes().to_vec()
        }
        (Material::Private(PrivateKey::P521(k)), PublicKey::P521(p)) => {
            p521::ecdh::diffie_hellman(k.as_nonzero_scalar(), p.as_affine()).raw_secret_bytes().to_vec()
        }
        (Material::Private(PrivateKey::X25519(k)), PublicKey::X25519(p)) => {
            let shared = k.diffie_hellman(p);
            if !shared.was_contributory() {
                return Err(invalid_curve(
                    "the X25519 \"epk\" is a low-order point, which makes the shared secret zero whatever the key; it is refused".into(),
                ));
            }
            shared.as_bytes().to_vec()
        }
        (k, e) => {
            let epk_curve = match e {
                PublicKey::P256(_) => "P-256",
                PublicKey::P384(_) => "P-384",
                PublicKey::P521(_) => "P-521",
                _ => "X25519",
            };
            return Err(unusable(format!(
                "the token's ephemeral key is on {epk_curve}, so decrypting needs a {epk_curve} private key; the key is {}",
                k.kind()
            )));
        }
    };
    Ok(Zeroizing::new(z))
}

fn gcm_decrypt(key: &[u8], iv: &[u8], aad: &[u8], ct: &[u8], tag: &[u8]) -> Result<Vec<u8>, Failure> {
    if iv.len() != 12 {
        return Err(failed(format!("the AES-GCM IV has {} bytes; it must have 12", iv.len())));
    }
    if tag.len() != 16 {
        return Err(failed(format!("the AES-GCM tag has {} bytes; it must have 16", tag.len())));
    }
    let mut msg = ct.to_vec();
    msg.extend_from_slice(tag);
    let payload = Payload { msg: &msg, aad };
    let nonce = aes_gcm::Nonce::<U12>::try_from(iv).map_err(|_| failed("bad IV"))?;
    let result = match key.len() {
        16 => aes_gcm::Aes128Gcm::new_from_slice(key).ok().map(|c| c.decrypt(&nonce, payload)),
        24 => aes_gcm::AesGcm::<aes::Aes192, U12>::new_from_slice(key).ok().map(|c| c.decrypt(&nonce, payload)),
        32 => aes_gcm::Aes256Gcm::new_from_slice(key).ok().map(|c| c.decrypt(&nonce, payload)),
        _ => None,
    };
    match result {
        Some(Ok(p)) => Ok(p),
        Some(Err(_)) => Err(failed(format!("the authentication tag does not match: {WRONG_KEY_OR_ALTERED}"))),
        None => Err(unusable("the AES-GCM key has the wrong length")),
    }
}

fn gcm_encrypt(key: &[u8], iv: &[u8], aad: &[u8], plaintext: &[u8]) -> Result<(Vec<u8>, Vec<u8>), EncryptError> {
    let nonce = aes_gcm::Nonce::<U12>::try_from(iv).map_err(|_| EncryptError::Iv)?;
    let payload = Payload { msg: plaintext, aad };
    let out = match key.len() {
        16 => aes_gcm::Aes128Gcm::new_from_slice(key).ok().map(|c| c.encrypt(&nonce, payload)),
        24 => aes_gcm::AesGcm::<aes::Aes192, U12>::new_from_slice(key).ok().map(|c| c.encrypt(&nonce, payload)),
        32 => aes_gcm::Aes256Gcm::new_from_slice(key).ok().map(|c| c.encrypt(&nonce, payload)),
        _ => None,
    };
    let mut ct = match out {
        Some(Ok(c)) => c,
        _ => return Err(EncryptError::Gcm),
    };
    let tag = ct.split_off(ct.len().saturating_sub(16));
    Ok((ct, tag))
}

/// HMAC over AAD ‖ IV ‖ ciphertext ‖ AL (RFC 7518 §5.2.2.1), with the enc's hash, its
/// first [`Enc::tag_len`] bytes.
fn cbc_hs_tag(enc: Enc, mac_key: &[u8], aad: &[u8], iv: &[u8], ct: &[u8]) -> Vec<u8> {
    let n = enc.tag_len();
    let al = ((aad.len() as u64).saturating_mul(8)).to_be_bytes();
    macro_rules! tag {
        ($d:ty) => {{
            // HMAC takes a key of any length; should it ever refuse, an empty tag never matches.
            let Ok(mut m) = <Hmac<$d> as hmac::KeyInit>::new_from_slice(mac_key) else { return Vec::new() };
            m.update(aad);
            m.update(iv);
            m.update(ct);
            m.update(&al);
            m.finalize().into_bytes()[..n].to_vec()
        }};
    }
    match enc.hash() {
        Some(HashAlg::Sha384) => tag!(Sha384),
        Some(HashAlg::Sha512) => tag!(Sha512),
        _ => tag!(Sha256),
    }
}

fn content_decrypt(enc: Enc, cek: &[u8], iv: &[u8], aad: &[u8], ct: &[u8], tag: &[u8]) -> Result<Vec<u8>, Failure> {
    if iv.len() != enc.iv_len() {
        return Err(failed(format!("the IV has {} bytes; this enc uses {}", iv.len(), enc.iv_len())));
    }
    match enc.family() {
        ContentFamily::AesGcm => gcm_decrypt(cek, iv, aad, ct, tag),
        ContentFamily::AesCbcHmac => {
            let n = enc.tag_len();
            if tag.len() != n {
                return Err(failed(format!("the authentication tag has {} bytes; this enc uses {n}", tag.len())));
            }
            let (mac_key, enc_key) = cek.split_at(enc.aes_key_len());
            let expected = cbc_hs_tag(enc, mac_key, aad, iv, ct);
            // Constant time: the tag is checked before anything is decrypted.
            if !bool::from(expected.ct_eq(tag)) {
                return Err(failed(format!("the authentication tag does not match: {WRONG_KEY_OR_ALTERED}")));
            }
            let plain = match enc.aes_key_len() {
                16 => cbc::Decryptor::<aes::Aes128>::new_from_slices(enc_key, iv)
                    .ok()
                    .map(|d| d.decrypt_padded_vec::<Pkcs7>(ct)),
                24 => cbc::Decryptor::<aes::Aes192>::new_from_slices(enc_key, iv)
                    .ok()
                    .map(|d| d.decrypt_padded_vec::<Pkcs7>(ct)),
                _ => cbc::Decryptor::<aes::Aes256>::new_from_slices(enc_key, iv)
                    .ok()
                    .map(|d| d.decrypt_padded_vec::<Pkcs7>(ct)),
            };
            match plain {
                Some(Ok(p)) => Ok(p),
                // Only reachable with a valid tag, i.e. by whoever holds the key.
                _ => Err(failed("the tag is valid but the content's padding is not")),
            }
        }
    }
}

fn content_encrypt(
    enc: Enc,
    cek: &[u8],
    iv: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<(Vec<u8>, Vec<u8>), EncryptError> {
    match enc.family() {
        ContentFamily::AesGcm => gcm_encrypt(cek, iv, aad, plaintext),
        ContentFamily::AesCbcHmac => {
            let (mac_key, enc_key) = cek.split_at(enc.aes_key_len());
            let ct = match enc.aes_key_len() {
                16 => cbc::Encryptor::<aes::Aes128>::new_from_slices(enc_key, iv)
                    .map(|e| e.encrypt_padded_vec::<Pkcs7>(plaintext)),
                24 => cbc::Encryptor::<aes::Aes192>::new_from_slices(enc_key, iv)
                    .map(|e| e.encrypt_padded_vec::<Pkcs7>(plaintext)),
                _ => cbc::Encryptor::<aes::Aes256>::new_from_slices(enc_key, iv)
                    .map(|e| e.encrypt_padded_vec::<Pkcs7>(plaintext)),
            }
            .map_err(|_| EncryptError::Cbc)?;
            let tag = cbc_hs_tag(enc, mac_key, aad, iv, &ct);
            Ok((ct, tag))
        }
    }
}

// ---- encryption ----

/// What to encrypt, and to whom.
pub struct Encryption<'a> {
    pub plaintext: &'a [u8],
    pub alg: &'a str,
    pub enc: &'a str,
    /// The recipient's public key (PEM, certificate, JWK) or the shared secret or password.
    pub key: &'a str,
    pub encoding: SecretEncoding,
    /// `cty` for the header (`JWT` for a nested token).
    pub cty: Option<&'a str>,
    /// Compress the plaintext first (`zip: DEF`).
    pub zip: bool,
}

/// Why a JWE could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EncryptError {
    /// A content encryption this page does not know.
    Enc { enc: String },
    /// A key management algorithm this page does not encrypt with.
    Alg { alg: String },
    /// The key text gives no key to encrypt to.
    Key(KeyError),
    /// The alg encrypts with a shared secret, and the key is not one.
    NeedsSecret { alg: String },
    /// The secret has the wrong length for the alg.
    SecretLength { alg: String, needs: usize, has: usize },
    /// The alg encrypts to an RSA public key, and the key is not one.
    NeedsRsa { alg: String },
    /// The alg (ECDH-ES) needs an EC or X25519 key, and the key is not one.
    NeedsEcdhKey,
    /// RSA1_5, which is only decrypted here.
    Rsa15,
    /// RSA-OAEP failed.
    Oaep { why: String },
    /// The recipient's X25519 key makes no shared secret.
    LowOrder,
    /// No random bytes (content key, IV, salt or ephemeral key).
    Random(KeygenError),
    /// An IV of the wrong length for AES-GCM.
    Iv,
    /// AES-GCM failed.
    Gcm,
    /// An AES-CBC key or IV of the wrong length.
    Cbc,
    /// AES key wrap failed.
    Wrap,
}

impl From<KeygenError> for EncryptError {
    fn from(e: KeygenError) -> Self {
        EncryptError::Random(e)
    }
}

impl std::fmt::Display for EncryptError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EncryptError::Enc { enc } => write!(f, "the content encryption \"{enc}\" is not supported"),
            EncryptError::Alg { alg } => write!(f, "the key management algorithm \"{alg}\" is not supported"),
            EncryptError::Key(e) => e.fmt(f),
            EncryptError::NeedsSecret { alg } => {
                write!(f, "{alg} encrypts with a shared secret; paste one (not a public key)")
            }
            EncryptError::SecretLength { alg, needs, has } => write!(
                f,
                "{alg} needs a {needs}-byte ({}-bit) secret; this one has {has} bytes (check the secret encoding)",
                needs * 8
            ),
            EncryptError::NeedsRsa { alg } => write!(f, "{alg} encrypts to an RSA public key"),
            EncryptError::NeedsEcdhKey => {
                f.write_str("ECDH-ES encrypts to an EC (P-256, P-384, P-521) or X25519 public key")
            }
            EncryptError::Rsa15 => {
                f.write_str("RSA1_5 is deprecated and vulnerable (RFC 8725 §3.2); this page only decrypts it")
            }
            EncryptError::Oaep { why } => write!(f, "RSA-OAEP encryption failed: {why}"),
            EncryptError::LowOrder => f.write_str("the recipient's X25519 key is a low-order point"),
            EncryptError::Random(e) => e.fmt(f),
            EncryptError::Iv => f.write_str("bad IV"),
            EncryptError::Gcm => f.write_str("AES-GCM encryption failed"),
            EncryptError::Cbc => f.write_str("AES-CBC key or IV has the wrong length"),
            EncryptError::Wrap => f.write_str("AES key wrap failed"),
        }
    }
}

impl std::error::Error for EncryptError {}

/// The recipient's key for encryption.
enum RecipientKey {
    Secret(Zeroizing<Vec<u8>>),
    Rsa(rsa::PublicKey),
    P256(p256::PublicKey),
    P384(p384::PublicKey),
    P521(p521::PublicKey),
    X25519(x25519_dalek::PublicKey),
}

/// The key a JWE is encrypted to: the first key [`jwk::read`] finds in the text, a public
/// key (or a private key's public half) or a shared secret.
fn recipient_key(text: &str, encoding: SecretEncoding) -> Result<RecipientKey, KeyError> {
    let key = match jwk::read(text, encoding)? {
        KeyText::Empty => None,
        KeyText::Keys(keys) => keys.into_iter().next(),
        KeyText::Jwks(entries) => match entries.into_iter().flatten().next() {
            Some(key) => Some(key),
            // No entry can be read: say why, as the verifier does.
            None => return jwk::parse(text, encoding).and(Err(KeyError::NoRecipientKey)),
        },
    };
    let key = key.ok_or(KeyError::NoRecipientKey)?;
    let public = match key.material {
        Material::Secret(s) => return Ok(RecipientKey::Secret(Zeroizing::new(s.bytes().to_vec()))),
        Material::Public(p) => p,
        Material::Private(p) => p.public(),
    };
    Ok(match public {
        PublicKey::Rsa(k) => RecipientKey::Rsa(k),
        PublicKey::P256(k) => RecipientKey::P256(k.into()),
        PublicKey::P384(k) => RecipientKey::P384(k.into()),
        PublicKey::P521(k) => RecipientKey::P521(k.into()),
        PublicKey::X25519(k) => RecipientKey::X25519(k),
        p => return Err(KeyError::CannotEncryptTo { what: p.describe() }),
    })
}

/// Encrypts to compact JWE (RFC 7516 §5.1), or says why it cannot.
pub fn encrypt(e: &Encryption<'_>) -> Result<String, EncryptError> {
    let enc = Enc::parse(e.enc).ok_or_else(|| EncryptError::Enc { enc: e.enc.to_string() })?;
    let recipient = recipient_key(e.key, e.encoding).map_err(EncryptError::Key)?;
    let mut header: Vec<(String, String)> =
        vec![("alg".into(), json::quote(e.alg)), ("enc".into(), json::quote(e.enc))];
    if let Some(cty) = e.cty {
        header.push(("cty".into(), json::quote(cty)));
    }
    if e.zip {
        header.push(("zip".into(), "\"DEF\"".into()));
    }
    let need_secret = |alg: &str, len: Option<usize>| -> Result<Zeroizing<Vec<u8>>, EncryptError> {
        let RecipientKey::Secret(s) = &recipient else {
            return Err(EncryptError::NeedsSecret { alg: alg.to_string() });
        };
        match len {
            Some(n) if s.len() != n => Err(EncryptError::SecretLength { alg: alg.to_string(), needs: n, has: s.len() }),
            _ => Ok(s.clone()),
        }
    };
    let fresh_cek = || random_bytes(enc.key_len());
    let Some(alg) = KeyManagement::parse(e.alg) else {
        return Err(EncryptError::Alg { alg: e.alg.to_string() });
    };
    let name = alg.name();
    let kw_len = alg.wrap_key_len().unwrap_or(16);
    let (cek, encrypted_key): (Zeroizing<Vec<u8>>, Vec<u8>) = match alg.family() {
        KeyFamily::Direct => (need_secret("dir with this enc", Some(enc.key_len()))?, Vec::new()),
        KeyFamily::AesKeyWrap => {
            let kek = need_secret(name, Some(kw_len))?;
            let cek = fresh_cek()?;
            let wrapped = wrap(&kek, &cek)?;
            (cek, wrapped)
        }
        KeyFamily::AesGcmKeyWrap => {
            let kek = need_secret(name, Some(kw_len))?;
            let cek = fresh_cek()?;
            let iv = random_bytes(12)?;
            let (wrapped, tag) = gcm_encrypt(&kek, &iv, b"", &cek)?;
            header.push(("iv".into(), json::quote(&base64url::encode(&iv))));
            header.push(("tag".into(), json::quote(&base64url::encode(&tag))));
            (cek, wrapped)
        }
        KeyFamily::Pbes2 => {
            let password = need_secret(name, None)?;
            let p2s = random_bytes(16)?;
            let kek = pbes2_kek(alg, &password, &p2s, ENCRYPT_P2C);
            let cek = fresh_cek()?;
            header.push(("p2s".into(), json::quote(&base64url::encode(&p2s))));
            header.push(("p2c".into(), ENCRYPT_P2C.to_string()));
            (cek.clone(), wrap(&kek, &cek)?)
        }
        KeyFamily::RsaEncryption if !alg.encrypts() => {
            return Err(EncryptError::Rsa15);
        }
        KeyFamily::RsaEncryption => {
            let RecipientKey::Rsa(k) = &recipient else {
                return Err(EncryptError::NeedsRsa { alg: name.to_string() });
            };
            let cek = fresh_cek()?;
            let wrapped = if alg.hash() == Some(HashAlg::Sha1) {
                k.oaep_encrypt_with_rng::<sha1::Sha1, _>(&mut SysRng, &cek)
            } else {
                k.oaep_encrypt_with_rng::<Sha256, _>(&mut SysRng, &cek)
            }
            .map_err(|err| EncryptError::Oaep { why: err.to_string() })?;
            (cek, wrapped)
        }
        KeyFamily::EcdhEs | KeyFamily::EcdhEsKeyWrap => {
            let (z, epk) = ephemeral_agree(&recipient)?;
            header.push(("epk".into(), epk));
            let direct = alg.family() == KeyFamily::EcdhEs;
            let (id, len) = if direct { (enc.name(), enc.key_len()) } else { (name, kw_len) };
            let derived = concat_kdf(&z, id, b"", b"", len);
            if direct {
                (derived, Vec::new())
            } else {
                let cek = fresh_cek()?;
                let wrapped = wrap(&derived, &cek)?;
                (cek, wrapped)
            }
        }
    };
    let header_text =
        format!("{{{}}}", header.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect::<Vec<_>>().join(","));
    let protected = base64url::encode(header_text.as_bytes());
    let iv = random_bytes(enc.iv_len())?;
    let body = if e.zip { miniz_oxide::deflate::compress_to_vec(e.plaintext, 6) } else { e.plaintext.to_vec() };
    let (ct, tag) = content_encrypt(enc, &cek, &iv, protected.as_bytes(), &body)?;
    Ok(format!(
        "{protected}.{}.{}.{}.{}",
        base64url::encode(&encrypted_key),
        base64url::encode(&iv),
        base64url::encode(&ct),
        base64url::encode(&tag)
    ))
}

/// A fresh ephemeral key on the recipient's curve: the shared secret and the `epk` JWK.
fn ephemeral_agree(recipient: &RecipientKey) -> Result<(Zeroizing<Vec<u8>>, String), EncryptError> {
    macro_rules! ec {
        ($krate:ident, $len:expr, $mask:expr, $variant:ident, $public:expr) => {{
            let sk = ec_random($len, $mask, |b| $krate::SecretKey::from_slice(b).ok())?;
            let z = $krate::ecdh::diffie_hellman(sk.to_nonzero_scalar(), $public.as_affine());
            (Zeroizing::new(z.raw_secret_bytes().to_vec()), PublicKey::$variant(sk.public_key().into()).jwk())
        }};
    }
    Ok(match recipient {
        RecipientKey::P256(p) => ec!(p256, 32, 0xff, P256, p),
        RecipientKey::P384(p) => ec!(p384, 48, 0xff, P384, p),
        RecipientKey::P521(p) => ec!(p521, 66, 0x01, P521, p),
        RecipientKey::X25519(p) => {
            let bytes = random_bytes(32)?;
            let mut seed = [0u8; 32];
            seed.copy_from_slice(&bytes);
            let sk = x25519_dalek::StaticSecret::from(seed);
            zeroize::Zeroize::zeroize(&mut seed);
            let epk = x25519_dalek::PublicKey::from(&sk);
            let shared = sk.diffie_hellman(p);
            if !shared.was_contributory() {
                return Err(EncryptError::LowOrder);
            }
            (Zeroizing::new(shared.as_bytes().to_vec()), PublicKey::X25519(epk).jwk())
        }
        _ => return Err(EncryptError::NeedsEcdhKey),
    })
}

/// Answers a verify question whose token is a JWE: decrypted with the key box's keys. The
/// JSON serialization is decrypted from the text as pasted (its decoded form shows the
/// first recipient only); a compact token from what the cleaner found.
pub fn answer(req: &Request, d: &Decoded) -> Report {
    let text = if req.token.trim_start().starts_with('{') { req.token.trim() } else { d.input.token.as_str() };
    let keys = parse_keys(&req.key, req.encoding);
    // A protected header with a duplicate member: refused as the page refuses it, in its words.
    let result = match crate::jwt::verdict::duplicate_header(d, !req.key.trim().is_empty()) {
        Some(outcome) => Decryption { outcome, plaintext: None },
        None => decrypt(text, &keys),
    };
    // The keys listed are the keys tried, read once: the verdict's key index is theirs.
    let (summary, skipped) = match &keys {
        Ok((found, skipped)) => (jwk::summaries(found), skipped.clone()),
        Err(_) => (Vec::new(), Vec::new()),
    };
    Report { id: req.id, outcome: result.outcome, keys: summary, skipped, plaintext: result.plaintext }
}

/// The building blocks above, exposed so that Wycheproof's primitive vectors (AES-GCM,
/// AES-KW, AES-CBC-HMAC, RSA-OAEP, ECDH) run through exactly the code JWE uses.
pub mod primitives {
    use super::*;

    /// AES-GCM as JWE uses it: 96-bit IV, 128-bit tag; anything else is refused.
    pub fn aes_gcm_decrypt(key: &[u8], iv: &[u8], aad: &[u8], ct: &[u8], tag: &[u8]) -> Option<Vec<u8>> {
        gcm_decrypt(key, iv, aad, ct, tag).ok()
    }

    /// AES key unwrap (RFC 3394).
    pub fn aes_unwrap(kek: &[u8], wrapped: &[u8]) -> Option<Vec<u8>> {
        unwrap_raw(kek, wrapped).ok().map(|k| k.to_vec())
    }

    /// AES-CBC with HMAC-SHA-2 (RFC 7518 §5.2), the enc chosen by the key's length.
    pub fn cbc_hs_decrypt(key: &[u8], iv: &[u8], aad: &[u8], ct: &[u8], tag: &[u8]) -> Option<Vec<u8>> {
        let enc = Enc::ALL.into_iter().find(|e| e.family() == ContentFamily::AesCbcHmac && e.key_len() == key.len())?;
        content_decrypt(enc, key, iv, aad, ct, tag).ok()
    }

    /// RSA-OAEP decryption with SHA-1 (`RSA-OAEP`) or SHA-256 (`RSA-OAEP-256`), no label.
    pub fn rsa_oaep_decrypt(key: &Material, sha256: bool, ct: &[u8]) -> Option<Vec<u8>> {
        let Material::Private(PrivateKey::Rsa(k)) = key else { return None };
        if sha256 {
            k.oaep_decrypt_with_rng::<Sha256, _>(&mut SysRng, ct).ok()
        } else {
            k.oaep_decrypt_with_rng::<sha1::Sha1, _>(&mut SysRng, ct).ok()
        }
    }

    /// The ECDH shared secret of a private key and a public JWK, checked as an `epk` is.
    pub fn ecdh(key: &Material, public_jwk: &Node) -> Result<Vec<u8>, Failure> {
        agree(key, public_jwk).map(|z| z.to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Result<(Vec<DecryptionKey>, Vec<String>), KeyError> {
        parse_keys(text, SecretEncoding::Utf8)
    }

    #[test]
    fn an_empty_key_box_asks_for_a_decryption_key() {
        let e = keys("  \n").unwrap_err();
        assert_eq!(e, KeyError::NoDecryptionKey);
        assert!(e.to_string().starts_with("no decryption key yet"), "{e}");
    }

    /// The key the verdict says decrypted the token is the one listed at its index, even
    /// when the pasted JWKS holds keys that cannot decrypt (public keys) before it.
    #[test]
    fn the_listed_key_that_decrypted_is_the_one_used() {
        use crate::jwt::jwk::keygen;
        let other = keygen::generate("p-256").expect("a key");
        let ours = keygen::generate("p-256").expect("a key");
        let (Some(other_public), Some(ours_private), Some(ours_public)) =
            (other.public_jwk, ours.private_jwk.clone(), ours.public_jwk.clone())
        else {
            panic!("JWKs")
        };
        let token = encrypt(&Encryption {
            plaintext: b"hello",
            alg: "ECDH-ES",
            enc: "A128GCM",
            key: &ours_public,
            encoding: SecretEncoding::Utf8,
            cty: None,
            zip: false,
        })
        .expect("encrypted");
        let jwks = format!(r#"{{"keys":[{other_public},{ours_private}]}}"#);
        let r = crate::jwt::service::verify(&Request { id: 1, token, key: jwks, ..Request::default() });
        assert_eq!(r.outcome.verdict, Verdict::Decrypted, "{}", r.outcome.message);
        let used = r.outcome.key.and_then(|i| r.keys.get(i)).expect("the key used is listed");
        assert_eq!(used.thumbprint, ours.thumbprint);
    }

    /// RFC 7516 Appendix A.3: A128KW with A128CBC-HS256.
    const A3: &str = "eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0.6KB707dM9YTIgHtLvtgWQ8mKwboJW3of9locizkDTHzBC2IlrT1oOQ.AxY8DCtDaGlsbGljb3RoZQ.KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY.U0m_YmjN04DJvceFICbCVQ";
    const A3_KEY: &str = r#"{"kty":"oct","k":"GawgguFyGrWKav7AX4VKUg"}"#;

    #[test]
    fn decrypts_rfc7516_a3_and_refuses_tampering() {
        let d = decrypt(A3, &keys(A3_KEY));
        assert_eq!(d.outcome.verdict, Verdict::Decrypted, "{}", d.outcome.message);
        assert_eq!(d.plaintext.as_deref(), Some(&b"Live long and prosper."[..]));
        // A flipped tag character.
        let bad = format!("{}A", &A3[..A3.len() - 1]);
        let d = decrypt(&bad, &keys(A3_KEY));
        assert_eq!(d.outcome.verdict, Verdict::DecryptFailed, "{}", d.outcome.message);
        assert!(d.outcome.message.contains("tag"), "{}", d.outcome.message);
        // A key of the wrong length is an error, not a failure.
        let d = decrypt(A3, &keys("short"));
        assert_eq!(d.outcome.verdict, Verdict::Error, "{}", d.outcome.message);
    }

    #[test]
    fn round_trips_every_secret_alg() {
        let cases = [
            ("dir", "A128GCM", "0123456789abcdef"),
            ("dir", "A256CBC-HS512", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
            ("A128KW", "A192GCM", "0123456789abcdef"),
            ("A192KW", "A128CBC-HS256", "0123456789abcdef01234567"),
            ("A256GCMKW", "A192CBC-HS384", "0123456789abcdef0123456789abcdef"),
            ("PBES2-HS256+A128KW", "A128GCM", "correct horse"),
        ];
        for (alg, enc, key) in cases {
            for zip in [false, true] {
                let e = Encryption {
                    plaintext: b"{\"sub\":\"alice\"}",
                    alg,
                    enc,
                    key,
                    encoding: SecretEncoding::Utf8,
                    cty: None,
                    zip,
                };
                let token = encrypt(&e).unwrap_or_else(|err| panic!("{alg} {enc}: {err}"));
                let d = decrypt(&token, &keys(key));
                assert_eq!(d.outcome.verdict, Verdict::Decrypted, "{alg} {enc}: {}", d.outcome.message);
                assert_eq!(d.plaintext.as_deref(), Some(e.plaintext));
            }
        }
    }

    /// A plaintext that inflates past RFC 8725bis §3.15's 250 KB decrypts, with a
    /// `jwe-compression` warning that gives both sizes; a small one without.
    #[test]
    fn a_large_inflation_is_warned_about() {
        let key = "0123456789abcdef";
        for (len, warned) in [(SUGGESTED_INFLATED, false), (SUGGESTED_INFLATED + 1, true)] {
            let plaintext = vec![b'a'; len];
            let e = Encryption {
                plaintext: &plaintext,
                alg: "dir",
                enc: "A128GCM",
                key,
                encoding: SecretEncoding::Utf8,
                cty: None,
                zip: true,
            };
            let d = decrypt(&encrypt(&e).expect("encrypted"), &keys(key));
            assert_eq!(d.outcome.verdict, Verdict::Decrypted, "{}", d.outcome.message);
            let w: Vec<&Warning> =
                d.outcome.warnings.iter().filter(|w| w.code == WarningCode::JweCompression).collect();
            assert_eq!(w.len(), usize::from(warned), "{len}");
            if let Some(w) = w.first() {
                assert!(w.message.contains(&format!("to {len} bytes, past the 250000")), "{}", w.message);
            }
        }
    }

    /// What the encoder writes has the table's sizes: the IV and tag of every `enc`, the
    /// content key `dir` takes, an AES-wrapped content key 8 bytes longer than the key, an
    /// AES-GCM-wrapped one as long.
    #[test]
    fn encrypted_parts_have_the_sizes_the_table_says() {
        let secret = |n: usize| "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"[..n].to_string();
        for enc in Enc::ALL {
            for alg in [KeyManagement::Dir, KeyManagement::A128Kw, KeyManagement::A256GcmKw] {
                let key = secret(alg.wrap_key_len().unwrap_or(enc.key_len()));
                let e = Encryption {
                    plaintext: b"sizes",
                    alg: alg.name(),
                    enc: enc.name(),
                    key: &key,
                    encoding: SecretEncoding::Utf8,
                    cty: None,
                    zip: false,
                };
                let token = encrypt(&e).unwrap_or_else(|err| panic!("{alg} {enc}: {err}"));
                let parts: Vec<Vec<u8>> = token.split('.').map(|p| base64url::decode_strict(p).unwrap()).collect();
                let wrapped = match alg.family() {
                    KeyFamily::Direct => 0,
                    // RFC 3394: one 64-bit integrity block more than the key.
                    KeyFamily::AesKeyWrap => enc.key_len() + 8,
                    // AES-GCM: as long as the key, its tag in the header.
                    _ => enc.key_len(),
                };
                assert_eq!(
                    (parts[1].len(), parts[2].len(), parts[4].len()),
                    (wrapped, enc.iv_len(), enc.tag_len()),
                    "{alg} {enc}"
                );
                assert_eq!(decrypt(&token, &keys(&key)).outcome.verdict, Verdict::Decrypted, "{alg} {enc}");
            }
        }
        // A `dir` key of another size than the enc's content key is refused.
        let e = Encryption {
            plaintext: b"sizes",
            alg: "dir",
            enc: "A128CBC-HS256",
            key: &secret(16),
            encoding: SecretEncoding::Utf8,
            cty: None,
            zip: false,
        };
        assert!(encrypt(&e).is_err_and(|err| err.to_string().contains("needs a 32-byte (256-bit) secret")));
    }

    #[test]
    fn key_wrap_lengths_follow_the_aes_part_of_the_name() {
        // PBES2-HS256+A128KW once got 32 bytes from its "HS256" (found by the npm jose
        // interop test): its own round trip worked, everyone else's did not.
        let cases = [
            ("A128KW", 16),
            ("A192GCMKW", 24),
            ("A256KW", 32),
            ("ECDH-ES+A192KW", 24),
            ("PBES2-HS256+A128KW", 16),
            ("PBES2-HS384+A192KW", 24),
            ("PBES2-HS512+A256KW", 32),
        ];
        for (alg, len) in cases {
            assert_eq!(KeyManagement::parse(alg).and_then(KeyManagement::wrap_key_len), Some(len), "{alg}");
        }
    }

    /// `dir` A128GCM under "0123456789abcdef", as a flattened JSON JWE with `extra` members.
    fn flattened(plaintext: &[u8], extra: &str) -> String {
        let e = Encryption {
            plaintext,
            alg: "dir",
            enc: "A128GCM",
            key: "0123456789abcdef",
            encoding: SecretEncoding::Utf8,
            cty: None,
            zip: false,
        };
        let t = encrypt(&e).unwrap();
        let p: Vec<&str> = t.split('.').collect();
        format!(r#"{{"protected":"{}","iv":"{}","ciphertext":"{}","tag":"{}"{extra}}}"#, p[0], p[2], p[3], p[4])
    }

    #[test]
    fn key_text_refused_as_a_secret_warns_of_a_mismatch_only_where_a_secret_is_needed() {
        let ssh = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE me@host";
        // A3 is A128KW (a shared secret): the refusal carries alg-key-mismatch.
        let d = decrypt(A3, &keys(ssh));
        assert_eq!(d.outcome.verdict, Verdict::Error, "{}", d.outcome.message);
        assert_eq!(d.outcome.warnings.iter().map(|w| w.code.as_str()).collect::<Vec<_>>(), ["alg-key-mismatch"]);
        // RFC 7516 A.1 is RSA-OAEP: the same text is only a key that cannot be read.
        let rsa = "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.AAAA.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA";
        let d = decrypt(rsa, &keys(ssh));
        assert_eq!(d.outcome.verdict, Verdict::Error, "{}", d.outcome.message);
        assert!(d.outcome.warnings.is_empty(), "{:?}", d.outcome.warnings);
    }

    #[test]
    fn zip_and_crit_count_only_in_the_protected_header() {
        // A plaintext that happens to be a DEFLATE stream: with a zip added where the tag does
        // not cover it, the old decrypter inflated it and showed another plaintext.
        let deflated = miniz_oxide::deflate::compress_to_vec(br#"{"admin":true}"#, 6);
        let key = keys("0123456789abcdef");
        let d = decrypt(&flattened(&deflated, ""), &key);
        assert_eq!(d.outcome.verdict, Verdict::Decrypted, "{}", d.outcome.message);
        assert_eq!(d.plaintext.as_deref(), Some(&deflated[..]));
        for (extra, says) in [
            (
                r#","unprotected":{"zip":"DEF"}"#,
                "is in the shared unprotected header; it must be integrity-protected, in the protected header only (RFC 7516 §4.1.3)",
            ),
            (
                r#","header":{"zip":"DEF"}"#,
                "is in the recipient's unprotected header; it must be integrity-protected, in the protected header only (RFC 7516 §4.1.3)",
            ),
            (r#","unprotected":{"crit":["exp"],"exp":1}"#, "(RFC 7516 §4.1.13, RFC 7515 §4.1.11)"),
            (r#","header":{"crit":["exp"]}"#, "(RFC 7516 §4.1.13, RFC 7515 §4.1.11)"),
        ] {
            let d = decrypt(&flattened(&deflated, extra), &key);
            assert_eq!(d.outcome.verdict, Verdict::DecryptFailed, "{extra}: {}", d.outcome.message);
            assert!(d.outcome.message.contains(says), "{extra}: {}", d.outcome.message);
            assert!(d.plaintext.is_none());
        }
    }

    /// A general JSON JWE of `recipients` (each a recipient's JSON), over A3's content.
    fn recipients(each: &[String]) -> String {
        let p: Vec<&str> = A3.split('.').collect();
        format!(
            r#"{{"protected":"{}","recipients":[{}],"iv":"{}","ciphertext":"{}","tag":"{}"}}"#,
            p[0],
            each.join(","),
            p[2],
            p[3],
            p[4]
        )
    }

    #[test]
    fn key_and_recipient_attempts_per_request_are_capped() {
        // A3's protected header says A128KW; 40 recipients with keys that do not unwrap.
        let bad = format!(r#"{{"encrypted_key":"{}"}}"#, base64url::encode(&[7u8; 24]));
        let token = recipients(&vec![bad; 40]);
        let (d, work) = decrypt_counted(&token, &keys(A3_KEY));
        assert_eq!(d.outcome.verdict, Verdict::Error, "{}", d.outcome.message);
        assert!(
            d.outcome.message.contains("at most 32 key and recipient pairs")
                && d.outcome.message.contains("at recipient 33 of 40"),
            "{}",
            d.outcome.message
        );
        assert_eq!(work.decryption_attempts, crate::jwt::limits::MAX_DECRYPTION_ATTEMPTS);
    }

    #[test]
    fn pbkdf2_iterations_per_request_are_capped() {
        // Three PBES2 recipients: the first two run (600,000 + 1 iterations), the third would
        // pass 1,200,000 and is refused before it runs. The old decrypter ran every one
        // (40 recipients held the worker for about 19 s).
        let recipient = |p2c: u32| {
            format!(
                r#"{{"header":{{"alg":"PBES2-HS256+A128KW","p2s":"c2FsdHNhbHQ","p2c":{p2c}}},"encrypted_key":"{}"}}"#,
                base64url::encode(&[7u8; 24])
            )
        };
        let p: Vec<&str> = A3.split('.').collect();
        let token = format!(
            r#"{{"protected":"{}","recipients":[{}],"iv":"{}","ciphertext":"{}","tag":"{}"}}"#,
            base64url::encode(br#"{"enc":"A128CBC-HS256"}"#),
            [recipient(MAX_P2C), recipient(1), recipient(MAX_P2C)].join(","),
            p[2],
            p[3],
            p[4]
        );
        let (d, work) = decrypt_counted(&token, &keys("a password"));
        assert_eq!(d.outcome.verdict, Verdict::Error, "{}", d.outcome.message);
        assert!(d.outcome.message.contains("at most 1200000 PBKDF2 iterations per token"), "{}", d.outcome.message);
        assert_eq!((work.pbkdf2_iterations, work.decryption_attempts), (600_001, 3));
    }

    #[test]
    fn never_panics_on_garbage() {
        for t in ["", ".", "....", "a.b.c.d.e", "{}", "{\"ciphertext\":1}", "{\"ciphertext\":\"\",\"recipients\":[]}"] {
            let d = decrypt(t, &keys(A3_KEY));
            assert_ne!(d.outcome.verdict, Verdict::Decrypted, "{t}");
        }
    }
}
