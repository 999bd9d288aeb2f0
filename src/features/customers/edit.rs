//! `/customers/:id?phone=…`: edit one customer. The contract has no
//! get-by-id, so the link carries the phone and the record is found again
//! through customerPage; a reload therefore works, and a record that is gone
//! is said to be gone. What is typed is kept as a draft in session storage
//! until it is saved, so a failed save, a login round-trip or a reload loses
//! nothing.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use leptos_router::NavigateOptions;
use scrm_api::customer::{Customer, FindContactByTagAll, FindContactByTagAllRequest};

use crate::core::hrefs;
use crate::core::recent::Recent;
use crate::core::text::first_filled;
use crate::features::customers::edit_form::CustomerEditForm;
use crate::features::customers::form::CustomerForm;
use crate::features::customers::record::find_record;
use crate::platform::api_client::use_api;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::load::load;
use crate::platform::recent;
use crate::platform::tr::tr;
use crate::ui::loaded::Loaded;
use crate::ui::phone_actions::PhoneActions;

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
    let data = load(
        move || (id.get(), phone.get()),
        move |(id, phone)| {
            let api = api.clone();
            async move {
                let Some(id) = id else { return Ok(None) };
                let Some(c) = find_record(&api, id, &phone).await? else {
                    return Ok(None);
                };
                let address = current_address(&api, &c).await;
                let form = CustomerForm::from_record(&c, address.as_deref());
                Ok(Some((c, form)))
            }
        },
    );

    let on_saved = Callback::new(move |c: CustomerForm| {
        // A changed phone must go into the URL, or a reload would not find the record.
        if c.phone.trim() != phone.get_untracked().trim() {
            let same = Customer {
                customer_id: id.get_untracked(),
                customer_phone: Some(c.phone.trim().to_owned()),
                ..Default::default()
            };
            if let Some(href) = hrefs::customer_edit(&same) {
                navigate(
                    &href,
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
            <Loaded data=data
                loading=move || view! { <p class="loading" id="edit-loading">{tr(i18n, |i| t_string!(i, cust_loading))}</p> }
                let:found>
                {match found {
                    None => view! {
                        <div class="notice" id="edit-missing" role="alert">
                            <p>{tr(i18n, |i| t_string!(i, edit_missing))}</p>
                            <p>{tr(i18n, |i| t_string!(i, customer_id))} ": " <span class="param">{raw_id.get_untracked()}</span></p>
                        </div>
                    }.into_any(),
                    Some((c, original)) => {
                        let chat = hrefs::customer_chat(&c);
                        if let (Some(id), Some(href)) = (c.customer_id, hrefs::customer_edit(&c)) {
                            let name = first_filled([c.remark_name.as_deref(), c.customer_name.as_deref(), c.nick_name.as_deref()]);
                            recent::remember(Recent::new(format!("c{id}"), name.unwrap_or_default(), c.customer_phone.as_deref(), href));
                        }
                        let phone = c.customer_phone.clone().filter(|p| !p.trim().is_empty());
                        view! {
                            {phone.map(|phone| view! {
                                <p class="edit-phone" id="edit-phone-actions">
                                    {tr(i18n, |i| t_string!(i, cust_phone))} ": " <PhoneActions phone=phone/>
                                </p>
                            })}
                            {chat.map(|href| view! {
                                <p><A href=crate::core::nav::href(&href) attr:id="edit-chat">{tr(i18n, |i| t_string!(i, nav_chat))}</A></p>
                            })}
                            <CustomerEditForm customer=c original=original on_saved=on_saved/>
                        }.into_any()
                    }
                }}
            </Loaded>
        </section>
    }
}
