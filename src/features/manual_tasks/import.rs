//! `/manual-tasks/import` (批量导入): choose a CSV or XLSX file (either is
//! read by the on-demand `xlsx-reader` worker wasm, off the page's thread,
//! see [`xlsx_file::read`] and [`xlsx_file::read_csv`]), check the guessed
//! column mapping, preview every row against the shared rules, then add the
//! rows, a few at a time, with a progress bar and a cancel button. A failing row
//! never stops the rest; the end shows a summary and offers the failed rows
//! with their reasons as a CSV download. The parsing, mapping and checking
//! are in the host-tested [`crate::features::manual_tasks::import_rows`].
//!
//! What stays on the page's thread for a whole file (reading the worker's
//! answer, counting the refused rows) runs in slices ([`Slicer`]): a file
//! of 20,000 rows never holds the page for long. Reasons are worded only
//! for the rows the preview shows, and for each row as it is imported.

use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use leptos_i18n::I18nContext;
use scrm_api::manual_task::AddManualTask;
use scrm_api::validate::Lang;
use scrm_api::ReplyError;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::core::file_kind::{decode, sniff, Encoding, FileKind, MAX_FILE_BYTES};
use crate::core::known_phone::Known;
use crate::core::template::fill;
use crate::core::xlsx_read::{cell_name, FlagKind, Unsupported, XlsxError, MAX_PART};
use crate::features::manual_tasks::draft::{label, FIELDS};
use crate::features::manual_tasks::import_check::{CheckState, KnownCheck};
use crate::features::manual_tasks::import_known::{
    known_rows, note, skipped_rows, to_look_up, Skip, SkipChoice,
};
use crate::features::manual_tasks::import_rows::{
    check_size, failures_csv, guess_mapping, mapped_flags, row_problem, row_request,
    unmapped_required, Failure, ImportError, Repeats, Table, MAX_ROWS,
};
use crate::features::manual_tasks::import_wire::{error_from_code, TableReader};
use crate::platform::api_client::{use_api, ApiClient, ApiError};
use crate::platform::dom;
use crate::platform::i18n::{t_string, use_i18n, Locale};
use crate::platform::locale::lang;
use crate::platform::session::use_session;
use crate::platform::slices::Slicer;
use crate::platform::tr::tr;
use crate::platform::xlsx_file::{self, ReadError};
use crate::ui::button::{Button, Variant};
use crate::ui::error_view::describe;
use crate::ui::icon::glyph;
use crate::ui::table::Table;
use crate::ui::toast::{use_toasts, ToastKind};

/// Rows shown in the preview table; the counts cover the whole file.
const PREVIEW_ROWS: usize = 50;
/// Failed rows listed on the page after a run; the download has them all.
/// Listing 20,000 held the page for about 250 ms.
const FAILURES_SHOWN: usize = 200;
/// Rows read or checked between looks at the clock ([`Slicer::pause`]).
const ROWS_PER_LOOK: usize = 250;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Choosing,
    Preview,
    Running,
    Done { cancelled: bool },
}

async fn read_bytes(file: web_sys::File) -> Option<js_sys::Uint8Array> {
    let buf = JsFuture::from(file.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buf))
}

/// Why a chosen file gives no table, in the user's language.
#[derive(Clone, Debug, PartialEq, Eq)]
enum LoadError {
    /// The browser could not read the file.
    Unreadable,
    Import(ImportError),
    /// The file reader did not load.
    ReaderLoad,
    /// The file reader stopped, or answered something this page cannot read.
    ReaderDied,
}

impl From<ReadError> for LoadError {
    fn from(e: ReadError) -> LoadError {
        match e {
            ReadError::Load => LoadError::ReaderLoad,
            ReadError::Died => LoadError::ReaderDied,
            // A code the page does not know means a reader of another build.
            ReadError::Refused(code) => {
                error_from_code(&code).map_or(LoadError::ReaderDied, LoadError::Import)
            }
        }
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

fn describe_load(i18n: I18nContext<Locale>, e: &LoadError) -> String {
    let t = |text: &str| text.to_string();
    match e {
        LoadError::Unreadable => t(t_string!(i18n, mt_import_unreadable)),
        LoadError::ReaderLoad => t(t_string!(i18n, mt_import_reader_failed)),
        LoadError::ReaderDied => t(t_string!(i18n, mt_import_reader_died)),
        LoadError::Import(e) => match e {
            ImportError::Empty => t(t_string!(i18n, mt_import_empty)),
            ImportError::NoRows => t(t_string!(i18n, mt_import_no_rows)),
            ImportError::TooManyRows => fill(
                t_string!(i18n, mt_import_too_many_rows),
                &[("max", &MAX_ROWS.to_string())],
            ),
            ImportError::FileTooBig(bytes) => fill(
                t_string!(i18n, mt_import_file_too_big),
                &[("size", &mb(*bytes)), ("max", &mb(MAX_FILE_BYTES))],
            ),
            ImportError::NotSpreadsheet => t(t_string!(i18n, mt_import_not_spreadsheet)),
            ImportError::OldXls => t(t_string!(i18n, mt_import_xls_old)),
            ImportError::Malformed(line) => fill(
                t_string!(i18n, mt_import_malformed),
                &[("line", &line.to_string())],
            ),
            ImportError::Xlsx(x) => describe_xlsx(i18n, x),
        },
    }
}

fn describe_xlsx(i18n: I18nContext<Locale>, e: &XlsxError) -> String {
    match e {
        XlsxError::NotZip => t_string!(i18n, mt_import_xlsx_not_zip).to_string(),
        XlsxError::Unsupported(Unsupported::Encrypted) => {
            t_string!(i18n, mt_import_xlsx_encrypted).to_string()
        }
        XlsxError::Unsupported(_) => t_string!(i18n, mt_import_xlsx_unsupported).to_string(),
        XlsxError::Missing(part) => fill(
            t_string!(i18n, mt_import_xlsx_missing),
            &[("part", part.as_str())],
        ),
        XlsxError::PartTooBig => fill(
            t_string!(i18n, mt_import_xlsx_part_too_big),
            &[("max", &mb(MAX_PART as u64))],
        ),
        XlsxError::Broken => t_string!(i18n, mt_import_xlsx_broken).to_string(),
        XlsxError::TooLarge { cells, text_bytes } => fill(
            t_string!(i18n, mt_import_too_large),
            &[("cells", &cells.to_string()), ("mb", &mb(*text_bytes))],
        ),
        XlsxError::CellTooLong(cell) => fill(
            t_string!(i18n, mt_import_cell_too_long),
            &[("cell", cell.as_str())],
        ),
    }
}

/// What the row at `i` cannot be imported for: cells the XLSX reader
/// flagged in a column that is imported, then the shared rules.
fn row_verdict(
    i18n: I18nContext<Locale>,
    table: &Table,
    i: usize,
    mapping: &[Option<&'static str>],
    lang: Lang,
) -> Option<String> {
    let row = table.rows.get(i)?;
    let line = table.lines.get(i).copied().unwrap_or_default();
    let mut reasons: Vec<String> = mapped_flags(table, i, mapping)
        .map(|f| {
            let template = match f.kind {
                FlagKind::FormulaError => t_string!(i18n, mt_import_cell_error),
                FlagKind::NoCachedValue => t_string!(i18n, mt_import_cell_no_value),
            };
            fill(template, &[("cell", &cell_name(f.column, line))])
        })
        .collect();
    reasons.extend(row_problem(&row_request(row, mapping), lang));
    (!reasons.is_empty()).then(|| reasons.join(separator(lang)))
}

fn separator(lang: Lang) -> &'static str {
    if lang == Lang::En {
        "; "
    } else {
        "；"
    }
}

/// The preview's words for a row noted as a repeat or a known number,
/// "skipped: …" when the row is skipped.
fn skip_words(i18n: I18nContext<Locale>, why: &Skip, skipped: bool, lang: Lang) -> String {
    let text = match why {
        Skip::Repeat(line) => fill(
            t_string!(i18n, mt_import_repeat),
            &[("line", &line.to_string())],
        ),
        Skip::Known(places) => places
            .iter()
            .map(|k| {
                let (template, name) = match k {
                    Known::Customer { name, .. } => (t_string!(i18n, known_customer), name),
                    Known::ManualEntry { name, .. } => (t_string!(i18n, known_manual), name),
                    Known::Clinic { name, .. } => (t_string!(i18n, known_clinic), name),
                };
                fill(template, &[("name", name)])
            })
            .collect::<Vec<_>>()
            .join(separator(lang)),
    };
    if skipped {
        fill(
            t_string!(i18n, mt_import_skipped_note),
            &[("reason", &text)],
        )
    } else {
        text
    }
}

/// CSV text in the encoding [`sniff`] found; GB18030 (what Excel in China
/// writes when saving "CSV") through the browser's decoder.
fn decode_text(bytes: &[u8], encoding: Encoding) -> Option<String> {
    if encoding != Encoding::Gb18030 {
        return decode(bytes, encoding);
    }
    let decoder = web_sys::TextDecoder::new_with_label("gb18030").ok()?;
    decoder.decode_with_u8_array(bytes).ok()
}

/// Reads a chosen file into a table, or says why not. The size is checked
/// before a byte is read, and the kind from the bytes, not the name.
async fn load(file: web_sys::File) -> Result<Table, LoadError> {
    check_size(file.size().max(0.0) as u64).map_err(LoadError::Import)?;
    let bytes = read_bytes(file).await.ok_or(LoadError::Unreadable)?;
    let data = bytes.to_vec();
    let answer = match sniff(&data) {
        FileKind::OldXls => return Err(LoadError::Import(ImportError::OldXls)),
        FileKind::NotSpreadsheet => return Err(LoadError::Import(ImportError::NotSpreadsheet)),
        FileKind::Xlsx => {
            drop(data);
            xlsx_file::read(&bytes).await?
        }
        FileKind::Text(encoding) => {
            let text = decode_text(&data, encoding).ok_or(LoadError::Unreadable)?;
            drop(data);
            xlsx_file::read_csv(&text).await?
        }
    };
    let mut reader = TableReader::new(answer).map_err(|_| LoadError::ReaderDied)?;
    let mut slicer = Slicer::new();
    while !reader
        .read(ROWS_PER_LOOK)
        .map_err(|_| LoadError::ReaderDied)?
    {
        slicer.pause().await;
    }
    reader.finish().map_err(|_| LoadError::ReaderDied)
}

/// How many rows of `table` [`row_refused`] refuses under `mapping`, and
/// which repeat an earlier row's phone, a slice at a time; `None` once
/// `wanted` says the count is no longer needed (another file or mapping was
/// chosen, or the page was left).
async fn check_rows(
    table: &Table,
    mapping: &[Option<&'static str>],
    wanted: impl Fn() -> bool,
) -> Option<(usize, Repeats)> {
    let mut slicer = Slicer::new();
    let mut refused = 0;
    let mut repeats = Repeats::default();
    for i in 0..table.rows.len() {
        refused += usize::from(repeats.check(table, i, mapping));
        if i % ROWS_PER_LOOK == ROWS_PER_LOOK - 1 {
            slicer.pause().await;
            if !wanted() {
                return None;
            }
        }
    }
    Some((refused, repeats))
}

/// Requests in flight at once: enough to hide the round trip, few enough
/// not to crowd the server that the rest of the team is using.
const WORKERS: usize = 4;

/// One import run, shared by its workers.
struct Run {
    table: Arc<Table>,
    mapping: Vec<Option<&'static str>>,
    lang: Lang,
    /// Per row, whether it is skipped (a repeat or a known number, as the
    /// user chose): counted as skipped, never sent.
    skip: Vec<bool>,
    /// Index of the next row to take.
    next: Cell<usize>,
    /// Cancelled, signed out or the page left.
    stop: Cell<bool>,
    /// Workers still going; the last one out writes the summary.
    running: Cell<usize>,
}

/// The page state a run reports into.
#[derive(Clone, Copy)]
struct Progress {
    done: RwSignal<usize>,
    added: RwSignal<usize>,
    skipped: RwSignal<usize>,
    failures: RwSignal<Vec<Failure>>,
    cancel: RwSignal<bool>,
    phase: RwSignal<Phase>,
    /// The failed rows with their reasons, as CSV text.
    download: RwSignal<Option<String>>,
}

/// Takes rows until none are left or the run stops. Rows the shared rules
/// refuse are reported without a request, so nothing else would give the
/// browser a turn in a long run of them: the [`Slicer`] does.
async fn worker(run: Rc<Run>, api: ApiClient, i18n: I18nContext<Locale>, p: Progress) {
    let mut slicer = Slicer::new();
    loop {
        // A page left mid-import reads as cancelled.
        if p.cancel.try_get_untracked().unwrap_or(true) {
            run.stop.set(true);
        }
        let i = run.next.get();
        let Some(row) = run.table.rows.get(i).filter(|_| !run.stop.get()) else {
            break;
        };
        run.next.set(i + 1);
        let line = run.table.lines.get(i).copied().unwrap_or_default();
        let req = row_request(row, &run.mapping);
        let skip = run.skip.get(i).copied().unwrap_or(false);
        let failure = match row_verdict(i18n, &run.table, i, &run.mapping, run.lang) {
            Some(reason) => Some(reason),
            None if skip => {
                let _ = p.skipped.try_update(|n| *n += 1);
                None
            }
            None => {
                let answer = api.call::<AddManualTask>(&req).await;
                // The browser had its turns while the request was out.
                slicer = Slicer::new();
                match answer {
                    Ok(_) => {
                        let _ = p.added.try_update(|n| *n += 1);
                        None
                    }
                    Err(ApiError::Reply(ReplyError::Unauthorized)) => {
                        // Signed out: the rest would fail the same way; this
                        // row was not added, so it is not counted as done.
                        run.stop.set(true);
                        break;
                    }
                    Err(e) => Some(describe(i18n, &e)),
                }
            }
        };
        if let Some(reason) = failure {
            let _ = p.failures.try_update(|f| {
                f.push(Failure {
                    line,
                    row: row.clone(),
                    reason,
                })
            });
        }
        let _ = p.done.try_update(|n| *n += 1);
        slicer.pause().await;
    }
    run.running.set(run.running.get().saturating_sub(1));
    if run.running.get() > 0 {
        return;
    }
    let _ = p.failures.try_update(|f| f.sort_by_key(|x| x.line));
    let text = p.failures.try_with_untracked(|failed| {
        (!failed.is_empty()).then(|| {
            failures_csv(
                &run.table.headers,
                failed,
                t_string!(i18n, mt_import_line),
                t_string!(i18n, mt_import_reason),
            )
        })
    });
    if let Some(text) = text.flatten() {
        let _ = p.download.try_set(Some(text));
    }
    let cancelled = run.stop.get();
    let _ = p.phase.try_set(Phase::Done { cancelled });
}

#[component]
pub fn ManualTaskImport() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let toasts = use_toasts();
    let lang = Memo::new(move |_| lang(i18n.get_locale()));

    let phase = RwSignal::new(Phase::Choosing);
    let file_name = RwSignal::new(String::new());
    let load_error = RwSignal::new(None::<String>);
    // A file is being read (an XLSX file waits for the worker to load).
    let reading = RwSignal::new(false);
    // Only the newest chosen file's result, and the count for the newest
    // mapping, are shown.
    let choice = RwSignal::new(0_u32);
    // Shared, not copied, with an import run: a copy of 20,000 rows is a
    // long task of its own.
    let table = RwSignal::new(Arc::new(Table::default()));
    let mapping = RwSignal::new(Vec::<Option<&'static str>>::new());
    // Rows refused under the current mapping; `None` while counting.
    let bad = RwSignal::new(None::<usize>);
    // Per row, the earlier line with the same phone; skipped unless unticked.
    let repeats = RwSignal::new(Arc::new(Vec::<Option<u64>>::new()));
    let repeat_count = RwSignal::new(0_usize);
    let skip_repeats = RwSignal::new(true);
    // Per row, its phone as digits when the rules accept the row.
    let phones = RwSignal::new(Arc::new(Vec::<Option<String>>::new()));
    // Numbers already known (customers, manual entries, clinic), looked up
    // once per number; their rows are skipped unless unticked.
    let check = KnownCheck::default();
    let skip_known = RwSignal::new(true);
    let clinic = use_session().config.clinic.enabled;
    let api_for_checks = StoredValue::new_local(api.clone());
    let done = RwSignal::new(0_usize);
    let added = RwSignal::new(0_usize);
    let skipped = RwSignal::new(0_usize);
    let failures = RwSignal::new(Vec::<Failure>::new());
    let cancel = RwSignal::new(false);
    let download = RwSignal::new(None::<String>);
    let save_failures = move |_| {
        let Some(text) = download.get_untracked() else {
            return;
        };
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&text));
        if !dom::download("failed-rows.csv", "text/csv;charset=utf-8", &parts) {
            toasts.push(ToastKind::Error, t_string!(i18n, export_save_failed));
        }
    };

    // An empty file with every column the import knows, headed in the
    // user's language: filled in and chosen again, it maps itself.
    let save_template = move |_| {
        let lang = lang.get_untracked();
        let header: Vec<String> = FIELDS.iter().map(|(f, _)| label(f, lang)).collect();
        let text = scrm_api::csv::start(&header);
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&text));
        if !dom::download(
            "manual-entries-template.csv",
            "text/csv;charset=utf-8",
            &parts,
        ) {
            toasts.push(ToastKind::Error, t_string!(i18n, export_save_failed));
        }
    };

    // The verdicts of the rows the preview shows, in the user's language.
    let choice_now = move || SkipChoice {
        repeats: skip_repeats.get(),
        known: skip_known.get(),
    };
    // Per previewed row: the rules' verdict, else why it is skipped or
    // noted, and whether it is skipped.
    let verdicts = Memo::new(move |_| {
        let lang = lang.get();
        let skip = choice_now();
        mapping.with(|m| {
            table.with(|t| {
                repeats.with(|r| {
                    phones.with(|p| {
                        check.with(|found| {
                            (0..t.rows.len().min(PREVIEW_ROWS))
                                .map(|i| {
                                    if let Some(v) = row_verdict(i18n, t, i, m, lang) {
                                        return Some((v, "row-bad"));
                                    }
                                    let why = note(i, r, p, found, skip)?;
                                    let skipped = matches!(why, Skip::Repeat(_)) || skip.known;
                                    let class = if skipped { "row-skip" } else { "row-note" };
                                    Some((skip_words(i18n, &why, skipped, lang), class))
                                })
                                .collect::<Vec<_>>()
                        })
                    })
                })
            })
        })
    });
    // Rows skipped under the user's choice, and rows with a known number.
    let skip_count = Memo::new(move |_| {
        let skip = choice_now();
        repeats.with(|r| {
            phones.with(|p| {
                check.with(|found| {
                    let n = skipped_rows(r, p, found, skip)
                        .iter()
                        .filter(|s| **s)
                        .count();
                    (n, known_rows(p, found))
                })
            })
        })
    });
    let bad_count = move || bad.get().unwrap_or_default() + skip_count.get().0;
    let counted = move |(refused, found): (usize, Repeats)| {
        let _ = repeat_count.try_set(found.count);
        let _ = repeats.try_set(Arc::new(found.of));
        let ask = check
            .peek(|f| to_look_up(&found.phones, f))
            .unwrap_or_default();
        let _ = phones.try_set(Arc::new(found.phones));
        let _ = bad.try_set(Some(refused));
        if let Some(api) = api_for_checks.try_get_value() {
            check.start(api, i18n, clinic, ask);
        }
    };
    // Counts again after the mapping changed.
    let recount = move || {
        choice.update(|n| *n = n.wrapping_add(1));
        let this = choice.get_untracked();
        bad.set(None);
        let t = table.get_untracked();
        let m = mapping.get_untracked();
        leptos::task::spawn_local(async move {
            let wanted = move || choice.try_get_untracked() == Some(this);
            if let Some(checked) = check_rows(&t, &m, wanted).await {
                counted(checked);
            }
        });
    };
    let missing = move || {
        let lang = lang.get();
        mapping.with(|m| {
            unmapped_required(m)
                .into_iter()
                .map(|f| label(f, lang))
                .collect::<Vec<_>>()
        })
    };

    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        file_name.set(file.name());
        load_error.set(None);
        check.forget();
        phase.set(Phase::Choosing);
        reading.set(true);
        choice.update(|n| *n = n.wrapping_add(1));
        let this = choice.get_untracked();
        leptos::task::spawn_local(async move {
            let wanted = move || choice.try_get_untracked() == Some(this);
            let parsed = match load(file).await {
                Ok(t) => {
                    let m = guess_mapping(&t.headers);
                    let Some(checked) = check_rows(&t, &m, wanted).await else {
                        return;
                    };
                    Ok((t, m, checked))
                }
                Err(e) => Err(describe_load(i18n, &e)),
            };
            if !wanted() {
                return;
            }
            let _ = reading.try_set(false);
            match parsed {
                Ok((t, m, checked)) => {
                    let _ = mapping.try_set(m);
                    counted(checked);
                    let _ = table.try_set(Arc::new(t));
                    let _ = phase.try_set(Phase::Preview);
                }
                Err(msg) => {
                    let _ = load_error.try_set(Some(msg));
                }
            }
        });
    };

    let start = move |_| {
        if phase.get_untracked() != Phase::Preview || !missing().is_empty() {
            return;
        }
        phase.set(Phase::Running);
        cancel.set(false);
        done.set(0);
        added.set(0);
        skipped.set(0);
        failures.set(Vec::new());
        download.set(None);
        let run = Rc::new(Run {
            table: table.get_untracked(),
            mapping: mapping.get_untracked(),
            lang: lang.get_untracked(),
            skip: repeats.with_untracked(|r| {
                phones.with_untracked(|p| {
                    let skip = SkipChoice {
                        repeats: skip_repeats.get_untracked(),
                        known: skip_known.get_untracked(),
                    };
                    skipped_rows(r, p, &check.snapshot(), skip)
                })
            }),
            next: Cell::new(0),
            stop: Cell::new(false),
            running: Cell::new(WORKERS),
        });
        let progress = Progress {
            done,
            added,
            skipped,
            failures,
            cancel,
            phase,
            download,
        };
        for _ in 0..WORKERS {
            leptos::task::spawn_local(worker(run.clone(), api.clone(), i18n, progress));
        }
    };

    let total = move || table.with(|t| t.rows.len());

    // The look-up of numbers already known: progress and stop while it
    // runs, what it could not do, and the choice to skip those rows.
    let known_progress = move || match check.state.get() {
        CheckState::Running { done, total } => (done, total),
        _ => (0, 0),
    };
    let known_unchecked = move || {
        let CheckState::Done {
            unchecked,
            error,
            stopped,
        } = check.state.get()
        else {
            return None;
        };
        let n = unchecked.to_string();
        let text = match error.filter(|_| !stopped) {
            Some(reason) => fill(
                t_string!(i18n, mt_import_known_failed),
                &[("n", &n), ("reason", &reason)],
            ),
            None => fill(t_string!(i18n, mt_import_known_stopped), &[("n", &n)]),
        };
        (unchecked != 0).then_some(text)
    };
    let check_again = move |_| {
        let ask = phones
            .with_untracked(|p| check.peek(|f| to_look_up(p, f)))
            .unwrap_or_default();
        if let Some(api) = api_for_checks.try_get_value() {
            check.start(api, i18n, clinic, ask);
        }
    };
    let known_view = move || {
        view! {
            <div class="import-known" id="mt-import-known">
                <Show when=move || check.running()>
                    <label class="progress" id="mt-import-known-checking">
                        <span>{move || {
                            let (done, total) = known_progress();
                            fill(t_string!(i18n, mt_import_known_checking), &[
                                ("done", &done.to_string()),
                                ("total", &total.to_string()),
                            ])
                        }}</span>
                        <progress id="mt-import-known-progress"
                            max=move || known_progress().1.to_string()
                            value=move || known_progress().0.to_string()></progress>
                    </label>
                    <Button small=true icon=glyph::CLOSE attr:id="mt-import-known-stop" on:click=move |_| check.stop()>
                        {tr(i18n, |i| t_string!(i, mt_import_known_stop))}
                    </Button>
                </Show>
                <p id="mt-import-known-unchecked" role="status">{known_unchecked}</p>
                <Show when=move || known_unchecked().is_some()>
                    <Button small=true icon=glyph::RETRY attr:id="mt-import-known-again"
                        disabled=Signal::derive(move || phase.get() == Phase::Running) on:click=check_again>
                        {tr(i18n, |i| t_string!(i, mt_import_known_again))}
                    </Button>
                </Show>
                <Show when=move || skip_count.get().1 != 0>
                    <label class="tag-option">
                        <input type="checkbox" id="mt-import-skip-known"
                            prop:checked=move || skip_known.get()
                            disabled=move || phase.get() == Phase::Running
                            on:change=move |ev| skip_known.set(event_target_checked(&ev))/>
                        {move || fill(t_string!(i18n, mt_import_skip_known), &[("n", &skip_count.get().1.to_string())])}
                    </label>
                </Show>
            </div>
        }
    };

    let mapping_view = move || {
        let headers = table.with(|t| t.headers.clone());
        headers
            .into_iter()
            .enumerate()
            .map(|(i, h)| {
                let id = format!("mt-map-{i}");
                let current = move || {
                    mapping.with(|m| m.get(i).copied().flatten().unwrap_or_default().to_owned())
                };
                view! {
                    <div class="field">
                        <label for=id.clone()>{h}</label>
                        <select
                            id=id
                            prop:value=current
                            disabled=move || phase.get() == Phase::Running
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                let field = FIELDS.iter().map(|f| f.0).find(|f| *f == v);
                                mapping.update(|m| {
                                    // A field belongs to one column: taking it frees the other.
                                    if field.is_some() {
                                        for slot in m.iter_mut() {
                                            if *slot == field {
                                                *slot = None;
                                            }
                                        }
                                    }
                                    if let Some(slot) = m.get_mut(i) {
                                        *slot = field;
                                    }
                                });
                                recount();
                            }
                        >
                            <option value="" selected=move || current().is_empty()>{tr(i18n, |i| t_string!(i, mt_import_skip))}</option>
                            {FIELDS.iter().map(|&(f, _)| view! {
                                <option value=f selected=move || current() == f>{move || label(f, lang.get())}</option>
                            }).collect_view()}
                        </select>
                    </div>
                }
            })
            .collect_view()
    };

    let preview = move || {
        let (shown, lines): (Vec<Vec<String>>, Vec<u64>) = table.with(|t| {
            (
                t.rows.iter().take(PREVIEW_ROWS).cloned().collect(),
                t.lines.iter().take(PREVIEW_ROWS).copied().collect(),
            )
        });
        let verdicts = verdicts.get();
        let m = mapping.get();
        let cols: Vec<(usize, &'static str)> = m
            .iter()
            .enumerate()
            .filter_map(|(i, f)| f.map(|f| (i, f)))
            .collect();
        let lang = lang.get();
        view! {
            <Table id="mt-import-preview" caption=tr(i18n, |i| t_string!(i, mt_import_preview)) compact=true columns={
                let mut columns: Vec<TextProp> = vec![tr(i18n, |i| t_string!(i, mt_import_line)).into()];
                columns.extend(cols.iter().map(|(_, f)| TextProp::from(label(f, lang))));
                columns.push(tr(i18n, |i| t_string!(i, mt_import_check)).into());
                columns
            }>
                {shown.into_iter().enumerate().map(|(i, row)| {
                    let (verdict, class) = verdicts.get(i).cloned().flatten().unzip();
                    view! {
                        <tr class=class.unwrap_or_default()>
                            <td>{lines.get(i).copied().unwrap_or_default()}</td>
                            {cols.iter().map(|(c, _)| view! { <td>{row.get(*c).cloned().unwrap_or_default()}</td> }).collect_view()}
                            <td class="verdict">{verdict.unwrap_or_else(|| t_string!(i18n, mt_import_ok).to_string())}</td>
                        </tr>
                    }
                }).collect_view()}
            </Table>
        }
    };

    let summary = move || {
        let Phase::Done { cancelled } = phase.get() else {
            return None;
        };
        let n_added = added.get().to_string();
        let n_skipped = skipped.get().to_string();
        let n_failed = failures.with(Vec::len).to_string();
        let counts = [
            ("added", n_added.as_str()),
            ("skipped", n_skipped.as_str()),
            ("failed", n_failed.as_str()),
        ];
        let text = if cancelled {
            fill(t_string!(i18n, mt_import_cancelled), &counts)
        } else {
            fill(t_string!(i18n, mt_import_finished), &counts)
        };
        Some(view! {
            <div class="import-summary">
                <p id="mt-import-summary" role="status">{text}</p>
                {move || download.with(Option::is_some).then(|| view! {
                    <Button icon=glyph::DOWNLOAD attr:id="mt-import-download" on:click=save_failures>
                        {tr(i18n, |i| t_string!(i, mt_import_download))}
                    </Button>
                })}
                {move || (!failures.with(Vec::is_empty)).then(|| view! {
                    <Table id="mt-import-failures" caption=tr(i18n, |i| t_string!(i, mt_import_failures_caption)) compact=true
                        columns=vec![tr(i18n, |i| t_string!(i, mt_import_line)).into(), tr(i18n, |i| t_string!(i, mt_import_reason)).into()]>
                        {failures.with(|all| all.iter().take(FAILURES_SHOWN).map(|f| {
                            let (line, reason) = (f.line, f.reason.clone());
                            view! { <tr><td>{line}</td><td>{reason}</td></tr> }
                        }).collect_view())}
                    </Table>
                })}
                {move || {
                    let n = failures.with(Vec::len);
                    (n > FAILURES_SHOWN).then(|| view! {
                        <p class="muted" id="mt-import-failures-more">
                            {fill(t_string!(i18n, mt_import_failures_more), &[
                                ("shown", &FAILURES_SHOWN.to_string()),
                                ("total", &n.to_string()),
                            ])}
                        </p>
                    })
                }}
            </div>
        })
    };

    view! {
        <section class="page manual-task-import" data-route="/manual-tasks/import">
            <header class="page-head">
                <h1>{tr(i18n, |i| t_string!(i, mt_import_title))}</h1>
                <a href=crate::core::nav::href("/manual-tasks")>{tr(i18n, |i| t_string!(i, mt_back_to_list))}</a>
            </header>
            <p class="muted">
                {tr(i18n, |i| t_string!(i, mt_import_hint))} " "
                <button type="button" class="link-button" id="mt-import-template" on:click=save_template>
                    {tr(i18n, |i| t_string!(i, mt_import_template))}
                </button>
            </p>
            <div class="field">
                <label for="mt-import-file">{tr(i18n, |i| t_string!(i, mt_import_choose))}</label>
                <input id="mt-import-file" type="file"
                    accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    disabled=move || phase.get() == Phase::Running on:change=on_file/>
                <p class="muted" id="mt-import-reading" role="status">
                    {move || reading.get().then(|| t_string!(i18n, mt_import_reading))}
                </p>
                <p class="field-error" role="alert" id="mt-import-load-error">{move || load_error.get()}</p>
            </div>
            <Show when=move || phase.get() != Phase::Choosing>
                <p id="mt-import-file-info">
                    {move || match bad.get() {
                        Some(n) => fill(t_string!(i18n, mt_import_file_info), &[
                            ("file", &file_name.get()),
                            ("rows", &total().to_string()),
                            ("bad", &n.to_string()),
                        ]),
                        None => fill(t_string!(i18n, mt_import_file_checking), &[
                            ("file", &file_name.get()),
                            ("rows", &total().to_string()),
                        ]),
                    }}
                </p>
                <Show when=move || repeat_count.get() != 0>
                    <label class="tag-option" id="mt-import-repeats">
                        <input type="checkbox" id="mt-import-skip-repeats"
                            prop:checked=move || skip_repeats.get()
                            disabled=move || phase.get() == Phase::Running
                            on:change=move |ev| skip_repeats.set(event_target_checked(&ev))/>
                        {move || fill(t_string!(i18n, mt_import_skip_repeats), &[("n", &repeat_count.get().to_string())])}
                    </label>
                </Show>
                {known_view}
                <fieldset class="import-mapping">
                    <legend>{tr(i18n, |i| t_string!(i, mt_import_mapping))}</legend>
                    <div class="field-grid">{mapping_view}</div>
                    <p class="field-error" id="mt-import-missing" role="alert">
                        {move || {
                            let m = missing();
                            (!m.is_empty()).then(|| fill(t_string!(i18n, mt_import_missing), &[("fields", &m.join("、"))]))
                        }}
                    </p>
                </fieldset>
                <div class="form-actions">
                    <Button variant=Variant::Primary attr:id="mt-import-start"
                        disabled=Signal::derive(move || phase.get() == Phase::Running || !missing().is_empty() || bad.get().is_none() || check.running() || (bad_count() >= total()))
                        on:click=start.clone()>
                        {move || fill(t_string!(i18n, mt_import_start), &[("n", &total().saturating_sub(bad_count()).to_string())])}
                    </Button>
                    <Show when=move || phase.get() == Phase::Running>
                        <Button variant=Variant::Danger icon=glyph::CLOSE attr:id="mt-import-cancel" on:click=move |_| cancel.set(true)>
                            {tr(i18n, |i| t_string!(i, confirm_cancel))}
                        </Button>
                    </Show>
                </div>
                <Show when=move || matches!(phase.get(), Phase::Running | Phase::Done { .. })>
                    <label class="progress">
                        <span>{move || fill(t_string!(i18n, mt_import_progress), &[
                            ("done", &done.get().to_string()),
                            ("total", &total().to_string()),
                            ("added", &added.get().to_string()),
                        ])}</span>
                        <progress id="mt-import-progress" max=move || total().to_string() value=move || done.get().to_string()></progress>
                    </label>
                </Show>
                {summary}
                <Show when=move || phase.get() == Phase::Preview>
                    <h2>{tr(i18n, |i| t_string!(i, mt_import_preview))}</h2>
                    {preview}
                </Show>
            </Show>
        </section>
    }
    // Erased: the router then handles one view type for this page.
    .into_any()
}
