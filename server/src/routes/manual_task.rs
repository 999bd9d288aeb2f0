//! Manual entry (手動錄入): customers typed in by hand, queued per sales
//! person. A "task" is one admin user's queue, its "details" the entries.
//! Error texts are the document's own (traditional characters included),
//! since integrators match on them.

use axum::extract::State;
use axum::Json;
use rusqlite::types::Value;
use rusqlite::TransactionBehavior;
use rusqlite::{params, Connection, OptionalExtension, Row};
use scrm_api::auth::DataReply;
use scrm_api::manual_task::{
    AddManualTaskBeforeAddFriendRequest, AddManualTaskRequest, DelManualTaskDetailRequest,
    DelManualTaskRequest, ManualEntry, ManualTaskDetailRequest, ManualTaskListRequest,
    ManualTaskOwner,
};
use scrm_api::page::{NestedPageReply, Page};
use scrm_api::time::Timestamp;
use scrm_api::validate::{
    add_manual_task_before_add_friend_server_msg, add_manual_task_server_msg,
};
use serde_json::Value as JsonValue;

use crate::auth::Session;
use crate::db::query::{paged, Paging, Where};
use crate::error::ApiError;
use crate::extract::{Body, Query};
use crate::phone;
use crate::routes::{check_len, ok_null, valid, OK_MSG};
use crate::state::AppState;
use crate::time::{now_ms, wall_clock};

pub const MSG_DETAIL_NEEDS_USER: &str = "指定查詢的任務詳情不能為空";
pub const MSG_DEL_NEEDS_USER: &str = "adminUserId為空";
pub const MSG_DEL_NEEDS_CUSTOMER: &str = "customerId為空";

fn nested<T>(items: Vec<T>, count: i64, paging: Paging) -> NestedPageReply<T> {
    NestedPageReply {
        code: Some(200),
        msg: Some(OK_MSG.into()),
        page: Page {
            items,
            count,
            page_no: paging.page_no,
            limit: Some(paging.limit),
        },
    }
}

/// `GET /wechat_api/customer/getManualTaskList`: the tenant's users that
/// have entries, optionally one user or one department.
pub async fn list(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<ManualTaskListRequest>,
) -> Result<Json<NestedPageReply<ManualTaskOwner>>, ApiError> {
    let paging = Paging::new(q.limit, q.page_no, 20, 500);
    let tenant = session.tenant_id;
    let reply = state
        .db
        .run(move |conn| {
            let mut w = Where::new();
            w.and("u.tenant_id = ?", [Value::Integer(tenant)]);
            w.and(
                "EXISTS (SELECT 1 FROM manual_entry e WHERE e.tenant_id = u.tenant_id AND e.admin_user_id = u.id)",
                [],
            );
            if let Some(id) = q.admin_user_id {
                w.and("u.id = ?", [Value::Integer(id)]);
            }
            if let Some(dept) = q.pepart_id {
                w.and("u.department_id = ?", [Value::Integer(dept)]);
            }
            let (items, count) = paged(
                conn,
                "FROM admin_user u",
                "SELECT u.id, u.real_name FROM admin_user u",
                &w,
                "u.id",
                paging,
                |r| {
                    Ok(ManualTaskOwner {
                        admin_user_id: r.get(0)?,
                        real_name: r.get(1)?,
                    })
                },
            )?;
            Ok(nested(items, count, paging))
        })
        .await?;
    Ok(Json(reply))
}

const ENTRY_COLUMNS: &str = "
    SELECT id, customer_name, customer_phone, address, company, create_time, last_update_time,
           nick_name, uin, admin_user_id, syn, user_name,
           xfield1, xfield2, xfield3, xfield4, xfield5, xfield6, xfield7, xfield8, xfield9, xfield10,
           dial_status, add_status, task_id, order_num, phone_geo, tags, assign_time, remarks, v1
      FROM manual_entry e";

/// Manual-entry times are wall-clock text in the document.
fn text_time(ms: Option<i64>) -> Option<Timestamp> {
    ms.and_then(wall_clock)
}

fn entry_row(r: &Row) -> rusqlite::Result<ManualEntry> {
    Ok(ManualEntry {
        customer_id: r.get(0)?,
        customer_name: r.get(1)?,
        customer_phone: r.get(2)?,
        address: r.get(3)?,
        company: r.get(4)?,
        create_time: text_time(r.get(5)?),
        last_update_time: text_time(r.get(6)?),
        nick_name: r.get(7)?,
        uin: r.get(8)?,
        admin_user_id: r.get(9)?,
        syn: r.get(10)?,
        user_name: r.get(11)?,
        xfield1: r.get(12)?,
        xfield2: r.get(13)?,
        xfield3: r.get(14)?,
        xfield4: r.get(15)?,
        xfield5: r.get(16)?,
        xfield6: r.get(17)?,
        xfield7: r.get(18)?,
        xfield8: r.get(19)?,
        xfield9: r.get(20)?,
        xfield10: r.get(21)?,
        dial_status: r.get(22)?,
        add_status: r.get(23)?,
        task_id: r.get(24)?,
        order_num: r.get(25)?,
        phone_geo: r.get(26)?,
        tags: r.get(27)?,
        assign_time: text_time(r.get(28)?),
        remarks: r.get(29)?,
        v1: r.get(30)?,
    })
}

/// `GET /wechat_api/customer/getManualTaskDetail`
pub async fn detail(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<ManualTaskDetailRequest>,
) -> Result<Json<NestedPageReply<ManualEntry>>, ApiError> {
    valid(q.validate_filters())?;
    let Some(owner) = q.admin_user_id else {
        return Err(ApiError::bad_request(MSG_DETAIL_NEEDS_USER));
    };
    let paging = Paging::new(q.limit, q.page_no, 20, 500);
    let tenant = session.tenant_id;
    let reply = state
        .db
        .run(move |conn| {
            let mut w = Where::new();
            w.and("e.tenant_id = ?", [Value::Integer(tenant)]);
            w.and("e.admin_user_id = ?", [Value::Integer(owner)]);
            if let Some(c) = q.company.as_deref() {
                w.contains(&["e.company"], c.trim());
            }
            if let Some(c) = q.customer_name.as_deref() {
                w.contains(&["e.customer_name"], c.trim());
            }
            if let Some(c) = q.user_name.as_deref() {
                w.contains(&["e.user_name"], c.trim());
            }
            if let Some(s) = q.dial_status {
                w.and("e.dial_status = ?", [Value::Integer(s)]);
            }
            if let Some(s) = q.add_status {
                w.and("e.add_status = ?", [Value::Integer(s)]);
            }
            let (items, count) = paged(
                conn,
                "FROM manual_entry e",
                ENTRY_COLUMNS,
                &w,
                "e.order_num, e.id",
                paging,
                entry_row,
            )?;
            Ok(nested(items, count, paging))
        })
        .await?;
    Ok(Json(reply))
}

/// `POST /wechat_api/customer/delManualTask`: every entry of one user.
/// Deleting a queue that is already empty succeeds (the end state is the same).
pub async fn delete_task(
    State(state): State<AppState>,
    session: Session,
    Body(req): Body<DelManualTaskRequest>,
) -> Result<Json<JsonValue>, ApiError> {
    let Some(owner) = req.admin_user_id else {
        return Err(ApiError::bad_request(MSG_DEL_NEEDS_USER));
    };
    let tenant = session.tenant_id;
    state
        .db
        .run(move |conn| {
            if !crate::routes::call::user_in_tenant(conn, tenant, owner)? {
                return Err(ApiError::not_found("用户不存在"));
            }
            conn.execute(
                "DELETE FROM manual_entry WHERE tenant_id = ?1 AND admin_user_id = ?2",
                params![tenant, owner],
            )?;
            Ok(())
        })
        .await?;
    Ok(ok_null())
}

/// `POST /wechat_api/customer/delManualTaskDetail`
pub async fn delete_detail(
    State(state): State<AppState>,
    session: Session,
    Body(req): Body<DelManualTaskDetailRequest>,
) -> Result<Json<JsonValue>, ApiError> {
    let Some(id) = req.customer_id else {
        return Err(ApiError::bad_request(MSG_DEL_NEEDS_CUSTOMER));
    };
    let tenant = session.tenant_id;
    let n = state
        .db
        .run(move |conn| {
            Ok(conn.execute(
                "DELETE FROM manual_entry WHERE tenant_id = ?1 AND id = ?2",
                params![tenant, id],
            )?)
        })
        .await?;
    if n == 0 {
        return Err(ApiError::not_found("记录不存在"));
    }
    Ok(ok_null())
}

fn next_order(conn: &Connection, tenant: i64, owner: i64) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT coalesce(max(order_num), 0) + 1 FROM manual_entry WHERE tenant_id = ?1 AND admin_user_id = ?2",
        params![tenant, owner],
        |r| r.get(0),
    )
}

/// `POST /wechat_api/customer/addManualTask`: a new entry in the caller's
/// queue, or the completion of the nameless entry that
/// addManualTaskBeforeAddFriend left for the same number. Every missing
/// required field is named at once, in the document's order and wording.
pub async fn add(
    State(state): State<AppState>,
    session: Session,
    Body(req): Body<AddManualTaskRequest>,
) -> Result<Json<JsonValue>, ApiError> {
    if let Some(msg) = add_manual_task_server_msg(&req) {
        return Err(ApiError::bad_request(msg));
    }
    valid(req.validate())?;
    check_len("v1", req.v1.as_deref(), 500)?;
    let tenant = session.tenant_id;
    let owner = session.user_id;
    state
        .db
        .run(move |conn| {
            let now = now_ms();
            // Immediate: the next queue position is read and taken atomically.
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let order = next_order(&tx, tenant, owner)?;
            let phone = phone::for_storage(req.customer_phone.as_deref().unwrap_or(""));
            // "Add WeChat before saving" left a nameless entry for this
            // number: finishing the entry fills that one in rather than
            // making a second entry for the same person.
            let placeholder: Option<i64> = tx
                .query_row(
                    "SELECT id FROM manual_entry WHERE tenant_id = ?1 AND admin_user_id = ?2
                        AND customer_phone = ?3 AND customer_name = '' ORDER BY id LIMIT 1",
                    params![tenant, owner, phone],
                    |r| r.get(0),
                )
                .optional()?;
            let id = match placeholder {
                Some(id) => id,
                None => {
                    tx.execute(
                        "INSERT INTO manual_entry (tenant_id, admin_user_id, customer_phone, create_time,
                            last_update_time)
                         VALUES (?1, ?2, ?3, ?4, ?4)",
                        params![tenant, owner, phone, now],
                    )?;
                    tx.last_insert_rowid()
                }
            };
            // One statement fills a new entry and completes a placeholder; an
            // empty userName or v1 keeps what the friend request stored.
            tx.execute(
                "UPDATE manual_entry SET customer_name = ?2, address = ?3, nick_name = ?4,
                    user_name = coalesce(nullif(?5, ''), user_name, ?5), company = ?6, tags = ?7, phone_geo = ?8,
                    xfield1 = ?9, xfield2 = ?10, xfield3 = ?11, xfield4 = ?12, xfield5 = ?13, xfield6 = ?14,
                    xfield7 = ?15, xfield8 = ?16, xfield9 = ?17, xfield10 = ?18,
                    v1 = coalesce(nullif(?19, ''), v1, ?19), order_num = ?20, assign_time = ?21,
                    last_update_time = ?21
                  WHERE id = ?1",
                params![
                    id,
                    req.customer_name.as_deref().map(str::trim),
                    req.address,
                    req.nick_name,
                    req.user_name,
                    req.company,
                    req.tags,
                    req.phone_geo.as_deref().map(str::trim),
                    req.xfield1,
                    req.xfield2,
                    req.xfield3,
                    req.xfield4,
                    req.xfield5,
                    req.xfield6,
                    req.xfield7,
                    req.xfield8,
                    req.xfield9,
                    req.xfield10,
                    req.v1,
                    order,
                    now
                ],
            )?;
            tx.commit()?;
            Ok(())
        })
        .await?;
    Ok(ok_null())
}

/// `POST /wechat_api/customer/addManualTaskBeforeAddFriend`: records the
/// friend request about to be sent. An entry of the caller's with the same
/// phone is updated (marked dialled, WeChat id and v1 saved); otherwise a
/// new one is made. Answers the entry.
pub async fn add_before_add_friend(
    State(state): State<AppState>,
    session: Session,
    Body(req): Body<AddManualTaskBeforeAddFriendRequest>,
) -> Result<Json<DataReply<Option<ManualEntry>>>, ApiError> {
    if let Some(msg) = add_manual_task_before_add_friend_server_msg(&req) {
        return Err(ApiError::bad_request(msg));
    }
    valid(req.validate())?;
    check_len("v1", req.v1.as_deref(), 500)?;
    let tenant = session.tenant_id;
    let owner = session.user_id;
    let entry = state
        .db
        .run(move |conn| {
            let phone = phone::for_storage(req.customer_phone.as_deref().unwrap_or(""));
            let user_name = req
                .user_name
                .clone()
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| phone.clone());
            let now = now_ms();
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let existing: Option<i64> = tx
                .query_row(
                    "SELECT id FROM manual_entry WHERE tenant_id = ?1 AND admin_user_id = ?2 AND customer_phone = ?3
                     ORDER BY id LIMIT 1",
                    params![tenant, owner, phone],
                    |r| r.get(0),
                )
                .optional()?;
            let id = match existing {
                Some(id) => {
                    tx.execute(
                        "UPDATE manual_entry SET user_name = ?2, v1 = coalesce(?3, v1), uin = ?4, dial_status = 1,
                                last_update_time = ?5
                          WHERE id = ?1",
                        params![id, user_name, req.v1, req.uin, now],
                    )?;
                    id
                }
                None => {
                    tx.execute(
                        "INSERT INTO manual_entry (tenant_id, admin_user_id, customer_name, customer_phone, user_name,
                            uin, v1, phone_geo, dial_status, add_status, order_num, create_time, last_update_time)
                         VALUES (?1, ?2, '', ?3, ?4, ?5, coalesce(?6, ''), '', 1, 0, 0, ?7, ?7)",
                        params![tenant, owner, phone, user_name, req.uin, req.v1, now],
                    )?;
                    tx.last_insert_rowid()
                }
            };
            let entry = tx
                .query_row(
                    &format!("{ENTRY_COLUMNS} WHERE e.tenant_id = ?1 AND e.id = ?2"),
                    params![tenant, id],
                    entry_row,
                )
                .optional()?;
            tx.commit()?;
            Ok(entry)
        })
        .await?;
    Ok(Json(DataReply {
        code: Some(200),
        msg: Some(OK_MSG.into()),
        data: entry,
    }))
}
