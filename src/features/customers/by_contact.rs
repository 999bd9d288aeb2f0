//! `/customers/by-contact?wechatUserId=…&wechatContactId=…&remark=…`: from a
//! WeChat contact (contacts by tag) to its customer record. Contacts carry no
//! customer id, and customerPage in the vendor's document cannot filter by
//! contact, so the record is looked up in two steps and the page then
//! replaces itself with the edit page of exactly that customer:
//!
//! 1. customerPage with `wechatContactId`, the reference server's documented
//!    addition (docs/api.md). A vendor server ignores the unknown parameter
//!    and answers unfiltered, so only a row whose `wechatContactId` is this
//!    contact counts.
//! 2. Otherwise downLoad with `wechatUserId` (in the vendor's document: the
//!    customers of one WeChat account), page by page, looking for the row of
//!    this contact; at most [`MAX_SCAN_ROWS`] rows are read.
//!
//! When neither finds it the page says so plainly and offers the customer
//! list searched by the contact's remark name, saying that is what it is.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use scrm_api::customer::{Customer, CustomerPage, CustomerPageRequest, DownLoad, DownloadRequest};

use crate::features::customers::list::{edit_href, list_href};
use crate::features::customers::query::CustomerFilter;
use crate::platform::api_client::{use_api, ApiClient, ApiError};
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::tr::tr;
use crate::ui::error_view::ErrorView;

/// Rows per downLoad request of the fallback scan.
const SCAN_PAGE: i64 = 1000;
/// The fallback reads at most this many of the account's customers.
const MAX_SCAN_ROWS: i64 = 20_000;

#[derive(Clone)]
enum Found {
    Looking,
    NoContact,
    Missing,
    Failed(ApiError),
}

fn of_contact(items: Vec<Customer>, contact: i64) -> Option<Customer> {
    items
        .into_iter()
        .find(|c| c.wechat_contact_id == Some(contact) && c.customer_id.is_some())
}

/// The customer bound to `contact`, `Ok(None)` when there is none (or none
/// within the scan's limit).
async fn find_customer(
    api: &ApiClient,
    account: Option<i64>,
    contact: i64,
) -> Result<Option<Customer>, ApiError> {
    let exact = CustomerPageRequest {
        wechat_contact_id: Some(contact),
        limit: Some(20),
        page_no: Some(1),
        ..Default::default()
    };
    // A refusal here is not final: the documented scan below may still work.
    if let Ok(reply) = api.call::<CustomerPage>(&exact).await {
        if let Some(c) = of_contact(reply.page.items, contact) {
            return Ok(Some(c));
        }
    }
    let Some(account) = account else {
        return Ok(None);
    };
    let mut page_no = 1;
    let mut read = 0;
    while read < MAX_SCAN_ROWS {
        let request = DownloadRequest {
            wechat_user_id: Some(account),
            limit: Some(SCAN_PAGE),
            page_no: Some(page_no),
            ..Default::default()
        };
        let page = api.call::<DownLoad>(&request).await?.page;
        let got = page.items.len() as i64;
        read += got;
        if let Some(c) = of_contact(page.items, contact) {
            return Ok(Some(c));
        }
        if got < SCAN_PAGE || read >= page.count {
            break;
        }
        page_no += 1;
    }
    Ok(None)
}

#[component]
pub fn CustomerByContact() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let query = use_query_map();
    let navigate = use_navigate();
    let number = move |key: &str| {
        query
            .read()
            .get(key)
            .and_then(|v| v.trim().parse::<i64>().ok())
            .filter(|n| *n > 0)
    };
    let remark = Memo::new(move |_| query.read().get("remark").unwrap_or_default());
    let state = RwSignal::new(Found::Looking);
    let retry = RwSignal::new(0u32);
    let latest = StoredValue::new(0u64);

    Effect::new(move |_| {
        let (account, contact) = (number("wechatUserId"), number("wechatContactId"));
        retry.track();
        let n = latest.get_value() + 1;
        latest.set_value(n);
        let Some(contact) = contact else {
            state.set(Found::NoContact);
            return;
        };
        state.set(Found::Looking);
        let api = api.clone();
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = find_customer(&api, account, contact).await;
            if latest.try_get_value() != Some(n) {
                return;
            }
            match result {
                Ok(Some(c)) => match edit_href(&c) {
                    Some(href) => navigate(
                        &href,
                        NavigateOptions {
                            replace: true,
                            ..Default::default()
                        },
                    ),
                    None => {
                        let _ = state.try_set(Found::Missing);
                    }
                },
                Ok(None) => {
                    let _ = state.try_set(Found::Missing);
                }
                Err(e) => {
                    let _ = state.try_set(Found::Failed(e));
                }
            }
        });
    });

    let by_remark = move || {
        let r = remark.get().trim().to_owned();
        (!r.is_empty()).then(|| {
            let href = list_href(&CustomerFilter {
                remarks: r.clone(),
                ..Default::default()
            });
            view! {
                <p id="by-contact-remark">
                    {tr(i18n, |i| t_string!(i, by_contact_search_remark))} " "
                    <A href=crate::core::nav::href(&href)>"「" {r} "」"</A>
                </p>
            }
        })
    };

    view! {
        <section class="page customer-by-contact" data-route="/customers/by-contact">
            <h1>{tr(i18n, |i| t_string!(i, tags_customer_record))}</h1>
            {move || match state.get() {
                Found::Looking => view! {
                    <p class="loading" id="by-contact-looking" role="status">{tr(i18n, |i| t_string!(i, by_contact_looking))}</p>
                }.into_any(),
                Found::NoContact => view! {
                    <p class="notice" id="by-contact-missing" role="alert">{tr(i18n, |i| t_string!(i, by_contact_no_contact))}</p>
                }.into_any(),
                Found::Missing => view! {
                    <div class="notice" id="by-contact-missing" role="alert">
                        <p>{tr(i18n, |i| t_string!(i, by_contact_none))}</p>
                        {by_remark}
                    </div>
                }.into_any(),
                Found::Failed(e) => view! {
                    <ErrorView error=e on_retry=move |_| retry.update(|n| *n += 1)/>
                }.into_any(),
            }}
            <p><A href=crate::core::nav::href("/tags") attr:id="by-contact-back">{tr(i18n, |i| t_string!(i, by_contact_back))}</A></p>
        </section>
    }
}
