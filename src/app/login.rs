//! `/login`: the reference server's sign-in. With the vendor's backend,
//! `loginUrl` in config.json points at its own login page instead.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use scrm_api::auth::{Login as LoginEndpoint, LoginRequest};

use crate::core::nav::safe_next;
use crate::platform::api_client::use_api;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::locale::LocaleSwitch;
use crate::platform::session::use_session;
use crate::platform::tr::tr;
use crate::ui::button::{Button, Variant};
use crate::ui::error_view::describe;
use crate::ui::toast::{use_toasts, ToastKind};

#[component]
pub fn Login() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let session = use_session();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let query = use_query_map();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);

    let submit = Action::new_local(move |req: &LoginRequest| {
        let req = req.clone();
        let api = api.clone();
        let session = session.clone();
        async move {
            let result = api.call::<LoginEndpoint>(&req).await;
            if let Ok(reply) = &result {
                session.set_token(Some(&reply.data.token));
                session.user.set(Some(reply.data.user.clone()));
            }
            result.map(|_| ())
        }
    });

    Effect::new(move |_| {
        if let Some(result) = submit.value().get() {
            match result {
                Ok(()) => {
                    message.set(None);
                    toasts.push(ToastKind::Success, t_string!(i18n, toast_logged_in));
                    let next = safe_next(query.read_untracked().get("next").as_deref());
                    navigate(&next, Default::default());
                }
                Err(e) => {
                    message.set(Some(describe(i18n, &e)));
                    // Screen-reader and keyboard users land on why it failed.
                    crate::platform::dom::focus("login-error");
                }
            }
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = LoginRequest {
            username: username.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        };
        if req.username.is_empty() || req.password.is_empty() {
            message.set(Some(t_string!(i18n, login_required).to_string()));
            crate::platform::dom::focus("login-error");
            return;
        }
        submit.dispatch(req);
    };

    view! {
        <main class="login-page" id="main">
            <form class="login-form" on:submit=on_submit aria-labelledby="login-title">
                <h1 id="login-title">{tr(i18n, |i| t_string!(i, login_title))}</h1>
                <label for="login-username">{tr(i18n, |i| t_string!(i, login_username))}</label>
                <input id="login-username" name="username" autocomplete="username" bind:value=username/>
                <label for="login-password">{tr(i18n, |i| t_string!(i, login_password))}</label>
                <input id="login-password" name="password" type="password" autocomplete="current-password" bind:value=password/>
                <p class="form-error" id="login-error" role="alert" tabindex="-1">{move || message.get()}</p>
                <Button variant=Variant::Primary submit=true attr:id="login-submit" loading=submit.pending()>
                    {move || if submit.pending().get() { t_string!(i18n, login_busy) } else { t_string!(i18n, login_submit) }}
                </Button>
                <LocaleSwitch/>
            </form>
        </main>
    }
}
