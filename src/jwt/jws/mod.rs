//! JWS (RFC 7515): checking a signature (compact, JSON and detached serializations),
//! signing, and the signature check shown step by step.

#[cfg(feature = "crypto")]
pub mod sign;
#[cfg(feature = "crypto")]
pub mod verify;
#[cfg(feature = "crypto")]
pub mod walkthrough;
