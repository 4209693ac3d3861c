//! The page's side of every cryptographic operation. The page's own wasm has none:
//! questions (verify, sign, encrypt, keys, walk, inspect, sd-issue, present, gallery;
//! `protocol::Question`, as JSON) go to the verifier worker (`verifier_loader.js`, built
//! from `src/bin/verifier.rs`), started the first time one is needed, and its answers
//! (`protocol::Answer`) come back here, each read once (`Answer::read`). Builds that
//! include the `crypto` feature (the component tests) answer in this thread instead,
//! through `service::answer_json`, the worker's `service::answer` on JSON text.
//!
//! One rule for every view that shows an answer: each owns a [`Slot`], asks through
//! [`Crypto::ask`] and is only ever shown the answer to the latest question of its slot.
//! Every question gets an id, unique and increasing; the slot remembers the one it awaits,
//! and an answer to any other id is dropped, whenever it arrives. (The worker checks
//! signatures as concurrent tasks, so one waiting on WebCrypto can answer after a later
//! one: the order of answers proves nothing.) A question still unanswered after
//! [`PATIENCE`] while the worker is busy with one no longer awaited gets a fresh worker:
//! the old one is terminated and the new one asked each slot's latest question only.
//! Asking clears the slot's answer, so a view never shows an answer to an older question
//! while it waits; the user can [`Crypto::cancel`] long work.
//!
//! There is one verifier for the whole page. The lazily loaded extras (teaching panels and
//! the encoder) have a `Crypto` of their own, made by [`Crypto::remote`], with the same
//! slots and the same latest-only rule, but no worker: their questions go over the
//! `MessageChannel` to the page (`ui::bridge`), whose `Crypto` asks them for the extras
//! ([`Crypto::relay`]) and sends the answers back as written (parsed here once, for their
//! id; the page has no reader for what they hold). Ids never collide: the page's are
//! even, the extras' odd.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use zeroize::{Zeroize, Zeroizing};

use crate::jwt::json::Node;
use crate::jwt::protocol::{
    Answer, EncryptReport, Gallery, Inspection, KeysReport, PresentReport, Report, SdIssueReport, SignReport,
    Walkthrough, report_of,
};

/// A place on screen that shows a worker's answer; each awaits at most one question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// The decoder's verdict (and the key list, warnings and plaintext of its report).
    Verdict,
    /// The verdict on the token nested inside a decrypted JWE.
    Nested,
    /// The signature walkthrough (extras).
    Walk,
    /// The example gallery (extras).
    Gallery,
    /// The encoder's signed token.
    Sign,
    /// The encoder's encrypted token.
    Encrypt,
    /// The encoder's generated or converted key.
    Keys,
    /// The decoder token's profile, checks, disclosures and binding verdict (extras).
    Inspect,
    /// The encoder's issued SD-JWT and its disclosures.
    SdIssue,
    /// The encoder's presentation of that SD-JWT (kept disclosures, KB-JWT).
    Present,
}

const SLOTS: usize = 10;
const ALL: [Slot; SLOTS] = [
    Slot::Verdict,
    Slot::Nested,
    Slot::Walk,
    Slot::Gallery,
    Slot::Sign,
    Slot::Encrypt,
    Slot::Keys,
    Slot::Inspect,
    Slot::SdIssue,
    Slot::Present,
];

/// Workers: key generation (tens of seconds for RSA 4096) has one of its own, so that it
/// never holds up a verdict, and a verdict never restarts it.
const LANES: usize = 2;

impl Slot {
    fn lane(self) -> usize {
        usize::from(self == Slot::Keys)
    }

    /// The slot numbered `n` (its place in the enum), as the extras name it to the page.
    pub fn from_index(n: u32) -> Option<Slot> {
        ALL.get(usize::try_from(n).ok()?).copied()
    }
}

/// How long a question may wait while its worker is still busy with one no longer
/// awaited, before that worker is replaced.
#[cfg_attr(feature = "crypto", allow(dead_code))]
pub const PATIENCE: Duration = Duration::from_millis(1000);

/// Where a slot stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Status {
    /// Nothing asked, or the question was withdrawn.
    #[default]
    Idle,
    /// Asked; its answer is not in yet.
    Pending,
    /// The answer to the latest question is in the slot's signal.
    Answered,
    /// The user stopped the work before it answered.
    Cancelled,
    /// The verifier could not start, stopped, or answered something unreadable.
    Failed(String),
}

/// What a view says when the verifier's answer could not be read.
pub const UNREADABLE: &str = "Error: the verifier's answer could not be read.";

/// What a verdict says once its check was cancelled.
pub const CANCELLED: &str =
    "Cancelled: the check stopped before it finished, so nothing is verified. Edit the token or key to check again.";

/// The message a worker posts once it is listening (see `jwt_lens::worker::READY`).
#[cfg(not(feature = "crypto"))]
const READY: &str = "ready";

#[derive(Default)]
struct Lane {
    #[cfg(not(feature = "crypto"))]
    worker: Option<web_sys::Worker>,
    /// Whether the worker listens (it said `READY`).
    #[cfg_attr(feature = "crypto", allow(dead_code))]
    ready: bool,
    /// Ids posted to this worker and not answered yet.
    in_flight: Vec<u32>,
}

#[derive(Default)]
struct State {
    last_id: u32,
    /// Per slot: the id of the question it awaits (0: none) and, until it is answered,
    /// its text, to ask a fresh worker again.
    asked: [(u32, Option<Zeroizing<String>>); SLOTS],
    lanes: [Lane; LANES],
    /// Where each slot stands (read through [`Crypto::status`], which tracks `changed`).
    status: [Status; SLOTS],
    /// Per lane, counts its workers: a timer or message from a replaced worker is ignored.
    generation: [u32; LANES],
    /// In the extras: the channel to the page, which asks its verifier for them.
    remote: Option<web_sys::MessagePort>,
    /// In the page: the channel to the extras, and which slots hold a question of theirs
    /// (answered through the channel, their content unread here).
    relay: Option<web_sys::MessagePort>,
    relayed: [bool; SLOTS],
}

impl State {
    /// Whether `id` is a question some slot still awaits an answer to.
    #[cfg_attr(feature = "crypto", allow(dead_code))]
    fn awaited(&self, id: u32) -> bool {
        self.asked.iter().any(|(a, text)| *a == id && text.is_some())
    }
}

thread_local! {
    /// The state of each [`Crypto`] (one per program; a few more in the component tests),
    /// kept here rather than in a reactive store: no new reactive type on the first load.
    static STATES: RefCell<Vec<Rc<RefCell<State>>>> = const { RefCell::new(Vec::new()) };
}

/// The shared channel to the verifier, and the answers to the latest questions.
#[derive(Clone, Copy)]
pub struct Crypto {
    /// Its state in [`STATES`].
    state: usize,
    /// Counts changes of any slot's status (an existing signal type: each new one costs
    /// the first load bytes).
    changed: RwSignal<i64>,
    /// [`Slot::Verdict`]'s answer.
    pub report: RwSignal<Option<Report>>,
    /// [`Slot::Nested`]'s answer.
    pub inner_report: RwSignal<Option<Report>>,
    /// The answers of the extras' slots (walk, gallery, sign, encrypt, keys, inspect,
    /// sd-issue, present), with their reader: made only in the extras
    /// ([`Crypto::remote`]), so that the page carries no reader for them, nor their signals
    /// (it relays those answers without reading their content).
    extras: Option<ExtrasAnswers>,
}

/// The answers of the extras' slots, in the extras' `Crypto` only.
#[derive(Clone, Copy)]
pub struct ExtrasAnswers {
    /// Reads an answer (a parsed answer and its id) and puts it, or `None`, in the signal of
    /// an extras' slot; whether it could be read. (A function held here, not a method
    /// called by name: the page's program, which never has these answers, links none of it.)
    put: fn(&ExtrasAnswers, Slot, Option<(&Node, u32)>) -> bool,
    /// [`Slot::Sign`]'s answer.
    pub signed: RwSignal<Option<SignReport>>,
    /// [`Slot::Encrypt`]'s answer.
    pub encrypted: RwSignal<Option<EncryptReport>>,
    /// [`Slot::Keys`]'s answer.
    pub keys: RwSignal<Option<KeysReport>>,
    /// [`Slot::Walk`]'s answer: the signature walkthrough.
    pub walk: RwSignal<Option<Walkthrough>>,
    /// [`Slot::Gallery`]'s answer: the example gallery.
    pub gallery: RwSignal<Option<Gallery>>,
    /// [`Slot::Inspect`]'s answer.
    pub inspection: RwSignal<Option<Inspection>>,
    /// [`Slot::SdIssue`]'s answer: the issued SD-JWT and its disclosures.
    pub sd_issued: RwSignal<Option<SdIssueReport>>,
    /// [`Slot::Present`]'s answer: the presentation.
    pub presented: RwSignal<Option<PresentReport>>,
}

/// The extras' [`ExtrasAnswers::put`].
fn put_extras(c: &ExtrasAnswers, slot: Slot, answer: Option<(&Node, u32)>) -> bool {
    // `None` clears the slot; an answer is read, and kept only if it is of the slot's kind.
    let answer = match answer {
        Some((root, id)) => match crate::jwt::protocol::extras(root, id) {
            Some(a) => Some(a),
            None => return false,
        },
        None => None,
    };
    fn keep<T: Send + Sync + 'static>(
        s: RwSignal<Option<T>>,
        answer: Option<Answer>,
        pick: fn(Answer) -> Option<T>,
    ) -> bool {
        match answer.map(pick) {
            None => put(s, None),
            Some(None) => false,
            Some(t) => put(s, t),
        }
    }
    match slot {
        Slot::Walk => keep(c.walk, answer, |a| if let Answer::Walk(w) = a { Some(w) } else { None }),
        Slot::Gallery => keep(c.gallery, answer, |a| if let Answer::Gallery(g) = a { Some(g) } else { None }),
        Slot::Sign => keep(c.signed, answer, |a| if let Answer::Sign(r) = a { Some(r) } else { None }),
        Slot::Encrypt => keep(c.encrypted, answer, |a| if let Answer::Encrypt(r) = a { Some(r) } else { None }),
        Slot::Keys => keep(c.keys, answer, |a| if let Answer::Keys(r) = a { Some(r) } else { None }),
        Slot::Inspect => keep(c.inspection, answer, |a| if let Answer::Inspect(r) = a { Some(r) } else { None }),
        Slot::SdIssue => keep(c.sd_issued, answer, |a| if let Answer::SdIssue(r) = a { Some(r) } else { None }),
        Slot::Present => keep(c.presented, answer, |a| if let Answer::Present(r) = a { Some(r) } else { None }),
        // The page's own slots are never the extras'.
        Slot::Verdict | Slot::Nested => false,
    }
}

/// Puts an answer in its signal; whether it could be read.
fn put<T: Send + Sync + 'static>(s: RwSignal<Option<T>>, answer: Option<T>) -> bool {
    let ok = answer.is_some();
    s.set(answer);
    ok
}

impl Crypto {
    /// The page's channel to the verifier (its ids are even).
    pub fn new() -> Self {
        Self::with_state(State::default())
    }

    /// The extras' channel: questions go to the page over `port` (the page's `Crypto`
    /// asks them, [`Crypto::relay`]); answers come back through [`Crypto::receive`] and
    /// failures through [`Crypto::failed`]; it reads the extras' answers (walkthrough,
    /// gallery, sign, encrypt, keys, inspect, sd-issue, present: `protocol::extras`). Its
    /// ids are odd, so they never meet the page's.
    pub fn remote(port: web_sys::MessagePort) -> Self {
        let crypto = Self::with_state(State { last_id: 1, remote: Some(port), ..State::default() });
        let extras = ExtrasAnswers {
            put: put_extras,
            signed: RwSignal::new(None),
            encrypted: RwSignal::new(None),
            keys: RwSignal::new(None),
            walk: RwSignal::new(None),
            gallery: RwSignal::new(None),
            inspection: RwSignal::new(None),
            sd_issued: RwSignal::new(None),
            presented: RwSignal::new(None),
        };
        Crypto { extras: Some(extras), ..crypto }
    }

    fn with_state(state: State) -> Self {
        Crypto {
            state: STATES.with(|s| {
                let mut s = s.borrow_mut();
                s.push(Rc::new(RefCell::new(state)));
                s.len() - 1
            }),
            changed: RwSignal::new(0),
            report: RwSignal::new(None),
            inner_report: RwSignal::new(None),
            extras: None,
        }
    }

    /// The answers of the extras' slots (`None` in the page, which never holds them).
    pub fn answers(&self) -> Option<ExtrasAnswers> {
        self.extras
    }

    /// The state; never borrowed across a call that could come back here.
    fn st(&self) -> Rc<RefCell<State>> {
        STATES.with(|s| s.borrow()[self.state].clone())
    }

    /// Where the slot stands (tracked).
    pub fn status(&self, slot: Slot) -> Status {
        self.changed.get();
        self.st().borrow().status[slot as usize].clone()
    }

    /// Whether the slot awaits an answer (tracked).
    pub fn pending(&self, slot: Slot) -> bool {
        self.status(slot) == Status::Pending
    }

    fn set_status(&self, slot: Slot, status: Status) {
        let changed = {
            let st = self.st();
            let old = &mut st.borrow_mut().status[slot as usize];
            let changed = *old != status;
            *old = status;
            changed
        };
        if changed {
            self.changed.set(self.changed.get_untracked().wrapping_add(1));
        }
    }

    /// Sets what the slot awaits, and forgets its answer.
    fn set_question(&self, slot: Slot, id: u32, text: Option<String>, status: Status) {
        {
            let st = self.st();
            let mut s = st.borrow_mut();
            s.asked[slot as usize] = (id, text.map(Zeroizing::new));
            s.relayed[slot as usize] = false;
        }
        let _ = match slot {
            Slot::Verdict => put(self.report, None),
            Slot::Nested => put(self.inner_report, None),
            _ => self.extras.is_some_and(|e| (e.put)(&e, slot, None)),
        };
        self.set_status(slot, status);
    }

    /// Asks the verifier a question for `slot`: `question` gets its id and returns its
    /// JSON. From now on the slot shows no answer until the answer to this question, and
    /// answers to its earlier questions are dropped. Returns the question's id.
    pub fn ask(&self, slot: Slot, question: impl FnOnce(u32) -> String) -> u32 {
        let id = self.next_id();
        self.set_question(slot, id, Some(question(id)), Status::Pending);
        self.post(slot.lane());
        id
    }

    /// Asks the extras' question `id` for `slot` (the page's side of [`Crypto::remote`]):
    /// as [`Crypto::ask`], but its answer, or why there is none, goes back to the extras
    /// over `port`, as the worker wrote it.
    pub fn relay(&self, slot: Slot, id: u32, question: String, port: web_sys::MessagePort) {
        self.set_question(slot, id, Some(question), Status::Pending);
        {
            let st = self.st();
            let mut s = st.borrow_mut();
            s.relayed[slot as usize] = true;
            s.relay = Some(port);
        }
        self.post(slot.lane());
    }

    /// The page could not answer the extras' question `id` (its worker failed): the slot
    /// awaiting it says why.
    pub fn failed(&self, id: u32, message: String) {
        let slot = {
            let st = self.st();
            let s = st.borrow();
            s.asked.iter().position(|(a, q)| *a == id && q.is_some()).map(|i| ALL[i])
        };
        if let Some(slot) = slot {
            self.set_question(slot, 0, None, Status::Failed(message));
        }
    }

    /// Sends the extras an answer, or a failure, of a question they asked through the page.
    fn forward(&self, message: &[wasm_bindgen::JsValue]) {
        let port = self.st().borrow().relay.clone();
        if let Some(port) = port {
            let _ = port.post_message(&message.iter().collect::<js_sys::Array>());
        }
    }

    /// Tells the page what the extras' slot no longer awaits (`withdraw`, `cancel`).
    fn tell_page(&self, what: &str, slot: Slot) {
        let port = self.st().borrow().remote.clone();
        if let Some(port) = port {
            let message = [wasm_bindgen::JsValue::from_str(what), wasm_bindgen::JsValue::from(slot as u32)];
            let _ = port.post_message(&message.iter().collect::<js_sys::Array>());
        }
    }
    /// [`Crypto::ask`] when `ready`, else [`Crypto::withdraw`]: a view whose question lacks
    /// its input (no key yet) asks nothing and shows no older answer.
    pub fn ask_if(&self, slot: Slot, ready: bool, question: impl FnOnce(u32) -> String) {
        if ready {
            self.ask(slot, question);
        } else {
            self.withdraw(slot);
        }
    }

    /// The next id: the page's are even, the extras' odd (both start from their own).
    fn next_id(&self) -> u32 {
        let st = self.st();
        let mut s = st.borrow_mut();
        s.last_id = s.last_id.checked_add(2).unwrap_or(2 - s.last_id % 2);
        s.last_id
    }

    /// The slot has nothing to ask (its view decides without the verifier): it awaits no
    /// answer and shows none.
    pub fn withdraw(&self, slot: Slot) {
        let asked = self.st().borrow().asked[slot as usize].1.is_some();
        self.set_question(slot, 0, None, Status::Idle);
        if asked {
            self.tell_page("withdraw", slot);
        }
    }

    /// The user stops the slot's work: its worker is terminated (a fresh one takes the
    /// other slots' questions), and the slot says it was cancelled.
    pub fn cancel(&self, slot: Slot) {
        self.set_question(slot, 0, None, Status::Cancelled);
        if self.st().borrow().remote.is_some() {
            return self.tell_page("cancel", slot);
        }
        self.restart(slot.lane());
    }

    /// Stops the lane's worker (its later messages and timers are ignored).
    fn stop(&self, lane: usize) {
        let old = {
            let st = self.st();
            let mut s = st.borrow_mut();
            s.generation[lane] = s.generation[lane].wrapping_add(1);
            std::mem::take(&mut s.lanes[lane])
        };
        #[cfg(not(feature = "crypto"))]
        if let Some(w) = old.worker {
            w.terminate();
        }
        #[cfg(feature = "crypto")]
        drop(old);
    }

    /// Replaces the lane's worker, which then gets each slot's latest question.
    fn restart(&self, lane: usize) {
        self.stop(lane);
        self.post(lane);
    }

    /// Every outstanding question of the lane fails with `message`; the worker goes.
    #[cfg_attr(feature = "crypto", allow(dead_code))]
    fn fail(&self, lane: usize, message: String) {
        self.stop(lane);
        let outstanding: Vec<(Slot, u32, bool)> = {
            let st = self.st();
            let s = st.borrow();
            ALL.into_iter()
                .filter(|slot| slot.lane() == lane && s.asked[*slot as usize].1.is_some())
                .map(|slot| (slot, s.asked[slot as usize].0, s.relayed[slot as usize]))
                .collect()
        };
        for (slot, id, relayed) in outstanding {
            if relayed {
                self.forward(&["failed".into(), id.into(), message.as_str().into()]);
            }
            self.set_question(slot, 0, None, Status::Failed(message.clone()));
        }
    }

    /// An answer from the verifier: read once, then delivered to the slot awaiting its id,
    /// or dropped (it answers a question no longer asked), whenever it arrives.
    pub fn receive(&self, text: &str) {
        let answer = crate::jwt::protocol::parse_answer(text);
        let id = match &answer {
            Ok((_, id)) => *id,
            Err(e) => match e.id {
                Some(id) => id,
                None => return,
            },
        };
        if id == 0 {
            return;
        }
        let slot = {
            let st = self.st();
            let mut s = st.borrow_mut();
            for lane in &mut s.lanes {
                lane.in_flight.retain(|&x| x != id);
            }
            let Some(i) = s.asked.iter().position(|(a, q)| *a == id && q.is_some()) else { return };
            s.asked[i].1 = None;
            (ALL[i], std::mem::take(&mut s.relayed[i]))
        };
        let (slot, relayed) = slot;
        if relayed {
            // The extras asked it: they read it.
            self.forward(&["answer".into(), text.into()]);
            return self.set_status(slot, Status::Answered);
        }
        let Ok((doc, id)) = &answer else {
            return self.set_status(slot, Status::Failed(UNREADABLE.into()));
        };
        let ok = match slot {
            Slot::Verdict => put(self.report, report_of(&doc.root, *id)),
            Slot::Nested => put(self.inner_report, report_of(&doc.root, *id)),
            _ => self.extras.is_some_and(|e| (e.put)(&e, slot, Some((&doc.root, *id)))),
        };
        let status = if ok { Status::Answered } else { Status::Failed(UNREADABLE.into()) };
        self.set_status(slot, status);
    }

    /// Answers the lane's outstanding questions in this thread (component tests).
    #[cfg(feature = "crypto")]
    fn post(&self, lane: usize) {
        let questions: Vec<Zeroizing<String>> = {
            let st = self.st();
            let s = st.borrow();
            ALL.into_iter()
                .filter(|slot| slot.lane() == lane)
                .filter_map(|slot| s.asked[slot as usize].1.clone())
                .collect()
        };
        for q in questions {
            if let Some(mut answer) = crate::jwt::service::answer_json(&q) {
                self.receive(&answer);
                answer.zeroize();
            }
        }
    }

    /// Posts the lane's outstanding questions that its worker has not been asked yet,
    /// starting the worker first if need be (it is asked once it says it listens).
    #[cfg(not(feature = "crypto"))]
    fn post(&self, lane: usize) {
        use wasm_bindgen::JsValue;
        if self.post_to_page(lane) {
            return;
        }
        let st = self.st();
        let (start, generation, posted) = {
            let s = &mut *st.borrow_mut();
            let outstanding = ALL.iter().any(|slot| slot.lane() == lane && s.asked[*slot as usize].1.is_some());
            let l = &mut s.lanes[lane];
            let mut posted = Vec::new();
            if let (true, Some(w)) = (l.ready, &l.worker) {
                for slot in ALL.into_iter().filter(|s| s.lane() == lane) {
                    if let (id, Some(q)) = &s.asked[slot as usize]
                        && !l.in_flight.contains(id)
                    {
                        let _ = w.post_message(&JsValue::from_str(q));
                        l.in_flight.push(*id);
                        posted.push(*id);
                    }
                }
            }
            (l.worker.is_none() && outstanding, s.generation[lane], posted)
        };
        if start {
            match self.start(lane, generation) {
                Ok(w) => st.borrow_mut().lanes[lane].worker = Some(w),
                Err(e) => self.fail(lane, e),
            }
        }
        for id in posted {
            let this = *self;
            set_timeout(move || this.check(lane, generation, id), PATIENCE);
        }
    }

    /// In the extras: posts the lane's outstanding questions that the page has not been
    /// asked yet (`["ask", slot, id, question]`); false in the page.
    #[cfg(not(feature = "crypto"))]
    fn post_to_page(&self, lane: usize) -> bool {
        use wasm_bindgen::JsValue;
        let st = self.st();
        let s = &mut *st.borrow_mut();
        let Some(port) = s.remote.clone() else { return false };
        let asked = &s.asked;
        let l = &mut s.lanes[lane];
        l.in_flight.retain(|id| asked.iter().any(|(a, q)| a == id && q.is_some()));
        for slot in ALL.into_iter().filter(|s| s.lane() == lane) {
            if let (id, Some(q)) = &asked[slot as usize]
                && !l.in_flight.contains(id)
            {
                let message =
                    [JsValue::from_str("ask"), JsValue::from(slot as u32), JsValue::from(*id), JsValue::from_str(q)];
                let _ = port.post_message(&message.iter().collect::<js_sys::Array>());
                l.in_flight.push(*id);
            }
        }
        true
    }

    /// [`PATIENCE`] after question `id` was posted: if it is still awaited and unanswered
    /// while its worker holds a question no longer awaited, the worker is busy with stale
    /// work: replace it.
    #[cfg(not(feature = "crypto"))]
    fn check(&self, lane: usize, generation: u32, id: u32) {
        let stuck = {
            let st = self.st();
            let s = st.borrow();
            let l = &s.lanes[lane];
            s.generation[lane] == generation
                && l.in_flight.contains(&id)
                && s.awaited(id)
                && l.in_flight.iter().any(|&x| !s.awaited(x))
        };
        if stuck {
            self.restart(lane);
        }
    }

    /// Starts a worker for the lane; its messages count only while it is the lane's.
    #[cfg(not(feature = "crypto"))]
    fn start(&self, lane: usize, generation: u32) -> Result<web_sys::Worker, String> {
        use wasm_bindgen::JsCast;
        use wasm_bindgen::prelude::*;
        // Trunk builds the worker for wasm-bindgen's no-modules target: a classic worker.
        let worker = web_sys::Worker::new(&super::browser::worker_url())
            .map_err(|e| format!("Error: the verifier could not start: {}", e.as_string().unwrap_or_default()))?;
        let this = *self;
        let current = move || this.st().borrow().generation[lane] == generation;
        let on_msg = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let Some(mut text) = ev.data().as_string() else { return };
            if !current() {
            } else if text == READY {
                this.st().borrow_mut().lanes[lane].ready = true;
                this.post(lane);
            } else {
                this.receive(&text);
            }
            // Answers can carry keys (a generated key, the key that verifies a signed token).
            text.zeroize();
        });
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            if current() {
                this.fail(lane, "Error: the verifier stopped unexpectedly; edit the token or key to try again.".into());
            }
        });
        worker.set_onmessage(Some(on_msg.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // A replaced worker is terminated and sends nothing more; its two handlers stay.
        on_msg.forget();
        on_error.forget();
        Ok(worker)
    }
}

impl Default for Crypto {
    fn default() -> Self {
        Self::new()
    }
}
