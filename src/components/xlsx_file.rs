//! Packs rows into an XLSX file in the `xlsx-worker` wasm, which is loaded
//! only here: the writer stays out of the initial bundle and the packing
//! happens off the page's thread.

use js_sys::{Array, Promise, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, Worker};

/// trunk's loader for the worker (see index.html), relative to `<base>`.
const WORKER_URL: &str = "xlsx-worker_loader.js";

/// The worker's next message, or its failure to load or run.
async fn next_message(worker: &Worker) -> Result<JsValue, ()> {
    let promise = Promise::new(&mut |resolve, reject| {
        let on_message = wasm_bindgen::closure::Closure::once_into_js(move |e: MessageEvent| {
            let _ = resolve.call1(&JsValue::NULL, &e.data());
        });
        let on_error = wasm_bindgen::closure::Closure::once_into_js(move |e: web_sys::Event| {
            let _ = reject.call1(&JsValue::NULL, &e);
        });
        worker.set_onmessage(Some(on_message.unchecked_ref()));
        worker.set_onerror(Some(on_error.unchecked_ref()));
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|_| ())
}

/// The file's bytes for `rows` (an array of arrays of strings).
pub async fn pack(rows: &Array) -> Result<Uint8Array, ()> {
    let worker = Worker::new(WORKER_URL).map_err(|_| ())?;
    // Messages sent before the worker's wasm has started would be lost: it
    // says "ready" first.
    let result = async {
        next_message(&worker).await?;
        worker.post_message(rows).map_err(|_| ())?;
        next_message(&worker)
            .await?
            .dyn_into::<Uint8Array>()
            .map_err(|_| ())
    }
    .await;
    worker.terminate();
    result
}
