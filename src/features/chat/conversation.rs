//! The conversation: pages of history loaded newest first as the reader
//! scrolls up, a bounded window of them in the DOM, search, jump to a date
//! and export. One view per URL query: a new filter makes a new view, so an
//! answer for the old filter lands on disposed signals and is dropped.

use crate::core::template::fill;
use crate::features::chat::content::media_base;
use crate::features::chat::history::{search, starts_day, MAX_LOADED};
use crate::features::chat::query::ChatQuery;
use leptos::prelude::*;

use crate::features::chat::message::{MediaBase, MessageRow};
use crate::features::chat::state::ChatState;
use crate::features::chat::toolbar::Toolbar;
use crate::platform::api_client::ApiError;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::tr::tr;
use crate::ui::button::{Button, Variant};
use crate::ui::error_view::ErrorView;

/// What the line above the oldest shown message says.
#[derive(Clone, PartialEq)]
enum Top {
    Nothing,
    Failed(ApiError),
    Loading,
    Empty,
    End,
    /// The view holds as many messages as it may ([`MAX_LOADED`]).
    Full,
    More,
}

#[component]
pub fn ChatView(query: ChatQuery) -> impl IntoView {
    let i18n = use_i18n();
    let customer = query.name.clone();
    // Relative media paths resolve against the API base (docs/api.md).
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let api_base = crate::platform::session::use_session()
        .config
        .api_base
        .clone();
    provide_context(MediaBase(media_base(&api_base, &origin)));
    let state = ChatState::new(query);
    let needle = RwSignal::new(String::new());
    let hits = Memo::new(move |_| {
        let n = needle.get();
        state.convo.with(|c| search(c, &n))
    });
    // The current match by its message key, not its index: an older page
    // arriving shifts every index, and the reader must not lose their place.
    let hit = RwSignal::new(None::<String>);
    state.load_older();

    let rows = move || {
        let w = state.window.get();
        state.convo.with(|c| {
            (w.start..w.end)
                .filter_map(|i| Some((c.key(i)?.to_owned(), c.get(i)?.clone(), starts_day(c, i))))
                .collect::<Vec<_>>()
        })
    };
    // A memo, so the line above the messages is only rebuilt when what it
    // says changes (the window moves often).
    let top = Memo::new(move |_| {
        if let Some(e) = state.error.get() {
            return Top::Failed(e);
        }
        if state.loading.get() {
            return Top::Loading;
        }
        if !state.loaded.get() || state.window.with(|w| w.start > 0) {
            return Top::Nothing;
        }
        state.convo.with(|c| {
            if c.is_empty() {
                Top::Empty
            } else if c.complete() {
                Top::End
            } else if c.full() {
                Top::Full
            } else {
                Top::More
            }
        })
    });
    let status = move || {
        match top.get() {
        Top::Failed(e) => view! { <ErrorView error=e on_retry=move |_| state.retry()/> }.into_any(),
        Top::Loading => {
            view! { <p class="chat-status" role="status">{tr(i18n, |i| t_string!(i, chat_loading))}</p> }.into_any()
        }
        Top::Nothing => ().into_any(),
        Top::Empty => {
            view! { <p class="chat-empty" role="status">{tr(i18n, |i| t_string!(i, chat_empty))}</p> }.into_any()
        }
        Top::End => view! { <p class="chat-end" role="status">{tr(i18n, |i| t_string!(i, chat_end))}</p> }.into_any(),
        Top::Full => {
            let max = MAX_LOADED.to_string();
            let words = move || fill(t_string!(i18n, chat_full), &[("count", max.as_str())]);
            view! { <p class="chat-full" role="status">{words}</p> }.into_any()
        }
        Top::More => view! {
            <Button variant=Variant::Text small=true attr:id="chat-load-older"
                on:click=move |_| state.load_older()>{tr(i18n, |i| t_string!(i, chat_load_older))}</Button>
        }
        .into_any(),
    }
    };

    view! {
        <Toolbar state=state needle=needle hits=hits hit=hit/>
        <div class="chat-scroll" node_ref=state.scroller tabindex="0" role="log"
            aria-label=tr(i18n, |i| t_string!(i, chat_messages_label)) aria-busy=move || state.loading.get().to_string()
            on:scroll=move |_| state.on_scroll()>
            <div class="chat-top">{status}</div>
            <div class="chat-list">
                <For each=rows key=|(k, _, d)| (k.clone(), d.clone()) children=move |(k, m, d)| {
                    let mine = k.clone();
                    let current = Signal::derive(move || hit.with(|c| c.as_deref() == Some(mine.as_str())));
                    view! { <MessageRow key=k msg=m day=d needle=needle.into() current=current customer=customer.clone()/> }
                }/>
            </div>
        </div>
    }
}
