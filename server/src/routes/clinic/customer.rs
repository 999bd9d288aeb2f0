//! Clinic customers: look-up by WeChat openId, id or phone, and creation.

use axum::extract::State;
use axum::Json;
use scrm_api::clinic::{
    AddCustomerReply, AddCustomerRequest, ClinicCustomer, CusIdRequest, CusInfoReply,
    CustomerInfoReply, CustomerInfoRequest, TelnumRequest,
};

use super::{Reply, SUCCESS};
use crate::auth::Session;
use crate::db::clinic::customer;
use crate::error::ApiError;
use crate::extract::{Body, Query};
use crate::phone;
use crate::routes::valid;
use crate::state::AppState;

fn no_customer() -> ApiError {
    ApiError::not_found("顾客不存在")
}

fn record_reply(found: Option<ClinicCustomer>) -> Reply<CusInfoReply> {
    Ok(Json(CusInfoReply {
        err_num: SUCCESS,
        err_msg: None,
        customer_info: Some(found.ok_or_else(no_customer)?),
    }))
}

/// `GET /clinic_api/getcustomerinfo?openId=&wxappId=`
pub async fn follower(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<CustomerInfoRequest>,
) -> Reply<CustomerInfoReply> {
    let (Some(open_id), Some(app)) = (q.open_id, q.wxapp_id) else {
        return Err(ApiError::bad_request("openId和wxappId不能为空").into());
    };
    let tenant = session.tenant_id;
    let found = state
        .db
        .run(move |conn| customer::follower(conn, tenant, &open_id, &app))
        .await?;
    Ok(Json(CustomerInfoReply {
        err_num: SUCCESS,
        err_msg: None,
        customer_info: Some(found.ok_or_else(no_customer)?),
    }))
}

/// `GET /clinic_api/getCusInfoByCusId?cusId=`
pub async fn by_id(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<CusIdRequest>,
) -> Reply<CusInfoReply> {
    let Some(id) = q.cus_id else {
        return Err(ApiError::bad_request("cusId不能为空").into());
    };
    let tenant = session.tenant_id;
    let found = state
        .db
        .run(move |conn| customer::by_id(conn, tenant, id))
        .await?;
    record_reply(found)
}

/// `GET /clinic_api/getCusInfoByCusTelnum?telnum=`: verified or unverified
/// number; the newest customer when several share it.
pub async fn by_tel(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<TelnumRequest>,
) -> Reply<CusInfoReply> {
    let Some(tel) = q.telnum.as_deref().map(phone::normalize) else {
        return Err(ApiError::bad_request("telnum不能为空").into());
    };
    let tenant = session.tenant_id;
    let found = state
        .db
        .run(move |conn| customer::by_tel(conn, tenant, &tel))
        .await?;
    record_reply(found)
}

/// `POST /clinic_api/addCustomer`: answers `cusId` (a reference-server addition).
pub async fn add(
    State(state): State<AppState>,
    session: Session,
    Body(req): Body<AddCustomerRequest>,
) -> Reply<AddCustomerReply> {
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
        .run(move |conn| customer::add(conn, tenant, erp_id, &req))
        .await?;
    Ok(Json(AddCustomerReply {
        err_num: SUCCESS,
        err_msg: None,
        cus_id: Some(id),
    }))
}
