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
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use scrm_api::customer::{Customer, CustomerPage, CustomerPageRequest, DownLoad, DownloadRequest};

use crate::core::hrefs;
use crate::features::customers::query::CustomerFilter;
use crate::platform::api_client::{use_api, ApiClient, ApiError};
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::load::load;
use crate::platform::tr::tr;
use crate::ui::loaded::Loaded;

/// Rows per downLoad request of the fallback scan.
const SCAN_PAGE: i64 = 1000;
/// The fallback reads at most this many of the account's customers.
const MAX_SCAN_ROWS: i64 = 20_000;

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
    let key = Memo::new(move |_| (number("wechatUserId"), number("wechatContactId")));
    let data = load(
        move || key.get(),
        move |(account, contact)| {
            let api = api.clone();
            async move {
                match contact {
                    Some(contact) => find_customer(&api, account, contact).await,
                    None => Ok(None),
                }
            }
        },
    );
    // Found: this page is replaced by the customer's edit page.
    Effect::new(move |_| {
        if let Some(href) = data
            .get()
            .and_then(Result::ok)
            .flatten()
            .as_ref()
            .and_then(hrefs::customer_edit)
        {
            navigate(
                &href,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });

    let looking = move || {
        view! {
            <p class="loading" id="by-contact-looking" role="status">{tr(i18n, |i| t_string!(i, by_contact_looking))}</p>
        }
    };
    let by_remark = move || {
        let r = remark.get().trim().to_owned();
        (!r.is_empty()).then(|| {
            let href = CustomerFilter {
                remarks: r.clone(),
                ..Default::default()
            }
            .href();
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
            {move || key.get().1.is_none().then(|| view! {
                <p class="notice" id="by-contact-missing" role="alert">{tr(i18n, |i| t_string!(i, by_contact_no_contact))}</p>
            })}
            <Show when=move || key.get().1.is_some()>
                <Loaded data=data loading=looking let:found>
                    {match found.as_ref().and_then(hrefs::customer_edit) {
                        Some(_) => looking().into_any(),
                        None => view! {
                            <div class="notice" id="by-contact-missing" role="alert">
                                <p>{tr(i18n, |i| t_string!(i, by_contact_none))}</p>
                                {by_remark}
                            </div>
                        }.into_any(),
                    }}
                </Loaded>
            </Show>
            <p><A href=crate::core::nav::href("/tags") attr:id="by-contact-back">{tr(i18n, |i| t_string!(i, by_contact_back))}</A></p>
        </section>
    }
}
