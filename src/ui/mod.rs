//! The Leptos front end. Components here render what the core (`crate::jwt`) returns and
//! never decide anything about tokens themselves.
//!
//! Two programs share these modules. The page (`src/main.rs`, [`App`]): the tabs, the
//! decoder ([`decoder`] and the panes), the verifier channel ([`crypto`], [`ask`]) and
//! its bridge to the extras ([`bridge`]). The extras (`src/bin/extras.rs`, [`extras`]),
//! loaded on first use: the teaching and workflow panels and the Encoder. Modules import
//! downwards only: views use [`state`], [`widgets`], [`ask`] and [`crypto`], never
//! another view.

mod app;
mod ask;
mod bridge;
mod browser;
mod clock;
mod code;
pub mod crypto;
mod decoder;
mod dom;
mod encoder;
mod encrypt;
pub mod extras;
mod inspect;
mod jwe;
mod link;
mod panes;
mod port;
mod present;
mod sd_encoder;
mod state;
mod teach;
mod verify;
mod widgets;
mod workflow;

pub use app::{Mounted, mount};
pub use decoder::{DEMO_SECRET, EXAMPLE_TOKEN};
