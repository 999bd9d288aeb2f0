//! Start-up, the route table and the shell around the pages.

pub mod auth_guard;
pub mod boot;
pub mod config_error;
pub mod login;
pub mod not_found;
pub mod routes;
pub mod settings;
pub mod shell;
pub mod sidebar;
pub mod topbar;
