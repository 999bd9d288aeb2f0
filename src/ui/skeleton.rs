//! Grey placeholder rows while a list's first answer is on its way: the page keeps its shape,
//! so nothing jumps when the rows arrive, and the wait reads as "loading" rather than "empty".
//! Screen readers hear one "loading" line instead of the bars.

use leptos::prelude::*;

use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::tr::tr;

/// How many placeholder rows a list shows: about one screen of a table.
pub const ROWS: usize = 6;

#[component]
pub fn SkeletonRows(
    /// Placeholder rows.
    #[prop(default = ROWS)]
    rows: usize,
    /// Bars per row (a table's columns; one for a list of cards).
    #[prop(default = 4)]
    columns: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="skeleton" role="status" aria-busy="true">
            <span class="visually-hidden">{tr(i18n, |i| t_string!(i, loading))}</span>
            {(0..rows).map(|_| view! {
                <div class="skeleton-row" aria-hidden="true">
                    {(0..columns.max(1)).map(|_| view! { <span class="skeleton-bar"></span> }).collect_view()}
                </div>
            }).collect_view()}
        </div>
    }
}
