//! A phone number with what people do with it: copy it (digits only, so it pastes into any
//! dialler) and call it (the embedding page dials in embed mode, a `tel:` link otherwise, and
//! the call pop-up opens on the number). A number that cannot be reduced to digits (masked,
//! `138****0001`) is shown as text with no actions.
//!
//! Tests and hosts can watch a copy without a real clipboard: the digits go through
//! `navigator.clipboard.writeText`, which a test may replace before clicking.

use std::time::Duration;

use leptos::prelude::*;
use scrm_api::validate::normalize_phone;

use crate::core::template::fill;
use crate::platform::clipboard;
use crate::platform::dial::{ask_host, CallOpener};
use crate::platform::i18n::{t_string, use_i18n, Locale};
use crate::platform::session::use_session;
use crate::platform::tr::tr;
use crate::ui::icon::{glyph, Icon};

type I18n = leptos_i18n::I18nContext<Locale>;

/// How long "copied" stays beside the number.
const SAID_FOR: Duration = Duration::from_secs(3);

#[component]
pub fn PhoneActions(
    /// The number as the server sent it (shown as it is).
    #[prop(into)]
    phone: String,
    /// Inside the pop-up that already shows this number: calling dials, and opens nothing.
    #[prop(optional)]
    in_pop_up: bool,
    /// As a card's action buttons: the words beside the icons ("copy number", "call back")
    /// and no number in front (the card shows it).
    #[prop(optional)]
    labelled: bool,
) -> impl IntoView {
    let shown = phone.trim().to_owned();
    let Some(digits) = normalize_phone(&shown).ok() else {
        return view! { <span class="phone-actions">{shown}</span> }.into_any();
    };
    let i18n = use_i18n();
    let session = use_session();
    let opener = use_context::<CallOpener>().filter(|_| !in_pop_up);
    let said = RwSignal::new(None::<&'static str>);
    let copy = {
        let digits = digits.clone();
        move |_| {
            let digits = digits.clone();
            leptos::task::spawn_local(async move {
                let done = clipboard::copy(&digits).await;
                let text = if done {
                    t_string!(i18n, phone_copied)
                } else {
                    t_string!(i18n, phone_copy_failed)
                };
                let _ = said.try_set(Some(text));
                set_timeout(
                    move || {
                        let _ = said.try_set(None);
                    },
                    SAID_FOR,
                );
            });
        }
    };
    let call = {
        let digits = digits.clone();
        move |ev: leptos::ev::MouseEvent| {
            if ask_host(&session, &digits) {
                ev.prevent_default();
            }
            if let Some(CallOpener(open)) = opener {
                open.run(digits.clone());
            }
        }
    };
    // Named with the number, so a list of rows reads "copy 138…", "copy 139…"; re-worded on a
    // language switch.
    let label = {
        let digits = digits.clone();
        move |key: fn(I18n) -> &'static str| {
            let digits = digits.clone();
            Signal::derive(move || fill(key(i18n), &[("phone", digits.as_str())]))
        }
    };
    let copy_label = label(|i| t_string!(i, phone_copy));
    let call_label = label(|i| t_string!(i, phone_call));
    if labelled {
        return view! {
            <span class="phone-actions labelled">
                <button type="button" class="btn phone-copy" on:click=copy>
                    <Icon glyph=glyph::COPY/>{tr(i18n, |i| t_string!(i, phone_copy_number))}
                </button>
                <a class="btn phone-call" href=format!("tel:{digits}") on:click=call>
                    <Icon glyph=glyph::CALL/>{tr(i18n, |i| t_string!(i, phone_call_back))}
                </a>
                <span class="phone-said" role="status">{move || said.get()}</span>
            </span>
        }
        .into_any();
    }
    view! {
        <span class="phone-actions">
            <span class="phone-number">{shown}</span>
            <button type="button" class="btn small text icon-only phone-copy"
                aria-label=copy_label title=copy_label on:click=copy>
                <Icon glyph=glyph::COPY/>
            </button>
            <a class="btn small text icon-only phone-call" href=format!("tel:{digits}")
                aria-label=call_label title=call_label on:click=call>
                <Icon glyph=glyph::CALL/>
            </a>
            <span class="phone-said" role="status">{move || said.get()}</span>
        </span>
    }
    .into_any()
}
