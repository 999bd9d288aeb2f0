//! The call screen-pop: a modal `<dialog>` over whatever page is open, so
//! nothing typed there is lost. The modal dialog makes the page behind
//! inert and Tab wraps inside it; Esc and the close button close it, and
//! focus goes back where it was. Mounted once by the shell; its content
//! follows the app-wide [`CallPop`](crate::features::call::state::CallPop);
//! the card inside it is the extras chunk's code.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::features::call::auto_open_switch::AutoOpenSwitch;
use crate::features::call::extras_chunk::ExtrasChunk;
use crate::features::call::extras_slot::extras_failed;
use crate::features::call::state::use_call_pop;
use crate::platform::dom;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::tr::tr;
use crate::ui::button::{Button, Variant};
use crate::ui::icon::glyph;

fn active_element() -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .active_element()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}

#[component]
pub fn CallPopup() -> impl IntoView {
    let i18n = use_i18n();
    let pop = use_call_pop();
    let dialog = NodeRef::<html::Dialog>::new();
    // Where focus was before the pop-up took it; local because DOM nodes
    // are not Send.
    let return_to: StoredValue<Option<web_sys::HtmlElement>, LocalStorage> =
        StoredValue::new_local(None);
    let is_open = Memo::new(move |_| pop.current.with(Option::is_some));

    Effect::new(move |_| {
        let open = is_open.get();
        let Some(el) = dialog.get() else { return };
        if open && !el.open() {
            return_to.set_value(active_element());
            let _ = el.show_modal();
            if let Some(close) = el
                .query_selector("#call-pop-close")
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = close.focus();
            }
        } else if !open && el.open() {
            el.close();
            if let Some(prev) = return_to.get_value().filter(|p| p.is_connected()) {
                let _ = prev.focus();
            }
            return_to.set_value(None);
        }
    });

    // Leaving the shell (sign-out, session expired) ends the call shown, so
    // nobody signs in to someone else's pop-up.
    on_cleanup(move || pop.close());

    let phone_text = move || {
        pop.current.with(|c| {
            c.as_ref()
                .map(|c| c.phone.clone().unwrap_or_else(|_| c.raw.clone()))
                .unwrap_or_default()
        })
    };

    view! {
        <dialog
            id="call-pop"
            class="call-pop"
            node_ref=dialog
            aria-labelledby="call-pop-title"
            // Esc: close through the state, so state and dialog agree.
            on:cancel=move |ev: leptos::ev::Event| {
                ev.prevent_default();
                pop.close();
            }
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if let Some(el) = dialog.get_untracked() {
                    dom::wrap_tab(&el, &ev);
                }
            }
            on:close=move |_| {
                if is_open.get_untracked() {
                    pop.close();
                }
            }
        >
            <header class="call-pop-head">
                <h2 id="call-pop-title">
                    {tr(i18n, |i| t_string!(i, call_pop_title))} " "
                    <span id="call-pop-phone" class="call-pop-phone">{phone_text}</span>
                </h2>
                <Button variant=Variant::Text icon=glyph::CLOSE attr:id="call-pop-close" on:click=move |_| pop.close()>
                    {tr(i18n, |i| t_string!(i, close))}
                </Button>
            </header>
            <div class="call-pop-body">
                // The card's code arrives with the extras chunk (usually long
                // before the call); the lookup runs meanwhile.
                {move || match pop.extras.get() {
                    ExtrasChunk::Ready(extras) => Some((extras.card_view)()),
                    ExtrasChunk::Waiting => is_open.get().then(|| view! {
                        <p class="muted" id="call-pop-loading">{t_string!(i18n, call_looking_up)}</p>
                    }.into_any()),
                    ExtrasChunk::Failed => None,
                }}
                {extras_failed(i18n)}
            </div>
            <footer class="call-pop-foot">
                <AutoOpenSwitch id="call-pop-auto-open"/>
            </footer>
        </dialog>
    }
}
