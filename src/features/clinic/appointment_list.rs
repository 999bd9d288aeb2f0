//! A table of clinic appointments. Typed props so the call popup can list a
//! caller's appointments with it; `on_select` adds a "manage" button.

use leptos::prelude::*;
use scrm_api::clinic::Appointment;
use scrm_api::time::Timestamp;

use crate::platform::i18n::{t_string, use_i18n};
use crate::ui::badge::{Badge, Tone};
use crate::ui::button::Button;
use crate::ui::icon::glyph;
use crate::ui::table::Table;

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
        let labels = [
            "ID",
            t_string!(i18n, clinic_f_cus_id),
            t_string!(i18n, clinic_f_type),
            t_string!(i18n, clinic_f_appointment_time),
            t_string!(i18n, clinic_f_content),
            t_string!(i18n, clinic_f_comment),
            t_string!(i18n, clinic_f_created),
            t_string!(i18n, clinic_f_state),
        ];
        let mut columns: Vec<TextProp> = labels.iter().map(|l| TextProp::from(*l)).collect();
        if on_select.is_some() {
            columns.push(TextProp::from(t_string!(i18n, clinic_manage)));
        }
        view! {
            <Table id=id caption=t_string!(i18n, clinic_appointments_caption) columns compact=true stack=true>
                <For each=move || items.try_get().unwrap_or_default() key=|a| (a.id, a.cancel_time.is_some(), a.appointment_time.as_ref().map(|t| t.epoch_ms()), a.content.clone()) let:a>
                    {
                        let end = when(&a.appointment_time1);
                        let time = if end.is_empty() { when(&a.appointment_time) } else { format!("{} – {end}", when(&a.appointment_time)) };
                        let (tone, state) = if a.cancel_time.is_some() {
                            (Tone::Neutral, t_string!(i18n, clinic_state_cancelled))
                        } else if a.complete_time.is_some() {
                            (Tone::Success, t_string!(i18n, clinic_state_completed))
                        } else {
                            (Tone::Brand, t_string!(i18n, clinic_state_open))
                        };
                        let open = a.cancel_time.is_none() && a.complete_time.is_none();
                        let row = a.clone();
                        view! {
                            <tr data-id=a.id.map(|v| v.to_string()).unwrap_or_default()>
                                <td data-label=labels[0]>{a.id}</td>
                                <td data-label=labels[1]>{a.cus_id}</td>
                                <td data-label=labels[2]><AppointmentKind kind=a.kind/></td>
                                <td data-label=labels[3] class="time">{time}</td>
                                <td data-label=labels[4]>{a.content.clone()}</td>
                                <td data-label=labels[5]>{a.comment.clone()}</td>
                                <td data-label=labels[6] class="time">{when(&a.create_time)}</td>
                                <td data-label=labels[7]><Badge tone>{state}</Badge></td>
                                {on_select.map(|cb| view! {
                                    <td>{open.then(|| view! {
                                        <Button small=true icon=glyph::EDIT class="manage"
                                            attr:id=format!("manage-{}", row.id.unwrap_or_default())
                                            attr:aria-label=format!("{} #{}", t_string!(i18n, clinic_manage), row.id.unwrap_or_default())
                                            on:click=move |_| cb.run(row.clone())>{t_string!(i18n, clinic_manage)}</Button>
                                    })}</td>
                                })}
                            </tr>
                        }
                    }
                </For>
            </Table>
        }
    }
}
