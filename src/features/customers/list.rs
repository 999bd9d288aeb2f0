//! `/customers`: the customer query. The URL holds the whole view (filters,
//! page, page size), so reload, back/forward and pasted links restore it.
//! The list loads through `platform::load`: a newer query aborts the older
//! request, so only the newest answer is ever shown. Rows can be ticked
//! for bulk actions (`bulk`); a new filter empties the selection.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use scrm_api::customer::{Customer, CustomerPage, DeleteCustomer, DeleteCustomerRequest, Tag};

use crate::core::hrefs;
use crate::core::nav::{base, strip_base};
use crate::features::customers::bulk::{BulkActions, BulkState, PickPage, PickRow};
use crate::features::customers::export::Export;
use crate::features::customers::filters::CustomerFilters;
use crate::features::customers::query::CustomerFilter;
use crate::features::customers::recent_strip::RecentStrip;
use crate::features::customers::tag_picker::tag_label;
use crate::platform::api_client::use_api;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::load::load;
use crate::platform::tags::use_tags;
use crate::platform::tr::tr;
use crate::ui::avatar::Avatar;
use crate::ui::button::Button;
use crate::ui::delete_confirm::{self, DeleteConfirm, PendingDelete};
use crate::ui::empty_state::EmptyState;
use crate::ui::icon::glyph;
use crate::ui::loaded::Loaded;
use crate::ui::pager::Pager;
use crate::ui::phone_actions::PhoneActions;
use crate::ui::table::{RowAction, RowActions, Table};

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
    let location = use_location();
    let navigate = use_navigate();
    // Only the list's own URL is a filter: leaving the page (signing out,
    // opening another page) empties the query before the page goes, and
    // that is no reason to ask for the whole list once more.
    let filter = Memo::new(move |prev: Option<&CustomerFilter>| {
        let search = location.search.get();
        let path = location.pathname.get();
        match prev {
            Some(prev) if strip_base(base(), &path) != "/customers" => prev.clone(),
            _ => CustomerFilter::from_query(&search),
        }
    });
    let go = Callback::new(move |f: CustomerFilter| navigate(&f.href(), Default::default()));
    let tags = use_tags().list();

    // Bad input is reported next to its field and not sent; the view keeps
    // the last valid query's answer.
    let field_errors = Memo::new(move |_| {
        filter
            .get()
            .page_request()
            .validate()
            .err()
            .unwrap_or_default()
    });
    let request = Memo::new(move |prev| {
        let request = filter.get().page_request();
        match prev {
            Some(prev) if request.validate().is_err() => Clone::clone(prev),
            _ => request,
        }
    });
    let data = {
        let api = api.clone();
        load(
            move || request.get(),
            move |request| {
                let api = api.clone();
                async move {
                    api.call::<CustomerPage>(&request)
                        .await
                        .map(|reply| reply.page)
                }
            },
        )
    };
    let pending = RwSignal::new(false);
    let answer = move || data.get().and_then(Result::ok);
    // A page past the end shows the last page instead (replacing the URL,
    // so Back does not return to the empty one).
    let replace = use_navigate();
    Effect::new(move |_| {
        let Some(reply) = answer() else { return };
        let f = filter.get_untracked();
        if reply.page_no != f.page {
            return;
        }
        let pages = reply.page_count(f.size);
        if let Some(last) = crate::core::paging::past_the_end(f.page, reply.count, pages) {
            let href = CustomerFilter { page: last, ..f }.href();
            replace(
                &href,
                leptos_router::NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });

    // Bulk selection: everyone ticked, or all the filter matches. Another
    // filter (not another page or page size) describes other people.
    // (Plain derived signals and a text key rather than memos: each new
    // memo type costs the first screen's wasm its own reactive code.)
    let total = Signal::derive(move || answer().map(|p| p.count).unwrap_or(0));
    let bulk = BulkState::new(
        filter.into(),
        total,
        Callback::new(move |()| data.refetch()),
    );
    provide_context(bulk);
    Effect::new(move |prev: Option<String>| {
        let now = filter.with(|f| f.clone().first_page().to_query());
        if prev.is_some_and(|p| p != now) {
            bulk.selection.update(|s| s.clear());
        }
        now
    });

    // Delete: confirm, then reload once the server agreed; the customer
    // leaves the selection too.
    let to_delete = delete_confirm::pending();
    let ask_delete = Callback::new(move |c: Customer| {
        let Some(id) = c.customer_id else { return };
        let name = c.display_name().to_owned();
        let done_name = name.clone();
        let api = api.clone();
        to_delete.set(Some(PendingDelete::new(
            move || format!("{}「{}」？", t_string!(i18n, cust_delete_question), name),
            move || format!("{}: {}", t_string!(i18n, cust_deleted), done_name),
            move || {
                let api = api.clone();
                async move {
                    let deleted = api
                        .call::<DeleteCustomer>(&DeleteCustomerRequest {
                            customer_id: Some(id),
                        })
                        .await
                        .map(|_| ());
                    if deleted.is_ok() {
                        bulk.forget(&[id]);
                    }
                    deleted
                }
            },
        )));
    });

    let size = Signal::derive(move || filter.get().size);

    view! {
        <section class="page customer-list" data-route="/customers">
            <h1>{tr(i18n, |i| t_string!(i, nav_customers))}</h1>
            <RecentStrip/>
            <CustomerFilters filter=filter tags=tags errors=field_errors on_change=go/>
            <Export filter=filter/>
            <div class="list-status" aria-live="polite">
                <Show when=move || pending.get() && data.get().is_some()>
                    <p class="loading" id="customer-loading">{tr(i18n, |i| t_string!(i, cust_loading))}</p>
                </Show>
            </div>
            <Loaded data=data pending=pending let:page>
                <CustomerTable rows=page.items tags=tags busy=pending bulk=bulk
                    filtered=filter.with_untracked(|f| f.active().0 > 0)
                    on_clear=move |()| go.run(filter.get_untracked().cleared())
                    on_delete=ask_delete/>
            </Loaded>
            <BulkActions state=bulk/>
            <Pager page=Signal::derive(move || filter.get().page)
                pages=Signal::derive(move || answer().map(|p| p.page_count(size.get())).unwrap_or(1))
                total=total
                size=size
                on_page=move |n: i64| { let mut f = filter.get_untracked(); f.page = n.max(1); go.run(f); }
                on_size=move |n: i64| { let mut f = filter.get_untracked(); f.size = n; go.run(f.first_page()); }/>
            <DeleteConfirm
                title=tr(i18n, |i| t_string!(i, cust_delete_title))
                pending=to_delete
                on_deleted=Callback::new(move |()| data.refetch())/>
        </section>
    }
}

/// One answer's rows, or the empty state with a way out when filters hide everyone.
#[component]
fn CustomerTable(
    rows: Vec<Customer>,
    tags: Signal<Vec<Tag>>,
    busy: RwSignal<bool>,
    bulk: BulkState,
    /// Set filters: the empty state offers to clear them.
    filtered: bool,
    #[prop(into)] on_clear: Callback<()>,
    #[prop(into)] on_delete: Callback<Customer>,
) -> impl IntoView {
    let i18n = use_i18n();
    if rows.is_empty() {
        return view! {
            <EmptyState id="customer-empty" title=tr(i18n, |i| t_string!(i, cust_empty))
                hint=move || if filtered { t_string!(i18n, cust_empty_hint) } else { "" }>
                {filtered.then(|| view! {
                    <Button icon=glyph::CLOSE attr:id="empty-clear" on:click=move |_| on_clear.run(())>
                        {tr(i18n, |i| t_string!(i, cust_clear_filters))}
                    </Button>
                })}
            </EmptyState>
        }
        .into_any();
    }
    let columns = vec![
        tr(i18n, |i| t_string!(i, cust_avatar)).into(),
        tr(i18n, |i| t_string!(i, cust_name)).into(),
        tr(i18n, |i| t_string!(i, cust_nickname)).into(),
        tr(i18n, |i| t_string!(i, cust_remark_name)).into(),
        tr(i18n, |i| t_string!(i, cust_phone)).into(),
        tr(i18n, |i| t_string!(i, cust_tags)).into(),
        tr(i18n, |i| t_string!(i, cust_star)).into(),
        tr(i18n, |i| t_string!(i, cust_last_update)).into(),
        tr(i18n, |i| t_string!(i, cust_actions)).into(),
    ];
    let lead = view! { <PickPage state=bulk rows=rows.clone()/> }.into_any();
    view! {
        <Table id="customer-table" caption=tr(i18n, |i| t_string!(i, nav_customers)) columns=columns
            compact=true stack=true busy=busy lead=lead>
            {rows.into_iter().map(|c| view! {
                <CustomerRow c=c tags=tags bulk=bulk on_delete=on_delete/>
            }).collect_view()}
        </Table>
    }
    .into_any()
}

#[component]
fn CustomerRow(
    c: Customer,
    tags: Signal<Vec<Tag>>,
    bulk: BulkState,
    #[prop(into)] on_delete: Callback<Customer>,
) -> impl IntoView {
    let i18n = use_i18n();
    let pick = c.clone();
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    let tag_cell = {
        let c = c.clone();
        move || row_tags(&c, &tags.get()).join("、")
    };
    let starred = c.starred();
    let row_id = c
        .customer_id
        .map(|i| format!("customer-{i}"))
        .unwrap_or_default();
    let link = |h: String| crate::core::nav::href(&h);
    let mut actions = Vec::new();
    if let Some(h) = hrefs::customer_edit(&c) {
        actions.push(RowAction::link(
            tr(i18n, |i| t_string!(i, cust_edit)),
            glyph::EDIT,
            "row-edit",
            link(h),
        ));
    }
    if let Some(h) = hrefs::customer_chat(&c) {
        actions.push(RowAction::link(
            tr(i18n, |i| t_string!(i, cust_chat)),
            glyph::CHAT,
            "row-chat",
            link(h),
        ));
    }
    if let Some(p) = c.customer_phone.as_deref().filter(|p| !p.trim().is_empty()) {
        actions.push(RowAction::link(
            tr(i18n, |i| t_string!(i, cust_call)),
            glyph::CALL,
            "row-call",
            link(hrefs::call(p)),
        ));
    }
    let me = c.clone();
    let menu_id = row_id.clone();
    actions.push(
        RowAction::run(
            tr(i18n, |i| t_string!(i, cust_delete)),
            glyph::DELETE,
            "row-delete",
            Callback::new(move |()| on_delete.run(me.clone())),
        )
        .danger(),
    );
    view! {
        <tr id=row_id class="customer-row">
            <td class="lead"><PickRow state=bulk c=pick/></td>
            <td><Avatar url=c.head_img_url.clone()/></td>
            <td class="c-name" data-label=tr(i18n, |i| t_string!(i, cust_name))>{text(&c.customer_name)}</td>
            <td class="c-nick" data-label=tr(i18n, |i| t_string!(i, cust_nickname))>{text(&c.nick_name)}</td>
            <td class="c-remark" data-label=tr(i18n, |i| t_string!(i, cust_remark_name))>{text(&c.remark_name)}</td>
            <td class="c-phone" data-label=tr(i18n, |i| t_string!(i, cust_phone))>{c.customer_phone.clone().map(|p| view! { <PhoneActions phone=p/> })}</td>
            <td class="c-tags" data-label=tr(i18n, |i| t_string!(i, cust_tags))>{tag_cell}</td>
            <td class="c-star" data-label=tr(i18n, |i| t_string!(i, cust_star))>
                {starred.then(|| view! {
                    <span aria-hidden="true">"★"</span>
                    <span class="visually-hidden">{tr(i18n, |i| t_string!(i, cust_starred))}</span>
                })}
            </td>
            <td class="c-updated" data-label=tr(i18n, |i| t_string!(i, cust_last_update))>{c.last_update_time.as_ref().map(|t| t.display().to_owned())}</td>
            <td class="c-actions"><RowActions id=menu_id actions=actions/></td>
        </tr>
    }
}
