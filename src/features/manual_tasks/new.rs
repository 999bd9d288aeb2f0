//! `/manual-tasks/new` (addManualTask): every field of the document, checked
//! with the shared rules before sending, the server's refusal shown in its
//! own words, and a draft in session storage so a failed save, an expired
//! session or a reload loses nothing. The add-WeChat-first step lives in
//! [`super::manual_task_friend`] and fills this form from its record.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use scrm_api::manual_task::AddManualTask;
use scrm_api::validate::{field_messages, FieldError};

use crate::core::template::fill;
use crate::features::manual_tasks::draft::{cleaned, label, set, value, Draft, DRAFT_KEY, FIELDS};
use crate::features::manual_tasks::friend::AddFriendFirst;
use crate::platform::api_client::use_api;
use crate::platform::dom::focus;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::locale::lang;
use crate::platform::session::use_session;
use crate::platform::storage;
use crate::platform::tr::tr;
use crate::ui::button::{Button, Variant};
use crate::ui::error_view::describe;
use crate::ui::known_phone::KnownPhone;
use crate::ui::toast::{use_toasts, ToastKind};

#[component]
pub fn ManualTaskNew() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let toasts = use_toasts();
    let session = use_session();
    let lang = move || lang(i18n.get_locale());

    let draft = RwSignal::new(Draft::restore(storage::session_get(DRAFT_KEY).as_deref()));
    // `?customerPhone=` (the call pop-up's "add manual task" for a number nobody has) fills
    // in the number; the rest of a kept draft stays.
    let asked = use_query_map().with_untracked(|q| q.get("customerPhone"));
    if let Some(phone) = asked.filter(|p| !p.trim().is_empty()) {
        draft.update(|d| set(&mut d.entry, "customerPhone", phone));
    }
    Effect::new(move |_| {
        let d = draft.get();
        if d.is_empty() {
            storage::session_remove(DRAFT_KEY);
        } else {
            storage::session_set(DRAFT_KEY, &d.store());
        }
    });

    // Messages appear after the first save attempt and then follow typing.
    let attempted = RwSignal::new(false);
    let errors = Memo::new(move |_| {
        if attempted.get() {
            draft.with(|d| cleaned(&d.entry).validate().err().unwrap_or_default())
        } else {
            Vec::<FieldError>::new()
        }
    });
    let server_error = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let saved = RwSignal::new(None::<String>);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        attempted.set(true);
        server_error.set(None);
        saved.set(None);
        let req = cleaned(&draft.get_untracked().entry);
        if let Err(errs) = req.validate() {
            if let Some(first) = errs.first() {
                focus(&format!("mt-new-{}", first.field));
            }
            return;
        }
        saving.set(true);
        let api = api.clone();
        leptos::task::spawn_local(async move {
            let result = api.call::<AddManualTask>(&req).await;
            let _ = saving.try_set(false);
            match result {
                Ok(_) => {
                    let name = req.customer_name.clone().unwrap_or_default();
                    toasts.push(
                        ToastKind::Success,
                        fill(t_string!(i18n, mt_new_saved), &[("name", &name)]),
                    );
                    let _ = attempted.try_set(false);
                    let _ = draft.try_set(Draft::default());
                    let _ = saved.try_set(Some(name));
                }
                Err(e) => {
                    let _ = server_error.try_set(Some(describe(i18n, &e)));
                }
            }
        });
    };

    let user = session.user;
    let my_entries = move || {
        user.get()
            .and_then(|me| me.admin_user_id)
            .map(|id| format!("/manual-tasks/{id}"))
    };

    let field = move |name: &'static str, required: bool| {
        let id = format!("mt-new-{name}");
        let err_id = format!("mt-new-{name}-error");
        let has_error = move || errors.with(|e| e.iter().any(|x| x.field == name));
        let kind = if name == "customerPhone" {
            "tel"
        } else {
            "text"
        };
        view! {
            <div class="field" class:invalid=has_error>
                <label for=id.clone()>
                    {move || label(name, lang())}
                    {required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
                </label>
                <input
                    id=id
                    name=name
                    type=kind
                    autocomplete="off"
                    aria-required=required.to_string()
                    aria-invalid=move || has_error().to_string()
                    aria-describedby=err_id.clone()
                    prop:value=move || draft.with(|d| value(&d.entry, name))
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        draft.update(|d| set(&mut d.entry, name, text));
                    }
                    // Autofill and some clear buttons only send `change`.
                    on:change=move |ev| {
                        let text = event_target_value(&ev);
                        draft.update(|d| set(&mut d.entry, name, text));
                    }
                />
                <p class="field-error" id=err_id>
                    {move || field_messages(&errors.get(), name, lang())}
                </p>
                {(name == "customerPhone").then(|| view! {
                    <KnownPhone
                        phone=Signal::derive(move || draft.with(|d| value(&d.entry, name)))
                        id="mt-new-known"
                    />
                })}
            </div>
        }
    };

    let main_fields = FIELDS
        .iter()
        .filter(|(n, _)| !n.starts_with("xfield"))
        .map(|&(n, r)| field(n, r))
        .collect_view();
    let custom_fields = FIELDS
        .iter()
        .filter(|(n, _)| n.starts_with("xfield"))
        .map(|&(n, r)| field(n, r))
        .collect_view();

    view! {
        <section class="page manual-task-new" data-route="/manual-tasks/new">
            <header class="page-head">
                <h1>{tr(i18n, |i| t_string!(i, nav_manual_task_new))}</h1>
                <a href=crate::core::nav::href("/manual-tasks")>{tr(i18n, |i| t_string!(i, mt_back_to_list))}</a>
            </header>
            <p class="muted">{tr(i18n, |i| t_string!(i, mt_new_hint))}</p>
            <AddFriendFirst draft=draft/>
            <form class="entry-form" id="mt-new-form" on:submit=on_submit novalidate=true>
                <fieldset>
                    <legend>{tr(i18n, |i| t_string!(i, mt_new_main))}</legend>
                    <div class="field-grid">{main_fields}</div>
                </fieldset>
                <fieldset>
                    <legend>{tr(i18n, |i| t_string!(i, mt_new_custom))}</legend>
                    <div class="field-grid">{custom_fields}</div>
                </fieldset>
                <p class="form-error" id="mt-new-error" role="alert">{move || server_error.get()}</p>
                <div class="form-actions sticky">
                    <Button variant=Variant::Primary loading=saving submit=true attr:id="mt-new-submit">
                        {move || if saving.get() { t_string!(i18n, mt_new_saving) } else { t_string!(i18n, mt_new_save) }}
                    </Button>
                    // Beside Save, in the bar that stays in sight: what the save did.
                    <p class="form-ok" id="mt-new-saved" role="status">
                        {move || saved.get().map(|name| view! {
                            {fill(t_string!(i18n, mt_new_saved), &[("name", &name)])}
                            " "
                            {my_entries().map(|href| view! { <a href=crate::core::nav::href(&href) id="mt-new-mine">{tr(i18n, |i| t_string!(i, mt_new_view_mine))}</a> })}
                        })}
                    </p>
                </div>
            </form>
        </section>
    }
    // Erased: the router then handles one view type for this page.
    .into_any()
}
