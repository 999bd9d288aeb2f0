//! `/clinic`: find a clinic customer by phone, customer id or WeChat openId
//! and show the whole profile; add a customer. The look-up lives in the URL
//! (`?telnum=`, `?cusId=`, `?openId=&wxappId=`) so reloads and links keep it.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use scrm_api::clinic::{
    ClinicCustomer, CusIdRequest, CustomerBrief, CustomerInfoRequest, GetCusInfoByCusId,
    GetCusInfoByCusTelnum, GetCustomerInfo, TelnumRequest,
};

use crate::features::clinic::add_customer::AddCustomerForm;
use crate::features::clinic::customer_appointments::CustomerAppointments;
use crate::features::clinic::lookup::Lookup;
use crate::features::clinic::profile::ClinicProfile;
use crate::platform::api_client::{use_api, ApiClient, ApiError};
use crate::platform::i18n::{t_string, use_i18n};
use crate::platform::load::load;
use crate::platform::session::use_session;
use crate::ui::button::{Button, Variant};
use crate::ui::icon::glyph;
use crate::ui::loaded::Loaded;

/// What a look-up found: the full record, and the follower summary when
/// the look-up was by openId.
#[derive(Clone)]
struct Found {
    brief: Option<CustomerBrief>,
    customer: Option<ClinicCustomer>,
}

async fn find(api: ApiClient, lookup: Lookup) -> Result<Found, ApiError> {
    let by_id = |id: i64| {
        let api = api.clone();
        async move {
            api.call::<GetCusInfoByCusId>(&CusIdRequest { cus_id: Some(id) })
                .await
                .map(|r| r.customer_info)
        }
    };
    match lookup {
        Lookup::Phone(tel) => {
            let r = api
                .call::<GetCusInfoByCusTelnum>(&TelnumRequest { telnum: Some(tel) })
                .await?;
            Ok(Found {
                brief: None,
                customer: r.customer_info,
            })
        }
        Lookup::CusId(id) => Ok(Found {
            brief: None,
            customer: by_id(id).await?,
        }),
        Lookup::OpenId { open_id, wxapp_id } => {
            let r = api
                .call::<GetCustomerInfo>(&CustomerInfoRequest {
                    open_id: Some(open_id),
                    wxapp_id: Some(wxapp_id),
                })
                .await?;
            let brief = r.customer_info;
            let customer = match brief.as_ref().and_then(|b| b.id) {
                Some(id) => by_id(id).await?,
                None => None,
            };
            Ok(Found { brief, customer })
        }
    }
}

#[component]
pub fn Clinic() -> impl IntoView {
    let i18n = use_i18n();
    let enabled = use_session().config.clinic.enabled;
    // Only the labels follow the locale: the look-up's answer stays on
    // screen (a redraw of the whole page would drop it and ask again).
    view! {
        <section class="page clinic" data-route="/clinic">
            <h1>{move || t_string!(i18n, nav_clinic)}</h1>
            {if enabled {
                view! { <LookupForm/> <LookupResult/> <AddCustomerForm/> }.into_any()
            } else {
                view! { <p class="notice">{move || t_string!(i18n, clinic_disabled)}</p> }.into_any()
            }}
        </section>
    }
}

#[component]
fn LookupForm() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let query = use_query_map();
    let mode = RwSignal::new("telnum".to_owned());
    let value = RwSignal::new(String::new());
    let open_id = RwSignal::new(String::new());
    let app_id = RwSignal::new(String::new());
    // The fields follow the URL: a reload, a link or back/forward shows the
    // look-up that is displayed.
    Effect::new(
        move |_| match query.with(|q| Lookup::from_params(|k| q.get(k))) {
            Some(Lookup::CusId(id)) => {
                mode.set("cusId".into());
                value.set(id.to_string());
            }
            Some(Lookup::OpenId {
                open_id: o,
                wxapp_id: a,
            }) => {
                mode.set("openId".into());
                open_id.set(o);
                app_id.set(a);
            }
            Some(Lookup::Phone(t)) => {
                mode.set("telnum".into());
                value.set(t);
            }
            None => {}
        },
    );
    let problem = RwSignal::new(false);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let m = mode.get_untracked();
        let lookup = Lookup::from_params(|k| match (m.as_str(), k) {
            ("openId", "openId") => Some(open_id.get_untracked()),
            ("openId", "wxappId") => Some(app_id.get_untracked()),
            (m, k) if m == k => Some(value.get_untracked()),
            _ => None,
        });
        match lookup {
            Some(l) => {
                problem.set(false);
                navigate(&l.to_path(), Default::default());
            }
            None => problem.set(true),
        }
    };

    // Redrawn as a whole when the locale changes; what was typed lives in
    // the signals above.
    move || {
        let on_submit = on_submit.clone();
        view! {
            <form class="clinic-lookup" id="clinic-lookup" on:submit=on_submit role="search">
                <div class="field">
                    <label for="lookup-by">{t_string!(i18n, clinic_lookup_by)}</label>
                    <select id="lookup-by" prop:value=move || mode.get()
                        on:change=move |ev| mode.set(event_target_value(&ev))>
                        <option value="telnum">{t_string!(i18n, clinic_by_phone)}</option>
                        <option value="cusId">{t_string!(i18n, clinic_by_id)}</option>
                        <option value="openId">{t_string!(i18n, clinic_by_openid)}</option>
                    </select>
                </div>
                <Show when=move || mode.get() != "openId">
                    <div class="field">
                        <label for="lookup-value">
                            {move || if mode.get() == "cusId" { t_string!(i18n, clinic_f_id) } else { t_string!(i18n, clinic_f_telnum) }}
                        </label>
                        <input id="lookup-value" bind:value=value
                            inputmode=move || if mode.get() == "cusId" { "numeric" } else { "tel" }
                            aria-describedby="lookup-error"/>
                    </div>
                </Show>
                <Show when=move || mode.get() == "openId">
                    <div class="field">
                        <label for="lookup-open-id">"openId"</label>
                        <input id="lookup-open-id" bind:value=open_id aria-describedby="lookup-error"/>
                    </div>
                    <div class="field">
                        <label for="lookup-wxapp-id">"wxappId"</label>
                        <input id="lookup-wxapp-id" bind:value=app_id aria-describedby="lookup-error"/>
                    </div>
                </Show>
                <Button variant=Variant::Primary submit=true icon=glyph::SEARCH attr:id="lookup-submit">{t_string!(i18n, clinic_lookup)}</Button>
                <p class="form-error" id="lookup-error" role="alert">
                    {move || problem.get().then_some(t_string!(i18n, clinic_lookup_incomplete))}
                </p>
            </form>
        }
    }
}

#[component]
fn LookupResult() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let query = use_query_map();
    let lookup = Memo::new(move |_| query.with(|q| Lookup::from_params(|k| q.get(k))));
    let found = load(
        move || lookup.get(),
        move |l| {
            let api = api.clone();
            async move {
                match l {
                    Some(l) => find(api, l).await.map(Some),
                    None => Ok(None),
                }
            }
        },
    );
    view! {
        <div class="clinic-result" aria-live="polite">
            <Loaded data=found
                loading=move || view! { <p class="muted" id="lookup-loading">{move || t_string!(i18n, clinic_loading)}</p> }
                let:found>
            {match found {
                None => ().into_any(),
                Some(Found { customer: Some(c), brief }) => {
                    let appointments = c.id.map(|id| view! { <CustomerAppointments cus_id=id/> });
                    let profile = match brief {
                        Some(b) => view! { <ClinicProfile customer=c brief=b/> }.into_any(),
                        None => view! { <ClinicProfile customer=c/> }.into_any(),
                    };
                    view! { {profile} {appointments} }.into_any()
                }
                Some(_) => view! { <p class="notice" id="lookup-none">{move || t_string!(i18n, clinic_not_found)}</p> }.into_any(),
            }}
            </Loaded>
        </div>
    }
}
