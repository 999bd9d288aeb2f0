//! The dial box: type or paste a number, press Enter or Call. The number is
//! normalised with the shared rule first; an impossible number is explained
//! here instead of dialled. A good one is dialled — a `tel:` link, or
//! `scrm:dial` to the embedding page when framed — and, with the switch on, the pop-up
//! opens on it.

use leptos::prelude::*;
use scrm_api::validate::normalize_phone;

use crate::features::call::result::phone_problem;
use crate::features::call::state::use_call_pop;
use crate::platform::dial::ask_host;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::session::use_session;
use crate::platform::tr::tr;
use crate::ui::button::{Button, Variant};
use crate::ui::icon::glyph;

#[component]
pub fn DialBox() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let pop = use_call_pop();
    let number = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let launcher = NodeRef::<leptos::html::A>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let raw = number.get_untracked();
        match normalize_phone(&raw) {
            Err(e) => problem.set(Some(phone_problem(i18n, e))),
            Ok(phone) => {
                problem.set(None);
                if !ask_host(&session, &phone) {
                    // A click on a tel: link, as if the user had clicked
                    // one: the OS hands it to the softphone and the page
                    // stays (and a click can be observed, unlike a
                    // `location` change, which is how the tests see it).
                    if let Some(a) = launcher.get_untracked() {
                        let _ = a.set_attribute("href", &format!("tel:{phone}"));
                        a.click();
                    }
                }
                pop.incoming(raw);
            }
        }
    };
    view! {
        <form class="dial-box" role="search" aria-label=tr(i18n, |i| t_string!(i, dial_label)) on:submit=on_submit>
            <label for="dial-input" class="visually-hidden">{tr(i18n, |i| t_string!(i, dial_label))}</label>
            <input
                id="dial-input"
                type="tel"
                inputmode="tel"
                autocomplete="off"
                placeholder=tr(i18n, |i| t_string!(i, dial_placeholder))
                aria-describedby="dial-error"
                aria-invalid=move || problem.with(Option::is_some).then_some("true")
                bind:value=number
                on:input=move |_| problem.set(None)
            />
            <Button variant=Variant::Primary submit=true icon=glyph::CALL attr:id="dial-button">{tr(i18n, |i| t_string!(i, dial_button))}</Button>
            <span id="dial-error" class="dial-error" role="status">{move || problem.get()}</span>
            <a node_ref=launcher id="dial-launch" hidden aria-hidden="true" tabindex="-1"></a>
        </form>
    }
}
