//! The call screen-pop: getCustomerInfoByCall behind the isOpenAfterCall
//! switch, opened from the dial box, `/call?phone=` or a window message.

#![cfg(target_arch = "wasm32")]

pub mod auto_open_switch;
pub mod dial_box;
pub mod embed_bridge;
pub mod extra_lookups;
pub mod extra_views;
pub mod extras_chunk;
pub mod extras_code;
pub mod extras_slot;
pub mod lookups;
pub mod note_form;
pub mod page;
pub mod popup;
pub mod record_card;
pub mod result;
pub mod state;
