//! The "视图" control in the customer filter bar: a button naming the view
//! shown, which opens the saved-views dialog (`views_dialog`: choose a view,
//! save the current filter, rename, delete, pick the default). Rules in
//! `views`; storage per tenant and user in `platform::per_user`.
//!
//! Only the button and the default view are in the initial wasm. The dialog
//! is a split point in the panel's binary (src/routes/lazy.rs), handed over
//! as a [`SavedViewsChunk`], so its code is fetched on the first press (or
//! by the idle prefetch); if it cannot be, a toast says so and the next
//! press tries again.
//!
//! The default view applies when `/customers` was opened with no filter in
//! its URL and nothing has changed the URL since: once at mount, or once the
//! shell learns who is signed in (whose views they are). It needs only
//! storage and the URL, not the dialog's code.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::features::customers::query::CustomerFilter;
use crate::features::customers::views::{names_a_filter, SavedViews};
use crate::platform::dom::focus;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::per_user;
use crate::platform::session::use_session;
use crate::platform::tr::tr;
use crate::ui::on_first_use::{while_open, ChunkLoader};
use crate::ui::toast::{use_toasts, ToastKind};

/// The button's id: focus returns to it when the dialog closes.
pub const MANAGE: &str = "f-views-manage";

/// Fetches the dialog's code and builds the dialog. Provided by the
/// panel's binary.
#[derive(Clone, Copy)]
pub struct SavedViewsChunk(pub ChunkLoader);

/// What the dialog works on, handed to it as context (a split point takes
/// no arguments).
#[derive(Clone, Copy)]
pub struct ViewsState {
    /// The list's filter as shown.
    pub filter: Signal<CustomerFilter>,
    /// Shows a view's filter (the list's own navigation).
    pub on_pick: Callback<CustomerFilter>,
    /// The user's views as stored.
    pub views: RwSignal<SavedViews>,
    /// Whether the dialog is open.
    pub open: RwSignal<bool>,
}

impl ViewsState {
    /// Closes the dialog; focus goes back to the button.
    pub fn close(&self) {
        self.open.set(false);
        focus(MANAGE);
    }
}

#[component]
pub fn SavedViewsControl(
    #[prop(into)] filter: Signal<CustomerFilter>,
    #[prop(into)] on_pick: Callback<CustomerFilter>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let state = ViewsState {
        filter,
        on_pick,
        views: RwSignal::new(SavedViews::default()),
        open: RwSignal::new(false),
    };
    provide_context(state);
    let views = state.views;

    let location = use_location();
    let opened_with = location.search.get_untracked();
    let applied = StoredValue::new(names_a_filter(&opened_with));
    let replace = use_navigate();
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

    // The view shown, by name; else an invitation to save or choose one.
    let shown = move || {
        views
            .with(|v| {
                v.matching(&filter.get())
                    .and_then(|i| v.0.get(i).map(|x| x.name.clone()))
            })
            .unwrap_or_else(|| t_string!(i18n, views_open).to_string())
    };
    let failed = Callback::new(move |()| {
        toasts.push(ToastKind::Error, t_string!(i18n, views_load_failed));
        state.close();
    });
    let chunk = use_context::<SavedViewsChunk>().map(|c| c.0);

    view! {
        <div class="field saved-views">
            <span class="field-label" id="f-views-label">{tr(i18n, |i| t_string!(i, views_label))}</span>
            <button type="button" id=MANAGE class="secondary saved-views-button" aria-haspopup="dialog"
                aria-labelledby=format!("f-views-label {MANAGE}")
                on:click=move |_| state.open.set(true)>
                {shown}
            </button>
            {while_open(state.open.into(), chunk, failed)}
        </div>
    }
}
