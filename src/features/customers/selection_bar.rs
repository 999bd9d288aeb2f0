//! The bar shown while customers are selected ("已选 N 位客户", select
//! everyone the filter matches, or say why not past 10,000; clear; the
//! actions), and the open action's dialog. In the `bulk_actions` chunk
//! with the dialog and the runner: the list's first screen has only the
//! checkboxes (`bulk`), and this arrives with the first tick.

use leptos::prelude::*;

use crate::core::bulk::MAX_CUSTOMERS;
use crate::core::selection::Selection;
use crate::core::template::fill;
use crate::core::text::grouped;
use crate::features::customers::bulk::{BulkAction, BulkState};
use crate::features::customers::bulk_dialog::BulkDialog;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::tr::tr;
use crate::ui::button::{Button, Variant};
use crate::ui::icon::glyph;

/// The bar shown while anything is selected, and the open action's dialog.
#[component]
pub fn SelectionBar() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<BulkState>();
    let selection = state.selection;
    let count = move || selection.with(Selection::count);
    let offer = move || {
        let total = state.total.get().max(0) as u64;
        // Everyone is chosen already: the count says so.
        if selection.with(Selection::is_all_matching) {
            return None;
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
        {move || state.action.get().map(|_| view! { <BulkDialog/> })}
    }
}
