//! The call screen-pop: getCustomerInfoByCall behind the isOpenAfterCall
//! switch, opened from the dial box, `/call?phone=` or a window message.

#![cfg(target_arch = "wasm32")]

pub mod auto_open_switch;
pub mod dial_box;
pub mod embed_bridge;
pub mod extras;
pub mod lookups;
pub mod page;
pub mod popup;
pub mod record_card;
pub mod result;
pub mod state;
