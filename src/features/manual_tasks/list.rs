//! `/manual-tasks` (getManualTaskList): the people who have manual entries,
//! filtered by person and department, paged through the URL; deleting all of
//! one person's entries after a confirmation that says how many go.

use crate::platform::load::load;
use crate::ui::loaded::Loaded;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use scrm_api::manual_task::{
    DelManualTask, DelManualTaskRequest, GetManualTaskDetail, GetManualTaskList,
    ManualTaskDetailRequest, ManualTaskListRequest, ManualTaskOwner,
};
use scrm_api::validate::limits;
use scrm_api::NestedPageReply;

use crate::core::template::fill;
use crate::features::manual_tasks::pager::QueryPager;
use crate::features::manual_tasks::query::ListQuery;
use crate::platform::api_client::use_api;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::tr::tr;
use crate::ui::button::Button;
use crate::ui::delete_confirm::{self, DeleteConfirm, PendingDelete};
use crate::ui::empty_state::EmptyState;
use crate::ui::error_view::describe;
use crate::ui::field::Field;
use crate::ui::filter_bar::FilterBar;
use crate::ui::icon::{glyph, Icon};
use crate::ui::table::Table;
use crate::ui::toast::{use_toasts, ToastKind};

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
    let owners = {
        let api = api.clone();
        load(
            move || query.get().request(),
            move |req| {
                let api = api.clone();
                async move { api.call::<GetManualTaskList>(&req).await }
            },
        )
    };
    // Everyone with entries, for the person filter (one page of the maximum size).
    let people = {
        let api = api.clone();
        load(
            || (),
            move |()| {
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
                }
            },
        )
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
        Callback::new(move |q: ListQuery| {
            navigate(
                &format!("/manual-tasks{}", q.to_search()),
                Default::default(),
            )
        })
    };
    // True when the filters were taken (the phone's drawer then closes).
    let on_filter = Callback::new(move |_: leptos::ev::SubmitEvent| -> bool {
        {
            let dept = dept_input.get_untracked();
            let dept = dept.trim();
            let dept_id = if dept.is_empty() {
                None
            } else if let Ok(v) = dept.parse::<i64>() {
                Some(v)
            } else {
                dept_error.set(Some(t_string!(i18n, mt_dept_invalid).to_string()));
                return false;
            };
            dept_error.set(None);
            go.run(ListQuery {
                page: 1,
                size: query.get_untracked().size,
                admin_user_id: person_input.get_untracked().trim().parse().ok(),
                dept_id,
            });
            true
        }
    });
    // Deleting: count first (the dialog names the number), then confirm.
    // The button stays enabled while counting: disabling it would drop the
    // focus the dialog must give back.
    let counting = RwSignal::new(None::<i64>);
    let pending = delete_confirm::pending();
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
                let entries = match result {
                    Ok(reply) => reply.page.count.to_string(),
                    Err(e) => return toasts.push(ToastKind::Error, describe(i18n, &e)),
                };
                let words =
                    move |template: &str| fill(template, &[("name", &name), ("n", &entries)]);
                let (ask, done) = (words.clone(), words);
                let _ = pending.try_set(Some(PendingDelete::new(
                    move || ask(t_string!(i18n, mt_delete_person_confirm)),
                    move || done(t_string!(i18n, mt_deleted_person)),
                    move || {
                        let api = api.clone();
                        async move {
                            let req = DelManualTaskRequest {
                                admin_user_id: Some(id),
                            };
                            api.call::<DelManualTask>(&req).await.map(|_| ())
                        }
                    },
                )));
            });
        }
    };

    let rows = move |reply: NestedPageReply<ManualTaskOwner>| {
        let page = reply.page;
        let (current, total, limit) = (page.page_no, page.count, page.limit);
        if page.items.is_empty() {
            return view! { <EmptyState id="mt-empty" title=tr(i18n, |i| t_string!(i, mt_no_people))/> }
                .into_any();
        }
        let ask_delete = ask_delete.clone();
        view! {
                        <Table id="mt-people" caption=tr(i18n, |i| t_string!(i, nav_manual_tasks))
                            columns=vec![
                                tr(i18n, |i| t_string!(i, mt_person)).into(),
                                tr(i18n, |i| t_string!(i, admin_user_id)).into(),
                                tr(i18n, |i| t_string!(i, mt_actions)).into(),
                            ]>
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
                                                <a class="btn text small mt-open" href=crate::core::nav::href(&format!("/manual-tasks/{id}"))><Icon glyph=glyph::PEOPLE/>{t_string!(i18n, mt_open_entries)}</a>
                                                <button
                                                    type="button"
                                                    class="btn text small mt-delete-person danger"
                                                    aria-label=fill(t_string!(i18n, mt_delete_person_of), &[("name", &label_name)])
                                                    aria-busy=move || (counting.get() == Some(id)).to_string()
                                                    on:click=move |_| ask_delete(id, name.clone())
                                                >
                                                    <Icon glyph=glyph::DELETE/>{t_string!(i18n, mt_delete_all)}
                                                </button>
                                            </td>
                                        </tr>
                                    })
                                }).collect_view()}
                        </Table>
                    <QueryPager query=query go=go page_no=current count=total limit=limit/>
                }
                .into_any()
    };

    let filter_fields = move || {
        view! {
            <div class="field">
                <label for="mt-filter-person">{tr(i18n, |i| t_string!(i, mt_person))}</label>
                <select id="mt-filter-person" prop:value=move || person_input.get()
                    on:change=move |ev| person_input.set(event_target_value(&ev))>
                    <option value="">{tr(i18n, |i| t_string!(i, mt_everyone))}</option>
                    {move || people.get().and_then(Result::ok).unwrap_or_default().into_iter().filter_map(|o| {
                        let id = o.admin_user_id?;
                        let name = display_name(&o);
                        Some(view! { <option value=id.to_string() selected=move || person_input.get() == id.to_string()>{name}</option> })
                    }).collect_view()}
                </select>
            </div>
            <Field id="mt-filter-dept" label=tr(i18n, |i| t_string!(i, mt_dept))
                error=Signal::derive(move || dept_error.get())>
                <input id="mt-filter-dept" inputmode="numeric" autocomplete="off"
                    aria-describedby="mt-filter-dept-error" bind:value=dept_input/>
            </Field>
        }
    };

    view! {
        <section class="page manual-tasks" data-route="/manual-tasks">
            <header class="page-head">
                <h1>{tr(i18n, |i| t_string!(i, nav_manual_tasks))}</h1>
                <div class="row-actions">
                    <a class="button" id="mt-new-link" href=crate::core::nav::href("/manual-tasks/new")>{tr(i18n, |i| t_string!(i, nav_manual_task_new))}</a>
                    <a class="button" id="mt-import-link" href=crate::core::nav::href("/manual-tasks/import")>{tr(i18n, |i| t_string!(i, mt_import_link))}</a>
                </div>
            </header>
            <FilterBar id="mt-list-filters" label=tr(i18n, |i| t_string!(i, mt_filters))
                active=Signal::derive(move || query.with(|q| usize::from(q.admin_user_id.is_some()) + usize::from(q.dept_id.is_some())))
                on_submit=on_filter main=filter_fields
                actions=move || view! {
                    <Button icon={glyph::SEARCH} submit=true attr:id="mt-filter-apply">
                        {tr(i18n, |i| t_string!(i, mt_apply_filters))}
                    </Button>
                }/>
            <Loaded data=owners let:reply>{rows(reply)}</Loaded>
            <DeleteConfirm
                title=tr(i18n, |i| t_string!(i, mt_delete_person_title))
                pending=pending
                on_deleted=Callback::new(move |()| {
                    owners.refetch();
                    people.refetch();
                })
            />
        </section>
    }
    // Erased: the router then handles one view type for this page.
    .into_any()
}
