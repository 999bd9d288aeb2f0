//! The customer edit form: fields with their validation messages (shared
//! rules from scrm-api), a draft in session storage, the leave guard, and the
//! save (updateCustomer, then batchSaveNickName when the address changed).
//!
//! updateCustomer sends every field and the vendor checks no version, so a
//! save would silently undo what a colleague saved meanwhile. Before saving,
//! the form reads the record again: changes made elsewhere to fields this
//! user did not touch are taken in, and fields both changed are shown side
//! by side for the user to keep theirs or take the server's, one by one.

use leptos::prelude::*;
use leptos::task::spawn_local;
use scrm_api::customer::{BatchSaveNickName, Customer, UpdateCustomer, UpdateCustomerRequest};
use scrm_api::validate::field_messages;

use crate::features::customers::form::{CustomerForm, Field};
use crate::features::customers::record::find_record;
use crate::features::customers::tag_picker::{tag_label, TagPicker};
use crate::platform::api_client::use_api;
use crate::platform::dom::focus;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::locale::lang;
use crate::platform::storage;
use crate::platform::tags::use_tags;
use crate::platform::tr::tr;
use crate::ui::button::{Button, Variant};
use crate::ui::error_view::describe;
use crate::ui::leave_guard::LeaveGuard;
use crate::ui::toast::{use_toasts, ToastKind};

fn draft_key(id: i64) -> String {
    format!("scrm.draft.customer.{id}")
}

fn read_draft(id: i64) -> Option<CustomerForm> {
    serde_json::from_str(&storage::session_get(&draft_key(id))?).ok()
}

#[component]
pub fn CustomerEditForm(
    customer: Customer,
    /// The form as the record stands on the server.
    original: CustomerForm,
    /// After a successful save, with the saved values.
    #[prop(into)]
    on_saved: Callback<CustomerForm>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let toasts = use_toasts();
    let tags = use_tags().list();
    let id = customer.customer_id.unwrap_or_default();
    let contact = customer.wechat_contact_id;

    let draft = read_draft(id).filter(|d| *d != original);
    let restored = RwSignal::new(draft.is_some());
    let original = RwSignal::new(original);
    let form = RwSignal::new(draft.unwrap_or_else(|| original.get_untracked()));
    let saving = RwSignal::new(false);
    let save_error = RwSignal::new(None::<String>);
    // The record as last read from the server, and the fields someone else
    // changed that the user must decide on.
    let server = RwSignal::new(original.get_untracked());
    let conflicts = RwSignal::new(Vec::<Field>::new());
    let loaded_phone = customer.customer_phone.clone().unwrap_or_default();

    let dirty = Memo::new(move |_| form.get() != original.get());
    let problems = Memo::new(move |_| form.get().problems(id, contact));
    Effect::new(move |_| {
        let f = form.get();
        if dirty.get() {
            if let Ok(json) = serde_json::to_string(&f) {
                storage::session_set(&draft_key(id), &json);
            }
        } else {
            storage::session_remove(&draft_key(id));
        }
    });

    let message_for = move |field: &'static str| {
        move || problems.with(|p| field_messages(p, field, lang(i18n.get_locale())))
    };

    let save = move || {
        if saving.get_untracked() || !problems.get_untracked().is_empty() {
            return;
        }
        let before = original.get_untracked();
        saving.set(true);
        save_error.set(None);
        let api = api.clone();
        let loaded_phone = loaded_phone.clone();
        spawn_local(async move {
            // Someone may have saved this customer since the form was
            // loaded (or since the last check, after a conflict).
            let (now, checked_at) =
                match find_record(&api, id, &before.phone_or(&loaded_phone)).await {
                    Ok(Some(c)) => (
                        CustomerForm::from_record(&c, Some(&before.address)),
                        c.last_update_time,
                    ),
                    Ok(None) => {
                        let _ = saving.try_set(false);
                        let _ = save_error
                            .try_set(Some(t_string!(i18n, edit_gone_elsewhere).to_owned()));
                        return;
                    }
                    Err(e) => {
                        let _ = saving.try_set(false);
                        let _ = save_error.try_set(Some(describe(i18n, &e)));
                        return;
                    }
                };
            if now != before {
                let rebased = form.get_untracked().rebase(&before, &now);
                let _ = original.try_set(now.clone());
                let _ = server.try_set(now);
                let _ = form.try_set(rebased.form);
                if !rebased.conflicts.is_empty() {
                    let _ = conflicts.try_set(rebased.conflicts);
                    let _ = saving.try_set(false);
                    request_animation_frame(|| focus("edit-conflicts"));
                    return;
                }
            }
            let _ = conflicts.try_set(Vec::new());
            let values = form.get_untracked();
            let before = original.get_untracked();
            let mut result = Ok(());
            if values.record_changed(&before) {
                // Carries the time of the record just checked: a server
                // that knows it refuses the save if someone saved since.
                let request = UpdateCustomerRequest {
                    last_update_time: checked_at,
                    ..values.update_request(id, contact)
                };
                result = api.call::<UpdateCustomer>(&request).await.map(|_| ());
            }
            if let (Ok(()), Some(c)) = (&result, contact) {
                if values.address_changed(&before) {
                    result = api
                        .call::<BatchSaveNickName>(&values.address_request(c))
                        .await
                        .map(|_| ());
                }
            }
            let _ = saving.try_set(false);
            match result {
                Ok(()) => {
                    storage::session_remove(&draft_key(id));
                    let _ = original.try_set(values.clone());
                    let _ = restored.try_set(false);
                    toasts.push(ToastKind::Success, t_string!(i18n, edit_saved));
                    on_saved.run(values);
                }
                Err(e) => {
                    let _ = save_error.try_set(Some(describe(i18n, &e)));
                }
            }
        });
    };

    // One text field bound to one member of the form.
    let text_field = move |dom_id: &'static str,
                           label: String,
                           field: &'static str,
                           get: fn(&CustomerForm) -> &String,
                           set: fn(&mut CustomerForm, String)| {
        let err_id = format!("{dom_id}-error");
        view! {
            <div class="field">
                <label for=dom_id>{label}</label>
                <input id=dom_id aria-describedby=err_id.clone()
                    prop:value=move || get(&form.get()).clone()
                    on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| set(f, v)); }/>
                <span class="form-error" id=err_id>{message_for(field)}</span>
            </div>
        }
    };

    view! {
        <LeaveGuard dirty=dirty message=tr(i18n, |i| t_string!(i, edit_leave_question))/>
        <Show when=move || restored.get()>
            <div class="notice" id="edit-restored" role="status">
                {tr(i18n, |i| t_string!(i, edit_draft_restored))} " "
                <Button variant=Variant::Text small=true attr:id="edit-discard" on:click=move |_| {
                    form.set(original.get_untracked());
                    restored.set(false);
                }>{tr(i18n, |i| t_string!(i, edit_discard))}</Button>
            </div>
        </Show>
        <ConflictPanel conflicts=conflicts form=form server=server/>
        <form class="edit-form" id="customer-edit-form" novalidate on:submit=move |ev| { ev.prevent_default(); save(); }>
            {text_field("edit-name", t_string!(i18n, cust_name).to_string(), "customerName", |f| &f.name, |f, v| f.name = v)}
            {text_field("edit-phone", t_string!(i18n, cust_phone).to_string(), "customerPhone", |f| &f.phone, |f, v| f.phone = v)}
            {text_field("edit-nick", t_string!(i18n, edit_nick_name).to_string(), "nickName", |f| &f.nick_name, |f, v| f.nick_name = v)}
            <div class="field wide">
                <label for="edit-remarks">{tr(i18n, |i| t_string!(i, cust_remarks))}</label>
                <textarea id="edit-remarks" rows="3" aria-describedby="edit-remarks-error"
                    prop:value=move || form.get().remarks
                    on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.remarks = v); }></textarea>
                <span class="form-error" id="edit-remarks-error">{message_for("remarks")}</span>
            </div>
            <div class="field wide">
                <label for="edit-tags-input">{tr(i18n, |i| t_string!(i, cust_tags))}</label>
                <TagPicker id="edit-tags" label=tr(i18n, |i| t_string!(i, cust_tags))
                    placeholder=tr(i18n, |i| t_string!(i, edit_tags_none))
                    tags=tags selected=Signal::derive(move || form.get().tags)
                    on_change=move |ids| form.update(|f| f.tags = ids)/>
                <span class="form-error" id="edit-tags-error">{message_for("tags")}</span>
            </div>
            {text_field("edit-xfield1", t_string!(i18n, edit_xfield1).to_string(), "xfield1", |f| &f.xfield1, |f, v| f.xfield1 = v)}
            <label class="tag-option" for="edit-star">
                <input type="checkbox" id="edit-star" prop:checked=move || form.get().star
                    on:change=move |ev| { let on = event_target_checked(&ev); form.update(|f| f.star = on); }/>
                <span>{tr(i18n, |i| t_string!(i, cust_starred))}</span>
            </label>
            {match contact {
                Some(_) => text_field("edit-address", t_string!(i18n, edit_address).to_string(), "address", |f| &f.address, |f, v| f.address = v).into_any(),
                None => view! { <p class="muted" id="edit-address-none">{tr(i18n, |i| t_string!(i, edit_address_none))}</p> }.into_any(),
            }}
            <p class="form-error wide" id="edit-save-error" role="alert">{move || save_error.get()}</p>
            <div class="form-actions sticky wide">
                <Button variant=Variant::Primary loading=saving
                    disabled=Signal::derive(move || !dirty.get() || !problems.get().is_empty()) submit=true attr:id="edit-save">
                    {move || if saving.get() { t_string!(i18n, edit_saving) } else { t_string!(i18n, edit_save) }}
                </Button>
                <Button disabled=Signal::derive(move || !dirty.get() || saving.get()) attr:id="edit-reset"
                    on:click=move |_| { form.set(original.get_untracked()); restored.set(false); }>
                    {tr(i18n, |i| t_string!(i, edit_discard))}
                </Button>
            </div>
        </form>
    }
}

/// The fields both this user and someone else changed: each side's value,
/// and a choice per field (or for all at once). What stays in the form is
/// what the next save sends.
#[component]
fn ConflictPanel(
    conflicts: RwSignal<Vec<Field>>,
    form: RwSignal<CustomerForm>,
    server: RwSignal<CustomerForm>,
) -> impl IntoView {
    let i18n = use_i18n();
    let tags = use_tags().list();
    let label = move |f: Field| match f {
        Field::Name => t_string!(i18n, cust_name),
        Field::Phone => t_string!(i18n, cust_phone),
        Field::NickName => t_string!(i18n, edit_nick_name),
        Field::Remarks => t_string!(i18n, cust_remarks),
        Field::Tags => t_string!(i18n, cust_tags),
        Field::Xfield1 => t_string!(i18n, edit_xfield1),
        Field::Star => t_string!(i18n, cust_starred),
    };
    let shown = move |v: &CustomerForm, f: Field| -> String {
        let text = match f {
            Field::Name => v.name.clone(),
            Field::Phone => v.phone.clone(),
            Field::NickName => v.nick_name.clone(),
            Field::Remarks => v.remarks.clone(),
            Field::Tags => tags.with(|known| {
                v.tags
                    .iter()
                    .map(|id| tag_label(known, *id))
                    .collect::<Vec<_>>()
                    .join("、")
            }),
            Field::Xfield1 => v.xfield1.clone(),
            Field::Star => if v.star {
                t_string!(i18n, clinic_yes)
            } else {
                t_string!(i18n, clinic_no)
            }
            .to_owned(),
        };
        crate::core::text::shown(Some(&text))
    };
    let decide = move |f: Field, take_server: bool| {
        if take_server {
            let theirs = server.get_untracked();
            form.update(|v| v.take(&theirs, f));
        }
        conflicts.update(|c| c.retain(|x| *x != f));
    };
    let decide_all = move |take_server: bool| {
        for f in conflicts.get_untracked() {
            decide(f, take_server);
        }
    };
    view! {
        <Show when=move || !conflicts.with(Vec::is_empty)>
            <section class="notice conflicts" id="edit-conflicts" tabindex="-1" role="alert"
                aria-labelledby="edit-conflicts-title">
                <h2 id="edit-conflicts-title">{tr(i18n, |i| t_string!(i, edit_conflict_title))}</h2>
                <p>{tr(i18n, |i| t_string!(i, edit_conflict_hint))}</p>
                <dl>
                    <For each=move || conflicts.get() key=|f| *f let:f>
                        <div class="conflict" data-field=format!("{f:?}")>
                            <dt>{move || label(f)}</dt>
                            <dd>
                                <span class="conflict-server">{tr(i18n, |i| t_string!(i, edit_conflict_server))} ": " {move || shown(&server.get(), f)}</span>
                                <span class="conflict-mine">{tr(i18n, |i| t_string!(i, edit_conflict_mine))} ": " {move || shown(&form.get(), f)}</span>
                                <Button small=true class="take-server" on:click=move |_| decide(f, true)>{tr(i18n, |i| t_string!(i, edit_take_server))}</Button>
                                <Button small=true class="keep-mine" on:click=move |_| decide(f, false)>{tr(i18n, |i| t_string!(i, edit_keep_mine))}</Button>
                            </dd>
                        </div>
                    </For>
                </dl>
                <div class="form-actions">
                    <Button attr:id="edit-take-all-server" on:click=move |_| decide_all(true)>{tr(i18n, |i| t_string!(i, edit_take_all_server))}</Button>
                    <Button attr:id="edit-keep-all-mine" on:click=move |_| decide_all(false)>{tr(i18n, |i| t_string!(i, edit_keep_all_mine))}</Button>
                </div>
            </section>
        </Show>
    }
}
