//! Pieces shared by pages.

pub mod auth_guard;
// Issue 6: chat history viewer.
pub mod chat;
pub mod clinic;
pub mod config_error;
pub mod dial_box;
pub mod error_view;
pub mod locale;
pub mod placeholder;
pub mod shell;
pub mod sidebar;
pub mod toast;
pub mod topbar;

// Call screen-pop (issue 5).
pub mod auto_open_switch;
pub mod call_popup;
pub mod call_result;
pub mod embed_bridge;
// --- customer workspace (issue 4) ---
pub mod avatar;
pub mod confirm_dialog;
pub mod customer_edit_form;
pub mod customer_filters;
pub mod export;
pub mod leave_guard;
pub mod pager;
pub mod tag_picker;
pub mod text;
pub mod xlsx_file;
// Issue 7 (manual entries).
pub mod delete_confirm;
pub mod tr;
