//! Grey placeholder rows while a list's first answer is on its way: the page keeps its shape,
//! so nothing jumps when the rows arrive, and the wait reads as "loading" rather than "empty".
//! Screen readers hear one "loading" line instead of the bars.

use leptos::prelude::*;

/// How many placeholder rows a list shows: about one screen of a table.
pub const ROWS: usize = 6;

/// Takes its words from the caller (`Loaded` passes them), so drawing it needs no context.
#[component]
pub fn SkeletonRows(
    /// "Loading", for screen readers.
    #[prop(into)]
    label: TextProp,
    /// Placeholder rows.
    #[prop(default = ROWS)]
    rows: usize,
    /// Bars per row (a table's columns; one for a list of cards).
    #[prop(default = 4)]
    columns: usize,
) -> impl IntoView {
    view! {
        <div class="skeleton" role="status" aria-busy="true">
            <span class="visually-hidden">{move || label.get()}</span>
            {(0..rows).map(|_| view! {
                <div class="skeleton-row" aria-hidden="true">
                    {(0..columns.max(1)).map(|_| view! { <span class="skeleton-bar"></span> }).collect_view()}
                </div>
            }).collect_view()}
        </div>
    }
}
