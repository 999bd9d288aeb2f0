//! How the panel loads what a view shows: one way for every page.
//!
//! [`load`] makes a `LocalResource` keyed on the signals its `key` reads
//! (the URL's query, a route parameter, a submitted search); `ui::loaded`
//! renders it inside `<Transition>` with the loading, error (with retry)
//! and answer states. What it adds to a bare `LocalResource`:
//!
//! - A newer key stops the load in flight at once: its request is aborted
//!   and the new one starts. (A `LocalResource` alone waits for the old
//!   answer before asking again, so one slow request would hold back every
//!   newer query, and its answer would be shown first.)
//! - Leaving the page stops the load in flight the same way.
//!
//! A stopped load resolves to [`ApiError::Aborted`], which no view shows.
//! Views that add to what they show instead of replacing it (older chat
//! pages, the clinic's "load newer") run their requests through
//! [`stoppable`] and keep the [`AbortGuard`] for as long as the answer is
//! wanted.

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;

use futures::channel::oneshot;
use futures::future::{select, Either};
use leptos::prelude::*;

use crate::platform::api_client::ApiError;

/// What a view loads: the answer or why there is none.
pub type Loaded<T> = LocalResource<Result<T, ApiError>>;

/// Stops the future it came with when dropped: the future resolves to
/// `Err(ApiError::Aborted)` at once, and the work inside it is dropped,
/// which aborts its requests (see `api_client`). Dropping it after the
/// future finished does nothing.
pub struct AbortGuard(Rc<Cell<Option<oneshot::Sender<()>>>>);

impl Drop for AbortGuard {
    fn drop(&mut self) {
        if let Some(tx) = self.0.take() {
            let _ = tx.send(());
        }
    }
}

/// `work`, made stoppable through the returned guard.
pub fn stoppable<T>(
    work: impl Future<Output = Result<T, ApiError>>,
) -> (AbortGuard, impl Future<Output = Result<T, ApiError>>) {
    let (guard, run) = cancellable(work);
    (
        guard,
        async move { run.await.unwrap_or(Err(ApiError::Aborted)) },
    )
}

/// Any `work` (not only one request's answer), stoppable through the
/// returned guard: `None` when it was stopped. Long jobs (`platform::job`)
/// run through this.
pub fn cancellable<T>(
    work: impl Future<Output = T>,
) -> (AbortGuard, impl Future<Output = Option<T>>) {
    let (tx, rx) = oneshot::channel::<()>();
    let guard = AbortGuard(Rc::new(Cell::new(Some(tx))));
    let run = async move {
        let work = std::pin::pin!(work);
        let stopped = std::pin::pin!(rx);
        match select(work, stopped).await {
            Either::Left((result, _)) => Some(result),
            Either::Right((_, _)) => None,
        }
    };
    (guard, run)
}

/// The data for the current value of `key`, fetched by `fetch`. `key`
/// should read exactly what the request depends on; `fetch` may make
/// several requests (all are stopped together).
pub fn load<K, T, Fut>(
    key: impl Fn() -> K + Send + Sync + 'static,
    fetch: impl Fn(K) -> Fut + 'static,
) -> Loaded<T>
where
    K: Clone + PartialEq + Send + Sync + 'static,
    T: 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let key = Memo::new(move |_| key());
    // The load in flight with the key it is for. Owned by the view: when
    // the view goes, the guard is dropped and the load stops.
    let running = StoredValue::new_local(None::<(K, AbortGuard)>);
    Effect::new(move |_| {
        let now = key.get();
        running.update_value(|r| {
            if r.as_ref().is_some_and(|(k, _)| *k != now) {
                *r = None;
            }
        });
    });
    LocalResource::new(move || {
        let k = key.get();
        let (guard, run) = stoppable(fetch(k.clone()));
        running.set_value(Some((k, guard)));
        run
    })
}
