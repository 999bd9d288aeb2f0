//! What the clinic forms share in the browser: a field's messages in the
//! interface language.

use leptos::prelude::*;
use leptos_i18n::I18nContext;
use scrm_api::validate::{field_messages, FieldError};

use crate::platform::i18n::Locale;
use crate::platform::locale::lang;

/// The messages for one field, in the interface language; `None` when the
/// field is fine (so the element stays empty and `aria-invalid` false).
pub fn field_message(
    i18n: I18nContext<Locale>,
    errors: RwSignal<Vec<FieldError>>,
    field: &'static str,
) -> Option<String> {
    let text = errors.with(|e| field_messages(e, field, lang(i18n.get_locale())));
    (!text.is_empty()).then_some(text)
}
