//! Translated text for views. Each `t!` call site is its own closure type,
//! and every one gets its own copy of the view code that renders and updates
//! a reactive text (about 1 KB of wasm each). `tr` returns one closure type
//! for all call sites, so that code is compiled once.

use leptos_i18n::I18nContext;

use crate::platform::i18n::Locale;

/// Reactive translated text: `{tr(i18n, |i| t_string!(i, key).to_string())}`.
pub fn tr(
    i18n: I18nContext<Locale>,
    key: fn(I18nContext<Locale>) -> String,
) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    move || key(i18n)
}
