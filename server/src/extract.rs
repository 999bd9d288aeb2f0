//! Request extractors whose rejections are enveloped like every other error
//! (axum's own answer with plain text, which the panel cannot decode).

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use serde::de::DeserializeOwned;

use crate::error::{ApiError, Family};

/// Largest request body accepted anywhere.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// A POST body: JSON, or a form-encoded body when the client says so (the
/// vendor's own web pages post forms). An empty body reads as `{}`.
pub struct Body<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let family = Family::of_path(req.uri().path());
        let form = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "请求体过大").family(family)
            } else {
                ApiError::bad_request("请求体读取失败").family(family)
            }
        })?;
        let parsed = if form {
            serde_urlencoded::from_bytes(&bytes).map_err(|e| e.to_string())
        } else if bytes.iter().all(u8::is_ascii_whitespace) {
            serde_json::from_slice(b"{}").map_err(|e| e.to_string())
        } else {
            serde_json::from_slice(&bytes).map_err(|e| e.to_string())
        };
        parsed
            .map(Body)
            .map_err(|e| ApiError::bad_request(format!("请求参数格式错误: {e}")).family(family))
    }
}

/// GET parameters from the query string.
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        let family = Family::of_path(parts.uri.path());
        serde_urlencoded::from_str(parts.uri.query().unwrap_or(""))
            .map(Query)
            .map_err(|e| ApiError::bad_request(format!("请求参数格式错误: {e}")).family(family))
    }
}
