//! The pure core of JWT Lens: everything that reads, checks and explains a token.
//!
//! Nothing here knows about the browser or Leptos, does I/O, or panics on any input.
//! The UI calls [`decode`] once per change of the pasted text and [`lint`] whenever the
//! clock ticks, and renders what they return.

pub mod alg;
pub mod base64url;
pub mod claims;
pub mod clean;
pub mod diff;
pub mod gallery;
pub mod json;
#[cfg(feature = "crypto")]
pub mod jwe;
#[cfg(feature = "crypto")]
pub mod keygen;
#[cfg(feature = "crypto")]
pub mod keys;
#[cfg(feature = "crypto")]
pub mod keytext;
pub mod limits;
pub mod link;
pub mod lint;
pub mod problem;
#[cfg(feature = "crypto")]
pub mod service;
pub mod share;
#[cfg(feature = "crypto")]
pub mod sign;
pub mod signing;
pub mod text;
pub mod token;
pub mod validate;
pub mod verdict;
#[cfg(feature = "crypto")]
pub mod verify;
pub mod walk;
#[cfg(feature = "crypto")]
pub mod walkthrough;

pub use lint::{Warning, WarningCode, lint};
pub use problem::{Location, Part, Problem, ProblemCode};
pub use token::{Decoded, Form, Payload, decode};
