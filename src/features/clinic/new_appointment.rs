//! The new-appointment form (addOneAppointment): all four types, a doctor
//! only for surgery. The draft lives in session storage so nothing typed is
//! lost to a failed request, an expired session or a reload.

use leptos::prelude::*;
use scrm_api::clinic::AddOneAppointment;

use super::appointment_form::{checked, AppointmentFields, Problems};
use super::draft::AppointmentDraft;
use super::{send, session_draft};
use crate::platform::i18n::{t_string, use_i18n};
use crate::ui::button::{Button, Variant};
use crate::ui::toast::{use_toasts, ToastKind};

const NEW_DRAFT_KEY: &str = "scrm.clinic.newAppointment";

#[component]
pub fn NewAppointment(
    /// The customer the list is filtered by, offered as the default.
    cus: Memo<Option<i64>>,
    /// Called after an appointment was created.
    on_created: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let draft = session_draft(NEW_DRAFT_KEY.to_owned(), || AppointmentDraft {
        kind: "0".into(),
        ..Default::default()
    });
    if let Some(c) = cus.get_untracked() {
        draft.update_untracked(|d| d.cus_id = c.to_string());
    }
    let problems: Problems = RwSignal::new(Vec::new());
    let server_error = RwSignal::new(None::<String>);
    let created = RwSignal::new(None::<i64>);
    let save = send::<AddOneAppointment>(server_error, move |_, r| {
        created.set(r.appointment_id);
        draft.update(|d| {
            *d = AppointmentDraft {
                cus_id: d.cus_id.clone(),
                telnum: d.telnum.clone(),
                kind: d.kind.clone(),
                ..Default::default()
            }
        });
        toasts.push(
            ToastKind::Success,
            t_string!(i18n, clinic_appointment_created),
        );
        on_created.run(());
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        server_error.set(None);
        created.set(None);
        let built = draft.get_untracked().add_request();
        if let Some(req) = checked(i18n, built, |r| r.validate(), problems, "an") {
            save.dispatch(req);
        }
    };
    view! {
        <form class="clinic-form" id="appt-new" on:submit=on_submit aria-labelledby="appt-new-title" novalidate>
            <h2 id="appt-new-title">{t_string!(i18n, clinic_new_appointment)}</h2>
            <AppointmentFields draft=draft problems=problems prefix="an" with_customer=true/>
            <p class="form-error" id="appt-new-error" role="alert">{move || server_error.get()}</p>
            <div class="form-actions sticky">
                <Button variant=Variant::Primary loading=save.pending() submit=true attr:id="appt-new-submit">{t_string!(i18n, clinic_create)}</Button>
            </div>
            <p class="form-ok" id="appt-new-result" role="status">
                {move || created.get().map(|id| format!("{} #{id}", t_string!(i18n, clinic_appointment_created)))}
            </p>
        </form>
    }
}
