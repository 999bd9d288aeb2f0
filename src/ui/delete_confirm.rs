//! The one delete flow (a customer on `/customers`, all of a person's
//! entries on `/manual-tasks`, one entry on `/manual-tasks/:adminUserId`):
//! a page puts a [`PendingDelete`] in a signal (after counting, where the
//! question names a number), [`DeleteConfirm`] asks in a modal dialog and
//! sends the request. Success closes the dialog, says so in a toast and
//! tells the page to reload; a failure stays in the dialog, in words next
//! to the button, so the user can retry or cancel.
//!
//! Not generic over the endpoint: the request is a boxed closure, so the
//! dialog's view code exists once in the bundle.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;

use crate::platform::api_client::ApiError;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::tr::tr;
use crate::ui::confirm_dialog::ConfirmDialog;
use crate::ui::error_view::describe;
use crate::ui::toast::{use_toasts, ToastKind};

type Words = Rc<dyn Fn() -> String>;
type Call = Rc<dyn Fn() -> Pin<Box<dyn Future<Output = Result<(), ApiError>>>>>;

/// A deletion waiting for the user's answer.
#[derive(Clone)]
pub struct PendingDelete {
    /// The question, naming what goes (and how many). A closure, so a
    /// language switch while the dialog is open re-words it.
    message: Words,
    /// The toast after success.
    done: Words,
    call: Call,
}

impl PendingDelete {
    pub fn new<Fut>(
        message: impl Fn() -> String + 'static,
        done: impl Fn() -> String + 'static,
        call: impl Fn() -> Fut + 'static,
    ) -> Self
    where
        Fut: Future<Output = Result<(), ApiError>> + 'static,
    {
        PendingDelete {
            message: Rc::new(message),
            done: Rc::new(done),
            call: Rc::new(move || Box::pin(call())),
        }
    }
}

/// The signal a page fills to ask. Local: the pending call is not `Send`.
pub type Pending = RwSignal<Option<PendingDelete>, LocalStorage>;

pub fn pending() -> Pending {
    RwSignal::new_local(None)
}

/// The confirmation dialog for `pending`. On success the toast says
/// `done` and `on_deleted` runs (the page reloads); on failure the dialog
/// stays open and says why, and nothing is reloaded.
#[component]
pub fn DeleteConfirm(
    #[prop(into)] title: Signal<String>,
    pending: Pending,
    on_deleted: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let confirm = Callback::new(move |()| {
        if busy.get_untracked() {
            return;
        }
        let Some(task) = pending.get_untracked() else {
            return;
        };
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let result = (task.call)().await;
            let _ = busy.try_set(false);
            match result {
                Ok(()) => {
                    let _ = pending.try_set(None);
                    toasts.push(ToastKind::Success, (task.done)());
                    let _ = on_deleted.try_run(());
                }
                Err(e) => {
                    let _ = error.try_set(Some(describe(i18n, &e)));
                }
            }
        });
    });
    let cancel = Callback::new(move |()| {
        if !busy.get_untracked() {
            pending.set(None);
            error.set(None);
        }
    });
    view! {
        <ConfirmDialog
            open=Signal::derive(move || pending.with(Option::is_some))
            title=title
            message=Signal::derive(move || {
                pending.with(|p| p.as_ref().map(|p| (p.message)()).unwrap_or_default())
            })
            confirm_label=tr(i18n, |i| t_string!(i, mt_delete))
            busy=busy
            error=error
            on_confirm=confirm
            on_cancel=cancel
        />
    }
}
