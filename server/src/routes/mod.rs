//! The API routes. Every handler but login takes a [`crate::auth::Session`],
//! so an unauthenticated request never reaches one.

use axum::http::Method;
use axum::routing::{any, get, post};
use axum::Router;

use crate::auth;
use crate::error::{ApiError, Family};
use crate::state::AppState;

pub fn api() -> Router<AppState> {
    Router::new()
        .route("/wechat_api/login", post(auth::login))
        .route("/wechat_api/logout", post(auth::logout))
        .route("/wechat_api/me", get(auth::me))
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
