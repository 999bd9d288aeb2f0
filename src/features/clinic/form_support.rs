//! What the clinic forms share in the browser: a field's messages in the
//! interface language, the draft kept in session storage, and the action
//! that sends a form's request.

use leptos::prelude::*;
use leptos_i18n::I18nContext;
use scrm_api::validate::{field_messages, FieldError};
use scrm_api::Endpoint;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::platform::api_client::{use_api, ApiError};
use crate::platform::i18n::{use_i18n, Locale};
use crate::platform::locale::lang;
use crate::platform::storage;
use crate::ui::error_view::describe;

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

/// A form's draft kept in session storage under `key`, so a failed request,
/// an expired session or a reload loses nothing typed: what is kept (or
/// `fresh()` when nothing readable is), saved again on every change.
pub fn session_draft<T>(key: String, fresh: impl FnOnce() -> T) -> RwSignal<T>
where
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
{
    let draft = RwSignal::new(
        storage::session_get(&key)
            .and_then(|s| serde_json::from_str::<T>(&s).ok())
            .unwrap_or_else(fresh),
    );
    Effect::new(move |_| {
        if let Ok(s) = draft.with(serde_json::to_string) {
            storage::session_set(&key, &s);
        }
    });
    draft
}

/// What a form's send ends with: the request and its reply, or the failure.
pub type Sent<E> = Result<(<E as Endpoint>::Request, <E as Endpoint>::Reply), ApiError>;

/// The action that sends a form's request to endpoint `E`: once answered,
/// `done` gets what was sent and the reply, and a failure is put in words
/// into `server_error` for the form to show.
pub fn send<E>(
    server_error: RwSignal<Option<String>>,
    done: impl Fn(E::Request, E::Reply) + 'static,
) -> Action<E::Request, Sent<E>>
where
    E: Endpoint,
    E::Request: Clone + 'static,
    E::Reply: Clone + 'static,
{
    let i18n = use_i18n();
    let api = use_api();
    let action = Action::new_local(move |req: &E::Request| {
        let req = req.clone();
        let api = api.clone();
        async move { api.call::<E>(&req).await.map(|reply| (req, reply)) }
    });
    Effect::new(move |_| match action.value().get() {
        Some(Ok((req, reply))) => {
            server_error.set(None);
            done(req, reply);
        }
        Some(Err(e)) => server_error.set(Some(describe(i18n, &e))),
        None => {}
    });
    action
}
