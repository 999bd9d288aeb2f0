//! The scrm-panel REST contract: one request type and one reply type per
//! endpoint, with method and path as data, so the panel and the reference
//! server cannot disagree. No web dependencies: everything here is tested
//! natively with `cargo test -p scrm-api`.

pub mod auth;
pub mod endpoint;
pub mod error;
pub mod lenient;

pub use endpoint::{decode_reply, query_string, Endpoint, Family, Method};
pub use error::ReplyError;
