//! A small avatar that loads only http(s) addresses (see `crate::core::links`).

use leptos::prelude::*;

use crate::core::links::http_url;

#[component]
pub fn Avatar(url: Option<String>) -> impl IntoView {
    match http_url(url.as_deref()) {
        Some(u) => view! {
            <img class="avatar" src=u.to_owned() alt="" width="32" height="32" loading="lazy" referrerpolicy="no-referrer"/>
        }
        .into_any(),
        None => view! { <span class="avatar avatar-none" aria-hidden="true"></span> }.into_any(),
    }
}
