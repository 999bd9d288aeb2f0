//! Phone-call helpers: the per-user "pop up after a call" switch and the
//! caller lookup behind the pop-up.

use axum::extract::State;
use axum::Json;
use rusqlite::{params, Connection, OptionalExtension, Row};
use scrm_api::call::{CallCustomer, CustomerInfoByCallRequest, IsOpenReply, UpdateIsOpenRequest};
use scrm_api::time::Timestamp;
use serde_json::{json, Value};

use crate::auth::Session;
use crate::error::ApiError;
use crate::extract::{Body, Query};
use crate::phone::normalize;
use crate::routes::{ok_null, valid, OK_MSG};
use crate::state::AppState;

/// `GET /wechat_api/customer/getIsOpenAfterCall`
pub async fn get_is_open(
    State(state): State<AppState>,
    session: Session,
) -> Result<Json<IsOpenReply>, ApiError> {
    let user = session.user_id;
    let open: i64 = state
        .db
        .run(move |conn| {
            Ok(conn.query_row(
                "SELECT is_open_after_call FROM admin_user WHERE id = ?1",
                params![user],
                |r| r.get(0),
            )?)
        })
        .await?;
    Ok(Json(IsOpenReply {
        code: Some(200),
        msg: Some(OK_MSG.into()),
        data: Some(open),
    }))
}

/// `POST /wechat_api/customer/updateIsOpenAfterCall`
pub async fn update_is_open(
    State(state): State<AppState>,
    session: Session,
    Body(req): Body<UpdateIsOpenRequest>,
) -> Result<Json<Value>, ApiError> {
    valid(req.validate())?;
    let open = i64::from(req.is_open == Some(1));
    let user = session.user_id;
    state
        .db
        .run(move |conn| {
            conn.execute(
                "UPDATE admin_user SET is_open_after_call = ?2 WHERE id = ?1",
                params![user, open],
            )?;
            Ok(())
        })
        .await?;
    Ok(ok_null())
}

fn ts(ms: Option<i64>) -> Option<Timestamp> {
    ms.and_then(Timestamp::from_epoch_ms)
}

fn customer_hit(r: &Row) -> rusqlite::Result<CallCustomer> {
    Ok(CallCustomer {
        customer_id: r.get(0)?,
        customer_name: r.get(1)?,
        customer_phone: r.get(2)?,
        nick_name: r.get(3)?,
        remark_name: r.get(4)?,
        remarks: r.get(5)?,
        head_img_url: r.get(6)?,
        tags: r.get(7)?,
        wechat_contact_id: r.get(8)?,
        wechat_user_id: r.get(9)?,
        admin_user_id: r.get(10)?,
        xfield1: r.get(11)?,
        create_time: ts(r.get(12)?),
        last_update_time: ts(r.get(13)?),
        is_star: r.get(14)?,
        ..Default::default()
    })
}

/// The three places a number is looked up, in the document's order; the
/// first that knows it answers.
fn lookup(
    conn: &Connection,
    session: &Session,
    phone: &str,
) -> Result<(i64, Vec<CallCustomer>), ApiError> {
    let tenant = session.tenant_id;
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.customer_name, c.customer_phone, c.nick_name, wc.remark_name, c.remarks,
                wc.head_img_url,
                (SELECT group_concat(tag_id, ',' ORDER BY tag_id) FROM customer_tag WHERE customer_id = c.id),
                c.wechat_contact_id, wc.wechat_user_id, wu.admin_user_id, c.xfield1,
                c.create_time, c.last_update_time, wc.is_star
           FROM customer c
           LEFT JOIN wechat_contact wc ON wc.id = c.wechat_contact_id
           LEFT JOIN wechat_user wu ON wu.id = wc.wechat_user_id
          WHERE c.tenant_id = ?1 AND c.customer_phone IN (?2, ?3, ?4)
          ORDER BY c.last_update_time DESC, c.id DESC LIMIT 50",
    )?;
    let plus = format!("+86{phone}");
    let raw = format!("86{phone}");
    let hits = stmt
        .query_map(params![tenant, phone, plus, raw], customer_hit)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if !hits.is_empty() {
        return Ok((1, hits));
    }
    let mut stmt = conn.prepare_cached(
        "SELECT id, customer_name, customer_phone, company, remarks, admin_user_id, assign_time
           FROM pool_customer
          WHERE tenant_id = ?1 AND admin_user_id = ?2 AND customer_phone IN (?3, ?4, ?5)
          ORDER BY assign_time DESC, id DESC LIMIT 50",
    )?;
    let hits = stmt
        .query_map(params![tenant, session.user_id, phone, plus, raw], |r| {
            Ok(CallCustomer {
                customer_id: r.get(0)?,
                customer_name: r.get(1)?,
                customer_phone: r.get(2)?,
                company: r.get(3)?,
                remarks: r.get(4)?,
                admin_user_id: r.get(5)?,
                create_time: ts(r.get(6)?),
                ..Default::default()
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if !hits.is_empty() {
        return Ok((2, hits));
    }
    let mut stmt = conn.prepare_cached(
        "SELECT id, customer_name, customer_phone, nick_name, remarks, tags, company, address, phone_geo,
                user_name, uin, dial_status, add_status, xfield1, admin_user_id, create_time, last_update_time
           FROM manual_entry
          WHERE tenant_id = ?1 AND customer_phone IN (?2, ?3, ?4)
          ORDER BY last_update_time DESC, id DESC LIMIT 50",
    )?;
    let hits = stmt
        .query_map(params![tenant, phone, plus, raw], |r| {
            Ok(CallCustomer {
                customer_id: r.get(0)?,
                customer_name: r.get(1)?,
                customer_phone: r.get(2)?,
                nick_name: r.get(3)?,
                remarks: r.get(4)?,
                tags: r.get(5)?,
                company: r.get(6)?,
                address: r.get(7)?,
                phone_geo: r.get(8)?,
                user_name: r.get(9)?,
                uin: r.get(10)?,
                dial_status: r.get(11)?,
                add_status: r.get(12)?,
                xfield1: r.get(13)?,
                admin_user_id: r.get(14)?,
                create_time: ts(r.get(15)?),
                last_update_time: ts(r.get(16)?),
                ..Default::default()
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if !hits.is_empty() {
        return Ok((3, hits));
    }
    Ok((0, Vec::new()))
}

/// `GET /wechat_api/customer/getCustomerInfoByCall?phone=`: `source` 1
/// customer records, 2 the caller's assigned pool, 3 manual entries, 0 none
/// (then `customerList` is `null`, as in the document).
///
/// The document's reply examples for sources 1–3 are empty (only source 0
/// is shown), so the rows use the field names the rest of the document uses
/// for the same things: a source-1 row is a customerPage row (with `isStar`
/// of its WeChat contact, `1` starred, `0` not, as customerPage sends it),
/// a source-3 row a getManualTaskDetail row. A pool row (source 2) carries
/// only what the pool knows: no WeChat contact, so no `isStar`,
/// `wechatUserId` or `wechatContactId`.
pub async fn customer_info_by_call(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<CustomerInfoByCallRequest>,
) -> Result<Json<Value>, ApiError> {
    valid(q.validate())?;
    let Some(phone) = q.phone.as_deref().map(normalize).filter(|p| !p.is_empty()) else {
        return Err(ApiError::bad_request("phone不能为空"));
    };
    if phone.len() > 20 {
        return Err(ApiError::bad_request("phone格式不正确"));
    }
    let (source, list) = state
        .db
        .run(move |conn| lookup(conn, &session, &phone))
        .await?;
    let customer_list = if list.is_empty() {
        Value::Null
    } else {
        serde_json::to_value(list).map_err(ApiError::internal)?
    };
    Ok(Json(json!({
        "code": 200,
        "msg": OK_MSG,
        "data": { "source": source, "customerList": customer_list }
    })))
}

/// Whether a user exists in the tenant (used by handlers taking an adminUserId).
pub fn user_in_tenant(conn: &Connection, tenant: i64, user: i64) -> Result<bool, ApiError> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM admin_user WHERE tenant_id = ?1 AND id = ?2",
            params![tenant, user],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}
