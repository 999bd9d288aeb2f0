//! Customer module (`/wechat_api/customer/...`): the customer list and export,
//! editing and deleting a customer, personalised nicknames, contacts by tag,
//! and the reference server's tag list.

use serde::{Deserialize, Deserializer, Serialize};

use crate::auth::Ack;
use crate::lenient::{opt_i64, opt_string, opt_string_list, opt_text, split_ids};
use crate::page::{ListReply, PageReply};
use crate::time::{lossy_timestamp, opt_timestamp, Timestamp};

/// A customer record. The vendor's customer table holds far more columns;
/// these are the ones the panel shows or edits. Everything is optional because
/// each endpoint fills a different subset.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    #[serde(default, deserialize_with = "opt_i64")]
    pub customer_id: Option<i64>,
    #[serde(default, deserialize_with = "opt_string")]
    pub customer_name: Option<String>,
    /// Kept as text: phones arrive as numbers or strings and may be masked.
    #[serde(default, deserialize_with = "opt_string")]
    pub customer_phone: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub nick_name: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub remark_name: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub remarks: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub head_img_url: Option<String>,
    /// Comma-separated tag ids, exactly as the vendor stores them.
    #[serde(default, deserialize_with = "opt_string")]
    pub tags: Option<String>,
    /// Reference-server addition: the names of `tags`, so the list needs no
    /// second request. The vendor never sends it.
    #[serde(default, deserialize_with = "opt_string_list")]
    pub tag_names: Option<Vec<String>>,
    #[serde(default, deserialize_with = "opt_i64")]
    pub is_star: Option<i64>,
    #[serde(default, deserialize_with = "opt_i64")]
    pub wechat_contact_id: Option<i64>,
    #[serde(default, deserialize_with = "opt_i64")]
    pub wechat_user_id: Option<i64>,
    #[serde(default, deserialize_with = "opt_i64")]
    pub admin_user_id: Option<i64>,
    #[serde(default, deserialize_with = "lossy_timestamp")]
    pub create_time: Option<Timestamp>,
    #[serde(default, deserialize_with = "lossy_timestamp")]
    pub last_update_time: Option<Timestamp>,
    #[serde(default, deserialize_with = "opt_string")]
    pub xfield1: Option<String>,
    #[serde(default, deserialize_with = "opt_i64")]
    pub is_cust: Option<i64>,
}

impl Customer {
    /// What a salesperson calls the customer: their own remark first, then
    /// the customer's name, then the WeChat nickname.
    pub fn display_name(&self) -> &str {
        [&self.remark_name, &self.customer_name, &self.nick_name]
            .into_iter()
            .filter_map(|s| s.as_deref())
            .find(|s| !s.trim().is_empty())
            .unwrap_or("")
    }

    pub fn tag_ids(&self) -> Vec<i64> {
        self.tags.as_deref().map(split_ids).unwrap_or_default()
    }

    pub fn starred(&self) -> bool {
        self.is_star == Some(1)
    }
}

/// A WeChat contact (a friend of one of the company's WeChat accounts).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WechatContact {
    #[serde(default, deserialize_with = "opt_i64")]
    pub wechat_contact_id: Option<i64>,
    #[serde(default, deserialize_with = "opt_i64")]
    pub wechat_user_id: Option<i64>,
    /// WeChat's account number; unsigned 32-bit and sometimes `"0"`, so text.
    #[serde(default, deserialize_with = "opt_string")]
    pub uin: Option<String>,
    /// The contact's `wxid_...`.
    #[serde(default, deserialize_with = "opt_string")]
    pub user_name: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub nick_name: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub head_img_url: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub remark_name: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub alias: Option<String>,
    /// `"1"` male, `"2"` female, `"0"` unknown.
    #[serde(default, deserialize_with = "opt_i64")]
    pub sex: Option<i64>,
    #[serde(default, deserialize_with = "opt_string")]
    pub verify_flag: Option<String>,
    #[serde(default, deserialize_with = "opt_i64")]
    pub is_delete: Option<i64>,
    #[serde(default, deserialize_with = "opt_i64")]
    pub is_saving: Option<i64>,
    /// The company's own WeChat account (`wxid_...`) this contact belongs to.
    #[serde(default, deserialize_with = "opt_string")]
    pub wechat_user_name: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub wechat_user_nick_name: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub wechat_user_uin: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub contact_flag: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub province: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub city: Option<String>,
    #[serde(default, deserialize_with = "opt_i64")]
    pub contact_type: Option<i64>,
    #[serde(default, deserialize_with = "opt_i64")]
    pub admin_user_id: Option<i64>,
    /// The personalised nickname saved with batchSaveNickName.
    #[serde(default, deserialize_with = "opt_string")]
    pub customer_nick_name: Option<String>,
    /// Pinyin initials, for sorting by name. The vendor sends it twice
    /// (`pyinitial` and `pYInitial`); an alias would make that a duplicate
    /// field, so only the lower-case spelling is read.
    #[serde(default, deserialize_with = "opt_string")]
    pub pyinitial: Option<String>,
    #[serde(default, rename = "pyquanPin", deserialize_with = "opt_string")]
    pub pyquan_pin: Option<String>,
}

/// The vendor's ORM pager that rides along on entities it echoes back. Its
/// `html` is a server-rendered pager: kept as plain text, never rendered.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LegacyPage {
    #[serde(default, deserialize_with = "opt_i64")]
    pub page_no: Option<i64>,
    #[serde(default, deserialize_with = "opt_i64")]
    pub page_size: Option<i64>,
    #[serde(default, deserialize_with = "opt_i64")]
    pub count: Option<i64>,
    #[serde(default, deserialize_with = "opt_string")]
    pub html: Option<String>,
    #[serde(default, deserialize_with = "opt_i64")]
    pub first_result: Option<i64>,
    #[serde(default, deserialize_with = "opt_i64")]
    pub max_results: Option<i64>,
}

/// An entity echoed back by an update, with the ORM pager it carries.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
pub struct Entity<T> {
    #[serde(default)]
    pub page: Option<LegacyPage>,
    #[serde(flatten)]
    pub record: T,
}

/// A tag of the reference server's tag list.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tag {
    #[serde(default, deserialize_with = "opt_i64")]
    pub tag_id: Option<i64>,
    #[serde(default, deserialize_with = "opt_string")]
    pub tag_name: Option<String>,
}

/// customerPage filters. Every field is optional: the vendor treats empty
/// parameters as "no filter".
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerPageRequest {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub customer_name: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub customer_phone: Option<String>,
    /// Comma-separated tag ids.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub tag_ids: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_timestamp"
    )]
    pub begin_time: Option<Timestamp>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_timestamp"
    )]
    pub end_time: Option<Timestamp>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub remarks: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub limit: Option<i64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub page_no: Option<i64>,
}

/// downLoad filters: customerPage's, except `remarkName` instead of `remarks`
/// and a `wechatUserId` to export one account's customers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DownloadRequest {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub customer_name: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub customer_phone: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub tag_ids: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_timestamp"
    )]
    pub begin_time: Option<Timestamp>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_timestamp"
    )]
    pub end_time: Option<Timestamp>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub remark_name: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub wechat_user_id: Option<i64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub limit: Option<i64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub page_no: Option<i64>,
}

/// updateCustomer body. The vendor sends every field, `""` for "cleared".
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateCustomerRequest {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub customer_id: Option<i64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub customer_name: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub customer_phone: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub nick_name: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub remarks: Option<String>,
    /// Comma-separated tag ids.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub tags: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub wechat_contact_id: Option<i64>,
    /// `1` starred, `0` or `""` not.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub is_star: Option<i64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_string"
    )]
    pub xfield1: Option<String>,
}

/// updateCustomer answers no `data`: just `code` and the two saved entities.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateCustomerReply {
    #[serde(default, deserialize_with = "opt_i64")]
    pub code: Option<i64>,
    #[serde(default, deserialize_with = "opt_string")]
    pub msg: Option<String>,
    #[serde(default)]
    pub wechat_contact: Option<Entity<WechatContact>>,
    #[serde(default)]
    pub customer: Option<Entity<Customer>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeleteCustomerRequest {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub customer_id: Option<i64>,
}

/// One personalised nickname ("個性稱呼") for a contact.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NickName {
    #[serde(default, deserialize_with = "opt_i64")]
    pub wechat_contact_id: Option<i64>,
    #[serde(default, deserialize_with = "opt_string")]
    pub cust_name: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub nick_name: Option<String>,
}

/// batchSaveNickName body. The document shows `nickNames` as one object; the
/// endpoint's name says batch, and form posts carry it as JSON text, so one
/// object, a list, or JSON text of either are all accepted. Sent as a list.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchSaveNickNameRequest {
    #[serde(default, deserialize_with = "one_or_many_nicknames")]
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
#[serde(rename_all = "camelCase")]
pub struct FindContactByTagAllRequest {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_i64"
    )]
    pub wechat_user_id: Option<i64>,
    /// Comma-separated tag ids.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_text"
    )]
    pub tag_ids: Option<String>,
    /// Non-empty also finds contacts of accounts that are offline.
    #[serde(
        default,
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
