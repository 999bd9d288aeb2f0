//! The customer list's filter bar. Text filters wait for a pause in typing
//! before they change the URL (and so the query); choices apply at once.
//! The URL stays the one source of truth: when it changes (back/forward),
//! the inputs follow it.

use std::time::Duration;

use leptos::prelude::*;
use scrm_api::customer::Tag;
use scrm_api::validate::{field_messages, FieldError};

use crate::features::customers::query::CustomerFilter;
use crate::features::customers::saved_views::SavedViewsControl;
use crate::features::customers::tag_picker::TagPicker;
use crate::platform::dom::Debounce;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::locale::lang;
use crate::platform::tr::tr;

/// How long typing must pause before a text filter is applied.
const DEBOUNCE: Duration = Duration::from_millis(350);

#[component]
pub fn CustomerFilters(
    #[prop(into)] filter: Signal<CustomerFilter>,
    #[prop(into)] tags: Signal<Vec<Tag>>,
    /// Problems with the current filters (an end day before the start day).
    #[prop(into)]
    errors: Signal<Vec<FieldError>>,
    #[prop(into)] on_change: Callback<CustomerFilter>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let remarks = RwSignal::new(String::new());
    Effect::new(move |_| {
        let f = filter.get();
        name.set(f.name);
        phone.set(f.phone);
        remarks.set(f.remarks);
    });

    let typed = Debounce::new();
    let schedule = move || {
        typed.after(DEBOUNCE, move || {
            let (Some(nm), Some(ph), Some(rm), Some(mut f)) = (
                name.try_get_untracked(),
                phone.try_get_untracked(),
                remarks.try_get_untracked(),
                filter.try_get_untracked(),
            ) else {
                return;
            };
            if (nm.trim(), ph.trim(), rm.trim())
                == (f.name.as_str(), f.phone.as_str(), f.remarks.as_str())
            {
                return;
            }
            f.name = nm.trim().to_owned();
            f.phone = ph.trim().to_owned();
            f.remarks = rm.trim().to_owned();
            on_change.run(f.first_page());
        });
    };
    let text_input = move |id: &'static str, value: RwSignal<String>, kind: &'static str| {
        view! {
            <input id=id type=kind prop:value=move || value.get()
                on:input=move |ev| { value.set(event_target_value(&ev)); schedule(); }/>
        }
    };
    let set_date = move |is_from: bool, v: String| {
        let mut f = filter.get_untracked();
        if is_from {
            f.from = v;
        } else {
            f.to = v;
        }
        on_change.run(f.first_page());
    };
    let error_for = move |field: &'static str| {
        move || errors.with(|e| field_messages(e, field, lang(i18n.get_locale())))
    };

    let on_tags = move |ids: Vec<i64>| {
        let mut f = filter.get_untracked();
        f.tags = ids;
        on_change.run(f.first_page());
    };

    view! {
        <form class="filter-bar" role="search" aria-label=tr(i18n, |i| t_string!(i, cust_filters))
            on:submit=move |ev| ev.prevent_default()>
            <div class="field">
                <label for="f-name">{tr(i18n, |i| t_string!(i, cust_name))}</label>
                {text_input("f-name", name, "search")}
            </div>
            <div class="field">
                <label for="f-phone">{tr(i18n, |i| t_string!(i, cust_phone))}</label>
                {text_input("f-phone", phone, "search")}
            </div>
            <div class="field">
                <label for="f-tags-input" id="f-tags-label">{tr(i18n, |i| t_string!(i, cust_tags))}</label>
                <TagPicker id="f-tags" label=tr(i18n, |i| t_string!(i, cust_tags))
                    placeholder=tr(i18n, |i| t_string!(i, cust_tags_any))
                    tags=tags selected=Signal::derive(move || filter.get().tags)
                    on_change=on_tags/>
            </div>
            <div class="field">
                <label for="f-from">{tr(i18n, |i| t_string!(i, cust_created_from))}</label>
                <input id="f-from" type="date" prop:value=move || filter.get().from
                    on:change=move |ev| set_date(true, event_target_value(&ev))/>
                <span class="form-error" id="f-from-error">{error_for("beginTime")}</span>
            </div>
            <div class="field">
                <label for="f-to">{tr(i18n, |i| t_string!(i, cust_created_to))}</label>
                <input id="f-to" type="date" prop:value=move || filter.get().to
                    on:change=move |ev| set_date(false, event_target_value(&ev))/>
                <span class="form-error" id="f-to-error" role="alert">{error_for("endTime")}</span>
            </div>
            <div class="field">
                <label for="f-remarks">{tr(i18n, |i| t_string!(i, cust_remarks))}</label>
                {text_input("f-remarks", remarks, "search")}
            </div>
            <SavedViewsControl filter=filter on_pick=on_change/>
            <div class="field field-actions">
                <button type="button" id="f-clear" on:click=move |_| {
                    let f = CustomerFilter { size: filter.get_untracked().size, ..Default::default() };
                    on_change.run(f);
                }>{tr(i18n, |i| t_string!(i, cust_clear_filters))}</button>
            </div>
        </form>
    }
}
