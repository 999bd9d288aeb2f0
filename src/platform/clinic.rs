//! The clinic's by-phone look-up (getCusInfoByCusTelnum), read the same way
//! by everyone who asks it (the call pop-up, the duplicate warning, quick
//! find): the SDK answers "no such customer" as an error (errNum 404),
//! which means nobody, not a failure.

use scrm_api::clinic::{ClinicCustomer, GetCusInfoByCusTelnum, TelnumRequest};
use scrm_api::ReplyError;

use crate::platform::api_client::{ApiClient, ApiError};

/// The clinic customer whose phone is `phone`, if any.
pub async fn by_phone(api: &ApiClient, phone: String) -> Result<Option<ClinicCustomer>, ApiError> {
    let request = TelnumRequest {
        telnum: Some(phone),
    };
    match api.call::<GetCusInfoByCusTelnum>(&request).await {
        Ok(reply) => Ok(reply.customer_info),
        Err(ApiError::Reply(ReplyError::ErrNum { err_num: 404, .. })) => Ok(None),
        Err(e) => Err(e),
    }
}
