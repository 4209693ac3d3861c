//! The extras: teaching and workflow panels, loaded by the page on first use. See
//! `jwt_lens::ui::extras`.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    jwt_lens::ui::extras::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the extras run in the browser; see README.md");
}
