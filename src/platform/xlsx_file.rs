//! Packs rows into an XLSX file in the `xlsx-worker` wasm and reads an XLSX
//! or CSV file in the `xlsx-reader` wasm, each loaded only here: the writer
//! and the reader stay out of the initial bundle (and out of each other's
//! download) and the work happens off the page's thread.

use js_sys::{Array, Promise, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, Worker};

use scrm_api::xlsx::{kinds_code, Kind};

/// trunk's loaders for the workers (see index.html), relative to `<base>`.
const WORKER_URL: &str = "xlsx-worker_loader.js";
const READER_URL: &str = "xlsx-reader_loader.js";

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

/// The worker could not take the rows (it failed to start or has ended).
#[derive(Debug)]
pub struct WorkerFailed;

/// The message that ends the rows and asks for the file.
const FINISH: &str = "finish";

/// An XLSX file being filled in the worker. Rows are sent a page at a time
/// as the export fetches them, so the page's thread never copies the whole
/// result in one go (one `postMessage` of 100,000 rows held it for 150–250 ms
/// in Chromium, see docs/performance.md); the finished file comes back as a
/// transferred buffer, not a copy.
/// Dropping it (a cancelled export) ends the worker.
pub struct XlsxSink {
    worker: Worker,
}

impl XlsxSink {
    /// Starts the worker and waits until it can take rows: messages sent
    /// before its wasm has started would be lost, so it says "ready" first.
    /// `kinds` says how each column is written (dates as dates).
    pub async fn start(kinds: &[Kind]) -> Result<XlsxSink, ()> {
        let sink = XlsxSink {
            worker: Worker::new(WORKER_URL).map_err(|_| ())?,
        };
        next_message(&sink.worker).await?;
        let message = format!("kinds {}", kinds_code(kinds));
        sink.worker
            .post_message(&JsValue::from_str(&message))
            .map_err(|_| ())?;
        Ok(sink)
    }

    /// Appends `rows` (an array of arrays of strings) to the sheet.
    pub fn push(&self, rows: &Array) -> Result<(), WorkerFailed> {
        self.worker.post_message(rows).map_err(|_| WorkerFailed)
    }

    /// The file's bytes, after every pushed row.
    pub async fn finish(self) -> Result<Uint8Array, ()> {
        self.worker
            .post_message(&JsValue::from_str(FINISH))
            .map_err(|_| ())?;
        next_message(&self.worker)
            .await?
            .dyn_into::<Uint8Array>()
            .map_err(|_| ())
    }
}

impl Drop for XlsxSink {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// Why [`ask`] got no answer.
enum AskError {
    /// The worker never said "ready": its script did not load.
    Load,
    /// It started, then failed (out of memory, a crash).
    Died,
}

/// Starts the worker at `url`, sends it `message` and returns its answer.
async fn ask(url: &str, message: &JsValue) -> Result<JsValue, AskError> {
    let worker = Worker::new(url).map_err(|_| AskError::Load)?;
    // Messages sent before the worker's wasm has started would be lost: it
    // says "ready" first.
    let result = async {
        next_message(&worker).await.map_err(|_| AskError::Load)?;
        worker.post_message(message).map_err(|_| AskError::Died)?;
        next_message(&worker).await.map_err(|_| AskError::Died)
    }
    .await;
    worker.terminate();
    result
}

/// Why [`read`] or [`read_csv`] gave no table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// The reader did not load (network, old browser).
    Load,
    /// The reader started and then stopped: most likely the file needed
    /// more memory than the tab has. Never reported as a network problem.
    Died,
    /// The reader refused the file; the code says why (the import's
    /// `import_wire::error_code`).
    Refused(String),
}

/// The first sheet of an XLSX `file` as the import's table, in the bytes
/// the reader answers with (`import_wire`).
pub async fn read(file: &Uint8Array) -> Result<Vec<u8>, ReadError> {
    answer(ask_reader(file).await?)
}

/// CSV `text` as the import's table, parsed in the reader so a large file
/// does not hold the page.
pub async fn read_csv(text: &str) -> Result<Vec<u8>, ReadError> {
    answer(ask_reader(&JsValue::from_str(text)).await?)
}

async fn ask_reader(message: &JsValue) -> Result<JsValue, ReadError> {
    ask(READER_URL, message).await.map_err(|e| match e {
        AskError::Load => ReadError::Load,
        AskError::Died => ReadError::Died,
    })
}

/// The reader's answer: a transferred buffer (copied into wasm memory in
/// one go) or a code saying why not.
fn answer(reply: JsValue) -> Result<Vec<u8>, ReadError> {
    if let Some(code) = reply.as_string() {
        return Err(ReadError::Refused(code));
    }
    reply
        .dyn_into::<Uint8Array>()
        .map(|bytes| bytes.to_vec())
        .map_err(|_| ReadError::Died)
}
