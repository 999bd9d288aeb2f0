//! Booking, changing and cancelling appointments. A cancelled or completed
//! appointment is final.

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use scrm_api::clinic::{appointment_type, AddAppointmentRequest, ChangeAppointmentRequest};
use scrm_api::time::Timestamp;

use crate::db::clinic::customer;
use crate::error::ApiError;
use crate::phone;
use crate::time::{format_ms, now_ms};

/// How an appointment time is stored.
fn wall(t: &Timestamp) -> String {
    format_ms(t.epoch_ms())
}

fn no_customer() -> ApiError {
    ApiError::not_found("顾客不存在")
}

/// Books for the customer named by `cusId` or `telnum`; answers the new id.
/// `booked_by` is the staff member making the booking.
pub fn add(
    conn: &Connection,
    tenant: i64,
    booked_by: i64,
    req: &AddAppointmentRequest,
) -> Result<i64, ApiError> {
    let tel = req
        .telnum
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .map(phone::normalize);
    let cus_id =
        customer::id_of(conn, tenant, req.cus_id, tel.as_deref())?.ok_or_else(no_customer)?;
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
            booked_by,
            req.kind.unwrap_or(appointment_type::CUSTOMER_ONLINE),
            req.content.as_deref().unwrap_or_default(),
            req.comment.as_deref().unwrap_or_default(),
            format_ms(now_ms()),
            req.appointment_time.as_ref().map(wall),
            req.appointment_time1.as_ref().map(wall),
            req.p_id.as_deref().filter(|p| !p.trim().is_empty()),
            req.doctor_id,
            req.technician_id
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// What a change or cancellation has to respect.
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

/// Saves the fields `req` carries and keeps the rest. The rules that need
/// the stored appointment (type of a doctor's booking, end not before
/// start) are checked against the result.
pub fn change(
    conn: &mut Connection,
    tenant: i64,
    id: i64,
    req: &ChangeAppointmentRequest,
) -> Result<(), ApiError> {
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
            req.team_id.as_deref().filter(|t| !t.trim().is_empty()),
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
}

pub fn cancel(conn: &mut Connection, tenant: i64, id: i64, comment: &str) -> Result<(), ApiError> {
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
        params![tenant, id, format_ms(now_ms()), comment],
    )?;
    tx.commit()?;
    Ok(())
}
