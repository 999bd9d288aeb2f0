//! One error type for every handler, rendered in the envelope of the
//! endpoint's family so the panel's decoder always finds `code`/`errNum`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use scrm_api::auth::DataReply;
use scrm_api::clinic::ClinicAck;

/// Which reply convention an error is rendered in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// `{code, msg, data: null}`
    Vendor,
    /// `{errNum, errMsg}`
    Clinic,
}

impl Family {
    /// Clinic endpoints live under `/clinic_api/`; everything else is vendor-shaped.
    pub fn of_path(path: &str) -> Family {
        if path == "/clinic_api" || path.starts_with("/clinic_api/") {
            Family::Clinic
        } else {
            Family::Vendor
        }
    }
}

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    /// `code` (vendor) or `errNum` (clinic); mirrors the HTTP status.
    pub code: i64,
    pub msg: String,
    pub family: Family,
}

pub const MSG_UNAUTHORIZED: &str = "未登录或登录已过期";

impl ApiError {
    pub fn new(status: StatusCode, msg: impl Into<String>) -> Self {
        ApiError {
            status,
            code: i64::from(status.as_u16()),
            msg: msg.into(),
            family: Family::Vendor,
        }
    }

    pub fn bad_request(msg: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, msg)
    }

    pub fn unauthorized() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, MSG_UNAUTHORIZED)
    }

    pub fn not_found(msg: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, msg)
    }

    /// The detail goes to the log only: the client learns nothing about the database.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        eprintln!("scrm-server: internal error: {detail}");
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "服务器内部错误")
    }

    pub fn family(mut self, family: Family) -> Self {
        self.family = family;
        self
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        ApiError::internal(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self.family {
            Family::Vendor => (
                self.status,
                Json(DataReply {
                    code: Some(self.code),
                    msg: Some(self.msg),
                    data: (),
                }),
            )
                .into_response(),
            Family::Clinic => (
                self.status,
                Json(ClinicAck {
                    err_num: Some(self.code),
                    err_msg: Some(self.msg),
                }),
            )
                .into_response(),
        }
    }
}

/// An [`ApiError`] rendered as `{errNum, errMsg}`; lets clinic handlers use `?`
/// on anything that converts into an `ApiError`.
#[derive(Debug)]
pub struct ClinicError(pub ApiError);

impl<E: Into<ApiError>> From<E> for ClinicError {
    fn from(e: E) -> Self {
        ClinicError(e.into())
    }
}

impl IntoResponse for ClinicError {
    fn into_response(self) -> Response {
        self.0.family(Family::Clinic).into_response()
    }
}
