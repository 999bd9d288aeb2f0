//! The customer list's filter bar. Text filters wait for a pause in typing
//! before they change the URL (and so the query); choices apply at once.
//! The URL stays the one source of truth: when it changes (back/forward),
//! the inputs follow it. Name, phone and tags stand in the row; the creation
//! days and remarks wait behind "more filters" (`ui::filter_bar`); saved
//! views stay in sight on a phone too, beside the filter button.

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
use crate::ui::button::{Button, Variant};
use crate::ui::field::Field;
use crate::ui::filter_bar::FilterBar;
use crate::ui::icon::glyph;

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
    let text_input = move |id: &'static str, value: RwSignal<String>| {
        view! {
            <input id=id type="search" aria-describedby=format!("{id}-error") prop:value=move || value.get()
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
        Signal::derive(move || {
            let words = errors.with(|e| field_messages(e, field, lang(i18n.get_locale())));
            (!words.is_empty()).then_some(words)
        })
    };

    let on_tags = move |ids: Vec<i64>| {
        let mut f = filter.get_untracked();
        f.tags = ids;
        on_change.run(f.first_page());
    };

    let main = move || {
        view! {
            <Field id="f-name" label=tr(i18n, |i| t_string!(i, cust_name)) prefix=glyph::SEARCH>
                {text_input("f-name", name)}
            </Field>
            <Field id="f-phone" label=tr(i18n, |i| t_string!(i, cust_phone)) prefix=glyph::PHONE>
                {text_input("f-phone", phone)}
            </Field>
            <div class="field">
                <label for="f-tags-input" id="f-tags-label">{tr(i18n, |i| t_string!(i, cust_tags))}</label>
                <TagPicker id="f-tags" label=tr(i18n, |i| t_string!(i, cust_tags))
                    placeholder=tr(i18n, |i| t_string!(i, cust_tags_any))
                    tags=tags selected=Signal::derive(move || filter.get().tags)
                    on_change=on_tags/>
            </div>
        }
    };
    let more = move || {
        view! {
            <Field id="f-from" label=tr(i18n, |i| t_string!(i, cust_created_from)) error=error_for("beginTime")>
                <input id="f-from" type="date" aria-describedby="f-from-error" prop:value=move || filter.get().from
                    on:change=move |ev| set_date(true, event_target_value(&ev))/>
            </Field>
            <Field id="f-to" label=tr(i18n, |i| t_string!(i, cust_created_to)) error=error_for("endTime")>
                <input id="f-to" type="date" aria-describedby="f-to-error" prop:value=move || filter.get().to
                    on:change=move |ev| set_date(false, event_target_value(&ev))/>
            </Field>
            <Field id="f-remarks" label=tr(i18n, |i| t_string!(i, cust_remarks))>
                {text_input("f-remarks", remarks)}
            </Field>
        }
    };
    let actions = move || {
        view! {
            <Button variant=Variant::Text icon=glyph::CLOSE attr:id="f-clear"
                on:click=move |_| on_change.run(filter.get_untracked().cleared())>
                {tr(i18n, |i| t_string!(i, cust_clear_filters))}
            </Button>
        }
    };

    view! {
        <FilterBar id="customer-filters" label=tr(i18n, |i| t_string!(i, cust_filters))
            active=Signal::derive(move || filter.with(|f| f.active().0))
            more_active=Signal::derive(move || filter.with(|f| f.active().1))
            main=main more=more actions=actions
            aside=move || view! { <SavedViewsControl filter=filter on_pick=on_change/> }/>
    }
}
