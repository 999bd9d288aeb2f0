//! What the pop-up says about one call: who the number belongs to, by where
//! getCustomerInfoByCall found it (`source` 0–3), and with the clinic module
//! the clinic profile and coming appointments. Everything is shown as text.

use leptos::prelude::*;
use scrm_api::call::{CallCustomer, CallSource};
use scrm_api::clinic::{Appointment, ClinicCustomer};
use scrm_api::validate::{FieldError, Lang, Problem};

use crate::call_pop::{use_call_pop, ClinicPart, Lookup, PopCall};
use crate::components::error_view::ErrorView;
use crate::i18n::{t, use_i18n, Locale};
use crate::nav::encode_component;

/// The shared validation messages' language for the UI's locale.
pub fn lang(locale: Locale) -> Lang {
    match locale {
        Locale::zh_CN => Lang::ZhCn,
        Locale::zh_TW => Lang::ZhTw,
        Locale::en => Lang::En,
    }
}

/// What a salesperson calls the person: their remark, the name, the nickname.
fn display_name(c: &CallCustomer) -> String {
    [&c.remark_name, &c.customer_name, &c.nick_name]
        .into_iter()
        .filter_map(|s| s.as_deref())
        .find(|s| !s.trim().is_empty())
        .unwrap_or("—")
        .to_owned()
}

/// One labelled fact, left out when there is nothing to say.
fn fact(label: AnyView, value: Option<String>) -> Option<AnyView> {
    let value = value.filter(|v| !v.trim().is_empty())?;
    Some(view! { <dt>{label}</dt><dd>{value}</dd> }.into_any())
}

#[component]
pub fn CallResult(call: PopCall) -> impl IntoView {
    let i18n = use_i18n();
    let pop = use_call_pop();
    let phone = match call.phone {
        Ok(p) => p,
        Err(e) => {
            let text = FieldError::new("customerPhone", Problem::Phone(e))
                .message(lang(i18n.get_locale_untracked()));
            return view! {
                <div class="call-result" data-state="invalid" role="alert">
                    <p>{t!(i18n, call_invalid)} " " <span class="call-invalid-reason">{text}</span></p>
                </div>
            }
            .into_any();
        }
    };
    let clinic_on = call.clinic != ClinicPart::Off;
    let main = match call.lookup {
        Lookup::Loading => view! {
            <p class="muted" aria-busy="true">{t!(i18n, call_looking_up)}</p>
        }
        .into_any(),
        Lookup::Failed(error) => view! {
            <ErrorView error=error on_retry=Callback::new(move |_| pop.retry())/>
        }
        .into_any(),
        Lookup::Done(info) => {
            let source = info.source();
            let code = info.source.unwrap_or(0);
            let records = info.customer_list.unwrap_or_default();
            view! {
                <div class="call-records" data-source=code>
                    {sourced(source, records, &phone, clinic_on)}
                </div>
            }
            .into_any()
        }
    };
    view! {
        <div class="call-result" data-state="looked-up" aria-live="polite">
            {main}
            {clinic_section(call.clinic)}
        </div>
    }
    .into_any()
}

fn close_on_click() -> impl Fn(leptos::ev::MouseEvent) + Clone {
    let pop = use_call_pop();
    move |_| pop.close()
}

fn sourced(
    source: CallSource,
    records: Vec<CallCustomer>,
    phone: &str,
    clinic_on: bool,
) -> AnyView {
    let i18n = use_i18n();
    if source == CallSource::NotFound || records.is_empty() {
        let phone_q = encode_component(phone);
        return view! {
            <p class="call-none">{t!(i18n, call_no_record)}</p>
            <div class="call-actions">
                <a class="button" id="call-add-manual-task"
                    href=format!("/manual-tasks/new?customerPhone={phone_q}")
                    on:click=close_on_click()>
                    {t!(i18n, call_add_manual_task)}
                </a>
                {clinic_on.then(|| view! {
                    <a class="button" id="call-add-customer"
                        href=format!("/clinic?telnum={phone_q}")
                        on:click=close_on_click()>
                        {t!(i18n, call_add_customer)}
                    </a>
                })}
            </div>
        }
        .into_any();
    }
    let badge = match source {
        CallSource::Customers => t!(i18n, call_from_customers).into_any(),
        CallSource::AssignedPool => t!(i18n, call_from_pool).into_any(),
        CallSource::ManualEntry => t!(i18n, call_from_manual).into_any(),
        CallSource::NotFound | CallSource::Unknown(_) => t!(i18n, call_source_unknown).into_any(),
    };
    view! {
        <p class="call-source">{badge}</p>
        <ul class="call-record-list">
            {records
                .into_iter()
                .map(|r| view! { <li class="call-record">{record(source, r)}</li> })
                .collect_view()}
        </ul>
    }
    .into_any()
}

fn record(source: CallSource, r: CallCustomer) -> AnyView {
    let i18n = use_i18n();
    let name = display_name(&r);
    let starred = r.is_star == Some(1);
    let head = view! {
        <h3 class="call-record-name">
            {name}
            {starred.then(|| view! {
                " " <span class="call-star" title=move || crate::i18n::t_string!(i18n, call_starred)>
                    "★" <span class="visually-hidden">{t!(i18n, call_starred)}</span>
                </span>
            })}
        </h3>
    };
    if source == CallSource::ManualEntry {
        let dial = r.dial_status.map(|s| match s {
            1 => crate::i18n::t_string!(i18n, call_dialled).to_string(),
            0 => crate::i18n::t_string!(i18n, call_not_dialled).to_string(),
            n => n.to_string(),
        });
        let add = r.add_status.map(|s| match s {
            1 => crate::i18n::t_string!(i18n, call_added).to_string(),
            0 => crate::i18n::t_string!(i18n, call_not_added).to_string(),
            n => n.to_string(),
        });
        let tasks = r.admin_user_id.map(|id| {
            view! {
                <a href=format!("/manual-tasks/{id}") class="call-link-tasks" on:click=close_on_click()>
                    {t!(i18n, call_task_list)}
                </a>
            }
        });
        return view! {
            {head}
            <dl class="call-facts">
                {fact(t!(i18n, call_name).into_any(), r.customer_name)}
                {fact(t!(i18n, call_company).into_any(), r.company)}
                {fact(t!(i18n, call_phone).into_any(), r.customer_phone)}
                {fact(t!(i18n, call_dial_status).into_any(), dial)}
                {fact(t!(i18n, call_add_status).into_any(), add)}
                {fact(t!(i18n, call_remarks).into_any(), r.remarks)}
            </dl>
            <div class="call-links">{tasks}</div>
        }
        .into_any();
    }
    // Pool rows (source 2) are not customer records: no edit page for them.
    let edit = (source == CallSource::Customers)
        .then_some(r.customer_id)
        .flatten()
        .map(|id| {
            let q = encode_component(r.customer_phone.as_deref().unwrap_or(""));
            view! {
                <a href=format!("/customers/{id}?phone={q}") class="call-link-edit" on:click=close_on_click()>
                    {t!(i18n, call_edit)}
                </a>
            }
        });
    let chat = match (r.wechat_user_id, r.wechat_contact_id) {
        (Some(u), Some(c)) => Some(view! {
            <a href=format!("/chat?wechatUserIds={u}&wechatContactIds={c}") class="call-link-chat"
                on:click=close_on_click()>
                {t!(i18n, call_chat)}
            </a>
        }),
        _ => None,
    };
    view! {
        {head}
        <dl class="call-facts">
            {fact(t!(i18n, call_name).into_any(), r.customer_name)}
            {fact(t!(i18n, call_nickname).into_any(), r.nick_name)}
            {fact(t!(i18n, call_phone).into_any(), r.customer_phone)}
            {fact(t!(i18n, call_company).into_any(), r.company)}
            {fact(t!(i18n, call_tags).into_any(), r.tags)}
            {fact(t!(i18n, call_remarks).into_any(), r.remarks)}
        </dl>
        <div class="call-links">{edit} " " {chat}</div>
    }
    .into_any()
}

fn clinic_section(part: ClinicPart) -> Option<AnyView> {
    let i18n = use_i18n();
    let pop = use_call_pop();
    let body = match part {
        ClinicPart::Off => return None,
        ClinicPart::Loading => {
            view! { <p class="muted" aria-busy="true">{t!(i18n, call_clinic_loading)}</p> }
                .into_any()
        }
        ClinicPart::NoProfile => {
            view! { <p class="call-clinic-none">{t!(i18n, call_clinic_none)}</p> }.into_any()
        }
        ClinicPart::Failed(error) => {
            view! { <ErrorView error=error on_retry=Callback::new(move |_| pop.retry())/> }
                .into_any()
        }
        ClinicPart::Found {
            customer,
            appointments,
        } => view! {
            {clinic_profile(*customer)}
            <h4>{t!(i18n, call_appointments)}</h4>
            {match appointments {
                Ok(list) if list.is_empty() => {
                    view! { <p class="muted">{t!(i18n, call_no_appointments)}</p> }.into_any()
                }
                Ok(list) => view! {
                    <ul class="call-appointments">
                        {list.into_iter().map(appointment).collect_view()}
                    </ul>
                }
                .into_any(),
                Err(error) => view! {
                    <ErrorView error=error on_retry=Callback::new(move |_| pop.retry())/>
                }
                .into_any(),
            }}
        }
        .into_any(),
    };
    Some(
        view! {
            <section class="call-clinic" aria-labelledby="call-clinic-title">
                <h3 id="call-clinic-title">{t!(i18n, call_clinic_title)}</h3>
                {body}
            </section>
        }
        .into_any(),
    )
}

fn clinic_profile(c: ClinicCustomer) -> AnyView {
    let i18n = use_i18n();
    view! {
        <dl class="call-facts call-clinic-profile">
            {fact(t!(i18n, call_name).into_any(), c.name)}
            {fact(t!(i18n, call_phone).into_any(), c.telnum)}
            {fact(t!(i18n, call_birthday).into_any(), c.birthday)}
            {fact(t!(i18n, call_remarks).into_any(), c.description)}
        </dl>
    }
    .into_any()
}

fn appointment(a: Appointment) -> impl IntoView {
    let when = a
        .appointment_time
        .as_ref()
        .map(|t| t.display().get(..16).unwrap_or(t.display()).to_owned())
        .unwrap_or_default();
    let what = a.content.unwrap_or_default();
    let comment = a.comment.filter(|c| !c.trim().is_empty());
    view! {
        <li class="call-appointment">
            <span class="call-appointment-time">{when}</span> " "
            <span>{what}</span>
            {comment.map(|c| view! { <span class="muted">" · " {c}</span> })}
        </li>
    }
}
