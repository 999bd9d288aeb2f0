//! A table of clinic appointments. Typed props so the call popup can list a
//! caller's appointments with it; `on_select` adds a "manage" button.

use leptos::prelude::*;
use scrm_api::clinic::Appointment;
use scrm_api::time::Timestamp;

use crate::platform::i18n::{t_string, use_i18n};

fn when(t: &Option<Timestamp>) -> String {
    t.as_ref()
        .map(|t| t.display().to_owned())
        .unwrap_or_default()
}

/// The appointment's type in words.
#[component]
pub fn AppointmentKind(kind: Option<i64>) -> impl IntoView {
    let i18n = use_i18n();
    match kind {
        Some(0) => t_string!(i18n, clinic_type_0),
        Some(1) => t_string!(i18n, clinic_type_1),
        Some(2) => t_string!(i18n, clinic_type_2),
        Some(3) => t_string!(i18n, clinic_type_3),
        _ => t_string!(i18n, clinic_unknown),
    }
}

#[component]
pub fn AppointmentTable(
    #[prop(into)] items: Signal<Vec<Appointment>>,
    /// Called with the appointment whose "manage" button was pressed.
    #[prop(optional)]
    on_select: Option<Callback<Appointment>>,
    /// `id` of the table element.
    #[prop(optional)]
    id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    // Redrawn as a whole when the locale changes (plain-text labels).
    move || {
        view! {
            <div class="table-wrap">
                <table class="appointments" id=id>
                    <thead>
                        <tr>
                            <th scope="col">"ID"</th>
                            <th scope="col">{t_string!(i18n, clinic_f_cus_id)}</th>
                            <th scope="col">{t_string!(i18n, clinic_f_type)}</th>
                            <th scope="col">{t_string!(i18n, clinic_f_appointment_time)}</th>
                            <th scope="col">{t_string!(i18n, clinic_f_content)}</th>
                            <th scope="col">{t_string!(i18n, clinic_f_comment)}</th>
                            <th scope="col">{t_string!(i18n, clinic_f_created)}</th>
                            <th scope="col">{t_string!(i18n, clinic_f_state)}</th>
                            {on_select.map(|_| view! { <th scope="col"><span class="visually-hidden">{t_string!(i18n, clinic_manage)}</span></th> })}
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || items.try_get().unwrap_or_default() key=|a| (a.id, a.cancel_time.is_some(), a.appointment_time.as_ref().map(|t| t.epoch_ms()), a.content.clone()) let:a>
                            {
                                let end = when(&a.appointment_time1);
                                let time = if end.is_empty() { when(&a.appointment_time) } else { format!("{} – {end}", when(&a.appointment_time)) };
                                let state = if a.cancel_time.is_some() {
                                    t_string!(i18n, clinic_state_cancelled)
                                } else if a.complete_time.is_some() {
                                    t_string!(i18n, clinic_state_completed)
                                } else {
                                    t_string!(i18n, clinic_state_open)
                                };
                                let open = a.cancel_time.is_none() && a.complete_time.is_none();
                                let row = a.clone();
                                view! {
                                    <tr data-id=a.id.map(|v| v.to_string()).unwrap_or_default()>
                                        <td>{a.id}</td>
                                        <td>{a.cus_id}</td>
                                        <td><AppointmentKind kind=a.kind/></td>
                                        <td class="time">{time}</td>
                                        <td>{a.content.clone()}</td>
                                        <td>{a.comment.clone()}</td>
                                        <td class="time">{when(&a.create_time)}</td>
                                        <td>{state}</td>
                                        {on_select.map(|cb| view! {
                                            <td>{open.then(|| view! {
                                                <button type="button" class="manage" id=format!("manage-{}", row.id.unwrap_or_default())
                                                aria-label=format!("{} #{}", t_string!(i18n, clinic_manage), row.id.unwrap_or_default())
                                                on:click=move |_| cb.run(row.clone())>{t_string!(i18n, clinic_manage)}</button>
                                            })}</td>
                                        })}
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </div>
        }
    }
}
