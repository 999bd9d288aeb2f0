//! The pop-up's card and its extras (latest messages, pending manual entries, the clinic
//! profile, the remarks note's save) are code of their own, fetched right after the first
//! screen (the idle prefetch takes them first) and by the first call if that is sooner:
//! only the lookup and the dialog around the card are in the main wasm, so the customer
//! list does not wait for the card's views and the decoders of chat messages, manual
//! entries and the customer save. The lookup does not wait for the code either: both
//! start together when a call opens the pop-up.
//!
//! The split point lives in the panel's binary (src/routes/lazy.rs), which hands its
//! loader to [`CallPop`](crate::features::call::state::CallPop); what the chunk gives
//! back is this table of its functions, so the pop-up calls into the chunk without the
//! library naming the binary.

use leptos::prelude::AnyView;
use scrm_api::call::CallCustomer;
use scrm_api::chat::ChatMessage;
use scrm_api::manual_task::ManualEntry;

use crate::features::call::result::I18n;
use crate::features::call::state::ClinicPart;
use crate::platform::api_client::{ApiClient, ApiError};
use crate::ui::on_first_use::Local;

/// A request of the chunk's and its answer.
pub type Reply<T> = Local<Result<T, ApiError>>;

/// The extras chunk's functions.
#[derive(Clone, Copy)]
pub struct Extras {
    /// The conversation's latest messages (user id, contact id), newest first.
    pub last_messages: fn(ApiClient, i64, i64) -> Reply<Vec<ChatMessage>>,
    /// The signed-in user's manual entries (user id, name) with the number.
    pub manual_entries: fn(ApiClient, i64, String, String) -> Reply<Vec<ManualEntry>>,
    /// The clinic profile for the number and its coming appointments.
    pub clinic_part: fn(ApiClient, String) -> Local<ClinicPart>,
    /// Saves the remarks on the record; answers the record as saved.
    pub save_remarks: fn(ApiClient, CallCustomer, String) -> Reply<CallCustomer>,
    /// The latest messages, following the pop-up's state.
    pub messages_view: fn(I18n) -> AnyView,
    /// The pending manual entries, as one fact of the card's grid.
    pub manual_view: fn(I18n) -> AnyView,
    /// The clinic's section, when there is something to say.
    pub clinic_view: fn(I18n, ClinicPart) -> Option<AnyView>,
    /// The pop-up's body: the answer drawn as a card, a pick list or "nobody".
    pub card_view: fn() -> AnyView,
}

/// Fetches the chunk (once; the split loader keeps only successes) and answers its
/// table, or `None` when it cannot be fetched.
pub type ExtrasLoader = fn() -> Local<Option<Extras>>;

/// Where the extras' code is.
#[derive(Clone, Copy, Default)]
pub enum ExtrasChunk {
    /// Not asked for yet, or being fetched.
    #[default]
    Waiting,
    /// Could not be fetched: the card says so, with a retry.
    Failed,
    Ready(Extras),
}
