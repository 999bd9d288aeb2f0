//! The bulk actions' dialog (its own chunk, `bulk_actions`, fetched on first
//! use; see `bulk`): for a tag, the tag to add or remove; for an
//! export, the format; for a delete, first a confirmation naming the count.
//! Then the run (`bulk_run`) with progress and a stop button, and a report:
//! how many were done, already right, failed (each failure by name, with
//! the reason in words) or never reached. Closing stops a run; the list
//! reloads after any run that changed customers.

use leptos::html::Dialog;
use leptos::prelude::*;

use crate::core::bulk::{Report, TagChange};
use crate::core::selection::Selection;
use crate::core::template::fill;
use crate::core::text::grouped;
use crate::features::customers::bulk::{BulkAction, BulkState};
use crate::features::customers::bulk_run::{self, resolve, run_each, Outcome};
use crate::features::customers::export::Format;
use crate::platform::api_client::use_api;
use crate::platform::dom::{focus, modal_while, wrap_tab};
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::job::Job;
use crate::platform::tags::use_tags;
use crate::platform::tr::tr;
use crate::ui::button::{Button, Variant};
use crate::ui::confirm_dialog::ConfirmDialog;
use crate::ui::progress::JobProgress;

/// What a run does once the customers are known.
#[derive(Clone, Copy)]
enum Run {
    Tag(TagChange),
    Export(Format),
    Delete,
}

#[component]
pub fn BulkDialog() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let state = expect_context::<BulkState>();
    let Some(action) = state.action.get_untracked() else {
        return ().into_any();
    };
    let n = grouped(state.selection.with_untracked(Selection::count));
    let job = Job::new();
    let report = RwSignal::new(None::<Report>);
    // Whether a run changed customers: the list reloads when it ends.
    let changed = RwSignal::new(false);
    let confirmed = RwSignal::new(action != BulkAction::Delete);
    let tag = RwSignal::new(String::new());
    let tag_missing = RwSignal::new(false);
    let tags = use_tags().list();

    // Kept aside, so the handlers below are `Copy`.
    let api = StoredValue::new_local(api);
    let run = move |what: Run| {
        let api = api.get_value();
        report.set(None);
        changed.set(!matches!(what, Run::Export(_)));
        job.start(move |progress| async move {
            let customers = match resolve(&api, i18n, state, progress).await {
                Ok(c) => c,
                Err(why) => {
                    job.say(why);
                    return;
                }
            };
            match what {
                Run::Export(format) => {
                    job.say(bulk_run::export(i18n, customers, format, progress).await);
                }
                Run::Tag(change) => {
                    let each = |c| bulk_run::change_tag(api.clone(), c, change);
                    // The saved record replaces the kept one: a second
                    // action on the same rows starts from what was saved.
                    let after = |_, o: &Outcome| {
                        if let Outcome::Done(Some(saved)) = o {
                            state.keep(std::slice::from_ref(saved.as_ref()));
                        }
                    };
                    run_each(i18n, customers, report, progress, each, after).await;
                }
                Run::Delete => {
                    let each = |c| bulk_run::delete(api.clone(), c);
                    let after = |id, o: &Outcome| {
                        if matches!(o, Outcome::Done(_)) || bulk_run::is_gone(o) {
                            state.forget(&[id]);
                        }
                    };
                    run_each(i18n, customers, report, progress, each, after).await;
                }
            }
        });
    };
    // A run that ends (done or stopped) with changes reloads the list.
    Effect::new(move |was: Option<bool>| {
        let now = job.running();
        if was == Some(true) && !now && changed.get_untracked() {
            state.reload.run(());
        }
        now
    });
    let close = move || {
        if job.is_running() && changed.get_untracked() {
            state.reload.run(());
        }
        state.close();
    };
    let apply = move |change: fn(i64) -> TagChange| match tag.get_untracked().parse::<i64>() {
        Ok(id) => {
            tag_missing.set(false);
            run(Run::Tag(change(id)));
        }
        Err(_) => {
            tag_missing.set(true);
            focus("bulk-tag");
        }
    };

    // "添加标签：已选 2 位客户": the action, then what it is for.
    let title = {
        let n = n.clone();
        move || {
            let what = match action {
                BulkAction::AddTag => t_string!(i18n, bulk_add_tag),
                BulkAction::RemoveTag => t_string!(i18n, bulk_remove_tag),
                BulkAction::Export => t_string!(i18n, bulk_export),
                BulkAction::Delete => t_string!(i18n, bulk_delete),
            };
            format!(
                "{what}：{}",
                fill(t_string!(i18n, bulk_selected), &[("n", &n)])
            )
        }
    };
    let choose = match action {
        BulkAction::AddTag | BulkAction::RemoveTag => {
            let change: fn(i64) -> TagChange = if action == BulkAction::AddTag {
                TagChange::Add
            } else {
                TagChange::Remove
            };
            view! {
                <div class="field bulk-choose">
                    <label for="bulk-tag">{tr(i18n, |i| t_string!(i, cust_tags))}</label>
                    <select id="bulk-tag" aria-describedby="bulk-tag-error"
                        aria-invalid=move || tag_missing.get().to_string()
                        on:change=move |ev| tag.set(event_target_value(&ev))>
                        <option value="" selected=true>{tr(i18n, |i| t_string!(i, bulk_choose_tag))}</option>
                        {move || tags.get().into_iter().filter_map(|t| {
                            let id = t.tag_id?;
                            let name = t.tag_name.clone().unwrap_or_else(|| id.to_string());
                            Some(view! { <option value=id.to_string()>{name}</option> })
                        }).collect_view()}
                    </select>
                    <span class="form-error" id="bulk-tag-error" role="alert">
                        {move || tag_missing.get().then(|| t_string!(i18n, bulk_choose_tag))}
                    </span>
                </div>
                <Button variant=Variant::Primary attr:id="bulk-apply" disabled=Signal::derive(move || job.running())
                    on:click=move |_| apply(change)>
                    {tr(i18n, |i| t_string!(i, bulk_apply))}
                </Button>
            }
            .into_any()
        }
        BulkAction::Export => view! {
            <div class="bulk-choose export-bar">
                <Button variant=Variant::Primary attr:id="bulk-export-xlsx" disabled=Signal::derive(move || job.running())
                    on:click=move |_| run(Run::Export(Format::Xlsx))>
                    {tr(i18n, |i| t_string!(i, export_xlsx))}
                </Button>
                <Button attr:id="bulk-export-csv" disabled=Signal::derive(move || job.running())
                    on:click=move |_| run(Run::Export(Format::Csv))>
                    {tr(i18n, |i| t_string!(i, export_csv))}
                </Button>
            </div>
        }
        .into_any(),
        BulkAction::Delete => ().into_any(),
    };

    let node = NodeRef::<Dialog>::new();
    modal_while(node, confirmed.into());
    let confirm = (action == BulkAction::Delete).then(|| {
        let question = fill(t_string!(i18n, bulk_delete_question), &[("n", &n)]);
        let ok = fill(t_string!(i18n, bulk_delete_confirm), &[("n", &n)]);
        view! {
            <ConfirmDialog id="bulk-confirm"
                open=Signal::derive(move || !confirmed.get())
                title=Signal::derive(move || t_string!(i18n, bulk_delete).to_owned())
                message=Signal::stored(question)
                confirm_label=Signal::stored(ok)
                on_confirm=move |()| {
                    confirmed.set(true);
                    run(Run::Delete);
                }
                on_cancel=move |()| state.close()/>
        }
    });
    view! {
        {confirm}
        <dialog node_ref=node id="bulk-dialog" class="confirm-dialog bulk-dialog" aria-labelledby="bulk-title"
            on:keydown=move |ev: leptos::ev::KeyboardEvent| { if let Some(d) = node.get_untracked() { wrap_tab(&d, &ev) } }
            on:close=move |_| close()>
            <h2 id="bulk-title">{title}</h2>
            {choose}
            <JobProgress job id="bulk" label=tr(i18n, |i| t_string!(i, bulk_progress))
                cancelled=tr(i18n, |i| t_string!(i, bulk_cancelled))/>
            {move || report.get().map(|r| view! { <BulkReport r running=job.running()/> })}
            <div class="dialog-actions">
                <Button attr:id="bulk-close" on:click=move |_| close()>{tr(i18n, |i| t_string!(i, close))}</Button>
            </div>
        </dialog>
    }
    .into_any()
}

/// What the run did: counts, customers never reached, each failure.
#[component]
fn BulkReport(r: Report, running: bool) -> impl IntoView {
    let i18n = use_i18n();
    let counts = fill(
        t_string!(i18n, bulk_done),
        &[
            ("done", &grouped(r.done)),
            ("skipped", &grouped(r.skipped)),
            ("failed", &grouped(r.failed.len() as u64)),
        ],
    );
    let left = (!running && r.not_reached() > 0).then(|| {
        fill(
            t_string!(i18n, bulk_not_reached),
            &[("n", &grouped(r.not_reached()))],
        )
    });
    let failures = (!r.failed.is_empty()).then(|| {
        view! {
            <h3 class="bulk-failures-title" id="bulk-failures-title">{t_string!(i18n, bulk_failures)}</h3>
            <ul id="bulk-failures" aria-labelledby="bulk-failures-title">
                {r.failed.into_iter().map(|f| view! {
                    <li><strong>{f.name}</strong>"：" {f.reason}</li>
                }).collect_view()}
            </ul>
        }
    });
    view! {
        <div id="bulk-report" class="bulk-report">
            <p id="bulk-counts">{counts}</p>
            {left.map(|l| view! { <p id="bulk-not-reached">{l}</p> })}
            {failures}
        </div>
    }
}
