//! `/chat?wechatUserIds=…&wechatContactIds=…[&from=…&to=…][&name=…]`: the
//! chat history with a customer. The URL alone restores the view; `name` is
//! the customer's display name, which the chat record does not carry.

use crate::features::chat::query::ChatQuery;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::features::chat::conversation::ChatView;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::tr::tr;

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
            .map(|q| q.with_name(p.get("name").as_deref()))
        })
    });
    view! {
        <section class="page chat-page" data-route="/chat">
            <h1>{tr(i18n, |i| t_string!(i, chat_title))}</h1>
            {move || match query.get() {
                Some(q) => view! { <ChatView query=q/> }.into_any(),
                None => view! { <p class="notice" role="alert">{tr(i18n, |i| t_string!(i, chat_missing_ids))}</p> }.into_any(),
            }}
        </section>
    }
}
