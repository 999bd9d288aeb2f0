//! The dial box: type or paste a number, press Enter. The call screen-pop
//! issue gives it its full behaviour; for now it opens the call page.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::i18n::{t, t_string, use_i18n};
use crate::nav::encode_component;

#[component]
pub fn DialBox() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let number = RwSignal::new(String::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = number.get_untracked();
        let n = n.trim();
        if !n.is_empty() {
            navigate(
                &format!("/call?phone={}", encode_component(n)),
                Default::default(),
            );
        }
    };
    view! {
        <form class="dial-box" role="search" on:submit=on_submit>
            <label for="dial-input" class="visually-hidden">{t!(i18n, dial_label)}</label>
            <input
                id="dial-input"
                type="tel"
                inputmode="tel"
                autocomplete="off"
                placeholder=move || t_string!(i18n, dial_placeholder)
                bind:value=number
            />
            <button type="submit">{t!(i18n, dial_button)}</button>
        </form>
    }
}
