//! Applies the chosen colour theme to `<html data-theme>`, before the first
//! paint and whenever the choice (or, when following it, the system's
//! preference) changes.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::core::theme::ThemeChoice;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::storage;
use crate::platform::tr::tr;

const DARK_QUERY: &str = "(prefers-color-scheme: dark)";

pub fn stored() -> ThemeChoice {
    ThemeChoice::from_tag(storage::local_get(storage::THEME_KEY).as_deref())
}

fn system_prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media(DARK_QUERY).ok().flatten())
        .is_some_and(|m| m.matches())
}

pub fn apply(choice: ThemeChoice) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-theme", choice.theme(system_prefers_dark()));
    }
}

/// Applies the stored choice now and follows the system's preference while
/// the choice is "system". Called once at start-up, before mounting.
pub fn start() {
    apply(stored());
    let Some(query) = web_sys::window().and_then(|w| w.match_media(DARK_QUERY).ok().flatten())
    else {
        return;
    };
    let follow = Closure::<dyn Fn()>::new(|| apply(stored()));
    query.set_onchange(Some(follow.as_ref().unchecked_ref()));
    // Lives as long as the page.
    follow.forget();
}

/// A labelled select on the settings page; the choice is remembered in
/// this browser and applies at once.
#[component]
pub fn ThemeSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let choice = RwSignal::new(stored());
    let on_change = move |ev: leptos::ev::Event| {
        let picked = ThemeChoice::from_tag(Some(&event_target_value(&ev)));
        storage::local_set(storage::THEME_KEY, picked.tag());
        choice.set(picked);
        apply(picked);
    };
    let label = move |c: ThemeChoice| match c {
        ThemeChoice::System => t_string!(i18n, theme_system),
        ThemeChoice::Light => t_string!(i18n, theme_light),
        ThemeChoice::Dark => t_string!(i18n, theme_dark),
    };
    view! {
        <label class="field theme-switch">
            <span>{tr(i18n, |i| t_string!(i, theme))}</span>
            <select id="theme-select" on:change=on_change prop:value=move || choice.get().tag()>
                {ThemeChoice::ALL
                    .into_iter()
                    .map(|c| view! { <option value=c.tag()>{move || label(c)}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}
