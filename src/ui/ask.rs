//! The one way a view asks the verifier: [`ask`] keeps asking its slot the question its
//! inputs make (asking again whenever they change, withdrawing when they make none) and
//! returns the answer to the latest question only, read in the program that shows it.
//! The latest-only rule itself, the ids, the patience with a busy worker and Cancel live in
//! [`Crypto`].

use leptos::prelude::*;

use super::crypto::{CANCELLED, Crypto, Slot, Status, UNREADABLE};
use crate::jwt::protocol::{Report, Request};
use crate::jwt::verdict::{Outcome, Verdict};
use zeroize::Zeroize;

/// A question for the verifier, as a view builds it.
pub trait Question: 'static {
    /// What the verifier answers, once read.
    type Answer: Clone + PartialEq + Send + Sync + 'static;
    /// Sets the id its answer will echo.
    fn set_id(&mut self, id: u32);
    /// The question as the worker reads it (JSON).
    fn to_json(&self) -> String;
    /// Zeroizes the key it carries, once asked.
    fn forget(&mut self);
    /// The answer in `slot`, read (tracked); `None` if it cannot be read.
    fn answer(crypto: &Crypto, slot: Slot) -> Option<Self::Answer>;
}

/// Where a slot's latest question stands, with its answer once in.
#[derive(Clone, Debug, PartialEq)]
pub enum Reply<T> {
    /// Nothing asked (the view's inputs make no question).
    Idle,
    /// Asked; the answer is not in yet.
    Waiting,
    Ready(T),
    /// The answer came but could not be read.
    Unreadable,
    /// The user stopped the work.
    Cancelled,
    /// The verifier could not start or stopped.
    Failed(String),
}

impl<T> Reply<T> {
    pub fn waiting(&self) -> bool {
        matches!(self, Reply::Waiting)
    }

    /// The answer, or the sentence saying why there is none (empty while waiting or idle).
    pub fn result(&self) -> Result<&T, String> {
        match self {
            Reply::Ready(t) => Ok(t),
            Reply::Unreadable => Err(UNREADABLE.to_string()),
            Reply::Cancelled => Err("Cancelled.".to_string()),
            Reply::Failed(e) => Err(e.clone()),
            Reply::Idle | Reply::Waiting => Err(String::new()),
        }
    }
}

impl Reply<Report> {
    /// What a verdict shows: the answer's outcome, why there is none, or `waiting`.
    pub fn outcome(&self, waiting: &str) -> Outcome {
        match self {
            Reply::Ready(r) => r.outcome.clone(),
            Reply::Failed(e) => Outcome::new(Verdict::Error, e.clone()),
            Reply::Unreadable => Outcome::new(Verdict::Error, UNREADABLE),
            Reply::Cancelled => Outcome::new(Verdict::Unverified, CANCELLED),
            Reply::Idle | Reply::Waiting => Outcome::new(Verdict::Unverified, waiting),
        }
    }
}

/// Asks `slot` the question `question` makes, again whenever what it reads changes, and
/// nothing while it makes none; returns the answer to the latest question.
pub fn ask<Q: Question>(slot: Slot, question: impl Fn() -> Option<Q> + 'static) -> Memo<Reply<Q::Answer>> {
    let crypto = expect_context::<Crypto>();
    Effect::new(move |_| match question() {
        Some(mut q) => {
            crypto.ask(slot, |id| {
                q.set_id(id);
                q.to_json()
            });
            q.forget();
        }
        None => crypto.withdraw(slot),
    });
    Memo::new(move |_| match crypto.status(slot) {
        Status::Idle => Reply::Idle,
        Status::Pending => Reply::Waiting,
        Status::Answered => Q::answer(&crypto, slot).map_or(Reply::Unreadable, Reply::Ready),
        Status::Cancelled => Reply::Cancelled,
        Status::Failed(e) => Reply::Failed(e),
    })
}

/// Verification (and JWE decryption): the decoder's verdict and the nested token's.
impl Question for Request {
    type Answer = Report;
    fn set_id(&mut self, id: u32) {
        self.id = id;
    }
    fn to_json(&self) -> String {
        Request::to_json(self)
    }
    fn forget(&mut self) {
        self.key.zeroize();
    }
    fn answer(crypto: &Crypto, slot: Slot) -> Option<Report> {
        let report = if slot == Slot::Nested { crypto.inner_report } else { crypto.report };
        report.get()
    }
}
