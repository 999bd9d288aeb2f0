//! "Already a customer: 张三 — open": said under a phone field as soon as
//! the number is complete, so the user learns of a duplicate before filling
//! in the rest of the form. Asks what the call pop-up asks (and the clinic's
//! by-phone look-up when that module is on); only the newest number's answer
//! shows, and a number changed meanwhile aborts the older look-up. Never
//! blocks saving.

use leptos::prelude::*;
use scrm_api::call::{CustomerInfoByCallRequest, GetCustomerInfoByCall};

use crate::core::known_phone::{complete, from_call, from_clinic, Known};
use crate::core::nav::href;
use crate::core::template::fill;
use crate::platform::api_client::{use_api, ApiClient, ApiError};
use crate::platform::clinic;
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::load::load;
use crate::platform::session::use_session;
use crate::platform::tr::tr;
use crate::ui::loaded::Loaded;

/// Everyone who already has `phone` (a complete mobile number). The
/// manual-entry import asks the same for each number of its file.
pub async fn look_up(api: ApiClient, phone: String, clinic: bool) -> Result<Vec<Known>, ApiError> {
    let request = CustomerInfoByCallRequest {
        phone: Some(phone.clone()),
    };
    let info = api.call::<GetCustomerInfoByCall>(&request).await?;
    let mut found = from_call(&info.data.unwrap_or_default(), &phone);
    if clinic {
        let c = clinic::by_phone(&api, phone.clone()).await?;
        found.extend(from_clinic(c.as_ref(), &phone));
    }
    Ok(found)
}

#[component]
pub fn KnownPhone(
    /// What the user typed into the phone field.
    #[prop(into)]
    phone: Signal<String>,
    /// The element's id (tests and `aria-describedby` find it by this).
    id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let clinic = use_session().config.clinic.enabled;
    let data = load(
        move || complete(&phone.get()),
        move |number| {
            let api = api.clone();
            async move {
                match number {
                    Some(number) => look_up(api, number, clinic).await,
                    None => Ok(Vec::new()),
                }
            }
        },
    );
    let line = move |known: Known| {
        let (text, link) = match known {
            Known::Customer { name, edit } => (
                fill(t_string!(i18n, known_customer), &[("name", &name)]),
                edit,
            ),
            Known::ManualEntry { name, list } => (
                fill(t_string!(i18n, known_manual), &[("name", &name)]),
                list,
            ),
            Known::Clinic { name, profile } => (
                fill(t_string!(i18n, known_clinic), &[("name", &name)]),
                profile,
            ),
        };
        view! {
            <li>
                {text}
                {link.map(|to| view! {
                    " — " <a href=href(&to) target="_blank" rel="noopener">{tr(i18n, |i| t_string!(i, known_open))}</a>
                })}
            </li>
        }
    };
    // The live region is there from the start, so its news is announced.
    view! {
        <div class="known-phone" id=id role="status">
            <Loaded data=data loading=|| () let:found>
                {(!found.is_empty()).then(|| view! {
                    <ul>{found.into_iter().map(line).collect_view()}</ul>
                    <p class="muted">{tr(i18n, |i| t_string!(i, known_hint))}</p>
                })}
            </Loaded>
        </div>
    }
}
