//! Shown instead of the app when config.json is missing or broken: the
//! person who deployed the panel reads what is wrong instead of a blank page.

use leptos::prelude::*;

use crate::core::config::ConfigError;
use crate::platform::i18n::{t_string, use_i18n, I18nContextProvider};
use crate::platform::tr::tr;
use crate::ui::button::Button;
use crate::ui::icon::glyph;

#[component]
pub fn ConfigErrorPage(error: ConfigError) -> impl IntoView {
    view! {
        <I18nContextProvider>
            <ConfigErrorBody error=error/>
        </I18nContextProvider>
    }
}

#[component]
fn ConfigErrorBody(error: ConfigError) -> impl IntoView {
    let i18n = use_i18n();
    let reload = |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    };
    view! {
        <main class="config-error" id="config-error">
            <h1>{tr(i18n, |i| t_string!(i, config_error_title))}</h1>
            <p>{tr(i18n, |i| t_string!(i, config_error_body))}</p>
            <pre>{error.to_string()}</pre>
            <Button icon=glyph::RETRY on:click=reload>{tr(i18n, |i| t_string!(i, retry))}</Button>
        </main>
    }
}
