//! Export of the whole conversation, not only the messages the view has
//! loaded: getRedisMessageRecord page by page ([`EXPORT_PAGE`] messages a
//! request, up to [`EXPORT_LIMIT`]), run as a `platform::job::Job` so the
//! page shows progress and a cancel button, and a cancel, a second export or
//! leaving the page aborts the request in flight and saves nothing. Each
//! page becomes text at once, kept by the browser (JS strings, not the wasm
//! heap); the pieces are put oldest first when the last page is in.

use scrm_api::chat::{ChatMessage, GetRedisMessageRecord, MessageKind};
use wasm_bindgen::JsValue;

use crate::core::template::fill;
use crate::features::chat::content::{duration, file_size, map_url};
use crate::features::chat::query::ChatQuery;
use crate::features::chat::transcript::{
    csv_rows, to_text, ExportLabels, Gathered, EXPORT_LIMIT, EXPORT_PAGE,
};
use crate::platform::api_client::ApiClient;
use crate::platform::dom;
use crate::platform::i18n::{t_string, Locale};
use crate::platform::job::{Job, Progress};
use crate::ui::error_view::describe;
use leptos_i18n::I18nContext;

/// The files a conversation exports to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Csv,
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

/// Pages through the conversation `query` names and offers it as a file;
/// says in `job` how it went.
pub async fn export(
    i18n: I18nContext<Locale>,
    api: ApiClient,
    query: ChatQuery,
    format: Format,
    job: Job,
    progress: Progress,
) {
    let sent = t_string!(i18n, chat_me).to_string();
    let received = query
        .name
        .clone()
        .unwrap_or_else(|| t_string!(i18n, chat_customer).to_string());
    let labels = ExportLabels {
        sent: &sent,
        received: &received,
    };
    let each = |m: &ChatMessage| summary(i18n, m);
    // One piece per page, newest page first until reversed at the end.
    let pieces = js_sys::Array::new();
    let mut gathered = Gathered::default();
    while let Some(page) = gathered.next_page() {
        let reply = api
            .call::<GetRedisMessageRecord>(&query.request_of(page, EXPORT_PAGE))
            .await;
        let reply = match reply {
            Ok(r) => r,
            Err(e) => {
                job.say(describe(i18n, &e));
                return;
            }
        };
        let total = reply.page.count;
        let fresh = gathered.take(reply.page.items, total);
        let piece = match format {
            Format::Csv => csv_rows(&fresh, &labels, each),
            Format::Text => to_text(&fresh, &labels, each),
        };
        pieces.push(&JsValue::from_str(&piece));
        let total = usize::try_from(total).unwrap_or(0).min(EXPORT_LIMIT);
        progress.set(gathered.kept() as u64, total as u64);
    }
    pieces.reverse();
    let (name, mime) = match format {
        Format::Csv => {
            let header = [
                t_string!(i18n, chat_col_id),
                t_string!(i18n, chat_col_time),
                t_string!(i18n, chat_col_sender),
                t_string!(i18n, chat_col_content),
            ];
            pieces.unshift(&JsValue::from_str(&scrm_api::csv::start(&header)));
            ("chat.csv", "text/csv;charset=utf-8")
        }
        Format::Text => ("chat.txt", "text/plain;charset=utf-8"),
    };
    let count = gathered.kept().to_string();
    job.say(if !dom::download(name, mime, &pieces) {
        t_string!(i18n, chat_export_failed).to_string()
    } else if gathered.capped() {
        fill(t_string!(i18n, chat_export_capped), &[("count", &count)])
    } else {
        fill(t_string!(i18n, chat_export_done), &[("count", &count)])
    });
}
