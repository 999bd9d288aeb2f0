//! Navigation between the panel's pages; the clinic entries only when the
//! clinic module is switched on in config.json. Links carry the base path
//! (`nav::href`) so they stay under a sub-path.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::core::nav::href;
use crate::platform::i18n::{t, t_string, use_i18n};
use crate::platform::session::use_session;

#[component]
pub fn Sidebar() -> impl IntoView {
    let i18n = use_i18n();
    let clinic = use_session().config.clinic.enabled;
    view! {
        <nav class="sidebar" aria-label=move || t_string!(i18n, nav_main)>
            <div class="brand">{t!(i18n, app_title)}</div>
            <ul>
                <li><A href=href("/customers")>{t!(i18n, nav_customers)}</A></li>
                <li><A href=href("/tags")>{t!(i18n, nav_tags)}</A></li>
                <li><A href=href("/chat")>{t!(i18n, nav_chat)}</A></li>
                <li><A href=href("/call")>{t!(i18n, nav_call)}</A></li>
                <li><A href=href("/manual-tasks") exact=true>{t!(i18n, nav_manual_tasks)}</A></li>
                <li><A href=href("/manual-tasks/new")>{t!(i18n, nav_manual_task_new)}</A></li>
                {clinic.then(|| view! {
                    <li><A href=href("/clinic") exact=true>{t!(i18n, nav_clinic)}</A></li>
                    <li><A href=href("/clinic/appointments")>{t!(i18n, nav_clinic_appointments)}</A></li>
                })}
                <li><A href=href("/settings")>{t!(i18n, nav_settings)}</A></li>
            </ul>
        </nav>
    }
}
