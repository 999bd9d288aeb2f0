//! Top bar: in embed mode, where there is no sidebar, the page menu and the
//! title; quick find's button, the dial box, the language switch and the signed-in user.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use scrm_api::auth::{Empty, Logout};

use crate::app::embed_menu::EmbedMenu;
use crate::app::quick_find::QuickFindButton;
use crate::features::call::dial_box::DialBox;
use crate::platform::api_client::use_api;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::locale::LocaleSwitch;
use crate::platform::session::use_session;
use crate::platform::tr::tr;
use crate::ui::button::{Button, Variant};
use crate::ui::icon::glyph;
use crate::ui::toast::{use_toasts, ToastKind};

#[component]
pub fn TopBar() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let api = use_api();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let user = session.user;
    let embed = session.embed;

    let logout = Action::new_local(move |_: &()| {
        let api = api.clone();
        let session = session.clone();
        let navigate = navigate.clone();
        async move {
            // The session ends locally whatever the server says.
            let _ = api.call::<Logout>(&Empty {}).await;
            session.sign_out();
            toasts.push(ToastKind::Info, t_string!(i18n, toast_logged_out));
            navigate("/login", Default::default());
        }
    });

    view! {
        <header class="topbar">
            <Show when=move || embed.get()>
                <EmbedMenu/>
                <span class="brand compact">{tr(i18n, |i| t_string!(i, app_title))}</span>
            </Show>
            <QuickFindButton/>
            <DialBox/>
            <div class="topbar-right">
                <LocaleSwitch/>
                {move || user.get().map(|me| {
                    let name = me.real_name.clone().filter(|n| !n.is_empty()).unwrap_or(me.username.clone());
                    view! {
                        <span class="user" title=tr(i18n, |i| t_string!(i, signed_in_as))>
                            <span class="visually-hidden">{tr(i18n, |i| t_string!(i, signed_in_as))} " "</span>
                            <span id="current-user">{name}</span>
                        </span>
                        <Button variant=Variant::Text icon=glyph::SIGN_OUT attr:id="logout"
                            loading=logout.pending() on:click=move |_| { logout.dispatch(()); }>
                            {tr(i18n, |i| t_string!(i, logout))}
                        </Button>
                    }
                })}
            </div>
        </header>
    }
}
