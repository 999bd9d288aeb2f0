//! A view whose code is fetched on first use (quick find's dialog, the
//! saved-views dialog): its split point lives in the panel's binary
//! (src/routes/lazy.rs), which hands a [`ChunkLoader`] to the shell or page
//! through context, so the first screen does not wait for that code.
//!
//! A chunk that cannot be fetched (offline, a deploy replaced the files)
//! must not kill the app: the loader answers `None`, the caller says so
//! and closes, and the next opening fetches again (the split loader keeps
//! only successes).

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use send_wrapper::SendWrapper;

/// Work done in a chunk's code, or its answer; not `Send`: the browser has
/// one thread.
pub type Local<T> = Pin<Box<dyn Future<Output = T>>>;
/// The view once its code is in; `None` when the code could not be fetched.
pub type ChunkFuture = Local<Option<AnyView>>;
/// Fetches a chunk's code and builds its view.
pub type ChunkLoader = fn() -> ChunkFuture;

/// While `open`, the chunk's view (fetched the first time); when its code
/// cannot be fetched, `failed` runs, which says so and closes. Without a
/// loader (a host that provides none) nothing is shown.
pub fn while_open(
    open: Signal<bool>,
    load: Option<ChunkLoader>,
    failed: Callback<()>,
) -> impl IntoView {
    move || {
        let load = load?;
        open.get().then(|| {
            // The chunk's future is not Send; the browser has one thread.
            Suspend::new(SendWrapper::new(async move {
                match load().await {
                    Some(view) => view,
                    None => {
                        failed.run(());
                        ().into_any()
                    }
                }
            }))
        })
    }
}
