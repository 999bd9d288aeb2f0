//! `/call?phone=...`: placeholder until the call screen-pop issue lands; it
//! already shows the number a softphone or the dial box sent.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::placeholder::Placeholder;
use crate::i18n::{t, t_string, use_i18n};

#[component]
pub fn Call() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let phone = move || query.read().get("phone").unwrap_or_default();
    view! {
        <Placeholder title=Signal::derive(move || t_string!(i18n, nav_call).to_string()) route="/call">
            <p>{t!(i18n, call_phone)} ": " <span class="param" id="call-phone">{phone}</span></p>
        </Placeholder>
    }
}
