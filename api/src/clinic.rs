//! The clinic customer SDK (`{errNum, errMsg}` replies). The SDK is a PHP class
//! whose methods become `/{functionName}` endpoints below the clinic base URL:
//! reads are GET with query parameters, writes POST with a JSON body, both
//! named as the SDK names its parameters. Its times are China wall-clock text.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use crate::lenient::{opt_i64, opt_string, opt_text, split_ids, vec_or_null};
use crate::time::{lossy_timestamp, opt_timestamp, Timestamp};

/// A reply that only says whether it worked.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClinicAck {
    #[serde(default, deserialize_with = "opt_i64")]
    pub err_num: Option<i64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub err_msg: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerInfoRequest {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub open_id: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub wxapp_id: Option<String>,
}

/// The follower summary getcustomerinfo gives for a WeChat openId.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerBrief {
    #[serde(default, deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    /// `1` following the official account, `2` unfollowed.
    #[serde(default, deserialize_with = "opt_i64")]
    pub status: Option<i64>,
    /// The SDK asks integrators to re-host this image rather than hotlink it.
    #[serde(default, deserialize_with = "opt_string")]
    pub head_img: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub name: Option<String>,
    /// Masked (`138****1786`); present only once the customer registered.
    #[serde(default, deserialize_with = "opt_string")]
    pub tel: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerInfoReply {
    #[serde(default, deserialize_with = "opt_i64")]
    pub err_num: Option<i64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub err_msg: Option<String>,
    #[serde(default)]
    pub customer_info: Option<CustomerBrief>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CusIdRequest {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub cus_id: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TelnumRequest {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub telnum: Option<String>,
}

/// The full clinic customer record (getCusInfoByCusId / ByCusTelnum). Money
/// amounts stay text: PHP sends decimals as strings and rounding them through
/// floats would misstate balances. Nested staff and channel objects are kept
/// as raw JSON because the SDK does not describe them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClinicCustomer {
    #[serde(default, deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    #[serde(default, deserialize_with = "opt_string")]
    pub name: Option<String>,
    /// Verified phone.
    #[serde(default, deserialize_with = "opt_string")]
    pub telnum: Option<String>,
    /// Unverified phone.
    #[serde(default, deserialize_with = "opt_string")]
    pub telnum1: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub birthday: Option<String>,
    /// `1` male, `2` female.
    #[serde(default, deserialize_with = "opt_i64")]
    pub sex: Option<i64>,
    #[serde(default, deserialize_with = "opt_string")]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "lossy_timestamp")]
    pub wx_last_op_time: Option<Timestamp>,
    /// Channel person id.
    #[serde(default, deserialize_with = "opt_i64")]
    pub uid: Option<i64>,
    #[serde(default, deserialize_with = "opt_i64")]
    pub channel_id: Option<i64>,
    #[serde(default, deserialize_with = "opt_i64")]
    pub consult_id: Option<i64>,
    #[serde(default, deserialize_with = "opt_i64")]
    pub first_pre_consult_id: Option<i64>,
    #[serde(default, deserialize_with = "opt_i64")]
    pub pre_consult_id: Option<i64>,
    #[serde(default, deserialize_with = "opt_string")]
    pub intention: Option<String>,
    #[serde(default, deserialize_with = "opt_i64")]
    pub is_big_order: Option<i64>,
    #[serde(default, deserialize_with = "opt_string")]
    pub points: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub commission: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub gold: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub stored_principal: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub stored_give: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub headimg: Option<String>,
    /// `0` official-account chat, `1` web chat, `2` mini-program chat.
    #[serde(default, deserialize_with = "opt_i64")]
    pub model: Option<i64>,
    #[serde(default)]
    pub channel: Option<Value>,
    #[serde(default)]
    pub user: Option<Value>,
    #[serde(default)]
    pub firstpreconsult: Option<Value>,
    #[serde(default)]
    pub preconsult: Option<Value>,
    #[serde(default)]
    pub consult: Option<Value>,
    #[serde(default)]
    pub wx_scenes_bind: Option<Value>,
}

/// getCusInfoByCusId / getCusInfoByCusTelnum. The SDK lists the record's
/// fields but not where they sit in the reply, so the record is looked for
/// under `customerInfo` (as getcustomerinfo uses), `cusInfo`, `data`, `info`
/// or `customer`, and otherwise read from the top level. It is always sent
/// back under `customerInfo`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CusInfoReply {
    pub err_num: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub err_msg: Option<String>,
    pub customer_info: Option<ClinicCustomer>,
}

impl<'de> Deserialize<'de> for CusInfoReply {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        let ack = ClinicAck::deserialize(&v).map_err(D::Error::custom)?;
        let nested = ["customerInfo", "cusInfo", "data", "info", "customer"]
            .iter()
            .find_map(|k| v.get(k).filter(|x| x.is_object() || x.is_null()));
        let record = match nested {
            Some(Value::Null) => None,
            Some(obj) => Some(ClinicCustomer::deserialize(obj).map_err(D::Error::custom)?),
            None if v.get("id").is_some() || v.get("name").is_some() => {
                Some(ClinicCustomer::deserialize(&v).map_err(D::Error::custom)?)
            }
            None => None,
        };
        Ok(CusInfoReply {
            err_num: ack.err_num,
            err_msg: ack.err_msg,
            customer_info: record,
        })
    }
}

/// addCustomer body. Only `name` and `telnum` are required; the named staff
/// and channel are created on the clinic side when they do not exist yet.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddCustomerRequest {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub name: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub telnum: Option<String>,
    /// Member number: digits, at most 11, unique.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub erp_id: Option<String>,
    /// `1` male, `2` female, `0` unknown.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub sex: Option<i64>,
    /// `Y-m-d`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub birthday: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub channel_name: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub channel_user_name: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub pre_consult_name: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub owner_name: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub description: Option<String>,
}

/// addCustomer reply. `cusId` is a reference-server addition (the SDK answers
/// only `errNum`/`errMsg`) so the panel can open the new record.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddCustomerReply {
    #[serde(default, deserialize_with = "opt_i64")]
    pub err_num: Option<i64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub err_msg: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub cus_id: Option<i64>,
}

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

/// addOneAppointment body: `cusId` or `telnum` identifies the customer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddAppointmentRequest {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub cus_id: Option<i64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub telnum: Option<String>,
    #[serde(
        default,
        rename = "type",
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub kind: Option<i64>,
    /// Company id; text, because the SDK's example has `"demo"`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub team_id: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub content: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub comment: Option<String>,
    /// Start (or the only) time.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_timestamp"
    )]
    pub appointment_time: Option<Timestamp>,
    /// End time.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_timestamp"
    )]
    pub appointment_time1: Option<Timestamp>,
    /// Comma-separated project ids.
    #[serde(
        default,
        rename = "pId",
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub p_id: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub doctor_id: Option<i64>,
    /// Technician or device id.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub technician_id: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddAppointmentReply {
    #[serde(default, deserialize_with = "opt_i64")]
    pub err_num: Option<i64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub err_msg: Option<String>,
    #[serde(default, deserialize_with = "opt_i64")]
    pub appointment_id: Option<i64>,
}

/// changeOneAppointment body: `id` plus whichever fields change.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeAppointmentRequest {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub id: Option<i64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub team_id: Option<String>,
    #[serde(
        default,
        rename = "type",
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub kind: Option<i64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub content: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub comment: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_timestamp"
    )]
    pub appointment_time: Option<Timestamp>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_timestamp"
    )]
    pub appointment_time1: Option<Timestamp>,
    #[serde(
        default,
        rename = "pId",
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub p_id: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub doctor_id: Option<i64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub technician_id: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CancelAppointmentRequest {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub id: Option<i64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub comment: Option<String>,
}

/// getAppointmentList query: each `last*Time` asks for one of the four lists
/// (a list whose time is left out comes back empty). See
/// [`crate::incremental`] for how repeated calls stay gap- and duplicate-free.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentListRequest {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_timestamp"
    )]
    pub last_create_time: Option<Timestamp>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_timestamp"
    )]
    pub last_complete_time: Option<Timestamp>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_timestamp"
    )]
    pub last_appoint_time: Option<Timestamp>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_timestamp"
    )]
    pub last_cancel_time: Option<Timestamp>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub cus_id: Option<i64>,
}

/// One appointment. PHP sends every column as a string.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Appointment {
    #[serde(default, deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    #[serde(default, deserialize_with = "opt_string")]
    pub team_id: Option<String>,
    #[serde(default, deserialize_with = "opt_i64")]
    pub cus_id: Option<i64>,
    /// The staff member who booked it.
    #[serde(default, rename = "uId", deserialize_with = "opt_i64")]
    pub u_id: Option<i64>,
    #[serde(default, deserialize_with = "opt_string")]
    pub comment: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub content: Option<String>,
    #[serde(default, deserialize_with = "lossy_timestamp")]
    pub create_time: Option<Timestamp>,
    #[serde(default, deserialize_with = "lossy_timestamp")]
    pub appointment_time: Option<Timestamp>,
    #[serde(default, deserialize_with = "lossy_timestamp")]
    pub appointment_time1: Option<Timestamp>,
    #[serde(default, deserialize_with = "lossy_timestamp")]
    pub cancel_time: Option<Timestamp>,
    #[serde(default, deserialize_with = "lossy_timestamp")]
    pub complete_time: Option<Timestamp>,
    #[serde(default, rename = "type", deserialize_with = "opt_i64")]
    pub kind: Option<i64>,
    #[serde(default, deserialize_with = "opt_i64")]
    pub doctor_id: Option<i64>,
    #[serde(default, rename = "pId", deserialize_with = "opt_string")]
    pub p_id: Option<String>,
    #[serde(default, deserialize_with = "opt_i64")]
    pub technician_id: Option<i64>,
}

impl Appointment {
    pub fn project_ids(&self) -> Vec<i64> {
        self.p_id.as_deref().map(split_ids).unwrap_or_default()
    }
}

/// getAppointmentList reply: four independent lists with their totals.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentListReply {
    #[serde(default, deserialize_with = "opt_i64")]
    pub err_num: Option<i64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub err_msg: Option<String>,
    #[serde(default, deserialize_with = "opt_i64")]
    pub create_total: Option<i64>,
    #[serde(default, deserialize_with = "vec_or_null")]
    pub create_list: Vec<Appointment>,
    #[serde(default, deserialize_with = "opt_i64")]
    pub complete_total: Option<i64>,
    #[serde(default, deserialize_with = "vec_or_null")]
    pub complete_list: Vec<Appointment>,
    #[serde(default, deserialize_with = "opt_i64")]
    pub appointment_total: Option<i64>,
    #[serde(default, deserialize_with = "vec_or_null")]
    pub appointment_list: Vec<Appointment>,
    #[serde(default, deserialize_with = "opt_i64")]
    pub cancel_total: Option<i64>,
    #[serde(default, deserialize_with = "vec_or_null")]
    pub cancel_list: Vec<Appointment>,
}

endpoint!(
    /// A WeChat follower's summary, by openId and app id.
    GetCustomerInfo, Get, Clinic, "/getcustomerinfo",
    CustomerInfoRequest, CustomerInfoReply
);
endpoint!(
    GetCusInfoByCusId,
    Get,
    Clinic,
    "/getCusInfoByCusId",
    CusIdRequest,
    CusInfoReply
);
endpoint!(
    GetCusInfoByCusTelnum,
    Get,
    Clinic,
    "/getCusInfoByCusTelnum",
    TelnumRequest,
    CusInfoReply
);
endpoint!(
    AddCustomer,
    Post,
    Clinic,
    "/addCustomer",
    AddCustomerRequest,
    AddCustomerReply
);
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
