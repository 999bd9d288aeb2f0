//! `/customers/:id`: placeholder until the customer workspace issue lands.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::placeholder::Placeholder;
use crate::i18n::{t, t_string, use_i18n};

#[component]
pub fn CustomerEdit() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    view! {
        <Placeholder title=Signal::derive(move || t_string!(i18n, page_customer_edit).to_string()) route="/customers/:id">
            <p>{t!(i18n, customer_id)} ": " <span class="param">{id}</span></p>
        </Placeholder>
    }
}
