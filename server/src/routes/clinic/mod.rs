//! The clinic customer SDK under `/clinic_api/{functionName}`: GET reads,
//! POST JSON writes, `{errNum, errMsg}` replies (errNum 0 = success; on
//! failure errNum mirrors the HTTP status). Every reply is a scrm-api type,
//! the one the panel decodes.

mod appointment;
mod customer;

use axum::routing::{get, post};
use axum::{Json, Router};

use crate::error::ClinicError;
use crate::state::AppState;

/// Where the clinic family is mounted; the SDK's paths are `/{functionName}` below it.
pub const CLINIC_BASE: &str = "/clinic_api";

type Reply<T> = Result<Json<T>, ClinicError>;

/// The `errNum` of a success.
const SUCCESS: Option<i64> = Some(0);

pub fn routes() -> Router<AppState> {
    use scrm_api::clinic::{
        AddCustomer, AddOneAppointment, CancelOneAppointment, ChangeOneAppointment,
        GetAppointmentList, GetCusInfoByCusId, GetCusInfoByCusTelnum, GetCustomerInfo,
    };
    use scrm_api::Endpoint;
    fn at(path: &str) -> String {
        format!("{CLINIC_BASE}{path}")
    }
    Router::new()
        .route(&at(GetCustomerInfo::PATH), get(customer::follower))
        .route(&at(GetCusInfoByCusId::PATH), get(customer::by_id))
        .route(&at(GetCusInfoByCusTelnum::PATH), get(customer::by_tel))
        .route(&at(AddCustomer::PATH), post(customer::add))
        .route(&at(AddOneAppointment::PATH), post(appointment::add))
        .route(&at(ChangeOneAppointment::PATH), post(appointment::change))
        .route(&at(CancelOneAppointment::PATH), post(appointment::cancel))
        .route(&at(GetAppointmentList::PATH), get(appointment::list))
}
