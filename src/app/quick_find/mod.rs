//! Quick find: Ctrl+K / ⌘K anywhere in the signed-in shell, or the top
//! bar's search button, opens one box that finds customers, pages and
//! actions ([`dialog`]).
//!
//! Only the opener is in the initial wasm: the dialog is a split point in
//! the panel's binary (src/routes/lazy.rs), handed to the shell as a
//! [`QuickFindChunk`], so its code is fetched on first use (or by the idle
//! prefetch) and the first screen does not wait for it. If the chunk
//! cannot be fetched, a toast says so and the next Ctrl+K tries again.

pub mod dialog;

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::tr::tr;
use crate::ui::on_first_use::{while_open, ChunkLoader};
use crate::ui::toast::{use_toasts, ToastKind};

/// The button's id: focus returns to it when the dialog was opened by it.
pub const BUTTON: &str = "quick-find-button";
/// The dialog's id.
pub const DIALOG: &str = "quick-find";

/// Fetches the dialog's code and builds the dialog. Provided by the
/// panel's binary.
#[derive(Clone, Copy)]
pub struct QuickFindChunk(pub ChunkLoader);

/// Whether quick find is open, and where focus was before it opened.
#[derive(Clone, Copy)]
pub struct QuickFind {
    open: RwSignal<bool>,
    // DOM nodes are not Send.
    back: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
}

impl QuickFind {
    pub fn is_open(&self) -> bool {
        self.open.get()
    }

    /// Opens it, remembering what had focus.
    pub fn open(&self) {
        if self.open.get_untracked() {
            return;
        }
        self.back.set_value(active_element());
        self.open.set(true);
    }

    /// Closes it; `refocus` puts focus back where it was (Esc, the close
    /// button), not when a choice navigates elsewhere.
    pub fn close(&self, refocus: bool) {
        if self.open.try_get_untracked() != Some(true) {
            return;
        }
        // The modal dialog leaves at once: while it is open the page behind
        // is inert and could not take focus back (the view follows later).
        if let Some(d) = document()
            .get_element_by_id(DIALOG)
            .and_then(|d| d.dyn_into::<web_sys::HtmlDialogElement>().ok())
        {
            d.close();
        }
        self.open.set(false);
        let back = self.back.try_get_value().flatten();
        self.back.try_set_value(None);
        if refocus {
            if let Some(el) = back.filter(|e| e.is_connected()) {
                let _ = el.focus();
            }
        }
    }
}

pub fn use_quick_find() -> QuickFind {
    expect_context::<QuickFind>()
}

/// Makes quick find available to the shell's top bar and pages.
pub fn provide_quick_find() {
    provide_context(QuickFind {
        open: RwSignal::new(false),
        back: StoredValue::new_local(None),
    });
}

fn active_element() -> Option<web_sys::HtmlElement> {
    document()
        .active_element()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}

/// The top bar's button.
#[component]
pub fn QuickFindButton() -> impl IntoView {
    let i18n = use_i18n();
    let qf = use_quick_find();
    view! {
        <button type="button" id=BUTTON class="quick-find-button" aria-haspopup="dialog"
            aria-keyshortcuts="Control+K Meta+K" title=tr(i18n, |i| t_string!(i, qf_shortcut))
            on:click=move |_| qf.open()>
            <span aria-hidden="true">"⌕ "</span>{tr(i18n, |i| t_string!(i, qf_open))}
        </button>
    }
}

/// The Ctrl+K / ⌘K shortcut and, while open, the dialog (fetched on first
/// use). Mounted once by the shell.
#[component]
pub fn QuickFindHost() -> impl IntoView {
    let i18n = use_i18n();
    let qf = use_quick_find();
    let toasts = use_toasts();
    let chunk = use_context::<QuickFindChunk>();
    let shortcut = window_event_listener(ev::keydown, move |e| {
        let k = e.key();
        if (e.ctrl_key() || e.meta_key()) && !e.alt_key() && (k == "k" || k == "K") {
            // The browser's own Ctrl+K (its search bar) would take focus away.
            e.prevent_default();
            qf.open();
        }
    });
    on_cleanup(move || shortcut.remove());
    // Leaving the shell (sign-out) closes it.
    on_cleanup(move || qf.close(false));

    let failed = Callback::new(move |()| {
        toasts.push(ToastKind::Error, t_string!(i18n, qf_load_failed));
        qf.close(true);
    });
    while_open(
        Signal::derive(move || qf.is_open()),
        chunk.map(|c| c.0),
        failed,
    )
}
