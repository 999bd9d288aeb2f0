//! Field lists that several wire records share, written once so the records
//! cannot drift apart. Each macro declares a whole record (the usual derives,
//! camelCase names, every field defaulted) with the shared fields where the
//! vendor puts them; the records keep flat fields, so callers and the JSON
//! are as if each were written out.

/// A row about one customer: the customer list, the call look-up and the
/// manual-entry pool all start with these columns, then their own.
macro_rules! customer_row {
    ($(#[$meta:meta])* $name:ident { $($own:tt)* }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase", default)]
        pub struct $name {
            #[serde(deserialize_with = "opt_i64")]
            pub customer_id: Option<i64>,
            #[serde(deserialize_with = "opt_string")]
            pub customer_name: Option<String>,
            /// Kept as text: phones arrive as numbers or strings and may be masked.
            #[serde(deserialize_with = "opt_string")]
            pub customer_phone: Option<String>,
            $($own)*
        }
    };
}

/// A customer record as the customer list and the call look-up carry it:
/// [`customer_row!`]'s columns, the WeChat names and tags, `$after_tags`,
/// the owning contact, account and staff ids, then `$rest`.
macro_rules! customer_record {
    ($(#[$meta:meta])* $name:ident { $($after_tags:tt)* } { $($rest:tt)* }) => {
        customer_row! {
            $(#[$meta])*
            $name {
                #[serde(deserialize_with = "opt_string")]
                pub nick_name: Option<String>,
                #[serde(deserialize_with = "opt_string")]
                pub remark_name: Option<String>,
                #[serde(deserialize_with = "opt_string")]
                pub remarks: Option<String>,
                #[serde(deserialize_with = "opt_string")]
                pub head_img_url: Option<String>,
                /// Comma-separated tag ids, exactly as the vendor stores them.
                #[serde(deserialize_with = "opt_string")]
                pub tags: Option<String>,
                $($after_tags)*
                #[serde(deserialize_with = "opt_i64")]
                pub wechat_contact_id: Option<i64>,
                #[serde(deserialize_with = "opt_i64")]
                pub wechat_user_id: Option<i64>,
                #[serde(deserialize_with = "opt_i64")]
                pub admin_user_id: Option<i64>,
                $($rest)*
            }
        }
    };
}
