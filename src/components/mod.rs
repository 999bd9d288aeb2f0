//! Pieces shared by pages.

pub mod auth_guard;
pub mod config_error;
pub mod dial_box;
pub mod error_view;
pub mod locale;
pub mod placeholder;
pub mod shell;
pub mod sidebar;
pub mod toast;
pub mod topbar;

// Issue 7 (manual entries): generic pieces other pages may reuse.
pub mod confirm_dialog;
pub mod pager;
pub mod tr;
