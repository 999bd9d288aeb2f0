//! The fields of an appointment (create and change share them). The doctor
//! field is offered only for surgery (type 1), the one type the SDK allows
//! a doctor for. Messages sit next to their fields.

use leptos::prelude::*;
use leptos_i18n::I18nContext;
use scrm_api::validate::{field_label, FieldError};

use super::draft::{AppointmentDraft, DraftError};
use crate::platform::dom::focus;
use crate::platform::i18n::{t_string, use_i18n, Locale};
use crate::platform::locale::lang;

/// Problems per wire field name, already in words.
pub type Problems = RwSignal<Vec<(&'static str, String)>>;

/// Draft errors and rule failures in the interface language.
pub fn describe_problems(
    i18n: I18nContext<Locale>,
    draft: &[DraftError],
    rules: &[FieldError],
) -> Vec<(&'static str, String)> {
    let l = lang(i18n.get_locale());
    let mut out: Vec<(&'static str, String)> = draft
        .iter()
        .map(|e| {
            let label = field_label(e.field(), l);
            let hint = match e {
                DraftError::NotANumber(_) => t_string!(i18n, clinic_must_be_number).to_string(),
                DraftError::BadTime(_) => t_string!(i18n, clinic_time_format).to_string(),
            };
            (e.field(), format!("{label}: {hint}"))
        })
        .collect();
    out.extend(rules.iter().map(|e| (e.field, e.message(l))));
    out
}

/// Checks an appointment form before it is sent: the draft's own problems
/// (numbers, times), then the shared rules of scrm-api. Shows them all,
/// moves focus to the first field (`{prefix}-{field}`), and gives the
/// request only when there are none.
pub fn checked<R>(
    i18n: I18nContext<Locale>,
    built: Result<R, Vec<DraftError>>,
    rules: impl Fn(&R) -> Result<(), Vec<FieldError>>,
    problems: Problems,
    prefix: &str,
) -> Option<R> {
    let (req, draft_errors) = match built {
        Ok(r) => (Some(r), Vec::new()),
        Err(e) => (None, e),
    };
    let broken = req
        .as_ref()
        .map(|r| rules(r).err().unwrap_or_default())
        .unwrap_or_default();
    let found = describe_problems(i18n, &draft_errors, &broken);
    if let Some(first) = found.first() {
        focus(&format!("{prefix}-{}", first.0));
    }
    let clean = found.is_empty();
    problems.set(found);
    req.filter(|_| clean)
}

type FieldGet = fn(&AppointmentDraft) -> String;
type FieldSet = fn(&mut AppointmentDraft, String);

#[component]
pub fn AppointmentFields(
    draft: RwSignal<AppointmentDraft>,
    problems: Problems,
    /// Prefix of the element ids (`an` new, `ae` edit).
    prefix: &'static str,
    /// Whether to ask which customer (only when creating).
    #[prop(optional)]
    with_customer: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let msg = move |field: &'static str| {
        problems.with(|p| {
            let m: Vec<String> = p
                .iter()
                .filter(|x| x.0 == field)
                .map(|x| x.1.clone())
                .collect();
            (!m.is_empty()).then(|| m.join("；"))
        })
    };
    let input = move |field: &'static str,
                      label: &'static str,
                      hint: Option<&'static str>,
                      get: FieldGet,
                      set: FieldSet| {
        let id = format!("{prefix}-{field}");
        let err_id = format!("{prefix}-{field}-error");
        view! {
            <div class="field">
                <label for=id.clone()>{label} {hint.map(|h| view! { <span class="muted">" (" {h} ")"</span> })}</label>
                <input id=id name=field
                    prop:value=move || draft.with(get)
                    on:input=move |ev| draft.update(|d| set(d, event_target_value(&ev)))
                    aria-invalid=move || if msg(field).is_some() { "true" } else { "false" }
                    aria-describedby=err_id.clone()/>
                <p class="field-error" id=err_id>{move || msg(field)}</p>
            </div>
        }
    };
    // Redrawn as a whole when the locale changes; the draft lives outside.
    move || {
        let time_hint = || Some(t_string!(i18n, clinic_time_hint));
        view! {
            <div class="form-grid">
                {with_customer.then(|| view! {
                    {input("cusId", t_string!(i18n, clinic_f_cus_id), None, |d| d.cus_id.clone(), |d, v| d.cus_id = v)}
                    {input("telnum", t_string!(i18n, clinic_f_telnum), None, |d| d.telnum.clone(), |d, v| d.telnum = v)}
                })}
                <div class="field">
                    <label for=format!("{prefix}-type")>{t_string!(i18n, clinic_f_type)}</label>
                    <select id=format!("{prefix}-type") name="type"
                        prop:value=move || draft.with(|d| d.kind.clone())
                        on:change=move |ev| draft.update(|d| d.kind = event_target_value(&ev))>
                        <option value="0">{t_string!(i18n, clinic_type_0)}</option>
                        <option value="3">{t_string!(i18n, clinic_type_3)}</option>
                        <option value="1">{t_string!(i18n, clinic_type_1)}</option>
                        <option value="2">{t_string!(i18n, clinic_type_2)}</option>
                    </select>
                    <p class="field-error" id=format!("{prefix}-type-error")>{move || msg("type")}</p>
                </div>
                {input("content", t_string!(i18n, clinic_f_content), None, |d| d.content.clone(), |d, v| d.content = v)}
                {input("comment", t_string!(i18n, clinic_f_comment), None, |d| d.comment.clone(), |d, v| d.comment = v)}
                {input("appointmentTime", t_string!(i18n, clinic_f_appointment_time), time_hint(), |d| d.start.clone(), |d, v| d.start = v)}
                {input("appointmentTime1", t_string!(i18n, clinic_f_end_time), time_hint(), |d| d.end.clone(), |d, v| d.end = v)}
                {input("pId", t_string!(i18n, clinic_f_projects), Some(t_string!(i18n, clinic_projects_hint)), |d| d.p_id.clone(), |d, v| d.p_id = v)}
                <Show when=move || draft.with(|d| d.is_surgery())>
                    {input("doctorId", t_string!(i18n, clinic_f_doctor), None, |d| d.doctor_id.clone(), |d, v| d.doctor_id = v)}
                </Show>
                {input("technicianId", t_string!(i18n, clinic_f_technician), None, |d| d.technician_id.clone(), |d, v| d.technician_id = v)}
            </div>
        }
    }
}
