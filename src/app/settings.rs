//! `/settings`: the interface language and the colour theme (kept in this
//! browser) and the call screen-pop switch (kept per user on the server).

use leptos::prelude::*;

use crate::features::call::auto_open_switch::AutoOpenSwitch;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::locale::LocaleSwitch;
use crate::platform::theme::ThemeSwitch;
use crate::platform::tr::tr;

#[component]
pub fn Settings() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page settings-page" data-route="/settings">
            <h1>{tr(i18n, |i| t_string!(i, nav_settings))}</h1>
            <h2>{tr(i18n, |i| t_string!(i, language))}</h2>
            <p class="muted">{tr(i18n, |i| t_string!(i, settings_locale_hint))}</p>
            <LocaleSwitch/>
            <h2>{tr(i18n, |i| t_string!(i, theme))}</h2>
            <ThemeSwitch/>
            <h2>{tr(i18n, |i| t_string!(i, settings_call))}</h2>
            <AutoOpenSwitch id="settings-auto-open"/>
        </section>
    }
}
