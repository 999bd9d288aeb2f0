//! The XLSX import's reader: a separate, on-demand worker wasm, so reading
//! is neither in the panel's initial bundle nor in the export's
//! `xlsx-worker` (the reader, with inflate, XML and number parsing, is about
//! four times the writer's size: docs/performance.md, "Bundle size"), and a large file is
//! read off the page's thread. It receives the file's bytes as a
//! `Uint8Array` and answers the first sheet's non-blank rows as arrays
//! `[row number, flagged cells, cell, …]`, or a code saying why the file
//! cannot be read. On the host this is an empty program (the package's host build
//! exists for its browser tests).

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use js_sys::{Array, Uint8Array};
    use scrm_panel::core::xlsx_read;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    /// The first sheet's rows as `[[row number, flags, cell, …], …]` (flags
    /// in `xlsx_read::flags_code` form), or why not as an
    /// `XlsxError::code` string the page turns into words.
    fn read(file: &[u8]) -> JsValue {
        // Header plus the most rows an import takes, plus one to tell "too many".
        let limit = scrm_panel::features::manual_tasks::import_rows::MAX_ROWS + 2;
        match xlsx_read::read_first_sheet(file, limit) {
            Ok(rows) => rows
                .into_iter()
                .map(|row| {
                    let out = Array::new();
                    out.push(&JsValue::from_f64(row.number as f64));
                    out.push(&JsValue::from_str(&xlsx_read::flags_code(&row.flags)));
                    for cell in row.cells {
                        out.push(&JsValue::from_str(&cell));
                    }
                    out
                })
                .collect::<Array>()
                .into(),
            Err(e) => JsValue::from_str(&e.code()),
        }
    }

    pub fn start() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let reply_to = scope.clone();
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
            // The panel is the only sender; anything but bytes reads as empty.
            let bytes = e
                .data()
                .dyn_into::<Uint8Array>()
                .map(|b| b.to_vec())
                .unwrap_or_default();
            let _ = reply_to.post_message(&read(&bytes));
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The worker lives exactly as long as this handler: the panel
        // terminates it after one file.
        on_message.forget();
        let _ = scope.post_message(&JsValue::from_str("ready"));
    }
}
