//! The panel's domains. Each folder holds its model (host-compiled where it
//! needs no browser), its state and its views.

pub mod call;
pub mod chat;
pub mod clinic;
pub mod customers;
pub mod manual_tasks;
