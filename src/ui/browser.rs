//! The few browser facilities the page uses: the clock, the time zone, the URL fragment,
//! the clipboard and the theme. Each call is fallible in principle; failures are ignored
//! or reported, never unwrapped.

use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

/// Seconds since 1970, from the browser's clock.
pub fn now_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0).floor() as i64
}

/// The local offset from UTC, in minutes east, at a given time (daylight saving aware).
pub fn utc_offset_minutes(seconds: i64) -> i32 {
    let date = js_sys::Date::new(&JsValue::from_f64(seconds as f64 * 1000.0));
    -(date.get_timezone_offset() as i32)
}

/// The fragment parameters that may carry a token (UI contract: `#token=`, `#id_token=`,
/// `#access_token=`).
const TOKEN_PARAMS: [&str; 3] = ["token", "id_token", "access_token"];

/// Finds a token in a `name=value&…` string, percent-decoded.
fn token_param(params: &str) -> Option<String> {
    params.split('&').find_map(|pair| {
        let (name, value) = pair.split_once('=')?;
        TOKEN_PARAMS.contains(&name).then(|| {
            js_sys::decode_uri_component(value).ok().and_then(|v| v.as_string()).unwrap_or_else(|| value.to_string())
        })
    })
}

/// The token carried in the URL fragment, if any.
pub fn token_from_fragment() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    token_param(hash.strip_prefix('#').unwrap_or(&hash))
}

/// If the query string carries a token, removes it from the address bar (without a
/// reload) and says so. The token is not read: it was already sent to the server.
pub fn scrub_token_from_query() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let location = window.location();
    let Ok(search) = location.search() else {
        return false;
    };
    let query = search.strip_prefix('?').unwrap_or(&search);
    if token_param(query).is_none() {
        return false;
    }
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| !TOKEN_PARAMS.contains(&pair.split_once('=').map_or(*pair, |(n, _)| n)))
        .collect();
    let path = location.pathname().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    let url = if kept.is_empty() { format!("{path}{hash}") } else { format!("{path}?{}{hash}", kept.join("&")) };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
    true
}

/// 16 random bytes from the browser's cryptographic generator, as hex (for `jti`).
pub fn random_id() -> String {
    let mut bytes = [0u8; 16];
    if let Some(c) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = c.get_random_values_with_u8_array(&mut bytes);
    }
    crate::jwt::text::hex(&bytes)
}

/// Copies text to the clipboard; the browser may refuse (no permission, no focus).
pub fn copy_text(text: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
}

/// The colour theme: follow the system, or force light or dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    pub fn next(self) -> Self {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// Sets `data-theme` on the root element; the style sheet does the rest.
pub fn apply_theme(theme: Theme) {
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
    if let Some(root) = root {
        let _ = match theme {
            Theme::System => root.remove_attribute("data-theme"),
            t => root.set_attribute("data-theme", t.label()),
        };
    }
}

/// Sets (or removes) an attribute of the root element: presenter mode, palette, focus.
pub fn set_root_attribute(name: &str, value: Option<&str>) {
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
    if let Some(root) = root {
        let _ = match value {
            Some(v) => root.set_attribute(name, v),
            None => root.remove_attribute(name),
        };
    }
}

/// Whether the page was opened from a file (the single-file build on an air-gapped
/// machine): no service worker, no trusted keys to fetch.
pub fn from_file() -> bool {
    web_sys::window().and_then(|w| w.location().protocol().ok()).is_none_or(|p| p == "file:")
}

/// The verifier worker's script: the single-file build leaves a blob: URL in
/// `globalThis.jwtLensWorkerUrl`; otherwise the loader beside the page (relative, so the
/// site works under any path).
#[cfg_attr(feature = "crypto", allow(dead_code))] // component tests verify in the page's thread
pub fn worker_url() -> String {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("jwtLensWorkerUrl"))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| "./verifier_loader.js".to_string())
}

/// Registers the service worker (`sw.js`, beside the page) for offline use. Served pages
/// only: browsers have none for files.
pub fn register_service_worker() {
    if from_file() {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let navigator = window.navigator();
    let Ok(container) = js_sys::Reflect::get(navigator.as_ref(), &JsValue::from_str("serviceWorker")) else { return };
    if container.is_undefined() {
        return;
    }
    if let Ok(register) = js_sys::Reflect::get(&container, &JsValue::from_str("register"))
        && let Some(register) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Function>(&register)
    {
        // A rejected registration (private mode, say) only means no offline copy.
        if let Ok(promise) = register.call1(&container, &JsValue::from_str("./sw.js"))
            && let Ok(p) = wasm_bindgen::JsCast::dyn_into::<js_sys::Promise>(promise)
        {
            leptos::task::spawn_local(async move {
                let _ = wasm_bindgen_futures::JsFuture::from(p).await;
            });
        }
    }
}

/// Where an opted-in token is kept (never a key).
const STORED_TOKEN: &str = "jwt-lens.token";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The token remembered on this device, if the user asked for it.
pub fn stored_token() -> Option<String> {
    storage()?.get_item(STORED_TOKEN).ok().flatten()
}

/// Remembers the token (only ever called while the user has opted in).
pub fn store_token(token: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(STORED_TOKEN, token);
    }
}

/// Forgets everything this page ever stored.
pub fn clear_storage() {
    if let Some(s) = storage() {
        let _ = s.remove_item(STORED_TOKEN);
    }
}

/// Fetches `trusted-keys.json` from beside the page and hands its text over; a missing or
/// unreadable file hands nothing and shows nothing.
pub fn fetch_trusted_keys(done: impl FnOnce(String) + 'static) {
    if from_file() {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let promise = window.fetch_with_str("./trusted-keys.json");
    leptos::task::spawn_local(async move {
        let Ok(response) = wasm_bindgen_futures::JsFuture::from(promise).await else { return };
        let response: web_sys::Response = wasm_bindgen::JsCast::unchecked_into(response);
        if !response.ok() {
            return;
        }
        let Ok(text) = response.text() else { return };
        if let Ok(text) = wasm_bindgen_futures::JsFuture::from(text).await
            && let Some(t) = text.as_string()
        {
            done(t);
        }
    });
}

/// This page's address without its query and fragment: the base of a share link.
pub fn page_address() -> String {
    let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let end = href.find(['?', '#']).unwrap_or(href.len());
    href[..end].to_string()
}

// The extras (teaching and workflow panels, `ui::extras`) are a program of their own,
// loaded on first use: a classic script (wasm-bindgen's no-modules glue, which defines the
// global `wasm_bindgen`) beside the page, or blob: URLs the single file leaves in globals.
// The decoder's state (token, key, encoding) reaches them through a MessageChannel opened
// when they are first asked for: this module keeps one port, the extras take the other
// once (`jwtLensExtrasConnect`, deleted as it is used), and no global holds the key. The
// other way, the example gallery sends the key of a nested token (`take_nested_key`).
#[wasm_bindgen(inline_js = r#"
let loading = false;
let port = null;
let theirs = null;
let nestedKey;
const queue = [];
export function extras(panel, on) {
  if (globalThis.jwtLensExtras) {
    globalThis.jwtLensExtras(panel, on);
    return false;
  }
  queue.push([panel, on]);
  if (loading) return false;
  loading = true;
  const channel = new MessageChannel();
  port = channel.port1;
  port.onmessage = (e) => { nestedKey = e.data ?? undefined; };
  theirs = channel.port2;
  const s = document.createElement('script');
  s.src = globalThis.jwtLensExtrasUrl || './extras.js';
  s.onload = () => wasm_bindgen({ module_or_path: globalThis.jwtLensExtrasWasm || './extras_bg.wasm' }).then(() => {
    const connect = globalThis.jwtLensExtrasConnect;
    delete globalThis.jwtLensExtrasConnect;
    if (connect) connect(theirs);
    theirs = null;
    for (const [p, o] of queue.splice(0)) globalThis.jwtLensExtras(p, o);
  });
  s.onerror = () => { loading = false; };
  document.head.appendChild(s);
  return true;
}
export function publish_state(token, key, encoding) {
  if (port) port.postMessage([token, key, encoding]);
}
export function take_nested_key() {
  const key = nestedKey;
  nestedKey = undefined;
  return key;
}
"#)]
extern "C" {
    /// Shows or hides a panel of the extras, loading them first if need be; true when
    /// this opened the channel to them (the caller then publishes the state).
    pub fn extras(panel: &str, on: bool) -> bool;
    /// Tells the extras what the decoder holds, through the channel only (nothing before
    /// they were first asked for).
    pub fn publish_state(token: &str, key: &str, encoding: &str);
    /// Takes the key the example gallery sent for the nested token of the next decrypted
    /// JWE, if any.
    pub fn take_nested_key() -> Option<String>;
}
