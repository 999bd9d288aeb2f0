//! Widgets every feature shares.

pub mod avatar;
pub mod badge;
pub mod button;
pub mod card;
pub mod confirm_dialog;
pub mod delete_confirm;
pub mod descriptions;
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
pub mod on_first_use;
pub mod pager;
pub mod phone_actions;
pub mod progress;
pub mod skeleton;
pub mod table;
pub mod tag_chip;
pub mod toast;
