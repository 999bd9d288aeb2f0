//! What the pop-up says about one call: who the number belongs to, by where
//! getCustomerInfoByCall found it (`source` 0–3). One record is a card at once;
//! several are a short list to pick from; none offers to add the number. The
//! clinic's part follows in its own section when that module is on.
//!
//! This is code of the extras chunk, drawn by the pop-up once that is in. The
//! answer is drawn as soon as it arrives: the card's other parts (latest
//! messages, manual entries, clinic) are separate reactive sections that fill
//! in later, so what the user is typing in the card never waits for them. Texts are plain
//! strings (`t_string!`) re-rendered with the part they belong to: every
//! distinct view type costs wasm size.

use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use scrm_api::call::{CallCustomer, CallSource};
use scrm_api::validate::PhoneError;

use crate::core::nav::encode_component;
use crate::core::template::fill;
use crate::core::text::{first_filled, shown};
use crate::features::call::extras_chunk::ExtrasChunk;
use crate::features::call::record_card::record_card;
use crate::features::call::state::{
    mark, use_call_pop, ClinicPart, Lookup, PoolRecords, MARK_FILLED,
};
use crate::platform::i18n::{t_string, use_i18n, Locale};
use crate::ui::button::{Button, Variant};
use crate::ui::error_view::ErrorView;
use crate::ui::icon::glyph;
use leptos_i18n::I18nContext;

pub type I18n = I18nContext<Locale>;

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
pub fn display_name(c: &CallCustomer) -> Option<&str> {
    first_filled([
        c.remark_name.as_deref(),
        c.customer_name.as_deref(),
        c.nick_name.as_deref(),
    ])
}

/// An in-app link, drawn as a button, that closes the pop-up as it navigates.
pub fn link(class: &'static str, href: String, text: &'static str) -> impl IntoView {
    let pop = use_call_pop();
    view! { <a class=class href=crate::core::nav::href(&href) on:click=move |_| pop.close()>{text}</a> }
}

/// A one-line status (looking up, nothing found, ...).
pub fn note(class: &'static str, text: String) -> impl IntoView {
    view! { <p class=class>{text}</p> }
}

/// What the main answer decides: the parts of the shown call that redraw the card.
#[derive(Clone, PartialEq)]
struct Head {
    phone: Result<String, PhoneError>,
    lookup: Lookup,
    picked: Option<usize>,
    pool: PoolRecords,
    clinic_on: bool,
}

#[component]
pub fn CallResult() -> impl IntoView {
    let i18n = use_i18n();
    let pop = use_call_pop();
    let head = Memo::new(move |_| {
        pop.current.with(|c| {
            c.as_ref().map(|c| Head {
                phone: c.phone.clone(),
                lookup: c.lookup.clone(),
                picked: c.picked,
                pool: c.pool_records.clone(),
                clinic_on: c.clinic != ClinicPart::Off,
            })
        })
    });
    let clinic = Memo::new(move |_| pop.current.with(|c| c.as_ref().map(|c| c.clinic.clone())));
    let main = move || {
        let _ = i18n.get_locale();
        head.get().map(|h| main_part(i18n, h))
    };
    let clinic = move || {
        let _ = i18n.get_locale();
        let ExtrasChunk::Ready(extras) = pop.extras.get() else {
            return None;
        };
        clinic
            .get()
            .and_then(|part| (extras.clinic_view)(i18n, part))
    };
    view! { {main} {clinic} }
}

fn main_part(i18n: I18n, head: Head) -> impl IntoView {
    let pop = use_call_pop();
    let phone = match head.phone {
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
    let body = match head.lookup {
        Lookup::Loading => {
            EitherOf3::A(note("muted", t_string!(i18n, call_looking_up).to_string()))
        }
        Lookup::Failed(error) => {
            mark(MARK_FILLED);
            EitherOf3::B(view! {
                <ErrorView error=error on_retry=Callback::new(move |_| pop.retry())/>
            })
        }
        Lookup::Done(info) => {
            mark(MARK_FILLED);
            let source = info.source();
            let code = info.source.unwrap_or(0);
            let records = info.customer_list.unwrap_or_default();
            let inner = match (source, records.len(), head.picked) {
                (CallSource::NotFound, _, _) | (_, 0, _) => {
                    EitherOf3::A(nobody(i18n, &phone, head.clinic_on))
                }
                (_, _, Some(i)) if i < records.len() => {
                    let several = records.len() > 1;
                    let record = records.into_iter().nth(i).unwrap_or_default();
                    EitherOf3::B(view! {
                        {several.then(|| view! {
                            <Button variant=Variant::Text small=true icon=glyph::PREVIOUS class="call-pick-back"
                                on:click=move |_| pop.unpick()>
                                {t_string!(i18n, call_pick_back)}
                            </Button>
                        })}
                        {record_card(i18n, source, record, &head.pool)}
                    })
                }
                _ => EitherOf3::C(pick_list(i18n, records)),
            };
            EitherOf3::C(view! { <div class="call-records" data-source=code>{inner}</div> })
        }
    };
    Either::Right(view! {
        <div class="call-result" data-state="looked-up" aria-live="polite">{body}</div>
    })
}

/// Nobody has the number: add it as a manual entry (or a clinic customer), prefilled.
fn nobody(i18n: I18n, phone: &str, clinic_on: bool) -> impl IntoView {
    let phone_q = encode_component(phone);
    view! {
        {note("call-none", t_string!(i18n, call_no_record).to_string())}
        <div class="call-actions">
            {link(
                "btn primary call-add-manual-task",
                format!("/manual-tasks/new?customerPhone={phone_q}"),
                t_string!(i18n, call_add_manual_task),
            )}
            {clinic_on.then(|| link(
                "btn call-add-customer",
                format!("/clinic?telnum={phone_q}"),
                t_string!(i18n, call_add_customer),
            ))}
        </div>
    }
}

/// Several records have the number: one line each (name, company, phone), to pick one.
fn pick_list(i18n: I18n, records: Vec<CallCustomer>) -> impl IntoView {
    let pop = use_call_pop();
    let count = records.len().to_string();
    let title = fill(t_string!(i18n, call_pick_title), &[("count", &count)]);
    view! {
        <p class="call-pick-title" id="call-pick-title">{title}</p>
        <ul class="call-pick-list" aria-labelledby="call-pick-title">
            {records
                .into_iter()
                .enumerate()
                .map(|(i, r)| {
                    let name = shown(display_name(&r));
                    let detail = [r.company.as_deref(), r.customer_phone.as_deref()]
                        .into_iter()
                        .flatten()
                        .filter(|s| !s.trim().is_empty())
                        .collect::<Vec<_>>()
                        .join(" · ");
                    view! {
                        <li>
                            <button type="button" class="call-pick" on:click=move |_| pop.pick(i)>
                                <span class="call-pick-name">{name}</span>
                                <span class="muted">{detail}</span>
                            </button>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
