//! The import's file reader: a separate, on-demand worker wasm, so reading
//! is neither in the panel's initial bundle nor in the export's
//! `xlsx-worker` (the reader, with inflate, XML and number parsing, is about
//! four times the writer's size: docs/performance.md, "Bundle size"), and a
//! large file is read off the page's thread. It receives an XLSX file's
//! bytes as a `Uint8Array`, or a CSV file's decoded text as a string, and
//! answers the import's table (header found, blank rows dropped, the row
//! limit checked) as one buffer in `import_wire` form, or a code saying
//! why the file cannot be read. On the host this is an empty
//! program (the package's host build exists for its browser tests).

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use js_sys::{Array, Uint8Array};
    use scrm_panel::features::manual_tasks::import_rows::{
        parse_csv, parse_xlsx, ImportError, Table,
    };
    use scrm_panel::features::manual_tasks::import_wire::{encode, error_code};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    /// Answers the table as one buffer handed over (transferred, not
    /// copied), or why not as a code string the page turns into words.
    fn reply(scope: &DedicatedWorkerGlobalScope, table: Result<Table, ImportError>) {
        match table {
            Ok(table) => {
                let bytes = Uint8Array::from(encode(&table).as_slice());
                drop(table);
                let _ = scope.post_message_with_transfer(&bytes, &Array::of1(&bytes.buffer()));
            }
            Err(e) => {
                let _ = scope.post_message(&JsValue::from_str(&error_code(&e)));
            }
        }
    }

    pub fn start() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let reply_to = scope.clone();
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
            // The panel is the only sender: text is CSV, anything else is
            // read as XLSX bytes (empty if it is not bytes either).
            let data = e.data();
            let table = match data.as_string() {
                Some(text) => parse_csv(&text),
                None => {
                    let bytes = data
                        .dyn_into::<Uint8Array>()
                        .map(|b| b.to_vec())
                        .unwrap_or_default();
                    parse_xlsx(&bytes)
                }
            };
            reply(&reply_to, table);
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The worker lives exactly as long as this handler: the panel
        // terminates it after one file.
        on_message.forget();
        let _ = scope.post_message(&JsValue::from_str("ready"));
    }
}
