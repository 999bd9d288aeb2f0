//! Locale tags, the start-up choice and the top-bar switch.

use leptos::prelude::*;
use scrm_api::validate::Lang;

use crate::platform::i18n::{t_string, use_i18n, Locale};
use crate::platform::session::use_session;
use crate::platform::storage;
use crate::platform::tr::tr;

pub const ALL: [(Locale, &str, &str); 3] = [
    (Locale::zh_CN, "zh-CN", "简体中文"),
    (Locale::zh_TW, "zh-TW", "繁體中文"),
    (Locale::en, "en", "English"),
];

pub fn from_tag(tag: &str) -> Option<Locale> {
    ALL.iter()
        .find(|(_, t, _)| t.eq_ignore_ascii_case(tag.trim()))
        .map(|(l, _, _)| *l)
}

pub fn tag(locale: Locale) -> &'static str {
    ALL.iter()
        .find(|(l, _, _)| *l == locale)
        .map(|(_, t, _)| *t)
        .unwrap_or("zh-CN")
}

/// The language of the shared validation messages for a locale.
pub fn lang(locale: Locale) -> Lang {
    match locale {
        Locale::zh_CN => Lang::ZhCn,
        Locale::zh_TW => Lang::ZhTw,
        Locale::en => Lang::En,
    }
}

/// Picks the locale before the first paint: the user's remembered choice,
/// else the configured one, else Simplified Chinese.
#[component]
pub fn LocaleBootstrap() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let chosen = storage::local_get(storage::LOCALE_KEY)
        .and_then(|t| from_tag(&t))
        .or_else(|| from_tag(&session.config.locale))
        .unwrap_or(Locale::zh_CN);
    // Applied in an effect: the provider's own first effect sets the
    // browser's language, and ours runs after it.
    Effect::new(move |_| i18n.set_locale(chosen));
    Effect::new(move |_| {
        let t = tag(i18n.get_locale());
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = el.set_attribute("lang", t);
        }
    });
}

/// A labelled select; the choice is remembered in local storage.
#[component]
pub fn LocaleSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(locale) = from_tag(&event_target_value(&ev)) {
            storage::local_set(storage::LOCALE_KEY, tag(locale));
            i18n.set_locale(locale);
        }
    };
    view! {
        <label class="locale-switch">
            <span class="visually-hidden">{tr(i18n, |i| t_string!(i, language))}</span>
            <select id="locale-select" on:change=on_change prop:value=move || tag(i18n.get_locale())>
                {ALL
                    .iter()
                    .map(|(_, t, name)| view! { <option value=*t>{*name}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}
