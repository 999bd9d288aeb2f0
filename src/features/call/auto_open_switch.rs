//! The "open customer info after a call" switch. The same control sits on
//! /settings and inside the pop-up; both show the one app-wide value, so
//! turning it off in the pop-up is seen on /settings and vice versa.

use leptos::prelude::*;

use crate::features::call::state::use_call_pop;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::tr::tr;
use crate::ui::error_view::describe;

#[component]
pub fn AutoOpenSwitch(
    /// Element id of the checkbox; unique per place it is shown.
    id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let pop = use_call_pop();
    if pop.auto_open.get_untracked().is_none() {
        leptos::task::spawn_local(async move {
            let _ = pop.reload_switch().await;
        });
    }
    let on_change = move |ev: leptos::ev::Event| pop.save_switch(event_target_checked(&ev));
    let error_id = format!("{id}-error");
    view! {
        <div class="auto-open-switch">
            <label>
                <input
                    type="checkbox"
                    id=id
                    aria-describedby=error_id.clone()
                    prop:checked=move || pop.auto_open.get() == Some(true)
                    disabled=move || pop.auto_open.get().is_none()
                    on:change=on_change
                />
                " " {tr(i18n, |i| t_string!(i, call_auto_open))}
            </label>
            <div id=error_id class="form-error" role="status">
                {move || pop.switch_error.get().map(|e| view! {
                    <span>{describe(i18n, &e)}</span>
                    " "
                    <button type="button" class="link-button" on:click=move |_| {
                        leptos::task::spawn_local(async move {
                            let _ = pop.reload_switch().await;
                        });
                    }>{tr(i18n, |i| t_string!(i, retry))}</button>
                })}
            </div>
        </div>
    }
}
