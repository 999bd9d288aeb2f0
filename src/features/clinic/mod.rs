//! Clinic module pieces with typed props, so the call popup can show a
//! caller's clinic profile and appointments with the same components.
//! `lookup`, `draft`, `agenda` and `profile_fields` need no browser and are
//! tested natively.

pub mod agenda;
pub mod draft;
pub mod lookup;
pub mod profile_fields;

#[cfg(target_arch = "wasm32")]
pub mod add_customer;
#[cfg(target_arch = "wasm32")]
pub mod appointment_form;
#[cfg(target_arch = "wasm32")]
pub mod appointment_list;
#[cfg(target_arch = "wasm32")]
pub mod appointments_page;
#[cfg(target_arch = "wasm32")]
pub mod customer_appointments;
#[cfg(target_arch = "wasm32")]
mod form_support;
#[cfg(target_arch = "wasm32")]
pub mod manage;
#[cfg(target_arch = "wasm32")]
pub mod new_appointment;
#[cfg(target_arch = "wasm32")]
pub mod page;
#[cfg(target_arch = "wasm32")]
pub mod profile;

#[cfg(target_arch = "wasm32")]
pub use form_support::{field_message, send, session_draft};
