//! Widgets every feature shares.

pub mod avatar;
pub mod confirm_dialog;
pub mod delete_confirm;
pub mod document_title;
pub mod error_view;
pub mod known_phone;
pub mod leave_guard;
pub mod loaded;
pub mod on_first_use;
pub mod pager;
pub mod toast;
