//! What the page shows to teach: byte-level links between the token and its decoded
//! panes, the example gallery, and the tamper demo.

pub mod gallery;
pub mod link;
pub mod tamper;
