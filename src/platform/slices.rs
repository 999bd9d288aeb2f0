//! Long work on the page's thread cut into slices, with the browser's own
//! tasks (input, timers, rendering) run in between, so the page never
//! stops answering for long (the browser reports a task over 50 ms as a
//! "long task").

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How long a slice may run before the browser gets a turn.
const SLICE_MS: f64 = 10.0;

/// Times the current slice of a piece of work.
pub struct Slicer {
    started: f64,
}

impl Slicer {
    pub fn new() -> Slicer {
        Slicer {
            started: js_sys::Date::now(),
        }
    }

    /// Gives the browser a turn once the current slice has run its time.
    /// `leptos::task::tick` would not do: it waits for a microtask, which
    /// runs inside the same browser task.
    pub async fn pause(&mut self) {
        if js_sys::Date::now() - self.started >= SLICE_MS {
            next_task().await;
            self.started = js_sys::Date::now();
        }
    }
}

impl Default for Slicer {
    fn default() -> Slicer {
        Slicer::new()
    }
}

/// Resolves in a new browser task, after the ones already queued. A
/// message to one's own channel, not `setTimeout(0)`, which browsers delay
/// to 4 ms once timers nest.
async fn next_task() {
    let Ok(channel) = web_sys::MessageChannel::new() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let wake = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        channel.port1().set_onmessage(Some(wake.unchecked_ref()));
    });
    if channel.port2().post_message(&JsValue::NULL).is_ok() {
        let _ = JsFuture::from(promise).await;
    }
    // The channel is held until here, so it cannot be collected first.
    drop(channel);
}
