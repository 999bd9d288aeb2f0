//! Start-up and the shell around the pages (the route table is in the
//! panel's binary, src/routes/).

pub mod auth_guard;
pub mod boot;
pub mod config_error;
pub mod embed_menu;
pub mod login;
pub mod nav_links;
pub mod not_found;
pub mod quick_find;
pub mod settings;
pub mod shell;
pub mod sidebar;
pub mod topbar;
