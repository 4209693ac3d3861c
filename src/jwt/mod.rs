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
pub mod json;
pub mod jwe;
pub mod jwk;
pub mod jws;
pub mod limits;
pub mod lint;
pub mod problem;
pub mod profile;
pub mod protocol;
pub mod sd;
#[cfg(feature = "crypto")]
pub mod sd_issue;
#[cfg(feature = "crypto")]
pub mod service;
pub mod share;
pub mod teach;
pub mod text;
pub mod token;
pub mod verdict;
pub mod warning;

pub use lint::lint;
pub use problem::{Location, Part, Problem, ProblemCode};
pub use token::{Decoded, Form, Payload, decode};
pub use warning::{Warning, WarningCode};
