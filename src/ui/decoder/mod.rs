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

use wasm_bindgen::JsCast;

use super::bridge::Bridge;
use super::clock::clock;
use super::dom::{self, Tree};
use super::jwe::decrypted_pane;
use super::link::Linking;
use super::panes::{claims_panel, encoded_token, header_pane, payload_pane, problems, signature_pane, warnings};
use super::state::{DecoderInputs, Views};
use super::verify::{key_info, key_input, verdict_box};
use super::widgets::{set_secret, untrusted};
use crate::jwt::profile::Profile;
use crate::jwt::{self, Decoded};

/// The decoder, built into `el`: token input on one side, decoded parts on the other.
pub fn decoder(el: &web_sys::Element, inputs: DecoderInputs) {
    let DecoderInputs { token, shown, big, key_text, encoding, detached, use_embedded, .. } = inputs;
    address::follow_fragment(inputs);
    let now = clock();
    // A new text is a new token: comparing two decodings (an 87 KB payload's whole tree)
    // would only cost time and first-load bytes.
    let decoded: Memo<Decoded> = Memo::new_with_compare(move |_| token.with(|t| jwt::decode(t)), |_, _| true);
    let linking = Linking::new();
    let remember = memory::remembering();
    memory::keep(remember, token, decoded);
    let trusted = trusted::TrustedKeys::fetch();
    // Set once the decoded token is on the screen (the first contentful paint, or ten frames):
    // what can wait for it (the example's verdict, loading the extras) waits for it.
    let painted = RwSignal::new(false);
    verifying::after_first_paint(10, move || painted.set(true));
    let verifying = verifying::verify(inputs, decoded, trusted, now, painted);

    // The teaching and workflow panels and the encoder live in the extras (loaded on first
    // use): they learn the token, key and encoding from here, and mount into the slots
    // below.
    let bridge = expect_context::<Bridge>();
    dom::bind(move || {
        token.track();
        key_text.track();
        encoding.track();
        bridge.publish();
    });
    // The token's profile, named here; its checks, binding verdict and disclosures are the
    // extras' (loaded for any token with a profile), in slots hidden until they follow
    // this token.
    let profile = move || decoded.with(|d| (!d.is_empty()).then(|| jwt::profile::recognise(d)));
    dom::bind(move || {
        if painted.get() && profile().is_some_and(|p| p != Profile::Jwt) {
            bridge.show("inspect", true);
        }
    });

    let mut t = Tree::new();
    t.open("div").class("tools").attr("data-pane", "tools");
    for (id, _, label) in TOOLS {
        t.open("button").attr("type", "button").class("small tool").attr("data-testid", id);
        t.attr("aria-pressed", "false").mark().text(label).close();
    }
    t.close();
    // The examples, the share link and the comparison open here, under the tool row.
    t.open("div").attr("id", "slot-tools").attr("data-pane", "tools").close();
    t.open("div").class("slot").mark().close();
    t.open("div").class("decoder");
    t.open("div").class("column input-column");
    t.open("section").class("column-part").attr("aria-label", "Token").attr("data-pane", "token").mark();
    t.open("div").class("field-head").open("label").attr("for", "token-input").text("Encoded token").close();
    t.open("span").class("field-actions");
    dom::copy_button(&mut t, "token");
    t.open("button").attr("type", "button").class("small").attr("data-testid", "edit-in-encoder").mark();
    t.text("Edit this token").close();
    t.open("button").attr("type", "button").class("small").attr("aria-label", "Clear token");
    t.attr("data-testid", "clear-token").mark().text("Clear").close();
    t.open("button").attr("type", "button").class("small").attr("data-testid", "clear-all");
    t.attr("title", "Clear the token, the key and anything remembered on this device").mark().text("Clear all").close();
    t.close().close();
    t.open("textarea").attr("id", "token-input").attr("data-testid", "token-input").class("token-input");
    t.attr("spellcheck", "false").attr("autocomplete", "off").attr("autocapitalize", "off");
    t.attr("placeholder", "Paste a JWT, a Bearer header, a cookie or a curl command").mark().close();
    t.close();
    // The claims checks and the signature walkthrough open here, under the verdict and the
    // warnings they explain (the left column is otherwise short).
    t.open("div").attr("id", "slot-checks").close();
    t.open("div").attr("id", "slot-walk").close();
    t.close();
    t.open("section").class("column output-column").attr("aria-label", "Decoded").mark().close();
    t.close();
    let Some([b0, b1, b2, b3, b4, warning, column, copy, edit, clear, clear_all, input, output]) = t.append_n(el)
    else {
        return;
    };

    // The tool row: each button shows or hides its panel in the extras.
    for (button, (_, panel, _)) in [b0, b1, b2, b3, b4].into_iter().zip(TOOLS) {
        let b = button.clone();
        dom::on(&button, "click", move |_| {
            let on = b.get_attribute("aria-pressed").as_deref() != Some("true");
            dom::set_attr(&b, "aria-pressed", Some(if on { "true" } else { "false" }));
            bridge.show(panel, on);
        });
    }
    address::query_warning(&warning);

    // The token box and its buttons.
    dom::wire_copy(&copy, move || decoded.with_untracked(|d| d.input.token.clone()));
    let views = expect_context::<Views>();
    dom::bind_attr(&edit, "disabled", move || decoded.with(|d| d.header.is_none()).then(String::new));
    dom::on(&edit, "click", move |_| {
        if let Some((header, payload)) = decoded.with_untracked(editable) {
            bridge.edit(&header, &payload);
            views.encoder_shown.set(true);
        }
    });
    dom::on(&clear, "click", move |_| inputs.load(String::new()));
    dom::on(&clear_all, "click", move |_| {
        remember.set(false);
        super::browser::clear_storage();
        inputs.load(String::new());
        set_secret(key_text, String::new());
        detached.set(String::new());
        use_embedded.set(false);
    });
    let area: web_sys::HtmlTextAreaElement = input.clone().unchecked_into();
    let a = area.clone();
    dom::bind(move || a.set_value(&shown.get()));
    let a = area.clone();
    dom::bind(move || {
        let _ = a.class_list().toggle_with_force("nowrap", big.get());
    });
    dom::on(&input, "input", move |_| inputs.typed(area.value()));

    // The key and the verdict come right after the token box, so that the verdict is on the
    // first screen; then the token colour-coded and its problems.
    let part = |name: &'static str, value: &str| {
        let mut t = Tree::new();
        t.open("div").attr(name, value).mark().close();
        t.append_n::<1>(&column).map(|[e]| e)
    };
    let slot = || part("class", "slot");
    let (Some(remembering), Some(notes)) = (slot(), slot()) else { return };
    memory::remember_token(&remembering, remember);
    cleaning_notes(&notes, decoded);
    let Some(key) = slot() else { return };
    key_input(&key, inputs, decoded);
    let (Some(note), Some(verdict), Some(named)) = (slot(), slot(), slot()) else { return };
    trusted::trusted_note(&note, trusted);
    verdict_box(&verdict, verifying.outcome, verifying.busy);
    dom::bind(move || {
        let mut t = Tree::new();
        if let Some(p) = profile() {
            t.open("p").class("profile").attr("data-testid", "profile").attr("data-profile", p.as_str());
            t.leaf("span", "profile-label", "Profile: ").text(p.title()).close();
        }
        t.fill(&named);
    });
    let stale = move || !bridge.token_followed();
    let (Some(inspect), Some(_example)) = (part("id", "slot-inspect"), part("id", "slot-example")) else { return };
    dom::bind_hidden(&inspect, stale);
    encoded_token(&column, decoded, linking);
    let (Some(problem_list), Some(keys)) = (slot(), slot()) else { return };
    problems(&problem_list, decoded);
    key_info(&keys, verifying.keys, now, verifying.is_jwe);
    warnings(&column, verifying.warnings);

    header_pane(&output, decoded, linking.header_exact);
    payload_pane(&output, decoded, linking.payload_exact);
    let mut t = Tree::new();
    t.open("div").attr("id", "slot-sd").mark().close();
    t.open("div").class("slot").mark().close();
    t.open("div").class("slot").mark().close();
    let Some([sd, decrypted, claims]) = t.append_n(&output) else { return };
    dom::bind_hidden(&sd, stale);
    decrypted_pane(&decrypted, verifying.plaintext, verifying.is_jwe);
    claims_panel(&claims, decoded, now);
    signature_pane(&output, decoded);
}

/// The tool row's buttons: test id, the extras' panel, label.
const TOOLS: [(&str, &str, &str); 5] = [
    ("gallery-toggle", "gallery", "Examples"),
    ("walk-toggle", "walk", "Signature, step by step"),
    ("checks-toggle", "checks", "Validate claims"),
    ("share-toggle", "share", "Share link"),
    ("diff-toggle", "diff", "Compare with another token"),
];

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

/// What was stripped from the pasted text to find the token (rebuilt into `el`).
fn cleaning_notes(el: &web_sys::Element, decoded: Memo<Decoded>) {
    let el = el.clone();
    dom::bind(move || {
        let mut t = Tree::new();
        decoded.with(|d| {
            if !d.input.notes.is_empty() {
                t.open("p").class("cleaning").attr("data-testid", "cleaning-notes");
                t.leaf("span", "cleaning-label", "Cleaned up: ").text(&untrusted(&d.input.notes.join("; "))).close();
            }
        });
        t.fill(&el);
    });
}
