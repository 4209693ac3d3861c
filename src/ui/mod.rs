//! The front end. Views here render what the core (`crate::jwt`) returns and never decide
//! anything about tokens themselves; their state is Leptos's signals.
//!
//! Two programs share these modules. The page (`src/main.rs`, [`mount`]): the tabs, the
//! decoder ([`decoder`] and the panes), the verifier channel ([`crypto`], [`ask`]) and
//! its bridge to the extras ([`bridge`]); its views are built with [`dom`], not Leptos
//! views, which keeps Leptos's view layer out of the first load. The extras
//! (`src/bin/extras.rs`, [`extras`]), loaded on first use: the teaching and workflow panels
//! and the Encoder, as Leptos components (they must not use [`dom`]'s builder: a
//! classic-script program cannot import its JavaScript; its plain effect and attribute
//! setter reach them through `widgets::bind_busy`). Modules import downwards only: views use
//! [`state`], [`widgets`], [`ask`] and [`crypto`], never another view.

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
mod js;
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
/// (Public for the component tests, which drive it with a signal of their own.)
#[doc(hidden)]
pub use widgets::bind_busy;
