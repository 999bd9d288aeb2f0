//! Clinic customers: look-up by WeChat openId, id or phone, and creation.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::ClinicAck;
use crate::lenient::{opt_i64, opt_string, opt_text};
use crate::time::{lossy_timestamp, Timestamp};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CustomerInfoRequest {
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_text")]
    pub open_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_text")]
    pub wxapp_id: Option<String>,
}

/// The follower summary getcustomerinfo gives for a WeChat openId.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CustomerBrief {
    #[serde(deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    /// `1` following the official account, `2` unfollowed.
    #[serde(deserialize_with = "opt_i64")]
    pub status: Option<i64>,
    /// The SDK asks integrators to re-host this image rather than hotlink it.
    #[serde(deserialize_with = "opt_string")]
    pub head_img: Option<String>,
    #[serde(deserialize_with = "opt_string")]
    pub name: Option<String>,
    /// Masked (`138****1786`); present only once the customer registered.
    #[serde(deserialize_with = "opt_string")]
    pub tel: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CustomerInfoReply {
    #[serde(deserialize_with = "opt_i64")]
    pub err_num: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub err_msg: Option<String>,
    pub customer_info: Option<CustomerBrief>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CusIdRequest {
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
    pub cus_id: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TelnumRequest {
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_text")]
    pub telnum: Option<String>,
}

/// The full clinic customer record (getCusInfoByCusId / ByCusTelnum). Money
/// amounts stay text: PHP sends decimals as strings and rounding them through
/// floats would misstate balances. Nested staff and channel objects are kept
/// as raw JSON because the SDK does not describe them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ClinicCustomer {
    #[serde(deserialize_with = "opt_i64")]
    pub id: Option<i64>,
    #[serde(deserialize_with = "opt_string")]
    pub name: Option<String>,
    /// Verified phone.
    #[serde(deserialize_with = "opt_string")]
    pub telnum: Option<String>,
    /// Unverified phone.
    #[serde(deserialize_with = "opt_string")]
    pub telnum1: Option<String>,
    #[serde(deserialize_with = "opt_string")]
    pub birthday: Option<String>,
    /// `1` male, `2` female.
    #[serde(deserialize_with = "opt_i64")]
    pub sex: Option<i64>,
    #[serde(deserialize_with = "opt_string")]
    pub description: Option<String>,
    #[serde(deserialize_with = "lossy_timestamp")]
    pub wx_last_op_time: Option<Timestamp>,
    /// Channel person id.
    #[serde(deserialize_with = "opt_i64")]
    pub uid: Option<i64>,
    #[serde(deserialize_with = "opt_i64")]
    pub channel_id: Option<i64>,
    #[serde(deserialize_with = "opt_i64")]
    pub consult_id: Option<i64>,
    #[serde(deserialize_with = "opt_i64")]
    pub first_pre_consult_id: Option<i64>,
    #[serde(deserialize_with = "opt_i64")]
    pub pre_consult_id: Option<i64>,
    #[serde(deserialize_with = "opt_string")]
    pub intention: Option<String>,
    #[serde(deserialize_with = "opt_i64")]
    pub is_big_order: Option<i64>,
    #[serde(deserialize_with = "opt_string")]
    pub points: Option<String>,
    #[serde(deserialize_with = "opt_string")]
    pub commission: Option<String>,
    #[serde(deserialize_with = "opt_string")]
    pub gold: Option<String>,
    #[serde(deserialize_with = "opt_string")]
    pub stored_principal: Option<String>,
    #[serde(deserialize_with = "opt_string")]
    pub stored_give: Option<String>,
    #[serde(deserialize_with = "opt_string")]
    pub headimg: Option<String>,
    /// `0` official-account chat, `1` web chat, `2` mini-program chat.
    #[serde(deserialize_with = "opt_i64")]
    pub model: Option<i64>,
    pub channel: Option<Value>,
    pub user: Option<Value>,
    pub firstpreconsult: Option<Value>,
    pub preconsult: Option<Value>,
    pub consult: Option<Value>,
    pub wx_scenes_bind: Option<Value>,
    /// What addCustomer stored (member number, record owner) and when:
    /// reference-server additions the SDK does not list, so a client can
    /// read back what it wrote.
    #[serde(deserialize_with = "opt_i64")]
    pub erp_id: Option<i64>,
    #[serde(deserialize_with = "opt_i64")]
    pub owner_id: Option<i64>,
    pub owner: Option<Value>,
    #[serde(deserialize_with = "lossy_timestamp")]
    pub create_time: Option<Timestamp>,
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
#[serde(rename_all = "camelCase", default)]
pub struct AddCustomerRequest {
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub telnum: Option<String>,
    /// Member number: digits, at most 11, unique.
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub erp_id: Option<String>,
    /// `1` male, `2` female, `0` unknown.
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
    pub sex: Option<i64>,
    /// `Y-m-d`.
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub birthday: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub channel_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub channel_user_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub pre_consult_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub owner_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub description: Option<String>,
}

/// addCustomer reply. `cusId` is a reference-server addition (the SDK answers
/// only `errNum`/`errMsg`) so the panel can open the new record.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AddCustomerReply {
    #[serde(deserialize_with = "opt_i64")]
    pub err_num: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub err_msg: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
    pub cus_id: Option<i64>,
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
