//! Any path the router does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::tr::tr;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page not-found" id="not-found">
            <h1>{tr(i18n, |i| t_string!(i, not_found_title))}</h1>
            <p>{tr(i18n, |i| t_string!(i, not_found_body))}</p>
            <A href=crate::core::nav::href("/customers")>{tr(i18n, |i| t_string!(i, back_home))}</A>
        </section>
    }
}
