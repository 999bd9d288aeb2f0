//! Reference-server additions: login, logout and who-am-I. The vendor's
//! documents have none of these, so nothing in the panel may depend on them
//! beyond the login page itself.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

/// The signed-in user as the reference server describes them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Me {
    #[serde(deserialize_with = "crate::lenient::opt_i64")]
    pub admin_user_id: Option<i64>,
    pub username: String,
    #[serde(deserialize_with = "crate::lenient::opt_string")]
    pub real_name: Option<String>,
    #[serde(deserialize_with = "crate::lenient::opt_i64")]
    pub tenant_id: Option<i64>,
    #[serde(deserialize_with = "crate::lenient::opt_string")]
    pub tenant_name: Option<String>,
}

/// Login answers the user plus a bearer token (for `auth: "bearer"`); the
/// server also sets an HttpOnly session cookie (for `auth: "cookie"`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginData {
    pub token: String,
    pub user: Me,
}

/// `{code, msg, data}` with a typed `data`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DataReply<T> {
    #[serde(default, deserialize_with = "crate::lenient::opt_i64")]
    pub code: Option<i64>,
    #[serde(default, deserialize_with = "crate::lenient::opt_string")]
    pub msg: Option<String>,
    pub data: T,
}

/// A reply whose only content is success (`{code: 200, msg}`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Ack {
    #[serde(deserialize_with = "crate::lenient::opt_i64")]
    pub code: Option<i64>,
    #[serde(deserialize_with = "crate::lenient::opt_string")]
    pub msg: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Empty {}

endpoint!(
    Login,
    Post,
    Vendor,
    "/wechat_api/login",
    LoginRequest,
    DataReply<LoginData>
);
endpoint!(Logout, Post, Vendor, "/wechat_api/logout", Empty, Ack);
endpoint!(WhoAmI, Get, Vendor, "/wechat_api/me", Empty, DataReply<Me>);
