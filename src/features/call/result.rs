//! What the pop-up says about one call: who the number belongs to, by where
//! getCustomerInfoByCall found it (`source` 0–3), and with the clinic module
//! the clinic profile and coming appointments. Everything is shown as text.
//!
//! The pop-up re-renders this whole view whenever the call or the language
//! changes, so texts are plain strings (`t_string!`) rather than one reactive
//! closure each: every distinct view type costs wasm size.

use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use scrm_api::call::{CallCustomer, CallSource};
use scrm_api::clinic::{Appointment, ClinicCustomer};
use scrm_api::customer::Customer;
use scrm_api::lenient::split_ids;
use scrm_api::validate::PhoneError;

use crate::core::hrefs;
use crate::core::nav::encode_component;
use crate::core::recent::Recent;
use crate::core::text::{first_filled, shown};
use crate::features::call::state::{
    mark, use_call_pop, ClinicPart, Lookup, PoolRecords, PopCall, MARK_FILLED,
};
use crate::platform::i18n::{t_string, use_i18n, Locale};
use crate::platform::recent;
use crate::platform::tags::use_tags;
use crate::ui::error_view::ErrorView;
use leptos_i18n::I18nContext;

type I18n = I18nContext<Locale>;

/// An impossible number in words: the shared rule's verdict, in the
/// interface language (kept here rather than the shared validation messages,
/// which would bring every field's messages into the bundle).
pub fn phone_problem(i18n: I18n, e: PhoneError) -> String {
    match e {
        PhoneError::Empty => t_string!(i18n, phone_empty).to_string(),
        PhoneError::BadCharacters => t_string!(i18n, phone_bad_characters).to_string(),
        PhoneError::WrongLength(n) => format!("{}{n}", t_string!(i18n, phone_wrong_length)),
        PhoneError::NotMobile => t_string!(i18n, phone_not_mobile).to_string(),
    }
}

/// What a salesperson calls the person: their remark, the name, the nickname.
fn display_name(c: &CallCustomer) -> Option<&str> {
    first_filled([
        c.remark_name.as_deref(),
        c.customer_name.as_deref(),
        c.nick_name.as_deref(),
    ])
}

/// One labelled fact, left out when there is nothing to say.
fn fact(label: &'static str, value: Option<String>) -> Option<impl IntoView> {
    let value = value.filter(|v| !v.trim().is_empty())?;
    Some(view! { <dt>{label}</dt><dd>{value}</dd> })
}

/// An in-app link that closes the pop-up as it navigates.
fn link(class: &'static str, href: String, text: &'static str) -> impl IntoView {
    let pop = use_call_pop();
    view! { <a class=class href=crate::core::nav::href(&href) on:click=move |_| pop.close()>{text}</a> }
}

/// A one-line status (looking up, nothing found, ...).
fn note(class: &'static str, text: String) -> impl IntoView {
    view! { <p class=class>{text}</p> }
}

#[component]
pub fn CallResult(call: PopCall) -> impl IntoView {
    let i18n = use_i18n();
    let pop = use_call_pop();
    let phone = match call.phone {
        Ok(p) => p,
        Err(e) => {
            let text = format!(
                "{} {}",
                t_string!(i18n, call_invalid),
                phone_problem(i18n, e)
            );
            return Either::Left(view! {
                <div class="call-result" data-state="invalid" role="alert">{note("call-invalid", text)}</div>
            });
        }
    };
    let clinic_on = call.clinic != ClinicPart::Off;
    if !matches!(call.lookup, Lookup::Loading)
        && call.clinic != ClinicPart::Loading
        && call.pool_records != PoolRecords::Loading
    {
        mark(MARK_FILLED);
    }
    let main = match call.lookup {
        Lookup::Loading => {
            EitherOf3::A(note("muted", t_string!(i18n, call_looking_up).to_string()))
        }
        Lookup::Failed(error) => EitherOf3::B(view! {
            <ErrorView error=error on_retry=Callback::new(move |_| pop.retry())/>
        }),
        Lookup::Done(info) => {
            let source = info.source();
            let code = info.source.unwrap_or(0);
            let records = info.customer_list.unwrap_or_default();
            EitherOf3::C(view! {
                <div class="call-records" data-source=code>
                    {sourced(i18n, source, records, &call.pool_records, &phone, clinic_on)}
                </div>
            })
        }
    };
    Either::Right(view! {
        <div class="call-result" data-state="looked-up" aria-live="polite">
            {main}
            {clinic_section(i18n, call.clinic)}
        </div>
    })
}

fn sourced(
    i18n: I18n,
    source: CallSource,
    records: Vec<CallCustomer>,
    pool: &PoolRecords,
    phone: &str,
    clinic_on: bool,
) -> impl IntoView {
    if source == CallSource::NotFound || records.is_empty() {
        let phone_q = encode_component(phone);
        return Either::Left(view! {
            {note("call-none", t_string!(i18n, call_no_record).to_string())}
            <div class="call-actions">
                {link(
                    "button call-add-manual-task",
                    format!("/manual-tasks/new?customerPhone={phone_q}"),
                    t_string!(i18n, call_add_manual_task),
                )}
                {clinic_on.then(|| link(
                    "button call-add-customer",
                    format!("/clinic?telnum={phone_q}"),
                    t_string!(i18n, call_add_customer),
                ))}
            </div>
        });
    }
    let badge = match source {
        CallSource::Customers => t_string!(i18n, call_from_customers),
        CallSource::AssignedPool => t_string!(i18n, call_from_pool),
        CallSource::ManualEntry => t_string!(i18n, call_from_manual),
        CallSource::NotFound | CallSource::Unknown(_) => t_string!(i18n, call_source_unknown),
    };
    Either::Right(view! {
        {note("call-source", badge.to_string())}
        <ul class="call-record-list">
            {records
                .into_iter()
                .map(|r| view! { <li class="call-record">{record(i18n, source, r, pool)}</li> })
                .collect_view()}
        </ul>
    })
}

/// Manual entries (source 3) have their own facts and link to their task
/// list; customer records (1) link to editing and chat. Pool rows (2) are
/// not customer records: they link to the customer record with the same
/// number when customerPage has one (its edit page, and its chat when the
/// row names no WeChat contact), and otherwise say there is nothing to edit
/// rather than leaving the link out silently; so does any row without a
/// contact to chat with.
fn record(i18n: I18n, source: CallSource, r: CallCustomer, pool: &PoolRecords) -> impl IntoView {
    let manual = source == CallSource::ManualEntry;
    let name = display_name(&r).map(str::to_owned);
    let star = (r.is_star == Some(1)).then(|| {
        let label = t_string!(i18n, call_starred);
        view! { " " <span class="call-star" title=label>"★"<span class="visually-hidden">{label}</span></span> }
    });
    let status = |code: Option<i64>, yes: &str, no: &str| {
        code.map(|c| match c {
            1 => yes.to_owned(),
            0 => no.to_owned(),
            n => n.to_string(),
        })
    };
    let (dial, add) = if manual {
        (
            status(
                r.dial_status,
                t_string!(i18n, call_dialled),
                t_string!(i18n, call_not_dialled),
            ),
            status(
                r.add_status,
                t_string!(i18n, call_added),
                t_string!(i18n, call_not_added),
            ),
        )
    } else {
        (None, None)
    };
    let tasks = r.admin_user_id.filter(|_| manual).map(|id| {
        link(
            "call-link-tasks",
            hrefs::manual_entries(id),
            t_string!(i18n, call_task_list),
        )
    });
    let is_pool = source == CallSource::AssignedPool;
    // A pool row's customer record, when there is one with its number.
    let same_number = match pool {
        PoolRecords::Found(list) if is_pool => list.first(),
        _ => None,
    };
    let edit_target = match source {
        CallSource::Customers => hrefs::customer_edit(&Customer {
            customer_id: r.customer_id,
            customer_phone: r.customer_phone.clone(),
            ..Default::default()
        }),
        _ => same_number.and_then(hrefs::customer_edit),
    };
    if let (CallSource::Customers, Some(id), Some(href)) = (source, r.customer_id, &edit_target) {
        let name = name.as_deref().unwrap_or_default();
        recent::remember(Recent::new(
            format!("c{id}"),
            name,
            r.customer_phone.as_deref(),
            href.clone(),
        ));
    }
    let edit = edit_target.map(|href| link("call-link-edit", href, t_string!(i18n, call_edit)));
    let chat_target = match (r.wechat_user_id, r.wechat_contact_id) {
        (Some(u), Some(c)) if !manual => Some(hrefs::conversation(u, c, name.as_deref())),
        _ => same_number.and_then(hrefs::customer_chat),
    };
    let chat = chat_target.map(|href| link("call-link-chat", href, t_string!(i18n, call_chat)));
    let checking = is_pool && matches!(pool, PoolRecords::Loading);
    let check_failed = match pool {
        PoolRecords::Failed(error) if is_pool => {
            let pop = use_call_pop();
            Some(
                view! { <ErrorView error=error.clone() on_retry=Callback::new(move |_| pop.retry())/> },
            )
        }
        _ => None,
    };
    let settled = !checking && check_failed.is_none();
    let no_edit = (is_pool && settled && edit.is_none()).then(|| {
        note(
            "call-no-edit muted",
            t_string!(i18n, call_pool_not_editable).to_string(),
        )
    });
    let no_chat = (!manual && settled && chat.is_none()).then(|| {
        note(
            "call-no-chat muted",
            t_string!(i18n, call_no_chat).to_string(),
        )
    });
    view! {
        <h3 class="call-record-name">{shown(name.as_deref())}{star}</h3>
        <dl class="call-facts">
            {fact(t_string!(i18n, call_name), r.customer_name)}
            {fact(t_string!(i18n, call_nickname), r.nick_name.filter(|_| !manual))}
            {fact(t_string!(i18n, call_phone), r.customer_phone)}
            {fact(t_string!(i18n, call_company), r.company)}
            {tags_fact(i18n, r.tags.filter(|_| !manual))}
            {fact(t_string!(i18n, call_dial_status), dial)}
            {fact(t_string!(i18n, call_add_status), add)}
            {fact(t_string!(i18n, call_remarks), r.remarks)}
        </dl>
        <div class="call-links">{edit}{chat}{tasks}</div>
        {check_failed}
        {no_edit}
        {no_chat}
    }
}

/// The record's tags by name once the tag list is known, by id until then.
fn tags_fact(i18n: I18n, tags: Option<String>) -> Option<impl IntoView> {
    let known = use_tags().list();
    let ids = split_ids(tags.as_deref().unwrap_or(""));
    if ids.is_empty() {
        return None;
    }
    let text = move || {
        known.with(|known| {
            ids.iter()
                .map(|id| {
                    known
                        .iter()
                        .find(|t| t.tag_id == Some(*id))
                        .and_then(|t| t.tag_name.clone())
                        .unwrap_or_else(|| format!("#{id}"))
                })
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    let label = t_string!(i18n, call_tags);
    Some(view! { <dt>{label}</dt><dd class="call-tags">{text}</dd> })
}

fn clinic_section(i18n: I18n, part: ClinicPart) -> Option<impl IntoView> {
    let pop = use_call_pop();
    let retry = Callback::new(move |_| pop.retry());
    let body = match part {
        ClinicPart::Off => return None,
        ClinicPart::Loading => EitherOf3::A(note(
            "muted",
            t_string!(i18n, call_clinic_loading).to_string(),
        )),
        ClinicPart::NoProfile => EitherOf3::A(note(
            "call-clinic-none",
            t_string!(i18n, call_clinic_none).to_string(),
        )),
        ClinicPart::Failed(error) => {
            EitherOf3::B(view! { <ErrorView error=error on_retry=retry/> })
        }
        ClinicPart::Found {
            customer,
            appointments,
        } => EitherOf3::C(view! {
            {clinic_profile(i18n, *customer)}
            <h4>{t_string!(i18n, call_appointments)}</h4>
            {match appointments {
                Ok(list) if list.is_empty() => EitherOf3::A(note(
                    "muted",
                    t_string!(i18n, call_no_appointments).to_string(),
                )),
                Ok(list) => EitherOf3::B(view! {
                    <ul class="call-appointments">
                        {list.into_iter().map(appointment).collect_view()}
                    </ul>
                }),
                Err(error) => EitherOf3::C(view! { <ErrorView error=error on_retry=retry/> }),
            }}
        }),
    };
    Some(view! {
        <section class="call-clinic" aria-labelledby="call-clinic-title">
            <h3 id="call-clinic-title">{t_string!(i18n, call_clinic_title)}</h3>
            {body}
        </section>
    })
}

fn clinic_profile(i18n: I18n, c: ClinicCustomer) -> impl IntoView {
    view! {
        <dl class="call-facts call-clinic-profile">
            {fact(t_string!(i18n, call_name), c.name)}
            {fact(t_string!(i18n, call_phone), c.telnum)}
            {fact(t_string!(i18n, call_birthday), c.birthday)}
            {fact(t_string!(i18n, call_remarks), c.description)}
        </dl>
    }
}

fn appointment(a: Appointment) -> impl IntoView {
    let when = a
        .appointment_time
        .as_ref()
        .map(|t| t.display().get(..16).unwrap_or(t.display()).to_owned())
        .unwrap_or_default();
    let what = a.content.unwrap_or_default();
    let comment = a
        .comment
        .filter(|c| !c.trim().is_empty())
        .map(|c| format!(" · {c}"))
        .unwrap_or_default();
    view! {
        <li class="call-appointment">
            <span class="call-appointment-time">{when}</span> " " {what}
            <span class="muted">{comment}</span>
        </li>
    }
}
