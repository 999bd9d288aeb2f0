//! The current locale as app-wide reactive state.

use leptos::prelude::*;

use super::Locale;

#[derive(Clone, Copy)]
pub struct I18n {
    locale: RwSignal<Locale>,
}

impl I18n {
    pub fn get_locale(&self) -> Locale {
        self.locale.get()
    }
    pub fn get_locale_untracked(&self) -> Locale {
        self.locale.get_untracked()
    }
    pub fn set_locale(&self, locale: Locale) {
        self.locale.set(locale);
    }
}

/// The locale context; a component rendered outside the provider gets a
/// fresh default instead of a panic.
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| {
        let i18n = I18n {
            locale: RwSignal::new(Locale::default()),
        };
        provide_context(i18n);
        i18n
    })
}

#[component]
pub fn I18nContextProvider(children: Children) -> impl IntoView {
    provide_context(I18n {
        locale: RwSignal::new(Locale::default()),
    });
    children()
}
