//! App-wide state of the call screen-pop: the "open customer info after a
//! call" switch and the call the pop-up shows. Created once in the App (never
//! by a page), so a trigger from anywhere — dial box, `/call`, a window
//! message — reaches the one pop-up the shell mounts, and an answer arriving
//! after the user moved on never touches a disposed signal.

use leptos::prelude::*;
use scrm_api::auth::{Empty, Me};
use scrm_api::call::{
    CallCustomer, CallInfo, CallSource, CustomerInfoByCallRequest, GetCustomerInfoByCall,
    GetIsOpenAfterCall, UpdateIsOpenAfterCall, UpdateIsOpenRequest,
};
use scrm_api::chat::ChatMessage;
use scrm_api::clinic::{Appointment, ClinicCustomer};
use scrm_api::customer::Customer;
use scrm_api::manual_task::ManualEntry;
use scrm_api::time::Timestamp;
use scrm_api::validate::{normalize_phone, PhoneError};

use crate::core::call_card::with_note;
use crate::features::call::extras_chunk::{Extras, ExtrasChunk, ExtrasLoader};
use crate::features::call::lookups::{after_drawing, records_with_phone};
use crate::platform::api_client::{ApiClient, ApiError};
use crate::platform::load::{stoppable, AbortGuard};

/// The customer-module lookup of one call.
#[derive(Clone, Debug, PartialEq)]
pub enum Lookup {
    Loading,
    Failed(ApiError),
    Done(CallInfo),
}

/// The clinic part of one call (only with `clinic.enabled`).
#[derive(Clone, Debug, PartialEq)]
pub enum ClinicPart {
    Off,
    Loading,
    /// The clinic has nobody with this number.
    NoProfile,
    Failed(ApiError),
    Found {
        customer: Box<ClinicCustomer>,
        /// Today's and later appointments, cancelled ones left out.
        appointments: Result<Vec<Appointment>, ApiError>,
    },
}

/// For a pool answer (source 2): the customer records with the same number
/// (customerPage by phone), which give the pool rows their edit and chat
/// links. The reference server never has one (it would answer source 1);
/// a vendor backend may.
#[derive(Clone, Debug, PartialEq)]
pub enum PoolRecords {
    /// Not a pool answer.
    NotAsked,
    Loading,
    Failed(ApiError),
    Found(Vec<Customer>),
}

/// A look-up that fills in part of the card after the customer is drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Extra<T> {
    /// Nothing to ask (no conversation, no name to look entries up by).
    NotAsked,
    Loading,
    Failed(ApiError),
    Done(T),
}

/// The note being added to the shown record's remarks. Kept outside the card's view, so
/// an answer arriving while the user types redraws nothing they typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum NoteState {
    #[default]
    Idle,
    Saving,
    Saved,
    /// Nothing was typed.
    Empty,
    Failed(ApiError),
}

/// What the pop-up shows: one call, identified by `seq` so only the newest
/// call's answers are applied.
#[derive(Clone, Debug, PartialEq)]
pub struct PopCall {
    pub seq: u64,
    /// As the trigger spelled it.
    pub raw: String,
    /// The shared rule's verdict; an impossible number is never looked up.
    pub phone: Result<String, PhoneError>,
    pub lookup: Lookup,
    /// Which record of the answer the card shows; `None` while several wait to be picked.
    pub picked: Option<usize>,
    pub pool_records: PoolRecords,
    /// The picked record's latest messages, newest first.
    pub messages: Extra<Vec<ChatMessage>>,
    /// The signed-in user's manual entries for the picked record's number.
    pub manual: Extra<Vec<ManualEntry>>,
    pub clinic: ClinicPart,
}

impl PopCall {
    /// The record the card shows, once the answer is in and one is picked.
    pub fn shown(&self) -> Option<(CallSource, &CallCustomer)> {
        let Lookup::Done(info) = &self.lookup else {
            return None;
        };
        Some((info.source(), info.customers().get(self.picked?)?))
    }
}

#[derive(Clone, Copy)]
pub struct CallPop {
    /// The switch as the server last said it; `None` until read.
    pub auto_open: RwSignal<Option<bool>>,
    /// Why the switch could not be read or saved, for the switch to show.
    pub switch_error: RwSignal<Option<ApiError>>,
    pub current: RwSignal<Option<PopCall>>,
    seq: StoredValue<u64>,
    /// What is typed into the card's note field, and what became of saving it.
    pub note: RwSignal<String>,
    pub note_state: RwSignal<NoteState>,
    /// The shown call's look-ups in flight: a newer call or closing the
    /// pop-up drops them, which aborts their requests.
    running: StoredValue<Vec<AbortGuard>, LocalStorage>,
    /// The picked record's own look-ups (and a note being saved): picking
    /// another record drops them.
    picked_running: StoredValue<Vec<AbortGuard>, LocalStorage>,
    api: StoredValue<ApiClient>,
    me: RwSignal<Option<Me>>,
    clinic_on: bool,
    /// Where the code of the card and its extras is, and how to fetch it (none on a host
    /// without the split point: the pop-up then says it could not be loaded).
    pub extras: RwSignal<ExtrasChunk>,
    extras_loader: Option<ExtrasLoader>,
}

impl CallPop {
    /// `me` is the session's signed-in user (whose manual entries are checked);
    /// `extras` fetches the card's extras' code.
    pub fn new(
        api: ApiClient,
        me: RwSignal<Option<Me>>,
        clinic_on: bool,
        extras: Option<ExtrasLoader>,
    ) -> Self {
        CallPop {
            auto_open: RwSignal::new(None),
            switch_error: RwSignal::new(None),
            current: RwSignal::new(None),
            seq: StoredValue::new(0),
            note: RwSignal::new(String::new()),
            note_state: RwSignal::new(NoteState::Idle),
            running: StoredValue::new_local(Vec::new()),
            picked_running: StoredValue::new_local(Vec::new()),
            api: StoredValue::new(api),
            me,
            clinic_on,
            extras: RwSignal::new(ExtrasChunk::Waiting),
            extras_loader: extras,
        }
    }

    /// The extras' code, fetched the first time (the idle prefetch has usually done it);
    /// `None`, and the card says so, when it cannot be.
    async fn extras_table(self) -> Option<Extras> {
        if let Some(ExtrasChunk::Ready(table)) = self.extras.try_get_untracked() {
            return Some(table);
        }
        let table = match self.extras_loader {
            Some(load) => load().await,
            None => None,
        };
        // Several look-ups wait for the same chunk: the first in redraws the slots, once.
        if !matches!(self.extras.try_get_untracked(), Some(ExtrasChunk::Ready(_))) {
            let _ = self.extras.try_set(match table {
                Some(table) => ExtrasChunk::Ready(table),
                None => ExtrasChunk::Failed,
            });
        }
        table
    }

    /// Fetches the extras' code again (after a failure) and then asks the shown call's
    /// extras again; what is typed into the note stays.
    pub fn retry_extras(self) {
        self.extras.set(ExtrasChunk::Waiting);
        self.spawn(async move {
            if self.extras_table().await.is_none() {
                return;
            }
            let Some((seq, picked, clinic)) = self
                .current
                .try_with_untracked(|c| {
                    let c = c.as_ref()?;
                    let clinic = c
                        .phone
                        .clone()
                        .ok()
                        .filter(|_| c.clinic == ClinicPart::Loading);
                    Some((c.seq, c.picked, clinic))
                })
                .flatten()
            else {
                return;
            };
            if let Some(index) = picked {
                self.start_picked(index);
            }
            if let Some(phone) = clinic {
                self.start_clinic(seq, phone);
            }
        });
    }

    /// A call happened: open the pop-up on `raw` if the switch is on
    /// (reading the switch first when it is not known yet).
    pub fn incoming(self, raw: String) {
        leptos::task::spawn_local(async move {
            if self.switch().await {
                self.open(raw);
            }
        });
    }

    /// Opens (or replaces) the pop-up on `raw` whatever the switch says:
    /// the user asked for it.
    pub fn open(self, raw: String) {
        mark(MARK_OPEN);
        let seq = self.seq.get_value() + 1;
        self.seq.set_value(seq);
        self.running.set_value(Vec::new());
        self.picked_running.set_value(Vec::new());
        self.reset_note();
        // Whatever number rang is asked about: landlines, 400/800 numbers
        // and numbers the vendor stored as typed are customers too.
        let phone = normalize_phone(&raw);
        let valid = phone.clone().ok();
        let _ = self.current.try_set(Some(PopCall {
            seq,
            raw,
            phone,
            lookup: Lookup::Loading,
            picked: None,
            pool_records: PoolRecords::NotAsked,
            messages: Extra::NotAsked,
            manual: Extra::NotAsked,
            clinic: if self.clinic_on && valid.is_some() {
                ClinicPart::Loading
            } else {
                ClinicPart::Off
            },
        }));
        // The card's code, when the prefetch has not brought it yet (or could
        // not): fetched beside the lookup, never after it.
        if !matches!(self.extras.get_untracked(), ExtrasChunk::Ready(_)) {
            self.extras.set(ExtrasChunk::Waiting);
            self.spawn(async move {
                let _ = self.extras_table().await;
            });
        }
        let Some(phone) = valid else { return };
        {
            let api = self.api.get_value();
            let phone = phone.clone();
            self.spawn(async move {
                let reply = api
                    .call::<GetCustomerInfoByCall>(&CustomerInfoByCallRequest {
                        phone: Some(phone.clone()),
                    })
                    .await;
                let info = match reply {
                    Ok(r) => r.data.unwrap_or_default(),
                    Err(e) => {
                        self.apply(seq, |c| c.lookup = Lookup::Failed(e));
                        return;
                    }
                };
                let pool =
                    info.source() == CallSource::AssignedPool && !info.customers().is_empty();
                let only_one = info.customers().len() == 1;
                self.apply(seq, |c| {
                    c.lookup = Lookup::Done(info);
                    if pool {
                        c.pool_records = PoolRecords::Loading;
                    }
                });
                // One record is the card at once; several wait to be picked.
                if only_one {
                    self.pick(0);
                }
                if pool {
                    after_drawing().await;
                    let found = records_with_phone(&api, &phone).await;
                    self.apply(seq, |c| c.pool_records = found);
                }
            });
        }
        if self.clinic_on {
            self.start_clinic(seq, phone);
        }
    }

    /// The clinic's part of call `seq`, once the extras' code is in.
    fn start_clinic(self, seq: u64, phone: String) {
        let api = self.api.get_value();
        self.spawn(async move {
            let Some(extras) = self.extras_table().await else {
                return;
            };
            let part = (extras.clinic_part)(api, phone).await;
            self.apply(seq, |c| c.clinic = part);
        });
    }

    /// Shows record `index` of the answer (from the pick list) and starts its own
    /// look-ups: the latest messages and the user's pending manual entries.
    pub fn pick(self, index: usize) {
        self.reset_note();
        self.start_picked(index);
    }

    /// Asks the shown record's own look-ups again after one failed, leaving the note
    /// as typed: a failed request must not cost the user what they wrote.
    pub fn retry_picked(self) {
        if let Some(i) = self
            .current
            .try_with_untracked(|c| c.as_ref().and_then(|c| c.picked))
            .flatten()
        {
            self.start_picked(i);
        }
    }

    /// Shows record `index` and starts its look-ups, leaving the note as typed.
    fn start_picked(self, index: usize) {
        self.picked_running.set_value(Vec::new());
        let Some((seq, record, source, phone)) = self
            .current
            .try_with_untracked(|c| {
                let c = c.as_ref()?;
                let Lookup::Done(info) = &c.lookup else {
                    return None;
                };
                let record = info.customers().get(index)?.clone();
                Some((c.seq, record, info.source(), c.phone.clone().ok()?))
            })
            .flatten()
        else {
            return;
        };
        let chat = match (source, record.wechat_user_id, record.wechat_contact_id) {
            (CallSource::ManualEntry, _, _) => None,
            (_, Some(u), Some(c)) => Some((u, c)),
            _ => None,
        };
        // A manual entry's own status is on the record; others are looked up by name.
        let me = self
            .me
            .try_get_untracked()
            .flatten()
            .and_then(|m| m.admin_user_id);
        let name = record
            .customer_name
            .clone()
            .filter(|n| !n.trim().is_empty());
        let manual = match (source, me, name) {
            (CallSource::ManualEntry, _, _) => None,
            (_, Some(me), Some(name)) => Some((me, name)),
            _ => None,
        };
        self.apply(seq, |c| {
            c.picked = Some(index);
            c.messages = if chat.is_some() {
                Extra::Loading
            } else {
                Extra::NotAsked
            };
            c.manual = if manual.is_some() {
                Extra::Loading
            } else {
                Extra::NotAsked
            };
        });
        let api = self.api.get_value();
        if let Some((user, contact)) = chat {
            let api = api.clone();
            self.spawn_picked(async move {
                after_drawing().await;
                let Some(extras) = self.extras_table().await else {
                    return;
                };
                let got = (extras.last_messages)(api, user, contact).await;
                self.apply(seq, |c| c.messages = extra(got));
            });
        }
        if let Some((me, name)) = manual {
            self.spawn_picked(async move {
                after_drawing().await;
                let Some(extras) = self.extras_table().await else {
                    return;
                };
                let got = (extras.manual_entries)(api, me, name, phone).await;
                self.apply(seq, |c| c.manual = extra(got));
            });
        }
    }

    /// Back from a picked record to the list of several.
    pub fn unpick(self) {
        self.picked_running.set_value(Vec::new());
        self.reset_note();
        let seq = self.seq.get_value();
        self.apply(seq, |c| {
            c.picked = None;
            c.messages = Extra::NotAsked;
            c.manual = Extra::NotAsked;
        });
    }

    /// Adds what is typed in the note field to the shown record's remarks (updateCustomer).
    /// On success the card shows the new remarks and the field empties; on failure the text
    /// stays for another try.
    pub fn save_note(self) {
        if self.note_state.get_untracked() == NoteState::Saving {
            return;
        }
        let Some((seq, picked, record)) = self
            .current
            .try_with_untracked(|c| {
                let c = c.as_ref()?;
                let (_, record) = c.shown()?;
                Some((c.seq, c.picked?, record.clone()))
            })
            .flatten()
        else {
            return;
        };
        let now = Timestamp::from_epoch_ms(js_sys::Date::now() as i64);
        let stamp = now
            .as_ref()
            .map(|t| t.display().get(..16).unwrap_or(t.display()));
        let Some(remarks) = with_note(
            record.remarks.as_deref(),
            &self.note.get_untracked(),
            stamp.unwrap_or_default(),
        ) else {
            self.note_state.set(NoteState::Empty);
            return;
        };
        self.note_state.set(NoteState::Saving);
        let api = self.api.get_value();
        self.spawn_picked(async move {
            let Some(extras) = self.extras_table().await else {
                // The card says why, with a retry; the text stays for another try.
                let failed = ApiError::Network(String::new());
                let _ = self.note_state.try_set(NoteState::Failed(failed));
                return;
            };
            match (extras.save_remarks)(api, record, remarks).await {
                Ok(saved) => {
                    self.apply(seq, |c| {
                        if let Lookup::Done(info) = &mut c.lookup {
                            if let Some(r) = info
                                .customer_list
                                .as_mut()
                                .and_then(|list| list.get_mut(picked))
                            {
                                *r = saved;
                            }
                        }
                    });
                    let _ = self.note.try_set(String::new());
                    let _ = self.note_state.try_set(NoteState::Saved);
                }
                Err(e) => {
                    let _ = self.note_state.try_set(NoteState::Failed(e));
                }
            }
        });
    }

    fn reset_note(self) {
        let _ = self.note.try_set(String::new());
        let _ = self.note_state.try_set(NoteState::Idle);
    }

    /// Looks the current call up again (after a failure).
    pub fn retry(self) {
        if let Some(raw) = self
            .current
            .try_with_untracked(|c| c.as_ref().map(|c| c.raw.clone()))
            .flatten()
        {
            self.open(raw);
        }
    }

    /// Runs a look-up for the shown call, stoppable by the next call.
    fn spawn(self, work: impl std::future::Future<Output = ()> + 'static) {
        run_into(self.running, work);
    }

    /// Runs a look-up of the picked record, stoppable by picking another or the next call.
    fn spawn_picked(self, work: impl std::future::Future<Output = ()> + 'static) {
        run_into(self.picked_running, work);
    }

    pub fn close(self) {
        self.seq.set_value(self.seq.get_value() + 1);
        self.running.set_value(Vec::new());
        self.picked_running.set_value(Vec::new());
        self.reset_note();
        let _ = self.current.try_set(None);
    }

    /// Applies an answer only if it belongs to the call still shown.
    fn apply(self, seq: u64, f: impl FnOnce(&mut PopCall)) {
        let _ = self.current.try_update(|c| {
            if let Some(c) = c.as_mut().filter(|c| c.seq == seq) {
                f(c);
            }
        });
    }

    /// The switch, read from the server when not known yet. Unreadable
    /// means off: a pop-up nobody asked for is worse than none.
    pub async fn switch(self) -> bool {
        if let Some(on) = self.auto_open.try_get_untracked().flatten() {
            return on;
        }
        self.reload_switch().await.unwrap_or(false)
    }

    /// Reads the switch from the server (on every sign-in: it is per user).
    pub async fn reload_switch(self) -> Option<bool> {
        let api = self.api.get_value();
        match api.call::<GetIsOpenAfterCall>(&Empty {}).await {
            Ok(reply) => {
                let on = reply.is_open();
                let _ = self.auto_open.try_set(Some(on));
                let _ = self.switch_error.try_set(None);
                Some(on)
            }
            Err(e) => {
                let _ = self.switch_error.try_set(Some(e));
                None
            }
        }
    }

    /// Saves the switch; shows the new state at once and puts the old one
    /// back if the server refuses.
    pub fn save_switch(self, on: bool) {
        let before = self.auto_open.get_untracked();
        self.auto_open.set(Some(on));
        self.switch_error.set(None);
        let api = self.api.get_value();
        leptos::task::spawn_local(async move {
            let request = UpdateIsOpenRequest {
                is_open: Some(i64::from(on)),
            };
            if let Err(e) = api.call::<UpdateIsOpenAfterCall>(&request).await {
                let _ = self.auto_open.try_set(before);
                let _ = self.switch_error.try_set(Some(e));
            }
        });
    }
}

/// User Timing marks around one pop-up, for `cargo xtask bench` (trigger to
/// pop-up filled) and for anyone profiling in the browser's tools.
pub const MARK_OPEN: &str = "scrm:call-open";
pub const MARK_FILLED: &str = "scrm:call-filled";

pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

pub fn use_call_pop() -> CallPop {
    expect_context::<CallPop>()
}

/// Starts `work`, its abort guard kept in `guards`: dropping the guards stops it.
fn run_into(
    guards: StoredValue<Vec<AbortGuard>, LocalStorage>,
    work: impl std::future::Future<Output = ()> + 'static,
) {
    let (guard, run) = stoppable(async move {
        work.await;
        Ok(())
    });
    guards.update_value(|r| r.push(guard));
    leptos::task::spawn_local(async move {
        let _ = run.await;
    });
}

fn extra<T>(got: Result<T, ApiError>) -> Extra<T> {
    match got {
        Ok(v) => Extra::Done(v),
        Err(e) => Extra::Failed(e),
    }
}
