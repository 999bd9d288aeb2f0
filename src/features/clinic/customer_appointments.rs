//! One customer's appointments from thirty days back on, by appointment
//! time: under the clinic profile, and for the call popup's caller.

use leptos::prelude::*;
use scrm_api::clinic::{Appointment, GetAppointmentList};
use scrm_api::incremental::{AppointmentFeed, IncrementalCursor};

use super::agenda::feed_start;
use super::appointment_list::AppointmentTable;
use crate::platform::api_client::{use_api, ApiClient, ApiError};
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::load::load;
use crate::ui::loaded::Loaded;

/// Pages fetched at most; each page holds up to 200 records.
const MAX_PAGES: usize = 5;

async fn upcoming(api: ApiClient, cus_id: i64, now_ms: i64) -> Result<Vec<Appointment>, ApiError> {
    let feed = AppointmentFeed::Appointed;
    let mut cursor = feed_start(now_ms)
        .as_ref()
        .map(IncrementalCursor::starting_at)
        .unwrap_or_default();
    let mut all = Vec::new();
    for _ in 0..MAX_PAGES {
        let reply = api
            .call::<GetAppointmentList>(&feed.request(&cursor, Some(cus_id)))
            .await?;
        let fresh = cursor.merge(feed.take_list(reply), |a| feed.key(a));
        if fresh.is_empty() {
            break;
        }
        all.extend(fresh);
    }
    Ok(all)
}

#[component]
pub fn CustomerAppointments(
    /// The clinic customer id (`cusId`).
    cus_id: i64,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let list = load(
        move || cus_id,
        move |cus_id| upcoming(api.clone(), cus_id, js_sys::Date::now() as i64),
    );
    view! {
        <section class="customer-appointments" aria-labelledby="customer-appointments-title">
            <h3 id="customer-appointments-title">{move || t_string!(i18n, clinic_customer_appointments)}</h3>
            <Loaded data=list loading=move || view! { <p class="muted">{move || t_string!(i18n, clinic_loading)}</p> } let:items>
                {if items.is_empty() {
                    view! { <p class="muted">{move || t_string!(i18n, clinic_no_appointments)}</p> }.into_any()
                } else {
                    view! { <AppointmentTable items=Signal::stored(items) id="customer-appointments-table"/> }.into_any()
                }}
            </Loaded>
        </section>
    }
}
