//! Customer module: list/export, edit, delete, personalised nicknames,
//! contacts by tag, and the tag list. Visibility is the caller's tenant:
//! every statement carries `tenant_id = ?` from the session, never from the request.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use rusqlite::types::Value;
use rusqlite::TransactionBehavior;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};
use scrm_api::auth::Ack;
use scrm_api::customer::{
    BatchSaveNickNameRequest, Customer, CustomerPageRequest, DeleteCustomerRequest,
    DownloadRequest, Entity, FindContactByTagAllRequest, LegacyPage, Tag, UpdateCustomerReply,
    UpdateCustomerRequest, WechatContact,
};
use scrm_api::page::{ListReply, Page, PageReply};
use scrm_api::time::Timestamp;
use serde_json::{json, Value as Json_};

use crate::auth::Session;
use crate::db::query::{id_list, paged, Paging, Where};
use crate::error::ApiError;
use crate::extract::{Body, Query};
use crate::routes::{valid, OK_MSG};
use crate::state::AppState;
use crate::time::{inclusive_end_ms, now_ms};

/// findcontactbytagAll has no paging in the document; this caps its reply.
pub const CONTACT_LIST_CAP: i64 = 5000;

/// The filters customerPage and downLoad share.
#[derive(Default)]
struct Filters<'a> {
    name: Option<&'a str>,
    phone: Option<&'a str>,
    tag_ids: Option<&'a str>,
    begin: Option<&'a Timestamp>,
    end: Option<&'a Timestamp>,
    remark: Option<&'a str>,
    wechat_user_id: Option<i64>,
    /// customerPage's `wechatContactId`, the reference server's addition.
    wechat_contact_id: Option<i64>,
}

fn customer_where(tenant: i64, f: &Filters) -> Where {
    let mut w = Where::new();
    w.and("c.tenant_id = ?", [Value::Integer(tenant)]);
    if let Some(name) = f.name {
        w.contains(&["c.customer_name"], name.trim());
    }
    if let Some(phone) = f.phone {
        w.contains(&["c.customer_phone"], phone.trim());
    }
    if let Some(ids) = id_list(f.tag_ids) {
        let marks = vec!["?"; ids.len().max(1)].join(", ");
        let mut values: Vec<Value> = ids.iter().map(|&i| Value::Integer(i)).collect();
        if values.is_empty() {
            values.push(Value::Null);
        }
        w.and(
            &format!(
                "EXISTS (SELECT 1 FROM customer_tag ct WHERE ct.customer_id = c.id AND ct.tag_id IN ({marks}))"
            ),
            values,
        );
    }
    if let Some(b) = f.begin {
        w.and("c.create_time >= ?", [Value::Integer(b.epoch_ms())]);
    }
    if let Some(e) = f.end {
        w.and("c.create_time <= ?", [Value::Integer(inclusive_end_ms(e))]);
    }
    if let Some(r) = f.remark {
        w.contains(&["c.remarks", "wc.remark_name"], r.trim());
    }
    if let Some(id) = f.wechat_user_id {
        w.and("wc.wechat_user_id = ?", [Value::Integer(id)]);
    }
    if let Some(id) = f.wechat_contact_id {
        w.and("c.wechat_contact_id = ?", [Value::Integer(id)]);
    }
    w
}

const CUSTOMER_FROM: &str = "
    FROM customer c
    LEFT JOIN wechat_contact wc ON wc.id = c.wechat_contact_id
    LEFT JOIN wechat_user wu ON wu.id = wc.wechat_user_id";

const CUSTOMER_COLUMNS: &str = "
    SELECT c.id, c.customer_name, c.customer_phone, c.nick_name, wc.remark_name, c.remarks,
           wc.head_img_url,
           (SELECT group_concat(tag_id, ',' ORDER BY tag_id) FROM customer_tag WHERE customer_id = c.id),
           (SELECT json_group_array(t.name ORDER BY t.id) FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id
             WHERE ct.customer_id = c.id),
           wc.is_star, c.wechat_contact_id, wc.wechat_user_id, wu.admin_user_id,
           c.create_time, c.last_update_time, c.xfield1, c.is_cust";

fn customer_row(r: &Row) -> rusqlite::Result<Customer> {
    let tag_names: Option<String> = r.get(8)?;
    Ok(Customer {
        customer_id: r.get(0)?,
        customer_name: r.get(1)?,
        customer_phone: r.get(2)?,
        nick_name: r.get(3)?,
        remark_name: r.get(4)?,
        remarks: r.get(5)?,
        head_img_url: r.get(6)?,
        tags: Some(r.get::<_, Option<String>>(7)?.unwrap_or_default()),
        tag_names: Some(
            tag_names
                .and_then(|t| serde_json::from_str(&t).ok())
                .unwrap_or_default(),
        ),
        is_star: r.get(9)?,
        wechat_contact_id: r.get(10)?,
        wechat_user_id: r.get(11)?,
        admin_user_id: r.get(12)?,
        create_time: Timestamp::from_epoch_ms(r.get(13)?),
        last_update_time: Timestamp::from_epoch_ms(r.get(14)?),
        xfield1: r.get(15)?,
        is_cust: r.get(16)?,
    })
}

fn customer_page(
    conn: &Connection,
    tenant: i64,
    f: &Filters,
    paging: Paging,
) -> Result<PageReply<Customer>, ApiError> {
    let w = customer_where(tenant, f);
    // SQLite does not drop unused LEFT JOINs from a count; join only when a
    // filter looks at the contact.
    let count_from = if f.remark.is_some() || f.wechat_user_id.is_some() {
        CUSTOMER_FROM
    } else {
        "FROM customer c"
    };
    let (items, count) = paged(
        conn,
        count_from,
        &format!("{CUSTOMER_COLUMNS} {CUSTOMER_FROM}"),
        &w,
        "c.create_time DESC, c.id DESC",
        paging,
        customer_row,
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
}

/// `GET /wechat_api/customer/customerPage`
pub async fn page(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<CustomerPageRequest>,
) -> Result<Json<PageReply<Customer>>, ApiError> {
    valid(q.validate_filters())?;
    let paging = Paging::new(q.limit, q.page_no, 10, 500);
    let reply = state
        .db
        .run(move |conn| {
            let f = Filters {
                name: q.customer_name.as_deref(),
                phone: q.customer_phone.as_deref(),
                tag_ids: q.tag_ids.as_deref(),
                begin: q.begin_time.as_ref(),
                end: q.end_time.as_ref(),
                remark: q.remarks.as_deref(),
                wechat_user_id: None,
                wechat_contact_id: q.wechat_contact_id,
            };
            customer_page(conn, session.tenant_id, &f, paging)
        })
        .await?;
    Ok(Json(reply))
}

/// `GET /wechat_api/customer/downLoad`: the export, paged like the list but
/// with larger pages allowed.
pub async fn download(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<DownloadRequest>,
) -> Result<Json<PageReply<Customer>>, ApiError> {
    valid(q.validate_filters())?;
    let paging = Paging::new(q.limit, q.page_no, 10, 10_000);
    let reply = state
        .db
        .run(move |conn| {
            let f = Filters {
                name: q.customer_name.as_deref(),
                phone: q.customer_phone.as_deref(),
                tag_ids: q.tag_ids.as_deref(),
                begin: q.begin_time.as_ref(),
                end: q.end_time.as_ref(),
                remark: q.remark_name.as_deref(),
                wechat_user_id: q.wechat_user_id,
                wechat_contact_id: None,
            };
            customer_page(conn, session.tenant_id, &f, paging)
        })
        .await?;
    Ok(Json(reply))
}

fn legacy_page() -> LegacyPage {
    LegacyPage {
        page_no: Some(1),
        page_size: Some(-1),
        count: Some(0),
        html: Some(String::new()),
        first_result: Some(0),
        max_results: Some(-1),
    }
}

const CONTACT_COLUMNS: &str = "
    SELECT wc.id, wc.wechat_user_id, wc.uin, wc.user_name, wc.nick_name, wc.head_img_url,
           wc.remark_name, wc.alias, wc.sex, wc.is_delete, wu.user_name, wu.nick_name, wu.uin,
           wc.province, wc.city, wu.admin_user_id, wc.customer_nick_name, wc.py_initial, wc.py_quan_pin
      FROM wechat_contact wc JOIN wechat_user wu ON wu.id = wc.wechat_user_id";

fn contact_row(r: &Row) -> rusqlite::Result<WechatContact> {
    let sex: String = r.get(8)?;
    Ok(WechatContact {
        wechat_contact_id: r.get(0)?,
        wechat_user_id: r.get(1)?,
        uin: r.get(2)?,
        user_name: r.get(3)?,
        nick_name: r.get(4)?,
        head_img_url: r.get(5)?,
        remark_name: r.get(6)?,
        alias: r.get(7)?,
        sex: sex.parse().ok(),
        verify_flag: Some("0".into()),
        is_delete: r.get(9)?,
        is_saving: None,
        wechat_user_name: r.get(10)?,
        wechat_user_nick_name: r.get(11)?,
        wechat_user_uin: r.get(12)?,
        contact_flag: Some("3".into()),
        province: r.get(13)?,
        city: r.get(14)?,
        contact_type: Some(0),
        admin_user_id: r.get(15)?,
        customer_nick_name: r.get(16)?,
        pyinitial: r.get(17)?,
        pyquan_pin: r.get(18)?,
    })
}

fn load_customer(conn: &Connection, tenant: i64, id: i64) -> Result<Option<Customer>, ApiError> {
    Ok(conn
        .query_row(
            &format!("{CUSTOMER_COLUMNS} {CUSTOMER_FROM} WHERE c.tenant_id = ?1 AND c.id = ?2"),
            params![tenant, id],
            customer_row,
        )
        .optional()?)
}

fn load_contact(
    conn: &Connection,
    tenant: i64,
    id: i64,
) -> Result<Option<WechatContact>, ApiError> {
    Ok(conn
        .query_row(
            &format!("{CONTACT_COLUMNS} WHERE wc.tenant_id = ?1 AND wc.id = ?2"),
            params![tenant, id],
            contact_row,
        )
        .optional()?)
}

/// updateCustomer's 409: the record was saved by someone else after the
/// editor loaded it.
pub const MSG_CHANGED_SINCE: &str = "客户资料已被他人修改，请刷新后再保存";

fn not_found_customer() -> ApiError {
    ApiError::not_found("客户不存在")
}

/// `POST /wechat_api/customer/updateCustomer`: fields present in the body
/// are saved, absent ones kept; `""` clears a text field.
pub async fn update(
    State(state): State<AppState>,
    session: Session,
    Body(req): Body<UpdateCustomerRequest>,
) -> Result<Json<UpdateCustomerReply>, ApiError> {
    valid(req.validate())?;
    let Some(customer_id) = req.customer_id else {
        return Err(ApiError::bad_request("customerId不能为空"));
    };
    let tenant = session.tenant_id;
    let reply = state
        .db
        .run(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let current: Option<(Option<i64>, i64)> = tx
                .query_row(
                    "SELECT wechat_contact_id, last_update_time FROM customer
                      WHERE tenant_id = ?1 AND id = ?2",
                    params![tenant, customer_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((mut contact_id, stored)) = current else {
                return Err(not_found_customer());
            };
            if req
                .last_update_time
                .as_ref()
                .is_some_and(|t| t.epoch_ms() < stored)
            {
                return Err(ApiError::new(StatusCode::CONFLICT, MSG_CHANGED_SINCE));
            }
            if let Some(new_contact) = req.wechat_contact_id.filter(|c| Some(*c) != contact_id) {
                let ok: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM wechat_contact WHERE tenant_id = ?1 AND id = ?2)",
                    params![tenant, new_contact],
                    |r| r.get(0),
                )?;
                if !ok {
                    return Err(ApiError::not_found("联系人不存在"));
                }
                contact_id = Some(new_contact);
            }
            let now = now_ms();
            tx.execute(
                "UPDATE customer SET
                    customer_name = coalesce(?3, customer_name),
                    customer_phone = coalesce(?4, customer_phone),
                    nick_name = coalesce(?5, nick_name),
                    remarks = coalesce(?6, remarks),
                    xfield1 = coalesce(?7, xfield1),
                    wechat_contact_id = ?8,
                    last_update_time = ?9
                  WHERE tenant_id = ?1 AND id = ?2",
                params![
                    tenant,
                    customer_id,
                    req.customer_name.as_deref().map(str::trim),
                    req.customer_phone.as_deref().map(crate::phone::for_storage),
                    req.nick_name,
                    req.remarks,
                    req.xfield1,
                    contact_id,
                    now
                ],
            )?;
            if let Some(tags) = req.tags.as_deref() {
                let ids = scrm_api::lenient::split_ids(tags);
                tx.execute(
                    "DELETE FROM customer_tag WHERE customer_id = ?1",
                    params![customer_id],
                )?;
                let mut ins = tx.prepare_cached(
                    "INSERT OR IGNORE INTO customer_tag (customer_id, tag_id)
                     SELECT ?1, id FROM tag WHERE tenant_id = ?2 AND id = ?3",
                )?;
                for id in ids.iter().take(200) {
                    ins.execute(params![customer_id, tenant, id])?;
                }
            }
            if let (Some(star), Some(cid)) = (req.is_star, contact_id) {
                tx.execute(
                    "UPDATE wechat_contact SET is_star = ?3 WHERE tenant_id = ?1 AND id = ?2",
                    params![tenant, cid, i64::from(star == 1)],
                )?;
            }
            tx.commit()?;
            let customer = load_customer(conn, tenant, customer_id)?;
            let contact = match contact_id {
                Some(cid) => load_contact(conn, tenant, cid)?,
                None => None,
            };
            Ok(UpdateCustomerReply {
                code: Some(200),
                msg: Some(OK_MSG.into()),
                wechat_contact: contact.map(|record| Entity {
                    page: Some(legacy_page()),
                    record,
                }),
                customer: customer.map(|record| Entity {
                    page: Some(legacy_page()),
                    record,
                }),
            })
        })
        .await?;
    Ok(Json(reply))
}

/// `POST /wechat_api/customer/delete`: answers the empty page the document shows.
pub async fn delete(
    State(state): State<AppState>,
    session: Session,
    Body(req): Body<DeleteCustomerRequest>,
) -> Result<Json<Json_>, ApiError> {
    valid(req.validate())?;
    let Some(id) = req.customer_id else {
        return Err(ApiError::bad_request("customerId不能为空"));
    };
    let tenant = session.tenant_id;
    let deleted = state
        .db
        .run(move |conn| {
            Ok(conn.execute(
                "DELETE FROM customer WHERE tenant_id = ?1 AND id = ?2",
                params![tenant, id],
            )?)
        })
        .await?;
    if deleted == 0 {
        return Err(not_found_customer());
    }
    Ok(Json(
        json!({"code": 200, "msg": OK_MSG, "data": [], "pageNo": 1, "count": 0}),
    ))
}

/// `POST /wechat_api/customer/batchSaveNickName`: all or nothing.
pub async fn batch_save_nick_name(
    State(state): State<AppState>,
    session: Session,
    Body(req): Body<BatchSaveNickNameRequest>,
) -> Result<Json<Ack>, ApiError> {
    valid(req.validate())?;
    if req.nick_names.len() > 1000 {
        return Err(ApiError::bad_request("一次最多保存1000个个性称呼"));
    }
    let tenant = session.tenant_id;
    state
        .db
        .run(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            {
                let mut upd = tx.prepare_cached(
                    "UPDATE wechat_contact SET customer_nick_name = ?3 WHERE tenant_id = ?1 AND id = ?2",
                )?;
                for n in &req.nick_names {
                    let nick = n.nick_name.as_deref().map(str::trim).filter(|s| !s.is_empty());
                    if upd.execute(params![tenant, n.wechat_contact_id, nick])? == 0 {
                        return Err(ApiError::not_found("联系人不存在"));
                    }
                }
            }
            tx.commit()?;
            Ok(())
        })
        .await?;
    Ok(Json(Ack {
        code: Some(200),
        msg: Some("保存成功!".into()),
    }))
}

/// `GET /wechat_api/customer/findcontactbytagAll`: contacts of every account
/// in the tenant (sub-accounts included) whose customer carries any of the
/// tags; online accounts only unless `isOffLine` is given.
pub async fn find_contacts_by_tag(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<FindContactByTagAllRequest>,
) -> Result<Json<ListReply<WechatContact>>, ApiError> {
    let tenant = session.tenant_id;
    let data = state
        .db
        .run(move |conn| {
            let mut w = Where::new();
            w.and("wc.tenant_id = ?", [Value::Integer(tenant)]);
            w.and("wc.is_delete = 0", []);
            if q.is_off_line.is_none() {
                w.and("wu.is_online = 1", []);
            }
            if let Some(id) = q.wechat_user_id {
                w.and("wc.wechat_user_id = ?", [Value::Integer(id)]);
            }
            if let Some(ids) = id_list(q.tag_ids.as_deref()) {
                let marks = vec!["?"; ids.len().max(1)].join(", ");
                let mut values: Vec<Value> = ids.iter().map(|&i| Value::Integer(i)).collect();
                if values.is_empty() {
                    values.push(Value::Null);
                }
                w.and(
                    &format!(
                        "EXISTS (SELECT 1 FROM customer c JOIN customer_tag ct ON ct.customer_id = c.id
                                  WHERE c.wechat_contact_id = wc.id AND ct.tag_id IN ({marks}))"
                    ),
                    values,
                );
            }
            let mut values = w.params.clone();
            values.push(Value::Integer(CONTACT_LIST_CAP));
            let mut stmt = conn.prepare(&format!(
                "{CONTACT_COLUMNS}{} ORDER BY wc.id LIMIT ?",
                w.sql()
            ))?;
            let rows = stmt
                .query_map(params_from_iter(values.iter()), contact_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        })
        .await?;
    Ok(Json(ListReply {
        code: Some(200),
        msg: Some(OK_MSG.into()),
        data,
    }))
}

/// `GET /wechat_api/customer/tagList` (reference-server addition).
pub async fn tag_list(
    State(state): State<AppState>,
    session: Session,
) -> Result<Json<ListReply<Tag>>, ApiError> {
    let tenant = session.tenant_id;
    let data = state
        .db
        .run(move |conn| {
            let mut stmt =
                conn.prepare_cached("SELECT id, name FROM tag WHERE tenant_id = ?1 ORDER BY id")?;
            let rows = stmt
                .query_map(params![tenant], |r| {
                    Ok(Tag {
                        tag_id: r.get(0)?,
                        tag_name: r.get(1)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        })
        .await?;
    Ok(Json(ListReply {
        code: Some(200),
        msg: Some(OK_MSG.into()),
        data,
    }))
}
