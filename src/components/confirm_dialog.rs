//! A yes/no question before something that cannot be undone.
//!
//! Built on the native `<dialog>` opened with `showModal()`: the browser
//! keeps focus inside it, makes the rest of the page inert and turns Esc
//! into a `cancel` event. Focus goes back to whatever had it before (the
//! button that asked), which browsers do not all do by themselves.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::tr::tr;
use crate::i18n::{t_string, use_i18n};

#[component]
pub fn ConfirmDialog(
    /// Open while true; the caller closes it (by setting false) from
    /// `on_confirm` / `on_cancel`.
    #[prop(into)]
    open: Signal<bool>,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] message: Signal<String>,
    #[prop(into)] confirm_label: Signal<String>,
    /// True while the confirmed action runs: both buttons wait.
    #[prop(into, optional)]
    busy: Signal<bool>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let dialog = NodeRef::<html::Dialog>::new();
    let return_focus = StoredValue::new_local(None::<web_sys::HtmlElement>);

    Effect::new(move |_| {
        let want = open.get();
        let Some(el) = dialog.get() else { return };
        if want && !el.open() {
            let active = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            return_focus.set_value(active);
            let _ = el.show_modal();
        } else if !want && el.open() {
            el.close();
            if let Some(prev) = return_focus.get_value() {
                let _ = prev.focus();
            }
            return_focus.set_value(None);
        }
    });

    view! {
        <dialog
            node_ref=dialog
            class="confirm-dialog"
            aria-labelledby="confirm-title"
            aria-describedby="confirm-message"
            on:cancel=move |ev: leptos::ev::Event| {
                // Esc: the caller decides (it may be busy deleting).
                ev.prevent_default();
                if !busy.get_untracked() {
                    on_cancel.run(());
                }
            }
        >
            <h2 id="confirm-title">{move || title.get()}</h2>
            <p id="confirm-message">{move || message.get()}</p>
            <div class="dialog-actions">
                <button
                    type="button"
                    id="confirm-cancel"
                    disabled=move || busy.get()
                    on:click=move |_| on_cancel.run(())
                >
                    {tr(move || t_string!(i18n, confirm_cancel))}
                </button>
                <button
                    type="button"
                    id="confirm-ok"
                    class="danger"
                    disabled=move || busy.get()
                    on:click=move |_| on_confirm.run(())
                >
                    {move || confirm_label.get()}
                </button>
            </div>
        </dialog>
    }
}
