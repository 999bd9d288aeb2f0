//! The clinic SDK's tables. Times are the SDK's China wall-clock text,
//! stored as such so they compare as text.

pub mod appointment;
pub mod customer;
pub mod feed;
