//! App-wide state of the call screen-pop: the "open customer info after a
//! call" switch and the call the pop-up shows. Created once in the App (never
//! by a page), so a trigger from anywhere — dial box, `/call`, a window
//! message — reaches the one pop-up the shell mounts, and an answer arriving
//! after the user moved on never touches a disposed signal.

use leptos::prelude::*;
use scrm_api::auth::Empty;
use scrm_api::call::{
    CallInfo, CallSource, CustomerInfoByCallRequest, GetCustomerInfoByCall, GetIsOpenAfterCall,
    UpdateIsOpenAfterCall, UpdateIsOpenRequest,
};
use scrm_api::clinic::{Appointment, AppointmentListRequest, ClinicCustomer, GetAppointmentList};
use scrm_api::customer::{Customer, CustomerPage, CustomerPageRequest};
use scrm_api::time::Timestamp;
use scrm_api::validate::{normalize_phone, PhoneError};

use crate::platform::api_client::{ApiClient, ApiError};
use crate::platform::clinic;
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
    pub pool_records: PoolRecords,
    pub clinic: ClinicPart,
}

#[derive(Clone, Copy)]
pub struct CallPop {
    /// The switch as the server last said it; `None` until read.
    pub auto_open: RwSignal<Option<bool>>,
    /// Why the switch could not be read or saved, for the switch to show.
    pub switch_error: RwSignal<Option<ApiError>>,
    pub current: RwSignal<Option<PopCall>>,
    seq: StoredValue<u64>,
    /// The shown call's look-ups in flight: a newer call or closing the
    /// pop-up drops them, which aborts their requests.
    running: StoredValue<Vec<AbortGuard>, LocalStorage>,
    api: StoredValue<ApiClient>,
    clinic_on: bool,
}

impl CallPop {
    pub fn new(api: ApiClient, clinic_on: bool) -> Self {
        CallPop {
            auto_open: RwSignal::new(None),
            switch_error: RwSignal::new(None),
            current: RwSignal::new(None),
            seq: StoredValue::new(0),
            running: StoredValue::new_local(Vec::new()),
            api: StoredValue::new(api),
            clinic_on,
        }
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
        // Whatever number rang is asked about: landlines, 400/800 numbers
        // and numbers the vendor stored as typed are customers too.
        let phone = normalize_phone(&raw);
        let valid = phone.clone().ok();
        let _ = self.current.try_set(Some(PopCall {
            seq,
            raw,
            phone,
            lookup: Lookup::Loading,
            pool_records: PoolRecords::NotAsked,
            clinic: if self.clinic_on && valid.is_some() {
                ClinicPart::Loading
            } else {
                ClinicPart::Off
            },
        }));
        let Some(phone) = valid else { return };
        let api = self.api.get_value();
        {
            let api = api.clone();
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
                self.apply(seq, |c| {
                    c.lookup = Lookup::Done(info);
                    if pool {
                        c.pool_records = PoolRecords::Loading;
                    }
                });
                if pool {
                    let found = records_with_phone(&api, &phone).await;
                    self.apply(seq, |c| c.pool_records = found);
                }
            });
        }
        if self.clinic_on {
            self.spawn(async move {
                let part = clinic_part(&api, phone).await;
                self.apply(seq, |c| c.clinic = part);
            });
        }
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
        let (guard, run) = stoppable(async move {
            work.await;
            Ok(())
        });
        self.running.update_value(|r| r.push(guard));
        leptos::task::spawn_local(async move {
            let _ = run.await;
        });
    }

    pub fn close(self) {
        self.seq.set_value(self.seq.get_value() + 1);
        self.running.set_value(Vec::new());
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

/// The customer records whose number is `phone` (customerPage filters by
/// a part of the number, so the answer is narrowed to the same number).
async fn records_with_phone(api: &ApiClient, phone: &str) -> PoolRecords {
    let request = CustomerPageRequest {
        customer_phone: Some(phone.to_owned()),
        limit: Some(50),
        page_no: Some(1),
        ..Default::default()
    };
    match api.call::<CustomerPage>(&request).await {
        Ok(reply) => PoolRecords::Found(
            reply
                .page
                .items
                .into_iter()
                .filter(|c| {
                    c.customer_phone
                        .as_deref()
                        .and_then(|p| normalize_phone(p).ok())
                        .is_some_and(|p| p == phone)
                })
                .collect(),
        ),
        Err(e) => PoolRecords::Failed(e),
    }
}

/// The clinic profile for a number and its appointments from today on.
async fn clinic_part(api: &ApiClient, phone: String) -> ClinicPart {
    let customer = match clinic::by_phone(api, phone).await {
        Ok(Some(c)) => c,
        Ok(None) => return ClinicPart::NoProfile,
        Err(e) => return ClinicPart::Failed(e),
    };
    let appointments = match customer.id {
        Some(id) => {
            let request = AppointmentListRequest {
                last_appoint_time: start_of_today(),
                cus_id: Some(id),
                ..Default::default()
            };
            api.call::<GetAppointmentList>(&request).await.map(|r| {
                r.appointment_list
                    .into_iter()
                    .filter(|a| a.cancel_time.is_none())
                    .collect()
            })
        }
        None => Ok(Vec::new()),
    };
    ClinicPart::Found {
        customer: Box::new(customer),
        appointments,
    }
}

/// Midnight of today, China time (the clinic's clock).
fn start_of_today() -> Option<Timestamp> {
    let now = Timestamp::from_epoch_ms(js_sys::Date::now() as i64)?;
    Timestamp::parse(now.date())
}
