//! `/settings`: language now; the call-popup switch arrives with its issue.

use leptos::prelude::*;

use crate::components::locale::LocaleSwitch;
use crate::components::placeholder::Placeholder;
use crate::i18n::{t, t_string, use_i18n};

#[component]
pub fn Settings() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Placeholder title=Signal::derive(move || t_string!(i18n, nav_settings).to_string()) route="/settings">
            <h2>{t!(i18n, language)}</h2>
            <p class="muted">{t!(i18n, settings_locale_hint)}</p>
            <LocaleSwitch/>
        </Placeholder>
    }
}
