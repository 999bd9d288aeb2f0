//! The pager under both manual-entry tables: a page or size change is a
//! navigation to the same page with the query changed, so the URL keeps it.

use leptos::prelude::*;

use crate::features::manual_tasks::query::{page_count, Paged};
use crate::ui::pager::Pager;

#[component]
pub fn QueryPager<Q>(
    query: Memo<Q>,
    /// Navigates to the rows of a query.
    go: Callback<Q>,
    /// The shown page, the number of rows and the page size as the server
    /// answered them.
    page_no: i64,
    count: i64,
    limit: Option<i64>,
) -> impl IntoView
where
    Q: Paged + PartialEq + Send + Sync + 'static,
{
    let size = query.get_untracked().limit();
    let pages = page_count(count, limit.unwrap_or(size));
    view! {
        <Pager page=page_no pages=pages total=count size=size
            on_page=move |p: i64| go.run(query.get_untracked().with_page(p))
            on_size=move |n: i64| go.run(query.get_untracked().with_size(n))/>
    }
}
