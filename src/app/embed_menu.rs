//! Embed mode's navigation: a side panel has no room for the sidebar, so
//! the top bar has a menu button that shows the same entries as a small
//! list. Opening it moves focus to the first page; Esc closes it and puts
//! focus back on the button; choosing a page, clicking elsewhere or
//! tabbing out of it closes it too.

use leptos::ev;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

use crate::app::nav_links::NavLinks;
use crate::platform::dom::focus;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::tr::tr;

const BUTTON: &str = "embed-menu-button";
const LIST: &str = "embed-menu-list";

#[component]
pub fn EmbedMenu() -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let root = NodeRef::<leptos::html::Div>::new();

    // A new page closes the menu.
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        open.set(false);
    });
    // So does a click anywhere else.
    let outside = window_event_listener(ev::click, move |e| {
        if open.try_get_untracked() == Some(true) && !inside(root, e.target()) {
            open.set(false);
        }
    });
    on_cleanup(move || outside.remove());

    let toggle = move |_| {
        let now = !open.get_untracked();
        open.set(now);
        if now {
            // Once the list is drawn.
            request_animation_frame(focus_first);
        }
    };
    let on_key = move |e: ev::KeyboardEvent| {
        if e.key() == "Escape" && open.get_untracked() {
            e.prevent_default();
            open.set(false);
            focus(BUTTON);
        }
    };
    // Tabbing past the last page (or back before the button) leaves the menu.
    let on_focus_out = move |e: ev::FocusEvent| {
        if !inside(root, e.related_target()) {
            open.set(false);
        }
    };

    view! {
        <div class="embed-menu" node_ref=root on:keydown=on_key on:focusout=on_focus_out>
            <button type="button" id=BUTTON class="embed-menu-button" aria-controls=LIST
                aria-expanded=move || open.get().to_string() on:click=toggle>
                <span aria-hidden="true">"☰ "</span>{tr(i18n, |i| t_string!(i, nav_menu))}
            </button>
            <nav class="embed-menu-panel" hidden=move || !open.get()
                aria-label=tr(i18n, |i| t_string!(i, nav_main))>
                <ul id=LIST on:click=move |_| open.set(false)>
                    <NavLinks/>
                </ul>
            </nav>
        </div>
    }
}

/// Whether an event's target (or focus's next stop) is within the menu.
fn inside(root: NodeRef<leptos::html::Div>, target: Option<web_sys::EventTarget>) -> bool {
    let node = target.and_then(|t| t.dyn_into::<web_sys::Node>().ok());
    match (root.get_untracked(), node) {
        (Some(r), Some(n)) => r.contains(Some(&n)),
        _ => false,
    }
}

fn focus_first() {
    let first = document()
        .get_element_by_id(LIST)
        .and_then(|l| l.query_selector("a").ok().flatten())
        .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(a) = first {
        let _ = a.focus();
    }
}
