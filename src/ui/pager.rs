//! Page navigation with the total count and a page-size choice.
//!
//! Note: inside `view!` an attribute closure containing `>` must be in
//! braces, or the macro ends the tag there (the next button was once always
//! disabled and had no click handler because of it).

use crate::core::paging::PAGE_SIZES;
use leptos::prelude::*;

use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::tr::tr;
use crate::ui::button::Button;
use crate::ui::icon::{glyph, Icon};

#[component]
pub fn Pager(
    #[prop(into)] page: Signal<i64>,
    #[prop(into)] pages: Signal<i64>,
    #[prop(into)] total: Signal<i64>,
    #[prop(into)] size: Signal<i64>,
    #[prop(into)] on_page: Callback<i64>,
    #[prop(into)] on_size: Callback<i64>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="pager" aria-label=tr(i18n, |i| t_string!(i, pager_label))>
            <span id="pager-total">{tr(i18n, |i| t_string!(i, pager_total))} " " {move || total.get()}</span>
            <Button small=true icon=glyph::PREVIOUS attr:id="pager-prev" disabled=Signal::derive(move || page.get() <= 1)
                on:click=move |_| on_page.run(page.get_untracked() - 1)>{tr(i18n, |i| t_string!(i, pager_prev))}</Button>
            <span id="pager-page">{move || format!("{} / {}", page.get(), pages.get().max(1))}</span>
            <Button small=true attr:id="pager-next" disabled=Signal::derive(move || page.get() >= pages.get())
                on:click=move |_| on_page.run(page.get_untracked() + 1)>
                {tr(i18n, |i| t_string!(i, pager_next))}<Icon glyph=glyph::NEXT/>
            </Button>
            <label for="pager-size">{tr(i18n, |i| t_string!(i, pager_size))}</label>
            <select id="pager-size" on:change=move |ev| {
                if let Ok(n) = event_target_value(&ev).parse() { on_size.run(n) }
            }>
                {PAGE_SIZES.iter().map(|n| {
                    let n = *n;
                    view! { <option value=n.to_string() selected=move || size.get() == n>{n}</option> }
                }).collect_view()}
            </select>
        </nav>
    }
}
