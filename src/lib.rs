//! scrm-panel: the sales panel SPA.
//!
//! Modules that need no browser (`config`, `i18n` texts, `nav`) compile on the host so
//! `cargo test` checks them natively; everything that touches the DOM is
//! compiled for wasm32 only.

pub mod config;
pub mod i18n;
pub mod nav;

#[cfg(target_arch = "wasm32")]
pub mod api_client;
#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod boot;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod pages;
#[cfg(target_arch = "wasm32")]
pub mod session;
#[cfg(target_arch = "wasm32")]
pub mod storage;
