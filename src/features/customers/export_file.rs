//! The customer export's file: rows added as they arrive, CSV pieces the
//! browser assembles or XLSX rows handed to a worker wasm loaded on demand
//! (`xlsx_file`). Only split chunks use it (the list's export and the export
//! of a selection), so it is never in the first screen's wasm.

use leptos_i18n::I18nContext;
use scrm_api::csv;
use scrm_api::customer::Customer;
use scrm_api::xlsx::Kind;
use wasm_bindgen::JsValue;

use crate::features::customers::export::Format;
use crate::platform::dom;
use crate::platform::i18n::{t_string, Locale};
use crate::platform::xlsx_file;

const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Today's date in China time (`2026-12-01`), for the file name.
pub fn today() -> String {
    scrm_api::time::Timestamp::from_epoch_ms(js_sys::Date::now() as i64)
        .map(|t| t.date().to_owned())
        .unwrap_or_default()
}

/// One row for the XLSX worker: a JS array of strings.
fn text_row<S: AsRef<str>>(cells: &[S]) -> JsValue {
    cells
        .iter()
        .map(|c| JsValue::from_str(c.as_ref()))
        .collect::<js_sys::Array>()
        .into()
}

/// The worker's finished file, if the worker ever started.
async fn finish_xlsx(sink: Option<xlsx_file::XlsxSink>) -> Result<js_sys::Uint8Array, ()> {
    match sink {
        Some(s) => s.finish().await,
        None => Err(()),
    }
}

/// The export's columns (see [`csv::customer_cells`]): the created and
/// last-update times are dates in the XLSX file.
const COLUMN_KINDS: [Kind; 10] = [
    Kind::Text,
    Kind::Text,
    Kind::Text,
    Kind::Text,
    Kind::Text,
    Kind::Text,
    Kind::Text,
    Kind::Text,
    Kind::DateTime,
    Kind::DateTime,
];

/// Index of the star column in [`csv::customer_cells`].
const STAR: usize = 6;

/// An export file being written, rows added as they arrive: CSV pieces the
/// browser assembles, or XLSX rows handed to the worker. The list's export
/// and the export of a selection both write through it, so both files have
/// the same columns, neutralised cells and words for the star.
pub struct ExportFile {
    format: Format,
    parts: js_sys::Array,
    sink: Option<xlsx_file::XlsxSink>,
    yes: &'static str,
    no: &'static str,
    xlsx_failed: &'static str,
}

impl ExportFile {
    /// Writes the header; for XLSX, starts the worker first. `Err` in words.
    pub async fn start(i18n: I18nContext<Locale>, format: Format) -> Result<ExportFile, String> {
        let header: Vec<String> = [
            t_string!(i18n, customer_id),
            t_string!(i18n, cust_name),
            t_string!(i18n, cust_nickname),
            t_string!(i18n, cust_remark_name),
            t_string!(i18n, cust_phone),
            t_string!(i18n, cust_tags),
            t_string!(i18n, cust_star),
            t_string!(i18n, cust_remarks),
            t_string!(i18n, export_created_zone),
            t_string!(i18n, export_updated_zone),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mut file = ExportFile {
            format,
            parts: js_sys::Array::new(),
            sink: None,
            // The star as a word a reader understands, not 1/0.
            yes: t_string!(i18n, export_yes),
            no: t_string!(i18n, export_no),
            xlsx_failed: t_string!(i18n, export_xlsx_failed),
        };
        match format {
            Format::Csv => {
                file.parts.push(&JsValue::from_str(&csv::start(&header)));
            }
            Format::Xlsx => match xlsx_file::XlsxSink::start(&COLUMN_KINDS).await {
                Ok(s) if s.push(&js_sys::Array::of1(&text_row(&header))).is_ok() => {
                    file.sink = Some(s)
                }
                _ => return Err(file.xlsx_failed.to_owned()),
            },
        }
        Ok(file)
    }

    fn cells(&self, c: &Customer) -> [String; 10] {
        let mut cells = csv::customer_cells(c);
        if let Some(star) = cells.get_mut(STAR) {
            *star = if star == "1" { self.yes } else { self.no }.to_owned();
        }
        cells
    }

    /// Adds rows; `Err` in words when the XLSX worker is gone.
    pub fn push(&self, customers: &[Customer]) -> Result<(), String> {
        match self.format {
            Format::Csv => {
                let mut chunk = String::new();
                for c in customers {
                    chunk.push_str(&csv::customer_line(&self.cells(c)));
                }
                self.parts.push(&JsValue::from_str(&chunk));
                Ok(())
            }
            Format::Xlsx => {
                let rows = js_sys::Array::new();
                for c in customers {
                    rows.push(&text_row(&self.cells(c)));
                }
                match &self.sink {
                    Some(s) if s.push(&rows).is_ok() => Ok(()),
                    _ => Err(self.xlsx_failed.to_owned()),
                }
            }
        }
    }

    /// Hands the file to the browser as `name`: `Ok(false)` when the
    /// browser refused it, `Err` in words when the XLSX could not be packed.
    pub async fn save(mut self, name: &str) -> Result<bool, String> {
        match self.format {
            Format::Csv => Ok(dom::download(name, "text/csv;charset=utf-8", &self.parts)),
            Format::Xlsx => match finish_xlsx(self.sink.take()).await {
                Ok(bytes) => Ok(dom::download(name, XLSX_MIME, &js_sys::Array::of1(&bytes))),
                Err(()) => Err(self.xlsx_failed.to_owned()),
            },
        }
    }
}

/// What the panel says once a file of `rows` rows was handed over (or not).
pub fn saved_words(i18n: I18nContext<Locale>, saved: Result<bool, String>, rows: u64) -> String {
    match saved {
        Ok(true) => format!("{} {rows}", t_string!(i18n, export_done)),
        Ok(false) => t_string!(i18n, export_save_failed).to_string(),
        Err(why) => why,
    }
}
