//! The XLSX worker: a separate, on-demand wasm so neither the writer nor the
//! reader is in the panel's initial bundle and the page stays responsive
//! while a large file is packed or read. One worker does both jobs: the
//! reader adds little to it (README "Bundle size"), and a second worker
//! would be a second wasm build in every trunk run.
//!
//! - Write (customer export): an array of arrays of strings in, the
//!   finished file as a `Uint8Array` out.
//! - Read (manual-entry import): the file's bytes as a `Uint8Array` in; out,
//!   the first sheet's non-blank rows as arrays `[row number, cell, …]`, or
//!   a string saying why the file cannot be read.
//!
//! On the host this is an empty program (the package's host build exists
//! for its browser tests).

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use js_sys::{Array, Uint8Array};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

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

    /// The first sheet's rows as `[[row number, cell, …], …]`, or why not.
    fn read(file: &[u8]) -> wasm_bindgen::JsValue {
        // Header plus the most rows an import takes, plus one to tell "too many".
        let limit = scrm_panel::manual_import::MAX_ROWS + 2;
        match scrm_panel::xlsx_read::read_first_sheet(file, limit) {
            Ok(rows) => rows
                .into_iter()
                .map(|(number, cells)| {
                    let row = Array::new();
                    row.push(&wasm_bindgen::JsValue::from_f64(number as f64));
                    for cell in cells {
                        row.push(&wasm_bindgen::JsValue::from_str(&cell));
                    }
                    row
                })
                .collect::<Array>()
                .into(),
            Err(e) => wasm_bindgen::JsValue::from_str(&e.to_string()),
        }
    }

    pub fn start() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let reply_to = scope.clone();
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
            let data = e.data();
            let reply = match data.dyn_ref::<Uint8Array>() {
                Some(bytes) => read(&bytes.to_vec()),
                None => {
                    let file = scrm_api::xlsx::workbook(&rows(&data));
                    Uint8Array::from(file.as_slice()).into()
                }
            };
            let _ = reply_to.post_message(&reply);
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The worker lives exactly as long as this handler: the panel
        // terminates it after one file.
        on_message.forget();
        let _ = scope.post_message(&wasm_bindgen::JsValue::from_str("ready"));
    }
}
