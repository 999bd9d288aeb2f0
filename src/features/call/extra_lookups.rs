//! The card's extra requests, in the extras chunk: the last messages, the user's pending
//! manual entries, the clinic profile and the note's save. Each runs under the pop-up's abort
//! guard and the API client's time limit, so a slow one never holds up the others.

use scrm_api::call::CallCustomer;
use scrm_api::chat::{ChatMessage, ChatRecordRequest, GetRedisMessageRecord};
use scrm_api::clinic::{AppointmentListRequest, GetAppointmentList};
use scrm_api::customer::{UpdateCustomer, UpdateCustomerRequest};
use scrm_api::manual_task::{GetManualTaskDetail, ManualEntry, ManualTaskDetailRequest};
use scrm_api::time::Timestamp;

use crate::core::call_card::entries_for;
use crate::features::call::state::ClinicPart;
use crate::platform::api_client::{ApiClient, ApiError};
use crate::platform::clinic;

/// How many of the latest messages the card shows.
pub const LAST_MESSAGES: i64 = 3;

/// The conversation's latest messages, newest first.
pub async fn last_messages(
    api: &ApiClient,
    user: i64,
    contact: i64,
) -> Result<Vec<ChatMessage>, ApiError> {
    let request = ChatRecordRequest {
        wechat_user_ids: Some(user.to_string()),
        wechat_contact_ids: Some(contact.to_string()),
        limit: Some(LAST_MESSAGES),
        page_no: Some(1),
        ..Default::default()
    };
    let reply = api.call::<GetRedisMessageRecord>(&request).await?;
    Ok(reply
        .page
        .items
        .into_iter()
        .take(LAST_MESSAGES as usize)
        .collect())
}

/// The signed-in user's manual entries for this person: the contract filters entries by
/// name, not number, so the entries named like the record are asked for and narrowed to
/// the same number.
pub async fn manual_entries(
    api: &ApiClient,
    me: i64,
    name: String,
    phone: &str,
) -> Result<Vec<ManualEntry>, ApiError> {
    let request = ManualTaskDetailRequest {
        admin_user_id: Some(me),
        customer_name: Some(name),
        limit: Some(50),
        page_no: Some(1),
        ..Default::default()
    };
    let reply = api.call::<GetManualTaskDetail>(&request).await?;
    Ok(entries_for(reply.page.items, phone))
}

/// Saves `remarks` on the record, sending its other fields as the lookup gave them (the
/// vendor's updateCustomer expects the whole record) and its last update time, so a record
/// changed meanwhile is refused rather than overwritten. Answers the record as saved.
pub async fn save_remarks(
    api: &ApiClient,
    record: &CallCustomer,
    remarks: String,
) -> Result<CallCustomer, ApiError> {
    let request = UpdateCustomerRequest {
        customer_id: record.customer_id,
        customer_name: record.customer_name.clone(),
        customer_phone: record.customer_phone.clone(),
        nick_name: record.nick_name.clone(),
        remarks: Some(remarks.clone()),
        tags: record.tags.clone(),
        wechat_contact_id: record.wechat_contact_id,
        is_star: record.is_star,
        xfield1: record.xfield1.clone(),
        last_update_time: record.last_update_time.clone(),
    };
    let reply = api.call::<UpdateCustomer>(&request).await?;
    let saved = reply.customer.map(|c| c.record);
    Ok(CallCustomer {
        remarks: saved
            .as_ref()
            .and_then(|c| c.remarks.clone())
            .or(Some(remarks)),
        last_update_time: saved
            .and_then(|c| c.last_update_time)
            .or_else(|| Timestamp::from_epoch_ms(js_sys::Date::now() as i64)),
        ..record.clone()
    })
}

/// The clinic profile for a number and its appointments from today on.
pub async fn clinic_part(api: &ApiClient, phone: String) -> ClinicPart {
    let customer = match clinic::by_phone(api, phone).await {
        Ok(Some(c)) => c,
        Ok(None) => return ClinicPart::NoProfile,
        Err(e) => return ClinicPart::Failed(e),
    };
    let appointments = match customer.id {
        Some(id) => {
            let request = AppointmentListRequest {
                last_appoint_time: start_of_today(),
                cus_id: Some(id),
                ..Default::default()
            };
            api.call::<GetAppointmentList>(&request).await.map(|r| {
                r.appointment_list
                    .into_iter()
                    .filter(|a| a.cancel_time.is_none())
                    .collect()
            })
        }
        None => Ok(Vec::new()),
    };
    ClinicPart::Found {
        customer: Box::new(customer),
        appointments,
    }
}

/// Midnight of today, China time (the clinic's clock).
fn start_of_today() -> Option<Timestamp> {
    let now = Timestamp::from_epoch_ms(js_sys::Date::now() as i64)?;
    Timestamp::parse(now.date())
}
