//! What every feature talks through: the API client, the session, web
//! storage, the XLSX workers and i18n.

pub mod api_client;
pub mod at_once;
pub mod clinic;
pub mod clipboard;
pub mod dial;
pub mod dom;
pub mod host_page;
pub mod job;
pub mod load;
pub mod locale;
pub mod per_user;
pub mod recent;
pub mod session;
pub mod slices;
pub mod storage;
pub mod tags;
pub mod theme;
pub mod tr;
pub mod xlsx_file;

// leptos_i18n 0.6 marks the macro deprecated in favour of build.rs code
// generation; the macro keeps host builds free of the generator's
// dependencies (ICU parser, syn), which matters on 2-core CI.
#[allow(deprecated)]
mod i18n_gen {
    leptos_i18n::load_locales!();
}
pub use i18n_gen::i18n;
