//! The records the customer module's replies carry.

use serde::{Deserialize, Serialize};

use crate::lenient::{opt_i64, opt_string, opt_string_list, split_ids};
use crate::time::{lossy_timestamp, Timestamp};

customer_record! {
    /// A customer record. The vendor's customer table holds far more columns;
    /// these are the ones the panel shows or edits. Everything is optional because
    /// each endpoint fills a different subset.
    Customer {
        /// Reference-server addition: the names of `tags`, so the list needs no
        /// second request. The vendor never sends it.
        #[serde(deserialize_with = "opt_string_list")]
        pub tag_names: Option<Vec<String>>,
        #[serde(deserialize_with = "opt_i64")]
        pub is_star: Option<i64>,
    } {
        #[serde(deserialize_with = "lossy_timestamp")]
        pub create_time: Option<Timestamp>,
        #[serde(deserialize_with = "lossy_timestamp")]
        pub last_update_time: Option<Timestamp>,
        #[serde(deserialize_with = "opt_string")]
        pub xfield1: Option<String>,
        #[serde(deserialize_with = "opt_i64")]
        pub is_cust: Option<i64>,
    }
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
#[serde(rename_all = "camelCase", default)]
pub struct WechatContact {
    #[serde(deserialize_with = "opt_i64")]
    pub wechat_contact_id: Option<i64>,
    #[serde(deserialize_with = "opt_i64")]
    pub wechat_user_id: Option<i64>,
    /// WeChat's account number; unsigned 32-bit and sometimes `"0"`, so text.
    #[serde(deserialize_with = "opt_string")]
    pub uin: Option<String>,
    /// The contact's `wxid_...`.
    #[serde(deserialize_with = "opt_string")]
    pub user_name: Option<String>,
    #[serde(deserialize_with = "opt_string")]
    pub nick_name: Option<String>,
    #[serde(deserialize_with = "opt_string")]
    pub head_img_url: Option<String>,
    #[serde(deserialize_with = "opt_string")]
    pub remark_name: Option<String>,
    #[serde(deserialize_with = "opt_string")]
    pub alias: Option<String>,
    /// `"1"` male, `"2"` female, `"0"` unknown.
    #[serde(deserialize_with = "opt_i64")]
    pub sex: Option<i64>,
    #[serde(deserialize_with = "opt_string")]
    pub verify_flag: Option<String>,
    #[serde(deserialize_with = "opt_i64")]
    pub is_delete: Option<i64>,
    #[serde(deserialize_with = "opt_i64")]
    pub is_saving: Option<i64>,
    /// The company's own WeChat account (`wxid_...`) this contact belongs to.
    #[serde(deserialize_with = "opt_string")]
    pub wechat_user_name: Option<String>,
    #[serde(deserialize_with = "opt_string")]
    pub wechat_user_nick_name: Option<String>,
    #[serde(deserialize_with = "opt_string")]
    pub wechat_user_uin: Option<String>,
    #[serde(deserialize_with = "opt_string")]
    pub contact_flag: Option<String>,
    #[serde(deserialize_with = "opt_string")]
    pub province: Option<String>,
    #[serde(deserialize_with = "opt_string")]
    pub city: Option<String>,
    #[serde(deserialize_with = "opt_i64")]
    pub contact_type: Option<i64>,
    #[serde(deserialize_with = "opt_i64")]
    pub admin_user_id: Option<i64>,
    /// The personalised nickname saved with batchSaveNickName.
    #[serde(deserialize_with = "opt_string")]
    pub customer_nick_name: Option<String>,
    /// Pinyin initials, for sorting by name. The vendor sends it twice
    /// (`pyinitial` and `pYInitial`); an alias would make that a duplicate
    /// field, so only the lower-case spelling is read.
    #[serde(deserialize_with = "opt_string")]
    pub pyinitial: Option<String>,
    #[serde(rename = "pyquanPin", deserialize_with = "opt_string")]
    pub pyquan_pin: Option<String>,
}

/// The vendor's ORM pager that rides along on entities it echoes back. Its
/// `html` is a server-rendered pager: kept as plain text, never rendered.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LegacyPage {
    #[serde(deserialize_with = "opt_i64")]
    pub page_no: Option<i64>,
    #[serde(deserialize_with = "opt_i64")]
    pub page_size: Option<i64>,
    #[serde(deserialize_with = "opt_i64")]
    pub count: Option<i64>,
    #[serde(deserialize_with = "opt_string")]
    pub html: Option<String>,
    #[serde(deserialize_with = "opt_i64")]
    pub first_result: Option<i64>,
    #[serde(deserialize_with = "opt_i64")]
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
#[serde(rename_all = "camelCase", default)]
pub struct Tag {
    #[serde(deserialize_with = "opt_i64")]
    pub tag_id: Option<i64>,
    #[serde(deserialize_with = "opt_string")]
    pub tag_name: Option<String>,
}

/// The name of tag `id` for display, or the id itself when `tags` does not
/// name it: the vendor has no tag list and tags can be removed, so an unknown
/// id is shown as it is, never as an error.
pub fn tag_label(tags: &[Tag], id: i64) -> String {
    tags.iter()
        .find(|t| t.tag_id == Some(id))
        .and_then(|t| t.tag_name.clone())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_labels_fall_back_to_the_raw_id() {
        let tags = [
            Tag {
                tag_id: Some(1),
                tag_name: Some("VIP".into()),
            },
            Tag {
                tag_id: Some(2),
                tag_name: Some(" ".into()),
            },
        ];
        assert_eq!(tag_label(&tags, 1), "VIP");
        assert_eq!(tag_label(&tags, 2), "2");
        assert_eq!(tag_label(&tags, 99), "99");
        assert_eq!(tag_label(&[], 5), "5");
    }
}
