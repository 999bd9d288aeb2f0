//! A side sheet: a panel that slides in from the end of the screen over the page (the filters
//! on a phone). Built on the native modal `<dialog>`, like the confirmation: the browser makes
//! the page behind inert and `wrap_tab` keeps Tab inside it; Esc, the close button or a click
//! on the shade closes it, and focus goes back to the control that opened it.

use leptos::html::Dialog;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::platform::dom::{focus, modal_while, wrap_tab};
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::tr::tr;
use crate::ui::button::IconButton;
use crate::ui::icon::glyph;

#[component]
pub fn Drawer(
    /// Unique on the page: the title is `{id}-title`.
    #[prop(into)]
    id: String,
    #[prop(into)] title: TextProp,
    /// Shown while true; set false when it closes any way.
    open: RwSignal<bool>,
    /// The element focus returns to once it closes (its opener).
    #[prop(into)]
    return_focus: String,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let node = NodeRef::<Dialog>::new();
    modal_while(node, open.into());
    let back = return_focus.clone();
    let on_close = move |_| {
        open.set(false);
        focus(&back);
    };
    // A click on the shade around the panel lands on the dialog itself.
    let on_click = move |e: web_sys::MouseEvent| {
        let on_shade = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlDialogElement>().ok())
            .is_some();
        if on_shade {
            open.set(false);
        }
    };
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    view! {
        <dialog node_ref=node class="drawer" id=id aria-labelledby=labelled_by
            on:close=on_close on:click=on_click
            on:keydown=move |ev: leptos::ev::KeyboardEvent| { if let Some(d) = node.get_untracked() { wrap_tab(&d, &ev) } }>
            <div class="drawer-panel">
                <header class="drawer-head">
                    <h2 id=title_id>{move || title.get()}</h2>
                    <IconButton glyph=glyph::CLOSE label=tr(i18n, |i| t_string!(i, close))
                        on:click=move |_| open.set(false)/>
                </header>
                <div class="drawer-body">{children()}</div>
            </div>
        </dialog>
    }
}
