//! getAppointmentList's four incremental feeds under the shared rule
//! (`scrm_api::incremental`): records with `time >= since` by `(time, id)`,
//! a page cut only between groups of equal times.

use rusqlite::types::Value as Sql;
use rusqlite::{params_from_iter, Connection, Row};
use scrm_api::clinic::{Appointment, AppointmentListRequest};
use scrm_api::incremental::{cut_len, AppointmentFeed};
use scrm_api::time::Timestamp;

use crate::error::ApiError;
use crate::time::format_ms;

/// Most records one incremental page carries (whole timestamp groups may exceed it).
pub const FEED_PAGE: usize = 200;

/// One feed's answer: how many records are at or after `since`, and the page.
#[derive(Debug, Default)]
pub struct FeedPage {
    pub total: i64,
    pub list: Vec<Appointment>,
}

/// The column a feed is ordered by; a fixed name, never request text.
fn column(feed: AppointmentFeed) -> &'static str {
    match feed {
        AppointmentFeed::Created => "create_time",
        AppointmentFeed::Completed => "complete_time",
        AppointmentFeed::Appointed => "appointment_time",
        AppointmentFeed::Cancelled => "cancel_time",
    }
}

const APPT_COLUMNS: &str =
    "id, team_id, cus_id, u_id, comment, content, create_time, appointment_time,
    appointment_time1, cancel_time, complete_time, type, doctor_id, p_id, technician_id";

fn appointment_row(r: &Row) -> rusqlite::Result<Appointment> {
    let time = |i: usize| -> rusqlite::Result<Option<Timestamp>> {
        Ok(r.get::<_, Option<String>>(i)?
            .as_deref()
            .and_then(Timestamp::parse))
    };
    Ok(Appointment {
        id: Some(r.get(0)?),
        team_id: Some(r.get(1)?),
        cus_id: Some(r.get(2)?),
        u_id: r.get(3)?,
        comment: Some(r.get(4)?),
        content: Some(r.get(5)?),
        create_time: time(6)?,
        appointment_time: time(7)?,
        appointment_time1: time(8)?,
        cancel_time: time(9)?,
        complete_time: time(10)?,
        kind: Some(r.get(11)?),
        doctor_id: r.get(12)?,
        p_id: r.get(13)?,
        technician_id: r.get(14)?,
    })
}

/// One page of `feed` from `since`, optionally for one customer.
pub fn page(
    conn: &Connection,
    tenant: i64,
    feed: AppointmentFeed,
    since: &Timestamp,
    cus_id: Option<i64>,
) -> Result<FeedPage, ApiError> {
    let column = column(feed);
    // Stored times have whole seconds; so does the comparison.
    let since_text = format_ms(since.epoch_ms());
    let since_ms = Timestamp::parse(&since_text).map(|t| t.epoch_ms());
    let cus_clause = if cus_id.is_some() {
        " AND cus_id = ?"
    } else {
        ""
    };
    let select = |extra: &str, limit: &str| {
        format!(
            "SELECT {APPT_COLUMNS}, {column} FROM clinic_appointment
              WHERE tenant_id = ? AND {column} IS NOT NULL{cus_clause} AND {extra}
              ORDER BY {column}, id{limit}"
        )
    };
    let with = |more: &[Sql]| {
        let mut v = vec![Sql::Integer(tenant)];
        if let Some(c) = cus_id {
            v.push(Sql::Integer(c));
        }
        v.extend_from_slice(more);
        v
    };
    let since_param = Sql::Text(since_text.clone());
    let total: i64 = conn.query_row(
        &format!(
            "SELECT count(*) FROM clinic_appointment
              WHERE tenant_id = ? AND {column} IS NOT NULL{cus_clause} AND {column} >= ?"
        ),
        params_from_iter(with(std::slice::from_ref(&since_param)).iter()),
        |r| r.get(0),
    )?;
    // Each record with its feed time as stored, to complete a cut group by.
    let collect = |sql: String, values: Vec<Sql>| -> Result<Vec<(String, Appointment)>, ApiError> {
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt
            .query_map(params_from_iter(values.iter()), |r| {
                Ok((r.get(15)?, appointment_row(r)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    };
    let mut rows = collect(
        select(&format!("{column} = ?"), ""),
        with(std::slice::from_ref(&since_param)),
    )?;
    let newer = collect(
        select(&format!("{column} > ?"), " LIMIT ?"),
        with(&[since_param, Sql::Integer(FEED_PAGE as i64)]),
    )?;
    let full = newer.len() == FEED_PAGE;
    let last = newer.last().and_then(|(t, a)| Some((t.clone(), a.id?)));
    rows.extend(newer);
    if let (true, Some((t, id))) = (full, last) {
        // Complete the group the LIMIT may have cut.
        rows.extend(collect(
            select(&format!("{column} = ? AND id > ?"), ""),
            with(&[Sql::Text(t), Sql::Integer(id)]),
        )?);
    }
    let times: Vec<i64> = rows
        .iter()
        .map(|(_, a)| feed.time_of(a).map_or(i64::MIN, Timestamp::epoch_ms))
        .collect();
    rows.truncate(cut_len(&times, since_ms, FEED_PAGE));
    Ok(FeedPage {
        total,
        list: rows.into_iter().map(|(_, a)| a).collect(),
    })
}

/// The four feeds of one getAppointmentList call.
#[derive(Debug, Default)]
pub struct Feeds {
    pub created: FeedPage,
    pub completed: FeedPage,
    pub appointed: FeedPage,
    pub cancelled: FeedPage,
}

/// Every feed `req` asks for; a feed whose `last*Time` is absent is empty.
pub fn feeds(
    conn: &Connection,
    tenant: i64,
    req: &AppointmentListRequest,
) -> Result<Feeds, ApiError> {
    let one = |feed: AppointmentFeed| match feed.since(req) {
        Some(since) => page(conn, tenant, feed, since, req.cus_id),
        None => Ok(FeedPage::default()),
    };
    Ok(Feeds {
        created: one(AppointmentFeed::Created)?,
        completed: one(AppointmentFeed::Completed)?,
        appointed: one(AppointmentFeed::Appointed)?,
        cancelled: one(AppointmentFeed::Cancelled)?,
    })
}
