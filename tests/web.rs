//! Component tests in headless Chromium: the core runs in wasm as it does natively, and
//! the decoder view renders what a user pastes.
#![cfg(target_arch = "wasm32")]

use jwt_lens::jwt::{self, base64url};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn b64(s: &str) -> String {
    base64url::encode(s.as_bytes())
}

/// The first screen's example before 2026-12-01: HS256 with a secret on the weak list
/// (`jwt-lens-demo-secret-do-not-use-in-production`), expired.
const OLD_EXAMPLE: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkFkYSBMb3ZlbGFjZSIsImVtYWlsIjoiYWRhQGV4YW1wbGUuY29tIiwicm9sZXMiOlsiYWRtaW4iLCJhbmFseXN0Il0sImlzcyI6Imh0dHBzOi8vYXV0aC5leGFtcGxlLmNvbSIsImF1ZCI6Imp3dC1sZW5zLWRlbW8iLCJpYXQiOjE3NjQ1NDcyMDAsIm5iZiI6MTc2NDU0NzIwMCwiZXhwIjoxNzY0NTUwODAwfQ.j0Cc30HfxapPDRPeGZXVD0BrbL7Lrs4m3wMftFKqQpo";

/// RFC 7515 Appendix A.1.
const A1: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

#[wasm_bindgen_test]
fn core_decodes_in_wasm_as_natively() {
    let d = jwt::decode(A1);
    assert!(d.problems.is_empty());
    assert_eq!(d.alg.as_deref(), Some("HS256"));
    let codes: Vec<&str> = jwt::lint(&d, 1_700_000_000).iter().map(|w| w.code.as_str()).collect();
    assert_eq!(codes, ["expired"]);
    // A quick shake of odd inputs: nothing may panic in wasm either (a panic aborts).
    for s in ["", ".", "..", "....", "eyJ.eyJ.", "\u{202E}.\0.é", "Bearer", "{\"payload\":1}"] {
        let _ = jwt::lint(&jwt::decode(s), i64::MAX);
    }
}

/// The page mounted in a fresh container, with helpers to act on it.
struct Page {
    root: web_sys::HtmlElement,
    _mounted: jwt_lens::ui::Mounted,
}

impl Page {
    fn mount() -> Page {
        let doc = document();
        let root: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
        doc.body().unwrap().append_child(&root).unwrap();
        let mounted = jwt_lens::ui::mount(&root);
        Page { root, _mounted: mounted }
    }

    fn find(&self, selector: &str) -> web_sys::Element {
        self.root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}"))
    }

    fn all(&self, selector: &str) -> Vec<web_sys::Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length()).filter_map(|i| list.item(i)).map(|n| n.unchecked_into()).collect()
    }

    fn text(&self, selector: &str) -> String {
        self.find(selector).text_content().unwrap_or_default()
    }

    fn codes(&self, selector: &str) -> Vec<String> {
        self.all(selector).iter().filter_map(|e| e.get_attribute("data-code")).collect()
    }

    async fn paste(&self, text: &str) {
        let input: web_sys::HtmlTextAreaElement = self.find("[data-testid=token-input]").unchecked_into();
        input.set_value(text);
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        let ev = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
        input.dispatch_event(&ev).unwrap();
        leptos::task::tick().await;
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        self.root.remove();
    }
}

/// The signature pane reads the algorithm table the verifier reads: `Ed25519` and `Ed448`
/// (RFC 9864), which the verifier accepts, are known here too, and the header pane names
/// their family; `EdDSA` also fits Ed448's 114 bytes.
#[wasm_bindgen_test]
async fn the_signature_pane_knows_every_alg_the_verifier_accepts() {
    let page = Page::mount();
    for (alg, says, len) in [
        ("Ed25519", "64 bytes (Ed25519 expects 64 bytes)", 64),
        ("EdDSA", "64 bytes (EdDSA expects 64 bytes)", 64),
        ("Ed448", "114 bytes (Ed448 expects 114 bytes)", 114),
    ] {
        let header = base64url::encode(format!("{{\"alg\":\"{alg}\"}}").as_bytes());
        page.paste(&format!("{header}.e30.{}", base64url::encode(&vec![7u8; len]))).await;
        let sig = page.text("[data-testid=signature-pane]");
        assert!(sig.contains(says), "{alg}: {sig}");
        assert!(!sig.contains("not a JWS algorithm"), "{alg}: {sig}");
        assert!(page.text("[data-testid=header-pane]").contains(alg), "{alg}");
    }
    let header = base64url::encode(br#"{"alg":"ed448"}"#);
    page.paste(&format!("{header}.e30.{}", base64url::encode(&[7u8; 114]))).await;
    let sig = page.text("[data-testid=signature-pane]");
    assert!(sig.contains("\"ed448\" is not a JWS algorithm this page knows"), "{sig}");
}

/// Waits `ms` milliseconds of the browser's clock (frames are painted meanwhile).
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// A timer of `ms` milliseconds set now (not when first awaited, as [`sleep`]'s is).
fn timer(ms: i32) -> wasm_bindgen_futures::JsFuture {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    wasm_bindgen_futures::JsFuture::from(promise)
}

/// A verdict's spinner shows (`data-slow`) once one busy period has lasted 300 ms, never
/// because a timer of an earlier period fired, and goes the moment the work ends.
#[wasm_bindgen_test]
async fn a_verdicts_spinner_waits_for_one_busy_period() {
    let _page = Page::mount(); // (the page's executor runs the effects)
    let el = document().create_element("div").unwrap();
    let busy = RwSignal::new(true);
    jwt_lens::ui::bind_busy(&el, move || busy.get());
    leptos::task::tick().await;
    assert_eq!(el.get_attribute("aria-busy").as_deref(), Some("true"));
    assert_eq!(el.get_attribute("data-slow"), None);
    // Set after the first period's timer with the same delay, the probe runs after it; the
    // second period's timer is due 250 ms later, so the probe runs first, however slow the
    // machine (timers run in the order they are due).
    let probe = timer(300);
    sleep(250).await;
    busy.set(false);
    busy.set(true);
    leptos::task::tick().await;
    let _ = probe.await;
    assert_eq!(el.get_attribute("data-slow"), None, "the first period's timer showed the spinner");
    let mut shown = false;
    for _ in 0..40 {
        if el.get_attribute("data-slow").is_some() {
            shown = true;
            break;
        }
        sleep(50).await;
    }
    assert!(shown, "the spinner never showed");
    busy.set(false);
    leptos::task::tick().await;
    assert_eq!(el.get_attribute("aria-busy").as_deref(), Some("false"));
    assert_eq!(el.get_attribute("data-slow"), None);
}

/// The page's verdict, once it is `want` (or what it is after two seconds).
async fn verdict_becomes(page: &Page, want: &str) -> Option<String> {
    for _ in 0..40 {
        let v = page.find("[data-testid=verdict]").get_attribute("data-verdict");
        if v.as_deref() == Some(want) {
            return v;
        }
        sleep(50).await;
    }
    page.find("[data-testid=verdict]").get_attribute("data-verdict")
}

fn key_box(page: &Page) -> web_sys::HtmlTextAreaElement {
    page.find("[data-testid=key-input]").unchecked_into()
}

async fn type_key(page: &Page, text: &str) {
    let key = key_box(page);
    key.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    key.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    leptos::task::tick().await;
}

/// A first visit shows the example with its demo secret, labelled, and checks it once the
/// decoded example has been painted: verified.
#[wasm_bindgen_test]
async fn shows_the_example_token_at_first_and_it_verifies_with_its_demo_secret() {
    let page = Page::mount();
    leptos::task::tick().await;
    assert!(page.text("[data-testid=header-pane]").contains("\"alg\": \"HS256\""));
    assert!(page.text("[data-testid=payload-pane]").contains("\"name\": \"Ada Lovelace\""));
    assert_eq!(key_box(&page).value(), jwt_lens::ui::DEMO_SECRET);
    assert!(page.text("[data-testid=demo-key-note]").contains("Demo secret"));
    assert!(!page.find("[data-testid=demo-key-note]").has_attribute("hidden"));
    // Not asked before the first frame is painted.
    assert_eq!(page.find("[data-testid=verdict]").get_attribute("data-verdict").as_deref(), Some("unverified"));
    assert_eq!(verdict_becomes(&page, "verified").await.as_deref(), Some("verified"));
    assert_eq!(page.codes("[data-testid=warnings] li"), ["long-lifetime"]);
}

/// The demo secret belongs to the example only: another token empties the key box (and
/// the label goes), so it is never judged against the demo secret.
#[wasm_bindgen_test]
async fn another_token_never_meets_the_demo_secret() {
    let page = Page::mount();
    leptos::task::tick().await;
    page.paste(A1).await;
    assert_eq!(key_box(&page).value(), "");
    assert!(page.find("[data-testid=demo-key-note]").has_attribute("hidden"));
    assert_eq!(verdict_becomes(&page, "unverified").await.as_deref(), Some("unverified"));
    // Back to the example: no demo secret comes back.
    page.paste(jwt_lens::ui::EXAMPLE_TOKEN).await;
    assert_eq!(key_box(&page).value(), "");
    assert_eq!(page.find("[data-testid=verdict]").get_attribute("data-verdict").as_deref(), Some("unverified"));
}

/// An edit of the example that keeps its signature (the tamper demo's) is still the
/// example: checked against the demo secret, and invalid.
#[wasm_bindgen_test]
async fn the_example_tampered_with_is_invalid_against_the_demo_secret() {
    let page = Page::mount();
    leptos::task::tick().await;
    let tampered = jwt_lens::ui::EXAMPLE_TOKEN.replacen("eyJzdWIiOiIxMjM0NTY3ODkw", "eyJzdWIiOiIxMjM0NTY3ODkx", 1);
    assert_ne!(tampered, jwt_lens::ui::EXAMPLE_TOKEN);
    page.paste(&tampered).await;
    assert_eq!(key_box(&page).value(), jwt_lens::ui::DEMO_SECRET);
    assert_eq!(verdict_becomes(&page, "invalid").await.as_deref(), Some("invalid"));
}

/// A key the user typed over the demo secret stays when the token changes.
#[wasm_bindgen_test]
async fn a_key_the_user_typed_stays_when_the_token_changes() {
    let page = Page::mount();
    leptos::task::tick().await;
    type_key(&page, "a-key-of-my-own-that-is-32-bytes-long").await;
    assert!(page.find("[data-testid=demo-key-note]").has_attribute("hidden"));
    page.paste(A1).await;
    assert_eq!(key_box(&page).value(), "a-key-of-my-own-that-is-32-bytes-long");
    assert_eq!(verdict_becomes(&page, "invalid").await.as_deref(), Some("invalid"));
}

#[wasm_bindgen_test]
async fn pasting_decodes_every_part() {
    let page = Page::mount();
    page.paste(&format!("Bearer {A1}")).await;
    assert_eq!(page.text("[data-testid=header-pane]"), "{\n  \"typ\": \"JWT\",\n  \"alg\": \"HS256\"\n}");
    assert!(page.text("[data-testid=payload-pane]").contains("\"http://example.com/is_root\": true"));
    let sig = page.text("[data-testid=signature-pane]");
    assert!(sig.contains("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), "{sig}");
    assert!(sig.contains("32 bytes (HS256 expects 32 bytes)"), "{sig}");
    assert!(page.text("[data-testid=cleaning-notes]").contains("Bearer"));
    assert!(page.text("[data-testid=time-exp]").contains("2011-03-22T18:43:00Z"));
    assert_eq!(page.codes("[data-testid=warnings] li"), ["expired"]);
    assert!(page.all("[data-testid=decoder-panel] [role=alert]").is_empty());
    assert_eq!(page.all("[data-testid=encoded-token] .seg").len(), 3);
}

#[wasm_bindgen_test]
async fn a_broken_token_still_shows_what_decodes() {
    let page = Page::mount();
    page.paste(&format!("eyJh*GciOiJIUzI1NiJ9.{}.c2ln", b64(r#"{"sub":"still here"}"#))).await;
    assert_eq!(page.codes("[data-testid=decoder-panel] [role=alert]"), ["header-base64"]);
    assert!(page.text("[data-testid=decoder-panel] [role=alert]").contains("token character 5"));
    assert_eq!(page.text("[data-testid=header-pane]"), "");
    assert!(page.text("[data-testid=payload-pane]").contains("still here"));
    assert_eq!(page.text(".bad-char"), "*");
}

#[wasm_bindgen_test]
async fn claims_are_text_never_markup() {
    let page = Page::mount();
    let evil = r#"{"name":"<img src=x onerror=\"window.__pwned=1\">","kid":"<script>x</script>"}"#;
    page.paste(&format!("{}.{}.c2ln", b64(r#"{"alg":"HS256","kid":"<b>k</b>"}"#), b64(evil))).await;
    assert!(page.all("img").is_empty());
    assert!(page.all("script").is_empty());
    assert!(page.all("b").is_empty());
    assert!(page.text("[data-testid=payload-pane]").contains("<img src=x onerror="));
}

#[wasm_bindgen_test]
async fn alg_none_is_unsecured_and_jwe_is_recognised() {
    let page = Page::mount();
    page.paste(&format!("{}.{}.", b64(r#"{"alg":"none"}"#), b64(r#"{"sub":"x"}"#))).await;
    assert_eq!(page.find("[data-testid=verdict]").get_attribute("data-verdict").as_deref(), Some("unsecured"));
    assert!(page.codes("[data-testid=warnings] li").contains(&"alg-none".to_string()));

    page.paste(&format!("{}.AAAA.AAAA.AAAA.AAAA", b64(r#"{"alg":"RSA-OAEP","enc":"A256GCM"}"#))).await;
    assert_eq!(page.find("[data-testid=token-form]").get_attribute("data-form").as_deref(), Some("jwe"));
    assert_eq!(page.all("[data-testid=encoded-token] .seg").len(), 5);
    assert_eq!(page.text("[data-testid=payload-pane]"), "");
}

#[wasm_bindgen_test]
async fn large_payloads_render_exactly_in_chunks() {
    let page = Page::mount();
    let mut claims = String::from("{\"sub\":\"big\"");
    for i in 0..3000 {
        claims.push_str(&format!(",\"claim_{i:05}\":\"vé{i}\""));
    }
    claims.push('}');
    page.paste(&format!("{}.{}.c2ln", b64(r#"{"alg":"HS256"}"#), b64(&claims))).await;
    let d = jwt::decode(&format!("x.{}.c2ln", b64(&claims)));
    let want = match &d.payload {
        jwt::Payload::Json(j) => j.pretty.as_ref().unwrap().text.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(page.text("[data-testid=payload-pane]"), want);
    let chunks = page.all("[data-testid=payload-pane] > .chunk");
    assert!(chunks.len() > 10, "{} chunks", chunks.len());
    assert!(chunks.iter().all(|c| c.text_content().unwrap_or_default().len() <= 4096 + 64));
    // Each chunk is a block that ends after a line break: the next line, indentation and
    // all, starts the next one (no blank line, no lost indentation between two chunks).
    for c in &chunks[..chunks.len() - 1] {
        let text = c.text_content().unwrap_or_default();
        assert!(text.ends_with('\n'), "{:?}", &text[text.len().saturating_sub(40)..]);
    }
    // The first chunks are coloured at once; the others when they come near the block's
    // visible part (here, with no style sheet, the block shows all of them: a few a frame).
    assert!(chunks[0].query_selector(".j-key").unwrap().is_some());
    for _ in 0..100 {
        if page.all("[data-testid=payload-pane] .j-key").len() >= 3000 {
            break;
        }
        sleep(50).await;
    }
    assert!(page.all("[data-testid=payload-pane] .j-key").len() >= 3000);
    assert_eq!(page.text("[data-testid=payload-pane]"), want);
    // The colour-coded token is chunked the same way, and still exact.
    let token = page.text("[data-testid=encoded-token]");
    assert!(token.starts_with("eyJhbGciOiJIUzI1NiJ9.") && token.ends_with(".c2ln"));
}

#[wasm_bindgen_test]
async fn a_large_token_has_every_part_marked_at_once() {
    // The colour-coded token's spans are looked up by class (its parts, its disclosures):
    // they are all made on paste, though the token is chunked.
    let page = Page::mount();
    let disclosures: Vec<String> = (0..500).map(|i| b64(&format!("[\"salt{i}\",\"claim{i}\",{i}]"))).collect();
    let token = format!(
        "{}.{}.c2ln~{}~",
        b64(r#"{"alg":"HS256","typ":"example+sd-jwt"}"#),
        b64(r#"{"_sd_alg":"sha-256"}"#),
        disclosures.join("~")
    );
    assert!(token.len() > 3 * 4096);
    page.paste(&token).await;
    assert!(page.all("[data-testid=encoded-token] .chunk").len() >= 3);
    // (A disclosure cut by a chunk's end is two spans.)
    let marked: String =
        page.all("[data-testid=encoded-token] .seg-disclosure").iter().filter_map(|e| e.text_content()).collect();
    assert_eq!(marked, disclosures.concat());
}

#[wasm_bindgen_test]
async fn a_chunk_out_of_sight_is_coloured_when_scrolled_to_and_keeps_its_ranges() {
    let page = Page::mount();
    let mut claims = String::from("{\"sub\":\"big\"");
    for i in 0..2000 {
        claims.push_str(&format!(",\"claim_{i:05}\":\"v{i}\""));
    }
    claims.push('}');
    // A block that scrolls, as the page's style sheet makes it.
    let pane = page.find("[data-testid=payload-pane]");
    pane.set_attribute("style", "display: block; max-height: 200px; overflow: auto").unwrap();
    page.paste(&format!("{}.{}.c2ln", b64(r#"{"alg":"HS256"}"#), b64(&claims))).await;
    let last = page.all("[data-testid=payload-pane] > .chunk").pop().unwrap();
    // Not coloured yet: its characters, in one text node.
    assert_eq!(last.child_element_count(), 0);
    let text = last.text_content().unwrap();
    assert!(text.contains("claim_01999"), "{text}");
    // A selection and a highlight inside it keep their characters once it is coloured.
    let at = text.find("claim_01999").unwrap() as u32;
    mark_text(&last, at, at + 11);
    pane.set_scroll_top(pane.scroll_height());
    for _ in 0..100 {
        if last.child_element_count() > 0 {
            break;
        }
        sleep(50).await;
    }
    assert!(last.query_selector(".j-key").unwrap().is_some(), "not coloured");
    assert_eq!(last.text_content().unwrap(), text);
    assert_eq!(marked_texts(), "claim_01999|claim_01999");
}

// A selection and a highlight over characters of a text node, as a user's selection and the
// byte links make them; and their texts, once the node may have been replaced.
#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
let marked = null;
export function mark_text(el, a, b) {
  const node = el.firstChild;
  const doc = el.ownerDocument;
  const sel = doc.getSelection();
  const r = doc.createRange();
  r.setStart(node, a);
  r.setEnd(node, b);
  sel.removeAllRanges();
  sel.addRange(r);
  marked = doc.createRange();
  marked.setStart(node, a);
  marked.setEnd(node, b);
  CSS.highlights.set('test-lazy', new Highlight(marked));
}
export function marked_texts() {
  const sel = document.getSelection();
  const out = marked.toString() + '|' + sel.toString();
  CSS.highlights.delete('test-lazy');
  sel.removeAllRanges();
  return out;
}
"#)]
extern "C" {
    fn mark_text(el: &web_sys::Element, a: u32, b: u32);
    fn marked_texts() -> String;
}

#[wasm_bindgen_test]
async fn a_key_verifies_in_the_page_thread_when_crypto_is_built_in() {
    // Component tests build the crypto feature into the page, so verification runs here
    // through the same `service::verify` the worker runs.
    let page = Page::mount();
    page.paste(OLD_EXAMPLE).await;
    type_key(&page, "jwt-lens-demo-secret-do-not-use-in-production").await;
    let verdict = page.find("[data-testid=verdict]");
    assert_eq!(verdict.get_attribute("data-verdict").as_deref(), Some("verified"));
    assert_eq!(verdict.get_attribute("aria-busy").as_deref(), Some("false"));
    assert!(page.codes("[data-testid=warnings] li").contains(&"weak-secret".to_string()));
    assert!(page.text("[data-testid=key-info]").contains("HMAC secret, 45 bytes"));
}

#[wasm_bindgen_test]
async fn a_jwe_decrypts_in_the_page_thread_and_its_plaintext_is_text() {
    // dir + A128GCM, made by the core itself; the plaintext holds markup, which must stay text.
    let secret = "0123456789abcdef";
    let plaintext = "<img src=x onerror=alert(1)> decrypted";
    let jwe = jwt::jwe::encrypt(&jwt::jwe::Encryption {
        plaintext: plaintext.as_bytes(),
        alg: "dir",
        enc: "A128GCM",
        key: secret,
        encoding: jwt::verdict::SecretEncoding::Utf8,
        cty: None,
        zip: false,
    })
    .unwrap();
    let page = Page::mount();
    page.paste(&jwe).await;
    assert_eq!(page.find("[data-testid=verdict]").get_attribute("data-verdict").as_deref(), Some("unverified"));
    let key: web_sys::HtmlTextAreaElement = page.find("[data-testid=key-input]").unchecked_into();
    key.set_value(secret);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    key.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    leptos::task::tick().await;
    assert_eq!(page.find("[data-testid=verdict]").get_attribute("data-verdict").as_deref(), Some("decrypted"));
    let pane = page.find("[data-testid=decrypted-pane]");
    assert_eq!(pane.get_attribute("role").as_deref(), Some("region"));
    assert_eq!(pane.get_attribute("aria-label").as_deref(), Some("Decrypted payload"));
    assert_eq!(page.text("[data-testid=decrypted-pane]"), plaintext);
    assert!(page.all("[data-testid=decrypted-pane] img").is_empty());
}

/// The verifier worker hands RSA and NIST-curve ECDSA checks to WebCrypto once the core has
/// checked everything else. On every Wycheproof vector a JWS can express, WebCrypto (through
/// the worker's path) and RustCrypto (the core alone) must agree, and WebCrypto must have
/// answered (no silent fallback).
#[wasm_bindgen_test]
async fn webcrypto_and_rustcrypto_agree_on_wycheproof() {
    use jwt_lens::jwt::json::{self, Node, Value};
    use jwt_lens::jwt::jwk;
    use jwt_lens::jwt::jws::verify;
    use jwt_lens::jwt::verdict::SecretEncoding;
    let text = |n: &Node, k: &str| n.get(k).and_then(Node::as_str).unwrap_or_default().to_string();
    let hex =
        |h: &str| (0..h.len() / 2).map(|i| u8::from_str_radix(&h[2 * i..2 * i + 2], 16).unwrap()).collect::<Vec<u8>>();
    let items = |n: &Node| match &n.value {
        Value::Array(a) => a.clone(),
        _ => Vec::new(),
    };
    let files: [(&str, &str, &str); 9] = [
        ("rsa_signature_2048_sha256", include_str!("data/wycheproof/rsa_signature_2048_sha256_test.json"), "RS256"),
        ("rsa_signature_2048_sha384", include_str!("data/wycheproof/rsa_signature_2048_sha384_test.json"), "RS384"),
        ("rsa_signature_2048_sha512", include_str!("data/wycheproof/rsa_signature_2048_sha512_test.json"), "RS512"),
        ("rsa_pss_2048_sha256_mgf1_32", include_str!("data/wycheproof/rsa_pss_2048_sha256_mgf1_32_test.json"), "PS256"),
        ("rsa_pss_2048_sha384_mgf1_48", include_str!("data/wycheproof/rsa_pss_2048_sha384_mgf1_48_test.json"), "PS384"),
        ("rsa_pss_4096_sha512_mgf1_64", include_str!("data/wycheproof/rsa_pss_4096_sha512_mgf1_64_test.json"), "PS512"),
        (
            "ecdsa_secp256r1_sha256_p1363",
            include_str!("data/wycheproof/ecdsa_secp256r1_sha256_p1363_test.json"),
            "ES256",
        ),
        (
            "ecdsa_secp384r1_sha384_p1363",
            include_str!("data/wycheproof/ecdsa_secp384r1_sha384_p1363_test.json"),
            "ES384",
        ),
        (
            "ecdsa_secp521r1_sha512_p1363",
            include_str!("data/wycheproof/ecdsa_secp521r1_sha512_p1363_test.json"),
            "ES512",
        ),
    ];
    let (mut agreed, mut by_webcrypto) = (0, 0);
    let mut wrong = Vec::new();
    for (name, data, alg) in files {
        let doc = json::parse(data).unwrap();
        for group in items(doc.root.get("testGroups").unwrap()) {
            // PSS: only the salt length JWS uses, the hash length (RFC 7518 §3.5).
            if alg.starts_with("PS") && text(&group, "mgfSha") != text(&group, "sha") {
                continue;
            }
            let key = jwk::parse(&text(&group, "publicKeyPem"), SecretEncoding::Utf8).unwrap().keys.remove(0);
            for case in items(group.get("tests").unwrap()) {
                let (msg, sig) = (hex(&text(&case, "msg")), hex(&text(&case, "sig")));
                let alg = jwt_lens::jwt::alg::JwsAlg::parse(alg).unwrap();
                let rust = verify::verify_signature(alg, &key, &msg, &sig);
                let (web, answered) = jwt_lens::worker::verify_offloaded_counting(|offload| {
                    verify::verify_signature_offloading(alg, &key, &msg, &sig, offload)
                })
                .await;
                by_webcrypto += answered;
                if rust.is_ok() == web.is_ok() && rust.as_ref().ok() == web.as_ref().ok() {
                    agreed += 1;
                } else {
                    let id = case.get("tcId").and_then(Node::as_f64).unwrap_or_default();
                    wrong.push(format!("{name} tcId {id}: RustCrypto {rust:?}, WebCrypto {web:?}"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{} disagreements:\n{}", wrong.len(), wrong.join("\n"));
    assert!(agreed > 2000, "only {agreed} vectors");
    // Every vector that reached the final check was answered by WebCrypto.
    assert!(by_webcrypto > 1000, "WebCrypto answered only {by_webcrypto} checks");
}

/// The verdict shown answers the latest question, whatever order the answers come in
/// (issue 13): an answer to an older question of the same slot is dropped when it arrives
/// late, and every slot keeps its own latest question.
#[wasm_bindgen_test]
fn a_late_answer_never_replaces_the_answer_to_the_latest_question() {
    use jwt_lens::jwt::protocol::Request;
    use jwt_lens::jwt::verdict::{SecretEncoding, Verdict};
    use jwt_lens::ui::crypto::{Crypto, Slot, Status};
    let _owner = Owner::new();
    let crypto = Crypto::new();
    let ask = |slot, key: &str| {
        crypto.ask(slot, |id| {
            Request {
                id,
                token: jwt_lens::ui::EXAMPLE_TOKEN.into(),
                key: key.into(),
                encoding: SecretEncoding::Utf8,
                detached: None,
                use_embedded: false,
                trusted: false,
            }
            .to_json()
        })
    };
    let verdict = |r: RwSignal<Option<jwt_lens::jwt::protocol::Report>>| r.get_untracked().map(|r| r.outcome.verdict);
    // Built with `crypto`, the page answers at once: the first question verifies.
    let first = ask(Slot::Verdict, jwt_lens::ui::DEMO_SECRET);
    assert_eq!(verdict(crypto.report), Some(Verdict::Verified));
    let late = crypto.report.get_untracked().unwrap().to_json();
    // A second question (a wrong key), then the first one's answer arrives again, late.
    let second = ask(Slot::Verdict, "not the secret");
    assert!(second > first);
    assert_eq!(verdict(crypto.report), Some(Verdict::Invalid));
    crypto.receive(&late);
    assert_eq!(verdict(crypto.report), Some(Verdict::Invalid));
    assert_eq!(crypto.report.get_untracked().unwrap().id, second);
    // Another slot's question does not disturb this one, nor does this one's answer go there.
    ask(Slot::Nested, jwt_lens::ui::DEMO_SECRET);
    assert_eq!(verdict(crypto.inner_report), Some(Verdict::Verified));
    crypto.receive(&late);
    assert_eq!(verdict(crypto.inner_report), Some(Verdict::Verified));
    assert_eq!(verdict(crypto.report), Some(Verdict::Invalid));
    // Withdrawn: no answer shown, and a late one is not taken either.
    crypto.withdraw(Slot::Verdict);
    assert_eq!(crypto.report.get_untracked(), None);
    crypto.receive(&late);
    assert_eq!(crypto.report.get_untracked(), None);
    assert_eq!(untrack(|| crypto.status(Slot::Verdict)), Status::Idle);
}

/// The extras' `Crypto` (`Crypto::remote`) puts the Encoder's SD-JWT answers in their own
/// slots' signals: the issued SD-JWT with its disclosures, then its presentation; each
/// slot's answer stays when the other is asked, and goes when its slot is withdrawn.
#[wasm_bindgen_test]
fn the_extras_crypto_keeps_the_sd_jwt_answers_in_their_slots() {
    use jwt_lens::jwt::protocol::{PresentRequest, SdIssueRequest};
    use jwt_lens::jwt::verdict::SecretEncoding;
    use jwt_lens::ui::crypto::{Crypto, Slot, Status};
    let _owner = Owner::new();
    let channel = web_sys::MessageChannel::new().expect("a channel");
    let crypto = Crypto::remote(channel.port1());
    let answers = crypto.answers().expect("the extras' answers");
    crypto.ask(Slot::SdIssue, |id| {
        SdIssueRequest {
            id,
            header: r#"{"alg":"HS256"}"#.into(),
            payload: r#"{"a":1,"b":[1,{"c":2}]}"#.into(),
            disclose: vec!["/a".into(), "/b/1".into(), "/b/1/c".into()],
            decoys: 2,
            sd_alg: "sha-256".into(),
            holder_key: None,
            alg: "HS256".into(),
            key: jwt_lens::ui::DEMO_SECRET.into(),
            encoding: SecretEncoding::Utf8,
        }
        .to_json()
    });
    assert_eq!(untrack(|| crypto.status(Slot::SdIssue)), Status::Answered);
    let issued = answers.sd_issued.get_untracked().expect("issued");
    let sd_jwt = issued.token.clone().expect("an SD-JWT");
    let pointers: Vec<&str> = issued.disclosures.iter().map(|d| d.pointer.as_str()).collect();
    assert_eq!(pointers, ["/a", "/b/1/c", "/b/1"]);
    assert_eq!(issued.disclosures[1].parent, Some(2));
    assert_eq!(issued.verify_key.as_deref(), Some(jwt_lens::ui::DEMO_SECRET));

    crypto.ask(Slot::Present, |id| PresentRequest { id, sd_jwt: sd_jwt.clone(), keep: vec![1], kb: None }.to_json());
    let presented = answers.presented.get_untracked().expect("presented");
    assert_eq!((presented.kept, presented.parents_added), (vec![1, 2], vec![2]));
    assert!(presented.token.expect("a presentation").ends_with(&format!("~{}~", issued.disclosures[2].encoded)));
    assert_eq!(answers.sd_issued.get_untracked(), Some(issued));

    crypto.ask(Slot::Present, |id| PresentRequest { id, sd_jwt, keep: vec![7], kb: None }.to_json());
    let refused = answers.presented.get_untracked().expect("answered").token;
    assert_eq!(refused, Err("There is no disclosure 8: this SD-JWT has 3.".to_string().into()));
    crypto.withdraw(Slot::SdIssue);
    assert_eq!(answers.sd_issued.get_untracked(), None);
    assert!(answers.presented.get_untracked().is_some());
}

/// A paste of a hundred thousand parts is a few elements, not two hundred thousand: the
/// parts past the eighth are one run, and the legend says how many more there are.
#[wasm_bindgen_test]
async fn a_paste_of_many_dots_stays_a_few_elements() {
    let page = Page::mount();
    page.paste(&"a.".repeat(100_000)).await;
    // (A long run is cut into chunks of 4 KB, each a span, for the browser's layout.)
    let spans = page.all("[data-testid=encoded-token] span").len();
    assert!(spans > 0 && spans < 200, "{spans} spans");
    let legend = page.all(".legend li");
    assert_eq!(legend.len(), 9);
    assert_eq!(legend[8].text_content().unwrap_or_default(), "99993 more parts");
    // The token is shown whole: every character is in the colour-coded text.
    assert_eq!(page.text("[data-testid=encoded-token]").len(), 200_000);
}

/// A warning whose message follows the clock ("expired 3 s ago") changes in place: the
/// item keeps its element, so keyboard focus on its link and a selection in it survive.
#[wasm_bindgen_test]
async fn a_warning_that_follows_the_clock_keeps_its_element() {
    let page = Page::mount();
    let now = (js_sys::Date::now() / 1000.0) as i64;
    page.paste(&format!("{}.{}.c2ln", b64(r#"{"alg":"HS256"}"#), b64(&format!(r#"{{"exp":{}}}"#, now - 3)))).await;
    let item = page.find("[data-code=expired]");
    let first = page.text("[data-code=expired] .warning-message");
    let mut later = first.clone();
    for _ in 0..60 {
        sleep(100).await;
        later = page.text("[data-code=expired] .warning-message");
        if later != first {
            break;
        }
    }
    assert_ne!(later, first, "the message never followed the clock");
    assert!(item.is_connected(), "the warning was built again: {first} -> {later}");
}

/// An edit that leaves the decode problems as they were leaves their alerts in place (an
/// alert put in again is announced again).
#[wasm_bindgen_test]
async fn an_unchanged_problem_keeps_its_alert() {
    let page = Page::mount();
    let header = b64(r#"{"alg":"HS256"}"#);
    page.paste(&format!("{header}.{}.s!g", b64(r#"{"a":1}"#))).await;
    let alert = page.find("[role=alert][data-code]");
    page.paste(&format!("{header}.{}.s!g", b64(r#"{"a":2}"#))).await;
    assert!(page.text("[data-testid=payload-pane]").contains("\"a\": 2"));
    assert!(alert.is_connected(), "the alert was put in again");
    // Another problem replaces it.
    page.paste(&format!("{header}.{}.s?g", b64(r#"{"a":2}"#))).await;
    assert!(!alert.is_connected());
}
