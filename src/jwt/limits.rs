//! Every limit on the work one request may cost, in one place (the README states them).
//!
//! The per-input limits bound what is read: the pasted text ([`MAX_INPUT_BYTES`]), JSON
//! nesting ([`MAX_JSON_DEPTH`]), one PBES2 count ([`MAX_P2C`]) and one inflation
//! ([`MAX_INFLATED`]). The per-request limits bound what is done with it, summed over
//! every signature, recipient and key tried, so that a token carrying thousands of
//! signatures or recipients costs no more than a legitimate one: past any of them the
//! verdict is `error`, and its message names the limit and its number.
//!
//! Decoding itself needs no budget: it is linear in the pasted text (`tests/cost.rs`).

pub use super::json::MAX_DEPTH as MAX_JSON_DEPTH;
/// The most text the page decodes: 10 MiB. Anything larger is refused with a problem
/// saying so, at once, rather than holding the page. (Defined here, not in `token`, which
/// imports `sd`, which imports this: no import cycle.)
pub const MAX_INPUT_BYTES: usize = 10 * 1024 * 1024;

/// The most PBES2 iterations one recipient may ask for (`p2c`): 600,000 is OWASP's 2023
/// recommendation for PBKDF2-HMAC-SHA256, so no legitimate token asks for more.
pub const MAX_P2C: u32 = 600_000;

/// The largest plaintext `zip: DEF` may inflate to (a compression bomb stops here).
pub const MAX_INFLATED: usize = 16 * 1024 * 1024;

/// The inflated plaintext past which a decryption warns (`jwe-compression`): the 250 KB
/// RFC 8725bis §3.15 gives as a reasonable limit. This page, a debugger, still inflates up
/// to [`MAX_INFLATED`].
pub const SUGGESTED_INFLATED: usize = 250_000;

/// The most PBKDF2 iterations one request runs, summed over every recipient and password
/// tried: two at the highest count. A PBES2 token has one recipient the password is for;
/// two allow a second try (two recipients, or two keys) at the maximum, and at the
/// encoder's own count (100,000) twelve. In the worker 600,000 iterations take about half
/// a second, so no request spends more than about a second here.
pub const MAX_PBKDF2_ITERATIONS: u64 = 2 * MAX_P2C as u64;

/// The most signature checks one request makes: signatures of a JWS JSON serialization ×
/// the keys tried for each. A JWS has one signature, seldom more than two or three in
/// the JSON serialization, and a JWKS a handful of keys (`kid` picks one): 64 is several
/// times any legitimate need, and at the slowest check here (ECDSA P-521 in RustCrypto,
/// about 10 ms in wasm) well under a second.
pub const MAX_SIGNATURE_CHECKS: u32 = 64;

/// The most private ML-DSA keys (`AKP` JWKs with `priv`) one key set reads; the entries past
/// it are skipped, each saying why. Each one read runs ML-DSA's KeyGen to check that its
/// `priv` gives its `pub` (a millisecond or so in the worker), and a 10 MB set holds about
/// 2,800 of them: seconds of work, for a kind of set that seldom holds more than a few
/// keys. 64 is the signature checks' cap, so every key a request could try is read.
pub const MAX_PRIVATE_AKP_KEYS: usize = 64;

/// The most key × recipient pairs one JWE decryption tries. A JWE seldom has more than
/// three recipients (RFC 7520's cookbook has three) and `kid` picks the key; each attempt
/// can be an RSA private-key operation (RSA-4096: tens of milliseconds in wasm), so 32
/// keep the worst case near a second.
pub const MAX_DECRYPTION_ATTEMPTS: u32 = 32;

/// The most bytes one request feeds to signature checks (signing inputs) and content
/// decryption (ciphertext and additional authenticated data), summed over every attempt:
/// twelve checks of the largest token the page reads. HMAC and AES run at a few hundred
/// MB/s in wasm, so this too stays near a second.
pub const MAX_CHECKED_BYTES: u64 = 128 * 1024 * 1024;

/// The most disclosures, and the most SD-JWT problems, an inspection lists one by one
/// (`service::inspect`); the rest are counted. A 10 MB paste can hold 300,000 disclosures:
/// every one is still hashed and matched, but listing them all would make an answer of tens
/// of megabytes and a page of a million elements.
pub const MAX_LISTED: usize = 1000;

/// The most disclosures an SD-JWT may have for this page to read it: 100,000 (a real one has
/// tens). A 10 MB paste of `~` would otherwise be ten million empty disclosures, each with
/// its report and problem: gigabytes of memory in the worker.
pub const MAX_DISCLOSURES: usize = 100_000;

/// The work one request has done so far. `verify::verify_counted` and
/// `jwe::decrypt_counted` return it; `tests/cost.rs` holds it linear in the input.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Work {
    /// Signature checks made (JWS): one per signature and key.
    pub signature_checks: u32,
    /// Key × recipient pairs tried (JWE).
    pub decryption_attempts: u32,
    /// Bytes of signing input checked and of ciphertext and AAD decrypted.
    pub checked_bytes: u64,
    /// PBKDF2 iterations run (PBES2).
    pub pbkdf2_iterations: u64,
    /// A limit was reached, and the work stopped there.
    pub stopped: bool,
}

impl Work {
    /// One number for trends: every counter added up.
    pub fn total(&self) -> u64 {
        u64::from(self.signature_checks)
            .saturating_add(u64::from(self.decryption_attempts))
            .saturating_add(self.checked_bytes)
            .saturating_add(self.pbkdf2_iterations)
    }

    /// Counts one signature check over `bytes` of signing input, or says which limit it
    /// would pass (the check is then not made).
    pub fn signature_check(&mut self, bytes: usize) -> Result<(), LimitReached> {
        if self.signature_checks >= MAX_SIGNATURE_CHECKS {
            return Err(self.stop(LimitReached::SignatureChecks));
        }
        self.bytes(bytes)?;
        self.signature_checks += 1;
        Ok(())
    }

    /// Counts one key × recipient attempt, or says which limit it would pass.
    pub fn decryption_attempt(&mut self) -> Result<(), LimitReached> {
        if self.decryption_attempts >= MAX_DECRYPTION_ATTEMPTS {
            return Err(self.stop(LimitReached::DecryptionAttempts));
        }
        self.decryption_attempts += 1;
        Ok(())
    }

    /// Counts `bytes` checked or decrypted, or says which limit they would pass.
    pub fn bytes(&mut self, bytes: usize) -> Result<(), LimitReached> {
        let total = self.checked_bytes.saturating_add(bytes as u64);
        if total > MAX_CHECKED_BYTES {
            return Err(self.stop(LimitReached::CheckedBytes));
        }
        self.checked_bytes = total;
        Ok(())
    }

    /// Counts `iterations` of PBKDF2, or says which limit they would pass.
    pub fn pbkdf2(&mut self, iterations: u32) -> Result<(), LimitReached> {
        let total = self.pbkdf2_iterations.saturating_add(u64::from(iterations));
        if total > MAX_PBKDF2_ITERATIONS {
            return Err(self.stop(LimitReached::Pbkdf2Iterations { needed: total }));
        }
        self.pbkdf2_iterations = total;
        Ok(())
    }

    fn stop(&mut self, limit: LimitReached) -> LimitReached {
        self.stopped = true;
        limit
    }
}

/// Which per-request limit a request reached; its `Display` is the sentence the verdict
/// gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitReached {
    SignatureChecks,
    DecryptionAttempts,
    CheckedBytes,
    /// With the iterations the request would have needed by then.
    Pbkdf2Iterations {
        needed: u64,
    },
}

impl std::fmt::Display for LimitReached {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const STOP: &str = "it stops there so that no token can hold it";
        match self {
            LimitReached::SignatureChecks => write!(
                f,
                "this page makes at most {MAX_SIGNATURE_CHECKS} signature checks per token (signatures × keys tried), and this token and key set need more; {STOP}"
            ),
            LimitReached::DecryptionAttempts => write!(
                f,
                "this page tries at most {MAX_DECRYPTION_ATTEMPTS} key and recipient pairs per token, and this token and key set need more; {STOP}"
            ),
            LimitReached::CheckedBytes => write!(
                f,
                "this page checks and decrypts at most {} MiB per token, summed over every signature, recipient and key tried, and this token and key set need more; {STOP}",
                MAX_CHECKED_BYTES / (1024 * 1024)
            ),
            LimitReached::Pbkdf2Iterations { needed } => write!(
                f,
                "this page runs at most {MAX_PBKDF2_ITERATIONS} PBKDF2 iterations per token, summed over every recipient and password tried, and this one would need {needed} by now; {STOP}"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_limit_stops_at_its_number_and_says_so() {
        let mut w = Work::default();
        for _ in 0..MAX_SIGNATURE_CHECKS {
            w.signature_check(10).unwrap();
        }
        let e = w.signature_check(10).unwrap_err().to_string();
        assert!(e.contains("at most 64 signature checks"), "{e}");
        assert_eq!(w.signature_checks, MAX_SIGNATURE_CHECKS);

        let mut w = Work::default();
        for _ in 0..MAX_DECRYPTION_ATTEMPTS {
            w.decryption_attempt().unwrap();
        }
        assert!(w.decryption_attempt().unwrap_err().to_string().contains("at most 32 key and recipient pairs"));

        let mut w = Work::default();
        w.pbkdf2(MAX_P2C).unwrap();
        w.pbkdf2(MAX_P2C).unwrap();
        let e = w.pbkdf2(1000).unwrap_err().to_string();
        assert!(e.contains("at most 1200000 PBKDF2 iterations") && e.contains("1201000"), "{e}");
        assert_eq!(w.pbkdf2_iterations, 1_200_000);

        let mut w = Work::default();
        w.bytes(MAX_CHECKED_BYTES as usize).unwrap();
        assert!(w.bytes(1).unwrap_err().to_string().contains("at most 128 MiB"));
        assert!(w.signature_check(1).is_err());
        assert_eq!(w.signature_checks, 0);
    }
}
