//! Clinic appointments: booking, changing, cancelling, and the incremental
//! list.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use scrm_api::clinic::{
    AddAppointmentReply, AddAppointmentRequest, AppointmentListReply, AppointmentListRequest,
    CancelAppointmentRequest, ChangeAppointmentRequest, ClinicAck,
};
use serde::Serialize;
use serde_json::Value;

use super::{Reply, SUCCESS};
use crate::auth::Session;
use crate::db::clinic::{appointment, feed};
use crate::error::{ApiError, ClinicError};
use crate::extract::{Body, Query};
use crate::routes::valid;
use crate::state::AppState;

fn done() -> Reply<ClinicAck> {
    Ok(Json(ClinicAck {
        err_num: SUCCESS,
        err_msg: None,
    }))
}

/// `POST /clinic_api/addOneAppointment`
pub async fn add(
    State(state): State<AppState>,
    session: Session,
    Body(req): Body<AddAppointmentRequest>,
) -> Reply<AddAppointmentReply> {
    valid(req.validate())?;
    let (tenant, user) = (session.tenant_id, session.user_id);
    let id = state
        .db
        .run(move |conn| appointment::add(conn, tenant, user, &req))
        .await?;
    Ok(Json(AddAppointmentReply {
        err_num: SUCCESS,
        err_msg: None,
        appointment_id: Some(id),
    }))
}

/// `POST /clinic_api/changeOneAppointment`: `id` plus the fields that change.
pub async fn change(
    State(state): State<AppState>,
    session: Session,
    Body(req): Body<ChangeAppointmentRequest>,
) -> Reply<ClinicAck> {
    valid(req.validate())?;
    let Some(id) = req.id else {
        return Err(ApiError::bad_request("id不能为空").into());
    };
    let tenant = session.tenant_id;
    state
        .db
        .run(move |conn| appointment::change(conn, tenant, id, &req))
        .await?;
    done()
}

/// `POST /clinic_api/cancelOneAppointment`
pub async fn cancel(
    State(state): State<AppState>,
    session: Session,
    Body(req): Body<CancelAppointmentRequest>,
) -> Reply<ClinicAck> {
    valid(req.validate())?;
    let Some(id) = req.id else {
        return Err(ApiError::bad_request("id不能为空").into());
    };
    let comment = req.comment.unwrap_or_default();
    let tenant = session.tenant_id;
    state
        .db
        .run(move |conn| appointment::cancel(conn, tenant, id, &comment))
        .await?;
    done()
}

/// `GET /clinic_api/getAppointmentList`: four independent incremental
/// feeds; a feed whose `last*Time` is absent comes back empty with total "0".
pub async fn list(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<AppointmentListRequest>,
) -> Result<PhpText<AppointmentListReply>, ClinicError> {
    let tenant = session.tenant_id;
    let f = state
        .db
        .run(move |conn| feed::feeds(conn, tenant, &q))
        .await?;
    Ok(PhpText(AppointmentListReply {
        err_num: SUCCESS,
        err_msg: None,
        create_total: Some(f.created.total),
        create_list: f.created.list,
        complete_total: Some(f.completed.total),
        complete_list: f.completed.list,
        appointment_total: Some(f.appointed.total),
        appointment_list: f.appointed.list,
        cancel_total: Some(f.cancelled.total),
        cancel_list: f.cancelled.list,
    }))
}

/// A reply as the SDK's PHP sends getAppointmentList (see its example):
/// every number but `errNum` as text, `"id": "898"`, `"createTotal": "1"`.
/// The panel reads numbers either way; a client written against the
/// example gets what it shows.
pub struct PhpText<T>(pub T);

impl<T: Serialize> IntoResponse for PhpText<T> {
    fn into_response(self) -> Response {
        match serde_json::to_value(&self.0) {
            Ok(reply) => Json(php_text(reply)).into_response(),
            Err(e) => ClinicError(ApiError::internal(e)).into_response(),
        }
    }
}

/// `reply` with every number but its own `errNum` as text.
fn php_text(reply: Value) -> Value {
    match reply {
        Value::Object(fields) => Value::Object(
            fields
                .into_iter()
                .map(|(k, v)| {
                    let v = if k == "errNum" { v } else { numbers_as_text(v) };
                    (k, v)
                })
                .collect(),
        ),
        other => numbers_as_text(other),
    }
}

fn numbers_as_text(v: Value) -> Value {
    match v {
        Value::Number(n) => Value::String(n.to_string()),
        Value::Array(items) => Value::Array(items.into_iter().map(numbers_as_text).collect()),
        Value::Object(fields) => Value::Object(
            fields
                .into_iter()
                .map(|(k, v)| (k, numbers_as_text(v)))
                .collect(),
        ),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scrm_api::clinic::Appointment;
    use serde_json::json;

    #[test]
    fn the_feed_reply_reads_like_the_sdk_example() {
        let reply = AppointmentListReply {
            err_num: SUCCESS,
            create_total: Some(1),
            create_list: vec![Appointment {
                id: Some(898),
                cus_id: Some(13510),
                kind: Some(3),
                content: Some("韩式三点双眼皮2".into()),
                ..Default::default()
            }],
            complete_total: Some(0),
            ..Default::default()
        };
        let sent = php_text(serde_json::to_value(&reply).unwrap_or_default());
        assert_eq!(sent["errNum"], json!(0));
        assert_eq!(sent["createTotal"], json!("1"));
        assert_eq!(sent["completeTotal"], json!("0"));
        let first = &sent["createList"][0];
        assert_eq!(first["id"], json!("898"));
        assert_eq!(first["cusId"], json!("13510"));
        assert_eq!(first["type"], json!("3"));
        assert_eq!(first["doctorId"], Value::Null);
        assert_eq!(first["content"], json!("韩式三点双眼皮2"));
        // And the panel's decoder reads it back unchanged.
        let back: AppointmentListReply = serde_json::from_value(sent).unwrap_or_default();
        assert_eq!(back, reply);
    }
}
