//! The import's look-up of numbers already known: each distinct number of
//! the file asked with the call pop-up's look-up ([`look_up`]), a few at a
//! time ([`at_once`]), with progress and a stop button. Every request has the client's
//! time limit; stopping, a newer run, or leaving the page drops the run,
//! which aborts the requests in flight. Answers are kept by number for as
//! long as the same file is open.

use leptos::prelude::*;
use leptos_i18n::I18nContext;
use scrm_api::ReplyError;

use crate::features::manual_tasks::import_known::Found;
use crate::platform::api_client::{ApiClient, ApiError};
use crate::platform::at_once::{at_once, Flow};
use crate::platform::i18n::Locale;
use crate::platform::load::{stoppable, AbortGuard};
use crate::ui::error_view::describe;
use crate::ui::known_phone::look_up;

/// Where the look-up stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CheckState {
    /// Nothing looked up yet (no file, or still counting the rows).
    Idle,
    Running {
        done: usize,
        total: usize,
    },
    /// Over: `unchecked` numbers were not looked up, as the user stopped,
    /// or their look-up failed (`error` says why, for the first one).
    Done {
        unchecked: usize,
        error: Option<String>,
        stopped: bool,
    },
}

/// The look-up's state and what it found, owned by the import page: when
/// the page goes, so does the run in flight.
#[derive(Clone, Copy)]
pub struct KnownCheck {
    found: StoredValue<Found, LocalStorage>,
    /// Bumped when `found` changed: what reads it tracks this.
    version: RwSignal<u32>,
    pub state: RwSignal<CheckState>,
    running: StoredValue<Option<AbortGuard>, LocalStorage>,
    /// The newest run: an older one finishing late says nothing.
    seq: StoredValue<u64>,
}

impl Default for KnownCheck {
    fn default() -> KnownCheck {
        KnownCheck {
            found: StoredValue::new_local(Found::new()),
            version: RwSignal::new(0),
            state: RwSignal::new(CheckState::Idle),
            running: StoredValue::new_local(None),
            seq: StoredValue::new(0),
        }
    }
}

impl KnownCheck {
    /// Reads what was found, tracking changes.
    pub fn with<R>(&self, f: impl FnOnce(&Found) -> R) -> R {
        self.version.track();
        self.found.with_value(f)
    }

    /// Reads what was found without tracking (`None` once the page is gone).
    pub fn peek<R>(&self, f: impl FnOnce(&Found) -> R) -> Option<R> {
        self.found.try_with_value(f)
    }

    /// What was found, as it is now, for an import run.
    pub fn snapshot(&self) -> Found {
        self.found.get_value()
    }

    pub fn running(&self) -> bool {
        matches!(self.state.get(), CheckState::Running { .. })
    }

    /// Another file: what was found is about other people.
    pub fn forget(&self) {
        self.stop_run();
        self.found.update_value(Found::clear);
        self.state.set(CheckState::Idle);
        self.version.update(|v| *v = v.wrapping_add(1));
    }

    fn stop_run(&self) {
        self.seq.update_value(|s| *s += 1);
        self.running.set_value(None);
    }

    /// The user's stop: the numbers not looked up yet are imported unchecked.
    pub fn stop(&self) {
        let CheckState::Running { done, total } = self.state.get_untracked() else {
            return;
        };
        self.stop_run();
        self.state.set(CheckState::Done {
            unchecked: total.saturating_sub(done),
            error: None,
            stopped: true,
        });
        self.version.update(|v| *v = v.wrapping_add(1));
    }

    /// Looks up `phones` (each once, none known yet), stopping a run in flight.
    pub fn start(
        &self,
        api: ApiClient,
        i18n: I18nContext<Locale>,
        clinic: bool,
        phones: Vec<String>,
    ) {
        self.stop_run();
        let total = phones.len();
        if total == 0 {
            self.state.set(CheckState::Done {
                unchecked: 0,
                error: None,
                stopped: false,
            });
            self.version.update(|v| *v = v.wrapping_add(1));
            return;
        }
        self.state.set(CheckState::Running { done: 0, total });
        let this = *self;
        let work = async move {
            let lookups = phones.into_iter().map(|phone| {
                let api = api.clone();
                async move {
                    let answer = look_up(api, phone.clone(), clinic).await;
                    (phone, answer)
                }
            });
            let mut looked_up = 0;
            let mut error = None;
            at_once(lookups, |(phone, answer)| {
                let mut flow = Flow::Go;
                match answer {
                    Ok(known) => {
                        looked_up += 1;
                        let _ = this.found.try_update_value(|f| f.insert(phone, known));
                    }
                    Err(e) => {
                        if matches!(e, ApiError::Reply(ReplyError::Unauthorized)) {
                            flow = Flow::Stop;
                        }
                        error.get_or_insert_with(|| describe(i18n, &e));
                    }
                }
                let _ = this.state.try_update(|s| {
                    if let CheckState::Running { done, .. } = s {
                        *done += 1;
                    }
                });
                flow
            })
            .await;
            Ok::<_, ApiError>((total - looked_up, error))
        };
        let (guard, run) = stoppable(work);
        self.running.set_value(Some(guard));
        let mine = self.seq.get_value();
        leptos::task::spawn_local(async move {
            let Ok((unchecked, error)) = run.await else {
                return;
            };
            if this.seq.try_get_value() != Some(mine) {
                return;
            }
            let _ = this.state.try_set(CheckState::Done {
                unchecked,
                error,
                stopped: false,
            });
            let _ = this.version.try_update(|v| *v = v.wrapping_add(1));
        });
    }
}
