//! What a warning is: its stable code (part of the UI contract), a one-line reason and the
//! spec section it comes from, and the message about one token. The checks that raise them
//! are `lint`'s (no key) and the verifier's; the types live here, below both, so that what
//! the lint reads (the profiles' explicit types) may itself carry a verdict.

/// A section of an RFC: its label and the link to that very section.
macro_rules! rfc {
    ($n:literal, $section:literal) => {
        (concat!("RFC ", $n, " §", $section), concat!("https://www.rfc-editor.org/rfc/rfc", $n, "#section-", $section))
    };
}

/// A section of the JWT best practices that replace RFC 8725 (draft-ietf-oauth-rfc8725bis,
/// approved, not yet numbered): its label and the link to that section of the draft.
macro_rules! bis {
    ($section:literal) => {
        (
            concat!("RFC 8725bis §", $section),
            concat!("https://datatracker.ietf.org/doc/html/draft-ietf-oauth-rfc8725bis#section-", $section),
        )
    };
}

/// What a warning is about. The kebab-case codes are stable: never change or reuse one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WarningCode {
    AlgNone,
    MissingExp,
    Expired,
    NotYetValid,
    IatInFuture,
    LongLifetime,
    MsTimestamp,
    SuspiciousKid,
    TokenSuppliedKey,
    UnknownCrit,
    DuplicateMember,
    Padding,
    NonCanonicalBase64,
    UnencodedPayload,
    DeprecatedAlg,
    AlgKeyMismatch,
    WeakSecret,
    ShortSecret,
    ShortRsaKey,
    HighS,
    CertificateExpired,
    InvalidCurve,
    LowPbes2Count,
    KidMismatch,
    HighPbes2Count,
    JwtFormat,
    JwsJweConfusion,
    ExplicitTyping,
    JweCompression,
}

impl WarningCode {
    /// Every code, for reading codes back from text.
    pub const ALL: [WarningCode; 29] = [
        WarningCode::AlgNone,
        WarningCode::MissingExp,
        WarningCode::Expired,
        WarningCode::NotYetValid,
        WarningCode::IatInFuture,
        WarningCode::LongLifetime,
        WarningCode::MsTimestamp,
        WarningCode::SuspiciousKid,
        WarningCode::TokenSuppliedKey,
        WarningCode::UnknownCrit,
        WarningCode::DuplicateMember,
        WarningCode::Padding,
        WarningCode::NonCanonicalBase64,
        WarningCode::UnencodedPayload,
        WarningCode::DeprecatedAlg,
        WarningCode::AlgKeyMismatch,
        WarningCode::WeakSecret,
        WarningCode::ShortSecret,
        WarningCode::ShortRsaKey,
        WarningCode::HighS,
        WarningCode::CertificateExpired,
        WarningCode::InvalidCurve,
        WarningCode::LowPbes2Count,
        WarningCode::KidMismatch,
        WarningCode::HighPbes2Count,
        WarningCode::JwtFormat,
        WarningCode::JwsJweConfusion,
        WarningCode::ExplicitTyping,
        WarningCode::JweCompression,
    ];

    /// The code with this kebab-case name.
    pub fn from_code(code: &str) -> Option<WarningCode> {
        Self::ALL.into_iter().find(|c| c.as_str() == code)
    }

    pub fn as_str(self) -> &'static str {
        self.info().0
    }

    /// What an attacker (or a mistake) can do, and what the check guards against or what to
    /// do instead: exactly two sentences.
    pub fn why(self) -> &'static str {
        self.info().1
    }

    /// The spec section, as a label and a link to that section.
    pub fn reference(self) -> (&'static str, &'static str) {
        self.info().2
    }

    /// The code, [`Self::why`], and the section (`rfc!`, `bis!`).
    fn info(self) -> (&'static str, &'static str, (&'static str, &'static str)) {
        match self {
            WarningCode::AlgNone => (
                "alg-none",
                "Anyone can write a token with alg \"none\", or \"NONE\" where checks ignore case, and any claims they like. JOSE deprecates \"none\": accept only the algorithms you expect, compared exactly.",
                bis!("3.1"),
            ),
            WarningCode::MissingExp => (
                "missing-exp",
                "A token without exp never expires, so whoever steals it can replay it forever. Give every token an exp, and have recipients refuse tokens that lack one.",
                rfc!("7519", "4.1.4"),
            ),
            WarningCode::Expired => (
                "expired",
                "A stolen or long-kept token can be replayed after its exp time, when its issuer no longer vouches for it. Recipients must reject a token on or after its exp time, allowing at most a few minutes of clock skew.",
                rfc!("7519", "4.1.4"),
            ),
            WarningCode::NotYetValid => (
                "not-yet-valid",
                "A token used before its nbf time is being used earlier than its issuer allowed, or the issuer's and recipient's clocks disagree. Recipients must reject a token before its nbf time, allowing at most a few minutes of clock skew.",
                rfc!("7519", "4.1.5"),
            ),
            WarningCode::IatInFuture => (
                "iat-in-future",
                "A token issued in the future comes from an issuer with a wrong clock, or from someone who forged it and picked its times. Fix the issuer's clock, and do not trust the token's times until then.",
                rfc!("7519", "4.1.6"),
            ),
            WarningCode::LongLifetime => (
                "long-lifetime",
                "A long-lived bearer token gives whoever steals it a long time to use it. Keep tokens short-lived, and renew them with a refresh token or a new sign-in.",
                rfc!("6819", "5.1.5.3"),
            ),
            WarningCode::MsTimestamp => (
                "ms-timestamp",
                "A time written in milliseconds instead of seconds reads as a date thousands of years away, so exp never passes and the token never expires. NumericDate counts seconds: divide by 1000 when issuing the token.",
                rfc!("7519", "2"),
            ),
            WarningCode::SuspiciousKid => (
                "suspicious-kid",
                "Whoever makes the token chooses its kid, and a verifier that puts kid into a file path, URL or database query can be led to a key of the attacker's choosing (path traversal, SQL injection). Look kid up in a fixed set of keys, and never build a path or a query from it.",
                bis!("3.10"),
            ),
            WarningCode::TokenSuppliedKey => (
                "token-supplied-key",
                "A token that carries its own key (jwk, x5c) or says where to fetch one (jku, x5u) lets an attacker sign with their own key and have it trusted, or make a server fetch any URL. Verify only with keys you already trust: this page shows these members but never fetches or trusts them.",
                bis!("3.10"),
            ),
            WarningCode::UnknownCrit => (
                "unknown-crit",
                "An issuer lists in crit the extensions a recipient must understand, and a recipient that ignores crit accepts a token on terms its issuer never meant. Reject any token whose crit is malformed or names an extension you do not implement.",
                rfc!("7515", "4.1.11"),
            ),
            WarningCode::DuplicateMember => (
                "duplicate-member",
                "A member given twice lets two libraries read two different values from one token, so one can check an HS256 signature while another sees alg \"none\". Reject any header that repeats a member name, as this page does when verifying, and treat repeated claims as an error too.",
                rfc!("7515", "4"),
            ),
            WarningCode::Padding => (
                "padding",
                "A padded segment spells the same bytes another way, so a verifier that accepts it lets one token exist in several forms that slip past checks comparing tokens as text. JOSE base64url has no '=' padding, and a strict verifier refuses it, as this page does.",
                rfc!("7515", "2"),
            ),
            WarningCode::NonCanonicalBase64 => (
                "non-canonical-base64",
                "Unused bits set in the last character give one token several encodings, which defeats replay caches, deny lists and signature pinning that compare tokens as text. A strict decoder refuses non-canonical base64url, as this page does when verifying.",
                rfc!("4648", "3.5"),
            ),
            WarningCode::UnencodedPayload => (
                "unencoded-payload",
                "With b64 false the payload is signed as raw bytes, and a recipient that does not know RFC 7797 checks a different signing input, so one token can mean different content to different recipients. The issuer must list b64 in crit, so that such recipients reject the token instead.",
                rfc!("7797", "3"),
            ),
            WarningCode::AlgKeyMismatch => (
                "alg-key-mismatch",
                "Anyone who knows an RSA or EC public key can set alg to HS256 and use that public key as the HMAC secret, and a verifier that uses whatever key it holds accepts the forgery. Check the algorithm against the key before any cryptography, and tie each key to one algorithm.",
                rfc!("8725", "2.1"),
            ),
            WarningCode::WeakSecret => (
                "weak-secret",
                "This secret is on the lists attackers try first, so anyone holding one token can find it offline in seconds and sign tokens of their own. Use a random secret, at least as long as the hash output, from a key generator rather than a word.",
                rfc!("8725", "3.5"),
            ),
            WarningCode::ShortSecret => (
                "short-secret",
                "An HMAC secret shorter than the hash output is easier to guess offline from a single token than the algorithm promises. RFC 7518 requires a secret at least as long as the hash output: 256 bits for HS256, 384 for HS384 and 512 for HS512.",
                rfc!("7518", "3.2"),
            ),
            WarningCode::ShortRsaKey => (
                "short-rsa-key",
                "An RSA key under 2048 bits can be factored with enough computing power, and whoever factors it can sign any token. RFC 7518 requires RSA keys of 2048 bits or more.",
                rfc!("7518", "3.3"),
            ),
            WarningCode::HighS => (
                "high-s",
                "For every ECDSA signature (r, s) the pair (r, n − s) is also valid, so anyone can turn one valid token into a second valid one without the key. The token is still authentic, but systems that tell tokens apart by their text (replay caches, deny lists) should accept low-S only or compare claims instead.",
                rfc!("7518", "3.4"),
            ),
            WarningCode::CertificateExpired => (
                "certificate-expired",
                "The certificate holding this key is outside its validity period, so a relying party that checks it would refuse the key, which may also have leaked since. Renew the certificate, or verify with the issuer's current key.",
                rfc!("5280", "4.1.2.5"),
            ),
            WarningCode::InvalidCurve => (
                "invalid-curve",
                "An ephemeral public key (epk) that is not on its curve, or is a low-order X25519 point, lets the sender learn bits of the recipient's private key from how decryption fails (the invalid-curve attack). A decrypter must check that epk lies on its curve before any key agreement, as this page does.",
                rfc!("8725", "3.4"),
            ),
            WarningCode::LowPbes2Count => (
                "low-pbes2-count",
                "With few PBKDF2 iterations (p2c), anyone holding the token can try passwords offline cheaply. Use at least the 1000 iterations RFC 7518 recommends, many more in practice, and a strong password.",
                rfc!("7518", "4.8.1.2"),
            ),
            WarningCode::KidMismatch => (
                "kid-mismatch",
                "A verifier that selects its key by the token's kid would not pick this key, so a signature that holds here can still be refused in production, or a token be checked with a key meant for other tokens. Give the key the kid its issuer uses, and select keys by kid from a fixed set.",
                rfc!("7515", "4.1.4"),
            ),
            WarningCode::DeprecatedAlg => (
                "deprecated-alg",
                "RSA1_5 is open to padding-oracle attacks that recover the content key, and EdDSA leaves the curve to the key. JOSE deprecates both: use RSA-OAEP or ECDH-ES, and Ed25519 or Ed448.",
                bis!("3.2"),
            ),
            WarningCode::HighPbes2Count => (
                "high-pbes2-count",
                "A huge p2c makes a recipient hash that many times before it can reject the token. Refuse counts above a limit: 600,000 here, 1,200,000 in RFC 8725bis.",
                bis!("3.13"),
            ),
            WarningCode::JwtFormat => (
                "jwt-format",
                "Text other than base64url parts and dots, such as the JSON serialization, lets a parser read other claims than were checked. Reject such a token whole, before decoding it.",
                bis!("3.14"),
            ),
            WarningCode::JwsJweConfusion => (
                "jws-jwe-confusion",
                "Anyone with the recipient's public key can make a JWE, and decrypting it checks no signature. Expect a signed JWT, and verify one nested in a JWE too.",
                bis!("3.3"),
            ),
            WarningCode::ExplicitTyping => (
                "explicit-typing",
                "Without a typ of its own, a token can pass for another kind with similar claims. Give each kind its own typ, spelled as its spec does, and require it.",
                bis!("3.11"),
            ),
            WarningCode::JweCompression => (
                "jwe-compression",
                "Compression lets the ciphertext's length leak the content, and a small token can inflate to gigabytes. Do not compress before encrypting, and cap inflation near 250 KB.",
                bis!("3.6"),
            ),
        }
    }
}

/// One warning about one token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub code: WarningCode,
    /// What was found in this token.
    pub message: String,
}
