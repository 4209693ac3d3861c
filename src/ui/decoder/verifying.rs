//! The verify loop: verdicts that need no key are decided here; the rest are asked of the
//! verifier whenever the token, key, encoding, detached payload or trusted keys change
//! (never on a clock tick), and only the answer to the latest question is shown.

use std::time::Duration;

use leptos::prelude::*;

use super::super::ask::{Reply, ask};
use super::super::crypto::Slot;
use super::super::state::DecoderInputs;
use super::super::verify::KeysRead;
use super::trusted::TrustedKeys;
use crate::jwt::protocol::Request;
use crate::jwt::verdict::{Outcome, key_time_warnings, preliminary};
use crate::jwt::warning::Warning;
use crate::jwt::{self, Decoded};

/// What the decoder shows of a verification.
#[derive(Clone, Copy)]
pub struct Verifying {
    /// The verdict.
    pub outcome: Memo<Outcome>,
    /// Whether the verifier is working on it.
    pub busy: Memo<bool>,
    /// The keys recognised, the JWKS entries skipped and the key that verified.
    pub keys: Memo<Option<KeysRead>>,
    pub is_jwe: Memo<bool>,
    /// The plaintext of a JWE that decrypted.
    pub plaintext: Memo<Option<Vec<u8>>>,
    /// The lint's warnings at `now`, and the verifier's.
    pub warnings: Memo<Vec<Warning>>,
}

/// Verifies the decoder's token as its inputs change.
pub fn verify(
    inputs: DecoderInputs,
    decoded: Memo<Decoded>,
    trusted: TrustedKeys,
    now: RwSignal<i64>,
    painted: RwSignal<bool>,
) -> Verifying {
    let DecoderInputs { token, key_text, encoding, detached, use_embedded, .. } = inputs;
    let has_key = move || {
        use_embedded.get() || key_text.with(|k| !k.trim().is_empty()) || trusted.applying(inputs, decoded).is_some()
    };
    let prelim = Memo::new(move |_| decoded.with(|d| preliminary(d, has_key())));
    // The example's demo secret is checked only once the decoded example is on the screen
    // (the browser has recorded its first contentful paint, or ten frames have passed), so
    // that the verifier's download never delays the first paint of a bare load.
    let reply = ask(Slot::Verdict, move || {
        // (`painted` is read only for the example, so no other question is asked again when
        // it is set.)
        if prelim.with(Option::is_some) || (inputs.demo.with(Option::is_some) && !painted.get()) {
            return None;
        }
        let trusted_keys = trusted.applying(inputs, decoded);
        Some(Request {
            id: 0,
            token: token.get(),
            trusted: trusted_keys.is_some(),
            key: trusted_keys.unwrap_or_else(|| key_text.get()),
            encoding: encoding.get(),
            detached: detached.with(|p| (!p.is_empty()).then(|| p.clone())),
            use_embedded: use_embedded.get(),
        })
    });
    // The report: only ever the answer to the question being asked.
    let current = move || match reply.get() {
        Reply::Ready(r) if prelim.with(Option::is_none) => Some(r),
        _ => None,
    };
    let is_jwe = Memo::new(move |_| decoded.with(|d| d.form == jwt::Form::Jwe));
    let outcome = Memo::new(move |_| {
        if let Some(o) = prelim.get() {
            return o;
        }
        reply.with(|r| r.outcome(if is_jwe.get() { "Decrypting…" } else { "Checking the signature…" }))
    });
    let busy = Memo::new(move |_| prelim.with(Option::is_none) && reply.with(Reply::waiting));
    let keys = Memo::new(move |_| current().map(|r| (r.keys, r.skipped, r.outcome.key)));
    let plaintext = Memo::new(move |_| {
        if !is_jwe.get() || busy.get() {
            return None;
        }
        current().and_then(|r| r.plaintext)
    });
    let warnings = Memo::new(move |_| {
        let mut all = decoded.with(|d| jwt::lint(d, now.get()));
        if let Some(r) = current() {
            all.extend(r.outcome.warnings.iter().cloned());
            all.extend(key_time_warnings(&r.keys, now.get()));
        }
        all
    });
    Verifying { outcome, busy, keys, is_jwe, plaintext, warnings }
}

/// Runs `f` in a task of its own once the page's first contentful paint is recorded, or
/// after `frames` frames if the browser records none.
pub(super) fn after_first_paint(frames: u32, f: impl FnOnce() + 'static) {
    request_animation_frame(move || {
        let painted =
            window().performance().is_some_and(|p| p.get_entries_by_name("first-contentful-paint").length() > 0);
        if painted || frames == 0 {
            set_timeout(f, Duration::ZERO);
        } else {
            after_first_paint(frames - 1, f);
        }
    });
}
