//! The "视图" control in the customer filter bar: a menu of the user's saved
//! views (choosing one goes to its filter's URL, so the URL stays the one
//! source of truth) and a dialog to save the current filter, rename, delete
//! and pick the default. Rules in `views`; storage per tenant and user in
//! `platform::per_user`.
//!
//! The default view applies when `/customers` was opened with no filter in
//! its URL and nothing has changed the URL since: once at mount, or once the
//! shell learns who is signed in (whose views they are).

use leptos::html::Dialog;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::features::customers::query::CustomerFilter;
use crate::features::customers::views::{names_a_filter, NameError, SavedViews};
use crate::platform::dom::{focus, wrap_tab};
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::per_user;
use crate::platform::session::use_session;
use crate::platform::tr::tr;
use crate::ui::toast::{use_toasts, ToastKind};

const MANAGE: &str = "f-views-manage";

#[component]
pub fn SavedViewsControl(
    #[prop(into)] filter: Signal<CustomerFilter>,
    #[prop(into)] on_pick: Callback<CustomerFilter>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let views = RwSignal::new(SavedViews::default());

    let location = use_location();
    let opened_with = location.search.get_untracked();
    let applied = StoredValue::new(names_a_filter(&opened_with));
    let replace = use_navigate();
    {
        let session = session.clone();
        Effect::new(move |_| {
            session.user.track();
            let list = per_user::load::<SavedViews>(&session);
            let untouched = location.search.with_untracked(|s| *s == opened_with);
            if !applied.get_value() && untouched {
                if let Some(f) = list.default_filter() {
                    applied.set_value(true);
                    let opts = NavigateOptions {
                        replace: true,
                        ..Default::default()
                    };
                    replace(&f.href(), opts);
                }
            }
            views.set(list);
        });
    }
    let commit = move |list: SavedViews| {
        per_user::store(&session, &list);
        views.set(list);
    };
    let commit = StoredValue::new(commit);

    let current = Memo::new(move |_| views.with(|v| v.matching(&filter.get())));
    let pick = move |ev: leptos::ev::Event| {
        let chosen = event_target_value(&ev).parse::<usize>().ok();
        let f = chosen.and_then(|i| views.with_untracked(|v| v.0.get(i).map(|x| x.filter())));
        if let Some(f) = f {
            on_pick.run(f);
        }
    };

    let message = move |e: NameError| -> String {
        match e {
            NameError::Empty => t_string!(i18n, views_err_empty).to_string(),
            NameError::TooLong => t_string!(i18n, views_err_long).to_string(),
            NameError::Taken => t_string!(i18n, views_err_taken).to_string(),
            NameError::Full => t_string!(i18n, views_err_full).to_string(),
        }
    };

    // The dialog.
    let dialog = NodeRef::<Dialog>::new();
    let name = RwSignal::new(String::new());
    let name_error = RwSignal::new(None::<NameError>);
    let renaming = RwSignal::new(None::<usize>);
    let rename_to = RwSignal::new(String::new());
    let rename_error = RwSignal::new(None::<NameError>);
    let show = move |_| {
        name.set(String::new());
        name_error.set(None);
        renaming.set(None);
        if let Some(d) = dialog.get_untracked() {
            let _ = d.show_modal();
        }
        focus("view-name");
    };
    let close = move |_| {
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
    };
    let save = move || {
        let mut list = views.get_untracked();
        let typed = name.get_untracked();
        match list.save(&typed, &filter.get_untracked()) {
            Ok(()) => {
                commit.with_value(|c| c(list));
                name.set(String::new());
                name_error.set(None);
                toasts.push(
                    ToastKind::Success,
                    format!("{}: {}", t_string!(i18n, views_saved), typed.trim()),
                );
            }
            Err(e) => {
                name_error.set(Some(e));
                focus("view-name");
            }
        }
    };
    let start_rename = move |i: usize| {
        rename_to
            .set(views.with_untracked(|v| v.0.get(i).map(|x| x.name.clone()).unwrap_or_default()));
        rename_error.set(None);
        renaming.set(Some(i));
        request_animation_frame(|| focus("view-rename"));
    };
    let end_rename = move |i: usize| {
        renaming.set(None);
        request_animation_frame(move || focus(&format!("view-{i}-rename")));
    };
    let apply_rename = move || {
        let Some(i) = renaming.get_untracked() else {
            return;
        };
        let mut list = views.get_untracked();
        match list.rename(i, &rename_to.get_untracked()) {
            Ok(()) => {
                commit.with_value(|c| c(list));
                end_rename(i);
            }
            Err(e) => {
                rename_error.set(Some(e));
                focus("view-rename");
            }
        }
    };
    let delete = move |i: usize| {
        let mut list = views.get_untracked();
        let gone = list.0.get(i).map(|v| v.name.clone()).unwrap_or_default();
        list.delete(i);
        commit.with_value(|c| c(list));
        toasts.push(
            ToastKind::Success,
            format!("{}: {}", t_string!(i18n, views_deleted), gone),
        );
        focus("view-name");
    };
    let toggle_default = move |i: usize| {
        let mut list = views.get_untracked();
        list.toggle_default(i);
        commit.with_value(|c| c(list));
        request_animation_frame(move || focus(&format!("view-{i}-default")));
    };

    let rename_row = move |i: usize| {
        view! {
            <div class="field saved-view-rename">
                <label for="view-rename">{tr(i18n, |i| t_string!(i, views_rename_to))}</label>
                <input id="view-rename" type="text" prop:value=move || rename_to.get()
                    aria-invalid=move || rename_error.get().is_some().to_string()
                    aria-describedby="view-rename-error"
                    on:input=move |ev| rename_to.set(event_target_value(&ev))
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
                        "Enter" => { ev.prevent_default(); apply_rename(); }
                        // Esc leaves the rename, not the dialog.
                        "Escape" => { ev.prevent_default(); ev.stop_propagation(); end_rename(i); }
                        _ => {}
                    }/>
                <span class="form-error" id="view-rename-error" role="alert">
                    {move || rename_error.get().map(message)}
                </span>
            </div>
            <span class="saved-view-actions">
                <button type="button" id="view-rename-ok" on:click=move |_| apply_rename()>
                    {tr(i18n, |i| t_string!(i, views_save))}
                </button>
                <button type="button" id="view-rename-cancel" class="secondary" on:click=move |_| end_rename(i)>
                    {tr(i18n, |i| t_string!(i, cancel))}
                </button>
            </span>
        }
        .into_any()
    };
    let plain_row = move |i: usize, name: String, default: bool| {
        let name_id = format!("view-{i}-name");
        view! {
            <span class="saved-view-name" id=name_id.clone()>{name}</span>
            {default.then(|| view! { <span class="badge">{tr(i18n, |i| t_string!(i, views_default))}</span> })}
            <span class="saved-view-actions">
                <button type="button" class="secondary view-default" id=format!("view-{i}-default")
                    aria-pressed=default.to_string() aria-describedby=name_id.clone()
                    on:click=move |_| toggle_default(i)>
                    {if default { tr(i18n, |i| t_string!(i, views_unset_default)) } else { tr(i18n, |i| t_string!(i, views_set_default)) }}
                </button>
                <button type="button" class="secondary view-rename" id=format!("view-{i}-rename")
                    aria-describedby=name_id.clone() on:click=move |_| start_rename(i)>
                    {tr(i18n, |i| t_string!(i, views_rename))}
                </button>
                <button type="button" class="danger view-delete" aria-describedby=name_id
                    on:click=move |_| delete(i)>
                    {tr(i18n, |i| t_string!(i, views_delete))}
                </button>
            </span>
        }
        .into_any()
    };

    view! {
        <div class="field saved-views">
            <label for="f-view">{tr(i18n, |i| t_string!(i, views_label))}</label>
            <div class="saved-views-row">
                <select id="f-view" on:change=pick>
                    <option value="" disabled prop:selected=move || current.get().is_none()>
                        {move || if views.with(|v| v.0.is_empty()) {
                            t_string!(i18n, views_none).to_string()
                        } else {
                            t_string!(i18n, views_pick).to_string()
                        }}
                    </option>
                    {move || views.get().0.into_iter().enumerate().map(|(i, v)| {
                        let mark = if v.default { format!(" · {}", t_string!(i18n, views_default)) } else { String::new() };
                        view! { <option value=i.to_string() prop:selected=move || current.get() == Some(i)>{v.name}{mark}</option> }
                    }).collect_view()}
                </select>
                <button type="button" id=MANAGE class="secondary" aria-haspopup="dialog" on:click=show>
                    {tr(i18n, |i| t_string!(i, views_manage))}
                </button>
            </div>
            <dialog node_ref=dialog id="views-dialog" class="confirm-dialog views-dialog" aria-labelledby="views-title"
                on:keydown=move |ev: leptos::ev::KeyboardEvent| { if let Some(d) = dialog.get_untracked() { wrap_tab(&d, &ev) } }
                on:close=move |_| { renaming.set(None); focus(MANAGE); }>
                <h2 id="views-title">{tr(i18n, |i| t_string!(i, views_title))}</h2>
                <div class="saved-view-new">
                    <div class="field">
                        <label for="view-name">{tr(i18n, |i| t_string!(i, views_save_as))}</label>
                        <input id="view-name" type="text" prop:value=move || name.get()
                            aria-invalid=move || name_error.get().is_some().to_string()
                            aria-describedby="view-name-error"
                            on:input=move |ev| name.set(event_target_value(&ev))
                            on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" { ev.prevent_default(); save(); }/>
                        <span class="form-error" id="view-name-error" role="alert">
                            {move || name_error.get().map(message)}
                        </span>
                    </div>
                    <button type="button" id="view-save" class="primary" on:click=move |_| save()>
                        {tr(i18n, |i| t_string!(i, views_save))}
                    </button>
                </div>
                <ul class="saved-view-list" id="views-list">
                    {move || views.get().0.into_iter().enumerate().map(|(i, v)| view! {
                        <li class="saved-view">
                            {move || if renaming.get() == Some(i) { rename_row(i) } else { plain_row(i, v.name.clone(), v.default) }}
                        </li>
                    }).collect_view()}
                </ul>
                <Show when=move || views.with(|v| v.0.is_empty())>
                    <p class="muted" id="views-empty">{tr(i18n, |i| t_string!(i, views_empty))}</p>
                </Show>
                <div class="dialog-actions">
                    <button type="button" id="views-close" on:click=close>{tr(i18n, |i| t_string!(i, close))}</button>
                </div>
            </dialog>
        </div>
    }
}
