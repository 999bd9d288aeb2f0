//! `/chat` without a conversation: find the customer by name or phone and
//! open their chat. The search waits for a pause in typing, then goes into
//! the URL (`?find=…`, replacing the entry), and the results load through
//! `platform::load` like every list: a newer search aborts the older
//! request, so only the newest answer is shown. A result links to the same
//! address as the customer list's chat link.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use scrm_api::customer::{Customer, CustomerPage};
use wasm_bindgen::JsCast;

use crate::core::hrefs;
use crate::core::nav::href;
use crate::core::template::fill;
use crate::features::chat::pick::{self, FIND_MAX};
use crate::platform::api_client::use_api;
use crate::platform::dom::Debounce;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::load::load;
use crate::platform::tr::tr;
use crate::ui::loaded::Loaded;

/// How long typing must pause before the search is sent.
const DEBOUNCE: Duration = Duration::from_millis(300);

/// The results list's id: the box names it, and focus moves within it.
const RESULTS: &str = "chat-pick-results";

/// One answer: what was searched and the first customers found.
#[derive(Clone)]
struct Found {
    text: String,
    customers: Vec<Customer>,
    count: i64,
}

#[component]
pub fn CustomerPicker() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let params = use_query_map();
    let navigate = use_navigate();
    let find = Memo::new(move |_| params.with(|p| pick::clean(&p.get("find").unwrap_or_default())));
    let typed = RwSignal::new(find.get_untracked());
    // Back/forward change the URL: the box follows it.
    Effect::new(move |_| {
        let f = find.get();
        if pick::clean(&typed.get_untracked()) != f {
            typed.set(f);
        }
    });

    let apply = move |text: String| {
        if pick::clean(&text) != find.get_untracked() {
            let options = NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            };
            navigate(&pick::path(&text), options);
        }
    };
    let apply = StoredValue::new_local(apply);
    let pause = Debounce::new();
    let schedule = move || {
        pause.after(DEBOUNCE, move || {
            if let Some(text) = typed.try_get_untracked() {
                apply.try_with_value(|go| go(text));
            }
        });
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        // Enter searches at once (not the Enter that ends an input method's
        // composition); ↓ goes to the first result.
        "Enter" if !ev.is_composing() => {
            ev.prevent_default();
            pause.cancel();
            apply.with_value(|go| go(typed.get_untracked()));
        }
        "ArrowDown" => {
            ev.prevent_default();
            move_focus(None, 1);
        }
        _ => {}
    };

    let data = load(
        move || find.get(),
        move |text| {
            let api = api.clone();
            async move {
                let Some(request) = pick::request(&text) else {
                    return Ok(None);
                };
                let page = api.call::<CustomerPage>(&request).await?.page;
                Ok(Some(Found {
                    text,
                    count: page.count,
                    customers: page.items,
                }))
            }
        },
    );
    let pending = RwSignal::new(false);

    view! {
        <div class="chat-picker" role="search">
            <label for="chat-find">{tr(i18n, |i| t_string!(i, chat_pick_label))}</label>
            <input id="chat-find" type="search" autocomplete="off" maxlength=FIND_MAX.to_string()
                aria-describedby="chat-find-hint" aria-controls=RESULTS
                prop:value=move || typed.get()
                on:input=move |ev| { typed.set(event_target_value(&ev)); schedule(); }
                on:keydown=on_key/>
            <p id="chat-find-hint" class="muted">{tr(i18n, |i| t_string!(i, chat_pick_hint))}</p>
            <div class="chat-pick-answer" aria-busy=move || pending.get().to_string()>
                <Loaded data=data pending=pending loading=move || view! {
                    <p class="chat-pick-status" role="status">{tr(i18n, |i| t_string!(i, chat_pick_searching))}</p>
                } let:found>
                    {found.map(|f| view! { <Results found=f/> })}
                </Loaded>
            </div>
        </div>
    }
}

#[component]
fn Results(found: Found) -> impl IntoView {
    let i18n = use_i18n();
    if found.customers.is_empty() {
        let text = found.text.clone();
        return view! {
            <p class="empty chat-pick-none" role="status">
                {move || fill(t_string!(i18n, chat_pick_none), &[("text", text.as_str())])}
            </p>
        }
        .into_any();
    }
    let shown = found.customers.len() as i64;
    let more = (found.count > shown).then(|| {
        let (shown, count) = (shown.to_string(), found.count.to_string());
        view! {
            <p class="muted chat-pick-more">
                {move || fill(t_string!(i18n, chat_pick_more), &[("shown", shown.as_str()), ("count", count.as_str())])}
            </p>
        }
    });
    let total = found.count.max(shown).to_string();
    view! {
        <p class="visually-hidden" role="status">
            {move || fill(t_string!(i18n, chat_pick_found), &[("count", total.as_str())])}
        </p>
        <ul id=RESULTS class="chat-pick-list" aria-label=tr(i18n, |i| t_string!(i, chat_pick_results))
            on:keydown=on_list_key>
            {found.customers.into_iter().map(|c| view! { <Choice c=c/> }).collect_view()}
        </ul>
        {more}
    }
    .into_any()
}

/// A customer found: a link to their conversation, or, for a customer with
/// no WeChat contact, a line saying there is none.
#[component]
fn Choice(c: Customer) -> impl IntoView {
    let i18n = use_i18n();
    let name = c.display_name().to_owned();
    let phone = c.customer_phone.clone().unwrap_or_default();
    let who = view! {
        <span class="chat-pick-name">{name}</span>
        <span class="chat-pick-phone">{phone}</span>
    };
    match hrefs::customer_chat(&c) {
        Some(h) => view! {
            <li><A href=href(&h) attr:class="chat-pick-result">{who}</A></li>
        }
        .into_any(),
        None => view! {
            <li class="chat-pick-unbound">
                {who}
                <span class="muted">{tr(i18n, |i| t_string!(i, chat_pick_no_wechat))}</span>
            </li>
        }
        .into_any(),
    }
}

/// ↑/↓ move between the results; ↑ from the first goes back to the box.
fn on_list_key(ev: leptos::ev::KeyboardEvent) {
    let step = match ev.key().as_str() {
        "ArrowDown" => 1,
        "ArrowUp" => -1,
        _ => return,
    };
    ev.prevent_default();
    let current = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    move_focus(current, step);
}

/// Focuses the result `step` places from `from` (from the box: the first).
fn move_focus(from: Option<web_sys::Element>, step: i32) {
    let Some(list) = document().get_element_by_id(RESULTS) else {
        return;
    };
    let Ok(links) = list.query_selector_all("a.chat-pick-result") else {
        return;
    };
    let all: Vec<web_sys::HtmlElement> = (0..links.length())
        .filter_map(|i| links.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect();
    let at = from.and_then(|f| all.iter().position(|a| a.is_same_node(Some(&f))));
    let next = match at {
        None => Some(0),
        Some(i) => i.checked_add_signed(step as isize),
    };
    match next.and_then(|i| all.get(i)) {
        Some(a) => {
            let _ = a.focus();
        }
        None if next.is_none() => crate::platform::dom::focus("chat-find"),
        None => {}
    }
}
