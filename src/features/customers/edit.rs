//! `/customers/:id?phone=…`: edit one customer. The contract has no
//! get-by-id, so the link carries the phone and the record is found again
//! through customerPage; a reload therefore works, and a record that is gone
//! is said to be gone. What is typed is kept as a draft in session storage
//! until it is saved, so a failed save, a login round-trip or a reload loses
//! nothing.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use leptos_router::NavigateOptions;
use scrm_api::customer::{
    Customer, CustomerPage, CustomerPageRequest, FindContactByTagAll, FindContactByTagAllRequest,
};

use crate::features::customers::edit_form::CustomerEditForm;
use crate::features::customers::form::CustomerForm;
use crate::platform::api_client::{use_api, ApiError};
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::tr::tr;
use crate::ui::error_view::ErrorView;

/// The search a reload repeats; 500 is customerPage's largest page.
const FIND_LIMIT: i64 = 500;

#[derive(Clone)]
enum Load {
    Loading,
    Found(Box<(Customer, CustomerForm)>),
    Missing,
    Failed(ApiError),
}

/// The contact's personalised form of address, best effort: an empty field
/// when it cannot be found (the list endpoints do not carry it). Asking for
/// the customer's own tags keeps the answer small; it always includes the
/// customer's contact.
async fn current_address(
    api: &crate::platform::api_client::ApiClient,
    c: &Customer,
) -> Option<String> {
    let contact = c.wechat_contact_id?;
    let tags = c.tags.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let request = FindContactByTagAllRequest {
        wechat_user_id: c.wechat_user_id,
        tag_ids: tags.map(str::to_owned),
        is_off_line: Some(1),
    };
    let reply = api.call::<FindContactByTagAll>(&request).await.ok()?;
    reply
        .data
        .into_iter()
        .find(|w| w.wechat_contact_id == Some(contact))
        .and_then(|w| w.customer_nick_name)
}

#[component]
pub fn CustomerEdit() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let params = use_params_map();
    let query = use_query_map();
    let navigate = use_navigate();
    let raw_id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let id = Memo::new(move |_| raw_id.get().trim().parse::<i64>().ok().filter(|i| *i > 0));
    let phone = Memo::new(move |_| query.read().get("phone").unwrap_or_default());
    let load = RwSignal::new(Load::Loading);
    let retry = RwSignal::new(0u32);
    let latest = StoredValue::new(0u64);

    Effect::new(move |_| {
        let (id, phone) = (id.get(), phone.get());
        retry.track();
        let n = latest.get_value() + 1;
        latest.set_value(n);
        let Some(id) = id else {
            load.set(Load::Missing);
            return;
        };
        load.set(Load::Loading);
        let api = api.clone();
        spawn_local(async move {
            let request = CustomerPageRequest {
                customer_phone: Some(phone).filter(|p| !p.trim().is_empty()),
                limit: Some(FIND_LIMIT),
                page_no: Some(1),
                ..Default::default()
            };
            let state = match api.call::<CustomerPage>(&request).await {
                Ok(reply) => match reply
                    .page
                    .items
                    .into_iter()
                    .find(|c| c.customer_id == Some(id))
                {
                    Some(c) => {
                        let address = current_address(&api, &c).await;
                        let form = CustomerForm::from_record(&c, address.as_deref());
                        Load::Found(Box::new((c, form)))
                    }
                    None => Load::Missing,
                },
                Err(e) => Load::Failed(e),
            };
            if latest.try_get_value() == Some(n) {
                let _ = load.try_set(state);
            }
        });
    });

    let on_saved = Callback::new(move |c: CustomerForm| {
        // A changed phone must go into the URL, or a reload would not find the record.
        if c.phone.trim() != phone.get_untracked().trim() {
            if let Some(id) = id.get_untracked() {
                navigate(
                    &format!(
                        "/customers/{id}?phone={}",
                        crate::core::nav::encode_component(c.phone.trim())
                    ),
                    NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                );
            }
        }
    });

    view! {
        <section class="page customer-edit" data-route="/customers/:id">
            <h1>{tr(i18n, |i| t_string!(i, page_customer_edit))}</h1>
            <p><A href=crate::core::nav::href("/customers") attr:id="edit-back">{tr(i18n, |i| t_string!(i, edit_back))}</A></p>
            {move || match load.get() {
                Load::Loading => view! { <p class="loading" id="edit-loading">{tr(i18n, |i| t_string!(i, cust_loading))}</p> }.into_any(),
                Load::Missing => view! {
                    <div class="notice" id="edit-missing" role="alert">
                        <p>{tr(i18n, |i| t_string!(i, edit_missing))}</p>
                        <p>{tr(i18n, |i| t_string!(i, customer_id))} ": " <span class="param">{raw_id.get_untracked()}</span></p>
                    </div>
                }.into_any(),
                Load::Failed(e) => view! {
                    <ErrorView error=e on_retry=move |_| retry.update(|n| *n += 1)/>
                }.into_any(),
                Load::Found(found) => {
                    let (c, original) = *found;
                    let chat = crate::features::customers::list::chat_href(&c);
                    view! {
                    {chat.map(|href| view! {
                        <p><A href=crate::core::nav::href(&href) attr:id="edit-chat">{tr(i18n, |i| t_string!(i, nav_chat))}</A></p>
                    })}
                    <CustomerEditForm customer=c original=original on_saved=on_saved/>
                }.into_any()
                }
            }}
        </section>
    }
}
