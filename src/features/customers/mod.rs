//! Customer query and export, saved views, edit, delete, contacts by tag.
//! `query`, `views`, `form` and `tag_suggest` need no browser and are
//! tested natively.

pub mod form;
pub mod query;
pub mod tag_suggest;
pub mod views;

#[cfg(target_arch = "wasm32")]
pub mod bulk;
#[cfg(target_arch = "wasm32")]
pub mod bulk_dialog;
#[cfg(target_arch = "wasm32")]
pub mod bulk_run;
#[cfg(target_arch = "wasm32")]
pub mod by_contact;
#[cfg(target_arch = "wasm32")]
pub mod by_tag;
#[cfg(target_arch = "wasm32")]
pub mod edit;
#[cfg(target_arch = "wasm32")]
pub mod edit_form;
#[cfg(target_arch = "wasm32")]
pub mod export;
#[cfg(target_arch = "wasm32")]
pub mod export_file;
#[cfg(target_arch = "wasm32")]
pub mod export_job;
#[cfg(target_arch = "wasm32")]
pub mod filters;
#[cfg(target_arch = "wasm32")]
pub mod list;
#[cfg(target_arch = "wasm32")]
pub mod recent_strip;
#[cfg(target_arch = "wasm32")]
pub mod record;
#[cfg(target_arch = "wasm32")]
pub mod saved_views;
#[cfg(target_arch = "wasm32")]
pub mod selection_bar;
#[cfg(target_arch = "wasm32")]
pub mod tag_picker;
#[cfg(target_arch = "wasm32")]
pub mod views_dialog;
