//! scrm-panel: the sales panel SPA.
//!
//! Modules that need no browser (`config`, `embed`, `nav`) compile on the host so
//! Modules that need no browser (`config`, `nav`, `template`, `manual_query`,
//! `manual_form`) compile on the host so
//! `cargo test` checks them natively; everything that touches the DOM is
//! compiled for wasm32 only.

pub mod config;
pub mod embed;
pub mod links;
pub mod manual_form;
pub mod manual_import;
pub mod manual_query;
pub mod nav;
pub mod template;
pub mod xlsx_read;

// leptos_i18n 0.6 marks the macro deprecated in favour of build.rs code
// generation; the macro keeps host builds free of the generator's
// dependencies (ICU parser, syn), which matters on 2-core CI.
#[cfg(target_arch = "wasm32")]
#[allow(deprecated)]
mod i18n_gen {
    leptos_i18n::load_locales!();
}
#[cfg(target_arch = "wasm32")]
pub use i18n_gen::i18n;

#[cfg(target_arch = "wasm32")]
pub mod api_client;
#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod boot;
#[cfg(target_arch = "wasm32")]
pub mod call_pop;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod pages;
#[cfg(target_arch = "wasm32")]
pub mod session;
#[cfg(target_arch = "wasm32")]
pub mod storage;
