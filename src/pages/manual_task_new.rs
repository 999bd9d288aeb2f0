//! `/manual-tasks/new`: placeholder until its issue lands.

use leptos::prelude::*;

use crate::components::placeholder::Placeholder;
use crate::i18n::{t_string, use_i18n};

#[component]
pub fn ManualTaskNew() -> impl IntoView {
    let i18n = use_i18n();
    view! { <Placeholder title=Signal::derive(move || t_string!(i18n, nav_manual_task_new).to_string()) route="/manual-tasks/new"/> }
}
