//! Locale-following text at one shared view type.
//!
//! `t!(i18n, key)` renders every key as its own view type, so each use
//! carries its own copy of the rendering code (roughly a kilobyte of wasm
//! each). A `Signal<&'static str>` is rendered by one copy for all uses;
//! only the small lookup closure differs:
//!
//! ```ignore
//! view! { <th>{tr(move || t_string!(i18n, mt_company))}</th> }
//! ```

use leptos::prelude::*;

pub fn tr(lookup: impl Fn() -> &'static str + Send + Sync + 'static) -> Signal<&'static str> {
    Signal::derive(lookup)
}
