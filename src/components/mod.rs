//! Pieces shared by pages.

pub mod auth_guard;
// Issue 6: chat history viewer.
pub mod chat;
pub mod config_error;
pub mod dial_box;
pub mod error_view;
pub mod locale;
pub mod placeholder;
pub mod shell;
pub mod sidebar;
pub mod toast;
pub mod topbar;
