//! Asks before leaving a page with unsaved changes: on in-app link clicks
//! (the router has no navigation guard, so a document-level click listener
//! runs before the router's window-level one and cancels the click) and on
//! tab close or reload (`beforeunload`). Back/forward cannot be stopped by a
//! page; drafts in session storage cover that case.

use leptos::ev;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

#[component]
pub fn LeaveGuard(
    #[prop(into)] dirty: Signal<bool>,
    /// The question asked on an in-app link click.
    #[prop(into)]
    message: Signal<String>,
) -> impl IntoView {
    let unload = window_event_listener(ev::beforeunload, move |e: web_sys::BeforeUnloadEvent| {
        if dirty.try_get_untracked().unwrap_or(false) {
            e.prevent_default();
            e.set_return_value("unsaved");
        }
    });
    let click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |e: web_sys::MouseEvent| {
        if !dirty.try_get_untracked().unwrap_or(false)
            || e.default_prevented()
            || e.button() != 0
            || e.meta_key()
            || e.ctrl_key()
            || e.shift_key()
            || e.alt_key()
        {
            return;
        }
        let link = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten());
        let Some(link) = link else { return };
        if link.get_attribute("target").is_some_and(|t| !t.is_empty()) {
            return;
        }
        let question = message.try_get_untracked().unwrap_or_default();
        let stay = !web_sys::window()
            .and_then(|w| w.confirm_with_message(&question).ok())
            .unwrap_or(true);
        if stay {
            e.prevent_default();
        }
    });
    let listener: js_sys::Function = click.into_js_value().unchecked_into();
    let document = web_sys::window().and_then(|w| w.document());
    if let Some(d) = &document {
        let _ = d.add_event_listener_with_callback("click", &listener);
    }
    let held = SendWrapper::new((document, listener));
    on_cleanup(move || {
        unload.remove();
        let (document, listener) = held.take();
        if let Some(d) = document {
            let _ = d.remove_event_listener_with_callback("click", &listener);
        }
    });
}
