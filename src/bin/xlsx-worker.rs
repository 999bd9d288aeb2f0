//! The XLSX export's worker: a separate, on-demand wasm so the writer is not
//! in the panel's initial bundle and the page stays responsive while a large
//! file is packed. It receives the rows a page at a time (each message an
//! array of arrays of strings; a first message `kinds …` says which columns
//! are date-times), and on the message "finish" answers the
//! finished file as a `Uint8Array` whose buffer is transferred, not copied. On the host this is an empty
//! program (the package's host build exists for its browser tests).

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use js_sys::{Array, Uint8Array};
    use scrm_api::xlsx::{kinds_from_code, workbook_with, Kind};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    /// The message giving each column's kind: this prefix, then
    /// `scrm_api::xlsx::kinds_code`.
    const KINDS: &str = "kinds ";

    /// Anything that is not an array of arrays of strings becomes empty
    /// rows or cells: the panel is the only sender.
    fn rows(data: &wasm_bindgen::JsValue) -> Vec<Vec<String>> {
        Array::from(data)
            .iter()
            .map(|row| {
                Array::from(&row)
                    .iter()
                    .map(|cell| cell.as_string().unwrap_or_default())
                    .collect()
            })
            .collect()
    }

    pub fn start() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let reply_to = scope.clone();
        let sheet = std::cell::RefCell::new(Vec::<Vec<String>>::new());
        let kinds = std::cell::RefCell::new(Vec::<Kind>::new());
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
            let data = e.data();
            let text = data.as_string();
            if let Some(code) = text.as_deref().and_then(|t| t.strip_prefix(KINDS)) {
                *kinds.borrow_mut() = kinds_from_code(code);
            } else if text.as_deref() == Some("finish") {
                // Level 1: inline-string XML shrinks about tenfold even at
                // the fastest level, and the user waits for this step.
                let deflate = |d: &[u8]| miniz_oxide::deflate::compress_to_vec(d, 1);
                let file = workbook_with(&sheet.take(), &kinds.borrow(), Some(&deflate));
                let bytes = Uint8Array::from(file.as_slice());
                let transfer = Array::of1(&bytes.buffer());
                if reply_to
                    .post_message_with_transfer(&bytes, &transfer)
                    .is_err()
                {
                    let _ = reply_to.post_message(&bytes);
                }
            } else {
                sheet.borrow_mut().extend(rows(&data));
            }
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The worker lives exactly as long as this handler: the panel
        // terminates it after one file.
        on_message.forget();
        let _ = scope.post_message(&wasm_bindgen::JsValue::from_str("ready"));
    }
}
