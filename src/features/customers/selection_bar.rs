//! Bulk selection on the customer list: the row and page checkboxes, and
//! the bar that shows while anything is selected ("已选 N 位客户", select
//! everyone the filter matches, clear, and the actions). The rules live in
//! `core::selection`; the actions' dialog and runner are a split point
//! (`bulk_dialog`, `bulk_run`) handed over as a [`BulkChunk`], so the list's
//! first screen carries only the checkboxes and this bar.

use std::collections::BTreeMap;

use leptos::prelude::*;
use scrm_api::customer::Customer;

use crate::core::bulk::MAX_CUSTOMERS;
use crate::core::selection::{PageCheck, Selection};
use crate::core::template::fill;
use crate::core::text::grouped;
use crate::features::customers::query::CustomerFilter;
use crate::platform::dom::focus;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::tr::tr;
use crate::ui::button::{Button, Variant};
use crate::ui::icon::glyph;
use crate::ui::on_first_use::{while_open, ChunkLoader};
use crate::ui::toast::{use_toasts, ToastKind};

/// Fetches the bulk dialog's code and builds it. Provided by the panel's binary.
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
    pub records: StoredValue<BTreeMap<i64, Customer>>,
    /// The list's filter: "all matching" means matching this.
    pub filter: Signal<CustomerFilter>,
    /// How many customers the filter matches now.
    pub total: Signal<u64>,
    pub action: RwSignal<Option<BulkAction>>,
    /// Reloads the list (after a run changed or deleted customers).
    pub reload: Callback<()>,
}

impl BulkState {
    pub fn new(filter: Signal<CustomerFilter>, total: Signal<u64>, reload: Callback<()>) -> Self {
        BulkState {
            selection: RwSignal::new(Selection::default()),
            records: StoredValue::new(BTreeMap::new()),
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
            self.records.update_value(|r| {
                for c in customers {
                    if let Some(id) = c.customer_id {
                        r.insert(id, c.clone());
                    }
                }
            });
        }
        self.selection.update(|s| s.set_page(&ids, on));
    }

    /// Customers that are gone leave the selection.
    pub fn forget(&self, gone: &[i64]) {
        let _ = self.selection.try_update(|s| s.forget(gone));
        let _ = self.records.try_update_value(|r| {
            for id in gone {
                r.remove(id);
            }
        });
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
    let check = Memo::new(move |_| state.selection.with(|s| s.page_check(&ids)));
    view! {
        <input type="checkbox" class="pick" id="pick-page"
            aria-label=tr(i18n, |i| t_string!(i, bulk_pick_page))
            prop:checked=move || check.get() == PageCheck::All
            prop:indeterminate=move || check.get() == PageCheck::Some
            on:change=move |ev| state.pick(&rows, event_target_checked(&ev))/>
    }
}

/// The bar shown while anything is selected; its dialog comes from the chunk.
#[component]
pub fn SelectionBar(state: BulkState) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let selection = state.selection;
    let count = move || selection.with(Selection::count);
    let offer = move || {
        let total = state.total.get();
        let all = selection.with(Selection::is_all_matching);
        if all {
            return Some(
                view! { <span id="selection-all" class="muted">{t_string!(i18n, bulk_all_selected)}</span> }
                    .into_any(),
            );
        }
        if total <= count() {
            return None;
        }
        if total > MAX_CUSTOMERS {
            let words = fill(
                t_string!(i18n, bulk_too_many),
                &[("n", &grouped(total)), ("max", &grouped(MAX_CUSTOMERS))],
            );
            return Some(
                view! { <span id="selection-too-many" class="muted">{words}</span> }.into_any(),
            );
        }
        let words = fill(t_string!(i18n, bulk_select_all), &[("n", &grouped(total))]);
        Some(
            view! {
                <button type="button" id="select-all-matching" class="link-button"
                    on:click=move |_| selection.update(|s| s.select_all_matching(total))>
                    {words}
                </button>
            }
            .into_any(),
        )
    };
    let open = move |a: BulkAction| move |_| state.action.set(Some(a));
    let failed = Callback::new(move |()| {
        toasts.push(ToastKind::Error, t_string!(i18n, bulk_load_failed));
        state.close();
    });
    let chunk = use_context::<BulkChunk>().map(|c| c.0);
    view! {
        <Show when=move || !selection.with(Selection::is_empty)>
            <div class="selection-bar" id="selection-bar" role="region"
                aria-label=tr(i18n, |i| t_string!(i, bulk_bar))>
                <strong id="selection-count" tabindex="-1" aria-live="polite">
                    {move || fill(t_string!(i18n, bulk_selected), &[("n", &grouped(count()))])}
                </strong>
                {offer}
                <button type="button" id="selection-clear" class="link-button"
                    on:click=move |_| selection.update(Selection::clear)>
                    {tr(i18n, |i| t_string!(i, bulk_clear))}
                </button>
                <span class="selection-actions">
                    <Button small=true icon=glyph::ADD attr:id="bulk-add-tag" on:click=open(BulkAction::AddTag)>
                        {tr(i18n, |i| t_string!(i, bulk_add_tag))}
                    </Button>
                    <Button small=true icon=glyph::CLOSE attr:id="bulk-remove-tag" on:click=open(BulkAction::RemoveTag)>
                        {tr(i18n, |i| t_string!(i, bulk_remove_tag))}
                    </Button>
                    <Button small=true icon=glyph::DOWNLOAD attr:id="bulk-export" on:click=open(BulkAction::Export)>
                        {tr(i18n, |i| t_string!(i, bulk_export))}
                    </Button>
                    <Button small=true variant=Variant::Danger icon=glyph::DELETE attr:id="bulk-delete" on:click=open(BulkAction::Delete)>
                        {tr(i18n, |i| t_string!(i, bulk_delete))}
                    </Button>
                </span>
            </div>
        </Show>
        {while_open(Signal::derive(move || state.action.get().is_some()), chunk, failed)}
    }
}
