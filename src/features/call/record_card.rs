//! One record as a card: name with star and where it was found, tags as chips,
//! the key facts in a descriptions grid, then the parts that fill in later
//! (latest messages, pending manual entries: their code is the extras chunk's),
//! the note field, and the actions.
//!
//! Manual entries (source 3) have their own facts and link to their task
//! list; customer records (1) link to editing and chat. Pool rows (2) are
//! not customer records: they link to the customer record with the same
//! number when customerPage has one (its edit page, and its chat when the
//! row names no WeChat contact), and otherwise say there is nothing to edit
//! rather than leaving the link out silently; so does any row without a
//! contact to chat with.

use leptos::prelude::*;
use scrm_api::call::{CallCustomer, CallSource};
use scrm_api::customer::Customer;
use scrm_api::lenient::split_ids;

use crate::core::hrefs;
use crate::core::recent::Recent;
use crate::core::text::shown;
use crate::features::call::extras_slot::extras_slot;
use crate::features::call::note_form::note_form;
use crate::features::call::result::{display_name, link, note, I18n};
use crate::features::call::state::{use_call_pop, PoolRecords};
use crate::platform::recent;
use crate::platform::tags::use_tags;
use crate::ui::badge::{Badge, Tone};
use crate::ui::card::{Card, CardActions, CardHead};
use crate::ui::descriptions::{fact, Descriptions, Item};
use crate::ui::error_view::ErrorView;
use crate::ui::icon::{glyph, Icon};
use crate::ui::phone_actions::PhoneActions;
use crate::ui::tag_chip::{TagChip, TagChips};

use crate::platform::i18n::t_string;

pub fn record_card(
    i18n: I18n,
    source: CallSource,
    r: CallCustomer,
    pool: &PoolRecords,
) -> impl IntoView {
    let manual = source == CallSource::ManualEntry;
    let is_pool = source == CallSource::AssignedPool;
    let name = display_name(&r).map(str::to_owned);
    let star = (r.is_star == Some(1)).then(|| {
        let label = t_string!(i18n, call_starred);
        view! {
            <span class="call-star" title=label><Icon glyph=glyph::STAR/><span class="visually-hidden">{label}</span></span>
        }
    });
    let from = match source {
        CallSource::Customers => t_string!(i18n, call_from_customers),
        CallSource::AssignedPool => t_string!(i18n, call_from_pool),
        CallSource::ManualEntry => t_string!(i18n, call_from_manual),
        CallSource::NotFound | CallSource::Unknown(_) => t_string!(i18n, call_source_unknown),
    };
    let status = |code: Option<i64>, yes: &'static str, no: &'static str| {
        code.map(|c| match c {
            1 => view! { <Badge tone=Tone::Success>{yes}</Badge> }.into_any(),
            0 => view! { <Badge tone=Tone::Warning>{no}</Badge> }.into_any(),
            n => view! { <Badge>{n.to_string()}</Badge> }.into_any(),
        })
    };
    let statuses = manual.then(|| {
        let dial = status(
            r.dial_status,
            t_string!(i18n, call_dialled),
            t_string!(i18n, call_not_dialled),
        );
        let add = status(
            r.add_status,
            t_string!(i18n, call_added),
            t_string!(i18n, call_not_added),
        );
        view! {
            {dial.map(|b| view! { <div class="descriptions-item"><dt>{t_string!(i18n, call_dial_status)}</dt><dd>{b}</dd></div> })}
            {add.map(|b| view! { <div class="descriptions-item"><dt>{t_string!(i18n, call_add_status)}</dt><dd>{b}</dd></div> })}
        }
    });
    let tasks = r.admin_user_id.filter(|_| manual).map(|id| {
        link(
            "btn call-link-tasks",
            hrefs::manual_entries(id),
            t_string!(i18n, call_task_list),
        )
    });
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
    let edit = edit_target.map(|href| link("btn call-link-edit", href, t_string!(i18n, call_edit)));
    let chat_target = match (r.wechat_user_id, r.wechat_contact_id) {
        (Some(u), Some(c)) if !manual => Some(hrefs::with_phone(
            hrefs::conversation(u, c, name.as_deref()),
            r.customer_phone.as_deref(),
        )),
        _ => same_number.and_then(hrefs::customer_chat),
    };
    let chat = chat_target.map(|href| link("btn call-link-chat", href, t_string!(i18n, call_chat)));
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
    let updated = r
        .last_update_time
        .as_ref()
        .map(|t| t.display().get(..16).unwrap_or(t.display()).to_owned());
    let phone = r.customer_phone.clone().unwrap_or_default();
    // Only a customer record can take a note: updateCustomer edits those.
    let editable = source == CallSource::Customers && r.customer_id.is_some();
    view! {
        <Card class="call-record">
            <CardHead>
                <h3 class="call-record-name">{shown(name.as_deref())}{star}</h3>
                <span class="call-source"><Badge tone=Tone::Brand>{from}</Badge></span>
            </CardHead>
            <Descriptions class="call-facts">
                {tag_chips(i18n, r.tags.filter(|_| !manual))}
                {fact(t_string!(i18n, call_name), r.customer_name)}
                {fact(t_string!(i18n, call_nickname), r.nick_name.filter(|_| !manual))}
                {fact(t_string!(i18n, call_phone), r.customer_phone)}
                {fact(t_string!(i18n, call_company), r.company)}
                {statuses}
                <div class="descriptions-item call-remarks-item">
                    <dt>{t_string!(i18n, call_remarks)}</dt>
                    <dd class="call-remarks">{shown(r.remarks.as_deref())}</dd>
                </div>
                {fact(t_string!(i18n, call_last_update), updated)}
                {(!manual).then(|| extras_slot(i18n, |e, i| (e.manual_view)(i)))}
            </Descriptions>
            {(!manual).then(|| extras_slot(i18n, |e, i| (e.messages_view)(i)))}
            {editable.then(|| note_form(i18n))}
            <CardActions>
                <PhoneActions phone=phone in_pop_up=true labelled=true/>
                {edit}{chat}{tasks}
            </CardActions>
            {check_failed}
            {no_edit}
            {no_chat}
        </Card>
    }
}

/// The record's tags as chips, by name once the tag list is known, by id until then.
fn tag_chips(i18n: I18n, tags: Option<String>) -> Option<impl IntoView> {
    let known = use_tags().list();
    let ids = split_ids(tags.as_deref().unwrap_or(""));
    if ids.is_empty() {
        return None;
    }
    let chips = ids
        .into_iter()
        .map(|id| {
            let name = Signal::derive(move || {
                known.with(|known| {
                    known
                        .iter()
                        .find(|t| t.tag_id == Some(id))
                        .and_then(|t| t.tag_name.clone())
                        .unwrap_or_else(|| format!("#{id}"))
                })
            });
            view! { <TagChip name=name/> }
        })
        .collect_view();
    Some(view! {
        <Item label=t_string!(i18n, call_tags)><TagChips class="call-tags">{chips}</TagChips></Item>
    })
}
