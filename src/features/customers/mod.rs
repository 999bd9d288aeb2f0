//! Customer query and export, edit, delete, contacts by tag.

#![cfg(target_arch = "wasm32")]

pub mod by_contact;
pub mod by_tag;
pub mod edit;
pub mod edit_form;
pub mod export;
pub mod filters;
pub mod list;
pub mod tag_picker;
