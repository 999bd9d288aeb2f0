//! The chat history viewer (getRedisMessageRecord).

#![cfg(target_arch = "wasm32")]

pub mod conversation;
pub mod export;
pub mod message;
pub mod page;
pub mod toolbar;
