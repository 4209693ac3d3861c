//! Mounts the app. Everything else lives in the library, so tests can mount it too.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(jwt_lens::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("JWT Lens runs in the browser: see README.md (scripts/serve.sh).");
}
