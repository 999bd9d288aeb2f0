//! Widgets every feature shares.

pub mod avatar;
pub mod button;
pub mod confirm_dialog;
pub mod delete_confirm;
pub mod document_title;
pub mod drawer;
pub mod empty_state;
pub mod error_view;
pub mod field;
pub mod filter_bar;
pub mod icon;
pub mod known_phone;
pub mod leave_guard;
pub mod loaded;
pub mod menu;
pub mod pager;
pub mod skeleton;
pub mod table;
pub mod toast;
