//! The API routes. Every handler but login takes a [`crate::auth::Session`],
//! so an unauthenticated request never reaches one.

use axum::http::Method;
use axum::routing::{any, get, post};
use axum::Router;

use axum::Json;
use scrm_api::validate::{join_messages, FieldError, Lang};
use serde_json::{json, Value};

use crate::auth;
use crate::error::{ApiError, Family};
use crate::state::AppState;

pub mod call;
pub mod chat;
pub mod clinic;
pub mod customer;
pub mod manual_task;

/// The vendor's success message.
pub const OK_MSG: &str = "操作成功!";

/// `{code: 200, msg, data: null}`, as the document's write endpoints answer.
pub fn ok_null() -> Json<Value> {
    Json(json!({ "code": 200, "msg": OK_MSG, "data": null }))
}

/// A failed shared validation rule as a 400 whose `msg` lists every problem.
pub fn valid(result: Result<(), Vec<FieldError>>) -> Result<(), ApiError> {
    result.map_err(|errors| ApiError::bad_request(join_messages(&errors, Lang::ZhCn)))
}

/// Rejects over-long text before it reaches the database.
pub fn check_len(field: &str, value: Option<&str>, max_chars: usize) -> Result<(), ApiError> {
    match value {
        Some(v) if v.chars().count() > max_chars => Err(ApiError::bad_request(format!(
            "{field}长度不能超过{max_chars}个字符"
        ))),
        _ => Ok(()),
    }
}

/// The vendor routes. Paths come from the `scrm-api` endpoint types, so the
/// panel's client and this table cannot drift apart.
pub fn api() -> Router<AppState> {
    use scrm_api::auth::{Login, Logout, WhoAmI};
    use scrm_api::call::{GetCustomerInfoByCall, GetIsOpenAfterCall, UpdateIsOpenAfterCall};
    use scrm_api::chat::GetRedisMessageRecord;
    use scrm_api::customer::{
        BatchSaveNickName, CustomerPage, DeleteCustomer, DownLoad, FindContactByTagAll, TagList,
        UpdateCustomer,
    };
    use scrm_api::manual_task::{
        AddManualTask, AddManualTaskBeforeAddFriend, DelManualTask, DelManualTaskDetail,
        GetManualTaskDetail, GetManualTaskList,
    };
    use scrm_api::Endpoint;
    Router::new()
        .route(Login::PATH, post(auth::login))
        .route(Logout::PATH, post(auth::logout))
        .route(WhoAmI::PATH, get(auth::me))
        .route(CustomerPage::PATH, get(customer::page))
        .route(DownLoad::PATH, get(customer::download))
        .route(UpdateCustomer::PATH, post(customer::update))
        .route(DeleteCustomer::PATH, post(customer::delete))
        .route(
            BatchSaveNickName::PATH,
            post(customer::batch_save_nick_name),
        )
        .route(
            FindContactByTagAll::PATH,
            get(customer::find_contacts_by_tag),
        )
        .route(TagList::PATH, get(customer::tag_list))
        .route(GetIsOpenAfterCall::PATH, get(call::get_is_open))
        .route(UpdateIsOpenAfterCall::PATH, post(call::update_is_open))
        .route(
            GetCustomerInfoByCall::PATH,
            get(call::customer_info_by_call),
        )
        .route(GetRedisMessageRecord::PATH, get(chat::records))
        .route(GetManualTaskList::PATH, get(manual_task::list))
        .route(GetManualTaskDetail::PATH, get(manual_task::detail))
        .route(DelManualTask::PATH, post(manual_task::delete_task))
        .route(DelManualTaskDetail::PATH, post(manual_task::delete_detail))
        .route(AddManualTask::PATH, post(manual_task::add))
        .route(
            AddManualTaskBeforeAddFriend::PATH,
            post(manual_task::add_before_add_friend),
        )
        .merge(clinic::routes())
        .method_not_allowed_fallback(method_not_allowed)
}

/// JSON 404s below the API prefixes, so a typo in a path is never answered
/// with the panel's index.html.
pub fn api_fallbacks() -> Router<AppState> {
    Router::new()
        .route("/wechat_api", any(vendor_not_found))
        .route("/wechat_api/", any(vendor_not_found))
        .route("/wechat_api/{*rest}", any(vendor_not_found))
        .route("/clinic_api", any(clinic_not_found))
        .route("/clinic_api/", any(clinic_not_found))
        .route("/clinic_api/{*rest}", any(clinic_not_found))
}

async fn vendor_not_found() -> ApiError {
    ApiError::not_found("接口不存在")
}

async fn clinic_not_found() -> ApiError {
    ApiError::not_found("接口不存在").family(Family::Clinic)
}

async fn method_not_allowed(method: Method, uri: axum::http::Uri) -> ApiError {
    ApiError::new(
        axum::http::StatusCode::METHOD_NOT_ALLOWED,
        format!("不支持的请求方式 {method}"),
    )
    .family(Family::of_path(uri.path()))
}
