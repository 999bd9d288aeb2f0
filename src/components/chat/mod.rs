//! The chat history viewer's pieces (issue 6).

pub mod conversation;
pub mod export;
pub mod message;
pub mod toolbar;
