//! Clinic customers: the follower summary by WeChat openId, the full record
//! by id or phone, and creation with staff and channels named on the fly.

use axum::http::StatusCode;
use rusqlite::{params, Connection, OptionalExtension, Row, TransactionBehavior};
use scrm_api::clinic::{AddCustomerRequest, ClinicCustomer, CustomerBrief};
use scrm_api::time::Timestamp;
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::phone;
use crate::time::{format_ms, now_ms};

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

/// The follower with this openId on this official account.
pub fn follower(
    conn: &Connection,
    tenant: i64,
    open_id: &str,
    wxapp_id: &str,
) -> Result<Option<CustomerBrief>, ApiError> {
    Ok(conn
        .query_row(
            "SELECT id, status, headimg, name, telnum FROM clinic_customer
              WHERE tenant_id = ?1 AND open_id = ?2 AND wxappid = ?3 ORDER BY id LIMIT 1",
            params![tenant, open_id, wxapp_id],
            |r| {
                let tel: String = r.get(4)?;
                Ok(CustomerBrief {
                    id: Some(r.get(0)?),
                    status: Some(r.get(1)?),
                    head_img: r.get(2)?,
                    name: Some(r.get(3)?),
                    tel: (!tel.is_empty()).then(|| mask(&tel)),
                })
            },
        )
        .optional()?)
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

/// `{id, name}` of a linked person or channel, `None` when not set. The SDK
/// does not describe these objects; this is the least a client can use.
fn named(id: Option<i64>, name: Option<String>) -> Option<Value> {
    match (id, name) {
        (Some(id), Some(name)) => Some(json!({ "id": id, "name": name })),
        _ => None,
    }
}

fn customer_record(r: &Row) -> rusqlite::Result<ClinicCustomer> {
    let uid: Option<i64> = r.get(8)?;
    let channel_id: Option<i64> = r.get(9)?;
    let consult_id: Option<i64> = r.get(10)?;
    let first_pre: Option<i64> = r.get(11)?;
    let pre: Option<i64> = r.get(12)?;
    let owner: Option<i64> = r.get(24)?;
    let scenes: Option<String> = r.get(22)?;
    let time = |text: Option<String>| text.as_deref().and_then(Timestamp::parse);
    Ok(ClinicCustomer {
        id: Some(r.get(0)?),
        name: Some(r.get(1)?),
        telnum: Some(r.get(2)?),
        telnum1: r.get(3)?,
        birthday: r.get(4)?,
        sex: Some(r.get(5)?),
        description: r.get(6)?,
        wx_last_op_time: time(r.get(7)?),
        uid,
        channel_id,
        consult_id,
        first_pre_consult_id: first_pre,
        pre_consult_id: pre,
        intention: r.get::<_, Option<i64>>(13)?.map(|i| i.to_string()),
        is_big_order: Some(r.get(14)?),
        points: Some(r.get::<_, i64>(15)?.to_string()),
        commission: Some(r.get(16)?),
        gold: Some(r.get(17)?),
        stored_principal: Some(r.get(18)?),
        stored_give: Some(r.get(19)?),
        headimg: r.get(20)?,
        model: Some(r.get(21)?),
        wx_scenes_bind: scenes.and_then(|s| serde_json::from_str(&s).ok()),
        erp_id: r.get(23)?,
        owner_id: owner,
        create_time: time(r.get(25)?),
        channel: named(channel_id, r.get(26)?),
        user: named(uid, r.get(27)?),
        firstpreconsult: named(first_pre, r.get(28)?),
        preconsult: named(pre, r.get(29)?),
        consult: named(consult_id, r.get(30)?),
        owner: named(owner, r.get(31)?),
    })
}

pub fn by_id(conn: &Connection, tenant: i64, id: i64) -> Result<Option<ClinicCustomer>, ApiError> {
    Ok(conn
        .query_row(
            &format!("{CUSTOMER_SELECT} WHERE c.tenant_id = ?1 AND c.id = ?2"),
            params![tenant, id],
            customer_record,
        )
        .optional()?)
}

/// By verified or unverified number; the newest customer when several share it.
pub fn by_tel(
    conn: &Connection,
    tenant: i64,
    tel: &str,
) -> Result<Option<ClinicCustomer>, ApiError> {
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

/// The customer an appointment is for: by id, else by phone (as [`by_tel`]
/// finds it).
pub fn id_of(
    conn: &Connection,
    tenant: i64,
    id: Option<i64>,
    tel: Option<&str>,
) -> Result<Option<i64>, ApiError> {
    let found = match (id, tel) {
        (Some(id), _) => conn
            .query_row(
                "SELECT id FROM clinic_customer WHERE tenant_id = ?1 AND id = ?2",
                params![tenant, id],
                |r| r.get(0),
            )
            .optional()?,
        (None, Some(tel)) => conn
            .query_row(
                "SELECT id FROM clinic_customer WHERE tenant_id = ?1 AND (telnum = ?2 OR telnum1 = ?2)
                 ORDER BY id DESC LIMIT 1",
                params![tenant, tel],
                |r| r.get(0),
            )
            .optional()?,
        (None, None) => None,
    };
    Ok(found)
}

/// Where staff and channels live; names are looked up in one of these only.
#[derive(Clone, Copy)]
enum Named {
    Staff,
    Channel,
}

/// Staff and channels are referred to by name and created on first use.
fn named_id(
    conn: &Connection,
    table: Named,
    tenant: i64,
    name: Option<&str>,
) -> Result<Option<i64>, ApiError> {
    let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else {
        return Ok(None);
    };
    let table = match table {
        Named::Staff => "clinic_staff",
        Named::Channel => "clinic_channel",
    };
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

/// Creates the customer (its member number `erp_id` unique in the tenant)
/// and answers its id.
pub fn add(
    conn: &mut Connection,
    tenant: i64,
    erp_id: Option<i64>,
    req: &AddCustomerRequest,
) -> Result<i64, ApiError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if let Some(erp) = erp_id {
        let taken: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM clinic_customer WHERE tenant_id = ?1 AND erp_id = ?2)",
            params![tenant, erp],
            |r| r.get(0),
        )?;
        if taken {
            return Err(ApiError::new(StatusCode::CONFLICT, "erpId已存在"));
        }
    }
    let channel = named_id(&tx, Named::Channel, tenant, req.channel_name.as_deref())?;
    let channel_user = named_id(&tx, Named::Staff, tenant, req.channel_user_name.as_deref())?;
    let pre = named_id(&tx, Named::Staff, tenant, req.pre_consult_name.as_deref())?;
    let owner = named_id(&tx, Named::Staff, tenant, req.owner_name.as_deref())?;
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
}
