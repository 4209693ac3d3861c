//! The verifier worker: every cryptographic operation runs here, off the page's thread
//! and out of its first load. See `jwt_lens::worker`.

#[cfg(target_arch = "wasm32")]
fn main() {
    jwt_lens::worker::run();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the verifier runs as a web worker in the browser; see README.md");
}
