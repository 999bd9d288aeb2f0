//! The clinic customer SDK under `/clinic_api/{functionName}`: GET reads,
//! POST JSON writes, `{errNum, errMsg}` replies (errNum 0 = success; on
//! failure errNum mirrors the HTTP status). Times are the SDK's China
//! wall-clock text, stored as such so they compare as text.

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use rusqlite::types::Value as Sql;
use rusqlite::TransactionBehavior;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};
use scrm_api::clinic::{
    appointment_type, AddAppointmentRequest, AddCustomerRequest, AppointmentListRequest,
    CancelAppointmentRequest, ChangeAppointmentRequest, CusIdRequest, CustomerInfoRequest,
    TelnumRequest,
};
use scrm_api::incremental::cut_len;
use scrm_api::time::Timestamp;
use serde_json::{json, Map, Value};

use crate::auth::Session;
use crate::error::{ApiError, ClinicError};
use crate::extract::{Body, Query};
use crate::phone;
use crate::routes::valid;
use crate::state::AppState;
use crate::time::{format_ms, now_ms};

/// Most records one incremental page carries (whole timestamp groups may exceed it).
pub const FEED_PAGE: usize = 200;

type Reply = Result<Json<Value>, ClinicError>;

/// Where the clinic family is mounted; the SDK's paths are `/{functionName}` below it.
pub const CLINIC_BASE: &str = "/clinic_api";

pub fn routes() -> Router<AppState> {
    use scrm_api::clinic::{
        AddCustomer, AddOneAppointment, CancelOneAppointment, ChangeOneAppointment,
        GetAppointmentList, GetCusInfoByCusId, GetCusInfoByCusTelnum, GetCustomerInfo,
    };
    use scrm_api::Endpoint;
    fn at(path: &str) -> String {
        format!("{CLINIC_BASE}{path}")
    }
    Router::new()
        .route(&at(GetCustomerInfo::PATH), get(get_customer_info))
        .route(&at(GetCusInfoByCusId::PATH), get(by_cus_id))
        .route(&at(GetCusInfoByCusTelnum::PATH), get(by_telnum))
        .route(&at(AddCustomer::PATH), post(add_customer))
        .route(&at(AddOneAppointment::PATH), post(add_appointment))
        .route(&at(ChangeOneAppointment::PATH), post(change_appointment))
        .route(&at(CancelOneAppointment::PATH), post(cancel_appointment))
        .route(&at(GetAppointmentList::PATH), get(appointment_list))
}

fn ok(mut fields: Map<String, Value>) -> Json<Value> {
    fields.insert("errNum".into(), json!(0));
    Json(Value::Object(fields))
}

fn no_customer() -> ApiError {
    ApiError::not_found("顾客不存在")
}

/// `138****1786`: the SDK never shows a follower's full number.
fn mask(tel: &str) -> String {
    let chars: Vec<char> = tel.chars().collect();
    if chars.len() < 7 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}****{tail}")
}

/// `GET /clinic_api/getcustomerinfo?openId=&wxappId=`
async fn get_customer_info(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<CustomerInfoRequest>,
) -> Reply {
    let (Some(open_id), Some(app)) = (q.open_id, q.wxapp_id) else {
        return Err(ApiError::bad_request("openId和wxappId不能为空").into());
    };
    let tenant = session.tenant_id;
    let found = state
        .db
        .run(move |conn| {
            Ok(conn
                .query_row(
                    "SELECT id, status, headimg, name, telnum FROM clinic_customer
                      WHERE tenant_id = ?1 AND open_id = ?2 AND wxappid = ?3 ORDER BY id LIMIT 1",
                    params![tenant, open_id, app],
                    |r| {
                        let tel: String = r.get(4)?;
                        Ok(json!({
                            "id": r.get::<_, i64>(0)?,
                            "status": r.get::<_, i64>(1)?,
                            "headImg": r.get::<_, Option<String>>(2)?,
                            "name": r.get::<_, String>(3)?,
                            "tel": if tel.is_empty() { Value::Null } else { json!(mask(&tel)) },
                        }))
                    },
                )
                .optional()?)
        })
        .await?;
    let info = found.ok_or_else(no_customer)?;
    let mut m = Map::new();
    m.insert("customerInfo".into(), info);
    Ok(ok(m))
}

const CUSTOMER_SELECT: &str = "
    SELECT c.id, c.name, c.telnum, c.telnum1, c.birthday, c.sex, c.description, c.wx_last_op_time,
           c.uid, c.channel_id, c.consult_id, c.first_pre_consult_id, c.pre_consult_id, c.intention,
           c.is_big_order, c.points, c.commission, c.gold, c.stored_principal, c.stored_give, c.headimg,
           c.model, c.wx_scenes_bind, c.erp_id, c.owner_id, c.create_time,
           ch.name, u.name, fp.name, pc.name, co.name, ow.name
      FROM clinic_customer c
      LEFT JOIN clinic_channel ch ON ch.id = c.channel_id
      LEFT JOIN clinic_staff u ON u.id = c.uid
      LEFT JOIN clinic_staff fp ON fp.id = c.first_pre_consult_id
      LEFT JOIN clinic_staff pc ON pc.id = c.pre_consult_id
      LEFT JOIN clinic_staff co ON co.id = c.consult_id
      LEFT JOIN clinic_staff ow ON ow.id = c.owner_id";

/// `{id, name}` of a linked person or channel, `null` when not set.
fn named(id: Option<i64>, name: Option<String>) -> Value {
    match (id, name) {
        (Some(id), Some(name)) => json!({ "id": id, "name": name }),
        _ => Value::Null,
    }
}

fn customer_record(r: &Row) -> rusqlite::Result<Value> {
    let uid: Option<i64> = r.get(8)?;
    let channel_id: Option<i64> = r.get(9)?;
    let consult_id: Option<i64> = r.get(10)?;
    let first_pre: Option<i64> = r.get(11)?;
    let pre: Option<i64> = r.get(12)?;
    let owner: Option<i64> = r.get(24)?;
    let scenes: Option<String> = r.get(22)?;
    Ok(json!({
        "id": r.get::<_, i64>(0)?,
        "name": r.get::<_, String>(1)?,
        "telnum": r.get::<_, String>(2)?,
        "telnum1": r.get::<_, Option<String>>(3)?,
        "birthday": r.get::<_, Option<String>>(4)?,
        "sex": r.get::<_, i64>(5)?,
        "description": r.get::<_, Option<String>>(6)?,
        "wxLastOpTime": r.get::<_, Option<String>>(7)?,
        "uid": uid,
        "channelId": channel_id,
        "consultId": consult_id,
        "firstPreConsultId": first_pre,
        "preConsultId": pre,
        "intention": r.get::<_, Option<i64>>(13)?,
        "isBigOrder": r.get::<_, i64>(14)?,
        "points": r.get::<_, i64>(15)?,
        "commission": r.get::<_, String>(16)?,
        "gold": r.get::<_, String>(17)?,
        "storedPrincipal": r.get::<_, String>(18)?,
        "storedGive": r.get::<_, String>(19)?,
        "headimg": r.get::<_, Option<String>>(20)?,
        "model": r.get::<_, i64>(21)?,
        "wxScenesBind": scenes.and_then(|s| serde_json::from_str::<Value>(&s).ok()),
        "erpId": r.get::<_, Option<i64>>(23)?,
        "ownerId": owner,
        "createTime": r.get::<_, String>(25)?,
        "channel": named(channel_id, r.get(26)?),
        "user": named(uid, r.get(27)?),
        "firstpreconsult": named(first_pre, r.get(28)?),
        "preconsult": named(pre, r.get(29)?),
        "consult": named(consult_id, r.get(30)?),
        "owner": named(owner, r.get(31)?),
    }))
}

fn customer_reply(found: Option<Value>) -> Reply {
    let info = found.ok_or_else(no_customer)?;
    let mut m = Map::new();
    m.insert("customerInfo".into(), info);
    Ok(ok(m))
}

/// `GET /clinic_api/getCusInfoByCusId?cusId=`
async fn by_cus_id(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<CusIdRequest>,
) -> Reply {
    let Some(id) = q.cus_id else {
        return Err(ApiError::bad_request("cusId不能为空").into());
    };
    let tenant = session.tenant_id;
    let found = state
        .db
        .run(move |conn| {
            Ok(conn
                .query_row(
                    &format!("{CUSTOMER_SELECT} WHERE c.tenant_id = ?1 AND c.id = ?2"),
                    params![tenant, id],
                    customer_record,
                )
                .optional()?)
        })
        .await?;
    customer_reply(found)
}

/// `GET /clinic_api/getCusInfoByCusTelnum?telnum=`: verified or unverified
/// number; the newest customer when several share it.
async fn by_telnum(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<TelnumRequest>,
) -> Reply {
    let Some(tel) = q.telnum.as_deref().map(phone::normalize) else {
        return Err(ApiError::bad_request("telnum不能为空").into());
    };
    let tenant = session.tenant_id;
    let found = state
        .db
        .run(move |conn| find_by_tel(conn, tenant, &tel))
        .await?;
    customer_reply(found)
}

fn find_by_tel(conn: &Connection, tenant: i64, tel: &str) -> Result<Option<Value>, ApiError> {
    Ok(conn
        .query_row(
            &format!(
                "{CUSTOMER_SELECT} WHERE c.tenant_id = ?1 AND (c.telnum = ?2 OR c.telnum1 = ?2)
                 ORDER BY c.id DESC LIMIT 1"
            ),
            params![tenant, tel],
            customer_record,
        )
        .optional()?)
}

fn id_by_tel(conn: &Connection, tenant: i64, tel: &str) -> Result<Option<i64>, ApiError> {
    Ok(conn
        .query_row(
            "SELECT id FROM clinic_customer WHERE tenant_id = ?1 AND (telnum = ?2 OR telnum1 = ?2)
             ORDER BY id DESC LIMIT 1",
            params![tenant, tel],
            |r| r.get(0),
        )
        .optional()?)
}

/// Staff and channels are referred to by name and created on first use.
fn named_id(
    conn: &Connection,
    table: &str,
    tenant: i64,
    name: Option<&str>,
) -> Result<Option<i64>, ApiError> {
    let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else {
        return Ok(None);
    };
    // `table` is one of two constants below, never request text.
    conn.execute(
        &format!("INSERT OR IGNORE INTO {table} (tenant_id, name) VALUES (?1, ?2)"),
        params![tenant, name],
    )?;
    Ok(Some(conn.query_row(
        &format!("SELECT id FROM {table} WHERE tenant_id = ?1 AND name = ?2"),
        params![tenant, name],
        |r| r.get(0),
    )?))
}

/// `POST /clinic_api/addCustomer`: answers `cusId` (a reference-server addition).
async fn add_customer(
    State(state): State<AppState>,
    session: Session,
    Body(req): Body<AddCustomerRequest>,
) -> Reply {
    valid(req.validate())?;
    let erp_id = match req
        .erp_id
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        Some(e) => Some(
            e.parse::<i64>()
                .map_err(|_| ApiError::bad_request("erpId须为不超过11位的数字"))?,
        ),
        None => None,
    };
    let tenant = session.tenant_id;
    let id = state
        .db
        .run(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            if let Some(erp) = erp_id {
                let taken: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM clinic_customer WHERE tenant_id = ?1 AND erp_id = ?2)",
                    params![tenant, erp],
                    |r| r.get(0),
                )?;
                if taken {
                    return Err(ApiError::new(axum::http::StatusCode::CONFLICT, "erpId已存在"));
                }
            }
            let channel = named_id(&tx, "clinic_channel", tenant, req.channel_name.as_deref())?;
            let channel_user = named_id(&tx, "clinic_staff", tenant, req.channel_user_name.as_deref())?;
            let pre = named_id(&tx, "clinic_staff", tenant, req.pre_consult_name.as_deref())?;
            let owner = named_id(&tx, "clinic_staff", tenant, req.owner_name.as_deref())?;
            let tel = phone::for_storage(req.telnum.as_deref().unwrap_or(""));
            let birthday = req.birthday.as_deref().filter(|b| !b.is_empty());
            tx.execute(
                "INSERT INTO clinic_customer (tenant_id, erp_id, status, name, telnum, birthday, sex, description,
                    uid, channel_id, first_pre_consult_id, pre_consult_id, owner_id, model, create_time)
                 VALUES (?1, ?2, 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11, 0, ?12)",
                params![
                    tenant,
                    erp_id,
                    req.name.as_deref().map(str::trim),
                    tel,
                    birthday,
                    req.sex.unwrap_or(0),
                    req.description,
                    channel_user,
                    channel,
                    pre,
                    owner,
                    format_ms(now_ms())
                ],
            )?;
            let id = tx.last_insert_rowid();
            tx.commit()?;
            Ok(id)
        })
        .await?;
    let mut m = Map::new();
    m.insert("cusId".into(), json!(id));
    Ok(ok(m))
}

fn wall(t: &Timestamp) -> String {
    format_ms(t.epoch_ms())
}

/// `POST /clinic_api/addOneAppointment`
async fn add_appointment(
    State(state): State<AppState>,
    session: Session,
    Body(req): Body<AddAppointmentRequest>,
) -> Reply {
    valid(req.validate())?;
    let tenant = session.tenant_id;
    let user = session.user_id;
    let id = state
        .db
        .run(move |conn| {
            let cus_id = match (req.cus_id, req.telnum.as_deref().filter(|t| !t.trim().is_empty())) {
                (Some(id), _) => conn
                    .query_row(
                        "SELECT id FROM clinic_customer WHERE tenant_id = ?1 AND id = ?2",
                        params![tenant, id],
                        |r| r.get::<_, i64>(0),
                    )
                    .optional()?,
                (None, Some(tel)) => id_by_tel(conn, tenant, &phone::normalize(tel))?,
                (None, None) => None,
            };
            let cus_id = cus_id.ok_or_else(no_customer)?;
            let team = req
                .team_id
                .clone()
                .filter(|t| !t.trim().is_empty())
                .unwrap_or_else(|| tenant.to_string());
            conn.execute(
                "INSERT INTO clinic_appointment (tenant_id, team_id, cus_id, u_id, type, content, comment, create_time,
                    appointment_time, appointment_time1, p_id, doctor_id, technician_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                params![
                    tenant,
                    team,
                    cus_id,
                    user,
                    req.kind.unwrap_or(appointment_type::CUSTOMER_ONLINE),
                    req.content.unwrap_or_default(),
                    req.comment.unwrap_or_default(),
                    format_ms(now_ms()),
                    req.appointment_time.as_ref().map(wall),
                    req.appointment_time1.as_ref().map(wall),
                    req.p_id.filter(|p| !p.trim().is_empty()),
                    req.doctor_id,
                    req.technician_id
                ],
            )?;
            Ok(conn.last_insert_rowid())
        })
        .await?;
    let mut m = Map::new();
    m.insert("appointmentId".into(), json!(id));
    Ok(ok(m))
}

struct Current {
    kind: i64,
    start: Option<String>,
    end: Option<String>,
    cancelled: bool,
    completed: bool,
}

fn current(conn: &Connection, tenant: i64, id: i64) -> Result<Current, ApiError> {
    conn.query_row(
        "SELECT type, appointment_time, appointment_time1, cancel_time IS NOT NULL, complete_time IS NOT NULL
           FROM clinic_appointment WHERE tenant_id = ?1 AND id = ?2",
        params![tenant, id],
        |r| {
            Ok(Current {
                kind: r.get(0)?,
                start: r.get(1)?,
                end: r.get(2)?,
                cancelled: r.get(3)?,
                completed: r.get(4)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| ApiError::not_found("预约不存在"))
}

/// `POST /clinic_api/changeOneAppointment`: `id` plus the fields that change.
async fn change_appointment(
    State(state): State<AppState>,
    session: Session,
    Body(req): Body<ChangeAppointmentRequest>,
) -> Reply {
    valid(req.validate())?;
    let Some(id) = req.id else {
        return Err(ApiError::bad_request("id不能为空").into());
    };
    let tenant = session.tenant_id;
    state
        .db
        .run(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let cur = current(&tx, tenant, id)?;
            if cur.cancelled {
                return Err(ApiError::bad_request("预约已取消,不能修改"));
            }
            if cur.completed {
                return Err(ApiError::bad_request("预约已完成,不能修改"));
            }
            let kind = req.kind.unwrap_or(cur.kind);
            if req.doctor_id.is_some() && kind != appointment_type::SURGERY {
                return Err(ApiError::bad_request("doctorId仅用于手术预约(type=1)"));
            }
            let start = req.appointment_time.as_ref().map(wall).or(cur.start);
            let end = req.appointment_time1.as_ref().map(wall).or(cur.end);
            if let (Some(s), Some(e)) = (&start, &end) {
                if e < s {
                    return Err(ApiError::bad_request("预约结束时间不能早于开始时间"));
                }
            }
            tx.execute(
                "UPDATE clinic_appointment SET
                    team_id = coalesce(?3, team_id), type = ?4, content = coalesce(?5, content),
                    comment = coalesce(?6, comment), appointment_time = ?7, appointment_time1 = ?8,
                    p_id = coalesce(?9, p_id), doctor_id = coalesce(?10, doctor_id),
                    technician_id = coalesce(?11, technician_id)
                  WHERE tenant_id = ?1 AND id = ?2",
                params![
                    tenant,
                    id,
                    req.team_id.filter(|t| !t.trim().is_empty()),
                    kind,
                    req.content,
                    req.comment,
                    start,
                    end,
                    req.p_id,
                    req.doctor_id,
                    req.technician_id
                ],
            )?;
            tx.commit()?;
            Ok(())
        })
        .await?;
    Ok(ok(Map::new()))
}

/// `POST /clinic_api/cancelOneAppointment`
async fn cancel_appointment(
    State(state): State<AppState>,
    session: Session,
    Body(req): Body<CancelAppointmentRequest>,
) -> Reply {
    valid(req.validate())?;
    let Some(id) = req.id else {
        return Err(ApiError::bad_request("id不能为空").into());
    };
    let tenant = session.tenant_id;
    state
        .db
        .run(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let cur = current(&tx, tenant, id)?;
            if cur.cancelled {
                return Err(ApiError::bad_request("预约已取消"));
            }
            if cur.completed {
                return Err(ApiError::bad_request("预约已完成,不能取消"));
            }
            tx.execute(
                "UPDATE clinic_appointment SET cancel_time = ?3, cancel_comment = ?4
                  WHERE tenant_id = ?1 AND id = ?2",
                params![
                    tenant,
                    id,
                    format_ms(now_ms()),
                    req.comment.unwrap_or_default()
                ],
            )?;
            tx.commit()?;
            Ok(())
        })
        .await?;
    Ok(ok(Map::new()))
}

const APPT_COLUMNS: &str =
    "id, team_id, cus_id, u_id, comment, content, create_time, appointment_time,
    appointment_time1, cancel_time, complete_time, type, doctor_id, p_id, technician_id";

/// The SDK's PHP sends every column as a string (or null), as its example shows.
fn appointment_row(r: &Row) -> rusqlite::Result<Value> {
    let s = |v: Option<i64>| {
        v.map(|n| Value::String(n.to_string()))
            .unwrap_or(Value::Null)
    };
    Ok(json!({
        "id": s(r.get(0)?),
        "teamId": r.get::<_, String>(1)?,
        "cusId": s(r.get(2)?),
        "uId": s(r.get(3)?),
        "comment": r.get::<_, String>(4)?,
        "content": r.get::<_, String>(5)?,
        "createTime": r.get::<_, String>(6)?,
        "appointmentTime": r.get::<_, Option<String>>(7)?,
        "appointmentTime1": r.get::<_, Option<String>>(8)?,
        "cancelTime": r.get::<_, Option<String>>(9)?,
        "completeTime": r.get::<_, Option<String>>(10)?,
        "type": s(r.get(11)?),
        "doctorId": s(r.get(12)?),
        "pId": r.get::<_, Option<String>>(13)?,
        "technicianId": s(r.get(14)?),
    }))
}

/// One incremental feed under the shared rule (`scrm_api::incremental`):
/// records with `column >= since` by `(column, id)`, cut only between
/// groups of equal times. Answers the total at or after `since` and the page.
fn feed(
    conn: &Connection,
    tenant: i64,
    column: &str,
    since: &Timestamp,
    cus_id: Option<i64>,
) -> Result<(i64, Vec<Value>), ApiError> {
    let epoch = |text: &str| Timestamp::parse(text).map(|t| t.epoch_ms());
    let since_text = wall(since);
    let cus_clause = if cus_id.is_some() {
        " AND cus_id = ?"
    } else {
        ""
    };
    let base = |extra: &str, limit: &str| {
        format!(
            "SELECT {APPT_COLUMNS}, {column} FROM clinic_appointment
              WHERE tenant_id = ? AND {column} IS NOT NULL{cus_clause} AND {extra}
              ORDER BY {column}, id{limit}"
        )
    };
    let with = |more: &[Sql]| {
        let mut v = vec![Sql::Integer(tenant)];
        if let Some(c) = cus_id {
            v.push(Sql::Integer(c));
        }
        v.extend_from_slice(more);
        v
    };
    let total: i64 = conn.query_row(
        &format!(
            "SELECT count(*) FROM clinic_appointment WHERE tenant_id = ? AND {column} IS NOT NULL{cus_clause} AND {column} >= ?"
        ),
        params_from_iter(with(&[Sql::Text(since_text.clone())]).iter()),
        |r| r.get(0),
    )?;
    let collect = |sql: String, values: Vec<Sql>| -> Result<Vec<(String, i64, Value)>, ApiError> {
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt
            .query_map(params_from_iter(values.iter()), |r| {
                Ok((
                    r.get::<_, String>(15)?,
                    r.get::<_, i64>(0)?,
                    appointment_row(r)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    };
    let mut rows = collect(
        base(&format!("{column} = ?"), ""),
        with(&[Sql::Text(since_text.clone())]),
    )?;
    let newer = collect(
        base(&format!("{column} > ?"), " LIMIT ?"),
        with(&[
            Sql::Text(since_text.clone()),
            Sql::Integer(FEED_PAGE as i64),
        ]),
    )?;
    let full = newer.len() == FEED_PAGE;
    let last = newer.last().map(|(t, id, _)| (t.clone(), *id));
    rows.extend(newer);
    if let (true, Some((t, id))) = (full, last) {
        // Complete the group the LIMIT may have cut.
        rows.extend(collect(
            base(&format!("{column} = ? AND id > ?"), ""),
            with(&[Sql::Text(t), Sql::Integer(id)]),
        )?);
    }
    let times: Vec<i64> = rows
        .iter()
        .map(|(t, _, _)| epoch(t).unwrap_or(i64::MIN))
        .collect();
    let keep = cut_len(&times, epoch(&since_text), FEED_PAGE);
    rows.truncate(keep);
    Ok((total, rows.into_iter().map(|(_, _, v)| v).collect()))
}

/// `GET /clinic_api/getAppointmentList`: four independent incremental
/// feeds; a feed whose `last*Time` is absent comes back empty with total "0".
async fn appointment_list(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<AppointmentListRequest>,
) -> Reply {
    let tenant = session.tenant_id;
    let m = state
        .db
        .run(move |conn| {
            let mut m = Map::new();
            for (since, column, total_key, list_key) in [
                (
                    &q.last_create_time,
                    "create_time",
                    "createTotal",
                    "createList",
                ),
                (
                    &q.last_complete_time,
                    "complete_time",
                    "completeTotal",
                    "completeList",
                ),
                (
                    &q.last_appoint_time,
                    "appointment_time",
                    "appointmentTotal",
                    "appointmentList",
                ),
                (
                    &q.last_cancel_time,
                    "cancel_time",
                    "cancelTotal",
                    "cancelList",
                ),
            ] {
                let (total, list) = match since {
                    Some(t) => feed(conn, tenant, column, t, q.cus_id)?,
                    None => (0, Vec::new()),
                };
                m.insert(total_key.into(), json!(total.to_string()));
                m.insert(list_key.into(), Value::Array(list));
            }
            Ok(m)
        })
        .await?;
    Ok(ok(m))
}
