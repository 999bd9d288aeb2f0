//! The start-up locale choice and the language switch.

use leptos::prelude::*;

use crate::i18n::{t, use_i18n, Locale};
use crate::session::use_session;
use crate::storage;

/// Picks the locale before the first paint: the user's remembered choice,
/// else the configured one, else Simplified Chinese; and keeps `<html lang>`
/// in step for screen readers and fonts.
#[component]
pub fn LocaleBootstrap() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let chosen = storage::local_get(storage::LOCALE_KEY)
        .and_then(|t| Locale::from_tag(&t))
        .or_else(|| Locale::from_tag(&session.config.locale))
        .unwrap_or_default();
    i18n.set_locale(chosen);
    Effect::new(move |_| {
        let tag = i18n.get_locale().tag();
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = el.set_attribute("lang", tag);
        }
    });
}

/// A labelled select; the choice is remembered in local storage.
#[component]
pub fn LocaleSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(locale) = Locale::from_tag(&event_target_value(&ev)) {
            storage::local_set(storage::LOCALE_KEY, locale.tag());
            i18n.set_locale(locale);
        }
    };
    view! {
        <label class="locale-switch">
            <span class="visually-hidden">{t!(i18n, language)}</span>
            <select id="locale-select" on:change=on_change prop:value=move || i18n.get_locale().tag()>
                {Locale::ALL
                    .iter()
                    .map(|l| view! { <option value=l.tag()>{l.native_name()}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}
