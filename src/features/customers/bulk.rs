//! Bulk selection on the customer list: the row and page checkboxes and
//! the state the bulk actions work on. The rules live in `core::selection`.
//! Everything else (the bar that shows while anything is selected, the
//! actions' dialog and their runner: `selection_bar`, `bulk_dialog`,
//! `bulk_run`) is a split point handed over as a [`BulkChunk`], fetched on
//! the first tick or by the idle prefetch, so the list's first screen
//! carries only the checkboxes.

use leptos::prelude::*;
use scrm_api::customer::Customer;

use crate::core::selection::{PageCheck, Selection};
use crate::core::template::fill;
use crate::features::customers::query::CustomerFilter;
use crate::platform::dom::focus;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::tr::tr;
use crate::ui::on_first_use::{while_open, ChunkLoader};
use crate::ui::toast::{use_toasts, ToastKind};

/// Fetches the selection bar's code (with the dialog's) and builds the bar.
/// Provided by the panel's binary.
#[derive(Clone, Copy)]
pub struct BulkChunk(pub ChunkLoader);

/// Which bulk action's dialog is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BulkAction {
    AddTag,
    RemoveTag,
    Export,
    Delete,
}

impl BulkAction {
    /// The bar's button for it: focus returns there when the dialog closes.
    pub fn button_id(self) -> &'static str {
        match self {
            BulkAction::AddTag => "bulk-add-tag",
            BulkAction::RemoveTag => "bulk-remove-tag",
            BulkAction::Export => "bulk-export",
            BulkAction::Delete => "bulk-delete",
        }
    }
}

/// What the bulk dialog works on, handed to it as context (a split point
/// takes no arguments); every field is a handle.
#[derive(Clone, Copy)]
pub struct BulkState {
    pub selection: RwSignal<Selection>,
    /// The records of rows ticked one by one (their tags and update time),
    /// kept up to date by the runner as it saves them.
    pub records: StoredValue<Vec<Customer>>,
    /// The list's filter: "all matching" means matching this.
    pub filter: Signal<CustomerFilter>,
    /// How many customers the filter matches now.
    pub total: Signal<i64>,
    pub action: RwSignal<Option<BulkAction>>,
    /// Reloads the list (after a run changed or deleted customers).
    pub reload: Callback<()>,
}

impl BulkState {
    pub fn new(filter: Signal<CustomerFilter>, total: Signal<i64>, reload: Callback<()>) -> Self {
        BulkState {
            selection: RwSignal::new(Selection::default()),
            records: StoredValue::new(Vec::new()),
            filter,
            total,
            action: RwSignal::new(None),
            reload,
        }
    }

    /// Ticks or unticks the rows `customers`.
    pub fn pick(&self, customers: &[Customer], on: bool) {
        let ids: Vec<i64> = customers.iter().filter_map(|c| c.customer_id).collect();
        if on {
            self.keep(customers);
        }
        self.selection.update(|s| s.set_page(&ids, on));
    }

    /// Keeps `customers` as the records of their ids (replacing older ones).
    pub fn keep(&self, customers: &[Customer]) {
        self.records.update_value(|r| {
            r.retain(|k| !customers.iter().any(|c| c.customer_id == k.customer_id));
            r.extend_from_slice(customers);
        });
    }

    /// Customers that are gone leave the selection (their kept records
    /// are never read again).
    pub fn forget(&self, gone: &[i64]) {
        let _ = self.selection.try_update(|s| s.forget(gone));
    }

    /// Closes the dialog; focus goes back to the bar's button (or the
    /// count, when the button went with the selection).
    pub fn close(&self) {
        let Some(action) = self.action.get_untracked() else {
            return;
        };
        self.action.set(None);
        request_animation_frame(move || {
            focus("selection-count");
            focus(action.button_id());
        });
    }
}

/// A row's checkbox, named for the customer.
#[component]
pub fn PickRow(state: BulkState, c: Customer) -> impl IntoView {
    let i18n = use_i18n();
    let Some(id) = c.customer_id else {
        return ().into_any();
    };
    let name = c.display_name().to_owned();
    let label = move || fill(t_string!(i18n, bulk_pick_row), &[("name", &name)]);
    let me = [c];
    view! {
        <input type="checkbox" class="pick" id=format!("pick-{id}") aria-label=label
            prop:checked=move || state.selection.with(|s| s.contains(id))
            on:change=move |ev| state.pick(&me, event_target_checked(&ev))/>
    }
    .into_any()
}

/// The header's checkbox for the page's rows: ticked, unticked, or
/// indeterminate when some are.
#[component]
pub fn PickPage(state: BulkState, rows: Vec<Customer>) -> impl IntoView {
    let i18n = use_i18n();
    let ids: Vec<i64> = rows.iter().filter_map(|c| c.customer_id).collect();
    let some = ids.clone();
    view! {
        <input type="checkbox" class="pick" id="pick-page"
            aria-label=tr(i18n, |i| t_string!(i, bulk_pick_page))
            prop:checked=move || state.selection.with(|s| s.page_check(&ids)) == PageCheck::All
            prop:indeterminate=move || state.selection.with(|s| s.page_check(&some)) == PageCheck::Some
            on:change=move |ev| state.pick(&rows, event_target_checked(&ev))/>
    }
}

/// The selection bar (and the bulk dialog under it) while anything is
/// selected or an action's dialog is open: fetched on the first tick. If
/// the code cannot be fetched, a toast says so and the selection is
/// cleared, so the next tick tries again.
#[component]
pub fn BulkActions(state: BulkState) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let failed = Callback::new(move |()| {
        toasts.push(ToastKind::Error, t_string!(i18n, bulk_load_failed));
        state.action.set(None);
        state.selection.update(Selection::clear);
    });
    let chunk = use_context::<BulkChunk>().map(|c| c.0);
    // A memo: the view must be built once when it opens, not again at
    // every tick (which would drop a running action with its dialog).
    let open = Memo::new(move |_| {
        !state.selection.with(Selection::is_empty) || state.action.with(Option::is_some)
    });
    while_open(open.into(), chunk, failed)
}
