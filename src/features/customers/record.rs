//! Finding one customer record again. The contract has no get-by-id, so
//! the record is looked up through customerPage by its phone and picked
//! out by id: the edit page loads it this way, and the edit form reads it
//! again before saving to see whether someone else changed it meanwhile.

use scrm_api::customer::{Customer, CustomerPage, CustomerPageRequest};

use crate::platform::api_client::{ApiClient, ApiError};

/// The search a lookup makes; 500 is customerPage's largest page.
const FIND_LIMIT: i64 = 500;

/// Customer `id` as the server has it now; `Ok(None)` when no record with
/// this phone has that id (deleted, or its phone changed).
pub async fn find_record(
    api: &ApiClient,
    id: i64,
    phone: &str,
) -> Result<Option<Customer>, ApiError> {
    let request = CustomerPageRequest {
        customer_phone: Some(phone.to_owned()).filter(|p| !p.trim().is_empty()),
        limit: Some(FIND_LIMIT),
        page_no: Some(1),
        ..Default::default()
    };
    let reply = api.call::<CustomerPage>(&request).await?;
    Ok(reply
        .page
        .items
        .into_iter()
        .find(|c| c.customer_id == Some(id)))
}
