//! Translated text for views, at one shared view type.
//!
//! Each `t!(i18n, key)` or `move || t_string!(i18n, key)` in a view is its
//! own closure type, and every one gets its own copy of the code that
//! renders and updates a reactive text (about a kilobyte of wasm each).
//! `tr` takes the key as a plain function pointer, so every call site
//! returns the same closure type and that code is compiled once; there is
//! no per-site generic code and no allocation (a `Signal::derive` per label
//! would add both).
//!
//! ```ignore
//! view! { <th>{tr(i18n, |i| t_string!(i, mt_company))}</th> }
//! ```
//!
//! Props typed `Signal<String>` take it as it is (`label=tr(...)`).

use leptos_i18n::I18nContext;

use crate::platform::i18n::Locale;

/// Reactive translated text for the key `key` picks.
pub fn tr(
    i18n: I18nContext<Locale>,
    key: fn(I18nContext<Locale>) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || key(i18n)
}
