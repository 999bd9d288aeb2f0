//! `/clinic`: placeholder until the clinic module issue lands. Reachable only
//! through the navigation when `clinic.enabled` is true in config.json.

use leptos::prelude::*;

use crate::components::placeholder::Placeholder;
use crate::i18n::{t, t_string, use_i18n};
use crate::session::use_session;

#[component]
pub fn Clinic() -> impl IntoView {
    let i18n = use_i18n();
    let enabled = use_session().config.clinic.enabled;
    view! {
        <Placeholder title=Signal::derive(move || t_string!(i18n, nav_clinic).to_string()) route="/clinic">
            {(!enabled).then(|| view! { <p class="notice">{t!(i18n, clinic_disabled)}</p> })}
        </Placeholder>
    }
}
