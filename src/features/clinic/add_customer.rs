//! The add-customer form (addCustomer). The shared rules explain a problem
//! next to its field before anything is sent; the server's `{errNum,
//! errMsg}` answer is shown as given. The draft lives in session storage so
//! a failed request, an expired session or a reload loses nothing.

use leptos::prelude::*;
use leptos_router::components::A;
use scrm_api::clinic::AddCustomer;
use scrm_api::validate::FieldError;

use super::draft::CustomerDraft;
use super::lookup::Lookup;
use super::{field_message, send, session_draft};
use crate::platform::dom::focus;
use crate::platform::i18n::{t_string, use_i18n};
use crate::ui::button::{Button, Variant};
use crate::ui::known_phone::KnownPhone;
use crate::ui::toast::{use_toasts, ToastKind};

const DRAFT_KEY: &str = "scrm.clinic.addCustomer";

type FieldGet = fn(&CustomerDraft) -> String;
type FieldSet = fn(&mut CustomerDraft, String);

#[component]
pub fn AddCustomerForm() -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let draft = session_draft(DRAFT_KEY.to_owned(), CustomerDraft::default);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let server_error = RwSignal::new(None::<String>);
    let created = RwSignal::new(None::<i64>);

    let save = send::<AddCustomer>(server_error, move |_, reply| {
        created.set(reply.cus_id);
        draft.set(CustomerDraft::default());
        toasts.push(ToastKind::Success, t_string!(i18n, clinic_customer_added));
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        server_error.set(None);
        created.set(None);
        let req = draft.get_untracked().request();
        match req.validate() {
            Ok(()) => {
                errors.set(Vec::new());
                save.dispatch(req);
            }
            Err(e) => {
                if let Some(first) = e.first() {
                    focus(&format!("ac-{}", first.field));
                }
                errors.set(e);
            }
        }
    };

    let input = move |field: &'static str,
                      label: &'static str,
                      kind: &'static str,
                      get: FieldGet,
                      set: FieldSet| {
        let id = format!("ac-{field}");
        let err_id = format!("ac-{field}-error");
        let msg = move || field_message(i18n, errors, field);
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input id=id name=field type=kind
                    prop:value=move || draft.with(get)
                    on:input=move |ev| draft.update(|d| set(d, event_target_value(&ev)))
                    aria-invalid=move || if msg().is_some() { "true" } else { "false" }
                    aria-describedby=err_id.clone()/>
                <p class="field-error" id=err_id>{msg}</p>
                {(field == "telnum").then(|| view! {
                    <KnownPhone phone=Signal::derive(move || draft.with(get)) id="ac-known"/>
                })}
            </div>
        }
    };

    // Redrawn as a whole when the locale changes; the draft and messages
    // live in signals outside, so nothing typed is lost.
    move || {
        view! {
            <form class="clinic-form" id="add-customer" on:submit=on_submit aria-labelledby="add-customer-title" novalidate>
                <h2 id="add-customer-title">{t_string!(i18n, clinic_add_customer)}</h2>
                <div class="form-grid">
                    {input("name", t_string!(i18n, clinic_f_name), "text", |d| d.name.clone(), |d, v| d.name = v)}
                    {input("telnum", t_string!(i18n, clinic_f_telnum), "tel", |d| d.telnum.clone(), |d, v| d.telnum = v)}
                    {input("erpId", t_string!(i18n, clinic_f_erp_id), "text", |d| d.erp_id.clone(), |d, v| d.erp_id = v)}
                    <div class="field">
                        <label for="ac-sex">{t_string!(i18n, clinic_f_sex)}</label>
                        <select id="ac-sex" name="sex"
                            prop:value=move || draft.with(|d| d.sex.clone())
                            on:change=move |ev| draft.update(|d| d.sex = event_target_value(&ev))>
                            <option value="">{t_string!(i18n, clinic_unknown)}</option>
                            <option value="1">{t_string!(i18n, clinic_sex_male)}</option>
                            <option value="2">{t_string!(i18n, clinic_sex_female)}</option>
                        </select>
                        <p class="field-error" id="ac-sex-error">{move || field_message(i18n, errors, "sex")}</p>
                    </div>
                    {input("birthday", t_string!(i18n, clinic_f_birthday_ymd), "text", |d| d.birthday.clone(), |d, v| d.birthday = v)}
                    {input("channelName", t_string!(i18n, clinic_f_channel), "text", |d| d.channel_name.clone(), |d, v| d.channel_name = v)}
                    {input("channelUserName", t_string!(i18n, clinic_f_user), "text", |d| d.channel_user_name.clone(), |d, v| d.channel_user_name = v)}
                    {input("preConsultName", t_string!(i18n, clinic_f_pre_consult), "text", |d| d.pre_consult_name.clone(), |d, v| d.pre_consult_name = v)}
                    {input("ownerName", t_string!(i18n, clinic_f_owner), "text", |d| d.owner_name.clone(), |d, v| d.owner_name = v)}
                    {input("description", t_string!(i18n, clinic_f_description), "text", |d| d.description.clone(), |d, v| d.description = v)}
                </div>
                <p class="form-error" id="add-customer-error" role="alert">{move || server_error.get()}</p>
                <div class="form-actions sticky">
                    <Button variant=Variant::Primary loading=save.pending() submit=true attr:id="add-customer-submit">
                        {t_string!(i18n, clinic_add_customer_submit)}
                    </Button>
                </div>
                {move || created.get().map(|id| view! {
                    <p class="form-ok" id="add-customer-created" role="status">
                        {t_string!(i18n, clinic_customer_added)} " "
                        <A href=crate::core::nav::href(&Lookup::CusId(id).to_path())>{t_string!(i18n, clinic_open_profile)} " #" {id}</A>
                    </p>
                })}
            </form>
        }
    }
}
