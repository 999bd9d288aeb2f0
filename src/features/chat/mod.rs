//! The chat history viewer (getRedisMessageRecord) and, on `/chat` without
//! a conversation, the customer picker. `query`, `pick`, `history`,
//! `content` and `transcript` need no browser and are tested natively.

pub mod content;
pub mod history;
pub mod pick;
pub mod query;
pub mod transcript;

#[cfg(target_arch = "wasm32")]
pub mod conversation;
#[cfg(target_arch = "wasm32")]
pub mod export;
#[cfg(target_arch = "wasm32")]
pub mod message;
#[cfg(target_arch = "wasm32")]
pub mod page;
#[cfg(target_arch = "wasm32")]
pub mod picker;
#[cfg(target_arch = "wasm32")]
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod toolbar;
