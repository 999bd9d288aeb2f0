//! The customer export's work, in a chunk of its own (the split point is in
//! src/routes/lazy.rs; see [`export`](super::export)): the whole current
//! result (not just the page) as CSV or XLSX, fetched page by page through
//! downLoad. Each page is awaited, so the panel stays responsive between
//! pages. CSV is assembled by the browser from pieces (a Blob); XLSX rows go
//! page by page to a worker wasm loaded on demand (`xlsx_file`), which packs
//! the file.

use scrm_api::csv;
use scrm_api::customer::DownLoad;
use scrm_api::xlsx::Kind;
use wasm_bindgen::JsValue;

use crate::features::customers::export::{ExportJob, Format};
use crate::platform::dom;
use crate::platform::i18n::t_string;
use crate::platform::job::Progress;
use crate::platform::xlsx_file;
use crate::ui::error_view::describe;
use crate::ui::on_first_use::Local;

/// Rows per downLoad request: big enough to be quick, small enough that a
/// page of progress is visible and one answer stays a few hundred KB.
const EXPORT_PAGE: i64 = 1000;

const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Today's date in China time (`2026-12-01`), for the file name.
fn today() -> String {
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

/// Runs the export `job` describes, reporting to `progress` and saying the
/// outcome through the job.
pub fn run(job: ExportJob, progress: Progress) -> Local<()> {
    Box::pin(export(job, progress))
}

async fn export(export: ExportJob, progress: Progress) {
    let ExportJob {
        i18n,
        api,
        job,
        filter: f,
        format,
    } = export;
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
    // The star as a word a reader understands, not 1/0.
    let (yes, no) = (t_string!(i18n, export_yes), t_string!(i18n, export_no));
    let cells = |c: &scrm_api::customer::Customer| {
        let mut cells = csv::customer_cells(c);
        if let Some(star) = cells.get_mut(STAR) {
            *star = if star == "1" { yes } else { no }.to_owned();
        }
        cells
    };
    let parts = js_sys::Array::new();
    // XLSX rows go to the worker page by page as they arrive.
    let mut sink = None;
    match format {
        Format::Csv => {
            parts.push(&JsValue::from_str(&csv::start(&header)));
        }
        Format::Xlsx => {
            let started = xlsx_file::XlsxSink::start(&COLUMN_KINDS).await;
            match started {
                Ok(s) if s.push(&js_sys::Array::of1(&text_row(&header))).is_ok() => sink = Some(s),
                _ => {
                    job.say(t_string!(i18n, export_xlsx_failed).to_string());
                    return;
                }
            }
        }
    }
    let mut page_no = 1;
    let mut rows = 0i64;
    let outcome = loop {
        let reply = api
            .call::<DownLoad>(&f.download_request(page_no, EXPORT_PAGE))
            .await;
        let page = match reply {
            Ok(r) => r.page,
            Err(e) => break Err(describe(i18n, &e)),
        };
        let count = page.count;
        let got = page.items.len() as i64;
        match format {
            Format::Csv => {
                let mut chunk = String::new();
                for c in &page.items {
                    chunk.push_str(&csv::customer_line(&cells(c)));
                }
                parts.push(&JsValue::from_str(&chunk));
            }
            Format::Xlsx => {
                let rows = js_sys::Array::new();
                for c in &page.items {
                    rows.push(&text_row(&cells(c)));
                }
                if let Some(s) = &sink {
                    if s.push(&rows).is_err() {
                        break Err(t_string!(i18n, export_xlsx_failed).to_string());
                    }
                }
            }
        }
        rows += got;
        progress.set(rows.max(0) as u64, count.max(0) as u64);
        if got == 0 || rows >= count || got < EXPORT_PAGE {
            break Ok(());
        }
        page_no += 1;
    };
    let saved = match (outcome, format) {
        (Err(why), _) => Err(why),
        (Ok(()), Format::Csv) => Ok(dom::download(
            &f.export_file_name(&today(), "csv"),
            "text/csv;charset=utf-8",
            &parts,
        )),
        (Ok(()), Format::Xlsx) => match finish_xlsx(sink.take()).await {
            Ok(bytes) => {
                let file = js_sys::Array::of1(&bytes);
                Ok(dom::download(
                    &f.export_file_name(&today(), "xlsx"),
                    XLSX_MIME,
                    &file,
                ))
            }
            Err(()) => Err(t_string!(i18n, export_xlsx_failed).to_string()),
        },
    };
    job.say(match saved {
        Ok(true) => format!("{} {rows}", t_string!(i18n, export_done)),
        Ok(false) => t_string!(i18n, export_save_failed).to_string(),
        Err(why) => why,
    });
}
