//! `/manual-tasks` (getManualTaskList): the people who have manual entries,
//! filtered by person and department, paged through the URL; deleting all of
//! one person's entries after a confirmation that says how many go.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use scrm_api::manual_task::{
    DelManualTask, DelManualTaskRequest, GetManualTaskDetail, GetManualTaskList,
    ManualTaskDetailRequest, ManualTaskListRequest, ManualTaskOwner,
};
use scrm_api::validate::limits;

use crate::api_client::use_api;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::error_view::{describe, ErrorView};
use crate::components::page_nav::PageNav;
use crate::components::toast::{use_toasts, ToastKind};
use crate::components::tr::tr;
use crate::i18n::{t_string, use_i18n};
use crate::manual_query::{page_count, ListQuery, PAGE_SIZE};
use crate::template::fill;

/// A person whose entries are about to be deleted, with how many there are.
#[derive(Clone, Debug, PartialEq)]
struct DoomedTask {
    admin_user_id: i64,
    name: String,
    entries: i64,
}

fn display_name(o: &ManualTaskOwner) -> String {
    o.real_name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .or_else(|| o.admin_user_id.map(|id| format!("#{id}")))
        .unwrap_or_default()
}

#[component]
pub fn ManualTaskList() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        let q = query_map.read();
        ListQuery::parse(|k| q.get(k))
    });
    let reload = RwSignal::new(0_u32);

    let owners = {
        let api = api.clone();
        LocalResource::new(move || {
            let req = query.get().request();
            reload.track();
            let api = api.clone();
            async move { api.call::<GetManualTaskList>(&req).await }
        })
    };
    // Everyone with entries, for the person filter (one page of the maximum size).
    let people = {
        let api = api.clone();
        LocalResource::new(move || {
            reload.track();
            let api = api.clone();
            async move {
                let req = ManualTaskListRequest {
                    page_no: Some(1),
                    limit: Some(limits::PAGE_SIZE),
                    ..Default::default()
                };
                api.call::<GetManualTaskList>(&req)
                    .await
                    .map(|r| r.page.items)
                    .unwrap_or_default()
            }
        })
    };

    // Filter inputs follow the URL (back/forward) and are applied on submit.
    let person_input = RwSignal::new(String::new());
    let dept_input = RwSignal::new(String::new());
    Effect::new(move |_| {
        let q = query.get();
        person_input.set(q.admin_user_id.map(|v| v.to_string()).unwrap_or_default());
        dept_input.set(q.dept_id.map(|v| v.to_string()).unwrap_or_default());
    });
    let dept_error = RwSignal::new(None::<String>);

    let go = {
        let navigate = navigate.clone();
        move |q: ListQuery| {
            navigate(
                &format!("/manual-tasks{}", q.to_search()),
                Default::default(),
            )
        }
    };
    let on_filter = {
        let go = go.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let dept = dept_input.get_untracked();
            let dept = dept.trim();
            let dept_id = if dept.is_empty() {
                None
            } else if let Ok(v) = dept.parse::<i64>() {
                Some(v)
            } else {
                dept_error.set(Some(t_string!(i18n, mt_dept_invalid).to_string()));
                return;
            };
            dept_error.set(None);
            go(ListQuery {
                page: 1,
                admin_user_id: person_input.get_untracked().trim().parse().ok(),
                dept_id,
            });
        }
    };
    let on_page = {
        let go = go.clone();
        Callback::new(move |p: i64| go(query.get_untracked().with_page(p)))
    };

    // Deleting: count first (the dialog names the number), then confirm.
    // The button stays enabled while counting: disabling it would drop the
    // focus the dialog must give back.
    let counting = RwSignal::new(None::<i64>);
    let doomed = RwSignal::new(None::<DoomedTask>);
    let deleting = RwSignal::new(false);
    let ask_delete = {
        let api = api.clone();
        move |id: i64, name: String| {
            if counting.get_untracked().is_some() {
                return;
            }
            counting.set(Some(id));
            let api = api.clone();
            leptos::task::spawn_local(async move {
                let req = ManualTaskDetailRequest {
                    admin_user_id: Some(id),
                    page_no: Some(1),
                    limit: Some(1),
                    ..Default::default()
                };
                let result = api.call::<GetManualTaskDetail>(&req).await;
                let _ = counting.try_set(None);
                match result {
                    Ok(reply) => {
                        let _ = doomed.try_set(Some(DoomedTask {
                            admin_user_id: id,
                            name,
                            entries: reply.page.count,
                        }));
                    }
                    Err(e) => toasts.push(ToastKind::Error, describe(i18n, &e)),
                }
            });
        }
    };
    let confirm_delete = {
        let api = api.clone();
        Callback::new(move |()| {
            let Some(task) = doomed.get_untracked() else {
                return;
            };
            deleting.set(true);
            let api = api.clone();
            leptos::task::spawn_local(async move {
                let req = DelManualTaskRequest {
                    admin_user_id: Some(task.admin_user_id),
                };
                let result = api.call::<DelManualTask>(&req).await;
                let _ = deleting.try_set(false);
                let _ = doomed.try_set(None);
                match result {
                    Ok(_) => {
                        toasts.push(
                            ToastKind::Success,
                            fill(
                                t_string!(i18n, mt_deleted_person),
                                &[("name", &task.name), ("n", &task.entries.to_string())],
                            )
                            .to_string(),
                        );
                        let _ = reload.try_update(|n| *n += 1);
                    }
                    Err(e) => toasts.push(ToastKind::Error, describe(i18n, &e)),
                }
            });
        })
    };

    let rows = move || {
        owners.get().map(|result| match result {
            Err(e) => view! {
                <ErrorView error=e on_retry=Callback::new(move |()| reload.update(|n| *n += 1))/>
            }
            .into_any(),
            Ok(reply) => {
                let page = reply.page;
                let total = page.count;
                let pages = page_count(total, page.limit.unwrap_or(PAGE_SIZE));
                let current = page.page_no;
                if page.items.is_empty() {
                    return view! { <p class="empty" id="mt-empty">{t_string!(i18n, mt_no_people)}</p> }.into_any();
                }
                let ask_delete = ask_delete.clone();
                view! {
                    <div class="table-wrap">
                        <table class="data-table" id="mt-people">
                            <thead>
                                <tr>
                                    <th scope="col">{t_string!(i18n, mt_person)}</th>
                                    <th scope="col">{t_string!(i18n, admin_user_id)}</th>
                                    <th scope="col">{t_string!(i18n, mt_actions)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {page.items.into_iter().filter_map(|o| {
                                    let id = o.admin_user_id?;
                                    let name = display_name(&o);
                                    let ask_delete = ask_delete.clone();
                                    let label_name = name.clone();
                                    Some(view! {
                                        <tr data-id=id.to_string()>
                                            <td class="mt-person-name">{name.clone()}</td>
                                            <td>{id}</td>
                                            <td class="row-actions">
                                                <a class="mt-open" href=crate::nav::href(&format!("/manual-tasks/{id}"))>{t_string!(i18n, mt_open_entries)}</a>
                                                <button
                                                    type="button"
                                                    class="mt-delete-person danger"
                                                    aria-label=fill(t_string!(i18n, mt_delete_person_of), &[("name", &label_name)])
                                                    aria-busy=move || (counting.get() == Some(id)).to_string()
                                                    on:click=move |_| ask_delete(id, name.clone())
                                                >
                                                    {t_string!(i18n, mt_delete_all)}
                                                </button>
                                            </td>
                                        </tr>
                                    })
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <PageNav page=current page_count=pages total=total on_change=on_page/>
                }
                .into_any()
            }
        })
    };

    view! {
        <section class="page manual-tasks" data-route="/manual-tasks">
            <header class="page-head">
                <h1>{tr(move || t_string!(i18n, nav_manual_tasks))}</h1>
                <div class="row-actions">
                    <a class="button" id="mt-new-link" href=crate::nav::href("/manual-tasks/new")>{tr(move || t_string!(i18n, nav_manual_task_new))}</a>
                    <a class="button" id="mt-import-link" href=crate::nav::href("/manual-tasks/import")>{tr(move || t_string!(i18n, mt_import_link))}</a>
                </div>
            </header>
            <form class="filters" id="mt-list-filters" on:submit=on_filter>
                <label>
                    <span>{tr(move || t_string!(i18n, mt_person))}</span>
                    <select id="mt-filter-person" prop:value=move || person_input.get()
                        on:change=move |ev| person_input.set(event_target_value(&ev))>
                        <option value="">{tr(move || t_string!(i18n, mt_everyone))}</option>
                        {move || people.get().unwrap_or_default().into_iter().filter_map(|o| {
                            let id = o.admin_user_id?;
                            let name = display_name(&o);
                            Some(view! { <option value=id.to_string() selected=move || person_input.get() == id.to_string()>{name}</option> })
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    <span>{tr(move || t_string!(i18n, mt_dept))}</span>
                    <input id="mt-filter-dept" inputmode="numeric" autocomplete="off"
                        aria-describedby="mt-filter-dept-error" bind:value=dept_input/>
                </label>
                <button type="submit" id="mt-filter-apply">{tr(move || t_string!(i18n, mt_apply_filters))}</button>
                <p class="field-error" id="mt-filter-dept-error" role="alert">{move || dept_error.get()}</p>
            </form>
            {rows}
            <ConfirmDialog
                open=Signal::derive(move || doomed.get().is_some())
                title=Signal::derive(move || t_string!(i18n, mt_delete_person_title).to_string())
                message=Signal::derive(move || {
                    doomed
                        .get()
                        .map(|d| fill(t_string!(i18n, mt_delete_person_confirm), &[("name", &d.name), ("n", &d.entries.to_string())]))
                        .unwrap_or_default()
                })
                confirm_label=Signal::derive(move || t_string!(i18n, mt_delete).to_string())
                busy=deleting
                on_confirm=confirm_delete
                on_cancel=Callback::new(move |()| doomed.set(None))
            />
        </section>
    }
    // Erased: the router then handles one view type for this page.
    .into_any()
}
