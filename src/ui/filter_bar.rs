//! A list's filters. On a desktop the main fields stand in a row and the secondary ones wait
//! behind "more filters" (open at first when one of them is set, so a set filter is never
//! hidden). On a phone the whole bar folds into one "filter" button that shows how many
//! filters are set and opens the fields in a [`Drawer`], so the list starts on the first
//! screen.
//!
//! The fields are drawn in one place at a time (the row or the drawer), so their ids stay
//! unique; they should read their values from the page's state (the URL), which survives the
//! move when the window crosses the phone width.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::tr::tr;
use crate::ui::button::{Button, Variant};
use crate::ui::drawer::Drawer;
use crate::ui::icon::glyph;

/// The phone layout's width, as in `style/main.css`.
const NARROW: &str = "(max-width: 47.5em)";

#[component]
pub fn FilterBar(
    /// The form's id; the phone's button is `{id}-toggle`, its drawer `{id}-drawer`.
    #[prop(into)]
    id: String,
    /// The form's accessible name (it is a search landmark).
    #[prop(into)]
    label: TextProp,
    /// How many filters are set, shown on the phone's button.
    #[prop(into)]
    active: Signal<usize>,
    /// How many of the secondary filters are set.
    #[prop(into, optional)]
    more_active: Signal<usize>,
    /// For bars applied with a button: runs on submit (the default is already prevented);
    /// true when the filters were taken, which closes the drawer.
    #[prop(optional)]
    on_submit: Option<Callback<SubmitEvent, bool>>,
    /// The fields always in the row.
    #[prop(into)]
    main: ViewFn,
    /// The fields behind "more filters".
    #[prop(into, optional)]
    more: Option<ViewFn>,
    /// Buttons after the fields (apply, clear).
    #[prop(into, optional)]
    actions: ViewFn,
    /// A control that stays in sight on a phone too, beside the filter button (saved views).
    #[prop(into, optional)]
    aside: ViewFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let narrow = narrow_screen();
    let drawer_open = RwSignal::new(false);
    let expanded = RwSignal::new(more_active.get_untracked() > 0);
    let toggle_id = format!("{id}-toggle");
    let more_id = format!("{id}-more");
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let taken = on_submit.map(|f| f.run(ev)).unwrap_or(true);
        if taken {
            drawer_open.set(false);
        }
    };
    let has_more = more.is_some();
    let title = label.clone();
    let aside_view = aside.clone();
    let form = {
        let (id, more_id) = (id.clone(), more_id.clone());
        move |in_drawer: bool| {
            let more = more.clone();
            let more_toggle = (has_more && !in_drawer).then(|| {
                view! {
                    <Button variant=Variant::Text icon=glyph::MORE_DOWN
                        attr:id=more_id.clone()
                        attr:aria-expanded=move || expanded.get().to_string()
                        on:click=move |_| expanded.update(|e| *e = !*e)>
                        {move || if expanded.get() {
                            t_string!(i18n, ui_fewer_filters)
                        } else {
                            t_string!(i18n, ui_more_filters)
                        }}
                        {move || (more_active.get() > 0).then(|| view! { <span class="count">{more_active.get()}</span> })}
                    </Button>
                }
            });
            let done = in_drawer.then(|| {
                view! {
                    <Button variant=Variant::Primary submit=true>
                        {tr(i18n, |i| t_string!(i, ui_show_results))}
                    </Button>
                }
            });
            view! {
                <form id=id.clone() class=if in_drawer { "filter-bar in-drawer" } else { "filter-bar" }
                    role="search" aria-label=label.clone() on:submit=submit>
                    {main.run()}
                    {(!in_drawer).then(|| aside.run())}
                    {move || (in_drawer || expanded.get()).then(|| more.as_ref().map(ViewFn::run))}
                    <div class="field field-actions">{more_toggle}{actions.run()}{done}</div>
                </form>
            }
        }
    };
    // Redrawn only when the window crosses the phone width: the fields' own reads stay theirs
    // (untracked here), so a filter change never replaces the input being typed in.
    move || {
        let phone = narrow.get();
        untrack(|| {
            if phone {
                let form = form.clone();
                view! {
                <div class="filter-fold">
                    <Button icon=glyph::FILTER attr:id=toggle_id.clone()
                        attr:aria-haspopup="dialog"
                        on:click=move |_| drawer_open.set(true)>
                        {tr(i18n, |i| t_string!(i, ui_filter))}
                        {move || (active.get() > 0).then(|| view! { <span class="count">{active.get()}</span> })}
                    </Button>
                    {aside_view.run()}
                    <Drawer id=format!("{id}-drawer") title=title.clone() open=drawer_open
                        return_focus=toggle_id.clone()>
                        {form(true)}
                    </Drawer>
                </div>
            }
            .into_any()
            } else {
                form(false).into_any()
            }
        })
    }
}

/// Whether the window is phone-wide now, following resizes.
fn narrow_screen() -> Signal<bool> {
    let now = || {
        web_sys::window()
            .and_then(|w| w.match_media(NARROW).ok().flatten())
            .is_some_and(|m| m.matches())
    };
    let narrow = RwSignal::new(now());
    let listener = window_event_listener(leptos::ev::resize, move |_| {
        let n = now();
        if narrow.try_get_untracked() != Some(n) {
            narrow.set(n);
        }
    });
    on_cleanup(move || listener.remove());
    narrow.into()
}
