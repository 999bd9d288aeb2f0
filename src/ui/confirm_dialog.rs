//! A modal confirmation. Built on the native `<dialog>` opened with
//! `showModal()`: the browser keeps keyboard focus inside it, makes the page
//! behind inert, and closes it on Esc — and [`wrap_tab`] keeps Tab from
//! stepping out of it to the browser's toolbar.

use leptos::html::Dialog;
use leptos::prelude::*;

use crate::platform::dom::{modal_while, wrap_tab};
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::tr::tr;
use crate::ui::button::{Button, Variant};

#[component]
pub fn ConfirmDialog(
    /// The prefix of its parts' ids (`confirm`: `confirm-title`, `confirm-ok`...),
    /// unique on the page: a page may hold two confirmations.
    #[prop(default = "confirm")]
    id: &'static str,
    /// Shown while true.
    #[prop(into)]
    open: Signal<bool>,
    #[prop(into)] title: Signal<String>,
    /// The question, naming what is affected.
    #[prop(into)]
    message: Signal<String>,
    #[prop(into)] confirm_label: Signal<String>,
    /// The request is running: buttons wait.
    #[prop(into, default = Signal::stored(false))]
    busy: Signal<bool>,
    /// Why the last attempt failed, shown in the dialog so it can be retried.
    #[prop(into, default = Signal::stored(None))]
    error: Signal<Option<String>>,
    #[prop(into)] on_confirm: Callback<()>,
    /// Cancel button, Esc, or the dialog closing any other way. Esc is
    /// ignored while `busy`, so the outcome of a running request is shown.
    #[prop(into)]
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let node = NodeRef::<Dialog>::new();
    modal_while(node, open);
    let part = |p: &str| [id, p].join("-");
    let (title_id, message_id) = (part("title"), part("message"));
    let (labelled_by, described_by) = (title_id.clone(), message_id.clone());
    view! {
        <dialog node_ref=node class="confirm-dialog" aria-labelledby=labelled_by aria-describedby=described_by
            on:cancel=move |e: web_sys::Event| { if busy.get_untracked() { e.prevent_default() } }
            on:keydown=move |ev: leptos::ev::KeyboardEvent| { if let Some(d) = node.get_untracked() { wrap_tab(&d, &ev) } }
            on:close=move |_| { if open.get_untracked() { on_cancel.run(()) } }>
            <h2 id=title_id>{title}</h2>
            <p id=message_id>{message}</p>
            <p class="form-error" role="alert">{move || error.get()}</p>
            <div class="dialog-actions">
                <Button attr:id=part("cancel") attr:autofocus=true disabled=busy on:click=move |_| on_cancel.run(())>
                    {tr(i18n, |i| t_string!(i, cancel))}
                </Button>
                <Button variant=Variant::Danger attr:id=part("ok") loading=busy on:click=move |_| on_confirm.run(())>
                    {confirm_label}
                </Button>
            </div>
        </dialog>
    }
}
