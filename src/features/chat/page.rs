//! `/chat?wechatUserIds=…&wechatContactIds=…[&from=…&to=…][&name=…][&phone=…]`: the
//! chat history with a customer. The URL alone restores the view; `name` is
//! the customer's display name, which the chat record does not carry, and
//! titles the page and the browser tab; `phone` (digits) puts the customer's number with
//! copy and call under the heading. Without a conversation, `/chat`
//! (or `/chat?find=…`) is the customer picker.

use crate::features::chat::query::ChatQuery;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::core::hrefs;
use crate::core::recent::Recent;
use crate::core::template::fill;
use crate::features::chat::conversation::ChatView;
use crate::features::chat::picker::CustomerPicker;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::recent;
use crate::platform::tr::tr;
use crate::ui::document_title::DocumentTitle;
use crate::ui::phone_actions::PhoneActions;

#[component]
pub fn Chat() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let query = Memo::new(move |_| {
        params.with(|p| {
            ChatQuery::from_params(
                p.get("wechatUserIds").as_deref(),
                p.get("wechatContactIds").as_deref(),
                p.get("from").as_deref(),
                p.get("to").as_deref(),
            )
            .map(|q| {
                q.with_name(p.get("name").as_deref())
                    .with_phone(p.get("phone").as_deref())
            })
        })
    });
    // A link that names a conversation but not readably (hand-edited or cut
    // short) says so above the picker.
    let broken_link = Memo::new(move |_| {
        params.with(|p| p.get("wechatUserIds").is_some() || p.get("wechatContactIds").is_some())
    });
    let name = Memo::new(move |_| query.with(|q| q.as_ref().and_then(|q| q.name.clone())));
    let phone = Memo::new(move |_| query.with(|q| q.as_ref().and_then(|q| q.phone.clone())));
    let heading = move || match name.get() {
        Some(n) => fill(t_string!(i18n, chat_title_with), &[("name", n.as_str())]),
        None => t_string!(i18n, chat_title).to_owned(),
    };
    // A named conversation is a customer opened: one tap back from the list.
    Effect::new(move |_| {
        query.with(|q| {
            if let Some(q) = q.as_ref().filter(|q| q.name.is_some()) {
                let (users, contacts) = (&q.wechat_user_ids, &q.wechat_contact_ids);
                let href = hrefs::chat(users, contacts, None, None, q.name.as_deref());
                let name = q.name.as_deref().unwrap_or_default();
                recent::remember(Recent::new(
                    format!("chat:{users}:{contacts}"),
                    name,
                    None,
                    href,
                ));
            }
        })
    });
    let tab_title = Signal::derive(move || {
        name.get()
            .map(|_| format!("{} · {}", heading(), t_string!(i18n, app_title)))
    });
    view! {
        <section class="page chat-page" data-route="/chat">
            <DocumentTitle title=tab_title/>
            <h1 id="chat-heading">{heading}</h1>
            {move || phone.get().map(|p| view! {
                <p class="chat-phone" id="chat-phone">
                    {tr(i18n, |i| t_string!(i, cust_phone))} ": " <PhoneActions phone=p/>
                </p>
            })}
            {move || match query.get() {
                Some(q) => view! { <ChatView query=q/> }.into_any(),
                None => view! {
                    {broken_link.get().then(|| view! {
                        <p class="notice" role="alert">{tr(i18n, |i| t_string!(i, chat_missing_ids))}</p>
                    })}
                    <CustomerPicker/>
                }
                .into_any(),
            }}
        </section>
    }
}
