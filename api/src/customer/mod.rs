//! Customer module (`/wechat_api/customer/...`): the customer list and export,
//! editing and deleting a customer, personalised nicknames, contacts by tag,
//! and the reference server's tag list.

mod records;

pub use records::{tag_label, Customer, Entity, LegacyPage, Tag, WechatContact};

use serde::{Deserialize, Deserializer, Serialize};

use crate::auth::Ack;
use crate::lenient::{opt_i64, opt_string, opt_text};
use crate::page::{ListReply, PageReply};
use crate::time::{opt_timestamp, Timestamp};

/// Declares a customer-list query: the filters customerPage and downLoad
/// share, the endpoint's own ones, then paging, in the vendor's order.
macro_rules! customer_query {
    ($(#[$meta:meta])* $name:ident { $($own:tt)* }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase", default)]
        pub struct $name {
            #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_text")]
            pub customer_name: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_text")]
            pub customer_phone: Option<String>,
            /// Comma-separated tag ids.
            #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_text")]
            pub tag_ids: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_timestamp")]
            pub begin_time: Option<Timestamp>,
            #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_timestamp")]
            pub end_time: Option<Timestamp>,
            $($own)*
            #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
            pub limit: Option<i64>,
            #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
            pub page_no: Option<i64>,
        }
    };
}

customer_query! {
    /// customerPage filters. Every field is optional: the vendor treats empty
    /// parameters as "no filter".
    CustomerPageRequest {
        #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_text")]
        pub remarks: Option<String>,
        /// The reference server's addition (not in the vendor's document): only
        /// the customer bound to this WeChat contact. A server that ignores it
        /// answers unfiltered, so callers check the rows' `wechatContactId`.
        #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
        pub wechat_contact_id: Option<i64>,
    }
}

customer_query! {
    /// downLoad filters: customerPage's, except `remarkName` instead of `remarks`
    /// and a `wechatUserId` to export one account's customers.
    DownloadRequest {
        #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_text")]
        pub remark_name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
        pub wechat_user_id: Option<i64>,
    }
}

/// updateCustomer body. The vendor sends every field, `""` for "cleared".
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UpdateCustomerRequest {
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
    pub customer_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub customer_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub customer_phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub nick_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub remarks: Option<String>,
    /// Comma-separated tag ids.
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub tags: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
    pub wechat_contact_id: Option<i64>,
    /// `1` starred, `0` or `""` not.
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
    pub is_star: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub xfield1: Option<String>,
    /// The record's `lastUpdateTime` as the editor loaded it (reference-server
    /// extension): a save over a record changed since answers 409.
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_timestamp")]
    pub last_update_time: Option<Timestamp>,
}

/// updateCustomer answers no `data`: just `code` and the two saved entities.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct UpdateCustomerReply {
    #[serde(deserialize_with = "opt_i64")]
    pub code: Option<i64>,
    #[serde(deserialize_with = "opt_string")]
    pub msg: Option<String>,
    pub wechat_contact: Option<Entity<WechatContact>>,
    pub customer: Option<Entity<Customer>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DeleteCustomerRequest {
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
    pub customer_id: Option<i64>,
}

/// One personalised nickname ("個性稱呼") for a contact.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NickName {
    #[serde(deserialize_with = "opt_i64")]
    pub wechat_contact_id: Option<i64>,
    #[serde(deserialize_with = "opt_string")]
    pub cust_name: Option<String>,
    #[serde(deserialize_with = "opt_string")]
    pub nick_name: Option<String>,
}

/// batchSaveNickName body. The document shows `nickNames` as one object; the
/// endpoint's name says batch, and form posts carry it as JSON text, so one
/// object, a list, or JSON text of either are all accepted. Sent as a list.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct BatchSaveNickNameRequest {
    #[serde(deserialize_with = "one_or_many_nicknames")]
    pub nick_names: Vec<NickName>,
}

fn one_or_many_nicknames<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<NickName>, D::Error> {
    use serde::de::Error;
    use serde_json::Value;
    let v = match Value::deserialize(d)? {
        Value::String(s) if s.trim().is_empty() => return Ok(Vec::new()),
        Value::String(s) => serde_json::from_str(&s).map_err(D::Error::custom)?,
        other => other,
    };
    match v {
        Value::Null => Ok(Vec::new()),
        Value::Array(_) => serde_json::from_value(v).map_err(D::Error::custom),
        other => Ok(vec![
            serde_json::from_value(other).map_err(D::Error::custom)?
        ]),
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FindContactByTagAllRequest {
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
    pub wechat_user_id: Option<i64>,
    /// Comma-separated tag ids.
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_text")]
    pub tag_ids: Option<String>,
    /// Non-empty also finds contacts of accounts that are offline.
    #[serde(
        rename = "isOffLine",
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub is_off_line: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TagListRequest {}

endpoint!(
    /// The customer list, filtered and paged.
    CustomerPage, Get, Vendor, "/wechat_api/customer/customerPage",
    CustomerPageRequest, PageReply<Customer>
);
endpoint!(
    /// Export: the document shows the same paged JSON as customerPage.
    DownLoad, Get, Vendor, "/wechat_api/customer/downLoad",
    DownloadRequest, PageReply<Customer>
);
endpoint!(
    UpdateCustomer,
    Post,
    Vendor,
    "/wechat_api/customer/updateCustomer",
    UpdateCustomerRequest,
    UpdateCustomerReply
);
endpoint!(
    /// The vendor answers an empty page here; it carries nothing, so only
    /// success is kept.
    DeleteCustomer, Post, Vendor, "/wechat_api/customer/delete",
    DeleteCustomerRequest, Ack
);
endpoint!(
    BatchSaveNickName,
    Post,
    Vendor,
    "/wechat_api/customer/batchSaveNickName",
    BatchSaveNickNameRequest,
    Ack
);
endpoint!(
    /// Contacts carrying the given tags, including sub-accounts' contacts.
    FindContactByTagAll, Get, Vendor, "/wechat_api/customer/findcontactbytagAll",
    FindContactByTagAllRequest, ListReply<WechatContact>
);
endpoint!(
    /// Reference-server addition: the documents have no way to list tags.
    TagList, Get, Vendor, "/wechat_api/customer/tagList",
    TagListRequest, ListReply<Tag>
);
