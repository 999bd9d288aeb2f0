//! The import's file reader: a separate, on-demand worker wasm, so reading
//! is neither in the panel's initial bundle nor in the export's
//! `xlsx-worker` (the reader, with inflate, XML and number parsing, is about
//! four times the writer's size: docs/performance.md, "Bundle size"), and a
//! large file is read off the page's thread. It receives an XLSX file's
//! bytes as a `Uint8Array`, or a CSV file's decoded text as a string, and
//! answers the rows (the first sheet's non-blank rows for XLSX, every
//! record for CSV) as arrays `[row number, flagged cells, cell, …]`, or a
//! code saying why the file cannot be read. On the host this is an empty
//! program (the package's host build exists for its browser tests).

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use js_sys::{Array, Uint8Array};
    use scrm_panel::core::csv_read;
    use scrm_panel::core::xlsx_read::{self, SheetRow};
    use scrm_panel::features::manual_tasks::import_rows::{CSV_RECORD_LIMIT, MAX_ROWS};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    /// Rows as `[[row number, flags, cell, …], …]` (flags in
    /// `xlsx_read::flags_code` form).
    fn rows_message(rows: Vec<SheetRow>) -> JsValue {
        rows.into_iter()
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
            .into()
    }

    /// The first sheet's rows, or why not as an `XlsxError::code` string
    /// the page turns into words.
    fn read_xlsx(file: &[u8]) -> JsValue {
        // Header plus the most rows an import takes, plus one to tell "too many".
        match xlsx_read::read_first_sheet(file, MAX_ROWS + 2) {
            Ok(rows) => rows_message(rows),
            Err(e) => JsValue::from_str(&e.code()),
        }
    }

    /// The CSV text's records, or why not as a `CsvError::code` string.
    fn read_csv(text: &str) -> JsValue {
        match csv_read::read_csv(text, CSV_RECORD_LIMIT) {
            Ok(rows) => rows_message(rows),
            Err(e) => JsValue::from_str(&e.code()),
        }
    }

    pub fn start() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let reply_to = scope.clone();
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
            // The panel is the only sender: text is CSV, anything else is
            // read as XLSX bytes (empty if it is not bytes either).
            let data = e.data();
            let reply = match data.as_string() {
                Some(text) => read_csv(&text),
                None => {
                    let bytes = data
                        .dyn_into::<Uint8Array>()
                        .map(|b| b.to_vec())
                        .unwrap_or_default();
                    read_xlsx(&bytes)
                }
            };
            let _ = reply_to.post_message(&reply);
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The worker lives exactly as long as this handler: the panel
        // terminates it after one file.
        on_message.forget();
        let _ = scope.post_message(&JsValue::from_str("ready"));
    }
}
