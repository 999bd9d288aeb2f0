//! scrm-panel: the sales panel SPA, one folder per domain.
//!
//! - `app`: start-up and the shell around the pages. The route table is in
//!   the panel's binary (src/main.rs, src/routes/), so the pages' split
//!   points are not linked into the XLSX worker binaries.
//! - `core`: browser-free rules (configuration, navigation, links, embed
//!   messages, templates, the XLSX reader), compiled on the host so `cargo
//!   test` checks them natively.
//! - `platform`: the API client, session, storage and i18n.
//! - `ui`: widgets every feature shares.
//! - `features`: customers, call, chat, manual tasks, clinic. A feature uses
//!   `ui`, `platform`, `core` and scrm-api, never another feature's views.
//!
//! Everything that touches the DOM is compiled for wasm32 only.

pub mod core;
pub mod features;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod platform;
#[cfg(target_arch = "wasm32")]
pub mod ui;
