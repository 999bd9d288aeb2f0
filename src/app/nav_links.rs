//! The panel's pages as navigation entries, one list for the sidebar and
//! the embedded top bar's menu; the clinic entries only when the clinic
//! module is switched on in config.json. Links carry the base path
//! (`nav::href`) so they stay under a sub-path, and the router marks the
//! current page (`aria-current="page"`).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::core::nav::href;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::session::use_session;
use crate::platform::tr::tr;

/// The `<li>` entries; the caller supplies the list around them.
#[component]
pub fn NavLinks() -> impl IntoView {
    let i18n = use_i18n();
    let clinic = use_session().config.clinic.enabled;
    view! {
        <li><A href=href("/customers")>{tr(i18n, |i| t_string!(i, nav_customers))}</A></li>
        <li><A href=href("/tags")>{tr(i18n, |i| t_string!(i, nav_tags))}</A></li>
        <li><A href=href("/chat")>{tr(i18n, |i| t_string!(i, nav_chat))}</A></li>
        <li><A href=href("/call")>{tr(i18n, |i| t_string!(i, nav_call))}</A></li>
        <li><A href=href("/manual-tasks") exact=true>{tr(i18n, |i| t_string!(i, nav_manual_tasks))}</A></li>
        <li><A href=href("/manual-tasks/new")>{tr(i18n, |i| t_string!(i, nav_manual_task_new))}</A></li>
        {clinic.then(|| view! {
            <li><A href=href("/clinic") exact=true>{tr(i18n, |i| t_string!(i, nav_clinic))}</A></li>
            <li><A href=href("/clinic/appointments")>{tr(i18n, |i| t_string!(i, nav_clinic_appointments))}</A></li>
        })}
        <li><A href=href("/settings")>{tr(i18n, |i| t_string!(i, nav_settings))}</A></li>
    }
}
