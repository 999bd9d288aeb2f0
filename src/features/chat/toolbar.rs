//! The bar above a conversation: time range (kept in the URL), jump to a
//! date, search over the whole conversation and an export menu, in one row
//! that wraps on a phone. Icon buttons carry their words as accessible name
//! and tooltip; no action here is the view's primary one (reading is).
//!
//! A search the loaded messages cannot settle (the conversation goes back
//! further) first loads the older pages, as a job with progress and cancel,
//! then shows the first match; stepping moves between matches oldest first.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::core::template::fill;
use crate::features::chat::export::{export, Format};
use crate::features::chat::history::{hit_position, Conversation, MAX_LOADED};
use crate::features::chat::query::{valid_date, ChatQuery};
use crate::features::chat::state::ChatState;
use crate::platform::api_client::{use_api, ApiError};
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::job::Job;
use crate::platform::tr::tr;
use crate::ui::button::IconButton;
use crate::ui::error_view::describe;
use crate::ui::icon::glyph;
use crate::ui::menu::Menu;
use crate::ui::progress::JobProgress;

#[component]
pub fn Toolbar(
    state: ChatState,
    needle: RwSignal<String>,
    hits: Memo<Vec<usize>>,
    /// The key of the current match.
    hit: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let api = StoredValue::new(use_api());
    let q = state.query();
    let ranged = q.from.is_some() || q.to.is_some();
    let from = RwSignal::new(q.from.clone().unwrap_or_default());
    let to = RwSignal::new(q.to.clone().unwrap_or_default());
    let jump_date = RwSignal::new(String::new());
    // Each job is stopped by its cancel button, by starting it again and by
    // leaving the conversation (the view owns them).
    let search_job = Job::new();
    let export_job = Job::new();

    let nav = navigate.clone();
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let next = ChatQuery {
            from: valid_date(&from.get_untracked()),
            to: valid_date(&to.get_untracked()),
            ..state.query()
        };
        nav(&next.path(), Default::default());
    };
    let clear = move |_| {
        let next = ChatQuery {
            from: None,
            to: None,
            ..state.query()
        };
        navigate(&next.path(), Default::default());
    };
    let jump = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(d) = valid_date(&jump_date.get_untracked()) {
            state.jump(d);
        }
    };
    let step = move |forward: bool| {
        let n = hits.with_untracked(Vec::len);
        if n == 0 {
            return;
        }
        let at = hit.with_untracked(|key| {
            let key = key.as_deref()?;
            hits.with_untracked(|h| state.convo.with_untracked(|c| hit_position(c, h, key)))
        });
        let next = match (at, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(p), true) => (p + 1) % n,
            (Some(p), false) => (p + n - 1) % n,
        };
        let Some(i) = hits.with_untracked(|h| h.get(next).copied()) else {
            return;
        };
        hit.set(state.convo.with_untracked(|c| c.key(i).map(str::to_owned)));
        state.show(i);
    };
    // Searches the whole conversation: older pages first while there are
    // any (a new search restarts that), then the first or last match.
    let find = move |forward: bool| {
        if needle.with_untracked(|n| n.trim().is_empty()) {
            return;
        }
        if !state.convo.with_untracked(Conversation::more) {
            step(forward);
            return;
        }
        search_job.start(move |progress| async move {
            match state.load_all(progress).await {
                Ok(()) => {
                    step(forward);
                    if state.convo.with_untracked(Conversation::full) {
                        let max = MAX_LOADED.to_string();
                        search_job.say(fill(
                            t_string!(i18n, chat_search_capped),
                            &[("count", max.as_str())],
                        ));
                    }
                }
                Err(ApiError::Aborted) => {}
                Err(e) => search_job.say(describe(i18n, &e)),
            }
        });
    };
    let on_search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        find(true);
    };
    let start_export = move |format: Format| {
        let (api, query) = (api.get_value(), state.query());
        export_job.start(move |progress| export(i18n, api, query, format, export_job, progress));
    };
    let count = move || {
        let n = hits.with(Vec::len);
        if needle.with(|s| s.trim().is_empty()) {
            String::new()
        } else if n == 0 {
            t_string!(i18n, chat_search_none).to_string()
        } else {
            let at = hit.with(|key| {
                let key = key.as_deref()?;
                hits.with(|h| state.convo.with(|c| hit_position(c, h, key)))
            });
            format!("{}/{n}", at.map_or(0, |p| p + 1))
        }
    };

    view! {
        <div class="chat-toolbar">
            <form class="chat-filter" on:submit=apply>
                <span class="chat-range">
                    <label for="chat-from" class="visually-hidden">{tr(i18n, |i| t_string!(i, chat_from))}</label>
                    <input id="chat-from" type="date" bind:value=from/>
                    <span aria-hidden="true">"–"</span>
                    <label for="chat-to" class="visually-hidden">{tr(i18n, |i| t_string!(i, chat_to))}</label>
                    <input id="chat-to" type="date" bind:value=to/>
                </span>
                <IconButton glyph=glyph::FILTER label=tr(i18n, |i| t_string!(i, chat_filter_apply))
                    attr:id="chat-filter-apply" attr:r#type="submit"/>
                {ranged.then(|| view! {
                    <IconButton glyph=glyph::CLOSE label=tr(i18n, |i| t_string!(i, chat_filter_clear))
                        attr:id="chat-filter-clear" on:click=clear/>
                })}
            </form>
            <form class="chat-jump" on:submit=jump>
                <label for="chat-jump-date" class="visually-hidden">{tr(i18n, |i| t_string!(i, chat_jump))}</label>
                <input id="chat-jump-date" type="date" bind:value=jump_date/>
                <IconButton glyph=glyph::GO_TO_DATE label=tr(i18n, |i| t_string!(i, chat_jump_go))
                    attr:id="chat-jump-go" attr:r#type="submit"/>
                <Show when=move || state.jump_missed.get()>
                    <span class="chat-jump-missed" role="status">{tr(i18n, |i| t_string!(i, chat_jump_none))}</span>
                </Show>
            </form>
            <form class="chat-search" role="search" on:submit=on_search>
                <label for="chat-search" class="visually-hidden">{tr(i18n, |i| t_string!(i, chat_search))}</label>
                <input id="chat-search" type="search" placeholder=tr(i18n, |i| t_string!(i, chat_search))
                    prop:value=move || needle.get()
                    on:input=move |ev| { hit.set(None); needle.set(event_target_value(&ev)); }/>
                <IconButton glyph=glyph::EARLIER label=tr(i18n, |i| t_string!(i, chat_search_prev))
                    attr:id="chat-search-prev" on:click=move |_| find(false)/>
                <IconButton glyph=glyph::LATER label=tr(i18n, |i| t_string!(i, chat_search_next))
                    attr:id="chat-search-next" attr:r#type="submit"/>
                <span id="chat-search-count" aria-live="polite">{count}</span>
            </form>
            <Menu id="chat-export" label=tr(i18n, |i| t_string!(i, chat_export)) glyph=glyph::DOWNLOAD
                class="menu-end chat-export">
                <button type="button" id="chat-export-text" disabled=move || export_job.running()
                    on:click=move |_| start_export(Format::Text)>{tr(i18n, |i| t_string!(i, chat_export_text))}</button>
                <button type="button" id="chat-export-csv" disabled=move || export_job.running()
                    on:click=move |_| start_export(Format::Csv)>{tr(i18n, |i| t_string!(i, chat_export_csv))}</button>
            </Menu>
        </div>
        <div class="chat-jobs">
            <JobProgress job=search_job id="chat-search-job" label=tr(i18n, |i| t_string!(i, chat_search_progress))
                cancelled=tr(i18n, |i| t_string!(i, chat_search_cancelled))/>
            <JobProgress job=export_job id="chat-export" label=tr(i18n, |i| t_string!(i, export_progress))
                cancelled=tr(i18n, |i| t_string!(i, export_cancelled))/>
        </div>
    }
}
