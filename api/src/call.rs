//! Phone-call helpers: whether the panel pops up the caller's details after a
//! call, and who a phone number belongs to.

use serde::{Deserialize, Serialize};

use crate::auth::{Ack, Empty};
use crate::lenient::{opt_i64, opt_string, opt_text};
use crate::time::{lossy_timestamp, Timestamp};

/// getIsOpenAfterCall: `data` is `1` (pop-up on) or `0`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IsOpenReply {
    #[serde(deserialize_with = "opt_i64")]
    pub code: Option<i64>,
    #[serde(deserialize_with = "opt_string")]
    pub msg: Option<String>,
    #[serde(deserialize_with = "opt_i64")]
    pub data: Option<i64>,
}

impl IsOpenReply {
    pub fn is_open(&self) -> bool {
        self.data == Some(1)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UpdateIsOpenRequest {
    /// `1` on, `0` off.
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
    pub is_open: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomerInfoByCallRequest {
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_text")]
    pub phone: Option<String>,
}

/// Where getCustomerInfoByCall found the number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallSource {
    /// `0`: nowhere.
    NotFound,
    /// `1`: the customer records.
    Customers,
    /// `2`: the "assigned to me" customer pool.
    AssignedPool,
    /// `3`: manual entry.
    ManualEntry,
    Unknown(i64),
}

/// getCustomerInfoByCall's `data`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CallInfo {
    #[serde(deserialize_with = "opt_i64")]
    pub source: Option<i64>,
    /// `null` when nothing was found (kept as `None` so it is sent back as
    /// `null`, as the vendor does).
    pub customer_list: Option<Vec<CallCustomer>>,
}

impl CallInfo {
    pub fn customers(&self) -> &[CallCustomer] {
        self.customer_list.as_deref().unwrap_or_default()
    }

    pub fn source(&self) -> CallSource {
        match self.source {
            None | Some(0) => CallSource::NotFound,
            Some(1) => CallSource::Customers,
            Some(2) => CallSource::AssignedPool,
            Some(3) => CallSource::ManualEntry,
            Some(other) => CallSource::Unknown(other),
        }
    }
}

customer_record! {
    /// Sources 1 and 2 list customer records, source 3 manual-entry records; one
    /// superset record lets the pop-up show whichever fields are there.
    CallCustomer {} {
        #[serde(deserialize_with = "opt_string")]
        pub company: Option<String>,
        #[serde(deserialize_with = "opt_string")]
        pub address: Option<String>,
        #[serde(deserialize_with = "opt_string")]
        pub phone_geo: Option<String>,
        #[serde(deserialize_with = "opt_string")]
        pub user_name: Option<String>,
        #[serde(deserialize_with = "opt_string")]
        pub uin: Option<String>,
        /// `1` starred (customer records only).
        #[serde(deserialize_with = "opt_i64")]
        pub is_star: Option<i64>,
        #[serde(deserialize_with = "opt_i64")]
        pub dial_status: Option<i64>,
        #[serde(deserialize_with = "opt_i64")]
        pub add_status: Option<i64>,
        #[serde(deserialize_with = "opt_string")]
        pub xfield1: Option<String>,
        #[serde(deserialize_with = "lossy_timestamp")]
        pub create_time: Option<Timestamp>,
        #[serde(deserialize_with = "lossy_timestamp")]
        pub last_update_time: Option<Timestamp>,
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CallInfoReply {
    #[serde(deserialize_with = "opt_i64")]
    pub code: Option<i64>,
    #[serde(deserialize_with = "opt_string")]
    pub msg: Option<String>,
    pub data: Option<CallInfo>,
}

endpoint!(
    GetIsOpenAfterCall,
    Get,
    Vendor,
    "/wechat_api/customer/getIsOpenAfterCall",
    Empty,
    IsOpenReply
);
endpoint!(
    UpdateIsOpenAfterCall,
    Post,
    Vendor,
    "/wechat_api/customer/updateIsOpenAfterCall",
    UpdateIsOpenRequest,
    Ack
);
endpoint!(
    /// Who a dialled number belongs to, for the navigation bar's pop-up.
    GetCustomerInfoByCall, Get, Vendor, "/wechat_api/customer/getCustomerInfoByCall",
    CustomerInfoByCallRequest, CallInfoReply
);
