//! `/manual-tasks/:adminUserId`: placeholder until the manual-entry issue lands.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::placeholder::Placeholder;
use crate::i18n::{t, t_string, use_i18n};

#[component]
pub fn ManualTaskDetail() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("adminUserId").unwrap_or_default();
    view! {
        <Placeholder title=Signal::derive(move || t_string!(i18n, page_manual_task_detail).to_string()) route="/manual-tasks/:adminUserId">
            <p>{t!(i18n, admin_user_id)} ": " <span class="param">{id}</span></p>
        </Placeholder>
    }
}
