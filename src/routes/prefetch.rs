//! After the first screen, every lazy chunk is fetched in idle time, one at
//! a time, the call pop-up's extras first and then the call page, so an
//! incoming call's card, a later navigation or the pop-up opening the call
//! page does not wait on the network. A fetched chunk is instantiated at once; its file is then in
//! the browser's cache too, under a content-hashed name the server marks
//! immutable.

use std::time::Duration;

use futures::channel::oneshot;
use js_sys::{Function, Object, Reflect};
use leptos::prelude::set_timeout;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::lazy::PREFETCH;

/// Left to the first screen's own requests before prefetching starts.
const SETTLE: Duration = Duration::from_secs(1);
/// The longest wait for an idle period, so a busy page still gets its chunks.
const IDLE_TIMEOUT_MS: u32 = 2000;

/// Starts the prefetch; called once when the app is created.
pub fn after_first_screen() {
    spawn_local(async {
        sleep(SETTLE).await;
        for prefetch in PREFETCH {
            idle().await;
            if !prefetch().await {
                // Offline, or the files were replaced by a deploy: each page
                // (and the call card's extras) then fetches its own chunk when
                // needed, with a retry.
                return;
            }
        }
    });
}

async fn sleep(duration: Duration) {
    let (done, wait) = oneshot::channel::<()>();
    set_timeout(
        move || {
            let _ = done.send(());
        },
        duration,
    );
    let _ = wait.await;
}

/// The browser's next idle period (`requestIdleCallback`, called through
/// js-sys: web-sys's binding would need a feature, and a rebuild of every
/// crate above web-sys, for one call); a plain timer turn where there is
/// none (Safari, iOS web views).
async fn idle() {
    let (done, wait) = oneshot::channel::<()>();
    let callback = Closure::once_into_js(move || {
        let _ = done.send(());
    });
    let options = Object::new();
    let _ = Reflect::set(&options, &"timeout".into(), &IDLE_TIMEOUT_MS.into());
    let asked = web_sys::window().is_some_and(|w| {
        Reflect::get(&w, &"requestIdleCallback".into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .is_some_and(|f| f.call2(&w, &callback, &options).is_ok())
    });
    if asked {
        let _ = wait.await;
    } else {
        sleep(Duration::ZERO).await;
    }
}
