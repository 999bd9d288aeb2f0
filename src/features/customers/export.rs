//! Export of the whole current result (not just the page) as CSV or XLSX,
//! with a progress bar and a cancel button. Only the buttons and the
//! progress are in the initial wasm: the work (paging through downLoad, CSV
//! and the XLSX worker) is a split point in the panel's binary
//! (src/routes/lazy.rs), handed over as a [`CustomerExportChunk`], so its
//! code is fetched on the first press (or by the idle prefetch); if it
//! cannot be, the export says so and the next press tries again.

use leptos::prelude::*;

use crate::features::customers::query::CustomerFilter;
use crate::platform::api_client::{use_api, ApiClient};
use crate::platform::i18n::{t_string, use_i18n, Locale};
use crate::platform::job::{Job, Progress};
use crate::platform::tr::tr;
use crate::ui::button::Button;
use crate::ui::icon::glyph;
use crate::ui::on_first_use::Local;
use crate::ui::progress::JobProgress;
use leptos_i18n::I18nContext;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    pub fn ext(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }
}

/// One export: what to export, how, and where to report.
pub struct ExportJob {
    pub i18n: I18nContext<Locale>,
    pub api: ApiClient,
    pub job: Job,
    pub filter: CustomerFilter,
    pub format: Format,
}

/// The export's work, once its code is in.
pub type ExportRun = fn(ExportJob, Progress) -> Local<()>;

/// Fetches the export's code; `None` when it cannot be. Provided by the
/// panel's binary.
#[derive(Clone, Copy)]
pub struct CustomerExportChunk(pub fn() -> Local<Option<ExportRun>>);

#[component]
pub fn Export(#[prop(into)] filter: Signal<CustomerFilter>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let chunk = use_context::<CustomerExportChunk>().map(|c| c.0);
    // Cancelling, a new export or leaving the page stops the one running
    // where it waits: its request is aborted and nothing is saved.
    let job = Job::new();

    let start = move |format: Format| {
        let export = ExportJob {
            i18n,
            api: api.clone(),
            job,
            filter: filter.get_untracked(),
            format,
        };
        job.start(move |progress| async move {
            let run = match chunk {
                Some(load) => load().await,
                None => None,
            };
            match run {
                Some(run) => run(export, progress).await,
                None => job.say(t_string!(i18n, export_load_failed).to_string()),
            }
        });
    };

    view! {
        <div class="export-bar">
            // XLSX first: it keeps phones and ids exactly. Secondary, as the
            // filter's search is the list's one primary action.
            <Button icon=glyph::DOWNLOAD attr:id="export-xlsx" disabled=Signal::derive(move || job.running())
                on:click={let start = start.clone(); move |_| start(Format::Xlsx)}>
                {tr(i18n, |i| t_string!(i, export_xlsx))}
            </Button>
            <Button icon=glyph::DOWNLOAD attr:id="export-csv" disabled=Signal::derive(move || job.running())
                on:click=move |_| start(Format::Csv)>
                {tr(i18n, |i| t_string!(i, export_csv))}
            </Button>
            <span class="muted" id="export-hint">{tr(i18n, |i| t_string!(i, export_hint))}</span>
            <JobProgress job id="export" label=tr(i18n, |i| t_string!(i, export_progress))
                cancelled=tr(i18n, |i| t_string!(i, export_cancelled))/>
        </div>
    }
}
