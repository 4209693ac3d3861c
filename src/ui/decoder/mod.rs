//! The Decoder view: paste a token, see every part decoded. Its pieces each do one job:
//! [`address`] (fragment and query), [`memory`] (the opt-in token memory), [`trusted`]
//! (the deployment's keys), [`verifying`] (the verify loop); the clock is `ui::clock`,
//! what it holds `ui::state::DecoderInputs`, and the extras are reached through
//! `ui::bridge`.

mod address;
mod memory;
mod trusted;
mod verifying;

use leptos::prelude::*;

pub use address::{DEMO_SECRET, EXAMPLE_TOKEN, first_inputs};

use super::bridge::Bridge;
use super::clock::clock;
use super::jwe::DecryptedPane;
use super::link::Linking;
use super::panes::{ClaimsPanel, EncodedToken, HeaderPane, PayloadPane, Problems, SignaturePane, Warnings};
use super::state::{DecoderInputs, Views};
use super::verify::{KeyInfo, KeyInput, VerdictBox};
use super::widgets::{CopyButton, set_secret, untrusted};
use crate::jwt::profile::Profile;
use crate::jwt::{self, Decoded};

/// The decoder: token input on one side, decoded parts on the other.
#[component]
pub fn Decoder(
    /// What it holds (shared with whatever fills it from outside).
    inputs: DecoderInputs,
) -> impl IntoView {
    let DecoderInputs { token, shown, big, key_text, encoding, detached, use_embedded, .. } = inputs;
    address::follow_fragment(inputs);
    let now = clock();
    let decoded: Memo<Decoded> = Memo::new(move |_| token.with(|t| jwt::decode(t)));
    let linking = Linking::new();
    let remember = memory::remembering();
    memory::keep(remember, token, decoded);
    let trusted = trusted::TrustedKeys::fetch();
    // Set once the decoded token is on the screen (the first contentful paint, or ten frames):
    // what can wait for it (the example's verdict, loading the extras) waits for it.
    let painted = RwSignal::new(false);
    verifying::after_first_paint(10, move || painted.set(true));
    let verifying = verifying::verify(inputs, decoded, trusted, now, painted);

    let clear_all = move |_| {
        remember.set(false);
        super::browser::clear_storage();
        inputs.load(String::new());
        set_secret(key_text, String::new());
        detached.set(String::new());
        use_embedded.set(false);
    };

    // The teaching and workflow panels and the encoder live in the extras (loaded on first
    // use): they learn the token, key and encoding from here, and mount into the slots
    // below.
    let bridge = expect_context::<Bridge>();
    Effect::new(move |_| {
        token.track();
        key_text.track();
        encoding.track();
        bridge.publish();
    });
    // The token's profile, named here; its checks, binding verdict and disclosures are the
    // extras' (loaded for any token with a profile), in slots hidden until they follow
    // this token.
    // (Recognised where it is read, rather than in a memo: a memo of a new type costs the
    // first load a kilobyte, recognising costs a few member lookups.)
    let profile = move || decoded.with(|d| (!d.is_empty()).then(|| jwt::profile::recognise(d)));
    Effect::new(move |_| {
        if painted.get() && profile().is_some_and(|p| p != Profile::Jwt) {
            bridge.show("inspect", true);
        }
    });
    let stale = move || !bridge.token_followed();
    let views = expect_context::<Views>();
    let edit_in_encoder = move |_| {
        if let Some((header, payload)) = decoded.with(editable) {
            bridge.edit(&header, &payload);
            views.encoder_shown.set(true);
        }
    };
    let tool = move |id: &'static str, panel: &'static str, label: &'static str| {
        let on = RwSignal::new(false);
        view! {
            <button type="button" class="small tool" data-testid=id aria-pressed=move || on.get().to_string()
                on:click=move |_| {
                    on.update(|v| *v = !*v);
                    bridge.show(panel, on.get_untracked());
                }>{label}</button>
        }
    };

    view! {
        <div class="tools" data-pane="tools">
            {tool("gallery-toggle", "gallery", "Examples")}
            {tool("walk-toggle", "walk", "Signature, step by step")}
            {tool("checks-toggle", "checks", "Validate claims")}
            {tool("share-toggle", "share", "Share link")}
            {tool("diff-toggle", "diff", "Compare with another token")}
        </div>
        // The examples, the share link and the comparison open here, under the tool row.
        <div id="slot-tools" data-pane="tools"></div>
        <address::QueryWarning/>
        <div class="decoder">
            <div class="column input-column">
            <section class="column-part" aria-label="Token" data-pane="token">
                <div class="field-head">
                    <label for="token-input">"Encoded token"</label>
                    <span class="field-actions">
                        <CopyButton what="token" text=Signal::derive(move || decoded.with(|d| d.input.token.clone()))/>
                        <button type="button" class="small" data-testid="edit-in-encoder" on:click=edit_in_encoder
                            disabled=move || decoded.with(|d| d.header.is_none())>
                            "Edit this token"
                        </button>
                        <button type="button" class="small" aria-label="Clear token" data-testid="clear-token" on:click=move |_| inputs.load(String::new())>
                            "Clear"
                        </button>
                        <button type="button" class="small" data-testid="clear-all" on:click=clear_all
                            title="Clear the token, the key and anything remembered on this device">
                            "Clear all"
                        </button>
                    </span>
                </div>
                <textarea
                    id="token-input"
                    data-testid="token-input"
                    class="token-input"
                    spellcheck="false"
                    autocomplete="off"
                    autocapitalize="off"
                    placeholder="Paste a JWT, a Bearer header, a cookie or a curl command"
                    prop:value=move || shown.get()
                    class:nowrap=move || big.get()
                    on:input=move |ev| inputs.typed(event_target_value(&ev))
                ></textarea>
                <memory::RememberToken remember=remember/>
                <CleaningNotes decoded=decoded/>
                // The key and the verdict come right after the token box, so that the verdict
                // is on the first screen; then the token colour-coded and its problems.
                <KeyInput key_text=key_text encoding=encoding detached=detached use_embedded=use_embedded decoded=decoded demo=inputs.demo/>
                <trusted::TrustedNote trusted=trusted/>
                <VerdictBox outcome=verifying.outcome busy=verifying.busy/>
                {move || profile().map(|p| view! {
                    <p class="profile" data-testid="profile" data-profile=p.as_str()>
                        <span class="profile-label">"Profile: "</span>{p.title()}
                    </p>
                })}
                <div id="slot-inspect" hidden=stale></div>
                <div id="slot-example"></div>
                <EncodedToken decoded=decoded linking=linking/>
                <Problems decoded=decoded/>
                <KeyInfo keys=verifying.keys now=now jwe=verifying.is_jwe/>
                <Warnings warnings=verifying.warnings/>
            </section>
            // The claims checks and the signature walkthrough open here, under the verdict
            // and the warnings they explain (the left column is otherwise short).
            <div id="slot-checks"></div>
            <div id="slot-walk"></div>
            </div>
            <section class="column output-column" aria-label="Decoded">
                <HeaderPane decoded=decoded exact=linking.header_exact/>
                <PayloadPane decoded=decoded exact=linking.payload_exact/>
                <div id="slot-sd" hidden=stale></div>
                <DecryptedPane plaintext=verifying.plaintext is_jwe=verifying.is_jwe/>
                <ClaimsPanel decoded=decoded now=now/>
                <SignaturePane decoded=decoded/>
            </section>
        </div>
    }
}

/// The header and payload to edit in the encoder ("Edit this token"): pretty-printed
/// JSON when they are JSON; none without a header.
fn editable(d: &Decoded) -> Option<(String, String)> {
    let text = |j: &crate::jwt::token::JsonText| j.pretty.as_ref().map_or_else(|| j.text.clone(), |p| p.text.clone());
    let header = d.header.as_ref().map(text)?;
    let payload = match &d.payload {
        crate::jwt::Payload::Json(j) => text(j),
        crate::jwt::Payload::Text(t) => t.clone(),
        _ => String::new(),
    };
    Some((header, payload))
}

/// What was stripped from the pasted text to find the token.
#[component]
fn CleaningNotes(decoded: Memo<Decoded>) -> impl IntoView {
    move || {
        decoded.with(|d| {
            (!d.input.notes.is_empty()).then(|| {
                let text = d.input.notes.join("; ");
                view! {
                    <p class="cleaning" data-testid="cleaning-notes">
                        <span class="cleaning-label">"Cleaned up: "</span>{untrusted(&text)}
                    </p>
                }
            })
        })
    }
}
