//! The customer export's work, in a chunk of its own (the split point is in
//! src/routes/lazy.rs; see [`export`](super::export)): the whole current
//! result (not just the page) as CSV or XLSX, fetched page by page through
//! downLoad. Each page is awaited, so the panel stays responsive between
//! pages; each is written to the file as it arrives ([`ExportFile`]).

use scrm_api::customer::DownLoad;

use crate::features::customers::export::ExportJob;
use crate::features::customers::export_file::{saved_words, today, ExportFile};
use crate::platform::job::Progress;
use crate::ui::error_view::describe;
use crate::ui::on_first_use::Local;

/// Rows per downLoad request: big enough to be quick, small enough that a
/// page of progress is visible and one answer stays a few hundred KB.
const EXPORT_PAGE: i64 = 1000;

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
    let file = match ExportFile::start(i18n, format).await {
        Ok(file) => file,
        Err(why) => {
            job.say(why);
            return;
        }
    };
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
        if let Err(why) = file.push(&page.items) {
            break Err(why);
        }
        rows += got;
        progress.set(rows.max(0) as u64, count.max(0) as u64);
        if got == 0 || rows >= count || got < EXPORT_PAGE {
            break Ok(());
        }
        page_no += 1;
    };
    let saved = match outcome {
        Err(why) => Err(why),
        Ok(()) => file.save(&f.export_file_name(&today(), format.ext())).await,
    };
    job.say(saved_words(i18n, saved, rows.max(0) as u64));
}
