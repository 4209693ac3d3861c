//! Mounts the app. Everything else lives in the library, so tests can mount it too.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
        // The page lives as long as its tab.
        std::mem::forget(jwt_lens::ui::mount(&body));
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("JWT Lens runs in the browser: see README.md (scripts/serve.sh).");
}
