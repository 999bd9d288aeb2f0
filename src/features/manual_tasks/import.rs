//! `/manual-tasks/import` (批量导入): choose a CSV or XLSX file (XLSX is
//! read by the on-demand `xlsx-reader` worker wasm, see [`xlsx_file::read`]), check the guessed
//! column mapping, preview every row against the shared rules, then add the
//! rows, a few at a time, with a progress bar and a cancel button. A failing row
//! never stops the rest; the end shows a summary and offers the failed rows
//! with their reasons as a CSV download. The parsing, mapping and checking
//! are in the host-tested [`crate::features::manual_tasks::import_rows`].

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use leptos_i18n::I18nContext;
use scrm_api::manual_task::AddManualTask;
use scrm_api::validate::Lang;
use scrm_api::ReplyError;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::core::template::fill;
use crate::features::manual_tasks::draft::{label, FIELDS};
use crate::features::manual_tasks::import_rows::{
    failures_csv, guess_mapping, parse_csv, row_problem, row_request, sniff, table_from_rows,
    unmapped_required, Failure, FileKind, ImportError, Table,
};
use crate::platform::api_client::{use_api, ApiClient, ApiError};
use crate::platform::dom;
use crate::platform::i18n::{t_string, use_i18n, Locale};
use crate::platform::locale::lang;
use crate::platform::tr::tr;
use crate::platform::xlsx_file::{self, ReadError};
use crate::ui::error_view::describe;
use crate::ui::toast::{use_toasts, ToastKind};

/// Rows shown in the preview table; the counts cover the whole file.
const PREVIEW_ROWS: usize = 50;
/// Locally refused rows are not awaited on; give the page a frame this often.
const YIELD_EVERY: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Choosing,
    Preview,
    Running,
    Done { cancelled: bool },
}

async fn read_bytes(file: web_sys::File) -> Result<js_sys::Uint8Array, String> {
    let buf = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("{e:?}"))?;
    Ok(js_sys::Uint8Array::new(&buf))
}

/// The file's text: UTF-8 when it is, else GB18030 (what Excel in China
/// writes when saving "CSV").
fn decode_text(bytes: Vec<u8>) -> Result<String, String> {
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let bytes = e.into_bytes();
            let decoder =
                web_sys::TextDecoder::new_with_label("gb18030").map_err(|e| format!("{e:?}"))?;
            decoder
                .decode_with_u8_array(&bytes)
                .map_err(|e| format!("{e:?}"))
        }
    }
}

/// Reads a chosen file into a table, or says in words why not.
async fn load(file: web_sys::File, i18n: I18nContext<Locale>) -> Result<Table, String> {
    let bytes = read_bytes(file)
        .await
        .map_err(|e| format!("{} {e}", t_string!(i18n, mt_import_unreadable)))?;
    let empty = |e: &ImportError| match e {
        ImportError::Empty => Some(t_string!(i18n, mt_import_empty).to_string()),
        ImportError::NoRows => Some(t_string!(i18n, mt_import_no_rows).to_string()),
        ImportError::Malformed(_) => None,
    };
    let head = bytes.subarray(0, 8).to_vec();
    match sniff(&head) {
        FileKind::OldXls => Err(t_string!(i18n, mt_import_xls_old).to_string()),
        FileKind::Xlsx => {
            let xlsx_error =
                |why: &str| format!("{} {why}", t_string!(i18n, mt_import_xlsx_unreadable));
            let rows = xlsx_file::read(&bytes).await.map_err(|e| match e {
                ReadError::Worker => t_string!(i18n, mt_import_reader_failed).to_string(),
                ReadError::File(why) => xlsx_error(&why),
            })?;
            table_from_rows(rows).map_err(|e| match e {
                ImportError::Malformed(m) => xlsx_error(&m),
                other => empty(&other).unwrap_or_default(),
            })
        }
        FileKind::Text => {
            let text = decode_text(bytes.to_vec())
                .map_err(|e| format!("{} {e}", t_string!(i18n, mt_import_unreadable)))?;
            parse_csv(&text).map_err(|e| match e {
                ImportError::Malformed(m) => {
                    format!("{} {m}", t_string!(i18n, mt_import_malformed))
                }
                other => empty(&other).unwrap_or_default(),
            })
        }
    }
}

/// Requests in flight at once: enough to hide the round trip, few enough
/// not to crowd the server that the rest of the team is using.
const WORKERS: usize = 4;

/// One import run, shared by its workers.
struct Run {
    table: Table,
    mapping: Vec<Option<&'static str>>,
    lang: Lang,
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
    failures: RwSignal<Vec<Failure>>,
    cancel: RwSignal<bool>,
    phase: RwSignal<Phase>,
    /// The failed rows with their reasons, as CSV text.
    download: RwSignal<Option<String>>,
}

/// Takes rows until none are left or the run stops. Rows the shared rules
/// refuse are reported without a request.
async fn worker(run: Rc<Run>, api: ApiClient, i18n: I18nContext<Locale>, p: Progress) {
    let mut since_yield = 0;
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
        let failure = match row_problem(&req, run.lang) {
            Some(reason) => {
                since_yield += 1;
                Some(reason)
            }
            None => match api.call::<AddManualTask>(&req).await {
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
            },
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
        if since_yield >= YIELD_EVERY {
            since_yield = 0;
            leptos::task::tick().await;
        }
    }
    run.running.set(run.running.get().saturating_sub(1));
    if run.running.get() > 0 {
        return;
    }
    let _ = p.failures.try_update(|f| f.sort_by_key(|x| x.line));
    let failed = p.failures.try_get_untracked().unwrap_or_default();
    if !failed.is_empty() {
        let text = failures_csv(
            &run.table.headers,
            &failed,
            t_string!(i18n, mt_import_line),
            t_string!(i18n, mt_import_reason),
        );
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
    // Only the newest chosen file's result is shown.
    let choice = RwSignal::new(0_u32);
    let table = RwSignal::new(Table::default());
    let mapping = RwSignal::new(Vec::<Option<&'static str>>::new());
    let done = RwSignal::new(0_usize);
    let added = RwSignal::new(0_usize);
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

    // Per-row verdicts for the preview and the counts.
    let problems = Memo::new(move |_| {
        let lang = lang.get();
        mapping.with(|m| {
            table.with(|t| {
                t.rows
                    .iter()
                    .map(|r| row_problem(&row_request(r, m), lang))
                    .collect::<Vec<_>>()
            })
        })
    });
    let bad_count = move || problems.with(|p| p.iter().filter(|x| x.is_some()).count());
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
        phase.set(Phase::Choosing);
        reading.set(true);
        choice.update(|n| *n = n.wrapping_add(1));
        let this = choice.get_untracked();
        leptos::task::spawn_local(async move {
            let parsed = load(file, i18n).await;
            if choice.try_get_untracked() != Some(this) {
                return;
            }
            let _ = reading.try_set(false);
            match parsed {
                Ok(t) => {
                    let _ = mapping.try_set(guess_mapping(&t.headers));
                    let _ = table.try_set(t);
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
        failures.set(Vec::new());
        download.set(None);
        let run = Rc::new(Run {
            table: table.get_untracked(),
            mapping: mapping.get_untracked(),
            lang: lang.get_untracked(),
            next: Cell::new(0),
            stop: Cell::new(false),
            running: Cell::new(WORKERS),
        });
        let progress = Progress {
            done,
            added,
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
        let verdicts = problems.get();
        let m = mapping.get();
        let cols: Vec<(usize, &'static str)> = m
            .iter()
            .enumerate()
            .filter_map(|(i, f)| f.map(|f| (i, f)))
            .collect();
        let lang = lang.get();
        view! {
            <div class="table-wrap">
                <table class="data-table" id="mt-import-preview">
                    <thead>
                        <tr>
                            <th scope="col">{tr(i18n, |i| t_string!(i, mt_import_line))}</th>
                            {cols.iter().map(|(_, f)| view! { <th scope="col">{label(f, lang)}</th> }).collect_view()}
                            <th scope="col">{tr(i18n, |i| t_string!(i, mt_import_check))}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {shown.into_iter().enumerate().map(|(i, row)| {
                            let verdict = verdicts.get(i).cloned().flatten();
                            let bad = verdict.is_some();
                            view! {
                                <tr class:row-bad=bad>
                                    <td>{lines.get(i).copied().unwrap_or_default()}</td>
                                    {cols.iter().map(|(c, _)| view! { <td>{row.get(*c).cloned().unwrap_or_default()}</td> }).collect_view()}
                                    <td class="verdict">{verdict.unwrap_or_else(|| t_string!(i18n, mt_import_ok).to_string())}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
    };

    let summary = move || {
        let Phase::Done { cancelled } = phase.get() else {
            return None;
        };
        let n_added = added.get().to_string();
        let n_failed = failures.with(Vec::len).to_string();
        let text = if cancelled {
            fill(
                t_string!(i18n, mt_import_cancelled),
                &[
                    ("added", &n_added),
                    ("failed", &n_failed),
                    ("done", &done.get().to_string()),
                ],
            )
        } else {
            fill(
                t_string!(i18n, mt_import_finished),
                &[("added", &n_added), ("failed", &n_failed)],
            )
        };
        Some(view! {
            <div class="import-summary">
                <p id="mt-import-summary" role="status">{text}</p>
                {move || download.with(Option::is_some).then(|| view! {
                    <button type="button" id="mt-import-download" on:click=save_failures>
                        {tr(i18n, |i| t_string!(i, mt_import_download))}
                    </button>
                })}
                {move || (!failures.with(Vec::is_empty)).then(|| view! {
                    <div class="table-wrap">
                        <table class="data-table" id="mt-import-failures">
                            <thead>
                                <tr>
                                    <th scope="col">{tr(i18n, |i| t_string!(i, mt_import_line))}</th>
                                    <th scope="col">{tr(i18n, |i| t_string!(i, mt_import_reason))}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {failures.get().into_iter().map(|f| view! {
                                    <tr><td>{f.line}</td><td>{f.reason}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                })}
            </div>
        })
    };

    view! {
        <section class="page manual-task-import" data-route="/manual-tasks/import">
            <header class="page-head">
                <h1>{tr(i18n, |i| t_string!(i, mt_import_title))}</h1>
                <a href=crate::core::nav::href("/manual-tasks")>{tr(i18n, |i| t_string!(i, mt_back_to_list))}</a>
            </header>
            <p class="muted">{tr(i18n, |i| t_string!(i, mt_import_hint))}</p>
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
                    {move || fill(t_string!(i18n, mt_import_file_info), &[
                        ("file", &file_name.get()),
                        ("rows", &total().to_string()),
                        ("bad", &bad_count().to_string()),
                    ])}
                </p>
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
                    <button type="button" id="mt-import-start"
                        disabled=move || phase.get() == Phase::Running || !missing().is_empty() || total() == bad_count()
                        on:click=start.clone()>
                        {move || fill(t_string!(i18n, mt_import_start), &[("n", &(total() - bad_count()).to_string())])}
                    </button>
                    <Show when=move || phase.get() == Phase::Running>
                        <button type="button" id="mt-import-cancel" class="danger" on:click=move |_| cancel.set(true)>
                            {tr(i18n, |i| t_string!(i, confirm_cancel))}
                        </button>
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
