//! Browser-free rules: compiled on the host too, so `cargo test` checks them
//! natively.

pub mod bulk;
pub mod call_card;
pub mod config;
pub mod csv_read;
pub mod embed;
pub mod file_kind;
pub mod find;
pub mod hrefs;
pub mod known_phone;
pub mod links;
pub mod nav;
pub mod paging;
pub mod per_user;
pub mod recent;
pub mod selection;
pub mod template;
pub mod text;
pub mod theme;
pub mod xlsx_read;
