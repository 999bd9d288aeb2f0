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

/// A POST body: JSON only. Anything else is a 415, because a form post or a
/// `text/plain` body is what another site can make a browser send without
/// asking (no CORS preflight). An empty body without a type reads as `{}`.
pub struct Body<T>(pub T);

pub const MSG_NOT_JSON: &str = "请求体必须是 JSON (Content-Type: application/json)";

/// `application/json`, with parameters or as a `+json` subtype.
fn is_json(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let family = Family::of_path(req.uri().path());
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|v| v.to_str().unwrap_or("?").to_owned());
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "请求体过大").family(family)
            } else {
                ApiError::bad_request("请求体读取失败").family(family)
            }
        })?;
        let empty = bytes.iter().all(u8::is_ascii_whitespace);
        let json = match content_type.as_deref() {
            Some(t) => is_json(t),
            None => empty,
        };
        if !json {
            return Err(
                ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, MSG_NOT_JSON).family(family),
            );
        }
        let parsed = if empty {
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
