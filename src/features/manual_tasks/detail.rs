//! `/manual-tasks/:adminUserId` (getManualTaskDetail): one person's entries.
//! Filters and the page are in the URL; a phone can be copied or called; an
//! entry is deleted (delManualTaskDetail) after a confirmation naming it.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use scrm_api::manual_task::{
    DelManualTaskDetail, DelManualTaskDetailRequest, GetManualTaskDetail, GetManualTaskList,
    ManualEntry, ManualTaskListRequest,
};

use scrm_api::NestedPageReply;

use crate::core::template::fill;
use crate::core::text::{shown, NO_VALUE};
use crate::features::manual_tasks::pager::QueryPager;
use crate::features::manual_tasks::query::{admin_user_id, DetailQuery};
use crate::platform::api_client::use_api;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::load::load;
use crate::platform::tr::tr;
use crate::ui::button::{Button, Variant};
use crate::ui::delete_confirm::{self, DeleteConfirm, PendingDelete};
use crate::ui::field::Field;
use crate::ui::filter_bar::FilterBar;
use crate::ui::icon::glyph;
use crate::ui::loaded::Loaded;
use crate::ui::phone_actions::PhoneActions;
use crate::ui::table::Table;

/// `<select>` value for an optional status filter.
fn status_value(v: Option<i64>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

#[component]
pub fn ManualTaskDetail() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let navigate = use_navigate();
    let params = use_params_map();
    let query_map = use_query_map();
    let owner = Memo::new(move |_| admin_user_id(params.read().get("adminUserId").as_deref()));
    let query = Memo::new(move |_| {
        let q = query_map.read();
        DetailQuery::parse(|k| q.get(k))
    });
    let entries = {
        let api = api.clone();
        load(
            move || owner.get().map(|id| query.get().request(id)),
            move |req| {
                let api = api.clone();
                async move {
                    match req {
                        Some(req) => api.call::<GetManualTaskDetail>(&req).await.map(Some),
                        None => Ok(None),
                    }
                }
            },
        )
    };
    // The person's name for the heading; the detail reply does not carry it.
    let owner_name = {
        let api = api.clone();
        LocalResource::new(move || {
            let owner = owner.get();
            let api = api.clone();
            async move {
                let id = owner?;
                let req = ManualTaskListRequest {
                    admin_user_id: Some(id),
                    page_no: Some(1),
                    limit: Some(1),
                    ..Default::default()
                };
                let reply = api.call::<GetManualTaskList>(&req).await.ok()?;
                reply
                    .page
                    .items
                    .into_iter()
                    .next()
                    .and_then(|o| o.real_name)
                    .filter(|n| !n.trim().is_empty())
            }
        })
    };
    let heading = move || {
        let id = owner.get().map(|i| i.to_string()).unwrap_or_default();
        match owner_name.get().flatten() {
            Some(name) => fill(t_string!(i18n, mt_entries_of), &[("name", &name)]),
            None => fill(
                t_string!(i18n, mt_entries_of),
                &[("name", &format!("#{id}"))],
            ),
        }
    };

    // Filter inputs mirror the URL and are applied together on submit.
    let company = RwSignal::new(String::new());
    let contact = RwSignal::new(String::new());
    let wechat = RwSignal::new(String::new());
    let dial = RwSignal::new(String::new());
    let added = RwSignal::new(String::new());
    Effect::new(move |_| {
        let q = query.get();
        company.set(q.company.clone());
        contact.set(q.contact.clone());
        wechat.set(q.wechat.clone());
        dial.set(status_value(q.dial_status));
        added.set(status_value(q.add_status));
    });
    let go = {
        let navigate = navigate.clone();
        Callback::new(move |q: DetailQuery| {
            if let Some(id) = owner.get_untracked() {
                navigate(
                    &format!("/manual-tasks/{id}{}", q.to_search()),
                    Default::default(),
                );
            }
        })
    };
    let on_filter = {
        move |_: leptos::ev::SubmitEvent| -> bool {
            go.run(DetailQuery {
                page: 1,
                size: query.get_untracked().size,
                company: company.get_untracked(),
                contact: contact.get_untracked(),
                wechat: wechat.get_untracked(),
                dial_status: dial.get_untracked().parse().ok(),
                add_status: added.get_untracked().parse().ok(),
            });
            true
        }
    };
    let on_clear = {
        // The page size is a preference, not a filter: it stays.
        move |_| {
            go.run(DetailQuery {
                size: query.get_untracked().size,
                ..Default::default()
            })
        }
    };
    let pending = delete_confirm::pending();
    let ask_delete = {
        let api = api.clone();
        move |customer_id: i64, label: String| {
            let api = api.clone();
            let done = label.clone();
            pending.set(Some(PendingDelete::new(
                move || {
                    fill(
                        t_string!(i18n, mt_delete_entry_confirm),
                        &[("name", &label)],
                    )
                },
                move || fill(t_string!(i18n, mt_deleted_entry), &[("name", &done)]),
                move || {
                    let api = api.clone();
                    async move {
                        let req = DelManualTaskDetailRequest {
                            customer_id: Some(customer_id),
                        };
                        api.call::<DelManualTaskDetail>(&req).await.map(|_| ())
                    }
                },
            )));
        }
    };

    let dial_text = move |v: Option<i64>| match v {
        Some(0) => t_string!(i18n, mt_dial_0).to_string(),
        Some(1) => t_string!(i18n, mt_dial_1).to_string(),
        Some(x) => x.to_string(),
        None => NO_VALUE.to_owned(),
    };
    let add_text = move |v: Option<i64>| match v {
        Some(0) => t_string!(i18n, mt_add_0).to_string(),
        Some(1) => t_string!(i18n, mt_add_1).to_string(),
        Some(x) => x.to_string(),
        None => NO_VALUE.to_owned(),
    };

    let row = move |e: ManualEntry| {
        let ask_delete = ask_delete.clone();
        let id = e.customer_id;
        let name = shown(e.customer_name.as_deref());
        let phone = e
            .customer_phone
            .clone()
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty());
        let label = match (&e.customer_name, &phone) {
            (Some(n), Some(p)) if !n.trim().is_empty() => format!("{} ({p})", n.trim()),
            (_, Some(p)) => p.clone(),
            (Some(n), None) => n.clone(),
            (None, None) => id.map(|i| format!("#{i}")).unwrap_or_default(),
        };
        let aria = label.clone();
        view! {
            <tr data-id=id.map(|i| i.to_string()).unwrap_or_default()>
                <td data-label=t_string!(i18n, mt_company)>{shown(e.company.as_deref())}</td>
                <td class="mt-contact" data-label=t_string!(i18n, mt_contact)>{name}</td>
                <td class="mt-phone" data-label=t_string!(i18n, mt_phone)>
                    {match phone {
                        Some(p) => view! { <PhoneActions phone=p.clone()/> }.into_any(),
                        None => view! { <span>{NO_VALUE}</span> }.into_any(),
                    }}
                </td>
                <td class="mt-wechat" data-label=t_string!(i18n, mt_wechat)>{shown(e.user_name.as_deref())}</td>
                <td data-label=t_string!(i18n, mt_area)>{shown(e.phone_geo.as_deref())}</td>
                <td data-label=t_string!(i18n, mt_tags)>{shown(e.tags.as_deref())}</td>
                <td class="mt-dial" data-label=t_string!(i18n, mt_dial_status)>{dial_text(e.dial_status)}</td>
                <td class="mt-add" data-label=t_string!(i18n, mt_add_status)>{add_text(e.add_status)}</td>
                <td class="row-actions">
                    {id.map(|cid| view! {
                        <Button variant=Variant::Danger small=true icon=glyph::DELETE class="mt-delete-entry"
                            attr:aria-label=fill(t_string!(i18n, mt_delete_entry_of), &[("name", &aria)])
                            on:click=move |_| ask_delete(cid, label.clone())>
                            {t_string!(i18n, mt_delete)}
                        </Button>
                    })}
                </td>
            </tr>
        }
    };

    let table = move |reply: Option<NestedPageReply<ManualEntry>>| match reply {
        None => view! { <p class="error-view" role="alert">{t_string!(i18n, mt_bad_owner)}</p> }
            .into_any(),
        Some(reply) => {
            let page = reply.page;
            let (current, total, limit) = (page.page_no, page.count, page.limit);
            if page.items.is_empty() {
                let text = if query.get_untracked().is_filtered() {
                    t_string!(i18n, mt_no_match)
                } else {
                    t_string!(i18n, mt_no_entries)
                };
                return view! {
                    <p class="empty" id="mt-empty">{text}</p>
                    {(current > 1).then(|| view! {
                        <QueryPager query=query go=go page_no=current count=total limit=limit/>
                    })}
                }
                .into_any();
            }
            let rows = page.items.into_iter().map(&row).collect_view();
            view! {
                <Table id="mt-entries" caption=t_string!(i18n, nav_manual_tasks) stack=true columns=vec![
                    t_string!(i18n, mt_company).into(),
                    t_string!(i18n, mt_contact).into(),
                    t_string!(i18n, mt_phone).into(),
                    t_string!(i18n, mt_wechat).into(),
                    t_string!(i18n, mt_area).into(),
                    t_string!(i18n, mt_tags).into(),
                    t_string!(i18n, mt_dial_status).into(),
                    t_string!(i18n, mt_add_status).into(),
                    t_string!(i18n, mt_actions).into(),
                ]>
                    {rows}
                </Table>
                <QueryPager query=query go=go page_no=current count=total limit=limit/>
            }
            .into_any()
        }
    };

    view! {
        <section class="page manual-task-detail" data-route="/manual-tasks/:adminUserId">
            <header class="page-head">
                <h1 id="mt-detail-title">{heading}</h1>
                <a href=crate::core::nav::href("/manual-tasks") id="mt-back">{tr(i18n, |i| t_string!(i, mt_back_to_list))}</a>
            </header>
            <FilterBar id="mt-detail-filters" label=tr(i18n, |i| t_string!(i, mt_filters))
                active=Signal::derive(move || query.with(|q| q.active().0))
                more_active=Signal::derive(move || query.with(|q| q.active().1))
                on_submit=Callback::new(on_filter)
                main=move || view! {
                    <Field id="mt-filter-company" label=tr(i18n, |i| t_string!(i, mt_company))>
                        <input id="mt-filter-company" autocomplete="off" bind:value=company/>
                    </Field>
                    <Field id="mt-filter-contact" label=tr(i18n, |i| t_string!(i, mt_contact))>
                        <input id="mt-filter-contact" autocomplete="off" bind:value=contact/>
                    </Field>
                }
                more=move || view! {
                    <Field id="mt-filter-wechat" label=tr(i18n, |i| t_string!(i, mt_wechat))>
                        <input id="mt-filter-wechat" autocomplete="off" bind:value=wechat/>
                    </Field>
                    <Field id="mt-filter-dial" label=tr(i18n, |i| t_string!(i, mt_dial_status))>
                        <select id="mt-filter-dial" prop:value=move || dial.get() on:change=move |ev| dial.set(event_target_value(&ev))>
                            <option value="" selected=move || dial.get().is_empty()>{tr(i18n, |i| t_string!(i, mt_any))}</option>
                            <option value="0" selected=move || dial.get() == "0">{tr(i18n, |i| t_string!(i, mt_dial_0))}</option>
                            <option value="1" selected=move || dial.get() == "1">{tr(i18n, |i| t_string!(i, mt_dial_1))}</option>
                        </select>
                    </Field>
                    <Field id="mt-filter-add" label=tr(i18n, |i| t_string!(i, mt_add_status))>
                        <select id="mt-filter-add" prop:value=move || added.get() on:change=move |ev| added.set(event_target_value(&ev))>
                            <option value="" selected=move || added.get().is_empty()>{tr(i18n, |i| t_string!(i, mt_any))}</option>
                            <option value="0" selected=move || added.get() == "0">{tr(i18n, |i| t_string!(i, mt_add_0))}</option>
                            <option value="1" selected=move || added.get() == "1">{tr(i18n, |i| t_string!(i, mt_add_1))}</option>
                        </select>
                    </Field>
                }
                actions=move || view! {
                    <Button icon={glyph::SEARCH} submit=true attr:id="mt-filter-apply">{tr(i18n, |i| t_string!(i, mt_apply_filters))}</Button>
                    <Button variant=Variant::Text icon=glyph::CLOSE attr:id="mt-filter-clear" on:click=on_clear>{tr(i18n, |i| t_string!(i, mt_clear_filters))}</Button>
                }/>
            <Loaded data=entries let:reply>{table(reply)}</Loaded>
            <DeleteConfirm
                title=tr(i18n, |i| t_string!(i, mt_delete_entry_title))
                pending=pending
                on_deleted=Callback::new(move |()| entries.refetch())
            />
        </section>
    }
    // Erased: the router then handles one view type for this page.
    .into_any()
}
