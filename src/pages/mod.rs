//! One module per page.

pub mod call;
pub mod chat;
pub mod clinic;
pub mod clinic_appointments;
pub mod contacts_by_tag;
pub mod customer_by_contact;
pub mod customer_edit;
pub mod customer_list;
pub mod login;
pub mod manual_task_detail;
pub mod manual_task_friend;
pub mod manual_task_import;
pub mod manual_task_list;
pub mod manual_task_new;
pub mod not_found;
pub mod settings;
