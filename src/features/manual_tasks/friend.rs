//! "Add WeChat before saving" (addManualTaskBeforeAddFriend): records the
//! friend request for the phone typed in the entry form, shows the record
//! the server made, and copies its WeChat id and v1 ticket into the form so
//! the salesperson finishes the entry there.

use leptos::prelude::*;
use scrm_api::manual_task::{
    AddManualTaskBeforeAddFriend, AddManualTaskBeforeAddFriendRequest, ManualEntry,
};
use scrm_api::validate::{field_messages, FieldError};

use crate::core::text::{shown, NO_VALUE};
use crate::features::manual_tasks::draft::{label, Draft};
use crate::platform::api_client::use_api;
use crate::platform::dom::focus;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::locale::lang;
use crate::platform::tr::tr;
use crate::ui::button::{Button, Variant};
use crate::ui::error_view::describe;

fn request(d: &Draft) -> AddManualTaskBeforeAddFriendRequest {
    let text = |s: Option<&str>| {
        s.map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    AddManualTaskBeforeAddFriendRequest {
        customer_phone: text(d.entry.customer_phone.as_deref()),
        uin: text(Some(&d.uin)),
        user_name: text(Some(&d.wechat)),
        v1: text(d.entry.v1.as_deref()),
    }
}

#[component]
pub fn AddFriendFirst(draft: RwSignal<Draft>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let lang = move || lang(i18n.get_locale());
    let attempted = RwSignal::new(false);
    let errors = Memo::new(move |_| {
        if attempted.get() {
            draft.with(|d| request(d).validate().err().unwrap_or_default())
        } else {
            Vec::<FieldError>::new()
        }
    });
    let server_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let record = RwSignal::new(None::<ManualEntry>);

    let on_click = move |_| {
        if busy.get_untracked() {
            return;
        }
        attempted.set(true);
        server_error.set(None);
        let req = request(&draft.get_untracked());
        if let Err(errs) = req.validate() {
            let target = match errs.first().map(|e| e.field) {
                Some("customerPhone") => "mt-new-customerPhone",
                Some("uin") => "mt-friend-uin",
                _ => "mt-friend-wechat",
            };
            focus(target);
            return;
        }
        busy.set(true);
        let api = api.clone();
        leptos::task::spawn_local(async move {
            let result = api.call::<AddManualTaskBeforeAddFriend>(&req).await;
            let _ = busy.try_set(false);
            match result {
                Ok(reply) => {
                    let entry = reply.data.unwrap_or_default();
                    let _ = draft.try_update(|d| {
                        let keep = |v: &Option<String>| v.clone().filter(|s| !s.trim().is_empty());
                        if let Some(u) = keep(&entry.user_name) {
                            d.entry.user_name = Some(u);
                        }
                        if let Some(v1) = keep(&entry.v1) {
                            d.entry.v1 = Some(v1);
                        }
                    });
                    let _ = attempted.try_set(false);
                    let _ = record.try_set(Some(entry));
                }
                Err(e) => {
                    let _ = server_error.try_set(Some(describe(i18n, &e)));
                }
            }
        });
    };

    let input = move |name: &'static str, id: &'static str, numeric: bool| {
        let err_id = format!("{id}-error");
        let has_error = move || errors.with(|e| e.iter().any(|x| x.field == name));
        view! {
            <div class="field" class:invalid=has_error>
                <label for=id>{move || label(name, lang())}</label>
                <input
                    id=id
                    autocomplete="off"
                    inputmode=if numeric { "numeric" } else { "text" }
                    aria-invalid=move || has_error().to_string()
                    aria-describedby=err_id.clone()
                    prop:value=move || draft.with(|d| if numeric { d.uin.clone() } else { d.wechat.clone() })
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        draft.update(|d| if numeric { d.uin = text } else { d.wechat = text });
                    }
                    on:change=move |ev| {
                        let text = event_target_value(&ev);
                        draft.update(|d| if numeric { d.uin = text } else { d.wechat = text });
                    }
                />
                <p class="field-error" id=err_id>{move || field_messages(&errors.get(), name, lang())}</p>
            </div>
        }
    };

    view! {
        <section class="friend-first" aria-labelledby="mt-friend-title">
            <h2 id="mt-friend-title">{tr(i18n, |i| t_string!(i, mt_friend_title))}</h2>
            <p class="muted">{tr(i18n, |i| t_string!(i, mt_friend_hint))}</p>
            <div class="field-grid">
                {input("uin", "mt-friend-uin", true)}
                {input("userName", "mt-friend-wechat", false)}
            </div>
            <p class="form-error" id="mt-friend-error" role="alert">
                {move || {
                    let phone = field_messages(&errors.get(), "customerPhone", lang());
                    match server_error.get() {
                        Some(s) => s,
                        None => phone,
                    }
                }}
            </p>
            <Button variant=Variant::Primary attr:id="mt-friend-submit" loading=busy on:click=on_click>
                {move || if busy.get() { t_string!(i18n, mt_friend_busy) } else { t_string!(i18n, mt_friend_submit) }}
            </Button>
            {move || record.get().map(|r| view! {
                <div class="friend-record" role="status">
                    <p>{tr(i18n, |i| t_string!(i, mt_friend_done))}</p>
                    <dl id="mt-friend-record">
                        <dt>{tr(i18n, |i| t_string!(i, customer_id))}</dt>
                        <dd class="rec-id">{shown(r.customer_id.map(|i| i.to_string()).as_deref())}</dd>
                        <dt>{tr(i18n, |i| t_string!(i, mt_phone))}</dt>
                        <dd class="rec-phone">{shown(r.customer_phone.as_deref())}</dd>
                        <dt>{tr(i18n, |i| t_string!(i, mt_wechat))}</dt>
                        <dd class="rec-wechat">{shown(r.user_name.as_deref())}</dd>
                        <dt>{move || label("uin", lang())}</dt>
                        <dd class="rec-uin">{shown(r.uin.as_deref())}</dd>
                        <dt>{tr(i18n, |i| t_string!(i, mt_dial_status))}</dt>
                        <dd class="rec-dial">{match r.dial_status {
                            Some(1) => t_string!(i18n, mt_dial_1).to_string(),
                            Some(0) => t_string!(i18n, mt_dial_0).to_string(),
                            Some(x) => x.to_string(),
                            None => NO_VALUE.into(),
                        }}</dd>
                    </dl>
                </div>
            })}
        </section>
    }
}
