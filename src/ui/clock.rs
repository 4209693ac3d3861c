//! The one-second clock that drives relative times and time-based warnings (never
//! decoding).

use std::time::Duration;

use leptos::prelude::*;

use super::browser;

/// The browser's time in seconds, updated every second while the calling view lives.
pub fn clock() -> RwSignal<i64> {
    let now = RwSignal::new(browser::now_seconds());
    let tick = set_interval_with_handle(move || now.set(browser::now_seconds()), Duration::from_secs(1)).ok();
    on_cleanup(move || {
        if let Some(t) = tick {
            t.clear();
        }
    });
    now
}
