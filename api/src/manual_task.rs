//! Manual entry ("手動錄入"): customers typed in by hand and queued for a
//! salesperson to call and add as a WeChat friend. A "task" is everything
//! queued for one account; its "details" are the individual entries.

use serde::{Deserialize, Serialize};

use crate::auth::{Ack, DataReply};
use crate::lenient::{opt_i64, opt_string, opt_text};
use crate::page::NestedPageReply;
use crate::time::{lossy_timestamp, Timestamp};

/// One account that has manual-entry work (getManualTaskList row).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ManualTaskOwner {
    #[serde(deserialize_with = "opt_i64")]
    pub admin_user_id: Option<i64>,
    #[serde(deserialize_with = "opt_string")]
    pub real_name: Option<String>,
}

customer_row! {
    /// One manually entered customer (a row of the customer pool).
    ManualEntry {
        #[serde(deserialize_with = "opt_string")]
        pub address: Option<String>,
        #[serde(deserialize_with = "opt_string")]
        pub company: Option<String>,
        #[serde(deserialize_with = "lossy_timestamp")]
        pub create_time: Option<Timestamp>,
        #[serde(deserialize_with = "lossy_timestamp")]
        pub last_update_time: Option<Timestamp>,
        #[serde(deserialize_with = "opt_string")]
        pub nick_name: Option<String>,
        /// Target WeChat account number, when known.
        #[serde(deserialize_with = "opt_string")]
        pub uin: Option<String>,
        #[serde(deserialize_with = "opt_i64")]
        pub admin_user_id: Option<i64>,
        #[serde(deserialize_with = "opt_i64")]
        pub syn: Option<i64>,
        /// WeChat id, phone or alias to search when adding the friend.
        #[serde(deserialize_with = "opt_string")]
        pub user_name: Option<String>,
        #[serde(deserialize_with = "opt_string")]
        pub xfield1: Option<String>,
        #[serde(deserialize_with = "opt_string")]
        pub xfield2: Option<String>,
        #[serde(deserialize_with = "opt_string")]
        pub xfield3: Option<String>,
        #[serde(deserialize_with = "opt_string")]
        pub xfield4: Option<String>,
        #[serde(deserialize_with = "opt_string")]
        pub xfield5: Option<String>,
        #[serde(deserialize_with = "opt_string")]
        pub xfield6: Option<String>,
        #[serde(deserialize_with = "opt_string")]
        pub xfield7: Option<String>,
        #[serde(deserialize_with = "opt_string")]
        pub xfield8: Option<String>,
        #[serde(deserialize_with = "opt_string")]
        pub xfield9: Option<String>,
        #[serde(deserialize_with = "opt_string")]
        pub xfield10: Option<String>,
        /// `0` not dialled, `1` dialled.
        #[serde(deserialize_with = "opt_i64")]
        pub dial_status: Option<i64>,
        #[serde(deserialize_with = "opt_i64")]
        pub add_status: Option<i64>,
        #[serde(deserialize_with = "opt_i64")]
        pub task_id: Option<i64>,
        #[serde(deserialize_with = "opt_i64")]
        pub order_num: Option<i64>,
        #[serde(deserialize_with = "opt_string")]
        pub phone_geo: Option<String>,
        #[serde(deserialize_with = "opt_string")]
        pub tags: Option<String>,
        #[serde(deserialize_with = "lossy_timestamp")]
        pub assign_time: Option<Timestamp>,
        #[serde(deserialize_with = "opt_string")]
        pub remarks: Option<String>,
        /// WeChat's `v1` contact ticket, needed to send a friend request.
        #[serde(deserialize_with = "opt_string")]
        pub v1: Option<String>,
    }
}

/// Declares a manual-entry list query: paging and the account, as both lists
/// take them, then the list's own filters.
macro_rules! manual_task_query {
    ($(#[$meta:meta])* $name:ident { $($own:tt)* }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase", default)]
        pub struct $name {
            #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
            pub page_no: Option<i64>,
            #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
            pub limit: Option<i64>,
            /// The account (getManualTaskList row's `adminUserId`); required
            /// by getManualTaskDetail.
            #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
            pub admin_user_id: Option<i64>,
            $($own)*
        }
    };
}

manual_task_query! {
    ManualTaskListRequest {
        /// Department id, spelled as the document spells it.
        #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
        pub pepart_id: Option<i64>,
    }
}

manual_task_query! {
    ManualTaskDetailRequest {
        #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_text")]
        pub company: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_text")]
        pub customer_name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_text")]
        pub user_name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
        pub dial_status: Option<i64>,
        #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
        pub add_status: Option<i64>,
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DelManualTaskRequest {
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
    pub admin_user_id: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DelManualTaskDetailRequest {
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_i64")]
    pub customer_id: Option<i64>,
}

/// addManualTask body; customerName, customerPhone and phoneGeo are required
/// (the document's table says phoneGeo is optional, its error message says
/// otherwise; the server's behaviour wins).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AddManualTaskRequest {
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub customer_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub customer_phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub nick_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub user_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub company: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub tags: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub phone_geo: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub xfield1: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub xfield2: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub xfield3: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub xfield4: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub xfield5: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub xfield6: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub xfield7: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub xfield8: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub xfield9: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub xfield10: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub v1: Option<String>,
}

/// addManualTaskBeforeAddFriend body: the entry is created as the friend
/// request goes out, so the phone and the target account are both needed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AddManualTaskBeforeAddFriendRequest {
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub customer_phone: Option<String>,
    /// The company account (uin) that sends the friend request.
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub uin: Option<String>,
    /// The contact's phone or alias, as searched in WeChat.
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub user_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "opt_string")]
    pub v1: Option<String>,
}

endpoint!(
    /// Accounts with manual-entry work.
    GetManualTaskList, Get, Vendor, "/wechat_api/customer/getManualTaskList",
    ManualTaskListRequest, NestedPageReply<ManualTaskOwner>
);
endpoint!(
    /// One account's entries; answers 400 without `adminUserId`.
    GetManualTaskDetail, Get, Vendor, "/wechat_api/customer/getManualTaskDetail",
    ManualTaskDetailRequest, NestedPageReply<ManualEntry>
);
endpoint!(
    /// Deletes all of one account's entries.
    DelManualTask, Post, Vendor, "/wechat_api/customer/delManualTask",
    DelManualTaskRequest, Ack
);
endpoint!(
    DelManualTaskDetail,
    Post,
    Vendor,
    "/wechat_api/customer/delManualTaskDetail",
    DelManualTaskDetailRequest,
    Ack
);
endpoint!(
    AddManualTask,
    Post,
    Vendor,
    "/wechat_api/customer/addManualTask",
    AddManualTaskRequest,
    Ack
);
endpoint!(
    /// Answers the created entry.
    AddManualTaskBeforeAddFriend, Post, Vendor,
    "/wechat_api/customer/addManualTaskBeforeAddFriend",
    AddManualTaskBeforeAddFriendRequest, DataReply<Option<ManualEntry>>
);
