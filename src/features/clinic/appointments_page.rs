//! `/clinic/appointments`: the agenda of today and the week, the four
//! incremental lists (created, completed, appointment, cancelled time) with
//! "load newer", a customer filter, and creating, changing and cancelling
//! appointments. Filter and list live in the URL (`?cusId=&feed=`).

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use scrm_api::clinic::{Appointment, GetAppointmentList};
use scrm_api::incremental::{AppointmentFeed, IncrementalCursor};
use scrm_api::time::Timestamp;

use crate::features::clinic::agenda::{agenda, china_day_start, feed_start};
use crate::features::clinic::appointment_list::{AppointmentKind, AppointmentTable};
use crate::features::clinic::manage::ManageAppointment;
use crate::features::clinic::new_appointment::NewAppointment;
use crate::platform::api_client::{use_api, ApiClient, ApiError};
use crate::platform::dom::focus;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::load::{stoppable, AbortGuard};
use crate::platform::session::use_session;
use crate::platform::tr::tr;
use crate::ui::button::Button;
use crate::ui::error_view::ErrorView;
use crate::ui::field::Field;
use crate::ui::filter_bar::FilterBar;
use crate::ui::icon::glyph;

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

/// One incremental list as the page holds it. `running` holds the load in
/// flight: replacing it (a newer load, a new filter or list) or leaving the
/// page stops that load and aborts its request, so an answer for an earlier
/// filter never lands in the list.
#[derive(Clone, Copy)]
struct FeedState {
    items: RwSignal<Vec<Appointment>>,
    cursor: StoredValue<IncrementalCursor>,
    running: StoredValue<Option<AbortGuard>, LocalStorage>,
    loading: RwSignal<bool>,
    error: RwSignal<Option<ApiError>>,
    fresh: RwSignal<Option<usize>>,
}

impl FeedState {
    fn new() -> Self {
        FeedState {
            items: RwSignal::new(Vec::new()),
            cursor: StoredValue::new(IncrementalCursor::new()),
            running: StoredValue::new_local(None),
            loading: RwSignal::new(false),
            error: RwSignal::new(None),
            fresh: RwSignal::new(None),
        }
    }

    fn reset(&self, start: Option<Timestamp>) {
        self.running.set_value(None);
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
        self.loading.set(true);
        self.error.set(None);
        let work = async move {
            let mut added = 0;
            for _ in 0..pages.max(1) {
                let Some(req) = self.cursor.try_with_value(|c| feed.request(c, cus)) else {
                    break;
                };
                match api.call::<GetAppointmentList>(&req).await {
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
            Ok::<usize, ApiError>(added)
        };
        let (guard, run) = stoppable(work);
        self.running.set_value(Some(guard));
        spawn_local(async move {
            if let Ok(added) = run.await {
                let _ = self.fresh.try_set(Some(added));
                let _ = self.loading.try_set(false);
            }
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
    // True when the filter was taken (the phone's drawer then closes).
    let on_filter = move |_: leptos::ev::SubmitEvent| -> bool {
        let text = filter.get_untracked();
        let text = text.trim();
        let c = if text.is_empty() {
            None
        } else if let Ok(c) = text.parse::<i64>() {
            Some(c)
        } else {
            filter_bad.set(true);
            return false;
        };
        filter_bad.set(false);
        nav(&list_path(c, feed.get_untracked().0), Default::default());
        true
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
        <FilterBar id="appt-filter" label=tr(i18n, |i| t_string!(i, clinic_filter_customer))
            active=Signal::derive(move || usize::from(cus.get().is_some()))
            on_submit=Callback::new(on_filter)
            main=move || view! {
                <Field id="filter-cus-id" label=tr(i18n, |i| t_string!(i, clinic_filter_customer))
                    error=Signal::derive(move || filter_bad.get().then(|| t_string!(i18n, clinic_must_be_number).to_owned()))>
                    <input id="filter-cus-id" inputmode="numeric" bind:value=filter aria-describedby="filter-cus-id-error"/>
                </Field>
            }
            actions=move || view! {
                <Button icon={glyph::SEARCH} submit=true attr:id="filter-apply">{tr(i18n, |i| t_string!(i, clinic_filter_apply))}</Button>
            }/>

        <Agenda week=week/>

        <section class="feed" aria-labelledby="feed-title">
            <h2 id="feed-title">{t_string!(i18n, clinic_lists)}</h2>
            <div class="feed-tabs" role="group" aria-label=tr(i18n, |i| t_string!(i, clinic_lists))>
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
            <Button loading=list.loading attr:id="feed-load-newer" on:click=move |_| load_newer(())>
                {t_string!(i18n, clinic_load_newer)}
            </Button>
        </section>

        {move || selected.get().map(|a| view! { <ManageAppointment appointment=a selected=selected on_changed=on_changed/> })}

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
