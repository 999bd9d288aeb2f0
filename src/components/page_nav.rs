//! Previous / next paging for a list whose page number lives in the URL.
//! The pager only reports the wanted page; the page decides how to get there
//! (usually by navigating to a new query string), so back/forward works.

use leptos::prelude::*;

use crate::components::tr::tr;
use crate::i18n::{t_string, use_i18n};

#[component]
pub fn PageNav(
    /// 1-based current page.
    #[prop(into)]
    page: Signal<i64>,
    /// Total number of pages (at least 1).
    #[prop(into)]
    page_count: Signal<i64>,
    /// Total number of rows, shown for orientation.
    #[prop(into)]
    total: Signal<i64>,
    on_change: Callback<i64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let prev_disabled = move || page.get() <= 1;
    let next_disabled = move || page.get() >= page_count.get();
    view! {
        <nav class="pager" aria-label=move || t_string!(i18n, pager_label)>
            <button
                type="button"
                class="pager-prev"
                disabled=prev_disabled
                on:click=move |_| on_change.run((page.get_untracked() - 1).max(1))
            >
                {tr(move || t_string!(i18n, pager_prev))}
            </button>
            <span class="pager-status" aria-live="polite">
                {move || {
                    format!(
                        "{} {} / {} · {} {}",
                        t_string!(i18n, pager_page),
                        page.get(),
                        page_count.get(),
                        total.get(),
                        t_string!(i18n, pager_rows),
                    )
                }}
            </span>
            <button
                type="button"
                class="pager-next"
                disabled=next_disabled
                on:click=move |_| on_change.run(page.get_untracked() + 1)
            >
                {tr(move || t_string!(i18n, pager_next))}
            </button>
        </nav>
    }
}
