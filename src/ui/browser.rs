//! The few browser facilities the page uses: the clock, the time zone, the URL fragment,
//! the clipboard and the theme. Each call is fallible in principle; failures are ignored
//! or reported, never unwrapped.

use wasm_bindgen::JsValue;

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
    bytes.iter().map(|b| format!("{b:02x}")).collect()
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
