//! Chat history (`getRedisMessageRecord`), newest first: page 1 holds the
//! latest messages, so the panel asks for page 2 when the user scrolls up.

use axum::extract::State;
use axum::Json;
use rusqlite::types::Value;
use scrm_api::chat::{ChatMessage, ChatRecordRequest};
use scrm_api::page::{Page, PageReply};
use scrm_api::time::Timestamp;

use crate::auth::Session;
use crate::db::query::{id_list, paged, Paging, Where};
use crate::error::ApiError;
use crate::extract::Query;
use crate::routes::OK_MSG;
use crate::state::AppState;
use crate::time::inclusive_end_ms;

/// `GET /wechat_api/message/getRedisMessageRecord`
pub async fn records(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<ChatRecordRequest>,
) -> Result<Json<PageReply<ChatMessage>>, ApiError> {
    let paging = Paging::new(q.limit, q.page_no, 20, 500);
    let tenant = session.tenant_id;
    let reply = state
        .db
        .run(move |conn| {
            let mut w = Where::new();
            w.and("m.tenant_id = ?", [Value::Integer(tenant)]);
            if let Some(admin) = q.admin_user_id {
                w.and("wu.admin_user_id = ?", [Value::Integer(admin)]);
            }
            if let Some(ids) = id_list(q.wechat_user_ids.as_deref()) {
                w.any_of("m.wechat_user_id", &ids);
            }
            if let Some(ids) = id_list(q.wechat_contact_ids.as_deref()) {
                w.any_of("m.wechat_contact_id", &ids);
            }
            if let Some(b) = &q.begin_time {
                w.and("m.create_time >= ?", [Value::Integer(b.epoch_ms())]);
            }
            if let Some(e) = &q.end_time {
                w.and(
                    "m.create_time <= ?",
                    [Value::Integer(inclusive_end_ms(e))],
                );
            }
            let from = "FROM chat_message m JOIN wechat_user wu ON wu.id = m.wechat_user_id";
            let (items, count) = paged(
                conn,
                from,
                &format!(
                    "SELECT m.id, m.wechat_user_id, m.wechat_contact_id, wu.admin_user_id, m.is_send, m.msg_type,
                        m.app_msg_type, m.content, m.media_url, m.thumb_url, m.title, m.description, m.url,
                        m.file_name, m.file_size, m.duration_sec, m.create_time
                   {from}"
                ),
                &w,
                "m.create_time DESC, m.id DESC",
                paging,
                |r| {
                    Ok(ChatMessage {
                        msg_id: Some(r.get::<_, i64>(0)?.to_string()),
                        wechat_user_id: r.get(1)?,
                        wechat_contact_id: r.get(2)?,
                        admin_user_id: r.get(3)?,
                        is_send: r.get(4)?,
                        msg_type: r.get(5)?,
                        app_msg_type: r.get(6)?,
                        content: r.get(7)?,
                        media_url: r.get(8)?,
                        thumb_url: r.get(9)?,
                        title: r.get(10)?,
                        description: r.get(11)?,
                        url: r.get(12)?,
                        file_name: r.get(13)?,
                        file_size: r.get(14)?,
                        duration_sec: r.get(15)?,
                        create_time: Timestamp::from_epoch_ms(r.get(16)?),
                    })
                },
            )?;
            Ok(PageReply {
                code: Some(200),
                msg: Some(OK_MSG.into()),
                page: Page {
                    items,
                    count,
                    page_no: paging.page_no,
                    limit: Some(paging.limit),
                },
            })
        })
        .await?;
    Ok(Json(reply))
}
