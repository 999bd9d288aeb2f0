//! The scrm-panel REST contract: one request type and one reply type per
//! endpoint, with method and path as data, so the panel and the reference
//! server cannot disagree. No web dependencies: everything here is tested
//! natively with `cargo test -p scrm-api`.
//!
//! Conventions, and why:
//! - Every record field is optional and lenient ([`lenient`], [`time`]): the
//!   vendor sends ids as numbers or strings, `null` or `""` for "unset", and
//!   times as epoch milliseconds or China wall-clock text. A reply should only
//!   fail to decode when its shape is wrong, never because of one odd value.
//! - Unknown fields are ignored, so vendor upgrades that add columns do not
//!   break the panel.
//! - Lists arrive in two page envelopes; both become one [`Page`].
//! - Records that share a run of fields (customer rows, customer-list and
//!   manual-entry queries, appointment bodies) are declared through a macro
//!   that writes the shared fields once; fields stay flat, so callers and the
//!   JSON are as if written out. `api/rustfmt.toml` keeps each field's serde
//!   attribute on one line.
//! - Rules that both sides enforce live in [`validate`]; the incremental
//!   appointment rule in [`incremental`]; the full endpoint list in
//!   [`catalog`].

/// Declares a unit struct implementing [`Endpoint`]; keeps the per-endpoint
/// boilerplate to one line of data each.
macro_rules! endpoint {
    ($(#[$meta:meta])* $name:ident, $method:ident, $family:ident, $path:literal, $req:ty, $rep:ty) => {
        $(#[$meta])*
        #[doc = concat!("`", stringify!($method), " ", $path, "`")]
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct $name;
        impl $crate::endpoint::Endpoint for $name {
            const METHOD: $crate::endpoint::Method = $crate::endpoint::Method::$method;
            const FAMILY: $crate::endpoint::Family = $crate::endpoint::Family::$family;
            const PATH: &'static str = $path;
            type Request = $req;
            type Reply = $rep;
        }
    };
}

#[macro_use]
mod fields;

pub mod auth;
pub mod call;
pub mod catalog;
pub mod chat;
pub mod clinic;
pub mod csv;
pub mod customer;
pub mod endpoint;
pub mod error;
pub mod incremental;
pub mod lenient;
pub mod manual_task;
pub mod page;
pub mod time;
pub mod validate;
pub mod xlsx;

pub use endpoint::{decode_reply, query_string, Endpoint, Family, Method};
pub use error::ReplyError;
pub use page::{ListReply, NestedPageReply, Page, PageReply};
pub use time::Timestamp;
