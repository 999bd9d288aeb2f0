//! The card's parts that fill in after it is drawn, in the extras chunk, each redrawn only
//! by its own answer: the latest messages, the user's pending manual entries for the number,
//! and the clinic profile with the next appointment (left out when the clinic has nobody
//! with the number).

use leptos::either::EitherOf4;
use leptos::prelude::*;
use scrm_api::chat::{ChatMessage, Direction, MessageKind};
use scrm_api::clinic::{Appointment, ClinicCustomer};
use scrm_api::manual_task::ManualEntry;

use crate::core::call_card::{next_appointment, pending};
use crate::core::hrefs;
use crate::features::call::result::{link, note, I18n};
use crate::features::call::state::{use_call_pop, ClinicPart, Extra};
use crate::platform::i18n::t_string;
use crate::ui::badge::{Badge, Tone};
use crate::ui::card::Card;
use crate::ui::descriptions::{fact, Descriptions};
use crate::ui::error_view::ErrorView;

/// Retries the picked record's look-ups; the note stays as typed.
fn retry_picked() -> Callback<()> {
    let pop = use_call_pop();
    Callback::new(move |_| pop.retry_picked())
}

/// The latest messages, oldest first so they read as a conversation.
pub fn messages_section(i18n: I18n) -> impl IntoView {
    let pop = use_call_pop();
    let part = Memo::new(move |_| pop.current.with(|c| c.as_ref().map(|c| c.messages.clone())));
    move || {
        let body = match part.get()? {
            Extra::NotAsked => return None,
            Extra::Loading => EitherOf4::A(note(
                "muted",
                t_string!(i18n, call_messages_loading).to_string(),
            )),
            Extra::Failed(error) => {
                EitherOf4::B(view! { <ErrorView error=error on_retry=retry_picked()/> })
            }
            Extra::Done(list) if list.is_empty() => EitherOf4::C(note(
                "muted call-no-messages",
                t_string!(i18n, call_no_messages).to_string(),
            )),
            Extra::Done(list) => EitherOf4::D(view! {
                <ol class="call-message-list">
                    {list.into_iter().rev().map(|m| message_line(i18n, m)).collect_view()}
                </ol>
            }),
        };
        Some(view! {
            <section class="call-messages" aria-labelledby="call-messages-title">
                <h4 id="call-messages-title">{t_string!(i18n, call_last_messages)}</h4>
                {body}
            </section>
        })
    }
}

fn message_line(i18n: I18n, m: ChatMessage) -> impl IntoView {
    let (who, class) = match m.direction() {
        Direction::Sent => (t_string!(i18n, chat_me), "call-message sent"),
        Direction::Received => (t_string!(i18n, chat_customer), "call-message received"),
    };
    let when = m
        .create_time
        .as_ref()
        .map(|t| t.display().get(5..16).unwrap_or(t.display()).to_owned())
        .unwrap_or_default();
    let text = message_text(i18n, &m);
    view! {
        <li class=class>
            <span class="call-message-meta">{who} " " {when}</span>
            <span class="call-message-text">{text}</span>
        </li>
    }
}

/// A message in one line of words: its text, or what kind of thing was sent.
fn message_text(i18n: I18n, m: &ChatMessage) -> String {
    let with = |kind: &str, detail: Option<&str>| match detail.filter(|d| !d.trim().is_empty()) {
        Some(d) => format!("[{kind}] {d}"),
        None => format!("[{kind}]"),
    };
    let text = m.content.as_deref().unwrap_or_default().to_owned();
    match m.kind() {
        MessageKind::Text | MessageKind::System => text,
        MessageKind::Image => with(t_string!(i18n, chat_image), None),
        MessageKind::Voice { .. } => with(t_string!(i18n, chat_voice), None),
        MessageKind::Video { .. } => with(t_string!(i18n, chat_video), None),
        MessageKind::Emoji => with(t_string!(i18n, chat_emoji), None),
        MessageKind::Link => with(t_string!(i18n, chat_link), m.title.as_deref()),
        MessageKind::File { name, .. } => with(t_string!(i18n, chat_file), name.as_deref()),
        MessageKind::MiniProgram => with(t_string!(i18n, chat_mini_program), m.title.as_deref()),
        MessageKind::ContactCard { name, .. } => {
            with(t_string!(i18n, chat_contact_card), name.as_deref())
        }
        MessageKind::Location { place, address, .. } => with(
            t_string!(i18n, chat_location),
            place.as_deref().or(address.as_deref()),
        ),
        MessageKind::Recalled => t_string!(i18n, call_msg_recalled).to_owned(),
        MessageKind::Unsupported(_) => t_string!(i18n, chat_unsupported).to_owned(),
    }
}

/// The user's manual entries with this number, as one fact of the grid: pending ones by
/// status, or that there is nothing pending.
pub fn manual_section(i18n: I18n) -> impl IntoView {
    let pop = use_call_pop();
    let part = Memo::new(move |_| pop.current.with(|c| c.as_ref().map(|c| c.manual.clone())));
    move || {
        let value = match part.get()? {
            Extra::NotAsked => return None,
            Extra::Loading => EitherOf4::A(t_string!(i18n, call_manual_loading)),
            Extra::Failed(error) => {
                EitherOf4::B(view! { <ErrorView error=error on_retry=retry_picked()/> })
            }
            Extra::Done(list) => {
                let open: Vec<ManualEntry> = list.into_iter().filter(pending).collect();
                if open.is_empty() {
                    EitherOf4::C(t_string!(i18n, call_manual_none))
                } else {
                    EitherOf4::D(
                        open.into_iter()
                            .map(|e| entry_status(i18n, e))
                            .collect_view(),
                    )
                }
            }
        };
        Some(view! {
            <div class="descriptions-item">
                <dt>{t_string!(i18n, call_manual_status)}</dt>
                <dd class="call-manual">{value}</dd>
            </div>
        })
    }
}

fn entry_status(i18n: I18n, e: ManualEntry) -> impl IntoView {
    let dial = if e.dial_status == Some(1) {
        view! { <Badge tone=Tone::Success>{t_string!(i18n, call_dialled)}</Badge> }
    } else {
        view! { <Badge tone=Tone::Warning>{t_string!(i18n, call_not_dialled)}</Badge> }
    };
    let add = if e.add_status == Some(1) {
        view! { <Badge tone=Tone::Success>{t_string!(i18n, call_added)}</Badge> }
    } else {
        view! { <Badge tone=Tone::Warning>{t_string!(i18n, call_not_added)}</Badge> }
    };
    let list = e.admin_user_id.map(|id| {
        link(
            "call-link-tasks",
            hrefs::manual_entries(id),
            t_string!(i18n, call_task_list),
        )
    });
    view! { <span class="call-manual-entry">{dial} " " {add} " " {list}</span> }
}

/// The clinic profile with the next appointment; nothing when the clinic has nobody with
/// the number.
pub fn clinic_section(i18n: I18n, part: ClinicPart) -> Option<impl IntoView> {
    let pop = use_call_pop();
    let retry = Callback::new(move |_| pop.retry());
    let body = match part {
        // Nobody at the clinic has the number: nothing to say about the clinic.
        ClinicPart::Off | ClinicPart::NoProfile => return None,
        ClinicPart::Loading => EitherOf4::A(note(
            "muted",
            t_string!(i18n, call_clinic_loading).to_string(),
        )),
        ClinicPart::Failed(error) => {
            EitherOf4::B(view! { <ErrorView error=error on_retry=retry/> })
        }
        ClinicPart::Found {
            customer,
            appointments: Ok(list),
        } => EitherOf4::C(clinic_profile(
            i18n,
            *customer,
            next_appointment(&list).cloned(),
        )),
        ClinicPart::Found {
            customer,
            appointments: Err(error),
        } => EitherOf4::D(view! {
            {clinic_profile(i18n, *customer, None)}
            <ErrorView error=error on_retry=retry/>
        }),
    };
    Some(view! {
        <Card class="call-clinic">
            <section aria-labelledby="call-clinic-title">
                <h3 id="call-clinic-title">{t_string!(i18n, call_clinic_title)}</h3>
                {body}
            </section>
        </Card>
    })
}

fn clinic_profile(i18n: I18n, c: ClinicCustomer, next: Option<Appointment>) -> impl IntoView {
    let profile = c.id.map(|id| {
        link(
            "call-link-clinic",
            hrefs::clinic_customer(id),
            t_string!(i18n, clinic_view_appointments),
        )
    });
    let next = next.map(|a| {
        let when = a
            .appointment_time
            .as_ref()
            .map(|t| t.display().get(..16).unwrap_or(t.display()).to_owned())
            .unwrap_or_default();
        let comment = a
            .comment
            .filter(|c| !c.trim().is_empty())
            .map(|c| format!(" · {c}"))
            .unwrap_or_default();
        format!("{when} {}{comment}", a.content.unwrap_or_default())
    });
    let none = t_string!(i18n, call_no_appointments).to_owned();
    view! {
        <Descriptions class="call-clinic-profile">
            {fact(t_string!(i18n, call_name), c.name)}
            {fact(t_string!(i18n, call_phone), c.telnum)}
            {fact(t_string!(i18n, call_birthday), c.birthday)}
            {fact(t_string!(i18n, call_remarks), c.description)}
            {fact(t_string!(i18n, call_next_appointment), Some(next.unwrap_or(none)))}
        </Descriptions>
        {profile}
    }
}
