//! Changing (changeOneAppointment) or cancelling with a reason
//! (cancelOneAppointment) one appointment. The change draft and the reason
//! survive a reload per appointment; closing on purpose discards them and
//! gives the focus back to the button that opened the panel.

use leptos::prelude::*;
use scrm_api::clinic::{
    Appointment, CancelAppointmentRequest, CancelOneAppointment, ChangeOneAppointment,
};
use scrm_api::time::Timestamp;

use super::appointment_form::{checked, AppointmentFields, Problems};
use super::draft::{apply_change, AppointmentDraft};
use super::{send, session_draft};
use crate::platform::dom::focus;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::storage;
use crate::ui::button::{Button, Variant};
use crate::ui::icon::glyph;
use crate::ui::toast::{use_toasts, ToastKind};

fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

#[component]
pub fn ManageAppointment(
    appointment: Appointment,
    selected: RwSignal<Option<Appointment>>,
    on_changed: Callback<Appointment>,
) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let id = appointment.id.unwrap_or_default();
    let original = StoredValue::new(appointment.clone());
    // The change draft and the cancel reason survive a reload or an expired
    // session, per appointment.
    let draft_key = format!("scrm.clinic.change.{id}");
    let reason_key = format!("scrm.clinic.cancel.{id}");
    let draft = session_draft(draft_key.clone(), || AppointmentDraft::of(&appointment));
    let reason = RwSignal::new(storage::session_get(&reason_key).unwrap_or_default());
    {
        let reason_key = reason_key.clone();
        Effect::new(move |_| storage::session_set(&reason_key, &reason.get()));
    }
    let forget = move || {
        storage::session_remove(&draft_key);
        storage::session_remove(&reason_key);
    };
    let forget2 = forget.clone();
    // Closing on purpose discards the drafts; a reload keeps them.
    let close = {
        let forget = forget.clone();
        move || {
            forget();
            selected.set(None);
            // Back to the button that opened the panel.
            request_animation_frame(move || focus(&format!("manage-{id}")));
        }
    };
    let close2 = close.clone();
    let problems: Problems = RwSignal::new(Vec::new());
    let server_error = RwSignal::new(None::<String>);

    let change = send::<ChangeOneAppointment>(server_error, move |req, _| {
        forget();
        let updated = apply_change(&original.get_value(), &req);
        toasts.push(
            ToastKind::Success,
            t_string!(i18n, clinic_appointment_changed),
        );
        selected.set(None);
        on_changed.run(updated);
    });
    let cancel = send::<CancelOneAppointment>(server_error, move |_, _| {
        forget2();
        let mut a = original.get_value();
        a.cancel_time = Timestamp::from_epoch_ms(now_ms());
        toasts.push(
            ToastKind::Success,
            t_string!(i18n, clinic_appointment_cancelled),
        );
        selected.set(None);
        on_changed.run(a);
    });

    let on_change = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        server_error.set(None);
        let built = draft.get_untracked().change_request(id);
        if let Some(req) = checked(i18n, built, |r| r.validate(), problems, "ae") {
            change.dispatch(req);
        }
    };
    let on_cancel = move |_| {
        server_error.set(None);
        let comment = reason.get_untracked().trim().to_owned();
        cancel.dispatch(CancelAppointmentRequest {
            id: Some(id),
            comment: (!comment.is_empty()).then_some(comment),
        });
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            close();
        }
    };
    view! {
        <section class="clinic-form manage-panel" id="appt-manage" aria-labelledby="appt-manage-title" on:keydown=on_key>
            <h2 id="appt-manage-title" tabindex="-1">{t_string!(i18n, clinic_manage_title)} " #" {id}</h2>
            <form id="appt-change" on:submit=on_change novalidate>
                <AppointmentFields draft=draft problems=problems prefix="ae"/>
                <div class="form-actions sticky">
                    <Button variant=Variant::Primary loading=change.pending() submit=true attr:id="appt-change-submit">{t_string!(i18n, clinic_save_change)}</Button>
                </div>
            </form>
            <div class="field">
                <label for="appt-cancel-reason">{t_string!(i18n, clinic_cancel_reason)}</label>
                <textarea id="appt-cancel-reason" bind:value=reason></textarea>
            </div>
            <Button variant=Variant::Danger loading=cancel.pending() attr:id="appt-cancel-submit" on:click=on_cancel>
                {t_string!(i18n, clinic_cancel_appointment)}
            </Button>
            <p class="form-error" id="appt-manage-error" role="alert">{move || server_error.get()}</p>
            <Button variant=Variant::Text icon=glyph::CLOSE attr:id="appt-manage-close" on:click=move |_| close2()>{t_string!(i18n, close)}</Button>
        </section>
    }
}
