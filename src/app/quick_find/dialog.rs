//! The quick-find dialog (its own chunk; see the module above): one box in
//! a modal `<dialog>`, following the ARIA combobox pattern. Before typing it
//! lists the recently opened customers; as one types, the pages and actions
//! whose names match at once, and the customers customerPage finds after a
//! pause in typing (`core::find` decides phone or name), with the user's own
//! manual entries of a name and, when the clinic module is on, the clinic
//! customer of a complete mobile number (the clinic's SDK looks customers
//! up by phone, never by name). The customers load
//! through `platform::load`, so a newer search aborts the older request and
//! only the newest answer is shown. ↑/↓ move the active option, Enter opens
//! it (or the first), Esc closes and focus goes back where it was.

use std::time::Duration;

use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use scrm_api::customer::{Customer, CustomerPage};
use scrm_api::manual_task::{GetManualTaskDetail, ManualEntry, ManualTaskDetailRequest};
use wasm_bindgen::JsCast;

use crate::app::nav_links::pages;
use crate::app::quick_find::{use_quick_find, DIALOG};
use crate::core::find::{clean, customer_request, page_matches, FIND_MAX};
use crate::core::hrefs;
use crate::core::known_phone::{complete, from_clinic, Known};
use crate::features::manual_tasks::query::DetailQuery;
use crate::platform::api_client::use_api;
use crate::platform::clinic;
use crate::platform::dom::Debounce;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::load::load;
use crate::platform::recent;
use crate::platform::session::use_session;
use crate::platform::tr::tr;
use crate::ui::button::{Button, Variant};
use crate::ui::icon::glyph;
use crate::ui::loaded::Loaded;

/// How long typing must pause before customers are asked for.
const DEBOUNCE: Duration = Duration::from_millis(200);
/// Customers shown at most; more means "type more".
const LIMIT: i64 = 8;

const INPUT: &str = "quick-find-input";
const LIST: &str = "quick-find-list";

/// A name in the current language.
type Label = fn(leptos_i18n::I18nContext<crate::platform::i18n::Locale>) -> &'static str;

/// Actions that are not in the navigation, with their own names.
const ACTIONS: [(&str, Label); 2] = [
    ("/manual-tasks/new", |i| t_string!(i, qf_new_entry)),
    ("/manual-tasks/import", |i| t_string!(i, qf_import)),
];

#[component]
pub fn QuickFindDialog() -> impl IntoView {
    let i18n = use_i18n();
    let qf = use_quick_find();
    let api = use_api();
    let session = use_session();
    let navigate = use_navigate();
    let clinic_on = session.config.clinic.enabled;
    let dialog = NodeRef::<html::Dialog>::new();
    let typed = RwSignal::new(String::new());
    // What the customers were last asked for: `typed` after a pause.
    let asked = RwSignal::new(String::new());
    // The active option's id (aria-activedescendant).
    let active = RwSignal::new(None::<String>);
    let recents = recent::list(&session);
    let has_recent = !recents.is_empty();

    // Mounted when opened: show it as a modal dialog, focus in the box.
    Effect::new(move |_| {
        if let Some(el) = dialog.get() {
            if !el.open() {
                let _ = el.show_modal();
            }
            crate::platform::dom::focus(INPUT);
        }
    });

    let pause = Debounce::new();
    let schedule = move || {
        pause.after(DEBOUNCE, move || {
            if let Some(text) = typed.try_get_untracked() {
                asked.set(clean(&text));
            }
        });
    };

    let me = session.user;
    let data = load(
        move || asked.get(),
        move |text| {
            let api = api.clone();
            // The signed-in user's account, when the server says who that is.
            let mine = me
                .try_with_untracked(|m| m.as_ref().and_then(|m| m.admin_user_id))
                .flatten();
            async move {
                let Some(request) = customer_request(&text, LIMIT) else {
                    return Ok(None);
                };
                // The contract filters manual entries by name only.
                let entries = request.customer_name.clone().zip(mine).map(|(name, id)| {
                    ManualTaskDetailRequest {
                        admin_user_id: Some(id),
                        customer_name: Some(name),
                        limit: Some(LIMIT),
                        page_no: Some(1),
                        ..Default::default()
                    }
                });
                // The clinic knows a customer by a complete mobile number.
                let clinic_phone = complete(&text).filter(|_| clinic_on);
                let customers = api.call::<CustomerPage>(&request);
                let in_clinic = async {
                    match clinic_phone {
                        Some(phone) => clinic::by_phone(&api, phone.clone())
                            .await
                            .map(|c| from_clinic(c.as_ref(), &phone).map(|known| (known, phone))),
                        None => Ok(None),
                    }
                };
                let entries = async {
                    match entries {
                        Some(r) => api
                            .call::<GetManualTaskDetail>(&r)
                            .await
                            .map(|p| p.page.items),
                        None => Ok(Vec::new()),
                    }
                };
                let (customers, entries, in_clinic) =
                    futures::future::join3(customers, entries, in_clinic).await;
                let page = customers?.page;
                Ok(Some(Found {
                    customers: page.items,
                    count: page.count,
                    entries: entries?,
                    mine: mine.unwrap_or_default(),
                    clinic: in_clinic?,
                }))
            }
        },
    );

    let go = StoredValue::new_local(move |path: String| {
        qf.close(false);
        navigate(&path, Default::default());
    });
    let choose = move |path: String| go.with_value(|g| g(path));

    let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "ArrowDown" | "ArrowUp" => {
            ev.prevent_default();
            let step = if ev.key() == "ArrowDown" { 1 } else { -1 };
            active.set(step_active(active.get_untracked(), step));
        }
        "Enter" if !ev.is_composing() => {
            ev.prevent_default();
            if let Some(el) = pick(active.get_untracked()) {
                el.click();
            }
        }
        "Tab" => {
            // One box and a close button: Tab stays in the dialog.
            ev.prevent_default();
            crate::platform::dom::focus(if ev.target_id_is(INPUT) {
                "quick-find-close"
            } else {
                INPUT
            });
        }
        _ => {}
    };

    let page_options = move || {
        let text = typed.get();
        let all = pages(clinic_on)
            .map(|p| (p.path, p.label))
            .chain(ACTIONS.iter().copied());
        all.filter(|(path, label)| page_matches(&text, label(i18n), path))
            .enumerate()
            .map(|(n, (path, label))| {
                view! { <Choice id=format!("qf-page-{n}") kind="page" active
                label=label(i18n).to_owned() detail=String::new()
                on_choose=move || choose(path.to_owned())/> }
            })
            .collect_view()
    };
    let recent_options = move || {
        recents
            .iter()
            .enumerate()
            .map(|(n, r)| {
                let href = r.href.clone();
                view! { <Choice id=format!("qf-recent-{n}") kind="recent" active
                label=r.name.clone() detail=r.phone.clone().unwrap_or_default()
                on_choose=move || choose(href.clone())/> }
            })
            .collect_view()
    };
    let empty = move || typed.with(|t| clean(t).is_empty());

    view! {
        <dialog id=DIALOG class="quick-find" node_ref=dialog
            aria-label=tr(i18n, |i| t_string!(i, qf_open))
            // Esc: close through the state, which puts focus back.
            on:cancel=move |ev: leptos::ev::Event| { ev.prevent_default(); qf.close(true); }
            // A click on the backdrop (the dialog itself, outside its box).
            on:click=move |ev: leptos::ev::MouseEvent| {
                if ev.target_id_is(DIALOG) { qf.close(true); }
            }>
            <div class="quick-find-box">
                <div class="quick-find-head">
                    <label for=INPUT class="visually-hidden">{tr(i18n, |i| t_string!(i, qf_label))}</label>
                    <input id=INPUT type="text" role="combobox" autocomplete="off" spellcheck="false"
                        maxlength=FIND_MAX.to_string()
                        placeholder=tr(i18n, |i| t_string!(i, qf_label))
                        aria-autocomplete="list" aria-controls=LIST aria-describedby="quick-find-hint"
                        aria-expanded=move || (!empty() || has_recent).to_string()
                        aria-activedescendant=move || active.get()
                        prop:value=move || typed.get()
                        on:input=move |ev| {
                            typed.set(event_target_value(&ev));
                            active.set(None);
                            schedule();
                        }
                        on:keydown=on_key/>
                    <Button variant=Variant::Text icon=glyph::CLOSE class="quick-find-close" attr:id="quick-find-close"
                        on:keydown=on_key on:click=move |_| qf.close(true)>
                        {tr(i18n, |i| t_string!(i, qf_close))}
                    </Button>
                </div>
                <p id="quick-find-hint" class="muted quick-find-hint">{tr(i18n, |i| t_string!(i, qf_hint))}</p>
                <div id=LIST role="listbox" class="quick-find-list" aria-label=tr(i18n, |i| t_string!(i, qf_results))>
                    <Show when=empty>
                        {has_recent.then(|| view! {
                            <div role="presentation" class="quick-find-group">{tr(i18n, |i| t_string!(i, qf_recent))}</div>
                        })}
                        {recent_options.clone()}
                    </Show>
                    {page_options}
                    <Show when=move || !empty()>
                        <Loaded data=data loading=move || view! {
                            <div role="presentation" class="muted quick-find-status">{tr(i18n, |i| t_string!(i, qf_searching))}</div>
                        } let:found>
                            {found.map(|f| {
                                // "No customer" only when nothing else was found either.
                                let say_none = f.entries.is_empty() && f.clinic.is_none();
                                view! {
                                <Customers customers=f.customers count=f.count say_none choose active/>
                                <Entries entries=f.entries mine=f.mine choose active/>
                                <Clinic found=f.clinic choose active/>
                            }})}
                        </Loaded>
                    </Show>
                </div>
            </div>
        </dialog>
    }
}

/// One answer: the customers found and, for a name, the signed-in user's
/// manual entries of that name.
#[derive(Clone)]
struct Found {
    customers: Vec<Customer>,
    count: i64,
    entries: Vec<ManualEntry>,
    /// The signed-in user's account id.
    mine: i64,
    /// The clinic customer of the number, and the number, when the module
    /// is on.
    clinic: Option<(Known, String)>,
}

/// The clinic customer of a number, opening its clinic profile.
#[component]
fn Clinic(
    found: Option<(Known, String)>,
    choose: impl Fn(String) + Copy + Send + Sync + 'static,
    active: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let Some((
        Known::Clinic {
            name,
            profile: Some(href),
        },
        phone,
    )) = found
    else {
        return None;
    };
    Some(view! {
        <div role="presentation" class="quick-find-group">{tr(i18n, |i| t_string!(i, qf_clinic))}</div>
        <Choice id="qf-clinic-0".to_owned() kind="clinic" active
            label=name detail=phone on_choose=move || choose(href.clone())/>
    })
}

/// The user's manual entries of one answer, each opening their list
/// filtered to that name.
#[component]
fn Entries(
    entries: Vec<ManualEntry>,
    mine: i64,
    choose: impl Fn(String) + Copy + Send + Sync + 'static,
    active: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    (!entries.is_empty()).then(|| {
        let options = entries
            .into_iter()
            .enumerate()
            .map(|(n, e)| {
                let name = e.customer_name.clone().unwrap_or_default();
                let phone = e.customer_phone.clone().unwrap_or_default();
                let filter = DetailQuery::parse(|k| (k == "contact").then(|| name.clone())).to_search();
                let href = format!("{}{filter}", hrefs::manual_entries(mine));
                let label = if name.trim().is_empty() { phone.clone() } else { name };
                view! { <Choice id=format!("qf-entry-{n}") kind="entry" active
                    label detail=phone on_choose=move || choose(href.clone())/> }
            })
            .collect_view();
        view! {
            <div role="presentation" class="quick-find-group">{tr(i18n, |i| t_string!(i, qf_entries))}</div>
            {options}
        }
    })
}

/// The customers of one answer, each opening its edit page.
#[component]
fn Customers(
    customers: Vec<Customer>,
    count: i64,
    say_none: bool,
    choose: impl Fn(String) + Copy + Send + Sync + 'static,
    active: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    if customers.is_empty() {
        if !say_none {
            return ().into_any();
        }
        return view! {
            <div role="presentation" class="muted quick-find-status" id="quick-find-none">
                {tr(i18n, |i| t_string!(i, qf_none))}
            </div>
        }
        .into_any();
    }
    let more = count > customers.len() as i64;
    let options = customers
        .iter()
        .filter_map(|c| Some((c.customer_id?, hrefs::customer_edit(c)?, c)))
        .map(|(id, href, c)| {
            view! { <Choice id=format!("qf-customer-{id}") kind="customer" active
            label=c.display_name().to_owned() detail=c.customer_phone.clone().unwrap_or_default()
            on_choose=move || choose(href.clone())/> }
        })
        .collect_view();
    view! {
        <div role="presentation" class="quick-find-group">{tr(i18n, |i| t_string!(i, qf_customers))}</div>
        {options}
        {more.then(|| view! {
            <div role="presentation" class="muted quick-find-status">{tr(i18n, |i| t_string!(i, qf_more))}</div>
        })}
    }
    .into_any()
}

/// One option of the list.
#[component]
fn Choice(
    id: String,
    kind: &'static str,
    label: String,
    detail: String,
    active: RwSignal<Option<String>>,
    on_choose: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let me = id.clone();
    let selected = Memo::new(move |_| active.with(|a| a.as_deref() == Some(me.as_str())));
    view! {
        <div role="option" id=id class=format!("quick-find-option quick-find-{kind}")
            aria-selected=move || selected.get().to_string()
            // Keep focus in the box while the pointer chooses.
            on:mousedown=|ev| ev.prevent_default()
            on:click=move |_| on_choose()>
            <span class="quick-find-label">{label}</span>
            {(!detail.is_empty()).then(|| view! { <span class="muted quick-find-detail">{detail}</span> })}
        </div>
    }
}

/// The options as shown.
fn options() -> Vec<web_sys::HtmlElement> {
    let Some(Ok(list)) = document()
        .get_element_by_id(LIST)
        .map(|l| l.query_selector_all("[role=option]"))
    else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

/// The option `step` places from the active one, wrapping around; from
/// none, the first (↓) or the last (↑).
fn step_active(current: Option<String>, step: isize) -> Option<String> {
    let all = options();
    let len = all.len() as isize;
    if len == 0 {
        return None;
    }
    let at = current.and_then(|id| all.iter().position(|o| o.id() == id));
    let next = match at {
        Some(i) => (i as isize + step).rem_euclid(len),
        None if step > 0 => 0,
        None => len - 1,
    };
    let el = all.get(next as usize)?;
    el.scroll_into_view_with_bool(false);
    Some(el.id())
}

/// The option Enter opens: the active one, else the first.
fn pick(current: Option<String>) -> Option<web_sys::HtmlElement> {
    let all = options();
    current
        .and_then(|id| all.iter().find(|o| o.id() == id).cloned())
        .or_else(|| all.into_iter().next())
}

/// Whether an event happened on the element with `id` itself.
trait TargetId {
    fn target_id_is(&self, id: &str) -> bool;
}

impl<E: AsRef<web_sys::Event>> TargetId for E {
    fn target_id_is(&self, id: &str) -> bool {
        self.as_ref()
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|e| e.id() == id)
    }
}
