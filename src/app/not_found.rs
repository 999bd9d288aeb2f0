//! Any path the router does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::platform::i18n::{t, use_i18n};

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page not-found" id="not-found">
            <h1>{t!(i18n, not_found_title)}</h1>
            <p>{t!(i18n, not_found_body)}</p>
            <A href=crate::core::nav::href("/customers")>{t!(i18n, back_home)}</A>
        </section>
    }
}
