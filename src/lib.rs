//! JWT Lens: an offline JSON Web Token debugger that runs entirely in the browser.
//!
//! [`jwt`] is the pure core, built and tested natively; `ui` is the Leptos front end,
//! built only for the browser (wasm32).

pub mod jwt;

#[cfg(target_arch = "wasm32")]
pub mod ui;
