//! `/customers`: the customer query. The URL holds the whole view (filters,
//! page, page size), so reload, back/forward and pasted links restore it.
//! Every query gets a number; an answer is shown only if no newer query was
//! started meanwhile, whatever order the answers arrive in.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use scrm_api::customer::{Customer, CustomerPage, DeleteCustomer, DeleteCustomerRequest, Tag};
use scrm_api::validate::FieldError;
use scrm_api::Page;

use crate::core::nav::encode_component;
use crate::features::chat::query::ChatQuery;
use crate::features::customers::export::Export;
use crate::features::customers::filters::CustomerFilters;
use crate::features::customers::query::CustomerFilter;
use crate::features::customers::tag_picker::{tag_label, use_tag_list};
use crate::platform::api_client::{use_api, ApiError};
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::tr::tr;
use crate::ui::avatar::Avatar;
use crate::ui::confirm_dialog::ConfirmDialog;
use crate::ui::error_view::{describe, ErrorView};
use crate::ui::pager::Pager;
use crate::ui::toast::{use_toasts, ToastKind};

/// The address of the list showing `f`.
pub fn list_href(f: &CustomerFilter) -> String {
    let q = f.to_query();
    if q.is_empty() {
        "/customers".to_owned()
    } else {
        format!("/customers?{q}")
    }
}

/// The edit page's address; the phone rides along so a reload can find the
/// record again (the contract has no get-by-id).
pub fn edit_href(c: &Customer) -> Option<String> {
    let id = c.customer_id?;
    let phone = c.customer_phone.as_deref().unwrap_or_default();
    Some(format!("/customers/{id}?phone={}", encode_component(phone)))
}

/// The customer's conversation, when the record names its WeChat account and
/// contact; the display name rides along (the chat record names nobody).
pub fn chat_href(c: &Customer) -> Option<String> {
    Some(ChatQuery::link(
        c.wechat_user_id?,
        c.wechat_contact_id?,
        Some(c.display_name()),
    ))
}

/// Tag names for a row: the tag list's names, else the names the reference
/// server sends along, else the raw id.
fn row_tags(c: &Customer, known: &[Tag]) -> Vec<String> {
    let ids = c.tag_ids();
    let sent = c.tag_names.clone().unwrap_or_default();
    ids.iter()
        .enumerate()
        .map(|(i, id)| {
            let label = tag_label(known, *id);
            if label == id.to_string() && sent.len() == ids.len() {
                sent.get(i).cloned().unwrap_or(label)
            } else {
                label
            }
        })
        .collect()
}

#[component]
pub fn CustomerList() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let toasts = use_toasts();
    let location = use_location();
    let navigate = use_navigate();
    let filter = Memo::new(move |_| CustomerFilter::from_query(&location.search.get()));
    let go = Callback::new(move |f: CustomerFilter| navigate(&list_href(&f), Default::default()));
    let tags = use_tag_list();

    let page = RwSignal::new(None::<Page<Customer>>);
    let loading = RwSignal::new(true);
    let error = RwSignal::new(None::<ApiError>);
    let field_errors = RwSignal::new(Vec::<FieldError>::new());
    let retry = RwSignal::new(0u32);
    let latest = StoredValue::new(0u64);

    {
        let api = api.clone();
        Effect::new(move |_| {
            let request = filter.get().page_request();
            retry.track();
            let n = latest.get_value() + 1;
            latest.set_value(n);
            if let Err(errors) = request.validate() {
                field_errors.set(errors);
                loading.set(false);
                return;
            }
            field_errors.set(Vec::new());
            loading.set(true);
            let api = api.clone();
            spawn_local(async move {
                let result = api.call::<CustomerPage>(&request).await;
                if latest.try_get_value() != Some(n) {
                    return; // a newer query was started: this answer is stale
                }
                match result {
                    Ok(reply) => {
                        let _ = page.try_set(Some(reply.page));
                        let _ = error.try_set(None);
                    }
                    Err(e) => {
                        let _ = error.try_set(Some(e));
                    }
                }
                let _ = loading.try_set(false);
            });
        });
    }

    // Delete: confirm, then remove the row only once the server agreed.
    let to_delete = RwSignal::new(None::<Customer>);
    let deleting = RwSignal::new(false);
    let delete_error = RwSignal::new(None::<String>);
    let close_dialog = move || {
        if !deleting.get_untracked() {
            to_delete.set(None);
            delete_error.set(None);
        }
    };
    let confirm_delete = move || {
        let Some(c) = to_delete.get_untracked() else {
            return;
        };
        let Some(id) = c.customer_id else { return };
        deleting.set(true);
        delete_error.set(None);
        let api = api.clone();
        spawn_local(async move {
            let result = api
                .call::<DeleteCustomer>(&DeleteCustomerRequest {
                    customer_id: Some(id),
                })
                .await;
            let _ = deleting.try_set(false);
            match result {
                Ok(_) => {
                    let _ = page.try_update(|p| {
                        if let Some(p) = p {
                            let before = p.items.len();
                            p.items.retain(|r| r.customer_id != Some(id));
                            if p.items.len() < before {
                                p.count = (p.count - 1).max(0);
                            }
                        }
                    });
                    let _ = to_delete.try_set(None);
                    toasts.push(
                        ToastKind::Success,
                        format!("{}: {}", t_string!(i18n, cust_deleted), c.display_name()),
                    );
                }
                Err(e) => {
                    let _ = delete_error.try_set(Some(describe(i18n, &e)));
                }
            }
        });
    };

    let size = Signal::derive(move || filter.get().size);
    let rows = move || page.get().map(|p| p.items).unwrap_or_default();

    view! {
        <section class="page customer-list" data-route="/customers">
            <h1>{tr(i18n, |i| t_string!(i, nav_customers))}</h1>
            <CustomerFilters filter=filter tags=tags errors=field_errors on_change=go/>
            <Export filter=filter/>
            <div class="list-status" aria-live="polite">
                <Show when=move || loading.get()>
                    <p class="loading" id="customer-loading">{tr(i18n, |i| t_string!(i, cust_loading))}</p>
                </Show>
            </div>
            {move || error.get().map(|e| view! {
                <ErrorView error=e on_retry=move |_| retry.update(|n| *n += 1)/>
            })}
            <Show when=move || !loading.get() && error.get().is_none() && page.get().is_some_and(|p| p.items.is_empty())>
                <p class="empty" id="customer-empty">{tr(i18n, |i| t_string!(i, cust_empty))}</p>
            </Show>
            <div class="table-wrap">
                <table id="customer-table" class="stack-on-mobile" aria-busy=move || loading.get().to_string()>
                    <caption class="visually-hidden">{tr(i18n, |i| t_string!(i, nav_customers))}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{tr(i18n, |i| t_string!(i, cust_avatar))}</th>
                            <th scope="col">{tr(i18n, |i| t_string!(i, cust_name))}</th>
                            <th scope="col">{tr(i18n, |i| t_string!(i, cust_nickname))}</th>
                            <th scope="col">{tr(i18n, |i| t_string!(i, cust_remark_name))}</th>
                            <th scope="col">{tr(i18n, |i| t_string!(i, cust_phone))}</th>
                            <th scope="col">{tr(i18n, |i| t_string!(i, cust_tags))}</th>
                            <th scope="col">{tr(i18n, |i| t_string!(i, cust_star))}</th>
                            <th scope="col">{tr(i18n, |i| t_string!(i, cust_last_update))}</th>
                            <th scope="col">{tr(i18n, |i| t_string!(i, cust_actions))}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=rows key=|c| (c.customer_id, c.last_update_time.as_ref().map(|t| t.epoch_ms())) let:c>
                            <CustomerRow c=c tags=tags.into() on_delete=move |c: Customer| {
                                delete_error.set(None);
                                to_delete.set(Some(c));
                            }/>
                        </For>
                    </tbody>
                </table>
            </div>
            <Pager page=Signal::derive(move || filter.get().page)
                pages=Signal::derive(move || page.get().map(|p| p.page_count(size.get())).unwrap_or(1))
                total=Signal::derive(move || page.get().map(|p| p.count).unwrap_or(0))
                size=size
                on_page=move |n: i64| { let mut f = filter.get_untracked(); f.page = n.max(1); go.run(f); }
                on_size=move |n: i64| { let mut f = filter.get_untracked(); f.size = n; go.run(f.first_page()); }/>
            <ConfirmDialog
                open=Signal::derive(move || to_delete.get().is_some())
                title=tr(i18n, |i| t_string!(i, cust_delete_title))
                message=Signal::derive(move || {
                    let name = to_delete.get().map(|c| c.display_name().to_owned()).unwrap_or_default();
                    format!("{}「{}」？", t_string!(i18n, cust_delete_question), name)
                })
                confirm_label=tr(i18n, |i| t_string!(i, cust_delete))
                busy=deleting
                error=delete_error
                on_confirm=move |_| confirm_delete()
                on_cancel=move |_| close_dialog()/>
        </section>
    }
}

#[component]
fn CustomerRow(
    c: Customer,
    tags: Signal<Vec<Tag>>,
    #[prop(into)] on_delete: Callback<Customer>,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    let edit = edit_href(&c);
    let chat = chat_href(&c);
    let tag_cell = {
        let c = c.clone();
        move || row_tags(&c, &tags.get()).join("、")
    };
    let starred = c.starred();
    let row_id = c
        .customer_id
        .map(|i| format!("customer-{i}"))
        .unwrap_or_default();
    let me = c.clone();
    view! {
        <tr id=row_id class="customer-row">
            <td><Avatar url=c.head_img_url.clone()/></td>
            <td class="c-name" data-label=tr(i18n, |i| t_string!(i, cust_name))>{text(&c.customer_name)}</td>
            <td class="c-nick" data-label=tr(i18n, |i| t_string!(i, cust_nickname))>{text(&c.nick_name)}</td>
            <td class="c-remark" data-label=tr(i18n, |i| t_string!(i, cust_remark_name))>{text(&c.remark_name)}</td>
            <td class="c-phone" data-label=tr(i18n, |i| t_string!(i, cust_phone))>{text(&c.customer_phone)}</td>
            <td class="c-tags" data-label=tr(i18n, |i| t_string!(i, cust_tags))>{tag_cell}</td>
            <td class="c-star" data-label=tr(i18n, |i| t_string!(i, cust_star))>
                {starred.then(|| view! { <span aria-label=tr(i18n, |i| t_string!(i, cust_starred))>"★"</span> })}
            </td>
            <td class="c-updated" data-label=tr(i18n, |i| t_string!(i, cust_last_update))>{c.last_update_time.as_ref().map(|t| t.display().to_owned())}</td>
            <td class="c-actions">
                {edit.map(|h| view! { <A href=crate::core::nav::href(&h) attr:class="row-edit">{tr(i18n, |i| t_string!(i, cust_edit))}</A> })}
                {chat.map(|h| view! { <A href=crate::core::nav::href(&h) attr:class="row-chat">{tr(i18n, |i| t_string!(i, cust_chat))}</A> })}
                <button type="button" class="row-delete danger" on:click=move |_| on_delete.run(me.clone())>
                    {tr(i18n, |i| t_string!(i, cust_delete))}
                </button>
            </td>
        </tr>
    }
}
