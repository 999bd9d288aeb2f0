//! Long work a person watches and can stop: an export or a search that pages
//! through a whole result, one request after another. `ui::progress` draws
//! it (a progress bar, "done / total", a cancel button and the outcome in
//! words); this is the part that runs it.
//!
//! A [`Job`] runs one piece of work at a time. Cancelling, starting it again
//! and leaving the view that made it all stop the work at once: its future
//! is dropped where it waits, which aborts the request in flight (see
//! `api_client`) and drops whatever it gathered, so a stopped export saves
//! nothing and a stopped worker ends.
//!
//! ```ignore
//! let job = Job::new();
//! job.start(move |progress| async move {
//!     // page by page: progress.set(rows, total); at the end job.say(words)
//! });
//! view! { <JobProgress job id="export" label=... cancelled=.../> }
//! ```

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::platform::load::{cancellable, AbortGuard};

/// How far the work has come, reported by the work itself.
#[derive(Clone, Copy)]
pub struct Progress {
    done: RwSignal<u64>,
    total: RwSignal<u64>,
}

impl Progress {
    /// `done` of `total` (rows, messages); a total not yet known is 0.
    pub fn set(self, done: u64, total: u64) {
        let _ = self.done.try_set(done);
        let _ = self.total.try_set(total.max(done));
    }
}

/// One stoppable piece of long work and what the page shows of it; every
/// field is a handle, so it is `Copy`.
#[derive(Clone, Copy)]
pub struct Job {
    running: RwSignal<bool>,
    progress: Progress,
    status: RwSignal<Option<String>>,
    /// Dropping it stops the work; dropped with the view that owns the job.
    guard: StoredValue<Option<AbortGuard>, LocalStorage>,
    /// Which start is current: work that finishes as it is replaced must
    /// not touch its successor's state.
    epoch: StoredValue<u64>,
}

impl Job {
    pub fn new() -> Job {
        Job {
            running: RwSignal::new(false),
            progress: Progress {
                done: RwSignal::new(0),
                total: RwSignal::new(0),
            },
            status: RwSignal::new(None),
            guard: StoredValue::new_local(None),
            epoch: StoredValue::new(0),
        }
    }

    /// Runs `work`, stopping the work running before. The work reports its
    /// progress through the handle it is given and its outcome through
    /// [`Job::say`].
    pub fn start<F>(self, work: impl FnOnce(Progress) -> F)
    where
        F: Future<Output = ()> + 'static,
    {
        self.guard.set_value(None);
        let epoch = self.epoch.get_value().wrapping_add(1);
        self.epoch.set_value(epoch);
        self.running.set(true);
        self.progress.set(0, 0);
        self.status.set(None);
        let (guard, run) = cancellable(work(self.progress));
        self.guard.set_value(Some(guard));
        spawn_local(async move {
            // `None`: stopped, and whoever stopped it has said so.
            if run.await.is_some() && self.epoch.try_get_value() == Some(epoch) {
                let _ = self.running.try_set(false);
                self.guard.try_update_value(|g| *g = None);
            }
        });
    }

    /// Stops the running work; `why` is what the page says about it.
    pub fn cancel(self, why: String) {
        self.epoch.update_value(|e| *e = e.wrapping_add(1));
        self.guard.set_value(None);
        self.running.set(false);
        self.status.set(Some(why));
    }

    /// Whether work is running (tracked).
    pub fn running(self) -> bool {
        self.running.get()
    }

    /// Whether work is running, not tracked: for event handlers.
    pub fn is_running(self) -> bool {
        self.running.get_untracked()
    }

    /// The outcome in words, shown until the next start.
    pub fn say(self, words: String) {
        let _ = self.status.try_set(Some(words));
    }

    /// (done, total) so far (tracked).
    pub fn counts(self) -> (u64, u64) {
        (self.progress.done.get(), self.progress.total.get())
    }

    /// The outcome last said (tracked).
    pub fn status(self) -> Option<String> {
        self.status.get()
    }
}

impl Default for Job {
    fn default() -> Job {
        Job::new()
    }
}
