//! `/call?phone=...`: where a softphone or CTI system opens the panel on a
//! number. With the switch on the pop-up opens by itself; the page always
//! offers it and a `tel:` link, so nothing depends on the switch.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use scrm_api::validate::normalize_phone;

use crate::features::call::auto_open_switch::AutoOpenSwitch;
use crate::features::call::state::use_call_pop;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::tr::tr;
use crate::ui::button::{Button, Variant};
use crate::ui::icon::glyph;

#[component]
pub fn Call() -> impl IntoView {
    let i18n = use_i18n();
    let pop = use_call_pop();
    let query = use_query_map();
    let phone = Memo::new(move |_| query.read().get("phone").unwrap_or_default());
    // Each new number is a new call; the same number again (a re-render) is not.
    Effect::new(move |_| {
        let raw = phone.get();
        if !raw.trim().is_empty() {
            pop.incoming(raw);
        }
    });
    let tel = move || normalize_phone(&phone.get()).ok();
    view! {
        <section class="page call-page" data-route="/call">
            <h1>{tr(i18n, |i| t_string!(i, nav_call))}</h1>
            <p>{tr(i18n, |i| t_string!(i, call_phone))} ": " <span class="param" id="call-phone">{move || phone.get()}</span></p>
            <div class="call-actions">
                <Button variant=Variant::Primary icon=glyph::PERSON attr:id="call-show" on:click=move |_| pop.open(phone.get_untracked())>
                    {tr(i18n, |i| t_string!(i, call_show_info))}
                </Button>
                {move || tel().map(|n| view! {
                    <a class="button" id="call-dial" href=format!("tel:{n}")>{tr(i18n, |i| t_string!(i, call_dial_link))}</a>
                })}
            </div>
            <AutoOpenSwitch id="call-page-auto-open"/>
            <p class="muted">{tr(i18n, |i| t_string!(i, call_page_hint))}</p>
        </section>
    }
}
