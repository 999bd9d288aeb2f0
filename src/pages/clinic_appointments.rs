//! `/clinic/appointments`: the agenda of today and the week, the four
//! incremental lists (created, completed, appointment, cancelled time) with
//! "load newer", a customer filter, and creating, changing and cancelling
//! appointments. Filter and list live in the URL (`?cusId=&feed=`).

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use scrm_api::clinic::view::{agenda, apply_change, china_day_start, feed_start, AppointmentDraft};
use scrm_api::clinic::{
    AddOneAppointment, Appointment, CancelAppointmentRequest, CancelOneAppointment,
    ChangeOneAppointment, GetAppointmentList,
};
use scrm_api::incremental::{AppointmentFeed, IncrementalCursor};
use scrm_api::time::Timestamp;

use crate::api_client::{use_api, ApiClient, ApiError};
use crate::components::clinic::appointment_form::{describe_problems, AppointmentFields, Problems};
use crate::components::clinic::appointment_list::{AppointmentKind, AppointmentTable};
use crate::components::clinic::focus;
use crate::components::error_view::{describe, ErrorView};
use crate::components::toast::{use_toasts, ToastKind};
use crate::i18n::{t_string, use_i18n};
use crate::session::use_session;
use crate::storage;

const NEW_DRAFT_KEY: &str = "scrm.clinic.newAppointment";
const FEEDS: [(&str, AppointmentFeed); 4] = [
    ("created", AppointmentFeed::Created),
    ("completed", AppointmentFeed::Completed),
    ("appointed", AppointmentFeed::Appointed),
    ("cancelled", AppointmentFeed::Cancelled),
];

fn feed_of(name: Option<String>) -> (&'static str, AppointmentFeed) {
    FEEDS
        .iter()
        .find(|(n, _)| Some(*n) == name.as_deref())
        .copied()
        .unwrap_or(FEEDS[0])
}

fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

fn list_path(cus: Option<i64>, feed: &str) -> String {
    match cus {
        Some(c) => format!("/clinic/appointments?cusId={c}&feed={feed}"),
        None => format!("/clinic/appointments?feed={feed}"),
    }
}

#[component]
pub fn ClinicAppointments() -> impl IntoView {
    let i18n = use_i18n();
    let enabled = use_session().config.clinic.enabled;
    // Labels are plain text; a locale switch redraws the page (form drafts
    // and lists live in signals or session storage, so nothing is lost).
    move || {
        view! {
            <section class="page clinic-appointments" data-route="/clinic/appointments">
                <h1>{t_string!(i18n, nav_clinic_appointments)}</h1>
                {if enabled {
                    view! { <Appointments/> }.into_any()
                } else {
                    view! { <p class="notice">{t_string!(i18n, clinic_disabled)}</p> }.into_any()
                }}
            </section>
        }
    }
}

/// One incremental list as the page holds it. `generation` drops answers
/// to requests made for an earlier filter or list.
#[derive(Clone, Copy)]
struct FeedState {
    items: RwSignal<Vec<Appointment>>,
    cursor: StoredValue<IncrementalCursor>,
    generation: StoredValue<u64>,
    loading: RwSignal<bool>,
    error: RwSignal<Option<ApiError>>,
    fresh: RwSignal<Option<usize>>,
}

impl FeedState {
    fn new() -> Self {
        FeedState {
            items: RwSignal::new(Vec::new()),
            cursor: StoredValue::new(IncrementalCursor::new()),
            generation: StoredValue::new(0),
            loading: RwSignal::new(false),
            error: RwSignal::new(None),
            fresh: RwSignal::new(None),
        }
    }

    fn reset(&self, start: Option<Timestamp>) {
        self.generation.update_value(|g| *g += 1);
        self.cursor.set_value(
            start
                .as_ref()
                .map(IncrementalCursor::starting_at)
                .unwrap_or_default(),
        );
        self.items.set(Vec::new());
        self.error.set(None);
        self.fresh.set(None);
        self.loading.set(false);
    }

    /// Fetches the next page from the newest time seen; `pages` more pages
    /// are fetched while each still brings something new.
    fn load(self, api: ApiClient, feed: AppointmentFeed, cus: Option<i64>, pages: u32) {
        let generation = self.generation.get_value();
        self.loading.set(true);
        self.error.set(None);
        spawn_local(async move {
            let mut added = 0;
            for _ in 0..pages.max(1) {
                let Some(req) = self.cursor.try_with_value(|c| feed.request(c, cus)) else {
                    return;
                };
                let reply = api.call::<GetAppointmentList>(&req).await;
                if self.generation.try_get_value() != Some(generation) {
                    return;
                }
                match reply {
                    Ok(r) => {
                        let list = feed.take_list(r);
                        let fresh = self
                            .cursor
                            .try_update_value(|c| c.merge(list, |a| feed.key(a)))
                            .unwrap_or_default();
                        let n = fresh.len();
                        added += n;
                        let _ = self.items.try_update(|v| v.extend(fresh));
                        if n == 0 {
                            break;
                        }
                    }
                    Err(e) => {
                        let _ = self.error.try_set(Some(e));
                        break;
                    }
                }
            }
            let _ = self.fresh.try_set(Some(added));
            let _ = self.loading.try_set(false);
        });
    }
}

#[component]
fn Appointments() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let navigate = use_navigate();
    let cus = Memo::new(move |_| {
        query.with(|q| q.get("cusId").and_then(|c| c.trim().parse::<i64>().ok()))
    });
    let feed = Memo::new(move |_| feed_of(query.with(|q| q.get("feed"))));

    let api = StoredValue::new(use_api());
    let list = FeedState::new();
    let week = FeedState::new();
    let reload_week = move || {
        week.reset(Timestamp::from_epoch_ms(china_day_start(now_ms())));
        week.load(
            api.get_value(),
            AppointmentFeed::Appointed,
            cus.get_untracked(),
            10,
        );
    };
    Effect::new(move |_| {
        let (_, f) = feed.get();
        let c = cus.get();
        list.reset(feed_start(now_ms()));
        list.load(api.get_value(), f, c, 1);
        reload_week();
    });
    let load_newer = move |_| {
        let (_, f) = feed.get_untracked();
        list.load(api.get_value(), f, cus.get_untracked(), 1);
    };

    let filter = RwSignal::new(
        cus.get_untracked()
            .map(|c| c.to_string())
            .unwrap_or_default(),
    );
    let filter_bad = RwSignal::new(false);
    let nav = navigate.clone();
    let on_filter = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = filter.get_untracked();
        let text = text.trim();
        let c = if text.is_empty() {
            None
        } else if let Ok(c) = text.parse::<i64>() {
            Some(c)
        } else {
            filter_bad.set(true);
            return;
        };
        filter_bad.set(false);
        nav(&list_path(c, feed.get_untracked().0), Default::default());
    };

    let selected = RwSignal::new(None::<Appointment>);
    let on_select = Callback::new(move |a: Appointment| {
        selected.set(Some(a));
        request_animation_frame(|| focus("appt-manage-title"));
    });

    let on_changed = Callback::new(move |a: Appointment| {
        list.items.update(|v| {
            for x in v.iter_mut().filter(|x| x.id == a.id) {
                *x = a.clone();
            }
        });
        reload_week();
    });
    let on_created = Callback::new(move |_: ()| {
        let (_, f) = feed.get_untracked();
        list.load(api.get_value(), f, cus.get_untracked(), 1);
        reload_week();
    });

    view! {
        <form class="clinic-filter" id="appt-filter" on:submit=on_filter role="search">
            <label for="filter-cus-id">{t_string!(i18n, clinic_filter_customer)}</label>
            <input id="filter-cus-id" inputmode="numeric" bind:value=filter aria-describedby="filter-error"/>
            <button type="submit" id="filter-apply">{t_string!(i18n, clinic_filter_apply)}</button>
            <p class="form-error" id="filter-error" role="alert">
                {move || filter_bad.get().then_some(t_string!(i18n, clinic_must_be_number))}
            </p>
        </form>

        <Agenda week=week/>

        <section class="feed" aria-labelledby="feed-title">
            <h2 id="feed-title">{t_string!(i18n, clinic_lists)}</h2>
            <div class="feed-tabs" role="group" aria-label=move || t_string!(i18n, clinic_lists)>
                {FEEDS.iter().map(|(name, _)| {
                    let name = *name;
                    let nav = navigate.clone();
                    let label = match name {
                        "created" => t_string!(i18n, clinic_feed_created),
                        "completed" => t_string!(i18n, clinic_feed_completed),
                        "appointed" => t_string!(i18n, clinic_feed_appointed),
                        _ => t_string!(i18n, clinic_feed_cancelled),
                    };
                    view! {
                        <button type="button" id=format!("feed-{name}") class="tab"
                            aria-pressed=move || if feed.get().0 == name { "true" } else { "false" }
                            on:click=move |_| nav(&list_path(cus.get_untracked(), name), Default::default())>
                            {label}
                        </button>
                    }
                }).collect_view()}
            </div>
            <AppointmentTable items=list.items on_select=on_select id="feed-table"/>
            {move || list.error.get().map(|e| view! { <ErrorView error=e on_retry=Callback::new(move |_| load_newer(()))/> })}
            <p class="muted" id="feed-status" role="status">
                {move || if list.loading.get() {
                    Some(t_string!(i18n, clinic_loading).to_string())
                } else {
                    list.fresh.get().map(|n| format!("{}: {n}", t_string!(i18n, clinic_new_records)))
                }}
            </p>
            <button type="button" id="feed-load-newer" on:click=move |_| load_newer(()) disabled=move || list.loading.get()>
                {t_string!(i18n, clinic_load_newer)}
            </button>
        </section>

        {move || selected.get().map(|a| view! { <Manage appointment=a selected=selected on_changed=on_changed/> })}

        <NewAppointment cus=cus on_created=on_created/>
    }
}

#[component]
fn Agenda(week: FeedState) -> impl IntoView {
    let i18n = use_i18n();
    let days = Memo::new(move |_| week.items.with(|v| agenda(v, now_ms())));
    view! {
        <section class="agenda" id="agenda" aria-labelledby="agenda-title">
            <h2 id="agenda-title">{t_string!(i18n, clinic_agenda)}</h2>
            {move || week.error.get().map(|e| view! { <ErrorView error=e/> })}
            <For each=move || days.get() key=|d| (d.date.clone(), d.items.iter().map(|a| (a.id, a.appointment_time.as_ref().map(|t| t.epoch_ms()), a.content.clone())).collect::<Vec<_>>()) let:day>
                <div class="agenda-day" data-date=day.date.clone() data-today=if day.is_today { "true" } else { "false" }>
                    <h3>{day.date.clone()} {day.is_today.then(|| view! { " · " {t_string!(i18n, clinic_today)} })}</h3>
                    {if day.items.is_empty() {
                        view! { <p class="muted">{t_string!(i18n, clinic_no_appointments)}</p> }.into_any()
                    } else {
                        view! {
                            <ol class="agenda-items">
                                {day.items.iter().map(|a| {
                                    let time = a.appointment_time.as_ref().map(|t| t.display().get(11..16).unwrap_or_default().to_owned()).unwrap_or_default();
                                    view! {
                                        <li class="agenda-item" data-id=a.id.map(|v| v.to_string()).unwrap_or_default()>
                                            <time>{time}</time> " "
                                            <span class="agenda-content">{a.content.clone()}</span> " · "
                                            <AppointmentKind kind=a.kind/> " · "
                                            {t_string!(i18n, clinic_f_cus_id)} " " {a.cus_id}
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        }.into_any()
                    }}
                </div>
            </For>
        </section>
    }
}

#[component]
fn NewAppointment(cus: Memo<Option<i64>>, on_created: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let toasts = use_toasts();
    let mut initial = storage::session_get(NEW_DRAFT_KEY)
        .and_then(|s| serde_json::from_str::<AppointmentDraft>(&s).ok())
        .unwrap_or_else(|| AppointmentDraft {
            kind: "0".into(),
            ..Default::default()
        });
    if let Some(c) = cus.get_untracked() {
        initial.cus_id = c.to_string();
    }
    let draft = RwSignal::new(initial);
    Effect::new(move |_| {
        if let Ok(s) = serde_json::to_string(&draft.get()) {
            storage::session_set(NEW_DRAFT_KEY, &s);
        }
    });
    let problems: Problems = RwSignal::new(Vec::new());
    let server_error = RwSignal::new(None::<String>);
    let created = RwSignal::new(None::<i64>);
    let save = Action::new_local(move |req: &scrm_api::clinic::AddAppointmentRequest| {
        let req = req.clone();
        let api = api.clone();
        async move { api.call::<AddOneAppointment>(&req).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(r)) => {
            server_error.set(None);
            created.set(r.appointment_id);
            draft.update(|d| {
                *d = AppointmentDraft {
                    cus_id: d.cus_id.clone(),
                    telnum: d.telnum.clone(),
                    kind: d.kind.clone(),
                    ..Default::default()
                }
            });
            toasts.push(
                ToastKind::Success,
                t_string!(i18n, clinic_appointment_created),
            );
            on_created.run(());
        }
        Some(Err(e)) => server_error.set(Some(describe(i18n, &e))),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        server_error.set(None);
        created.set(None);
        let d = draft.get_untracked();
        let (req, draft_errors) = match d.add_request() {
            Ok(r) => (Some(r), Vec::new()),
            Err(e) => (None, e),
        };
        let rules = req
            .as_ref()
            .map(|r| r.validate().err().unwrap_or_default())
            .unwrap_or_default();
        let p = describe_problems(i18n, &draft_errors, &rules);
        if let Some(first) = p.first() {
            focus(&format!("an-{}", first.0));
        }
        problems.set(p);
        if let (Some(req), true, true) = (req, draft_errors.is_empty(), rules.is_empty()) {
            save.dispatch(req);
        }
    };
    view! {
        <form class="clinic-form" id="appt-new" on:submit=on_submit aria-labelledby="appt-new-title" novalidate>
            <h2 id="appt-new-title">{t_string!(i18n, clinic_new_appointment)}</h2>
            <AppointmentFields draft=draft problems=problems prefix="an" with_customer=true/>
            <p class="form-error" id="appt-new-error" role="alert">{move || server_error.get()}</p>
            <button type="submit" id="appt-new-submit" disabled=move || save.pending().get()>{t_string!(i18n, clinic_create)}</button>
            <p class="form-ok" id="appt-new-result" role="status">
                {move || created.get().map(|id| format!("{} #{id}", t_string!(i18n, clinic_appointment_created)))}
            </p>
        </form>
    }
}

#[component]
fn Manage(
    appointment: Appointment,
    selected: RwSignal<Option<Appointment>>,
    on_changed: Callback<Appointment>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let toasts = use_toasts();
    let id = appointment.id.unwrap_or_default();
    let original = StoredValue::new(appointment.clone());
    // The change draft and the cancel reason survive a reload or an expired
    // session, per appointment.
    let draft_key = format!("scrm.clinic.change.{id}");
    let reason_key = format!("scrm.clinic.cancel.{id}");
    let draft = RwSignal::new(
        storage::session_get(&draft_key)
            .and_then(|s| serde_json::from_str::<AppointmentDraft>(&s).ok())
            .unwrap_or_else(|| AppointmentDraft::of(&appointment)),
    );
    let reason = RwSignal::new(storage::session_get(&reason_key).unwrap_or_default());
    {
        let (draft_key, reason_key) = (draft_key.clone(), reason_key.clone());
        Effect::new(move |_| {
            if let Ok(s) = serde_json::to_string(&draft.get()) {
                storage::session_set(&draft_key, &s);
            }
            storage::session_set(&reason_key, &reason.get());
        });
    }
    let forget = move || {
        storage::session_remove(&draft_key);
        storage::session_remove(&reason_key);
    };
    let forget2 = forget.clone();
    // Closing on purpose discards the drafts; a reload keeps them.
    let close = {
        let forget = forget.clone();
        move || {
            forget();
            selected.set(None);
            // Back to the button that opened the panel.
            request_animation_frame(move || focus(&format!("manage-{id}")));
        }
    };
    let close2 = close.clone();
    let problems: Problems = RwSignal::new(Vec::new());
    let server_error = RwSignal::new(None::<String>);

    let change = Action::new_local(move |req: &scrm_api::clinic::ChangeAppointmentRequest| {
        let req = req.clone();
        let api = api.clone();
        async move { api.call::<ChangeOneAppointment>(&req).await.map(|_| req) }
    });
    let api2 = use_api();
    let cancel = Action::new_local(move |req: &CancelAppointmentRequest| {
        let req = req.clone();
        let api = api2.clone();
        async move { api.call::<CancelOneAppointment>(&req).await }
    });
    Effect::new(move |_| match change.value().get() {
        Some(Ok(req)) => {
            forget();
            let updated = apply_change(&original.get_value(), &req);
            toasts.push(
                ToastKind::Success,
                t_string!(i18n, clinic_appointment_changed),
            );
            selected.set(None);
            on_changed.run(updated);
        }
        Some(Err(e)) => server_error.set(Some(describe(i18n, &e))),
        None => {}
    });
    Effect::new(move |_| match cancel.value().get() {
        Some(Ok(_)) => {
            forget2();
            let mut a = original.get_value();
            a.cancel_time = Timestamp::from_epoch_ms(now_ms());
            toasts.push(
                ToastKind::Success,
                t_string!(i18n, clinic_appointment_cancelled),
            );
            selected.set(None);
            on_changed.run(a);
        }
        Some(Err(e)) => server_error.set(Some(describe(i18n, &e))),
        None => {}
    });

    let on_change = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        server_error.set(None);
        let (req, draft_errors) = match draft.get_untracked().change_request(id) {
            Ok(r) => (Some(r), Vec::new()),
            Err(e) => (None, e),
        };
        let rules = req
            .as_ref()
            .map(|r| r.validate().err().unwrap_or_default())
            .unwrap_or_default();
        let p = describe_problems(i18n, &draft_errors, &rules);
        if let Some(first) = p.first() {
            focus(&format!("ae-{}", first.0));
        }
        problems.set(p);
        if let (Some(req), true, true) = (req, draft_errors.is_empty(), rules.is_empty()) {
            change.dispatch(req);
        }
    };
    let on_cancel = move |_| {
        server_error.set(None);
        let comment = reason.get_untracked().trim().to_owned();
        cancel.dispatch(CancelAppointmentRequest {
            id: Some(id),
            comment: (!comment.is_empty()).then_some(comment),
        });
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            close();
        }
    };
    view! {
        <section class="clinic-form manage-panel" id="appt-manage" aria-labelledby="appt-manage-title" on:keydown=on_key>
            <h2 id="appt-manage-title" tabindex="-1">{t_string!(i18n, clinic_manage_title)} " #" {id}</h2>
            <form id="appt-change" on:submit=on_change novalidate>
                <AppointmentFields draft=draft problems=problems prefix="ae"/>
                <button type="submit" id="appt-change-submit" disabled=move || change.pending().get()>{t_string!(i18n, clinic_save_change)}</button>
            </form>
            <div class="field">
                <label for="appt-cancel-reason">{t_string!(i18n, clinic_cancel_reason)}</label>
                <textarea id="appt-cancel-reason" bind:value=reason></textarea>
            </div>
            <button type="button" class="danger" id="appt-cancel-submit" on:click=on_cancel disabled=move || cancel.pending().get()>
                {t_string!(i18n, clinic_cancel_appointment)}
            </button>
            <p class="form-error" id="appt-manage-error" role="alert">{move || server_error.get()}</p>
            <button type="button" class="secondary" id="appt-manage-close" on:click=move |_| close2()>{t_string!(i18n, close)}</button>
        </section>
    }
}
