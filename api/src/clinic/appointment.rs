//! Clinic appointments: booking, changing, cancelling, and the incremental
//! list of what was created, completed, is due or was cancelled.

use serde::{Deserialize, Serialize};

use super::ClinicAck;
use crate::lenient::{opt_i64, opt_string, split_ids, vec_or_null};
use crate::time::{lossy_timestamp, opt_timestamp, Timestamp};

/// The SDK's appointment `type` codes.
pub mod appointment_type {
    /// Walk-in, booked online by staff.
    pub const STAFF_ONLINE: i64 = 0;
    /// Surgery; the only type that may name a `doctorId`.
    pub const SURGERY: i64 = 1;
    /// Walk-in, booked online by the customer (the SDK's default).
    pub const CUSTOMER_ONLINE: i64 = 2;
    /// Walk-in, booked in store by staff.
    pub const STAFF_IN_STORE: i64 = 3;
}

/// Declares a booking or change body: its own leading fields, then the
/// appointment details both take, written once so the two bodies cannot
/// drift apart (the SDK lists them in this order for both).
macro_rules! appointment_body {
    ($(#[$meta:meta])* $name:ident { $($own:tt)* }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase", default)]
        pub struct $name {
            $($own)*
            #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
            pub content: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
            pub comment: Option<String>,
            /// Start (or the only) time.
            #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_timestamp")]
            pub appointment_time: Option<Timestamp>,
            /// End time.
            #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_timestamp")]
            pub appointment_time1: Option<Timestamp>,
            /// Comma-separated project ids.
            #[serde(rename = "pId", skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
            pub p_id: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
            pub doctor_id: Option<i64>,
            /// Technician or device id.
            #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
            pub technician_id: Option<i64>,
        }
    };
}

appointment_body! {
    /// addOneAppointment body: `cusId` or `telnum` identifies the customer.
    AddAppointmentRequest {
        #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
        pub cus_id: Option<i64>,
        #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
        pub telnum: Option<String>,
        #[serde(rename = "type", skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
        pub kind: Option<i64>,
        /// Company id; text, because the SDK's example has `"demo"`.
        #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
        pub team_id: Option<String>,
    }
}

appointment_body! {
    /// changeOneAppointment body: `id` plus whichever fields change.
    ChangeAppointmentRequest {
        #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
        pub id: Option<i64>,
        #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
        pub team_id: Option<String>,
        #[serde(rename = "type", skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
        pub kind: Option<i64>,
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AddAppointmentReply {
    #[serde(deserialize_with = "opt_i64")]
    pub err_num: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub err_msg: Option<String>,
    #[serde(deserialize_with = "opt_i64")]
    pub appointment_id: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CancelAppointmentRequest {
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub comment: Option<String>,
}

/// getAppointmentList query: each `last*Time` asks for one of the four lists
/// (a list whose time is left out comes back empty). See
/// [`crate::incremental`] for how repeated calls stay gap- and duplicate-free.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AppointmentListRequest {
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_timestamp")]
    pub last_create_time: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_timestamp")]
    pub last_complete_time: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_timestamp")]
    pub last_appoint_time: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_timestamp")]
    pub last_cancel_time: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
    pub cus_id: Option<i64>,
}

/// One appointment. PHP sends every column as a string.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Appointment {
    #[serde(deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    #[serde(deserialize_with = "opt_string")]
    pub team_id: Option<String>,
    #[serde(deserialize_with = "opt_i64")]
    pub cus_id: Option<i64>,
    /// The staff member who booked it.
    #[serde(rename = "uId", deserialize_with = "opt_i64")]
    pub u_id: Option<i64>,
    #[serde(deserialize_with = "opt_string")]
    pub comment: Option<String>,
    #[serde(deserialize_with = "opt_string")]
    pub content: Option<String>,
    #[serde(deserialize_with = "lossy_timestamp")]
    pub create_time: Option<Timestamp>,
    #[serde(deserialize_with = "lossy_timestamp")]
    pub appointment_time: Option<Timestamp>,
    #[serde(deserialize_with = "lossy_timestamp")]
    pub appointment_time1: Option<Timestamp>,
    #[serde(deserialize_with = "lossy_timestamp")]
    pub cancel_time: Option<Timestamp>,
    #[serde(deserialize_with = "lossy_timestamp")]
    pub complete_time: Option<Timestamp>,
    #[serde(rename = "type", deserialize_with = "opt_i64")]
    pub kind: Option<i64>,
    #[serde(deserialize_with = "opt_i64")]
    pub doctor_id: Option<i64>,
    #[serde(rename = "pId", deserialize_with = "opt_string")]
    pub p_id: Option<String>,
    #[serde(deserialize_with = "opt_i64")]
    pub technician_id: Option<i64>,
}

impl Appointment {
    pub fn project_ids(&self) -> Vec<i64> {
        self.p_id.as_deref().map(split_ids).unwrap_or_default()
    }
}

/// getAppointmentList reply: four independent lists with their totals.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AppointmentListReply {
    #[serde(deserialize_with = "opt_i64")]
    pub err_num: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub err_msg: Option<String>,
    #[serde(deserialize_with = "opt_i64")]
    pub create_total: Option<i64>,
    #[serde(deserialize_with = "vec_or_null")]
    pub create_list: Vec<Appointment>,
    #[serde(deserialize_with = "opt_i64")]
    pub complete_total: Option<i64>,
    #[serde(deserialize_with = "vec_or_null")]
    pub complete_list: Vec<Appointment>,
    #[serde(deserialize_with = "opt_i64")]
    pub appointment_total: Option<i64>,
    #[serde(deserialize_with = "vec_or_null")]
    pub appointment_list: Vec<Appointment>,
    #[serde(deserialize_with = "opt_i64")]
    pub cancel_total: Option<i64>,
    #[serde(deserialize_with = "vec_or_null")]
    pub cancel_list: Vec<Appointment>,
}

endpoint!(
    AddOneAppointment,
    Post,
    Clinic,
    "/addOneAppointment",
    AddAppointmentRequest,
    AddAppointmentReply
);

endpoint!(
    ChangeOneAppointment,
    Post,
    Clinic,
    "/changeOneAppointment",
    ChangeAppointmentRequest,
    ClinicAck
);

endpoint!(
    CancelOneAppointment,
    Post,
    Clinic,
    "/cancelOneAppointment",
    CancelAppointmentRequest,
    ClinicAck
);

endpoint!(
    /// Incremental appointment feed; see [`crate::incremental`].
    GetAppointmentList, Get, Clinic, "/getAppointmentList",
    AppointmentListRequest, AppointmentListReply
);
