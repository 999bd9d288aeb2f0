//! An API failure in words, with a retry where trying again can help.

use leptos::prelude::*;
use scrm_api::ReplyError;

use crate::platform::api_client::ApiError;
use leptos_i18n::I18nContext;

use crate::platform::i18n::{t_string, use_i18n, Locale};
use crate::platform::tr::tr;
use crate::ui::button::Button;
use crate::ui::icon::glyph;

/// The sentence a user reads for an error; server messages are shown as the
/// server words them (as text, never HTML). An aborted request has nothing
/// to say: nobody is waiting for it.
pub fn describe(i18n: I18nContext<Locale>, error: &ApiError) -> String {
    match error {
        ApiError::Network(_) => t_string!(i18n, err_network).to_string(),
        ApiError::Timeout => t_string!(i18n, err_timeout).to_string(),
        ApiError::Aborted => String::new(),
        ApiError::Reply(ReplyError::Unauthorized) => t_string!(i18n, err_unauthorized).to_string(),
        ApiError::Reply(ReplyError::Code { code, msg }) => {
            if msg.trim().is_empty() {
                format!("{} ({code})", t_string!(i18n, err_server))
            } else {
                msg.clone()
            }
        }
        ApiError::Reply(ReplyError::ErrNum { err_num, err_msg }) => {
            if err_msg.trim().is_empty() {
                format!("{} ({err_num})", t_string!(i18n, err_server))
            } else {
                err_msg.clone()
            }
        }
        ApiError::Reply(ReplyError::Http { status, .. }) => {
            format!("{} {status}", t_string!(i18n, err_http))
        }
        ApiError::Reply(ReplyError::Undecodable(_)) => t_string!(i18n, err_decode).to_string(),
    }
}

/// The error in words with a retry where trying again can help; nothing for
/// an aborted request.
#[component]
pub fn ErrorView(
    error: ApiError,
    #[prop(optional, into)] on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    if error == ApiError::Aborted {
        return None;
    }
    let text = describe(i18n, &error);
    let retry = on_retry.filter(|_| error.retryable());
    Some(view! {
        <div class="error-view" role="alert">
            <p>{text}</p>
            {retry.map(|cb| view! {
                <Button icon=glyph::RETRY on:click=move |_| cb.run(())>{tr(i18n, |i| t_string!(i, retry))}</Button>
            })}
        </div>
    })
}
