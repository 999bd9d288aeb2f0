//! The frame around every page: sidebar, top bar, main area, and the
//! session watchers that need the router.

use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_query_map};
use wasm_bindgen::JsCast;

use crate::app::auth_guard::AuthGuard;
use crate::app::quick_find::{provide_quick_find, QuickFindHost};
use crate::app::sidebar::Sidebar;
use crate::app::topbar::TopBar;
use crate::core::nav::embed_param;
use crate::features::call::embed_bridge::EmbedBridge;
use crate::features::call::popup::CallPopup;
use crate::platform::dom::focus_new_heading;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::session::use_session;
use crate::platform::tags::provide_tags;
use crate::platform::tr::tr;

#[component]
pub fn Shell() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    provide_tags();
    provide_quick_find();
    let query = use_query_map();
    {
        let session = session.clone();
        Effect::new(move |_| {
            if let Some(on) = embed_param(query.read().get("embed").as_deref()) {
                if session.embed.get_untracked() != on {
                    session.set_embed(on);
                }
            }
        });
    }
    // After moving to another page, keyboard and screen-reader users start
    // at its heading, not at the link they left behind (a query change,
    // such as a filter, stays where it is).
    let path = use_location().pathname;
    Effect::new(move |before: Option<String>| {
        let now = path.get();
        if before.as_ref().is_some_and(|b| *b != now) {
            focus_new_heading(now.clone());
        }
        now
    });
    let embed = session.embed;
    view! {
        <AuthGuard/>
        // `#main` alone would resolve against `<base href>` (another page
        // to the router), so the link moves focus itself.
        <a class="skip-link" href="#main" on:click=skip_to_main>{tr(i18n, |i| t_string!(i, skip_to_content))}</a>
        <div class="shell" class:embed=move || embed.get()>
            <Show when=move || !embed.get()>
                <Sidebar/>
            </Show>
            <div class="shell-main">
                <TopBar/>
                <main id="main" tabindex="-1">
                    <Outlet/>
                </main>
            </div>
        </div>
        // Call screen-pop: one pop-up over every page.
        <CallPopup/>
        // Quick find (Ctrl+K): its dialog's code comes on first use.
        <QuickFindHost/>
        <EmbedBridge/>
    }
}

fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    if let Some(main) = document()
        .get_element_by_id("main")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = main.focus();
    }
}
