//! The controls above a conversation: time range (kept in the URL), jump to
//! a date, search in the loaded messages, export.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use scrm_api::chat::{ChatMessage, MessageKind};

use crate::features::chat::content::{duration, file_size, map_url};
use crate::features::chat::history::hit_position;
use crate::features::chat::query::{valid_date, ChatQuery};
use crate::features::chat::state::ChatState;
use crate::features::chat::transcript::{to_csv, to_text, ExportLabels};
use crate::platform::dom;
use crate::platform::i18n::{t_string, use_i18n, Locale};
use crate::platform::tr::tr;
use crate::ui::toast::{use_toasts, ToastKind};
use leptos_i18n::I18nContext;

/// Offers `text` as a download; false when the browser refused.
fn file(name: &str, mime: &str, text: &str) -> bool {
    dom::download(name, mime, &js_sys::Array::of1(&text.into()))
}

/// A one-line account of a message for the export, in the panel's language.
fn summary(i18n: I18nContext<Locale>, m: &ChatMessage) -> String {
    let content = m.content.clone().unwrap_or_default();
    let title = m.title.clone().unwrap_or_default();
    match m.kind() {
        MessageKind::Text | MessageKind::System | MessageKind::Recalled => content,
        MessageKind::Image => format!("[{}]", t_string!(i18n, chat_image)),
        MessageKind::Emoji => format!("[{}]", t_string!(i18n, chat_emoji)),
        MessageKind::Voice { duration_sec } => format!(
            "[{} {}]",
            t_string!(i18n, chat_voice),
            duration_sec.map(duration).unwrap_or_default()
        ),
        MessageKind::Video { duration_sec } => format!(
            "[{} {}]",
            t_string!(i18n, chat_video),
            duration_sec.map(duration).unwrap_or_default()
        ),
        MessageKind::Link => format!(
            "[{}] {title} {}",
            t_string!(i18n, chat_link),
            m.url.clone().unwrap_or_default()
        ),
        MessageKind::File { name, size } => format!(
            "[{}] {} {}",
            t_string!(i18n, chat_file),
            name.unwrap_or_default(),
            size.map(file_size).unwrap_or_default()
        ),
        MessageKind::MiniProgram => format!("[{}] {title}", t_string!(i18n, chat_mini_program)),
        MessageKind::ContactCard {
            name, wechat_id, ..
        } => format!(
            "[{}] {} {}",
            t_string!(i18n, chat_contact_card),
            name.unwrap_or_default(),
            wechat_id.unwrap_or_default()
        ),
        MessageKind::Location { place, address, at } => format!(
            "[{}] {} {} {}",
            t_string!(i18n, chat_location),
            place.clone().unwrap_or_default(),
            address.unwrap_or_default(),
            at.map(|a| map_url(&a, &place.unwrap_or_default()))
                .unwrap_or_default()
        ),
        MessageKind::Unsupported(code) => format!("{} ({code})", t_string!(i18n, chat_unsupported)),
    }
}

#[component]
pub fn Toolbar(
    state: ChatState,
    needle: RwSignal<String>,
    hits: Memo<Vec<usize>>,
    /// The key of the current match.
    hit: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let q = state.query();
    let from = RwSignal::new(q.from.clone().unwrap_or_default());
    let to = RwSignal::new(q.to.clone().unwrap_or_default());
    let jump_date = RwSignal::new(String::new());

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
    let on_search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        step(true);
    };
    let export = move |csv: bool| {
        let sent = t_string!(i18n, chat_me).to_string();
        let received = state
            .query()
            .name
            .unwrap_or_else(|| t_string!(i18n, chat_customer).to_string());
        let labels = ExportLabels {
            sent: &sent,
            received: &received,
        };
        let ok = state.convo.with_untracked(|c| {
            let each = |m: &ChatMessage| summary(i18n, m);
            if csv {
                let header = [
                    t_string!(i18n, chat_col_id).to_string(),
                    t_string!(i18n, chat_col_time).to_string(),
                    t_string!(i18n, chat_col_sender).to_string(),
                    t_string!(i18n, chat_col_content).to_string(),
                ];
                let header = [
                    header[0].as_str(),
                    header[1].as_str(),
                    header[2].as_str(),
                    header[3].as_str(),
                ];
                let body = to_csv(c.messages(), &labels, header, each);
                file("chat.csv", "text/csv;charset=utf-8", &body)
            } else {
                let body = to_text(c.messages(), &labels, each);
                file("chat.txt", "text/plain;charset=utf-8", &body)
            }
        });
        if !ok {
            toasts.push(ToastKind::Error, t_string!(i18n, chat_export_failed));
        }
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
                <label for="chat-from">{tr(i18n, |i| t_string!(i, chat_from))}</label>
                <input id="chat-from" type="date" bind:value=from/>
                <label for="chat-to">{tr(i18n, |i| t_string!(i, chat_to))}</label>
                <input id="chat-to" type="date" bind:value=to/>
                <button type="submit" id="chat-filter-apply">{tr(i18n, |i| t_string!(i, chat_filter_apply))}</button>
                <button type="button" id="chat-filter-clear" on:click=clear>{tr(i18n, |i| t_string!(i, chat_filter_clear))}</button>
            </form>
            <form class="chat-jump" on:submit=jump>
                <label for="chat-jump-date">{tr(i18n, |i| t_string!(i, chat_jump))}</label>
                <input id="chat-jump-date" type="date" bind:value=jump_date/>
                <button type="submit" id="chat-jump-go" class="secondary">{tr(i18n, |i| t_string!(i, chat_jump_go))}</button>
                <Show when=move || state.jump_missed.get()>
                    <span class="chat-jump-missed" role="status">{tr(i18n, |i| t_string!(i, chat_jump_none))}</span>
                </Show>
            </form>
            <form class="chat-search" role="search" on:submit=on_search>
                <label for="chat-search">{tr(i18n, |i| t_string!(i, chat_search))}</label>
                <input id="chat-search" type="search" prop:value=move || needle.get()
                    on:input=move |ev| { hit.set(None); needle.set(event_target_value(&ev)); }/>
                <button type="button" id="chat-search-prev" on:click=move |_| step(false)>{tr(i18n, |i| t_string!(i, chat_search_prev))}</button>
                <button type="submit" id="chat-search-next" class="secondary">{tr(i18n, |i| t_string!(i, chat_search_next))}</button>
                <span id="chat-search-count" aria-live="polite">{count}</span>
            </form>
            <div class="chat-export">
                <button type="button" id="chat-export-text" on:click=move |_| export(false)>{tr(i18n, |i| t_string!(i, chat_export_text))}</button>
                <button type="button" id="chat-export-csv" on:click=move |_| export(true)>{tr(i18n, |i| t_string!(i, chat_export_csv))}</button>
            </div>
        </div>
    }
}
