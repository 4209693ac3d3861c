//! JWT Lens: an offline JSON Web Token debugger that runs entirely in the browser.
//!
//! [`jwt`] is the pure core, built and tested natively; `ui` is the Leptos front end and
//! `worker` the verifier worker's message loop, both built only for the browser (wasm32).
//! The page's wasm is built with the `ui` feature and no cryptography; the worker's with
//! `crypto` (see ARCHITECTURE.md).

pub mod jwt;

#[cfg(all(target_arch = "wasm32", feature = "ui"))]
pub mod ui;

#[cfg(all(target_arch = "wasm32", feature = "crypto"))]
pub mod worker;
