//! The saved-views dialog (its own chunk, fetched on first use; see
//! `saved_views`): the user's views, each shown by choosing its name (which
//! goes to its filter's URL, so the URL stays the one source of truth),
//! saving the current filter under a name, rename, delete and the default.
//! Mounted while open; the state it works on comes as a `ViewsState`.

use leptos::ev::KeyboardEvent;
use leptos::html::Dialog;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

use crate::features::customers::saved_views::ViewsState;
use crate::features::customers::views::{NameError, SavedViews};
use crate::platform::dom::{focus, wrap_tab};
use crate::platform::i18n::{t_string, use_i18n, Locale};
use crate::platform::per_user;
use crate::platform::session::use_session;
use crate::platform::tr::tr;
use crate::ui::badge::{Badge, Tone};
use crate::ui::button::{Button, Variant};
use crate::ui::icon::glyph;
use crate::ui::toast::{use_toasts, ToastKind};

#[component]
pub fn SavedViewsDialog() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let state = expect_context::<ViewsState>();
    let ViewsState {
        filter,
        on_pick,
        views,
        ..
    } = state;
    let commit = move |list: SavedViews| {
        per_user::store(&session, &list);
        views.set(list);
    };
    let commit = StoredValue::new(commit);

    let current = Memo::new(move |_| views.with(|v| v.matching(&filter.get())));

    let dialog = NodeRef::<Dialog>::new();
    let name = RwSignal::new(String::new());
    let name_error = RwSignal::new(None::<NameError>);
    let renaming = RwSignal::new(None::<usize>);
    let rename_to = RwSignal::new(String::new());
    let rename_error = RwSignal::new(None::<NameError>);

    // Mounted when opened: show it as a modal dialog, focus in the name.
    Effect::new(move |_| {
        if let Some(d) = dialog.get() {
            if !d.open() {
                let _ = d.show_modal();
            }
            focus("view-name");
        }
    });
    let close = move || {
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
    };
    let pick = move |i: usize| {
        let f = views.with_untracked(|v| v.0.get(i).map(|x| x.filter()));
        close();
        if let Some(f) = f {
            on_pick.run(f);
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
                {name_field(i18n, "view-rename", |i| t_string!(i, views_rename_to), rename_to, rename_error,
                    move |ev| match ev.key().as_str() {
                        "Enter" => { ev.prevent_default(); apply_rename(); }
                        // Esc leaves the rename, not the dialog.
                        "Escape" => { ev.prevent_default(); ev.stop_propagation(); end_rename(i); }
                        _ => {}
                    })}
            </div>
            <span class="saved-view-actions">
                <Button small=true attr:id="view-rename-ok" on:click=move |_| apply_rename()>
                    {tr(i18n, |i| t_string!(i, views_save))}
                </Button>
                <Button small=true attr:id="view-rename-cancel" on:click=move |_| end_rename(i)>
                    {tr(i18n, |i| t_string!(i, cancel))}
                </Button>
            </span>
        }
        .into_any()
    };
    let plain_row = move |i: usize, name: String, default: bool| {
        let name_id = format!("view-{i}-name");
        view! {
            // Choosing the name shows the view.
            <button type="button" class="link-button saved-view-name" id=name_id.clone()
                aria-current=move || (current.get() == Some(i)).then_some("true")
                on:click=move |_| pick(i)>
                {name}
            </button>
            {default.then(|| view! { <Badge tone=Tone::Brand>{tr(i18n, |i| t_string!(i, views_default))}</Badge> })}
            <span class="saved-view-actions">
                <Button variant=Variant::Text small=true icon=glyph::STAR
                    attr:id=format!("view-{i}-default")
                    attr:aria-pressed=default.to_string() attr:aria-describedby=name_id.clone()
                    on:click=move |_| toggle_default(i)>
                    {if default { tr(i18n, |i| t_string!(i, views_unset_default)) } else { tr(i18n, |i| t_string!(i, views_set_default)) }}
                </Button>
                <Button variant=Variant::Text small=true icon=glyph::EDIT
                    attr:id=format!("view-{i}-rename")
                    attr:aria-describedby=name_id.clone() on:click=move |_| start_rename(i)>
                    {tr(i18n, |i| t_string!(i, views_rename))}
                </Button>
                <Button variant=Variant::Danger small=true icon=glyph::DELETE
                    attr:id=format!("view-{i}-delete") attr:aria-describedby=name_id
                    on:click=move |_| delete(i)>
                    {tr(i18n, |i| t_string!(i, views_delete))}
                </Button>
            </span>
        }
        .into_any()
    };

    view! {
        <dialog node_ref=dialog id="views-dialog" class="confirm-dialog views-dialog" aria-labelledby="views-title"
            on:keydown=move |ev: leptos::ev::KeyboardEvent| { if let Some(d) = dialog.get_untracked() { wrap_tab(&d, &ev) } }
            on:close=move |_| state.close()>
            <h2 id="views-title">{tr(i18n, |i| t_string!(i, views_title))}</h2>
            <div class="saved-view-new">
                <div class="field">
                    {name_field(i18n, "view-name", |i| t_string!(i, views_save_as), name, name_error,
                        move |ev| if ev.key() == "Enter" { ev.prevent_default(); save(); })}
                </div>
                <Button variant=Variant::Primary attr:id="view-save" on:click=move |_| save()>
                    {tr(i18n, |i| t_string!(i, views_save))}
                </Button>
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
                <Button attr:id="views-close" on:click=move |_| close()>{tr(i18n, |i| t_string!(i, close))}</Button>
            </div>
        </dialog>
    }
}

/// A view name's field (`id`): its label, the text, and why the name was
/// refused next to it; `on_key` takes Enter (and Esc).
fn name_field(
    i18n: I18nContext<Locale>,
    id: &'static str,
    label: fn(I18nContext<Locale>) -> &'static str,
    value: RwSignal<String>,
    error: RwSignal<Option<NameError>>,
    on_key: impl Fn(KeyboardEvent) + 'static,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    view! {
        <label for=id>{tr(i18n, label)}</label>
        <input id=id type="text" prop:value=move || value.get()
            aria-invalid=move || error.get().is_some().to_string()
            aria-describedby=error_id.clone()
            on:input=move |ev| value.set(event_target_value(&ev))
            on:keydown=on_key/>
        <span class="form-error" id=error_id role="alert">
            {move || error.get().map(|e| refusal(i18n, e))}
        </span>
    }
}

/// Why a name was refused, in words.
fn refusal(i18n: I18nContext<Locale>, e: NameError) -> String {
    match e {
        NameError::Empty => t_string!(i18n, views_err_empty).to_string(),
        NameError::TooLong => t_string!(i18n, views_err_long).to_string(),
        NameError::Taken => t_string!(i18n, views_err_taken).to_string(),
        NameError::Full => t_string!(i18n, views_err_full).to_string(),
    }
}
