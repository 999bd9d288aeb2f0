//! What the clinic forms share in the browser: the validation language, a
//! field's messages, and moving focus to the first bad field.

use leptos::prelude::*;
use leptos_i18n::I18nContext;
use scrm_api::validate::{field_messages, FieldError, Lang};

use crate::platform::i18n::Locale;

/// The validation language matching the interface language.
pub fn lang(i18n: I18nContext<Locale>) -> Lang {
    match i18n.get_locale() {
        Locale::zh_CN => Lang::ZhCn,
        Locale::zh_TW => Lang::ZhTw,
        Locale::en => Lang::En,
    }
}

/// The messages for one field, in the interface language; `None` when the
/// field is fine (so the element stays empty and `aria-invalid` false).
pub fn field_message(
    i18n: I18nContext<Locale>,
    errors: RwSignal<Vec<FieldError>>,
    field: &'static str,
) -> Option<String> {
    let text = errors.with(|e| field_messages(e, field, lang(i18n)));
    (!text.is_empty()).then_some(text)
}

/// Moves keyboard focus to the element with `id` (the first bad field).
pub fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
